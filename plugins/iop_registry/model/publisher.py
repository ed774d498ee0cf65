"""The publisher: the municipality or region that runs this registry site.

Declared like a record, so its values are parsed and checked by the same value types as the
registry (organisationsnummer with Luhn, Swedish phone numbers, e-mail, https addresses) and
its mistakes are reported with file and line, in mkdocs.yml, in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from .types import Choice, Doc, EmailAddress, OrgNumber, PhoneNumber, Url


class PublisherKind(Choice):
    MUNICIPALITY = ("municipality", "Kommun")
    REGION = ("region", "Region")


@dataclass(frozen=True)
class PublisherContact:
    email: Annotated[EmailAddress | None, Doc("E-post", "Adress dit läsare skriver om registret och om fel i det.", "iop@kommun.example")] = None
    phone: Annotated[PhoneNumber | None, Doc("Telefon", "Telefonnummer inom citattecken.", "010-123 45 67")] = None
    address: Annotated[str | None, Doc("Postadress", "Postadress på en rad.", "Exempelby kommun, 123 45 Exempelby")] = None
    url: Annotated[Url | None, Doc("Kontaktsida", "Webbsida med fler sätt att nå utgivaren (https).", "https://kommun.example/kontakt")] = None


@dataclass(frozen=True)
class Publisher:
    name: Annotated[str, Doc("Namn", "Kommunens eller regionens namn som den själv skriver det.", "Exempelby kommun")]
    kind: Annotated[PublisherKind, Doc("Slag", "municipality för en kommun, region för en region.", "municipality")]
    org_number: Annotated[OrgNumber | None, Doc("Organisationsnummer", "Kommunens eller regionens organisationsnummer.")] = None
    website: Annotated[Url | None, Doc("Webbplats", "Kommunens eller regionens webbplats (https).", "https://kommun.example")] = None
    # The area the registry covers, as the address (URI) of a place in a geographic register:
    # the DCAT catalogue's spatial coverage. Left out when not given; never guessed from the name.
    area: Annotated[
        Url | None,
        Doc("Område", "Adressen (URI) till kommunen eller regionen i ett geografiskt register, till exempel Geonames (https).", "https://sws.geonames.org/1234567/"),
    ] = None
    logo: Annotated[str | None, Doc("Logotyp", "Sökväg till en bildfil i site_src/, till exempel assets/logo.svg.", "assets/logo.svg")] = None
    # Optional like every fact: where the publisher has not given a contact, pages say
    # "Uppgift saknas" instead of inventing an address.
    contact: Annotated[
        PublisherContact, Doc("Kontakt", "Registrets egen kontakt: för tillgänglighetsredogörelsen och för att anmäla fel.")
    ] = PublisherContact()

    @property
    def genitive(self) -> str:
        """"Exempelby kommuns", "Region Uppsalas", "Lunds kommuns": Swedish adds no s after s, x or z."""
        return self.name if self.name[-1:].lower() in "sxz" else self.name + "s"
