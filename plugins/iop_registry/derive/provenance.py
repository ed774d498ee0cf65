"""What a partnership's facts come from, in the words a page uses: "Så står det i avtalet"
only when an agreement is among the record's sources, else the source it has
("pressmeddelandet anger inga kostnader").

The record's sources are read here and nowhere else, so a page never claims an agreement
that the registry does not hold.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model.common import SourceKind
from ..model.partnership import Partnership

# Each kind of source in the definite form, one and several ("pressmeddelandet", "pressmeddelandena").
DEFINITE: dict[SourceKind, tuple[str, str]] = {
    SourceKind.DECISION_PAPER: ("beslutsunderlaget", "beslutsunderlagen"),
    SourceKind.AGREEMENT: ("avtalet", "avtalen"),
    SourceKind.MINUTES: ("protokollet", "protokollen"),
    SourceKind.GRANT_DECISION: ("bidragsbeslutet", "bidragsbesluten"),
    SourceKind.PRESS_RELEASE: ("pressmeddelandet", "pressmeddelandena"),
    SourceKind.NEWS_ARTICLE: ("nyhetsartikeln", "nyhetsartiklarna"),
    SourceKind.WEB_PAGE: ("webbsidan", "webbsidorna"),
    SourceKind.OTHER: ("dokumentet", "dokumenten"),
}


@dataclass(frozen=True)
class SourceWords:
    """The source named in a sentence, in the definite form: 'avtalet', 'pressmeddelandet', 'källorna'."""

    definite: str
    agreement: bool  # an agreement is among the sources


def agreement_among_sources(record: Partnership) -> bool:
    return any(source.kind is SourceKind.AGREEMENT for source in record.sources)


def source_words(record: Partnership) -> SourceWords:
    """'avtalet' when an agreement is among the sources; else the one kind of source the
    record has ('pressmeddelandet', 'nyhetsartiklarna'), or 'källorna' for several kinds."""
    if agreement_among_sources(record):
        return SourceWords("avtalet", True)
    kinds = {source.kind for source in record.sources}
    if len(kinds) == 1:
        one, several = DEFINITE[kinds.pop()]
        return SourceWords(one if len(record.sources) == 1 else several, False)
    return SourceWords("källorna" if record.sources else "källan", False)


def sources_named(record: Partnership) -> str:
    """Every source of the record by kind, in the definite form: 'webbsidan',
    'pressmeddelandet och nyhetsartiklarna'."""
    counts = Counter(source.kind for source in record.sources)  # in the order the record lists them
    names = [DEFINITE[kind][0 if count == 1 else 1] for kind, count in counts.items()]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def silent_sources(record: Partnership) -> str:
    """The subject of 'säger inget om det': the one source ('webbsidan'), or 'källorna som
    registret bygger på' when there are several."""
    return source_words(record).definite if len(record.sources) == 1 else "källorna som registret bygger på"
