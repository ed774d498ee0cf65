"""The Jinja2 environment shared by every template, and the outputs renderers return."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import posixpath
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket

from .. import formatting
from ..derive import Derived
from ..derive.provenance import silent_sources, source_words, sources_named
from ..history import History
from ..model.publisher import Publisher
from ..model.types import Kronor, PartialDate
from ..model.values import value_type
from ..registry import Registry
from ..site_paths import record_path
from . import charts, text
from .markdown import to_html, to_inline_html

TEMPLATES = Path(__file__).parent / "templates"

# A page's HTML, or how to render it when it is written (see Page.content).
Body = str | Callable[[], str]


@dataclass(frozen=True)
class Page:
    """A generated HTML page: `path` like "partnerskap/mammakraft/", body without the theme.

    `content` is the HTML or a function that renders it. Pages that grow in number with the
    registry are rendered when the engine writes them (Renderer.later), so a build holds one
    page's HTML at a time instead of every page's (1.7 GB at 10,000 partnerships)."""

    path: str
    title: str
    content: Body
    in_nav: bool = False
    description: str = ""
    # Found by the site search (render/search/) when it is a section's main page (in_nav).
    search: bool = True
    # The day the record behind the page last changed (git history), for sitemap.xml.
    updated: dt.date | None = None

    @property
    def body(self) -> str:
        """The page's HTML, rendered now if it was left for later (each call renders again)."""
        return self.content if isinstance(self.content, str) else self.content()

    def followed_by(self, more: Callable[[], str], **changes: Any) -> Page:
        """This page with `more` after its body, still rendered only when it is read."""
        first = self
        return dataclasses.replace(self, content=lambda: first.body + more(), **changes)

    @property
    def src_uri(self) -> str:
        """The virtual Markdown source that MkDocs maps to `path` with directory URLs."""
        return self.path + "index.md"


class Spool:
    """Bytes kept in an unnamed temporary file rather than in memory, until a data file
    that holds them is written: at 10,000 partnerships the records' JSON is 150 MB."""

    def __init__(self) -> None:
        # Open as long as the spool is: closed and gone with the last Piece that refers to it.
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._size = 0

    def keep(self, data: bytes) -> Piece:
        self._file.write(data)
        piece = Piece(self, self._size, len(data))
        self._size += len(data)
        return piece

    def read(self, offset: int, length: int) -> bytes:
        self._file.flush()
        data = os.pread(self._file.fileno(), length, offset)
        if len(data) != length:
            raise OSError(f"the build's temporary file lost {length - len(data)} bytes")
        return data


@dataclass(frozen=True)
class Piece:
    """Bytes kept in a Spool."""

    spool: Spool
    offset: int
    length: int

    def __len__(self) -> int:
        return self.length

    def __bytes__(self) -> bytes:
        return self.spool.read(self.offset, self.length)


@dataclass(frozen=True)
class Chunks:
    """A file's bytes as pieces, written one after the other and never joined in memory.

    The JSON files at 10,000 partnerships are 150 MB each and hold the same records: each
    record's JSON is made once, kept in a Spool, and both files refer to it (see
    exports/json_files.py)."""

    parts: tuple[bytes | Piece, ...]

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)

    def __bytes__(self) -> bytes:
        return b"".join(self.pieces())

    def pieces(self) -> Iterator[bytes]:
        """The file's bytes in order, one piece in memory at a time."""
        for part in self.parts:
            yield part if isinstance(part, bytes) else bytes(part)


@dataclass(frozen=True)
class Asset:
    """A data or static file written as is, such as `data/registret.json`."""

    path: str
    content: bytes | Chunks


@dataclass
class Outputs:
    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)


class Links:
    """Relative links from one page, so the site works from any folder or file system."""

    def __init__(self, current: str) -> None:
        self.current = current

    def __call__(self, target: str) -> str:
        base = self.current if self.current.endswith("/") or not self.current else posixpath.dirname(self.current) + "/"
        path, _, fragment = target.partition("#")
        relative = posixpath.relpath("/" + path, "/" + base) if path else ""
        if path.endswith("/") and relative != ".":
            relative += "/"
        elif relative == ".":
            relative = "./"
        return relative + (f"#{fragment}" if fragment else "")


def _shown(annotation: Any) -> Callable[[Any], str]:
    """A filter that shows a value as its entry in VALUE_TYPES says, "Uppgift saknas" when unknown."""
    display = value_type(annotation).display

    def show(value: Any) -> str:
        return "Uppgift saknas" if value is None else display(value)

    return show


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for the next environment with the same settings.

    `mkdocs serve` makes a new environment for every rebuild, and compiling the templates
    again took about a second of each. Jinja checks each kept template against its source's
    checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


_COMPILED = CompiledTemplates()


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Templates don't change during a build: without this, Jinja stats the template file
        # on every render and every {% import %} (hundreds of thousands of times at 10,000 records).
        auto_reload=False,
        cache_size=-1,
        # The settings above are the same for every environment made here, so one store serves all.
        bytecode_cache=_COMPILED,
    )
    env.filters.update(
        kronor=_shown(Kronor),
        number=formatting.number,
        date=_shown(dt.date),
        partial_date=value_type(PartialDate).display,
        md=to_html,
        md_inline=to_inline_html,
        iso=lambda d: d.isoformat(),
    )
    env.filters["amount"] = formatting.amount_text
    env.globals["budget_chart"] = charts.budget_years_chart  # layout in Python, markup in charts.html
    env.globals["source_words"] = source_words
    env.globals["silent_sources"] = silent_sources
    env.globals["sources_named"] = sources_named
    env.filters["status_label"] = text.status_label
    env.filters["standing_text"] = text.standing_text
    env.filters["undecided_word"] = text.undecided_word
    env.filters["balance_words"] = text.balance_words
    env.filters["places_left_words"] = text.places_left_words
    env.filters["fee_words"] = text.fee_words
    env.filters["budget_label_note"] = text.budget_label_note
    return env


class Renderer:
    """Renders templates for one build: knows the registry, the derived facts and today."""

    def __init__(
        self, derived: Derived, publisher: Publisher, site_name: str = "IOP-registret", *,
        history: History | None = None, site_url: str = "",
    ) -> None:
        self.derived = derived
        self.registry: Registry = derived.registry
        self.publisher = publisher
        self.site_name = site_name
        # When each record file was added and changed (empty outside git), and the site's
        # address for absolute links in feeds ("" when mkdocs.yml names none).
        self.history = history or History()
        self.site_url = site_url
        self.env = make_environment()
        self.env.globals["publisher"] = publisher
        self.env.filters["status_note"] = lambda status: text.status_note(status, self.organisation_name)

    @property
    def id_domain(self) -> str:
        """The host that makes calendar UIDs and feed ids unique: the site's own address, or
        the publisher's website when mkdocs.yml has no site_url. It must not change when the
        site is served from elsewhere, or subscribers would see every event twice."""
        for address in (self.site_url, self.publisher.website or ""):
            host = urlsplit(address).hostname
            if host:
                return host
        return "localhost"

    def render(self, template: str, path: str, **context: Any) -> str:
        link = Links(path)
        return self.env.get_template(template).render(
            link=link,
            record_link=lambda kind, record_id: link(record_path(kind, record_id)),
            org_name=self.organisation_name,
            derived=self.derived,
            registry=self.registry,
            today=self.derived.today,
            **context,
        )

    def later(self, template: str, path: str, **context: Any) -> Callable[[], str]:
        """`render`, when the page is written rather than now (see Page.content). The context
        must not change until then: it holds the registry's own immutable views."""
        return functools.partial(self.render, template, path, **context)

    def organisation_name(self, organisation_id: str | None) -> str:
        if organisation_id is None:
            return "Uppgift saknas"
        return self.registry.organisation_name(organisation_id) or organisation_id
