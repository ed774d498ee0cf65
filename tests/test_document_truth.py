"""The shipped records say what the documents say, and the pages do not say more."""

from __future__ import annotations

from conftest import BuiltSite
from support.html import soup
from support.html import spaced_text as text


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


# --- One truth on every page: derived rules --------------------------------------------

from pathlib import Path  # noqa: E402

from conftest import SHIPPED_REGISTRY, build_registry  # noqa: E402
from test_site import epoch  # noqa: E402


def test_start_page_keeps_proposal_money_apart_from_decided_money(shipped_site: BuiltSite) -> None:
    figures = {f.get("data-standing"): text(f) for f in soup(shipped_site.page("")).select(".iop-figure")}
    # Both agreements are proposals in June 2023; only the 2022 grants are decided.
    assert figures["decided"] == "0 kr beslutade offentliga medel 2023 i avtal och bidrag"
    assert figures["proposed"] == "290 000 kr i förslag till avtal 2023, inte beslutade"


def test_ekonomi_splits_every_sum_into_decided_and_proposed(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("ekonomi/"))
    for chart_id in ("per-finansiar", "per-partnerskap"):
        table = page.select_one(f'table[data-chart="{chart_id}"]')
        years = [text(th) for th in table.select("thead th")[1:]]
        decided = dict(zip(years, [text(td) for td in table.select_one('tfoot tr[data-standing="decided"]').find_all("td")]))
        proposed = dict(zip(years, [text(td) for td in table.select_one('tfoot tr[data-standing="proposed"]').find_all("td")]))
        assert (decided["2022"], proposed["2022"]) == ("1 300 000 kr", "0 kr")
        assert (decided["2023"], proposed["2023"]) == ("0 kr", "290 000 kr")
        assert (decided["2024"], proposed["2024"]) == ("0 kr", "1 500 000 kr")
    rows = {tr["data-series"]: text(tr.th) for tr in page.select('table[data-chart="per-partnerskap"] tbody tr')}
    assert rows["Mammakraft"] == "Mammakraft (förslag, inte beslutat)"
    assert rows["Bidrag till Mammakraft"] == "Bidrag till Mammakraft"


def test_years_a_possible_extension_would_cover_are_unknown_not_zero(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("ekonomi/"))
    table = page.select_one('table[data-chart="per-partnerskap"]')
    years = [text(th) for th in table.select("thead th")[1:]]
    mammakraft = dict(zip(years, [text(td) for td in table.select_one('tr[data-series="Mammakraft"]').find_all("td")]))
    assert (mammakraft["2025"], mammakraft["2026"]) == ("Uppgift saknas", "Uppgift saknas")
    partnership = soup(shipped_site.page("partnerskap/mammakraft/"))
    funds = text(partnership.find("dt", string="Offentliga medel per år").find_next("dd"))
    assert funds == "2023: 290 000 kr 2024: 290 000 kr 2025: Uppgift saknas 2026: Uppgift saknas"
    assert "avtalet kan förlängas till 2026; registret har ingen förlängning och inga belopp för året" in text(partnership)


def test_organisation_pages_keep_proposals_apart_and_performers_do_not_receive(shipped_site: BuiltSite) -> None:
    association = soup(shipped_site.page("organisationer/internationella-kvinnoforeningen/"))
    rows = {text(r.th): [text(td) for td in r.find_all("td")] for r in association.select("#medel ~ div table tbody tr")}
    assert rows == {"2022": ["300 000 kr", "0 kr"], "2023": ["0 kr", "290 000 kr"], "2024": ["0 kr", "290 000 kr"]}
    library = soup(shipped_site.page("organisationer/rosengardsbiblioteket/"))
    assert "Registret visar inga offentliga medel till organisationen." in text(library)
    performed = [text(li) for li in library.find(id="utfor").find_next("ul").find_all("li")]
    assert performed == ["Driftskostnader Mötesplats Varda: 100 000 kr 2024, finansieras av Kulturnämnden ( Kraftsamling Herrgården , förslag)"]


def test_decision_listing_names_the_body_that_meets(shipped_site: BuiltSite) -> None:
    cards = {text(c.select_one(".iop-card__title")).split(":")[0]: text(c) for c in soup(shipped_site.page("beslut-och-bidrag/")).select(".iop-card")}
    assert "Kommunstyrelsens arbetsutskott, planerat sammanträde 12 juni 2023" in cards["STK-2021-567"]
    assert "Arbetsmarknads- och socialnämnden, sammanträde 28 september 2022" in cards["ASN-2022-14203"]


def test_kurser_page_warns_when_the_agreement_may_have_ended(tmp_path: Path) -> None:
    during_possible_extension = build_registry(tmp_path / "a", SHIPPED_REGISTRY, epoch=epoch("2025-06-01"))
    notice = text(soup(during_possible_extension.page("kurser/")).select_one("[data-iop-period-over]"))
    assert notice.startswith("Avtalsperioden är slut. Avtalet gällde till 31 december 2024 och kan ha förlängts till 31 december 2026")
    assert "om kurserna fortsätter innan du hänvisar någon" in notice
    after = build_registry(tmp_path / "b", SHIPPED_REGISTRY, epoch=epoch("2027-01-02"))
    notice = text(soup(after.page("kurser/")).select_one("[data-iop-period-over]"))
    assert "Avtalet gällde till 31 december 2024, och registret har ingen förlängning." in notice


def test_kurser_page_warning_starts_the_day_after_the_period_ends(tmp_path: Path) -> None:
    last_day = build_registry(tmp_path / "a", SHIPPED_REGISTRY, epoch=epoch("2024-12-31"))
    assert soup(last_day.page("kurser/")).select_one("[data-iop-period-over]") is None
    day_after = build_registry(tmp_path / "b", SHIPPED_REGISTRY, epoch=epoch("2025-01-01"))
    assert soup(day_after.page("kurser/")).select_one("[data-iop-period-over]") is not None


def test_kurser_page_has_no_warning_while_the_period_runs(shipped_site: BuiltSite) -> None:
    assert soup(shipped_site.page("kurser/")).select_one("[data-iop-period-over]") is None
