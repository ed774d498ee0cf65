"""The Ekonomi page: where the public money goes, as charts with the same numbers in tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container
from dataclasses import dataclass

from ..derive import BudgetSummary, DecisionState, Derived, FundingSeries, FundingTable, PartnershipView
from ..derive.budget import FROM_NOTHING
from ..formatting import amount_text, kronor
from ..model.partnership import AmountLimit
from ..site_paths import record_path
from . import charts
from .charts import UNSPECIFIED
from .environment import Outputs, Page, Renderer
from .text import DECISION_STATE_HEADINGS, series_label

# The page shows at most this many rows per chart, budgets and agreements on the time line,
# so that it stays under 200 KB on a phone at any registry size (a long budget with its chart
# is about 20 KB); every partnership's budget is on its own page and in the open data files.
SERIES_LIMIT = 10
BUDGET_LIMIT = 5
TIMELINE_LIMIT = 25


@dataclass(frozen=True)
class SeriesRow:
    """One row of a money table as the page shows it: its name, where it links, what is undecided."""

    series: FundingSeries
    label: str  # render/text.py series_label
    target: str | None  # the site path the name links to, if the row stands for a record page
    note: str  # "förslag, inte beslutat", "beslut okänt", ...; empty when all of it is decided
    cells: tuple[tuple[int, int | None, AmountLimit], ...]  # year, amount (None: unknown), limit


@dataclass(frozen=True)
class FooterRow:
    """A sum under a money table: "Därav beslutat", "Därav Lunds kommun", ..., a text per year."""

    label: str
    attribute: str  # data-standing or data-body
    value: str
    cells: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class MoneyTable:
    """A money table (public money per year, split into series) with every text it shows."""

    table: FundingTable
    chart_id: str
    caption: str
    first_column: str
    rows: tuple[SeriesRow, ...]
    totals: tuple[tuple[int, int, str], ...]  # year, the sum, the sum in words
    footer: tuple[FooterRow, ...]
    gaps: tuple[tuple[int, str], ...]  # a year whose sum is incomplete, and for whom


def _capitalised(text: str) -> str:
    return text.capitalize()


def _series_target(series: FundingSeries, organisations: Container[str]) -> str | None:
    if series.record_id is None:
        return None
    if series.kind == "partnership":
        # A row of grants tied to a partnership links to the grants on its page.
        return record_path("partnership", series.record_id) + ("#bidrag" if series.key.startswith("grants:") else "")
    if series.kind == "organisation" and series.record_id in organisations:
        return record_path("organisation", series.record_id)
    return None


def _undecided_note(series: FundingSeries) -> str:
    if series.all_proposed:
        return "förslag, inte beslutat"
    if series.all_unknown:
        return "beslut okänt"
    parts = ["delvis förslag, inte beslutat"] if series.any_proposed else []
    if series.any_unknown:
        parts.append("delvis beslut okänt")
    return "; ".join(parts)


def body_amount_text(body: FundingSeries, year: int) -> str:
    """A municipality's or region's part of a sum: 'minst …' or 'uppgift saknas' where a
    partnership it pays for has no figures for the year."""
    known = body.amounts.get(year, 0)
    if year in body.missing_years:
        return f"minst {kronor(known)}" if known else "uppgift saknas"
    return amount_text(known, body.limit(year))


SHARE_LABELS = {state: f"Därav {heading.lower()}" for state, heading in DECISION_STATE_HEADINGS.items()}


def share_text(table: FundingTable, year: int, state: DecisionState) -> str:
    """A year's decided, proposed or unknown-decision share: 'minst …' or Uppgift saknas when a
    partnership in that state has no figures for the year, never 0 kr for what is not known."""
    amount = table.share(year, state)
    if table.share_complete(year, state):
        return kronor(amount)
    return f"minst {kronor(amount)}" if amount else "Uppgift saknas"


def money_table(
    derived: Derived, table: FundingTable, chart_id: str, caption: str, first_column: str, by_body: FundingTable | None,
) -> MoneyTable:
    organisations = derived.registry.organisations
    rows = tuple(
        SeriesRow(s, series_label(s), _series_target(s, organisations), _undecided_note(s), tuple((y, s.amount(y), s.limit(y)) for y in table.years))
        for s in table.series
    )
    footer = [
        FooterRow(f"Därav {series_label(b)}", "data-body", b.record_id or "", tuple((y, _capitalised(body_amount_text(b, y))) for y in table.years))
        for b in (by_body.series if by_body else ())
    ]
    if table.has_proposals or table.has_unknown:
        # A proposal is a proposal and unknown is unknown: each sum is split, never added up.
        # Beside unknown money alone, "Därav beslutat 0 kr" would read as known: left out.
        states = [DecisionState.DECIDED] if table.has_proposals or table.has_decided else []
        if table.has_proposals:
            states.append(DecisionState.PROPOSED)
        if table.has_unknown:
            states.append(DecisionState.UNKNOWN)
        footer += [
            FooterRow(SHARE_LABELS[state], "data-standing", state.value, tuple((y, share_text(table, y, state)) for y in table.years))
            for state in states
        ]
    return MoneyTable(
        table, chart_id, caption, first_column, rows,
        tuple((y, table.year_total(y), _capitalised(charts.year_total_text(table, y))) for y in table.years),
        tuple(footer),
        tuple((y, _gap_sentence(derived, table, y)) for y in table.years if table.incomplete(y)),
    )


def money_from(renderer: Renderer, several_bodies: bool) -> str:
    """Whose money counts as public, as the page's introduction says it."""
    if several_bodies:
        return "kommunerna och regionerna och deras"
    return f"{renderer.publisher.name if renderer.publisher else 'kommunen'} och dess"


@dataclass(frozen=True)
class BudgetRow:
    label: str
    amounts: dict[int, int]  # by year; a year missing here has no such line that year
    organisation: str | None = None  # the funder, to link its page
    # Year and amount per column; None where the year's budget has no such part at all
    # (no cost lines, or no funding), which is unknown rather than 0 kr.
    cells: tuple[tuple[int, int | None], ...] = ()


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
    summaries = {summary.year: summary for summary in view.budgets}

    def cost_cells(years: dict[int, int]) -> tuple[tuple[int, int | None], ...]:
        return tuple((year, years.get(year, 0) if s.budget.costs else None) for year, s in summaries.items())

    def funding_cells(years: dict[int, int]) -> tuple[tuple[int, int | None], ...]:
        return tuple((year, years.get(year, 0) if s.funding_source != FROM_NOTHING else None) for year, s in summaries.items())

    return BudgetTable(
        view,
        summaries,
        tuple(BudgetRow(label, dict(years), cells=cost_cells(years)) for label, years in costs.items()),
        tuple(
            BudgetRow(
                UNSPECIFIED if funder == UNSPECIFIED else organisation_name(funder) if funder else "Finansiär saknas",
                dict(years), funder if funder and funder != UNSPECIFIED else None, funding_cells(years),
            )
            for funder, years in funding.items()
        ),
    )


def _timeline_views(views: list[PartnershipView]) -> list[PartnershipView]:
    """The agreements that end last, in order of their start; those whose period no source gives have no place on it."""
    dated = [(v, v.start, v.end) for v in views if v.start and v.end]
    chosen = sorted(dated, key=lambda d: (d[0].extended_end or d[2], d[0].id), reverse=True)[:TIMELINE_LIMIT]
    return [v for v, _, _ in sorted(chosen, key=lambda d: (d[1], d[0].record.title.casefold(), d[0].id))]


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
    by_body_title = "Offentliga medel per år och kommun eller region"
    by_funder_title = "Offentliga medel per år och finansiär"
    by_recipient_title = "Offentliga medel per år och partnerskap"
    body = renderer.render(
        "economy.html", path,
        money_from=money_from(renderer, by_body is not None),
        # Some money's decision is unknown: the introduction says how it is marked.
        has_unknown=derived.public_funds_by_funder.has_unknown,
        by_body=by_body,
        by_body_chart=charts.funding_chart(derived, by_body, "per-kommun-eller-region", by_body_title) if by_body else None,
        by_body_table=money_table(derived, by_body, "per-kommun-eller-region", by_body_title, "Kommun eller region", None) if by_body else None,
        by_funder=by_funder,
        by_funder_chart=charts.funding_chart(derived, by_funder, "per-finansiar", by_funder_title),
        by_funder_table=money_table(derived, by_funder, "per-finansiar", by_funder_title, "Finansiär", by_body),
        by_recipient=by_recipient,
        by_recipient_chart=charts.funding_chart(derived, by_recipient, "per-partnerskap", by_recipient_title),
        by_recipient_table=money_table(derived, by_recipient, "per-partnerskap", by_recipient_title, "Partnerskap eller bidrag", by_body),
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


def _gap_sentence(derived: Derived, table: FundingTable, year: int) -> str:
    """Why a year's money is missing, true of a proposal as of a decided agreement: its period
    covers the year (or may, after an extension), and the registry has no amounts for it."""
    periods = "avtalsperioden omfattar" if len(table.gaps.get(year, ())) == 1 else "avtalsperioderna omfattar"
    return f"{charts.gap_text(derived, table, year)}: {periods} året, eller kan ha förlängts till det, men registret har inga belopp för det."
