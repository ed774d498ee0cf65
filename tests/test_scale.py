"""Scale: a synthetic registry of 2,000 records from benchmarks/generate.py.

The benchmark (benchmarks/run.py) measures time and memory at 1,000 and 10,000 records; these
tests check, in seconds, the properties that make those figures possible: the generated
registry is valid, lookups that replaced scans over every record give the same answers,
pages don't grow with the registry, and a first search stays far below 300 KB.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from iop_registry import registry as registry_module
from iop_registry.derive import Derived, course_sort_key
from iop_registry.diagnostics import Report
from iop_registry.model import RECORD_TYPES
from iop_registry.render import economy, pages
from iop_registry.render.environment import Renderer
from iop_registry.render.search.documents import documents
from iop_registry.render.search.index import RESULTS_PER_PAGE, index_files, shard_file
from iop_registry.validate import validate_path

from conftest import ROOT, shipped_publisher
from support.generator import benchmark_generator
from support.search_lookup import SearchIndex, read_script

RECORDS = 2_000
SCALE = 10_000 / RECORDS
PAGE_LIMIT = 1_000_000
FIRST_QUERY_LIMIT = 300_000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Renderer, Report, str]:
    root = tmp_path_factory.mktemp("scale") / "registry"
    generated = benchmark_generator().generate(root, RECORDS)
    report = Report(root)
    registry = validate_path(root, report)
    return Renderer(Derived.build(registry, dt.date(2023, 6, 15)), shipped_publisher()), report, generated.search_term


def test_synthetic_registry_is_valid(synthetic: tuple[Renderer, Report, str]) -> None:
    renderer, report, _ = synthetic
    assert [d.as_text() for d in report.errors + report.warnings] == []
    assert len(renderer.registry) == pytest.approx(RECORDS, abs=5)
    assert all(len(renderer.registry.of_kind(kind)) > 0 for kind in ("partnership", "course", "organisation", "decision", "grant"))


def test_record_links_give_what_a_scan_over_every_record_gives(synthetic: tuple[Renderer, Report, str]) -> None:
    renderer, _, _ = synthetic
    registry, derived = renderer.registry, renderer.derived
    links = derived.record_links
    grants, courses = list(registry.grants.values()), list(registry.courses.values())
    for view in derived.partnerships:
        assert view.grants == sorted((g for g in grants if g.record.partnership == view.id), key=lambda g: (g.record.year, g.id))
        assert view.courses == sorted((c for c in courses if c.record.partnership == view.id), key=course_sort_key)
    for decision in registry.decisions:
        assert links.grants_by_decision.get(decision, []) == [g for g in grants if g.record.decision == decision]
        assert links.partnerships_by_decision.get(decision, []) == [p for p in registry.partnerships.values() if decision in p.record.decisions]
    for organisation in registry.organisations:
        assert links.grants_by_recipient.get(organisation, []) == [g for g in grants if g.record.recipient == organisation]
        assert links.grants_by_funder.get(organisation, []) == [g for g in grants if g.record.funder == organisation]
        assert links.organisations_by_parent.get(organisation, []) == [o for o in registry.organisations.values() if o.record.parent == organisation]
    assert any(view.grants for view in derived.partnerships) and any(view.courses for view in derived.partnerships)


def test_record_pages_and_lists_stay_small_as_the_registry_grows(synthetic: tuple[Renderer, Report, str]) -> None:
    """A page that grows with the registry at most linearly stays under 1 MB at 10,000 records
    if it is under 1 MB / 5 at 2,000 (the theme adds about 30 KB, counted here too)."""
    renderer, _, _ = synthetic
    produced = pages.outputs(renderer).pages
    largest = max(produced, key=lambda p: len(p.body.encode()))
    assert (len(largest.body.encode()) + 30_000) * SCALE < PAGE_LIMIT, largest.path


def test_ekonomi_stays_light_at_any_size(synthetic: tuple[Renderer, Report, str]) -> None:
    """Ekonomi shows a bounded number of rows, budgets and agreements, so its size stops
    growing well before 2,000 records: under 300 KB with the theme's share (about 250 KB
    here: the generated budgets span sixteen years and many lines, far more than real ones)."""
    renderer, _, _ = synthetic
    body = economy.economy_page(renderer).body
    assert len(body.encode()) + 30_000 < 300_000


def test_first_search_downloads_far_less_than_300_kb(synthetic: tuple[Renderer, Report, str]) -> None:
    renderer, _, term = synthetic
    files = index_files(documents(renderer))
    script = len((ROOT / "plugins" / "iop_registry" / "assets" / "iop-search.js").read_bytes())
    assert max(len(content) for content in files.values()) < 32_000
    for query in (term, "förening", "barn", "kurs", "stöd i"):
        index = SearchIndex(files)
        results = index.query(query)
        assert results or query != term, query
        downloaded = script + sum(len(files[path]) for path in index.loaded)
        # What a query loads doesn't grow with the registry: shards are split to stay small,
        # and one summary file at most per result shown.
        summaries = [path for path in index.loaded if "/d/" in path]
        assert len(summaries) <= len(results) <= RESULTS_PER_PAGE
        assert downloaded < FIRST_QUERY_LIMIT / 2, (query, downloaded)


def test_index_finds_a_record_by_any_word_of_its_title(synthetic: tuple[Renderer, Report, str]) -> None:
    renderer, _, _ = synthetic
    files = index_files(documents(renderer))
    for view in renderer.derived.partnerships[:: max(1, len(renderer.derived.partnerships) // 25)]:
        paths = [r.path for r in SearchIndex(files).query(view.record.title, limit=10_000)]
        assert f"partnerskap/{view.id}/" in paths, view.record.title


def test_stems_cover_the_words_in_the_index(synthetic: tuple[Renderer, Report, str]) -> None:
    """Every index term is reachable: its shard is in the manifest."""
    renderer, _, _ = synthetic
    files = index_files(documents(renderer))
    index = SearchIndex(files)
    keys = index.manifest["shards"]
    for path, content in files.items():
        if "/t/" in path:
            name, shard = read_script(content)
            key = name.removeprefix("t/")
            assert key in keys and Path(path).stem == shard_file(key)
            assert all(term.startswith(key) for term in shard)



def test_loading_in_several_processes_gives_the_same_registry_and_problems(
    synthetic: tuple[Renderer, Report, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer, _, _ = synthetic
    root = tmp_path / "registry"
    shutil.copytree(renderer.registry.root, root)
    # Problems of every stage: YAML syntax, a duplicated id, a bad file name, a bad value,
    # and one found only by the cross-record checks (its line is read again from the file).
    (root / "partnerships" / "trasig.yml").write_text("title: [\n", encoding="utf-8")
    shutil.copy(root / "organisations" / "kommunen.yml", root / "organisations" / "kommunen.yaml")
    (root / "decisions" / "Fel_Namn.yml").write_text("title: x\n", encoding="utf-8")
    (root / "organisations" / "utan-typ.yml").write_text("name: Utan typ\nkind: klubb\n", encoding="utf-8")
    (root / "organisations" / "fel-foralder.yml").write_text("name: Fel förälder\nkind: board\nparent: finns-inte\n", encoding="utf-8")

    def load(parallel_from: int) -> tuple[Any, list[Any]]:
        monkeypatch.setattr(registry_module, "PARALLEL_FROM", parallel_from)
        report = Report(tmp_path)
        loaded = validate_path(root, report)
        records = {kind: {k: (e.record, e.file) for k, e in loaded.of_kind(kind).items()} for kind in RECORD_TYPES}
        return (records, loaded.unparsed), report.items

    pools: list[int] = []
    real_pool = registry_module.ProcessPoolExecutor

    def counting_pool(*args: Any, **kwargs: Any) -> Any:
        pools.append(kwargs.get("max_workers", 0))
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(registry_module, "ProcessPoolExecutor", counting_pool)
    monkeypatch.setattr(registry_module.threading, "active_count", lambda: 1)  # as in `mkdocs build`
    monkeypatch.setattr(registry_module.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    sequential = load(10**9)
    assert pools == []
    parallel = load(1)
    assert pools == [1]
    assert parallel == sequential
    by_code = {d.code: d for d in sequential[1]}
    assert {"yaml-syntax", "duplicate-id", "bad-id", "bad-choice", "unknown-reference"} <= set(by_code), set(by_code)
    # The reference check's problem points at the line of `parent:`, read again from the file.
    assert (by_code["unknown-reference"].file, by_code["unknown-reference"].line) == ("registry/organisations/fel-foralder.yml", 3)
