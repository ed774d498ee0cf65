"""sitemap.xml within the sitemap protocol's limits at any registry size.

The engine writes one sitemap.xml with every page. The protocol (sitemaps.org) allows at most
50,000 URLs and 50 MB in one file; past that, sitemap.xml becomes a sitemap index of files
`sitemap-1.xml`, `sitemap-2.xml`, ... at the site's root (a sitemap may only list addresses at
or below its own folder), each holding the engine's own <url> entries unchanged and in order.
Below the limits the engine's file stays as it is.
"""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">\n'.encode()
_TAIL = b"</urlset>\n"
_URL = re.compile(rb"<url>.*?</url>", re.DOTALL)


def part_name(number: int) -> str:
    return f"sitemap-{number}.xml"


def split_sitemap(sitemap: bytes, site_url: str, *, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> dict[str, bytes] | None:
    """The files that replace `sitemap` when it is over a limit (sitemap.xml the index), else None.

    The index needs absolute addresses, so without a site_url nothing is split (the engine's
    sitemap then holds paths only, and no search engine reads it anyway)."""
    if not site_url or (sitemap.count(b"<url>") <= max_urls and len(sitemap) <= max_bytes):
        return None
    entries = _URL.findall(sitemap)  # the engine's entries as it wrote them (its <loc> is escaped)
    parts: list[list[bytes]] = [[]]
    size = len(_HEAD) + len(_TAIL)
    for entry in entries:
        if parts[-1] and (len(parts[-1]) == max_urls or size + len(entry) + 1 > max_bytes):
            parts.append([])
            size = len(_HEAD) + len(_TAIL)
        parts[-1].append(entry)
        size += len(entry) + 1
    files = {part_name(n): _HEAD + b"\n".join(part) + b"\n" + _TAIL for n, part in enumerate(parts, start=1)}
    base = site_url if site_url.endswith("/") else site_url + "/"
    index = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">']
    index += [f"<sitemap><loc>{escape(base + name)}</loc></sitemap>" for name in files]
    index.append("</sitemapindex>\n")
    return {"sitemap.xml": "\n".join(index).encode(), **files}


def gzipped_like(content: bytes, previous_gzip: bytes, filename: str) -> bytes:
    """`content` gzipped with the modification time the engine gave its own sitemap.xml.gz,
    so the same build date still gives the same bytes."""
    mtime = int.from_bytes(previous_gzip[4:8], "little") if len(previous_gzip) >= 8 else 0
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, filename=filename, mode="wb", mtime=mtime) as gz:
        gz.write(content)
    return out.getvalue()


def bound_sitemap(site: Path, site_url: str) -> None:
    """Past the protocol's 50,000 URLs, the engine's sitemap.xml in `site` becomes an index of parts."""
    sitemap, gz = site / "sitemap.xml", site / "sitemap.xml.gz"
    files = split_sitemap(sitemap.read_bytes(), site_url) if sitemap.exists() else None
    for name, content in (files or {}).items():
        (site / name).write_bytes(content)
    if files and gz.exists():
        gz.write_bytes(gzipped_like(files["sitemap.xml"], gz.read_bytes(), "sitemap.xml"))
