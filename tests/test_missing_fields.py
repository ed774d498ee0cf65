"""A required field that is missing: the message says what the field means, what it holds and
gives a line to paste, all read from the model; the line pasted back makes the record valid.

Each test copies a fixture registry into tmp, removes one field from one record, runs
`iop-registry validate` and reads its output line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from iop_registry.cli import main
from iop_registry.diagnostics import Report
from iop_registry.field_example import PLACEHOLDER, paste_line
from iop_registry.model import RECORD_TYPES
from iop_registry.model.fields import Shape, record_fields, required_fields
from iop_registry.parse import ParseContext, parse_record

from conftest import FIXTURES

THIN_RECORD = "registry/partnerships/pressmeddelande.yml"  # a partnership known only from a press release
COURSE = "registry/courses/foraldrakurs-ht-2023.yml"


def copy(tmp_path: Path, fixture: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(FIXTURES / fixture, root)
    monkeypatch.chdir(tmp_path)  # messages name files from where the command runs
    return root


def remove_block(file: Path, first_line: str) -> str:
    """Remove `first_line` and the lines indented under it; returns what was removed."""
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(first_line + "\n")
    indent = len(first_line) - len(first_line.lstrip(" -"))
    end = start + 1
    while end < len(lines) and len(lines[end]) - len(lines[end].lstrip(" ")) > indent:
        end += 1
    file.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    return "".join(lines[start:end])


def validate(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["validate", "registry"])
    return code, capsys.readouterr().out.splitlines()


MISSING = [
    (
        "title: Stöd till Exempeljouren",
        (
            f"{THIN_RECORD}:1:1: fel: title: fältet saknas men är obligatoriskt; förväntade en text på en rad. "
            "Tips: Namn (title): Partnerskapets namn, som avtalet eller källan skriver det. Lägg till raden: title: Mammakraft"
        ),
    ),
    (
        "sources:",
        (
            f"{THIN_RECORD}:1:1: fel: sources: fältet saknas men är obligatoriskt; förväntade en lista, där varje rad är en "
            "grupp med fälten kind och title. Tips: Källor (sources): Varifrån uppgifterna kommer: avtal, tjänsteskrivelse, "
            "protokoll, pressmeddelande, nyhetsartikel eller webbsida. Minst en källa; skriv in det du har, också när det bara "
            "är ett pressmeddelande. Lägg till raden: sources: [{kind: decision_paper, title: Tjänsteskrivelse}]"
        ),
    ),
    (
        "parties:",
        (
            f"{THIN_RECORD}:1:1: fel: parties: fältet saknas men är obligatoriskt; förväntade en lista med minst en offentlig "
            "part och minst en idéburen part, där varje rad är en grupp med fälten organisation och role. Tips: Parter "
            "(parties): Avtalets parter, var och en med id för sin organisation och sin roll. Lägg till raden: parties: "
            "[{organisation: FYLL I, role: public}, {organisation: FYLL I, role: idea_driven}] och byt ut FYLL I mot rätt "
            "uppgifter. Offentlig part: Id för nämnden, förvaltningen, kommunen eller regionen som källan nämner. Nämner "
            "källan bara kommunen, ange kommunen. Idéburen part: Id för föreningen, stiftelsen eller den andra idéburna "
            "organisationen som källan nämner."
        ),
    ),
]


@pytest.mark.parametrize(("block", "expected"), MISSING, ids=[block.rstrip(":").split(":")[0] for block, _ in MISSING])
def test_a_missing_partnership_field_says_what_it_is_and_what_to_paste(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], block: str, expected: str
) -> None:
    # A missing field stands where its group of fields starts: for the record, its first line.
    root = copy(tmp_path, "thin", monkeypatch)
    remove_block(root / "partnerships/pressmeddelande.yml", block)
    code, lines = validate(capsys)
    assert (code, lines) == (1, [expected])


@pytest.mark.parametrize("block", ["title: Stöd till Exempeljouren", "sources:"])
def test_the_line_to_paste_makes_the_record_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], block: str
) -> None:
    root = copy(tmp_path, "thin", monkeypatch)
    file = root / "partnerships/pressmeddelande.yml"
    remove_block(file, block)
    _, lines = validate(capsys)
    pasted = lines[0].split("Lägg till raden: ")[1]
    file.write_text(pasted + "\n" + file.read_text(encoding="utf-8"), encoding="utf-8")
    code, after = validate(capsys)
    assert (code, after) == (0, [])


def test_a_partnership_without_a_period_is_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A source that gives no year ('i tre år', a list page) is entered without a period: no date is made up."""
    root = copy(tmp_path, "thin", monkeypatch)
    remove_block(root / "partnerships/pressmeddelande.yml", "period:")
    assert validate(capsys) == (0, [])


def test_the_parties_to_paste_leave_only_the_ids_to_fill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy(tmp_path, "thin", monkeypatch)
    file = root / "partnerships/pressmeddelande.yml"
    remove_block(file, "parties:")
    _, lines = validate(capsys)
    pasted = "parties: " + lines[0].split("Lägg till raden: parties: ")[1].split(" och byt ut")[0]
    file.write_text(file.read_text(encoding="utf-8") + pasted + "\n", encoding="utf-8")
    _, after = validate(capsys)
    assert [line.split(": fel: ")[1].split(":")[0] for line in after] == ["parties[0].organisation", "parties[1].organisation"]
    assert all("placeholder" not in line and "FYLL I" in line for line in after)
    file.write_text(
        file.read_text(encoding="utf-8").replace(
            pasted, "parties: [{organisation: socialnamnden, role: public}, {organisation: kvinnojouren, role: idea_driven}]"
        ),
        encoding="utf-8",
    )
    assert validate(capsys) == (0, [])


def test_a_missing_session_start_is_placed_at_the_session_with_an_indented_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy(tmp_path, "courses", monkeypatch)
    file = root / "courses/foraldrakurs-ht-2023.yml"
    text = file.read_text(encoding="utf-8")
    session = '  - date: 2023-09-12\n    start: "17:00"\n'
    assert session in text
    file.write_text(text.replace(session, "  - date: 2023-09-12\n", 1), encoding="utf-8")
    line = text[: text.index(session)].count("\n") + 1
    code, lines = validate(capsys)
    assert (code, lines) == (
        1,
        [
            (
                f"{COURSE}:{line}:5: fel: sessions[1].start: fältet saknas men är obligatoriskt; förväntade en tid "
                '("HH:MM"). Tips: Börjar (start): Starttid inom citattecken, "HH:MM". Lägg till raden, med samma indrag '
                'som fälten bredvid: start: "17:00"'
            )
        ],
    )
    file.write_text(text.replace(session, '  - date: 2023-09-12\n    start: "17:00"\n', 1), encoding="utf-8")
    assert validate(capsys) == (0, [])


def test_an_empty_required_field_says_how_to_fill_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy(tmp_path, "thin", monkeypatch)
    file = root / "partnerships/pressmeddelande.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("title: Stöd till Exempeljouren", "title:", 1), encoding="utf-8")
    assert validate(capsys) == (
        1,
        [
            (
                f"{THIN_RECORD}:1:7: fel: title: fältet är tomt men är obligatoriskt; förväntade en text på en rad. "
                "Tips: Namn (title): Partnerskapets namn, som avtalet eller källan skriver det. Fyll i värdet, till exempel: "
                "title: Mammakraft"
            )
        ],
    )


def _record_classes() -> list[type]:
    found: list[type] = []
    todo = [t.cls for t in RECORD_TYPES.values()]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.append(cls)
        todo += [f.inner.base for f in record_fields(cls).values() if f.inner.shape is Shape.RECORD]
    return found


@pytest.mark.parametrize("cls", _record_classes(), ids=lambda cls: cls.__name__)
def test_every_required_field_has_a_line_to_paste_that_the_parser_reads(cls: type, tmp_path: Path) -> None:
    """Every line to paste is YAML that the registry's own parser reads as the field, with at most
    FYLL I left where the model gives no example."""
    fields = record_fields(cls)
    for name in required_fields(cls):
        line = paste_line(name, fields[name])
        assert "\n" not in line
        node = yaml.compose(line + "\n")
        assert isinstance(node, yaml.MappingNode)
        report = Report()
        parse_record(node, cls, ParseContext(tmp_path / "x.yml", report))
        about = [d for d in report.items if d.path == name or d.path.startswith((f"{name}.", f"{name}["))]
        assert all(d.code == "placeholder" for d in about), [d.as_text() for d in about]
        assert len(about) == line.count(PLACEHOLDER), line
