"""Concurrent saves: distinct codes, one shared category node, no 500."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.conftest import IS_POSTGRES, Api


@pytest.mark.postgres_only
@pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL for real concurrency")
def test_concurrent_saves_share_new_categories_and_get_distinct_codes(api: Api) -> None:
    def save(index: int) -> dict[str, Any]:
        return api.call("item/save", item={"Name": f"Item {index}", "NodeFamily": "دیجیتال:موبایل"})

    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(save, range(16)))
    assert [body["ErrorCode"] for body in bodies] == [0] * 16
    codes = sorted(body["Result"]["Code"] for body in bodies)
    assert codes == [str(number).zfill(6) for number in range(1, 17)]
    assert len({body["Result"]["NodeId"] for body in bodies}) == 1
    root = api.ok("setting/GetProductCategories")["Root"]
    assert [child["Name"] for child in root["Children"]] == ["دیجیتال"]
    assert [child["Name"] for child in root["Children"][0]["Children"]] == ["موبایل"]
