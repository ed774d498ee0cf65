"""The shipped registry with its partnerships cloned to N records, for memory and preview
measurements on real-sized agreements (the generator's records are smaller).

Each clone is a shipped partnership file under a new id, its title numbered so that pages,
listings and search differ as they would with real agreements. Organisations, decisions and
grants are the shipped ones. Only for a temporary folder: never copy the result into registry/.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def clone(target: Path, n: int) -> int:
    """Write the shipped registry into `target` with n partnerships; returns the count."""
    shutil.copytree(ROOT / "registry", target)
    folder = target / "partnerships"
    originals = sorted(folder.glob("*.yml"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in originals]
    for number in range(len(originals), n):
        stem, text = texts[number % len(texts)]
        title_line = next(line for line in text.splitlines() if line.startswith("title: "))
        numbered = text.replace(title_line, f"{title_line} {number}", 1)
        (folder / f"{stem}-{number:05d}.yml").write_text(numbered, encoding="utf-8")
    return max(n, len(originals))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path, help="a folder that does not exist yet")
    parser.add_argument("n", type=int, help="how many partnerships")
    args = parser.parse_args()
    print(clone(args.target, args.n))


if __name__ == "__main__":
    main()
