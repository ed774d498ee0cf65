"""The one rule for text: what a registry value may contain, checked once, while parsing.

Every scalar value of every record passes `text_problem` in `parse.py` before its type's
parser sees it, so `iop-registry validate`, the pull-request check and the build refuse the
same values with the same message. What passes is normalised to NFC (`normalise`), so "ö"
written as o + a combining diaeresis (NFD, as macOS file names and some PDFs give it) is
the same text as "ö" typed on a keyboard.

The rule, and why each part is there:
- no control characters (C0, C1, DEL): they break XML (the Atom feed), forge lines in
  iCalendar and in our own messages, and no document holds them;
- line breaks only in multi-line text (Markdown fields); a title, name or label is one line,
  so it can never start a new calendar property or a new message line;
- no lone surrogates (they cannot be written as UTF-8 at all) and no non-characters
  (U+FFFE, U+FDD0, ...: Unicode reserves them for internal use, XML forbids U+FFFE/U+FFFF);
- no bidirectional embedding, override or isolate controls: U+202E reverses the text after
  it on screen, so "Lunds kommun" could show while something else is written; right-to-left
  scripts need none of them (the browser's bidi algorithm orders Arabic and Hebrew itself);
- no other invisible format characters except the few that real text needs (zero-width
  joiner and non-joiner for Persian, Indic scripts and emoji; soft hyphen; word joiner;
  left-to-right and right-to-left marks; zero-width space for Thai line breaking);
- no private-use characters (nothing can display them for a reader);
- no text that shows as nothing (only spaces, invisible characters and combining marks);
- at most MAX_COMBINING_RUN combining marks on one letter: thousands of them draw over the
  rows above and below (the "Zalgo" effect);
- at most `max_length` characters, by value type (the text rule of its entry in VALUE_TYPES);
- e-mail domains in one script: "malmо.se" with a Cyrillic "о" is another domain that looks
  the same.

The per-type part (single or multi-line, maximum length, with the reasons for each limit) is
the `text_rule` of the type's entry in `model/values.py`, so that a new value type states its
text rule where it is declared.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from confusable_homoglyphs import categories

from .model.types import EmailAddress
from .model.values import ONE_LINE, VALUE_TYPES, TextRule

# Combining marks on one base character. Vietnamese stacks two, Hebrew with cantillation
# and Tibetan or Devanagari clusters a few more; eight leaves room for every real script.
MAX_COMBINING_RUN = 8

# Invisible format characters that real text needs (see the module docstring).
_ALLOWED_FORMAT = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters that draw nothing (Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"
# Characters that end a line for YAML 1.1, JavaScript or iCalendar readers besides \n.
_OTHER_LINE_BREAKS = frozenset("\r\x0b\x0c\x85\u2028\u2029")


@dataclass(frozen=True)
class TextProblem:
    """Why a value is refused: a diagnostic code, a Swedish message and a hint."""

    code: str
    message: str
    hint: str


def text_rule(value_type: Any) -> TextRule:
    """The text rule of a value type's entry in VALUE_TYPES (one line for any other type)."""
    found = VALUE_TYPES.get(value_type)
    return found.text_rule if found is not None else ONE_LINE


def normalise(text: str) -> str:
    """The NFC form that the registry stores and publishes."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "") if not 0xD800 <= ord(char) <= 0xDFFF else "ensamt surrogattecken"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


# What one character is, for the rule: most are VISIBLE; the others are allowed but draw
# nothing (BLANK, MARK, BREAK) or are refused (every other value: a problem's kind).
VISIBLE, BLANK, MARK, BREAK = "visible", "blank", "mark", "break"


@functools.lru_cache(maxsize=8192)
def _kind(char: str) -> str:
    code = ord(char)
    category = unicodedata.category(char)
    if char in "\n\t":
        return BREAK
    if char in _OTHER_LINE_BREAKS:
        return "other-break"
    if category == "Cc":
        return "control"
    if category == "Cs" or _is_noncharacter(code):
        return "unpublishable"
    if char in _BIDI_CONTROLS:
        return "bidi"
    if category == "Cf":
        return BLANK if char in _ALLOWED_FORMAT else "format"
    if category == "Co":
        return "private"
    if category in ("Mn", "Me"):
        return MARK
    if category[0] == "Z" or char in _BLANK_LETTERS:
        return BLANK
    return VISIBLE


def _plain_class(first: int, last: int) -> str:
    """A regex class of the characters in [first, last] that are VISIBLE, as ranges."""
    ranges: list[tuple[int, int]] = []
    for code in range(first, last + 1):
        if _kind(chr(code)) != VISIBLE:
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# Text made only of visible characters of the Latin, Greek, Cyrillic, Arabic, Hebrew and
# other scripts below U+2E00, plus spaces: almost every registry value, Swedish ones with
# å, ä and ö included. Such a text has none of the problems above except length and being
# all spaces, so one regex search decides it instead of a look at each distinct character.
# The class is read off `_kind` itself, so it can never disagree with the rule.
_PLAIN = _plain_class(0x20, 0x2DFF)
_NOT_PLAIN_ONE_LINE = re.compile(f"[^ \u00a0{_PLAIN}]")
_NOT_PLAIN_MULTILINE = re.compile(f"[^ \u00a0\n\t{_PLAIN}]")


def _character_problem(char: str, kind: str, position: int, rule: TextRule) -> TextProblem | None:
    """The problem with one character (at 1-based `position`) of this kind, if it is one."""
    if kind in (VISIBLE, BLANK, MARK):
        return None
    if kind == BREAK:
        return None if rule.multiline else _line_break(char, position)
    if kind == "other-break":
        if not rule.multiline:
            return _line_break(char, position)
        return TextProblem(
            "control-character", f"tecken {position} är ett ovanligt radbrytningstecken ({_describe(char)}).",
            "Bryt raden med en vanlig radbrytning, eller ta bort tecknet.",
        )
    if kind == "control":
        return TextProblem(
            "control-character", f"tecken {position} är ett styrtecken ({_describe(char)}).",
            "Ta bort tecknet; det kommer ofta med text som klistrats in från andra program.",
        )
    if kind == "unpublishable":
        return TextProblem(
            "bad-character", f"tecken {position} är inget tecken som kan publiceras ({_describe(char)}).",
            "Ta bort tecknet (i YAML: en \\u- eller \\U-kod inom citattecken).",
        )
    if kind == "bidi":
        return TextProblem(
            "bidi-control", f"tecken {position} vänder textens riktning på skärmen ({_describe(char)}).",
            "Ta bort tecknet: texten visas då som den är skriven, även arabisk och hebreisk text.",
        )
    if kind == "format":
        return TextProblem(
            "invisible-character", f"tecken {position} är ett osynligt specialtecken ({_describe(char)}).",
            "Ta bort tecknet; det kommer ofta med text som klistrats in från andra program.",
        )
    return TextProblem(
        "private-character", f"tecken {position} är ett privat tecken som ingen kan se ({_describe(char)}).",
        "Byt det mot ett vanligt tecken eller ta bort det.",
    )


def _longest_mark_run(text: str) -> tuple[int, int]:
    """Start and length of the longest run of combining marks."""
    best_start, best, start, run = 0, 0, 0, 0
    for position, char in enumerate(text):
        if _kind(char) == MARK:
            if run == 0:
                start = position
            run += 1
            if run > best:
                best_start, best = start, run
        else:
            run = 0
    return best_start, best


def _line_break(char: str, position: int) -> TextProblem:
    return TextProblem(
        "line-break", f"texten ska stå på en rad men tecken {position} är en radbrytning eller ett tabbtecken ({_describe(char)}).",
        "Skriv texten på en rad (i YAML: utan | och utan \\n eller \\t inom citattecken).",
    )


_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_ASCII_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f]")


def text_problem(text: str, value_type: Any) -> TextProblem | None:
    """Why `text` may not be a value of `value_type`, or None when it may (before normalising).

    A text is judged by its distinct characters (a few dozen even in a long text), each
    classified once per run: checking 10,000 records costs a small part of parsing them.
    """
    rule = text_rule(value_type)
    if text.isascii():
        plain = (_ASCII_CONTROL if rule.multiline else _ASCII_CONTROL_OR_BREAK).search(text) is None
    else:
        plain = (_NOT_PLAIN_MULTILINE if rule.multiline else _NOT_PLAIN_ONE_LINE).search(text) is None
    if plain:
        kinds = {"a": VISIBLE} if not text.isspace() else {" ": BLANK}  # most values end here, quickly
    else:
        kinds = {char: _kind(char) for char in set(text)}
    refused = [char for char, kind in kinds.items() if kind != VISIBLE and _character_problem(char, kind, 0, rule)]
    if refused:
        first = min(refused, key=text.index)
        return _character_problem(first, kinds[first], text.index(first) + 1, rule)
    if MARK in kinds.values():
        start, run = _longest_mark_run(text)
        if run > MAX_COMBINING_RUN:
            return TextProblem(
                "too-many-marks", f"tecken {start + 1} och de {run - 1} efter ritas ovanpå samma bokstav.",
                f"Högst {MAX_COMBINING_RUN} accenter eller andra tecken får sitta på en bokstav; ta bort de övriga.",
            )
    if VISIBLE not in kinds.values():
        return TextProblem(
            "invisible-text", "texten syns inte: den består bara av mellanrum och osynliga tecken.",
            "Skriv texten, eller ta bort fältet om uppgiften saknas.",
        )
    length = len(normalise(text))
    if length > rule.max_length:
        return TextProblem(
            "too-long", f"texten har {length} tecken, högst {rule.max_length} är tillåtna här.",
            "Korta texten; längre underlag hör hemma i ett dokument som posten länkar till.",
        )
    if value_type is EmailAddress:
        return _email_domain_problem(text)
    return None


def scripts(text: str) -> set[str]:
    """The scripts of the letters in `text` (COMMON and INHERITED, shared by all, left out)."""
    return {categories.alias(char) for char in text if char.isalpha()} - {"COMMON", "INHERITED"}


def _email_domain_problem(text: str) -> TextProblem | None:
    domain = text.rpartition("@")[2]
    found = scripts(domain)
    if len(found) > 1:
        return TextProblem(
            "mixed-script-domain",
            f"domänen {domain} blandar skriftsystem ({', '.join(sorted(found)).lower()}); "
            "den ser ut som en annan domän men är inte samma adress.",
            "Skriv om domänen för hand med ett och samma alfabet, till exempel latinska bokstäver.",
        )
    return None


def look_alike_key(text: str) -> str:
    """A form of a name in which texts that look the same are equal.

    NFKC folds compatibility forms (full-width letters, ligatures, no-break spaces), casefold
    the case, confusable folding (Unicode's confusables data) letters of other scripts that
    look like Latin ones ("М" Cyrillic -> "M"); invisible characters and runs of spaces go.
    Used for a warning, never to change what was written.
    """
    from confusable_homoglyphs import confusables

    folded = unicodedata.normalize("NFKC", text)
    letters = []
    for char in folded:
        if unicodedata.category(char) in ("Cf", "Mn", "Me"):
            continue
        if not char.isascii() and char.isalpha() and categories.alias(char) not in ("LATIN", "COMMON"):
            found = confusables.is_confusable(char, preferred_aliases=["latin"])
            if found and found[0]["homoglyphs"]:
                char = found[0]["homoglyphs"][0]["c"]
        letters.append(char)
    return " ".join("".join(letters).casefold().split())
