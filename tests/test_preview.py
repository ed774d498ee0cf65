"""Fast previews under a real `mkdocs serve`: after each save the served pages are exactly
what a fresh start of the server gives, though most record pages were kept from the build
before; a save with an error shows the Swedish message, and the next good save recovers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import EPOCH_2023_06_15, make_project
from support.one_organisation import DECISION, grant_id, partnership_id, write_registry
from support.serving import fetch, free_port, serving, wait_for

# The server adds its live-reload script to every page, with the moment it was started.
LIVE_RELOAD = re.compile(r"<script>\s*var livereload.*?</script>|<script>[^<]*livereload\([^<]*</script>", re.S)
DATA_FILES = ["data/registret.json", "andringar.atom", "sitemap.xml"]


def served_site(url: str) -> dict[str, str]:
    """Every page in the sitemap and the main data files, as the server sends them."""
    sitemap = ET.fromstring(fetch(url + "sitemap.xml"))
    pages = [loc.text or "" for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(pages) > 20, pages
    paths = [page.removeprefix(url) for page in pages] + DATA_FILES
    return {path: LIVE_RELOAD.sub("", fetch(url + path)) for path in paths}


def record(project: Path, folder: str, record_id: str) -> Path:
    return project / "registry" / folder / f"{record_id}.yml"


def test_serve_rebuilds_only_what_changed_and_serves_what_a_fresh_start_would(tmp_path: Path) -> None:
    registry = write_registry(tmp_path / "registry", partnerships=12, grants=3)
    project = make_project(tmp_path / "served", registry)
    port = free_port()
    log = tmp_path / "serve.log"
    edited = record(project, "partnerships", partnership_id(5))
    grant = record(project, "grants", grant_id(2))
    page = f"partnerskap/{partnership_id(5)}/"
    original = edited.read_text(encoding="utf-8")
    assert "title: Partnerskap nummer 5\n" in original

    with serving(project, port, log) as url:
        assert "Partnerskap nummer 5" in wait_for(url + page, lambda text: "Partnerskap nummer 5" in text)

        edited.write_text(original.replace("title: Partnerskap nummer 5", "title: Läxhjälp på lördagar"), encoding="utf-8")
        wait_for(url + page, lambda text: "Läxhjälp på lördagar" in text)

        # A value of the wrong kind: every page shows the error, in Swedish, with its place.
        edited.write_text(original.replace("  start: ", "  start: första maj ", 1), encoding="utf-8")
        broken = wait_for(url + page, lambda text: "iop-diagnostics" in text)
        assert "Registret innehåller fel" in broken
        assert f"registry/partnerships/{partnership_id(5)}.yml:" in broken

        edited.write_text(original.replace("title: Partnerskap nummer 5", "title: Läxhjälp på söndagar"), encoding="utf-8")
        recovered = wait_for(url + page, lambda text: "Läxhjälp på söndagar" in text and "iop-diagnostics" not in text)
        assert "Läxhjälp på lördagar" not in recovered
        # The pages that show the agreement show its new title too.
        for shows_it in ["partnerskap/", "organisationer/stora-foreningen/", "organisationer/namnden/", f"beslut/{DECISION}/"]:
            assert "Läxhjälp på söndagar" in fetch(url + shows_it), shows_it

        # One more save, now that the build before had no errors: most record pages are kept.
        grant.write_text(grant.read_text(encoding="utf-8").replace("activity: Verksamhet 2", "activity: Sommarkollo"), encoding="utf-8")
        wait_for(url + f"beslut/{DECISION}/", lambda text: "Sommarkollo" in text)
        wait_for(url + f"bidrag/{grant_id(2)}/", lambda text: "Sommarkollo" in text)
        previewed = served_site(url)

    kept = [int(found) for found in re.findall(r"iop-registry: (\d+) postsidor som förra bygget", log.read_text(encoding="utf-8"))]
    # The agreement's own save kept the eleven other agreements' pages; so did the grant's.
    assert kept and kept[-1] >= 10, log.read_text(encoding="utf-8")[-3000:]

    # A fresh server on the same files and the same address (pages name it) serves the same bytes.
    with serving(project, port) as url:
        wait_for(url + page, lambda text: "Läxhjälp på söndagar" in text)
        fresh = served_site(url)
    assert fresh.keys() == previewed.keys()
    different = [path for path in fresh if fresh[path] != previewed[path]]
    assert not different, different


def test_kept_compiled_templates_are_compiled_again_when_the_template_changes() -> None:
    from jinja2 import DictLoader, Environment

    from iop_registry.render.environment import CompiledTemplates

    compiled = CompiledTemplates()
    first = Environment(loader=DictLoader({"sida.html": "Förr: {{ x }}"}), bytecode_cache=compiled)
    assert first.get_template("sida.html").render(x=1) == "Förr: 1"
    # The next rebuild's environment, after the editor changed the template.
    second = Environment(loader=DictLoader({"sida.html": "Nu: {{ x }}"}), bytecode_cache=compiled)
    assert second.get_template("sida.html").render(x=2) == "Nu: 2"
    third = Environment(loader=DictLoader({"sida.html": "Nu: {{ x }}"}), bytecode_cache=compiled)
    assert third.get_template("sida.html").render(x=3) == "Nu: 3"


# Run as a module, so that tests/support/ is not first on the driver's path.
DRIVER = ["-m", "support.serve_driver"]
ADDRESS = "http://127.0.0.1:8000/"


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_each_kind_of_save_gives_the_site_a_fresh_build_gives(tmp_path: Path) -> None:
    """Saves whose effects travel: a decision that is no longer decided changes its agreements'
    status, shown on their organisations' pages; a grant moved to another agreement; an
    agreement that now follows another; a record deleted and one added."""
    project = make_project(tmp_path / "served", write_registry(tmp_path / "registry", partnerships=8, grants=3))
    registry = project / "registry"
    tests = str(Path(__file__).parent)
    path = os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), tests]))
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH_2023_06_15), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}

    def edit(relative: str, old: str, new: str) -> None:
        path = registry / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    saves = [
        lambda: edit(f"decisions/{DECISION}.yml", "status: decided\ndecided_on: 2022-12-15\n", "status: proposed\n"),
        lambda: edit(f"grants/{grant_id(1)}.yml", f"partnership: {partnership_id(0)}", f"partnership: {partnership_id(3)}"),
        lambda: edit(f"partnerships/{partnership_id(4)}.yml", "holds_courses: true\n", f"holds_courses: true\nfollows: {partnership_id(2)}\n"),
        lambda: (registry / "partnerships" / f"{partnership_id(6)}.yml").rename(registry / "partnerships" / "nytt-partnerskap.yml"),
    ]
    served = subprocess.Popen(
        [sys.executable, *DRIVER, str(project), str(tmp_path / "site"), ADDRESS],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=project,
    )
    assert served.stdin is not None and served.stdout is not None
    try:
        assert served.stdout.readline().strip() == "built"
        for number, save in enumerate(saves):
            save()
            served.stdin.write("save\n")
            served.stdin.flush()
            assert served.stdout.readline().strip() == "built", f"save {number}"
            fresh = tmp_path / f"fresh-{number}"
            subprocess.run([sys.executable, *DRIVER, str(project), str(fresh), ADDRESS], env=env, cwd=project, check=True, stdin=subprocess.DEVNULL, capture_output=True)
            previewed, expected = site_files(tmp_path / "site"), site_files(fresh)
            assert previewed.keys() == expected.keys(), f"save {number}"
            assert [path for path in expected if previewed[path] != expected[path]] == [], f"save {number}"
    finally:
        served.stdin.close()
        served.wait(timeout=120)
