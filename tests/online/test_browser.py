"""The online invoice in a real browser: headless Chromium (Debian's ``chromium``, driven by
Playwright) against the server running as a real uvicorn process. It loads the page, reads the
totals, pays through the sandbox bank, sees Rest become 0, and the books balance.

Chromium is installed by ``.ci/run`` and ``make browser``. Without it the test is skipped,
saying so, except in CI (``CI=true``), where a missing browser fails it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from hesabdar.db import Database
from tests.conftest import Api, make_business
from tests.online.helpers import TODAY

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
D = Decimal
STARTUP_SECONDS = 30.0


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: .ci/run installs it before the tests"
        )
    pytest.skip(f"Chromium is not installed at {CHROMIUM}: `make browser` installs it")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Live(Api):
    """The API of a business on the running server."""

    base: str


@pytest.fixture
def live(database: Database, tmp_path: Path) -> Iterator[Live]:
    """A business, then the server serving it as ``hesabdar serve`` would (its own process)."""
    _require_chromium()
    # Made before the server opens the database (on SQLite the file may be copied in).
    credentials = make_business(database, "فروشگاه مرورگر", "browser@example.com")
    database.dispose()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "HESABDAR_DATABASE_URL": database.url,
        "HESABDAR_PUBLIC_URL": base,
        "HESABDAR_HOOK_DELIVERY": "false",
        "HESABDAR_RATE_LIMIT_PER_MINUTE": "0",
        "HESABDAR_ACCESS_LOG": "false",
    }
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "hesabdar.asgi:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    client = httpx.Client(base_url=base, timeout=30)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        api = Live(client, credentials)  # type: ignore[arg-type]
        api.base = base
        yield api
    finally:
        client.close()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _balanced(api: Api) -> Decimal:
    rows = api.ok("report/trialbalance")
    debit = sum((D(row["Debit"]) for row in rows), D(0))
    assert debit == sum((D(row["Credit"]) for row in rows), D(0))
    return debit


def test_pay_an_invoice_in_chromium(live: Live, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    live.ok("contact/save", contact={"Name": "علی رضایی", "Mobile": "09121234567"})
    live.ok("item/save", item={"Name": "گوشی همراه", "ItemType": 0, "Unit": "عدد"})
    live.ok("setting/SaveBank", bank={"Name": "بانک ملت"})
    live.ok(
        "invoice/save",
        invoice={
            "InvoiceType": 0,
            "ContactCode": "000001",
            "Date": TODAY,
            "DueDate": TODAY,
            "Status": 2,
            "Freight": 10000,
            "InvoiceItems": [
                {
                    "ItemCode": "000001",
                    "Description": "گوشی",
                    "Quantity": 2,
                    "UnitPrice": 1250000,
                    "Discount": 0,
                    "Tax": 90000,
                }
            ],
        },
    )
    live.ok("setting/SetOnlinePayment", enabled=True, gateway="sandbox", bankCode="0001")
    url = live.ok("invoice/getonlineinvoiceurl", number=1, type=0)
    assert url.startswith(f"{live.base}/public/invoice/")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        try:
            # A phone's screen: the page must fit it.
            page = browser.new_page(viewport={"width": 390, "height": 844}, locale="fa-IR")
            page.goto(url)
            assert page.locator("html").get_attribute("dir") == "rtl"
            assert page.title().startswith("فاکتور فروش")
            totals = {
                name: D(page.locator(f"#{name}").get_attribute("data-value") or "")
                for name in ("total", "tax", "freight", "payable", "paid", "rest")
            }
            assert totals == {
                "total": D(2590000),
                "tax": D(90000),
                "freight": D(10000),
                "payable": D(2600000),
                "paid": D(0),
                "rest": D(2600000),
            }
            assert "۲٬۶۰۰٬۰۰۰" in page.locator("#rest").inner_text()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the page is {width}px wide on a 390px screen"
            page.screenshot(path=str(tmp_path / "invoice.png"), full_page=True)
            # Printed, the buttons are not on paper.
            page.emulate_media(media="print")
            assert not page.locator("#pay").is_visible()
            page.emulate_media(media="screen")

            page.click("#pay")
            page.wait_for_url("**/public/sandbox-bank/**")
            assert D(page.locator("#amount").get_attribute("data-value") or "") == D(2600000)
            page.click("#bank-pay")
            page.wait_for_url("**/public/pay/sandbox/callback**")
            assert page.locator("#notice").get_attribute("data-status") == "ok"
            assert page.locator("#rest").get_attribute("data-value") == "0"
            assert page.locator("#paid").get_attribute("data-value") == "2600000"
            assert page.locator("#pay").count() == 0
            page.screenshot(path=str(tmp_path / "paid.png"), full_page=True)

            page.click("#back")
            page.wait_for_url(url)
            assert page.locator("#rest").get_attribute("data-value") == "0"
            assert page.locator("#settled").is_visible()
            assert page.locator("#pay").count() == 0
        finally:
            browser.close()

    invoice = live.ok("invoice/get", number=1, type=0)
    assert (invoice["Paid"], invoice["Rest"]) == (D("2600000.0000"), D("0.0000"))
    assert _balanced(live) > 0
    [receipt] = live.ok("receipt/getReceipts", type=1)["List"]
    assert D(receipt["Amount"]) == D(2600000)
    assert live.changes()[-1]["API"] is False
