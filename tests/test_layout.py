"""The package's layout rules, checked on its source: modules use each other's public names only."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "iop_registry"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_imports_a_private_name_of_another() -> None:
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                # Ours: relative imports, or absolute ones of the package itself.
                ours = node.level > 0 or (node.module or "").startswith("iop_registry")
                found += [f"{path.relative_to(PACKAGE)}:{node.lineno} {a.name}" for a in node.names if ours and a.name.startswith("_")]
    assert found == []


def test_every_module_states_its_job_in_a_docstring() -> None:
    missing = [str(p.relative_to(PACKAGE)) for p in _modules() if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []


def test_each_record_kind_has_its_own_folder_section_and_search_letter() -> None:
    from iop_registry.model import RECORD_TYPES
    from iop_registry.render.search.documents import KINDS, PAGE_LETTER

    kinds = list(RECORD_TYPES.values())
    for attribute in ("folder", "section", "search_letter", "search_rank"):
        values = [getattr(t, attribute) for t in kinds]
        assert len(set(values)) == len(values), attribute
    assert PAGE_LETTER not in {t.search_letter for t in kinds}
    assert {t.search_letter: t.label for t in kinds} == {k: v for k, v in KINDS.items() if k != PAGE_LETTER}
