"""Courses: Mammakraft courses with their sessions and information meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated

from .common import Contact
from .types import YEAR, Choice, Doc, Markdown, Ref, Url


class Season(Choice):
    SPRING = "VT", "Vårtermin"
    AUTUMN = "HT", "Hösttermin"


class CourseStatus(Choice):
    PLANNED = "planned", "Planerad"
    OPEN = "open", "Öppen för anmälan"
    FULL = "full", "Fullbokad"
    CANCELLED = "cancelled", "Inställd"
    HELD = "held", "Genomförd"


@dataclass(frozen=True)
class Term:
    season: Annotated[Season, Doc("Termin", "VT (vårtermin) eller HT (hösttermin).", "HT")]
    year: Annotated[int, YEAR, Doc("År", "Terminens år.", 2027)]


@dataclass(frozen=True)
class Session:
    date: Annotated[dt.date, Doc("Datum", "Träffens datum (ÅÅÅÅ-MM-DD).", "2027-09-07")]
    start: Annotated[dt.time, Doc("Börjar", "Starttid inom citattecken, \"HH:MM\".", "17:00")]
    end: Annotated[dt.time, Doc("Slutar", "Sluttid inom citattecken, \"HH:MM\".", "19:00")]
    topic: Annotated[str | None, Doc("Ämne", "Träffens ämne.", "Föräldrarollen")] = None


def occasion_order(occasion: Session | InformationMeeting) -> tuple[dt.date, dt.time]:
    """The one order of a course's sessions and meetings: by day, then by start time."""
    return (occasion.date, occasion.start)


@dataclass(frozen=True)
class Venue:
    name: Annotated[str, Doc("Lokal", "Lokalens namn.")]
    address: Annotated[str | None, Doc("Adress", "Gatuadress och ort.")] = None
    directions: Annotated[Markdown | None, Doc("Hitta hit", "Hur man tar sig dit, till exempel buss och hållplats.")] = None
    accessibility: Annotated[Markdown | None, Doc("Tillgänglighet", "Lokalens tillgänglighet, till exempel hiss och ramp.")] = None


@dataclass(frozen=True)
class Languages:
    teaching: Annotated[list[str], Doc("Undervisningsspråk", "Språk som kursen hålls på.", ["svenska"])]
    interpretation: Annotated[list[str], Doc("Tolkning", "Språk som det finns tolk till.", ["arabiska"])] = field(default_factory=list)


@dataclass(frozen=True)
class Capacity:
    min: Annotated[int, Doc("Minst", "Minsta antal deltagare.", 10)]
    max: Annotated[int, Doc("Högst", "Högsta antal deltagare.", 20)]


@dataclass(frozen=True)
class Referral:
    description: Annotated[Markdown, Doc("Så anmäler du", "Hur yrkesverksamma hänvisar eller anmäler en deltagare.")]
    contact: Annotated[Contact | None, Doc("Kontakt", "Vem man kontaktar.")] = None
    deadline: Annotated[dt.date | None, Doc("Sista anmälningsdag", "Sista dag att anmäla.")] = None
    url: Annotated[Url | None, Doc("Anmälningsformulär", "Webbadress till ett formulär för anmälan (https), om det finns.")] = None


@dataclass(frozen=True)
class InformationMeeting:
    date: Annotated[dt.date, Doc("Datum", "Informationsträffens datum.")]
    start: Annotated[dt.time, Doc("Börjar", "Starttid inom citattecken, \"HH:MM\".", "09:00")]
    end: Annotated[dt.time, Doc("Slutar", "Sluttid inom citattecken, \"HH:MM\".", "10:00")]
    audience: Annotated[str, Doc("För vem", "Vem träffen vänder sig till.", "Yrkesverksamma som möter målgruppen")]
    place: Annotated[str | None, Doc("Plats", "Var träffen hålls.")] = None
    link: Annotated[Url | None, Doc("Länk", "Länk till digital träff (https).")] = None
    signup: Annotated[Markdown | None, Doc("Anmälan", "Hur man anmäler sig.")] = None
    contact: Annotated[Contact | None, Doc("Kontakt", "Vem man frågar om informationsträffen.")] = None


@dataclass(frozen=True)
class Course:
    partnership: Annotated[str, Ref("partnership"), Doc("Partnerskap", "Id för partnerskapet som kursen hör till.", "mammakraft")]
    title: Annotated[str, Doc("Namn", "Kursens namn.", "Mammakraft hösten 2027")]
    term: Annotated[Term, Doc("Termin", "Terminen kursen går.")]
    status: Annotated[CourseStatus, Doc("Läge", "Kursens läge.", "open")]
    sessions: Annotated[list[Session], Doc("Träffar", "Kursens träffar med datum och tider.")]
    example: Annotated[
        bool,
        Doc("Exempel", "true om kursen är ett påhittat exempel och inte en verklig kurs. Visas då som exempel överallt.", False),
    ] = False
    description: Annotated[Markdown | None, Doc("Beskrivning", "Kort beskrivning av kursen.")] = None
    audience: Annotated[Markdown | None, Doc("För vem", "Vem kursen är till för.")] = None
    venue: Annotated[Venue | None, Doc("Plats", "Var kursen hålls.")] = None
    languages: Annotated[Languages | None, Doc("Språk", "Undervisningsspråk och tolkning.")] = None
    capacity: Annotated[Capacity | None, Doc("Antal deltagare", "Minsta och högsta antal deltagare.")] = None
    places_left: Annotated[int | None, Doc("Platser kvar", "Antal lediga platser, om det är känt.")] = None
    fee: Annotated[int | None, Doc("Avgift", "Avgift i kronor; 0 betyder att kursen är gratis.", 0)] = None
    organiser: Annotated[str | None, Ref("organisation"), Doc("Arrangör", "Id för organisationen som håller kursen.")] = None
    referral: Annotated[Referral | None, Doc("Anmälan", "Hur man hänvisar eller anmäler.")] = None
    information_meetings: Annotated[list[InformationMeeting], Doc("Informationsträffar", "Träffar för yrkesverksamma före kursen.")] = field(
        default_factory=list
    )
    url: Annotated[Url | None, Doc("Mer information", "Länk till mer information (https).")] = None

    @property
    def first_session(self) -> Session:
        """The earliest session, whatever order the file lists them in."""
        return min(self.sessions, key=occasion_order)

    @property
    def last_session(self) -> Session:
        return max(self.sessions, key=occasion_order)
