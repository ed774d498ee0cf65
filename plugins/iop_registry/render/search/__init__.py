"""The record search: a compact index of record summaries, split into small files.

Material's search index holds the full text of every page (about 4 KB a page), and a
browser downloads all of it before it shows a first result: 40 MB at 10,000 records (see
BENCHMARKS.md). Ours holds one short summary per record and is split so that a query loads
only what it needs:

    search/manifest.js   the list of term shards, the Swedish stemming rules, record kinds
    search/t/<key>.js    the stems that begin with <key>, each with the records containing it
    search/d/<n>.js      summaries of records n*BLOCK to n*BLOCK+BLOCK-1: title, kind,
                         status, a short text and the page's path

The files are scripts that hand their data to `iopSearch.receive(name, data)` rather than
JSON for fetch(): browsers refuse fetch() on a site opened from disk (file://), and the
site must work there too. `assets/iop-search.js` runs the lookup; the tests and the benchmark
use a Python twin of it (`tests/support/search_lookup.py`), and browser tests check that both
give the same answers.

Stemming is the Snowball stemmer for Swedish (plus "-et"), so "föreningarna" finds
"förening" and "kurserna" finds "kurs". Its rules travel in the manifest, so the script
and the package can't disagree about a suffix.

The package: `text` turns Swedish text into search terms, `documents` says what each page is
found by, `index` writes the files, and this module adds the search page beside them.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..environment import Asset, Outputs, Page, Renderer
from .documents import PageText, documents
from .index import DATA_DIR, index_files

SEARCH_PAGE = "sok/"


def outputs(renderer: Renderer, pages: Iterable[PageText] = ()) -> Outputs:
    """The search page and the index of every record and of `pages` (lists, hand-written pages)."""
    files = index_files(documents(renderer, pages))
    body = renderer.render("search.html", SEARCH_PAGE, data=DATA_DIR)
    page = Page(SEARCH_PAGE, "Sök i registret", body, in_nav=True, description="Sök bland partnerskap, kurser, organisationer, beslut, bidrag och sidor.")
    return Outputs(pages=[page], assets=[Asset(path, content) for path, content in files.items()])
