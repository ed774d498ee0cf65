"""sitemap.xml stays within the sitemap protocol's limits: past 50,000 URLs (or 50 MB) it is
a sitemap index of parts, each read back here with an XML parser."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

from iop_registry.render.exports.sitemap_index import MAX_URLS, split_sitemap

from conftest import BuiltSite

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE_URL = "https://iop-registret.malmo.se/"


def entries(xml: bytes) -> list[tuple[str | None, str | None]]:
    root = ET.fromstring(xml)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return [(url.findtext("s:loc", namespaces=NS), url.findtext("s:lastmod", namespaces=NS)) for url in root.findall("s:url", NS)]


def read_index(files: dict[str, bytes]) -> list[str]:
    root = ET.fromstring(files["sitemap.xml"])
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    return [loc.text or "" for loc in root.findall("s:sitemap/s:loc", NS)]


def test_the_shipped_sitemap_is_one_file_within_the_limits(shipped_site: BuiltSite) -> None:
    sitemap = (shipped_site.site / "sitemap.xml").read_bytes()
    assert 10 < len(entries(sitemap)) <= MAX_URLS
    assert split_sitemap(sitemap, SITE_URL) is None
    assert gzip.decompress((shipped_site.site / "sitemap.xml.gz").read_bytes()) == sitemap


def test_a_sitemap_over_the_limit_becomes_an_index_of_parts_with_every_entry_once(shipped_site: BuiltSite) -> None:
    sitemap = (shipped_site.site / "sitemap.xml").read_bytes()
    files = split_sitemap(sitemap, SITE_URL, max_urls=10)
    assert files is not None
    parts = read_index(files)
    # Absolute addresses at the site's root: a sitemap lists only addresses below its folder.
    assert parts == [f"{SITE_URL}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    read_back = [entries(files[part.removeprefix(SITE_URL)]) for part in parts]
    assert all(0 < len(part) <= 10 for part in read_back)
    assert [entry for part in read_back for entry in part] == entries(sitemap)
    assert any(lastmod for part in read_back for _, lastmod in part)  # the engine's <lastmod> kept


def test_fifty_thousand_and_one_urls_give_two_parts() -> None:
    urls = "".join(f"<url>\n<loc>{SITE_URL}partnerskap/p-{n}/</loc>\n</url>\n" for n in range(MAX_URLS + 1))
    sitemap = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'.encode()
    files = split_sitemap(sitemap, SITE_URL)
    assert files is not None
    assert [len(entries(files[part.removeprefix(SITE_URL)])) for part in read_index(files)] == [MAX_URLS, 1]
    # 50 MB is the other limit: the same URLs in parts of at most 1 MB.
    small = split_sitemap(sitemap, SITE_URL, max_bytes=1_000_000)
    assert small is not None and all(len(content) <= 1_000_000 for content in small.values())
    assert sum(len(entries(small[part.removeprefix(SITE_URL)])) for part in read_index(small)) == MAX_URLS + 1


def test_without_a_site_url_nothing_is_split() -> None:
    sitemap = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + b"<url><loc>/a/</loc></url>" * 3 + b"</urlset>"
    assert split_sitemap(sitemap, "", max_urls=1) is None
