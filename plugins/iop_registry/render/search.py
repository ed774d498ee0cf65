"""The record search: a compact index of record summaries, split into small files.

Material's search index holds the full text of every page (about 4 KB a page), and a
browser downloads all of it before it shows a first result: 40 MB at 10,000 records (see
BENCHMARKS.md). Ours
holds one short summary per record and is split so that a query loads only what it needs:

    search/manifest.js   the list of term shards, the Swedish stemming rules, record kinds
    search/t/<key>.js    the stems that begin with <key>, each with the records containing it
    search/d/<n>.js      summaries of records n*BLOCK to n*BLOCK+BLOCK-1: title, kind,
                         status, a short text and the page's path

The files are scripts that hand their data to `iopSearch.receive(name, data)` rather than
JSON for fetch(): browsers refuse fetch() on a site opened from disk (file://), and the
site must work there too. `assets/iop-search.js` runs the lookup that `SearchIndex.query`
below describes; the tests and the benchmark use this Python twin, and browser tests
check that both give the same answers.

Stemming is the Snowball stemmer for Swedish (plus "-et"), so "föreningarna" finds
"förening" and "kurserna" finds "kurs". Its rules travel in the manifest, so the script
and this module can't disagree about a suffix.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..derive import PartnershipView
from ..model.common import Contact
from ..model.decision import Decision
from ..registry import Entry
from .course_view import CourseView, course_views
from .jsontext import script_safe
from ..site_paths import record_path
from .environment import Asset, Outputs, Page, Renderer

SEARCH_PAGE = "sok/"
DATA_DIR = "search/"
# Records per summary file (about 5 KB): the 20 results of a first page load at most 20
# such files, 100 KB, however far apart the results are in the index.
BLOCK = 20
# A term shard above this size is split by one more letter (each shard stays small).
SHARD_LIMIT = 24_000
MAX_KEY_LENGTH = 4
# A query word also finds longer words: "mammakr" finds "mammakraft", and "kurs" (stem
# "kur") finds "kursen" (stem "kurs"). Not when that would load more than this many shards.
MAX_PREFIX_SHARDS = 3
RESULTS_PER_PAGE = 20
# The header's search box shows this many results and links to sok/ for the rest: a first
# search from any page loads at most this many summary files.
HEADER_RESULTS = 8
# Compound parts (see compound_parts): a part is at least MIN_COMPOUND_TAIL letters ("stöd",
# "barn", "kurs"), and what comes before it at least MIN_COMPOUND_HEAD.
MIN_COMPOUND_HEAD = 3
MIN_COMPOUND_TAIL = 4
SUMMARY_LENGTH = 160
TITLE_WEIGHT = 3

# Record kinds as results show them; the order is also the order of equal matches.
KINDS = {"p": "Partnerskap", "k": "Kurs", "o": "Organisation", "b": "Beslut", "g": "Bidrag", "s": "Sida"}

# --- Swedish text to search terms --------------------------------------------------------

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


# --- Documents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One page as the search knows it: a record, a list or a hand-written page."""

    kind: str  # a key of KINDS
    title: str
    status: str
    text: str  # the short text a result shows
    path: str  # the page's site path, "partnerskap/mammakraft/"
    keywords: str = ""  # more searchable text that the result doesn't show
    # A course that is over: it ranks after everything current, so a finished course is
    # never listed between two that a reader can still refer someone to.
    past: bool = False

    def summary(self) -> list[str]:
        return [self.title, self.kind, self.status, self.text, self.path]


def _joined(*parts: str | None) -> str:
    return " ".join(plain_text(part) for part in parts if part)


def _contact_words(contact: Contact | None, renderer: Renderer) -> str:
    if contact is None:
        return ""
    return _joined(contact.name, contact.title, renderer.organisation_name(contact.organisation) if contact.organisation else None)


def _partnership(view: PartnershipView, renderer: Renderer) -> Document:
    record = view.record
    targets = record.target_groups
    keywords = _joined(
        *(renderer.organisation_name(party.organisation) for party in record.parties),
        *(party.acting_through for party in record.parties),
        *(_contact_words(party.contact, renderer) for party in record.parties),
        *record.case_numbers,
        record.agreement_title,
        record.summary,
        record.purpose,
        record.background,
        targets.primary if targets else None,
        targets.secondary if targets else None,
        *(_joined(activity.title, activity.description, *activity.goals) for activity in record.activities),
        *(_joined(signatory.name, signatory.title, signatory.place) for signatory in record.signatories),
    )
    return Document("p", record.title, view.status.label, shorten(plain_text(record.summary)), record_path("partnership", view.id), keywords)


def _course(course: CourseView, renderer: Renderer) -> Document:
    record = course.record
    partnership = course.partnership
    venue, languages, referral = record.venue, record.languages, record.referral
    text = shorten(" · ".join(t for t in (course.term_label, course.span_text, venue.name if venue else "") if t))
    keywords = _joined(
        partnership.record.title if partnership else None,
        course.term_label,
        record.description,
        record.audience,
        venue.name if venue else None,
        venue.address if venue else None,
        *(languages.teaching if languages else []),
        *(languages.interpretation if languages else []),
        renderer.organisation_name(record.organiser) if record.organiser else None,
        *(_contact_words(contact.contact, renderer) for contact in course.contacts),
        *(session.topic for session in record.sessions),
        *(_joined(meeting.place, meeting.audience) + " " + _contact_words(meeting.contact, renderer) for meeting in record.information_meetings),
        _contact_words(referral.contact, renderer) if referral else None,
    )
    return Document("k", course.title, course.status_label, text, course.page_path, keywords, past=course.phase == "past")


def _decision(entry: Entry[Decision], renderer: Renderer) -> Document:
    decision = entry.record
    keywords = _joined(
        renderer.organisation_name(decision.board),
        renderer.organisation_name(decision.prepared_by) if decision.prepared_by else None,
        decision.summary,
        *decision.decision_points,
        *(meeting.body for meeting in decision.meetings),
        _contact_words(decision.contact, renderer),
        *(_joined(person.name, person.title) for person in decision.responsible),
        *decision.related_case_numbers,
    )
    title = f"{decision.case_number}: {decision.title}"
    return Document("b", title, decision.status.label, shorten(plain_text(decision.summary)), record_path("decision", entry.id), keywords)


def documents(renderer: Renderer, pages: Iterable[PageText] = ()) -> list[Document]:
    """Every record page and every other page, with the words it can be found by: current
    records first, then pages, then courses that are over (see `Document.past`)."""
    registry, derived = renderer.registry, renderer.derived
    docs = [_partnership(view, renderer) for view in derived.partnerships]
    docs += [_course(course, renderer) for course in course_views(derived, list(registry.courses.values()))]
    for entry in registry.organisations.values():
        org = entry.record
        text = shorten(plain_text(org.description)) or org.kind.label
        keywords = _joined(org.short_name, str(org.org_number or ""), org.department, org.description,
                           renderer.organisation_name(org.parent) if org.parent else None)
        docs.append(Document("o", org.name, org.kind.label, text, record_path("organisation", entry.id), keywords))
    docs += [_decision(entry, renderer) for entry in registry.decisions.values()]
    for entry in registry.grants.values():
        grant = entry.record
        recipient, funder = renderer.organisation_name(grant.recipient), renderer.organisation_name(grant.funder)
        title = f"Bidrag till {grant.activity}: {recipient}"
        keywords = _joined(funder, *grant.activity_spellings, grant.purpose, grant.activity_description, grant.source_of_funds)
        docs.append(Document("g", title, str(grant.year), shorten(plain_text(grant.purpose)), record_path("grant", entry.id), keywords))
    docs += [Document("s", page.title, "", shorten(plain_text(page.text)), page.path, plain_text(page.text)) for page in pages]
    order = list(KINDS)
    return sorted(docs, key=lambda d: (d.past, order.index(d.kind), d.title.casefold(), d.path))


@dataclass(frozen=True)
class PageText:
    """A page that is not a record, as the search reads it: a list (its title and
    description) or a hand-written page (its Markdown)."""

    path: str
    title: str
    text: str


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_ATTRIBUTES = re.compile(r"\{[:#.][^}]*\}")


def handwritten_page(src_uri: str, markdown: str) -> PageText | None:
    """A hand-written page (site_src/om-registret.md) as the search reads it: its first
    heading and its text, without front matter, snippet markers (records are found as
    records) or attribute lists. None for a page without a heading."""
    body = _ATTRIBUTES.sub("", _COMMENT.sub("", _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"))))
    heading = _HEADING.search(body)
    if heading is None:
        return None
    stem_path = src_uri.removesuffix(".md")
    path = "" if stem_path == "index" else (stem_path.removesuffix("index") if stem_path.endswith("/index") else stem_path + "/")
    return PageText(path, plain_text(heading[1]), body[heading.end():])


# --- The index ---------------------------------------------------------------------------


def shard_file(key: str) -> str:
    """A shard's file name: ASCII letters and digits as they are, any other letter as _hex
    ('fö' -> 'f_f6'), so no server or file system has to agree on encodings."""
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}" for c in key)


def _encode_postings(postings: dict[int, bool]) -> list[int]:
    """Record numbers as rising deltas of (number * 2 + 1 if in the title): short JSON."""
    values = sorted(doc * 2 + (1 if in_title else 0) for doc, in_title in postings.items())
    return [b - a for a, b in zip([0, *values], values)]


def decode_postings(deltas: list[int]) -> dict[int, bool]:
    result: dict[int, bool] = {}
    value = 0
    for delta in deltas:
        value += delta
        result[value >> 1] = bool(value & 1)
    return result


def _split(terms_by_key: dict[str, dict[str, list[int]]], key: str) -> Iterator[tuple[str, dict[str, list[int]]]]:
    """The shard for `key`, split by a further letter while it is too large."""
    shard = terms_by_key[key]
    if len(key) >= MAX_KEY_LENGTH or len(_dump(shard)) <= SHARD_LIMIT:
        yield key, shard
        return
    children: dict[str, dict[str, list[int]]] = defaultdict(dict)
    own: dict[str, list[int]] = {}
    for term, postings in shard.items():
        if len(term) > len(key):
            children[term[: len(key) + 1]][term] = postings
        else:
            own[term] = postings
    if own:
        yield key, own
    for child in sorted(children):
        yield from _split(children, child)


def _dump(data: Any) -> str:
    return script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True))


def _script(name: str, data: Any) -> bytes:
    return f"iopSearch.receive({_dump(name)},{_dump(data)});\n".encode()


def manifest(docs: int, shards: list[str], current: int) -> dict[str, Any]:
    return {
        "block": BLOCK,
        "current": current,
        "docs": docs,
        "headerResults": HEADER_RESULTS,
        "kinds": KINDS,
        "maxPrefixShards": MAX_PREFIX_SHARDS,
        "perPage": RESULTS_PER_PAGE,
        "shards": shards,
        "stem": {"step1": STEP1, "sEndings": S_ENDINGS, "step2": list(STEP2), "step3": STEP3, "vowels": VOWELS},
        "stop": sorted(STOP_WORDS),
        "fold": FOLD,
        "titleWeight": TITLE_WEIGHT,
    }


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


def index_files(docs: list[Document]) -> dict[str, bytes]:
    """Every file of the index, by its path under the site (search/...)."""
    postings: dict[str, dict[int, bool]] = defaultdict(dict)
    body_words: list[set[str]] = []
    for number, doc in enumerate(docs):
        for term in terms(doc.title):
            postings[term][number] = True
        body = set(words(" ".join((doc.title, doc.text, doc.keywords, KINDS[doc.kind], doc.status))))
        body_words.append(body)
        for word in body:
            postings[stem(word)].setdefault(number, False)
    vocabulary = frozenset(term for term in postings if len(term) >= MIN_COMPOUND_TAIL)
    parts_of: dict[str, list[str]] = {}
    for number, body in enumerate(body_words):
        for word in body:
            if len(word) < MIN_COMPOUND_HEAD + MIN_COMPOUND_TAIL:
                continue
            if word not in parts_of:
                parts_of[word] = compound_parts(word, vocabulary)
            for part in parts_of[word]:
                postings[part].setdefault(number, False)
    by_key: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term in sorted(postings):
        by_key[term[:2]][term] = _encode_postings(postings[term])
    files: dict[str, bytes] = {}
    keys = []
    for first in sorted(by_key):
        for key, shard in _split(by_key, first):
            keys.append(key)
            files[f"{DATA_DIR}t/{shard_file(key)}.js"] = _script(f"t/{key}", shard)
    for start in range(0, len(docs), BLOCK):
        block = [doc.summary() for doc in docs[start : start + BLOCK]]
        files[f"{DATA_DIR}d/{start // BLOCK}.js"] = _script(f"d/{start // BLOCK}", block)
    current = sum(1 for doc in docs if not doc.past)
    files[f"{DATA_DIR}manifest.js"] = _script("manifest", manifest(len(docs), keys, current))
    return files


def outputs(renderer: Renderer, pages: Iterable[PageText] = ()) -> Outputs:
    """The search page and the index of every record and of `pages` (lists, hand-written pages)."""
    files = index_files(documents(renderer, pages))
    body = renderer.render("search.html", SEARCH_PAGE, data=DATA_DIR)
    page = Page(SEARCH_PAGE, "Sök i registret", body, in_nav=True, description="Sök bland partnerskap, kurser, organisationer, beslut, bidrag och sidor.")
    return Outputs(pages=[page], assets=[Asset(path, content) for path, content in files.items()])


# --- The lookup, as assets/iop-search.js does it --------------------------------------------


_RECEIVED = re.compile(r"^iopSearch\.receive\((\"[^\"]*\"),(.*)\);\n$", re.DOTALL)


def read_script(content: bytes) -> tuple[str, Any]:
    match = _RECEIVED.match(content.decode())
    if not match:
        raise ValueError("not a search data file")
    return json.loads(match[1]), json.loads(match[2])


@dataclass(frozen=True)
class Result:
    title: str
    kind: str  # "Partnerskap", "Kurs", ...
    status: str
    text: str
    path: str


@dataclass
class SearchIndex:
    """The index as a browser sees it: files by path, read only when a query needs them.

    `loaded` lists every file a query read, in order, so the benchmark can count the bytes
    a reader's first search downloads.
    """

    files: dict[str, bytes]
    loaded: list[str] = field(default_factory=list)

    def _load(self, name: str) -> Any:
        path = f"{DATA_DIR}{name}.js"
        if path not in self.loaded:
            self.loaded.append(path)
        return read_script(self.files[path])[1]

    @property
    def manifest(self) -> dict[str, Any]:
        return self._load("manifest")  # type: ignore[no-any-return]

    def _shard_for(self, term: str, keys: list[str]) -> str | None:
        candidates = [k for k in keys if term.startswith(k)]
        return max(candidates, key=len) if candidates else None

    def _matches(self, term: str, prefix: bool, keys: list[str]) -> dict[int, int]:
        """Record number -> score for one query term."""
        shards = []
        if prefix:
            below = [k for k in keys if k.startswith(term) and k != term]
            own = self._shard_for(term, keys)
            shards = ([own] if own else []) + below
            if len(shards) > MAX_PREFIX_SHARDS:
                shards, prefix = ([own] if own else []), False
        else:
            own = self._shard_for(term, keys)
            shards = [own] if own else []
        scores: dict[int, int] = {}
        for key in shards:
            shard = self._load(f"t/{shard_file(key)}")
            for candidate, deltas in shard.items():
                if candidate == term or (prefix and candidate.startswith(term)):
                    for doc, in_title in decode_postings(deltas).items():
                        score = (TITLE_WEIGHT if in_title else 1) + (1 if candidate == term else 0)
                        scores[doc] = max(scores.get(doc, 0), score)
        return scores

    def query(self, text: str, limit: int = RESULTS_PER_PAGE) -> list[Result]:
        """The first `limit` results for `text`: every word must match (as a word, as the
        beginning of one or as a compound's part), best matches first, equal ones in the
        index's order; courses that are over come after everything else."""
        keys = self.manifest["shards"]
        query_terms = list(dict.fromkeys(terms(text)))
        if not query_terms:
            return []
        total: dict[int, int] | None = None
        for term in query_terms:
            scores = self._matches(term, prefix=len(term) >= 2, keys=keys)
            total = scores if total is None else {d: s + scores[d] for d, s in total.items() if d in scores}
        current = self.manifest["current"]
        ranked = sorted((total or {}).items(), key=lambda item: (item[0] >= current, -item[1], item[0]))[:limit]
        results = []
        for doc, _score in ranked:
            title, kind, status, summary, path = self._load(f"d/{doc // BLOCK}")[doc % BLOCK]
            results.append(Result(title, KINDS[kind], status, summary, path))
        return results


def read_index(files: Iterable[tuple[str, bytes]]) -> SearchIndex:
    return SearchIndex({path: content for path, content in files if path.startswith(DATA_DIR)})
