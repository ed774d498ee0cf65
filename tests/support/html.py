"""Reading built pages back: parse HTML, take a node's text, read an amount as the page shows it."""

from __future__ import annotations

from typing import Any, Protocol

from bs4 import BeautifulSoup


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def text(node: Any) -> str:
    """The node's text with runs of white space made one space (text of adjacent tags joined)."""
    return " ".join(node.get_text().split())


def spaced_text(node: Any) -> str:
    """The node's text with a space between tags, so a link and the word after it stay apart."""
    return " ".join(node.get_text(" ").split())


class BuiltPages(Protocol):
    def page(self, url_path: str) -> str: ...


def page_soup(site: BuiltPages, url_path: str) -> BeautifulSoup:
    """The parsed page of a built site by its URL path, e.g. 'partnerskap/mammakraft/'."""
    return soup(site.page(url_path))
