"""The publisher's settings, read from the plugin's entry in mkdocs.yml.

They are read from the YAML nodes with the registry's own loader and parser, so a wrong
organisationsnummer or phone number in mkdocs.yml gets the same Swedish message, with line
and column, as one in a record; MkDocs' own config checks know neither Luhn nor Swedish
numbering plans. The engine only has to let the option through (plugin.py).
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Report
from .load import read_yaml
from .model.publisher import Publisher
from .parse import INVALID, ParseContext, parse_record

PLUGIN_NAME = "iop-registry"
OPTION = "publisher"


def read_publisher(config_file: Path, report: Report) -> Publisher | None:
    """The publisher named in `config_file`, or None after reporting what is wrong."""
    root = read_yaml(config_file, report)
    if root is None:
        return None
    options = _plugin_options(root)
    node = _value(options, OPTION) if options is not None else None
    if node is None:
        where = options or root
        report.add(
            config_file, where.start_mark.line + 1, where.start_mark.column + 1, "missing-publisher",
            f"plugins.{PLUGIN_NAME}.{OPTION}: inställningen saknas men är obligatorisk.",
            f"Lägg till '{OPTION}:' med name, kind och contact under '{PLUGIN_NAME}:' i mkdocs.yml (se README).",
            path=f"plugins.{PLUGIN_NAME}.{OPTION}",
        )
        return None
    result = parse_record(node, Publisher, ParseContext(config_file, report, track_locations=False))  # type: ignore[arg-type]
    return None if result is INVALID else result


def _plugin_options(root: MappingNode) -> MappingNode | None:
    """The mapping under `- iop-registry:` in `plugins:` (a list, or a mapping since MkDocs 1.4)."""
    plugins = _value(root, "plugins")
    items: list[Node] = []
    if isinstance(plugins, SequenceNode):
        items = [item for item in plugins.value if isinstance(item, MappingNode)]
    elif isinstance(plugins, MappingNode):
        items = [plugins]
    for item in items:
        options = _value(item, PLUGIN_NAME)
        if isinstance(options, MappingNode):
            return options
    return None


def _value(mapping: Node | None, key: str) -> Node | None:
    if not isinstance(mapping, MappingNode):
        return None
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            found: Node = value_node
            return found
    return None
