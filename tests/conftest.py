"""Shared helpers: build a real site from a registry into tmp_path and read it back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from iop_registry.diagnostics import Report
from iop_registry.model.publisher import Publisher
from iop_registry.settings import read_publisher

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHIPPED_REGISTRY = ROOT / "registry"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# ProperDocs, the continuation of MkDocs 1.x: the same command line, run as its own program.
PROPERDOCS = [sys.executable, "-m", "properdocs"]

# 2023-06-15 12:00 in Malmö: Mammakraft's agreement period is running.
EPOCH_2023_06_15 = 1686823200


def shipped_publisher() -> Publisher:
    """The publisher in the shipped mkdocs.yml, for tests that call renderers directly."""
    report = Report(ROOT)
    publisher = read_publisher(ROOT / "mkdocs.yml", report)
    assert publisher is not None, report.items
    return publisher


@dataclass
class BuiltSite:
    project: Path
    site: Path
    returncode: int
    output: str

    def read(self, relative: str) -> str:
        return (self.site / relative).read_text(encoding="utf-8")

    def page(self, url_path: str) -> str:
        """The HTML of a page by its URL path, e.g. 'partnerskap/mammakraft/'."""
        return self.read(url_path.strip("/") + "/index.html" if url_path.strip("/") else "index.html")


def make_project(tmp_path: Path, registry: Path, *, mkdocs_yml: Path | None = None) -> Path:
    """A copy of the real site project (config and hand-written pages) around `registry`."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    shutil.copy(mkdocs_yml or ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", project / "site_src")
    shutil.copytree(registry, project / "registry")
    return project


def build(
    project: Path, *, epoch: int | None = EPOCH_2023_06_15, strict: bool = True, site_dir: Path | None = None, engine: list[str] = MKDOCS
) -> BuiltSite:
    site = site_dir or project / "site"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    # No -q: MkDocs drops warnings it does not print, and --strict would never see them.
    cmd = [*engine, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    if strict:
        cmd.append("--strict")
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project)
    return BuiltSite(project, site, result.returncode, result.stdout + result.stderr)


def build_registry(tmp_path: Path, registry: Path, **kwargs: object) -> BuiltSite:
    site = build(make_project(tmp_path, registry), **kwargs)  # type: ignore[arg-type]
    assert site.returncode == 0, site.output
    return site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped registry built once with today fixed to 15 June 2023."""
    return build_registry(tmp_path_factory.mktemp("shipped"), SHIPPED_REGISTRY)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Under CI=true nothing may be skipped: a skip there means a check silently did not run."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must run every test: {report.longrepr}"
