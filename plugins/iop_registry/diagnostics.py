"""Located messages about the registry, and their text, JSON and GitHub formats.

Every problem the loader or the validator finds becomes a `Diagnostic`: a value with a
place (file, line, column), never an exception. A run collects all of them, so an editor
sees every problem of a pull request at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return {"error": "fel", "warning": "varning"}[self.value]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a registry file.

    `line` and `column` count from 1, as editors and GitHub do; 0 means "the whole file".
    `message` is Swedish and names the field path, what was found and what is expected;
    `hint` says how to fix it, in plain words.
    """

    file: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    code: str
    message: str
    hint: str = ""
    path: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_text(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity.label}: {self.message}"
        if self.hint:
            text += f" Tips: {self.hint}"
        return text

    def as_github(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message and in properties.
        def escape(value: str, *, prop: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            if prop:
                value = value.replace(":", "%3A").replace(",", "%2C")
            return value

        level = "error" if self.is_error else "warning"
        props = f"file={escape(self.file, prop=True)},line={max(self.line, 1)},col={max(self.column, 1)}"
        props += f",title={escape(self.code, prop=True)}"
        body = self.message + (f" Tips: {self.hint}" if self.hint else "")
        return f"::{level} {props}::{escape(body)}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


# Characters that would break a message's one line or the terminal showing it: controls,
# line and paragraph separators, bidi controls, and lone surrogates (which cannot even be
# written as UTF-8). A value quoted in a message shows them as \\uXXXX instead, so a value
# can never forge a second message line or crash the printing of the report.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]")


def printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class Report:
    """Collects diagnostics for one run; files are shown relative to `root`."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._items: list[Diagnostic] = []

    def display_path(self, path: Path) -> str:
        if self.root is not None:
            try:
                # The folder resolved, not the file: a symbolic link is shown where it stands,
                # never where it points (or loops).
                return (path.parent.resolve() / path.name).relative_to(self.root.resolve()).as_posix()
            except (ValueError, OSError, RuntimeError):
                pass
        return path.as_posix()

    def add(
        self,
        file: Path | str,
        line: int,
        column: int,
        code: str,
        message: str,
        hint: str = "",
        *,
        path: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        shown = self.display_path(file) if isinstance(file, Path) else file
        self._items.append(
            Diagnostic(printable(shown), line, column, severity, code, printable(message), printable(hint), printable(path))
        )

    def warn(self, file: Path | str, line: int, column: int, code: str, message: str, hint: str = "", *, path: str = "") -> None:
        self.add(file, line, column, code, message, hint, path=path, severity=Severity.WARNING)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add diagnostics collected elsewhere (by another process loading part of the registry)."""
        self._items.extend(diagnostics)

    @property
    def items(self) -> list[Diagnostic]:
        return sorted(self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self._items)


def format_diagnostics(diagnostics: Iterable[Diagnostic], fmt: str) -> str:
    """Render diagnostics as `text`, `json` or `github` (workflow annotations)."""
    items = list(diagnostics)
    if fmt == "json":
        return json.dumps([d.as_dict() for d in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.as_github() for d in items)
    return "\n".join(d.as_text() for d in items)


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    items = list(diagnostics)
    errors = sum(d.is_error for d in items)
    warnings = len(items) - errors
    return f"{errors} fel, {warnings} varningar"
