"""What an editor may write for each value type: its form (a regular expression) and its parser.

Each parser checks the form first, then what no regular expression can know (a calendar, a
Luhn check digit, Sweden's numbering plan), and raises ValueError with a Swedish hint. The
forms are public: `values.py` hands each to the JSON Schema, so the editors' VS Code and the
validator accept the same forms.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse
from collections.abc import Callable
from typing import Any

import phonenumbers
from stdnum.se import orgnr

from .types import EmailAddress, MonthDay, OrgNumber, PartialDate, PhoneNumber


def _form_checked(form: str, hint: str) -> Callable[[Callable[[str], Any]], Callable[[str], Any]]:
    """A parser that refuses, with `hint`, any text not of `form` before it reads the text."""
    regex = re.compile(form)

    def decorate(parse: Callable[[str], Any]) -> Callable[[str], Any]:
        @functools.wraps(parse)
        def checked(text: str) -> Any:
            if regex.fullmatch(text) is None:
                raise ValueError(hint)
            return parse(text)

        return checked

    return decorate


def parse_text(text: str) -> str:
    return text


def parse_int(text: str) -> int:
    if not re.fullmatch(r"0|[1-9][0-9]*", text):
        raise ValueError("Skriv ett heltal med bara siffror, till exempel 2023.")
    return int(text)


def parse_kronor(text: str) -> int:
    if re.fullmatch(r"-[0-9]+", text):
        raise ValueError("Belopp får inte vara negativa.")
    if re.fullmatch(r"[0-9][0-9 \u00a0_]*[.,][0-9]+", text):
        raise ValueError("Belopp anges i hela kronor, utan ören.")
    if re.fullmatch(r"[0-9][0-9 \u00a0_.]*", text):
        if text.startswith("0") and text != "0":
            raise ValueError("Ta bort nollan i början av beloppet.")
        if not text.isdigit():
            raise ValueError(f"Skriv beloppet utan mellanslag eller skiljetecken: {re.sub(r'[^0-9]', '', text)}.")
        return int(text)
    raise ValueError("Skriv beloppet i hela kronor med bara siffror, till exempel 290000.")


def parse_bool(text: str) -> bool:
    if text in ("true", "false"):
        return text == "true"
    raise ValueError("Skriv true (ja) eller false (nej).")


# ASCII digits only: Python's \d also matches Arabic-Indic and other digits, which JSON
# Schema's (JavaScript's) \d does not, and which no document writes in a date.
DATE_FORM = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
TIME_FORM = r"([01][0-9]|2[0-3]):([0-5][0-9])"
PARTIAL_DATE_FORM = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
MONTH_DAY_FORM = r"[0-9]{2}-[0-9]{2}"
# Digits with the separators Swedish numbers are written with; the numbering plan decides the rest.
PHONE_FORM = r"\+?[0-9 ()–-]{6,}"
# RFC 5322's dot-atom local part (at most 64 characters) and a domain of two or more labels,
# Unicode allowed (an internationalised domain becomes A-labels in the parser).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
EMAIL_FORM = rf"(?=[^@]{{1,64}}@){_ATOM}(\.{_ATOM})*@[^\s@.]+(\.[^\s@.]+)+"
# Six and four digits, with a hyphen, an en dash, a space or nothing between (as documents write it).
ORG_NUMBER_FORM = r"[0-9]{6}[- –]?[0-9]{4}"
# A case number (diarienummer): the series in capital letters (ASN, KSN, SN, KS, ALN), a hyphen,
# a slash or a space, the year in four digits, a hyphen, a slash or a colon, the serial number,
# and optionally a part number after a dot or a colon. Real forms: ASN-2022-13029,
# KSN-2016-1422, SN-2017/272, KS/2016:7, ALN-2017-0413.15. "Dnr" (diarienummer) is a word
# before the number, not part of it.
CASE_NUMBER_FORM = r"[A-ZÅÄÖ]{1,8}[-/ ][0-9]{4}[-/:][0-9]{1,6}([.:][0-9]{1,4})?"
# http or https in any case, an authority, then anything without white space.
URL_FORM = r"[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+([/?#]\S*)?"

_DATE_HINT = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2023-01-01."
_TIME_HINT = 'Skriv tiden som "HH:MM" inom citattecken, till exempel "18:30".'
_PARTIAL_DATE_HINT = "Skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ, med ett datum som finns."
_MONTH_DAY_HINT = 'Skriv månad och dag som "MM-DD", till exempel "04-30".'
_PHONE_HINT = 'Skriv ett giltigt telefonnummer med riktnummer, till exempel "040-34 10 00" eller "+46 40 34 10 00".'
_EMAIL_HINT = "Skriv en e-postadress som namn@exempel.se."
_ORG_NUMBER_HINT = "Skriv organisationsnumret som tio siffror, NNNNNN-NNNN."
_URL_HINT = "Skriv en hel webbadress som börjar med https://."
_CASE_NUMBER_HINT = (
    "Skriv diarienumret som dokumentet gör, till exempel ASN-2022-13029, SN-2017/272, KS/2016:7 eller "
    "ALN-2017-0413.15: serien med versaler, året med fyra siffror och löpnumret. Har källan inget "
    "diarienummer, ta bort raden."
)
_CASE_NUMBER_PREFIX = re.compile(r"(?i)(dnr|diarienummer|diarienr|ärendenummer)[.:]?\s+")


@_form_checked(DATE_FORM, _DATE_HINT)
def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError("Datumet finns inte i kalendern; kontrollera dag och månad.") from None


@_form_checked(TIME_FORM, _TIME_HINT)
def parse_time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


@_form_checked(PARTIAL_DATE_FORM, _PARTIAL_DATE_HINT)
def parse_partial_date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError:
        raise ValueError(_PARTIAL_DATE_HINT) from None


@_form_checked(MONTH_DAY_FORM, _MONTH_DAY_HINT)
def parse_month_day(text: str) -> MonthDay:
    try:
        return MonthDay.parse(text)
    except ValueError:
        raise ValueError(_MONTH_DAY_HINT) from None


@_form_checked(PHONE_FORM, _PHONE_HINT)
def parse_phone(text: str) -> PhoneNumber:
    try:
        parsed = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValueError(_PHONE_HINT)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if parsed.country_code == 46:
        shown = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        shown = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return PhoneNumber(text, e164, shown)


_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


@_form_checked(EMAIL_FORM, _EMAIL_HINT)
def parse_email(text: str) -> EmailAddress:
    local, _, domain = text.rpartition("@")
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValueError(_EMAIL_HINT) from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or not labels[-1].isalpha():
        raise ValueError(_EMAIL_HINT)
    return EmailAddress(text, f"{local}@{ascii_domain}")


@_form_checked(ORG_NUMBER_FORM, _ORG_NUMBER_HINT)
def parse_org_number(text: str) -> OrgNumber:
    digits = text.replace("–", "-").replace(" ", "")
    if not orgnr.is_valid(digits):
        raise ValueError("Kontrollsiffran stämmer inte; jämför med Bolagsverkets eller Skatteverkets uppgift.")
    return OrgNumber(orgnr.format(digits))


_CASE_NUMBER_REGEX = re.compile(CASE_NUMBER_FORM)


def parse_case_number(text: str) -> str:
    # "Dnr KS/2016:7" is how documents introduce a number: say what to drop rather than
    # storing the word as part of the number (a search for KS/2016:7 must find it).
    prefix = _CASE_NUMBER_PREFIX.match(text)
    if prefix and _CASE_NUMBER_REGEX.fullmatch(text[prefix.end() :]):
        raise ValueError(f"Skriv bara numret, utan '{prefix.group(1)}': {text[prefix.end():]}.")
    if _CASE_NUMBER_REGEX.fullmatch(text) is None:
        if _CASE_NUMBER_REGEX.fullmatch(text.upper()):
            raise ValueError(f"Skriv serien med versaler som i dokumentet: {text.upper()}.")
        raise ValueError(_CASE_NUMBER_HINT)
    return text


@_form_checked(URL_FORM, _URL_HINT)
def parse_url(text: str) -> str:
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:  # an unclosed [ of an IPv6 address, say
        raise ValueError(_URL_HINT) from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(_URL_HINT)
    return text
