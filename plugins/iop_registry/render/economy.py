"""The Ekonomi page: where the public money goes, as charts with the same numbers in tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..derive import BudgetSummary, PartnershipView
from . import charts
from .charts import UNSPECIFIED
from .environment import Outputs, Page, Renderer

# The page shows at most this many rows per chart, budgets and agreements on the time line,
# so that it stays under 200 KB on a phone at any registry size (a long budget with its chart
# is about 20 KB); every partnership's budget is on its own page and in the open data files.
SERIES_LIMIT = 10
BUDGET_LIMIT = 5
TIMELINE_LIMIT = 25


@dataclass(frozen=True)
class BudgetRow:
    label: str
    amounts: dict[int, int]  # by year; a year missing here has no such line that year
    organisation: str | None = None  # the funder, to link its page


@dataclass(frozen=True)
class BudgetTable:
    """A partnership's budget as one table: a column a year, rows for cost lines and funders."""

    view: PartnershipView
    summaries: dict[int, BudgetSummary]  # the years the budget gives figures for
    costs: tuple[BudgetRow, ...]
    funding: tuple[BudgetRow, ...]

    @property
    def years(self) -> list[int]:
        return list(self.summaries)

    @property
    def columns(self) -> int:
        """The row label and a column a year, for a group heading to span."""
        return 1 + len(self.summaries)


def budget_table(view: PartnershipView, organisation_name: Callable[[str], str]) -> BudgetTable:
    costs: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    funding: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for summary in view.budgets:
        for line in summary.budget.costs:
            costs[line.label][summary.year] += line.amount
        if summary.cost_unspecified:
            costs[UNSPECIFIED][summary.year] += summary.cost_unspecified
        for share in summary.funding:
            funding[share.funder][summary.year] += share.amount
        if summary.unfunded_costs:
            funding[""][summary.year] += summary.unfunded_costs
        if summary.funding_unspecified:
            funding[UNSPECIFIED][summary.year] += summary.funding_unspecified
    return BudgetTable(
        view,
        {summary.year: summary for summary in view.budgets},
        tuple(BudgetRow(label, dict(years)) for label, years in costs.items()),
        tuple(
            BudgetRow(
                UNSPECIFIED if funder == UNSPECIFIED else organisation_name(funder) if funder else "Finansiär saknas",
                dict(years), funder if funder and funder != UNSPECIFIED else None,
            )
            for funder, years in funding.items()
        ),
    )


def _timeline_views(views: list[PartnershipView]) -> list[PartnershipView]:
    """The agreements that end last, in order of their start."""
    chosen = sorted(views, key=lambda v: (v.extended_end or v.end, v.id), reverse=True)[:TIMELINE_LIMIT]
    return sorted(chosen, key=lambda v: (v.start, v.record.title.casefold(), v.id))


def economy_page(renderer: Renderer) -> Page:
    derived = renderer.derived
    by_funder = derived.public_funds_by_funder.largest(SERIES_LIMIT)
    by_recipient = derived.public_funds_by_recipient.largest(SERIES_LIMIT)
    ranked = sorted(derived.partnerships, key=lambda v: (-(v.public_funds_total or 0), v.record.title.casefold(), v.id))
    shown = sorted(ranked[:BUDGET_LIMIT], key=lambda v: (v.record.title.casefold(), v.id))
    timeline = _timeline_views(derived.partnerships)
    name = renderer.organisation_name
    # With more than one municipality or region, every sum is shown split by them too.
    by_body = derived.public_funds_by_body if renderer.registry.several_public_bodies else None
    path = "ekonomi/"
    body = renderer.render(
        "economy.html", path,
        by_body=by_body,
        by_body_chart=charts.funding_chart(derived, by_body, "per-kommun-eller-region", "Offentliga medel per år och kommun eller region") if by_body else None,
        by_funder=by_funder,
        by_funder_chart=charts.funding_chart(derived, by_funder, "per-finansiar", "Offentliga medel per år och finansiär"),
        by_recipient=by_recipient,
        by_recipient_chart=charts.funding_chart(derived, by_recipient, "per-partnerskap", "Offentliga medel per år och partnerskap"),
        year_total_text=charts.year_total_text,
        gap_text=lambda table, year: charts.gap_text(derived, table, year),
        budgets=[(budget_table(v, name), charts.budget_split_chart(v, f"budget-{v.id}", name)) for v in shown],
        budgets_left_out=len(ranked) - len(shown),
        balance_text=charts.balance_text,
        timeline=timeline,
        timeline_chart=charts.timeline_chart(timeline, derived.today),
        timeline_left_out=len(derived.partnerships) - len(timeline),
    )
    description = "Offentliga medel per år, per finansiär och per partnerskap, budgetarna och avtalsperioderna i diagram och tabeller."
    return Page(path, "Ekonomi", body, in_nav=True, description=description)


def outputs(renderer: Renderer) -> Outputs:
    return Outputs(pages=[economy_page(renderer)])
