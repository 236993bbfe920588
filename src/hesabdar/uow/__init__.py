"""The request's unit of work, the same for every facade.

A facade (v1 today, the REST facade next) reads and validates its own input and renders its own
answer; between the two it opens a :func:`~hesabdar.uow.unit.unit_of_work`, which owns the rest:
the session, who is calling, the idempotency claim, the commit or rollback, and what runs only
after a commit. It lives outside ``kit`` because it composes domains (tenancy, idempotency, change
hooks), and ``kit`` imports none.
"""
