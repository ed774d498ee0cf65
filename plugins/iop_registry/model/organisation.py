"""Organisations: municipalities and regions, their boards and offices, associations, universities, libraries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from .common import Source
from .types import Choice, Doc, Markdown, OrgNumber, Ref, Url


class OrganisationKind(Choice):
    MUNICIPALITY = "municipality", "Kommun"
    REGION = "region", "Region"
    BOARD = "board", "Nämnd"
    COMMITTEE = "committee", "Utskott"
    ADMINISTRATION = "administration", "Förvaltning"
    ASSOCIATION = "association", "Förening"
    FOUNDATION = "foundation", "Stiftelse"
    UNIVERSITY = "university", "Universitet"
    LIBRARY = "library", "Bibliotek"
    OTHER = "other", "Annan organisation"

    @property
    def is_public(self) -> bool:
        return self in PUBLIC_KINDS

    @property
    def is_public_body(self) -> bool:
        """A municipality or a region: the public body that its boards and offices belong to."""
        return self in PUBLIC_BODY_KINDS


# A board, committee or office belongs to one of these, through `parent`: the one place that
# says which municipality or region it is part of.
PUBLIC_BODY_KINDS = {OrganisationKind.MUNICIPALITY, OrganisationKind.REGION}

PUBLIC_KINDS = {
    *PUBLIC_BODY_KINDS,
    OrganisationKind.BOARD,
    OrganisationKind.COMMITTEE,
    OrganisationKind.ADMINISTRATION,
}


@dataclass(frozen=True)
class Organisation:
    name: Annotated[str, Doc("Namn", "Organisationens namn.", "Kvinnojouren i Exempelby")]
    kind: Annotated[OrganisationKind, Doc("Typ", "Vilken sorts organisation det är.", "association")]
    short_name: Annotated[str | None, Doc("Kortnamn", "Förkortning som används i dokumenten.", "IKF")] = None
    org_number: Annotated[
        OrgNumber | None,
        Doc("Organisationsnummer", "Svenskt organisationsnummer, tio siffror (NNNNNN-NNNN).", "846003-1936"),
    ] = None
    parent: Annotated[
        str | None,
        Ref("organisation"),
        Doc(
            "Hör till",
            "Id för organisationen som denna hör till. En nämnd, ett utskott eller en förvaltning hör till sin kommun eller "
            "region (kind: municipality eller region), direkt eller genom en annan nämnd.",
            "uppsala-kommun",
        ),
    ] = None
    department: Annotated[str | None, Doc("Avdelning", "Avdelning eller enhet som är part.", "Urbana studier")] = None
    website: Annotated[Url | None, Doc("Webbplats", "Organisationens webbplats (https).", "https://forening.example")] = None
    description: Annotated[Markdown | None, Doc("Beskrivning", "Kort beskrivning av organisationen.")] = None
    sources: Annotated[list[Source], Doc("Källor", "Varifrån uppgifterna om organisationen kommer.")] = field(default_factory=list)
