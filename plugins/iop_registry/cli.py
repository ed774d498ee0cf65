"""The `iop-registry` command: validate the registry, print schemas, start new records, import JSON.

Exit codes: 0 no errors, 1 errors in the registry, 2 wrong use of the command.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .diagnostics import Report, format_diagnostics, summary
from .model import RECORD_TYPES
from .registry_json import SCHEMA_FILE, registry_schema
from .schema import record_schema
from .validate import validate_path


def _validate(args: argparse.Namespace) -> int:
    root = Path(args.path)
    report = Report(Path.cwd())
    registry = validate_path(root, report)
    diagnostics = report.items
    if args.format == "text":
        if diagnostics:
            # Flushed first, so the summary on stderr never lands inside the last message.
            print(format_diagnostics(diagnostics, "text"), flush=True)
        print(f"{len(registry)} poster kontrollerade: {summary(diagnostics)}.", file=sys.stderr)
    elif diagnostics or args.format == "json":
        print(format_diagnostics(diagnostics, args.format))
    return 1 if report.has_errors else 0


def _schema(args: argparse.Namespace) -> int:
    kinds = [args.kind] if args.kind else list(RECORD_TYPES)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            (out / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")
        if not args.kind:  # and the schema of the whole registry as one JSON file (data/registret.json)
            (out / Path(SCHEMA_FILE).name).write_text(registry_schema_text(), encoding="utf-8")
        print(f"Skrev {len(kinds) + (not args.kind)} scheman till {out}.", file=sys.stderr)
    else:
        for kind in kinds:
            print(schema_text(kind), end="")
    return 0


def schema_text(kind: str) -> str:
    return json.dumps(record_schema(kind), ensure_ascii=False, indent=2) + "\n"


def registry_schema_text() -> str:
    from .render.exports import DERIVED_DOCS

    return json.dumps(registry_schema(DERIVED_DOCS), ensure_ascii=False, indent=2) + "\n"


def _import(args: argparse.Namespace) -> int:
    from .importer import import_registry

    return import_registry(Path(args.file), Path(args.out))


def _new(args: argparse.Namespace) -> int:
    from .template import write_template

    return write_template(args.type, args.id, Path(args.registry))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="iop-registry", description="Verktyg för IOP-registret.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    validate = commands.add_parser("validate", help="kontrollera registret")
    validate.add_argument("path", nargs="?", default="registry", help="registrets mapp (standard: registry)")
    validate.add_argument("--format", choices=["text", "json", "github"], default="text", help="utdataformat")
    validate.set_defaults(run=_validate)

    schema = commands.add_parser("schema", help="skriv JSON-scheman för posttyperna")
    schema.add_argument("--kind", choices=list(RECORD_TYPES), help="bara denna posttyp")
    schema.add_argument("--out", help="mapp att skriva schemana till (annars standard ut)")
    schema.set_defaults(run=_schema)

    new = commands.add_parser("new", help="skapa en ny post från en mall")
    new.add_argument("type", choices=list(RECORD_TYPES), help="posttyp")
    new.add_argument("id", help="postens id, till exempel mammakraft-ht-2027")
    new.add_argument("--registry", default="registry", help="registrets mapp (standard: registry)")
    new.set_defaults(run=_new)

    imported = commands.add_parser("import", help="skriv registrets YAML-filer från data/registret.json")
    imported.add_argument("file", help="registrets JSON-fil, till exempel site/data/registret.json")
    imported.add_argument("--out", required=True, help="en ny eller tom mapp att skriva registret till")
    imported.set_defaults(run=_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
