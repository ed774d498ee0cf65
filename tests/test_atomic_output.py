"""The site folder changes all at once: a killed, failed or --strict-stopped build leaves the
previous site byte-identical."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

from conftest import EPOCH_2023_06_15, MKDOCS, SHIPPED_REGISTRY, build, make_project


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def test_killed_build_leaves_the_previous_site_byte_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path, SHIPPED_REGISTRY)
    first = build(project)
    assert first.returncode == 0, first.output
    before = snapshot(first.site)
    # A larger second build, so that it is still writing when it is killed.
    for number in range(300):
        (project / f"registry/organisations/forening-{number:03d}.yml").write_text(f"name: Förening {number}\nkind: association\n", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH_2023_06_15), "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [*MKDOCS, "build", "-f", str(project / "mkdocs.yml"), "-d", str(first.site)],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    staging = first.site.with_name(".site.bygge")
    deadline = time.monotonic() + 300
    # Kill it once it has written its first pages.
    while time.monotonic() < deadline and process.poll() is None:
        if staging.is_dir() and sum(1 for p in staging.rglob("*.html")) >= 5:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert snapshot(first.site) == before
    # The next build clears what the killed one left and replaces the site whole.
    again = build(project)
    assert again.returncode == 0, again.output
    assert "organisationer/forening-299/index.html" in snapshot(again.site)
    assert not staging.exists()


def test_strict_build_stopped_by_a_warning_leaves_the_previous_site_byte_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path, SHIPPED_REGISTRY)
    first = build(project)
    assert first.returncode == 0, first.output
    before = snapshot(first.site)
    # A hand-written page with a link to a page that does not exist: a warning, so --strict stops.
    (project / "site_src/trasig.md").write_text("# Trasig\n\n[Saknas](finns-inte.md)\n", encoding="utf-8")
    failed = build(project, strict=True)
    assert failed.returncode != 0
    assert "strict mode" in failed.output
    assert snapshot(first.site) == before
    assert not first.site.with_name(".site.bygge").exists()


def test_build_with_registry_errors_leaves_the_previous_site_byte_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path, SHIPPED_REGISTRY)
    first = build(project)
    assert first.returncode == 0, first.output
    before = snapshot(first.site)
    (project / "registry/organisations/trasig.yml").write_text("name: [\n", encoding="utf-8")
    failed = build(project)
    assert failed.returncode != 0
    assert snapshot(first.site) == before
