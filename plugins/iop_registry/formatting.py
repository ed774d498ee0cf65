"""Swedish formatting of money and dates, from CLDR through Babel (not hand-rolled)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "sv_SE"


def kronor(amount: int) -> str:
    """290000 -> '290 000 kr' (with a no-break space, so the number never wraps)."""
    return f"{format_decimal(amount, locale=LOCALE)}\u00a0kr"


def number(value: int) -> str:
    return format_decimal(value, locale=LOCALE)


def long_date(day: dt.date) -> str:
    """2023-01-01 -> '1 januari 2023'."""
    return format_date(day, format="long", locale=LOCALE)
