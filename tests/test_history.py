"""Record dates from git: the history reader, "Senast ändrad", the change list, the Atom feed
and sitemap.xml, all from temporary git repositories with fixed commit dates."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from iop_registry.history import read_history

from conftest import EPOCH_2023_06_15, FIXTURES, MKDOCS, BuiltSite, build, make_project
from support.html import page_soup as soup

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://iop-registret.malmo.se/"


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(repo),
        GIT_AUTHOR_NAME="Redaktör",
        GIT_AUTHOR_EMAIL="r@example.se",
        GIT_COMMITTER_NAME="Redaktör",
        GIT_COMMITTER_EMAIL="r@example.se",
    )
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def commit(repo: Path, when: str, message: str = "Ändring") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "arkiv"
    (repo / "registry" / "partnerships").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    return repo


# --- the history reader -----------------------------------------------------------------------


def test_dates_come_from_commits_in_malmo_time(repo: Path) -> None:
    file = repo / "registry" / "partnerships" / "a.yml"
    file.write_text("title: A\n", encoding="utf-8")
    commit(repo, "2023-01-10T10:00:00+01:00")
    file.write_text("title: A2\n", encoding="utf-8")
    commit(repo, "2023-03-05T23:30:00+00:00")  # already 6 March in Malmö
    history = read_history(repo / "registry")
    assert history.problem == ""
    a = history.files["partnerships/a.yml"]
    assert a.created.date() == dt.date(2023, 1, 10)
    assert a.updated.date() == dt.date(2023, 3, 6)
    assert a.commits == 2 and not a.is_new
    assert a.updated.utcoffset() == dt.timedelta(hours=1)


def test_a_merged_branch_counts_from_the_merge(repo: Path) -> None:
    (repo / "registry" / "partnerships" / "a.yml").write_text("title: A\n", encoding="utf-8")
    commit(repo, "2023-01-10T10:00:00+01:00")
    git(repo, "checkout", "-q", "-b", "forslag")
    (repo / "registry" / "partnerships" / "b.yml").write_text("title: B\n", encoding="utf-8")
    commit(repo, "2023-04-01T10:00:00+02:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "forslag", "-m", "Sammanfoga", when="2023-05-02T09:00:00+02:00")
    b = read_history(repo / "registry").files["partnerships/b.yml"]
    assert b.created.date() == b.updated.date() == dt.date(2023, 5, 2)
    assert b.is_new


def test_a_deleted_and_added_again_file_starts_a_new_life(repo: Path) -> None:
    file = repo / "registry" / "partnerships" / "a.yml"
    file.write_text("title: A\n", encoding="utf-8")
    commit(repo, "2023-01-10T10:00:00+01:00")
    file.unlink()
    (repo / "registry" / "partnerships" / "gone.yml").write_text("title: G\n", encoding="utf-8")
    commit(repo, "2023-02-01T10:00:00+01:00")
    (repo / "registry" / "partnerships" / "gone.yml").unlink()
    file.write_text("title: A igen\n", encoding="utf-8")
    commit(repo, "2023-03-01T10:00:00+01:00")
    files = read_history(repo / "registry").files
    assert files["partnerships/a.yml"].created.date() == dt.date(2023, 3, 1)
    assert files["partnerships/a.yml"].commits == 1
    assert "partnerships/gone.yml" not in files


def test_uncommitted_edits_do_not_change_the_dates(repo: Path) -> None:
    file = repo / "registry" / "partnerships" / "a.yml"
    file.write_text("title: A\n", encoding="utf-8")
    commit(repo, "2023-01-10T10:00:00+01:00")
    before = read_history(repo / "registry")
    file.write_text("title: Ändrad men inte sparad i git\n", encoding="utf-8")
    (repo / "registry" / "partnerships" / "ny.yml").write_text("title: Ny\n", encoding="utf-8")
    after = read_history(repo / "registry")
    assert after == before
    assert "partnerships/ny.yml" not in after.files


def test_outside_git_there_is_no_history_and_no_error(tmp_path: Path) -> None:
    (tmp_path / "registry").mkdir()
    history = read_history(tmp_path / "registry")
    assert history.files == {} and "git" in history.problem


def test_without_git_installed_there_is_no_history_and_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "registry").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "tom"))
    history = read_history(tmp_path / "registry")
    assert history.files == {} and history.problem == "git är inte installerat"


def test_a_shallow_clone_gives_no_dates_rather_than_wrong_ones(repo: Path, tmp_path: Path) -> None:
    for day in (1, 2):
        (repo / "registry" / "partnerships" / f"p{day}.yml").write_text("title: P\n", encoding="utf-8")
        commit(repo, f"2023-01-0{day}T10:00:00+01:00")
    clone = tmp_path / "grund"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    history = read_history(clone / "registry")
    assert history.files == {} and "shallow" in history.problem


# --- the built site ----------------------------------------------------------------------------


def project_in_git(tmp_path: Path, commits: list[tuple[str, dict[str, str | None]]]) -> Path:
    """The editor-history fixture committed on the first date; then each later commit writes
    (or, with None, deletes) files relative to the registry."""
    project = make_project(tmp_path, FIXTURES / "editor-history")
    (project / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    for when, changes in commits:
        for relative, text in changes.items():
            path = project / "registry" / relative
            if text is None:
                path.unlink()
            else:
                path.write_text(text, encoding="utf-8")
        commit(project, when)
    return project


def built(project: Path, site: str = "site") -> BuiltSite:
    result = build(project, site_dir=project / site)
    assert result.returncode == 0, result.output
    return result


EDIT = "name: Testnämnden för kultur\nkind: board\n"
COMMITS: list[tuple[str, dict[str, str | None]]] = [
    ("2023-01-10T10:00:00+01:00", {}),
    ("2023-05-02T09:00:00+02:00", {"organisations/namnden.yml": EDIT}),
]


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return built(project_in_git(tmp_path_factory.mktemp("historik"), COMMITS))


def test_record_page_shows_when_it_last_changed(history_site: BuiltSite) -> None:
    dates = soup(history_site, "organisationer/namnden/").select_one(".iop-record-dates")
    assert dates is not None
    text = " ".join(dates.get_text().split())
    assert text.startswith("Senast ändrad 2 maj 2023 · lades till i registret 10 januari 2023.")
    assert dates.select_one("time")["datetime"] == "2023-05-02T09:00:00+02:00"  # type: ignore[index]
    unchanged = soup(history_site, "partnerskap/testpartnerskap/").select_one(".iop-record-dates")
    assert unchanged is not None and " ".join(unchanged.get_text().split()).startswith("Senast ändrad 10 januari 2023.")


def test_change_list_is_newest_first_and_labels_the_example(history_site: BuiltSite) -> None:
    page = soup(history_site, "andringar/")
    rows = page.select("table.iop-table tbody tr")
    links = [row.select_one("th a")["href"] for row in rows]  # type: ignore[index]
    assert links[0] == "../organisationer/namnden/"
    assert len(rows) == 5  # every record of the fixture
    course = next(row for row in rows if "testkurs-ht-2023" in str(row))
    assert course.th is not None and course.th.get_text().casefold().count("exempel") == 1  # labelled, and only once
    assert page.select_one('a[href="../andringar.atom"]') is not None


def parse_feed(site: BuiltSite) -> ET.Element:
    return ET.fromstring(site.read("andringar.atom").encode("utf-8"))


def test_atom_feed_parses_with_stable_ids_and_absolute_links(history_site: BuiltSite) -> None:
    feed = parse_feed(history_site)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2023-05-02T09:00:00+02:00"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == SITE_URL + "andringar.atom"
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids[0] == "tag:iop-registret.malmo.se,2023:organisation/namnden"
    assert set(ids) == {
        "tag:iop-registret.malmo.se,2023:organisation/namnden",
        "tag:iop-registret.malmo.se,2023:organisation/foreningen",
        "tag:iop-registret.malmo.se,2023:partnership/testpartnerskap",
        "tag:iop-registret.malmo.se,2023:decision/tst-2023-1",
        "tag:iop-registret.malmo.se,2023:course/testkurs-ht-2023",
    }
    for entry in entries:  # RFC 4287: every entry has id, title, updated and a link
        assert entry.findtext(f"{ATOM}title")
        assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or "").tzinfo is not None
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and (link.get("href") or "").startswith(SITE_URL)
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Ändrad organisation: Testnämnden för kultur"
    assert first.findtext(f"{ATOM}published") == "2023-01-10T10:00:00+01:00"
    course = next(e for e in entries if e.findtext(f"{ATOM}id", "").endswith("course/testkurs-ht-2023"))
    assert (course.findtext(f"{ATOM}title") or "").casefold().count("exempel") == 1
    assert "påhittat exempel" in (course.findtext(f"{ATOM}summary") or "")


def test_feed_ids_stay_when_a_record_changes_again(tmp_path: Path) -> None:
    more = [*COMMITS, ("2023-06-01T12:00:00+02:00", {"partnerships/testpartnerskap.yml": None})]
    project = project_in_git(tmp_path, more[:2])
    first = {e.findtext(f"{ATOM}id"): e for e in parse_feed(built(project, "site1")).findall(f"{ATOM}entry")}
    course = project / "registry" / "courses" / "testkurs-ht-2023.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("Testkursen", "Provkursen"), encoding="utf-8")
    commit(project, "2023-06-01T12:00:00+02:00")
    second = parse_feed(built(project, "site2")).findall(f"{ATOM}entry")
    assert {e.findtext(f"{ATOM}id") for e in second} == set(first)
    top = second[0]
    assert top.findtext(f"{ATOM}id") == "tag:iop-registret.malmo.se,2023:course/testkurs-ht-2023"
    assert top.findtext(f"{ATOM}updated") == "2023-06-01T12:00:00+02:00"
    assert top.findtext(f"{ATOM}published") == first[top.findtext(f"{ATOM}id")].findtext(f"{ATOM}published")


def test_sitemap_lastmod_is_the_record_change_date_and_canonical_urls_use_site_url(history_site: BuiltSite) -> None:
    sitemap = ET.fromstring(history_site.read("sitemap.xml").encode("utf-8"))
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    lastmod = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod") for u in sitemap.findall(f"{ns}url")}
    assert lastmod[SITE_URL + "organisationer/namnden/"] == "2023-05-02"
    assert lastmod[SITE_URL + "partnerskap/testpartnerskap/"] == "2023-01-10"
    assert lastmod[SITE_URL + "kurser/testkurs-ht-2023/"] == "2023-01-10"
    # Pages that are not one record's page change with "today" (statuses): the build date.
    assert lastmod[SITE_URL] == "2023-06-15"
    assert lastmod[SITE_URL + "partnerskap/"] == "2023-06-15"
    assert all(loc and loc.startswith(SITE_URL) for loc in lastmod)
    canonical = soup(history_site, "organisationer/namnden/").select_one('link[rel="canonical"]')
    assert canonical is not None and canonical["href"] == SITE_URL + "organisationer/namnden/"


def test_same_commit_and_same_epoch_give_identical_history_outputs(tmp_path: Path) -> None:
    project = project_in_git(tmp_path, COMMITS)
    one, two = built(project, "site1"), built(project, "site2")
    for relative in ("andringar.atom", "sitemap.xml", "andringar/index.html", "organisationer/namnden/index.html"):
        assert (one.site / relative).read_bytes() == (two.site / relative).read_bytes(), relative


def test_change_list_is_paginated(tmp_path: Path) -> None:
    many = {f"organisations/forening-{n:03d}.yml": f"name: Förening {n}\nkind: association\n" for n in range(120)}
    project = project_in_git(tmp_path, [*COMMITS, ("2023-06-01T12:00:00+02:00", many)])
    site = built(project)
    first, second = soup(site, "andringar/"), soup(site, "andringar/sida-2/")
    assert len(first.select("tbody tr")) == 100
    assert len(second.select("tbody tr")) == 125 - 100
    assert first.select_one('a[rel="next"]')["href"] == "sida-2/"  # type: ignore[index]


def test_a_site_built_outside_git_says_the_history_is_missing(tmp_path: Path) -> None:
    site = built(make_project(tmp_path, FIXTURES / "editor-history"))
    page = soup(site, "andringar/")
    assert page.select_one(".iop-notice") is not None and not page.select("tbody tr")
    assert soup(site, "organisationer/namnden/").select_one(".iop-record-dates") is None
    feed = parse_feed(site)
    assert feed.findall(f"{ATOM}entry") == [] and feed.findtext(f"{ATOM}updated") == "2023-06-15T00:00:00+02:00"


def test_a_shallow_clone_fails_the_strict_build_with_a_clear_warning(tmp_path: Path) -> None:
    project = project_in_git(tmp_path / "a", COMMITS)
    clone = tmp_path / "grund"
    git(tmp_path, "clone", "-q", "--depth", "1", project.as_uri(), str(clone))
    # Not conftest.build: with -q, MkDocs drops warnings before --strict counts them.
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(SOURCE_DATE_EPOCH=str(EPOCH_2023_06_15), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert re.search(r"WARNING.*shallow clone", result.stderr), result.stderr
