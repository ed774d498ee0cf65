"""Redaktörsguiden: generated from the model, so it lists every field the schemas have, and
its common errors show the messages the validator really gives."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from iop_registry.derive import PartnershipStatus
from iop_registry.diagnostics import Report
from iop_registry.model import RECORD_TYPES
from iop_registry.registry import load_registry
from iop_registry.render.guide import EXAMPLE_COURSE, EXAMPLE_COURSE_ID, MISTAKES
from iop_registry.render.text import STATUS_LABELS
from iop_registry.schema import record_schema
from iop_registry.template import template_text
from iop_registry.validate import validate_path

from conftest import ROOT, SHIPPED_REGISTRY, BuiltSite


@pytest.fixture(scope="module")
def guide(shipped_site: BuiltSite) -> BeautifulSoup:
    return BeautifulSoup(shipped_site.page("redaktorsguide/"), "html.parser")


@pytest.fixture(scope="module")
def partnership_guide(shipped_site: BuiltSite) -> BeautifulSoup:
    return BeautifulSoup(shipped_site.page("redaktorsguide/nytt-partnerskap/"), "html.parser")


@pytest.fixture(scope="module")
def fields_guide(shipped_site: BuiltSite) -> BeautifulSoup:
    return BeautifulSoup(shipped_site.page("redaktorsguide/falt/"), "html.parser")


def schema_paths(schema: dict[str, Any], prefix: str = "") -> set[str]:
    """Every field path in a JSON Schema, "[]" marking each item of a list of groups."""
    paths = set()
    for name, prop in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        if "array" in prop.get("type", []) and "properties" in prop["items"]:
            paths.add(path + "[]")
            paths |= schema_paths(prop["items"], path + "[]")
        elif "properties" in prop:
            paths.add(path)
            paths |= schema_paths(prop, path)
        else:
            paths.add(path)
    return paths


@pytest.mark.parametrize("kind", list(RECORD_TYPES))
def test_guide_lists_every_field_the_schema_has(fields_guide: BeautifulSoup, kind: str) -> None:
    rows = fields_guide.select(f'table.iop-fields[data-kind="{kind}"] tr[data-field]')
    listed = [row["data-field"] for row in rows]
    assert len(listed) == len(set(listed))  # each field once
    assert set(listed) == schema_paths(record_schema(kind))


@pytest.mark.parametrize("kind", list(RECORD_TYPES))
def test_guide_gives_each_field_its_swedish_title_and_whether_it_is_required(fields_guide: BeautifulSoup, kind: str) -> None:
    schema = record_schema(kind)
    for name, prop in schema["properties"].items():
        row = fields_guide.select_one(
            f'table.iop-fields[data-kind="{kind}"] tr[data-field="{name}"], '
            f'table.iop-fields[data-kind="{kind}"] tr[data-field="{name}[]"]'
        )
        assert row is not None, name
        cells = row.find_all(["th", "td"])
        assert cells[0].get_text(strip=True) == name
        assert cells[1].get_text().startswith(prop["title"])
        assert cells[2].get_text(strip=True) == ("Ja" if name in schema["required"] else "Nej")
        if prop.get("examples") and not isinstance(prop["examples"][0], (bool, list)):
            assert str(prop["examples"][0]) in cells[4].get_text(), name


def test_field_reference_says_a_partnership_needs_a_public_and_an_idea_driven_party(fields_guide: BeautifulSoup) -> None:
    row = fields_guide.select_one('table.iop-fields[data-kind="partnership"] tr[data-field="parties[]"]')
    assert row is not None
    cells = [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]
    assert cells[2] == "Ja"
    assert cells[3].startswith("en lista med minst en offentlig part och minst en idéburen part;")


def test_guide_is_out_of_the_public_menu_but_linked_from_every_footer_and_om_registret(shipped_site: BuiltSite) -> None:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert "redaktorsguide/index.md" not in [next(iter(item.values())) for item in nav]
    for path in ("", "partnerskap/mammakraft/", "om-registret/"):
        page = BeautifulSoup(shipped_site.page(path), "html.parser")
        assert not [a for a in page.select(".md-sidebar--primary a") if "redaktorsguide" in a.get("href", "")], path
        assert [a for a in page.select("footer a") if a.get("href", "").endswith("redaktorsguide/")], path
    about = BeautifulSoup(shipped_site.page("om-registret/"), "html.parser")
    assert about.select_one('article a[href$="redaktorsguide/"]') is not None


def test_guide_shows_the_course_template_the_command_writes(guide: BeautifulSoup) -> None:
    blocks = [pre.get_text() for pre in guide.select("pre.iop-yaml")]
    assert template_text("course") in blocks


def test_guide_example_course_is_flagged_and_labelled_as_an_example(guide: BeautifulSoup) -> None:
    assert "\nexample: true\n" in EXAMPLE_COURSE
    example = guide.select_one("#ifylld-kurs")
    assert example is not None
    label = example.find_next("p").select_one(".iop-example-tag")  # type: ignore[union-attr]
    assert label is not None and "Exempel" in label.get_text()


def test_guide_example_course_is_valid_in_the_real_registry(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(SHIPPED_REGISTRY, root)
    (root / "courses" / f"{EXAMPLE_COURSE_ID}.yml").write_text(EXAMPLE_COURSE, encoding="utf-8")
    report = Report(tmp_path)
    validate_path(root, report)
    assert [d for d in report.errors if EXAMPLE_COURSE_ID in d.file] == []


def test_each_common_error_in_the_guide_is_what_the_cli_reports_for_that_file(guide: BeautifulSoup, tmp_path: Path) -> None:
    """The guide runs its mistakes in memory; on disk, in the real registry, the validator
    must report the same code, line, column and words."""
    shown = [pre.get_text() for pre in guide.select("pre.iop-message")]
    assert len(shown) == len(MISTAKES)
    for number, (mistake, message) in enumerate(zip(MISTAKES, shown)):
        root = tmp_path / f"r{number}" / "registry"
        shutil.copytree(SHIPPED_REGISTRY, root)
        (root / "courses" / f"{EXAMPLE_COURSE_ID}.yml").write_text(
            EXAMPLE_COURSE.replace(mistake.right, mistake.wrong), encoding="utf-8"
        )
        report = Report(root.parent)
        validate_path(root, report)
        texts = [d.as_text() for d in report.items if d.code == mistake.code]
        assert message in texts, (mistake.title, message, texts)
        assert message.startswith(f"registry/courses/{EXAMPLE_COURSE_ID}.yml:") and " Tips: " in message


def test_guide_file_name_error_quotes_the_real_message(guide: BeautifulSoup, tmp_path: Path) -> None:
    root = tmp_path / "registry"
    (root / "courses").mkdir(parents=True)
    (root / "courses" / "Mammakraft HT 2027.yml").write_text(EXAMPLE_COURSE, encoding="utf-8")
    report = Report(tmp_path)
    load_registry(root, report)
    (diagnostic,) = report.items
    section = guide.select_one("#fel-filnamn")
    assert section is not None and diagnostic.code == "bad-id"
    assert diagnostic.message.rstrip(".") in section.find_parent("section").get_text()  # type: ignore[union-attr]


@pytest.mark.parametrize("path", ["redaktorsguide/", "redaktorsguide/falt/", "redaktorsguide/nytt-partnerskap/"])
def test_guide_pages_are_small_enough_for_a_phone(shipped_site: BuiltSite, path: str) -> None:
    assert len(shipped_site.page(path).encode("utf-8")) < 200_000


def test_guide_links_each_record_types_fields_on_their_own_page(guide: BeautifulSoup, fields_guide: BeautifulSoup) -> None:
    anchors = {a["href"].split("#")[1] for a in guide.select('nav a[href*="falt/#"]')}
    assert anchors == {f"falt-{kind}" for kind in RECORD_TYPES}
    assert all(fields_guide.find(id=anchor) is not None for anchor in anchors)


def test_guide_ids_are_unique(guide: BeautifulSoup, fields_guide: BeautifulSoup, partnership_guide: BeautifulSoup) -> None:
    for page in (guide, fields_guide, partnership_guide):
        ids = [element["id"] for element in page.select("[id]")]
        assert sorted(i for i in set(ids) if ids.count(i) > 1) == []


def test_guide_names_the_ids_that_generated_pages_have(guide: BeautifulSoup) -> None:
    section = guide.find(id="fel-filnamn").find_parent("section")
    named = [code.get_text() for code in section.find_all("code")]
    for taken in ("status", "namnd", "pagaende", "arkiv", "kurser", "sida-2"):
        assert taken in named


def _status_section(partnership_guide: BeautifulSoup) -> list[Any]:
    """The elements of the section "Så räknas partnerskapets läge fram", up to the next heading."""
    heading = partnership_guide.find(id="sa-raknas-laget-fram")
    assert heading is not None
    elements = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        elements.append(sibling)
    return elements


def test_guide_status_section_explains_every_status_the_site_can_show(partnership_guide: BeautifulSoup) -> None:
    section = _status_section(partnership_guide)
    terms = [dt.get_text(strip=True) for element in section for dt in element.find_all("dt")]
    assert terms == list(STATUS_LABELS.values())
    explained = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for element in section for dt in element.find_all("dt")}
    unknown = explained[STATUS_LABELS[PartnershipStatus.UNKNOWN]]
    assert unknown.startswith("Ingen källa visar ett beslut") and "förslag" in unknown


def test_guide_status_section_explains_an_agreement_ended_early(partnership_guide: BeautifulSoup, fields_guide: BeautifulSoup) -> None:
    section = _status_section(partnership_guide)
    item = next(li for element in section for li in element.find_all("li") if "ended_early" in li.get_text())
    text = item.get_text(" ", strip=True)
    assert "före periodens planerade slut" in text
    assert all(f"<code>{name}</code>" in str(item) for name in ("ended_early", "on", "by", "reason"))
    assert f"läget blir {STATUS_LABELS[PartnershipStatus.ENDED]}" in text
    # The field name links to its table on the fields page.
    link = item.find("a", href=lambda href: href and "falt/#" in href)
    assert link is not None and fields_guide.find(id=link["href"].split("#")[1]) is not None
