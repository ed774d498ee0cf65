"""The theme's page around a generated page's body, rendered once per kind of page and filled per page.

Record pages differ in the theme's markup only in a few values (title, description, canonical
address, body); the navigation, header and footer are the same for every page out of the
navigation at the same depth of the same section. Rendering Material's base.html for each of
10,000 record pages cost about a sixth of a build (profile in BENCHMARKS.md), so the page is
rendered once per kind with a marker in place of each value, cut at the markers, and each page
joins the pieces with its own values.

Nothing is trusted to be the same: each marker holds the characters a filter would change
(`& < > " '`), so a value that the template escapes, strips or shortens is not found and that
kind of page is always rendered in full. The first page of each kind is rendered both ways and
must come out byte for byte the same, or that kind is rendered in full from then on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping

# Private-use characters around the name, and what an escaping or stripping filter would change.
_OPEN, _CLOSE = "\ue000", "\ue001"


def marker(slot: str) -> str:
    """What the theme is given in place of the value `slot` while the shell is rendered."""
    return f"{_OPEN}iop-{slot}&amp;<b>\"'{_CLOSE}"


class Shell:
    """One rendered page cut at the markers: literal pieces and, between them, slot names."""

    def __init__(self, pieces: list[str], slots: list[str]) -> None:
        self.pieces, self.slots = pieces, slots

    @classmethod
    def cut(cls, rendered: str, slots: Iterable[str]) -> Shell | None:
        """The shell of a page rendered with `marker(slot)` for each slot, or None when a marker
        is missing or was changed on the way (then the theme does something to that value)."""
        by_marker = {marker(slot): slot for slot in slots}
        parts = re.split("(" + "|".join(map(re.escape, by_marker)) + ")", rendered)
        pieces, names = parts[0::2], [by_marker[mark] for mark in parts[1::2]]
        if set(names) != set(by_marker.values()):
            return None
        if any(_OPEN in piece or _CLOSE in piece for piece in pieces):
            return None  # a marker the theme took apart (a filter that shortens, for one)
        return cls(pieces, names)

    def fill(self, values: Mapping[str, str]) -> str:
        out = [self.pieces[0]]
        for name, piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(values[name])
            out.append(piece)
        return "".join(out)


class Shells:
    """Shells by kind of page, each checked against a full rendering of its first page."""

    def __init__(self) -> None:
        self._shells: dict[Hashable, Shell | None] = {}
        self.filled = 0
        self.rendered = 0

    def page(self, kind: Hashable, values: Mapping[str, str], render: Callable[[Mapping[str, str]], str]) -> str:
        """The page with `values`, where `render(values)` renders it in full through the theme.

        A marker stands for any value, so what the theme decides from a value must be in
        `kind`: whether it is empty is added here (Material tests titles, descriptions and
        the canonical address that way); anything else (Material looks for "<h1" in the
        body) the caller adds. A value holding a private-use marker character is rendered in
        full: it could pass for a marker."""
        kind = (kind, tuple((slot, bool(value)) for slot, value in values.items()))
        if any(_OPEN in value or _CLOSE in value for value in values.values()):
            self.rendered += 1
            return render(values)
        if kind in self._shells:
            shell = self._shells[kind]
            if shell is not None:
                self.filled += 1
                return shell.fill(values)
            self.rendered += 1
            return render(values)
        full = render(values)
        shell = Shell.cut(render({slot: marker(slot) for slot in values}), values)
        self._shells[kind] = shell if shell is not None and shell.fill(values) == full else None
        self.rendered += 1
        return full
