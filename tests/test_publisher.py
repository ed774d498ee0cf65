"""The publisher comes from mkdocs.yml: every feed, data file and generated page that names
the publisher takes it from there, and a wrong setting stops the build with file and line."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, BuiltSite, build, make_project

ATOM = "{http://www.w3.org/2005/Atom}"
MALMO_PUBLISHER = """      publisher:
        name: Malmö stad
        kind: municipality
        org_number: "212000-1124"
        website: https://malmo.se
"""
OTHER_PUBLISHER = """      publisher:
        name: Region Exempel
        kind: region
        website: https://region.example
        contact:
          email: iop@region.example
          phone: "010-123 45 67"
"""


def project_with_publisher(tmp_path: Path, publisher_yaml: str, *, site_url: str = "https://iop.region.example/") -> Path:
    shipped = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert MALMO_PUBLISHER in shipped, "the shipped mkdocs.yml changed: update MALMO_PUBLISHER"
    config = shipped.replace(MALMO_PUBLISHER, publisher_yaml).replace("site_url: https://iop-registret.malmo.se/", f"site_url: {site_url}")
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text(config, encoding="utf-8")
    return make_project(tmp_path / "build", FIXTURES / "courses", mkdocs_yml=mkdocs_yml)


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site = build(project_with_publisher(tmp_path_factory.mktemp("publisher"), OTHER_PUBLISHER))
    assert site.returncode == 0, site.output
    return site


def test_feeds_and_data_name_the_configured_publisher(other_site: BuiltSite) -> None:
    feed = ET.fromstring((other_site.site / "andringar.atom").read_bytes())
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Region Exempel"
    assert "Region Exempels register" in (feed.findtext(f"{ATOM}subtitle") or "")
    assert (feed.findtext(f"{ATOM}id") or "").startswith("tag:iop.region.example,")

    calendar = icalendar.Calendar.from_ical((other_site.site / "kalender/kurser.ics").read_bytes())
    assert str(calendar["PRODID"]) == "-//Region Exempel//IOP-registret//SV"
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert uids and all(uid.endswith("@iop.region.example") for uid in uids)

    data = json.loads(other_site.read("data/registret.json"))
    assert data["source"] == "IOP-registret, Region Exempel"
    assert data["publisher"] == {"name": "Region Exempel", "kind": "region", "org_number": None, "website": "https://region.example"}
    schema = json.loads(other_site.read("data/schemas/partnership.schema.json"))
    assert schema["$id"] == "https://iop.region.example/data/schemas/partnership.schema.json"


def test_generated_pages_carry_no_other_publisher(other_site: BuiltSite) -> None:
    for page in ("partnerskap/", "oppna-data/"):
        text = BeautifulSoup(other_site.page(page), "html.parser").get_text(" ")
        assert "Malmö stad" not in text and "Malmöborna" not in text, page
    assert "Region Exempels egna webbplatser" in BeautifulSoup(other_site.page("oppna-data/"), "html.parser").get_text(" ")


def test_a_wrong_publisher_setting_stops_the_build_with_line(tmp_path: Path) -> None:
    broken = OTHER_PUBLISHER.replace('phone: "010-123 45 67"', 'phone: "12"').replace("kind: region", "kind: county")
    site = build(project_with_publisher(tmp_path, broken))
    assert site.returncode != 0 and "Traceback" not in site.output
    lines = [line for line in site.output.splitlines() if line.startswith("mkdocs.yml:")]
    assert any(": kind: " in line for line in lines), site.output
    assert any("contact.phone" in line for line in lines), site.output
    assert not (tmp_path / "build" / "project" / "site").exists()


def test_a_missing_publisher_is_an_error_that_says_what_to_add(tmp_path: Path) -> None:
    site = build(project_with_publisher(tmp_path, ""))
    assert site.returncode != 0 and "Traceback" not in site.output
    assert "plugins.iop-registry.publisher: inställningen saknas" in site.output
