"""The Öppna data page: first every download with its size, then the licence, the formats and each file's fields.

It is made last in a build (site.build_outputs), when every file of the site exists, so it
can list each with its real size: the data files, the data package, the DCAT-AP-SE catalogue,
the calendar feeds and the Atom feed. It stays the same size at any registry size: the
per-partnership calendars beyond the first FEEDS_ON_PAGE continue on numbered list pages,
and the one calendar file of each course is linked from the course's own page, not here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...model import RECORD_TYPES
from ...site_paths import ALL_COURSES_FEED, DCAT_CATALOGUE
from ..changes import FEED_PATH
from ..course_view import course_partnerships
from ..environment import Asset, Page, Renderer
from ..listing import numbered_title, paginate
from ..search.documents import PageText
from .csv_tables import CSV_TABLES
from .datapackage import DATAPACKAGE
from .downloads import Download, downloads, size_text
from .json_files import schema_path
from .publication import LICENCE, PAGE, SCHEMA_VERSION, media_type
from .whole_registry import WHOLE_REGISTRY_SCHEMA

TITLE = "Öppna data"
DESCRIPTION = "Hela registret som öppna data i JSON och CSV, med kalendrar och flöde, fritt att använda (CC0)."
# The short names of the JSON Schemas in the list of downloads.
SCHEMA_TITLES = {WHOLE_REGISTRY_SCHEMA: "Hela registret"} | {schema_path(k): t.singular.capitalize() for k, t in RECORD_TYPES.items()}
# Per-partnership calendars on the page itself, few enough that the whole list of downloads
# stays on the first screen of a phone; more continue on the list pages.
FEEDS_ON_PAGE = 5
CALENDAR_LIST = f"{PAGE}kalendrar/"
CALENDAR_LIST_TITLE = "Kalendrar per partnerskap"


@dataclass(frozen=True)
class FileLink:
    """A file in the list of downloads: its title, address, media type and size."""

    path: str
    title: str
    media_type: str
    size: int

    @property
    def size_text(self) -> str:
        return size_text(self.size)


@dataclass(frozen=True)
class FileGroup:
    """One line of the list of downloads: a format and its files, and where the rest are."""

    id: str
    heading: str
    files: tuple[FileLink, ...]
    more_text: str = ""
    more_path: str = ""


def _link(download: Download, title: str | None = None) -> FileLink:
    return FileLink(download.path, title or download.title, media_type(download.path), download.size)


def _file(path: str, title: str, sizes: dict[str, int]) -> FileLink:
    return FileLink(path, title, media_type(path), sizes[path])


def calendars_page(count: int) -> str:
    """The page that links every one of `count` per-partnership calendars: this page while
    they fit on it, else the first of the calendar list pages."""
    return CALENDAR_LIST if count > FEEDS_ON_PAGE else PAGE


def _files_text(count: int) -> str:
    return "" if count == 0 else "en fil" if count == 1 else f"{count} filer"


def search_text() -> PageText:
    """The page as the search finds it; it is made after the search index, so the index is told here."""
    return PageText(PAGE, TITLE, DESCRIPTION)


def calendar_feeds(renderer: Renderer, sizes: dict[str, int]) -> tuple[FileLink, list[FileLink]]:
    """The calendar of the coming and the last year's courses, and one calendar per
    partnership that holds courses (all of its courses)."""
    every = _file(ALL_COURSES_FEED, "Alla kommande kurser och det senaste årets", sizes)
    # The group's heading says these are calendars: the partnership's title is enough.
    per_partnership = [_file(item.feed_path, item.view.record.title, sizes) for item in course_partnerships(renderer.derived)]
    return every, per_partnership


def catalogue_link(sizes: dict[str, int]) -> FileLink | None:
    """The DCAT catalogue, when it was made (publication.catalogue_path decides)."""
    return _file(DCAT_CATALOGUE, "Katalog (DCAT-AP-SE)", sizes) if DCAT_CATALOGUE in sizes else None


def file_groups(listed: list[Download], sizes: dict[str, int], every: FileLink, per_partnership: list[FileLink]) -> list[FileGroup]:
    by_group = {group: [d for d in listed if d.group == group] for group in ("json", "csv", "scheman")}
    described = [_link(d, "Datapaket") for d in by_group["csv"] if d.path == DATAPACKAGE]
    catalogue = catalogue_link(sizes)
    if catalogue is not None:
        described.append(catalogue)
    schemas = [_link(d, SCHEMA_TITLES.get(d.path)) for d in by_group["scheman"]]
    calendars = (every, *per_partnership[:FEEDS_ON_PAGE])
    more = len(per_partnership) - FEEDS_ON_PAGE
    groups = [
        FileGroup("ladda-json", "JSON", tuple(_link(d) for d in by_group["json"])),
        FileGroup("ladda-csv", "CSV", tuple(_link(d) for d in by_group["csv"] if d.path != DATAPACKAGE)),
        FileGroup("ladda-beskrivningar", "Beskrivningar", tuple(described)),
        FileGroup("ladda-scheman", "JSON Schema", tuple(schemas)),
        FileGroup(
            "ladda-kalendrar", "Kalendrar (iCalendar)", calendars,
            more_text=f"kalendrar för alla {len(per_partnership)} partnerskap" if more > 0 else "",
            more_path=calendars_page(len(per_partnership)) if more > 0 else "",
        ),
    ]
    if FEED_PATH in sizes:
        groups.append(FileGroup("ladda-flode", "Flöde (Atom)", (_file(FEED_PATH, "Senaste ändringar", sizes),)))
    return groups


def calendar_list_pages(renderer: Renderer, per_partnership: list[FileLink]) -> list[Page]:
    """Every per-partnership calendar on numbered pages, when there are more than the page shows."""
    first = calendars_page(len(per_partnership))
    if first == PAGE:
        return []
    pages = []
    for path, chunk, pagination in paginate(per_partnership, first):
        title = numbered_title(CALENDAR_LIST_TITLE, pagination)
        body = renderer.render("open_data_calendars.html", path, items=chunk, pagination=pagination, total=len(per_partnership))
        pages.append(Page(path, title, body, description="Kalenderfilerna med varje partnerskaps kurser.", search=False))
    return pages


def pages(renderer: Renderer, assets: Iterable[Asset]) -> list[Page]:
    """The Öppna data page (and its calendar list pages) for the files in `assets`."""
    sizes = {asset.path: len(asset.content) for asset in assets}
    listed = downloads(sizes, CSV_TABLES)
    every, per_partnership = calendar_feeds(renderer, sizes)
    details = [
        (group, heading, [d for d in listed if d.group == group])
        for group, heading in (("json", "JSON för program"), ("csv", "CSV för kalkylprogram"), ("scheman", "JSON Schema"))
    ]
    body = renderer.render(
        "open_data.html", PAGE,
        file_groups=file_groups(listed, sizes, every, per_partnership), groups=details,
        course_calendars=_files_text(len(renderer.registry.courses)), licence=LICENCE, schema_version=SCHEMA_VERSION,
        built=renderer.derived.today,
        dcat_catalogue=catalogue_link(sizes),  # as in the list of downloads
    )
    page = Page(PAGE, TITLE, body, in_nav=True, description=DESCRIPTION)
    return [page, *calendar_list_pages(renderer, per_partnership)]
