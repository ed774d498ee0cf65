"""Validating a registry copied into tmp: change one thing in a file, read the diagnostics back."""

from __future__ import annotations

from pathlib import Path

from iop_registry.diagnostics import Diagnostic, Report
from iop_registry.validate import validate_path


def diagnostics(root: Path) -> list[Diagnostic]:
    report = Report(root)
    validate_path(root, report)
    return report.items


def replace(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in the file `relative` under `root`; fails when it is not there."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only(items: list[Diagnostic]) -> Diagnostic:
    assert len(items) == 1, "\n".join(d.as_text() for d in items)
    return items[0]
