"""The quality checks themselves, as functions that return problems instead of asserting.

The gate tests assert that a real site yields no problems; the fault tests inject faults into
a copy of a site and assert that the same functions report them. Keeping the checks here, apart
from the tests, is what makes the second kind of test prove something about the first.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import unicodedata
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep Chromium from calling home (updates, sync, field trials) during the run.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Lag (2018:1937) points to EN 301 549, which requires WCAG 2.1 level A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# WCAG 1.4.10 (reflow) is defined at 320 CSS pixels: a 640 px window at 200 % zoom, which is
# what Chromium does when zooming (fewer CSS pixels, two device pixels each).
REFLOW = {"width": 320, "height": 640}
REFLOW_SCALE = 2

# Where a link or resource reference sits in HTML, and whether the browser fetches it by itself.
LINK_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "form": "action",
}
NON_FETCHING = {"a", "area", "form"}
IGNORED_SCHEMES = {"mailto", "tel", "data"}


# --- The built site as files ------------------------------------------------------------


@dataclass
class SiteFiles:
    """A built site folder and what its HTML pages contain, parsed once."""

    root: Path
    canonical_host: str = ""  # site_url's host: absolute links to it are internal links
    pages: dict[str, BeautifulSoup] = field(default_factory=dict)  # "partnerskap/mammakraft/" -> parsed HTML

    @classmethod
    def read(cls, root: Path, canonical_host: str = "") -> SiteFiles:
        site = cls(root, canonical_host)
        for file in sorted(root.rglob("*.html")):
            site.pages[page_path(file.relative_to(root).as_posix())] = BeautifulSoup(
                file.read_text(encoding="utf-8"), "html.parser"
            )
        return site

    def ids(self, path: str) -> set[str]:
        soup = self.pages[path]
        return {str(e["id"]) for e in soup.find_all(id=True)} | {str(a["name"]) for a in soup.find_all("a", attrs={"name": True})}


def page_path(relative_file: str) -> str:
    """The URL path of an HTML file: 'a/b/index.html' -> 'a/b/', '404.html' -> '404.html'."""
    if relative_file == "index.html":
        return ""
    return relative_file[: -len("index.html")] if relative_file.endswith("/index.html") else relative_file


def page_types(site: SiteFiles) -> dict[str, str]:
    """One page per kind of page: record pages and lists share a template, so checking the
    richest page of each kind (the largest) covers every template without checking them all.

    The kind is the path with its last segment replaced: 'partnerskap/mammakraft/' and
    'partnerskap/kraftsamling-herrgarden/' are both 'partnerskap/*/'.
    """
    kinds: dict[str, list[str]] = {}
    for path in site.pages:
        parts = path.strip("/").split("/")
        kind = "/".join([*parts[:-1], "*"]) + "/" if len(parts) >= 2 else path
        kinds.setdefault(kind, []).append(path)

    def size(path: str) -> int:
        return len(str(site.pages[path]))

    return {kind: max(sorted(paths), key=size) for kind, paths in sorted(kinds.items())}


def _resolve(site: SiteFiles, from_path: str, reference: str) -> tuple[str | None, str, str]:
    """(site path of the target or None if it is another host, fragment, absolute URL)."""
    base = "http://site.invalid/" + from_path
    url = urljoin(base, reference)
    parts = urlsplit(url)
    internal = parts.netloc == "site.invalid" or (site.canonical_host and parts.netloc == site.canonical_host)
    if not internal:
        return None, parts.fragment, url
    return unquote(parts.path.lstrip("/")), unquote(parts.fragment), url


def _target_file(site: SiteFiles, path: str) -> Path | None:
    candidate = site.root / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def references(site: SiteFiles) -> Iterator[tuple[str, str, str]]:
    """(page, tag name, reference) for every link and resource reference in every page."""
    for path, soup in site.pages.items():
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if value is None:
                    continue
                yield path, tag, str(value).strip()


def broken_links(site: SiteFiles) -> list[str]:
    """Internal links whose file does not exist or whose #fragment is not an id in the target,
    and resources (scripts, styles, images) that would be fetched from another host."""
    problems = []
    for path, tag, reference in references(site):
        scheme = urlsplit(reference).scheme
        if scheme in IGNORED_SCHEMES:
            continue
        if scheme not in ("", "http", "https"):
            problems.append(f"/{path}: <{tag}> har en adress med schemat {scheme}: {reference}")
            continue
        target, fragment, url = _resolve(site, path, reference)
        if target is None:
            if tag not in NON_FETCHING:
                problems.append(f"/{path}: <{tag}> hämtar från en annan webbplats: {url}")
            continue
        file = _target_file(site, target)
        if file is None:
            problems.append(f"/{path}: länken {reference!r} pekar på /{target}, som inte finns")
            continue
        if fragment and file.suffix == ".html":
            target_page = page_path(file.relative_to(site.root).as_posix())
            if fragment not in site.ids(target_page):
                problems.append(f"/{path}: länken {reference!r} pekar på #{fragment}, som inte finns på /{target_page}")
    return problems


def link_path(site: SiteFiles, start: str, goal: str) -> list[str] | None:
    """The shortest chain of pages from `start` to `goal` following <a href> links."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if here == goal:
            chain = [here]
            while (before := previous[chain[-1]]) is not None:
                chain.append(before)
            return chain[::-1]
        for anchor in site.pages[here].find_all("a", href=True):
            target, _, _ = _resolve(site, here, str(anchor["href"]))
            if target is not None and target in site.pages and target not in previous:
                previous[target] = here
                queue.append(target)
    return None


# --- The Nu Html Checker ----------------------------------------------------------------

# None: every error counts. A checker false positive would be listed here, narrowly, with why.
VNU_FALSE_POSITIVES: list[re.Pattern[str]] = []


def vnu_errors(root: Path, only: list[str] | None = None) -> dict[str, list[str]]:
    """Nu Html Checker errors per page for every HTML file under root (or the pages in
    `only`), in one JVM run."""
    if only is None:
        files = sorted(str(f) for f in root.rglob("*.html"))
    else:
        files = [str(root / path / "index.html") if path.endswith("/") or not path else str(root / path) for path in only]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    # vnu writes its report to stderr and exits 1 when it found errors; anything else is a crash.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        raise RuntimeError(f"vnu.jar gav ingen JSON-rapport (kod {result.returncode}):\n{result.stderr[-2000:]}") from None
    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        text = message["message"]
        if any(p.search(text) for p in VNU_FALSE_POSITIVES):
            continue
        file = Path(unquote(urlsplit(message.get("url", "")).path))
        where = "/" + page_path(file.relative_to(root).as_posix()) if file.is_relative_to(root) else str(file)
        extract = " ".join(message.get("extract", "").split())[:120]
        errors.setdefault(where, []).append(f"{text} «{extract}» (rad {message.get('lastLine', '?')})")
    return errors


# --- Serving and the browser ------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 at a free port; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class RequestLog:
    """Every request the pages of a browser context make. Requests to another host are
    recorded and then aborted, so a fault never reaches the network."""

    def __init__(self, base_url: str) -> None:
        self.origin = urlsplit(base_url).netloc
        self.requests: list[tuple[str, str]] = []  # (page URL, requested URL)

    def attach(self, context: Any) -> None:
        context.route("**/*", self._route)
        context.on("page", lambda page: page.on("request", lambda request: self._record(page, request)))

    def _record(self, page: Any, request: Any) -> None:
        self.requests.append((page.url, request.url))

    def _route(self, route: Any) -> None:
        if self.is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob", "about") or parts.netloc == self.origin

    def foreign(self) -> list[str]:
        return sorted({f"{url} (från {page})" for page, url in self.requests if not self.is_local(url)})


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the loaded page."""
    page.add_script_tag(path=str(AXE_JS))  # injected inline: no request
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations",
        WCAG_TAGS,
    )
    return list(result)


def describe_violations(violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for v in violations:
        targets = ", ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"]) for node in v["nodes"][:3]
        )
        more = f" (+{len(v['nodes']) - 3})" if len(v["nodes"]) > 3 else ""
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {targets}{more}")
    return lines


def horizontal_overflow(page: Any) -> int:
    """How many CSS pixels the document is wider than the window (0 or less: no scrolling)."""
    return int(page.evaluate("() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"))


FOCUS_STYLE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), url: el.href || null, text: (el.innerText || '').trim().slice(0, 60),
          outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
          outlineColor: style.outlineColor, focusVisible: el.matches(':focus-visible')};
}"""


def focused(page: Any) -> dict[str, Any] | None:
    """The focused element with its computed outline, or None when nothing has focus."""
    return page.evaluate(FOCUS_STYLE_JS)  # type: ignore[no-any-return]


def has_visible_outline(focus: dict[str, Any] | None) -> bool:
    return bool(focus) and focus["outlineStyle"] not in ("none", "hidden") and focus["outlineWidth"] > 0  # type: ignore[index]


def save_artifacts(page: Any, name: str, report: object | None = None) -> list[str]:
    """Screenshot (and a JSON report) under test-artifacts/; returns their paths to name in
    the assertion message."""
    ARTIFACTS.mkdir(exist_ok=True)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_name).strip("-") or "start"
    saved = []
    screenshot = ARTIFACTS / f"{slug}.png"
    page.screenshot(path=str(screenshot), full_page=True)
    saved.append(str(screenshot.relative_to(ROOT)))
    if report is not None:
        report_file = ARTIFACTS / f"{slug}.json"
        report_file.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        saved.append(str(report_file.relative_to(ROOT)))
    return saved


def missing_tools() -> list[str]:
    """What the browser suite needs and this machine lacks, with how to get it."""
    missing = []
    if not CHROMIUM.exists():
        missing.append("Chromium saknas (/usr/bin/chromium): apt-get install chromium")
    if shutil.which("java") is None:
        missing.append("Java saknas: apt-get install default-jre-headless")
    if not VNU_JAR.exists() or not AXE_JS.exists():
        missing.append("vnu-jar och axe-core saknas i node_modules/: npm ci")
    return missing


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


# --- Scans over many pages: what the gate tests assert empty and the fault tests non-empty ---


def settle(page: Any) -> None:
    """Wait for CSS transitions to end: halfway through a fade, axe measures faded colours."""
    page.wait_for_timeout(50)  # let the transitions that the last action triggers start
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=5_000)


def axe_problems(page: Any, base_url: str, paths: list[str], label: str) -> list[str]:
    """One line per page with WCAG violations, naming the saved screenshot and axe report."""
    problems = []
    for path in paths:
        page.goto(base_url + path)
        violations = axe_violations(page)
        if violations:
            saved = save_artifacts(page, f"axe-{label}-{path or 'start'}", violations)
            problems.append(f"/{path}: " + "; ".join(describe_violations(violations)) + f" [sparat: {', '.join(saved)}]")
    return problems


def reflow_problems(page: Any, base_url: str, paths: list[str], label: str) -> list[str]:
    problems = []
    for path in paths:
        page.goto(base_url + path)
        overflow = horizontal_overflow(page)
        if overflow > 0:
            saved = save_artifacts(page, f"reflow-{label}-{path or 'start'}")
            problems.append(f"/{path}: {overflow} px för bred [sparat: {', '.join(saved)}]")
    return problems


def visit(page: Any, base_url: str, paths: list[str], idle: set[str]) -> None:
    """Load every page; wait for the network to go quiet on those in `idle`, so requests that
    scripts make after the load event are seen too (once per kind of page is enough)."""
    for path in paths:
        page.goto(base_url + path, wait_until="networkidle" if path in idle else "load")


MAX_TABS = 250  # more than any page here needs; a bound so a focus trap fails instead of hanging

TAB_STOP_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect(), style = getComputedStyle(el);
  let onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  // On screen is not enough: a transparent panel or another element on top hides it too.
  for (let node = el; onScreen && node; node = node.parentElement) {
    const s = getComputedStyle(node);
    if (parseFloat(s.opacity) === 0 || s.visibility === 'hidden') onScreen = false;
  }
  if (onScreen) {
    // One box per line for a link that wraps (the middle of the whole rectangle may fall
    // between the lines), and points across each box: in a table that scrolls sideways
    // Chromium scrolls only until part of the focused element shows, which is enough to see it.
    onScreen = Array.from(el.getClientRects()).some(box => [0.1, 0.5, 0.9].some(f => {
      const x = box.left + (box.right - box.left) * f, y = (box.top + box.bottom) / 2;
      if (x < 0 || x >= innerWidth || y < 0 || y >= innerHeight) return false;
      const hit = document.elementFromPoint(x, y);
      return !!hit && (hit === el || el.contains(hit));
    }));
  }
  const label = (el.innerText || el.getAttribute('aria-label') || el.getAttribute('href') || el.tagName).trim().slice(0, 40);
  return {key: el.outerHTML.slice(0, 200), label, tag: el.tagName.toLowerCase(), onScreen,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0};
}"""


def invisible_tab_stops(page: Any, limit: int = MAX_TABS) -> list[str]:
    """Walk the page's whole Tab order once; every stop must be on screen with a focus ring
    (WCAG 2.4.7). Returns the stops that are not."""
    problems: list[str] = []
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP_JS)
        if stop is None or stop["key"] == first:
            return problems  # focus left the page or came round again: the walk is complete
        first = first or stop["key"]
        if not stop["onScreen"]:
            settle(page)  # a drawer may still be sliding in; judge where it stops
            stop = page.evaluate(TAB_STOP_JS)
        if not stop["onScreen"]:
            problems.append(f"<{stop['tag']}> {stop['label']!r} har fokus utanför fönstret")
        elif not stop["outline"]:
            problems.append(f"<{stop['tag']}> {stop['label']!r} har fokus utan synlig fokusram")
    problems.append(f"fler än {limit} tabbstopp: en fokusfälla?")
    return problems


def tab_until(page: Any, wanted: Any) -> dict[str, Any] | None:
    """Press Tab until the focused element satisfies `wanted`; None if it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = focused(page)
        if focus and wanted(focus):
            return focus
    return None
