"""도표: five English statements computed from a table of the lesson's data, one false.

The tables come from the CBAM reference figures shipped with dokhae
(``dokhae/data/cbam_reference.csv``, :func:`dokhae.reference.reference_table`): the CBAM
factor by year (primary law) and the default values of hot-rolled steel with the 2026
mark-up by country of origin (marked uncertain in the fact sheet: the source line says
so). Each statement carries its :class:`~dokhae.exam.items.Claim`; the generator
evaluates every candidate on the data and keeps four true ones and one false one, so
the key is whatever the data say, and :func:`dokhae.exam.proofs.evaluate_claim` says it
again. The chart is drawn by :func:`dokhae.exam.chart.chart_png`.
"""

from __future__ import annotations

import random
from itertools import combinations
from typing import cast

from ...exam.items import ChartItem, ChartRow, ChartTable, Claim, Proof, Statement
from ...exam.proofs import evaluate_claim, problems
from .structure import Refused

COUNTRIES = {
    "korea": "South Korea",
    "japan": "Japan",
    "china": "China",
    "india": "India",
    "other": "other countries",
}


def tables() -> dict[str, ChartTable]:
    """The tables a 도표 item can be drawn from, by name."""
    from ...reference import reference_table

    ref = reference_table().set_index("key")

    def cell(key: str) -> float:
        # one cell of the reference table's value column (floats; numpy.float64 is a float)
        return cast(float, ref.loc[key, "value"])

    factor_years = (2026, 2028, 2030, 2032, 2034)
    factor = ChartTable(
        title="Share of EU free allocation kept for CBAM goods (CBAM factor)",
        unit="%",
        subject="the share kept in {label}",
        rows=tuple(
            ChartRow(key=str(y), label=str(y), value=round(cell(f"cbam_factor_{y}") * 100, 1))
            for y in factor_years
        ),
        source="Directive (EU) 2023/959, ETS Directive Art. 10a(1a)",
    )
    defaults = ChartTable(
        title="CBAM default values for hot-rolled steel (CN 7208), 2026, with the 10 % mark-up",
        unit="tCO2e per tonne",
        subject="the default value for {label}",
        rows=tuple(
            ChartRow(key=k, label=label, value=float(cell(f"default_7208_{k}_2026")))
            for k, label in COUNTRIES.items()
        ),
        source="Implementing Regulation (EU) 2025/2621, original annex (uncertain: may differ after the "
        "July 2026 correction)",
    )
    return {"cbam_factor": factor, "default_values": defaults}


def _claims(table: ChartTable) -> list[tuple[Claim, str]]:
    """Every statement the templates can make about ``table``, true or false."""
    rows = {r.key: r for r in table.rows}

    def subject(key: str, capital: bool = False) -> str:
        s = table.subject.format(label=rows[key].label)
        return s[0].upper() + s[1:] if capital else s

    out: list[tuple[Claim, str]] = []
    for key in rows:
        out.append((Claim(op="highest", a=key), f"{subject(key, True)} is the highest of all."))
        out.append((Claim(op="lowest", a=key), f"{subject(key, True)} is the lowest of all."))
    for a, b in combinations(rows, 2):
        va, vb = rows[a].value, rows[b].value
        out.append(
            (Claim(op="greater", a=a, b=b), f"{subject(a, True)} is higher than {subject(b)}.")
        )
        out.append((Claim(op="less", a=a, b=b), f"{subject(a, True)} is lower than {subject(b)}."))
        if vb > 0 and va > 0:
            out.append(
                (
                    Claim(op="times_more", a=a, b=b, amount=2),
                    f"{subject(a, True)} is more than twice {subject(b)}.",
                )
            )
            out.append(
                (
                    Claim(op="times_more", a=b, b=a, amount=2),
                    f"{subject(b, True)} is more than twice {subject(a)}.",
                )
            )
        gap = abs(va - vb)
        step = 10 if table.unit == "%" else 1
        threshold = round(gap / step) * step or step
        unit = "percentage points" if table.unit == "%" else table.unit
        out.append(
            (
                Claim(op="gap_more", a=a, b=b, amount=threshold),
                f"The gap between {subject(a)} and {subject(b)} is more than {threshold:g} {unit}.",
            )
        )
    return out


def chart_item(table_name: str, rng: random.Random, item_id: str = "chart") -> ChartItem:
    """A 도표 item on the table ``table_name`` (see :func:`tables`)."""
    table = tables()[table_name]
    claims = _claims(table)
    true = [c for c in claims if evaluate_claim(table, c[0])]
    false = [c for c in claims if not evaluate_claim(table, c[0])]
    if len(true) < 4 or not false:
        raise Refused(f"the table {table_name} gives too few true or false statements")
    picked = rng.sample(true, 4)
    # the false statement: one about rows the true ones also mention, so it cannot be spotted alone
    mentioned = {k for c, _ in picked for k in (c.a, c.b) if k}
    near = [c for c in false if c[0].a in mentioned] or false
    wrong = rng.choice(near)
    key = rng.randint(1, 5)
    picked.insert(key - 1, wrong)
    item = ChartItem(
        id=item_id,
        kind="chart",
        table=table,
        key=key,
        statements=tuple(Statement(en=text, claim=claim) for claim, text in picked),
        proof=Proof(
            rule="chart.one_false",
            note=f"on the data, statement {key} is false and the others true",
        ),
    )
    left = problems(item, {})
    if left:
        raise Refused("; ".join(left))
    return item
