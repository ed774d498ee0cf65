"""All outputs of a build, from every renderer, in one list.

Each renderer module offers `outputs(renderer) -> Outputs`. Adding a kind of page or data
file means writing such a function and naming it here.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable

from ..derive import Derived
from ..history import History
from ..model.publisher import Publisher
from . import changes, courses, economy, exports, guide, pages, search
from .environment import RECORD_SECTIONS, Outputs, Page, Renderer
from .snippets import SNIPPETS

Producer = Callable[[Renderer], Outputs]

PRODUCERS: list[Producer] = [
    pages.outputs,
    courses.outputs,
    economy.outputs, exports.outputs,
    guide.outputs,
    search.outputs,
]

# Pages under these folders grow with the registry (records, their paginated lists, the
# money tables of ekonomi/). They stay out of Material's search index, which every reader's
# browser downloads whole: our own record search (render/search.py) finds records instead,
# from an index of short summaries that is downloaded in small parts.
OWN_SEARCH_SECTIONS = (*(f"{section}/" for section in RECORD_SECTIONS.values()), "beslut-och-bidrag/", "ekonomi/")


def build_outputs(
    derived: Derived, publisher: Publisher, *, history: History | None = None, site_url: str = ""
) -> tuple[Outputs, Renderer]:
    renderer = Renderer(derived, publisher, history=history, site_url=site_url)
    result = Outputs()
    for produce in PRODUCERS:
        produced = produce(renderer)
        result.pages.extend(produced.pages)
        result.assets.extend(produced.assets)
    # Last: record dates, the change list and its feed name records by their page titles.
    result = changes.annotate(renderer, result)
    result.pages = [_material_search_policy(page) for page in result.pages]
    counts = Counter([p.path for p in result.pages] + [a.path for a in result.assets])
    duplicates = sorted(path for path, count in counts.items() if count > 1)
    if duplicates:  # two renderers claiming one path is a programming error
        raise RuntimeError(f"several outputs for {duplicates}")
    return result, renderer


def _material_search_policy(page: Page) -> Page:
    if page.search and page.path.startswith(OWN_SEARCH_SECTIONS):
        return dataclasses.replace(page, search=False)
    return page


def expand_snippets(markdown: str, renderer: Renderer, page_path: str) -> str:
    """Replace `<!-- iop:NAME -->` markers in hand-written pages with rendered registry data."""
    for name, snippet in SNIPPETS.items():
        marker = f"<!-- iop:{name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, snippet(renderer, page_path))
    return markdown
