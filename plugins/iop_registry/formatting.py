"""Swedish formatting of money and dates, from CLDR through Babel (not hand-rolled)."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date
from babel.numbers import format_decimal

from .model.types import Choice, PartialDate

LOCALE = "sv_SE"

# Babel looks the locale's patterns up on every call (tens of microseconds); a build formats
# the same amounts and dates thousands of times, so each answer is kept.
_cache = functools.lru_cache(maxsize=65536)


@_cache
def kronor(amount: int) -> str:
    """290000 -> '290 000 kr' (with a no-break space, so the number never wraps)."""
    return f"{format_decimal(amount, locale=LOCALE)}\u00a0kr"


def amount_text(value: int | None, limit: Choice | None = None) -> str:
    """'högst 4 000 000 kr' as the source gives it (`limit` is an AmountLimit); 'Uppgift saknas'
    when unknown, never 0 kr."""
    if value is None:
        return "Uppgift saknas"
    shown = kronor(value)
    return shown if limit is None or limit.value == "exact" else f"{limit.label} {shown}"


@_cache
def number(value: int) -> str:
    return format_decimal(value, locale=LOCALE)


@_cache
def long_date(day: dt.date) -> str:
    """2023-01-01 -> '1 januari 2023'."""
    return format_date(day, format="long", locale=LOCALE)


def partial_date_text(value: PartialDate) -> str:
    """'1 januari 2023' for a day, 'januari 2023' for a month, '2024' for a year."""
    if value.precision == "day":
        return long_date(value.first_day)
    if value.precision == "month":
        return format_date(value.first_day, format="LLLL y", locale=LOCALE)
    return str(value.year)
