"""The change log (Hesabfa's LogAction codes), read by ``setting/GetChanges``."""
