"""Checks that need more than one field or more than one record.

Single values are already checked while parsing (`parse.py`); here we look at how values
and records fit together: references, dates in order, budget sums, course sessions.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .budget_checks import check_budget
from .diagnostics import Report
from .model import RECORD_TYPES
from .model.course import Course, CourseStatus
from .model.fields import FieldType, record_fields
from .model.partnership import Partnership, PartyRole
from .model.types import Ref
from .parse_cache import ParseCache
from .partnership_checks import check_partnership_basics, check_partnership_life
from .registry import Entry, Registry, load_registry, report_error, report_warning
from .site_paths import generated_page_at
from .text import look_alike_key


def validate_path(root: Path, report: Report, cache: ParseCache | None = None) -> Registry:
    """Load and check a registry folder: the one entry point for the CLI and the plugin
    (which, in a preview, passes a cache of the files it parsed before)."""
    with _without_gc_pauses():
        registry = load_registry(root, report, cache)
        check_registry(registry, report)
    return registry


@contextlib.contextmanager
def _without_gc_pauses() -> Iterator[None]:
    """Loading creates millions of objects and no reference cycles to free: the cyclic
    collector would only scan the growing heap again and again (a third of the time at
    10,000 records). Plain reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_registry(registry: Registry, report: Report) -> None:
    for kind in RECORD_TYPES:
        for entry in registry.of_kind(kind).values():
            _check_references(entry, registry, report)
            _check_address(entry, report)
    _check_organisation_parents(registry, report)
    _check_look_alike_names(registry, report)
    for entry in registry.partnerships.values():
        check_partnership_basics(entry, registry, report)
        check_partnership_life(entry, report)
        _check_partnership(entry, registry, report)
    for entry in registry.decisions.values():
        decision = entry.record
        if decision.status == "decided" and decision.decided_on is None:
            report_warning(report, entry, "status", "missing-decision-date", "ärendet är beslutat men beslutsdatum saknas.", "Lägg till decided_on: ÅÅÅÅ-MM-DD.")
        if decision.decided_on is not None and decision.status != "decided":
            report_error(report, entry, "decided_on", "decision-date-without-decision", "beslutsdatum är ifyllt men läget är inte 'decided'.", "Ändra status till decided eller ta bort decided_on.")
    for entry in registry.courses.values():
        _check_course(entry, registry, report)


def _check_address(entry: Entry[Any], report: Report) -> None:
    """An id is the last part of its page's address: it must not be one the site generates."""
    taken = generated_page_at(entry.kind, entry.id)
    if taken:
        report.add(
            entry.file, 0, 0, "reserved-id",
            f"id:t '{entry.id}' är upptaget: webbplatsen skapar själv {taken} (en lista, en sida i en lista eller en kalender).",
            f"Byt namn på filen, till exempel till {entry.id}-1.yml; id:t är filnamnet utan .yml.",
        )



@functools.cache
def _reference_plan(cls: type) -> tuple[tuple[str, FieldType, bool], ...]:
    """The fields of `cls` that hold references or groups containing some, with "is a list".

    Worked out once per class, so checking 10,000 records visits only the values that can
    name another record instead of every value.
    """
    plan = []
    for name, ftype in record_fields(cls).items():
        inner = ftype.item or ftype
        if inner.marker(Ref) is not None or (inner.is_record and _reference_plan(inner.base)):
            plan.append((name, inner, ftype.item is not None))
    return tuple(plan)


def references(value: object, path: str = "") -> Iterator[tuple[str, str, Ref]]:
    """Yield (path, id, Ref) for every reference to another record inside `value`."""
    cls: type = type(value)
    for name, inner, is_list in _reference_plan(cls):
        item = getattr(value, name)
        if item is None:
            continue
        item_path = f"{path}.{name}" if path else name
        ref = inner.marker(Ref)
        for element_path, element in ([(f"{item_path}[{i}]", e) for i, e in enumerate(item)] if is_list else [(item_path, item)]):
            if ref is not None:
                yield element_path, element, ref
            else:
                yield from references(element, element_path)


def _check_references(entry: Entry[Any], registry: Registry, report: Report) -> None:
    for path, value, ref in references(entry.record):
        targets = registry.of_kind(ref.kind)
        if value in targets or (ref.kind, value) in registry.unparsed:
            continue  # a record that failed to parse has its own errors; don't echo them here
        close = difflib.get_close_matches(value, list(targets), n=1, cutoff=0.6)
        hint = f"Menade du '{close[0]}'?" if close else f"Kontrollera stavningen eller lägg till filen registry/{RECORD_TYPES[ref.kind].folder}/{value}.yml."
        report_error(report, entry, path, "unknown-reference", f"det finns {RECORD_TYPES[ref.kind].none_of} med id '{value}'.", hint)


def _check_look_alike_names(registry: Registry, report: Report) -> None:
    """Two organisations whose names look the same ("Lunds kommun" in Cyrillic letters, with a
    zero-width space or a no-break space) would read as one: a warning, since the names may
    both be true; the editor decides. Different letters in the same script are not folded."""
    seen: dict[str, Entry[Any]] = {}
    for entry in sorted(registry.organisations.values(), key=lambda e: e.id):
        # Two municipalities' Kulturnämnden are two boards, told apart by their municipality.
        key = f"{look_alike_key(entry.record.name)}\n{registry.public_body(entry.id) or ''}"
        first = seen.setdefault(key, entry)
        if first is not entry:
            report_warning(
                report, entry, "name", "look-alike-name",
                f"namnet ser ut som namnet på {first.id} ({first.record.name}) men är skrivet med andra tecken."
                if first.record.name != entry.record.name else f"namnet är detsamma som på {first.id}.",
                "Är det samma organisation, använd dess id; annars skriv namnet så att de går att skilja åt.",
            )


def _check_organisation_parents(registry: Registry, report: Report) -> None:
    for entry in registry.organisations.values():
        seen = {entry.id}
        parent = entry.record.parent
        while parent in registry.organisations:
            if parent in seen:
                report_error(report, entry, "parent", "parent-cycle", "organisationerna hör till varandra i en ring.", "Ta bort parent i en av dem.")
                break
            seen.add(parent)
            parent = registry.organisations[parent].record.parent
        else:
            if parent is None:  # an unknown parent has its own error
                _check_public_body(entry, registry, report)


def _check_public_body(entry: Entry[Any], registry: Registry, report: Report) -> None:
    """A board, committee or office belongs to a municipality or region, once the registry
    has one: without it, its money and decisions can't be shown as that body's."""
    kind = entry.record.kind
    if not kind.is_public or kind.is_public_body or not registry.public_bodies or registry.public_body(entry.id):
        return
    bodies = ", ".join(registry.public_bodies[:5])
    report_warning(
        report, entry, "parent", "no-public-body",
        f"{entry.record.name} hör inte till någon kommun eller region i registret.",
        f"Skriv parent: och id för kommunen eller regionen som den hör till (i registret finns {bodies}); "
        "finns den inte än, lägg upp den som en organisation med kind: municipality eller kind: region.",
    )


def _check_partnership(entry: Entry[Partnership], registry: Registry, report: Report) -> None:
    p = entry.record
    start = p.period.start.first_day if p.period else None
    if p.period and p.period.start.first_day > p.period.end.last_day:
        report_error(report, entry, "period.end", "period-order", f"perioden slutar ({p.period.end}) innan den börjar ({p.period.start}).", "Kontrollera årtalen.")
    organisations = registry.organisations
    for i, party in enumerate(p.parties):
        organisation = organisations.get(party.organisation)
        if organisation and (party.role is PartyRole.PUBLIC) != organisation.record.kind.is_public:
            report_warning(
                report, entry, f"parties[{i}].role", "role-mismatch",
                f"rollen {party.role.value} passar inte organisationstypen {organisation.record.kind.label.lower()}.",
                "Offentliga organisationer (kommun, nämnd, utskott, förvaltning) har rollen public; andra har idea_driven eller academic.",
            )
    party_ids = {party.organisation for party in p.parties}
    for i, responsibility in enumerate(p.responsibilities):
        # A board's office may carry the board's duties (for_party); then the board must be a party.
        field, organisation_id = ("for_party", responsibility.for_party) if responsibility.for_party else ("party", responsibility.party)
        if organisation_id not in party_ids and organisation_id in organisations:
            report_warning(report, entry, f"responsibilities[{i}].{field}", "not-a-party", f"'{organisation_id}' står inte bland parterna.", "Lägg till organisationen under parties, eller kontrollera id:t.")
    check_budget(entry, report)
    if p.follow_up:
        for i, report_due in enumerate(p.follow_up.reports):
            if start and report_due.due < start:
                report_warning(report, entry, f"follow_up.reports[{i}].due", "deadline-before-start", "rapporten ska vara klar innan avtalet börjar.", "Kontrollera datumet.")
    for i, decision_id in enumerate(p.decisions):
        decision = registry.decisions.get(decision_id)
        if decision and decision.record.case_number and decision.record.case_number not in p.case_numbers:
            report_warning(
                report, entry, f"decisions[{i}]", "case-number-missing",
                f"beslutets diarienummer {decision.record.case_number} saknas bland partnerskapets diarienummer.",
                "Lägg till det under case_numbers.",
            )


def _check_course(entry: Entry[Course], registry: Registry, report: Report) -> None:
    course = entry.record
    if not course.sessions:
        report_error(report, entry, "sessions", "no-sessions", "kursen har inga träffar.", "Lägg till träffarna med datum, start och slut.")
        return
    partnership = registry.partnerships.get(course.partnership)
    period_text, first_day, last_day = "", None, None
    if partnership and partnership.record.period:
        p, period = partnership.record, partnership.record.period
        first_day = period.start.first_day
        # An agreed extension moves the end: sessions then are inside the agreement.
        last_day, end_text = max([(period.end.last_day, str(period.end))] + [(e.until.last_day, str(e.until)) for e in p.extensions])
        period_text = f"{period.start}–{end_text}"
    seen: dict[tuple[object, object], int] = {}
    outside: list[int] = []
    for i, session in enumerate(course.sessions):
        path = f"sessions[{i}]"
        if session.end <= session.start:
            report_error(
                report, entry, f"{path}.end", "session-order",
                f"träffen {session.date} slutar {session.end:%H:%M} men börjar {session.start:%H:%M}.",
                "Sluttiden ska vara senare än starttiden; kontrollera tiderna.",
            )
        if first_day and last_day and not first_day <= session.date <= last_day:
            outside.append(i)
        key = (session.date, session.start)
        if key in seen:
            report_error(
                report, entry, f"{path}.date", "duplicate-session",
                f"träffen {session.date} kl. {session.start:%H:%M} står redan som träff {seen[key] + 1}.",
                "Ta bort den ena eller rätta datumet.",
            )
        seen.setdefault(key, i)
    if outside:
        # One warning per course, not one per session: ten sessions in a new term are one mistake.
        listed = ", ".join(str(course.sessions[i].date) for i in outside)
        subject = f"träffen {listed}" if len(outside) == 1 else f"{len(outside)} av {len(course.sessions)} träffar ({listed})"
        report_warning(
            report, entry, f"sessions[{outside[0]}].date", "session-outside-period",
            f"{subject} ligger utanför partnerskapets avtalsperiod ({period_text}).",
            "Kontrollera datumet, eller registrera förlängningen av partnerskapet.",
        )
    dates = [s.date for s in course.sessions]
    if dates != sorted(dates):
        report_warning(report, entry, "sessions", "sessions-unordered", "träffarna står inte i datumordning.", "Sortera träffarna efter datum.")
    first_session = course.first_session.date
    for i, meeting in enumerate(course.information_meetings):
        path = f"information_meetings[{i}]"
        if meeting.end <= meeting.start:
            report_error(
                report, entry, f"{path}.end", "session-order",
                f"informationsträffen {meeting.date} slutar {meeting.end:%H:%M} men börjar {meeting.start:%H:%M}.",
                "Sluttiden ska vara senare än starttiden; kontrollera tiderna.",
            )
        if meeting.date > first_session:
            report_warning(
                report, entry, f"{path}.date", "meeting-after-start",
                f"informationsträffen {meeting.date} ligger efter kursens första träff ({first_session}).",
                "Informationsträffarna hålls före kursen; kontrollera datumet.",
            )
        if meeting.place is None and meeting.link is None:
            report_warning(report, entry, path, "meeting-without-place", "informationsträffen saknar plats och länk.", "Lägg till place eller link.")
    if course.referral and course.referral.deadline and course.referral.deadline > first_session:
        report_warning(
            report, entry, "referral.deadline", "deadline-after-start",
            f"sista anmälningsdag {course.referral.deadline} ligger efter kursens första träff ({first_session}).",
            "Kontrollera datumet.",
        )
    if course.capacity:
        if course.capacity.min > course.capacity.max:
            report_error(report, entry, "capacity.min", "capacity-order", f"minsta antal ({course.capacity.min}) är större än högsta ({course.capacity.max}).", "Byt plats på talen.")
        if course.places_left is not None and course.places_left > course.capacity.max:
            report_error(report, entry, "places_left", "too-many-places", f"{course.places_left} platser kvar men högst {course.capacity.max} deltagare.", "Kontrollera antalet.")
    if course.status is CourseStatus.FULL and course.places_left:
        report_warning(
            report, entry, "places_left", "full-with-places",
            f"kursen är fullbokad men har {course.places_left} platser kvar.",
            "Ändra status till open, eller places_left till 0.",
        )
