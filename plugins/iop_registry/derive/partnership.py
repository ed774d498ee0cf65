"""A partnership as the site shows it on a given day: period, status, budgets, funding, key dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from ..model.common import SourceKind
from ..model.course import Course
from ..model.partnership import AmountLimit, Partnership
from ..registry import Entry, Registry
from .budget import BudgetSummary, combined_limit, is_public, summarise_budgets
from .courses import course_sort_key
from .links import RecordLinks
from .standing import DecisionState, Standing, StandingBasis, partnership_standing, reported_only, source_kinds
from .status import KeyDate, KeyEvent, PartnershipStatus, Status, months_before


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
    def standing(self) -> Standing:
        """Decided, signed, proposed or unknown, and what that rests on (derive/standing.py)."""
        return partnership_standing(self.record, self.registry)

    @property
    def approved(self) -> bool:
        """Decided or signed as far as the records show: its money counts as decided."""
        return self.standing.settled

    @property
    def decision_state(self) -> DecisionState:
        """Decided, proposed or unknown: which of the three its money counts under."""
        return self.standing.decision_state

    @cached_property
    def source_kinds(self) -> tuple[SourceKind, ...]:
        return source_kinds(self.record.sources)

    @cached_property
    def reported_sources_only(self) -> bool:
        """All sources are press releases, news items or web pages: the page says so."""
        return reported_only(self.record.sources)

    @property
    def start(self) -> dt.date | None:
        """The period's first day; None when no source gives the period (never a made-up date)."""
        return self.record.period.start.first_day if self.record.period else None

    @property
    def planned_end(self) -> dt.date | None:
        return self.record.period.end.last_day if self.record.period else None

    @cached_property
    def end(self) -> dt.date | None:
        """The period's last day: the day before an early end, when a party ended the agreement early."""
        ended = self.record.ended_early
        if ended is None or self.planned_end is None:
            return self.planned_end
        return min(self.planned_end, ended.on.first_day - dt.timedelta(days=1))

    @property
    def ended_early(self) -> bool:
        return self.record.ended_early is not None

    @cached_property
    def extended_end(self) -> dt.date | None:
        if self.ended_early:
            return None
        ends = [e.until.last_day for e in self.record.extensions]
        return max(ends) if ends else None

    @cached_property
    def extension_deadline(self) -> dt.date | None:
        """Last day to agree on an extension, when the terms give a notice period."""
        terms = self.record.extension
        period, end = self.record.period, self.end
        if terms is None or terms.notice_months is None or period is None or end is None or period.end.precision != "day" or self.ended_early:
            return None
        return months_before(end, terms.notice_months)

    @cached_property
    def status(self) -> Status:
        today, start, end = self.today, self.start, self.end
        if self.standing.basis is StandingBasis.NOTHING:
            return Status(PartnershipStatus.UNKNOWN, period_over=end is not None and today > end)
        if not self.approved:
            return Status(PartnershipStatus.PROPOSED, period_over=end is not None and today > end)
        if start is None or end is None:
            # Decided or signed, but no source gives the period: whether it runs today is unknown.
            return Status(PartnershipStatus.UNDATED)
        if today < start:
            return Status(PartnershipStatus.UPCOMING, start)
        if today <= end:
            deadline = self.extension_deadline
            if deadline and months_before(end, 6) <= today and not self.record.extensions:
                return Status(PartnershipStatus.ENDING, end, extension_deadline=deadline, deadline_passed=today > deadline)
            return Status(PartnershipStatus.ACTIVE, end)
        if self.extended_end and today <= self.extended_end:
            return Status(PartnershipStatus.EXTENDED, self.extended_end)
        if self.record.ended_early is not None:
            return Status(PartnershipStatus.ENDED, end, ended_early=self.record.ended_early)
        return Status(PartnershipStatus.ENDED, self.extended_end or end)

    @cached_property
    def _summaries(self) -> tuple[list[BudgetSummary], list[BudgetSummary]]:
        return summarise_budgets(self.record.budget)

    @property
    def budgets(self) -> list[BudgetSummary]:
        """A summary per year the budget gives figures for (figures 'per år' count for each year),
        without years after an early end: that money was never paid under the agreement."""
        end = self.end
        return [s for s in self._summaries[0] if not self.ended_early or end is None or s.year <= end.year]

    @property
    def budgets_together(self) -> list[BudgetSummary]:
        """Figures the source gives for several years together ('högst 4 miljoner kr under fem
        månader' across a new year): on the page, but in no single year's money."""
        return self._summaries[1]

    @cached_property
    def possible_extension_years(self) -> list[int]:
        """Years after the period that an extension the terms allow would cover, while none is recorded.

        Mammakraft's agreement may be extended by two years: until the registry records an
        extension, 2025 and 2026 are unknown, never 0 kr.
        """
        last, end = self.unrecorded_extension_end, self.end
        return list(range(end.year + 1, last.year + 1)) if last and end else []

    @cached_property
    def unrecorded_extension_end(self) -> dt.date | None:
        """The day an extension the terms allow would end, while the registry records none."""
        terms = self.record.extension
        end = self.end
        if terms is None or not terms.months or self.record.extensions or self.ended_early or end is None:
            return None
        return months_before(end, -terms.months)

    @cached_property
    def period_over(self) -> bool:
        """The period, with any recorded extension, ended before today (never, as far as anyone
        knows, when no source gives the period)."""
        last = self.extended_end or self.end
        return last is not None and self.today > last

    @cached_property
    def may_run_unrecorded(self) -> bool:
        """The period is over, but an extension the registry does not know of could still run today."""
        last = self.unrecorded_extension_end
        return self.period_over and last is not None and self.today <= last

    @cached_property
    def missing_budget_years(self) -> list[int]:
        """Years of the period, or of an extension it may have had, that the budget gives no figures for."""
        known = {b.year for b in self.budgets} | {y for b in self.budgets_together for y in range(b.year, (b.last_year or b.year) + 1)}
        years = [*self.period_years, *self.possible_extension_years]
        return [y for y in years if y not in known]

    @property
    def period_years(self) -> range:
        """The years of the period; none when no source gives it."""
        start, end = self.start, self.end
        return range(start.year, end.year + 1) if start and end else range(0)

    @cached_property
    def missing_funding_years(self) -> list[int]:
        """Years the partnership runs, or may run, for which no one's share of the money is known:
        no budget, a budget with costs only, a sum with no part named, or figures for several
        years together. Money per year shows *Uppgift saknas* for them, never 0 kr."""
        funded = set(self.public_funding_by_year)
        years = {*self.period_years, *self.possible_extension_years, *(b.year for b in self.budgets)}
        return sorted(y for y in years if y not in funded)

    @cached_property
    def public_funding_by_year(self) -> dict[int, int]:
        """Public money per budget year: shares whose funder is a public body; only years whose
        funding the budget gives (a year with costs only is unknown, not 0 kr)."""
        totals: dict[int, int] = {}
        for summary in self.budgets:
            if summary.funding or summary.unfunded_costs:
                totals[summary.year] = sum(s.amount for s in summary.funding if self.registry_is_public(s.funder))
        return totals

    @cached_property
    def public_funding_limit_by_year(self) -> dict[int, AmountLimit]:
        """How exact each year's public money is: 'högst' from a ceiling, 'minst' when part of
        the year's funding is not specified (it may be public money too)."""
        limits: dict[int, AmountLimit] = {}
        for summary in self.budgets:
            if summary.year in self.public_funding_by_year:
                parts = [s.limit for s in summary.funding if self.registry_is_public(s.funder)]
                if summary.funding_unspecified:
                    parts.append(AmountLimit.AT_LEAST)
                limits[summary.year] = combined_limit(parts)
        return limits

    @property
    def latest_public_funding(self) -> int | None:
        """Public money in the latest budget year, for sorting listings."""
        funding = self.public_funding_by_year
        return funding[max(funding)] if funding else None

    def registry_is_public(self, organisation_id: str) -> bool:
        return is_public(self.registry, organisation_id)

    @cached_property
    def key_dates(self) -> list[KeyDate]:
        """The dates that matter to the agreement, by date (render/text.py orders a day's dates by their words)."""
        p = self.record
        dates = []
        if p.period:
            dates += [
                KeyDate(p.period.start.first_day, KeyEvent.PERIOD_STARTS, "period", precision=p.period.start.precision),
                KeyDate(p.period.end.last_day, KeyEvent.PERIOD_ENDS, "period", precision=p.period.end.precision),
            ]
        if p.ended_early:
            dates.append(KeyDate(p.ended_early.on.first_day, KeyEvent.ENDED_EARLY, "period", precision=p.ended_early.on.precision))
        if self.extension_deadline:
            months = p.extension.notice_months if p.extension else 0
            dates.append(KeyDate(self.extension_deadline, KeyEvent.EXTENSION_DEADLINE, "extension", derived=True, months=months))
        for extension in p.extensions:
            dates.append(KeyDate(extension.until.last_day, KeyEvent.EXTENSION_ENDS, "period", precision=extension.until.precision))
        if p.payment_terms and p.payment_terms.annual_invoice_deadline:
            years = [b.year for b in p.budget] or list(self.period_years)
            for year in years:
                dates.append(KeyDate(p.payment_terms.annual_invoice_deadline.in_year(year), KeyEvent.INVOICE_DUE, "invoice", derived=True, year=year))
        if p.follow_up:
            for report in p.follow_up.reports:
                dates.append(KeyDate(report.due, KeyEvent.REPORT_DUE, "report", report_period=report.period))
        for decision_id in p.decisions:
            decision = self.registry.decisions.get(decision_id)
            if decision:
                for meeting in decision.record.meetings:
                    dates.append(KeyDate(meeting.date, KeyEvent.MEETING, "meeting", body=meeting.body, case_number=decision.record.case_number))
        return sorted(dates, key=lambda d: (d.date, d.kind))

    @cached_property
    def grants(self) -> list[Entry]:  # type: ignore[type-arg]
        return sorted(self._links.grants_by_partnership.get(self.id, []), key=lambda g: (g.record.year, g.id))

    @cached_property
    def successors(self) -> list[Entry[Partnership]]:
        """Agreements that say they follow this one (the reverse of their `follows`)."""
        return sorted(self._links.successors.get(self.id, []), key=lambda e: e.id)

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
        years = sorted(set(known) | set(self.period_years) | set(self.possible_extension_years))
        return [(year, known.get(year)) for year in years]

    @cached_property
    def other_funding_by_year(self) -> dict[int, int]:
        """Money per budget year from funders that are not public bodies (the association's own
        share). Only for years whose budget is whole (it gives costs) or names such a funder: a
        list of what the boards pay says nothing about other money, so that is unknown, not 0 kr."""
        return {
            s.year: sum(f.amount for f in s.funding if not self.registry_is_public(f.funder))
            for s in self.budgets
            if s.year in self.public_funding_by_year and (s.has_costs or any(not self.registry_is_public(f.funder) for f in s.funding))
        }

    @cached_property
    def other_funding_limit_by_year(self) -> dict[int, AmountLimit]:
        limits: dict[int, AmountLimit] = {}
        for summary in self.budgets:
            if summary.year in self.other_funding_by_year:
                parts = [s.limit for s in summary.funding if not self.registry_is_public(s.funder)]
                if summary.funding_unspecified:
                    parts.append(AmountLimit.AT_LEAST)
                limits[summary.year] = combined_limit(parts)
        return limits

    @property
    def public_funds_total(self) -> int | None:
        """Public money of every year whose funding is known; None when no year's is."""
        funding = self.public_funding_by_year
        return sum(funding.values()) if funding else None

    @property
    def budget_sections(self) -> list[BudgetSummary]:
        """One summary per budget entry, as the page shows them: figures given per year for
        2018–2020 once (not three times), figures for several years together once."""
        seen: set[int] = set()
        sections = []
        for summary in sorted((*self.budgets, *self.budgets_together), key=lambda b: b.year):
            if id(summary.budget) not in seen:
                seen.add(id(summary.budget))
                sections.append(summary)
        return sections

    def together_for(self, year: int) -> BudgetSummary | None:
        """The figures for several years together that cover `year`, if any."""
        return next((b for b in self.budgets_together if b.year <= year <= (b.last_year or b.year)), None)

    @property
    def cost_total(self) -> int | None:
        """Costs of every budget year that gives them; None when no year does (unknown, not zero)."""
        known = [s.cost_total for s in (*self.budgets, *self.budgets_together) if s.cost_total is not None]
        return sum(known) if known else None

    @property
    def public_funds_limit(self) -> AmountLimit:
        return combined_limit(self.public_funding_limit_by_year.values())

    @property
    def public_funds_total_limit(self) -> str | None:
        """How exact `public_funds_total` is, as the data files write it; None when there is no total."""
        return self.public_funds_limit.value if self.public_funds_total is not None else None

    @property
    def budgets_by_first_year(self) -> list[BudgetSummary]:
        """Every budget the record gives, per year and for several years together, by first year."""
        return sorted((*self.budgets, *self.budgets_together), key=lambda b: b.year)

    @cached_property
    def public_funders(self) -> list[str]:
        """Public bodies that pay for the partnership: funders in its budgets, else its public parties."""
        funders = {f.funder for s in self.budgets for f in s.funding if self.registry_is_public(f.funder)}
        if not funders:
            funders = {p.organisation for p in self.record.parties if self.registry_is_public(p.organisation)}
        return sorted(funders)
