"""Values as the data files write them: JSON as recorded, CSV cells as a spreadsheet reads them.

How each value type is written lives in its VALUE_TYPES entry (model/values.py); this module
only walks lists and guards spreadsheets against formula-like text; a record's JSON form is
registry_json.py's `recorded`, which `iop-registry import` reads back.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ...model.values import of_value
from ...registry_json import recorded
from ..jsontext import script_safe

__all__ = ["cell", "iso", "json_bytes", "recorded", "spreadsheet_safe"]


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def json_bytes(data: Any) -> bytes:
    # Compact: indenting switches json to its pure-Python encoder, ten times slower (a minute
    # at 10,000 partnerships); browsers and `jq` show the files indented anyway.
    return (script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":"))) + "\n").encode("utf-8")


def cell(value: Any) -> str:
    """A value as a spreadsheet reads it: integers plain, dates ISO, lists joined with ', '."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    vtype = of_value(value)
    if vtype is not None:
        return vtype.to_csv(value)
    return str(recorded(value))


# A text cell starting with one of these runs as a formula in Excel (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Prefix formula-like text with an apostrophe, which Excel shows as plain text.

    The open data page says so; the JSON files keep every text exactly as recorded. Amounts
    are never negative here, so no number is touched."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
