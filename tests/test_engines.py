"""Insurance for the engine: ProperDocs (the continuation of MkDocs 1.x) builds the same site.

MkDocs 1.6.1 is the last 1.x release and MkDocs 2 drops the plugin system, so the day the
site has to move, it should move to ProperDocs with nothing changed but the command. Both
engines build the shipped site and one fixture with the same SOURCE_DATE_EPOCH; every page
and data file must exist in both and be byte-identical, except the one line in which each
page names the engine that built it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, MKDOCS, PROPERDOCS, ROOT, SHIPPED_REGISTRY, BuiltSite, build, make_project

PACKAGE = ROOT / "plugins" / "iop_registry"

# Material writes <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-…"> from the
# engine's own version string; it is the one place where the engines may differ.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def build_with_both(tmp_path: Path, registry: Path) -> tuple[BuiltSite, BuiltSite]:
    project = make_project(tmp_path, registry)
    mkdocs = build(project, site_dir=tmp_path / "mkdocs-site", engine=MKDOCS)
    properdocs = build(project, site_dir=tmp_path / "properdocs-site", engine=PROPERDOCS)
    assert mkdocs.returncode == 0, mkdocs.output
    assert properdocs.returncode == 0, properdocs.output
    return mkdocs, properdocs


@pytest.mark.parametrize("registry", [SHIPPED_REGISTRY, FIXTURES / "full"], ids=["shipped", "full"])
def test_properdocs_builds_the_same_pages_and_data_files_as_mkdocs(tmp_path: Path, registry: Path) -> None:
    mkdocs, properdocs = build_with_both(tmp_path, registry)
    by_mkdocs, by_properdocs = files_of(mkdocs.site), files_of(properdocs.site)

    assert sorted(by_properdocs) == sorted(by_mkdocs)
    # Every kind of output is in the comparison: pages, data files, feeds, calendars, search.
    assert {"index.html", "sitemap.xml", "sitemap.xml.gz", "andringar.atom", "data/registret.json", "data/partnerskap.csv"} <= set(by_mkdocs)
    assert any(name.startswith("kalender/") for name in by_mkdocs)
    assert any(name.startswith("search/") for name in by_mkdocs)

    pages = [name for name in by_mkdocs if name.endswith(".html")]
    assert len(pages) > 10
    for name in pages:
        assert b'content="mkdocs-1.6' in by_mkdocs[name], name
        assert b'content="mkdocs-ProperDocs 1.6' in by_properdocs[name], name
    different = [
        name for name in by_mkdocs if GENERATOR.sub(b"", by_mkdocs[name]) != GENERATOR.sub(b"", by_properdocs[name])
    ]
    assert different == []


def test_only_the_adapter_imports_mkdocs() -> None:
    """A move to another engine changes plugin.py and nothing else."""
    importing = re.compile(r"^\s*(?:from|import)\s+mkdocs\b", re.MULTILINE)
    modules = [path.relative_to(PACKAGE).as_posix() for path in sorted(PACKAGE.rglob("*.py")) if importing.search(path.read_text(encoding="utf-8"))]
    assert modules == ["plugin.py"]
