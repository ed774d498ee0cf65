"""The page `mkdocs serve` shows while the registry has errors: every message with its place."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jinja2

from ..diagnostics import Diagnostic

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True, keep_trailing_newline=True
)


def diagnostics_html(errors: Iterable[Diagnostic]) -> str:
    return _TEMPLATES.get_template("diagnostics_page.html").render(errors=list(errors))
