"""A decided partnership whose sources give no period: the site says the decision and that the
period is unknown, and makes up no date (status Beslutat, period okänd; no key dates, no years).

tests/fixtures/thin is copied into tmp and the signed press-release partnership loses its period;
the site is built and its pages and JSON read with BeautifulSoup and json.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from conftest import FIXTURES, build_registry

RECORD = "pressmeddelande"


def without_period(root: Path) -> Path:
    registry = root / "registry"
    shutil.copytree(FIXTURES / "thin", registry)
    path = registry / "partnerships" / f"{RECORD}.yml"
    text = path.read_text(encoding="utf-8")
    period = "period:\n  start: 2018\n  end: 2020\n"
    assert period in text
    path.write_text(text.replace(period, ""), encoding="utf-8")
    return registry


def test_a_signed_partnership_without_a_period_is_decided_with_the_period_unknown(tmp_path: Path) -> None:
    site = build_registry(tmp_path, without_period(tmp_path))
    page = BeautifulSoup(site.page(f"partnerskap/{RECORD}/"), "html.parser")
    facts = page.find("dl")
    assert isinstance(facts, Tag)
    text = " ".join(facts.get_text(" ").split())
    assert "Beslutat, period okänd" in text
    assert "Ingen källa anger avtalsperioden, så registret vet inte om avtalet gäller i dag." in text
    assert "Uppgift saknas : pressmeddelandet anger inte när avtalet börjar och slutar" in text
    record = next(r for r in json.loads(site.read("data/partnerskap.json"))["records"] if r["id"] == RECORD)
    derived = record["derived"]
    assert (derived["status"]["code"], derived["approved"], derived["first_day"], derived["last_day"]) == ("undated", True, None, None)
    assert derived["key_dates"] == [] and derived["missing_budget_years"] == []
    listed = BeautifulSoup(site.page("partnerskap/status/beslutat-period-okand/"), "html.parser").find("article")
    assert isinstance(listed, Tag) and "Stöd till Exempeljouren" in listed.get_text()
