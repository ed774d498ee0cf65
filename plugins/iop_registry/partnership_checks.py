"""Checks of what every partnership must have and of how its life fits together.

What every real IOP has, even one known only from a press release, is required: a title, a
public and an idea-driven party, a period and at least one source. Everything else may be
missing, and the page then says *Uppgift saknas*. The checks of a partnership's budget, follow-up
and decisions are in `validate.py`; this module holds those the thin records brought.
"""

from __future__ import annotations

from .diagnostics import Report
from .model.partnership import Partnership, PartyRole
from .registry import Entry, Registry, report_error, report_warning


def check_partnership_basics(entry: Entry[Partnership], registry: Registry, report: Report) -> None:
    """The parties and sources every IOP has."""
    p = entry.record
    roles = {party.role for party in p.parties}
    # Warnings for now: the editors' template writes one party group, which can hold only one role.
    if PartyRole.PUBLIC not in roles:
        report_warning(
            report, entry, "parties", "no-public-party", "ingen part har rollen public (offentlig part).",
            "Ett IOP har minst en offentlig part: nämnden, förvaltningen, kommunen eller regionen som källan nämner. "
            "Nämner källan bara kommunen, ange kommunen.",
        )
    if PartyRole.IDEA_DRIVEN not in roles:
        report_warning(
            report, entry, "parties", "no-idea-driven-party", "ingen part har rollen idea_driven (idéburen part).",
            "Ett IOP har minst en idéburen part, till exempel en förening eller en stiftelse; lägg till den med role: idea_driven.",
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
    ended = p.ended_early
    if ended is not None and not p.period.start.first_day < ended.on.first_day <= p.period.end.last_day:
        report_warning(
            report, entry, "ended_early.on", "ended-early-outside-period",
            f"avtalet avslutas i förtid från {ended.on}, men perioden är {p.period.start}–{p.period.end}.",
            "Kontrollera datumet: det är dagen från vilken avtalet inte längre gäller, som källan anger den.",
        )
    if p.follows == entry.id:
        report_error(report, entry, "follows", "follows-itself", "avtalet följer efter sig självt.", "Ange id för det tidigare avtalet, eller ta bort raden.")
