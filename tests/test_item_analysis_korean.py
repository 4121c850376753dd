"""The item analysis a terminal shows (`dokhae report`) is in the language asked for: its
table's headers and the flags of each item, not their ids."""

from __future__ import annotations

import pandas as pd

from dokhae import i18n
from dokhae.teacher.item_analysis import Item, analyse
from test_cli_speaks_korean import english_lines


def _analysis():
    rows = []
    for n in range(6):
        rows.append({"student_id": f"s{n}", "item": "q1", "score": 1.0, "response": "a"})
        rows.append(
            {"student_id": f"s{n}", "item": "q2", "score": float(n % 2), "response": "ab"[n % 2]}
        )
    items = [Item("q1", options=("a", "b", "c"), key="a"), Item("q2", options=("a", "b"), key="b")]
    return analyse(pd.DataFrame(rows), items)


def test_the_summary_speaks_korean():
    analysis = _analysis()
    summary = analysis.summary("ko")
    header = summary.splitlines()[2]
    for column in ("item", "p", "r", "D", "flags"):
        assert i18n.t(f"item_analysis.column.{column}", "ko") in header, header
    assert i18n.t("item_analysis.short.all_correct", "ko") in summary  # q1: everyone right
    assert "all_correct" not in summary and "unchosen" not in summary, summary
    assert not english_lines(summary, {"q1", "q2"}), summary


def test_the_summary_in_english_has_english_headers():
    summary = _analysis().summary("en")
    header = summary.splitlines()[2]
    assert i18n.t("item_analysis.column.p", "en") in header, header
    assert i18n.t("item_analysis.short.all_correct", "en") in summary, summary
