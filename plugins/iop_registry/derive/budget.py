"""One budget year summed up: costs, income, who pays, what is not specified, the gap; who is public.

Unknown is never zero: a side the source does not give (no cost lines, no income) sums to
None, and a stated total of which only a part is itemised ("varav") keeps the rest apart as
not specified. A sum of amounts the source gives as "högst" or "över" carries that word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.partnership import AmountLimit, BudgetYear, CostLine
from ..registry import Registry

if TYPE_CHECKING:
    from .partnership import PartnershipView


def combined_limit(limits: Iterable[AmountLimit]) -> AmountLimit:
    """What a sum of amounts is: exact only when every part is; 'högst' when the others are
    exact and some part is at most; 'minst' from 'minst' and 'över'; else 'cirka'."""
    found = {limit for limit in limits if limit is not AmountLimit.EXACT}
    if not found:
        return AmountLimit.EXACT
    if len(found) == 1:
        return found.pop()
    if found <= {AmountLimit.AT_LEAST, AmountLimit.OVER}:
        return AmountLimit.AT_LEAST
    return AmountLimit.ABOUT


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
    limit: AmountLimit = AmountLimit.EXACT
    recipient: str | None = None  # who gets the money, when the budget line names it


# What a year's funding is read from: income lines (or a stated income total), each cost
# line's funder, or nothing at all.
FROM_INCOME, FROM_COSTS, FROM_NOTHING = "income", "costs", "none"


@dataclass(frozen=True)
class BudgetSummary:
    year: int
    budget: BudgetYear
    cost_total: int | None  # None when the source gives no costs
    income_total: int | None  # None when the source gives no income
    funding: tuple[FundingShare, ...]
    funding_source: str  # FROM_INCOME, FROM_COSTS or FROM_NOTHING
    unfunded_costs: int  # cost lines whose funder the budget doesn't name (costs-based funding only)
    cost_limit: AmountLimit = AmountLimit.EXACT
    income_limit: AmountLimit = AmountLimit.EXACT
    cost_unspecified: int = 0  # the part of a stated cost total that no line itemises
    income_unspecified: int = 0  # the part of a stated income total that no funder is named for
    last_year: int | None = None  # with per_year false: the figures are for year..last_year together

    @property
    def together(self) -> bool:
        """The figures are for several years together, so no single year's share is known."""
        return self.last_year is not None and self.last_year != self.year

    @property
    def years_text(self) -> str:
        """'2023'; '2018–2020' for figures per year or together for several years."""
        span = self.per_year_span
        if span:
            return f"{span[0]}–{span[1]}"
        return f"{self.year}–{self.last_year}" if self.together else str(self.year)

    @property
    def per_year_span(self) -> tuple[int, int] | None:
        """(first, last) when the source gives these figures per year for several years."""
        through = self.budget.through
        return (self.budget.year, through) if through and through != self.budget.year and self.budget.per_year else None

    @property
    def has_costs(self) -> bool:
        return self.cost_total is not None

    @property
    def has_income(self) -> bool:
        return self.income_total is not None

    @property
    def balance(self) -> int | None:
        """Income minus costs, only when the source gives both sides exactly; negative means the
        costs are not covered. A side that is missing or given as 'högst' compares to nothing."""
        if self.cost_total is None or self.income_total is None:
            return None
        if self.cost_limit is not AmountLimit.EXACT or self.income_limit is not AmountLimit.EXACT:
            return None
        return self.income_total - self.cost_total

    @property
    def gap(self) -> int:
        """How far income and costs are apart, whichever is larger (0 when balanced or not comparable)."""
        return abs(self.balance or 0)

    @property
    def funding_total(self) -> int | None:
        """What pays for the year: the income, or else the costs split by funder; None when unknown."""
        return self.income_total if self.funding_source == FROM_INCOME else self.cost_total

    @property
    def funding_limit(self) -> AmountLimit:
        return self.income_limit if self.funding_source == FROM_INCOME else self.cost_limit

    @property
    def funding_unspecified(self) -> int:
        """The part of the funding whose funder the source does not name ('varav' budgets)."""
        return self.income_unspecified if self.funding_source == FROM_INCOME else self.cost_unspecified

    @property
    def show_performer(self) -> bool:
        return any(line.performer for line in self.budget.costs)

    @property
    def show_funder(self) -> bool:
        return any(line.funder for line in self.budget.costs)

    @property
    def show_cost_limits(self) -> bool:
        return any(line.limit is not AmountLimit.EXACT for line in self.budget.costs)

    @property
    def label_columns(self) -> int:
        """Columns before the amount in the cost table, for the total row to span."""
        return 1 + self.show_performer + self.show_funder


def _side(stated: int | None, amounts: list[int], partial: bool) -> tuple[int | None, int]:
    """(total, not specified) of one side: the stated total when given, else the lines' sum;
    None when the side has neither."""
    itemised = sum(amounts)
    if stated is not None:
        return stated, max(stated - itemised, 0) if partial else 0
    return (itemised if amounts else None), 0


def summarise_budget(year: BudgetYear, first_year: int | None = None) -> BudgetSummary:
    """The summary of `year`; `first_year` is the year it stands for when the figures are given
    per year for several years (each such year gets its own summary)."""
    cost_total, cost_unspecified = _side(year.stated_cost_total, [c.amount for c in year.costs], year.cost_lines_partial)
    income_total, income_unspecified = _side(year.stated_income_total, [i.amount for i in year.income], year.income_lines_partial)
    cost_limit = combined_limit(line.limit for line in year.costs)
    income_limit = combined_limit(line.limit for line in year.income)
    last_year = year.through if year.through and not year.per_year else None
    shown_year = first_year if first_year is not None else year.year

    def summary(funding: tuple[FundingShare, ...], source: str, unfunded: int) -> BudgetSummary:
        return BudgetSummary(
            shown_year, year, cost_total, income_total if source == FROM_INCOME else None, funding, source, unfunded,
            cost_limit, income_limit, cost_unspecified, income_unspecified, last_year,
        )

    if year.income or year.stated_income_total is not None:
        shares: dict[tuple[str, str | None], list[tuple[int, AmountLimit]]] = defaultdict(list)
        for income in year.income:
            shares[(income.funder, income.recipient)].append((income.amount, income.limit))
        return summary(_shares(shares), FROM_INCOME, 0)
    if not year.costs:
        return summary((), FROM_NOTHING, 0)
    cost_shares: dict[tuple[str, str | None], list[tuple[int, AmountLimit]]] = defaultdict(list)
    unfunded = 0
    for line in year.costs:
        if line.funder:
            cost_shares[(line.funder, None)].append((line.amount, line.limit))
        else:
            unfunded += line.amount
    return summary(_shares(cost_shares), FROM_COSTS, unfunded)


def _shares(parts: dict[tuple[str, str | None], list[tuple[int, AmountLimit]]]) -> tuple[FundingShare, ...]:
    return tuple(
        FundingShare(funder, sum(a for a, _ in amounts), combined_limit(lim for _, lim in amounts), recipient)
        for (funder, recipient), amounts in parts.items()
    )


def summarise_budgets(years: Iterable[BudgetYear]) -> tuple[list[BudgetSummary], list[BudgetSummary]]:
    """(one summary per year, summaries for several years together), each in year order.

    Figures given per year for 2018–2020 stand for each of the three years; figures for
    2022–2023 together stand for no single year, so those years stay unknown in money per year.
    """
    yearly: list[BudgetSummary] = []
    together: list[BudgetSummary] = []
    for year in sorted(years, key=lambda b: b.year):
        if year.through and year.through > year.year and not year.per_year:
            together.append(summarise_budget(year))
            continue
        last = year.through if year.through and year.through > year.year else year.year
        yearly.extend(summarise_budget(year, y) for y in range(year.year, last + 1))
    return sorted(yearly, key=lambda s: s.year), together


def is_public(registry: Registry, organisation_id: str) -> bool:
    organisation = registry.organisations.get(organisation_id)
    return organisation is not None and organisation.record.kind.is_public
