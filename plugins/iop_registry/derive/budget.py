"""One budget year summed up: costs, income, who pays, the gap between them; who is public."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.partnership import BudgetYear, CostLine
from ..registry import Registry

if TYPE_CHECKING:
    from .partnership import PartnershipView


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
