"""Data files written in pieces are the same bytes as written whole."""

from __future__ import annotations

import json

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
