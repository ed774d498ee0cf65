"""Charts drawn at build time as inline SVG: the layout is here, the markup in charts.html.

Each function turns derived numbers into a `Chart`: bars, spans, markers, lines and texts
with their coordinates, plus a title and a description that screen readers announce. The
template only prints what it gets, so no arithmetic happens in Jinja and no SVG is written
in Python. Nothing is fetched at run time: no chart library, no script, no other host.

The charts are horizontal bars with their label on a line of its own above each bar, so
they stay readable in a 320-unit view box scaled to a phone's width (358 px at 390 px).
Segments are told apart by colour *and* pattern, and every chart has a table beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..derive import BudgetSummary, Derived, FundingTable, PartnershipView
from ..formatting import kronor, long_date

WIDTH = 320  # view-box units
FONT = 13  # label size in view-box units: about 14.5 px on a phone, 18 px at the widest
LINE = 18  # height of a line of text
BAR = 18  # height of a bar
ROW_GAP = 12
CHAR_WIDTH = 7.2  # a generous average for system-ui at FONT, to keep labels inside the box

# Each fill has at least 3:1 contrast against white (WCAG 2.1, 1.4.11 non-text contrast);
# texts use INK and MUTED, both above 4.5:1 (1.4.3). Tests check the ratios.
COLOURS = ("#0d4f8b", "#a84300", "#1d6b2f", "#6b2c91", "#a1173d", "#4d4d4d")
# A pattern for each colour, so no segment is told apart by colour alone (1.4.1).
PATTERNS = ("solid", "diagonal", "dots", "horizontal", "cross", "vertical")
INK = "#1f1f1f"
MUTED = "#4d4d4d"
GRID = "#767676"
WHITE = "#ffffff"


@dataclass(frozen=True)
class Fill:
    """How a kind of segment is painted: a colour and a pattern, defined once per chart."""

    id: str
    colour: str
    pattern: str

    @property
    def paint(self) -> str:
        return self.colour if self.pattern == "solid" else f"url(#{self.id})"


@dataclass(frozen=True)
class Segment:
    """A part of a bar: `value` kronor of `series` in the bar `row`."""

    x: float
    y: float
    width: float
    height: float
    fill: Fill
    value: int
    series: str
    row: str
    standing: str = "decided"  # or "proposed": money from a proposal not yet decided


@dataclass(frozen=True)
class Span:
    """A period on a time axis, such as an agreement from its first to its last day."""

    x: float
    y: float
    width: float
    height: float
    fill: Fill
    start: dt.date
    end: dt.date
    row: str


@dataclass(frozen=True)
class Marker:
    """A diamond at a day on a time axis, such as the last day to agree on an extension."""

    x: float
    y: float
    day: dt.date
    row: str
    size: float = 6
    colour: str = INK

    @property
    def points(self) -> str:
        x, y, s = self.x, self.y, self.size
        return f"{_n(x)},{_n(y - s)} {_n(x + s)},{_n(y)} {_n(x)},{_n(y + s)} {_n(x - s)},{_n(y)}"


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    dashed: bool = False
    strong: bool = False

    @property
    def colour(self) -> str:
        return INK if self.strong else GRID

    @property
    def stroke_width(self) -> int:
        return 2 if self.strong else 1


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"
    bold: bool = False
    muted: bool = False

    @property
    def colour(self) -> str:
        return MUTED if self.muted else INK


@dataclass(frozen=True)
class LegendItem:
    label: str
    fill: Fill | None = None
    shape: str = "box"  # box | diamond | line
    group: str = ""
    colour: str = INK  # of a diamond or a line


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    height: float
    fills: tuple[Fill, ...] = ()
    segments: tuple[Segment, ...] = ()
    spans: tuple[Span, ...] = ()
    markers: tuple[Marker, ...] = ()
    rules: tuple[Rule, ...] = ()
    labels: tuple[Label, ...] = ()
    legend: tuple[LegendItem, ...] = ()
    width: int = WIDTH
    font_size: int = FONT

    @property
    def patterns(self) -> tuple[Fill, ...]:
        return tuple(f for f in self.fills if f.pattern != "solid")

    @property
    def legend_groups(self) -> list[tuple[str, list[LegendItem]]]:
        groups: dict[str, list[LegendItem]] = {}
        for item in self.legend:
            groups.setdefault(item.group, []).append(item)
        return list(groups.items())


def _n(value: float) -> str:
    """Coordinates with at most two decimals, written the same way on every build."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def fill_for(chart_id: str, index: int) -> Fill:
    """The index-th fill: six colours, each time with another pattern, 36 combinations."""
    colour = COLOURS[index % len(COLOURS)]
    pattern = PATTERNS[(index + index // len(COLOURS)) % len(PATTERNS)]
    return Fill(f"{chart_id}-fill-{index}", colour, pattern)


def fit(text: str, width: float = WIDTH) -> str:
    """Shorten a label with an ellipsis so that it stays inside the view box."""
    room = int(width // CHAR_WIDTH)
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


@dataclass
class _Layout:
    """Collects the parts of a chart while rows are laid out from the top down."""

    chart_id: str
    y: float = 0.0
    fills: list[Fill] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)

    def fill(self, index: int) -> Fill:
        fill = fill_for(self.chart_id, index)
        if fill not in self.fills:
            self.fills.append(fill)
        return fill

    def text(self, text: str, *, bold: bool = False, muted: bool = False) -> None:
        self.labels.append(Label(0, round(self.y + FONT, 2), fit(text), bold=bold, muted=muted))
        self.y += LINE

    def bar(self, row: str, parts: Sequence[tuple[str, int, Fill]], scale: float, standing: str = "decided") -> None:
        """A stacked bar; parts of 0 kr take no room but stay in the table beside the chart.

        `standing` says whether the money is decided or only proposed.
        """
        x = 0.0
        for series, value, fill in parts:
            if value <= 0:
                continue
            width = value * scale
            self.segments.append(Segment(round(x, 2), round(self.y, 2), round(width, 2), BAR, fill, value, series, row, standing))
            x += width
        # A baseline, so that an empty bar still reads as "nothing" rather than as a gap.
        self.rules.append(Rule(0, round(self.y + BAR, 2), 0, round(self.y, 2), strong=True))
        self.y += BAR + 4

    def chart(self, title: str, description: str, legend: Sequence[LegendItem]) -> Chart:
        return Chart(
            self.chart_id, title, description, round(self.y, 2), tuple(self.fills), tuple(self.segments),
            tuple(self.spans), tuple(self.markers), tuple(self.rules), tuple(self.labels), tuple(legend),
        )


def _scale(largest: int) -> float:
    return WIDTH / largest if largest > 0 else 0.0


def year_total_text(table: FundingTable, year: int) -> str:
    """'1 500 000 kr'; 'minst 300 kr' or 'uppgift saknas' when a budget for the year is missing."""
    total = table.year_total(year)
    if not table.incomplete(year):
        return kronor(total)
    return f"minst {kronor(total)}" if total else "uppgift saknas"


def gap_text(derived: Derived, table: FundingTable, year: int) -> str:
    ids = table.gaps.get(year, ())
    if len(ids) == 1:
        return f"Uppgift saknas för {derived.partnership_by_id[ids[0]].record.title}"
    return f"Uppgift saknas för {len(ids)} partnerskap"


def funding_chart(derived: Derived, table: FundingTable, chart_id: str, title: str) -> Chart:
    """Public money per year as stacked bars, a segment per series of `table`.

    A proposal is a proposal everywhere: in a year with money from proposals not yet decided,
    decided money and proposed money get a bar each, so the picture never adds them into one.
    """
    layout = _Layout(chart_id)
    fills = {s.key: layout.fill(i) for i, s in enumerate(table.series)}
    scale = _scale(max((table.year_total(y) for y in table.years), default=0))
    sentences = []
    for year in table.years:
        layout.text(f"{year}: {year_total_text(table, year)}", bold=True)
        decided = [(s, s.amounts.get(year, 0) - s.proposed.get(year, 0)) for s in table.series]
        proposed = [(s, s.proposed.get(year, 0)) for s in table.series]
        sentence = f"{year}: {year_total_text(table, year)}"
        if table.proposed_total(year):
            bars = [
                (f"Beslutat: {kronor(table.decided_total(year))}", "decided", decided),
                (f"Förslag, inte beslutat: {kronor(table.proposed_total(year))}", "proposed", proposed),
            ]
        else:
            bars = [("", "decided", decided)]
        spoken = []
        for heading, standing, parts in bars:
            if heading:
                layout.text(heading, muted=True)
            layout.bar(str(year), [(s.label, value, fills[s.key]) for s, value in parts], scale, standing=standing)
            named = ", ".join(f"{s.label} {kronor(value)}" for s, value in parts if value > 0)
            spoken.append(" ".join(filter(None, (heading.lower(), f"({named})" if named else ""))))
        said = "; ".join(filter(None, spoken))
        if said:
            sentence += f": {said}" if len(bars) > 1 else f" {said}"
        if table.incomplete(year):
            layout.text(gap_text(derived, table, year), muted=True)
            sentence += f". {gap_text(derived, table, year)}"
        sentences.append(sentence + ".")
        layout.y += ROW_GAP
    legend = [LegendItem(s.label, fills[s.key]) for s in table.series]
    description = f"{title}. Liggande staplar, en per år; ett år med förslag har en stapel för beslutade och en för föreslagna medel. " + " ".join(sentences)
    return layout.chart(title, description, legend)


def balance_text(summary: BudgetSummary) -> str:
    balance = summary.balance
    if not balance:
        return ""
    direction = "lägre" if balance < 0 else "högre"
    return f"Intäkterna är {kronor(summary.gap)} {direction} än kostnaderna."



def _budget_scale(view: PartnershipView) -> float:
    """One scale for all of a partnership's years, so the bars compare across years."""
    budgets = [s for _, s in view.budget_by_year if s]
    return _scale(max((max(s.cost_total, s.funding_total) for s in budgets), default=0))


def _missing_year(layout: _Layout, year: int, sentence: str) -> str:
    """Draw a year without figures as a note, and return its sentence for the text alternative."""
    layout.text(f"Uppgift saknas för {year}", muted=True)
    layout.y += ROW_GAP
    return f"{year}: {sentence}"

def budget_split_chart(view: PartnershipView, chart_id: str, organisation_name: Callable[[str], str]) -> Chart:
    """A partnership's budget each year: its cost lines, and who pays, side by side."""
    layout = _Layout(chart_id)
    legend: list[LegendItem] = []
    cost_fills: dict[str, Fill] = {}
    funder_fills: dict[str, Fill] = {}
    for _, summary in view.budget_by_year:
        for line in summary.budget.costs if summary else ():
            if line.label not in cost_fills:
                cost_fills[line.label] = layout.fill(len(cost_fills) + len(funder_fills))
                legend.append(LegendItem(line.label, cost_fills[line.label], group="Kostnader"))
    for _, summary in view.budget_by_year:
        funders = [share.funder for share in summary.funding] if summary else []
        if summary and summary.unfunded_costs:
            funders.append("")
        for funder in funders:
            if funder not in funder_fills:
                funder_fills[funder] = layout.fill(len(cost_fills) + len(funder_fills))
                legend.append(LegendItem(organisation_name(funder) if funder else "Finansiär saknas", funder_fills[funder], group="Finansiering"))
    scale = _budget_scale(view)
    sentences = []
    for year, summary in view.budget_by_year:
        layout.text(str(year), bold=True)
        if summary is None:
            sentences.append(_missing_year(layout, year, "uppgift saknas, budgeten anger inga belopp."))
            continue
        layout.text(f"Kostnader: {kronor(summary.cost_total)}")
        layout.bar(f"Kostnader {year}", [(line.label, line.amount, cost_fills[line.label]) for line in summary.budget.costs], scale)
        paid = "Intäkter" if summary.funding_source == "income" else "Finansiering"
        layout.text(f"{paid}: {kronor(summary.funding_total)}")
        parts = [(organisation_name(s.funder), s.amount, funder_fills[s.funder]) for s in summary.funding]
        if summary.unfunded_costs:
            parts.append(("Finansiär saknas", summary.unfunded_costs, funder_fills[""]))
        layout.bar(f"Finansiering {year}", parts, scale)
        if summary.balance:
            layout.text(balance_text(summary), bold=True)
        sentence = (
            f"{year}: kostnader {kronor(summary.cost_total)} ("
            + ", ".join(f"{line.label} {kronor(line.amount)}" for line in summary.budget.costs)
            + f"); {paid.lower()} {kronor(summary.funding_total)} ("
            + ", ".join(f"{name} {kronor(amount)}" for name, amount, _ in parts)
            + ")."
        )
        sentences.append(sentence + (f" {balance_text(summary)}" if summary.balance else ""))
        layout.y += ROW_GAP
    title = f"Budgeten för {view.record.title} per år"
    return layout.chart(title, f"{title}. Liggande staplar för kostnader och finansiering. " + " ".join(sentences), legend)


def budget_years_chart(view: PartnershipView, chart_id: str = "budgetdiagram") -> Chart:
    """The small chart on a partnership's page: costs, public money and other money per year."""
    layout = _Layout(chart_id)
    costs, public, other, unfunded = (layout.fill(i) for i in range(4))
    names = {costs: "Kostnader", public: "Offentliga medel", other: "Övrig finansiering", unfunded: "Finansiär saknas"}
    scale = _budget_scale(view)
    sentences = []
    used = {costs}
    for year, summary in view.budget_by_year:
        layout.text(str(year), bold=True)
        if summary is None:
            sentences.append(_missing_year(layout, year, "uppgift saknas."))
            continue
        layout.text(f"Kostnader: {kronor(summary.cost_total)}")
        layout.bar(f"Kostnader {year}", [(names[costs], summary.cost_total, costs)], scale)
        parts = [
            (names[public], view.public_funding_by_year.get(year, 0), public),
            (names[other], view.other_funding_by_year.get(year, 0), other),
            (names[unfunded], summary.unfunded_costs, unfunded),
        ]
        used.update(fill for _, amount, fill in parts if amount)
        layout.text(f"Finansiering: {kronor(summary.funding_total)}")
        layout.bar(f"Finansiering {year}", parts, scale)
        if summary.balance:
            layout.text(balance_text(summary), bold=True)
        shown = ", ".join(f"{name.lower()} {kronor(amount)}" for name, amount, _ in parts if amount)
        sentence = f"{year}: kostnader {kronor(summary.cost_total)}; finansiering {kronor(summary.funding_total)}"
        sentences.append(sentence + (f" ({shown})." if shown else ".") + (f" {balance_text(summary)}" if summary.balance else ""))
        layout.y += ROW_GAP
    legend = [LegendItem(names[f], f) for f in (costs, public, other, unfunded) if f in used]
    title = f"Budgeten för {view.record.title} per år"
    return layout.chart(title, f"{title}. Liggande staplar för kostnader och finansiering. " + " ".join(sentences), legend)


def _period_text(view: PartnershipView) -> str:
    period = view.record.period
    if period.start.precision == "year" and period.end.precision == "year":
        return f"{period.start.year}–{period.end.year} (bara åren anges)"
    return f"{long_date(view.start)} – {long_date(view.end)}"


def timeline_chart(views: Sequence[PartnershipView], today: dt.date, chart_id: str = "tidslinje") -> Chart:
    """Agreement periods on one time axis, with the last day to agree on an extension and today."""
    layout = _Layout(chart_id)
    period, vague, extended = layout.fill(0), Fill(f"{chart_id}-fill-year", COLOURS[0], "diagonal"), layout.fill(2)
    layout.fills.append(vague)
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
        layout.text(view.record.title, bold=True)
        year_only = view.record.period.start.precision == "year" and view.record.period.end.precision == "year"
        fill = vague if year_only else period
        layout.spans.append(Span(x(view.start), round(layout.y, 2), round(x(view.end + dt.timedelta(days=1)) - x(view.start), 2), BAR, fill, view.start, view.end, view.id))
        if view.extended_end:
            start = view.end + dt.timedelta(days=1)
            width = round(x(view.extended_end + dt.timedelta(days=1)) - x(start), 2)
            layout.spans.append(Span(x(start), round(layout.y, 2), width, BAR, extended, start, view.extended_end, view.id))
        sentence = f"{view.record.title}: avtalsperiod {_period_text(view)}"
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
