"""A folder replaced all at once or not at all: built beside the target, swapped in by renames.

A killed or failed build leaves only a staging folder behind, which the next build removes;
the target stays byte for byte as it was until the swap.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path


class StagedFolder:
    """Build into `staging`, then `swap()` it in for `target` or `discard()` it."""

    def __init__(self, target: Path, *, delete_later: bool = False) -> None:
        self.target = target.resolve()
        self.staging = self.target.with_name(f".{self.target.name}.bygge")
        self.previous = self.target.with_name(f".{self.target.name}.tidigare")
        # Under `mkdocs serve` the replaced site is deleted while the editor already sees the
        # new one: removing 1,000 record folders took seconds of each rebuild on a busy disk.
        self.delete_later = delete_later
        self._deleting: threading.Thread | None = None

    def begin(self) -> Path:
        shutil.rmtree(self.staging, ignore_errors=True)  # what a killed build left behind
        self.staging.mkdir(parents=True)
        return self.staging

    def swap(self) -> None:
        self.deleted()
        shutil.rmtree(self.previous, ignore_errors=True)
        if self.target.exists():
            os.rename(self.target, self.previous)
        os.rename(self.staging, self.target)
        if self.delete_later:
            self._deleting = threading.Thread(target=shutil.rmtree, args=(self.previous,), kwargs={"ignore_errors": True}, daemon=True)
            self._deleting.start()
        else:
            shutil.rmtree(self.previous, ignore_errors=True)

    def discard(self) -> None:
        """A failed build: the staging folder goes, the target stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def deleted(self) -> None:
        """Wait until the folder replaced last time is gone."""
        if self._deleting is not None:
            self._deleting.join()
            self._deleting = None
