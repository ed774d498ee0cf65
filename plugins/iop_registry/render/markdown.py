"""Markdown for text fields, made safe: raw HTML shows as text, only safe links survive.

Editors may write *emphasis*, lists and links in text fields. They must never be able to
put live HTML, a `javascript:` link or an image from another host on the public site.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


class _LinkGuard(Treeprocessor):
    """Unwrap links whose target is not http(s), mailto or tel; drop images entirely."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    # Images would load from another host; keep the alternative text only.
                    text = child.get("alt", "")
                    parent.remove(child)
                    _insert_text(parent, index, text + (child.tail or ""))
                elif child.tag == "a":
                    href = (child.get("href") or "").strip()
                    if not href.lower().startswith(SAFE_SCHEMES):
                        child.tag = "span"
                        child.attrib.clear()
                    elif href.lower().startswith(("http:", "https:")):
                        child.set("rel", "noopener")


def _insert_text(parent: etree.Element, index: int, text: str) -> None:
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text


class SafeExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Without these two, "<script>" is not recognised as HTML and is escaped as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_LinkGuard(md), "iop_link_guard", 0)


_converter = markdown.Markdown(extensions=[SafeExtension(), "sane_lists"], output_format="html")
# Text without any Markdown syntax needs no parser: most fields are plain sentences, and the
# parser took a third of a record page's rendering (profile in BENCHMARKS.md).
_SYNTAX = re.compile(r"[*_`\[\]<>&#\\!]|^\s*([-+]|\d+\.)\s", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Lines Markdown could read as more than a paragraph's text: indented (code, continued
# lists), ending in spaces (line breaks), underlines and rules ("---", "- - -"), any white space
# but spaces and newlines, or a control character (the parser and Python disagree on them).
_NOT_PLAIN = re.compile(r"^ | $|^[= -]+$|[^\S \n]|[\x00-\x09\x0b-\x1f\x7f]", re.MULTILINE)


def markdown_html(text: str) -> str:
    """`text` through the Markdown parser, always (to_html skips it when it can)."""
    _converter.reset()
    return str(_converter.convert(text))


def to_html(text: str | None) -> Markup:
    """Block-level HTML (paragraphs, lists) for a text field."""
    if not text:
        return Markup("")
    if not _SYNTAX.search(text):
        if not _PARAGRAPH_BREAK.search(text):
            return Markup(f"<p>{escape(text)}</p>")
        if not _NOT_PLAIN.search(text):
            # Plain paragraphs, as the parser writes them: it leaves quotes as they are, and
            # & < > never get here (_SYNTAX).
            return Markup("\n".join(f"<p>{paragraph}</p>" for paragraph in _PARAGRAPH_BREAK.split(text.strip("\n"))))
    return Markup(markdown_html(text))


def to_inline_html(text: str | None) -> Markup:
    """Like `to_html` but without the wrapping paragraph, for table cells and list items."""
    html = str(to_html(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
