"""What a partnership's facts come from, in the words a page uses: "Så står det i avtalet"
only when the agreement itself is among the record's sources, else the source it has.

One small function on purpose: the record's sources are read here and nowhere else, so a
page never claims an agreement that the registry does not hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.partnership import Partnership


@dataclass(frozen=True)
class SourceWords:
    """The source named in a sentence: 'avtalet', 'källan' or 'källorna' (definite form)."""

    definite: str
    agreement: bool  # the agreement's own text is among the sources

    @property
    def says_nothing(self) -> str:
        """'avtalet anger inget', 'källan anger inget': after *Uppgift saknas*."""
        return f"{self.definite} anger inget"


# Until documents say what kind they are, a document whose title names an agreement is one.
_AGREEMENT_TITLE = re.compile(r"avtal|överenskommelse", re.IGNORECASE)


def agreement_among_sources(record: Partnership) -> bool:
    """The agreement is among the record's sources: its signatures are recorded (they are read
    from its text), or a document's title names it. A record entered from a press release, a
    news item or a decision paper alone has none."""
    return bool(record.signatories) or any(_AGREEMENT_TITLE.search(doc.title) for doc in record.documents)


def source_words(record: Partnership) -> SourceWords:
    if agreement_among_sources(record):
        return SourceWords("avtalet", True)
    return SourceWords("källorna" if len(record.documents) > 1 else "källan", False)
