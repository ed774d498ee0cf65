"""Facts that follow from the records and a given day: statuses, totals, key dates, courses.

Everything here is a pure function of (registry, today). Templates and exports read these
values and never compute on their own, so a page, a CSV file and a chart can't disagree.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from babel.dates import format_date

from .formatting import long_date
from .model.course import Course, CourseStatus
from .model.decision import DecisionStatus
from .model.partnership import BudgetYear, Partnership
from .model.types import PartialDate
from .registry import Entry, Registry


@dataclass(frozen=True)
class Status:
    """A partnership's standing on a given day, with a Swedish label and an explanation."""

    code: str  # proposed | upcoming | active | ending | extended | ended
    label: str
    note: str = ""


@dataclass(frozen=True)
class KeyDate:
    date: dt.date
    label: str
    kind: str  # period | extension | invoice | report | meeting
    derived: bool = False  # computed from a rule in the agreement, not written as a date
    precision: str = "day"


@dataclass(frozen=True)
class FundingShare:
    funder: str
    amount: int


@dataclass(frozen=True)
class BudgetSummary:
    year: int
    budget: BudgetYear
    cost_total: int
    income_total: int | None  # None when the budget has no income lines
    funding: tuple[FundingShare, ...]
    funding_source: str  # "income": from income lines; "costs": from each cost line's funder
    unfunded_costs: int  # costs whose funder the budget doesn't name (costs-based funding only)

    @property
    def balance(self) -> int | None:
        """Income minus costs; negative means the costs are not covered."""
        return None if self.income_total is None else self.income_total - self.cost_total

    @property
    def gap(self) -> int:
        """How far income and costs are apart, whichever is larger (0 when balanced)."""
        return abs(self.balance or 0)

    @property
    def show_performer(self) -> bool:
        return any(line.performer for line in self.budget.costs)

    @property
    def show_funder(self) -> bool:
        return any(line.funder for line in self.budget.costs)

    @property
    def label_columns(self) -> int:
        """Columns before the amount in the cost table, for the total row to span."""
        return 1 + self.show_performer + self.show_funder


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, clamped to the month's end (31 Dec - 6 = 30 Jun)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass
class PartnershipView:
    entry: Entry[Partnership]
    registry: Registry
    today: dt.date

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def record(self) -> Partnership:
        return self.entry.record

    @cached_property
    def approved(self) -> bool:
        decisions = [self.registry.decisions[d].record for d in self.record.decisions if d in self.registry.decisions]
        return any(d.status is DecisionStatus.DECIDED for d in decisions)

    @property
    def start(self) -> dt.date:
        return self.record.period.start.first_day

    @property
    def end(self) -> dt.date:
        return self.record.period.end.last_day

    @cached_property
    def extended_end(self) -> dt.date | None:
        ends = [e.until.last_day for e in self.record.extensions]
        return max(ends) if ends else None

    @cached_property
    def extension_deadline(self) -> dt.date | None:
        """Last day to agree on an extension, when the terms give a notice period."""
        terms = self.record.extension
        if terms is None or terms.notice_months is None or self.record.period.end.precision != "day":
            return None
        return months_before(self.end, terms.notice_months)

    @cached_property
    def status(self) -> Status:
        today, start, end = self.today, self.start, self.end
        if not self.approved:
            note = "Beslut om avtalet finns inte i registret."
            if today > end:
                note = "Avtalsperioden har passerat. " + note
            return Status("proposed", "Förslag", note)
        if today < start:
            return Status("upcoming", "Kommande", f"Börjar {long_date(start)}.")
        if today <= end:
            deadline = self.extension_deadline
            if deadline and months_before(end, 6) <= today and not self.record.extensions:
                if today <= deadline:
                    note = f"Slutar {long_date(end)}. En förlängning måste vara godkänd senast {long_date(deadline)}."
                else:
                    note = f"Slutar {long_date(end)}. Tiden för att godkänna en förlängning gick ut {long_date(deadline)}."
                return Status("ending", "Pågående, slutar snart", note)
            return Status("active", "Pågående", f"Gäller till {long_date(end)}.")
        if self.extended_end and today <= self.extended_end:
            return Status("extended", "Förlängt", f"Förlängt till {long_date(self.extended_end)}.")
        return Status("ended", "Avslutat", f"Avslutades {long_date(self.extended_end or end)}.")

    @cached_property
    def budgets(self) -> list[BudgetSummary]:
        return [summarise_budget(year) for year in sorted(self.record.budget, key=lambda b: b.year)]

    @cached_property
    def missing_budget_years(self) -> list[int]:
        """Years of the period that the budget gives no figures for."""
        known = {b.year for b in self.record.budget}
        return [y for y in range(self.start.year, self.end.year + 1) if y not in known]

    @cached_property
    def public_funding_by_year(self) -> dict[int, int]:
        """Public money per budget year: shares whose funder is a public body."""
        totals: dict[int, int] = {}
        for summary in self.budgets:
            totals[summary.year] = sum(s.amount for s in summary.funding if self.registry_is_public(s.funder))
        return totals

    @property
    def latest_public_funding(self) -> int | None:
        """Public money in the latest budget year, for sorting listings."""
        funding = self.public_funding_by_year
        return funding[max(funding)] if funding else None

    def registry_is_public(self, organisation_id: str) -> bool:
        return is_public(self.registry, organisation_id)

    @cached_property
    def key_dates(self) -> list[KeyDate]:
        p = self.record
        dates = [
            KeyDate(self.start, "Avtalsperioden börjar", "period", precision=p.period.start.precision),
            KeyDate(self.end, "Avtalsperioden slutar", "period", precision=p.period.end.precision),
        ]
        if self.extension_deadline:
            months = p.extension.notice_months if p.extension else 0
            dates.append(
                KeyDate(self.extension_deadline, f"Sista dag att godkänna förlängning ({months} månader före periodens slut)", "extension", derived=True)
            )
        for extension in p.extensions:
            dates.append(KeyDate(extension.until.last_day, "Förlängningen slutar", "period", precision=extension.until.precision))
        if p.payment_terms and p.payment_terms.annual_invoice_deadline:
            years = [b.year for b in p.budget] or list(range(self.start.year, self.end.year + 1))
            for year in years:
                dates.append(KeyDate(p.payment_terms.annual_invoice_deadline.in_year(year), f"Faktura för {year} senast", "invoice", derived=True))
        if p.follow_up:
            for report in p.follow_up.reports:
                dates.append(KeyDate(report.due, f"Rapport för {report.period} klar senast", "report"))
        for decision_id in p.decisions:
            decision = self.registry.decisions.get(decision_id)
            if decision:
                for meeting in decision.record.meetings:
                    dates.append(KeyDate(meeting.date, f"{meeting.body} ({decision.record.case_number})", "meeting"))
        return sorted(dates, key=lambda d: (d.date, d.kind, d.label))

    @cached_property
    def grants(self) -> list[Entry]:  # type: ignore[type-arg]
        return sorted((g for g in self.registry.grants.values() if g.record.partnership == self.id), key=lambda g: (g.record.year, g.id))

    @cached_property
    def courses(self) -> list[Entry[Course]]:
        return sorted((c for c in self.registry.courses.values() if c.record.partnership == self.id), key=course_sort_key)


def summarise_budget(year: BudgetYear) -> BudgetSummary:
    cost_total = sum(line.amount for line in year.costs)
    if year.income:
        shares: dict[str, int] = defaultdict(int)
        for income in year.income:
            shares[income.funder] += income.amount
        return BudgetSummary(
            year.year, year, cost_total, sum(shares.values()),
            tuple(FundingShare(f, a) for f, a in shares.items()), "income", 0,
        )
    shares = defaultdict(int)
    unfunded = 0
    for line in year.costs:
        if line.funder:
            shares[line.funder] += line.amount
        else:
            unfunded += line.amount
    return BudgetSummary(year.year, year, cost_total, None, tuple(FundingShare(f, a) for f, a in shares.items()), "costs", unfunded)


def is_public(registry: Registry, organisation_id: str) -> bool:
    organisation = registry.organisations.get(organisation_id)
    return organisation is not None and organisation.record.kind.is_public


def course_dates(course: Course) -> tuple[dt.date, dt.date]:
    days = [s.date for s in course.sessions]
    return min(days), max(days)


def course_sort_key(entry: Entry[Course]) -> tuple[dt.date, str]:
    return (course_dates(entry.record)[0], entry.id)


def course_phase(course: Course, today: dt.date) -> str:
    """'upcoming' until the day of the first session, 'ongoing' until the last, then 'past'.

    A course that has started is no longer one to refer a participant to, so it leaves
    "upcoming" the day after its first session (the site's script does the same in the
    reader's browser). Cancelled and held courses are past, whatever their dates.
    """
    first, last = course_dates(course)
    if course.status in (CourseStatus.CANCELLED, CourseStatus.HELD) or last < today:
        return "past"
    return "upcoming" if first >= today else "ongoing"


def is_upcoming(course: Course, today: dt.date) -> bool:
    return course_phase(course, today) == "upcoming"


@dataclass
class Derived:
    """Everything the renderers need, computed once per build."""

    registry: Registry
    today: dt.date
    partnerships: list[PartnershipView] = field(default_factory=list)

    @classmethod
    def build(cls, registry: Registry, today: dt.date) -> Derived:
        views = [PartnershipView(entry, registry, today) for entry in registry.partnerships.values()]
        views.sort(key=lambda v: (v.record.title.casefold(), v.id))
        return cls(registry, today, views)

    @cached_property
    def partnership_by_id(self) -> dict[str, PartnershipView]:
        return {v.id: v for v in self.partnerships}

    @cached_property
    def upcoming_courses(self) -> list[Entry[Course]]:
        return sorted((c for c in self.registry.courses.values() if is_upcoming(c.record, self.today)), key=course_sort_key)

    @cached_property
    def ongoing_courses(self) -> list[Entry[Course]]:
        return sorted((c for c in self.registry.courses.values() if course_phase(c.record, self.today) == "ongoing"), key=course_sort_key)

    @cached_property
    def past_courses(self) -> list[Entry[Course]]:
        past = [c for c in self.registry.courses.values() if course_phase(c.record, self.today) == "past"]
        return sorted(past, key=course_sort_key, reverse=True)

    @cached_property
    def active_partnerships(self) -> list[PartnershipView]:
        return [v for v in self.partnerships if v.status.code in ("active", "ending", "extended")]

    def public_funds_in_year(self, year: int) -> int:
        """Public money in partnerships' budgets and in grants for `year`."""
        in_partnerships = sum(v.public_funding_by_year.get(year, 0) for v in self.partnerships)
        in_grants = sum(g.record.amount for g in self.registry.grants.values() if g.record.year == year and is_public(self.registry, g.record.funder))
        return in_partnerships + in_grants

    @cached_property
    def partnerships_by_organisation(self) -> dict[str, list[PartnershipView]]:
        result: dict[str, list[PartnershipView]] = defaultdict(list)
        for view in self.partnerships:
            for party in view.record.parties:
                result[party.organisation].append(view)
        return result

    @cached_property
    def funds_received(self) -> dict[str, dict[int, int]]:
        """Public money each organisation receives per year, by budget or by grant.

        A cost line names who performs it and a public funder: the performer receives it.
        Income lines name only the funder; the agreement text says the money goes to the
        idea-driven party, so when there is exactly one non-public party it receives it.
        """
        received: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for view in self.partnerships:
            others = [p.organisation for p in view.record.parties if not is_public(self.registry, p.organisation)]
            for summary in view.budgets:
                if summary.funding_source == "costs":
                    for line in summary.budget.costs:
                        if line.performer and line.funder and is_public(self.registry, line.funder) and not is_public(self.registry, line.performer):
                            received[line.performer][summary.year] += line.amount
                elif len(others) == 1:
                    public = sum(s.amount for s in summary.funding if is_public(self.registry, s.funder))
                    if public:
                        received[others[0]][summary.year] += public
        for grant in self.registry.grants.values():
            received[grant.record.recipient][grant.record.year] += grant.record.amount
        return {org: dict(sorted(years.items())) for org, years in received.items()}


def partial_date_text(value: PartialDate) -> str:
    """'1 januari 2023' for a day, '2024' for a year."""
    if value.precision == "day":
        return long_date(value.first_day)
    if value.precision == "month":
        return format_date(value.first_day, format="LLLL y", locale="sv_SE")
    return str(value.year)
