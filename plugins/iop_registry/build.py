"""One build's registry work, engine-free: the publisher, validation, derivation, every output.

The plugin calls `prepare` from its first hook and only hands the results to the engine, so a
move to another engine keeps all of this.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .clock import build_date
from .derive import Derived
from .diagnostics import Report
from .history import History, read_history
from .model.publisher import Publisher
from .parse_cache import ParseCache
from .registry import Registry
from .render.environment import Outputs, Renderer
from .render.site import OutputCollision, build_outputs
from .settings import read_publisher
from .validate import validate_path


class BuildStopped(Exception):
    """A problem in the project, not in a record, worded for the editor."""


@dataclass(frozen=True)
class Prepared:
    """What the build adds to the validated registry: the day it is for and what it makes."""

    today: dt.date
    history: History
    handwritten: list[tuple[str, str]]  # the site's own Markdown pages as (src_uri, text)
    outputs: Outputs
    renderer: Renderer


def read_registry(config_file: Path, registry_dir: Path, parsed: ParseCache | None) -> tuple[Report, Publisher | None, Registry]:
    """The publisher's settings and the validated registry, with every problem in the report."""
    report = Report(config_file.parent)
    publisher = read_publisher(config_file, report)
    return report, publisher, validate_path(registry_dir, report, parsed)


def prepare(registry: Registry, publisher: Publisher, registry_dir: Path, docs_dir: Path, site_url: str) -> Prepared:
    """Everything the site is made of, for today's build date."""
    try:
        today = build_date()
    except ValueError as error:
        raise BuildStopped(str(error)) from None
    history = read_history(registry_dir)
    handwritten = [(path.relative_to(docs_dir).as_posix(), path.read_text(encoding="utf-8")) for path in sorted(docs_dir.rglob("*.md"))]
    try:
        outputs, renderer = build_outputs(Derived.build(registry, today), publisher, history=history, site_url=site_url, handwritten=handwritten)
    except OutputCollision as collision:
        raise BuildStopped(
            "Registret ger två sidor eller filer med samma adress; ingenting byggdes: "
            + ", ".join(collision.paths)
            + ". Byt id på posten vars id är samma som namnet på en sida i listan (till exempel pagaende, arkiv, sida-2)."
        ) from None
    return Prepared(today, history, handwritten, outputs, renderer)

