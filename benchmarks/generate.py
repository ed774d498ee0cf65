"""Synthetic registries for the benchmark: N records, partnerships and what surrounds them.

Every record is valid (the benchmark checks that `validate_path` reports no errors), and
the numbers are invented on purpose: this data lives only in a temporary folder and must
never be copied into `registry/`. The text is Swedish-like so that search terms, stemming
and page sizes behave as they would with real agreements.

N counts every record. For P = (N - 21) / 3.1 partnerships the generator writes:

- P partnerships with two parties and their contacts, two or three budget years with cost
  and income lines, activities with goals, responsibilities, follow-up and extension terms,
- P decisions (one per partnership) and P / 10 grants,
- P / 2 courses with ten sessions each,
- P / 2 associations, and 20 boards under one municipality.

The same (N, seed) always gives the same files, so two runs measure the same input.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BOARDS = 20

# Word lists as text, split once (one long line per list would be unreadable).
_WORDS = """
    barn unga föräldrar mammor pappor familjer kvinnor äldre nyanlända ensamkommande elever skolor
    föreningar förening stadsdelen området grannar mötesplats läxhjälp språkcafé idrott fotboll simning
    dans musik teater konst bibliotek läsning studiecirkel utbildning kurs kurser träffar samtal stöd
    hälsa trygghet gemenskap integration arbete praktik sysselsättning ekonomi rådgivning boende hemlöshet
    våld missbruk beroende kriminalitet förebyggande insatser sommarlov lovaktiviteter natur odling
    miljö klimat cykel mat matkasse kläder second hand volontärer ideella ledare handledning samverkan
    nätverk dialog delaktighet demokrati inflytande digital teknik kodning film foto radio tidning
    kulturarv historia hantverk slöjd sömnad matlagning friluftsliv vandring ridning schack
"""
_PLACES = """
    Rosengård Lindängen Holma Kroksbäck Hermodsdal Seved Sofielund Möllevången Kirseberg Fosie
    Oxie Husie Limhamn Bunkeflo Hyllie Västra Innerstaden Centrum Södra Innerstaden Augustenborg
    Nydala Hermanstorp Värnhem Bellevue Tygelsjö Klagshamn Sorgenfri Annelund Kastanjegården
"""
_NAMES = "Anna Erik Fatima Johan Maria Ahmed Lena Karl Sara Omar Eva Mikael Leyla Peter Nora Jonas"
_SURNAMES = "Andersson Nilsson Hassan Berg Lund Karimi Holm Ström Lindqvist Ali Persson Ek"
_ADJECTIVES = "Trygga Starka Gröna Öppna Aktiva Unga Nya Glada Modiga Kreativa"
WORDS, PLACES, NAMES, SURNAMES, ADJECTIVES = (text.split() for text in (_WORDS, _PLACES, _NAMES, _SURNAMES, _ADJECTIVES))


def luhn_check_digit(digits: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def org_number(n: int) -> str:
    # Associations' numbers start with 8; the check digit makes them valid.
    body = f"8{n % 100000:05d}{n // 100000 % 1000:03d}"
    return f"{body[:6]}-{body[6:]}{luhn_check_digit(body)}"


@dataclass
class Generated:
    """What was written, for the runner's table and the reference pages."""

    root: Path
    counts: dict[str, int] = field(default_factory=dict)
    search_term: str = ""  # a title word that exists, for the first-query measurement


class Writer:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(count))

    def sentence(self, count: int = 12) -> str:
        text = self.words(count)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int = 4) -> str:
        return " ".join(self.sentence(self.rng.randint(8, 16)) for _ in range(sentences))

    def person(self) -> str:
        return f"{self.rng.choice(NAMES)} {self.rng.choice(SURNAMES)}"

    def phone(self) -> str:
        return f'"040-34 {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}"'


def indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else line for line in text.splitlines())


def _folded(text: str, spaces: int) -> str:
    """A `>-` block scalar: long lines stay readable and nothing needs quoting."""
    return ">-\n" + indent(text, spaces)


def association_id(i: int) -> str:
    return f"forening-{i:05d}"


def board_id(i: int) -> str:
    return f"namnd-{i:02d}"


def partnership_id(i: int) -> str:
    return f"partnerskap-{i:05d}"


def decision_id(i: int) -> str:
    return f"syn-{2015 + i % 12}-{i + 1}"


def case_number(i: int) -> str:
    return f"SYN-{2015 + i % 12}-{i + 1}"


def course_id(i: int) -> str:
    return f"kurs-{i:05d}"


def partnership_title(w: Writer, i: int) -> str:
    # Title words repeat across records, like real names do ("Läxhjälp i Rosengård").
    return f"{w.rng.choice(ADJECTIVES)} {w.rng.choice(WORDS)} i {PLACES[i % len(PLACES)]} {i}"


def organisations(w: Writer, associations: int) -> Iterator[tuple[str, str]]:
    yield "kommunen", "name: Syntetiska kommunen\nkind: municipality\n"
    for b in range(BOARDS):
        yield board_id(b), f"name: {WORDS[b].capitalize()}nämnden\nkind: board\nparent: kommunen\n"
    for a in range(associations):
        name = f"{w.rng.choice(ADJECTIVES)} {w.rng.choice(WORDS)} {PLACES[a % len(PLACES)]} {a}"
        yield association_id(a), (
            f"name: Föreningen {name}\nkind: association\norg_number: \"{org_number(a + 1)}\"\n"
            f"website: https://forening-{a}.example.se\n"
            f"description: {_folded(w.paragraph(2), 2)}\n"
        )


def decision(w: Writer, i: int, title: str) -> str:
    year = 2015 + i % 12
    decided = i % 3 != 0  # a third stay proposals: "Förslag" status on the site
    text = (
        f"case_number: {case_number(i)}\n"
        f"title: Förslag till idéburet offentligt partnerskap {title}\n"
        f"board: {board_id(i % BOARDS)}\n"
        f"status: {'decided' if decided else 'proposed'}\n"
        f"document_date: {year - 1}-11-{1 + i % 28:02d}\n"
        f"summary: {_folded(w.paragraph(3), 2)}\n"
        "decision_points:\n"
        f"  - {_folded(w.sentence(14), 4)}\n"
        f"  - {_folded(w.sentence(10), 4)}\n"
        "meetings:\n"
        f"  - date: {year - 1}-12-{1 + i % 28:02d}\n"
        f"    body: {WORDS[i % BOARDS].capitalize()}nämnden\n"
    )
    if decided:
        text += f"decided_on: {year - 1}-12-{1 + i % 28:02d}\n"
    return text


def partnership(w: Writer, i: int, title: str, associations: int) -> str:
    start = 2015 + i % 12
    years = 2 + i % 2
    association, board = association_id(i % associations), board_id(i % BOARDS)
    budget = []
    for year in range(start, start + years):
        costs = [(f"{w.rng.choice(WORDS).capitalize()} och {w.rng.choice(WORDS)}", w.rng.randint(10, 400) * 1000) for _ in range(4)]
        cost_lines = "".join(f"      - label: {label}\n        amount: {amount}\n" for label, amount in costs)
        total = sum(a for _, a in costs)
        public = total * 3 // 4
        budget.append(
            f"  - year: {year}\n    label: \"År {year - start + 1}: {year}\"\n    costs:\n{cost_lines}"
            f"    income:\n      - funder: {board}\n        amount: {public}\n"
            f"      - funder: {association}\n        amount: {total - public}\n"
        )
    activities = "".join(
        f"  - title: {w.sentence(3)[:-1]}\n    description: {_folded(w.paragraph(3), 6)}\n    goals:\n"
        + "".join(f"      - {_folded(w.sentence(12), 8)}\n" for _ in range(3))
        for _ in range(2)
    )
    return (
        f"title: {title}\n"
        f"summary: {_folded(w.paragraph(2), 2)}\n"
        f"case_numbers:\n  - {case_number(i)}\n"
        f"decisions:\n  - {decision_id(i)}\n"
        "parties:\n"
        f"  - organisation: {association}\n    role: idea_driven\n    contact:\n      name: {w.person()}\n"
        f"      phone: {w.phone()}\n      email: kontakt-{i}@forening.example.se\n"
        f"  - organisation: {board}\n    role: public\n    contact:\n      name: {w.person()}\n"
        f"      phone: {w.phone()}\n      email: handlaggare-{i}@kommunen.example.se\n"
        f"period:\n  start: {start}-01-01\n  end: {start + years - 1}-12-31\n"
        # Two paragraphs: like real agreements, some text needs the Markdown parser.
        f"background: |-\n{indent(w.paragraph(3), 2)}\n\n{indent(w.paragraph(2), 2)}\n"
        f"purpose: {_folded(w.paragraph(3), 2)}\n"
        f"target_groups:\n  primary: {_folded(w.sentence(14), 4)}\n"
        f"activities:\n{activities}"
        "responsibilities:\n"
        f"  - party: {association}\n    duties:\n" + "".join(f"      - {_folded(w.sentence(12), 8)}\n" for _ in range(3)) +
        f"  - party: {board}\n    duties:\n" + "".join(f"      - {_folded(w.sentence(12), 8)}\n" for _ in range(2)) +
        f"budget:\n{''.join(budget)}"
        f"payment_terms:\n  description: {_folded(w.sentence(16), 4)}\n  annual_invoice_deadline: \"04-30\"\n"
        f"follow_up:\n  description: {_folded(w.sentence(16), 4)}\n  reports:\n"
        + "".join(f"    - period: \"{y}\"\n      due: {y + 1}-03-01\n" for y in range(start, start + years))
        + f"extension:\n  description: {_folded(w.sentence(14), 4)}\n  months: 24\n  notice_months: 6\n"
        + f"sources:\n  - kind: agreement\n    title: Överenskommelse om {title}\n    date: {start - 1}-12-15\n"
    )


def course(w: Writer, c: int, partnerships: int) -> str:
    p = (c * 2) % partnerships
    year = 2015 + p % 12
    season, month = ("VT", 2) if c % 2 == 0 else ("HT", 9)
    sessions = "".join(
        f"  - date: {year}-{month + s // 4:02d}-{1 + (s % 4) * 7:02d}\n    start: \"17:00\"\n    end: \"19:00\"\n    topic: {w.sentence(4)[:-1]}\n"
        for s in range(10)
    )
    return (
        f"partnership: {partnership_id(p)}\n"
        f"title: Kurs i {w.words(2)} {season} {year} nummer {c}\n"
        f"term:\n  season: {season}\n  year: {year}\n"
        f"status: {'held' if year < 2023 else 'open'}\n"
        f"sessions:\n{sessions}"
        f"description: {_folded(w.paragraph(2), 2)}\n"
        f"venue:\n  name: Lokalen {PLACES[c % len(PLACES)]}\n  address: Exempelgatan {1 + c % 90}, Malmö\n"
        "languages:\n  teaching:\n    - svenska\n  interpretation:\n    - arabiska\n"
        "capacity:\n  min: 10\n  max: 20\n"
        "fee: 0\n"
        f"organiser: {association_id(p % max(1, partnerships // 2))}\n"
    )


def grant(w: Writer, g: int, partnerships: int) -> str:
    p = (g * 7) % partnerships
    return (
        f"decision: {decision_id(p)}\n"
        f"recipient: {association_id(p % max(1, partnerships // 2))}\n"
        f"funder: {board_id(p % BOARDS)}\n"
        f"amount: {w.rng.randint(20, 500) * 1000}\n"
        f"year: {2015 + p % 12}\n"
        f"activity: {w.words(2).capitalize()}\n"
        f"partnership: {partnership_id(p)}\n"
        f"purpose: {_folded(w.paragraph(2), 2)}\n"
        "reported_use:\n" + "".join(f"  - {_folded(w.sentence(10), 4)}\n" for _ in range(3))
    )


def partnerships_for(records: int) -> int:
    return max(2, round((records - 1 - BOARDS) / 3.1))


def generate(root: Path, records: int, seed: int = 8) -> Generated:
    """Write a registry of about `records` records under `root` (see the module's text)."""
    n = partnerships_for(records)
    w = Writer(n, seed)
    associations = max(1, n // 2)
    result = Generated(root)
    folders = {kind: root / kind for kind in ("organisations", "decisions", "partnerships", "courses", "grants")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)

    def write(kind: str, record_id: str, text: str) -> None:
        (folders[kind] / f"{record_id}.yml").write_text(text, encoding="utf-8")
        result.counts[kind] = result.counts.get(kind, 0) + 1

    for record_id, text in organisations(w, associations):
        write("organisations", record_id, text)
    for i in range(n):
        title = partnership_title(w, i)
        if i == n // 2:
            result.search_term = title.split()[1]
        write("decisions", decision_id(i), decision(w, i, title))
        write("partnerships", partnership_id(i), partnership(w, i, title, associations))
    for c in range(n // 2):
        write("courses", course_id(c), course(w, c, n))
    for g in range(n // 10):
        write("grants", f"bidrag-{g:05d}", grant(w, g, n))
    return result


def clone_shipped(root: Path, records: int, shipped: Path) -> Generated:
    """The shipped registry with its partnerships copied until there are about `records`
    records: real-sized agreements (Mammakraft's file is 17 kB, the synthetic ones 6 kB), as
    the issue that set the memory and validation targets measured them."""
    result = Generated(root)
    shutil.copytree(shipped, root)
    for kind_folder in root.iterdir():
        if kind_folder.is_dir():
            result.counts[kind_folder.name] = sum(1 for _ in kind_folder.glob("*.yml"))
    originals = sorted((root / "partnerships").glob("*.yml"))
    texts = [file.read_text(encoding="utf-8") for file in originals]
    for i in range(max(0, records - sum(result.counts.values()))):
        original = originals[i % len(originals)]
        (root / "partnerships" / f"{original.stem}-{i:05d}.yml").write_text(texts[i % len(texts)], encoding="utf-8")
        result.counts["partnerships"] += 1
    result.search_term = "Mammakraft"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Skriv ett syntetiskt register med ungefär N poster (bara för mätningar).")
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if (args.out / "partnerships").exists():
        parser.error(f"{args.out} innehåller redan ett register")
    generated = generate(args.out, args.n)
    print(generated.counts)


if __name__ == "__main__":
    main()
