"""Paying an invoice online through the sandbox gateway: the callback records the payment
through savepayment's service, once per gateway reference; a replayed, forged or concurrent
callback changes nothing more."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from sqlalchemy import select

from hesabdar.changes.models import HookDelivery
from hesabdar.online import sandbox
from tests.conftest import IS_POSTGRES
from tests.online.helpers import CUSTOMER, OnlineShop, path_of, values

D = Decimal


def _balanced(shop: OnlineShop) -> tuple[Decimal, Decimal]:
    rows = shop.ok("report/trialbalance")
    debit = sum((D(row["Debit"]) for row in rows), D(0))
    credit = sum((D(row["Credit"]) for row in rows), D(0))
    assert debit == credit
    return debit, credit


def _bank_balance(shop: OnlineShop) -> Decimal:
    rows = shop.ok("report/trialbalance")
    return sum(
        (D(r["Debit"]) - D(r["Credit"]) for r in rows if r["Account"]["Name"] == "بانک"), D(0)
    )


def test_paying_online_records_one_receive_into_the_settings_bank(shop: OnlineShop) -> None:
    invoice = shop.sale()
    shop.enable()
    url = shop.invoice_url()
    page = shop.pay(url)
    assert page.status_code == 200
    found = values(page.text)
    assert (found["paid"], found["rest"]) == (D(1090000), D(0))
    assert 'id="notice"' in page.text
    assert 'data-status="ok"' in page.text
    assert 'id="pay"' not in page.text
    assert 'id="settled"' in page.text
    # The callback's page links back to the page the payment was started from.
    assert f'href="{path_of(url)}"' in page.text
    after = shop.ok("invoice/get", number=1, type=0)
    assert (after["Paid"], after["Rest"]) == (D("1090000.0000"), D("0.0000"))
    [payment] = shop.online_payments()
    assert (payment.status, payment.amount, payment.gateway) == ("paid", D(1090000), "sandbox")
    receipts = shop.ok("receipt/getReceipts", type=1)["List"]
    assert len(receipts) == 1
    assert receipts[0]["Id"] == payment.receipt_id
    receipt = receipts[0]
    assert D(receipt["Amount"]) == D(1090000)
    [transaction] = receipt["Transactions"]
    assert transaction["Bank"]["Code"] == "0001"
    assert transaction["Reference"] == payment.reference
    assert receipt["Items"][0]["Contact"]["Code"] == CUSTOMER
    assert _bank_balance(shop) == D(1090000)
    _balanced(shop)
    # In the change log as a receipt not made through the API, and announced to the hook.
    assert shop.changes()[-1] == {
        "Action": 1111,
        "ObjectType": "Receipt",
        "ObjectId": receipt["Id"],
        "Extra": "1",
        "API": False,
    }
    assert shop.ok("setting/GetChanges", start=0)[0]["API"] is True
    assert invoice["Id"] == payment.invoice_id


def test_the_payment_is_announced_to_the_change_hook_as_a_receipt(shop: OnlineShop) -> None:
    shop.ok("setting/SetChangeHook", url="http://127.0.0.1:9/hook", hookPassword="pw")
    shop.sale()
    shop.enable()
    shop.pay(shop.invoice_url())
    [payment] = shop.online_payments()
    with shop.database.transaction(write=False) as session:
        announced = [
            (row.action, row.object_type, row.object_ids)
            for row in session.scalars(select(HookDelivery).order_by(HookDelivery.id))
        ]
    assert announced[-1] == (1111, "Receipt", f"[{payment.receipt_id}]")


def test_a_replayed_callback_changes_nothing(shop: OnlineShop) -> None:
    shop.sale()
    shop.enable()
    bank = shop.start_payment(shop.invoice_url())
    callback = shop.callback_of(bank)
    first = shop.client.get(path_of(callback))
    assert first.status_code == 200
    before = shop.books()
    for _ in range(3):
        again = shop.client.get(path_of(callback))
        assert again.status_code == 200
        assert values(again.text)["rest"] == D(0)
    assert shop.books() == before
    # The bank's page of a finished payment is gone, and pressing its button again does nothing.
    assert shop.client.get(path_of(bank)).status_code == 404
    assert shop.client.post(f"{path_of(bank)}/pay").status_code == 404
    assert shop.books() == before


def _forged(callback: str, **changes: str) -> str:
    parts = urlsplit(callback)
    params = {key: value[0] for key, value in parse_qs(parts.query).items()}
    params.update(changes)
    params = {key: value for key, value in params.items() if value != "-"}
    return f"{parts.path}?{urlencode(params)}"


def test_forged_callbacks_change_nothing(shop: OnlineShop) -> None:
    shop.sale()
    shop.enable()
    bank = shop.start_payment(shop.invoice_url())
    callback = shop.callback_of(bank)
    [payment] = shop.online_payments()
    signed = sandbox.signature(payment.secret, payment.reference, "OK", "1")
    before = shop.books()
    for forged, status in (
        (_forged(callback, signature="0" * 64), 400),
        (_forged(callback, signature="-"), 400),
        (_forged(callback, amount="1"), 400),
        # Signed with the payment's own key, for another amount: the amount is checked too.
        (_forged(callback, amount="1", signature=signed), 400),
        (_forged(callback, status="PAID"), 400),
        (_forged(callback, amount="a lot"), 400),
        (_forged(callback, reference="no-such-reference"), 404),
        (_forged(callback, reference="-"), 404),
        (_forged(callback, reference="x" * 300), 404),
        (callback.replace("/sandbox/", "/zarinpal/"), 404),
    ):
        answer = shop.client.get(path_of(forged))
        assert answer.status_code == status, (forged, answer.text)
        assert "1090000" not in answer.text.replace("data-value", "")
    assert shop.books() == before
    assert [p.status for p in shop.online_payments()] == ["pending"]
    # The genuine callback still pays.
    assert values(shop.client.get(path_of(callback)).text)["rest"] == D(0)


def test_a_cancelled_payment_records_nothing(shop: OnlineShop) -> None:
    shop.sale()
    shop.enable()
    before = shop.books()
    page = shop.pay(shop.invoice_url(), decide="cancel")
    assert page.status_code == 200
    assert 'data-status="warn"' in page.text
    assert values(page.text)["rest"] == D(1090000)
    assert shop.books() == before
    assert [p.status for p in shop.online_payments()] == ["cancelled"]
    # A signed "paid" for the cancelled payment is too late: nothing changes.
    [payment] = shop.online_payments()
    amount = sandbox.amount_text(payment.amount)
    late = sandbox.bank_answer(payment, pay=True, callback_url="/public/pay/sandbox/callback")
    assert shop.client.get(late).status_code == 200
    assert amount == "1090000"
    assert shop.books() == before


def test_the_payment_is_of_the_rest_when_the_pay_button_is_pressed(shop: OnlineShop) -> None:
    shop.sale()
    shop.enable()
    shop.ok("invoice/savepayment", number=1, bankCode=1, amount=90000)
    page = shop.pay(shop.invoice_url())
    assert values(page.text)["rest"] == D(0)
    assert [p.amount for p in shop.online_payments()] == [D(1000000)]
    _balanced(shop)


def test_a_payment_the_invoice_no_longer_takes_is_refused_and_recorded_as_such(
    shop: OnlineShop,
) -> None:
    shop.sale()
    shop.enable()
    bank = shop.start_payment(shop.invoice_url())
    # Paid in full by other means while the payer was at the bank.
    shop.ok("invoice/savepayment", number=1, bankCode=1, amount=1090000)
    before = shop.books()
    page = shop.client.get(path_of(shop.callback_of(bank)))
    assert page.status_code == 200
    assert 'data-status="error"' in page.text
    assert "Rest" in page.text
    assert shop.books() == before
    [payment] = shop.online_payments()
    assert payment.status == "refused"
    assert "Rest" in payment.message


def test_no_pay_button_when_nothing_is_left_or_the_gateway_is_off(shop: OnlineShop) -> None:
    shop.sale()
    shop.sale(price=10)
    shop.enable()
    paid, open_ = shop.invoice_url(1), shop.invoice_url(2)
    shop.ok("invoice/savepayment", number=1, bankCode=1, amount=1090000)
    assert 'id="pay"' not in shop.page(paid).text
    assert 'id="pay"' in shop.page(open_).text
    shop.ok("setting/SetOnlinePayment", enabled=False)
    # The page still shows the invoice, without the button; pressing it anyway starts nothing.
    assert 'id="pay"' not in shop.page(open_).text
    for url in (paid, open_):
        refused = shop.client.post(f"{path_of(url)}/pay", follow_redirects=False)
        assert refused.status_code == 409
    shop.ok("setting/SetOnlinePayment", enabled=True)
    assert shop.client.post(f"{path_of(paid)}/pay", follow_redirects=False).status_code == 409
    assert shop.online_payments() == []


def test_paying_from_the_contacts_page(shop: OnlineShop) -> None:
    shop.sale(price=500)
    shop.enable()
    link = shop.ok("contact/getContactLink", code=CUSTOMER)["Link"]
    token = link.rsplit("/", 1)[-1]
    page = shop.pay(f"http://testserver/public/contact/{token}/invoice/1")
    assert values(page.text)["rest"] == D(0)
    assert f'href="/public/contact/{token}/invoice/1"' in page.text
    assert "no-open-invoices" in shop.page(link).text


@pytest.mark.postgres_only
@pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL for real concurrency")
def test_concurrent_callbacks_pay_once(shop: OnlineShop) -> None:
    shop.sale()
    shop.enable()
    callback = path_of(shop.callback_of(shop.start_payment(shop.invoice_url())))
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _i: shop.client.get(callback), range(8)))
    assert [answer.status_code for answer in answers] == [200] * 8
    assert all(values(answer.text)["rest"] == D(0) for answer in answers)
    assert shop.ok("receipt/getReceipts", type=1)["TotalCount"] == 1
    invoice = shop.ok("invoice/get", number=1, type=0)
    assert (invoice["Paid"], invoice["Rest"]) == (D("1090000.0000"), D("0.0000"))
    assert [c["Action"] for c in shop.changes()].count(1111) == 1
    _balanced(shop)
