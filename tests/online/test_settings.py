"""setting/SetOnlinePayment, setting/GetOnlinePayment and the CLI: the online gateway, and the
bank online payments are received into."""

from __future__ import annotations

from typer.testing import CliRunner

from hesabdar.cli import app as cli
from hesabdar.db import Database
from tests.online.helpers import BANK, OnlineShop

runner = CliRunner()
OFF = {"Enabled": False, "Gateway": "", "BankCode": "", "BankName": "", "Gateways": ["sandbox"]}
ON = {
    "Enabled": True,
    "Gateway": "sandbox",
    "BankCode": BANK,
    "BankName": "بانک ملت",
    "Gateways": ["sandbox"],
}


def test_off_until_set_and_read_back(shop: OnlineShop) -> None:
    assert shop.ok("setting/GetOnlinePayment") == OFF
    assert shop.enable() == ON
    assert shop.ok("setting/getOnlinePayment") == ON
    # Strings for booleans and a bank code as a number, as shop modules send them.
    assert shop.ok("setting/SetOnlinePayment", enabled="False") == {**ON, "Enabled": False}
    assert shop.ok("setting/SetOnlinePayment", enabled="true", bankCode=1) == ON
    assert [c for c in shop.changes() if c["Action"] == 1502] == [
        {
            "Action": 1502,
            "ObjectType": "OnlinePaymentSettings",
            "ObjectId": shop.credentials.business_id,
            "Extra": extra,
            "API": True,
        }
        for extra in (
            "Enabled=true;Gateway=sandbox;BankCode=0001",
            "Enabled=false;Gateway=sandbox;BankCode=0001",
            "Enabled=true;Gateway=sandbox;BankCode=0001",
        )
    ]


def test_setting_the_same_again_logs_nothing(shop: OnlineShop) -> None:
    shop.enable()
    with shop.unchanged("setting/GetOnlinePayment"):
        assert shop.enable() == ON


def test_refusals_name_the_field_and_change_nothing(shop: OnlineShop) -> None:
    shop.ok("setting/SaveBank", bank={"Name": "Dollar account", "Currency": "USD"})
    reads = ("setting/GetOnlinePayment",)
    cases = [
        ({}, 104, "enabled"),
        ({"enabled": True, "bankCode": BANK}, 104, "gateway"),
        ({"enabled": True, "gateway": "sandbox"}, 104, "bankCode"),
        ({"enabled": True, "gateway": "zarinpal", "bankCode": BANK}, 114, "gateway"),
        ({"enabled": True, "gateway": "sandbox", "bankCode": "0777"}, 112, "bankCode"),
        ({"enabled": True, "gateway": "sandbox", "bankCode": "0002"}, 114, "bankCode"),
        ({"enabled": "maybe"}, 114, "enabled"),
    ]
    for params, code, field in cases:
        with shop.unchanged(*reads):
            message = shop.fail("setting/SetOnlinePayment", code, **params)
        assert field in message, (params, message)
    assert "USD" in shop.fail(
        "setting/SetOnlinePayment", 114, enabled=True, gateway="sandbox", bankCode="0002"
    )


def test_a_turned_off_gateway_keeps_its_choices(shop: OnlineShop) -> None:
    shop.enable()
    shop.ok("setting/SetOnlinePayment", enabled=False)
    # Turning it on again needs neither the gateway nor the bank again.
    assert shop.ok("setting/SetOnlinePayment", enabled=True) == ON


def test_the_bank_of_the_setting_is_not_deleted(shop: OnlineShop) -> None:
    shop.enable()
    with shop.unchanged("setting/GetBanks", "setting/GetOnlinePayment"):
        message = shop.fail("setting/DeleteBank", 190, code=BANK)
    assert "online payment setting" in message


def test_each_business_has_its_own_setting(shop: OnlineShop, other_shop: OnlineShop) -> None:
    shop.enable()
    assert other_shop.ok("setting/GetOnlinePayment") == OFF


def test_cli_shows_and_changes_the_setting(shop: OnlineShop, database: Database) -> None:
    business = str(shop.credentials.business_id)
    where = ["--database", database.url]
    shown = runner.invoke(cli, ["business", "online-payment", business, *where])
    assert shown.exit_code == 0, shown.output
    assert "disabled; gateway: -; bank: -" in shown.stdout
    enabled = runner.invoke(
        cli,
        [
            *("business", "online-payment", business, "--enable"),
            *("--gateway", "sandbox", "--bank-code", "1", *where),
        ],
    )
    assert enabled.exit_code == 0, enabled.output
    assert "enabled; gateway: sandbox; bank: 0001" in enabled.stdout
    assert shop.ok("setting/GetOnlinePayment") == ON
    # The CLI's change is not the API's.
    assert shop.changes()[-1]["API"] is False
    refused = runner.invoke(
        cli, ["business", "online-payment", business, "--enable", "--bank-code", "77", *where]
    )
    assert refused.exit_code == 1
    assert "bank 77 does not exist" in refused.output
    missing = runner.invoke(cli, ["business", "online-payment", "999", *where])
    assert missing.exit_code == 1
