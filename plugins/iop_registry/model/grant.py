"""Grants: one-off funds a board gives an organisation for a purpose."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from .common import Source
from .types import YEAR, Doc, Kronor, Markdown, Ref


@dataclass(frozen=True)
class Grant:
    decision: Annotated[str, Ref("decision"), Doc("Beslut", "Id för beslutet om bidraget.", "asn-2022-14203")]
    recipient: Annotated[str, Ref("organisation"), Doc("Mottagare", "Id för organisationen som får pengarna.")]
    funder: Annotated[str, Ref("organisation"), Doc("Beviljas av", "Id för nämnden som beviljar pengarna.")]
    amount: Annotated[Kronor, Doc("Belopp", "Belopp i hela kronor, utan mellanslag.", 300000)]
    year: Annotated[int, YEAR, Doc("År", "Budgetåret som pengarna gäller.", 2022)]
    activity: Annotated[str, Doc("Verksamhet", "Verksamheten som pengarna går till.", "Mammakraft")]
    purpose: Annotated[Markdown, Doc("Syfte", "Vad pengarna ska användas till, som beslutet skriver det.")]
    activity_spellings: Annotated[
        list[str], Doc("Andra stavningar", "Andra stavningar av verksamhetens namn i dokumenten.", ["Thaiwise"])
    ] = field(default_factory=list)
    partnership: Annotated[str | None, Ref("partnership"), Doc("Partnerskap", "Id för partnerskap som bidraget hör ihop med.")] = None
    source_of_funds: Annotated[Markdown | None, Doc("Pengarna kommer från", "Varifrån medlen kommer.")] = None
    activity_description: Annotated[Markdown | None, Doc("Om verksamheten", "Beskrivning av verksamheten.")] = None
    reported_use: Annotated[list[Markdown], Doc("Redovisad användning", "Vad mottagaren uppger att pengarna använts till.")] = field(
        default_factory=list
    )
    follow_up: Annotated[Markdown | None, Doc("Uppföljning", "Hur användningen följs upp.")] = None
    sources: Annotated[list[Source], Doc("Källor", "Varifrån uppgifterna om bidraget kommer, när det inte är beslutet självt.")] = field(
        default_factory=list
    )
