"""Builds a project the way `mkdocs serve` does, one rebuild per line read from stdin.

    python serve_driver.py PROJECT SITE ADDRESS

The plugin is started with command "serve" and kept across rebuilds; each rebuild loads
mkdocs.yml again and builds with the serve address, as `mkdocs serve` does after a save. After
each build it prints "built". With no input it builds once: what a fresh server writes.
"""

from __future__ import annotations

import logging
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config


def main() -> None:
    project, site, address = sys.argv[1:4]
    logging.basicConfig(level=logging.WARNING)

    def config():  # type: ignore[no-untyped-def]
        loaded = load_config(config_file=f"{project}/mkdocs.yml", site_dir=site)
        loaded.site_url = address
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    build(first, serve_url=address)
    print("built", flush=True)
    for _ in sys.stdin:
        build(config(), serve_url=address)
        print("built", flush=True)


if __name__ == "__main__":
    main()
