"""Fast previews under a real `mkdocs serve`: after each save the served pages are exactly
what a fresh start of the server gives, though most record pages were kept from the build
before; a save with an error shows the Swedish message, and the next good save recovers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import make_project
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
