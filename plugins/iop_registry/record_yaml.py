"""A record's JSON form (see registry_json.py) written back as the YAML file an editor would write.

Fields stand in the model's order (nested groups and lists too); a field left out of the source
or holding its default is left out. Each value is written so that the parser reads it as the
same value, and in the form its value type asks for (`YamlForm` in model/values.py): numbers
and true/false bare, dates bare, times, month-days and phone numbers in quotes, and text plain
only where YAML 1.1 reads it back as that very text (else in double quotes, so `no`, `12:30`
and `0704445457` stay text). Long one-line text is folded (`>-`) and Markdown with line breaks
is a literal block (`|-`), as the registry's own files are written, whenever that reads back
exactly; anything else is one double-quoted line, which can hold any text.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode

from .model.fields import FieldType, Shape, record_fields
from .model.values import ValueType, YamlForm
from .registry_json import recorded

INDENT = "  "
# The width of the registry's own files: a folded text breaks before this column.
WIDTH = 100

_STR_TAG = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
# Plain text that YAML reads as itself without a doubt: no indicator first, no ": " or " #",
# no white space at the ends, and no character YAML treats as a line break or refuses.
_ODD = "\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
_SURELY_PLAIN = re.compile(rf"[^\s\-?:,\[\]{{}}#&*!|>'\"%@`{_ODD}](?:[^:#{_ODD}]*[^\s:#{_ODD}])?")
# What a double-quoted YAML scalar must escape beyond JSON's escapes: characters YAML refuses
# in a file or reads as line breaks (YAML 1.1 counts NEL, LS and PS among them), and BOM.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def _quoted(text: str) -> str:
    """Any text as one double-quoted YAML scalar: JSON's string syntax, which YAML shares."""
    return _YAML_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", json.dumps(text, ensure_ascii=False))


# Both YAML readers: libyaml, where it is installed, as the registry's loader (load.py) reads
# files with it first, and PyYAML's own, which reads them without libyaml and in editors'
# tools. They differ: libyaml takes a tab inside plain text (`a<TAB>b`), PyYAML refuses it.
_READERS = tuple(dict.fromkeys((getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)))
# Block text that reads back as written without a doubt (so no test read is needed): no
# character YAML refuses or reads as a line break, not indented or blank at either end, and
# no line of spaces only (block scalars may keep or drop those).
_SURELY_BLOCK = re.compile(rf"[^\s{_ODD}](?:(?:[^{_ODD}]|\n)*[^\s{_ODD}])?")
_SPACES_LINE = re.compile(r"^ +$", re.MULTILINE)


def _read_back(document: str) -> ScalarNode | None:
    """The scalar of a one-field document `x: ...`, if every YAML reader composes it alike."""
    found: list[ScalarNode] = []
    for loader in _READERS:
        try:
            node = yaml.compose(document, Loader=loader)
        except (yaml.YAMLError, UnicodeEncodeError):  # a lone surrogate: no file can hold it
            return None
        if not isinstance(node, MappingNode) or len(node.value) != 1 or not isinstance(node.value[0][1], ScalarNode):
            return None
        found.append(node.value[0][1])
    # libyaml gives a plain scalar the style "", PyYAML None.
    if len({(value.value, value.style or None) for value in found}) > 1:
        return None
    return found[0]


@functools.lru_cache(maxsize=4096)
def _scans_plain(text: str) -> bool:
    """Whether `text` written without quotes is one plain scalar holding exactly `text`."""
    if _SURELY_PLAIN.fullmatch(text):
        return True
    node = _read_back(f"x: {text}\n")
    return node is not None and not node.style and node.value == text


# What YAML 1.2's core schema reads as a number, true/false or null, where YAML 1.1 reads text
# (`1e3`, `0o17`, `True` is the same in both): VS Code's YAML extension reads 1.2, so such text
# is quoted too.
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|~|null|Null|NULL"
)


def _reads_as_text(text: str) -> bool:
    """Whether YAML, 1.1 or 1.2, reads `text` unquoted as text (not a number, date, true/false, null)."""
    if _YAML12_NOT_TEXT.fullmatch(text):
        return False
    return bool(_resolver.resolve(ScalarNode, text, (True, False)) == _STR_TAG)  # type: ignore[no-untyped-call]


def _folded(text: str, indent: str) -> list[str] | None:
    """A long one-line text as a folded block, broken at single spaces; None if it can't be."""
    width = max(40, WIDTH - len(indent))
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if not word:  # two spaces in a row, or one at an end: folding would lose it
            return None
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [f"{indent}{part}" for part in lines]


def _literal(text: str, indent: str) -> list[str]:
    return [f"{indent}{line}" if line else "" for line in text.split("\n")]


def _block(head: str, style: str, body: list[str], text: str, indent: str) -> list[str] | None:
    """`head style` and its body (indented by `indent`), if YAML reads exactly `text` from them."""
    if _SURELY_BLOCK.fullmatch(text) and not _SPACES_LINE.search(text):
        return [f"{head} {style}", *body]
    document = "\n".join([f"x: {style}", *(INDENT + line[len(indent) :] if line else "" for line in body)])
    node = _read_back(document + "\n")
    return [f"{head} {style}", *body] if node is not None and node.value == text else None


def scalar_lines(head: str, vtype: ValueType, value: Any, indent: str) -> list[str]:
    """`head` ("name:" or "-", already indented) followed by the value, as one or more lines."""
    if isinstance(value, bool):
        return [f"{head} {'true' if value else 'false'}"]
    text = str(value)
    if vtype.yaml is YamlForm.BARE or (vtype.yaml is YamlForm.NATIVE and vtype.form_regex and vtype.form_regex.fullmatch(text)):
        return [f"{head} {text}"] if _scans_plain(text) else [f"{head} {_quoted(text)}"]
    if vtype.yaml is YamlForm.QUOTED:
        return [f"{head} {_quoted(text)}"]
    if "\n" in text:
        if vtype.text_rule.multiline:
            block = _block(head, "|-", _literal(text, indent), text, indent)
            if block is not None:
                return block
        return [f"{head} {_quoted(text)}"]
    one_line = [f"{head} {text}"] if _scans_plain(text) and _reads_as_text(text) else [f"{head} {_quoted(text)}"]
    if len(one_line[0]) <= WIDTH or " " not in text:
        return one_line
    body = _folded(text, indent)
    block = _block(head, ">-", body, text, indent) if body is not None else None
    return block or one_line


def _default(field: dataclasses.Field[Any]) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return dataclasses.MISSING


@functools.cache
def json_defaults(cls: type) -> dict[str, Any]:
    """The JSON form of each field's default (fields without one are absent)."""
    return {f.name: recorded(_default(f)) for f in dataclasses.fields(cls) if _default(f) is not dataclasses.MISSING}


def _is_default(cls: type, name: str, value: Any) -> bool:
    defaults = json_defaults(cls)
    return name in defaults and type(defaults[name]) is type(value) and defaults[name] == value


def fields_lines(cls: type, data: dict[str, Any], indent: str) -> list[str]:
    """The fields of a group (or a whole record) that hold a value, in the model's order."""
    lines: list[str] = []
    for name, ftype in record_fields(cls).items():
        value = data.get(name)
        if value is None or _is_default(cls, name, value):
            continue
        lines += value_lines(f"{indent}{name}:", ftype, value, indent + INDENT)
    return lines


def value_lines(head: str, ftype: FieldType, value: Any, indent: str) -> list[str]:
    """A field (`head` is "name:") or a list item (`head` is "-") with its value below or after it."""
    if ftype.shape is Shape.LIST:
        if not value:
            return [f"{head} []"]
        assert ftype.item is not None
        return [head, *(line for item in value for line in value_lines(f"{indent}-", ftype.item, item, indent + INDENT))]
    if ftype.shape is Shape.RECORD:
        inner = fields_lines(ftype.base, value, indent)
        if not inner:
            return [f"{head} {{}}"]
        if head.lstrip() == "-":  # a group in a list: its first field goes on the dash's line
            return [f"{head} {inner[0].lstrip()}", *inner[1:]]
        return [head, *inner]
    vtype = ftype.value
    if vtype is None:  # a programming error in the model
        raise TypeError(f"no value type for {ftype.base!r}")
    return scalar_lines(head, vtype, value, indent)


def record_text(cls: type, data: dict[str, Any], first_line: str) -> str:
    """A whole record file: `first_line` (the schema comment) and the record's fields."""
    return "\n".join([first_line, *fields_lines(cls, data, "")]) + "\n"
