"""What an editor meets before a change is published: GitHub annotations, "did you mean" hints,
editor completion (schemas, VS Code settings), the pull-request and publishing workflows."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from iop_registry.cli import main, schema_text
from iop_registry.model import RECORD_TYPES

from conftest import FIXTURES, ROOT

BROKEN = FIXTURES / "editor-broken"
ANNOTATION = re.compile(
    r"^::(?P<level>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<code>[^:]+)::(?P<text>.*)$"
)


def github_annotations(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict[str, str]]]:
    monkeypatch.chdir(FIXTURES)  # paths in annotations are relative to where the command runs
    code = main(["validate", BROKEN.name, "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    matches = [ANNOTATION.match(line) for line in lines]
    assert all(matches), lines
    return code, [m.groupdict() for m in matches if m]


def test_github_annotations_point_at_the_broken_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, annotations = github_annotations(capsys, monkeypatch)
    assert code == 1
    found = {(a["file"], int(a["line"]), int(a["col"]), a["code"]) for a in annotations}
    expected = {
        ("editor-broken/courses/hosten.yml", 3, 1, "unknown-field"),  # titel:
        ("editor-broken/courses/hosten.yml", 11, 12, "yaml-coercion"),  # start: 17:00
        ("editor-broken/courses/varen.yml", 2, 14, "unknown-reference"),  # partnership: testpartnerskapet
    }
    assert expected <= found
    # Each annotation's place really holds what it complains about.
    for file, line, col, annotated in expected:
        text = (FIXTURES / file).read_text(encoding="utf-8").splitlines()[line - 1]
        word = {"unknown-field": "titel", "yaml-coercion": "17:00", "unknown-reference": "testpartnerskapet"}[annotated]
        assert text[col - 1 :].startswith(word), (file, line, col, text)


def test_github_annotations_are_one_line_each_with_the_hint(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, annotations = github_annotations(capsys, monkeypatch)
    assert annotations and all(a["level"] == "error" and " Tips: " in a["text"] for a in annotations)


def test_a_typo_in_a_field_name_gets_a_did_you_mean_hint(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, annotations = github_annotations(capsys, monkeypatch)
    typo = next(a for a in annotations if a["code"] == "unknown-field")
    assert typo["text"] == "titel: okänt fält 'titel'. Tips: Menade du 'title'?"


def test_a_typo_in_a_reference_gets_a_did_you_mean_hint(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, annotations = github_annotations(capsys, monkeypatch)
    reference = next(a for a in annotations if a["code"] == "unknown-reference")
    assert reference["text"].endswith("Tips: Menade du 'testpartnerskap'?")


def test_text_format_gives_file_line_and_column_in_swedish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    assert main(["validate", BROKEN.name]) == 1
    captured = capsys.readouterr()
    assert (
        "editor-broken/courses/hosten.yml:3:1: fel: titel: okänt fält 'titel'. Tips: Menade du 'title'?"
        in captured.out.splitlines()
    )
    assert "fel" in captured.err  # the summary line, e.g. "4 poster kontrollerade: 4 fel, 0 varningar."


# --- Editor completion ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RECORD_TYPES))
def test_committed_schema_equals_the_one_generated_from_the_model(kind: str) -> None:
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), f"schemas/ är inaktuellt: kör iop-registry schema --out schemas ({kind})"


def test_schemas_folder_holds_exactly_one_schema_per_record_type() -> None:
    # And the schema of the whole registry's JSON (data/registret.json, see tests/test_import.py).
    expected = [f"{kind}.schema.json" for kind in RECORD_TYPES] + ["registret.schema.json"]
    assert sorted(p.name for p in (ROOT / "schemas").iterdir()) == sorted(expected)


def test_vscode_maps_every_schema_onto_its_registry_folder() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for kind, record_type in RECORD_TYPES.items():
        schema = f"./schemas/{kind}.schema.json"
        assert (ROOT / schema).is_file()
        assert f"registry/{record_type.folder}/*.yml" in mapping[schema]
    assert len(mapping) == len(RECORD_TYPES)


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_every_registry_file_names_the_schema_of_its_folder() -> None:
    """The modeline gives completion in any editor with the YAML language server, even without
    the workspace settings; a record copied into the wrong folder shows up here."""
    for kind, record_type in RECORD_TYPES.items():
        for file in sorted((ROOT / "registry" / record_type.folder).glob("*.yml")):
            first = file.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json", file


# --- Workflows and pre-commit ---------------------------------------------------------------


def _workflow(name: str) -> dict[str, object]:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data  # type: ignore[no-any-return]


def _steps(workflow: dict[str, object]) -> list[dict[str, object]]:
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    return [step for job in jobs.values() for step in job["steps"]]


def _runs(workflow: dict[str, object]) -> str:
    return "\n".join(str(step.get("run", "")) for step in _steps(workflow))


def _uses(workflow: dict[str, object], action: str) -> dict[str, object]:
    return next(step for step in _steps(workflow) if str(step.get("uses", "")).startswith(action + "@"))


def test_pull_request_workflow_validates_builds_tests_and_uploads_a_preview() -> None:
    workflow = _workflow("pr.yml")
    assert "pull_request" in workflow["on"]  # type: ignore[operator]
    assert _uses(workflow, "actions/checkout")["with"]["fetch-depth"] == 0  # type: ignore[index]
    assert _uses(workflow, "actions/setup-python")["with"]["python-version"] == "3.11"  # type: ignore[index]
    runs = _runs(workflow)
    assert "pip install -e '.[test]'" in runs
    assert "iop-registry validate registry --format github" in runs
    assert "mkdocs build --strict" in runs
    assert "make test" in runs
    upload = _uses(workflow, "actions/upload-artifact")
    assert upload["with"]["name"] == "forhandsvisning"  # type: ignore[index]


def test_publish_workflow_runs_on_main_every_night_and_by_hand_and_deploys_to_pages() -> None:
    workflow = _workflow("publish.yml")
    on = workflow["on"]
    assert isinstance(on, dict)
    assert on["push"]["branches"] == ["main"]
    assert on["schedule"][0]["cron"]
    assert "workflow_dispatch" in on
    assert _uses(workflow, "actions/checkout")["with"]["fetch-depth"] == 0  # type: ignore[index]
    assert "unset SOURCE_DATE_EPOCH" in _runs(workflow)
    _uses(workflow, "actions/upload-pages-artifact")
    _uses(workflow, "actions/deploy-pages")


def test_pre_commit_runs_the_validator() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(hook["entry"] == "iop-registry validate registry" and hook.get("pass_filenames") is False for hook in hooks)
