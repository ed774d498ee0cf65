"""BENCHMARKS.md's results, written from the figures of one `benchmarks/run.py --json` run.

    .venv/bin/python benchmarks/run.py --cloned --json benchmarks/results.json
    .venv/bin/python benchmarks/report.py benchmarks/results.json   # rewrites the results in BENCHMARKS.md

No figure in the results section is typed by hand: the section between the two markers is
this script's output, and tests/test_benchmarks_report.py checks that it still is.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"
BEGIN = "<!-- results: written by benchmarks/report.py from benchmarks/results.json; do not edit -->"
END = "<!-- end of results -->"

# The targets of issue 18, at the largest N measured.
RATIO_TARGET = 0.4
RSS_TARGET_MB = 1000
PAGE_TARGET_KB = 200
PAGE_LIMIT_KB = 1000
VALIDATION_TARGET_MB_S = 25


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def results(figures: dict[str, Any]) -> str:
    """The Markdown of the results: the machine, one table, and each target against its figure."""
    machine, rows = figures["machine"], figures["rows"]
    lines = [
        (f"Measured {machine['date']} on {machine['cores']} cores ({machine['cpu']}), {machine['ram']} RAM, a machine shared "
        f"with other work; Python {machine['python']}, MkDocs {machine['mkdocs']}, Material {machine['material']}. "
        f"Registry: {machine['registry']}; builds per site and N: {machine['builds per site and N']}."),
        "",
        f"- command: `{machine.get('command', 'benchmarks/run.py')}`",
        f"- load average (1, 5, 15 min) before: {machine['load average (1, 5, 15 min) before']}; after: {machine['load average (1, 5, 15 min) after']}",
        f"- `uptime` before: `{machine['uptime before']}`",
        f"- `uptime` after: `{machine['uptime after']}`",
        "",
        "| records | site | build s | build CPU s | ours / Material (clock; CPU) | peak RSS MB | pages | output MB | largest page KB | validation s (CPU s) | YAML MB | validation MB/s (by CPU time) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for row in rows:
        ours, ref = row["ours"], row["reference"]
        ratio = f"{ours['wall'] / ref['wall']:.2f}; {ours['cpu'] / ref['cpu']:.2f}" if ref else ""
        lines.append(
            f"| {row['records']:,} | ours | {ours['wall']:.1f} | {ours['cpu']:.1f} | {ratio} | {ours['peak_rss_mb']:.0f} | {ours['pages']:,} | "
            f"{ours['output_mb']:.0f} | {ours['largest_page_kb']:.0f} (`{ours['largest_page']}`) | {row['validate_wall']:.2f} ({row['validate_cpu']:.2f}) | "
            f"{row['yaml_mb']:.0f} | {row['yaml_mb'] / row['validate_wall']:.1f} ({row['yaml_mb'] / row['validate_cpu']:.1f}) |"
        )
        if ref:
            lines.append(
                f"| {row['records']:,} | Material | {ref['wall']:.1f} | {ref['cpu']:.1f} | | {ref['peak_rss_mb']:.0f} | {ref['pages']:,} | "
                f"{ref['output_mb']:.0f} | {ref['largest_page_kb']:.0f} | | | |"
            )
    last = rows[-1]
    ours, ref = last["ours"], last["reference"]
    lines += ["", f"Targets (issue 18) at {last['records']:,} records:", ""]
    if ref:
        ratio = ours["wall"] / ref["wall"]
        lines.append(f"- build at most {RATIO_TARGET} of Material's time: {ratio:.2f} by the clock, {ours['cpu'] / ref['cpu']:.2f} by CPU time: {_met(ratio <= RATIO_TARGET)}")
    lines.append(f"- peak RSS under {RSS_TARGET_MB:,} MB: {ours['peak_rss_mb']:.0f} MB: {_met(ours['peak_rss_mb'] < RSS_TARGET_MB)}")
    lines.append(
        f"- no page over {PAGE_LIMIT_KB:,} KB (target {PAGE_TARGET_KB} KB): largest {ours['largest_page_kb']:.0f} KB: "
        f"{_met(ours['largest_page_kb'] <= PAGE_TARGET_KB)}"
    )
    speed = last["yaml_mb"] / last["validate_wall"]
    by_cpu = last["yaml_mb"] / last["validate_cpu"]
    lines.append(
        f"- validation at least {VALIDATION_TARGET_MB_S} MB/s of YAML: {speed:.1f} MB/s by the clock ({by_cpu:.1f} MB/s by CPU time): "
        f"{_met(speed >= VALIDATION_TARGET_MB_S)}"
    )
    return "\n".join(lines)


def replaced(document: str, figures: dict[str, Any]) -> str:
    """`document` with its results section written from `figures`."""
    head, _, rest = document.partition(BEGIN)
    _, found, tail = rest.partition(END)
    if not found:
        raise SystemExit(f"BENCHMARKS.md has no results section between {BEGIN!r} and {END!r}")
    return f"{head}{BEGIN}\n{results(figures)}\n{END}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("figures", type=Path, help="the JSON that benchmarks/run.py --json wrote")
    parser.add_argument("--document", type=Path, default=BENCHMARKS)
    args = parser.parse_args()
    figures = json.loads(args.figures.read_text(encoding="utf-8"))
    args.document.write_text(replaced(args.document.read_text(encoding="utf-8"), figures), encoding="utf-8")


if __name__ == "__main__":
    main()
