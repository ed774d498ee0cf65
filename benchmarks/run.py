"""Measure validation, build, memory, output and search at N = 1,000 and 10,000 records.

    .venv/bin/python benchmarks/run.py                 # N = 1000 and 10000 (about 10 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --sizes 1000    # a quick run

For each N it writes a synthetic registry (benchmarks/generate.py) into a temporary folder,
never into registry/, and measures in fresh processes:

- validation: `iop_registry.validate.validate_path`, timed inside the process (imports excluded),
- our build: `mkdocs build` of this project's mkdocs.yml and site_src/ around that registry,
- the reference: stock Material building the same records written as Markdown pages out of
  the navigation (benchmarks/reference.py),

with SOURCE_DATE_EPOCH fixed. Build time is wall-clock, with the CPU time beside it (on a
shared machine the CPU time is the steadier figure); with --repeat R each build runs R
times, ours and the reference taking turns, and the fastest run counts (the one least
disturbed by other work). Peak RSS is the build process's own (os.wait4). "First query" is what a browser downloads to answer one search: for our site
the search script and the index files the query needs, for the reference Material's
search_index.json with its search worker and Swedish stemmer. The largest page must stay
under 1 MB. It prints a Markdown table (pasted into BENCHMARKS.md) and the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))  # support/: the search lookup as the browser does it

# Imported after the paths above are set, so the benchmark runs from a plain checkout.
from iop_registry.render.search.index import HEADER_RESULTS, RESULTS_PER_PAGE  # noqa: E402

from generate import clone_shipped, generate  # noqa: E402
from reference import write_reference  # noqa: E402
from support.search_lookup import read_index  # noqa: E402

EPOCH = "1686823200"  # 15 June 2023, as in the tests
PAGE_LIMIT = 1_000_000
# Common words for the worst case of a first query (many matches, large shards).
COMMON_QUERIES = ("förening", "barn", "stöd", "kurs")

# CPU time counts the processes that parse a share of a large registry, too.
VALIDATE = """
import sys, time, json, resource
from pathlib import Path
from iop_registry.diagnostics import Report
from iop_registry.validate import validate_path
root = Path(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
report = Report(root)
registry = validate_path(root, report)
wall = time.perf_counter() - wall
children = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = time.process_time() - cpu + children.ru_utime + children.ru_stime
print(json.dumps({"wall": wall, "cpu": cpu, "records": len(registry), "errors": len(report.errors)}))
"""


@dataclass
class Build:
    wall: float
    cpu: float
    peak_rss_mb: float
    output_mb: float
    files: int
    pages: int
    largest_page_kb: float
    largest_page: str
    query_kb: float
    query: str
    common_query_kb: float = 0.0
    # The same in the header's box on every page, which shows HEADER_RESULTS results.
    header_query_kb: float = 0.0
    header_common_query_kb: float = 0.0


@dataclass
class Row:
    n: int
    records: int
    counts: dict[str, int]
    validate_wall: float
    validate_cpu: float
    yaml_mb: float
    ours: Build
    reference: Build | None
    notes: list[str] = field(default_factory=list)


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH")}
    env.update(SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "plugins"))
    return env


def timed_build(project: Path, site: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one `mkdocs build` process."""
    if site.exists():
        shutil.rmtree(site)  # every build starts from an empty folder, as in CI
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=project, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{output.decode(errors='replace')[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def site_stats(site: Path) -> tuple[float, int, int, float, str]:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    largest = max(html, key=lambda p: p.stat().st_size)
    size = sum(p.stat().st_size for p in files)
    return size / 1e6, len(files), len(html), largest.stat().st_size / 1e3, str(largest.relative_to(site))


def material_search_kb(site: Path) -> float:
    """search_index.json plus the worker and the Swedish lunr files the worker loads."""
    scripts = site / "assets" / "javascripts"
    parts = [site / "search" / "search_index.json", *scripts.glob("workers/search.*.min.js"),
             scripts / "lunr" / "min" / "lunr.stemmer.support.min.js", scripts / "lunr" / "min" / "lunr.sv.min.js"]
    return sum(p.stat().st_size for p in parts if p.exists()) / 1e3


def our_query_kb(site: Path, query: str, *, must_find: bool = True, limit: int = RESULTS_PER_PAGE) -> float:
    """What a first search downloads: the script and the index files the query reads, for
    the first `limit` results (HEADER_RESULTS in the header's box, RESULTS_PER_PAGE on sok/)."""
    files = [(str(p.relative_to(site)), p.read_bytes()) for p in (site / "search").rglob("*.js")]
    index = read_index(files)
    results = index.query(query, limit=limit)
    if must_find and not results:
        raise SystemExit(f"the search found nothing for {query!r}")
    loaded = sum(len(index.files[path]) for path in index.loaded)
    return (loaded + (site / "assets" / "iop-search.js").stat().st_size) / 1e3


def fastest(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)


def measure(n: int, work: Path, with_reference: bool, repeat: int = 1, cloned: bool = False) -> Row:
    project = work / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", project / "site_src")
    generated = clone_shipped(project / "registry", n, ROOT / "registry") if cloned else generate(project / "registry", n)
    records = sum(generated.counts.values())
    yaml_mb = sum(file.stat().st_size for file in (project / "registry").rglob("*.yml")) / 1e6
    print(f"N={n}: {records} records {generated.counts}, {yaml_mb:.0f} MB of YAML", file=sys.stderr)

    validations = []
    for _ in range(repeat):
        result = subprocess.run([sys.executable, "-c", VALIDATE, str(project / "registry")], env=environment(), capture_output=True, text=True, check=True)
        validations.append(json.loads(result.stdout))
    validation = min(validations, key=lambda v: v["wall"])
    if validation["errors"]:
        raise SystemExit(f"the synthetic registry has {validation['errors']} errors")
    print(f"  validate {validation['wall']:.2f} s (CPU {validation['cpu']:.2f} s), {yaml_mb / validation['wall']:.1f} MB/s", file=sys.stderr)

    site, ref_project, ref_site = work / "site", work / "reference", work / "reference-site"
    if with_reference:
        write_reference(project / "registry", ref_project)
    ours_runs, ref_runs = [], []
    for _ in range(repeat):
        ours_runs.append(timed_build(project, site))
        print(f"  ours {ours_runs[-1][0]:.1f} s (CPU {ours_runs[-1][1]:.1f} s, {ours_runs[-1][2]:.0f} MB)", file=sys.stderr)
        if with_reference:
            ref_runs.append(timed_build(ref_project, ref_site))
            print(f"  reference {ref_runs[-1][0]:.1f} s (CPU {ref_runs[-1][1]:.1f} s, {ref_runs[-1][2]:.0f} MB)", file=sys.stderr)
    wall, cpu, rss = fastest(ours_runs)
    size, files, pages, largest_kb, largest = site_stats(site)
    ours = Build(wall, cpu, rss, size, files, pages, largest_kb, largest, our_query_kb(site, generated.search_term), generated.search_term)
    ours.common_query_kb = max(our_query_kb(site, q, must_find=False) for q in COMMON_QUERIES)
    ours.header_query_kb = our_query_kb(site, generated.search_term, limit=HEADER_RESULTS)
    ours.header_common_query_kb = max(our_query_kb(site, q, must_find=False, limit=HEADER_RESULTS) for q in COMMON_QUERIES)

    reference = None
    if with_reference:
        wall, cpu, rss = fastest(ref_runs)
        size, files, pages, largest_kb, largest = site_stats(ref_site)
        search_kb = material_search_kb(ref_site)
        reference = Build(wall, cpu, rss, size, files, pages, largest_kb, largest, search_kb, generated.search_term, search_kb)
    return Row(n, records, generated.counts, validation["wall"], validation["cpu"], yaml_mb, ours, reference)


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    import material
    import mkdocs

    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "ram": f"{mem_kb / 1024 / 1024:.0f} GB",
        "python": platform.python_version(),
        "mkdocs": mkdocs.__version__,
        "material": getattr(material, "__version__", "?"),
        "date": dt.date.today().isoformat(),
    }


def table(rows: list[Row]) -> str:
    head = (
        "| N | site | pages | validate s (CPU) | validate MB/s | build s | build CPU s | peak RSS MB | output MB | files | first search KB: header box / sok/ (common word) | largest page KB |\n"
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = []
    for row in rows:
        o = row.ours
        lines.append(
            f"| {row.records:,} | ours | {o.pages:,} | {row.validate_wall:.2f} ({row.validate_cpu:.2f}) | {row.yaml_mb / row.validate_wall:.1f} | {o.wall:.1f} | {o.cpu:.1f} | {o.peak_rss_mb:.0f} | "
            f"{o.output_mb:.0f} | {o.files:,} | {o.header_query_kb:.0f} / {o.query_kb:.0f} (common word: {o.header_common_query_kb:.0f} / {o.common_query_kb:.0f}) | {o.largest_page_kb:.0f} |"
        )
        if row.reference:
            r = row.reference
            lines.append(
                f"| {row.records:,} | Material reference | {r.pages:,} | | | {r.wall:.1f} | {r.cpu:.1f} | {r.peak_rss_mb:.0f} | "
                f"{r.output_mb:.0f} | {r.files:,} | {r.query_kb:,.0f} | {r.largest_page_kb:.0f} |"
            )
    ratios = []
    for row in rows:
        if row.reference:
            ratios.append(
                f"- N = {row.records:,}: build time ours / reference = {row.ours.wall / row.reference.wall:.2f} "
                f"(CPU {row.ours.cpu / row.reference.cpu:.2f}); first query {row.ours.query_kb:.0f} KB vs {row.reference.query_kb:,.0f} KB"
            )
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        ratios.append(
            f"- growth from N = {a.records:,} to {b.records:,} (x{b.records / a.records:.1f}): our build CPU x{b.ours.cpu / a.ours.cpu:.1f}, "
            f"validation CPU x{b.validate_cpu / a.validate_cpu:.1f}"
        )
    return head + "\n".join(lines) + "\n\n" + "\n".join(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-reference", action="store_true", help="skip the Material baseline")
    parser.add_argument("--repeat", type=int, default=1, help="build each site this many times and keep the fastest")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    parser.add_argument("--cloned", action="store_true", help="the shipped partnerships copied to N records instead of the synthetic registry")
    args = parser.parse_args()
    load_before = os.getloadavg()
    uptime_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"iop-bench-{n}-") as work:
            rows.append(measure(n, Path(work), not args.no_reference, args.repeat, args.cloned))
    info = machine()
    load_after = os.getloadavg()
    info["load average (1, 5, 15 min) before"] = ", ".join(f"{x:.2f}" for x in load_before)
    info["load average (1, 5, 15 min) after"] = ", ".join(f"{x:.2f}" for x in load_after)
    info["uptime before"] = uptime_before
    info["uptime after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    info["command"] = "benchmarks/run.py " + " ".join(sys.argv[1:])
    info["builds per site and N"] = f"{args.repeat} (the fastest counts)"
    info["registry"] = "the shipped partnerships cloned" if args.cloned else "synthetic (benchmarks/generate.py)"
    print("\n".join(f"- {k}: {v}" for k, v in info.items()))
    print()
    print(table(rows))
    for row in rows:
        if row.ours.largest_page_kb * 1e3 >= PAGE_LIMIT:
            print(f"\nWARNING: {row.ours.largest_page} is {row.ours.largest_page_kb:.0f} KB, over 1 MB", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "rows": [asdict(r) for r in rows]}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
