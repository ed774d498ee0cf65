"""Sentences on a built site that name an agreement as the source of a fact ("avtalet anger
ingen kontaktperson") for partnerships whose sources hold no agreement.

A page may say "avtalet" as the source of a fact only when the record lists a source of kind
agreement (derive/provenance.py). The pages checked are those of each partnership without one
and, when no partnership in the registry has one, every page except the editors' guide (which
speaks of agreements in general).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

# Wordings that make the agreement the source of what the page says, or of what it lacks.
AGREEMENT_AS_SOURCE = re.compile(
    r"avtalet anger|enligt avtalet|kontakterna i avtalet|så står det i avtalet|om avtalet säger|som avtalet skriver dem", re.IGNORECASE
)
GUIDE = "redaktorsguide"


def partnerships_without_agreement(site_dir: Path) -> set[str]:
    """Ids of the partnerships in the site's JSON that list no source of kind agreement."""
    records: list[dict[str, Any]] = json.loads((site_dir / "data" / "partnerskap.json").read_text(encoding="utf-8"))["records"]
    return {r["id"] for r in records if not any(s["kind"] == "agreement" for s in r["recorded"]["sources"])}


def _pages_to_check(site_dir: Path, without: set[str], total: int) -> list[Path]:
    if without and len(without) == total:
        return sorted(p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] != GUIDE)
    return [site_dir / "partnerskap" / pid / "index.html" for pid in sorted(without)]


def agreement_claims(site_dir: Path) -> dict[str, list[str]]:
    """Page path: the sentences on it that name an agreement the registry does not hold."""
    records = json.loads((site_dir / "data" / "partnerskap.json").read_text(encoding="utf-8"))["records"]
    found: dict[str, list[str]] = {}
    for page in _pages_to_check(site_dir, partnerships_without_agreement(site_dir), len(records)):
        text = " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
        claims = [text[max(0, m.start() - 60) : m.end() + 40] for m in AGREEMENT_AS_SOURCE.finditer(text)]
        if claims:
            found[page.relative_to(site_dir).as_posix()] = claims
    return found
