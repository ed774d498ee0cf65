"""Value types of the registry and the markers that document each field.

A record field is declared once, as an annotated dataclass attribute:

    name: Annotated[str, Doc("Namn", "Organisationens fullständiga namn.")]

The parser, the JSON Schema and the editors' guide all read that one declaration.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass
from typing import NewType

# Free text that may contain Markdown (never live HTML: see render/markdown.py).
Markdown = NewType("Markdown", str)
# A whole, non-negative number of Swedish kronor.
Kronor = NewType("Kronor", int)
# An http(s) address.
Url = NewType("Url", str)
# A case number (diarienummer) as the municipality writes it: ASN-2022-13029, KS/2016:7.
CaseNumber = NewType("CaseNumber", str)


@dataclass(frozen=True)
class Doc:
    """Swedish documentation of a field: title, description and an example value."""

    title: str
    description: str = ""
    example: object = None


@dataclass(frozen=True)
class Ref:
    """The field holds the id of another record of `kind`."""

    kind: str


@dataclass(frozen=True)
class Pattern:
    """The text must match this regular expression (`message` says what it looks like)."""

    regex: str
    message: str


@dataclass(frozen=True)
class Range:
    """A whole number must lie within [low, high]: a year typed 20230 is a typo, not a year."""

    low: int
    high: int


# Years of agreements, budgets and terms.
YEAR = Range(1950, 2100)


class Choice(str, enum.Enum):
    """An enumeration whose members carry a Swedish label for the site."""

    label: str

    def __new__(cls, value: str, label: str) -> Choice:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


@dataclass(frozen=True)
class Rows:
    """A list of groups of fields that must hold an item for each value in `values` of the
    item field `key`, each value with what such an item is (Swedish). The editors' template
    starts the list with one row per value, `key` already written; a check requires them."""

    key: str
    values: tuple[tuple[Choice, str], ...]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, as the documents give it.

    The Kraftsamling extension is "2024 - 2025": we keep that precision instead of
    inventing 1 January and 31 December.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(text)
        if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
            raise ValueError(text)
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            dt.date(*numbers)  # raises for 2023-02-30
            return cls(*numbers)
        if len(numbers) == 2:
            if not 1 <= numbers[1] <= 12:
                raise ValueError(text)
            return cls(numbers[0], numbers[1])
        return cls(numbers[0])

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class MonthDay:
    """A day that recurs every year, such as "30 april varje år" (written `04-30`)."""

    month: int
    day: int

    @classmethod
    def parse(cls, text: str) -> MonthDay:
        month, _, day = text.partition("-")
        if len(month) != 2 or len(day) != 2 or not (month + day).isdigit():
            raise ValueError(text)
        dt.date(2024, int(month), int(day))  # a leap year, so 02-29 is allowed
        return cls(int(month), int(day))

    def in_year(self, year: int) -> dt.date:
        if (self.month, self.day) == (2, 29) and not calendar.isleap(year):
            return dt.date(year, 2, 28)
        return dt.date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class PhoneNumber:
    """A valid Swedish phone number: as written, and in E.164 for `tel:` links."""

    text: str
    e164: str
    national: str

    @property
    def href(self) -> str:
        return f"tel:{self.e164}"


@dataclass(frozen=True)
class EmailAddress:
    """An e-mail address; `href` carries an internationalised domain as IDNA A-labels.

    RFC 6068 allows either percent-encoded UTF-8 or A-labels in a mailto: domain; mail
    programs handle the A-label form (`namn@xn--lule-loa.se`) far more reliably,
    while the page shows the address as written (`namn@luleå.se`).
    """

    text: str
    ascii: str

    @property
    def href(self) -> str:
        return f"mailto:{self.ascii}"


@dataclass(frozen=True)
class OrgNumber:
    """A Swedish organisationsnummer with a valid Luhn check digit, as NNNNNN-NNNN."""

    text: str

    def __str__(self) -> str:
        return self.text
