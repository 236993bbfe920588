"""An error's domain location, spelled as the called method's request model names the field."""

from __future__ import annotations

from pydantic import Field

from hesabdar.kit.errors import DomainNaming, InvalidFieldValue, Location, MissingParameter
from hesabdar.v1.models import V1Model, V1Params
from hesabdar.v1.naming import V1Naming


class Row(V1Model):
    contact_type: int | None = None
    source: str = Field(default="", alias="From")


class Line(V1Params):
    account_path: str | None = None


class Params(V1Params):
    rows: list[Row] = []
    line: Line | None = None


def test_steps_take_the_aliases_of_the_request_model() -> None:
    naming = V1Naming(Params)
    assert naming.path(Location.of("rows", 2, "contact_type")) == "rows[2].ContactType"
    assert naming.path(Location.of("rows", 0, "source")) == "rows[0].From"
    assert naming.field(Location.of("rows", 0, "source")) == "From"
    assert naming.path(Location.of("line", "account_path")) == "line.accountPath"


def test_steps_the_model_does_not_know_are_camel_case() -> None:
    assert V1Naming(Params).path(Location.of("rows", 1, "unit_price")) == "rows[1].unitPrice"
    assert V1Naming().path(Location.of("document", "transactions", 1, "side")) == (
        "document.transactions[1].type"
    )


def test_errors_read_alike_in_each_naming() -> None:
    error = InvalidFieldValue("must be 0, 1 or 2 (got 9).", location=Location.of("rows", 1))
    located = InvalidFieldValue(
        "must be 1 (got 9).", location=Location.of("rows", 1, "contact_type")
    )
    assert located.describe_named(V1Naming(Params)) == (
        "Invalid value for rows[1].ContactType: must be 1 (got 9)."
    )
    assert str(located) == "Invalid value for rows[1].contact_type: must be 1 (got 9)."
    assert (
        error.describe_named(DomainNaming())
        == "Invalid value for rows[1]: must be 0, 1 or 2 (got 9)."
    )
    missing = MissingParameter(location=Location.of("line", "account_path"))
    assert missing.describe_named(V1Naming(Params)) == (
        "Missing parameter: line.accountPath is required."
    )
