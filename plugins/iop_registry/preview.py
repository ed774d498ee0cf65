"""Which record pages a preview rebuild may keep from the last build, and which it must render.

`mkdocs serve` builds the whole site again after every save. Most of that time goes to record
pages that did not change. A record page shows its own record and records next to it: the
organisations, decisions and agreements it names and those that name it (a decision lists the
agreements it concerns), and facts about those that come from their own neighbours (an agreement's
status comes from its decisions). So a page is kept when nothing changed one link from its
record, or two links through an agreement, grant or course (see `_near`), and when nothing
else it could depend on changed: today's date, the publisher, the templates, the git history,
the hand-written pages, mkdocs.yml (`setting`), and for the page as written, the theme and the
navigation around it (`theme`). A change to any organisation renders every record page again:
organisation names and kinds reach every page (through names, public bodies and what counts
as public money). Pages that are no record's own (lists, Ekonomi, search, data) are always
made again; only record pages are kept.

Kept means: the file the last build wrote for the page is still right, so the engine writes
the same HTML again instead of rendering it. Nothing here knows the engine; `plugin.py`
asks and reports what it wrote.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from .parse_cache import ParseCache
from .registry import Registry
from .site_paths import record_path
from .validate import references

RecordKey = tuple[str, str]  # (kind, id)
_CONTINUED = re.compile(r"sida-\d+/$")


def fingerprint(*parts: object) -> str:
    """One hash of the parts' text (their repr: dataclasses, dicts and tuples in order)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def files_fingerprint(folders: Iterable[Path], pattern: str) -> str:
    """The names, sizes and modification times of the files under `folders` that match
    `pattern` (templates: a developer may edit one while the preview runs)."""
    stats = []
    for folder in folders:
        for path in sorted(folder.rglob(pattern)) if folder.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                stats.append((str(path), stat.st_size, stat.st_mtime_ns))
    return fingerprint(stats)


def compile_settings(env: Environment) -> str:
    """What decides how a Jinja environment compiles a template (its syntax, whitespace and
    escaping settings, extensions): environments alike in these can share compiled templates."""
    return fingerprint(
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        sorted(env.extensions), env.optimized, env.autoescape, env.finalize, env.undefined, env.is_async,
    )


@dataclass(frozen=True)
class Snapshot:
    """What one build was made from: its setting, each record's file hash, who names whom."""

    setting: str
    records: dict[RecordKey, str]
    neighbours: dict[RecordKey, frozenset[RecordKey]]


@dataclass(frozen=True)
class Written:
    """How a kept page was written: what besides its record decides its HTML."""

    theme: str
    title: str
    description: str
    updated: str


@dataclass
class PreviewCache:
    """Kept between the builds of one `mkdocs serve`."""

    parsed: ParseCache = field(default_factory=ParseCache)
    _last: Snapshot | None = None
    _written: dict[str, Written] = field(default_factory=dict)
    # This build's plan: the snapshot it is made from, the records whose pages may be kept.
    _next: Snapshot | None = None
    _unchanged: set[RecordKey] = field(default_factory=set)
    _owners: dict[str, RecordKey] = field(default_factory=dict)
    _now_written: dict[str, Written] = field(default_factory=dict)

    def plan(self, registry: Registry, setting: str) -> None:
        """Work out which records' pages are unchanged since the last build."""
        snapshot = _snapshot(registry, setting, self.parsed)
        self._next, self._now_written = snapshot, {}
        self._owners = {record_path(kind, record_id): (kind, record_id) for kind, record_id in snapshot.records}
        last = self._last
        if last is None or last.setting != setting:
            self._unchanged = set()
            return
        changed = {key for key in last.records.keys() | snapshot.records.keys() if last.records.get(key) != snapshot.records.get(key)}
        if any(kind == "organisation" for kind, _ in changed):
            self._unchanged = set()
            return
        self._unchanged = set(snapshot.records) - _near(changed, [last.neighbours, snapshot.neighbours])

    def owner(self, path: str) -> RecordKey | None:
        """The record whose page (or continued page, sida-N/) this is."""
        return self._owners.get(_CONTINUED.sub("", path))

    def kept(self, path: str, written: Written) -> bool:
        """The file the last build wrote for `path` is what this build would write."""
        owner = self.owner(path)
        return owner is not None and owner in self._unchanged and self._written.get(path) == written

    def wrote(self, path: str, written: Written) -> None:
        """This build writes a record page's file (rendered or kept) so."""
        if self.owner(path) is not None:
            self._now_written[path] = written

    @property
    def record_pages(self) -> int:
        """Record pages this build writes, kept or rendered."""
        return len(self._now_written)

    def finished(self) -> None:
        """The build's files are now the site: they are what the next build may keep."""
        if self._next is not None:
            self._last, self._written = self._next, self._now_written
        self._next, self._now_written, self._unchanged = None, {}, set()

    def failed(self) -> None:
        """The build stopped before its files became the site: the last build's files stay."""
        self._next, self._now_written, self._unchanged = None, {}, set()

    def replaced(self) -> None:
        """The site now shows something else (the registry's errors): nothing may be kept."""
        self._last, self._written = None, {}
        self.failed()


def _snapshot(registry: Registry, setting: str, parsed: ParseCache) -> Snapshot:
    records: dict[RecordKey, str] = {}
    neighbours: dict[RecordKey, set[RecordKey]] = {}
    for kind in ("organisation", "partnership", "decision", "grant", "course"):
        for entry in registry.of_kind(kind).values():
            key = (kind, entry.id)
            # A record read without the cache has no hash: its page is never kept.
            records[key] = parsed.digest(kind, entry.file) or f"unhashed:{id(entry)}"
            neighbours.setdefault(key, set())
            for _, target, ref in references(entry.record):
                neighbours[key].add((ref.kind, target))
                neighbours.setdefault((ref.kind, target), set()).add(key)
    return Snapshot(setting, records, {key: frozenset(found) for key, found in neighbours.items()})


# Records whose own derived facts other records' pages show: an agreement's status and money
# (from its decisions), a grant's standing (from its decision), a course's phase. Decisions and
# organisations are shown as records only (their derived lists are on their own pages), so a
# change does not travel on through them: every agreement names one, and through them
# everything would be near everything.
_PASSED_ON_BY = frozenset({"partnership", "grant", "course"})


def _near(changed: set[RecordKey], graphs: list[dict[RecordKey, frozenset[RecordKey]]]) -> set[RecordKey]:
    """The changed records, the records one link from one (their pages show it, or it shows
    them), and the records one link further from those that pass a change on (their pages show
    its facts), in the last build's links and this one's."""
    near = set(changed)
    frontier = set(changed)
    for step in range(2):
        reached = {
            neighbour
            for key in frontier if step == 0 or key[0] in _PASSED_ON_BY
            for graph in graphs for neighbour in graph.get(key, ())
        }
        frontier = reached - near
        near |= reached
    return near
