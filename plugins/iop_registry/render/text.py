"""The Swedish words for derived facts: status labels and notes, key dates, what a status rests on, money rows.

Derivation (derive/) gives facts, enums and numbers; this module words them, once, for the
pages, the search index and the exports alike, so a page and a CSV file never say it twice in
two ways.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..derive.budget import BudgetSummary
from ..derive.funding import FundingSeries, SeriesRole
from ..derive.standing import DecisionState, Standing, StandingBasis
from ..derive.status import KeyDate, KeyEvent, PartnershipStatus, Status
from ..formatting import kronor, long_date, partial_date_text
from ..model.common import Source, SourceShows
from ..model.course import Course, CourseStatus
from ..model.decision import Decision

# An organisation's id to the name pages show (Renderer.organisation_name).
OrganisationName = Callable[[str], str]

# Each status's label, in the order listings offer them as filters.
STATUS_LABELS: dict[PartnershipStatus, str] = {
    PartnershipStatus.PROPOSED: "Förslag",
    PartnershipStatus.UNKNOWN: "Beslut okänt",
    PartnershipStatus.UNDATED: "Beslutat, period okänd",
    PartnershipStatus.UPCOMING: "Kommande",
    PartnershipStatus.ACTIVE: "Pågående",
    PartnershipStatus.ENDING: "Pågående, slutar snart",
    PartnershipStatus.EXTENDED: "Förlängt",
    PartnershipStatus.ENDED: "Avslutat",
}


def status_label(code: PartnershipStatus) -> str:
    return STATUS_LABELS[code]


def status_note(status: Status, organisation_name: OrganisationName) -> str:
    """The sentence beside the status: 'Gäller till 31 december 2024.', ..."""
    code, day = status.code, status.day
    if code in (PartnershipStatus.UNKNOWN, PartnershipStatus.PROPOSED):
        note = "Registret vet inte om avtalet är beslutat." if code is PartnershipStatus.UNKNOWN else "Beslut om avtalet finns inte i registret."
        return "Avtalsperioden har passerat. " + note if status.period_over else note
    if code is PartnershipStatus.UNDATED:
        return "Ingen källa anger avtalsperioden, så registret vet inte om avtalet gäller i dag."
    assert day is not None, status
    if code is PartnershipStatus.UPCOMING:
        return f"Börjar {long_date(day)}."
    if code is PartnershipStatus.ENDING and status.extension_deadline:
        deadline = long_date(status.extension_deadline)
        if status.deadline_passed:
            return f"Slutar {long_date(day)}. Tiden för att godkänna en förlängning gick ut {deadline}."
        return f"Slutar {long_date(day)}. En förlängning måste vara godkänd senast {deadline}."
    if code in (PartnershipStatus.ACTIVE, PartnershipStatus.ENDING):
        return f"Gäller till {long_date(day)}."
    if code is PartnershipStatus.EXTENDED:
        return f"Förlängt till {long_date(day)}."
    ended = status.ended_early
    if ended is not None:
        by = f" av {organisation_name(ended.by)}" if ended.by else ""
        return f"Avslutades i förtid{by}: gäller inte från och med {partial_date_text(ended.on)}."
    return f"Avslutades {long_date(day)}."


_KEY_EVENT_WORDS: dict[KeyEvent, str] = {
    KeyEvent.PERIOD_STARTS: "Avtalsperioden börjar",
    KeyEvent.PERIOD_ENDS: "Avtalsperioden slutar",
    KeyEvent.ENDED_EARLY: "Avtalet gäller inte längre (avslutat i förtid)",
    KeyEvent.EXTENSION_ENDS: "Förlängningen slutar",
}


def key_date_label(key: KeyDate) -> str:
    """'Sista dag att godkänna förlängning (6 månader före periodens slut)', 'Faktura för 2024 senast', ..."""
    if key.event is KeyEvent.EXTENSION_DEADLINE:
        return f"Sista dag att godkänna förlängning ({key.months} månader före periodens slut)"
    if key.event is KeyEvent.INVOICE_DUE:
        return f"Faktura för {key.year} senast"
    if key.event is KeyEvent.REPORT_DUE:
        return f"Rapport för {key.report_period} klar senast"
    if key.event is KeyEvent.MEETING:
        return f"{key.body} ({key.case_number})" if key.case_number else str(key.body)
    return _KEY_EVENT_WORDS[key.event]


@dataclass(frozen=True)
class WordedKeyDate:
    """A key date with its words, as the partnership page and the JSON files show it."""

    key: KeyDate
    label: str
    when: str  # '2024' for a date known to the year, else '31 december 2024'
    past: bool  # before the build's day


def worded_key_dates(keys: Sequence[KeyDate], today: dt.date) -> list[WordedKeyDate]:
    """The key dates with their words; on one day, by kind and then by the words."""
    worded = [
        WordedKeyDate(key, key_date_label(key), str(key.date.year) if key.precision == "year" else long_date(key.date), key.date < today)
        for key in keys
    ]
    return sorted(worded, key=lambda w: (w.key.date, w.key.kind, w.label))


def _source_name(source: Source) -> str:
    dated = f", {partial_date_text(source.date)}" if source.date else ""
    return f"{source.kind.label.lower()} ”{source.title}”{dated}"


def _decision_name(decision: Decision) -> str:
    return decision.case_number or f"”{decision.title}”"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


_SHOWN_AS = {SourceShows.SIGNED: "undertecknat", SourceShows.DECIDED: "beslutat"}


def standing_text(standing: Standing) -> str:
    """What the status rests on, as the partnership page says under "Läget bygger på"."""
    basis = standing.basis
    if basis is StandingBasis.DECISION and standing.decision:
        decided_on = standing.decision.decided_on
        when = f" {long_date(decided_on)}" if decided_on else ""
        return f"Beslutet {_decision_name(standing.decision)}, fattat{when}."
    if basis is StandingBasis.SIGNATURE and standing.signed_on:
        return f"Underskriften i avtalet, daterad {long_date(standing.signed_on)}."
    if basis is StandingBasis.SOURCE and standing.source and standing.shows:
        return f"{_first_upper(_source_name(standing.source))}, som säger att avtalet är {_SHOWN_AS[standing.shows]}."
    if basis is StandingBasis.PROPOSAL:
        what = f"beslutsärendet {_decision_name(standing.decision)}" if standing.decision else _source_name(standing.source) if standing.source else ""
        return f"{_first_upper(what)}, som föreslår avtalet. Ingen källa i registret säger att det är beslutat."
    return "Ingen källa i registret säger att avtalet är beslutat, undertecknat eller föreslaget."


def series_label(series: FundingSeries) -> str:
    """A money table's row as its tables and charts name it: 'Mammakraft', 'Bidrag till Mammakraft', ..."""
    if series.role is SeriesRole.GRANTS:
        return f"Bidrag till {series.name}"
    if series.role is SeriesRole.OTHERS:
        return f"Övriga ({series.count} st.)"
    if series.role is SeriesRole.NO_BODY:
        return "Uppgift saknas om kommun eller region"
    return series.name


# How money counts, as a column heading, a bar's and a sum's name: declared once for the
# organisation pages, Ekonomi's sums and the charts.
DECISION_STATE_HEADINGS: dict[DecisionState, str] = {
    DecisionState.DECIDED: "Beslutat",
    DecisionState.PROPOSED: "Förslag, inte beslutat",
    DecisionState.UNKNOWN: "Beslut okänt",
}
_UNDECIDED_WORDS = {DecisionState.PROPOSED: "förslag", DecisionState.UNKNOWN: "beslut okänt"}


def undecided_word(state: DecisionState) -> str:
    """'förslag' or 'beslut okänt' beside money that is not decided; '' for decided money."""
    return _UNDECIDED_WORDS.get(state, "")


def balance_words(summary: BudgetSummary) -> str:
    """'intäkterna är 2 000 kr lägre än kostnaderna' for a budget that does not balance; '' when it does
    or gives no income: the one wording of the partnership page, Ekonomi and the charts."""
    if not summary.balance:
        return ""
    direction = "lägre" if summary.balance < 0 else "högre"
    return f"intäkterna är {kronor(summary.gap)} {direction} än kostnaderna"


def places_left_words(course: Course) -> str | None:
    """'Kursen är fullbokad.', 'Inga platser kvar.', '1 plats kvar.', '12 platser kvar.'; None when the record does not say."""
    if course.status is CourseStatus.FULL:
        return "Kursen är fullbokad."
    if course.places_left is None:
        return None
    if course.places_left == 0:
        return "Inga platser kvar."
    return f"{course.places_left} {'plats' if course.places_left == 1 else 'platser'} kvar."


def fee_words(course: Course) -> str | None:
    """'Kostnadsfri' for a fee of 0 kr, else the fee in kronor; None when the record does not say."""
    if course.fee is None:
        return None
    return "Kostnadsfri" if course.fee == 0 else kronor(course.fee)


def budget_label_note(summary: BudgetSummary) -> str | None:
    """The budget's own label beside its heading 'Budget 2023', unless it only says the same."""
    label = summary.budget.label
    return label if label and label != f"Budget {summary.year}" else None
