"""The standard Iranian chart of accounts every new business starts with.

Levels: group (گروه, code 1-2 digits), ledger (کل, one more digit), subsidiary (معین, two more
digits). A full path starts with the name of the main account type, so seed paths read
``main type : group : ledger : subsidiary``. Every subsidiary carries a role (AccountType) so
that invoices, receipts and transfers post by role, never by path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hesabdar.ledger.core import AccountType as R
from hesabdar.ledger.core import BalanceType, DetailType, MainAccountType

D = DetailType

MAIN_TYPE_NAMES: dict[MainAccountType, str] = {
    MainAccountType.ASSETS: "دارایی ها",
    MainAccountType.LIABILITIES: "بدهی ها",
    MainAccountType.EQUITY: "حقوق صاحبان سهام",
    MainAccountType.PURCHASE_AND_COST: "بهای تمام شده کالای فروخته شده",
    MainAccountType.SALES: "فروش",
    MainAccountType.REVENUE: "درآمد",
    MainAccountType.EXPENSES: "هزینه ها",
    MainAccountType.OTHER: "سایر حساب ها",
}

NATURAL_BALANCE: dict[MainAccountType, BalanceType] = {
    MainAccountType.ASSETS: BalanceType.DEBTOR,
    MainAccountType.LIABILITIES: BalanceType.CREDITOR,
    MainAccountType.EQUITY: BalanceType.CREDITOR,
    MainAccountType.PURCHASE_AND_COST: BalanceType.DEBTOR,
    MainAccountType.SALES: BalanceType.CREDITOR,
    MainAccountType.REVENUE: BalanceType.CREDITOR,
    MainAccountType.EXPENSES: BalanceType.DEBTOR,
    MainAccountType.OTHER: BalanceType.DEBTOR,
}


@dataclass(frozen=True)
class Sub:
    name: str
    detail: DetailType = DetailType.NONE
    role: R = R.GENERAL
    # Contra accounts (sales returns, withdrawals, accumulated depreciation) flip the balance.
    contra: bool = False


@dataclass(frozen=True)
class Ledger:
    name: str
    subsidiaries: list[Sub] = field(default_factory=list)


@dataclass(frozen=True)
class Group:
    main: MainAccountType
    name: str
    ledgers: list[Ledger] = field(default_factory=list)


M = MainAccountType

STANDARD_CHART: list[Group] = [
    Group(
        M.ASSETS,
        "دارایی های جاری",
        [
            Ledger(
                "موجودی نقد و بانک",
                [
                    Sub("صندوق", D.CASH, R.CASH),
                    Sub("بانک", D.BANK, R.BANK),
                    Sub("تنخواه گردان", D.PETTY_CASH, R.PETTY_CASH),
                    Sub("وجوه در راه", D.NONE, R.FUNDS_IN_TRANSIT),
                ],
            ),
            Ledger(
                "حساب ها و اسناد دریافتنی تجاری",
                [
                    Sub("حساب های دریافتنی", D.CONTACT, R.ACCOUNTS_RECEIVABLE),
                    Sub("اسناد دریافتنی", D.CONTACT, R.NOTES_RECEIVABLE),
                    Sub("اسناد در جریان وصول", D.CONTACT, R.CHECKS_IN_COLLECTION),
                ],
            ),
            Ledger(
                "سایر حساب های دریافتنی",
                [
                    Sub("سایر حساب های دریافتنی", D.CONTACT, R.OTHER_RECEIVABLES),
                    Sub("مالیات بر ارزش افزوده خرید", D.NONE, R.PURCHASE_VAT),
                ],
            ),
            Ledger("موجودی کالا", [Sub("موجودی کالا", D.PRODUCT, R.INVENTORY)]),
            Ledger(
                "پیش پرداخت ها",
                [
                    Sub("پیش پرداخت خرید", D.CONTACT, R.PURCHASE_PREPAYMENTS),
                    Sub("پیش پرداخت هزینه ها", D.NONE, R.PREPAID_EXPENSES),
                ],
            ),
        ],
    ),
    Group(
        M.ASSETS,
        "دارایی های غیرجاری",
        [
            Ledger(
                "دارایی های ثابت مشهود",
                [
                    Sub("زمین"),
                    Sub("ساختمان"),
                    Sub("وسایل نقلیه"),
                    Sub("اثاثه و منصوبات"),
                    Sub("استهلاک انباشته", contra=True),
                ],
            ),
            Ledger("سرمایه گذاری های بلند مدت", [Sub("سرمایه گذاری های بلند مدت")]),
        ],
    ),
    Group(
        M.LIABILITIES,
        "بدهیهای جاری",
        [
            Ledger(
                "حساب ها و اسناد پرداختنی تجاری",
                [
                    Sub("حساب های پرداختنی", D.CONTACT, R.ACCOUNTS_PAYABLE),
                    Sub("اسناد پرداختنی", D.CONTACT, R.NOTES_PAYABLE),
                ],
            ),
            Ledger(
                "سایر حساب های پرداختنی",
                [
                    Sub("سایر حساب های پرداختنی", D.CONTACT, R.OTHER_PAYABLES),
                    Sub("مالیات بر ارزش افزوده فروش", D.NONE, R.SALES_VAT),
                    Sub("مالیات بر درآمد پرداختنی", D.NONE, R.INCOME_TAX),
                    Sub("ذخیره مالیات بر درآمد", D.NONE, R.SAVED_INCOME_TAX),
                    Sub("حقوق و دستمزد پرداختنی", D.CONTACT, R.SALARIES_PAYABLE),
                ],
            ),
            Ledger(
                "پیش دریافت ها",
                [
                    Sub("پیش دریافت فروش", D.CONTACT, R.SALES_ADVANCES),
                    Sub("سایر پیش دریافت ها", D.CONTACT),
                ],
            ),
        ],
    ),
    Group(
        M.LIABILITIES,
        "بدهیهای غیرجاری",
        [Ledger("وام های بلند مدت", [Sub("وام های بلند مدت")])],
    ),
    Group(
        M.EQUITY,
        "سرمایه",
        [
            Ledger(
                "سرمایه",
                [
                    Sub("سرمایه اولیه", D.CONTACT, R.OPENING_CAPITAL),
                    Sub("افزایش یا کاهش سرمایه", D.CONTACT, R.CAPITAL_ADJUSTMENT),
                ],
            ),
            Ledger("اندوخته ها", [Sub("اندوخته قانونی", D.NONE, R.LEGAL_RESERVE)]),
            Ledger("برداشت ها", [Sub("برداشت", D.CONTACT, R.WITHDRAWALS, contra=True)]),
            Ledger(
                "سود و زیان",
                [
                    Sub("سود و زیان انباشته", D.NONE, R.RETAINED_EARNINGS),
                    Sub("سود و زیان جاری", D.NONE, R.PROFIT_AND_LOSS),
                    Sub("خلاصه سود و زیان", D.NONE, R.INCOME_SUMMARY),
                ],
            ),
        ],
    ),
    Group(
        M.PURCHASE_AND_COST,
        "خرید و بهای تمام شده",
        [
            Ledger(
                "خرید",
                [
                    Sub("خرید کالا", D.NONE, R.PURCHASE),
                    Sub("برگشت از خرید", D.NONE, R.PURCHASE_RETURNS, contra=True),
                    Sub("تخفیفات خرید", D.NONE, R.PURCHASE_DISCOUNTS, contra=True),
                    Sub("خرید خدمات", D.NONE, R.SERVICE_PURCHASE),
                ],
            ),
            Ledger(
                "بهای تمام شده",
                [Sub("بهای تمام شده کالای فروش رفته", D.NONE, R.COST_OF_GOODS_SOLD)],
            ),
        ],
    ),
    Group(
        M.SALES,
        "فروش",
        [
            Ledger(
                "فروش کالا",
                [
                    Sub("فروش کالا", D.NONE, R.SALES),
                    Sub("برگشت از فروش", D.NONE, R.SALES_RETURNS, contra=True),
                    Sub("تخفیفات فروش", D.NONE, R.SALES_DISCOUNTS, contra=True),
                ],
            ),
            Ledger(
                "فروش خدمات",
                [
                    Sub("درآمد ارائه خدمات", D.NONE, R.SERVICE_REVENUE),
                    Sub("برگشت از خدمات", D.NONE, R.SERVICE_RETURNS, contra=True),
                ],
            ),
        ],
    ),
    Group(
        M.REVENUE,
        "درآمدها",
        [
            Ledger(
                "درآمدهای عملیاتی",
                [
                    Sub("درآمد حمل کالا", D.NONE, R.FREIGHT_REVENUE),
                    Sub("درآمد تعدیل ارزش کالا", D.NONE, R.INVENTORY_ADJUSTMENT_INCOME),
                    Sub("درآمد خرید خدمات", D.NONE, R.SERVICE_PURCHASE_REVENUE),
                ],
            ),
            Ledger(
                "درآمدهای غیرعملیاتی",
                [
                    Sub("سود تسعیر ارز", D.NONE, R.EXCHANGE_GAIN),
                    Sub("درآمد سود سپرده", D.NONE, R.INTEREST_REVENUE),
                    Sub("سایر درآمدها", D.NONE, R.OTHER_INCOME),
                ],
            ),
        ],
    ),
    Group(
        M.EXPENSES,
        "هزینه ها",
        [
            Ledger(
                "هزینه های عملیاتی",
                [
                    Sub("هزینه حقوق و دستمزد"),
                    Sub("هزینه اجاره"),
                    Sub("هزینه حمل کالا", D.NONE, R.FREIGHT_EXPENSE),
                    Sub("هزینه آب و برق و گاز و تلفن"),
                    Sub("هزینه تعدیل ارزش کالا", D.NONE, R.INVENTORY_ADJUSTMENT_EXPENSE),
                    Sub("هزینه استهلاک"),
                ],
            ),
            Ledger(
                "هزینه های مالی",
                [
                    Sub("کارمزد خدمات بانکی", D.NONE, R.BANK_FEES),
                    Sub("زیان تسعیر ارز", D.NONE, R.EXCHANGE_LOSS),
                ],
            ),
            Ledger("سایر هزینه ها", [Sub("سایر هزینه ها", D.NONE, R.OTHER_EXPENSE)]),
        ],
    ),
    Group(
        M.OTHER,
        "حساب های تراز و تعدیل",
        [
            Ledger(
                "حساب های تراز",
                [
                    Sub("تراز افتتاحیه", D.NONE, R.OPENING_BALANCE),
                    Sub("تراز اختتامیه", D.NONE, R.CLOSING_BALANCE),
                    Sub("تعدیل موجودی کالا", D.NONE, R.INVENTORY_ADJUSTMENT),
                ],
            ),
        ],
    ),
]
