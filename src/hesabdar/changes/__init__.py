"""The change log (Hesabfa's LogAction codes), read by ``setting/GetChanges``, and the change
hooks that announce it: ``hooks`` (registration and the outbox), ``delivery`` (the worker that
sends the outbox), ``sending`` (one POST) and ``addresses`` (where hooks may go)."""
