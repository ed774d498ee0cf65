"""Registry data for hand-written pages: `<!-- iop:NAME -->` in site_src/*.md."""

from __future__ import annotations

from collections.abc import Callable

from .environment import Renderer

Snippet = Callable[[Renderer, str], str]


def key_figures(renderer: Renderer, page_path: str) -> str:
    derived = renderer.derived
    year = derived.today.year
    return renderer.render(
        "snippets/key_figures.html", page_path,
        year=year, active=len(derived.active_partnerships), total=len(derived.partnerships),
        public_funds=derived.public_funds_in_year(year), courses=len(derived.upcoming_courses),
    )


def next_courses(renderer: Renderer, page_path: str) -> str:
    return renderer.render("snippets/next_courses.html", page_path, courses=renderer.derived.upcoming_courses[:3])


SNIPPETS: dict[str, Snippet] = {
    "nyckeltal": key_figures,
    "nasta-kurser": next_courses,
}
