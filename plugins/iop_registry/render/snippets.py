"""Registry data for hand-written pages: `<!-- iop:NAME -->` in site_src/*.md."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..derive import DecisionState
from ..model.course import CourseStatus
from .course_view import CourseView, course_partnerships
from .environment import Renderer
from .pages import decision_day, status_path
from .text import STATUS_LABELS

# The start page names this many of the newest decisions.
NEWEST_DECISIONS = 3
# With no course planned, the start page names whom to ask in this many of the partnerships
# that hold courses; the Kurser page names more. Uncapped, 10,000 cloned partnerships that
# hold courses made a start page of 1.4 MB.
COURSE_HOLDERS_ON_START_PAGE = 5

Snippet = Callable[[Renderer, str], str]


def key_figures(renderer: Renderer, page_path: str) -> str:
    derived = renderer.derived
    year = derived.today.year
    return renderer.render(
        "snippets/key_figures.html", page_path,
        year=year, active=len(derived.active_partnerships), total=len(derived.partnerships),
        public_funds=derived.public_funds_in_year(year, DecisionState.DECIDED),
        public_limit=derived.public_funds_limit_in_year(year, DecisionState.DECIDED),
        proposed_funds=derived.public_funds_in_year(year, DecisionState.PROPOSED),
        proposed_limit=derived.public_funds_limit_in_year(year, DecisionState.PROPOSED),
        # Money of agreements whose decision is unknown: with none decided, the page leaves out
        # "0 kr beslutade", which would read as known.
        undecided_funds=derived.public_funds_in_year(year, DecisionState.UNKNOWN),
        undecided_limit=derived.public_funds_limit_in_year(year, DecisionState.UNKNOWN),
        unknown=len(derived.budget_gaps.get(year, ())), courses=len(derived.upcoming_courses),
    )


def overview(renderer: Renderer, page_path: str) -> str:
    """What the registry holds: partnerships by status, the years its agreements and grants
    cover, and the newest decisions."""
    derived, registry = renderer.derived, renderer.registry
    counts = Counter(view.status.code for view in derived.partnerships)
    statuses = [(label, counts[code], status_path(code)) for code, label in STATUS_LABELS.items() if counts[code]]
    years: set[int] = set()
    for view in derived.partnerships:
        if view.start and view.end:  # a period no source gives covers no year
            years.update(range(view.start.year, max(view.end, view.extended_end or view.end).year + 1))
    years |= {entry.record.year for entry in registry.grants.values()}
    dated = [(day, entry) for entry in registry.decisions.values() if (day := decision_day(entry.record))]
    decisions = sorted(dated, key=lambda item: (item[0], item[1].id), reverse=True)[:NEWEST_DECISIONS]
    return renderer.render(
        "snippets/overview.html", page_path,
        total=len(derived.partnerships), statuses=statuses, first_year=min(years, default=None), last_year=max(years, default=None),
        decisions=decisions,
    )


def next_courses(renderer: Renderer, page_path: str) -> str:
    """The next courses; with none, when the last one was and whom to ask about the next."""
    derived = renderer.derived
    held = [entry for entry in derived.past_courses if entry.record.status is not CourseStatus.CANCELLED]
    last = CourseView(held[0], derived) if held else None
    holders = [holder for holder in course_partnerships(derived) if holder.contacts]
    return renderer.render(
        "snippets/next_courses.html", page_path,
        courses=derived.upcoming_courses[:3], last=last,
        holders=holders[:COURSE_HOLDERS_ON_START_PAGE], more_holders=max(0, len(holders) - COURSE_HOLDERS_ON_START_PAGE),
    )


SNIPPETS: dict[str, Snippet] = {
    "oversikt": overview,
    "nyckeltal": key_figures,
    "nasta-kurser": next_courses,
}
