"""Checks of what every partnership must have and of how its life fits together.

What every real IOP has, even one known only from a press release, is required: a title, a
public and an idea-driven party and at least one source. Everything else may be missing, the
period too when no source gives a year, and the page then says *Uppgift saknas*. The checks
of a partnership's budget are in `budget_checks.py`, of its follow-up and decisions in
`validate.py`; this module holds those the thin records brought.
"""

from __future__ import annotations

from .diagnostics import Report
from .model.partnership import REQUIRED_PARTY_ROLES, Partnership, PartyRole
from .registry import Entry, Registry, report_error, report_warning


def check_partnership_basics(entry: Entry[Partnership], registry: Registry, report: Report) -> None:
    """The parties and sources every IOP has."""
    p = entry.record
    roles = [party.role for party in p.parties]
    found = _parties_found(roles)
    if PartyRole.PUBLIC not in roles:
        report_error(
            report, entry, "parties", "no-public-party",
            f"hittade {found}, förväntade minst en part med role: public ({PartyRole.PUBLIC.label.lower()}).", _missing_party_hint(PartyRole.PUBLIC),
        )
    if PartyRole.IDEA_DRIVEN not in roles:
        report_error(
            report, entry, "parties", "no-idea-driven-party",
            f"hittade {found}, förväntade minst en part med role: idea_driven ({PartyRole.IDEA_DRIVEN.label.lower()}).",
            _missing_party_hint(PartyRole.IDEA_DRIVEN),
        )
    if p.coordinator is not None and p.coordinator not in {party.organisation for party in p.parties}:
        report_warning(
            report, entry, "coordinator", "coordinator-not-a-party",
            f"hittade {p.coordinator}, förväntade id för en av partnerskapets parter.",
            "Den som samordnar partnerskapet står bland parterna: lägg till organisationen under parties, eller rätta id:t.",
        )
    if not p.sources:
        report_error(
            report, entry, "sources", "no-sources", "partnerskapet har ingen källa.",
            "Lägg till minst en källa med kind och title, till exempel det pressmeddelande eller den webbsida som "
            "uppgifterna kommer från (kind: press_release).",
        )


def check_partnership_life(entry: Entry[Partnership], report: Report) -> None:
    """An early end inside the period, and an agreement that does not follow itself."""
    p = entry.record
    ended, period = p.ended_early, p.period
    if ended is not None and period is not None and not period.start.first_day < ended.on.first_day <= period.end.last_day:
        report_warning(
            report, entry, "ended_early.on", "ended-early-outside-period",
            f"avtalet avslutas i förtid från {ended.on}, men perioden är {period.start}–{period.end}.",
            "Kontrollera datumet: det är dagen från vilken avtalet inte längre gäller, som källan anger den.",
        )
    if p.follows == entry.id:
        report_error(report, entry, "follows", "follows-itself", "avtalet följer efter sig självt.", "Ange id för det tidigare avtalet, eller ta bort raden.")


def _parties_found(roles: list[PartyRole]) -> str:
    """What the record has, for the message: "1 part med rollen idea_driven", "inga parter"."""
    if not roles:
        return "inga parter"
    names = sorted({role.value for role in roles})
    return f"{len(roles)} {'part' if len(roles) == 1 else 'parter'} med {'rollen' if len(names) == 1 else 'rollerna'} {', '.join(names)}"


def _missing_party_hint(role: PartyRole) -> str:
    """What to add, in the words the editors' template uses for the same row."""
    meaning = dict(REQUIRED_PARTY_ROLES.values)[role]
    return (
        f"Lägg till en rad under parties med organisation och role: {role.value}. Organisation: {meaning} "
        "Finns organisationen inte i registret, lägg först till den i registry/organisations/."
    )
