"""One table of value types: every annotation of the model has an entry, and the parser and the
editors' JSON Schema accept the same forms of every value type with a pattern."""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from iop_registry.diagnostics import Report
from iop_registry.model import RECORD_TYPES
from iop_registry.model.decision import Decision
from iop_registry.model.publisher import Publisher
from iop_registry.model.values import VALUE_TYPES
from iop_registry.parse import INVALID, ParseContext, parse_record, record_fields
from iop_registry.schema import object_schema


def _model_fields() -> list[tuple[str, Any]]:
    """(path, FieldType) of every single value in every record class, nested ones included."""
    found: list[tuple[str, Any]] = []
    seen: set[type] = set()

    def visit(cls: type, prefix: str) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, ftype in record_fields(cls).items():
            inner = ftype.item or ftype
            path = f"{prefix}{name}" + ("[]" if ftype.item else "")
            if inner.is_record:
                visit(inner.base, path + ".")
            else:
                found.append((path, inner))

    for record_type in RECORD_TYPES.values():
        visit(record_type.cls, f"{record_type.kind}.")
    visit(Publisher, "publisher.")
    return found


def test_every_annotation_in_the_model_has_a_value_type() -> None:
    fields = _model_fields()
    assert len(fields) > 100  # the walk reaches the nested groups, not only the top level
    missing = [path for path, ftype in fields if ftype.value is None]
    assert missing == [], f"värdetyp saknas i VALUE_TYPES för {missing}"


# Values for each value type with a form. Each list mixes forms that are right with typical
# mistakes; the parser and the JSON Schema must give the same answer for every one of them.
SAMPLES: dict[str, list[str]] = {
    "date": ["2023-01-01", "2023-1-01", "20230101", "2023-01-01T10:00", "1/1 2023", "٢٠٢٣-٠١-٠١", "2023-01-01 "],
    "time": ["17:00", "09:05", "7:00", "24:00", "17.00", "17:00:00", "23:59", "17:60"],
    "partial-date": ["2024", "2024-05", "2024-05-01", "2024-5", "24", "2024-05-1", "2024/05"],
    "month-day": ["04-30", "02-29", "4-30", "04/30", "0430", "04-30-01"],
    "phone": [
        "040-34 10 00", "+46 40 34 10 00", "0704-44 54 58", "0723 - 85 07 20", "(040) 34 10 00", "070–174 06 07",
        "040/34 10 00", "040.34.10.00", "12345", "040-34 10 00 ank. 12", "tel:040341000",
    ],
    "email": [
        "namn@ikf.se", "georgina.simicic@malmö.se", "Namn.Efternamn@Malmo.se", "namn@@ikf.se", "namn@ikf",
        "namn ikf@ikf.se", "namn.@ikf.se", ".namn@ikf.se", "a" * 65 + "@ikf.se", "namn@ikf.se.", "namn@ikf..se",
    ],
    "org-number": [
        "846003-1936", "8460031936", "846003 1936", "846003–1936", "846003—1936", "84600-31936", "846003-193",
        "846003--1936", "846003_1936",
    ],
    "case-number": [
        "ASN-2022-13029", "KSN-2016-1422", "SN-2017/272", "KS/2016:7", "ALN-2017-0413.15", "KS 2019/123",
        "Dnr KS/2016:7", "asn-2022-13029", "ASN-22-1", "ASN-2022-", "ASN-2022-13029.", "ASN 2022 13029", "2022-13029",
    ],
    "url": [
        "https://malmo.se", "http://malmo.se/a?b=1#c", "HTTPS://malmo.se", "ftp://malmo.se", "https://", "https:///x",
        "https://mal mo.se", "malmo.se", "https//malmo.se",
    ],
}
# Values whose form is right but which only the parser can refuse: a day not in the calendar,
# a wrong Luhn check digit, a number outside Sweden's numbering plan, a broken domain.
FORM_RIGHT_CONTENT_WRONG: dict[str, list[str]] = {
    "date": ["2023-02-30"],
    "partial-date": ["2024-13", "2023-02-30"],
    "month-day": ["02-30", "13-01"],
    "phone": ["000-00 00 00"],
    "email": ["namn@-ikf.se", "namn@ikf.123"],
    "org-number": ["846003-1937"],
    "url": ["https://[::1"],
}
CASE_NUMBERS = ["ASN-2022-13029", "asn-2022-13029", "ASN 2022-13029", "ASN-22-1", "ASN-2022-", "KS-2019-1", "KS/2016:7"]


def _probe_class(annotation: Any) -> type:
    return dataclasses.make_dataclass("Probe", [("value", annotation)], frozen=True)


def _annotation_of(name: str) -> Any:
    """A model field's annotation that has the value type `name` (optional or not)."""
    for record_type in RECORD_TYPES.values():
        for cls in _classes(record_type.cls):
            hints = typing.get_type_hints(cls, include_extras=True)
            for field_name, ftype in record_fields(cls).items():
                if ftype.item is None and not ftype.is_record and ftype.value is not None and ftype.value.name == name:
                    return hints[field_name]
    raise AssertionError(f"ingen modellfält har värdetypen {name}")


def _classes(cls: type) -> list[type]:
    found = [cls]
    for ftype in record_fields(cls).values():
        inner = ftype.item or ftype
        if inner.is_record and inner.base not in found:
            found += [c for c in _classes(inner.base) if c not in found]
    return found


def _parser_accepts(probe: type, text: str) -> bool:
    node = yaml.compose(f"value: {json.dumps(text, ensure_ascii=False)}\n", Loader=yaml.SafeLoader)
    report = Report()
    return parse_record(node, probe, ParseContext(Path("probe.yml"), report)) is not INVALID and not report.has_errors


def _schema_accepts(probe: type, text: str) -> bool:
    validator = jsonschema.Draft202012Validator(object_schema(probe))
    return validator.is_valid({"value": text})


def test_every_value_type_with_a_form_has_samples() -> None:
    with_form = {entry.name for entry in VALUE_TYPES.values() if entry.form is not None}
    assert with_form == set(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_parser_and_json_schema_accept_the_same_forms(name: str) -> None:
    probe = _probe_class(_annotation_of(name))
    answers = {text: (_parser_accepts(probe, text), _schema_accepts(probe, text)) for text in SAMPLES[name]}
    disagree = {text: f"parser {p}, schema {s}" for text, (p, s) in answers.items() if p != s}
    assert disagree == {}
    assert any(p for p, _ in answers.values()) and not all(p for p, _ in answers.values())
    # What only the parser can know: the schema lets the form through, the parser refuses.
    for text in FORM_RIGHT_CONTENT_WRONG.get(name, []):
        assert (_parser_accepts(probe, text), _schema_accepts(probe, text)) == (False, True), text


def test_organisation_numbers_as_documents_write_them_pass_parser_and_schema_alike() -> None:
    probe = _probe_class(_annotation_of("org-number"))
    for text in ("846003-1936", "8460031936", "846003 1936", "846003–1936"):
        assert _parser_accepts(probe, text) and _schema_accepts(probe, text), text


def test_case_numbers_pass_parser_and_schema_alike() -> None:
    probe = _probe_class(typing.get_type_hints(Decision, include_extras=True)["case_number"])
    answers = {text: (_parser_accepts(probe, text), _schema_accepts(probe, text)) for text in CASE_NUMBERS}
    assert {text: a for text, a in answers.items() if a[0] != a[1]} == {}
    assert answers["ASN-2022-13029"] == (True, True)
