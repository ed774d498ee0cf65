"""Load a whole `registry/` folder: one YAML file per record, the file name is its id."""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from .diagnostics import Diagnostic, Report
from .load import read_yaml
from .model import RECORD_TYPES, Course, Decision, Grant, Organisation, Partnership
from .parse import INVALID, ParseContext, parse_record

T = TypeVar("T")

# Ids become URL paths and file names in the built site: lowercase ASCII words joined by
# single hyphens, so they can never hold "..", a slash or anything a browser re-reads.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 80
RECORD_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A record with its id and where it came from."""

    kind: str
    id: str
    record: T
    file: Path
    locations: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def location(self, path: str) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest parent that we know."""
        while path:
            if path in self.locations:
                return self.locations[path]
            path = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path)
        return (1, 1)


@dataclass
class Registry:
    root: Path
    organisations: dict[str, Entry[Organisation]] = field(default_factory=dict)
    partnerships: dict[str, Entry[Partnership]] = field(default_factory=dict)
    decisions: dict[str, Entry[Decision]] = field(default_factory=dict)
    grants: dict[str, Entry[Grant]] = field(default_factory=dict)
    courses: dict[str, Entry[Course]] = field(default_factory=dict)
    # (kind, id) of records whose files exist but could not be read: not "missing".
    unparsed: set[tuple[str, str]] = field(default_factory=set)

    def of_kind(self, kind: str) -> dict[str, Entry[Any]]:
        return getattr(self, RECORD_TYPES[kind].folder)  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return sum(len(self.of_kind(kind)) for kind in RECORD_TYPES)


def valid_id(text: str) -> bool:
    return len(text) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(text) is not None


def load_registry(root: Path, report: Report) -> Registry:
    """Read every record under `root`; problems go to `report`, valid records are returned."""
    registry = Registry(root)
    if not root.is_dir():
        report.add(root, 0, 0, "no-registry", f"Mappen {root} finns inte.", "Ange sökvägen till registret, till exempel registry/.")
        return registry
    folders = {t.folder: t for t in RECORD_TYPES.values()}
    files: list[tuple[str, Path]] = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() == ".md":
            continue
        if not path.is_dir() or path.name not in folders:
            report.add(
                path, 0, 0, "unknown-folder", f"{path.name} är ingen posttyp.",
                "Lägg posten i en av mapparna " + ", ".join(sorted(folders)) + ".",
            )
            continue
        record_type = folders[path.name]
        for file in sorted(path.iterdir()):
            if file.name.startswith("."):
                continue
            stem, suffix = file.stem, file.suffix.lower()
            if not file.is_file() or suffix not in RECORD_SUFFIXES:
                report.add(file, 0, 0, "not-a-record", f"{file.name} är ingen YAML-fil.", "Posterna ska ha filändelsen .yml.")
                continue
            if not valid_id(stem):
                report.add(
                    file, 0, 0, "bad-id",
                    f"Filnamnet '{stem}' duger inte som id.",
                    "Använd små bokstäver a–z, siffror och bindestreck (å, ä, ö blir a, a, o), högst 80 tecken.",
                )
                continue
            files.append((record_type.kind, file))

    for (kind, file), (record, locations, diagnostics) in zip(files, _parse_files(files, report.root)):
        entries, stem = registry.of_kind(kind), file.stem
        if stem in entries:
            # Its own problems don't matter: this file is not read as a record at all.
            report.add(file, 0, 0, "duplicate-id", f"Id '{stem}' finns redan i {entries[stem].file.name}.", "Byt namn på en av filerna.")
            continue
        report.extend(diagnostics)
        if record is None:
            registry.unparsed.add((kind, stem))
        else:
            entries[stem] = Entry(kind, stem, record, file, locations)
    return registry


ParsedFile = tuple[Any, dict[str, tuple[int, int]], list[Diagnostic]]

# From this many files on, every core parses a share (on two cores a registry of 10,000
# records loads in two thirds of the time); below it a second process isn't worth starting.
PARALLEL_FROM = 2000


def _parse_file(kind: str, file: Path, report_root: Path | None) -> ParsedFile:
    """One file's record (None if it has errors), its value locations and its problems."""
    report = Report(report_root)
    node = read_yaml(file, report)
    ctx = ParseContext(file, report)
    record = INVALID if node is None else parse_record(node, RECORD_TYPES[kind].cls, ctx)
    return (None if record is INVALID else record), ctx.locations, report.items


def _parse_chunk(files: list[tuple[str, Path]], report_root: Path | None) -> list[ParsedFile]:
    return [_parse_file(kind, file, report_root) for kind, file in files]


def _parse_files(files: list[tuple[str, Path]], report_root: Path | None) -> list[ParsedFile]:
    """Parse the files in order; large registries in several processes at once.

    Process i takes every n-th file from the i-th on (so each gets its share of large
    partnership files), and the results are put back in file order: the registry and its
    diagnostics are the same either way. Processes are forked, and only where that is
    safe: never from a program running other threads (`mkdocs serve`).
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    parallel = (
        len(files) >= PARALLEL_FROM and cores > 1 and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )
    if not parallel:
        return _parse_chunk(files, report_root)
    shares = min(cores, 4)
    with ProcessPoolExecutor(max_workers=shares - 1, mp_context=multiprocessing.get_context("fork")) as pool:
        others = [pool.submit(_parse_chunk, files[i::shares], report_root) for i in range(1, shares)]
        parts = [_parse_chunk(files[0::shares], report_root)]  # this process takes a share too
        parts += [future.result() for future in others]
    results: list[ParsedFile] = [None] * len(files)  # type: ignore[list-item]
    for i, part in enumerate(parts):
        results[i::shares] = part
    return results
