"""One index of which records point to which, built in one pass over the registry."""

from __future__ import annotations

from collections import defaultdict

from ..model.course import Course
from ..model.grant import Grant
from ..model.organisation import Organisation
from ..model.partnership import Partnership
from ..registry import Entry, Registry


class RecordLinks:
    """Records grouped by the record they point to, in registry order, made in one pass.

    A page that lists "the grants of this decision" looks them up here. Scanning every
    grant for every decision instead made the build grow with the square of the registry
    (minutes at 10,000 records).
    """

    def __init__(self, registry: Registry) -> None:
        self.grants_by_partnership: dict[str, list[Entry[Grant]]] = defaultdict(list)
        self.grants_by_decision: dict[str, list[Entry[Grant]]] = defaultdict(list)
        self.grants_by_recipient: dict[str, list[Entry[Grant]]] = defaultdict(list)
        self.grants_by_funder: dict[str, list[Entry[Grant]]] = defaultdict(list)
        for grant in registry.grants.values():
            if grant.record.partnership:
                self.grants_by_partnership[grant.record.partnership].append(grant)
            self.grants_by_decision[grant.record.decision].append(grant)
            self.grants_by_recipient[grant.record.recipient].append(grant)
            self.grants_by_funder[grant.record.funder].append(grant)
        self.courses_by_partnership: dict[str, list[Entry[Course]]] = defaultdict(list)
        for course in registry.courses.values():
            self.courses_by_partnership[course.record.partnership].append(course)
        self.partnerships_by_decision: dict[str, list[Entry[Partnership]]] = defaultdict(list)
        # The reverse of `follows`: the agreements that took over after each one.
        self.successors: dict[str, list[Entry[Partnership]]] = defaultdict(list)
        for partnership in registry.partnerships.values():
            if partnership.record.follows:
                self.successors[partnership.record.follows].append(partnership)
            for decision_id in dict.fromkeys(partnership.record.decisions):
                self.partnerships_by_decision[decision_id].append(partnership)
        self.organisations_by_parent: dict[str, list[Entry[Organisation]]] = defaultdict(list)
        for organisation in registry.organisations.values():
            if organisation.record.parent:
                self.organisations_by_parent[organisation.record.parent].append(organisation)
