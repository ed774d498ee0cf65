"""The DCAT-AP-SE 3.0.1 catalogue (datasets/dcat): the site's data files described for Sveriges dataportal.

One RDF/XML file per publisher, harvested from a stable address: the catalogue, one dataset
per export family and one distribution per data file, with its size in bytes. The calendars
of single partnerships, one file per partnership and so as many as there are partnerships,
are one distribution together: its access URL is the page that lists them, so the catalogue
stays the same size at any registry size. It is made last, from the files every other
renderer produced, so a size or a file can't be missing or out of date. Everything that the
profile wants as a node (catalogue, dataset, distribution, publisher, contact point, period)
has an absolute IRI under site_url, percent-encoded by `iri`: no blank nodes, so the same
input gives the same bytes. Without a site_url there is no catalogue (publication.catalogue_path):
a harvester can't use relative addresses.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD
from rdflib.term import Identifier, Node

from ..model.publisher import Publisher, PublisherKind
from ..model.types import PartialDate
from ..registry_json import FILE as WHOLE_REGISTRY
from ..site_paths import ALL_COURSES_FEED, CALENDAR_FOLDER, DCAT_CATALOGUE, RECORD_SECTIONS
from .catalogue_datasets import FAMILIES, Family, Moment, coverage, family_of
from .environment import Asset, Outputs, Renderer
from .exports.datapackage import DATAPACKAGE, PROFILES
from .exports.json_files import kind_path, schema_path
from .exports.open_data_page import calendars_page
from .exports.publication import DATA, LICENCE_IRI, PAGE, catalogue_path, media_type
from .exports.whole_registry import WHOLE_REGISTRY_SCHEMA

__all__ = ["catalogue_path", "catalogue_rdf", "iri", "is_data_file", "outputs"]

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEMES = Namespace(f"{EU}data-theme/")
FILE_TYPES = Namespace(f"{EU}file-type/")
SWEDISH = URIRef(f"{EU}language/SWE")
PUBLIC_ACCESS = URIRef(f"{EU}access-right/PUBLIC")
IANA = "http://www.iana.org/assignments/media-types/"
# The profile requires CC0 for the catalogue; the data is CC0 too (see the Öppna data page).
CC0 = URIRef(LICENCE_IRI)
PUBLIC_DOMAIN = URIRef("http://purl.org/adms/licencetype/PublicDomain")
# ADMS publisher types: what a kommun and a region are in the EU vocabulary.
PUBLISHER_TYPES = {
    PublisherKind.MUNICIPALITY: (URIRef("http://purl.org/adms/publishertype/LocalAuthority"), "Local Authority"),
    PublisherKind.REGION: (URIRef("http://purl.org/adms/publishertype/RegionalAuthority"), "Regional Authority"),
}
CALENDAR_STANDARD = ("https://www.rfc-editor.org/rfc/rfc5545", "iCalendar (RFC 5545)")
ATOM_STANDARD = ("https://www.rfc-editor.org/rfc/rfc4287", "Atom Syndication Format (RFC 4287)")
# Words that a search on the portal for this kind of data would use.
KEYWORDS = ("IOP", "idéburet offentligt partnerskap", "idéburen sektor")
DATA_PACKAGE_STANDARD = (PROFILES + "datapackage.json", "Frictionless Data Package v2")


# The kinds of data file the site publishes, by suffix: their codes in the EU file-type
# vocabulary (their media types are publication.MEDIA_TYPES).
FILE_TYPES_BY_SUFFIX = {".json": "JSON", ".csv": "CSV", ".ics": "ICS", ".atom": "ATOM"}
# The JSON Schemas of the data files: published beside them, named in conformsTo, not data themselves.
SCHEMA_FOLDER = f"{DATA}schemas/"
PARTNERSHIP_CALENDARS = "kalendrar-per-partnerskap"


def iri(address: str) -> URIRef:
    """An absolute address as the catalogue's IRI: every character outside those a URI holds as
    they are (RFC 3986's reserved and unreserved ones, and % of an escape already made) is
    percent-encoded as UTF-8, so no harvester has to guess. Ids are safe today; titles are not."""
    return URIRef(quote(address, safe="!#$%&'()*+,/:;=?@[]~"))


def is_data_file(path: str) -> bool:
    """A file the catalogue lists as a distribution of its own: data in a format above, at the
    top or in data/, and the calendar of every course (one partnership's calendar is not)."""
    folder = str(PurePosixPath(path).parent)
    in_data_folder = folder in (".", DATA.rstrip("/"))
    return PurePosixPath(path).suffix in FILE_TYPES_BY_SUFFIX and (in_data_folder or path == ALL_COURSES_FEED) and not path.startswith(SCHEMA_FOLDER)


def is_partnership_calendar(path: str) -> bool:
    return path.startswith(CALENDAR_FOLDER) and path.endswith(".ics") and path != ALL_COURSES_FEED


def _moment(value: Moment) -> Literal:
    if isinstance(value, int):
        return Literal(f"{value:04d}", datatype=XSD.gYear)
    if isinstance(value, PartialDate):
        if value.day is None:
            return Literal(str(value), datatype=XSD.gYearMonth if value.month else XSD.gYear)
        return Literal(value.first_day)
    return Literal(value)


# --- The graph -----------------------------------------------------------------------


class SortedGraph(Graph):
    """rdflib's RDF/XML writer walks its store in hash order, which changes from run to run;
    here subjects and their statements come sorted, so the same catalogue gives the same bytes."""

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Generator[Node, None, None]:
        yield from sorted(set(super().subjects(predicate, object)), key=_order)

    def predicate_objects(self, subject: Any = None, unique: bool = False) -> Generator[tuple[Node, Node], None, None]:
        yield from sorted(set(super().predicate_objects(subject)), key=lambda pair: (_order(pair[0]), _order(pair[1])))


def _order(node: Node) -> str:
    """A node as N-Triples writes it: two nodes that differ never sort alike."""
    return node.n3() if isinstance(node, Identifier) else repr(node)


class Catalogue:
    """Builds the graph: `iri(...)` names every node under the catalogue's own address."""

    def __init__(self, site_url: str) -> None:
        self.site = site_url.rstrip("/") + "/"
        self.address = self.site + DCAT_CATALOGUE
        self.graph = SortedGraph(bind_namespaces="none")
        for prefix, namespace in (("rdf", RDF), ("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("skos", SKOS)):
            self.graph.bind(prefix, namespace)

    def iri(self, fragment: str = "") -> URIRef:
        return iri(f"{self.address}#{fragment}" if fragment else self.address)

    def url(self, path: str) -> URIRef:
        return iri(self.site + path)

    def add(self, subject: URIRef, *statements: tuple[URIRef, Node | Iterable[Node]]) -> URIRef:
        for predicate, objects in statements:
            for value in [objects] if isinstance(objects, Node) else objects:
                self.graph.add((subject, predicate, value))
        return subject

    def texts(self, swedish: str, english: str | None = None) -> list[Literal]:
        return [Literal(swedish, lang="sv"), *([Literal(english, lang="en")] if english else [])]

    def concept(self, iri: URIRef, label: str) -> URIRef:
        """A concept from a vocabulary the shapes don't ship, typed and labelled here."""
        return self.add(iri, (RDF.type, SKOS.Concept), (SKOS.prefLabel, Literal(label, lang="en")))

    def standard(self, address: str, title: str) -> URIRef:
        return self.add(iri(address), (RDF.type, DCTERMS.Standard), (DCTERMS.title, Literal(title)))

    def document(self, address: str) -> URIRef:
        return self.add(iri(address), (RDF.type, FOAF.Document))

    def file_format(self, path: str) -> tuple[tuple[URIRef, Node], tuple[URIRef, Node]]:
        """dct:format and dcat:mediaType of a file at `path`, both typed as the shapes ask."""
        media = self.add(URIRef(IANA + media_type(path)), (RDF.type, DCTERMS.MediaType))
        file_type = self.add(FILE_TYPES[FILE_TYPES_BY_SUFFIX[PurePosixPath(path).suffix]], (RDF.type, DCTERMS.MediaTypeOrExtent))
        return (DCTERMS.format, file_type), (DCAT.mediaType, media)


def _publisher(cat: Catalogue, publisher: Publisher) -> tuple[URIRef, URIRef | None]:
    """The publisher as an agent, and its contact point when the settings give one."""
    kind_iri, kind_label = PUBLISHER_TYPES[publisher.kind]
    agent = cat.add(
        cat.iri("utgivare"),
        (RDF.type, [FOAF.Agent, FOAF.Organization]),
        (FOAF.name, Literal(publisher.name, lang="sv")),
        (DCTERMS.type, cat.concept(kind_iri, kind_label)),
    )
    if publisher.website:
        cat.add(agent, (FOAF.homepage, cat.document(publisher.website)))
    contact = publisher.contact
    ways: list[tuple[URIRef, Node]] = []
    if contact.email:
        ways.append((VCARD.hasEmail, iri(contact.email.href)))
    if contact.phone:
        ways.append((VCARD.hasTelephone, iri(contact.phone.href)))
    if contact.url:
        ways.append((VCARD.hasURL, iri(contact.url)))
    if not ways:
        return agent, None  # no contact given: none invented (the pages say "Uppgift saknas")
    point = cat.add(
        cat.iri("kontakt"),
        (RDF.type, [VCARD.Kind, VCARD.Organization]),
        (VCARD.fn, Literal(publisher.name, lang="sv")),
        *ways,
    )
    return agent, point


def _distribution(cat: Catalogue, asset: Asset, family: Family, schemas: set[str], data_package: str | None) -> URIRef:
    path = PurePosixPath(asset.path)
    download = cat.url(asset.path)
    distribution = cat.add(
        cat.iri("fil-" + asset.path.replace("/", "-").replace(".", "-")),
        (RDF.type, DCAT.Distribution),
        (DCTERMS.title, cat.texts(f"{family.title}: {path.name}", f"{family.title_en}: {path.name}")),
        *cat.file_format(asset.path),
        (DCAT.downloadURL, download),
        (DCAT.accessURL, download),
        (DCAT.byteSize, Literal(len(asset.content), datatype=XSD.nonNegativeInteger)),
        (DCTERMS.license, CC0),
    )
    for standard in _standards(cat, asset.path, schemas, data_package):
        cat.add(distribution, (DCTERMS.conformsTo, standard))
    return distribution


def _partnership_calendars(cat: Catalogue, count: int) -> URIRef:
    """The calendars of single partnerships, `count` files, as one distribution: no download
    of its own, an access URL to the page that lists and links every one of them."""
    return cat.add(
        cat.iri(PARTNERSHIP_CALENDARS),
        (RDF.type, DCAT.Distribution),
        (DCTERMS.title, cat.texts("Kurser: en kalender per partnerskap", "Courses: one calendar per partnership")),
        (DCTERMS.description, cat.texts(
            f"En iCalendar-fil för vart och ett av de {count} partnerskap som har kurser, på adressen "
            f"{CALENDAR_FOLDER}<partnerskapets id>.ics. Sidan listar och länkar alla.",
            f"One iCalendar file for each of the {count} partnerships with courses, at {CALENDAR_FOLDER}<partnership id>.ics. "
            "The page lists and links them all.",
        )),
        *cat.file_format(ALL_COURSES_FEED),
        (DCAT.accessURL, cat.url(calendars_page(count))),
        (DCTERMS.license, CC0),
        (DCTERMS.conformsTo, cat.standard(*CALENDAR_STANDARD)),
    )


def _standards(cat: Catalogue, path: str, schemas: set[str], data_package: str | None) -> list[URIRef]:
    """What a file follows: its JSON Schema, the data package's table schema, or its RFC."""
    name = PurePosixPath(path)
    if path == DATAPACKAGE:
        return [cat.standard(*DATA_PACKAGE_STANDARD)]
    if name.suffix == ".json":
        own = {kind_path(kind): schema_path(kind) for kind in RECORD_SECTIONS} | {f"{DATA}{WHOLE_REGISTRY}": WHOLE_REGISTRY_SCHEMA}
        found = [own[path]] if own.get(path) in schemas else []
        return [cat.standard(cat.site + found[0], f"JSON Schema för {name.name}")] if found else []
    if name.suffix == ".csv":
        return [cat.standard(cat.site + data_package, f"Tabellschema för {name.name} i datapaketet")] if data_package else []
    if name.suffix == ".ics":
        return [cat.standard(*CALENDAR_STANDARD)]
    return [cat.standard(*ATOM_STANDARD)]


def catalogue_rdf(renderer: Renderer, assets: list[Asset]) -> bytes:
    """The catalogue of `assets`' data files, as RDF/XML."""
    derived, publisher = renderer.derived, renderer.publisher
    cat = Catalogue(renderer.site_url)
    agent, contact = _publisher(cat, publisher)
    swedish = cat.add(SWEDISH, (RDF.type, DCTERMS.LinguisticSystem))
    cc0 = cat.add(CC0, (RDF.type, DCTERMS.LicenseDocument), (DCTERMS.type, cat.concept(PUBLIC_DOMAIN, "Public domain")))
    public = cat.add(PUBLIC_ACCESS, (RDF.type, DCTERMS.RightsStatement))
    landing = cat.document(cat.site + PAGE)
    spatial = [cat.add(iri(publisher.area), (RDF.type, DCTERMS.Location))] if publisher.area else []
    data_files = sorted((a for a in assets if is_data_file(a.path)), key=lambda a: a.path)
    schemas = {a.path for a in assets if a.path.startswith(SCHEMA_FOLDER)}
    data_package = next((a.path for a in data_files if a.path == DATAPACKAGE), None)
    partnership_calendars = sum(is_partnership_calendar(a.path) for a in assets)
    periods = coverage(derived)

    catalogue = cat.add(
        cat.iri(),
        (RDF.type, DCAT.Catalog),
        (DCTERMS.title, cat.texts(f"{publisher.genitive} register över idéburna offentliga partnerskap (IOP)", f"Register of idea-based public partnerships (IOP), {publisher.name}")),
        (DCTERMS.description, cat.texts(
            "Öppna data ur registret: partnerskap, budgetar, kurser, organisationer, beslut och bidrag, fria att använda (CC0).",
            "Open data from the register: partnerships, budgets, courses, organisations, decisions and grants, free to use (CC0).",
        )),
        (DCTERMS.publisher, agent),
        (DCTERMS.license, cc0),
        (DCTERMS.language, swedish),
        (FOAF.homepage, cat.document(cat.site)),
        (DCTERMS.modified, Literal(derived.today)),
        (DCAT.themeTaxonomy, URIRef(str(THEMES).rstrip("/"))),
    )
    for family in FAMILIES:
        files = [a for a in data_files if family_of(a.path) == family.key]
        if not files:
            continue
        dataset = cat.add(
            cat.iri(f"dataset-{family.key}"),
            (RDF.type, DCAT.Dataset),
            (DCTERMS.title, cat.texts(family.title, family.title_en)),
            (DCTERMS.description, cat.texts(family.description, family.description_en)),
            (DCTERMS.publisher, agent),
            (DCAT.theme, [THEMES[code] for code in family.themes]),
            (DCAT.keyword, [Literal(word, lang="sv") for word in KEYWORDS]),
            (DCTERMS.language, swedish),
            (DCTERMS.accessRights, public),
            (DCAT.landingPage, landing),
            (DCTERMS.spatial, spatial),
            (DCAT.distribution, [_distribution(cat, a, family, schemas, data_package) for a in files]),
        )
        if family.key == family_of(ALL_COURSES_FEED) and partnership_calendars:
            cat.add(dataset, (DCAT.distribution, _partnership_calendars(cat, partnership_calendars)))
        if contact is not None:
            cat.add(dataset, (DCAT.contactPoint, contact))
        if family.key in periods:
            first, last = periods[family.key]
            period = cat.add(
                cat.iri(f"period-{family.key}"),
                (RDF.type, DCTERMS.PeriodOfTime), (DCAT.startDate, _moment(first)), (DCAT.endDate, _moment(last)),
            )
            cat.add(dataset, (DCTERMS.temporal, period))
        cat.add(catalogue, (DCAT.dataset, dataset))
    return cat.graph.serialize(format="xml", encoding="utf-8")


def outputs(renderer: Renderer, assets: list[Asset]) -> Outputs:
    """The catalogue, once every other file is made (its sizes are theirs)."""
    path = catalogue_path(renderer.site_url)
    if path is None:
        return Outputs()
    return Outputs(assets=[Asset(path, catalogue_rdf(renderer, assets))])
