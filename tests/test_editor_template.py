"""`iop-registry new`: templates that fail until filled, pass once filled, and refuse bad ids."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iop_registry.cli import main
from iop_registry.diagnostics import Report
from iop_registry.model import RECORD_TYPES
from iop_registry.model.types import (
    CaseNumber,
    Choice,
    Doc,
    EmailAddress,
    Kronor,
    Markdown,
    MonthDay,
    OrgNumber,
    PartialDate,
    PhoneNumber,
    Ref,
    Url,
)
from iop_registry.parse import PLACEHOLDER, FieldType, field_type, is_record_class, record_fields
from iop_registry.template import template_text
from iop_registry.validate import validate_path

from conftest import SHIPPED_REGISTRY

KINDS = list(RECORD_TYPES)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A scratch copy of the shipped registry, so filled references point at real records."""
    root = tmp_path / "registry"
    shutil.copytree(SHIPPED_REGISTRY, root)
    return root


def diagnostics_for(root: Path, file: Path) -> list[Any]:
    report = Report(root.parent)
    validate_path(root, report)
    shown = file.resolve().relative_to(root.parent.resolve()).as_posix()
    return [d for d in report.items if d.file == shown]


# --- filling a template the way an editor would, independently of the generator -----------

# Values for fields without an example in the model; `end` must come after `start`.
_BY_TYPE: dict[Any, str] = {
    str: "Text från dokumentet",
    Markdown: "En mening från dokumentet: med kolon.",
    int: "12",
    Kronor: "1000",
    bool: "true",
    dt.date: "2027-09-07",
    dt.time: '"17:00"',
    PartialDate: "2027-01-01",
    MonthDay: '"04-30"',
    PhoneNumber: '"040-34 10 00"',
    EmailAddress: "namn@malmo.se",
    OrgNumber: "846003-1936",
    Url: "https://malmo.se/",
    CaseNumber: "ASN-2027-1",
}
_BY_NAME = {("end", dt.time): '"19:00"', ("end", PartialDate): "2027-12-31", ("max", int): "20", ("min", int): "10"}


def sensible_value(name: str, ftype: FieldType, doc: Doc | None, ids: dict[str, list[str]]) -> str:
    base = ftype.base
    ref = ftype.marker(Ref)
    example = doc.example if doc else None
    if isinstance(example, list):
        example = example[0]
    if ref is not None:
        return str(example) if example in ids[ref.kind] else ids[ref.kind][0]
    if base is Kronor:
        return "1000"  # every amount alike: one cost line, one income line and their stated totals agree
    if (name, base) in _BY_NAME:
        return _BY_NAME[(name, base)]
    if isinstance(base, type) and issubclass(base, Choice):
        return str(example) if example is not None else next(iter(base)).value
    if example is not None and not isinstance(example, bool):
        return (
            str(example)
            if isinstance(example, int) or base in (dt.date, PartialDate)
            else json.dumps(example, ensure_ascii=False)
        )
    return _BY_TYPE[base]


def placeholders(node: Node, ftype: FieldType, name: str, doc: Doc | None, ids: dict[str, list[str]]) -> list[tuple[int, str]]:
    """(line index, value) for every placeholder under `node`, found by walking the model."""
    base = ftype.base
    if typing.get_origin(base) is list:
        assert isinstance(node, SequenceNode), name
        item = field_type(typing.get_args(base)[0])
        return [p for child in node.value for p in placeholders(child, item, name, doc, ids)]
    if is_record_class(base):
        assert isinstance(node, MappingNode), name
        found = []
        fields = record_fields(base)
        for key, value in node.value:
            inner = fields[key.value]
            found += placeholders(value, inner, key.value, inner.marker(Doc), ids)
        return found
    assert isinstance(node, ScalarNode)
    if PLACEHOLDER not in node.value:
        return []
    line = node.start_mark.line + (1 if node.style in (">", "|") else 0)
    return [(line, sensible_value(name, ftype, doc, ids))]


def uncomment_optional_fields(text: str) -> str:
    """Take in every commented-out field, level by level, as an editor does with Ctrl+/:
    a field line `# name: …` and the deeper lines under it lose one "# "."""
    field = re.compile(r"^(\s*)# ((?:- )?[a-z_]+:.*)$")
    lines = text.splitlines()
    while True:
        out: list[str] = []
        i = 0
        while i < len(lines):
            match = field.match(lines[i])
            if not match:
                out.append(lines[i])
                i += 1
                continue
            indent = match[1]
            out.append(indent + match[2])
            i += 1
            while i < len(lines) and lines[i].startswith(indent + "#   "):
                out.append(indent + lines[i][len(indent) + 2 :])
                i += 1
        if out == lines:
            return "\n".join(lines) + "\n"
        lines = out


def fill(text: str, kind: str, registry: Path) -> str:
    ids = {k: sorted(p.stem for p in (registry / t.folder).glob("*.yml")) for k, t in RECORD_TYPES.items()}
    root = yaml.compose(text)
    assert isinstance(root, MappingNode)
    lines = text.splitlines()
    found = placeholders(root, FieldType(RECORD_TYPES[kind].cls, False, ()), "", None, ids)
    for line, value in found:
        lines[line] = lines[line].replace(f'"{PLACEHOLDER}"', value).replace(PLACEHOLDER, value)
    filled = "\n".join(lines) + "\n"
    assert PLACEHOLDER not in "\n".join(line for line in filled.splitlines() if not line.lstrip().startswith("#"))
    return filled


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_new_template_starts_with_the_schema_modeline(kind: str, registry: Path) -> None:
    assert main(["new", kind, "ny-post", "--registry", str(registry)]) == 0
    written = (registry / RECORD_TYPES[kind].folder / "ny-post.yml").read_text(encoding="utf-8")
    assert written.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
    assert written == template_text(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_unfilled_template_fails_with_one_placeholder_error_per_mark(kind: str, registry: Path) -> None:
    assert main(["new", kind, "ny-post", "--registry", str(registry)]) == 0
    file = registry / RECORD_TYPES[kind].folder / "ny-post.yml"
    marks = sum(
        line.count(PLACEHOLDER) for line in file.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")
    )
    found = diagnostics_for(registry, file)
    assert marks > 0
    assert [d.code for d in found] == ["placeholder"] * marks, found
    assert all(d.line > 1 and "FYLL I" in d.message and d.hint for d in found)


@pytest.mark.parametrize("kind", KINDS)
def test_template_passes_validation_once_the_marked_fields_are_filled(kind: str, registry: Path) -> None:
    assert main(["new", kind, "ny-post", "--registry", str(registry)]) == 0
    file = registry / RECORD_TYPES[kind].folder / "ny-post.yml"
    file.write_text(fill(file.read_text(encoding="utf-8"), kind, registry), encoding="utf-8")
    errors = [d for d in diagnostics_for(registry, file) if d.is_error]
    assert errors == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_optional_field_of_the_template_also_validates_when_taken_in(kind: str, registry: Path) -> None:
    assert main(["new", kind, "ny-post", "--registry", str(registry)]) == 0
    file = registry / RECORD_TYPES[kind].folder / "ny-post.yml"
    everything = fill(uncomment_optional_fields(file.read_text(encoding="utf-8")), kind, registry)
    if kind == "decision":  # a decision date belongs to a decided case (validate.py checks that)
        everything = everything.replace("\nstatus: proposed\n", "\nstatus: decided\n")
    file.write_text(everything, encoding="utf-8")
    node = yaml.compose(file.read_text(encoding="utf-8"))
    assert isinstance(node, MappingNode)
    assert {key.value for key, _ in node.value} == set(record_fields(RECORD_TYPES[kind].cls))  # really everything
    errors = [d for d in diagnostics_for(registry, file) if d.is_error]
    assert errors == []


def test_new_refuses_an_id_that_exists(registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (registry / "partnerships" / "mammakraft.yml").read_bytes()
    assert main(["new", "partnership", "mammakraft", "--registry", str(registry)]) == 1
    assert (registry / "partnerships" / "mammakraft.yml").read_bytes() == before
    assert "finns redan" in capsys.readouterr().err


def test_new_refuses_an_id_that_exists_with_the_yaml_suffix(registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (registry / "courses" / "vt-2028.yaml").write_text("title: x\n", encoding="utf-8")
    assert main(["new", "course", "vt-2028", "--registry", str(registry)]) == 1
    assert not (registry / "courses" / "vt-2028.yml").exists()
    assert "finns redan" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["../utanfor", "Mammakraft", "mammakraft ht 2027", "höst-2027", "a--b", "-a", "a" * 81, ""])
def test_new_refuses_an_unsafe_id(bad: str, registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files_before = sorted(p for p in registry.parent.rglob("*"))
    assert main(["new", "--registry", str(registry), "course", "--", bad]) == 1
    assert sorted(p for p in registry.parent.rglob("*")) == files_before
    assert "duger inte som id" in capsys.readouterr().err


def test_unsafe_id_message_suggests_a_slug(registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "course", "Mammakraft HT 2027 Rosengård", "--registry", str(registry)]) == 1
    assert "Förslag: mammakraft-ht-2027-rosengard" in capsys.readouterr().err


def test_new_refuses_a_registry_folder_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "course", "ht-2027", "--registry", str(tmp_path / "saknas")]) == 1
    assert not (tmp_path / "saknas").exists()
    assert "finns inte" in capsys.readouterr().err


def test_placeholder_in_any_field_type_is_an_error_with_a_hint(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(SHIPPED_REGISTRY, root)
    file = root / "organisations" / "fritidsnamnden.yml"
    text = file.read_text(encoding="utf-8")
    assert "website" not in text and "short_name" not in text
    file.write_text(text + "website: FYLL I\nshort_name: Malmö (FYLL I)\n", encoding="utf-8")
    found = diagnostics_for(root, file)
    assert [(d.code, d.path) for d in found] == [("placeholder", "website"), ("placeholder", "short_name")]
    assert "webbadress" in found[0].hint


def test_new_partnership_starts_with_a_public_and_an_idea_driven_party(registry: Path) -> None:
    """The two rows every IOP needs, each role written and explained, so that a filled template
    has no missing party group (an error since the parties are required)."""
    assert main(["new", "partnership", "ny-post", "--registry", str(registry)]) == 0
    file = registry / "partnerships" / "ny-post.yml"
    text = file.read_text(encoding="utf-8")
    node = yaml.compose(text)
    assert isinstance(node, MappingNode)
    parties = next(value for key, value in node.value if key.value == "parties")
    assert isinstance(parties, SequenceNode)
    rows = [{k.value: v.value for k, v in row.value} for row in parties.value]
    assert rows == [{"organisation": PLACEHOLDER, "role": "public"}, {"organisation": PLACEHOLDER, "role": "idea_driven"}]
    lines = text.splitlines()
    for row in parties.value:
        above = lines[row.start_mark.line - 1]
        assert above.lstrip().startswith("# "), above
    assert "# Offentlig part (obligatoriskt). Id för nämnden, förvaltningen, kommunen eller regionen" in text
    assert "# Idéburen part (obligatoriskt). Id för föreningen, stiftelsen" in text
    assert "Minst en offentlig part och minst en idéburen part." in " ".join(line.lstrip("# ") for line in lines)
    # The public row gets a board; fill() gives the other placeholders the model's examples.
    text = text.replace(f"  - organisation: {PLACEHOLDER}\n", "  - organisation: arbetsmarknads-och-socialnamnden\n", 1)
    file.write_text(fill(text, "partnership", registry), encoding="utf-8")
    assert [d.as_text() for d in diagnostics_for(registry, file)] == []
