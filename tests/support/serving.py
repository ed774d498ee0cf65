"""`mkdocs serve` on a test project: started on a free port, stopped after the test."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from conftest import EPOCH_2023_06_15, MKDOCS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(project: Path, port: int, log: Path | None = None, *, timeout: float = 240) -> Iterator[str]:
    """Run `mkdocs serve` for `project` on `port` until the block ends; yields its address
    once the port answers (after the first build). Its output goes to `log` if given."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH_2023_06_15), "NO_MKDOCS_2_WARNING": "1"}
    output = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [*MKDOCS, "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"mkdocs serve stopped with {process.returncode}") from None
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)
        if log:
            output.close()  # type: ignore[union-attr]


def fetch(url: str) -> str:
    """A page's text, or "" while the server has none (a rebuild under way)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, found: Callable[[str], bool], timeout: float = 180) -> str:
    """Fetch `url` until `found(text)`; the text, or AssertionError with the last one."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = fetch(url)
        if found(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} did not change in {timeout} s; last text:\n{text[:2000]}")
