"""Parts shared by several record types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from .types import Choice, Doc, EmailAddress, Markdown, PartialDate, PhoneNumber, Ref, Url


@dataclass(frozen=True)
class Contact:
    name: Annotated[str, Doc("Namn", "Kontaktpersonens för- och efternamn.", "Tatjana Ristovski")]
    title: Annotated[str | None, Doc("Titel", "Befattning eller roll.", "Enhetschef")] = None
    organisation: Annotated[
        str | None, Ref("organisation"), Doc("Organisation", "Id för organisationen personen arbetar för.")
    ] = None
    phone: Annotated[
        PhoneNumber | None,
        Doc("Telefon", "Svenskt telefonnummer inom citattecken.", "0704-44 54 58"),
    ] = None
    email: Annotated[EmailAddress | None, Doc("E-post", "E-postadress.", "namn@ikf.se")] = None
    note: Annotated[
        Markdown | None,
        Doc("Anmärkning", "Kort anmärkning om kontaktuppgifterna, till exempel att adressen står så i dokumentet."),
    ] = None


@dataclass(frozen=True)
class Period:
    start: Annotated[
        PartialDate,
        Doc("Början", "Första dagen, månaden eller året som dokumenten anger (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ).", "2023-01-01"),
    ]
    end: Annotated[
        PartialDate,
        Doc("Slut", "Sista dagen, månaden eller året (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ).", "2024-12-31"),
    ]


class SourceKind(Choice):
    """What kind of source a fact comes from: a reader weighs a press release and a signed agreement differently."""

    DECISION_PAPER = "decision_paper", "Beslutsunderlag (tjänsteskrivelse)"
    AGREEMENT = "agreement", "Avtal"
    MINUTES = "minutes", "Protokoll"
    GRANT_DECISION = "grant_decision", "Bidragsbeslut"
    PRESS_RELEASE = "press_release", "Pressmeddelande"
    NEWS_ARTICLE = "news_article", "Nyhetsartikel"
    WEB_PAGE = "web_page", "Webbsida"
    OTHER = "other", "Annat dokument"


# Sources written by others about the agreement, not by its parties in the case itself.
REPORTED_KINDS = frozenset({SourceKind.PRESS_RELEASE, SourceKind.NEWS_ARTICLE, SourceKind.WEB_PAGE})


class SourceShows(Choice):
    """What a source itself shows about the agreement's life, as it says it (the status is derived from these)."""

    PROPOSED = "proposed", "att avtalet föreslås"
    DECIDED = "decided", "att avtalet är beslutat"
    SIGNED = "signed", "att avtalet är undertecknat"
    ENDED_EARLY = "ended_early", "att avtalet avslutades i förtid"


@dataclass(frozen=True)
class Source:
    kind: Annotated[SourceKind, Doc("Slag", "Vad för slags källa det är.", "decision_paper")]
    title: Annotated[str, Doc("Titel", "Källans namn eller rubrik som den står.", "Tjänsteskrivelse")]
    date: Annotated[
        PartialDate | None, Doc("Datum", "Källans datum, dag, månad eller år (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ).", "2022-12-01")
    ] = None
    url: Annotated[Url | None, Doc("Länk", "Webbadress där källan finns, när den är offentlig (https).")] = None
    shows: Annotated[
        list[SourceShows],
        Doc(
            "Visar",
            "Vad källan själv säger om avtalets läge: proposed (föreslås), decided (beslutat), signed "
            "(undertecknat), ended_early (avslutat i förtid). Läget på webbplatsen räknas fram ur detta. "
            "Utelämna när källan inte säger något om det.",
            ["signed"],
        ),
    ] = field(default_factory=list)
    note: Annotated[Markdown | None, Doc("Anmärkning", "Vad källan visar eller inte visar, kort.")] = None


@dataclass(frozen=True)
class Person:
    name: Annotated[str, Doc("Namn", "För- och efternamn.", "Britt-Marie Pettersson")]
    title: Annotated[str | None, Doc("Titel", "Befattning som den står i dokumentet.", "Förvaltningschef")] = None


@dataclass(frozen=True)
class NamedPerson:
    """A person a source names in the agreement's life (a chair who signed, a councillor quoted)."""

    name: Annotated[str, Doc("Namn", "För- och efternamn som källan skriver dem.", "Anna Andersson")]
    role: Annotated[str, Doc("Roll", "Rollen som källan anger.", "Socialnämndens ordförande")]
    organisation: Annotated[str | None, Ref("organisation"), Doc("Organisation", "Id för organisationen personen företräder.")] = None
    political_party: Annotated[
        str | None, Doc("Parti", "För en förtroendevald: partiet som källan anger.", "Socialdemokraterna")
    ] = None
