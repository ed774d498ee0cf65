"""Values as the data files write them: JSON as recorded, CSV cells as a spreadsheet reads them.

How each value type is written lives in its VALUE_TYPES entry (model/values.py); this module
only walks lists and guards spreadsheets against formula-like text; a record's JSON form is
registry_json.py's `recorded`, which `iop-registry import` reads back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from ...model.values import of_value
from ...registry_json import recorded
from ..environment import Chunks, Piece
from ..jsontext import script_safe

__all__ = ["cell", "iso", "json_bytes", "json_file_chunks", "json_value", "recorded", "spreadsheet_safe"]


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def json_bytes(data: Any) -> bytes:
    return json_value(data) + b"\n"


def json_value(data: Any) -> bytes:
    """One JSON value, compact, without the file's closing newline."""
    # Compact: indenting switches json to its pure-Python encoder, ten times slower (a minute
    # at 10,000 partnerships); browsers and `jq` show the files indented anyway.
    return script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":"))).encode("utf-8")


def json_file_chunks(head: dict[str, Any], lists: Mapping[str, Sequence[bytes | Piece]]) -> Chunks:
    """`json_bytes({**head, **lists})`, byte for byte, where each list holds its items
    already as JSON (json_value), as bytes or kept in a Spool: the file is written from the
    pieces and never exists whole in memory, and one record's JSON can be shared by two files."""
    parts: list[bytes | Piece] = []
    for key, value in head.items():
        parts += [b"," if parts else b"{", json_value(key), b":", json_value(value)]
    for key, items in lists.items():
        parts += [b"," if parts else b"{", json_value(key), b":["]
        for number, item in enumerate(items):
            parts += [b"," if number else b"", item]
        parts.append(b"]")
    parts.append(b"}\n" if parts else b"{}\n")
    return Chunks(tuple(part for part in parts if part))


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
