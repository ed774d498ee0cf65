"""A registry in which every record hangs on one organisation, for the tests of long lists.

`write_registry(root, partnerships=P, grants=G)` writes a municipality, a board
(`namnden`), an association (`stora-foreningen`) and one decision (`tst-2023-1`), then P small
partnerships between the association and the board that all cite that decision and hold
courses (with a contact person at the association), and G grants
from the board to the association under it and the first partnership. So the association's
page, the board's page and the decision's page each list P + G records (the first
partnership's page G): the longest lists a registry can give a page.
Records are small on purpose (the lists are what is measured, and the build stays quick);
the numbers are invented and the registry lives only in a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

ASSOCIATION = "stora-foreningen"
BOARD = "namnden"
DECISION = "tst-2023-1"


def partnership_id(i: int) -> str:
    return f"partnerskap-{i:05d}"


def grant_id(i: int) -> str:
    return f"bidrag-{i:05d}"


def _partnership(i: int) -> str:
    year = 2015 + i % 12
    return (
        f"title: Partnerskap nummer {i}\n"
        "summary: Ett litet partnerskap för tester av långa listor.\n"
        "case_numbers:\n  - TST-2023-1\n"
        f"decisions:\n  - {DECISION}\n"
        "parties:\n"
        f"  - organisation: {ASSOCIATION}\n    role: idea_driven\n"
        f"    contact:\n      name: Kontakt {i}\n      phone: \"040-34 10 00\"\n"
        f"  - organisation: {BOARD}\n    role: public\n"
        f"period:\n  start: {year}-01-01\n  end: {year + 1}-12-31\n"
        # Each holds courses and names a contact: the Kurser page and the start page list whom to ask.
        "holds_courses: true\n"
        "sources:\n  - kind: agreement\n    title: Överenskommelsen (påhittad för testerna)\n"
    )


def _grant(i: int) -> str:
    return (
        f"decision: {DECISION}\n"
        f"recipient: {ASSOCIATION}\n"
        f"funder: {BOARD}\n"
        f"amount: {10_000 + i}\n"
        f"year: {2015 + i % 12}\n"
        f"activity: Verksamhet {i}\n"
        "purpose: Pengar till föreningens verksamhet.\n"
        # All to the first partnership, whose page then lists them all too.
        f"partnership: {partnership_id(0)}\n"
    )


def write_registry(root: Path, *, partnerships: int, grants: int) -> Path:
    files = {
        "organisations/kommunen.yml": "name: Testkommunen\nkind: municipality\n",
        f"organisations/{BOARD}.yml": "name: Testnämnden\nkind: board\nparent: kommunen\n",
        f"organisations/{ASSOCIATION}.yml": "name: Stora föreningen\nkind: association\n",
        f"decisions/{DECISION}.yml": (
            "case_number: TST-2023-1\ntitle: Beslut om många partnerskap och bidrag\n"
            f"board: {BOARD}\nstatus: decided\ndecided_on: 2022-12-15\n"
            "summary: Nämnden godkänner partnerskapen och bidragen.\n"
            "decision_points:\n  - Nämnden godkänner överenskommelserna.\n"
        ),
    }
    files |= {f"partnerships/{partnership_id(i)}.yml": _partnership(i) for i in range(partnerships)}
    files |= {f"grants/{grant_id(i)}.yml": _grant(i) for i in range(grants)}
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
