"""What the open data are called and where they live: data folder, page, licence, format version, record addresses."""

from __future__ import annotations

from ...registry_json import FORMAT_VERSION

# The data files' format version, declared (with when to raise which number) in registry_json.py.
SCHEMA_VERSION = FORMAT_VERSION
DATA = "data/"
PAGE = "oppna-data/"
LICENCE = {
    "id": "CC0-1.0",
    "short": "CC0 1.0",
    "name": "CC0 1.0 Universell (fri från upphovsrätt)",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
}


class Urls:
    """Addresses of record pages: absolute when the site has a `site_url`, else from the site root."""

    def __init__(self, site_url: str) -> None:
        self.base = site_url.rstrip("/") + "/" if site_url else "/"
        self.absolute = bool(site_url)

    def __call__(self, path: str) -> str:
        return self.base + path
