"""Cross-field checks of a partnership's budget: years, stated totals, "varav" parts, balance.

Only what every source can give is required: a budget year needs some figure (costs, income
or a stated total), never cost lines. A stated total checks the lines against it, unless the
source itemises only a part of it ("varav"); then the lines may not exceed it.
"""

from __future__ import annotations

from typing import Any

from .diagnostics import Report
from .formatting import kronor
from .model.partnership import AmountLimit, Partnership
from .registry import Entry, report_error, report_warning


def check_budget(entry: Entry[Partnership], report: Report) -> None:
    p = entry.record
    # Without a period (no source gives one) no budget year can lie outside it.
    start, end = (p.period.start.first_day, p.period.end.last_day) if p.period else (None, None)
    party_ids = {party.organisation for party in p.parties}
    taken: set[int] = set()
    for i, year in enumerate(p.budget):
        path = f"budget[{i}]"
        last = year.through if year.through is not None else year.year
        if last < year.year:
            report_error(report, entry, f"{path}.through", "through-before-year", f"till och med {last} ligger före budgetåret {year.year}.", "Kontrollera årtalen.")
            last = year.year
        if not year.per_year and year.through is None:
            report_warning(
                report, entry, f"{path}.per_year", "per-year-without-through", "per_year: false säger inget utan through.",
                "Ange sista året i through när beloppen gäller flera år tillsammans, eller ta bort per_year.",
            )
        span = set(range(year.year, last + 1))
        if span & taken:
            report_error(report, entry, f"{path}.year", "duplicate-year", f"budgetåret {min(span & taken)} står två gånger.", "Slå ihop åren till ett.")
        taken |= span
        if start and end and (not start.year <= year.year <= end.year or not start.year <= last <= end.year):
            report_warning(report, entry, f"{path}.year", "budget-outside-period", f"budgetåret {year.year} ligger utanför avtalsperioden.", "Kontrollera året.")
        if not (year.costs or year.income or year.stated_cost_total is not None or year.stated_income_total is not None):
            report_error(
                report, entry, path, "empty-budget-year", f"budgetåret {year.year} har inga belopp.",
                "Ange det källan ger: kostnader (costs), vem som betalar (income) eller en summa (stated_cost_total, "
                "stated_income_total). Ger källan inga belopp för året: ta bort året; sidan visar då Uppgift saknas.",
            )
        cost_sum = sum(line.amount for line in year.costs)
        income_sum = sum(line.amount for line in year.income)
        _check_total(report, entry, f"{path}.stated_cost_total", year.stated_cost_total, cost_sum, year.cost_lines_partial, "kostnadsposterna")
        _check_total(report, entry, f"{path}.stated_income_total", year.stated_income_total, income_sum, year.income_lines_partial, "intäkterna")
        for flag, total, name in (
            ("cost_lines_partial", year.stated_cost_total, "stated_cost_total"),
            ("income_lines_partial", year.stated_income_total, "stated_income_total"),
        ):
            if getattr(year, flag) and total is None:
                report_error(
                    report, entry, f"{path}.{flag}", "partial-without-total", f"{flag}: true kräver en summa i {name}.",
                    f"Ange summan som källan anger i {name} ('3 745 400 kr, varav …'), eller ta bort {flag}.",
                )
        for j, income in enumerate(year.income):
            if income.recipient and income.recipient not in party_ids:
                report_warning(
                    report, entry, f"{path}.income[{j}].recipient", "not-a-party", f"'{income.recipient}' står inte bland parterna.",
                    "Lägg till organisationen under parties, eller kontrollera id:t.",
                )
        limits = [line.limit for line in year.costs] + [line.limit for line in year.income]
        exact = all(limit is AmountLimit.EXACT for limit in limits)
        complete = not (year.cost_lines_partial or year.income_lines_partial)
        if year.costs and year.income and exact and complete and cost_sum != income_sum:
            report_warning(
                report, entry, f"{path}.income", "unbalanced-budget",
                f"kostnaderna ({kronor(cost_sum)}) och intäkterna ({kronor(income_sum)}) skiljer sig med {kronor(abs(cost_sum - income_sum))} år {year.year}.",
                "Om dokumentet ser ut så: låt det stå; webbplatsen visar skillnaden öppet.",
            )


def _check_total(report: Report, entry: Entry[Any], path: str, stated: int | None, itemised: int, partial: bool, lines: str) -> None:
    if stated is None or (stated == itemised and not partial):
        return
    if not partial:
        report_error(
            report, entry, path, "total-mismatch", f"angiven summa {kronor(stated)}, men {lines} blir {kronor(itemised)}.",
            "Jämför varje post med dokumentet; summan ska stå som i dokumentet. Specificerar källan bara en del av summan "
            "(”varav”): ange cost_lines_partial eller income_lines_partial: true.",
        )
    elif itemised > stated:
        report_error(
            report, entry, path, "total-mismatch",
            f"angiven summa {kronor(stated)}, men {lines} är redan {kronor(itemised)}: delen kan inte vara större än summan.",
            "Jämför varje post och summan med dokumentet.",
        )
