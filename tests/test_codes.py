"""Diagnostic codes as a catalogue: every code used in the source is declared once in codes.py,
with the severity it is used with, and the editors' guide lists every one."""

from __future__ import annotations

import ast
from pathlib import Path

from bs4 import BeautifulSoup

from iop_registry.codes import CODES
from iop_registry.diagnostics import Severity
from iop_registry.model.course import Season
from iop_registry.model.values import VALUE_TYPES, choice_type

from conftest import BuiltSite

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "iop_registry"
# The calls that report a problem: name -> (position of the code argument, severity it reports).
REPORTING_CALLS = {
    "add": (3, Severity.ERROR),  # Report.add(file, line, column, code, ...)
    "warn": (3, Severity.WARNING),  # Report.warn(file, line, column, code, ...)
    "error": (1, Severity.ERROR),  # ParseContext.error(node, code, ...)
    "report_error": (3, Severity.ERROR),  # registry.report_error(report, entry, path, code, ...)
    "report_warning": (3, Severity.WARNING),
    "TextProblem": (0, Severity.ERROR),  # parse.py reports text problems as errors
}


def _codes_in_source() -> dict[str, set[tuple[Severity, str]]]:
    """Every code written as a literal where a problem is reported, with severity and place."""
    found: dict[str, set[tuple[Severity, str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name not in REPORTING_CALLS:
                continue
            position, severity = REPORTING_CALLS[name]
            if len(node.args) <= position:
                continue
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                place = f"{path.relative_to(PACKAGE)}:{node.lineno}"
                found.setdefault(argument.value, set()).add((severity, place))
    return found


def test_every_code_in_the_source_is_in_the_catalogue_with_its_severity() -> None:
    used = _codes_in_source()
    assert len(used) > 50  # the scan reaches the loader, parser, text rule and validator
    missing = {code: sorted(p for _, p in uses) for code, uses in used.items() if code not in CODES}
    assert missing == {}, "koder som saknas i codes.py"
    wrong = {
        code: sorted(p for s, p in uses if s is not CODES[code].severity)
        for code, uses in used.items()
        if any(s is not CODES[code].severity for s, _ in uses)
    }
    assert wrong == {}, "koder som används med en annan allvarlighet än katalogen anger"


def test_every_code_in_the_catalogue_is_used() -> None:
    used = set(_codes_in_source()) | {entry.error_code for entry in VALUE_TYPES.values()} | {choice_type(Season).error_code}
    assert sorted(set(CODES) - used) == []


def test_value_types_report_codes_of_the_catalogue() -> None:
    assert {entry.error_code for entry in VALUE_TYPES.values()} <= set(CODES)


def test_guide_lists_every_code_with_its_meaning(shipped_site: BuiltSite) -> None:
    page = BeautifulSoup(shipped_site.page("redaktorsguide/"), "html.parser")
    rows = {row["data-code"]: row for row in page.select("table#koder tr[data-code]")}
    assert list(rows) == list(CODES)
    for code, entry in CODES.items():
        cells = rows[code].find_all("td")
        assert [c.get_text(" ", strip=True) for c in cells] == [entry.severity.label, entry.guide]
    # Each common mistake links to its code's row.
    for section in page.select("section.iop-mistake"):
        link = section.select_one('a[href^="#kod-"]')
        if link is not None:
            assert link["href"].removeprefix("#kod-") in CODES
    assert len(page.select('section.iop-mistake a[href^="#kod-"]')) >= 10
