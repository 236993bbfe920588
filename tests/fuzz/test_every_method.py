"""Every v1 method in the catalogue, fed bad bodies built from its own parameters model.

The methods are read from the catalogue when the tests are collected, so a method added to
:data:`hesabdar.wiring.V1_FACADES` is covered without touching this file. For each generated body
the answer must be Hesabfa's envelope with HTTP 200; a refusal carries an ErrorCode other than
100 and a message, and leaves every table as it was (:mod:`tests.fuzz.fingerprint`). A read
changes nothing even when it succeeds; a write that accepts a body may change what it wrote.

``HESABDAR_FUZZ_EXAMPLES=500`` runs more examples per method, from a random seed; by default a
fixed number of examples is drawn from a fixed seed, so that CI sees the same bodies each run.
"""

from __future__ import annotations

import dataclasses
import json
import os
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from hesabdar import wiring
from hesabdar.db import Database
from hesabdar.v1 import registry
from hesabdar.v1.registry import V1Method
from tests.conftest import Api
from tests.fuzz.bodies import Context, body, encode, fields_of, paths
from tests.fuzz.fingerprint import Fingerprint, changed_tables, fingerprint
from tests.ledger.helpers import CASH, fiscal_date, make_masters, simple

wiring.wire()
METHODS = registry.all_methods()
EXAMPLES = int(os.environ.get("HESABDAR_FUZZ_EXAMPLES", "0"))
INTERNAL_ERROR = 100
OPERATORS = ("=", "!=", "<", ">=", "in", "*")


def populate(api: Api) -> Context:
    """A business with one of most things, and the values that name them."""
    codes = make_masters(api)
    api.ok("setting/SaveProject", project={"Title": "پروژه"})
    api.ok("setting/SaveSalesman", salesman={"Name": "فروشنده"})
    api.ok("setting/SaveWarehouse", warehouse={"Name": "انبار"})
    api.ok("setting/SetCurrencyTable", table=[{"from": "USD", "to": "IRR", "rate": 500000}])
    api.ok("document/save", document=simple(api, status=1))
    api.ok("document/save", document=simple(api, status=0))
    return Context(
        texts=(*codes.values(), CASH, "پروژه", "فروشنده"),
        dates=(fiscal_date(api), fiscal_date(api, 40)),
    )


def with_properties(context: Context, api: Api, method: V1Method) -> Context:
    """For a list method, the properties its filters take, as its answer to an unknown one
    names them: filters then reach their values' checks rather than stopping at the name."""
    if ("queryInfo", "Filters", "Property") not in paths(method.params):
        return context
    # Required siblings (a receipt list's type) as 1, so that the answer is about the filter.
    required = {f.key: 1 for f in fields_of(method.params) if f.required}
    probe = {"Filters": [{"Property": "?", "Value": 1}]}
    answer = api.call(method.path.removeprefix("/v1/"), **required, queryInfo=probe)
    properties = tuple(answer["ErrorMessage"].partition("Allowed: ")[2].rstrip(".").split(", "))
    if not all(properties):
        return context
    hints = {"property": properties, "sortby": properties, "operator": OPERATORS}
    return dataclasses.replace(context, hints=hints)


def post(api: Api, method: V1Method, payload: Any) -> dict[str, Any]:
    response = api.client.post(
        method.path, content=encode(payload), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    answer = json.loads(response.text, parse_float=Decimal)
    assert isinstance(answer, dict), response.text[:500]
    assert set(answer) >= {"Success", "ErrorCode", "ErrorMessage", "Result"}, answer
    return answer


@pytest.mark.parametrize("method", METHODS, ids=[m.path.removeprefix("/v1/") for m in METHODS])
def test_bad_bodies_are_refused_in_the_envelope_and_change_nothing(
    method: V1Method, api: Api, database: Database
) -> None:
    context = with_properties(populate(api), api, method)
    credentials = api.auth()
    last: list[Fingerprint] = []

    @settings(
        # More for methods with more fields; a method without parameters varies only the
        # credentials and the body's shape.
        max_examples=EXAMPLES or min(20, 6 + len(paths(method.params))),
        derandomize=not EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(payload=body(method.params, credentials, context))
    def answers_well(payload: Any) -> None:
        # Nothing but the requests writes: the state after one example is the next one's before.
        before = last.pop() if last else fingerprint(database)
        answer = post(api, method, payload)
        after = fingerprint(database)
        last.append(after)
        if answer["Success"] is True:
            assert answer["ErrorCode"] == 0, answer
            if not method.write:
                assert changed_tables(before, after) == [], answer
            return
        assert answer["Success"] is False, answer
        code = answer["ErrorCode"]
        assert isinstance(code, int), answer
        assert code not in (0, INTERNAL_ERROR), answer
        assert isinstance(answer["ErrorMessage"], str), answer
        assert answer["ErrorMessage"].strip(), answer
        assert answer["Result"] is None, answer
        assert changed_tables(before, after) == [], answer

    answers_well()
