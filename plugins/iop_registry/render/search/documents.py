"""What the search knows of each page: a record, a list or a hand-written page, with the
words it can be found by."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import InitVar, dataclass, field

from ...derive import PartnershipView
from ...model import RECORD_TYPES
from ...model.common import Contact
from ...model.decision import Decision
from ...registry import Entry
from ...site_paths import record_path
from ..course_view import CourseView, course_views
from ..environment import Renderer
from ..text import status_label
from .text import plain_text, shorten, words

# Kinds as results show them, by their letter (model/kinds.py), and "s" for the site's other
# pages; the order is also the order of equal matches.
PAGE_LETTER = "s"
KINDS = {
    **{t.search_letter: t.label for t in sorted(RECORD_TYPES.values(), key=lambda t: t.search_rank)},
    PAGE_LETTER: "Sida",
}


def _letter(kind: str) -> str:
    return RECORD_TYPES[kind].search_letter


@dataclass(frozen=True)
class Document:
    """One page as the search knows it: a record, a list or a hand-written page."""

    kind: str  # a key of KINDS
    title: str
    status: str
    text: str  # the short text a result shows
    path: str  # the page's site path, "partnerskap/mammakraft/"
    keywords: InitVar[str] = ""  # more searchable text that the result doesn't show
    # A course that is over: it ranks after everything current, so a finished course is
    # never listed between two that a reader can still refer someone to.
    past: bool = False
    # Every word the page is found by, once, each word one string shared by all pages: the
    # keywords' text itself is not kept (at 10,000 partnerships it was 100 MB).
    found_by: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self, keywords: str) -> None:
        found = {sys.intern(word) for word in words(" ".join((self.title, self.text, keywords, KINDS[self.kind], self.status)))}
        object.__setattr__(self, "found_by", tuple(found))

    def summary(self) -> list[str]:
        return [self.title, self.kind, self.status, self.text, self.path]


def _joined(*parts: str | None) -> str:
    return " ".join(plain_text(part) for part in parts if part)


def _contact_words(contact: Contact | None, renderer: Renderer) -> str:
    if contact is None:
        return ""
    return _joined(contact.name, contact.title, renderer.organisation_name(contact.organisation) if contact.organisation else None)


def _partnership(view: PartnershipView, renderer: Renderer) -> Document:
    record = view.record
    targets = record.target_groups
    keywords = _joined(
        *(renderer.organisation_name(party.organisation) for party in record.parties),
        *(party.acting_through for party in record.parties),
        *(_contact_words(party.contact, renderer) for party in record.parties),
        *record.case_numbers,
        record.agreement_title,
        record.summary,
        record.purpose,
        record.background,
        targets.primary if targets else None,
        targets.secondary if targets else None,
        *(_joined(activity.title, activity.description, *activity.goals) for activity in record.activities),
        *(_joined(signatory.name, signatory.title, signatory.place) for signatory in record.signatories),
    )
    return Document(_letter("partnership"), record.title, status_label(view.status.code), shorten(plain_text(record.summary)), record_path("partnership", view.id), keywords)


def _course(course: CourseView, renderer: Renderer) -> Document:
    record = course.record
    partnership = course.partnership
    venue, languages, referral = record.venue, record.languages, record.referral
    text = shorten(" · ".join(t for t in (course.term_label, course.span_text, venue.name if venue else "") if t))
    keywords = _joined(
        partnership.record.title if partnership else None,
        course.term_label,
        record.description,
        record.audience,
        venue.name if venue else None,
        venue.address if venue else None,
        *(languages.teaching if languages else []),
        *(languages.interpretation if languages else []),
        renderer.organisation_name(record.organiser) if record.organiser else None,
        *(_contact_words(contact.contact, renderer) for contact in course.contacts),
        *(session.topic for session in record.sessions),
        *(_joined(meeting.place, meeting.audience) + " " + _contact_words(meeting.contact, renderer) for meeting in record.information_meetings),
        _contact_words(referral.contact, renderer) if referral else None,
    )
    return Document(_letter("course"), course.title, course.status_label, text, course.page_path, keywords, past=course.phase == "past")


def _decision(entry: Entry[Decision], renderer: Renderer) -> Document:
    decision = entry.record
    keywords = _joined(
        renderer.organisation_name(decision.board),
        renderer.organisation_name(decision.prepared_by) if decision.prepared_by else None,
        decision.summary,
        *decision.decision_points,
        *(meeting.body for meeting in decision.meetings),
        _contact_words(decision.contact, renderer),
        *(_joined(person.name, person.title) for person in decision.responsible),
        *decision.related_case_numbers,
    )
    title = decision.heading
    return Document(_letter("decision"), title, decision.status.label, shorten(plain_text(decision.summary)), record_path("decision", entry.id), keywords)


def documents(renderer: Renderer, pages: Iterable[PageText] = ()) -> list[Document]:
    """Every record page and every other page, with the words it can be found by: current
    records first, then pages, then courses that are over (see `Document.past`)."""
    registry, derived = renderer.registry, renderer.derived
    docs = [_partnership(view, renderer) for view in derived.partnerships]
    docs += [_course(course, renderer) for course in course_views(derived, list(registry.courses.values()))]
    for org_entry in registry.organisations.values():
        org = org_entry.record
        text = shorten(plain_text(org.description)) or org.kind.label
        keywords = _joined(org.short_name, str(org.org_number or ""), org.department, org.description,
                           renderer.organisation_name(org.parent) if org.parent else None)
        docs.append(Document(_letter("organisation"), renderer.organisation_name(org_entry.id), org.kind.label, text, record_path("organisation", org_entry.id), keywords))
    docs += [_decision(entry, renderer) for entry in registry.decisions.values()]
    for entry in registry.grants.values():
        grant = entry.record
        recipient, funder = renderer.organisation_name(grant.recipient), renderer.organisation_name(grant.funder)
        title = f"Bidrag till {grant.activity}: {recipient}"
        keywords = _joined(funder, *grant.activity_spellings, grant.purpose, grant.activity_description, grant.source_of_funds)
        docs.append(Document(_letter("grant"), title, str(grant.year), shorten(plain_text(grant.purpose)), record_path("grant", entry.id), keywords))
    docs += [Document(PAGE_LETTER, page.title, "", shorten(plain_text(page.text)), page.path, plain_text(page.text)) for page in pages]
    order = list(KINDS)
    return sorted(docs, key=lambda d: (d.past, order.index(d.kind), d.title.casefold(), d.path))


@dataclass(frozen=True)
class PageText:
    """A page that is not a record, as the search reads it: a list (its title and
    description) or a hand-written page (its Markdown)."""

    path: str
    title: str
    text: str


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_ATTRIBUTES = re.compile(r"\{[:#.][^}]*\}")


def handwritten_page(src_uri: str, markdown: str) -> PageText | None:
    """A hand-written page (site_src/om-registret.md) as the search reads it: its first
    heading and its text, without front matter, snippet markers (records are found as
    records) or attribute lists. None for a page without a heading."""
    body = _ATTRIBUTES.sub("", _COMMENT.sub("", _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"))))
    heading = _HEADING.search(body)
    if heading is None:
        return None
    stem_path = src_uri.removesuffix(".md")
    path = "" if stem_path == "index" else (stem_path.removesuffix("index") if stem_path.endswith("/index") else stem_path + "/")
    return PageText(path, plain_text(heading[1]), body[heading.end():])
