"""The text rule's quick path for common scripts judges every character as the full rule does."""

from __future__ import annotations

import pytest

from iop_registry.model.types import Markdown
from iop_registry.text import text_problem

# U+1F600 is visible but lies outside the quick path's range: a text holding it is judged
# character by character, so comparing both answers tests the quick path against the rule.
OUTSIDE_QUICK_PATH = "\U0001f600"


@pytest.mark.parametrize("value_type", [str, Markdown], ids=["one-line", "multi-line"])
@pytest.mark.parametrize("around", ["a{}b", "å{}ö", "{}", "  {}  "])
def test_every_character_is_judged_alike_on_both_paths(value_type: type, around: str) -> None:
    differing = []
    for code in range(0x3000):
        text = around.format(chr(code))
        quick = text_problem(text, value_type)
        # The added emoji counts as visible, so compare only texts that have something
        # visible already, and the problem's code and position (its message names them).
        full = text_problem(text + OUTSIDE_QUICK_PATH, value_type)
        shown_alike = (quick and (quick.code, quick.message)) == (full and (full.code, full.message))
        if not shown_alike and (quick is None or quick.code != "invisible-text"):
            differing.append(f"U+{code:04X}: {quick} / {full}")
    assert differing == []
