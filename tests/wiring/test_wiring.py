"""hesabdar.wiring states who provides what; importing a module registers nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from hesabdar import wiring
from hesabdar.kit import references
from hesabdar.ledger import details
from hesabdar.ledger.core import DetailType
from hesabdar.v1 import registry
from hesabdar.v1.models import NoParams
from hesabdar.v1.registry import V1Methods


def test_wiring_twice_changes_nothing() -> None:
    before = {kind: list(checks) for kind, checks in references._REFERRERS.items()}
    methods = registry.all_methods()
    wiring.wire()
    assert {kind: list(checks) for kind, checks in references._REFERRERS.items()} == before
    assert registry.all_methods() == methods


def test_every_detail_kind_has_a_lookup() -> None:
    assert set(wiring.DETAIL_LOOKUPS) == set(details.DETAIL_KINDS)


def test_a_detail_kind_without_a_lookup_stops_the_start() -> None:
    partial = {k: v for k, v in wiring.DETAIL_LOOKUPS.items() if k != DetailType.PETTY_CASH}
    with pytest.raises(RuntimeError, match="PETTY_CASH"):
        details.provide(partial, wiring.PROJECT_LOOKUP)


def test_the_catalogue_is_every_facade_s_methods() -> None:
    declared = {method.path for facade in wiring.V1_FACADES for method in facade}
    assert {method.path for method in registry.all_methods()} == declared
    assert registry.find("CONTACT", "GetContacts") is not None


def test_a_method_declared_twice_stops_the_start() -> None:
    twice = V1Methods()

    def handler(_ctx: object, _params: NoParams) -> None:
        return None

    twice.method("setting", "GetBanks")(handler)
    with pytest.raises(RuntimeError, match="declared twice: setting/GetBanks"):
        registry.install([*wiring.V1_FACADES, twice])
    assert registry.find("setting", "GetBanks") is not None


def _fresh_python(code: str) -> None:
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True, timeout=120)


def test_importing_every_module_registers_nothing() -> None:
    # A fresh interpreter: this one is wired by the test suite.
    _fresh_python(
        """
        import importlib, pkgutil
        import hesabdar
        # Not the entry points (they start the app or the CLI) nor the migration scripts.
        skipped = ("hesabdar.asgi", "hesabdar.__main__", "hesabdar.migrations.")
        for module in pkgutil.walk_packages(hesabdar.__path__, "hesabdar."):
            if not module.name.startswith(skipped):
                importlib.import_module(module.name)
        from hesabdar.contacts import service as contacts
        from hesabdar.kit import references
        from hesabdar.v1 import registry
        assert contacts._balance_provider is None
        assert not any(references._REFERRERS.values()), references._REFERRERS
        assert not registry._METHODS
        """
    )


def test_using_the_ledger_or_the_catalogue_unwired_is_a_loud_error() -> None:
    _fresh_python(
        """
        from hesabdar.ledger import details
        from hesabdar.v1 import registry
        for call in (
            lambda: details.find(None, 1, details.CODE_FIELDS[0], "1"),
            lambda: details.project_titles(None, 1, [1]),
            lambda: registry.find("contact", "get"),
        ):
            try:
                call()
            except RuntimeError as error:
                assert "hesabdar.wiring.wire()" in str(error), error
            else:
                raise AssertionError("no error")
        """
    )
