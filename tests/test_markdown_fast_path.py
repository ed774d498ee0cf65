"""Text fields that to_html writes without the Markdown parser come out exactly as the parser
writes them: every text in the shipped registry and the fixtures, and many random texts made
of paragraphs, line breaks, spaces, underlines and quotes."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest
import yaml

from iop_registry.render.markdown import markdown_html, to_html

from conftest import FIXTURES, SHIPPED_REGISTRY

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# What plain paragraphs are made of, and what Markdown could read as more than that.
PIECES = ["Barn", "och", "föräldrar", "Å", "1", "2023.", "2)", "-", "--", "---", "=", "==", ":", '"citat"', "'s", "«»",
          " ", "  ", "\n", "\n\n", "\n \n", "\n\t\n", "\t", "\u00a0", "\u2003", "\u3000", "\x85", "\u2028", "\r\n", "\x0c"]


def texts_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_in(item)


def registry_texts() -> list[str]:
    files = [*SHIPPED_REGISTRY.rglob("*.yml"), *FIXTURES.rglob("*.yml")]
    texts = []
    for file in files:
        try:
            texts += texts_in(yaml.safe_load(file.read_text(encoding="utf-8")))
        except yaml.YAMLError:
            continue  # the fixtures of broken files
    return texts


# Mostly what an editor writes: words, spaces, line breaks and blank lines.
PLAIN_PIECES = ["Barn", "och", "föräldrar", "2023.", "2)", "-", "---", "=", '"citat"', " ", " ", " ", "\n", "\n", "\n\n", "\n\n\n"]


def random_texts(count: int, pieces: list[str], seed: int = 18) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def test_every_text_of_several_paragraphs_is_what_the_parser_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    import iop_registry.render.markdown as module

    parsed: list[str] = []
    monkeypatch.setattr(module, "markdown_html", lambda text: parsed.append(text) or markdown_html(text))
    # Texts of one paragraph were written without the parser before (escaping quotes, which
    # the parser leaves as they are); this compares the texts of several.
    texts = [text for text in registry_texts() + random_texts(20_000, PIECES) + random_texts(20_000, PLAIN_PIECES) if PARAGRAPH_BREAK.search(text.strip())]
    different = [text for text in texts if str(to_html(text)) != markdown_html(text)]
    assert different == []
    skipped = len(texts) - len(parsed)
    assert skipped > 1000 and parsed  # both ways were taken


def test_plain_paragraphs_skip_the_parser_and_an_underline_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    import iop_registry.render.markdown as module

    parsed: list[str] = []
    monkeypatch.setattr(module, "markdown_html", lambda text: parsed.append(text) or markdown_html(text))
    assert str(to_html("Första stycket.\n\nAndra stycket,\nsom fortsätter.")) == "<p>Första stycket.</p>\n<p>Andra stycket,\nsom fortsätter.</p>"
    assert str(to_html("Rubrik\n---\n\nText")) == "<h2>Rubrik</h2>\n<p>Text</p>"
    assert parsed == ["Rubrik\n---\n\nText"]
