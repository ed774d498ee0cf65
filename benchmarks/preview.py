"""How long an editor waits in `mkdocs serve` after saving one record, with and without the
preview's cache (plugins/iop_registry/preview.py), at N cloned records.

    .venv/bin/python benchmarks/preview.py              # N = 1000, three saves each way
    .venv/bin/python benchmarks/preview.py --n 200 --saves 2 --check

The shipped registry with its partnerships cloned to N (benchmarks/clone.py) goes into a
temporary folder with this project's mkdocs.yml and site_src/. The builds run the way
`mkdocs serve` runs them: one process, the plugin started with command "serve" and kept across
rebuilds, each rebuild loading mkdocs.yml again and building with the serve address. After
the first build, each save changes one partnership's summary (a different one each time),
and the rebuild is timed wall-clock and CPU (on a shared machine the CPU time is the steadier
figure). "clean" runs the same rebuilds with the plugin's cache taken away, which is what every
rebuild cost before the cache. With --check, the cached series' site after the last save is
compared file by file with a fresh process's build of the same files (it must be identical).
"""

from __future__ import annotations

import argparse
import filecmp
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from clone import clone  # noqa: E402

EPOCH = "1686823200"  # 15 June 2023, as in the tests
SERVE_URL = "http://127.0.0.1:8000/"


def make_project(folder: Path, n: int) -> Path:
    project = folder / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    subprocess.run(["cp", "-r", str(ROOT / "site_src"), str(project / "site_src")], check=True)
    clone(project / "registry", n)
    return project


def save(project: Path, number: int) -> str:
    """Change one cloned partnership's summary, as an editor would; returns its page."""
    files = sorted((project / "registry" / "partnerships").glob("*-0*.yml"))
    record = files[(number * 7919) % len(files)]
    text = record.read_text(encoding="utf-8")
    marker = "summary: "
    if marker in text:
        text = text.replace(marker, f"{marker}Ändrad {number}, ", 1)
    else:
        text += f"\nsummary: Ändrad {number}\n"
    record.write_text(text, encoding="utf-8")
    return f"partnerskap/{record.stem}/"


def serve_builds(project: Path, site: Path, saves: int, *, cached: bool) -> list[tuple[float, float, str]]:
    """The first build, then one rebuild per save, as `mkdocs serve` makes them; returns
    (wall, cpu, page) of each rebuild."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def config():  # type: ignore[no-untyped-def]
        loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        loaded.site_url = SERVE_URL
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = first.plugins["iop-registry"]
    if not cached:
        plugin.preview = None  # every rebuild starts from nothing, as before the cache
    build(first, serve_url=SERVE_URL)
    timings = []
    for number in range(1, saves + 1):
        page = save(project, number)
        wall, cpu = time.perf_counter(), time.process_time()
        build(config(), serve_url=SERVE_URL)
        timings.append((time.perf_counter() - wall, time.process_time() - cpu, page))
    return timings


def differences(one: Path, other: Path) -> list[str]:
    """Files that differ or exist on one side only, as paths relative to the sites."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only + compared.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(one, other), "")
    return sorted(found)


def run_series(args: argparse.Namespace) -> None:
    """One series in this process (called in a child, so each series starts fresh)."""
    logging.basicConfig(level=logging.WARNING)
    project, site = Path(args.project), Path(args.site)
    for wall, cpu, page in serve_builds(project, site, args.saves, cached=args.series == "cached"):
        print(f"{wall:.3f} {cpu:.3f} {page}", flush=True)


def child(series: str, project: Path, site: Path, saves: int) -> list[tuple[float, float, str]]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, __file__, "--series", series, "--project", str(project), "--site", str(site), "--saves", str(saves)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    rows = []
    for line in result.stdout.splitlines():
        wall, cpu, page = line.split()
        rows.append((float(wall), float(cpu), page))
    return rows


def fresh_build(project: Path, site: Path) -> None:
    """What a clean start of `mkdocs serve` on the same files writes: one serve build."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, __file__, "--series", "clean", "--project", str(project), "--site", str(site), "--saves", "0"]
    subprocess.run(command, capture_output=True, text=True, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="partnership records (cloned)")
    parser.add_argument("--saves", type=int, default=3, help="rebuilds timed in each series")
    parser.add_argument("--check", action="store_true", help="compare the cached site with a fresh build")
    parser.add_argument("--work", type=Path, help="keep the projects and sites in this new folder")
    parser.add_argument("--series", choices=["clean", "cached"], help=argparse.SUPPRESS)
    parser.add_argument("--project", help=argparse.SUPPRESS)
    parser.add_argument("--site", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.series:
        run_series(args)
        return
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    with tempfile.TemporaryDirectory(prefix="iop-preview-") as temporary:
        folder = args.work or Path(temporary)
        results = {}
        for series in ("clean", "cached"):
            # Each series on its own copy, so both see the same saves on the same files.
            work = Path(folder) / series
            work.mkdir(parents=True)
            project = make_project(work, args.n)
            results[series] = child(series, project, work / "site", args.saves)
            if series == "cached" and args.check:
                fresh_build(project, work / "fresh")
                different = differences(work / "site", work / "fresh")
                print(f"cached site after {args.saves} saves vs a fresh build: {'identical' if not different else different[:20]}")
    print(f"rebuild after one save, {args.n} partnerships (wall s / CPU s):")
    for series, rows in results.items():
        figures = ", ".join(f"{wall:.2f}/{cpu:.2f}" for wall, cpu, _ in rows)
        best = min(wall for wall, _, _ in rows)
        print(f"  {series:6} {figures}   fastest {best:.2f} s")
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
