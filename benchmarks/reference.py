"""The baseline: the same records as plain Markdown pages, built by stock Material.

Each record becomes one Markdown page with every field the YAML file holds (headings,
paragraphs, lists, and tables for lists of simple rows such as budget lines), out of the
navigation as our record pages are. The project is Material with its search plugin and
the same Markdown extensions as ours, and nothing else: what a team would get by writing
the registry as pages by hand.
"""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path
from typing import Any

from iop_registry.diagnostics import Report
from iop_registry.model import RECORD_TYPES
from iop_registry.model.fields import record_fields
from iop_registry.model.types import Choice, Doc, EmailAddress, OrgNumber, PartialDate, PhoneNumber
from iop_registry.registry import load_registry

MKDOCS_YML = """\
site_name: Referens
site_url: https://example.invalid/
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: sv
  font: false
plugins:
  - search:
      lang: sv
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: false
nav:
  - Start: index.md
not_in_nav: |
  /*/
"""

TITLE_FIELDS = {"partnership": "title", "organisation": "name", "decision": "title", "grant": "activity", "course": "title"}


def _scalar(value: Any) -> str:
    if isinstance(value, Choice):
        return value.label
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (PhoneNumber, EmailAddress)):
        return value.text
    if isinstance(value, (OrgNumber, PartialDate, dt.date, dt.time)):
        return str(value)
    return str(value).replace("\n", " ") if "\n\n" not in str(value) else str(value)


def _title(cls: type, name: str) -> str:
    hints = typing.get_type_hints(cls, include_extras=True)
    doc = next((x for x in getattr(hints[name], "__metadata__", ()) if isinstance(x, Doc)), None)
    return doc.title if doc else name


def _is_record(value: Any) -> bool:
    return hasattr(type(value), "__dataclass_fields__")


def _flat(value: Any) -> bool:
    return _is_record(value) and not any(isinstance(getattr(value, n), list) or _is_record(getattr(value, n)) for n in record_fields(type(value)))


def _markdown(value: Any, level: int) -> list[str]:
    lines: list[str] = []
    for name in record_fields(type(value)):
        item = getattr(value, name)
        if item is None or item == []:
            continue
        title = _title(type(value), name)
        if isinstance(item, list) and item and all(_flat(i) for i in item):
            names = list(record_fields(type(item[0])))
            lines += [f"{'#' * level} {title}", "", "| " + " | ".join(_title(type(item[0]), n) for n in names) + " |"]
            lines.append("|" + " --- |" * len(names))
            for row in item:
                cells = ["" if getattr(row, n) is None else _scalar(getattr(row, n)).replace("|", "/") for n in names]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        elif isinstance(item, list):
            lines += [f"{'#' * level} {title}", ""]
            for element in item:
                if _is_record(element):
                    lines += _markdown(element, min(level + 1, 6))
                else:
                    lines.append(f"- {_scalar(element)}")
            lines.append("")
        elif _is_record(item):
            lines += [f"{'#' * level} {title}", "", *_markdown(item, min(level + 1, 6))]
        else:
            text = _scalar(item)
            lines += [f"**{title}:** {text}", ""] if len(text) < 80 and "\n" not in text else [f"{'#' * level} {title}", "", text, ""]
    return lines


def write_reference(registry_dir: Path, project: Path) -> int:
    """Write the baseline project for the records in `registry_dir`; returns its page count."""
    registry = load_registry(registry_dir, Report(registry_dir))
    docs = project / "docs"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (docs / "index.md").write_text("# Referens\n\nSamma poster som sidor i Markdown.\n", encoding="utf-8")
    pages = 1
    for kind, record_type in RECORD_TYPES.items():
        folder = docs / record_type.folder
        folder.mkdir()
        for entry in registry.of_kind(kind).values():
            title = getattr(entry.record, TITLE_FIELDS[kind])
            text = "\n".join([f"# {title}", "", *_markdown(entry.record, 2)])
            (folder / f"{entry.id}.md").write_text(text, encoding="utf-8")
            pages += 1
    return pages
