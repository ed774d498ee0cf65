"""The loss-free JSON (data/registret.json): exported, imported as YAML, validated, exported again.

Every registry we have goes round: the shipped one through two real MkDocs builds, every fixture
that validates through the exporter itself (the same function the build runs). The written YAML
must validate with no message the source registry did not have, and the second JSON must equal
the first byte for byte. Values that YAML would misread, and text of every awkward shape, go
round too; bad JSON is refused with its place and a hint, and writes nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from iop_registry.cli import main, registry_schema_text
from iop_registry.derive import Derived
from iop_registry.diagnostics import Diagnostic, Report, Severity
from iop_registry.importer import Problems
from iop_registry.model import RECORD_TYPES
from iop_registry.model.fields import FieldType, Shape, record_fields
from iop_registry.model.types import Pattern, Ref
from iop_registry.registry_json import FORMAT_MAJOR, FORMAT_VERSION
from iop_registry.render.exports.json_files import json_files
from iop_registry.render.exports.publication import Urls
from iop_registry.validate import validate_path

from conftest import EPOCH_2023_06_15, FIXTURES, ROOT, SHIPPED_REGISTRY, BuiltSite, build_registry, shipped_publisher

TODAY = dt.date(2023, 6, 15)  # EPOCH_2023_06_15 in Malmö
SITE_URL = "https://iop-registret.malmo.se/"
WHOLE = "data/registret.json"


def _validates(registry: Path) -> bool:
    report = Report(registry)
    validate_path(registry, report)
    return not report.has_errors


# Every fixture that validates (the others hold mistakes on purpose and build no JSON).
VALID_FIXTURES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and _validates(p))


def test_the_round_trip_covers_the_fixtures() -> None:
    assert {"courses", "editor-history", "full", "minimal", "opendata"} <= set(VALID_FIXTURES)


def export(registry: Path) -> tuple[bytes, list[Diagnostic]]:
    """registret.json as the build writes it on 15 June 2023, and the registry's messages."""
    report = Report(registry)
    loaded = validate_path(registry, report)
    files = json_files(Derived.build(loaded, TODAY), shipped_publisher(), Urls(SITE_URL))
    return bytes(files[WHOLE]), report.items


def messages(diagnostics: list[Diagnostic]) -> list[tuple[str, str, str, str]]:
    """What a message says, without where in the file it stands (the written file's lines differ)."""
    return sorted((d.severity.value, d.code, Path(d.file).parent.name + "/" + Path(d.file).stem, d.path) for d in diagnostics)


def run_import(source: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["import", str(source), "--out", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def round_trip(registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, source_messages = export(registry)
    source = tmp_path / "registret.json"
    source.write_bytes(first)
    out = tmp_path / "imported"
    code, stdout, stderr = run_import(source, out, capsys)
    assert code == 0, stdout + stderr
    # Every record became one file in its kind's folder, named by its id.
    data = json.loads(first)
    for record_type in RECORD_TYPES.values():
        written = sorted(p.stem for p in (out / record_type.folder).glob("*.yml"))
        assert written == [r["id"] for r in data[record_type.folder]]
    again, imported_messages = export(out)
    assert messages(imported_messages) == messages(source_messages)
    assert again == first


@pytest.mark.parametrize("fixture", VALID_FIXTURES)
def test_fixture_json_imports_validates_and_exports_the_same_bytes(fixture: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    round_trip(FIXTURES / fixture, tmp_path, capsys)


def test_shipped_registry_round_trips_through_two_real_builds(shipped_site: BuiltSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    published = shipped_site.site / WHOLE
    out = tmp_path / "registry"
    code, stdout, stderr = run_import(published, out, capsys)
    assert code == 0, stdout + stderr
    assert "0 fel" in stderr
    rebuilt = build_registry(tmp_path / "again", out, epoch=EPOCH_2023_06_15)
    assert (rebuilt.site / WHOLE).read_bytes() == published.read_bytes()
    # The exporter called directly writes what the build published.
    assert export(SHIPPED_REGISTRY)[0] == published.read_bytes()


def test_written_yaml_follows_the_model_order_and_the_value_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "registret.json"
    source.write_bytes(export(FIXTURES / "courses")[0])
    out = tmp_path / "imported"
    assert run_import(source, out, capsys)[0] == 0
    course = (out / "courses" / "foraldrakurs-ht-2023.yml").read_text(encoding="utf-8")
    lines = course.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/course.schema.json"
    top_level = [line.split(":")[0] for line in lines[1:] if line[:1].isalpha()]
    order = list(record_fields(RECORD_TYPES["course"].cls))
    assert top_level == sorted(top_level, key=order.index)
    # Times and phone numbers in quotes, dates and numbers bare (as the value types say).
    assert any(line.strip().startswith('start: "') for line in lines)
    assert any(line.strip().startswith("- date: 2023-") for line in lines)
    assert any('phone: "' in line for line in lines)
    assert not any(line.strip().startswith('year: "') for line in lines)
    # Empty folders are kept, as git keeps registry/courses/ in the shipped registry.
    assert (out / "grants" / ".gitkeep").exists() or any((out / "grants").iterdir())


# --- Values that YAML would misread, and text of every shape ----------------------------

ONE_LINE = [
    "no", "Yes", "off", "~", "null", "12:30", "0704445457", "2023-01-01", "1e3", "0o17", "+.5", "0x1F", ".inf", "- a", "-a", "? a", ": a",
    "a: b", "a #b", "#a", "a:", "[a]", "{a: b}", "&a", "*a", "!a", "|a", ">a", "'a'", '"a"', "%a", "@a", "`a`", "a  b",
    "a\u00a0b", "a\u200bb", "=1+1", "\\n", "Malmö ' \" \\", "---", "...", "a,b", "ö" * 120,
    "Långt namn " * 20 + "slut", "ord  med dubbla  mellanslag " * 6 + "slut", "kolon: " * 30 + "slut", "# " + "hash " * 40,
]
MULTI_LINE = [
    "a\n\nb", "  indragen första rad\nsedan", "a\n  b\n    c", "rad med mellanslag sist  \nnästa", "a\n \nb", "- punkt\n- punkt",
    "# Rubrik\n\ntext", "a\n\n\n\nb", "slutar med radbrytning\n", "'citat'\n\"dubbelt\"", "kolon: här\n#inte kommentar",
    "lång rad " * 30 + "\nkort",
]


def _free_text(ftype: FieldType) -> str | None:
    """'text' or 'markdown' for a field of free text (no id, no pattern, no fixed form), else None."""
    vtype = ftype.value
    if vtype is None or ftype.marker(Ref) or ftype.marker(Pattern) or vtype.name not in ("text", "markdown"):
        return None
    return vtype.name


def _awkward(data: dict[str, Any], cls: type, texts: Iterator[str], lines: Iterator[str]) -> None:
    """Put awkward text into every free-text field of a record's JSON, walking the model."""
    for name, ftype in record_fields(cls).items():
        value = data.get(name)
        if value is None:
            continue
        inner = ftype.inner
        values = value if ftype.shape is Shape.LIST else [value]
        for i, item in enumerate(values):
            if inner.shape is Shape.RECORD:
                _awkward(item, inner.base, texts, lines)
            elif (kind := _free_text(inner)) is not None:
                values[i] = next(lines) if kind == "markdown" else next(texts)
        if ftype.shape is not Shape.LIST:
            data[name] = values[0]


def _cycle(values: list[str]) -> Iterator[str]:
    n = 0
    while True:
        yield values[n % len(values)] + ("" if n < len(values) else f" {n}")
        n += 1


def _imported_with_awkward_text(tmp_path: Path, capsys: pytest.CaptureFixture[str], one_line: list[str], multi_line: list[str]) -> Path:
    """The full fixture's registret.json with its text fields replaced by these texts, imported
    into YAML: the folder, after checking that it exports to the same records again."""
    data = json.loads(export(FIXTURES / "full")[0])
    texts, lines = _cycle(one_line), _cycle(multi_line)
    for record_type in RECORD_TYPES.values():
        for record in data[record_type.folder]:
            _awkward(record["recorded"], record_type.cls, texts, lines)
    source = tmp_path / "registret.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "imported"
    code, stdout, stderr = run_import(source, out, capsys)
    assert code == 0, stdout + stderr
    again = json.loads(export(out)[0])
    for record_type in RECORD_TYPES.values():
        assert [r["recorded"] for r in again[record_type.folder]] == [r["recorded"] for r in data[record_type.folder]]
    return out


def test_awkward_text_round_trips_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _imported_with_awkward_text(tmp_path, capsys, ONE_LINE, MULTI_LINE)
    written = "".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.yml")))
    # Quoted: YAML 1.1 reads `no` as false, 12:30 as 750 and 0704445457 as a number; YAML 1.2 reads 1e3 as 1000.
    for misread in ("no", "12:30", "0704445457", "0x1F", "1e3", "0o17", "+.5", "null", "~"):
        assert f": {misread}\n" not in written and f"- {misread}\n" not in written, misread
        assert f': "{misread}"\n' in written or f'- "{misread}"\n' in written, misread
    assert ": |-\n" in written and ": >-\n" in written  # Markdown as blocks, long lines folded


# --- The JSON Schema ----------------------------------------------------------------------


def test_committed_schema_is_generated_from_the_model() -> None:
    committed = (ROOT / "schemas" / "registret.schema.json").read_text(encoding="utf-8")
    assert committed == registry_schema_text(), "schemas/ är inaktuellt: kör iop-registry schema --out schemas"


def test_json_validates_against_its_published_schema(shipped_site: BuiltSite) -> None:
    schema = json.loads(shipped_site.read("data/schemas/registret.schema.json"))
    assert schema.pop("$id") == "https://iop-registret.malmo.se/data/schemas/registret.schema.json"
    assert schema == json.loads(registry_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    published = json.loads(shipped_site.read(WHOLE))
    assert published["format_version"] == FORMAT_VERSION
    assert published["schema"] == "schemas/registret.schema.json"
    assert [e.message for e in validator.iter_errors(published)] == []
    for fixture in VALID_FIXTURES:
        data = json.loads(export(FIXTURES / fixture)[0])
        assert [f"{fixture}: {e.json_path}: {e.message}" for e in validator.iter_errors(data)] == []
    # The schema is no formality: an unknown field, a wrong type and a bad form are refused.
    broken = copy.deepcopy(published)
    broken["organisations"][0]["recorded"]["nmae"] = "x"
    broken["partnerships"][0]["recorded"]["budget"][0]["costs"][0]["amount"] = "290000"
    broken["partnerships"][0]["recorded"]["period"]["start"] = "2023-1"
    assert len(list(validator.iter_errors(broken))) == 3
    assert not validator.is_valid({**published, "format_version": f"{FORMAT_MAJOR + 1}.0"})


def test_open_data_page_links_the_schema(shipped_site: BuiltSite) -> None:
    assert 'href="../data/schemas/registret.schema.json"' in shipped_site.page("oppna-data/")


# --- Bad input ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(export(FIXTURES / "opendata")[0])
    return data


def refused(data: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], *, raw: str | None = None) -> str:
    """Import `data` (or `raw` text): exit code 1, nothing written, the messages returned."""
    source = tmp_path / "registret.json"
    source.write_text(raw if raw is not None else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run_import(source, out, capsys)
    assert code == 1, stdout + stderr
    assert not out.exists()
    assert "inga filer skrivna" in stderr
    return stdout


def test_broken_json_is_reported_with_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = refused(None, tmp_path, capsys, raw='{"format_version": "1.1",\n  oops}')
    assert shown.startswith(f"{tmp_path / 'registret.json'}:2:3: fel: filen är inte giltig JSON")
    assert "Tips:" in shown


def test_a_newer_major_version_is_refused(good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    newer = f"{FORMAT_MAJOR + 1}.0"
    shown = refused({**good_json, "format_version": newer}, tmp_path, capsys)
    assert f"format_version: filen har format {newer}" in shown and f"läser format {FORMAT_MAJOR}.x" in shown


def test_field_problems_name_their_path_and_a_hint(good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy.deepcopy(good_json)
    organisation = data["organisations"][0]["recorded"]
    organisation["nmae"] = organisation.pop("name")
    data["partnerships"][0]["recorded"]["budget"][0]["costs"][0]["amount"] = "290000"
    data["courses"][0]["id"] = "Fel Id"
    shown = refused(data, tmp_path, capsys).splitlines()
    assert "organisations[0].recorded.nmae: okänt fält 'nmae'. Tips: Menade du 'name'?" in " ".join(shown)
    assert any("organisations[0].recorded.name: fältet saknas men är obligatoriskt." in line for line in shown)
    assert any("partnerships[0].recorded.budget[0].costs[0].amount: hittade en text (\"290000\"), förväntade ett belopp" in line for line in shown)
    assert any("courses[0].id: hittade \"Fel Id\", förväntade ett id." in line for line in shown)
    assert all(": fel: " in line and " Tips: " in line for line in shown)
    # A value of the right JSON type in a form the registry refuses: the parser's own words.
    data = copy.deepcopy(good_json)
    data["partnerships"][0]["recorded"]["period"]["start"] = "2023-13"
    shown = refused(data, tmp_path, capsys).splitlines()
    assert len(shown) == 1
    assert "partnerships[0].recorded.period.start: hittade '2023-13', förväntade ett datum, en månad eller ett år." in shown[0]
    assert "Tips: Skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ" in shown[0]


def test_text_no_file_can_hold_is_refused(good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy.deepcopy(good_json)
    data["organisations"][0]["recorded"]["name"] = "Före\ud800ningen"
    shown = refused(None, tmp_path, capsys, raw=json.dumps(data))  # ASCII JSON: the surrogate as \ud800
    assert "organisations[0].recorded.name: texten har ett ensamt surrogattecken (U+D800)" in shown


def test_a_record_too_large_for_a_file_is_refused(good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy.deepcopy(good_json)
    data["partnerships"][0]["recorded"]["conditions"] = ["Villkor. " * 2000] * 60  # 60 texts of 18,000 characters
    shown = refused(data, tmp_path, capsys)
    assert "partnerships[0].recorded: posten blir" in shown and "högst 1024 kB" in shown


def test_a_key_written_twice_is_refused(good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(good_json, ensure_ascii=False, separators=(",", ":"))
    name = json.dumps(good_json["organisations"][0]["recorded"]["name"], ensure_ascii=False)
    twice = text.replace(f'"name":{name}', f'"name":{name},"name":"Annat namn"', 1)
    assert twice != text
    assert "organisations[0].recorded.name: fältet står två gånger" in refused(None, tmp_path, capsys, raw=twice)


def test_records_that_do_not_fit_together_are_refused_before_a_file_is_written(
    good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(good_json)
    data["organisations"] = data["organisations"][1:]  # now some reference points nowhere
    data["courses"][0]["id"] = "pagaende"  # the address of the list of ongoing courses
    shown = refused(data, tmp_path, capsys).splitlines()
    assert "unknown" not in " ".join(shown) and ".yml:" not in " ".join(shown)  # no code names, no files that don't exist
    # Each message stands at its record and field in the JSON, as the validator's path names it.
    missing = [line for line in shown if "det finns ingen organisation" in line]
    assert missing and all(": fel: partnerships[0].recorded." in line or ": fel: grants[0].recorded." in line for line in missing), missing
    assert any(": fel: courses[0]: id:t 'pagaende' är upptaget" in line for line in shown), shown


def test_a_message_stands_at_the_field_its_path_names_or_at_its_record() -> None:
    problems = Problems("registret.json")
    at_field = Diagnostic("post.yml", 3, 10, Severity.ERROR, "bad-date", "period.start: hittade '2023-13'.", "Skriv ÅÅÅÅ-MM.", path="period.start")
    whole = Diagnostic("post.yml", 0, 0, Severity.WARNING, "reserved-id", "id:t är upptaget.")
    problems.diagnostic(at_field, "partnerships[2]")
    problems.diagnostic(whole, "courses[0]")
    assert problems.lines == [
        "registret.json: fel: partnerships[2].recorded.period.start: hittade '2023-13'. Tips: Skriv ÅÅÅÅ-MM.",
        "registret.json: varning: courses[0]: id:t är upptaget.",
    ]
    assert problems.errors == 1


def test_a_failed_write_leaves_no_files(good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "registret.json"
    source.write_text(json.dumps(good_json, ensure_ascii=False), encoding="utf-8")
    opened = Path.open
    written: list[Path] = []

    def full_disk(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "x" in mode:
            written.append(self)
            if len(written) == 3:
                raise OSError(28, "No space left on device")
        return opened(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", full_disk)
    code, _, stderr = run_import(source, tmp_path / "out", capsys)
    assert code == 1 and "inga filer skrivna" in stderr and len(written) == 3
    assert not (tmp_path / "out").exists() and [p.name for p in tmp_path.iterdir()] == ["registret.json"]


@pytest.mark.parametrize("version", ["9" * 5000 + ".0", "1" + "0" * 5000 + ".1"])
def test_a_format_version_of_thousands_of_digits_is_refused_in_swedish(
    version: str, good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = refused({**good_json, "format_version": version}, tmp_path, capsys)
    assert "format_version: filen har format 999" in shown or "format_version: filen har format 100" in shown
    assert len(shown) < 400  # the number is cut, not printed in full


def test_a_number_of_thousands_of_digits_is_refused_in_swedish(good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(good_json, ensure_ascii=False).replace('"format_version": "', '"format_version": ' + "9" * 5000 + ', "x": "', 1)
    shown = refused(None, tmp_path, capsys, raw=text)
    assert "filen är inte giltig JSON (ett tal med 5000 siffror" in shown and "Exceeds" not in shown


# Markdown may hold tabs (one-line text may not: the text rule refuses them).
TABBED_MARKDOWN = ["a\tb", "\tindragen med tabb", "slutar med tabb\t", "mellanslag \t och tabb", "a\n\tb", "\tförsta raden\nandra", "- punkt\n\t- underpunkt"]


def test_tabs_in_markdown_are_written_so_every_yaml_reader_reads_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """libyaml (which the registry reads with) takes a tab inside plain text; PyYAML's own
    reader, as editors' tools and a registry without libyaml use, refuses it: quoted, both read it."""
    out = _imported_with_awkward_text(tmp_path, capsys, ["Vanlig text"], TABBED_MARKDOWN)
    for file in sorted(out.rglob("*.yml")):
        text = file.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(text, Loader=yaml.CSafeLoader), file


def test_wrong_use_exits_2(good_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run_import(tmp_path / "saknas.json", tmp_path / "out", capsys)
    assert code == 2 and "finns inte" in stderr
    source = tmp_path / "registret.json"
    source.write_text(json.dumps(good_json), encoding="utf-8")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "fil.yml").write_text("x: 1\n", encoding="utf-8")
    code, _, stderr = run_import(source, tmp_path / "full", capsys)
    assert code == 2 and "skriver aldrig över" in stderr
    assert (tmp_path / "full" / "fil.yml").read_text(encoding="utf-8") == "x: 1\n"
