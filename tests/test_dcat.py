"""The DCAT-AP-SE catalogue (datasets/dcat) that Sveriges dataportal harvests.

Validated as DIGG validates: pySHACL with the EU DCAT-AP 3.0 shapes and DIGG's Swedish
additions, the data loaded together with the EU vocabularies, and the results DIGG's
overrides list dropped (see ../shared/dcat-ap-se/README.md). Results whose focus is a node of
the vocabularies (a concept scheme without a dct:title) are the vocabularies' business, not
the catalogue's. The catalogue is read back with rdflib's own parser and compared with the
files the site really has.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pyshacl
import pytest
import yaml
from bs4 import BeautifulSoup
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns

from iop_registry.derive import Derived
from iop_registry.diagnostics import Report
from iop_registry.model import RECORD_TYPES
from iop_registry.render import exports
from iop_registry.render.catalogue_datasets import FAMILIES as FAMILIES_OF_DATA
from iop_registry.render.catalogue_datasets import FAMILY_OF_FILE, family_of
from iop_registry.render.dcat import catalogue_rdf, iri
from iop_registry.render.environment import Asset, Renderer
from iop_registry.render.exports.csv_tables import CSV_TABLES
from iop_registry.render.exports.json_files import kind_path
from iop_registry.render.site import build_outputs
from iop_registry.validate import validate_path

from conftest import FIXTURES, ROOT, SHIPPED_REGISTRY, BuiltSite, build, build_registry, make_project, shipped_publisher

SH = Namespace("http://www.w3.org/ns/shacl#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
CATALOGUE = "datasets/dcat"
SITE = "https://iop-registret.malmo.se/"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
SWEDISH = URIRef("http://publications.europa.eu/resource/authority/language/SWE")
THEME_SCHEME = URIRef("http://publications.europa.eu/resource/authority/data-theme")
FAMILIES = {"partnerskap", "budgetar", "kurser", "organisationer", "beslut", "bidrag"}
SHIPPED_PUBLISHER = """        website: https://malmo.se
"""
# A publisher that gives the registry's contact and its area (the address is made up).
WITH_CONTACT = """        website: https://malmo.se
        area: https://sws.geonames.org/1234567/
        contact:
          email: iop@kommun.example
          phone: "010-123 45 67"
          url: https://kommun.example/kontakt
"""


def shapes_folder() -> Path:
    """DIGG's shapes beside the repository (../shared/dcat-ap-se), or where IOP_DCAT_AP_SE says."""
    folder = Path(os.environ.get("IOP_DCAT_AP_SE") or ROOT.parent / "shared" / "dcat-ap-se")
    if not (folder / "dcat-ap-SHACL.ttl").is_file():
        message = f"DIGG's DCAT-AP-SE shapes are missing: {folder} (set IOP_DCAT_AP_SE to the folder)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return folder


@dataclass
class Shapes:
    shapes: Graph
    vocabularies: Graph
    vocabulary_nodes: set[object]
    ignored: set[tuple[str, str]]  # (path, constraint component) that DCAT-AP-SE does not count

    def violations(self, catalogue: Graph) -> list[str]:
        """Every result on the catalogue's own nodes that DIGG's validator would report."""
        _, report, _ = pyshacl.validate(catalogue + self.vocabularies, shacl_graph=self.shapes, inference="none")
        found = []
        for result in report.subjects(ns.RDF.type, SH.ValidationResult):
            focus = report.value(result, SH.focusNode)
            path = str(report.value(result, SH.resultPath))
            component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
            if focus in self.vocabulary_nodes or (path, component) in self.ignored:
                continue
            found.append(f"{focus} {path} {component}: {report.value(result, SH.resultMessage)}")
        return sorted(found)


@pytest.fixture(scope="module")
def shapes() -> Shapes:
    folder = shapes_folder()
    shape_graph = Graph().parse(folder / "dcat-ap-SHACL.ttl").parse(folder / "dcat-ap-se-additions.ttl")
    vocabularies = Graph()
    for vocabulary in sorted((folder / "vocabularies").iterdir()):
        vocabularies.parse(vocabulary)
    overrides = json.loads((folder / "dcat-ap-se-overrides.json").read_text(encoding="utf-8"))["overrides"]
    ignored = {(o["path"], component) for o in overrides for component in o["ignoreConstraints"]}
    return Shapes(shape_graph, vocabularies, set(vocabularies.subjects()), ignored)


def catalogue_of(site: BuiltSite) -> Graph:
    return Graph().parse(data=(site.site / CATALOGUE).read_bytes(), format="xml", publicID=SITE + CATALOGUE)


def project_with(tmp_path: Path, publisher_lines: str, registry: Path = SHIPPED_REGISTRY, *, site_url: bool = True) -> Path:
    shipped = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert SHIPPED_PUBLISHER in shipped, "the shipped mkdocs.yml changed: update SHIPPED_PUBLISHER"
    config = shipped.replace(SHIPPED_PUBLISHER, publisher_lines)
    if not site_url:
        config = config.replace(f"site_url: {SITE}\n", "")
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text(config, encoding="utf-8")
    return make_project(tmp_path / "build", registry, mkdocs_yml=mkdocs_yml)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("dcat"), SHIPPED_REGISTRY)


@pytest.fixture(scope="module")
def contact_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The course fixture (courses with sessions) and a publisher that gives contact and area."""
    built = build(project_with(tmp_path_factory.mktemp("dcat-contact"), WITH_CONTACT, FIXTURES / "courses"))
    assert built.returncode == 0, built.output
    return built


def data_files(site: BuiltSite) -> set[str]:
    """Every data file on the site, found on disk: JSON and CSV in data/ (the schemas aside),
    the data package, the calendar of every course and every feed (one partnership's calendar,
    and one course's, are not files of their own in the catalogue)."""
    root = site.site
    files = {p for pattern in ("data/*.json", "data/*.csv", "**/datapackage.json", "kalender/kurser.ics", "**/*.atom") for p in root.glob(pattern)}
    return {p.relative_to(root).as_posix() for p in files}


def partnership_calendars(site: BuiltSite) -> set[str]:
    return {p.relative_to(site.site).as_posix() for p in site.site.glob("kalender/*.ics")} - {"kalender/kurser.ics"}


def distributions(catalogue: Graph) -> dict[str, URIRef]:
    """The distributions of one file each, by the site path of their download."""
    found = {}
    for distribution in catalogue.subjects(ns.RDF.type, ns.DCAT.Distribution):
        url = catalogue.value(distribution, ns.DCAT.downloadURL)
        if url is None:  # the calendars of single partnerships, found through a page
            continue
        assert str(url).startswith(SITE), url
        found[str(url).removeprefix(SITE)] = distribution
    return found


@pytest.mark.parametrize("which", ["site", "contact_site"])
def test_the_catalogue_meets_dcat_ap_se(which: str, shapes: Shapes, request: pytest.FixtureRequest) -> None:
    catalogue = catalogue_of(request.getfixturevalue(which))
    assert shapes.violations(catalogue) == []


def test_every_data_file_is_a_distribution_with_its_size(site: BuiltSite) -> None:
    catalogue = catalogue_of(site)
    listed = distributions(catalogue)
    files = data_files(site)
    assert {"data/registret.json", "data/partnerskap.csv", "data/datapackage.json", "kalender/kurser.ics", "andringar.atom"} <= files
    assert set(listed) == files
    for path, distribution in listed.items():
        size = catalogue.value(distribution, ns.DCAT.byteSize)
        assert isinstance(size, Literal) and size.datatype == ns.XSD.nonNegativeInteger
        assert size.toPython() == (site.site / path).stat().st_size, path
        assert catalogue.value(distribution, ns.DCAT.accessURL) == URIRef(SITE + path)
        assert catalogue.value(distribution, ns.DCTERMS.license) == CC0
        assert catalogue.value(distribution, ns.DCAT.mediaType) is not None and catalogue.value(distribution, ns.DCTERMS.format) is not None
        owners = list(catalogue.subjects(ns.DCAT.distribution, distribution))
        assert len(owners) == 1, path


def test_the_calendars_of_single_partnerships_are_one_distribution_found_through_a_page(contact_site: BuiltSite) -> None:
    """One file per partnership is as many distributions as partnerships: the catalogue would
    grow with the registry. They are one, whose access URL is a page that links every one."""
    catalogue = catalogue_of(contact_site)
    calendars = partnership_calendars(contact_site)
    assert len(calendars) >= 2
    assert not calendars & set(distributions(catalogue))
    assert set(distributions(catalogue)) == data_files(contact_site)
    (together,) = [d for d in catalogue.subjects(ns.RDF.type, ns.DCAT.Distribution) if catalogue.value(d, ns.DCAT.downloadURL) is None]
    assert catalogue.value(together, ns.DCAT.byteSize) is None
    assert catalogue.value(together, ns.DCAT.mediaType) == URIRef("http://www.iana.org/assignments/media-types/text/calendar")
    assert catalogue.value(together, ns.DCTERMS.license) == CC0
    assert (URIRef(SITE + CATALOGUE + "#dataset-kurser"), ns.DCAT.distribution, together) in catalogue
    page = str(catalogue.value(together, ns.DCAT.accessURL)).removeprefix(SITE)
    assert page.endswith("/")
    linked = set()
    for html in [contact_site.site / page / "index.html", *sorted((contact_site.site / page).glob("sida-*/index.html"))]:
        for a in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("a[href$='.ics']"):
            linked.add((html.parent / str(a["href"])).resolve().relative_to(contact_site.site.resolve()).as_posix())
    assert calendars <= linked


def test_each_data_file_finds_its_dataset_by_the_path_it_is_made_at() -> None:
    """The families name the CSV tables and record kinds they hold, not file names of their own."""
    tables = [table for family in FAMILIES_OF_DATA for table in family.tables]
    assert sorted(t.path for t in tables) == sorted(t.path for t in CSV_TABLES)  # each table in one family
    for table in CSV_TABLES:
        assert family_of(table.path) == next(f.key for f in FAMILIES_OF_DATA if table in f.tables), table.path
    for kind in RECORD_TYPES:
        family = next(f for f in FAMILIES_OF_DATA if f.kind == kind)
        assert family_of(kind_path(kind)) == family.key
        assert all(t.kind in (kind, None) for t in family.tables)
    assert set(FAMILY_OF_FILE) == {t.path for t in CSV_TABLES} | {kind_path(k) for k in RECORD_TYPES}
    assert family_of("data/registret.json") == family_of("data/datapackage.json") == "registret"


def test_each_file_names_the_schema_it_follows(site: BuiltSite) -> None:
    catalogue = catalogue_of(site)
    package = json.loads(site.read("data/datapackage.json"))
    tables = {resource["path"]: resource for resource in package["resources"]}
    for path, distribution in distributions(catalogue).items():
        standards = [str(s) for s in catalogue.objects(distribution, ns.DCTERMS.conformsTo)]
        assert all((URIRef(s), ns.RDF.type, ns.DCTERMS.Standard) in catalogue for s in standards), path
        if path == "data/datapackage.json":
            assert standards == [package["$schema"]]
        elif path.endswith(".csv"):
            # The table schema of a CSV file is its resource in the data package.
            assert standards == [SITE + "data/datapackage.json"], path
            assert tables[path.removeprefix("data/")]["schema"]["fields"], path
        elif path.startswith("data/") and path.endswith(".json"):
            assert len(standards) == 1 and standards[0].startswith(SITE + "data/schemas/"), path
            schema = json.loads(site.read(standards[0].removeprefix(SITE)))
            assert schema["$id"] == standards[0]
        elif path.endswith((".ics", ".atom")):
            assert standards in (["https://www.rfc-editor.org/rfc/rfc5545"], ["https://www.rfc-editor.org/rfc/rfc4287"]), path


def test_catalogue_publisher_licence_language_and_dates(site: BuiltSite) -> None:
    catalogue = catalogue_of(site)
    (root,) = catalogue.subjects(ns.RDF.type, ns.DCAT.Catalog)
    assert root == URIRef(SITE + CATALOGUE)
    assert catalogue.value(root, ns.DCTERMS.license) == CC0
    assert catalogue.value(CC0, ns.RDF.type) == ns.DCTERMS.LicenseDocument and catalogue.value(CC0, ns.DCTERMS.type) is not None
    assert catalogue.value(root, ns.DCTERMS.language) == SWEDISH and (SWEDISH, ns.RDF.type, ns.DCTERMS.LinguisticSystem) in catalogue
    assert catalogue.value(root, ns.FOAF.homepage) == URIRef(SITE)
    assert catalogue.value(root, ns.DCTERMS.modified) == Literal("2023-06-15", datatype=ns.XSD.date)
    assert catalogue.value(root, ns.DCAT.themeTaxonomy) == THEME_SCHEME
    publisher = catalogue.value(root, ns.DCTERMS.publisher)
    assert str(catalogue.value(publisher, ns.FOAF.name)) == "Malmö stad"
    assert catalogue.value(publisher, ns.FOAF.homepage) == URIRef("https://malmo.se")
    assert catalogue.value(publisher, ns.DCTERMS.type) == URIRef("http://purl.org/adms/publishertype/LocalAuthority")
    # The shipped settings give neither contact nor area: the catalogue invents none.
    assert not list(catalogue.objects(None, ns.DCAT.contactPoint)) and not list(catalogue.objects(None, ns.DCTERMS.spatial))


def test_one_dataset_per_family_in_swedish_and_english(site: BuiltSite, shapes: Shapes) -> None:
    catalogue = catalogue_of(site)
    datasets = set(catalogue.objects(URIRef(SITE + CATALOGUE), ns.DCAT.dataset))
    assert datasets == set(catalogue.subjects(ns.RDF.type, ns.DCAT.Dataset))
    keys = {str(d).rsplit("#dataset-", 1)[1] for d in datasets}
    assert keys >= FAMILIES
    for dataset in datasets:
        for prop in (ns.DCTERMS.title, ns.DCTERMS.description):
            languages = {value.language for value in catalogue.objects(dataset, prop) if isinstance(value, Literal)}
            assert languages == {"sv", "en"}, (dataset, prop)
        themes = list(catalogue.objects(dataset, ns.DCAT.theme))
        assert themes and all((t, URIRef("http://www.w3.org/2004/02/skos/core#inScheme"), THEME_SCHEME) in shapes.vocabularies for t in themes)
        assert catalogue.value(dataset, ns.DCTERMS.publisher) == catalogue.value(URIRef(SITE + CATALOGUE), ns.DCTERMS.publisher)


def test_temporal_coverage_is_what_the_records_say(site: BuiltSite) -> None:
    catalogue = catalogue_of(site)
    periods = [yaml.safe_load(p.read_text(encoding="utf-8"))["period"] for p in sorted((SHIPPED_REGISTRY / "partnerships").glob("*.yml"))]
    coverage = catalogue.value(URIRef(SITE + CATALOGUE + "#dataset-partnerskap"), ns.DCTERMS.temporal)
    assert catalogue.value(coverage, ns.RDF.type) == ns.DCTERMS.PeriodOfTime
    start, end = catalogue.value(coverage, ns.DCAT.startDate), catalogue.value(coverage, ns.DCAT.endDate)
    # Each bound in the precision the agreements give (a year stays a year, never 1 January).
    assert str(start) == min(str(p["start"]) for p in periods)
    assert str(end) == max(str(p["end"]) for p in periods)
    grant_years = [yaml.safe_load(p.read_text(encoding="utf-8"))["year"] for p in (SHIPPED_REGISTRY / "grants").glob("*.yml")]
    grants = catalogue.value(URIRef(SITE + CATALOGUE + "#dataset-bidrag"), ns.DCTERMS.temporal)
    assert catalogue.value(grants, ns.DCAT.startDate) == Literal(f"{min(grant_years)}", datatype=ns.XSD.gYear)
    # Organisations have no dates: no period is made up for them.
    assert catalogue.value(URIRef(SITE + CATALOGUE + "#dataset-organisationer"), ns.DCTERMS.temporal) is None


def catalogue_in_process(registry: Path, extra: tuple[Asset, ...] = ()) -> tuple[Graph, list[Asset], Renderer]:
    """The catalogue as the build makes it, built in this process (15 June 2023), with `extra` assets."""
    report = Report(registry)
    derived = Derived.build(validate_path(registry, report), dt.date(2023, 6, 15))
    outputs, renderer = build_outputs(derived, shipped_publisher(), site_url=SITE)
    assets = [a for a in outputs.assets if a.path != CATALOGUE] + list(extra)
    graph = Graph().parse(data=catalogue_rdf(renderer, assets), format="xml", publicID=SITE + CATALOGUE)
    return graph, assets, renderer


def test_temporal_coverage_ends_with_the_last_extension() -> None:
    catalogue, _, _ = catalogue_in_process(FIXTURES / "opendata")
    period = yaml.safe_load((FIXTURES / "opendata" / "partnerships" / "exempelpartnerskapet.yml").read_text(encoding="utf-8"))
    assert str(period["period"]["end"]) < "2027-12-31" and period["extensions"][-1]["until"] == dt.date(2027, 12, 31)
    coverage = catalogue.value(URIRef(SITE + CATALOGUE + "#dataset-partnerskap"), ns.DCTERMS.temporal)
    assert catalogue.value(coverage, ns.DCAT.endDate) == Literal("2027-12-31", datatype=ns.XSD.date)


def test_iris_are_percent_encoded() -> None:
    assert str(iri("https://x.example/data/å b.json#fil-å")) == "https://x.example/data/%C3%A5%20b.json#fil-%C3%A5"
    assert str(iri("https://x.example/a%20b?q=1&r=[2]")) == "https://x.example/a%20b?q=1&r=[2]"  # escapes made stay as made
    catalogue, _, _ = catalogue_in_process(FIXTURES / "opendata", (Asset("data/extra fil.json", b"{}"),))
    assert "data/extra%20fil.json" in distributions(catalogue)
    assert URIRef(SITE + CATALOGUE + "#fil-data-extra%20fil-json") in set(catalogue.subjects(ns.RDF.type, ns.DCAT.Distribution))


def test_media_types_and_the_licence_are_declared_once() -> None:
    """The page, the data package and the catalogue read one table (publication.py)."""
    render = ROOT / "plugins" / "iop_registry" / "render"
    files = [render / "dcat.py", render / "catalogue_datasets.py", *(render / "exports").glob("*.py"), *(render / "templates").glob("open_data*.html")]
    sources = {p.relative_to(render).as_posix(): p.read_text(encoding="utf-8") for p in files}
    for declared in ("application/json", "text/csv", "text/calendar", "application/atom+xml", "application/schema+json", "application/rdf+xml", "creativecommons.org"):
        assert [name for name, text in sources.items() if declared in text] == ["exports/publication.py"], declared


def test_the_page_and_the_catalogue_give_a_file_the_same_media_type(site: BuiltSite) -> None:
    catalogue = catalogue_of(site)
    listed = distributions(catalogue)
    page = BeautifulSoup(site.page("oppna-data/"), "html.parser")
    compared = 0
    for a in page.select("a[type][href]"):
        path = (site.site / "oppna-data" / str(a["href"])).resolve().relative_to(site.site.resolve()).as_posix()
        if path in listed:
            assert str(catalogue.value(listed[path], ns.DCAT.mediaType)).rsplit("media-types/", 1)[1] == a["type"], path
            compared += 1
    assert compared >= len(listed) - 1


def test_the_page_links_the_catalogue_only_when_it_was_made() -> None:
    """One rule: whether the file was made. The list of downloads and the sentence about the catalogue both follow it."""
    _, assets, renderer = catalogue_in_process(FIXTURES / "opendata")
    without = exports.pages(renderer, assets)[0].body
    assert "datasets/dcat" not in without and "DCAT-AP-SE" not in without
    with_it = exports.pages(renderer, [*assets, Asset(CATALOGUE, b"<rdf/>")])[0].body
    assert with_it.count("datasets/dcat") == 2


def test_no_blank_nodes_and_only_absolute_iris(site: BuiltSite, contact_site: BuiltSite) -> None:
    for built in (site, contact_site):
        for triple in catalogue_of(built):
            assert not any(isinstance(node, BNode) for node in triple), triple
            for node in triple:
                if isinstance(node, URIRef):
                    assert str(node).startswith(("https://", "http://", "mailto:", "tel:")), node


def test_contact_point_and_area_come_from_the_publisher(contact_site: BuiltSite) -> None:
    catalogue = catalogue_of(contact_site)
    contacts = set(catalogue.objects(None, ns.DCAT.contactPoint))
    assert len(contacts) == 1
    (contact,) = contacts
    assert isinstance(contact, URIRef) and (contact, ns.RDF.type, VCARD.Kind) in catalogue
    assert catalogue.value(contact, VCARD.hasEmail) == URIRef("mailto:iop@kommun.example")
    assert catalogue.value(contact, VCARD.hasTelephone) == URIRef("tel:+46101234567")
    assert catalogue.value(contact, VCARD.hasURL) == URIRef("https://kommun.example/kontakt")
    area = URIRef("https://sws.geonames.org/1234567/")
    datasets = set(catalogue.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert {d for d in datasets if catalogue.value(d, ns.DCTERMS.spatial) == area} == datasets
    assert set(catalogue.subjects(ns.DCAT.contactPoint, contact)) == datasets
    # The course fixture's sessions give the courses their period, to the day.
    courses = catalogue.value(URIRef(SITE + CATALOGUE + "#dataset-kurser"), ns.DCTERMS.temporal)
    assert catalogue.value(courses, ns.DCAT.startDate).datatype == ns.XSD.date  # type: ignore[union-attr]


def test_same_input_gives_the_same_bytes(site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # rdflib's writer follows hash order: another hash seed must not change a byte.
    monkeypatch.setenv("PYTHONHASHSEED", "12345")
    again = build_registry(tmp_path, SHIPPED_REGISTRY)
    assert (again.site / CATALOGUE).read_bytes() == (site.site / CATALOGUE).read_bytes()


def test_pages_link_the_catalogue(site: BuiltSite) -> None:
    for page in ("", "partnerskap/mammakraft/", "oppna-data/"):
        links = BeautifulSoup(site.page(page), "html.parser").select('head link[rel~="alternate"][type="application/rdf+xml"]')
        assert len(links) == 1, page
        target = (site.site / page / links[0]["href"]).resolve()  # type: ignore[operator]
        assert target == (site.site / CATALOGUE).resolve(), page
    body = BeautifulSoup(site.page("oppna-data/"), "html.parser").select_one("article") or BeautifulSoup(site.page("oppna-data/"), "html.parser")
    hrefs = [a["href"] for a in body.select("a[href]") if str(a["href"]).endswith(CATALOGUE)]
    assert hrefs and all((site.site / "oppna-data" / str(h)).resolve() == (site.site / CATALOGUE).resolve() for h in hrefs)


def test_no_catalogue_without_site_url(tmp_path: Path) -> None:
    built = build(project_with(tmp_path, SHIPPED_PUBLISHER, site_url=False))
    assert built.returncode == 0, built.output
    assert not (built.site / CATALOGUE).exists()
    assert 'application/rdf+xml' not in built.page("oppna-data/")
