"""invoice/getonlineinvoiceurl and contact/getContactLink, the public pages they lead to, and
revoking them: a page shows its own invoice or contact and nothing else; a token that names
nothing gets a plain 404 page."""

from __future__ import annotations

import logging
import re
from datetime import date
from decimal import Decimal

import jdatetime
import pytest
from typer.testing import CliRunner

from hesabdar.cli import app as cli
from hesabdar.db import Database
from hesabdar.online.pages import HEADERS
from tests.online.helpers import CUSTOMER, OTHER_CUSTOMER, TODAY, OnlineShop, path_of, values

D = Decimal
runner = CliRunner()
TOKEN_URL = re.compile(r"http://testserver/public/invoice/[A-Za-z0-9_-]{43}")


def test_an_invoice_page_shows_the_invoice(shop: OnlineShop) -> None:
    shop.sale(price="1250000.5", quantity=2, Freight=30000, Note="با تشکر")
    shop.enable()
    url = shop.invoice_url()
    assert TOKEN_URL.fullmatch(url), url
    page = shop.page(url)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for header, value in HEADERS.items():
        assert page.headers[header] == value
    html = page.text
    assert '<html lang="fa" dir="rtl">' in html
    assert 'name="viewport"' in html
    assert "@media print" in html
    found = values(html)
    assert found["total"] == D("2500001")
    assert found["freight"] == D("30000")
    assert (found["payable"], found["paid"], found["rest"]) == (D("2530001"), D(0), D("2530001"))
    assert found["date"] == TODAY
    assert found["due-date"] == TODAY
    jalali = jdatetime.date.fromgregorian(date=date.fromisoformat(TODAY)).strftime("%Y/%m/%d")
    assert jalali.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in html
    # Seller, buyer, rows, amounts with thousands separators, Jalali and Gregorian dates.
    assert "فروشگاه نمونه" in html
    assert "علی رضایی" in html
    assert "گوشی همراه" in html
    assert "۲٬۵۳۰٬۰۰۱" in html
    assert "۱٬۲۵۰٬۰۰۰٫۵" in html
    assert "با تشکر" in html
    assert 'id="pay"' in html
    assert 'id="print"' in html


def test_an_invoice_page_shows_its_additions_and_deductions(shop: OnlineShop) -> None:
    shop.sale(
        price=100000,
        Others=[
            {"Title": "هزینه های گمرکی", "Amount": 1540000, "Add": True},
            {"Title": "تخفیف <نقدی>", "Amount": "7500.5", "Add": False},
        ],
    )
    shop.enable()
    html = shop.page(shop.invoice_url()).text
    # Payable = 100,000 + 1,540,000 − 7,500.5 = 1,632,499.5.
    found = values(html)
    assert (found["total"], found["payable"]) == (D("100000"), D("1632499.5"))
    assert '<tr class="other"><th>هزینه های گمرکی</th>' in html
    assert 'data-value="1540000">۱٬۵۴۰٬۰۰۰ ' in html
    # A title is text, escaped; a deduction shows below 0.
    assert "<th>تخفیف &lt;نقدی&gt;</th>" in html
    assert 'data-value="-7500.5">-۷٬۵۰۰٫۵ ' in html


def test_every_call_issues_a_new_link_and_only_its_hash_is_stored(shop: OnlineShop) -> None:
    shop.sale()
    shop.enable()
    first, second = shop.invoice_url(), shop.invoice_url()
    assert first != second
    stored = {link.token_hash for link in shop.links()}
    for url in (first, second):
        token = url.rsplit("/", 1)[-1]
        assert token not in stored
        assert len(stored) == 2
        assert shop.page(url).status_code == 200


def test_a_request_unique_id_gives_the_same_url_again(shop: OnlineShop) -> None:
    shop.sale()
    shop.enable()
    once = shop.ok("invoice/getonlineinvoiceurl", number=1, type=0, requestUniqueId="r-1")
    again = shop.ok("invoice/getonlineinvoiceurl", number=1, type=0, requestUniqueId="r-1")
    assert once == again
    assert len(shop.links()) == 1


def test_getonlineinvoiceurl_refusals(shop: OnlineShop) -> None:
    shop.sale()
    shop.sale(Status=0)
    reads = ("setting/GetOnlinePayment", ("invoice/get", {"number": 1, "type": 0}))
    with shop.unchanged(*reads):
        message = shop.fail("invoice/getonlineinvoiceurl", 190, number=1, type=0)
    assert "SetOnlinePayment" in message
    shop.enable()
    cases = [
        ({"number": 1, "type": 1}, 190, "type"),
        ({"number": 1, "type": 2}, 190, "type"),
        ({"number": 1, "type": 9}, 114, "type"),
        ({"type": 0}, 104, "number"),
        ({"number": 777, "type": 0}, 112, "number"),
        ({"number": "abc", "type": 0}, 112, "number"),
        ({"number": 2, "type": 0}, 190, "number"),
    ]
    for params, code, field in cases:
        with shop.unchanged(*reads):
            message = shop.fail("invoice/getonlineinvoiceurl", code, **params)
        assert field in message, (params, message)
    assert "draft" in shop.fail("invoice/getonlineinvoiceurl", 190, number=2, type=0)
    assert shop.links() == []


def test_unknown_and_malformed_tokens_get_a_plain_404(shop: OnlineShop) -> None:
    shop.sale()
    shop.enable()
    url = shop.invoice_url()
    token = url.rsplit("/", 1)[-1]
    for path in (
        f"/public/invoice/{token[:-1]}x",
        "/public/invoice/",
        "/public/invoice/" + "a" * 500,
        f"/public/contact/{token}",
        f"/public/contact/{token}/invoice/1",
        "/public/nothing-here",
        "/public/sandbox-bank/unknown",
        "/public/pay/sandbox/callback?reference=unknown",
        "/public/pay/paypal/callback?reference=x",
    ):
        page = shop.client.get(path)
        assert page.status_code == 404, path
        assert "یافت نشد" in page.text
        assert "فروشگاه" not in page.text
    with shop.unchanged(("invoice/get", {"number": 1, "type": 0})):
        assert shop.client.post(f"/public/invoice/{token}x/pay").status_code == 404


def test_a_page_shows_only_its_own_invoice(shop: OnlineShop, other_shop: OnlineShop) -> None:
    shop.sale(price=1000)
    shop.sale(price=2000, ContactCode=OTHER_CUSTOMER)
    other_shop.sale(price=5000)
    shop.enable()
    other_shop.enable()
    first = shop.page(shop.invoice_url(1)).text
    assert values(first)["payable"] == D(1000)
    assert "مریم" not in first
    assert "فروشگاه دیگر" not in first
    theirs = shop.page(other_shop.invoice_url(1)).text
    assert values(theirs)["payable"] == D(5000)
    assert "فروشگاه نمونه" not in theirs


def test_revoked_links_get_a_404(shop: OnlineShop, database: Database) -> None:
    shop.sale()
    shop.sale(price=5)
    shop.enable()
    first, second, other = shop.invoice_url(1), shop.invoice_url(1), shop.invoice_url(2)
    assert shop.ok("invoice/revokeOnlineInvoiceUrl", number=1, type=0) == {"Revoked": 2}
    assert shop.page(first).status_code == 404
    assert shop.page(second).status_code == 404
    assert shop.client.post(f"{path_of(first)}/pay").status_code == 404
    assert shop.page(other).status_code == 200
    assert shop.ok("invoice/revokeOnlineInvoiceUrl", number=1, type=0) == {"Revoked": 0}
    # A new link for the invoice works again.
    assert shop.page(shop.invoice_url(1)).status_code == 200
    # The operator revokes one URL.
    result = runner.invoke(
        cli,
        [
            *("business", "revoke-links", str(shop.credentials.business_id)),
            *("--url", other, "--database", database.url),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 link(s) revoked" in result.stdout
    assert shop.page(other).status_code == 404


def test_revoke_refusals(shop: OnlineShop) -> None:
    shop.sale()
    with shop.unchanged():
        assert "number" in shop.fail("invoice/revokeOnlineInvoiceUrl", 104, type=0)
        assert "number" in shop.fail("invoice/revokeOnlineInvoiceUrl", 112, number=9, type=0)
        assert "code" in shop.fail("contact/revokeContactLink", 104)
        assert "000777" in shop.fail("contact/revokeContactLink", 112, code="777")


def test_a_deleted_invoice_takes_its_links_with_it(shop: OnlineShop) -> None:
    shop.sale()
    shop.enable()
    url = shop.invoice_url()
    shop.ok("invoice/delete", number=1, type=0)
    assert shop.page(url).status_code == 404
    assert shop.links() == []


def test_a_contact_page_shows_its_statement_and_open_invoices(shop: OnlineShop) -> None:
    shop.sale(price=1000)
    shop.sale(price=2500)
    shop.sale(price=700, ContactCode=OTHER_CUSTOMER)
    shop.sale(price=900, Status=0)
    shop.ok("invoice/savepayment", number=1, bankCode=1, amount=1000)
    link = shop.ok("contact/getContactLink", code=CUSTOMER)["Link"]
    assert re.fullmatch(r"http://testserver/public/contact/[A-Za-z0-9_-]{43}", link)
    page = shop.page(link)
    assert page.status_code == 200
    html = page.text
    found = values(html)
    assert (found["opening"], found["debit"], found["credit"], found["closing"]) == (
        D(0),
        D(3500),
        D(1000),
        D(2500),
    )
    assert "علی رضایی" in html
    assert "مریم" not in html
    # Invoice 1 is paid, 3 is another contact's, 4 is a draft: only 2 is open.
    assert re.findall(r'class="open-invoice" data-number="(\d+)"', html) == ["2"]
    token = link.rsplit("/", 1)[-1]
    assert f'href="/public/contact/{token}/invoice/2"' in html
    invoice = shop.client.get(f"/public/contact/{token}/invoice/2")
    assert invoice.status_code == 200
    assert values(invoice.text)["rest"] == D(2500)
    # Its own invoices only: another contact's, a draft, another type or no number are 404.
    for number in ("3", "4", "77", "x", "1" * 30):
        assert shop.client.get(f"/public/contact/{token}/invoice/{number}").status_code == 404
    # Paid invoices of its own are shown too (a statement line may point at one).
    assert shop.client.get(f"/public/contact/{token}/invoice/1").status_code == 200


def _statement(shop: OnlineShop, **params: object) -> tuple[object, ...]:
    link = shop.ok("contact/getContactLink", code=CUSTOMER, **params)["Link"]
    found = values(shop.page(link).text)
    return found["opening"], found["debit"], found["credit"], found["closing"]


def test_a_statement_covers_its_days_and_its_accounts(shop: OnlineShop) -> None:
    early = shop.ok("setting/GetFiscalYear")["StartDate"][:10]
    assert early < TODAY
    shop.sale(price=400, Date=early, DueDate=early)
    shop.sale(price=600)
    # A receipt from the customer, not against an invoice: its receivable is credited.
    shop.ok("receipt/save", type=1, amount=50, contactCode=CUSTOMER, bankCode="0001")
    # The customer on an account other than its receivable or payable.
    paths = {row["Name"]: row["FullPath"] for row in shop.ok("setting/GetAccounts")}
    shop.ok(
        "document/save",
        document={
            "Date": TODAY,
            "Status": 1,
            "Transactions": [
                {
                    "AccountPath": paths["سایر حساب های دریافتنی"],
                    "ContactCode": CUSTOMER,
                    "Type": 0,
                    "Amount": 70,
                },
                {"AccountPath": paths["بانک"], "BankCode": "0001", "Type": 1, "Amount": 70},
            ],
        },
    )
    assert _statement(shop, days=1) == (D(400), D(600), D(50), D(950))
    assert _statement(shop, days=1, showAllAccounts=True) == (D(400), D(670), D(50), D(1020))
    assert _statement(shop, days=3660) == (D(0), D(1000), D(50), D(950))


@pytest.mark.parametrize(
    ("params", "code", "field"),
    [
        ({}, 104, "code"),
        ({"code": "777"}, 112, "000777"),
        ({"code": CUSTOMER, "days": 0}, 114, "days"),
        ({"code": CUSTOMER, "days": 3661}, 114, "days"),
        ({"code": CUSTOMER, "days": "x"}, 114, "days"),
        ({"code": CUSTOMER, "showAllAccounts": "perhaps"}, 114, "showAllAccounts"),
    ],
)
def test_getcontactlink_refusals(
    shop: OnlineShop, params: dict[str, object], code: int, field: str
) -> None:
    with shop.unchanged("contact/getcontacts"):
        message = shop.fail("contact/getContactLink", code, **params)
    assert field in message
    assert shop.links() == []


def test_revoked_contact_links_get_a_404(shop: OnlineShop) -> None:
    shop.sale()
    link = shop.ok("contact/getContactLink", code=CUSTOMER)["Link"]
    token = link.rsplit("/", 1)[-1]
    assert shop.ok("contact/revokeContactLink", code=CUSTOMER) == {"Revoked": 1}
    assert shop.page(link).status_code == 404
    assert shop.client.get(f"/public/contact/{token}/invoice/1").status_code == 404


def test_the_access_log_leaves_the_token_out(
    shop: OnlineShop, caplog: pytest.LogCaptureFixture
) -> None:
    shop.sale()
    shop.enable()
    url = shop.invoice_url()
    token = url.rsplit("/", 1)[-1]
    with caplog.at_level(logging.INFO, logger="hesabdar.access"):
        shop.page(url)
        shop.client.post(f"{path_of(url)}/pay", follow_redirects=False)
    lines = [record.getMessage() for record in caplog.records if record.name == "hesabdar.access"]
    assert re.fullmatch(r"GET /public/invoice/… 200 ErrorCode=- \d+\.\dms", lines[0]), lines
    assert re.fullmatch(r"POST /public/invoice/…/pay 303 ErrorCode=- \d+\.\dms", lines[1]), lines
    assert all(token not in line for line in lines)
