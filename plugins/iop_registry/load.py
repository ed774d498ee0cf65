"""Read one registry file into a YAML node tree, keeping every value as written.

We stop at PyYAML's *composer*: nodes carry the original text, its quoting style and its
line and column, and nothing is constructed. So `0704445457` can never become 118639407,
`18:30` never 1110 and `no` never False behind an editor's back; `parse.py` decides what
each value means from the field it belongs to. A duplicated key is seen here, not lost.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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
    # The mistakes new editors make most (see the common errors in the editors' guide).
    "expected <block end>, but found '<block mapping start>'": (
        "Indraget stämmer inte: raden står längre ut eller in än raderna den hör ihop med.",
        "Rader som hör ihop ska börja lika långt in; använd mellanslag, två per nivå, och jämför med raden ovanför.",
    ),
    "expected <block end>, but found '<block sequence start>'": (
        "Indraget stämmer inte: en rad i listan (som börjar med -) står längre ut än de andra.",
        "Låt alla rader i listan börja lika långt in.",
    ),
    "expected <block end>, but found '?'": (
        "Indraget stämmer inte: ett fält står på samma nivå som listan ovanför.",
        "Dra in fältet om det hör till listans rad, eller flytta det ovanför listan.",
    ),
    "expected <block end>, but found '<scalar>'": (
        "Texten fortsätter efter ett avslutande citattecken, eller ett citattecken stängs aldrig.",
        "Sätt hela texten inom ett par citattecken (\"…\"), eller kontrollera citattecknen på raderna ovanför.",
    ),
    "found unexpected end of stream": (
        "Ett citattecken stängs aldrig.",
        "Sätt ett avslutande citattecken efter texten.",
    ),
    "could not find expected ':'": (
        "En rad saknar kolon efter fältnamnet.",
        "Skriv 'namn: värde'. En text över flera rader börjar med >- på fältets rad och fortsätter indraget under.",
    ),
}


_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))

if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(yaml.CSafeLoader):
        """libyaml composes the node tree about ten times faster than PyYAML's Python code:
        that decides whether 10,000 records validate in seconds or in a minute.

        Its nodes differ in two ways that parse.py allows for. A plain scalar has style ""
        instead of None (parse.py tests `not node.style`). And we skip YAML 1.1's guessing of
        implicit tags, the slowest part left: a plain scalar is null or text, because parse.py
        reads every value from its text by the field's type and asks YAML 1.1 itself, in
        `_yaml11_reading`, only where a plain value would be misread. Explicit tags (`!x`)
        never come here and are still refused.
        """

        def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode:
                return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
            # PyYAML's stubs leave resolve() untyped.
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call,no-any-return]

        def descend_resolver(self, current_node: object, current_index: object) -> None:
            pass  # no path resolvers: skip the bookkeeping for every node

        def ascend_resolver(self) -> None:
            pass

    _FAST_LOADER: type | None = _FastLoader
else:
    _FAST_LOADER = None


def _compose(text: str) -> list[Node | None]:
    """All documents of `text`; a broken file is read again by PyYAML's Python code, whose
    messages `_YAML_PROBLEMS` translates, so an editor sees the same words either way."""
    if _FAST_LOADER is not None:
        try:
            return list(yaml.compose_all(text, Loader=_FAST_LOADER))
        except yaml.YAMLError:
            pass
    return list(yaml.compose_all(text, Loader=_DepthLimitedLoader))


# A record file is at most 1 MiB: the shipped registry's largest (Mammakraft's agreement) is 16 kB, so this
# leaves sixty times the room while a pasted dump cannot fill the memory of a build.
MAX_FILE_BYTES = 1024 * 1024
# Mappings and lists nest at most this deep. The model's deepest value is five levels down;
# PyYAML's Python composer spends about three stack frames a level and fails with a
# RecursionError near 330 levels (less inside a deep caller such as mkdocs); libyaml stops at 1,000.
MAX_DEPTH = 50


def read_yaml(path: Path, report: Report) -> MappingNode | None:
    """Return the file's top-level mapping, or None after reporting why there is none."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        report.add(
            path, 0, 0, "file-too-large", f"Filen är {size // 1024} kB; en post får vara högst {MAX_FILE_BYTES // 1024} kB.",
            "Korta texterna; långa underlag hör hemma i ett dokument som posten länkar till.",
        )
        return None
    return read_yaml_bytes(path.read_bytes(), path, report)


_TOO_DEEP = "nested too deep"
_YAML_PROBLEMS[_TOO_DEEP] = (
    f"Fälten och listorna ligger i fler än {MAX_DEPTH} nivåer i varandra.",
    "Kontrollera indraget och hakparenteserna; en post har aldrig fler än några få nivåer.",
)


class TooDeep(yaml.MarkedYAMLError):
    """Nesting beyond MAX_DEPTH, raised while composing (before Python's recursion limit)."""


class _DepthLimitedLoader(yaml.SafeLoader):
    """PyYAML's Python composer, counting how deep it is."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise TooDeep(problem=_TOO_DEEP, problem_mark=self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _too_deep(root: Node) -> Node | None:
    """The first node, in the file's order, nested deeper than MAX_DEPTH (without recursion)."""
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        if isinstance(node, MappingNode):
            children = [value for _, value in node.value]
        elif isinstance(node, ScalarNode):
            continue
        else:
            children = node.value
        stack.extend((child, depth + 1) for child in reversed(children) if not isinstance(child, ScalarNode))
    return None


def read_yaml_bytes(raw: bytes, path: Path, report: Report) -> MappingNode | None:
    """The same for content already in memory, reported as `path` (the editors' guide runs
    its examples of common mistakes through here, so it shows the real messages)."""
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
        composed = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or "").strip()
        # Problems we have not translated keep PyYAML's English words, but always in our
        # one-line format with a Swedish frame and hint.
        message, hint = _YAML_PROBLEMS.get(
            problem, (f"YAML-syntaxfel (”{problem}”).", "Kontrollera indrag, kolon och citattecken på raden och raderna ovanför.")
        )
        report.add(path, (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1, "yaml-syntax", message, hint)
        return None
    except yaml.reader.ReaderError as error:  # control characters and the like, located by offset
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        report.add(
            path, line, column, "yaml-syntax", f"Filen innehåller ett otillåtet tecken (U+{error.character if isinstance(error.character, int) else ord(error.character):04X}).",
            "Ta bort osynliga specialtecken; de kommer ofta med text som klistrats in från andra program.",
        )
        return None

    documents = [d for d in composed if d is not None]
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
    deepest = _too_deep(root)
    if deepest is not None:  # libyaml composed it; the Python composer would have stopped here
        message, hint = _YAML_PROBLEMS[_TOO_DEEP]
        report.add(path, deepest.start_mark.line + 1, deepest.start_mark.column + 1, "yaml-syntax", message, hint)
        return None
    if not isinstance(root, MappingNode):
        report.add(
            path, root.start_mark.line + 1, root.start_mark.column + 1, "not-a-mapping",
            "Filen ska bestå av fält på formen 'namn: värde'.",
            "Börja från en mall: iop-registry new <typ> <id>.",
        )
        return None
    return root


def node_locations(node: Node) -> dict[str, tuple[int, int]]:
    """Line and column of every value under `node`, by its path ("parties[0].organisation").

    Only the YAML tree is walked, not the values parsed again (that took half the time of
    validating 10,000 records that each have a warning): a record that loaded has exactly
    the keys of its fields, so the paths are the ones parsing records."""
    locations: dict[str, tuple[int, int]] = {}
    pending: list[tuple[str, Node]] = [("", node)]
    while pending:
        path, current = pending.pop()
        if isinstance(current, MappingNode):
            children = [(f"{path}.{key.value}" if path else str(key.value), value) for key, value in current.value]
        elif isinstance(current, SequenceNode):
            children = [(f"{path}[{i}]", item) for i, item in enumerate(current.value)]
        else:
            continue
        for child_path, child in children:
            locations[child_path] = (child.start_mark.line + 1, child.start_mark.column + 1)
            pending.append((child_path, child))
    return locations
