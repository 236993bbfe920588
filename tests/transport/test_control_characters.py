"""Control characters in any text a client sends answer 114 naming the field, the same on
SQLite and PostgreSQL (which cannot store NUL); tab, line feed and carriage return are kept."""

from __future__ import annotations

import pytest

from tests.conftest import Api


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x7f"])
def test_control_characters_are_refused_everywhere(api: Api, bad: str) -> None:
    with api.unchanged("contact/getcontacts", "item/getitems"):
        message = api.fail("contact/save", 114, contact={"Name": f"Ali{bad}"})
        assert message.startswith("Invalid value for contact.Name: contains the control character")
        message = api.fail("item/save", 114, item={"Name": "Mug", "Description": f"a{bad}b"})
        assert message.startswith("Invalid value for item.Description:")
        message = api.fail(
            "contact/getcontacts",
            114,
            queryInfo={"Filters": [{"Property": "Name", "Operator": "*", "Value": f"x{bad}"}]},
        )
        assert "contains the control character" in message


def test_tab_line_feed_and_carriage_return_are_kept(api: Api) -> None:
    saved = api.ok("contact/save", contact={"Name": "Ali", "Note": "line one\r\n\tline two"})
    assert api.ok("contact/get", code=saved["Code"])["Note"] == "line one\r\n\tline two"


@pytest.mark.parametrize("bad", ["\ud800", "a\udfffb"])
def test_unpaired_surrogates_are_refused_where_any_value_goes(api: Api, bad: str) -> None:
    # A filter's value takes any JSON value: a lone surrogate reached the database, which
    # cannot encode it (100 on both). Text fields refuse one with pydantic's own message.
    query = {"Filters": [{"Property": "Name", "Operator": "*", "Value": bad}]}
    message = api.fail("contact/getcontacts", 114, queryInfo=query)
    assert message.startswith("Invalid value for queryInfo.Filters[0].Value: contains an unpaired")
    query = {"Filters": [{"Property": "Code", "Operator": "in", "Value": ["000001", bad]}]}
    assert "unpaired surrogate" in api.fail("contact/getcontacts", 114, queryInfo=query)
    with api.unchanged("contact/getcontacts"):
        message = api.fail("contact/save", 114, contact={"Name": bad})
        assert message.startswith("Invalid value for contact.Name:")
