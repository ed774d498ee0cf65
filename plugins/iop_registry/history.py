"""When each registry file was added and last changed, read from git in one call.

The dates come from the commits, never from file times on disk, so the same commit gives
the same dates on every machine. We follow the first-parent line of the branch being built:
a record changed in a pull request counts as changed when the pull request was merged,
which is when the public saw it. Uncommitted edits are not in the history.

Without git, outside a git checkout or in a shallow clone (where every file would seem to
be created by the one commit fetched), the history is empty and `problem` says why: pages
then simply show no dates, never wrong ones.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .clock import STOCKHOLM

# Starts every commit header line; git never puts a NUL byte in a file name.
_COMMIT = "\x00"


@dataclass(frozen=True)
class FileHistory:
    """One file's life in git: first added, last changed (Swedish time), how many commits."""

    created: dt.datetime
    updated: dt.datetime
    commits: int

    @property
    def is_new(self) -> bool:
        """Never changed since it was added."""
        return self.commits == 1


@dataclass(frozen=True)
class History:
    """File histories by path relative to the registry folder ("partnerships/mammakraft.yml")."""

    files: Mapping[str, FileHistory] = field(default_factory=lambda: MappingProxyType({}))
    problem: str = ""  # why there is no history: not a git checkout, shallow clone, no git

    def of(self, path: Path, root: Path) -> FileHistory | None:
        """The history of `path`, a file under `root`."""
        try:
            relative = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return None
        return self.files.get(relative)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    # Settings that would change the output format are pinned here, so a developer's
    # ~/.gitconfig can't change what the site says.
    command = ["git", "-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "color.ui=never", *args]
    try:
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError:  # git is not installed
        return None


def read_history(root: Path) -> History:
    """The history of every file under `root` (the registry folder)."""
    if not root.is_dir():
        return History(problem=f"mappen {root} finns inte")
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return History(problem="git är inte installerat")
    if shallow.returncode != 0:
        return History(problem="registret ligger inte i ett git-arkiv")
    if shallow.stdout.strip() == "true":
        return History(
            problem="git-arkivet är en grund kopia (shallow clone); hämta hela historiken med git fetch --unshallow, "
            "eller fetch-depth: 0 i GitHub Actions"
        )
    log = _git(
        root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--no-renames",
        "--relative",
        "--format=%x00%ct",
        "--name-status",
        "--",
        ".",
    )
    if log is None or log.returncode != 0:
        return History(problem="git log misslyckades: " + (log.stderr.strip() if log else ""))
    return History(MappingProxyType(parse_log(log.stdout)))


def parse_log(text: str) -> dict[str, FileHistory]:
    """Read `git log --format=<NUL>%ct --name-status` output, newest commit first."""
    changes: dict[str, list[int]] = {}  # path -> commit times, newest first, while the file lived
    closed: set[str] = set()  # files whose current life we have read back to its start
    when = 0
    for line in text.splitlines():
        if line.startswith(_COMMIT):
            when = int(line[1:])
            continue
        status, _, path = line.partition("\t")
        if not path or path in closed:
            continue
        if status.startswith("D"):
            # Deleted here: if it exists now, its current life began after this commit.
            closed.add(path)
            continue
        changes.setdefault(path, []).append(when)
        if status.startswith("A"):
            closed.add(path)
    return {path: FileHistory(_moment(times[-1]), _moment(times[0]), len(times)) for path, times in sorted(changes.items())}


def _moment(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, tz=STOCKHOLM)
