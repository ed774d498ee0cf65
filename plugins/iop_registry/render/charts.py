"""Charts drawn at build time as inline SVG: what to draw is decided here, the markup is in charts.html.

Each function turns derived numbers into a `Chart`: bars, spans, markers, lines and texts
with their coordinates, plus a title and a description that screen readers announce. The
template only prints what it gets, so no arithmetic happens in Jinja and no SVG is written
in Python. Nothing is fetched at run time: no chart library, no script, no other host.

How a chart is drawn (sizes, colours, patterns, the parts of a chart) is in `chart_layout`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from ..derive import BudgetSummary, DecisionState, Derived, FundingTable, PartnershipView
from ..derive.budget import FROM_INCOME
from ..derive.provenance import source_words
from ..formatting import amount_text, kronor, long_date
from ..model.common import Period
from ..model.partnership import AmountLimit
from .chart_layout import (
    BAR,
    CHAR_WIDTH,
    COLOURS,
    FONT,
    LINE,
    ROW_GAP,
    WIDTH,
    Chart,
    Fill,
    Label,
    Layout,
    LegendItem,
    Marker,
    Rule,
    Span,
    fit,
    scale_for,
)
from .text import DECISION_STATE_HEADINGS, balance_words, series_label


def year_total_text(table: FundingTable, year: int) -> str:
    """'1 500 000 kr', 'högst 4 000 000 kr'; 'minst 300 kr' or 'uppgift saknas' when a budget
    for the year is missing."""
    total = table.year_total(year)
    if not table.incomplete(year):
        return amount_text(total, table.year_limit(year))
    return f"minst {kronor(total)}" if total else "uppgift saknas"


def gap_text(derived: Derived, table: FundingTable, year: int) -> str:
    ids = table.gaps.get(year, ())
    if len(ids) == 1:
        return f"Uppgift saknas för {derived.partnership_by_id[ids[0]].record.title}"
    return f"Uppgift saknas för {len(ids)} partnerskap"


def funding_chart(derived: Derived, table: FundingTable, chart_id: str, title: str) -> Chart:
    """Public money per year as stacked bars, a segment per series of `table`.

    A proposal is a proposal everywhere, and unknown is unknown: in a year with money from
    proposals not yet decided, or from agreements whose decision the records do not give,
    decided, proposed and unknown money get a bar each, so the picture never adds them into one.
    """
    layout = Layout(chart_id)
    fills = {s.key: layout.fill(i) for i, s in enumerate(table.series)}
    scale = scale_for(max((table.year_total(y) for y in table.years), default=0))
    sentences = []
    for year in table.years:
        layout.text(f"{year}: {year_total_text(table, year)}", bold=True)
        decided = [(s, s.decided(year)) for s in table.series]
        sentence = f"{year}: {year_total_text(table, year)}"
        bars = [("", "decided", decided)]
        if table.proposed_total(year) or table.unknown_total(year):
            # Beside unknown money alone, no "Beslutat: 0 kr" bar: it would read as known.
            shown = table.proposed_total(year) or table.decided_total(year)
            bars = [(f"{DECISION_STATE_HEADINGS[DecisionState.DECIDED]}: {kronor(table.decided_total(year))}", "decided", decided)] if shown else []
            if table.proposed_total(year):
                proposed = [(s, s.proposed.get(year, 0)) for s in table.series]
                bars.append((f"{DECISION_STATE_HEADINGS[DecisionState.PROPOSED]}: {kronor(table.proposed_total(year))}", "proposed", proposed))
            if table.unknown_total(year):
                unknown = [(s, s.unknown.get(year, 0)) for s in table.series]
                bars.append((f"{DECISION_STATE_HEADINGS[DecisionState.UNKNOWN]}: {kronor(table.unknown_total(year))}", "unknown", unknown))
        spoken = []
        for heading, standing, parts in bars:
            if heading:
                layout.text(heading, muted=True)
            layout.bar(str(year), [(series_label(s), value, fills[s.key]) for s, value in parts], scale, standing=standing)
            named = ", ".join(f"{series_label(s)} {kronor(value)}" for s, value in parts if value > 0)
            spoken.append(" ".join(filter(None, (heading.lower(), f"({named})" if named else ""))))
        said = "; ".join(filter(None, spoken))
        if said:
            sentence += f": {said}" if len(bars) > 1 else f" {said}"
        if table.incomplete(year):
            layout.text(gap_text(derived, table, year), muted=True)
            sentence += f". {gap_text(derived, table, year)}"
        sentences.append(sentence + ".")
        layout.y += ROW_GAP
    legend = [LegendItem(series_label(s), fills[s.key]) for s in table.series]
    bar_rule = "ett år med förslag har en stapel för beslutade och en för föreslagna medel"
    if table.has_unknown:
        bar_rule += ", och ett år med medel vars beslut är okänt en stapel för dem"
    description = f"{title}. Liggande staplar, en per år; {bar_rule}. " + " ".join(sentences)
    return layout.chart(title, description, legend)


# The part of a stated total that no line itemises ("varav"): shown as its own segment.
UNSPECIFIED = "Ej specificerat"


def balance_text(summary: BudgetSummary) -> str:
    """'Intäkterna är 2 000 kr lägre än kostnaderna.', as a sentence of its own; '' when they balance."""
    words = balance_words(summary)
    return f"{words[:1].upper()}{words[1:]}." if words else ""



def _budgetscale_for(view: PartnershipView) -> float:
    """One scale for all of a partnership's years, so the bars compare across years."""
    amounts = [a for _, s in view.budget_by_year if s for a in (s.cost_total, s.funding_total) if a is not None]
    return scale_for(max(amounts, default=0))


Part = tuple[str, int, Fill]  # a segment's series name, its amount and its fill
# A budget bar's segment with how exact its amount is ('över 5 200 000 kr'), for the text alternative.
BudgetPart = tuple[str, int, Fill, AmountLimit]


def _spoken(amount: str) -> str:
    """An amount inside a sentence: 'uppgift saknas' in lower case, figures as they are."""
    return amount[0].lower() + amount[1:]


def _named(parts: Sequence[BudgetPart]) -> str:
    """' (Kursledare 264 062 kr, Region Uppsala över 5 200 000 kr)' for the text alternative,
    each amount as exact as the source gives it; '' when all are 0 kr."""
    shown = ", ".join(f"{name} {amount_text(amount, limit)}" for name, amount, _, limit in parts if amount)
    return f" ({shown})" if shown else ""


def _drawn(parts: Sequence[BudgetPart]) -> list[Part]:
    return [(name, amount, fill) for name, amount, fill, _ in parts]


def _budget_years(
    layout: Layout, view: PartnershipView, costs: Callable[[BudgetSummary], list[BudgetPart]],
    funding: Callable[[int, BudgetSummary], list[BudgetPart]],
    *, cost_lines: bool,
) -> list[str]:
    """What both budget charts draw for each year: a bar of costs and a bar of who pays, on one
    scale for all years; a year without figures as a note. Returns the years' sentences, which
    name each cost line when the bar shows them (`cost_lines`)."""
    scale = _budgetscale_for(view)
    sentences = []
    for year, summary in view.budget_by_year:
        layout.text(str(year), bold=True)
        if summary is None:
            together = view.together_for(year)
            if together:
                layout.text(f"Uppgift saknas för {year} ensamt", muted=True)
                sentences.append(f"{year}: uppgift saknas för året ensamt, beloppen gäller {together.years_text} tillsammans.")
            else:
                layout.text(f"Uppgift saknas för {year}", muted=True)
                sentences.append(f"{year}: uppgift saknas, {source_words(view.record).definite} anger inga belopp.")
            layout.y += ROW_GAP
            continue
        cost_parts, paid_parts = costs(summary), funding(year, summary)
        paid = "Intäkter" if summary.funding_source == FROM_INCOME and summary.has_costs else "Finansiering"
        cost_text = amount_text(summary.cost_total, summary.cost_limit)
        paid_text = amount_text(summary.funding_total, summary.funding_limit)
        # A side the source does not give gets words, never an empty bar that reads as 0 kr.
        layout.text(f"Kostnader: {cost_text}", muted=not summary.has_costs)
        if summary.has_costs:
            layout.bar(f"Kostnader {year}", _drawn(cost_parts), scale)
        layout.text(f"{paid}: {paid_text}", muted=summary.funding_total is None)
        if summary.funding_total is not None:
            layout.bar(f"Finansiering {year}", _drawn(paid_parts), scale)
        named_costs = _named(cost_parts) if cost_lines else ""
        sentence = f"{year}: kostnader {_spoken(cost_text)}{named_costs}; {paid.lower()} {_spoken(paid_text)}{_named(paid_parts)}."
        if summary.balance:
            layout.text(balance_text(summary), bold=True)
            sentence += f" {balance_text(summary)}"
        sentences.append(sentence)
        layout.y += ROW_GAP
    return sentences


def _budget_chart(view: PartnershipView, layout: Layout, sentences: list[str], legend: Sequence[LegendItem]) -> Chart:
    title = f"Budgeten för {view.record.title} per år"
    return layout.chart(title, f"{title}. Liggande staplar för kostnader och finansiering. " + " ".join(sentences), legend)


def budget_split_chart(view: PartnershipView, chart_id: str, organisation_name: Callable[[str], str]) -> Chart:
    """A partnership's budget each year: its cost lines, and who pays, side by side."""
    layout = Layout(chart_id)
    legend: list[LegendItem] = []
    cost_fills: dict[str, Fill] = {}
    funder_fills: dict[str, Fill] = {}
    for _, summary in view.budget_by_year:
        labels = [line.label for line in summary.budget.costs] if summary else []
        if summary and summary.cost_unspecified:
            labels.append(UNSPECIFIED)
        for label in labels:
            if label not in cost_fills:
                cost_fills[label] = layout.fill(len(cost_fills) + len(funder_fills))
                legend.append(LegendItem(label, cost_fills[label], group="Kostnader"))
    for _, summary in view.budget_by_year:
        funders = [share.funder for share in summary.funding] if summary else []
        if summary and summary.unfunded_costs:
            funders.append("")
        if summary and summary.funding_unspecified:
            funders.append(UNSPECIFIED)
        for funder in funders:
            if funder not in funder_fills:
                funder_fills[funder] = layout.fill(len(cost_fills) + len(funder_fills))
                name = UNSPECIFIED if funder == UNSPECIFIED else organisation_name(funder) if funder else "Finansiär saknas"
                legend.append(LegendItem(name, funder_fills[funder], group="Finansiering"))

    def costs(summary: BudgetSummary) -> list[BudgetPart]:
        parts: list[BudgetPart] = [(line.label, line.amount, cost_fills[line.label], line.limit) for line in summary.budget.costs]
        if summary.cost_unspecified:
            parts.append((UNSPECIFIED, summary.cost_unspecified, cost_fills[UNSPECIFIED], AmountLimit.EXACT))
        return parts

    def funding(year: int, summary: BudgetSummary) -> list[BudgetPart]:
        parts = [(organisation_name(s.funder), s.amount, funder_fills[s.funder], s.limit) for s in summary.funding]
        if summary.unfunded_costs:
            parts.append(("Finansiär saknas", summary.unfunded_costs, funder_fills[""], AmountLimit.EXACT))
        if summary.funding_unspecified:
            parts.append((UNSPECIFIED, summary.funding_unspecified, funder_fills[UNSPECIFIED], AmountLimit.EXACT))
        return parts

    return _budget_chart(view, layout, _budget_years(layout, view, costs, funding, cost_lines=True), legend)


def budget_years_chart(view: PartnershipView, chart_id: str = "budgetdiagram") -> Chart:
    """The small chart on a partnership's page: costs, public money and other money per year."""
    layout = Layout(chart_id)
    costs, public, other, unfunded = (layout.fill(i) for i in range(4))
    fills = [costs, public, other, unfunded]
    names = {costs: "Kostnader", public: "Offentliga medel", other: "Övrig finansiering", unfunded: "Finansiär saknas"}
    if any(s.funding_unspecified for s in view.budgets):
        unspecified = layout.fill(4)
        fills.append(unspecified)
        names[unspecified] = UNSPECIFIED
    used = set()

    def cost_parts(summary: BudgetSummary) -> list[BudgetPart]:
        if summary.cost_total is not None:
            used.add(costs)
        return [(names[costs], summary.cost_total or 0, costs, summary.cost_limit)]

    def funding(year: int, summary: BudgetSummary) -> list[BudgetPart]:
        exact = AmountLimit.EXACT
        parts = [
            (names[public], view.public_funding_by_year.get(year, 0), public, view.public_funding_limit_by_year.get(year, exact)),
            (names[other], view.other_funding_by_year.get(year, 0), other, view.other_funding_limit_by_year.get(year, exact)),
            (names[unfunded], summary.unfunded_costs, unfunded, exact),
        ]
        if summary.funding_unspecified:
            parts.append((UNSPECIFIED, summary.funding_unspecified, fills[4], exact))
        used.update(fill for _, amount, fill, _ in parts if amount)
        return parts

    sentences = _budget_years(layout, view, cost_parts, funding, cost_lines=False)
    legend = [LegendItem(names[f], f) for f in fills if f in used]
    return _budget_chart(view, layout, sentences, legend)


def _period_text(period: Period, start: dt.date, end: dt.date) -> str:
    if period.start.precision == "year" and period.end.precision == "year":
        return f"{period.start.year}–{period.end.year} (bara åren anges)"
    return f"{long_date(start)} – {long_date(end)}"


def timeline_chart(views: Sequence[PartnershipView], today: dt.date, chart_id: str = "tidslinje") -> Chart:
    """Agreement periods on one time axis, with the last day to agree on an extension and today."""
    layout = Layout(chart_id)
    period, vague, extended = layout.fill(0), Fill(f"{chart_id}-fill-year", COLOURS[0], "diagonal"), layout.fill(2)
    layout.fills.append(vague)
    # A partnership whose period no source gives has no place on a time axis.
    views = [v for v in views if v.record.period is not None]
    if not views:
        return layout.chart("Avtalsperioder", "Registret har inga partnerskap.", [])
    days = [d for v in views for d in (v.start, v.end, v.extended_end, v.extension_deadline) if d]
    first, last = dt.date(min(days).year, 1, 1), dt.date(max(days).year + 1, 1, 1)
    scale = WIDTH / (last - first).days

    def x(day: dt.date) -> float:
        return round((day - first).days * scale, 2)

    years = range(first.year, last.year)
    for year in years:
        middle = (x(dt.date(year, 1, 1)) + x(dt.date(year + 1, 1, 1))) / 2
        layout.labels.append(Label(round(middle, 2), FONT, str(year), anchor="middle", bold=True))
    layout.y = LINE + 4
    top = layout.y
    show_today = first <= today < last
    if show_today:
        anchor = "start" if x(today) < WIDTH / 2 else "end"
        offset = 4 if anchor == "start" else -4
        layout.labels.append(Label(round(x(today) + offset, 2), round(layout.y + FONT, 2), f"I dag, {long_date(today)}", anchor=anchor))
        layout.y += LINE + 4
    sentences = []
    for view in views:
        recorded, first_day, last_day = view.record.period, view.start, view.end
        if recorded is None or first_day is None or last_day is None:
            continue
        layout.text(view.record.title, bold=True)
        year_only = recorded.start.precision == "year" and recorded.end.precision == "year"
        fill = vague if year_only else period
        layout.spans.append(Span(x(first_day), round(layout.y, 2), round(x(last_day + dt.timedelta(days=1)) - x(first_day), 2), BAR, fill, first_day, last_day, view.id))
        if view.extended_end:
            start = last_day + dt.timedelta(days=1)
            width = round(x(view.extended_end + dt.timedelta(days=1)) - x(start), 2)
            layout.spans.append(Span(x(start), round(layout.y, 2), width, BAR, extended, start, view.extended_end, view.id))
        sentence = f"{view.record.title}: avtalsperiod {_period_text(recorded, first_day, last_day)}"
        if view.extended_end:
            sentence += f", förlängt till {long_date(view.extended_end)}"
        deadline = view.extension_deadline
        if deadline:
            layout.markers.append(Marker(x(deadline), round(layout.y + BAR / 2, 2), deadline, view.id))
        layout.y += BAR + 4
        if deadline:
            text = f"Förlängning godkänns senast {long_date(deadline)}"
            # Beside the diamond, on whichever side the text fits; else from the left edge.
            room, at, baseline = len(text) * CHAR_WIDTH, x(deadline), round(layout.y + FONT, 2)
            if at + room <= WIDTH:
                layout.labels.append(Label(at, baseline, text))
            elif at >= room:
                layout.labels.append(Label(at, baseline, text, anchor="end"))
            else:
                layout.labels.append(Label(0, baseline, fit(text)))
            layout.y += LINE
            sentence += f"; en förlängning ska godkännas senast {long_date(deadline)}"
        sentences.append(sentence + ".")
        layout.y += ROW_GAP
    for year in [*years, last.year]:
        layout.rules.append(Rule(x(dt.date(year, 1, 1)), top, x(dt.date(year, 1, 1)), round(layout.y, 2)))
    if show_today:
        layout.rules.append(Rule(x(today), top, x(today), round(layout.y, 2), dashed=True, strong=True))
    legend = [LegendItem("Avtalsperiod", period)]
    if any(s.fill is vague for s in layout.spans):
        legend.append(LegendItem("Avtalsperiod där bara åren anges", vague))
    if any(s.fill is extended for s in layout.spans):
        legend.append(LegendItem("Beslutad förlängning", extended))
    if layout.markers:
        legend.append(LegendItem("Sista dag att godkänna en förlängning", shape="diamond"))
    if show_today:
        legend.append(LegendItem(f"I dag ({long_date(today)})", shape="line"))
    title = "Avtalsperioder och sista dag för förlängning"
    description = f"{title}, på en tidsaxel från {first.year} till {last.year - 1}. I dag är {long_date(today)}. " + " ".join(sentences)
    return layout.chart(title, description, legend)
