"""Parsed record files kept by their content, so a preview reads again only what was saved.

`mkdocs serve` rebuilds the whole site after each save. Parsing a file is a function of its
bytes, its kind, its path and the folder messages are shown relative to, so a file whose
bytes hash the same as last time gives the same record, the same diagnostics and the same
places of its values, and is not parsed again. One entry is kept per file (the latest),
so the cache never holds more than the registry.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Report
from .load import MAX_FILE_BYTES, node_locations, read_yaml, read_yaml_bytes
from .model import RECORD_TYPES
from .parse import INVALID, ParseContext, parse_record

Location = tuple[int, int]


class LazyLocations(dict[str, Location]):
    """Where each value of a record stands, worked out from the bytes that were parsed the
    first time a check asks (most records are never asked), then kept with the record.

    Reading the bytes that were parsed, not the file again, keeps the places right even
    when the file has been saved once more since."""

    def __init__(self, raw: bytes, file: Path) -> None:
        super().__init__()
        self._pending: tuple[bytes, Path] | None = (raw, file)

    def _fill(self) -> None:
        if self._pending is not None:
            raw, file = self._pending
            self._pending = None
            node = read_yaml_bytes(raw, file, Report())
            if node is not None:
                self.update(node_locations(node))

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def __getitem__(self, key: str) -> Location:
        self._fill()
        return super().__getitem__(key)


@dataclass(frozen=True)
class ParsedFile:
    """One file's record (None if it has errors), its problems and its values' places."""

    record: Any
    diagnostics: tuple[Diagnostic, ...]
    locations: dict[str, Location] | None = None
    # The hash of the bytes parsed; "" when the file was read without the cache.
    digest: str = ""


def parse_file(kind: str, file: Path, report_root: Path | None) -> ParsedFile:
    """Read and parse one file, without any cache."""
    report = Report(report_root)
    node = read_yaml(file, report)
    return _parsed(kind, file, node, report)


def _parsed(kind: str, file: Path, node: Any, report: Report) -> ParsedFile:
    ctx = ParseContext(file, report, track_locations=False)
    record = INVALID if node is None else parse_record(node, RECORD_TYPES[kind].cls, ctx)
    return ParsedFile(None if record is INVALID else record, tuple(report.items))


class ParseCache:
    """The last parse of every record file, by file, checked against the bytes' hash."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, Path], tuple[Path | None, ParsedFile]] = {}

    def parse(self, kind: str, file: Path, report_root: Path | None) -> ParsedFile:
        if file.stat().st_size > MAX_FILE_BYTES:
            self._files.pop((kind, file), None)
            return parse_file(kind, file, report_root)  # refused unread, as without the cache
        raw = file.read_bytes()
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        cached = self._files.get((kind, file))
        # Messages name the file relative to the report's folder, so that is part of the key.
        if cached is not None and cached[0] == report_root and cached[1].digest == digest:
            return cached[1]
        report = Report(report_root)
        parsed = _parsed(kind, file, read_yaml_bytes(raw, file, report), report)
        result = ParsedFile(parsed.record, parsed.diagnostics, LazyLocations(raw, file), digest)
        self._files[(kind, file)] = (report_root, result)
        return result

    def digest(self, kind: str, file: Path) -> str:
        """The hash of the file's bytes as last parsed, "" if it was not read through the cache."""
        cached = self._files.get((kind, file))
        return cached[1].digest if cached is not None else ""

    def sweep(self, kept: set[tuple[str, Path]]) -> None:
        """Forget files that are gone from the registry (deleted or renamed)."""
        self._files = {key: value for key, value in self._files.items() if key in kept}
