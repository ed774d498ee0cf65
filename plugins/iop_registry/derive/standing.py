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

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from ..formatting import long_date, partial_date_text
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


@dataclass(frozen=True)
class Standing:
    """Whether the agreement is in force as far as the records show, and why."""

    basis: StandingBasis
    # The sentence the partnership page shows under "Läget bygger på".
    explanation: str

    @property
    def settled(self) -> bool:
        """Decided or signed: the agreement holds for its period."""
        return self.basis in (StandingBasis.DECISION, StandingBasis.SIGNATURE, StandingBasis.SOURCE)


def _source_name(source: Source) -> str:
    dated = f", {partial_date_text(source.date)}" if source.date else ""
    return f"{source.kind.label.lower()} ”{source.title}”{dated}"


def _decision_name(decision: Decision) -> str:
    return decision.case_number or f"”{decision.title}”"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def partnership_standing(partnership: Partnership, registry: Registry) -> Standing:
    """The partnership's standing from its decision records, signatures and sources (see the module)."""
    decisions = [(d, registry.decisions[d].record) for d in partnership.decisions if d in registry.decisions]
    for _, decision in decisions:
        if decision.status is DecisionStatus.DECIDED:
            when = f" {long_date(decision.decided_on)}" if decision.decided_on else ""
            return Standing(StandingBasis.DECISION, f"Beslutet {_decision_name(decision)}, fattat{when}.")
    signed = sorted(s.date for s in partnership.signatories if s.date)
    if signed:
        return Standing(StandingBasis.SIGNATURE, f"Underskriften i avtalet, daterad {long_date(signed[-1])}.")
    for wanted, words in ((SourceShows.SIGNED, "undertecknat"), (SourceShows.DECIDED, "beslutat")):
        for source in partnership.sources:
            if wanted in source.shows:
                return Standing(StandingBasis.SOURCE, f"{_first_upper(_source_name(source))}, som säger att avtalet är {words}.")
    proposing = [s for s in partnership.sources if SourceShows.PROPOSED in s.shows]
    if decisions or proposing:
        what = (
            f"beslutsärendet {_decision_name(decisions[0][1])}" if decisions else _source_name(proposing[0])
        )
        return Standing(StandingBasis.PROPOSAL, f"{_first_upper(what)}, som föreslår avtalet. Ingen källa i registret säger att det är beslutat.")
    return Standing(
        StandingBasis.NOTHING,
        "Ingen källa i registret säger att avtalet är beslutat, undertecknat eller föreslaget.",
    )


def source_kinds(sources: Sequence[Source]) -> tuple[SourceKind, ...]:
    """The kinds of the sources, each once, in the order the record lists them."""
    return tuple(dict.fromkeys(source.kind for source in sources))


def reported_only(sources: Sequence[Source]) -> bool:
    """Every source is a press release, a news item or a web page: none is the agreement's own paper."""
    return bool(sources) and all(source.kind in REPORTED_KINDS for source in sources)
