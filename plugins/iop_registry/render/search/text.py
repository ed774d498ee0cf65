"""Swedish text as search terms: folding, stop words, the Snowball stemmer, compound parts.

The rules travel to the browser in the index's manifest (see `index.manifest`), so the
script and this module can't disagree about a suffix.
"""

from __future__ import annotations

import functools
import re
import unicodedata

SUMMARY_LENGTH = 160
# Compound parts (see compound_parts): a part is at least MIN_COMPOUND_TAIL letters ("stöd",
# "barn", "kurs"), and what comes before it at least MIN_COMPOUND_HEAD.
MIN_COMPOUND_HEAD = 3
MIN_COMPOUND_TAIL = 4


# Letters folded to their base letter, å, ä and ö included: a reader on a phone or a foreign
# keyboard types "herrgarden" for "Herrgården" and "kvinnoforeningen" for
# "Kvinnoföreningen", and must find them. Results show the text as written; only the
# search terms are folded. Æ and ø are the Danish and Norwegian ä and ö.
FOLD = {
    "à": "a", "á": "a", "â": "a", "ã": "a", "å": "a", "ä": "a", "æ": "a", "ç": "c", "è": "e", "é": "e", "ê": "e", "ë": "e",
    "ì": "i", "í": "i", "î": "i", "ï": "i", "ñ": "n", "ò": "o", "ó": "o", "ô": "o", "õ": "o", "ö": "o", "ø": "o",
    "ù": "u", "ú": "u", "û": "u", "ü": "u", "ý": "y", "ÿ": "y", "ß": "ss",
}
_FOLD_TABLE = str.maketrans(FOLD)
_FOLDABLE = re.compile("[" + "".join(FOLD) + "]")  # str.translate is slow; most text has none
# Letters and digits, in any script; the script uses /[\p{L}\p{N}]+/gu.
_WORD = re.compile(r"[^\W_]+")

# Words too common to tell records apart, folded as the text is.
STOP_WORDS = frozenset(
    ["alla", "att", "av", "blir", "de", "dem", "den", "denna", "dessa", "det", "detta", "dar", "eller", "en", "ett", "efter", "fran", "for", "har", "hos", "i", "inte", "kan", "man", "med", "men", "mot", "nar", "och", "om", "pa", "sig", "sin", "sina", "sitt", "ska", "skall", "som", "sa", "till", "under", "vara", "var", "vid", "ar", "aven"]
)

VOWELS = "aeiouyäåö"
# Snowball's Swedish stemmer (snowballstem.org), step 1, plus "et" ("arbetet", "samhället").
STEP1 = sorted(
    ["a", "arna", "erna", "heterna", "orna", "ad", "e", "ade", "ande", "arne", "are", "aste", "en", "anden", "aren", "heten", "ern", "ar", "er", "heter", "or", "as", "arnas", "ernas", "ornas", "es", "ades", "andes", "ens", "arens", "hetens", "erns", "at", "andet", "het", "ast", "et"],
    key=lambda s: (-len(s), s),
)
S_ENDINGS = "bcdfghjklmnoprtvy"
STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
STEP3 = {"fullt": "full", "lost": "los", "lig": "", "ig": "", "els": ""}  # "löst" folded


def _r1(word: str) -> int:
    """Where Snowball's region R1 starts: after the first consonant that follows a vowel,
    but never before the fourth letter."""
    for i in range(1, len(word)):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            return max(3, i + 1)
    return len(word)


_STEP1_SET = frozenset(STEP1)
_STEP1_LENGTHS = sorted({len(s) for s in STEP1}, reverse=True)


@functools.lru_cache(maxsize=200_000)  # a registry repeats its words: each is stemmed once
def stem(word: str) -> str:
    """The Swedish stem of a normalised word: 'föreningarna' -> 'förening'."""
    r1 = _r1(word)
    # The longest suffix of STEP1 that lies in R1 (STEP1 is sorted longest first for the script).
    for length in _STEP1_LENGTHS:
        if len(word) - length >= r1 and word[-length:] in _STEP1_SET:
            word = word[:-length]
            break
    else:
        if word.endswith("s") and len(word) - 1 >= r1 and len(word) > 1 and word[-2] in S_ENDINGS:
            word = word[:-1]
    if any(word.endswith(s) for s in STEP2) and len(word) - 2 >= r1:
        word = word[:-1]
    for suffix in sorted(STEP3, key=len, reverse=True):
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + STEP3[suffix]
            break
    return word


def words(text: str) -> list[str]:
    """Lower-case, folded words of `text`, stop words left out."""
    folded = unicodedata.normalize("NFC", text.lower())
    if _FOLDABLE.search(folded):
        folded = folded.translate(_FOLD_TABLE)
    return [w for w in _WORD.findall(folded) if w not in STOP_WORDS]


def terms(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"[*_`#>]+")
_SPACES = re.compile(r"\s+")


def plain_text(markdown: str | None) -> str:
    """Text for a summary line: Markdown marks and link targets removed, spaces collapsed."""
    if not markdown:
        return ""
    text = _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", markdown))
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:–-")
    return cut + "…"


def compound_parts(word: str, vocabulary: frozenset[str]) -> list[str]:
    """The stems of the words that `word` ends with, where the registry uses them as words of
    their own: 'foraldrastod' -> ['stod'] when "stöd" stands alone somewhere. Swedish writes
    compounds as one word, so a reader's "stöd" must find "föräldrastöd"; the word's
    beginning is found already, by prefix ("föräld"). Only words the registry itself uses
    count as parts, so "arbetsmarknadsnämnden" gives "marknadsnamnd" and "namnd", not "den"."""
    own = stem(word)
    parts = []
    for start in range(MIN_COMPOUND_HEAD, len(word) - MIN_COMPOUND_TAIL + 1):
        part = stem(word[start:])
        if part != own and part in vocabulary and part not in parts:
            parts.append(part)
    return parts
