"""The search lookup as `assets/iop-search.js` does it, in Python: the tests and the benchmark
query a built index with it, and browser tests check that both give the same answers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from iop_registry.render.search.documents import KINDS
from iop_registry.render.search.index import (
    BLOCK,
    DATA_DIR,
    MAX_PREFIX_SHARDS,
    RESULTS_PER_PAGE,
    TITLE_WEIGHT,
    decode_postings,
    shard_file,
)
from iop_registry.render.search.text import terms

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
