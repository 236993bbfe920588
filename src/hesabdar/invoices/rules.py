"""What an approved invoice posts: its lines by account role (pure, no I/O).

In the base currency: each amount is the invoice's amount × its currency rate, rounded to the
money scale, and the contact's line takes what the others leave, so rounding never unbalances
the document. Zero amounts make no line.

| type            | contact              | goods and services                      | tax           |
|-----------------|----------------------|-----------------------------------------|---------------|
| sale            | Dr receivable        | Cr sales Σ Sum (services: service       | Cr sales VAT  |
|                 |                      | revenue), Dr sales discounts Σ Discount, |               |
|                 |                      | Cr freight (the carrier, or income)     |               |
| purchase        | Cr payable           | Dr inventory per goods row at Sum −     | Dr purchase   |
|                 |                      | Discount + its freight share + its      | VAT           |
|                 |                      | others' share; Dr purchased services    |               |
| sales return    | Cr receivable        | Dr sales returns Σ Sum (services:       | Dr sales VAT  |
|                 |                      | service returns), Cr sales discounts    |               |
| purchase return | Dr payable           | Cr inventory per goods row at Sum −     | Cr purchase   |
|                 |                      | Discount + its others' share; Cr        | VAT           |
|                 |                      | purchased services                      |               |
| waste           | none                 | (cost lines only)                       | none          |

Goods at cost (the costs the stock gives, one per goods row, in the base currency): a sale Dr
cost of goods sold / Cr inventory; a sales return Dr inventory / Cr cost of goods sold; a waste
Dr inventory adjustment expense / Cr inventory.

The invoice's additions and deductions (``others``, اضافات و کسورات), as an Iranian accountant
books them; the contact's line is Payable, which includes them:

- sale: the additions (customs fees, packing, installation charged to the customer) are income
  outside the sale of goods, Cr other income (سایر درآمدها; freight has its own field and
  account, and the additions are not all freight); the deductions are a discount on the whole
  invoice, Dr sales discounts (تخفیفات فروش), a line of their own beside the rows' discounts.
- sales return: the mirror, Dr other income and Cr sales discounts.
- purchase: what the supplier adds (customs fees, insurance) or takes off is part of what the
  goods cost (بهای تمام شده), as freight is: Σ Sum − Discount + additions − deductions is spread
  over all rows by their Sum − Discount (:func:`~hesabdar.invoices.amounts.spread`, so no row
  goes below 0), the goods rows' parts into their inventory cost (and so the moving average
  and a later sale's cost of goods sold), the services' parts into purchased services. The
  freight still goes to the goods alone.
- purchase return: the mirror, the goods leaving stock at Sum − Discount + their others' part.
- waste: none (refused on save).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from hesabdar.invoices.amounts import ZERO, RowAmounts, spread
from hesabdar.invoices.schemas import InvoiceType
from hesabdar.kit.types import EXACT, MONEY_SCALE, quantize
from hesabdar.ledger.core import AccountType as R
from hesabdar.ledger.core import Side

DR, CR = Side.DEBIT, Side.CREDIT
OPPOSITE = {DR: CR, CR: DR}


@dataclass(frozen=True)
class PostedRow:
    item_id: int
    is_service: bool
    amounts: RowAmounts


@dataclass(frozen=True)
class PostedInvoice:
    """What the rules need of an invoice, amounts in its own currency."""

    invoice_type: InvoiceType
    contact_id: int | None
    rows: Sequence[PostedRow]
    freight: Decimal = ZERO
    freight_contact_id: int | None = None
    rate: Decimal = Decimal(1)
    additions: Decimal = ZERO  # Σ of its others with ``add``
    deductions: Decimal = ZERO  # Σ of the others without

    @property
    def goods(self) -> list[PostedRow]:
        return [row for row in self.rows if not row.is_service]

    @property
    def payable(self) -> Decimal:
        """Sum + Freight + additions − deductions, in the invoice's currency."""
        total = sum((row.amounts.total for row in self.rows), ZERO)
        return total + self.freight + self.additions - self.deductions

    def base(self, amount: Decimal) -> Decimal:
        """``amount`` in the base currency, at the money scale."""
        return quantize(EXACT.multiply(amount, self.rate), MONEY_SCALE)


@dataclass(frozen=True)
class Entry:
    """One posting line by role. ``amount`` is in the base currency; ``currency_amount`` in the
    invoice's currency (None: a line in the base currency only, such as a cost)."""

    role: R
    side: Side
    amount: Decimal
    currency_amount: Decimal | None = None
    contact_id: int | None = None
    item_id: int | None = None


def freight_shares(invoice: PostedInvoice) -> list[Decimal]:
    """A purchase's freight shared over its goods rows by their Sum − Discount, in its
    currency."""
    return spread(invoice.freight, [row.amounts.net for row in invoice.goods])


def after_others(invoice: PostedInvoice) -> list[Decimal]:
    """Each row's Sum − Discount with its part of the additions less the deductions, in the
    invoice's currency: Σ (Sum − Discount) + additions − deductions spread over all rows by
    their Sum − Discount (the save refuses deductions that would take it below 0)."""
    nets = [row.amounts.net for row in invoice.rows]
    return spread(sum(nets, ZERO) + invoice.additions - invoice.deductions, nets)


def _goods_and_services_at_cost(invoice: PostedInvoice) -> tuple[list[Decimal], Decimal]:
    """A purchase's or purchase return's goods rows at their own cost (without the freight)
    and its services' total, both in its currency and with their parts of the others."""
    goods, services = [], ZERO
    for row, value in zip(invoice.rows, after_others(invoice), strict=True):
        if row.is_service:
            services += value
        else:
            goods.append(value)
    return goods, services


def own_costs(invoice: PostedInvoice) -> list[Decimal]:
    """The cost of each goods row as the invoice states it, in the base currency: a purchase's
    Sum − Discount plus its freight share and its part of the others, a purchase return's Sum −
    Discount and its part of the others. Other types are costed by the stock (at the moving
    average)."""
    if invoice.invoice_type is InvoiceType.PURCHASE:
        goods, _services = _goods_and_services_at_cost(invoice)
        return [
            invoice.base(value + share)
            for value, share in zip(goods, freight_shares(invoice), strict=True)
        ]
    if invoice.invoice_type is InvoiceType.PURCHASE_RETURN:
        goods, _services = _goods_and_services_at_cost(invoice)
        return [invoice.base(value) for value in goods]
    return []


def entries(invoice: PostedInvoice, costs: Sequence[Decimal] | None = None) -> list[Entry]:
    """The lines of an approved invoice's document. ``costs``: one per goods row, in the base
    currency (None: no cost lines for a sale, sales return or waste, and the invoice's own
    costs for a purchase or purchase return)."""
    kind = invoice.invoice_type
    if costs is None and kind in (InvoiceType.PURCHASE, InvoiceType.PURCHASE_RETURN):
        costs = own_costs(invoice)
    lines: list[Entry] = []

    def add(role: R, side: Side, amount: Decimal, **details: int | None) -> None:
        if amount:
            lines.append(Entry(role, side, invoice.base(amount), amount, **details))

    goods_sum = sum((row.amounts.sum for row in invoice.goods), ZERO)
    services = [row for row in invoice.rows if row.is_service]
    services_sum = sum((row.amounts.sum for row in services), ZERO)
    discount = sum((row.amounts.discount for row in invoice.rows), ZERO)
    tax = sum((row.amounts.tax for row in invoice.rows), ZERO)
    # Where the freight goes on a sale (credit) and comes back on a sales return (debit).
    carrier = {"contact_id": invoice.freight_contact_id} if invoice.freight_contact_id else {}
    freight_role = R.ACCOUNTS_PAYABLE if carrier else R.FREIGHT_REVENUE

    if kind is InvoiceType.SALE:
        add(R.SALES, CR, goods_sum)
        add(R.SERVICE_REVENUE, CR, services_sum)
        add(R.SALES_DISCOUNTS, DR, discount)
        add(freight_role, CR, invoice.freight, **carrier)
        add(R.OTHER_INCOME, CR, invoice.additions)
        add(R.SALES_DISCOUNTS, DR, invoice.deductions)
        add(R.SALES_VAT, CR, tax)
    elif kind is InvoiceType.SALES_RETURN:
        add(R.SALES_RETURNS, DR, goods_sum)
        add(R.SERVICE_RETURNS, DR, services_sum)
        add(R.SALES_DISCOUNTS, CR, discount)
        add(freight_role, DR, invoice.freight, **carrier)
        add(R.OTHER_INCOME, DR, invoice.additions)
        add(R.SALES_DISCOUNTS, CR, invoice.deductions)
        add(R.SALES_VAT, DR, tax)
    elif kind is InvoiceType.PURCHASE:
        assert costs is not None
        _goods_at_cost(lines, invoice, costs, DR)
        add(R.SERVICE_PURCHASE, DR, _goods_and_services_at_cost(invoice)[1])
        if not invoice.goods:
            add(R.FREIGHT_EXPENSE, DR, invoice.freight)
        add(R.PURCHASE_VAT, DR, tax)
    elif kind is InvoiceType.PURCHASE_RETURN:
        assert costs is not None
        _goods_at_cost(lines, invoice, costs, CR)
        add(R.SERVICE_PURCHASE, CR, _goods_and_services_at_cost(invoice)[1])
        add(R.FREIGHT_EXPENSE, CR, invoice.freight)
        add(R.PURCHASE_VAT, CR, tax)

    if kind.has_contact:
        contact_side = DR if kind in (InvoiceType.SALE, InvoiceType.PURCHASE_RETURN) else CR
        role = R.ACCOUNTS_RECEIVABLE if kind.is_sales else R.ACCOUNTS_PAYABLE
        lines.insert(0, _balancing(lines, role, contact_side, invoice))

    if costs is not None and kind in _COST_LINES:
        counter, side = _COST_LINES[kind]
        total = sum(costs, ZERO)
        if total:
            lines.append(Entry(counter, OPPOSITE[side], total))
        _goods_at_cost(lines, invoice, costs, side)
    return [line for line in lines if line.amount]


# The account a goods row's cost goes against, and the inventory's side.
_COST_LINES = {
    InvoiceType.SALE: (R.COST_OF_GOODS_SOLD, CR),
    InvoiceType.SALES_RETURN: (R.COST_OF_GOODS_SOLD, DR),
    InvoiceType.WASTE: (R.INVENTORY_ADJUSTMENT_EXPENSE, CR),
}


def _goods_at_cost(
    lines: list[Entry], invoice: PostedInvoice, costs: Sequence[Decimal], side: Side
) -> None:
    goods = invoice.goods
    if len(costs) != len(goods):
        raise ValueError(f"{len(costs)} costs for {len(goods)} goods rows")
    for row, cost in zip(goods, costs, strict=True):
        if cost:
            lines.append(Entry(R.INVENTORY, side, cost, None, item_id=row.item_id))


def _balancing(lines: list[Entry], role: R, side: Side, invoice: PostedInvoice) -> Entry:
    """The contact's line: what the other lines leave, so that the document balances whatever
    the rounding of the conversion; its currency amount is the invoice's Payable."""
    debit = sum((line.amount for line in lines if line.side is DR), ZERO)
    credit = sum((line.amount for line in lines if line.side is CR), ZERO)
    amount = credit - debit if side is DR else debit - credit
    if amount < 0:
        side, amount = OPPOSITE[side], -amount
    return Entry(role, side, amount, invoice.payable, contact_id=invoice.contact_id)
