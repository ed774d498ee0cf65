"""Parts shared by several record types."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from .types import Doc, EmailAddress, Markdown, PartialDate, PhoneNumber, Ref, Url


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


@dataclass(frozen=True)
class Document:
    title: Annotated[str, Doc("Titel", "Dokumentets namn som det står i ärendet.", "Tjänsteskrivelse")]
    date: Annotated[dt.date | None, Doc("Datum", "Dokumentets datum.", "2022-12-01")] = None
    url: Annotated[Url | None, Doc("Länk", "Webbadress där dokumentet finns (https).")] = None
    note: Annotated[Markdown | None, Doc("Anmärkning", "Kort kommentar om dokumentet.")] = None


@dataclass(frozen=True)
class Person:
    name: Annotated[str, Doc("Namn", "För- och efternamn.", "Britt-Marie Pettersson")]
    title: Annotated[str | None, Doc("Titel", "Befattning som den står i dokumentet.", "Förvaltningschef")] = None
