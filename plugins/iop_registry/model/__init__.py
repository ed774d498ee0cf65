"""The registry's record types, declared once with their Swedish field documentation."""

from __future__ import annotations

from dataclasses import dataclass

from .course import Course
from .decision import Decision
from .grant import Grant
from .organisation import Organisation
from .partnership import Partnership


@dataclass(frozen=True)
class RecordType:
    """A kind of record: its folder in `registry/`, its class and its Swedish names."""

    kind: str
    folder: str
    cls: type
    singular: str
    plural: str
    # "ingen organisation", "inget beslut": Swedish gender decides the word.
    none_of: str


RECORD_TYPES: dict[str, RecordType] = {
    t.kind: t
    for t in (
        RecordType("organisation", "organisations", Organisation, "organisation", "organisationer", "ingen organisation"),
        RecordType("partnership", "partnerships", Partnership, "partnerskap", "partnerskap", "inget partnerskap"),
        RecordType("decision", "decisions", Decision, "beslut", "beslut", "inget beslut"),
        RecordType("grant", "grants", Grant, "bidrag", "bidrag", "inget bidrag"),
        RecordType("course", "courses", Course, "kurs", "kurser", "ingen kurs"),
    )
}

__all__ = ["RECORD_TYPES", "Course", "Decision", "Grant", "Organisation", "Partnership", "RecordType"]
