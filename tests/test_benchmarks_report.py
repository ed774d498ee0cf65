"""BENCHMARKS.md's results are the benchmark run's own figures, never typed by hand: the section
between its markers is what benchmarks/report.py writes from benchmarks/results.json."""

from __future__ import annotations

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from report import BEGIN, BENCHMARKS, END, replaced, results

FIGURES = ROOT / "benchmarks" / "results.json"


def test_the_results_in_benchmarks_md_are_written_from_the_runs_figures() -> None:
    figures = json.loads(FIGURES.read_text(encoding="utf-8"))
    document = BENCHMARKS.read_text(encoding="utf-8")
    assert document.count(BEGIN) == 1 and document.count(END) == 1
    assert replaced(document, figures) == document
    # One run at 1,000 and 10,000 records, against Material at both, on a machine it names.
    assert [row["records"] for row in figures["rows"]] == [1000, 10000]
    assert all(row["reference"] for row in figures["rows"])
    for key in ("cores", "cpu", "load average (1, 5, 15 min) before", "load average (1, 5, 15 min) after", "uptime after"):
        assert figures["machine"][key]
    section = results(figures)
    assert "| 10,000 | ours |" in section and "| 10,000 | Material |" in section
