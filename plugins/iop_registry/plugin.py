"""The MkDocs adapter: the only module that knows MkDocs.

It runs the same validator as the CLI, stops the build on errors before anything is
written, and hands the rendered pages and data files to MkDocs as generated files.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from .clock import build_date
from .derive import Derived
from .diagnostics import Report, format_diagnostics
from .formatting import long_date
from .render.environment import Outputs, Page, Renderer
from .render.site import build_outputs, expand_snippets
from .validate import validate_path

log = logging.getLogger("mkdocs.plugins.iop_registry")

PACKAGE = Path(__file__).parent
THEME_OVERRIDES = PACKAGE / "theme"
# Every file in the package's assets/ is published under assets/; its .css and .js files
# are linked from every page (all local: the site loads nothing from another host).
ASSETS = sorted(p for p in (PACKAGE / "assets").iterdir() if p.is_file())


class RegistryConfig(Config):
    # The registry folder, relative to mkdocs.yml.
    registry = c.Type(str, default="registry")


class RegistryPlugin(BasePlugin[RegistryConfig]):
    """Loads and validates the registry, then adds its pages and data files to the site."""

    def __init__(self) -> None:
        self.outputs = Outputs()
        self.renderer: Renderer | None = None
        self.generated: dict[str, Page] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate and render everything now: MkDocs cleans the site folder only after this
        hook, so a registry with errors stops the build before a single file is touched."""
        if not config.use_directory_urls:
            raise PluginError("iop-registry: use_directory_urls must be true (record pages link as folder/).")
        base = Path(config.config_file_path).parent
        report = Report(base)
        registry = validate_path(base / self.config.registry, report)
        for warning in report.warnings:
            # INFO, not WARNING: a documented gap such as Mammakraft's 62 kr must not fail
            # `mkdocs build --strict`; the site shows it to readers instead.
            log.info("registret: %s", warning.as_text())
        if report.has_errors:
            raise PluginError("Registret innehåller fel; ingenting byggdes.\n" + format_diagnostics(report.errors, "text"))

        today = build_date()
        derived = Derived.build(registry, today)
        self.outputs, self.renderer = build_outputs(derived)
        self.generated = {page.src_uri: page for page in self.outputs.pages}

        config.theme.dirs.insert(0, str(THEME_OVERRIDES))
        config.extra_css.extend(f"assets/{a.name}" for a in ASSETS if a.suffix == ".css")
        config.extra_javascript.extend(f"assets/{a.name}" for a in ASSETS if a.suffix == ".js")
        config.extra["iop"] = {"as_of": long_date(today), "as_of_iso": today.isoformat()}
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add record pages (kept out of the navigation: with every record in the nav each
        page would repeat the whole tree) and data files as generated files."""
        for page in self.outputs.pages:
            meta = {"title": page.title}
            if page.description:
                meta["description"] = page.description
            if not page.search:
                meta["search"] = {"exclude": True}
            front_matter = "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n"
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=front_matter, inclusion=inclusion))
        for asset in self.outputs.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        for asset_file in ASSETS:
            files.append(File.generated(config, f"assets/{asset_file.name}", abs_src_path=str(asset_file)))
        return files

    @event_priority(50)  # before other plugins see the Markdown: markers become HTML first
    def on_page_markdown(self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Generated pages skip Markdown entirely (their HTML is ready); hand-written pages
        get registry data where they ask for it with `<!-- iop:NAME -->`."""
        if page.file.src_uri in self.generated:
            return ""
        assert self.renderer is not None
        return expand_snippets(markdown, self.renderer, page.url)

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        generated = self.generated.get(page.file.src_uri)
        return generated.body if generated else html
