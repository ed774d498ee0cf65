"""The MkDocs adapter: the only module that knows MkDocs.

It runs the same validator as the CLI, stops the build on errors before anything is
written, and hands the rendered pages and data files to MkDocs as generated files.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from .build import BuildStopped, prepare, read_registry
from .diagnostics import Diagnostic, format_diagnostics
from .formatting import long_date
from .page_shell import Shells
from .preview import PreviewCache, Written, compile_settings, files_fingerprint, fingerprint
from .render.diagnostics_page import diagnostics_html
from .render.environment import TEMPLATES, Chunks, CompiledTemplates, Outputs, Page, Renderer
from .render.exports.sitemap_index import bound_sitemap
from .render.site import expand_snippets
from .site_paths import DCAT_CATALOGUE
from .staged_folder import StagedFolder

log = logging.getLogger("mkdocs.plugins.iop_registry")

PACKAGE = Path(__file__).parent
THEME_OVERRIDES = PACKAGE / "theme"
# Every file in the package's assets/ is published under assets/; its .css and .js files
# are linked from every page (all local: the site loads nothing from another host).
# Prints the page on_page_context made (see RegistryPlugin._through_shell).
FILLED_TEMPLATE = "iop/filled.html"
ASSETS = sorted(p for p in (PACKAGE / "assets").iterdir() if p.is_file())


class RenderedPage(MkDocsPage):
    """A generated page: our renderer makes its HTML, so MkDocs reads no front matter for it
    and runs no Python-Markdown (that turned an empty document into "" at about 1 ms a page,
    ten seconds of a build at 10,000 records).

    MkDocs reads every page before it writes the first, and keeps each page's content to the
    end. Ours is rendered just before the theme wraps it and dropped once the page is
    written (on_page_context, on_post_page), so a build holds one record page at a time."""

    generated: Page

    def read_source(self, config: MkDocsConfig) -> None:
        # The theme puts titles and descriptions into HTML unescaped (MkDocs treats them
        # as trusted markup); ours come from registry text, so they are escaped here.
        self.markdown = ""
        self.meta = {"title": html.escape(self.generated.title)}
        if self.generated.description:
            self.meta["description"] = html.escape(self.generated.description)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""  # rendered in on_page_context
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class StreamedFile(File):
    """A data file written piece by piece (render/environment.py Chunks): MkDocs would
    join it into one bytes object in memory first."""

    chunks: Chunks

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, chunks: Chunks) -> StreamedFile:
        file = cls.generated(config, path, content=b"")
        assert isinstance(file, StreamedFile)
        file.chunks = chunks
        return file

    @property
    def content_bytes(self) -> bytes:
        return bytes(self.chunks)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        raise TypeError(f"{self.src_uri} is written by the registry plugin")

    def copy_file(self, dirty: bool = False) -> None:
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as output:
            for piece in self.chunks.pieces():
                output.write(piece)


class AtomicOutput:
    """The site folder changes all at once or not at all.

    MkDocs empties `site_dir` and writes into it page by page, so a killed build, a failed
    one, or a `--strict` build stopped by a warning (MkDocs raises only after
    `on_post_build`) would leave a half-replaced site. We point `site_dir` at a staging
    folder next to it (StagedFolder), and swap the two when everything succeeded. With
    `mkdocs serve` the target is the server's temporary folder, served by path, so the
    swap works there too.
    """

    def __init__(self) -> None:
        self.folder: StagedFolder | None = None  # kept between a server's rebuilds: one target
        self.building = False
        self.warnings: CountHandler | None = None
        self.delete_later = False

    @property
    def target(self) -> Path | None:
        """The site this build replaces, while it builds."""
        return self.folder.target if self.folder is not None and self.building else None

    def begin(self, config: MkDocsConfig) -> None:
        target = Path(config.site_dir).resolve()
        if self.folder is None or self.folder.target != target:
            self.deleted()
            self.folder = StagedFolder(target, delete_later=self.delete_later)
        config.site_dir = str(self.folder.begin())
        self.building = True
        if config.strict:
            # MkDocs counts warnings the same way and aborts after on_post_build.
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def finish(self, config: MkDocsConfig) -> bool:
        """Swap the staging folder in, unless --strict is about to stop the build; True if it was."""
        if self.folder is None or not self.building:
            return False
        if self.warnings is not None and self.warnings.get_counts():
            self.discard()
            return False
        self._stop_counting()
        self.folder.swap()
        config.site_dir = str(self.folder.target)
        self.building = False
        return True

    def deleted(self) -> None:
        """Wait until the site replaced last time is gone."""
        if self.folder is not None:
            self.folder.deleted()

    def discard(self) -> None:
        """A failed build: the staging folder goes, the previous site stays as it was."""
        if self.folder is not None and self.building:
            self.folder.discard()
        self._stop_counting()
        self.building = False

    def _stop_counting(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None


def _use_theme(config: MkDocsConfig) -> None:
    """Our theme overrides and assets, for a site and for a preview that shows errors alike."""
    config.theme.dirs.insert(0, str(THEME_OVERRIDES))
    config.extra_css.extend(f"assets/{a.name}" for a in ASSETS if a.suffix == ".css")
    config.extra_javascript.extend(f"assets/{a.name}" for a in ASSETS if a.suffix == ".js")


# MkDocs leaves Config.__init_subclass__ untyped.
class RegistryConfig(Config):  # type: ignore[no-untyped-call]
    # The registry folder, relative to mkdocs.yml.
    registry = c.Type(str, default="registry")
    # The municipality or region that publishes the site. Its fields are declared in
    # model/publisher.py and checked by settings.py with the registry's own value types and
    # messages (file, line, Luhn, Swedish phone numbers); here MkDocs only lets it through.
    publisher = c.Type(dict, default={})
    # Material's page around a record page is rendered once per kind of page and filled per
    # page (page_shell.py); false renders every page through the theme (tests compare both).
    reuse_page_shell = c.Type(bool, default=True)


class RegistryPlugin(BasePlugin[RegistryConfig]):  # type: ignore[no-untyped-call]
    """Loads and validates the registry, then adds its pages and data files to the site."""

    def __init__(self) -> None:
        self.outputs = Outputs()
        self.renderer: Renderer | None = None
        self.generated: dict[str, Page] = {}
        self.output = AtomicOutput()
        # `mkdocs serve` keeps this plugin across rebuilds (it has on_startup): a broken save
        # keeps the last good build's pages, each showing the errors instead of hanging.
        self.serving = False
        self.broken: list[Diagnostic] = []
        # Under `mkdocs serve`: parsed files and record pages kept between rebuilds (preview.py).
        self.preview: PreviewCache | None = None
        self.theme_key = ""
        self.kept: dict[str, Path] = {}  # src_uri: the file the last build wrote, for the pages this build writes alike
        self.env: Environment | None = None
        self.shells = Shells()
        self.compiled: dict[str, CompiledTemplates] = {}  # the theme's templates by environment settings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.preview = PreviewCache() if self.serving else None
        self.output.delete_later = self.serving

    def on_shutdown(self) -> None:
        self.output.deleted()  # no half-deleted copy of the site left behind

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate and render everything now: MkDocs cleans the site folder only after this
        hook, so a registry with errors stops the build before a single file is touched."""
        if not config.use_directory_urls:
            raise PluginError("iop-registry: use_directory_urls måste vara true i mkdocs.yml (postsidorna länkar till mappar, till exempel partnerskap/mammakraft/).")
        config_file = Path(config.config_file_path)
        registry_dir = config_file.parent / self.config.registry
        report, publisher, registry = read_registry(config_file, registry_dir, self.preview.parsed if self.preview else None)
        for warning in report.warnings:
            # INFO, not WARNING: a documented gap such as Mammakraft's 62 kr must not fail
            # `mkdocs build --strict`; the site shows it to readers instead.
            log.info("registret: %s", warning.as_text())
        if report.has_errors:
            message = "Registret innehåller fel; ingenting byggdes.\n" + format_diagnostics(report.errors, "text")
            if not self.serving:
                raise PluginError(message)
            log.error(message)
            self.broken = report.errors
            if self.preview is not None:
                self.preview.replaced()  # the site will show the errors instead of the pages
            return self._serve_errors(config)
        self.broken = []
        assert publisher is not None  # reported as an error above when missing or invalid
        try:
            prepared = prepare(registry, publisher, registry_dir, Path(config.docs_dir), config.site_url or "")
        except BuildStopped as stopped:
            raise PluginError(str(stopped)) from None
        today, history, handwritten = prepared.today, prepared.history, prepared.handwritten
        if history.problem:
            # A shallow clone would date every record to its one commit: say so loudly
            # (fails --strict); outside git (test projects, a downloaded zip) there is just no history.
            (log.warning if "shallow" in history.problem else log.info)("registret: inga ändringsdatum: %s", history.problem)
        self.outputs, self.renderer = prepared.outputs, prepared.renderer
        self.generated = {page.src_uri: page for page in self.outputs.pages}
        if self.preview is not None:
            # Everything besides the records that a record page's body is made from.
            setting = fingerprint(
                today, publisher, config.site_url, history, handwritten,
                config_file.read_bytes(), files_fingerprint([TEMPLATES], "*.html"),
            )
            self.preview.plan(registry, setting)
        self.shells = Shells()  # a new build may change the theme, the nav or the config

        _use_theme(config)
        config.extra["iop"] = {"as_of": long_date(today), "as_of_iso": today.isoformat(), "publisher": publisher}
        # The catalogue for <link rel="alternate"> in every page's head (none without site_url).
        config.extra["iop"]["catalogue"] = next((a.path for a in self.outputs.assets if a.path == DCAT_CATALOGUE), None)
        self.output.begin(config)
        return config

    def _serve_errors(self, config: MkDocsConfig) -> MkDocsConfig:
        """A preview whose every page shows the registry's errors (see on_page_content)."""
        _use_theme(config)
        self.output.begin(config)
        return config

    @event_priority(-100)  # last: every other plugin has written into the staging folder
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Swap the new site in whole (see AtomicOutput)."""
        log.debug("iop-registry: %d pages filled from a shell, %d rendered in full", self.shells.filled, self.shells.rendered)
        bound_sitemap(Path(config.site_dir), config.site_url or "")
        swapped = self.output.finish(config)
        if self.preview is not None and not self.broken:
            kept = len(self.kept)
            log.info("iop-registry: %d postsidor som förra bygget, %d gjordes om", kept, self.preview.record_pages - kept)
            if swapped:
                self.preview.finished()
            else:
                self.preview.failed()

    def on_build_error(self, *, error: Exception) -> None:
        """The previous site stays as it was; the half-written staging folder goes."""
        self.output.discard()
        if self.preview is not None:
            self.preview.failed()

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """In a preview: what besides its body decides a record page's HTML (see on_page_content)."""
        self.kept = {}
        post_page = config.plugins.events["post_page"]
        # A kept page is the last build's output after every on_post_page: only safe when ours is the only one.
        if self.preview is None or self.broken or any(getattr(handler, "__self__", None) is not self for handler in post_page):
            self.theme_key = ""
            return nav
        self.theme_key = fingerprint(
            Path(config.config_file_path).read_bytes(), config.site_url, config.extra, config.extra_css, config.extra_javascript,
            [(page.file.src_uri, page.url) for page in nav.pages], [(page.path, page.title) for page in self.outputs.pages if page.in_nav],
            files_fingerprint(map(Path, config.theme.dirs), "*.html"),
        )
        return nav

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """`mkdocs serve` rebuilds when an editor saves a record, not only a page."""
        server.watch(str(Path(config.config_file_path).parent / self.config.registry))
        return server

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's environment, for rendering a page's shell (see on_page_context). In a
        preview it keeps its compiled templates for the next rebuild's environment, if that
        has the same settings (Jinja compiles an edited template again)."""
        self.env = env
        if self.preview is not None:
            env.bytecode_cache = self.compiled.setdefault(compile_settings(env), CompiledTemplates())
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add record pages (kept out of the navigation: with every record in the nav each
        page would repeat the whole tree) and data files as generated files."""
        for page in self.outputs.pages:
            # No content: RenderedPage (see on_pre_page) supplies the title and the HTML.
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
        for asset in self.outputs.assets:
            if isinstance(asset.content, Chunks):
                files.append(StreamedFile.of(config, asset.path, asset.content))
            else:
                files.append(File.generated(config, asset.path, content=asset.content))
        for asset_file in ASSETS:
            files.append(File.generated(config, f"assets/{asset_file.name}", abs_src_path=str(asset_file)))
        return files

    def on_pre_page(self, page: MkDocsPage, /, *, config: MkDocsConfig, files: Files) -> MkDocsPage:
        """Make each generated page a RenderedPage before MkDocs reads it. MkDocs made the
        page object itself (the navigation holds it), so it is changed in place."""
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.__class__ = RenderedPage
            assert isinstance(page, RenderedPage)
            page.generated = generated
        return page

    @event_priority(50)  # before other plugins see the Markdown: markers become HTML first
    def on_page_markdown(self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Generated pages skip Markdown entirely (their HTML is ready); hand-written pages
        get registry data where they ask for it with `<!-- iop:NAME -->`."""
        if page.file.src_uri in self.generated or self.broken:
            return ""
        assert self.renderer is not None
        return expand_snippets(markdown, self.renderer, page.url)

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self.broken:
            return diagnostics_html(self.broken)
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            return html
        if generated.updated is not None:
            # sitemap.xml's <lastmod> is page.update_date, which MkDocs sets to the build
            # date; a record's page changed when its file last changed in git.
            page.update_date = generated.updated.isoformat()
        if self.config.reuse_page_shell and not generated.in_nav:
            # MkDocs picks the template before on_page_context: this one prints what
            # on_page_context made (the shell filled, or the whole page through main.html).
            page.meta["template"] = FILLED_TEMPLATE
        if self.preview is not None and self.theme_key:
            written = Written(self.theme_key, generated.title, generated.description, str(page.update_date))
            self.preview.wrote(generated.path, written)
            last = self._last_output(page)
            if self.preview.kept(generated.path, written) and last is not None and last.is_file():
                page.meta["template"] = FILLED_TEMPLATE  # filled with the file the last build wrote
                self.kept[page.file.src_uri] = last
        return ""  # the body comes in on_page_context, when the page is written

    def _last_output(self, page: MkDocsPage) -> Path | None:
        """The file the last build wrote for `page` (in the site this build replaces)."""
        return self.output.target / page.file.dest_uri if self.output.target is not None else None

    def on_page_context(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        """Render a generated page's body now, just before the theme wraps it."""
        generated = self.generated.get(page.file.src_uri)
        if generated is None or self.broken:
            return context
        last = self.kept.get(page.file.src_uri)
        if last is not None:
            try:
                context["iop_page"] = last.read_text(encoding="utf-8")  # type: ignore[typeddict-unknown-key]
                return context
            except OSError:
                pass  # gone since on_page_content: rendered after all
        page.content = generated.body
        if page.meta.get("template") == FILLED_TEMPLATE:
            context["iop_page"] = self._through_shell(page, context)  # type: ignore[typeddict-unknown-key]
        return context

    def _through_shell(self, page: MkDocsPage, context: TemplateContext) -> str:
        """The page as main.html renders it, from a shell shared by the pages of its kind: out
        of the navigation, the theme's markup differs between them only in these values."""
        assert self.env is not None and page.content is not None
        template = self.env.get_template("main.html")
        values = {"title": page.meta["title"], "content": page.content}
        if "description" in page.meta:
            values["description"] = page.meta["description"]
        if page.canonical_url is not None:
            values["canonical_url"] = page.canonical_url
        # Relative links depend on the depth, the navigation on the section; Material prints
        # its own <h1> unless the body has one.
        # Which values are given, Shells.page adds itself.
        kind = (page.url.split("/", 1)[0], page.url.count("/"), "<h1" in page.content)

        def render(slots: Mapping[str, str]) -> str:
            saved = dict(page.meta), page.content, page.canonical_url
            page.meta.update((key, slots[key]) for key in ("title", "description") if key in slots)
            page.content = slots["content"]
            page.canonical_url = slots.get("canonical_url")
            try:
                return template.render(context)
            finally:
                page.meta, page.content, page.canonical_url = saved

        return self.shells.page(kind, values, render)

    @event_priority(-100)  # last: other plugins may still read the content before
    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """The page is written from `output`: its body need not be kept to the end of the build."""
        if page.file.src_uri in self.generated and not self.broken:
            page.content = ""
        return output
