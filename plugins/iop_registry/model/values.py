"""The value types of the registry: one entry per type, which every part that handles values reads.

An entry says, for one type of value (a date, a time, a phone number, an amount in kronor...):
- how the text an editor wrote becomes the value (`parse`, raising ValueError(hint));
- the form the text must have (`form`, a regular expression): the parser checks it first, and
  the editors' JSON Schema carries the same expression, so VS Code and the validator accept
  the same forms (the parser then adds what no expression can know: a calendar, a Luhn check
  digit, Sweden's numbering plan);
- what an editor is expected to write, in the words of the messages and the guide (`expected`),
  and in the words of the open-data field catalogue (`catalogue`);
- its JSON Schema, how it is written to JSON and to CSV, and the Table Schema type of a CSV
  column of it (the open data's datapackage.json);
- how YAML 1.1 reads it unquoted (`yaml`), and so whether a template quotes it;
- its text rule (one line or Markdown, maximum length) and how a page shows it (`display`).

The parsers and their forms are in `parsers.py`. `parse.py`, `schema.py`, `template.py`,
`text.py`, the editors' guide and the exports all read this table; a new value type is one new
entry here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..formatting import kronor, long_date, number, partial_date_text
from .parsers import (
    CASE_NUMBER_FORM,
    DATE_FORM,
    EMAIL_FORM,
    MONTH_DAY_FORM,
    ORG_NUMBER_FORM,
    PARTIAL_DATE_FORM,
    PHONE_FORM,
    TIME_FORM,
    URL_FORM,
    parse_bool,
    parse_case_number,
    parse_date,
    parse_email,
    parse_int,
    parse_kronor,
    parse_month_day,
    parse_org_number,
    parse_partial_date,
    parse_phone,
    parse_text,
    parse_time,
    parse_url,
)
from .types import CaseNumber, Choice, EmailAddress, Kronor, Markdown, MonthDay, OrgNumber, PartialDate, Pattern, PhoneNumber, Url


@dataclass(frozen=True)
class TextRule:
    """What a value of one type may hold as text (see text.py for the rule itself)."""

    # Line breaks (and tabs) allowed: free Markdown text. Everything else is one line.
    multiline: bool
    # Characters after NFC normalisation.
    max_length: int


# Limits, with their reasons (the editors' guide and README name them):
# - one line of text: 2,000 characters. The longest one-line value in the shipped registry's documents is a
#   considered paragraph of 680 characters (ASN 2022-13029); names and titles are far shorter.
#   A bound stops a pasted book from becoming one table cell.
# - Markdown: 20,000 characters, ten times the longest description in the documents (the
#   2,005 characters of Mammakraft's background), about eight printed pages. A 20 MB
#   description once built a 19.6 MB page with 633 MB of memory.
# - web addresses: 2,048 characters, the longest that browsers, search engines and the
#   sitemap protocol all accept.
# - e-mail addresses: 254 characters, the most SMTP can carry (RFC 5321 with its erratum).
ONE_LINE = TextRule(multiline=False, max_length=2_000)
MARKDOWN_TEXT = TextRule(multiline=True, max_length=20_000)
URL_TEXT = TextRule(multiline=False, max_length=2_048)
EMAIL_TEXT = TextRule(multiline=False, max_length=254)


class YamlForm(enum.Enum):
    """How YAML 1.1 reads a value of the type written without quotes."""

    # Text: an unquoted value that YAML would read as something else (`no`, `12:30`) is refused.
    TEXT = "text"
    # Text that YAML always misreads unquoted ("17:00", "04-30", "040-34 10 00"): refused the
    # same way, and templates write it inside quotes.
    QUOTED = "quoted"
    # YAML reads it unquoted as we do (a date), and quotes do no harm.
    NATIVE = "native"
    # A number or true/false: YAML reads it unquoted as we do, and quotes are refused, because
    # "2023" in quotes is a text to every other reader of the file.
    BARE = "bare"


def _plain(value: Any) -> Any:
    return value


# eq=False: entries are compared and hashed by identity (each is declared once), so the
# value types made from them can be cached.
@dataclass(frozen=True, eq=False)
class ValueType:
    """One value type: its parser, its form, its Swedish words and its written forms."""

    name: str
    # Text (already checked by text.py and normalised) -> value; raises ValueError(hint).
    parse: Callable[[str], Any]
    # What a field of this type accepts, in the words the messages use.
    expected: str
    # The same in the field catalogue of the open data ("datum (ÅÅÅÅ-MM-DD)").
    catalogue: str
    # The JSON Schema keywords besides `pattern` (which comes from `form`).
    schema_base: Mapping[str, Any]
    # The class values have at run time (a NewType's supertype), for the writers.
    runtime: type
    # The form the text must have, as a regular expression for the whole text; None when the
    # type has no textual form of its own (free text, numbers, true/false).
    form: str | None = None
    yaml: YamlForm = YamlForm.TEXT
    # The value as JSON: as the registry holds it, never reformatted for display.
    to_json: Callable[[Any], Any] = _plain
    text_rule: TextRule = ONE_LINE
    # The value as a page shows it ("1 januari 2023", "290 000 kr").
    display: Callable[[Any], str] = str
    # The diagnostic code of a value the parser refuses.
    error_code: str = "bad-value"
    # Without an example, the editors' template says what the form is ("Skriv ett datum ...").
    explain_form: bool = False
    # The guide's longer words for the type, when they differ from `expected`.
    guide_text: str | None = None
    # The Table Schema (Frictionless) type of a CSV cell, when the JSON Schema does not say it
    # (see `table_field`).
    table_schema: Mapping[str, Any] | None = None

    @functools.cached_property
    def form_regex(self) -> re.Pattern[str] | None:
        return re.compile(self.form) if self.form is not None else None

    @property
    def schema(self) -> dict[str, Any]:
        """The JSON Schema of a value: the parser's own form, anchored, never written twice."""
        schema = dict(self.schema_base)
        if self.form is not None:
            schema["pattern"] = f"^(?:{self.form})$"
        return schema

    @property
    def table_field(self) -> dict[str, Any] | None:
        """The Table Schema keywords of a CSV column of this type (`type`, `format`, `constraints`).

        Read from the JSON Schema unless the entry gives its own; None for a type whose values
        have no one Table Schema type (a date known to the year, the month or the day), which
        a CSV table writes as two columns instead."""
        if self.table_schema is not None:
            return dict(self.table_schema)
        json_type = self.schema_base.get("type")
        if json_type == "string" and self.schema_base.get("format") == "date":
            field: dict[str, Any] = {"type": "date"}
        elif json_type in ("string", "integer", "boolean"):
            field = {"type": json_type}
        else:
            return None
        constraints = {key: self.schema_base[key] for key in ("enum", "minimum") if key in self.schema_base}
        if constraints:
            field["constraints"] = constraints
        return field

    def to_csv(self, value: Any) -> str:
        """The value in a CSV cell: its JSON form as text (true/false for booleans)."""
        json_form = self.to_json(value)
        if isinstance(json_form, bool):
            return "true" if json_form else "false"
        return str(json_form)

    @property
    def quoted_in_templates(self) -> bool:
        return self.yaml is YamlForm.QUOTED

    @property
    def read_natively_by_yaml(self) -> bool:
        """YAML 1.1 reads an unquoted value as we do: no need to warn of its coercions."""
        return self.yaml in (YamlForm.NATIVE, YamlForm.BARE)

    @property
    def guide(self) -> str:
        return self.guide_text or self.expected


# A record's id: its file name without .yml, as other records refer to it.
ID_FORM = r"[a-z0-9]+(?:-[a-z0-9]+)*"
MAX_ID_LENGTH = 80


def id_schema() -> dict[str, Any]:
    """The JSON Schema of a reference to another record: the same form the registry gives ids."""
    return {"pattern": f"^(?:{ID_FORM})$", "maxLength": MAX_ID_LENGTH}


def _time_text(value: dt.time) -> str:
    return value.strftime("%H:%M")


def _as_text(value: Any) -> str:
    return str(value.text)


_TEXT_SCHEMA: dict[str, Any] = {"type": "string", "minLength": 1}
_COUNT_SCHEMA: dict[str, Any] = {"type": "integer", "minimum": 0}

# The annotation of a field (a class or a NewType of the model) -> its value type.
VALUE_TYPES: dict[Any, ValueType] = {
    str: ValueType("text", parse_text, "en text", "text", {**_TEXT_SCHEMA, "maxLength": ONE_LINE.max_length}, str),
    Markdown: ValueType(
        "markdown", parse_text, "en text", "text (Markdown)", {**_TEXT_SCHEMA, "maxLength": MARKDOWN_TEXT.max_length}, str,
        text_rule=MARKDOWN_TEXT,
    ),
    int: ValueType("integer", parse_int, "ett heltal", "heltal", _COUNT_SCHEMA, int, yaml=YamlForm.BARE, display=number),
    Kronor: ValueType(
        "kronor", parse_kronor, "ett belopp i hela kronor", "belopp i kronor (heltal)", _COUNT_SCHEMA, int,
        yaml=YamlForm.BARE, display=kronor, explain_form=True,
    ),
    bool: ValueType(
        "boolean", parse_bool, "true eller false", "true eller false", {"type": "boolean"}, bool,
        yaml=YamlForm.BARE, display=lambda value: "ja" if value else "nej",
    ),
    dt.date: ValueType(
        "date", parse_date, "ett datum (ÅÅÅÅ-MM-DD)", "datum (ÅÅÅÅ-MM-DD)", {"type": "string", "format": "date"}, dt.date,
        form=DATE_FORM, yaml=YamlForm.NATIVE, to_json=dt.date.isoformat, display=long_date, explain_form=True,
    ),
    dt.time: ValueType(
        "time", parse_time, 'en tid ("HH:MM")', "tid (HH:MM)", {"type": "string"}, dt.time,
        form=TIME_FORM, yaml=YamlForm.QUOTED, to_json=_time_text, display=_time_text, explain_form=True,
        table_schema={"type": "time", "format": "%H:%M"},
    ),
    # An unquoted year is a number to YAML and to VS Code; both forms are the same value.
    PartialDate: ValueType(
        "partial-date", parse_partial_date, "ett datum, en månad eller ett år", "datum, månad eller år",
        {"type": ["string", "integer"]}, PartialDate,
        form=PARTIAL_DATE_FORM, yaml=YamlForm.NATIVE, to_json=str, display=partial_date_text, explain_form=True,
    ),
    MonthDay: ValueType(
        "month-day", parse_month_day, 'en dag i året ("MM-DD")', "dag i året (MM-DD)", {"type": "string"}, MonthDay,
        form=MONTH_DAY_FORM, yaml=YamlForm.QUOTED, to_json=str, explain_form=True,
    ),
    PhoneNumber: ValueType(
        "phone", parse_phone, "ett telefonnummer", "telefonnummer", {"type": "string"}, PhoneNumber,
        form=PHONE_FORM, yaml=YamlForm.QUOTED, to_json=_as_text, display=lambda value: str(value.national), explain_form=True,
    ),
    EmailAddress: ValueType(
        "email", parse_email, "en e-postadress", "e-postadress", {"type": "string", "maxLength": EMAIL_TEXT.max_length},
        EmailAddress, form=EMAIL_FORM, to_json=_as_text, text_rule=EMAIL_TEXT, display=_as_text, explain_form=True,
    ),
    OrgNumber: ValueType(
        "org-number", parse_org_number, "ett organisationsnummer", "organisationsnummer", {"type": "string"}, OrgNumber,
        form=ORG_NUMBER_FORM, to_json=_as_text, display=_as_text, explain_form=True,
    ),
    Url: ValueType(
        "url", parse_url, "en webbadress", "webbadress", {"type": "string", "maxLength": URL_TEXT.max_length}, str,
        form=URL_FORM, text_rule=URL_TEXT, explain_form=True,
    ),
    CaseNumber: ValueType(
        "case-number", parse_case_number, "ett diarienummer som ASN-2022-13029, SN-2017/272 eller KS/2016:7", "diarienummer",
        {"type": "string", "maxLength": 40}, str, form=CASE_NUMBER_FORM,
        guide_text=(
            "ett diarienummer som dokumentet skriver det: serien med versaler (ASN, KS, SN), bindestreck, snedstreck "
            "eller mellanslag, året med fyra siffror, bindestreck, snedstreck eller kolon, löpnumret och ibland ett "
            "delnummer efter punkt eller kolon (ASN-2022-13029, SN-2017/272, KS/2016:7, ALN-2017-0413.15); utan ”Dnr”"
        ),
    ),
}


# --- Choices and patterned text: value types made from the model's own declarations ------------


def choices_text(choice: type[Choice]) -> str:
    """ "open = Öppen för anmälan, full = Fullbokad" for a field with fixed values."""
    return ", ".join(f"{m.value} = {m.label}" for m in choice)


@functools.cache
def choice_type(choice: type[Choice]) -> ValueType:
    """The value type of a field with fixed values (an enumeration of the model)."""
    values = [m.value for m in choice]

    def parse(text: str) -> Choice:
        member = choice._value2member_map_.get(text)
        if isinstance(member, Choice):
            return member
        close = difflib.get_close_matches(text, values, n=1, cutoff=0.5)
        hint = f"Menade du '{close[0]}'? " if close else ""
        raise ValueError(hint + "Värdena betyder: " + "; ".join(f"{m.value} = {m.label}" for m in choice) + ".")

    return ValueType(
        "choice",
        parse,
        "ett av värdena " + ", ".join(values),
        "ett av: " + ", ".join(f"{m.value} ({m.label.lower()})" for m in choice),
        {"type": "string", "enum": values, "markdownEnumDescriptions": [m.label for m in choice]},
        choice,
        to_json=lambda member: member.value,
        display=lambda member: str(member.label),
        error_code="bad-choice",
        guide_text=f"ett av värdena {choices_text(choice)}",
    )


@functools.cache
def patterned_type(base: ValueType, pattern: Pattern) -> ValueType:
    """Text that must also match a pattern of the model (a case number such as ASN-2022-13029)."""

    def parse(text: str) -> Any:
        value = base.parse(text)
        if re.fullmatch(pattern.regex, text) is None:
            raise ValueError("Skriv det som i dokumentet.")
        return value

    # The model's patterns carry their own anchors; JSON Schema takes them as they are.
    form = pattern.regex.removeprefix("^").removesuffix("$")
    return replace(base, name=f"{base.name}:pattern", parse=parse, expected=pattern.message, form=form, explain_form=False)


def value_type(annotation: Any, pattern: Pattern | None = None) -> ValueType:
    """The value type of a field's bare annotation (and its Pattern marker, if any).

    Raises KeyError for an annotation with no entry: a programming error in the model, which a
    test finds by walking every annotation.
    """
    if isinstance(annotation, type) and issubclass(annotation, Choice):
        found = choice_type(annotation)
    else:
        found = VALUE_TYPES[annotation]
    return patterned_type(found, pattern) if pattern is not None else found


# The writers look a value up by its class at run time: NewTypes share their supertype's form.
_BY_RUNTIME: dict[type, ValueType] = {}
for _entry in VALUE_TYPES.values():
    _BY_RUNTIME.setdefault(_entry.runtime, _entry)


def of_value(value: Any) -> ValueType | None:
    """The value type of a parsed value, for the writers (JSON, CSV); None for a group of fields."""
    if isinstance(value, Choice):
        return choice_type(type(value))
    found = _BY_RUNTIME.get(type(value))
    if found is None and isinstance(value, str):  # a derived code (a StrEnum) is written as its text
        found = VALUE_TYPES[str]
    return found
