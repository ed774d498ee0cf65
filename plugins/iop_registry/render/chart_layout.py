"""How a chart is drawn: sizes, colours and patterns, the parts of a chart, and `Layout`,
which places rows from the top down. `charts.py` decides what to draw; charts.html prints it.

The charts are horizontal bars with their label on a line of its own above each bar, so
they stay readable in a 320-unit view box scaled to a phone's width (358 px at 390 px).
Segments are told apart by colour *and* pattern, and every chart has a table beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

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
    standing: str = "decided"  # "proposed": from a proposal not yet decided; "unknown": decision unknown


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
class Layout:
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

        `standing` says whether the money is decided, only proposed or of unknown decision.
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


def scale_for(largest: int) -> float:
    return WIDTH / largest if largest > 0 else 0.0
