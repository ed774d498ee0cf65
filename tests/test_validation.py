"""The loader and validator: every silent coercion refused, every problem located.

Each test copies the minimal valid registry, breaks one thing, and asserts the exact
file, line, column, code and message that an editor would see.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iop_registry.diagnostics import Report
from iop_registry.validate import validate_path

from conftest import FIXTURES, ROOT, SHIPPED_REGISTRY
from support.validation import diagnostics, only, replace

MINIMAL = FIXTURES / "minimal"
PARTNERSHIP = "partnerships/testpartnerskap.yml"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(MINIMAL, root)
    return root


def test_minimal_fixture_is_valid(registry: Path) -> None:
    assert diagnostics(registry) == []


def test_shipped_registry_has_no_errors() -> None:
    report = Report(ROOT)
    registry = validate_path(SHIPPED_REGISTRY, report)
    assert report.errors == []
    assert len(registry.partnerships) == 2 and len(registry.grants) == 2 and len(registry.decisions) == 3


def test_shipped_mammakraft_gap_is_a_warning_not_an_error() -> None:
    report = Report(ROOT)
    validate_path(SHIPPED_REGISTRY, report)
    gaps = [d for d in report.warnings if d.code == "unbalanced-budget"]
    assert [d.file for d in gaps] == ["registry/partnerships/mammakraft.yml"] * 2
    assert "skiljer sig med 62\u00a0kr år 2023" in gaps[0].message


def test_unquoted_phone_number_is_rejected_with_line(registry: Path) -> None:
    replace(registry, PARTNERSHIP, 'phone: "040-34 10 00"', "phone: 0704445457")
    d = only(diagnostics(registry))
    assert (d.file, d.line, d.column, d.code) == (PARTNERSHIP, 12, 14, "yaml-coercion")
    assert d.message == (
        "parties[0].contact.phone: hittade 0704445457 utan citattecken, som YAML läser som talet 118639407; "
        "förväntade ett telefonnummer."
    )
    assert d.hint == 'Sätt värdet inom citattecken: "0704445457".'


def test_unquoted_time_does_not_become_1110(registry: Path) -> None:
    replace(registry, "organisations/foreningen.yml", "name: Testföreningen", "name: Testföreningen\nshort_name: 18:30")
    d = only(diagnostics(registry))
    assert (d.line, d.column, d.code) == (2, 13, "yaml-coercion")
    assert "som talet 1110" in d.message


def test_unquoted_no_does_not_become_false(registry: Path) -> None:
    replace(registry, "organisations/foreningen.yml", "name: Testföreningen", "name: Testföreningen\nshort_name: no")
    d = only(diagnostics(registry))
    assert d.code == "yaml-coercion"
    assert "sanningsvärdet false" in d.message


def test_leading_zero_octal_is_refused_in_text_fields(registry: Path) -> None:
    replace(registry, "organisations/foreningen.yml", "name: Testföreningen", "name: Testföreningen\nshort_name: 012345")
    d = only(diagnostics(registry))
    assert "som talet 5349" in d.message


def test_duplicate_key_is_an_error_naming_both_lines(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "title: Testpartnerskap", "title: Testpartnerskap\ntitle: Annat namn")
    d = only(diagnostics(registry))
    assert (d.line, d.code) == (2, "duplicate-key")
    assert d.message == "title: fältet står två gånger (första gången på rad 1)."


def test_unknown_field_gets_did_you_mean(registry: Path) -> None:
    # The summary is optional (a press release may give none), so a misspelt title shows both messages.
    replace(registry, PARTNERSHIP, "title:", "titel:")
    items = diagnostics(registry)
    unknown = [d for d in items if d.code == "unknown-field"]
    assert only(unknown).line == 1
    assert unknown[0].hint == "Menade du 'title'?"
    assert any(d.code == "missing-field" and d.path == "title" for d in items)


def test_invalid_calendar_date(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "start: 2023-01-01", "start: 2023-02-30")
    d = only(diagnostics(registry))
    assert (d.line, d.column, d.code, d.path) == (17, 10, "bad-value", "period.start")


def test_invalid_date_in_date_field(registry: Path) -> None:
    replace(registry, "decisions/tst-2023-1.yml", "decided_on: 2022-12-15", "decided_on: 2022-13-01")
    d = only(diagnostics(registry))
    assert (d.line, d.code) == (5, "bad-value")
    assert d.hint == "Datumet finns inte i kalendern; kontrollera dag och månad."


def test_amount_with_spaces_or_decimals_or_sign(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "amount: 100000\n    income", "amount: 100000.50\n    income")
    d = only(diagnostics(registry))
    assert (d.line, d.code) == (23, "bad-value")
    assert d.hint == "Belopp anges i hela kronor, utan ören."
    replace(registry, PARTNERSHIP, "amount: 100000.50", "amount: -5")
    assert only(diagnostics(registry)).hint == "Belopp får inte vara negativa."


def test_quoted_amount_is_refused(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "amount: 100000\n    income", 'amount: "100 000"\n    income')
    d = only(diagnostics(registry))
    assert d.code == "quoted-value" and d.hint == "Ta bort citattecknen: 100 000."


def test_wrong_type_list_expected(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "case_numbers:\n  - TST-2023-1", "case_numbers: TST-2023-1")
    d = only(diagnostics(registry))
    assert (d.line, d.code) == (3, "wrong-type")
    assert d.message == "case_numbers: hittade 'TST-2023-1', förväntade en lista."


def test_empty_file(registry: Path) -> None:
    (registry / "organisations/tom.yml").write_text("", encoding="utf-8")
    d = only(diagnostics(registry))
    assert (d.file, d.line, d.code) == ("organisations/tom.yml", 1, "empty-file")


def test_file_that_is_not_utf8(registry: Path) -> None:
    (registry / "organisations/latin.yml").write_bytes("name: Föreningen\nkind: association\n".encode("latin-1"))
    d = only(diagnostics(registry))
    assert (d.line, d.column, d.code) == (1, 8, "not-utf8")


def test_tab_indentation(registry: Path) -> None:
    (registry / "organisations/tabb.yml").write_text("name: X\nkind: association\nparent:\n\tmalmo-stad\n", encoding="utf-8")
    d = only(diagnostics(registry))
    assert (d.line, d.code) == (4, "yaml-syntax")
    assert d.message == "Tabbtecken är inte tillåtna i YAML."


def test_syntax_error_has_location(registry: Path) -> None:
    (registry / "organisations/trasig.yml").write_text('name: "X\nkind: association\n', encoding="utf-8")
    d = only(diagnostics(registry))
    assert d.code == "yaml-syntax" and d.line >= 1


def test_bad_choice_lists_allowed_values(registry: Path) -> None:
    replace(registry, "organisations/foreningen.yml", "kind: association", "kind: forening")
    d = only(diagnostics(registry))
    assert d.code == "bad-choice" and "association = Förening" in d.hint


def test_unknown_reference_with_did_you_mean(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "organisation: foreningen", "organisation: foreningn")
    d = only(diagnostics(registry))
    assert (d.line, d.column, d.code) == (8, 19, "unknown-reference")
    assert d.message == "parties[0].organisation: det finns ingen organisation med id 'foreningn'."
    assert d.hint == "Menade du 'foreningen'?"


def test_unsafe_file_name_is_not_an_id(registry: Path) -> None:
    shutil.copy(registry / "organisations/foreningen.yml", registry / "organisations/Förening 2.yml")
    d = only(diagnostics(registry))
    assert d.code == "bad-id"


def test_invalid_org_number_checksum(registry: Path) -> None:
    replace(registry, "organisations/malmo-stad.yml", '"212000-1124"', '"212000-1125"')
    d = only(diagnostics(registry))
    assert (d.line, d.code) == (3, "bad-value")
    assert "Kontrollsiffran" in d.hint


def test_invalid_phone_number(registry: Path) -> None:
    replace(registry, PARTNERSHIP, '"040-34 10 00"', '"040-12"')
    assert only(diagnostics(registry)).path == "parties[0].contact.phone"


def test_internationalised_email_is_valid_and_links_as_a_label(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "testa@example.se", "georgina.simicic@malmö.se")
    assert diagnostics(registry) == []


def test_invalid_email(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "testa@example.se", "testa.example.se")
    assert only(diagnostics(registry)).path == "parties[0].contact.email"


def test_period_end_before_start(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "end: 2024-12-31", "end: 2022-12-31")
    items = diagnostics(registry)
    order = [d for d in items if d.code == "period-order"]
    assert only(order).line == 18


def test_stated_total_must_equal_lines(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "    income:", "    stated_cost_total: 100001\n    income:")
    d = only(diagnostics(registry))
    assert (d.line, d.code) == (24, "total-mismatch")
    assert d.message == "budget[0].stated_cost_total: angiven summa 100\u00a0001\u00a0kr, men kostnadsposterna blir 100\u00a0000\u00a0kr."


def test_costs_and_income_differing_is_a_warning(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "amount: 100000\nextension", "amount: 99938\nextension")
    d = only(diagnostics(registry))
    assert d.severity.value == "warning" and d.code == "unbalanced-budget"


def test_every_error_of_a_run_is_reported_together(registry: Path) -> None:
    replace(registry, PARTNERSHIP, 'phone: "040-34 10 00"', "phone: 0704445457")
    replace(registry, "organisations/malmo-stad.yml", '"212000-1124"', '"212000-1125"')
    (registry / "organisations/tom.yml").write_text("", encoding="utf-8")
    assert len([d for d in diagnostics(registry) if d.is_error]) == 3


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "iop_registry.cli", *args], capture_output=True, text=True)


def test_cli_exit_codes_and_formats(registry: Path) -> None:
    ok = run_cli("validate", str(registry))
    assert ok.returncode == 0 and ok.stdout == ""
    replace(registry, PARTNERSHIP, 'phone: "040-34 10 00"', "phone: 0704445457")
    text = run_cli("validate", str(registry))
    assert text.returncode == 1
    assert text.stdout.splitlines()[0].endswith(
        "partnerships/testpartnerskap.yml:12:14: fel: parties[0].contact.phone: hittade 0704445457 utan citattecken, "
        'som YAML läser som talet 118639407; förväntade ett telefonnummer. Tips: Sätt värdet inom citattecken: "0704445457".'
    )
    as_json = json.loads(run_cli("validate", str(registry), "--format", "json").stdout)
    assert {k: as_json[0][k] for k in ("line", "column", "severity", "code")} == {"line": 12, "column": 14, "severity": "error", "code": "yaml-coercion"}
    github = run_cli("validate", str(registry), "--format", "github").stdout
    assert github.startswith("::error file=") and ",line=12,col=14," in github
    assert run_cli("validate", "--format", "xml").returncode == 2


def test_cli_never_shows_a_traceback_for_user_errors(registry: Path) -> None:
    (registry / "partnerships/skrap.yml").write_bytes(b"\xff\xfe: [\n\t")
    (registry / "okand-mapp").mkdir()
    result = run_cli("validate", str(registry))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("relative", "old", "new", "code", "line", "severity"),
    [
        ("decisions/tst-2023-1.yml", "decided_on: 2022-12-15\n", "", "missing-decision-date", 4, "warning"),
        ("decisions/tst-2023-1.yml", "status: decided", "status: proposed", "decision-date-without-decision", 5, "error"),
        (PARTNERSHIP, "    role: public", "    role: academic", "no-public-party", 8, "error"),
        (PARTNERSHIP, "  - year: 2023", "  - year: 2030", "budget-outside-period", 20, "warning"),
        (PARTNERSHIP, "case_numbers:\n  - TST-2023-1", "case_numbers:\n  - TST-2023-2", "case-number-missing", 6, "warning"),
        (PARTNERSHIP, "extension:", "follow_up:\n  description: Rapport.\n  reports:\n    - period: '2023'\n      due: 2022-01-01\nextension:", "deadline-before-start", 31, "warning"),
        (PARTNERSHIP, "title: Testpartnerskap", "title: !!python/object:os.system Testpartnerskap", "yaml-tag", 1, "error"),
        (PARTNERSHIP, "case_numbers:\n  - TST-2023-1", "case_numbers:\n  - TST-2023-1\n  -", "empty-item", 5, "error"),
        (PARTNERSHIP, "case_numbers:\n  - TST-2023-1", "case_numbers:\n  - tst 2023", "bad-value", 4, "error"),
        ("organisations/foreningen.yml", "name: Testföreningen\n", "name: Testföreningen\n---\nname: Två\n", "many-documents", 3, "error"),
        ("organisations/foreningen.yml", "name: Testföreningen\nkind: association\n", "- name: Testföreningen\n", "not-a-mapping", 1, "error"),
    ],
)
def test_each_check_reports_its_code_and_line(registry: Path, relative: str, old: str, new: str, code: str, line: int, severity: str) -> None:
    replace(registry, relative, old, new)
    found = [d for d in diagnostics(registry) if d.code == code]
    assert len(found) == 1, "\n".join(d.as_text() for d in diagnostics(registry))
    assert (found[0].file, found[0].line, found[0].severity.value) == (relative, line, severity)


def test_organisations_in_a_ring_are_each_reported(registry: Path) -> None:
    replace(registry, "organisations/malmo-stad.yml", "kind: municipality", "kind: municipality\nparent: namnden")
    found = [(d.file, d.line) for d in diagnostics(registry) if d.code == "parent-cycle"]
    assert found == [("organisations/malmo-stad.yml", 3), ("organisations/namnden.yml", 3)]


def test_duplicate_budget_year(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "extension:", "  - year: 2023\n    costs:\n      - label: Mer\n        amount: 1\nextension:")
    found = [d for d in diagnostics(registry) if d.code == "duplicate-year"]
    assert [(d.line, d.path) for d in found] == [(27, "budget[1].year")]


def test_same_id_twice_with_both_suffixes(registry: Path) -> None:
    shutil.copy(registry / "organisations/foreningen.yml", registry / "organisations/foreningen.yaml")
    d = only(diagnostics(registry))
    assert d.code == "duplicate-id" and d.file == "organisations/foreningen.yml"


def test_a_year_with_a_typo_is_refused_before_it_reaches_the_site(registry: Path) -> None:
    replace(registry, PARTNERSHIP, "  - year: 2023", "  - year: 20230")
    d = only([d for d in diagnostics(registry) if d.is_error])
    assert (d.line, d.code, d.path) == (20, "bad-value", "budget[0].year")
    assert d.message == "budget[0].year: hittade 20230, förväntade ett tal mellan 1950 och 2100."
