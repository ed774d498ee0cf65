"""What the open data are called and where they live: data folder, page, licence, media types, format version, record addresses."""

from __future__ import annotations

from pathlib import PurePosixPath

from ...registry_json import FORMAT_VERSION
from ...site_paths import DCAT_CATALOGUE

# The data files' format version, declared (with when to raise which number) in registry_json.py.
SCHEMA_VERSION = FORMAT_VERSION
DATA = "data/"
PAGE = "oppna-data/"
# CC0 as RDF names it (the DCAT catalogue's licence); people read its Swedish deed (`url`).
LICENCE_IRI = "http://creativecommons.org/publicdomain/zero/1.0/"
LICENCE = {
    "id": "CC0-1.0",
    "short": "CC0 1.0",
    "name": "CC0 1.0 Universell (fri från upphovsrätt)",
    "url": "https://" + LICENCE_IRI.removeprefix("http://") + "deed.sv",
}
# The media type of each kind of file the open data has, by suffix: the page, the data package
# and the DCAT catalogue all read it here.
MEDIA_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv",
    ".ics": "text/calendar",
    ".atom": "application/atom+xml",
    ".schema.json": "application/schema+json",
}
RDF_XML = "application/rdf+xml"  # the catalogue, an address without a suffix


def media_type(path: str) -> str:
    """The media type of an open data file at `path` on the site."""
    if path == DCAT_CATALOGUE:
        return RDF_XML
    suffixes = PurePosixPath(path).suffixes
    return MEDIA_TYPES.get("".join(suffixes[-2:]), MEDIA_TYPES[suffixes[-1]])


def catalogue_path(site_url: str) -> str | None:
    """Where the DCAT catalogue is, the one rule for whether there is one: nowhere without a
    site_url, as its IRIs must be absolute. Pages link it when it was made (the asset exists)."""
    return DCAT_CATALOGUE if site_url else None


class Urls:
    """Addresses of record pages: absolute when the site has a `site_url`, else from the site root."""

    def __init__(self, site_url: str) -> None:
        self.base = site_url.rstrip("/") + "/" if site_url else "/"
        self.absolute = bool(site_url)

    def __call__(self, path: str) -> str:
        return self.base + path
