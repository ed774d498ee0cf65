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

from .diagnostics import Report
from .load import node_locations, read_yaml
from .model import RECORD_TYPES, Course, Decision, Grant, Organisation, Partnership
from .model.values import ID_FORM, MAX_ID_LENGTH
from .parse_cache import ParseCache, ParsedFile, parse_file

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
            shorter = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path)
            # A top-level field that the file does not have: the record's first line.
            path = shorter if shorter != path else ""
        return (1, 1)


def report_error(report: Report, entry: Entry[Any], path: str, code: str, message: str, hint: str = "") -> None:
    """An error about the value at `path` of a loaded record, placed at its line and column."""
    line, column = entry.location(path)
    report.add(entry.file, line, column, code, f"{path}: {message}", hint, path=path)


def report_warning(report: Report, entry: Entry[Any], path: str, code: str, message: str, hint: str = "") -> None:
    """The same as a warning."""
    line, column = entry.location(path)
    report.warn(entry.file, line, column, code, f"{path}: {message}", hint, path=path)


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
    node = read_yaml(file, Report())
    return node_locations(node) if node is not None else {}


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

    # The public bodies (municipalities, regions) by id, and the organisation count they were
    # counted at: records are added while loading, so the list is made again when that changed.
    _public_bodies: tuple[int, tuple[str, ...]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def public_bodies(self) -> tuple[str, ...]:
        """Ids of the municipalities and regions in the registry, by name."""
        if self._public_bodies is None or self._public_bodies[0] != len(self.organisations):
            bodies = sorted(
                (e for e in self.organisations.values() if e.record.kind.is_public_body), key=lambda e: (e.record.name.casefold(), e.id)
            )
            self._public_bodies = (len(self.organisations), tuple(e.id for e in bodies))
        return self._public_bodies[1]

    @property
    def several_public_bodies(self) -> bool:
        """More than one municipality or region: then a board is named with its own."""
        return len(self.public_bodies) > 1

    def public_body(self, organisation_id: str | None) -> str | None:
        """The municipality or region an organisation belongs to (itself, if it is one),
        following `parent`; None for an association, or a board whose chain names none."""
        seen: set[str] = set()
        while organisation_id and organisation_id in self.organisations and organisation_id not in seen:
            record = self.organisations[organisation_id].record
            if record.kind.is_public_body:
                return organisation_id
            if not record.kind.is_public:
                return None
            seen.add(organisation_id)
            organisation_id = record.parent
        return None

    def organisation_name(self, organisation_id: str | None) -> str | None:
        """The name of the organisation with this id, or None when there is none: the one
        lookup, whose callers each say what an unknown organisation shows as.

        Where the registry holds more than one municipality or region, a board, committee or
        office is named with its own ("Kulturnämnden, Uppsala kommun"): every page, filter,
        table and file that names a board reads it here, so two Kulturnämnden never read alike.
        """
        entry = self.organisations.get(organisation_id) if organisation_id else None
        if entry is None:
            return None
        body = self.public_body(organisation_id) if self.several_public_bodies else None
        if body is None or body == organisation_id:
            return entry.record.name
        return f"{entry.record.name}, {self.organisations[body].record.name}"

    def public_bodies_of(self, organisation_ids: list[str]) -> list[str]:
        """The municipalities and regions these organisations belong to, once each, in order."""
        return list(dict.fromkeys(b for b in map(self.public_body, organisation_ids) if b))

    def __len__(self) -> int:
        return sum(len(self.of_kind(kind)) for kind in RECORD_TYPES)


def body_prefix(body_id: str) -> str:
    """The short form of a municipality's id that its boards' ids begin with: uppsala-kommun
    and uppsala-stad give uppsala; region-uppsala stays as it is."""
    return re.sub(r"-(kommun|stad)$", "", body_id)


def taken_id_hint(registry: Registry, record_id: str) -> str:
    """What to do when an organisation id is taken, by another municipality's board most
    often (every municipality has a kommunstyrelsen): an id with the municipality first."""
    taken_by = registry.public_body(record_id)
    others = [b for b in registry.public_bodies if b != taken_by]
    owner = f" ({registry.organisation_name(record_id)})" if record_id in registry.organisations else ""
    # The board's own name without its municipality's prefix: uppsala-kulturnamnden gives
    # kulturnamnden, and so do lunds-kulturnamnden and lund-kulturnamnden for Lunds kommun.
    base = record_id
    if taken_by:
        for prefix in (body_prefix(taken_by), body_prefix(taken_by).removesuffix("s")):
            base = base.removeprefix(f"{prefix}-")
    if others:
        suggestions = " eller ".join(f"{body_prefix(b)}-{base}" for b in others[:3])
        return f"Id {record_id} är upptaget{owner}. Är det en annan kommuns eller regions organisation, använd {suggestions}."
    return f"Id {record_id} är upptaget{owner}. Är det en annan kommuns eller regions organisation, sätt kommunens namn först, till exempel uppsala-{base}."


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


def load_registry(root: Path, report: Report, cache: ParseCache | None = None) -> Registry:
    """Read every record under `root`; problems go to `report`, valid records are returned.
    With a `cache` (a preview rebuilding after a save), files whose bytes are unchanged are
    not parsed again."""
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

    parsed_files = [cache.parse(kind, file, report.root) for kind, file in files] if cache else _parse_files(files, report.root)
    if cache:
        cache.sweep(set(files))
    for (kind, file), parsed in zip(files, parsed_files, strict=True):
        entries, stem = registry.of_kind(kind), file.stem
        if stem in entries:
            # Its own problems don't count: this file is not read as a record at all.
            hint = taken_id_hint(registry, stem) if kind == "organisation" else "Byt namn på en av filerna."
            report.add(file, 0, 0, "duplicate-id", f"Id '{stem}' finns redan i {entries[stem].file.name}.", hint)
            continue
        report.extend(parsed.diagnostics)
        if parsed.record is None:
            registry.unparsed.add((kind, stem))
        else:
            entries[stem] = Entry(kind, stem, parsed.record, file, parsed.locations)
    return registry


# From this many files on, two or more processes parse a share each: on an idle two-core
# machine 10,000 records then load in about two thirds of the time. Below it, starting a
# process costs more than it saves.
PARALLEL_FROM = 2000


def _parse_chunk(files: list[tuple[str, Path]], report_root: Path | None) -> list[ParsedFile]:
    return [parse_file(kind, file, report_root) for kind, file in files]


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
    results: list[ParsedFile] = [ParsedFile(None, ())] * len(files)
    for i, part in enumerate(parts):
        results[i::shares] = part
    return results
