"""`iop-registry import`: the registry's loss-free JSON (`data/registret.json`) back to YAML records.

One file per record in the registry's layout (a folder per kind, from model/kinds.py; the file
name is the id), written by record_yaml.py. Nothing is written unless the whole file can be:
the JSON is checked against the model first (its format version, every record's id, every
field's name and JSON type), and each record written as YAML is parsed by the registry's own
parser, so a value the registry would refuse (a phone number that does not exist, a date not
in the calendar) is reported with its place in the JSON and the parser's own hint. Then the
records get the checks across records that `iop-registry validate` makes, still before any
file is written, and the files are written all at once (into a folder that then takes the
name asked for), so an import that fails leaves nothing behind.

Exit codes, as the validator's: 0 written and valid (warnings aside), 1 errors in the JSON or
in how its records fit together (nothing written), 2 wrong use (no such file, a folder that is
not empty).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Report, Severity, printable
from .load import MAX_FILE_BYTES, read_yaml_bytes
from .model import RECORD_TYPES
from .model.fields import FieldType, Shape, record_fields, required_fields
from .model.values import ValueType
from .parse import INVALID, ParseContext, parse_record
from .record_yaml import record_text
from .registry import FOLDER_KEEPER, Entry, Registry, valid_id
from .registry_json import FILE, FORMAT_MAJOR, FORMAT_VERSION, VERSION_FORM
from .template import schema_modeline
from .validate import check_registry

# JSON's \ud800 escapes can give Python text no file can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "integer": (int,), "boolean": (bool,)}


class _Pairs(dict[str, Any]):
    """A JSON object that remembers keys it held twice (json.loads would keep the last silently)."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Pairs:
    found = _Pairs(pairs)
    found.repeated = sorted({key for key, _ in pairs if [k for k, _ in pairs].count(key) > 1}) if len(found) < len(pairs) else []
    return found


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} är inget tal i JSON")


# Python refuses to read an integer of more digits than this (sys.get_int_max_str_digits()),
# in English; no value of the registry has more than a handful.
_MAX_DIGITS = 4300


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise ValueError(f"ett tal med {len(text.lstrip('-'))} siffror; registret har inga tal med fler än {_MAX_DIGITS}")
    return int(text)


@dataclass
class Problems:
    """What is wrong with the JSON, each with its place (a path such as `partnerships[0].recorded.title`)."""

    file: str
    lines: list[str] = field(default_factory=list)
    errors: int = 0

    def note(self, path: str, message: str, hint: str, at: tuple[int, int] | None = None, severity: Severity = Severity.ERROR) -> None:
        place = f"{self.file}:{at[0]}:{at[1]}" if at else self.file
        where = f"{printable(path)}: " if path else ""
        tip = f" Tips: {printable(hint)}" if hint else ""
        self.lines.append(f"{place}: {severity.label}: {where}{printable(message)}{tip}")
        self.errors += severity is Severity.ERROR

    def diagnostic(self, diagnostic: Diagnostic, record: str) -> None:
        """A message of the registry's parser or checks about the record at `record` (such as
        `partnerships[0]`), placed at the field it names: its `path` within the record."""
        path = f"{record}.recorded.{diagnostic.path}" if diagnostic.path else record
        message = diagnostic.message.removeprefix(f"{diagnostic.path}: ") if diagnostic.path else diagnostic.message
        self.note(path, message, diagnostic.hint, severity=diagnostic.severity)


def _cut(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "…"


def _shown(value: Any) -> str:
    return _cut(json.dumps(value, ensure_ascii=False))


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "ett heltal"
    if isinstance(value, float):
        return "ett decimaltal"
    if isinstance(value, str):
        return "en text"
    if isinstance(value, list):
        return "en lista"
    return "ett objekt" if isinstance(value, dict) else "null"


def _scalar_fits(vtype: ValueType, value: Any) -> bool:
    """Whether a JSON value has a JSON type the value type's schema allows (no form check yet)."""
    allowed = vtype.schema.get("type", "string")
    names = allowed if isinstance(allowed, list) else [allowed]
    if isinstance(value, bool):
        return "boolean" in names
    return any(isinstance(value, _JSON_TYPES[n]) for n in names if n in _JSON_TYPES)


def check_value(value: Any, ftype: FieldType, path: str, problems: Problems) -> None:
    """The JSON type of one value against its field (its form is the parser's to check)."""
    if ftype.shape is Shape.LIST:
        if not isinstance(value, list):
            problems.note(path, f"hittade {_json_kind(value)}, förväntade en lista.", "Skriv värdena inom [ och ].")
            return
        assert ftype.item is not None
        for i, item in enumerate(value):
            if item is None:
                problems.note(f"{path}[{i}]", "listan har ett tomt värde (null).", "Ta bort värdet ur listan.")
            else:
                check_value(item, ftype.item, f"{path}[{i}]", problems)
    elif ftype.shape is Shape.RECORD:
        check_fields(value, ftype.base, path, problems)
    elif isinstance(value, str) and (surrogate := _SURROGATE.search(value)) is not None:
        problems.note(
            path, f"texten har ett ensamt surrogattecken (U+{ord(surrogate.group()):04X}), som inte kan skrivas som UTF-8.",
            "Ta bort tecknet; det blir kvar när text har konverterats fel mellan teckenkodningar.",
        )
    else:
        vtype = ftype.value
        if vtype is not None and not _scalar_fits(vtype, value):
            problems.note(
                path, f"hittade {_json_kind(value)} ({_shown(value)}), förväntade {vtype.expected}.",
                "Texter skrivs inom citattecken, tal och true/false utan, som i filen som registret skriver.",
            )


def check_fields(value: Any, cls: type, path: str, problems: Problems) -> None:
    """A JSON object against a group of fields: names known, none twice, required ones there."""
    if not isinstance(value, dict):
        problems.note(path, f"hittade {_json_kind(value)}, förväntade ett objekt med fält.", "Skriv fälten inom { och }.")
        return
    fields = record_fields(cls)
    prefix = f"{path}." if path else ""
    for key in getattr(value, "repeated", []):
        problems.note(prefix + key, "fältet står två gånger i samma objekt.", "Ta bort det ena; annars skulle det senare tyst skriva över det första.")
    for key, item in value.items():
        if key not in fields:
            close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            hint = f"Menade du '{close[0]}'?" if close else "Tillåtna fält: " + ", ".join(fields) + "."
            problems.note(prefix + key, f"okänt fält '{key}'.", hint)
        elif item is not None:
            check_value(item, fields[key], prefix + key, problems)
    for name in required_fields(cls):
        if value.get(name) is None:
            problems.note(prefix + name, "fältet saknas men är obligatoriskt.", f"Lägg till \"{name}\" med ett värde.")


@dataclass(frozen=True)
class Record:
    kind: str
    id: str
    place: str  # where it stands in the JSON: `partnerships[0]`
    text: str  # the YAML file
    record: Any  # as the parser read `text`

    @property
    def file(self) -> Path:
        """Where the file goes, from the registry's folder."""
        return Path(RECORD_TYPES[self.kind].folder, f"{self.id}.yml")


def _format_ok(data: dict[str, Any], problems: Problems) -> bool:
    version = data.get("format_version")
    if not isinstance(version, str) or VERSION_FORM.fullmatch(version) is None:
        problems.note(
            "format_version", f"hittade {_shown(version)}, förväntade formatets version, till exempel \"{FORMAT_VERSION}\".",
            f"Läs in {FILE} som IOP-registret publicerar under data/.",
        )
        return False
    # Compared as text: int() refuses a number of thousands of digits, and "02.0" is no format.
    major = version.split(".")[0]
    if major != str(FORMAT_MAJOR):
        problems.note(
            "format_version", f"filen har format {_cut(version)}; den här versionen av iop-registry läser format {FORMAT_MAJOR}.x.",
            f"Använd en version av iop-registry som läser format {_cut(major)}.",
        )
        return False
    return True


def records_from(data: Any, problems: Problems) -> list[Record]:
    """Every record of the JSON as a YAML file, in the file's order; problems go to `problems`."""
    if not isinstance(data, dict):
        problems.note("", f"hittade {_json_kind(data)}, förväntade ett objekt med hela registret.", f"Läs in {FILE}.")
        return []
    if not _format_ok(data, problems):
        return []
    records = []
    for kind, record_type in RECORD_TYPES.items():
        folder = record_type.folder
        items = data.get(folder)
        if not isinstance(items, list):
            problems.note(
                folder, f"hittade {_json_kind(items)}, förväntade en lista med alla poster om {record_type.plural}.",
                f"{FILE} har en lista per posttyp, också när den är tom: \"{folder}\": [].",
            )
            continue
        seen: set[str] = set()
        for index, item in enumerate(items):
            path = f"{folder}[{index}]"
            if not isinstance(item, dict):
                problems.note(path, f"hittade {_json_kind(item)}, förväntade en post.", "En post är ett objekt med id och recorded.")
                continue
            record_id = item.get("id")
            if not isinstance(record_id, str) or not valid_id(record_id):
                problems.note(
                    f"{path}.id", f"hittade {_shown(record_id)}, förväntade ett id.",
                    "Ett id är filens namn: små bokstäver a–z, siffror och bindestreck, högst 80 tecken.",
                )
                continue
            if record_id in seen:
                problems.note(f"{path}.id", f"id '{record_id}' finns redan bland {record_type.plural}.", "Varje post har ett eget id.")
                continue
            seen.add(record_id)
            before = len(problems.lines)
            check_fields(item.get("recorded"), record_type.cls, f"{path}.recorded", problems)
            if len(problems.lines) == before:
                text = record_text(record_type.cls, item["recorded"], schema_modeline(kind))
                record = _parsed(text, record_type.cls, path, problems)
                if record is not INVALID:
                    records.append(Record(kind, record_id, path, text, record))
    return records


def _parsed(text: str, cls: type, place: str, problems: Problems) -> Any:
    """The record at `place` as the registry's parser reads the written file (INVALID after
    reporting its messages at their places in the JSON)."""
    raw = text.encode("utf-8")
    if len(raw) > MAX_FILE_BYTES:  # load.py would refuse the file
        problems.note(
            f"{place}.recorded", f"posten blir {len(raw) // 1024} kB som YAML; en post får vara högst {MAX_FILE_BYTES // 1024} kB.",
            "Korta texterna; långa underlag hör hemma i ett dokument som posten länkar till.",
        )
        return INVALID
    report = Report()
    node = read_yaml_bytes(raw, Path("post.yml"), report)
    record = INVALID if node is None else parse_record(node, cls, ParseContext(Path("post.yml"), report, track_locations=False))
    for diagnostic in report.items:
        problems.diagnostic(diagnostic, place)
    return INVALID if report.has_errors else record


def check_together(records: list[Record], problems: Problems) -> None:
    """The checks across records that `iop-registry validate` makes, on the records before
    any file is written; each message is placed at its record and field in the JSON."""
    registry = Registry(Path("."))
    for record in sorted(records, key=lambda r: r.file):  # in the order loading the folder reads them
        registry.of_kind(record.kind)[record.id] = Entry(record.kind, record.id, record.record, record.file)
    report = Report()
    check_registry(registry, report)
    place_of = {record.file.as_posix(): record.place for record in records}
    for diagnostic in report.items:
        # A check names a record's file; one that names none stands at the top of the JSON.
        problems.diagnostic(diagnostic, place_of.get(diagnostic.file, ""))


def read_json(path: Path, problems: Problems) -> Any:
    """The file's JSON, or INVALID after reporting why it can't be read."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.note("", f"filen är inte UTF-8 (byte 0x{raw[error.start]:02x} vid byte {error.start}).", "Spara filen som UTF-8.")
        return INVALID
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant, parse_int=_integer)
    except json.JSONDecodeError as error:
        problems.note("", f"filen är inte giltig JSON ({error.msg}).", "Kontrollera kommatecken, citattecken och klamrar vid platsen.", (error.lineno, error.colno))
    except ValueError as error:  # NaN, Infinity or a number of thousands of digits
        problems.note("", f"filen är inte giltig JSON ({error}).", "Skriv talet som ett heltal, som i filen som registret skriver.")
    except RecursionError:
        problems.note("", "filen har för många nivåer av listor och objekt i varandra.", f"Läs in {FILE} som IOP-registret publicerar.")
    return INVALID


def _usage_problem(source: Path, out: Path) -> str | None:
    if not source.is_file():
        return f"Filen {source} finns inte. Ange sökvägen till {FILE}, till exempel site/data/{FILE}."
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        return f"{out} finns redan och är inte en tom mapp. Ange en ny mapp med --out; import skriver aldrig över filer."
    return None


def write_records(records: list[Record], out: Path) -> None:
    """The registry's layout under `out`, all at once: a folder for every kind (an empty one
    kept as in git), a file per record, written into a folder beside `out` that then takes its
    name, so `out` holds every file or, if writing fails, none."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for record_type in RECORD_TYPES.values():
            (staging / record_type.folder).mkdir()
        for record in records:
            with (staging / record.file).open("x", encoding="utf-8", newline="\n") as written:
                written.write(record.text)
        for record_type in RECORD_TYPES.values():
            folder = staging / record_type.folder
            if not any(folder.iterdir()):
                (folder / FOLDER_KEEPER).touch()
        staging.chmod(0o777 & ~_umask())  # mkdtemp's folder is the owner's only
        staging.replace(out)  # an empty folder `out` is replaced, as POSIX rename does
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def import_registry(source: Path, out: Path) -> int:
    """Write `source` (a registret.json) as YAML records under `out`; the exit code."""
    usage = _usage_problem(source, out)
    if usage is not None:
        print(usage, file=sys.stderr)
        return 2
    problems = Problems(source.as_posix())
    data = read_json(source, problems)
    records = [] if data is INVALID else records_from(data, problems)
    if not problems.errors:
        check_together(records, problems)
    if problems.lines:
        print("\n".join(problems.lines), flush=True)
    if problems.errors:
        print(f"{problems.errors} fel i {source}; inga filer skrivna.", file=sys.stderr)
        return 1
    try:
        write_records(records, out)
    except OSError as error:
        print(f"Kunde inte skriva till {out} ({error.strerror or error}); inga filer skrivna.", file=sys.stderr)
        return 1
    warnings = len(problems.lines)
    print(f"Skrev {len(records)} poster till {out}: 0 fel, {warnings} varningar.", file=sys.stderr)
    return 0
