"""Pages for partnerships, organisations, decisions and grants, and their listings."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..derive import DecisionState, PartnershipStatus, PartnershipView
from ..model.decision import Decision
from ..model.grant import Grant
from ..model.organisation import OrganisationKind
from ..registry import Entry
from ..site_paths import (
    DECISIONS_AND_GRANTS,
    DECISIONS_AND_GRANTS_BY_PUBLIC_BODY,
    PARTNERSHIPS_BY_BOARD,
    PARTNERSHIPS_BY_PUBLIC_BODY,
    PARTNERSHIPS_BY_STATUS,
    partnership_feed,
    record_path,
)
from .decision_views import decision_card, grant_card, grant_facts
from .environment import Outputs, Page, Renderer
from .listing import FilterLink, filter_links, numbered_title, paginate, record_chunks
from .text import DECISION_STATE_HEADINGS, STATUS_LABELS, worded_key_dates


def _listing(renderer: Renderer, template: str, base: str, title: str, items: Sequence[Any], *, in_nav: bool, **context: Any) -> list[Page]:
    pages = []
    for path, chunk, pagination in paginate(items, base):
        body = renderer.later(template, path, items=chunk, pagination=pagination, total=len(items), **context)
        pages.append(Page(path, numbered_title(title, pagination), body, in_nav=in_nav and pagination.number == 1))
    return pages


def _partnership_page(renderer: Renderer, path: str, *, view: PartnershipView, **context: Any) -> str:
    """A partnership's first page, rendered when it is written (see Page.content), with its key dates in words."""
    key_dates = worded_key_dates(view.key_dates, renderer.derived.today)
    return renderer.render("partnership.html", path, view=view, key_dates=key_dates, **context)


def url_word(label: str) -> str:
    """A Swedish label as a URL segment: 'Pågående, slutar snart' -> 'pagaende-slutar-snart'."""
    ascii_text = unicodedata.normalize("NFKD", label.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def status_path(code: PartnershipStatus) -> str:
    """The list of partnerships with one status, under its Swedish name: partnerskap/status/forslag/."""
    return f"{PARTNERSHIPS_BY_STATUS}{url_word(STATUS_LABELS[code])}/"


@dataclass(frozen=True)
class Section:
    """A section of a partnership's page: its anchor and its heading."""

    id: str
    title: str


def partnership_sections(view: PartnershipView) -> tuple[list[Section], list[Section]]:
    """(the sections the page shows, the sections with nothing in the sources), in page order.
    The page lists the first as "På sidan" and names the second in one line instead of a
    heading with "Uppgift saknas" under it for each. Sections that exist only for some
    partnerships (grants, courses, background) are never called missing."""
    p = view.record
    sections = [
        ("forlanger", "Förlänger tidigare avtal", p.extension_of, False),
        ("syfte", "Syfte", p.purpose, True),
        ("malgrupper", "Målgrupper", p.target_groups, True),
        ("verksamhet", "Verksamhet och mål", p.activities, True),
        ("ansvar", "Parternas ansvar", p.responsibilities, True),
        ("styrning", "Styrning", p.governance, True),
        ("ekonomi", "Ekonomi", view.budget_sections or view.missing_budget_years or p.budget_notes, True),
        ("datum", "Viktiga datum", view.key_dates, True),
        ("forlangning", "Förlängning", p.extension or p.extensions, True),
        ("uppfoljning", "Uppföljning", p.follow_up, True),
        ("betalning", "Betalning", p.payment_terms, True),
        ("villkor", "Omförhandling, hävning och tvist", p.termination or p.conditions, True),
        ("underskrifter", "Underskrifter", p.signatories, True),
        ("beslut", "Beslut", p.decisions, True),
        ("bidrag", "Andra beviljade medel", view.grants, False),
        ("kurser", "Kurser", view.courses or p.holds_courses, False),
        ("bakgrund", "Bakgrund", p.background, False),
        ("vardegrund", "Värdegrund", p.values, False),
        ("kallor", "Källor", p.sources, True),
    ]
    shown = [Section("fakta", "I korthet"), Section("kontaktpersoner", "Kontaktpersoner")]
    shown += [Section(anchor, title) for anchor, title, content, _ in sections if content]
    missing = [Section(anchor, title) for anchor, title, content, expected in sections if expected and not content]
    return shown, missing


def _boards(renderer: Renderer, view: PartnershipView) -> list[str]:
    organisations = renderer.registry.organisations
    return [
        party.organisation
        for party in view.record.parties
        if party.organisation in organisations and organisations[party.organisation].record.kind is OrganisationKind.BOARD
    ]


def partnership_pages(renderer: Renderer) -> list[Page]:
    derived = renderer.derived
    views = derived.partnerships
    boards = sorted({b for v in views for b in _boards(renderer, v)}, key=lambda b: (renderer.organisation_name(b), b))
    registry = renderer.registry
    bodies_of = {v.id: registry.public_bodies_of([party.organisation for party in v.record.parties]) for v in views}
    bodies = [b for b in registry.public_bodies if registry.several_public_bodies and any(b in found for found in bodies_of.values())]
    filters: dict[str, list[tuple[str, str, str]]] = {
        "statuses": [(code, label, status_path(code)) for code, label in STATUS_LABELS.items() if any(v.status.code == code for v in views)],
        "bodies": [(body, renderer.organisation_name(body), f"{PARTNERSHIPS_BY_PUBLIC_BODY}{body}/") for body in bodies],
        "boards": [(board, renderer.organisation_name(board), f"{PARTNERSHIPS_BY_BOARD}{board}/") for board in boards],
    }
    def links(current: str) -> dict[str, list[FilterLink]]:
        """The filters as links from the list at `current`: 'Alla' first among the statuses."""
        return {
            "statuses": filter_links([("Alla", "partnerskap/"), *((label, path) for _, label, path in filters["statuses"])], current),
            "bodies": filter_links([(name, path) for _, name, path in filters["bodies"]], current),
            "boards": filter_links([(name, path) for _, name, path in filters["boards"]], current),
        }

    pages = _listing(renderer, "partnership_list.html", "partnerskap/", "Partnerskap", views, in_nav=True, filters=links("partnerskap/"), heading=None)
    for code, label, path in filters["statuses"]:
        chosen = [v for v in views if v.status.code == code]
        pages += _listing(renderer, "partnership_list.html", path, f"Partnerskap: {label.lower()}", chosen, in_nav=False, filters=links(path), heading=label)
    for body, name, path in filters["bodies"]:
        chosen = [v for v in views if body in bodies_of[v.id]]
        pages += _listing(renderer, "partnership_list.html", path, f"Partnerskap med {name}", chosen, in_nav=False, filters=links(path), heading=name)
    for board, name, path in filters["boards"]:
        chosen = [v for v in views if board in _boards(renderer, v)]
        pages += _listing(renderer, "partnership_list.html", path, f"Partnerskap med {name}", chosen, in_nav=False, filters=links(path), heading=name)
    for view in views:
        path = record_path("partnership", view.id)
        shown, missing = partnership_sections(view)
        # Grants and courses that go on past one page continue on partnerskap/<id>/sida-N/.
        chunks = record_chunks(path, {"grants": view.grants, "courses": view.courses})
        _, slices, pagination = chunks[0]
        first: Callable[[], str] = functools.partial(
            _partnership_page, renderer, path, view=view, sections=shown, shown={s.id for s in shown}, missing_sections=missing,
            calendar=partnership_feed(view.id), lists=slices, pagination=pagination,
        )
        pages.append(Page(path, view.record.title, first, description=(view.record.summary or view.record.title)[:200]))
        for page_path, slices, pagination in chunks[1:]:
            content = renderer.later("partnership_more.html", page_path, view=view, lists=slices, pagination=pagination)
            pages.append(Page(page_path, numbered_title(view.record.title, pagination), content))
    return pages


def organisation_pages(renderer: Renderer) -> list[Page]:
    registry, derived = renderer.registry, renderer.derived
    links = derived.record_links
    entries = sorted(registry.organisations.values(), key=lambda e: (e.record.name.casefold(), e.id))
    pages = _listing(renderer, "organisation_list.html", "organisationer/", "Organisationer", entries, in_nav=True)
    for entry in entries:
        lists: dict[str, Sequence[Any]] = {
            "children": sorted(links.organisations_by_parent.get(entry.id, []), key=lambda o: o.record.name),
            "partnerships": derived.partnerships_by_organisation.get(entry.id, []),
            "performed": derived.costs_performed.get(entry.id, []),
            "grants_received": sorted(links.grants_by_recipient.get(entry.id, []), key=lambda g: (-g.record.year, g.id)),
            "grants_given": sorted(links.grants_by_funder.get(entry.id, []), key=lambda g: (-g.record.year, g.id)),
        }
        # Lists that grow with the registry continue on organisationer/<id>/sida-N/.
        for path, slices, pagination in record_chunks(record_path("organisation", entry.id), lists):
            funds = derived.funds_received(entry.id) if pagination.number == 1 else {}
            columns = fund_columns(funds)
            body = renderer.later(
                "organisation.html", path, entry=entry, lists=slices, pagination=pagination, funds=funds, fund_columns=columns,
                # Money of unknown decision has its column: the note says how it is counted.
                fund_unknown=FUND_COLUMNS[2] in columns,
            )
            pages.append(Page(path, numbered_title(renderer.organisation_name(entry.id), pagination), body))
    return pages


# The columns of an organisation's money table: (index in funds_received's tuples, heading).
FUND_COLUMNS = tuple(
    (index, DECISION_STATE_HEADINGS[state]) for index, state in enumerate((DecisionState.DECIDED, DecisionState.PROPOSED, DecisionState.UNKNOWN))
)


def fund_columns(funds: dict[int, tuple[int, int, int]]) -> list[tuple[int, str]]:
    """Beslutat and Förslag as always; with money of agreements whose decision is unknown, only
    the columns that hold money, so no "0 kr beslutat" stands where nothing says whether it is."""
    if not any(amounts[2] for amounts in funds.values()):
        return list(FUND_COLUMNS[:2])
    return [(index, name) for index, name in FUND_COLUMNS if any(amounts[index] for amounts in funds.values())]


def decision_day(decision: Decision) -> dt.date | None:
    """The latest day a decision's documents name (a meeting, the decision, the memo): what
    "newest first" sorts by."""
    days = [m.date for m in decision.meetings] + [d for d in (decision.decided_on, decision.document_date) if d]
    return max(days) if days else None


def decision_and_grant_pages(renderer: Renderer) -> list[Page]:
    registry = renderer.registry
    decisions = list(registry.decisions.values())
    grants = list(registry.grants.values())
    links, by_id = renderer.derived.record_links, renderer.derived.partnership_by_id

    def newest(entry: Any) -> tuple[Any, ...]:
        record = entry.record
        if entry.kind == "decision":
            day = decision_day(record)
            return (day.isoformat() if day else "0000", entry.id)
        decision = registry.decisions.get(record.decision)
        return (newest(decision)[0] if decision else f"{record.year:04d}", entry.id)

    items: list[Entry[Decision] | Entry[Grant]] = sorted([*decisions, *grants], key=newest, reverse=True)
    # Each municipality's or region's decisions and grants on a page of its own, when there are several.
    def body_of(entry: Any) -> str | None:
        return registry.public_body(entry.record.board if entry.kind == "decision" else entry.record.funder)

    bodies = [b for b in registry.public_bodies if registry.several_public_bodies and any(body_of(e) == b for e in items)]
    filters = [(b, renderer.organisation_name(b), f"{DECISIONS_AND_GRANTS_BY_PUBLIC_BODY}{b}/") for b in bodies]
    name = renderer.organisation_name
    cards = [decision_card(e, registry, name) if e.kind == "decision" else grant_card(e, name) for e in items]  # type: ignore[arg-type]

    # 'Alla' and each municipality or region, when there are several.
    choices = [("Alla", DECISIONS_AND_GRANTS), *((body_name, path) for _, body_name, path in filters)] if filters else []
    pages = _listing(
        renderer, "decision_list.html", DECISIONS_AND_GRANTS, "Beslut och bidrag", cards, in_nav=True,
        filters=filter_links(choices, DECISIONS_AND_GRANTS), heading=None,
    )
    for public_body, body_name, path in filters:
        chosen = [c for c in cards if body_of(c.entry) == public_body]
        pages += _listing(
            renderer, "decision_list.html", path, f"Beslut och bidrag: {body_name}", chosen, in_nav=False,
            filters=filter_links(choices, path), heading=body_name,
        )
    for entry in decisions:
        path = record_path("decision", entry.id)
        # In the order of derived.partnerships (by title), as before the lookup existed.
        concerns = sorted(
            (by_id[p.id] for p in links.partnerships_by_decision.get(entry.id, [])), key=lambda v: (v.record.title.casefold(), v.id)
        )
        grants_of = links.grants_by_decision.get(entry.id, [])
        # A decision may concern any number of records: they continue on beslut/<id>/sida-N/.
        lists = {"concerns": [*(("partnership", v) for v in concerns), *(("grant", g) for g in grants_of)]}
        for page_path, slices, pagination in record_chunks(path, lists):
            body = renderer.later("decision.html", page_path, entry=entry, lists=slices, pagination=pagination)
            pages.append(Page(page_path, numbered_title(entry.record.heading, pagination), body))
    for grant_entry in grants:
        path = record_path("grant", grant_entry.id)
        title = f"Bidrag till {grant_entry.record.activity}: {renderer.organisation_name(grant_entry.record.recipient)}"
        pages.append(Page(path, title, renderer.later("grant.html", path, entry=grant_entry, facts=grant_facts(grant_entry.record, registry))))
    return pages


def outputs(renderer: Renderer) -> Outputs:
    return Outputs(pages=partnership_pages(renderer) + organisation_pages(renderer) + decision_and_grant_pages(renderer))
