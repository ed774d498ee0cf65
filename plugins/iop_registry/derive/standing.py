"""What a partnership's sources show: which kinds they are, and whether any is the agreement's own.

A record known only from press releases, news items and web pages must say so on its page: a
reader weighs a press release differently from a signed agreement.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.common import REPORTED_KINDS, Source, SourceKind


def source_kinds(sources: Sequence[Source]) -> tuple[SourceKind, ...]:
    """The kinds of the sources, each once, in the order the record lists them."""
    return tuple(dict.fromkeys(source.kind for source in sources))


def reported_only(sources: Sequence[Source]) -> bool:
    """Every source is a press release, a news item or a web page: none is the agreement's own paper."""
    return bool(sources) and all(source.kind in REPORTED_KINDS for source in sources)
