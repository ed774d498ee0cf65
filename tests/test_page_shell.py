"""Material's page shell rendered once per kind of page (page_shell.py) gives byte for byte the
pages Material's main.html renders for each page on its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment
from test_engines import files_of

from iop_registry.page_shell import Shells, marker

from conftest import FIXTURES, ROOT, SHIPPED_REGISTRY, build, make_project

# Titles and text that an escaping, stripping or shortening filter would change.
AWKWARD_TITLE = "title: 'Mammakraft & \"Barn\" <i>kursiv</i> – 1 < 2 ''citat'''"


def without_shell(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("registry: registry\n", "registry: registry\n      reuse_page_shell: false\n", 1), encoding="utf-8")


@pytest.mark.parametrize("registry", [SHIPPED_REGISTRY, FIXTURES / "full"], ids=["shipped", "full"])
def test_pages_filled_from_the_shell_are_the_pages_material_renders(tmp_path: Path, registry: Path) -> None:
    fast_project = make_project(tmp_path / "fast", registry)
    if registry == SHIPPED_REGISTRY:
        partnership = fast_project / "registry" / "partnerships" / "mammakraft.yml"
        lines = partnership.read_text(encoding="utf-8").split("\n")
        lines[next(i for i, line in enumerate(lines) if line.startswith("title:"))] = AWKWARD_TITLE
        partnership.write_text("\n".join(lines), encoding="utf-8")
    slow_project = make_project(tmp_path / "slow", fast_project / "registry")
    without_shell(slow_project)

    fast, slow = build(fast_project), build(slow_project)
    assert fast.returncode == 0, fast.output
    assert slow.returncode == 0, slow.output
    by_fast, by_slow = files_of(fast.site), files_of(slow.site)
    assert sorted(by_fast) == sorted(by_slow)
    assert [name for name in by_fast if by_fast[name] != by_slow[name]] == []
    if registry == SHIPPED_REGISTRY:
        page = by_fast["partnerskap/mammakraft/index.html"].decode()
        assert "<title>Mammakraft &amp; &quot;Barn&quot; &lt;i&gt;kursiv&lt;/i&gt; – 1 &lt; 2 &#x27;citat&#x27; – IOP-registret</title>" in page


def render_with(source: str) -> tuple[Shells, list[str], list[str]]:
    """Three pages of one kind through `source` as a template, by shell and in full."""
    template = Environment().from_string(source)
    shells = Shells()
    pages = [{"title": f"Sida {n} & <b>", "content": f"<p>Text {n}</p>"} for n in range(3)]
    filled = [shells.page("record", values, lambda slots: template.render(**slots)) for values in pages]
    return shells, filled, [template.render(**values) for values in pages]


def test_a_value_printed_as_is_is_filled_from_the_shell() -> None:
    shells, filled, full = render_with("<title>{{ title }}</title><h1>{{ title }}</h1><main>{{ content }}</main>")
    assert filled == full
    assert (shells.filled, shells.rendered) == (2, 1)


@pytest.mark.parametrize("use", ["{{ title | e }}", "{{ title | striptags }}", "{{ title | truncate(9) }}", "{{ title | upper }}", "{{ title[:4] }}"])
def test_a_value_the_theme_changes_makes_its_kind_render_in_full(use: str) -> None:
    shells, filled, full = render_with(f"<title>{use}</title><main>{{{{ content }}}}</main>")
    assert filled == full
    assert shells.filled == 0


def test_an_empty_value_is_a_kind_of_its_own() -> None:
    template = Environment().from_string("<title>{% if title %}{{ title }}{% else %}Registret{% endif %}</title>{{ content }}")
    shells = Shells()
    for values in ({"title": "A", "content": "x"}, {"title": "", "content": "y"}, {"title": "B", "content": "z"}):
        assert shells.page("record", values, lambda slots: template.render(**slots)) == template.render(**values)
    assert (shells.filled, shells.rendered) == (1, 2)


# What the theme decides from a shell's values (besides printing them): each must be a test for
# an empty value (page_shell.py adds it to the kind) or the body's "<h1" (plugin.py adds it).
KNOWN_DECISIONS = {
    "{% if page.meta and page.meta.title %}",
    "{% if page.meta and page.meta.description %}",
    "{% if page.canonical_url %}",
    "{% elif page.title and not page.is_homepage %}",
    '{% if "\\u003ch1" not in page.content %}',
    "{%- set title = page.meta.title if page.meta and page.meta.title else page.title -%}",
    "{{ page.meta.title if page.meta and page.meta.title else page.title }}",
    "{% set title = page.meta.title | urlencode %}",  # changes the marker: rendered in full
    "{% set title = page.title | urlencode %}",
}
VALUES = re.compile(r"page\.(content|title|meta\.title|meta\.description|canonical_url)\b")


def test_every_decision_the_theme_makes_from_a_shell_value_is_known() -> None:
    import material

    themes = [Path(material.__file__).parent / "templates", ROOT / "plugins" / "iop_registry" / "theme"]
    found = set()
    for theme in themes:
        for template in theme.rglob("*.html"):
            for tag in re.findall(r"\{%.*?%\}|\{\{[^}]* if [^}]*\}\}", template.read_text(encoding="utf-8"), re.DOTALL):
                if VALUES.search(tag):
                    found.add(tag)
    assert found == KNOWN_DECISIONS


def test_a_value_that_looks_like_a_marker_is_rendered_in_full() -> None:
    template = Environment().from_string("<title>{{ title }}</title>{{ content }}")
    shells = Shells()
    for values in ({"title": "A", "content": "x"}, {"title": marker("content"), "content": "y"}):
        assert shells.page("record", values, lambda slots: template.render(**slots)) == template.render(**values)
    assert (shells.filled, shells.rendered) == (0, 2)
