"""Fiscal years: the books a new business starts with, and the open year a date must fall in."""

from __future__ import annotations

from datetime import date, timedelta

import jdatetime
from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.kit.errors import FiscalYearNotFound
from hesabdar.ledger.models import (
    FiscalYear,
)
from hesabdar.ledger.service.accounts import create_standard_chart
from hesabdar.tenancy.models import Business


def jalali_year_bounds(day: date) -> tuple[int, date, date]:
    """The Iranian fiscal year (1 Farvardin to the last day of Esfand) that contains ``day``."""
    jalali_year = jdatetime.date.fromgregorian(date=day).year
    start = jdatetime.date(jalali_year, 1, 1).togregorian()
    end = jdatetime.date(jalali_year + 1, 1, 1).togregorian() - timedelta(days=1)
    return jalali_year, start, end


def set_up_books(
    session: Session, business: Business, *, fiscal_year_start: date | None = None
) -> None:
    """Everything a new business needs before its first document: one open fiscal year and
    the standard chart of accounts."""
    if fiscal_year_start is None:
        jalali_year, start, end = jalali_year_bounds(date.today())
        name = f"سال مالی {jalali_year}"
    else:
        start = fiscal_year_start
        end = date(start.year + 1, start.month, start.day) - timedelta(days=1)
        name = f"سال مالی {start.isoformat()}"
    session.add(
        FiscalYear(business_id=business.id, ordinal=1, name=name, start_date=start, end_date=end)
    )
    session.flush()
    create_standard_chart(session, business.id)


def fiscal_years(session: Session, business_id: int) -> list[FiscalYear]:
    return list(
        session.scalars(
            select(FiscalYear)
            .where(FiscalYear.business_id == business_id)
            .order_by(FiscalYear.ordinal)
        )
    )


def current_fiscal_year(
    session: Session, business_id: int, year_index: int | None = None
) -> FiscalYear:
    """The year ``yearId`` names, or else the latest open one."""
    query = select(FiscalYear).where(FiscalYear.business_id == business_id)
    if year_index is not None:
        year = session.scalar(query.where(FiscalYear.ordinal == year_index))
        if year is None:
            raise FiscalYearNotFound(f"Fiscal year {year_index} (yearId) does not exist.")
        return year
    year = session.scalar(
        query.where(FiscalYear.is_closed.is_(False)).order_by(FiscalYear.ordinal.desc()).limit(1)
    )
    if year is None:
        raise FiscalYearNotFound("The business has no open fiscal year.")
    return year
