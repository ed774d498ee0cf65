"""All outputs of a build, from every renderer, in one list.

Each renderer module offers `outputs(renderer) -> Outputs`. Adding a kind of page or data
file means writing such a function and naming it here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from ..derive import Derived
from ..history import History
from ..model.publisher import Publisher
from . import changes, courses, dcat, economy, exports, guide, pages, search
from .environment import Outputs, Renderer
from .search.documents import PageText, handwritten_page
from .snippets import SNIPPETS

Producer = Callable[[Renderer], Outputs]

PRODUCERS: list[Producer] = [
    pages.outputs,
    courses.outputs,
    economy.outputs, exports.outputs,
    guide.outputs,
]



class OutputCollision(Exception):
    """Two outputs claim one path (a record id equal to a generated page's name, or two
    renderers): nothing may overwrite another page silently."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(f"several outputs for {paths}")
        self.paths = paths


def build_outputs(
    derived: Derived,
    publisher: Publisher,
    *,
    history: History | None = None,
    site_url: str = "",
    handwritten: Iterable[tuple[str, str]] = (),
) -> tuple[Outputs, Renderer]:
    """Every page and data file. `handwritten` holds the site's own Markdown pages as
    (src_uri, text), for the search: it finds them as it finds records."""
    renderer = Renderer(derived, publisher, history=history, site_url=site_url)
    result = Outputs()
    for produce in PRODUCERS:
        produced = produce(renderer)
        result.pages.extend(produced.pages)
        result.assets.extend(produced.assets)
    # The search indexes every record and every section's main page, so it comes after them.
    section_pages = [PageText(page.path, page.title, page.description) for page in result.pages if page.in_nav and page.search]
    section_pages.append(exports.search_text())  # the Öppna data page, made last (below)
    own_pages = [page for src_uri, markdown in handwritten if (page := handwritten_page(src_uri, markdown))]
    produced = search.outputs(renderer, [*section_pages, *own_pages])
    result.pages.extend(produced.pages)
    result.assets.extend(produced.assets)
    # Last: record dates, the change list and its feed name records by their page titles.
    result = changes.annotate(renderer, result)
    # The DCAT catalogue describes every data file with its size, so it is made from the finished files.
    result.assets.extend(dcat.outputs(renderer, result.assets).assets)
    # The Öppna data page lists every file with its size, the feeds and the catalogue too: it needs them all.
    result.pages.extend(exports.pages(renderer, result.assets))
    counts = Counter([p.path for p in result.pages] + [a.path for a in result.assets])
    duplicates = sorted(path for path, count in counts.items() if count > 1)
    if duplicates:
        raise OutputCollision(duplicates)
    return result, renderer


def expand_snippets(markdown: str, renderer: Renderer, page_path: str) -> str:
    """Replace `<!-- iop:NAME -->` markers in hand-written pages with rendered registry data."""
    for name, snippet in SNIPPETS.items():
        marker = f"<!-- iop:{name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, snippet(renderer, page_path))
    return markdown
