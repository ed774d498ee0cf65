"""Hostile input: each case is written into a scratch registry, then `iop-registry validate`
and `mkdocs build` run on it. They must agree: both refuse with the same file:line message,
or both accept and every output parses (Atom with an XML parser, .ics with icalendar, JSON
with json), with no traceback and no injected event, element or line.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import icalendar
import pytest

from conftest import FIXTURES, build, make_project

COURSE = "registry/courses/foraldrakurs-ht-2023.yml"
ORGANISATION = "registry/organisations/kursforeningen.yml"
PARTNERSHIP = "registry/partnerships/foraldrakurs.yml"
OUTSIDE_SECRET = "HEMLIGTEXTUTANFÖRREGISTRET"


def replace_line(project: Path, relative: str, prefix: str, new_line: str) -> None:
    """Replace the first line of a file that starts with `prefix` by `new_line`."""
    file = project / relative
    lines = file.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    lines[index] = new_line
    file.write_text("\n".join(lines), encoding="utf-8")


def course_title(text: str) -> Callable[[Path], None]:
    return lambda project: replace_line(project, COURSE, "title:", f"title: {text}")


def organisation_name(text: str) -> Callable[[Path], None]:
    return lambda project: replace_line(project, ORGANISATION, "name:", f"name: {text}")


def outside_file(project: Path) -> Path:
    secret = project.parent / "outside.yml"
    secret.write_text(f"name: {OUTSIDE_SECRET}\nkind: association\n", encoding="utf-8")
    return secret


def symlinked_file(project: Path) -> None:
    (project / "registry/organisations/lankad.yml").symlink_to(outside_file(project))


def symlinked_folder(project: Path) -> None:
    folder = project.parent / "outside-folder"
    folder.mkdir()
    outside_file(project).rename(folder / "lankad.yml")
    (project / "registry/organisations/lankad").symlink_to(folder)


def symlink_loop(project: Path) -> None:
    (project / "registry/organisations/slinga.yml").symlink_to(project / "registry/organisations/slinga.yml")


def folder_loop(project: Path) -> None:
    (project / "registry/courses/uppat").symlink_to(project / "registry")


def deep_nesting(project: Path) -> None:
    file = project / ORGANISATION
    file.write_text(file.read_text(encoding="utf-8") + "short_name: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")


def huge_file(project: Path) -> None:
    file = project / PARTNERSHIP
    file.write_text(file.read_text(encoding="utf-8") + "# " + "x" * (1024 * 1024) + "\n", encoding="utf-8")


def long_description(project: Path) -> None:
    replace_line(project, COURSE, "description:", "description: " + "Lång text. " * 2500)


def email_in_cyrillic_domain(project: Path) -> None:
    replace_line(project, PARTNERSHIP, "      email: alex@example.org", "      email: alex@exаmple.org")


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Path], None]
    # The message's file:line and words, or None when the input is accepted.
    refused_at: str | None
    words: str = ""


CASES = [
    Case("crlf-in-course-title", course_title(r'"Föräldrakurs\r\nBEGIN:VEVENT\r\nSUMMARY:Falsk"'), f"{COURSE[9:]}:2:8", "ska stå på en rad"),
    Case("block-scalar-title", course_title("|\n  Föräldrakurs\n  BEGIN:VEVENT"), f"{COURSE[9:]}:2:8", "ska stå på en rad"),
    Case("escape-character", organisation_name(r'"Malmö\x1bstad"'), f"{ORGANISATION[9:]}:1:7", "styrtecken (U+001B)"),
    Case("nul", organisation_name(r'"Malmö\0stad"'), f"{ORGANISATION[9:]}:1:7", "styrtecken (U+0000)"),
    Case("form-feed", organisation_name(r'"Malmö\x0cstad"'), f"{ORGANISATION[9:]}:1:7", "U+000C"),
    Case("vertical-tab", organisation_name(r'"Malmö\x0bstad"'), f"{ORGANISATION[9:]}:1:7", "U+000B"),
    Case("non-character", organisation_name(r'"Malmö\uFFFEstad"'), f"{ORGANISATION[9:]}:1:7", "U+FFFE"),
    Case("lone-surrogate", organisation_name(r'"Malm\ud800"'), f"{ORGANISATION[9:]}:1:7", "U+D800"),
    Case("right-to-left-override", organisation_name(r'"\u202Edats ömlaM"'), f"{ORGANISATION[9:]}:1:7", "riktning"),
    Case("zero-width-only", organisation_name(r'"\u200B\u200B"'), f"{ORGANISATION[9:]}:1:7", "syns inte"),
    Case("no-break-space-only", organisation_name('"\u00a0"'), f"{ORGANISATION[9:]}:1:7", "texten är tom"),
    Case("byte-order-mark", organisation_name(r'"\uFEFFKursföreningen"'), f"{ORGANISATION[9:]}:1:7", "U+FEFF"),
    Case("tag-characters", organisation_name(r'"Kursföreningen\U000E0041"'), f"{ORGANISATION[9:]}:1:7", "U+E0041"),
    Case("combining-marks", organisation_name("K" + "\u0301" * 5000), f"{ORGANISATION[9:]}:1:7", "ovanpå samma bokstav"),
    Case("long-description", long_description, f"{COURSE[9:]}:7:14", "högst 20000"),
    Case("huge-file", huge_file, f"{PARTNERSHIP[9:]}:0:0", "högst 1024 kB"),
    Case("deep-nesting", deep_nesting, f"{ORGANISATION[9:]}:4:", "fler än 50 nivåer"),
    Case("cyrillic-e-mail-domain", email_in_cyrillic_domain, f"{PARTNERSHIP[9:]}:21:14", "blandar skriftsystem"),
    Case("symlinked-file", symlinked_file, "organisations/lankad.yml:0:0", "symbolisk länk"),
    Case("symlinked-folder", symlinked_folder, "organisations/lankad:0:0", "symbolisk länk"),
    Case("symlink-loop", symlink_loop, "organisations/slinga.yml:0:0", "symbolisk länk"),
    Case("folder-loop", folder_loop, "courses/uppat:0:0", "symbolisk länk"),
    # Accepted: NFD text is stored in NFC, and real scripts pass.
    Case("decomposed-text", organisation_name("Kursfo\u0308reningen"), None),
    Case("other-scripts", organisation_name('"Кружок матерей 母亲俱乐部 نادي الأمهات 👩‍👧"'), None),
]


def validate(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "iop_registry.cli", "validate", "registry"], capture_output=True, text=True, cwd=project, env=env
    )


def assert_outputs_parse(site: Path, injected: str = "Falsk") -> None:
    """Every feed and data file parses, and no text became a calendar event of its own."""
    for atom in site.rglob("*.atom"):
        ET.fromstring(atom.read_bytes())
    for ics in site.rglob("*.ics"):
        calendar = icalendar.Calendar.from_ical(ics.read_bytes())
        for event in calendar.walk("VEVENT"):
            assert injected not in str(event.get("summary"))
        assert b"\r\nBEGIN:VEVENT\r\nSUMMARY:" + injected.encode() not in ics.read_bytes()
    for data in site.rglob("*.json"):
        json.loads(data.read_bytes())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_validate_and_build_agree_on_hostile_input(tmp_path: Path, case: Case) -> None:
    project = make_project(tmp_path, FIXTURES / "courses")
    case.change(project)
    checked = validate(project)
    built = build(project, strict=False)
    for run in (checked.stdout + checked.stderr, built.output):
        assert "Traceback" not in run
    if case.refused_at is None:
        assert checked.returncode == 0, checked.stdout
        assert built.returncode == 0, built.output
        assert_outputs_parse(built.site)
        return
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert built.returncode != 0, built.output
    messages = [line for line in checked.stdout.splitlines() if ": fel: " in line]
    assert len(messages) == 1, checked.stdout
    message = messages[0]
    assert message.startswith("registry/" + case.refused_at), message
    assert case.words in message
    # The build says the same words at the same place.
    assert message in built.output
    assert OUTSIDE_SECRET not in built.output


def test_decomposed_text_is_published_in_nfc(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "courses")
    organisation_name("Kursfo\u0308reningen")(project)
    built = build(project, strict=False)
    assert built.returncode == 0, built.output
    organisations = json.loads((built.site / "data/organisationer.json").read_text(encoding="utf-8"))
    names = re.findall(r'"name":\s*"([^"]*)"', json.dumps(organisations, ensure_ascii=False))
    assert "Kursföreningen" in names
    assert "Kursfo\u0308reningen" not in names


def test_symlinked_record_is_not_published(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "courses")
    symlinked_file(project)
    built = build(project, strict=False)
    assert built.returncode != 0
    assert not built.site.exists() or not any(OUTSIDE_SECRET in p.read_text(errors="replace") for p in built.site.rglob("*") if p.is_file())


def test_hidden_file_is_reported_as_a_warning(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "courses")
    (project / "registry/organisations/.utkast.yml").write_text("name: Utkast\nkind: association\n", encoding="utf-8")
    checked = validate(project)
    assert checked.returncode == 0
    assert "organisations/.utkast.yml:0:0: varning: .utkast.yml är en dold fil" in checked.stdout


def test_a_value_cannot_forge_a_message_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "courses")
    (project / "registry/organisations/kursforeningen.yml").write_text(
        'name: Kursföreningen\nkind: association\n"falskt\\nregistry/x.yml:1:1: fel: påhittat": 1\n', encoding="utf-8"
    )
    checked = validate(project)
    assert checked.returncode == 1
    assert "\nregistry/x.yml:1:1" not in checked.stdout
    assert "falskt\\u000aregistry/x.yml" in checked.stdout


def test_look_alike_organisation_names_are_warned(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "courses")
    (project / "registry/organisations/kopia.yml").write_text("name: Kursförеningen i Exempelby\nkind: association\n", encoding="utf-8")
    checked = validate(project)
    # The first by id keeps its name; the other is warned, naming the first.
    assert "organisations/kursforeningen.yml:1:7: varning: name: namnet ser ut som namnet på kopia" in checked.stdout


@pytest.mark.parametrize(
    ("original", "reserved", "address"),
    [
        ("organisations/kursforeningen.yml", "organisations/sida-2.yml", "organisationer/sida-2/"),
        ("courses/sprakkurs-vt-2024.yml", "courses/pagaende.yml", "kurser/pagaende/"),
        ("courses/sprakkurs-vt-2024.yml", "courses/arkiv.yml", "kurser/arkiv/"),
        ("courses/sprakkurs-vt-2024.yml", "courses/sida-12.yml", "kurser/sida-12/"),
        ("partnerships/sprakkurs.yml", "partnerships/status.yml", "partnerskap/status/"),
        ("partnerships/sprakkurs.yml", "partnerships/namnd.yml", "partnerskap/namnd/"),
        ("partnerships/sprakkurs.yml", "partnerships/sida-3.yml", "partnerskap/sida-3/"),
        ("partnerships/sprakkurs.yml", "partnerships/kurser.yml", "kalender/kurser.ics"),
    ],
)
def test_an_id_that_a_generated_page_has_is_refused_by_validate_and_build_alike(tmp_path: Path, original: str, reserved: str, address: str) -> None:
    # One record is enough: the address is taken whether or not the list has that many pages yet.
    project = make_project(tmp_path, FIXTURES / "courses")
    registry = project / "registry"
    (registry / reserved).write_text((registry / original).read_text(encoding="utf-8"), encoding="utf-8")
    message = f"{reserved}:0:0: fel: id:t '{Path(reserved).stem}' är upptaget: webbplatsen skapar själv {address}"
    checked = validate(project)
    assert checked.returncode == 1 and message in checked.stdout
    built = build(project, strict=False)
    assert built.returncode != 0 and message in built.output
    assert "Traceback" not in checked.stdout + checked.stderr + built.output


def test_a_record_id_beside_generated_pages_is_fine(tmp_path: Path) -> None:
    # Only the generated names are taken: "sidan-2" and "status-2" are ids like any other.
    project = make_project(tmp_path, FIXTURES / "courses")
    registry = project / "registry"
    for name in ("sidan-2", "status-2"):
        (registry / f"organisations/{name}.yml").write_text(f"name: Förening {name}\nkind: association\n", encoding="utf-8")
    checked = validate(project)
    assert checked.returncode == 0, checked.stdout
    assert "reserved-id" not in checked.stdout and "upptaget" not in checked.stdout
