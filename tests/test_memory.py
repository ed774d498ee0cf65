"""Data files written in pieces are the same bytes as written whole."""

from __future__ import annotations

import json

from iop_registry.render.environment import Spool
from iop_registry.render.exports.encode import json_bytes, json_file_chunks, json_value


def test_a_json_file_from_pieces_is_the_file_json_dumps_writes() -> None:
    head = {"format": "1.0", "publisher": {"name": "Malmö stad", "note": "rad\u2028två"}, "empty": None}
    lists = {
        "partnerships": [{"id": "a", "title": "Läxhjälp"}, {"id": "b", "amounts": [1, 2]}],
        "courses": [],
        "grants": [{"text": "\u2029"}],
    }
    chunks = json_file_chunks(head, {key: [json_value(item) for item in items] for key, items in lists.items()})
    whole = json_bytes({**head, **lists})
    assert bytes(chunks) == whole
    assert len(chunks) == len(whole)
    assert json.loads(bytes(chunks)) == {**head, **lists}


def test_an_empty_json_file_from_pieces_is_an_empty_object() -> None:
    assert bytes(json_file_chunks({}, {})) == json_bytes({})
    assert bytes(json_file_chunks({}, {"records": []})) == json_bytes({"records": []})


def test_a_json_file_from_pieces_kept_in_a_spool_is_the_same_file() -> None:
    records = [{"id": "a", "title": "Läxhjälp", "text": "x" * 10_000}, {"id": "b", "amounts": [1, 2]}, {"id": "c"}]
    spool = Spool()
    kept = [spool.keep(json_value(record)) for record in records]
    head = {"format": "2.0"}
    # Two files share the kept records, as registret.json and a kind's file do.
    first = json_file_chunks(head, {"records": kept})
    second = json_file_chunks({}, {"partnerships": kept[1:], "courses": kept[:1]})
    assert bytes(first) == json_bytes({**head, "records": records})
    assert bytes(second) == json_bytes({"partnerships": records[1:], "courses": records[:1]})
    assert len(first) == len(bytes(first))
    assert b"".join(first.pieces()) == bytes(first)
