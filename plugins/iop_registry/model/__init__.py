"""The registry's record types, declared once with their Swedish field documentation."""

from __future__ import annotations

from .course import Course
from .decision import Decision
from .grant import Grant
from .kinds import RECORD_TYPES, Gender, RecordType
from .organisation import Organisation
from .partnership import Partnership

__all__ = ["RECORD_TYPES", "Course", "Decision", "Gender", "Grant", "Organisation", "Partnership", "RecordType"]
