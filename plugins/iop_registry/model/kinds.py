"""Record kinds, declared once: folder, class, Swedish names and gender, site section, search letter.

Every part that names a kind of record reads this table: the loader (folder), the parser
(class), the validator ("det finns ingen organisation med id ..."), the pages (URL section),
the search index (letter and label), the change feed ("Nytt partnerskap", "Ny kurs"), the
editors' guide, template and schemas.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .course import Course
from .decision import Decision
from .grant import Grant
from .organisation import Organisation
from .partnership import Partnership


class Gender(enum.Enum):
    """Swedish grammatical gender: it decides "ingen kurs" but "inget beslut", "Ny" but "Nytt"."""

    COMMON = "en"  # en kurs, en organisation
    NEUTER = "ett"  # ett partnerskap, ett beslut, ett bidrag


@dataclass(frozen=True)
class RecordType:
    """A kind of record: its folder in `registry/`, its class and its Swedish names."""

    kind: str
    folder: str
    cls: type
    singular: str
    plural: str
    gender: Gender
    # The site section of its pages: "partnerskap/mammakraft/".
    section: str
    # Its letter in the search index (short: the index is loaded by phones) and its place
    # among equal matches (lower first).
    search_letter: str
    search_rank: int

    @property
    def label(self) -> str:
        """The kind as a result or a change shows it: "Partnerskap", "Kurs"."""
        return self.singular.capitalize()

    @property
    def neuter(self) -> bool:
        return self.gender is Gender.NEUTER

    @property
    def none_of(self) -> str:
        """ "ingen organisation", "inget beslut"."""
        return f"{'inget' if self.neuter else 'ingen'} {self.singular}"


RECORD_TYPES: dict[str, RecordType] = {
    t.kind: t
    for t in (
        RecordType("organisation", "organisations", Organisation, "organisation", "organisationer", Gender.COMMON, "organisationer", "o", 3),
        RecordType("partnership", "partnerships", Partnership, "partnerskap", "partnerskap", Gender.NEUTER, "partnerskap", "p", 1),
        RecordType("decision", "decisions", Decision, "beslut", "beslut", Gender.NEUTER, "beslut", "b", 4),
        RecordType("grant", "grants", Grant, "bidrag", "bidrag", Gender.NEUTER, "bidrag", "g", 5),
        RecordType("course", "courses", Course, "kurs", "kurser", Gender.COMMON, "kurser", "k", 2),
    )
}
