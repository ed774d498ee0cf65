"""Where the site's pages live: the record sections and the pages generated beside records.

Declared once and read by both the renderers and the validator, so that a record id can never
take the address of a generated page (an organisation `sida-2` beside page 2 of the list, a
course `pagaende` beside the list of ongoing courses) and `validate` refuses such an id before
a build would meet two outputs at one address.
"""

from __future__ import annotations

import re

from .model import RECORD_TYPES

# Where each kind of record page lives in the site ("partnerskap/mammakraft/"), declared with
# the kind in model/kinds.py.
RECORD_SECTIONS = {kind: record_type.section for kind, record_type in RECORD_TYPES.items()}

# Lists continue on numbered pages inside the folder of their first page (render/listing.py):
# a listing's beside the records of its section (partnerskap/sida-2/), a record page's long
# lists inside the record's own folder (organisationer/<id>/sida-2/, beslut/<id>/sida-2/),
# where no record can be since ids have no "/".
NUMBERED_PAGE = re.compile(r"sida-[0-9]+")

# Listings whose first page is a section's own folder, so their numbered pages sit beside
# the record pages of that section.
SECTION_LISTINGS = ("partnerskap/", "organisationer/", "kurser/")
PARTNERSHIPS_BY_STATUS = "partnerskap/status/"
PARTNERSHIPS_BY_BOARD = "partnerskap/namnd/"
# One page per municipality or region, where the registry holds more than one.
PARTNERSHIPS_BY_PUBLIC_BODY = "partnerskap/kommun-eller-region/"
DECISIONS_AND_GRANTS = "beslut-och-bidrag/"
DECISIONS_AND_GRANTS_BY_PUBLIC_BODY = f"{DECISIONS_AND_GRANTS}kommun-eller-region/"
ONGOING_COURSES = "kurser/pagaende/"
PAST_COURSES = "kurser/arkiv/"

# Calendar feeds: one of the coming and the last year's courses (render/courses.py), and kalender/<partnership-id>.ics for each partnership.
CALENDAR_FOLDER = "kalender/"
ALL_COURSES_FEED = f"{CALENDAR_FOLDER}kurser.ics"

# The DCAT-AP-SE catalogue of the open data that Sveriges dataportal harvests (the profile's
# conventional address, an RDF/XML file without suffix).
DCAT_CATALOGUE = "datasets/dcat"

# Folders generated inside a section folder, beside its record pages.
_GENERATED_FOLDERS = (PARTNERSHIPS_BY_STATUS, PARTNERSHIPS_BY_BOARD, PARTNERSHIPS_BY_PUBLIC_BODY, ONGOING_COURSES, PAST_COURSES)


def taken_ids() -> tuple[str, ...]:
    """The ids that generated pages have, for the editors' guide (numbered pages aside)."""
    folders = [folder.rstrip("/").rsplit("/", 1)[1] for folder in _GENERATED_FOLDERS]
    return (*folders, ALL_COURSES_FEED.removeprefix(CALENDAR_FOLDER).removesuffix(".ics"))


def record_path(kind: str, record_id: str) -> str:
    """The site path of a record page; ids are slugs, so this never leaves the site."""
    return f"{RECORD_SECTIONS[kind]}/{record_id}/"


def numbered_page(base: str, number: int) -> str:
    """Page `number` of the list whose first page is `base`."""
    return base if number == 1 else f"{base}sida-{number}/"


def partnership_feed(partnership_id: str) -> str:
    return f"{CALENDAR_FOLDER}{partnership_id}.ics"


def generated_page_at(kind: str, record_id: str) -> str | None:
    """The generated page or file that a record of `kind` with `record_id` would collide with."""
    page = record_path(kind, record_id)
    if page in _GENERATED_FOLDERS:
        return page
    if NUMBERED_PAGE.fullmatch(record_id) and f"{RECORD_SECTIONS[kind]}/" in SECTION_LISTINGS:
        return page
    if kind == "partnership" and partnership_feed(record_id) == ALL_COURSES_FEED:
        return ALL_COURSES_FEED
    return None
