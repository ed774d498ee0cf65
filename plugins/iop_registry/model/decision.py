"""Decisions (ärenden): what a board was asked to decide, when, and what came of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated

from .common import Contact, Person, Source
from .types import CaseNumber, Choice, Doc, Markdown, Ref


class DecisionStatus(Choice):
    PROPOSED = "proposed", "Förslag till beslut"
    REFERRED = "referred", "På remiss"
    DECIDED = "decided", "Beslutat"


@dataclass(frozen=True)
class Meeting:
    date: Annotated[dt.date, Doc("Datum", "Sammanträdets datum.", "2022-12-15")]
    body: Annotated[str, Doc("Organ", "Vilket organ som sammanträder, som dokumentet skriver det.", "Arbetsmarknads- och socialnämnden")]
    note: Annotated[Markdown | None, Doc("Anmärkning", "Vad som behandlades eller beslutades.")] = None


# kw_only: fields keep the order editors read them in (schema, guide, JSON) while the optional
# case number comes first.
@dataclass(frozen=True, kw_only=True)
class Decision:
    case_number: Annotated[
        CaseNumber | None,
        Doc("Diarienummer", "Ärendets diarienummer. Utelämna raden när källan inte ger något.", "ASN-2022-13029"),
    ] = None
    title: Annotated[str, Doc("Rubrik", "Ärendets rubrik.")]
    board: Annotated[str, Ref("organisation"), Doc("Nämnd", "Id för nämnden eller styrelsen som beslutar.", "arbetsmarknads-och-socialnamnden")]
    status: Annotated[DecisionStatus, Doc("Läge", "Var ärendet står enligt dokumenten.", "proposed")]
    summary: Annotated[Markdown, Doc("Sammanfattning", "Vad ärendet gäller, på enkel svenska.")]
    decision_points: Annotated[list[Markdown], Doc("Beslutspunkter", "Förslag till beslut eller beslut, en punkt per rad.")]
    points_as_decided: Annotated[
        bool,
        Doc(
            "Punkterna är beslutet",
            "true när beslutspunkterna är beslutet som protokollet skriver det. Utelämna när punkterna kommer från en "
            "tjänsteskrivelse: då visas de som Förslag till beslut, också när beslutet är fattat.",
            False,
        ),
    ] = False
    meetings: Annotated[list[Meeting], Doc("Sammanträden", "Sammanträden där ärendet behandlas eller behandlades.")] = field(
        default_factory=list
    )
    decided_on: Annotated[dt.date | None, Doc("Beslutsdatum", "Datum då beslutet fattades (endast när läget är decided).")] = None
    decision_note: Annotated[Markdown | None, Doc("Om beslutet", "Vad dokumenten säger om att beslutet fattades.")] = None
    prepared_by: Annotated[str | None, Ref("organisation"), Doc("Beredd av", "Id för förvaltningen som skrev tjänsteskrivelsen.")] = None
    document_date: Annotated[dt.date | None, Doc("Tjänsteskrivelsens datum", "Datum på tjänsteskrivelsen.")] = None
    contact: Annotated[Contact | None, Doc("Kontakt", "Handläggare ('Vår referens').")] = None
    responsible: Annotated[list[Person], Doc("Ansvariga", "Tjänstepersoner som står som ansvariga.")] = field(default_factory=list)
    response_deadline: Annotated[str | None, Doc("Svarstid", "Svarstid för remiss som den står i dokumentet.", "senast den 29 september")] = None
    sent_to: Annotated[list[str], Doc("Beslutet skickas till", "Mottagare som dokumentet räknar upp.")] = field(default_factory=list)
    basis: Annotated[list[str], Doc("Beslutsunderlag", "Underlag som dokumentet räknar upp.")] = field(default_factory=list)
    considerations: Annotated[list[Markdown], Doc("Bedömningar", "Förvaltningens bedömningar och perspektiv (barn, jämställdhet, ekonomi).")] = field(
        default_factory=list
    )
    related_case_numbers: Annotated[list[CaseNumber], Doc("Andra diarienummer", "Diarienummer som ärendet hänvisar till.")] = field(
        default_factory=list
    )
    sources: Annotated[list[Source], Doc("Källor", "Dokument i ärendet och andra källor till uppgifterna.")] = field(default_factory=list)

    @property
    def latest_meeting(self) -> Meeting | None:
        """The last meeting the documents name, whatever order the file lists them in."""
        return max(self.meetings, key=lambda m: m.date) if self.meetings else None

    @property
    def heading(self) -> str:
        """How lists and links name the decision: "ASN-2022-13029: Rubrik", or the title alone."""
        return f"{self.case_number}: {self.title}" if self.case_number else self.title

    @property
    def points_are_decision(self) -> bool:
        """The points are what was decided, not a paper's proposal (a proposal is a proposal everywhere)."""
        return self.status is DecisionStatus.DECIDED and self.points_as_decided
