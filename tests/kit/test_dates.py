"""kit.dates.parse_date: the forms Hesabfa clients send, and nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from hesabdar.kit.dates import parse_date
from tests.conftest import Api


@pytest.mark.parametrize(
    "text",
    [
        "2026-06-02",
        "2026-6-2",
        "2026/06/02",
        " 2026-06-02 ",
        "2026-06-02T10:00:00",
        "2026-06-02 10:00:00",
        "2026-06-02T10:00",
        "2026-06-02T10:00:00.123",
        "2026-06-02T10:00:00.123456Z",
        "2026-06-02T10:00:00Z",
        "2026-06-02T10:00:00+03:30",
        "2026-06-02T10:00:00-0500",
        "1405/03/12",
        "1405-03-12",
    ],
)
def test_accepted_forms(text: str) -> None:
    assert parse_date(text) == date(2026, 6, 2)


@pytest.mark.parametrize(
    "text",
    [
        "2026-06-02garbage",
        "2026-06-02T",
        "2026-06-02T25:00:00",
        "2026-06-02T10:61",
        "2026-06/02",
        "2026-06-02T10:00:00+3",
        "02-06-2026",
        "yesterday",
        "",
        "2026-13-01",
        "1405/13/01",
    ],
)
def test_refused_forms(text: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_date(text)


def test_a_date_with_trailing_text_is_refused_through_the_api(api: Api) -> None:
    with api.unchanged("contact/getcontacts"):
        message = api.fail(
            "contact/save", 114, contact={"Name": "Ali", "RegistrationDate": "2026-06-02garbage"}
        )
    assert message.startswith("Invalid value for contact.RegistrationDate: not a date:")
    saved = api.ok(
        "contact/save", contact={"Name": "Ali", "RegistrationDate": "2026-06-02T10:00:00.5+03:30"}
    )
    assert saved["RegistrationDate"] == "2026-06-02T00:00:00"
