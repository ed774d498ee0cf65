"""What the build computes for each record (status, totals, deadlines), each value documented once.

The JSON files write these under `derived`, the CSV tables read their `Doc`s, and the open data
page lists them: a derived value is described here, next to the code that words it as data.
"""

from __future__ import annotations

from typing import Any

from ...derive import Derived, PartnershipView, course_dates, is_public, is_upcoming
from ...model.types import Doc
from ...registry import Entry
from ..text import standing_text, status_label, status_note, worded_key_dates
from . import public_bodies
from .encode import iso

# The municipality or region of each record (public_bodies.py), documented with the rest.
_PUBLIC_BODY_DOCS = public_bodies.docs()

DERIVED_DOCS: dict[str, dict[str, Doc]] = {
    "partnership": {
        "status": Doc("Läge", "Partnerskapets läge den dag registret byggdes: code (proposed, unknown, undated, upcoming, active, ending, extended, ended), label, note, basis (decision, signature, source, proposal, nothing: vad läget bygger på) och based_on (samma sak i ord)."),
        "first_day": Doc("Första dag", "Avtalsperiodens första dag. Anger källan bara år eller månad är det periodens första dag; tom (null) när ingen källa anger perioden."),
        "last_day": Doc("Sista dag", "Avtalsperiodens sista dag. Anger källan bara år eller månad är det periodens sista dag; tom (null) när ingen källa anger perioden."),
        "period_precision": Doc("Periodens noggrannhet", "day, month eller year för start och end: hur exakt dokumenten anger perioden."),
        "approved": Doc("Beslutat", "true när registret visar att avtalet är beslutat eller undertecknat: ett fattat beslut, en daterad underskrift eller en källa som säger det."),
        "extension_deadline": Doc("Förlängning godkänns senast", "Sista dag att godkänna en förlängning, räknad från avtalets uppsägningstid."),
        "extended_until": Doc("Förlängt till", "Sista dagen efter beslutade förlängningar."),
        "budget": Doc(
            "Budget per år",
            "Per budgetår: summa kostnader, summa intäkter, finansiering per finansiär (public = offentlig), skillnad "
            "(balance = intäkter minus kostnader, bara när källan anger båda exakt) och offentliga medel. Okänt är null, "
            "aldrig 0. *_limit säger hur exakt beloppet är (exact, at_most = högst, at_least = minst, over = över, about = cirka); "
            "*_unspecified är den del av en angiven summa som källan inte specificerar; last_year är satt när beloppen gäller "
            "åren year till last_year tillsammans.",
        ),
        "missing_budget_years": Doc("År utan budget", "År som avtalsperioden omfattar men som budgeten inte anger belopp för."),
        "public_funds_by_year": Doc("Offentliga medel per år", "Summan som offentliga finansiärer står för i budgeten, per år."),
        "public_funds_total": Doc("Offentliga medel totalt", "Summan av offentliga medel för alla budgetår; tom (null) när inget års finansiering är känd."),
        "public_funds_total_limit": Doc(
            "Offentliga medel totalt är",
            "Hur exakt summan är, som källorna anger beloppen: exact, at_most (högst), at_least (minst), over (över) eller about "
            "(cirka). Summan gäller bara åren i public_funds_by_year; år utan belopp står i missing_budget_years.",
        ),
        "key_dates": Doc("Viktiga datum", "Datum ur avtalet och beslutet; derived = true när datumet är räknat från en regel i avtalet."),
        "grants": Doc("Bidrag", "Id för bidrag som hör till partnerskapet."),
        "courses": Doc("Kurser", "Id för partnerskapets kurser."),
        **_PUBLIC_BODY_DOCS["partnership"],
    },
    "organisation": {
        "public": Doc("Offentlig", "true för kommunen, nämnder, utskott och förvaltningar."),
        "partnerships": Doc("Partnerskap", "Id för partnerskap där organisationen är part."),
        "funds_received": Doc(
            "Offentliga medel per år",
            "Offentliga medel som organisationen tar emot per år, enligt budgetar och bidrag: year, decided "
            "(beslutade avtal och bidrag), proposed (förslag som inte är beslutade) och unknown (avtal där registret "
            "inte vet om de är beslutade). De läggs aldrig ihop.",
        ),
        **_PUBLIC_BODY_DOCS["organisation"],
    },
    "decision": {
        "partnerships": Doc("Partnerskap", "Id för partnerskap som beslutet gäller."),
        "grants": Doc("Bidrag", "Id för bidrag som beslutet beviljar."),
        **_PUBLIC_BODY_DOCS["decision"],
    },
    "grant": {
        "funder_is_public": Doc("Offentlig finansiär", "true när den som beviljar bidraget är en offentlig organisation."),
        **_PUBLIC_BODY_DOCS["grant"],
    },
    "course": {
        "first_day": Doc("Första träffen", "Datum för kursens första träff."),
        "last_day": Doc("Sista träffen", "Datum för kursens sista träff."),
        "upcoming": Doc("Kommande", "true när kursen inte är inställd eller genomförd och sista träffen är samma dag som registret byggdes eller senare."),
    },
}


def by_year(amounts: dict[int, int]) -> list[dict[str, int]]:
    return [{"year": year, "amount": amount} for year, amount in sorted(amounts.items())]


def _partnership_derived(view: PartnershipView, derived: Derived) -> dict[str, Any]:
    registry = derived.registry
    period = view.record.period
    return {
        "status": {
            "code": view.status.code, "label": status_label(view.status.code),
            "note": status_note(view.status, lambda organisation_id: registry.organisation_name(organisation_id) or organisation_id),
            "basis": view.standing.basis, "based_on": standing_text(view.standing),
        },
        # Empty (null) when no source gives the period: never a made-up date.
        "first_day": iso(view.start),
        "last_day": iso(view.end),
        "period_precision": {"start": period.start.precision, "end": period.end.precision} if period else None,
        "approved": view.approved,
        "extension_deadline": iso(view.extension_deadline),
        "extended_until": iso(view.extended_end),
        "budget": [
            {
                "year": s.year,
                "last_year": s.last_year,
                "cost_total": s.cost_total,
                "cost_limit": s.cost_limit.value,
                "cost_unspecified": s.cost_unspecified,
                "income_total": s.income_total,
                "income_limit": s.income_limit.value,
                "income_unspecified": s.income_unspecified,
                "funding_total": s.funding_total,
                "balance": s.balance,
                "funding_source": s.funding_source,
                "funding": [
                    {"funder": f.funder, "amount": f.amount, "limit": f.limit.value, "recipient": f.recipient, "public": is_public(registry, f.funder)}
                    for f in s.funding
                ],
                "unfunded_costs": s.unfunded_costs,
                "public_funds": None if s.together else view.public_funding_by_year.get(s.year),
            }
            for s in view.budgets_by_first_year
        ],
        "missing_budget_years": view.missing_budget_years,
        "public_funds_by_year": by_year(view.public_funding_by_year),
        "public_funds_total": view.public_funds_total,
        "public_funds_total_limit": view.public_funds_total_limit,
        "key_dates": [
            {"date": w.key.date.isoformat(), "label": w.label, "kind": w.key.kind, "derived": w.key.derived, "precision": w.key.precision}
            for w in worded_key_dates(view.key_dates, derived.today)
        ],
        "grants": [g.id for g in view.grants],
        "courses": [c.id for c in view.courses],
    }


def derived_values(entry: Entry[Any], derived: Derived) -> dict[str, Any]:
    """The `derived` part of a record in the JSON files: what the build computes for it."""
    registry, record = derived.registry, entry.record
    if entry.kind == "partnership":
        return _partnership_derived(derived.partnership_by_id[entry.id], derived)
    if entry.kind == "organisation":
        return {
            "public": record.kind.is_public,
            "partnerships": sorted(v.id for v in derived.partnerships_by_organisation.get(entry.id, [])),
            "funds_received": [
                {"year": year, "decided": decided, "proposed": proposed, "unknown": unknown}
                for year, (decided, proposed, unknown) in derived.funds_received(entry.id).items()
            ],
        }
    if entry.kind == "decision":
        return {
            "partnerships": derived.partnerships_by_decision.get(entry.id, []),
            "grants": derived.grants_by_decision.get(entry.id, []),
        }
    if entry.kind == "grant":
        return {"funder_is_public": is_public(registry, record.funder)}
    if entry.kind == "course":
        first, last = course_dates(record)
        return {"first_day": first.isoformat(), "last_day": last.isoformat(), "upcoming": is_upcoming(record, derived.today)}
    raise ValueError(entry.kind)
