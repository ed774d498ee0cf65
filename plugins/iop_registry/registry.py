"""Load a whole `registry/` folder: one YAML file per record, the file name is its id."""

from __future__ import annotations

import functools
import multiprocessing
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from yaml.nodes import MappingNode, Node, SequenceNode

from .diagnostics import Diagnostic, Report
from .load import read_yaml
from .model import RECORD_TYPES, Course, Decision, Grant, Organisation, Partnership
from .model.values import ID_FORM, MAX_ID_LENGTH
from .parse import INVALID, ParseContext, parse_record

T = TypeVar("T")

# Ids become URL paths and file names in the built site: lowercase ASCII words joined by
# single hyphens, so they can never hold "..", a slash or anything a browser re-reads.
ID_PATTERN = re.compile(ID_FORM)
RECORD_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A record with its id and where it came from."""

    kind: str
    id: str
    record: T
    file: Path
    # Line and column of each value by path; None: read them from `file` when first needed.
    locations: dict[str, tuple[int, int]] | None = field(default_factory=dict, compare=False, repr=False)

    def location(self, path: str) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest parent that we know."""
        locations = self.locations if self.locations is not None else value_locations(self.file)
        while path:
            if path in locations:
                return locations[path]
            path = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path)
        return (1, 1)


def value_locations(file: Path) -> dict[str, tuple[int, int]]:
    """Where each value of a record file stands, read again from the file.

    Loading doesn't record this for every value of every record (most are never asked
    for); a check that reports a problem asks here, and the file is parsed once more, the
    same way, so the places are the ones loading would have recorded.
    """
    stat = file.stat()
    return _value_locations(file, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _value_locations(file: Path, _mtime_ns: int, _size: int) -> dict[str, tuple[int, int]]:
    # Only the YAML tree is walked, not the values parsed again (that took half the time
    # of validating 10,000 records that each have a warning): a record that loaded has
    # exactly the keys of its fields, so the paths are the ones parsing records.
    locations: dict[str, tuple[int, int]] = {}
    node = read_yaml(file, Report())
    pending: list[tuple[str, Node]] = [("", node)] if node is not None else []
    while pending:
        path, current = pending.pop()
        if isinstance(current, MappingNode):
            children = [(f"{path}.{key.value}" if path else str(key.value), value) for key, value in current.value]
        elif isinstance(current, SequenceNode):
            children = [(f"{path}[{i}]", item) for i, item in enumerate(current.value)]
        else:
            continue
        for child_path, child in children:
            locations[child_path] = (child.start_mark.line + 1, child.start_mark.column + 1)
            pending.append((child_path, child))
    return locations


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

    def organisation_name(self, organisation_id: str | None) -> str | None:
        """The name of the organisation with this id, or None when there is none: the one
        lookup, whose callers each say what an unknown organisation shows as."""
        entry = self.organisations.get(organisation_id) if organisation_id else None
        return entry.record.name if entry else None

    def __len__(self) -> int:
        return sum(len(self.of_kind(kind)) for kind in RECORD_TYPES)


def valid_id(text: str) -> bool:
    return len(text) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(text) is not None


# Git keeps no empty folders; this file keeps one (registry/courses/) and is no record.
FOLDER_KEEPER = ".gitkeep"


def _refused_entry(path: Path, report: Report) -> bool:
    """Report a symbolic link or a hidden file, which are not read; True if `path` is one.

    The registry is a tree of plain files: a link could publish a file from outside it (and
    a link loop would never end), and a hidden file is easily forgotten, so neither is
    skipped silently.
    """
    if path.is_symlink():
        report.add(
            path, 0, 0, "symlink", f"{path.name} är en symbolisk länk; registret läser bara vanliga filer och mappar.",
            "Ersätt länken med själva filen (eller mappen), eller ta bort den.",
        )
        return True
    if path.name.startswith("."):
        if path.name != FOLDER_KEEPER:
            report.warn(
                path, 0, 0, "hidden-file", f"{path.name} är en dold fil (namnet börjar med punkt) och läses inte som post.",
                "Byt namn på filen om den är en post, annars ta bort den.",
            )
        return True
    return False


def load_registry(root: Path, report: Report) -> Registry:
    """Read every record under `root`; problems go to `report`, valid records are returned."""
    registry = Registry(root)
    if not root.is_dir():
        report.add(root, 0, 0, "no-registry", f"Mappen {root} finns inte.", "Ange sökvägen till registret, till exempel registry/.")
        return registry
    folders = {t.folder: t for t in RECORD_TYPES.values()}
    files: list[tuple[str, Path]] = []
    for path in sorted(root.iterdir()):
        if _refused_entry(path, report) or path.suffix.lower() == ".md":
            continue
        if not path.is_dir() or path.name not in folders:
            report.add(
                path, 0, 0, "unknown-folder", f"{path.name} är ingen posttyp.",
                "Lägg posten i en av mapparna " + ", ".join(sorted(folders)) + ".",
            )
            continue
        record_type = folders[path.name]
        for file in sorted(path.iterdir()):
            if _refused_entry(file, report):
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

    for (kind, file), (record, diagnostics) in zip(files, _parse_files(files, report.root), strict=True):
        entries, stem = registry.of_kind(kind), file.stem
        if stem in entries:
            # Its own problems don't count: this file is not read as a record at all.
            report.add(file, 0, 0, "duplicate-id", f"Id '{stem}' finns redan i {entries[stem].file.name}.", "Byt namn på en av filerna.")
            continue
        report.extend(diagnostics)
        if record is None:
            registry.unparsed.add((kind, stem))
        else:
            entries[stem] = Entry(kind, stem, record, file, None)
    return registry


ParsedFile = tuple[Any, list[Diagnostic]]

# From this many files on, two or more processes parse a share each: on an idle two-core
# machine 10,000 records then load in about two thirds of the time. Below it, starting a
# process costs more than it saves.
PARALLEL_FROM = 2000


def _parse_file(kind: str, file: Path, report_root: Path | None) -> ParsedFile:
    """One file's record (None if it has errors) and its problems."""
    report = Report(report_root)
    node = read_yaml(file, report)
    ctx = ParseContext(file, report, track_locations=False)
    record = INVALID if node is None else parse_record(node, RECORD_TYPES[kind].cls, ctx)
    return (None if record is INVALID else record), report.items


def _parse_chunk(files: list[tuple[str, Path]], report_root: Path | None) -> list[ParsedFile]:
    return [_parse_file(kind, file, report_root) for kind, file in files]


def _parse_files(files: list[tuple[str, Path]], report_root: Path | None) -> list[ParsedFile]:
    """Parse the files, in order; a large registry in several processes at once.

    Process i takes every n-th file from the i-th on (so each gets its share of the large
    partnership files), and the results are put back in file order: the registry and its
    diagnostics are the same either way. Processes are forked, and only where that is safe:
    never from a program running other threads (`mkdocs serve`). On a machine busy with
    other work a second process gains nothing, but loses little.
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
    results: list[ParsedFile] = [(None, [])] * len(files)
    for i, part in enumerate(parts):
        results[i::shares] = part
    return results
