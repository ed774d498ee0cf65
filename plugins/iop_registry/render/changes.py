"""What changed in the registry, from git history: dates on record pages, a change list, an Atom feed.

These outputs describe the other outputs (a change list names each record by its page
title), so `annotate` runs after every producer in `site.build_outputs`, not as one of them.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from ..clock import STOCKHOLM
from ..formatting import long_date
from ..history import FileHistory
from ..model import RECORD_TYPES
from ..site_paths import record_path
from .environment import Asset, Outputs, Page, Renderer
from .listing import numbered_title, paginate

CHANGES_PATH = "andringar/"
FEED_PATH = "andringar.atom"
# The feed carries the latest changes only; the change list pages hold them all.
FEED_ENTRIES = 50
# RFC 4151 tag URIs: an entry keeps its id whatever the site's address or the record's title.
# Feed and entry ids are tag URIs (RFC 4151) on the site's host: they must never change,
# or feed readers show every entry again. The date part is fixed with the id scheme (2023,
# when the registry's feed format was defined), never the build date.
TAG_DATE = "2023"


def tag_prefix(renderer: Renderer) -> str:
    return f"tag:{renderer.id_domain},{TAG_DATE}:"
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class RecordChange:
    """A record with its history: the newest change puts it first in the list and the feed."""

    kind: str
    id: str
    title: str
    history: FileHistory
    example: bool

    @property
    def path(self) -> str:
        return record_path(self.kind, self.id)

    @property
    def kind_label(self) -> str:
        return RECORD_TYPES[self.kind].label

    @property
    def event(self) -> str:
        """ "Ny" or "Ändrad", agreeing with the kind's gender ("Nytt partnerskap", "Ny kurs")."""
        neuter = RECORD_TYPES[self.kind].neuter
        if self.history.is_new:
            return "Nytt" if neuter else "Ny"
        return "Ändrat" if neuter else "Ändrad"

    @property
    def needs_example_label(self) -> bool:
        """An illustrative record is labelled once: course pages already title it "Exempel: …"."""
        return self.example and "exempel" not in self.title.casefold()

    def tag_id(self, prefix: str) -> str:
        return f"{prefix}{self.kind}/{self.id}"


def record_changes(renderer: Renderer, titles: Mapping[str, str]) -> list[RecordChange]:
    """Every record with a history, newest change first; titles by page path."""
    registry = renderer.registry
    changes = []
    for kind in RECORD_TYPES:
        for entry in registry.of_kind(kind).values():
            history = renderer.history.of(entry.file, registry.root)
            if history is None:
                continue
            path = record_path(kind, entry.id)
            changes.append(
                RecordChange(kind, entry.id, titles.get(path, entry.id), history, bool(getattr(entry.record, "example", False)))
            )
    kind_order = list(RECORD_TYPES)
    changes.sort(key=lambda c: (-c.history.updated.timestamp(), kind_order.index(c.kind), c.id))
    return changes


def annotate(renderer: Renderer, outputs: Outputs) -> Outputs:
    """Add "Senast ändrad" to record pages, and the change list and the feed."""
    changes = record_changes(renderer, {page.path: page.title for page in outputs.pages})
    by_path = {change.path: change for change in changes}
    pages = []
    for page in outputs.pages:
        change = by_path.get(page.path)
        if change is not None:
            dates = renderer.later("record_dates.html", page.path, change=change, changes_path=CHANGES_PATH)
            page = page.followed_by(dates, updated=change.history.updated.date())
        pages.append(page)
    pages += change_pages(renderer, changes)
    return Outputs(pages=pages, assets=[*outputs.assets, Asset(FEED_PATH, atom_feed(renderer, changes))])


def change_pages(renderer: Renderer, changes: list[RecordChange]) -> list[Page]:
    pages = []
    for path, chunk, pagination in paginate(changes, CHANGES_PATH):
        title = numbered_title("Senaste ändringar", pagination)
        body = renderer.later(
            "changes.html",
            path,
            items=chunk,
            pagination=pagination,
            total=len(changes),
            problem=renderer.history.problem,
            feed_path=FEED_PATH,
        )
        description = "Nya och ändrade poster i IOP-registret, den senaste ändringen först."
        # Out of the search index: the list only repeats record titles, one page per hundred
        # records, and the index is downloaded whole by every reader who searches.
        pages.append(Page(path, title, body, description=description, search=False))
    return pages


def _absolute(renderer: Renderer, path: str) -> str:
    """An absolute address from site_url; without one, a link relative to the feed's folder."""
    return f"{renderer.site_url.rstrip('/')}/{path}" if renderer.site_url else path


def _rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


# XML 1.0 allows only these characters (§2.2); ElementTree escapes <, & and quotes but writes
# any other character as it is, and one control character makes the whole feed unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (validation refuses them before this)."""
    return _NOT_XML.sub("", text)


def atom_feed(renderer: Renderer, changes: list[RecordChange]) -> bytes:
    """An RFC 4287 feed of the latest changes: one entry per record, updated when it changed."""
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {name: xml_text(value) for name, value in attributes.items()})
        element.text = None if text is None else xml_text(text)
        return element

    latest = changes[:FEED_ENTRIES]
    # The feed changed when its newest entry did; with no history, at the start of "today".
    updated = latest[0].history.updated if latest else dt.datetime.combine(renderer.derived.today, dt.time(), STOCKHOLM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    prefix = tag_prefix(renderer)
    add(feed, "id", f"{prefix}andringar")
    add(feed, "title", f"{renderer.site_name}: senaste ändringar")
    add(feed, "subtitle", f"Nya och ändrade poster i {renderer.publisher.genitive} register över idéburna offentliga partnerskap.")
    add(feed, "updated", _rfc3339(updated))
    add(feed, "link", rel="self", type="application/atom+xml", href=_absolute(renderer, FEED_PATH))
    add(feed, "link", rel="alternate", type="text/html", href=_absolute(renderer, CHANGES_PATH))
    author = add(feed, "author")
    add(author, "name", renderer.publisher.name)
    for change in latest:
        entry = add(feed, "entry")
        add(entry, "id", change.tag_id(prefix))
        title = f"{change.event} {RECORD_TYPES[change.kind].singular}: {change.title}"
        add(entry, "title", title + (" (exempel, inte en verklig kurs)" if change.needs_example_label else ""))
        add(entry, "updated", _rfc3339(change.history.updated))
        add(entry, "published", _rfc3339(change.history.created))
        add(entry, "link", rel="alternate", type="text/html", href=_absolute(renderer, change.path))
        add(entry, "category", term=change.kind, label=change.kind_label)
        summary = f"{change.kind_label} i IOP-registret. Lades till i registret {long_date(change.history.created.date())}"
        if not change.history.is_new:
            summary += f" och ändrades senast {long_date(change.history.updated.date())}"
        summary += "."
        if change.example:
            summary += " Det här är ett påhittat exempel, inte en verklig kurs."
        add(entry, "summary", summary, type="text")
    ET.indent(feed)
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"
