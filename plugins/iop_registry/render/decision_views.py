"""Decisions and grants as their list cards and the grant page show them: look-ups done, words chosen."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.decision import Decision, DecisionStatus, Meeting
from ..model.grant import Grant
from ..registry import Entry, Registry
from .text import OrganisationName


@dataclass(frozen=True)
class DecisionCard:
    """A decision in the list of decisions and grants."""

    entry: Entry[Decision]
    # The latest meeting the documents name, or None: the card then names the board.
    meeting: Meeting | None
    # "Kulturnämnden", with the municipality or region after it when the registry has several.
    meeting_body: str
    # A decided case was on the agenda of that meeting; any other is only planned for it.
    meeting_word: str
    board_name: str
    kind: str = "decision"

    @property
    def record(self) -> Decision:
        return self.entry.record


@dataclass(frozen=True)
class GrantCard:
    """A grant in the list of decisions and grants."""

    entry: Entry[Grant]
    recipient_name: str
    funder_name: str
    kind: str = "grant"

    @property
    def record(self) -> Grant:
        return self.entry.record


def decision_card(entry: Entry[Decision], registry: Registry, organisation_name: OrganisationName) -> DecisionCard:
    decision = entry.record
    meeting = decision.latest_meeting
    body = meeting.body if meeting else ""
    public_body = registry.public_body(decision.board) if registry.several_public_bodies else None
    if meeting and public_body:
        body += f" ({organisation_name(public_body)})"
    word = "sammanträde" if decision.status is DecisionStatus.DECIDED else "planerat sammanträde"
    return DecisionCard(entry, meeting, body, word, organisation_name(decision.board))


def grant_card(entry: Entry[Grant], organisation_name: OrganisationName) -> GrantCard:
    return GrantCard(entry, organisation_name(entry.record.recipient), organisation_name(entry.record.funder))


@dataclass(frozen=True)
class GrantFacts:
    """What the grant page shows of the records a grant points to."""

    decision: Decision
    partnership_title: str | None


def grant_facts(grant: Grant, registry: Registry) -> GrantFacts:
    # Validation refuses a grant whose decision is not in the registry, so the look-up holds.
    partnership = registry.partnerships.get(grant.partnership) if grant.partnership else None
    return GrantFacts(registry.decisions[grant.decision].record, partnership.record.title if partnership else None)

