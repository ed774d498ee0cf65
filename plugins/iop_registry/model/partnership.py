"""Partnerships (IOP): the agreements between a board and one or more associations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated

from .common import Contact, NamedPerson, Period, Source
from .types import YEAR, CaseNumber, Choice, Doc, Kronor, Markdown, MonthDay, PartialDate, Ref, Rows


class PartyRole(Choice):
    PUBLIC = "public", "Offentlig part"
    IDEA_DRIVEN = "idea_driven", "Idéburen part"
    ACADEMIC = "academic", "Akademisk part"


@dataclass(frozen=True)
class Party:
    organisation: Annotated[str, Ref("organisation"), Doc("Organisation", "Id för partens organisation.", "internationella-kvinnoforeningen")]
    role: Annotated[PartyRole, Doc("Roll", "Partens roll i partnerskapet.", "idea_driven")]
    acting_through: Annotated[
        str | None, Doc("Genom", "Hur parten företräds, som avtalet skriver det.", "Exempelby kommun genom socialnämnden")
    ] = None
    contact: Annotated[Contact | None, Doc("Kontaktperson", "Partens kontaktperson, som källan anger den.")] = None


# What every IOP has, even one known only from a press release: a public and an idea-driven
# party, each described as a source names it. partnership_checks.py requires one of each, and
# `iop-registry new partnership` starts the parties with one row for each.
REQUIRED_PARTY_ROLES = Rows(
    "role",
    (
        (
            PartyRole.PUBLIC,
            "Id för nämnden, förvaltningen, kommunen eller regionen som källan nämner. Nämner källan bara kommunen, ange kommunen.",
        ),
        (PartyRole.IDEA_DRIVEN, "Id för föreningen, stiftelsen eller den andra idéburna organisationen som källan nämner."),
    ),
)


@dataclass(frozen=True)
class TargetGroups:
    primary: Annotated[Markdown, Doc("Primär målgrupp", "Den målgrupp verksamheten främst är till för.")]
    secondary: Annotated[Markdown | None, Doc("Sekundär målgrupp", "Andra som verksamheten vänder sig till.")] = None


@dataclass(frozen=True)
class Activity:
    title: Annotated[str, Doc("Rubrik", "Verksamhetsområdets namn.", "Kursen Mammakraft")]
    description: Annotated[Markdown, Doc("Beskrivning", "Vad som görs.")]
    goals: Annotated[list[Markdown], Doc("Mål", "Målen för verksamhetsområdet, ett per rad.")] = field(default_factory=list)


@dataclass(frozen=True)
class Responsibility:
    party: Annotated[str, Ref("organisation"), Doc("Part", "Id för organisationen som har ansvaret.")]
    duties: Annotated[list[Markdown], Doc("Åtaganden", "Partens åtaganden, ett per rad.")]
    heading: Annotated[str | None, Doc("Rubrik", "Rubriken som avtalet använder för parten.")] = None
    for_party: Annotated[
        str | None,
        Ref("organisation"),
        Doc(
            "För part",
            "Id för parten som organisationen har åtagandena för, när avtalet lägger dem på en organisation som inte "
            "själv är part (till exempel förvaltningen för nämnden).",
            "arbetsmarknads-och-socialnamnden",
        ),
    ] = None


@dataclass(frozen=True)
class Governance:
    description: Annotated[Markdown, Doc("Beskrivning", "Hur partnerskapet styrs, till exempel styrgruppens sammansättning och uppdrag.")]
    meetings: Annotated[str | None, Doc("Möten", "Hur ofta styrgruppen träffas.", "Två gånger per termin")] = None
    convener: Annotated[str | None, Ref("organisation"), Doc("Sammankallande", "Id för parten som kallar till möten.")] = None


class AmountLimit(Choice):
    """How exactly the source gives an amount: press releases often say "högst" or "drygt"."""

    EXACT = "exact", "exakt"
    AT_MOST = "at_most", "högst"
    AT_LEAST = "at_least", "minst"
    OVER = "over", "över"
    ABOUT = "about", "cirka"


LIMIT_DOC = Doc(
    "Beloppet är",
    "exact (standard) när källan anger beloppet exakt; at_most för 'högst', at_least för 'minst', "
    "over för 'drygt' eller 'över', about för 'cirka' eller 'ungefär'.",
    "at_most",
)


@dataclass(frozen=True)
class CostLine:
    label: Annotated[str, Doc("Kostnad", "Kostnadsposten som den står i budgeten.", "Kursledare 50%")]
    amount: Annotated[Kronor, Doc("Belopp", "Belopp i hela kronor, utan mellanslag.", 264062)]
    limit: Annotated[AmountLimit, LIMIT_DOC] = AmountLimit.EXACT
    performer: Annotated[str | None, Ref("organisation"), Doc("Utförs av", "Id för organisationen som utför posten.")] = None
    funder: Annotated[str | None, Ref("organisation"), Doc("Finansieras av", "Id för organisationen som betalar posten.")] = None
    indexed: Annotated[bool, Doc("Uppräknas", "true om posten räknas upp årligen enligt uppräkningsvillkoret.", False)] = False
    note: Annotated[str | None, Doc("Anmärkning", "Kort anmärkning som står vid posten.", "12 mån")] = None


@dataclass(frozen=True)
class IncomeLine:
    funder: Annotated[str, Ref("organisation"), Doc("Finansiär", "Id för organisationen som bidrar.")]
    amount: Annotated[Kronor, Doc("Belopp", "Belopp i hela kronor, utan mellanslag.", 290000)]
    label: Annotated[str | None, Doc("Intäkt", "Intäktsposten som den står i budgeten.")] = None
    limit: Annotated[AmountLimit, LIMIT_DOC] = AmountLimit.EXACT
    recipient: Annotated[
        str | None,
        Ref("organisation"),
        Doc("Mottagare", "Id för organisationen som får pengarna, när källan säger det och avtalet har flera idéburna parter.", "rf-sisu-uppland"),
    ] = None


@dataclass(frozen=True)
class BudgetYear:
    """One year's budget, or the same figures for several years, as the source gives them.

    Every part is optional but one: a source that names only what each funder pays has no
    cost lines, and a source that gives a sum "varav" one part has a stated total and the
    part. What the source does not give stays out and the page says *Uppgift saknas*.
    """

    year: Annotated[int, YEAR, Doc("År", "Budgetåret, eller det första året när beloppen gäller flera år (through).", 2023)]
    costs: Annotated[
        list[CostLine], Doc("Kostnader", "Budgetens kostnadsposter. Utelämna när källan bara anger vem som betalar.")
    ] = field(default_factory=list)
    income: Annotated[
        list[IncomeLine], Doc("Intäkter", "Budgetens intäkter eller finansiering per finansiär.")
    ] = field(default_factory=list)
    label: Annotated[str | None, Doc("Benämning", "Årets benämning i budgeten.", "År 1: 2023")] = None
    through: Annotated[
        int | None,
        YEAR,
        Doc(
            "Till och med år",
            "Sista året när källan anger beloppen för flera år: per år ('340 000 kr per år 2018–2020') "
            "eller för åren tillsammans (se per_year).",
            2024,
        ),
    ] = None
    per_year: Annotated[
        bool,
        Doc(
            "Belopp per år",
            "Med through: true (standard) när beloppen gäller varje år; false när de gäller åren tillsammans "
            "('högst 4 miljoner kr under fem månader' över ett årsskifte).",
            True,
        ),
    ] = True
    stated_cost_total: Annotated[
        Kronor | None, Doc("Angiven kostnadssumma", "Summan som budgeten själv anger för kostnaderna; kontrolleras mot posterna.")
    ] = None
    stated_income_total: Annotated[
        Kronor | None,
        Doc("Angiven intäktssumma", "Summan som budgeten eller källan anger för intäkterna; kontrolleras mot posterna.", 3745400),
    ] = None
    cost_lines_partial: Annotated[
        bool,
        Doc(
            "Kostnaderna är en del",
            "true när källan anger en kostnadssumma (stated_cost_total) men bara en del av den som poster; resten visas som ej specificerat.",
            False,
        ),
    ] = False
    income_lines_partial: Annotated[
        bool,
        Doc(
            "Intäkterna är en del",
            "true när källan anger en summa (stated_income_total) och bara en del av den per finansiär "
            "('3 745 400 kr, varav 1 555 000 kr från kommunen'); resten visas som ej specificerat, aldrig som 0 kr.",
            False,
        ),
    ] = False


@dataclass(frozen=True)
class PaymentTerms:
    description: Annotated[Markdown, Doc("Villkor", "Betalningsvillkoren som källan skriver dem.")]
    annual_invoice_deadline: Annotated[
        MonthDay | None, Doc("Fakturera senast", "Dag varje år då fakturan senast ska skickas (MM-DD).", "04-30")
    ] = None


@dataclass(frozen=True)
class Report:
    period: Annotated[str, Doc("Avser", "Vilket år eller vilken period rapporten gäller.", "2023")]
    due: Annotated[dt.date, Doc("Klar senast", "Datum då rapporten senast ska vara klar.", "2024-03-01")]


@dataclass(frozen=True)
class FollowUp:
    description: Annotated[Markdown, Doc("Beskrivning", "Hur partnerskapet följs upp.")]
    reports: Annotated[list[Report], Doc("Rapporter", "Rapporter med sista datum.")] = field(default_factory=list)


@dataclass(frozen=True)
class ExtensionTerms:
    description: Annotated[Markdown, Doc("Villkor", "Förlängningsvillkoren som källan skriver dem.")]
    months: Annotated[int | None, Doc("Förlängning i månader", "Hur lång en förlängning kan vara.", 24)] = None
    notice_months: Annotated[
        int | None, Doc("Besked senast (månader före slut)", "Hur många månader före periodens slut förlängningen ska vara godkänd.", 6)
    ] = None


@dataclass(frozen=True)
class Extension:
    until: Annotated[PartialDate, Doc("Förlängt till", "Nytt slutdatum efter förlängningen.", "2026-12-31")]
    decision: Annotated[str | None, Ref("decision"), Doc("Beslut", "Id för beslutet om förlängningen.")] = None
    note: Annotated[Markdown | None, Doc("Anmärkning", "Vad som gäller för förlängningen.")] = None


@dataclass(frozen=True)
class Signatory:
    name: Annotated[str, Doc("Namn", "Den som skriver under.")]
    organisation: Annotated[str, Ref("organisation"), Doc("Organisation", "Id för organisationen som personen skriver för.")]
    title: Annotated[str | None, Doc("Titel", "Befattning.")] = None
    on_behalf_of: Annotated[str | None, Doc("För", "Texten efter 'För' i underskriften.")] = None
    place: Annotated[str | None, Doc("Ort", "Ort vid underskriften.", "Exempelby")] = None
    date: Annotated[dt.date | None, Doc("Datum", "Datum för underskriften. Utelämna om dokumentet saknar datum.")] = None
    date_as_written: Annotated[str | None, Doc("Datum som det står", "Datumraden ordagrant när den är ofullständig.", "2022 --")] = None


@dataclass(frozen=True)
class EndedEarly:
    on: Annotated[
        PartialDate,
        Doc("Från och med", "Dagen, månaden eller året från vilket avtalet inte längre gäller, som källan anger det.", "2023-01-01"),
    ]
    by: Annotated[str | None, Ref("organisation"), Doc("Avslutat av", "Id för parten som avslutade avtalet.")] = None
    reason: Annotated[Markdown | None, Doc("Skäl", "Skälet som källan skriver det; utelämna när källan inte anger något.")] = None


# kw_only: fields keep the order editors read them in (schema, guide, JSON) whichever are optional.
@dataclass(frozen=True, kw_only=True)
class Partnership:
    title: Annotated[str, Doc("Namn", "Partnerskapets namn, som avtalet eller källan skriver det.", "Mammakraft")]
    summary: Annotated[
        Markdown | None,
        Doc(
            "Sammanfattning",
            "Två–tre meningar på enkel svenska om vad partnerskapet gör, med det som källorna säger. "
            "Utelämna raden hellre än att gissa.",
        ),
    ] = None
    case_numbers: Annotated[
        list[CaseNumber],
        Doc(
            "Diarienummer",
            "Ärendenas diarienummer som dokumenten skriver dem. Utelämna raden när ingen källa ger något diarienummer.",
            ["ASN-2022-13029"],
        ),
    ] = field(default_factory=list)
    parties: Annotated[
        list[Party], REQUIRED_PARTY_ROLES, Doc("Parter", "Avtalets parter, var och en med id för sin organisation och sin roll.")
    ]
    coordinator: Annotated[
        str | None,
        Ref("organisation"),
        Doc(
            "Samordnande part",
            "Id för den part som källan säger samordnar partnerskapet, till exempel en av flera nämnder som betalar.",
            "socialnamnden",
        ),
    ] = None
    period: Annotated[
        Period | None,
        Doc(
            "Avtalsperiod",
            "När överenskommelsen gäller: början och slut så noga som källan anger dem; ger den bara år, räcker årtalen. "
            "Utelämna raden när ingen källa ger något år ('i tre år' utan början): sidan visar då Uppgift saknas, aldrig ett påhittat datum.",
        ),
    ] = None
    decisions: Annotated[
        list[Annotated[str, Ref("decision")]], Doc("Beslut", "Id för beslutsärenden om partnerskapet.", ["asn-2022-13029"])
    ] = field(default_factory=list)
    agreement_title: Annotated[str | None, Doc("Avtalets rubrik", "Avtalets fullständiga rubrik.")] = None
    extension_of: Annotated[Markdown | None, Doc("Förlänger", "Om avtalet förlänger ett tidigare avtal: vilket.")] = None
    background: Annotated[Markdown | None, Doc("Bakgrund", "Hur partnerskapet kom till.")] = None
    purpose: Annotated[Markdown | None, Doc("Syfte", "Överenskommelsens syfte.")] = None
    values: Annotated[Markdown | None, Doc("Värdegrund", "Partnerskapets värdegrund.")] = None
    target_groups: Annotated[TargetGroups | None, Doc("Målgrupper", "Vem verksamheten är till för.")] = None
    activities: Annotated[list[Activity], Doc("Verksamhet", "Verksamhetsområden med mål.")] = field(default_factory=list)
    holds_courses: Annotated[
        bool,
        Doc(
            "Håller kurser",
            "true om källan säger att partnerskapet håller kurser. Sidan Kurser visar då partnerskapets kontaktpersoner "
            "och en kalender att prenumerera på, även när ingen kurs är inlagd.",
            False,
        ),
    ] = False
    responsibilities: Annotated[list[Responsibility], Doc("Ansvar", "Varje parts åtaganden.")] = field(default_factory=list)
    governance: Annotated[Governance | None, Doc("Styrning", "Styrgrupp och möten.")] = None
    budget: Annotated[list[BudgetYear], Doc("Budget", "Budget per år.")] = field(default_factory=list)
    budget_notes: Annotated[list[Markdown], Doc("Om ekonomin", "Villkor och förklaringar till budgeten, till exempel uppräkning.")] = field(
        default_factory=list
    )
    payment_terms: Annotated[PaymentTerms | None, Doc("Betalning", "Hur och när pengarna betalas ut.")] = None
    follow_up: Annotated[FollowUp | None, Doc("Uppföljning", "Uppföljning och rapporter.")] = None
    extension: Annotated[ExtensionTerms | None, Doc("Förlängning", "Villkor för förlängning.")] = None
    extensions: Annotated[
        list[Extension], Doc("Beslutade förlängningar", "Förlängningar som parterna har kommit överens om.")
    ] = field(default_factory=list)
    termination: Annotated[Markdown | None, Doc("Omförhandling, hävning och tvist", "Villkoren i korthet.")] = None
    ended_early: Annotated[
        EndedEarly | None,
        Doc(
            "Avslutat i förtid",
            "När en part avslutade avtalet före periodens slut: från när, av vem och varför. Perioden slutar då dagen före, "
            "för läget, pengarna per år och öppna data.",
        ),
    ] = None
    people: Annotated[
        list[NamedPerson],
        Doc("Personer", "Personer som källorna nämner, med roll och, för förtroendevalda, parti. Bara de som källan nämner."),
    ] = field(default_factory=list)
    follows: Annotated[
        str | None,
        Ref("partnership"),
        Doc("Följer efter", "Id för det tidigare avtalet som detta tar vid efter; det tidigare avtalets sida länkar hit."),
    ] = None
    conditions: Annotated[list[Markdown], Doc("Övriga villkor", "Andra villkor i avtalet.")] = field(default_factory=list)
    signatories: Annotated[list[Signatory], Doc("Underskrifter", "Vem som skriver under för varje part.")] = field(default_factory=list)
    sources: Annotated[
        list[Source],
        Doc(
            "Källor",
            "Varifrån uppgifterna kommer: avtal, tjänsteskrivelse, protokoll, pressmeddelande, nyhetsartikel eller webbsida. "
            "Minst en källa; skriv in det du har, också när det bara är ett pressmeddelande.",
        ),
    ]
