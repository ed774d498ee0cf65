"""What the open data are called and where they live: data folder, page, licence, format version, record addresses."""

from __future__ import annotations

# Raise the major number when a field is removed or changes meaning, the minor when one is added.
SCHEMA_VERSION = "2.0"  # 2.0: partnerskap.csv gives a period as first_day/last_day and their precision
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
