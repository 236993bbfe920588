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
