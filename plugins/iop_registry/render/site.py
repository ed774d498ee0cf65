"""All outputs of a build, from every renderer, in one list.

Each renderer module offers `outputs(renderer) -> Outputs`. Adding a kind of page or data
file means writing such a function and naming it here.
"""

from __future__ import annotations

from collections.abc import Callable

from ..derive import Derived
from . import pages
from .environment import Outputs, Renderer
from .snippets import SNIPPETS

Producer = Callable[[Renderer], Outputs]

PRODUCERS: list[Producer] = [
    pages.outputs,
]


def build_outputs(derived: Derived) -> tuple[Outputs, Renderer]:
    renderer = Renderer(derived)
    result = Outputs()
    for produce in PRODUCERS:
        produced = produce(renderer)
        result.pages.extend(produced.pages)
        result.assets.extend(produced.assets)
    paths = [p.path for p in result.pages] + [a.path for a in result.assets]
    duplicates = sorted({p for p in paths if paths.count(p) > 1})
    if duplicates:  # two renderers claiming one path is a programming error
        raise RuntimeError(f"several outputs for {duplicates}")
    return result, renderer


def expand_snippets(markdown: str, renderer: Renderer, page_path: str) -> str:
    """Replace `<!-- iop:NAME -->` markers in hand-written pages with rendered registry data."""
    for name, snippet in SNIPPETS.items():
        marker = f"<!-- iop:{name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, snippet(renderer, page_path))
    return markdown
