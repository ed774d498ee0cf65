"""Read one registry file into a YAML node tree, keeping every value as written.

We stop at PyYAML's *composer*: nodes carry the original text, its quoting style and its
line and column, and nothing is constructed. So `0704445457` can never become 118639407,
`18:30` never 1110 and `no` never False behind an editor's back; `parse.py` decides what
each value means from the field it belongs to. A duplicated key is seen here, not lost.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node

from .diagnostics import Report

# PyYAML's scanner messages, in the words an editor needs.
_YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token": (
        "Tabbtecken är inte tillåtna i YAML.",
        "Byt tabbtecknet mot mellanslag (två per nivå).",
    ),
    "mapping values are not allowed here": (
        "Ett kolon står på fel ställe.",
        "Sätt texten inom citattecken om den innehåller ': ', eller kontrollera indraget.",
    ),
    "found undefined alias": ("Okänd referens (*namn).", "Ta bort asterisken eller sätt texten inom citattecken."),
}


def read_yaml(path: Path, report: Report) -> MappingNode | None:
    """Return the file's top-level mapping, or None after reporting why there is none."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        report.add(
            path, line, column, "not-utf8",
            f"Filen är inte sparad som UTF-8 (byte 0x{raw[error.start]:02x} kan inte läsas).",
            "Spara filen som UTF-8 i din editor (i VS Code: klicka på kodningen nere till höger).",
        )
        return None

    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or "").strip()
        message, hint = _YAML_PROBLEMS.get(
            problem, (f"YAML-syntaxfel: {problem}.", "Kontrollera indrag, kolon och citattecken på raden.")
        )
        report.add(path, (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1, "yaml-syntax", message, hint)
        return None
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        report.add(path, 1, 1, "yaml-syntax", f"YAML-fel: {error}.", "Ta bort osynliga specialtecken ur filen.")
        return None

    documents = [d for d in documents if d is not None]
    if not documents:
        report.add(path, 1, 1, "empty-file", "Filen är tom.", "Fyll i posten, eller börja från en mall: iop-registry new <typ> <id>.")
        return None
    if len(documents) > 1:
        second = documents[1].start_mark
        report.add(
            path, second.line + 1, second.column + 1, "many-documents",
            "Filen innehåller flera YAML-dokument (---); en fil ska innehålla en post.",
            "Flytta den andra posten till en egen fil.",
        )
        return None
    root: Node = documents[0]
    if not isinstance(root, MappingNode):
        report.add(
            path, root.start_mark.line + 1, root.start_mark.column + 1, "not-a-mapping",
            "Filen ska bestå av fält på formen 'namn: värde'.",
            "Börja från en mall: iop-registry new <typ> <id>.",
        )
        return None
    return root
