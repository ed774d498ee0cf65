"""The shipped records say what the documents say, and the pages do not say more."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import BuiltSite


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def text(node: object) -> str:
    return " ".join(node.get_text(" ").split())  # type: ignore[attr-defined]


def test_points_from_a_paper_are_shown_as_a_proposal_even_when_decided(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("beslut/asn-2022-14203/"))
    heading = page.find(id="beslutspunkter")
    assert text(heading) == "Förslag till beslut"
    assert "Beslutat" in text(page.select_one(".iop-status"))


def test_stk_2021_567_is_a_proposal_to_the_committee(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("beslut/stk-2021-567/"))
    assert text(page.select_one(".iop-status")) == "Förslag till beslut"
    assert "Kommunstyrelsens arbetsutskott" in text(page.find("dt", string="Nämnd").find_next("dd"))


def test_email_domains_stand_as_written_with_a_note(shipped_site: BuiltSite) -> None:
    mammakraft = text(soup(shipped_site.page("partnerskap/mammakraft/")))
    assert "georgina.simicic@malmö.se" in mammakraft
    assert "Adressen står så i avtalet, med malmö.se." in mammakraft
    decision = text(soup(shipped_site.page("beslut/asn-2022-13029/")))
    assert "Jonas.Magnusson@malmo.se" in decision and "Adressen står så i tjänsteskrivelsen, med malmo.se." in decision


def test_municipal_duties_belong_to_the_office_for_the_board(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("partnerskap/mammakraft/"))
    heading = page.find("h3", string="Arbetsmarknads- och socialförvaltningen, Malmö stad")
    assert text(heading.find_next("p")) == (
        "Arbetsmarknads- och socialförvaltningen har åtagandena för parten Arbetsmarknads- och socialnämnden ."
    )


def test_both_documents_wording_on_information_meetings_is_kept(shipped_site: BuiltSite) -> None:
    page = text(soup(shipped_site.page("partnerskap/mammakraft/")))
    assert "informationsträffar som riktar sig till yrkesverksamma som i sin tur möter målgruppen" in page
    assert "som vänder sig till såväl yrkesverksamma som direkt till mammor" in page
    assert "Dokumenten skiljer sig åt:" in page
    assert "ställa frågor om socialtjänsten, oro om omhändertagande av barn" in page
    assert "tillsammans 290 062 kr" in page
