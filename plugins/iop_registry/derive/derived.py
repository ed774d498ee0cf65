"""Everything the renderers need from the registry and today, computed once per build."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..model.course import Course
from ..model.decision import DecisionStatus
from ..model.grant import Grant
from ..model.partnership import AmountLimit
from ..registry import Entry, Registry
from .budget import FROM_COSTS, PerformedCost, combined_limit, is_public
from .courses import CoursePhase, course_phase, course_sort_key, is_upcoming
from .funding import FundingSeries, FundingTable, SeriesRole, exact_left_out, ranked
from .links import RecordLinks
from .partnership import PartnershipView
from .standing import DecisionState
from .status import RUNNING


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
        return sorted((c for c in self.registry.courses.values() if course_phase(c.record, self.today) is CoursePhase.ONGOING), key=course_sort_key)

    @cached_property
    def past_courses(self) -> list[Entry[Course]]:
        past = [c for c in self.registry.courses.values() if course_phase(c.record, self.today) is CoursePhase.PAST]
        return sorted(past, key=course_sort_key, reverse=True)

    @cached_property
    def active_partnerships(self) -> list[PartnershipView]:
        return [v for v in self.partnerships if v.status.code in RUNNING]

    def public_funds_in_year(self, year: int, state: DecisionState) -> int:
        """Public money for `year` in budgets and grants in one decision state (decided, proposed, unknown).

        A proposal is a proposal and unknown is unknown: neither is added into decided money.
        """
        in_partnerships = sum(v.public_funding_by_year.get(year, 0) for v in self.partnerships if v.decision_state is state)
        in_grants = sum(
            g.record.amount for g in self.registry.grants.values()
            if g.record.year == year and is_public(self.registry, g.record.funder) and self.grant_state(g.record) is state
        )
        return in_partnerships + in_grants

    def public_funds_limit_in_year(self, year: int, state: DecisionState) -> AmountLimit:
        """How exact `public_funds_in_year` is: 'högst' when a budget gives a ceiling, and so on."""
        return combined_limit(
            v.public_funding_limit_by_year.get(year, AmountLimit.EXACT) for v in self.partnerships if v.decision_state is state
        )

    def grant_decided(self, grant: Grant) -> bool:
        decision = self.registry.decisions.get(grant.decision)
        return decision is not None and decision.record.status is DecisionStatus.DECIDED

    def grant_state(self, grant: Grant) -> DecisionState:
        """A grant is decided when its decision record is; else it is a proposal."""
        return DecisionState.DECIDED if self.grant_decided(grant) else DecisionState.PROPOSED

    @cached_property
    def partnerships_by_organisation(self) -> dict[str, list[PartnershipView]]:
        result: dict[str, list[PartnershipView]] = defaultdict(list)
        for view in self.partnerships:
            for party in view.record.parties:
                result[party.organisation].append(view)
        return result

    def funds_received(self, organisation_id: str) -> dict[int, tuple[int, int, int]]:
        """{year: (decided, proposed, unknown)}: public money an organisation receives, for every
        year with money in any decision state. The three are never added into one another."""
        decided, proposed, unknown = (self.funds_received_by_state[state].get(organisation_id, {}) for state in DecisionState)
        return {
            year: (decided.get(year, 0), proposed.get(year, 0), unknown.get(year, 0))
            for year in sorted(decided.keys() | proposed.keys() | unknown.keys())
        }

    @cached_property
    def funds_received_by_state(self) -> dict[DecisionState, dict[str, dict[int, int]]]:
        """Public money each organisation receives per year, by the decision state of the agreement or grant."""
        return {state: self._funds_received(state) for state in DecisionState}

    def _funds_received(self, state: DecisionState) -> dict[str, dict[int, int]]:
        """Public money each organisation receives per year under records in one decision state.

        A cost line names who performs it and a public funder: a performer that is a party
        receives it ("Föreningen erhåller ekonomiskt stöd"). A performer that is not a party
        (Rosengårdsbiblioteket runs Varda) carries out the line and is listed under
        `costs_performed` instead. Income lines name only the funder; the agreement text says
        the money goes to the idea-driven party, so when there is exactly one non-public party
        it receives it.
        """
        received: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for view in self.partnerships:
            if view.decision_state is not state:
                continue
            party_ids = {p.organisation for p in view.record.parties}
            others = [p.organisation for p in view.record.parties if not is_public(self.registry, p.organisation)]
            for summary in view.budgets:
                if summary.funding_source == FROM_COSTS:
                    for line in summary.budget.costs:
                        if (
                            line.performer in party_ids and line.funder
                            and is_public(self.registry, line.funder) and not is_public(self.registry, line.performer)
                        ):
                            received[line.performer][summary.year] += line.amount
                else:
                    # A line that names its recipient goes to it; the rest to the one idea-driven party.
                    for share in summary.funding:
                        recipient = share.recipient or (others[0] if len(others) == 1 else None)
                        if recipient and share.amount and is_public(self.registry, share.funder):
                            received[recipient][summary.year] += share.amount
        for grant in self.registry.grants.values():
            if self.grant_state(grant.record) is state:
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
        """Ids of the partnerships each decision concerns, by id: read from the one relation index."""
        return {d: sorted(e.id for e in entries) for d, entries in self.record_links.partnerships_by_decision.items()}

    @cached_property
    def grants_by_decision(self) -> dict[str, list[str]]:
        """Ids of the grants each decision gives, by id: read from the one relation index."""
        return {d: sorted(e.id for e in entries) for d, entries in self.record_links.grants_by_decision.items()}

    @cached_property
    def budget_gaps(self) -> dict[int, tuple[str, ...]]:
        """Years in which a partnership runs without a budget for that year, with those partnerships."""
        gaps: dict[int, list[str]] = defaultdict(list)
        for view in self.partnerships:
            for year in view.missing_funding_years:
                gaps[year].append(view.id)
        return {year: tuple(ids) for year, ids in sorted(gaps.items())}

    @cached_property
    def budget_gap_states(self) -> dict[int, frozenset[DecisionState]]:
        """Per year, the decision states of the partnerships in `budget_gaps`."""
        found: dict[int, set[DecisionState]] = defaultdict(set)
        for view in self.partnerships:
            for year in view.missing_funding_years:
                found[year].add(view.decision_state)
        return {year: frozenset(states) for year, states in sorted(found.items())}

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
        unknown: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        limits: dict[str, dict[int, list[AmountLimit]]] = defaultdict(lambda: defaultdict(list))
        missing: dict[str, set[int]] = defaultdict(set)
        for view in self.partnerships:
            undecided = {DecisionState.PROPOSED: proposed, DecisionState.UNKNOWN: unknown}.get(view.decision_state)
            for summary in view.budgets:
                for share in summary.funding:
                    if is_public(self.registry, share.funder):
                        amounts[share.funder][summary.year] += share.amount
                        limits[share.funder][summary.year].append(share.limit)
                        if undecided is not None:
                            undecided[share.funder][summary.year] += share.amount
            for funder in view.public_funders:
                if view.missing_funding_years:
                    missing[funder].update(view.missing_funding_years)
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
                exact_left_out({year: combined_limit(found) for year, found in sorted(limits.get(funder, {}).items())}),
                dict(sorted(unknown.get(funder, {}).items())),
            )
            for funder in set(amounts) | set(missing)
        ]
        return FundingTable(self.funding_years, ranked(series), self.budget_gaps, self.budget_gap_states)

    @cached_property
    def public_funds_by_body(self) -> FundingTable:
        """Public money per year by the municipality or region that pays it: the funders'
        rows added up per body, so that no page adds two municipalities' money unseen."""
        amounts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        proposed: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        unknown: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        missing: dict[str, set[int]] = defaultdict(set)
        limits: dict[str, dict[int, list[AmountLimit]]] = defaultdict(lambda: defaultdict(list))
        for funder in self.public_funds_by_funder.series:
            body = self.registry.public_body(funder.record_id) or ""
            missing[body].update(funder.missing_years)
            for year, amount in funder.amounts.items():
                amounts[body][year] += amount
                limits[body][year].append(funder.limit(year))
            for year, amount in funder.proposed.items():
                proposed[body][year] += amount
            for year, amount in funder.unknown.items():
                unknown[body][year] += amount
        series = [
            FundingSeries(
                body or "no-body", self._organisation_name(body) if body else "",
                "organisation" if body else None, body or None,
                dict(sorted(amounts[body].items())), frozenset(missing[body]), dict(sorted(proposed[body].items())),
                exact_left_out({year: combined_limit(found) for year, found in sorted(limits[body].items())}),
                dict(sorted(unknown[body].items())), SeriesRole.RECORD if body else SeriesRole.NO_BODY,
            )
            for body in missing
        ]
        return FundingTable(self.funding_years, ranked(series), self.budget_gaps, self.budget_gap_states)

    @cached_property
    def public_funds_by_recipient(self) -> FundingTable:
        """Public money per year by partnership (its budget), and grants by what they go to.

        A grant tied to a partnership gets its own row next to the partnership's budget, so
        a reader can tell money under the agreement from one-off grants. A partnership with
        neither a period nor money per year has no row: it would read 0 kr in every year.
        """
        series = [
            FundingSeries(
                f"partnership:{view.id}", view.record.title, "partnership", view.id,
                dict(sorted(view.public_funding_by_year.items())), frozenset(view.missing_funding_years),
                dict(sorted(view.public_funding_by_year.items())) if view.decision_state is DecisionState.PROPOSED else {},
                exact_left_out(view.public_funding_limit_by_year),
                dict(sorted(view.public_funding_by_year.items())) if view.decision_state is DecisionState.UNKNOWN else {},
            )
            for view in self.partnerships
            if view.period_years or view.public_funding_by_year
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
            name = self.partnership_by_id[record_id].record.title if kind == "partnership" else self._organisation_name(record_id)
            series.append(
                FundingSeries(
                    f"grants:{kind}:{record_id}", name, kind, record_id, dict(sorted(years.items())),
                    proposed=dict(sorted(proposed_grants.get((kind, record_id), {}).items())), role=SeriesRole.GRANTS,
                )
            )
        return FundingTable(self.funding_years, ranked(series), self.budget_gaps, self.budget_gap_states)

    def _organisation_name(self, organisation_id: str) -> str:
        return self.registry.organisation_name(organisation_id) or organisation_id
