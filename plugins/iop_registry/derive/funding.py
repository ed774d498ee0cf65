"""Public money per year in series (by funder, by recipient) and tables of them, for pages and charts."""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field

from ..model.partnership import AmountLimit
from .budget import combined_limit
from .standing import DecisionState


class SeriesRole(enum.StrEnum):
    """What a row of a money table stands for; render/text.py words its label from this and its name."""

    RECORD = "record"  # a funder, a municipality or region, or a partnership: its name is its label
    GRANTS = "grants"  # the grants to the record named
    OTHERS = "others"  # the rows a short table leaves out, `count` of them
    NO_BODY = "no-body"  # money whose municipality or region the records do not give


@dataclass(frozen=True)
class FundingSeries:
    """Public money per year from one funder or to one recipient: one row of a money table."""

    key: str
    # The name of the record the row stands for (an organisation's name, a partnership's
    # title), as the registry gives it; "" for a row that names none.
    name: str
    kind: str | None  # the kind of record the row stands for ("organisation", "partnership"), if one
    record_id: str | None
    amounts: dict[int, int]
    missing_years: frozenset[int] = frozenset()
    # The part of `amounts` that comes from proposals not yet decided, per year.
    proposed: dict[int, int] = field(default_factory=dict)
    # Years whose amount is not exact ('högst 4 000 000 kr'), with what it is; exact years are left out.
    limits: dict[int, AmountLimit] = field(default_factory=dict)
    # The part of `amounts` from agreements whose decision is unknown (neither decided nor
    # proposed as far as the records show), per year.
    unknown: dict[int, int] = field(default_factory=dict)
    role: SeriesRole = SeriesRole.RECORD
    count: int = 0  # OTHERS: how many rows it holds

    def limit(self, year: int) -> AmountLimit:
        return self.limits.get(year, AmountLimit.EXACT)

    @property
    def _nonzero(self) -> dict[int, int]:
        return {y: a for y, a in self.amounts.items() if a}

    @property
    def all_proposed(self) -> bool:
        return bool(self.proposed) and self.proposed == self._nonzero

    @property
    def any_proposed(self) -> bool:
        return any(self.proposed.values())

    @property
    def all_unknown(self) -> bool:
        return bool(self.unknown) and self.unknown == self._nonzero

    @property
    def any_unknown(self) -> bool:
        return any(self.unknown.values())

    def decided(self, year: int) -> int:
        """The decided part of the year's amount: neither proposed nor of unknown decision."""
        return self.amounts.get(year, 0) - self.proposed.get(year, 0) - self.unknown.get(year, 0)

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
    # Per year, the decision states of the partnerships in `gaps`: that part of the year's money is unknown.
    gap_states: dict[int, frozenset[DecisionState]] = field(default_factory=dict)

    def year_total(self, year: int) -> int:
        return sum(s.amounts.get(year, 0) for s in self.series)

    def year_limit(self, year: int) -> AmountLimit:
        """How exact the year's total is: 'högst' when a part of it is a ceiling, and so on."""
        return combined_limit(s.limit(year) for s in self.series if s.amounts.get(year))

    def incomplete(self, year: int) -> bool:
        return bool(self.gaps.get(year))

    def proposed_total(self, year: int) -> int:
        """Money in `year` that comes from proposals not yet decided."""
        return sum(s.proposed.get(year, 0) for s in self.series)

    def unknown_total(self, year: int) -> int:
        """Money in `year` from agreements whose decision the records do not give."""
        return sum(s.unknown.get(year, 0) for s in self.series)

    def decided_total(self, year: int) -> int:
        return self.year_total(year) - self.proposed_total(year) - self.unknown_total(year)

    def share(self, year: int, state: DecisionState) -> int:
        """The year's decided, proposed or unknown-decision money."""
        if state is DecisionState.PROPOSED:
            return self.proposed_total(year)
        return self.unknown_total(year) if state is DecisionState.UNKNOWN else self.decided_total(year)

    def share_complete(self, year: int, state: DecisionState) -> bool:
        """False when a partnership in that state runs in the year without figures for it: the
        share is then at least what is known ('minst'), or unknown, never 0 kr."""
        return state not in self.gap_states.get(year, frozenset())

    @property
    def has_proposals(self) -> bool:
        return any(s.any_proposed for s in self.series)

    @property
    def has_decided(self) -> bool:
        return any(self.decided_total(year) for year in self.years)

    @property
    def has_unknown(self) -> bool:
        return any(s.any_unknown for s in self.series)

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
        unknown: dict[int, int] = defaultdict(int)
        limits: dict[int, list[AmountLimit]] = defaultdict(list)
        for series in rest:
            for year, amount in series.amounts.items():
                amounts[year] += amount
                limits[year].append(series.limit(year))
            for year, amount in series.proposed.items():
                proposed[year] += amount
            for year, amount in series.unknown.items():
                unknown[year] += amount
        others = FundingSeries(
            "others", "", None, None, dict(sorted(amounts.items())),
            frozenset().union(*(s.missing_years for s in rest)), dict(sorted(proposed.items())),
            exact_left_out({year: combined_limit(found) for year, found in sorted(limits.items())}),
            dict(sorted(unknown.items())), SeriesRole.OTHERS, len(rest),
        )
        return FundingTable(self.years, (*kept, others), self.gaps, self.gap_states)


def ranked(series: list[FundingSeries]) -> tuple[FundingSeries, ...]:
    """Largest first, then by name (money of no known municipality or region after the named
    rows): the order of a chart's segments, legend and table rows."""
    return tuple(sorted(series, key=lambda s: (-s.total, s.role is SeriesRole.NO_BODY, s.name.casefold(), s.key)))


def exact_left_out(limits: dict[int, AmountLimit]) -> dict[int, AmountLimit]:
    """Only the years whose amount is not exact, so a series of exact amounts has no limits."""
    return {year: limit for year, limit in limits.items() if limit is not AmountLimit.EXACT}
