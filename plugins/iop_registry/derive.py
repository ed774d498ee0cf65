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
from .model.grant import Grant
from .model.organisation import Organisation
from .model.partnership import BudgetYear, CostLine, Partnership
from .model.types import PartialDate
from .registry import Entry, Registry

# The statuses a partnership can have, in the order listings offer them as filters.
STATUS_LABELS = {
    "proposed": "Förslag",
    "upcoming": "Kommande",
    "active": "Pågående",
    "ending": "Pågående, slutar snart",
    "extended": "Förlängt",
    "ended": "Avslutat",
}


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
class PerformedCost:
    """A budget line an organisation carries out for a partnership it is not a party of."""

    partnership: PartnershipView
    year: int
    line: CostLine


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
    def funding_total(self) -> int:
        """What pays for the year: the income lines, or else the costs split by funder."""
        return self.income_total if self.income_total is not None else self.cost_total

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
    # Shared lookups of the build (Derived.build passes one for all views); made on first
    # use when a view is built alone.
    links: RecordLinks | None = field(default=None, repr=False, compare=False)

    @property
    def _links(self) -> RecordLinks:
        if self.links is None:
            self.links = RecordLinks(self.registry)
        return self.links

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
            return Status("proposed", STATUS_LABELS["proposed"], note)
        if today < start:
            return Status("upcoming", STATUS_LABELS["upcoming"], f"Börjar {long_date(start)}.")
        if today <= end:
            deadline = self.extension_deadline
            if deadline and months_before(end, 6) <= today and not self.record.extensions:
                if today <= deadline:
                    note = f"Slutar {long_date(end)}. En förlängning måste vara godkänd senast {long_date(deadline)}."
                else:
                    note = f"Slutar {long_date(end)}. Tiden för att godkänna en förlängning gick ut {long_date(deadline)}."
                return Status("ending", STATUS_LABELS["ending"], note)
            return Status("active", STATUS_LABELS["active"], f"Gäller till {long_date(end)}.")
        if self.extended_end and today <= self.extended_end:
            return Status("extended", STATUS_LABELS["extended"], f"Förlängt till {long_date(self.extended_end)}.")
        return Status("ended", STATUS_LABELS["ended"], f"Avslutades {long_date(self.extended_end or end)}.")

    @cached_property
    def budgets(self) -> list[BudgetSummary]:
        return [summarise_budget(year) for year in sorted(self.record.budget, key=lambda b: b.year)]

    @cached_property
    def possible_extension_years(self) -> list[int]:
        """Years after the period that an extension the terms allow would cover, while none is recorded.

        Mammakraft's agreement may be extended by two years: until the registry records an
        extension, 2025 and 2026 are unknown, never 0 kr.
        """
        terms = self.record.extension
        last = self.unrecorded_extension_end
        return list(range(self.end.year + 1, last.year + 1)) if last else []

    @cached_property
    def unrecorded_extension_end(self) -> dt.date | None:
        """The day an extension the terms allow would end, while the registry records none."""
        terms = self.record.extension
        if terms is None or not terms.months or self.record.extensions:
            return None
        return months_before(self.end, -terms.months)

    @cached_property
    def period_over(self) -> bool:
        """The period, with any recorded extension, ended before today."""
        return self.today > (self.extended_end or self.end)

    @cached_property
    def may_run_unrecorded(self) -> bool:
        """The period is over, but an extension the registry does not know of could still run today."""
        last = self.unrecorded_extension_end
        return self.period_over and last is not None and self.today <= last

    @cached_property
    def missing_budget_years(self) -> list[int]:
        """Years of the period, or of an extension it may have had, that the budget gives no figures for."""
        known = {b.year for b in self.record.budget}
        years = [*range(self.start.year, self.end.year + 1), *self.possible_extension_years]
        return [y for y in years if y not in known]

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
        return sorted(self._links.grants_by_partnership.get(self.id, []), key=lambda g: (g.record.year, g.id))

    @cached_property
    def courses(self) -> list[Entry[Course]]:
        return sorted(self._links.courses_by_partnership.get(self.id, []), key=course_sort_key)

    @cached_property
    def budget_by_year(self) -> list[tuple[int, BudgetSummary | None]]:
        """Every year of the period and every budget year, with None where no budget is given.

        Kraftsamling's period is 2024–2025 but its budget gives figures for 2024 only: 2025
        must show as missing, never as zero.
        """
        known = {summary.year: summary for summary in self.budgets}
        years = sorted(set(known) | set(range(self.start.year, self.end.year + 1)) | set(self.possible_extension_years))
        return [(year, known.get(year)) for year in years]

    @cached_property
    def other_funding_by_year(self) -> dict[int, int]:
        """Money per budget year from funders that are not public bodies (the association's own share)."""
        return {s.year: sum(f.amount for f in s.funding if not self.registry_is_public(f.funder)) for s in self.budgets}

    @property
    def public_funds_total(self) -> int:
        return sum(self.public_funding_by_year.values())

    @property
    def cost_total(self) -> int:
        """Costs of every budget year the records give (missing years count as unknown, not as zero)."""
        return sum(s.cost_total for s in self.budgets)

    @cached_property
    def public_funders(self) -> list[str]:
        """Public bodies that pay for the partnership: funders in its budgets, else its public parties."""
        funders = {f.funder for s in self.budgets for f in s.funding if self.registry_is_public(f.funder)}
        if not funders:
            funders = {p.organisation for p in self.record.parties if self.registry_is_public(p.organisation)}
        return sorted(funders)


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


@dataclass(frozen=True)
class FundingSeries:
    """Public money per year from one funder or to one recipient: one row of a money table."""

    key: str
    label: str
    kind: str | None  # the kind of record the row stands for ("organisation", "partnership"), if one
    record_id: str | None
    amounts: dict[int, int]
    missing_years: frozenset[int] = frozenset()
    # The part of `amounts` that comes from proposals not yet decided, per year.
    proposed: dict[int, int] = field(default_factory=dict)

    @property
    def all_proposed(self) -> bool:
        return bool(self.proposed) and self.proposed == {y: a for y, a in self.amounts.items() if a}

    @property
    def any_proposed(self) -> bool:
        return any(self.proposed.values())

    def amount(self, year: int) -> int | None:
        """The amount in `year`, or None where the records cover the year but give no figure."""
        return None if year in self.missing_years else self.amounts.get(year, 0)

    @property
    def total(self) -> int:
        return sum(self.amounts.values())


@dataclass(frozen=True)
class FundingTable:
    """Public money per year, split into series (by funder or by partnership).

    `gaps` names, per year, the partnerships whose period covers the year without a budget
    for it: that year's total is then only what is known, and pages must say so.
    """

    years: tuple[int, ...]
    series: tuple[FundingSeries, ...]
    gaps: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def year_total(self, year: int) -> int:
        return sum(s.amounts.get(year, 0) for s in self.series)

    def incomplete(self, year: int) -> bool:
        return bool(self.gaps.get(year))

    def proposed_total(self, year: int) -> int:
        """Money in `year` that comes from proposals not yet decided."""
        return sum(s.proposed.get(year, 0) for s in self.series)

    def decided_total(self, year: int) -> int:
        return self.year_total(year) - self.proposed_total(year)

    @property
    def has_proposals(self) -> bool:
        return any(s.any_proposed for s in self.series)

    @property
    def total(self) -> int:
        return sum(self.year_total(year) for year in self.years)

    def largest(self, limit: int) -> FundingTable:
        """The `limit` largest series and one row for all the others, so a page stays small."""
        if len(self.series) <= limit:
            return self
        kept, rest = self.series[: limit - 1], self.series[limit - 1 :]
        amounts: dict[int, int] = defaultdict(int)
        proposed: dict[int, int] = defaultdict(int)
        for series in rest:
            for year, amount in series.amounts.items():
                amounts[year] += amount
            for year, amount in series.proposed.items():
                proposed[year] += amount
        others = FundingSeries(
            "others", f"Övriga ({len(rest)} st.)", None, None, dict(sorted(amounts.items())),
            frozenset().union(*(s.missing_years for s in rest)), dict(sorted(proposed.items())),
        )
        return FundingTable(self.years, (*kept, others), self.gaps)


def _ranked(series: list[FundingSeries]) -> tuple[FundingSeries, ...]:
    """Largest first, then by name: the order of a chart's segments, legend and table rows."""
    return tuple(sorted(series, key=lambda s: (-s.total, s.label.casefold(), s.key)))


class RecordLinks:
    """Records grouped by the record they point to, in registry order, made in one pass.

    A page that lists "the grants of this decision" looks them up here. Scanning every
    grant for every decision instead made the build grow with the square of the registry
    (minutes at 10,000 records).
    """

    def __init__(self, registry: Registry) -> None:
        self.grants_by_partnership: dict[str, list[Entry[Grant]]] = defaultdict(list)
        self.grants_by_decision: dict[str, list[Entry[Grant]]] = defaultdict(list)
        self.grants_by_recipient: dict[str, list[Entry[Grant]]] = defaultdict(list)
        self.grants_by_funder: dict[str, list[Entry[Grant]]] = defaultdict(list)
        for grant in registry.grants.values():
            if grant.record.partnership:
                self.grants_by_partnership[grant.record.partnership].append(grant)
            self.grants_by_decision[grant.record.decision].append(grant)
            self.grants_by_recipient[grant.record.recipient].append(grant)
            self.grants_by_funder[grant.record.funder].append(grant)
        self.courses_by_partnership: dict[str, list[Entry[Course]]] = defaultdict(list)
        for course in registry.courses.values():
            self.courses_by_partnership[course.record.partnership].append(course)
        self.partnerships_by_decision: dict[str, list[Entry[Partnership]]] = defaultdict(list)
        for partnership in registry.partnerships.values():
            for decision_id in dict.fromkeys(partnership.record.decisions):
                self.partnerships_by_decision[decision_id].append(partnership)
        self.organisations_by_parent: dict[str, list[Entry[Organisation]]] = defaultdict(list)
        for organisation in registry.organisations.values():
            if organisation.record.parent:
                self.organisations_by_parent[organisation.record.parent].append(organisation)


@dataclass
class Derived:
    """Everything the renderers need, computed once per build."""

    registry: Registry
    today: dt.date
    partnerships: list[PartnershipView] = field(default_factory=list)

    links: RecordLinks | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, registry: Registry, today: dt.date) -> Derived:
        links = RecordLinks(registry)
        views = [PartnershipView(entry, registry, today, links) for entry in registry.partnerships.values()]
        views.sort(key=lambda v: (v.record.title.casefold(), v.id))
        return cls(registry, today, views, links)

    @cached_property
    def record_links(self) -> RecordLinks:
        """Which records point to which, for pages that list a record's neighbours."""
        return self.links or RecordLinks(self.registry)

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

    def public_funds_in_year(self, year: int, *, decided: bool) -> int:
        """Public money for `year` in decided (or, with decided=False, proposed) budgets and grants.

        A proposal is a proposal everywhere: its money is never added into decided money.
        """
        in_partnerships = sum(v.public_funding_by_year.get(year, 0) for v in self.partnerships if v.approved == decided)
        in_grants = sum(
            g.record.amount for g in self.registry.grants.values()
            if g.record.year == year and is_public(self.registry, g.record.funder) and self.grant_decided(g.record) == decided
        )
        return in_partnerships + in_grants

    def grant_decided(self, grant: Grant) -> bool:
        decision = self.registry.decisions.get(grant.decision)
        return decision is not None and decision.record.status is DecisionStatus.DECIDED

    @cached_property
    def partnerships_by_organisation(self) -> dict[str, list[PartnershipView]]:
        result: dict[str, list[PartnershipView]] = defaultdict(list)
        for view in self.partnerships:
            for party in view.record.parties:
                result[party.organisation].append(view)
        return result

    def funds_received(self, organisation_id: str) -> dict[int, tuple[int, int]]:
        """{year: (decided, proposed)}: public money an organisation receives, for every year with
        money of either kind. A proposal is a proposal everywhere, so the two are never added."""
        decided = self.decided_funds_received.get(organisation_id, {})
        proposed = self.proposed_funds_received.get(organisation_id, {})
        return {year: (decided.get(year, 0), proposed.get(year, 0)) for year in sorted(decided.keys() | proposed.keys())}

    @cached_property
    def decided_funds_received(self) -> dict[str, dict[int, int]]:
        """Public money each organisation receives per year under decided agreements and grants."""
        return self._funds_received(True)

    @cached_property
    def proposed_funds_received(self) -> dict[str, dict[int, int]]:
        """Public money each organisation would receive per year under proposals not yet decided."""
        return self._funds_received(False)

    def _funds_received(self, decided: bool) -> dict[str, dict[int, int]]:
        """Public money each organisation receives per year under decided (or proposed) records.

        A cost line names who performs it and a public funder: a performer that is a party
        receives it ("Föreningen erhåller ekonomiskt stöd"). A performer that is not a party
        (Rosengårdsbiblioteket runs Varda) carries out the line and is listed under
        `costs_performed` instead. Income lines name only the funder; the agreement text says
        the money goes to the idea-driven party, so when there is exactly one non-public party
        it receives it.
        """
        received: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for view in self.partnerships:
            if view.approved != decided:
                continue
            party_ids = {p.organisation for p in view.record.parties}
            others = [p.organisation for p in view.record.parties if not is_public(self.registry, p.organisation)]
            for summary in view.budgets:
                if summary.funding_source == "costs":
                    for line in summary.budget.costs:
                        if (
                            line.performer in party_ids and line.funder
                            and is_public(self.registry, line.funder) and not is_public(self.registry, line.performer)
                        ):
                            received[line.performer][summary.year] += line.amount
                elif len(others) == 1:
                    public = sum(s.amount for s in summary.funding if is_public(self.registry, s.funder))
                    if public:
                        received[others[0]][summary.year] += public
        for grant in self.registry.grants.values():
            if self.grant_decided(grant.record) == decided:
                received[grant.record.recipient][grant.record.year] += grant.record.amount
        return {org: dict(sorted(years.items())) for org, years in received.items()}

    @cached_property
    def costs_performed(self) -> dict[str, list[PerformedCost]]:
        """Budget lines each organisation carries out without being a party of the agreement."""
        performed: dict[str, list[PerformedCost]] = defaultdict(list)
        for view in self.partnerships:
            party_ids = {p.organisation for p in view.record.parties}
            for summary in view.budgets:
                for line in summary.budget.costs:
                    if line.performer and line.performer not in party_ids:
                        performed[line.performer].append(PerformedCost(view, summary.year, line))
        return dict(performed)

    @cached_property
    def partnerships_by_decision(self) -> dict[str, list[str]]:
        """Ids of the partnerships each decision concerns, computed once rather than per decision."""
        result: dict[str, list[str]] = defaultdict(list)
        for view in sorted(self.partnerships, key=lambda v: v.id):
            for decision_id in view.record.decisions:
                result[decision_id].append(view.id)
        return dict(result)

    @cached_property
    def grants_by_decision(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = defaultdict(list)
        for grant in sorted(self.registry.grants.values(), key=lambda g: g.id):
            result[grant.record.decision].append(grant.id)
        return dict(result)

    @cached_property
    def budget_gaps(self) -> dict[int, tuple[str, ...]]:
        """Years in which a partnership runs without a budget for that year, with those partnerships."""
        gaps: dict[int, list[str]] = defaultdict(list)
        for view in self.partnerships:
            for year in view.missing_budget_years:
                gaps[year].append(view.id)
        return {year: tuple(ids) for year, ids in sorted(gaps.items())}

    @cached_property
    def funding_years(self) -> tuple[int, ...]:
        """Every year from the first to the last that a budget, an agreement period or a grant covers."""
        years: set[int] = {g.record.year for g in self.registry.grants.values()}
        for view in self.partnerships:
            years.update(year for year, _ in view.budget_by_year)
        return tuple(range(min(years), max(years) + 1)) if years else ()

    @cached_property
    def public_funds_by_funder(self) -> FundingTable:
        """Public money per year by the body that pays it: budget shares and grants.

        A funder of a partnership that lacks a budget for a year it runs has no known figure
        for that year, so the year shows as missing for that funder rather than as zero.
        """
        amounts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        proposed: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        missing: dict[str, set[int]] = defaultdict(set)
        for view in self.partnerships:
            for summary in view.budgets:
                for share in summary.funding:
                    if is_public(self.registry, share.funder):
                        amounts[share.funder][summary.year] += share.amount
                        if not view.approved:
                            proposed[share.funder][summary.year] += share.amount
            for funder in view.public_funders:
                if view.missing_budget_years:
                    missing[funder].update(view.missing_budget_years)
        for grant in self.registry.grants.values():
            if is_public(self.registry, grant.record.funder):
                amounts[grant.record.funder][grant.record.year] += grant.record.amount
                if not self.grant_decided(grant.record):
                    proposed[grant.record.funder][grant.record.year] += grant.record.amount
        # A funder known only from a year without a budget still gets its row.
        series = [
            FundingSeries(
                funder, self._organisation_name(funder), "organisation", funder,
                dict(sorted(amounts.get(funder, {}).items())), frozenset(missing.get(funder, ())),
                dict(sorted(proposed.get(funder, {}).items())),
            )
            for funder in set(amounts) | set(missing)
        ]
        return FundingTable(self.funding_years, _ranked(series), self.budget_gaps)

    @cached_property
    def public_funds_by_recipient(self) -> FundingTable:
        """Public money per year by partnership (its budget), and grants by what they go to.

        A grant tied to a partnership gets its own row next to the partnership's budget, so
        a reader can tell money under the agreement from one-off grants.
        """
        series = [
            FundingSeries(
                f"partnership:{view.id}", view.record.title, "partnership", view.id,
                dict(sorted(view.public_funding_by_year.items())), frozenset(view.missing_budget_years),
                {} if view.approved else dict(sorted(view.public_funding_by_year.items())),
            )
            for view in self.partnerships
        ]
        grants: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
        proposed_grants: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for grant in self.registry.grants.values():
            record = grant.record
            if not is_public(self.registry, record.funder):
                continue
            if record.partnership and record.partnership in self.partnership_by_id:
                key = ("partnership", record.partnership)
            else:
                key = ("organisation", record.recipient)
            grants[key][record.year] += record.amount
            if not self.grant_decided(record):
                proposed_grants[key][record.year] += record.amount
        for (kind, record_id), years in grants.items():
            if kind == "partnership":
                label = f"Bidrag till {self.partnership_by_id[record_id].record.title}"
            else:
                label = f"Bidrag till {self._organisation_name(record_id)}"
            series.append(
                FundingSeries(
                    f"grants:{kind}:{record_id}", label, kind, record_id, dict(sorted(years.items())),
                    proposed=dict(sorted(proposed_grants.get((kind, record_id), {}).items())),
                )
            )
        return FundingTable(self.funding_years, _ranked(series), self.budget_gaps)

    def _organisation_name(self, organisation_id: str) -> str:
        entry = self.registry.organisations.get(organisation_id)
        return entry.record.name if entry else organisation_id


def partial_date_text(value: PartialDate) -> str:
    """'1 januari 2023' for a day, '2024' for a year."""
    if value.precision == "day":
        return long_date(value.first_day)
    if value.precision == "month":
        return format_date(value.first_day, format="LLLL y", locale="sv_SE")
    return str(value.year)
