"""What a partnership's sources show about its life: decided, signed, proposed or unknown, and on what.

The status on the site is derived from what the records show, in this order: a decision record
that says the agreement was decided; a dated signature; a source that says the agreement was
decided or signed (a press release "tecknar avtal" is `shows: [signed]`); a decision record or a
source that only proposes it. When none of these says anything, the decision is unknown: the
site says *Beslut okänt*, never *Förslag*, since nothing says it was a proposal either.

A record known only from press releases, news items and web pages must also say so on its page:
a reader weighs a press release differently from a signed agreement.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.common import REPORTED_KINDS, Source, SourceKind, SourceShows
from ..model.decision import Decision, DecisionStatus
from ..model.partnership import Partnership
from ..registry import Registry


class StandingBasis(enum.StrEnum):
    """What the status rests on; a StrEnum, so JSON and CSV write the code as text."""

    DECISION = "decision"  # a decision record in the registry says it was decided
    SIGNATURE = "signature"  # a signatory's dated signature
    SOURCE = "source"  # a source says it was decided or signed
    PROPOSAL = "proposal"  # a decision record or a source proposes it, and nothing says more
    NOTHING = "nothing"  # no record says whether it was decided


class DecisionState(enum.StrEnum):
    """How money counts on the pages: decided, only proposed, or with its decision unknown.

    A proposal is a proposal and unknown is unknown: no sum adds either into decided money,
    and an agreement that nothing says was even proposed is never counted as a proposal.
    """

    DECIDED = "decided"
    PROPOSED = "proposed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Standing:
    """Whether the agreement is in force as far as the records show, and what that rests on
    (render/text.py says it in words under "Läget bygger på")."""

    basis: StandingBasis
    # DECISION: the decision that decided it; PROPOSAL: the first decision record, if any.
    decision: Decision | None = None
    # SIGNATURE: the latest signature's date.
    signed_on: dt.date | None = None
    # SOURCE: the source that says it was signed or decided, and which (`shows`);
    # PROPOSAL with no decision record: the source that proposes it.
    source: Source | None = None
    shows: SourceShows | None = None

    @property
    def settled(self) -> bool:
        """Decided or signed: the agreement holds for its period."""
        return self.basis in (StandingBasis.DECISION, StandingBasis.SIGNATURE, StandingBasis.SOURCE)

    @property
    def decision_state(self) -> DecisionState:
        if self.settled:
            return DecisionState.DECIDED
        return DecisionState.UNKNOWN if self.basis is StandingBasis.NOTHING else DecisionState.PROPOSED


def partnership_standing(partnership: Partnership, registry: Registry) -> Standing:
    """The partnership's standing from its decision records, signatures and sources (see the module)."""
    decisions = [registry.decisions[d].record for d in partnership.decisions if d in registry.decisions]
    for decision in decisions:
        if decision.status is DecisionStatus.DECIDED:
            return Standing(StandingBasis.DECISION, decision=decision)
    signed = sorted(s.date for s in partnership.signatories if s.date)
    if signed:
        return Standing(StandingBasis.SIGNATURE, signed_on=signed[-1])
    for wanted in (SourceShows.SIGNED, SourceShows.DECIDED):
        for source in partnership.sources:
            if wanted in source.shows:
                return Standing(StandingBasis.SOURCE, source=source, shows=wanted)
    proposing = [s for s in partnership.sources if SourceShows.PROPOSED in s.shows]
    if decisions:
        return Standing(StandingBasis.PROPOSAL, decision=decisions[0])
    if proposing:
        return Standing(StandingBasis.PROPOSAL, source=proposing[0])
    return Standing(StandingBasis.NOTHING)


def source_kinds(sources: Sequence[Source]) -> tuple[SourceKind, ...]:
    """The kinds of the sources, each once, in the order the record lists them."""
    return tuple(dict.fromkeys(source.kind for source in sources))


def reported_only(sources: Sequence[Source]) -> bool:
    """Every source is a press release, a news item or a web page: none is the agreement's own paper."""
    return bool(sources) and all(source.kind in REPORTED_KINDS for source in sources)
