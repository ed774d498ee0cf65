"""Lists split into numbered pages: the one rule every list on the site follows.

A list of any length is shown `PER_PAGE` items at a time; page 1 is the list's own address and
page N is `sida-N/` inside it (site_paths.numbered_page). Listings (Partnerskap, a status or a
board, Beslut och bidrag, Ändringar, Kurser and its archive) are lists of their own; a record
page with long lists of related records (an organisation's partnerships and grants, the
partnerships a decision concerns) is split the same way inside the record's folder, each page
holding the next items of every list (`record_chunks`). The pages work without JavaScript: the
pager is plain links with rel=prev/next, in a labelled nav with aria-current on this page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..site_paths import numbered_page

T = TypeVar("T")

# Listings are split so that no page grows with the registry: 10,000 partnerships would
# otherwise make one page of several megabytes for a reader on a phone; a hundred rows of a
# table are about 60 KB of HTML.
PER_PAGE = 100
# The pager names the first and last page and this many on each side of the current one
# (with "…" between), so a list of 200 pages keeps a pager of a dozen links.
PAGER_NEIGHBOURS = 2


@dataclass(frozen=True)
class Pagination:
    """Where one page sits in its list: page `number` of `count`, the paths of all pages,
    and which items it holds (`first`..`last`, counted from 1, of `total`)."""

    number: int
    count: int
    paths: tuple[str, ...]
    first: int = 0
    last: int = 0
    total: int = 0

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.count else None

    @property
    def pager(self) -> list[tuple[int, str] | None]:
        """The pages the pager links to as (number, path), None where "…" stands for a gap."""
        near = range(max(1, self.number - PAGER_NEIGHBOURS), min(self.count, self.number + PAGER_NEIGHBOURS) + 1)
        shown = sorted({1, self.count, *near})
        links: list[tuple[int, str] | None] = []
        for number in shown:
            if links and (previous := links[-1]) is not None and number > previous[0] + 1:
                links.append(None)
            links.append((number, self.paths[number - 1]))
        return links


def page_count(length: int, per_page: int = PER_PAGE) -> int:
    """How many pages a list of `length` items takes: at least one, which says the list is empty."""
    return max(1, math.ceil(length / per_page))


def paginate(items: Sequence[T], base: str, per_page: int = PER_PAGE) -> list[tuple[str, Sequence[T], Pagination]]:
    """(path, the items on it, where it sits) for each page of the list whose first page is `base`."""
    count = page_count(len(items), per_page)
    paths = tuple(numbered_page(base, n) for n in range(1, count + 1))
    chunks = []
    for n in range(1, count + 1):
        chunk = items[(n - 1) * per_page : n * per_page]
        first = (n - 1) * per_page + 1 if chunk else 0
        chunks.append((paths[n - 1], chunk, Pagination(n, count, paths, first, first + len(chunk) - 1 if chunk else 0, len(items))))
    return chunks


def numbered_title(title: str, pagination: Pagination) -> str:
    """A page's title: the list's own on page 1, "Partnerskap, sida 2" after it."""
    return title if pagination.number == 1 else f"{title}, sida {pagination.number}"


@dataclass(frozen=True)
class Slice:
    """One list of a record page as one of its pages shows it: the items on this page, and
    which of the list's items they are (`first`..`last` of `total`, counted from 1)."""

    items: Sequence[object]
    first: int
    last: int
    total: int

    @property
    def partial(self) -> bool:
        """Whether the list has items on other pages too (the heading then says which are here)."""
        return 0 < len(self.items) < self.total


def record_chunks(base: str, lists: Mapping[str, Sequence[object]], per_page: int = PER_PAGE) -> list[tuple[str, dict[str, Slice], Pagination]]:
    """The pages of a record whose page is `base`: page N holds items (N-1)·per_page+1 to
    N·per_page of every list in `lists`, so each list starts on page 1 (a reader finds an
    organisation's grants without paging through its partnerships) and the record has as
    many pages as its longest list needs."""
    count = page_count(max((len(items) for items in lists.values()), default=0), per_page)
    paths = tuple(numbered_page(base, n) for n in range(1, count + 1))
    pages = []
    for n in range(1, count + 1):
        start = (n - 1) * per_page
        slices = {}
        for name, items in lists.items():
            chunk = items[start : start + per_page]
            slices[name] = Slice(chunk, start + 1 if chunk else 0, start + len(chunk), len(items))
        pages.append((paths[n - 1], slices, Pagination(n, count, paths)))
    return pages


@dataclass(frozen=True)
class FilterLink:
    """One choice among the filters of a list: its name, its page and whether it is this page."""

    name: str
    path: str
    current: bool


def filter_links(choices: Sequence[tuple[str, str]], current: str) -> list[FilterLink]:
    """(name, path) choices as links, the one whose list starts at `current` marked as this page."""
    return [FilterLink(name, path, path == current) for name, path in choices]
