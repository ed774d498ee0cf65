"""Charts: inline SVG whose numbers match the tables beside them, accessible and self-contained."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from iop_registry.render import chart_layout, economy

from conftest import FIXTURES, BuiltSite, build_registry
from support.html import soup, text

OPENDATA = FIXTURES / "opendata"
SVG = "{http://www.w3.org/2000/svg}"
EPOCH_2025_06_15 = 1749981600


@pytest.fixture(scope="module")
def opendata_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("charts-opendata"), OPENDATA, epoch=EPOCH_2025_06_15)


def kronor(shown: str) -> int | None:
    """'290 000 kr' -> 290000; 'Uppgift saknas' -> None."""
    if shown == "Uppgift saknas":
        return None
    assert re.fullmatch(r"[\d\s\u00a0]+kr", shown), shown
    return int(re.sub(r"\D", "", shown))


def svgs(html: str) -> dict[str, ET.Element]:
    """Every chart on a page parsed as XML (not as HTML), by chart id."""
    found = {}
    for block in re.findall(r'<svg class="iop-chart__svg".*?</svg>', html, flags=re.DOTALL):
        root = ET.fromstring(block)
        found[root.get("aria-labelledby", "").split()[0].removesuffix("-title")] = root
    return found


def said(svg: ET.Element) -> list[str]:
    """The texts drawn in a chart, with no-break spaces read as spaces."""
    return [" ".join((t.text or "").split()) for t in svg.iter(f"{SVG}text")]


def segments(svg: ET.Element) -> list[dict[str, str]]:
    return [dict(r.attrib) for r in svg.iter(f"{SVG}rect") if r.get("class") == "iop-chart__bar"]


# --- Colours ---------------------------------------------------------------------------


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def test_contrast_ratio_is_computed_right() -> None:
    assert round(contrast_with_white("#767676"), 2) == 4.54
    assert round(contrast_with_white("#000000"), 0) == 21


def test_palette_has_enough_contrast_against_white() -> None:
    for colour in (*chart_layout.COLOURS, chart_layout.GRID):
        assert contrast_with_white(colour) >= 3, colour
    for colour in (chart_layout.INK, chart_layout.MUTED):
        assert contrast_with_white(colour) >= 4.5, colour


def test_fills_differ_in_colour_or_pattern_for_36_series() -> None:
    fills = [chart_layout.fill_for("c", i) for i in range(36)]
    assert len({(f.colour, f.pattern) for f in fills}) == 36
    # Neighbours in a stacked bar never share a pattern, so colour is never the only cue.
    assert all(a.pattern != b.pattern for a, b in itertools.pairwise(fills))


def test_long_labels_are_shortened_to_fit() -> None:
    long = "Bidrag till en förening med ett mycket, mycket långt namn som inte ryms"
    assert chart_layout.fit(long).endswith("…") and len(chart_layout.fit(long)) * chart_layout.CHAR_WIDTH <= chart_layout.WIDTH
    assert chart_layout.fit("2024: 1 500 000 kr") == "2024: 1 500 000 kr"


@pytest.mark.parametrize("page", ["ekonomi/", "partnerskap/mammakraft/", "partnerskap/kraftsamling-herrgarden/"])
def test_every_colour_drawn_has_enough_contrast(shipped_site: BuiltSite, page: str) -> None:
    html = shipped_site.page(page)
    assert svgs(html)
    for svg in svgs(html).values():
        for element in svg.iter():
            tag = element.tag.removeprefix(SVG)
            for attribute in ("fill", "stroke"):
                colour = element.get(attribute, "")
                if not colour.startswith("#") or colour.lower() == "#ffffff":
                    continue  # patterns are checked through their own rects; white is the gap between parts
                needed = 4.5 if tag == "text" else 3
                assert contrast_with_white(colour) >= needed, (page, tag, attribute, colour)


# --- Structure and text alternatives ----------------------------------------------------


@pytest.mark.parametrize("page", ["ekonomi/", "partnerskap/mammakraft/"])
def test_charts_are_images_with_a_title_and_a_description(shipped_site: BuiltSite, page: str) -> None:
    html = shipped_site.page(page)
    for svg in svgs(html).values():
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby", "").split()
        title = svg.find(f"{SVG}title")
        desc = svg.find(f"{SVG}desc")
        assert title is not None and title.get("id") == title_id and title.text
        assert desc is not None and desc.get("id") == desc_id and len(desc.text or "") > 40
        assert list(svg)[:2] == [title, desc], "title and desc come first, so every reader finds them"
        # The picture asks for nothing from elsewhere: no script, no image, no link out.
        assert not [e for e in svg.iter() if e.tag.removeprefix(SVG) in ("script", "image", "foreignObject", "a")]
    page_soup = soup(html)
    ids = [tag["id"] for tag in page_soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "ids must be unique when several charts share a page"


def test_ekonomi_page_has_its_charts_and_a_table_beside_each(shipped_site: BuiltSite) -> None:
    html = shipped_site.page("ekonomi/")
    found = svgs(html)
    assert set(found) == {"per-finansiar", "per-partnerskap", "budget-kraftsamling-herrgarden", "budget-mammakraft", "tidslinje"}
    page = soup(html)
    for chart_id in found:
        figure = page.select_one(f'figure[data-chart="{chart_id}"]')
        table = figure.find_next("table")
        assert table["data-chart"] == chart_id
        assert table.caption is not None
    assert "<script" not in str(page.select_one("article"))


def test_legend_uses_patterns_and_names_every_series(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("ekonomi/"))
    figure = page.select_one('figure[data-chart="per-finansiar"]')
    legend = [text(li) for li in figure.select(".iop-legend__list li")]
    table = page.select_one('table[data-chart="per-finansiar"]')
    assert legend == [tr["data-series"] for tr in table.select("tbody tr")]
    paints = [li.select_one("rect")["fill"] for li in figure.select(".iop-legend__list li")]
    assert len(set(paints)) == len(paints) and sum(p.startswith("url(#") for p in paints) >= len(paints) - 1


# --- The charts' numbers are the tables' numbers ---------------------------------------


def table_cells(table: Any) -> dict[tuple[str, str], int | None]:
    """{(series, column heading): amount} for a table with one row per series."""
    headings = [text(th) for th in table.select("thead th")[1:]]
    cells = {}
    for tr in table.select("tbody tr[data-series]"):
        for heading, td in zip(headings, tr.find_all("td")):
            cells[(tr["data-series"], heading)] = kronor(text(td))
    return cells


@pytest.mark.parametrize("site_name", ["shipped", "opendata"])
@pytest.mark.parametrize("chart_id", ["per-finansiar", "per-partnerskap"])
def test_funding_charts_match_their_tables(shipped_site: BuiltSite, opendata_site: BuiltSite, site_name: str, chart_id: str) -> None:
    html = (shipped_site if site_name == "shipped" else opendata_site).page("ekonomi/")
    svg = svgs(html)[chart_id]
    table = soup(html).select_one(f'table[data-chart="{chart_id}"]')
    cells = table_cells(table)
    drawn: dict[tuple[str, str], int] = defaultdict(int)
    for s in segments(svg):  # a series can have a decided and a proposed part in one year
        drawn[(s["data-series"], s["data-row"])] += int(s["data-value"])
    assert drawn, "the chart draws something"
    # Every segment is a table cell with the same amount, and every amount above 0 is drawn.
    assert {k: v for k, v in cells.items() if v} == dict(drawn)
    years = [text(th) for th in table.select("thead th")[1:]]
    totals = dict(zip(years, (int(td["data-total"]) for td in table.select("tfoot tr:first-child td"))))
    by_year: dict[str, int] = defaultdict(int)
    for (_, year), value in drawn.items():
        by_year[year] += value
    assert {y: t for y, t in totals.items() if t} == dict(by_year)
    # The year labels in the picture say what the table's sum row says.
    labels = [t for t in said(svg) if re.match(r"\d{4}: ", t)]
    table_totals = [text(td).lower() for td in table.select("tfoot tr:first-child td")]
    assert [label.split(": ", 1)[1].lower() for label in labels] == table_totals


def test_funding_charts_draw_proposed_money_in_a_bar_of_its_own(shipped_site: BuiltSite) -> None:
    html = shipped_site.page("ekonomi/")
    table = soup(html).select_one('table[data-chart="per-finansiar"]')
    years = [text(th) for th in table.select("thead th")[1:]]
    proposed = dict(zip(years, (kronor(text(td)) for td in table.select_one('tfoot tr[data-standing="proposed"]').find_all("td"))))
    svg = svgs(html)["per-finansiar"]
    drawn: dict[str, int] = defaultdict(int)
    bars: dict[str, set[float]] = defaultdict(set)
    for s in segments(svg):
        if s["data-standing"] == "proposed":
            drawn[s["data-row"]] += int(s["data-value"])
            bars[s["data-row"]].add(float(s["y"]))
        else:
            assert s["data-standing"] == "decided"
    # Both shipped agreements are proposals: 2023 and 2024 are proposed money only, and it is
    # drawn in a bar of its own under its own heading, never on the decided bar.
    assert dict(drawn) == {y: v for y, v in proposed.items() if v}
    decided_rows = {float(s["y"]) for s in segments(svg) if s["data-standing"] == "decided"}
    assert all(not (ys & decided_rows) for ys in bars.values())
    assert "Förslag, inte beslutat: 290 000 kr" in said(svg)
    assert "Beslutat: 0 kr" in said(svg)


def test_bar_lengths_are_proportional_to_the_amounts(shipped_site: BuiltSite) -> None:
    for chart_id, svg in svgs(shipped_site.page("ekonomi/")).items():
        parts = segments(svg)
        if not parts:
            continue
        ratios = [float(p["width"]) / int(p["data-value"]) for p in parts]
        assert max(ratios) - min(ratios) < 0.02 / min(int(p["data-value"]) for p in parts) + 1e-9, chart_id
        assert max(float(p["x"]) + float(p["width"]) for p in parts) <= chart_layout.WIDTH + 0.01, chart_id
        # Parts of one bar follow each other without overlapping.
        by_row: dict[str, list[dict[str, str]]] = defaultdict(list)
        for p in parts:
            by_row[p["data-row"]].append(p)
        for row in by_row.values():
            for a, b in itertools.pairwise(row):
                assert abs(float(a["x"]) + float(a["width"]) - float(b["x"])) < 0.02


def test_budget_split_chart_matches_the_budget_table(shipped_site: BuiltSite) -> None:
    html = shipped_site.page("ekonomi/")
    page = soup(html)
    for pid in ("mammakraft", "kraftsamling-herrgarden"):
        svg = svgs(html)[f"budget-{pid}"]
        table = page.select_one(f'table[data-chart="budget-{pid}"]')
        years = [text(th) for th in table.select("thead th")[1:]]
        expected: dict[tuple[str, str], int] = defaultdict(int)
        for tr in table.select("tbody tr[data-series]"):
            for year, td in zip(years, tr.find_all("td")):
                amount = kronor(text(td))
                if amount:
                    expected[(f"{tr['data-row']} {year}", tr["data-series"])] += amount
        drawn: dict[tuple[str, str], int] = defaultdict(int)
        for s in segments(svg):
            drawn[(s["data-row"], s["data-series"])] += int(s["data-value"])
        assert dict(drawn) == dict(expected), pid
        subtotal_rows = {text(tr.th): [kronor(text(td)) for td in tr.find_all("td")] for tr in table.select("tr.iop-subtotal")}
        for year, cost_total in zip(years, subtotal_rows["Summa kostnader"]):
            assert sum(v for (row, _), v in drawn.items() if row == f"Kostnader {year}") == cost_total


def test_mammakraft_gap_of_62_kr_is_shown_in_picture_and_text(shipped_site: BuiltSite) -> None:
    html = shipped_site.page("ekonomi/")
    svg = svgs(html)["budget-mammakraft"]
    assert said(svg).count("Intäkterna är 62 kr lägre än kostnaderna.") == 2
    assert "Intäkterna är 62 kr lägre än kostnaderna" in " ".join(svg.find(f"{SVG}desc").text.split())
    notes = [text(p) for p in soup(html).select(".iop-notice")]
    assert any(n.startswith("2023: Intäkterna är 62 kr lägre än kostnaderna.") for n in notes)
    costs = sum(int(s["data-value"]) for s in segments(svg) if s["data-row"] == "Kostnader 2023")
    income = sum(int(s["data-value"]) for s in segments(svg) if s["data-row"] == "Finansiering 2023")
    assert (costs, income) == (377_887, 377_825)


def test_kraftsamling_2025_is_missing_never_zero(shipped_site: BuiltSite) -> None:
    html = shipped_site.page("ekonomi/")
    charts_on_page = svgs(html)
    assert not [s for s in segments(charts_on_page["budget-kraftsamling-herrgarden"]) if s["data-row"].endswith("2025")]
    cells = table_cells(soup(html).select_one('table[data-chart="per-partnerskap"]'))
    assert cells[("Kraftsamling Herrgården", "2025")] is None
    assert cells[("Kraftsamling Herrgården", "2024")] == 1_210_000
    drawn_text = said(charts_on_page["per-partnerskap"])
    # 2025 is in Kraftsamling's period, and Mammakraft's agreement may have been extended to it.
    assert "2025: uppgift saknas" in drawn_text and "Uppgift saknas för 2 partnerskap" in drawn_text


def test_partnership_page_chart_matches_its_table(shipped_site: BuiltSite) -> None:
    for pid, years in (("mammakraft", {"2023", "2024"}), ("kraftsamling-herrgarden", {"2024"})):
        html = shipped_site.page(f"partnerskap/{pid}/")
        svg = svgs(html)["budgetdiagram"]
        table = soup(html).select_one('table[data-chart="budgetdiagram"]')
        expected = {}
        for tr in table.select("tbody tr"):
            for td in tr.select("td[data-series]"):
                amount = kronor(text(td).split(" (")[0])
                if amount:
                    row = "Kostnader" if td["data-series"] == "Kostnader" else "Finansiering"
                    expected[(f"{row} {tr['data-row']}", td["data-series"])] = amount
        drawn = {(s["data-row"], s["data-series"]): int(s["data-value"]) for s in segments(svg)}
        assert drawn == expected, pid
        assert {row.split()[1] for row, _ in drawn} == years
    kraftsamling = soup(shipped_site.page("partnerskap/kraftsamling-herrgarden/"))
    row_2025 = kraftsamling.select_one('table[data-chart="budgetdiagram"] tr[data-row="2025"]')
    assert "Uppgift saknas" in text(row_2025)


def test_unfunded_costs_and_missing_year_in_the_fixture(opendata_site: BuiltSite) -> None:
    html = opendata_site.page("ekonomi/")
    svg = svgs(html)["budget-exempelpartnerskapet"]
    funding = {s["data-series"]: int(s["data-value"]) for s in segments(svg) if s["data-row"] == "Finansiering 2025"}
    assert funding == {"Exempelnämnden": 520_000, "Finansiär saknas": 30_000}
    assert "Uppgift saknas för 2026" in said(svg)
    own = svgs(opendata_site.page("partnerskap/exempelpartnerskapet/"))["budgetdiagram"]
    parts = {s["data-series"]: int(s["data-value"]) for s in segments(own) if s["data-row"] == "Finansiering 2025"}
    assert parts == {"Offentliga medel": 520_000, "Finansiär saknas": 30_000}


# --- Timeline --------------------------------------------------------------------------


def test_timeline_matches_its_table_and_shows_deadlines(shipped_site: BuiltSite) -> None:
    html = shipped_site.page("ekonomi/")
    svg = svgs(html)["tidslinje"]
    table = soup(html).select_one('table[data-chart="tidslinje"]')
    spans = {r.get("data-row"): r for r in svg.iter(f"{SVG}rect") if r.get("class") == "iop-chart__span"}
    for tr in table.select("tbody tr"):
        span = spans[tr["data-row"]]
        period = tr.select_one("td[data-start]")
        assert (span.get("data-start"), span.get("data-end")) == (period["data-start"], period["data-end"])
    markers = {m.get("data-row"): m.get("data-date") for m in svg.iter(f"{SVG}polygon")}
    deadlines = {tr["data-row"]: tr.select_one("td[data-date]")["data-date"] for tr in table.select("tbody tr") if tr.select_one("td[data-date]")}
    assert markers == deadlines == {"mammakraft": "2024-06-30"}
    # Kraftsamling's period is known to the year only: drawn with its own pattern and said so.
    assert spans["kraftsamling-herrgarden"].get("fill") != spans["mammakraft"].get("fill")
    assert "2024–2025 (bara åren anges)" in svg.find(f"{SVG}desc").text
    legend = [text(li) for li in soup(html).select('figure[data-chart="tidslinje"] .iop-legend__list li')]
    assert "Avtalsperiod där bara åren anges" in legend and "I dag (15 juni 2023)" in legend
    # Today's line sits between the start of 2023 and 2024, where 15 June 2023 is.
    axis_start = dt.date(2023, 1, 1)
    scale = chart_layout.WIDTH / (dt.date(2026, 1, 1) - axis_start).days
    dashed = [line for line in svg.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1
    assert abs(float(dashed[0].get("x1")) - (dt.date(2023, 6, 15) - axis_start).days * scale) < 0.01


def test_timeline_draws_a_decided_extension(opendata_site: BuiltSite) -> None:
    html = opendata_site.page("ekonomi/")
    svg = svgs(html)["tidslinje"]
    spans = [(r.get("data-start"), r.get("data-end")) for r in svg.iter(f"{SVG}rect") if r.get("class") == "iop-chart__span"]
    assert spans == [("2025-01-01", "2026-12-31"), ("2027-01-01", "2027-12-31")]
    row = soup(html).select_one('table[data-chart="tidslinje"] tr[data-row="exempelpartnerskapet"]')
    assert [text(td) for td in row.find_all("td")] == ["1 januari 2025 – 31 december 2026", "30 juni 2026", "31 december 2027", "Pågående"]


# --- Many partnerships -----------------------------------------------------------------


def test_ekonomi_page_stays_small_with_many_partnerships(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(OPENDATA, registry)
    template = (OPENDATA / "partnerships" / "exempelpartnerskapet.yml").read_text(encoding="utf-8")
    count = 60
    for n in range(count):
        body = template.replace("Exempelpartnerskapet", f"Exempelpartnerskap {n:03d}").replace("amount: 400000", f"amount: {400000 + n * 1000}")
        (registry / "partnerships" / f"exempel-{n:03d}.yml").write_text(body, encoding="utf-8")
    site = build_registry(tmp_path / "many", registry, epoch=EPOCH_2025_06_15)
    html = site.page("ekonomi/")
    assert len(html.encode("utf-8")) < 1_000_000
    page = soup(html)
    rows = [tr["data-series"] for tr in page.select('table[data-chart="per-partnerskap"] tbody tr')]
    # 61 partnerships and a grant: the nine largest, then one row for the other 53.
    assert len(rows) == economy.SERIES_LIMIT == 10 and rows[-1] == "Övriga (53 st.)"
    assert rows[0] == f"Exempelpartnerskap {count - 1:03d}"
    table = page.select_one('table[data-chart="per-partnerskap"]')
    total = int(table.select("tfoot td")[0]["data-total"])
    assert total == 520_000 + sum(400_000 + n * 1000 + 120_000 for n in range(count)) + 50_000
    drawn = sum(int(s["data-value"]) for s in segments(svgs(html)["per-partnerskap"]) if s["data-row"] == "2025")
    assert drawn == total
    assert len(page.select('figure[data-chart^="budget-"]')) == economy.BUDGET_LIMIT == 5
    assert "Övriga 56 har sin budget på sin egen sida" in text(page)
    assert len(page.select('table[data-chart="tidslinje"] tbody tr')) == economy.TIMELINE_LIMIT == 25
