"""The index files: term shards, summary blocks and the manifest, each a small script."""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..jsontext import script_safe
from .documents import KINDS, Document
from .text import (
    FOLD,
    MIN_COMPOUND_HEAD,
    MIN_COMPOUND_TAIL,
    S_ENDINGS,
    STEP1,
    STEP2,
    STEP3,
    STOP_WORDS,
    VOWELS,
    compound_parts,
    stem,
    terms,
)

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
TITLE_WEIGHT = 3



def shard_file(key: str) -> str:
    """A shard's file name: ASCII letters and digits as they are, any other letter as _hex
    ('fö' -> 'f_f6'), so no server or file system has to agree on encodings."""
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}" for c in key)


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


def _postings(docs: list[Document]) -> dict[str, array[int]]:
    """Each term's records as rising values of (number * 2 + 1 if in the title).

    Built as one small integer array per term, filled in record order, rather than a dict
    per term and a set of words per record: at 10,000 real-sized partnerships those took
    about 500 MB."""
    postings: dict[str, array[int]] = defaultdict(lambda: array("i"))
    for number, doc in enumerate(docs):
        doc_terms = dict.fromkeys(terms(doc.title), True)
        for word in doc.found_by:
            doc_terms.setdefault(stem(word), False)
        for term, in_title in doc_terms.items():
            postings[term].append(number * 2 + (1 if in_title else 0))
    vocabulary = frozenset(term for term in postings if len(term) >= MIN_COMPOUND_TAIL)
    parts_of: dict[str, list[str]] = {}
    # Parts are terms already (vocabulary): each gets the records it is a part in, apart
    # from those that have it as a word of their own, in record order again.
    as_part: dict[str, array[int]] = defaultdict(lambda: array("i"))
    for number, doc in enumerate(docs):
        doc_parts: set[str] = set()
        for word in doc.found_by:
            if len(word) < MIN_COMPOUND_HEAD + MIN_COMPOUND_TAIL:
                continue
            if word not in parts_of:
                parts_of[word] = compound_parts(word, vocabulary)
            doc_parts.update(parts_of[word])
        for part in doc_parts:
            own = postings[part]
            at = bisect_left(own, number * 2)
            if at == len(own) or own[at] >> 1 != number:
                as_part[part].append(number * 2)
    for term, extra in as_part.items():
        postings[term] = array("i", sorted([*postings[term], *extra]))
    return postings


def _deltas(values: array[int]) -> list[int]:
    """Rising values as their differences: short JSON (and small numbers, which Python
    shares, where the values as a list would each be an object of their own)."""
    return [b - a for a, b in zip([0, *values], values, strict=False)]


def index_files(docs: list[Document]) -> dict[str, bytes]:
    """Every file of the index, by its path under the site (search/...)."""
    postings = _postings(docs)
    by_key: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term in sorted(postings):
        by_key[term[:2]][term] = _deltas(postings.pop(term))
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
