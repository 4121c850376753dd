"""The item analysis as a teacher gets it: a chart, CSV tables and an Excel workbook.

:func:`figure` draws :class:`~dokhae.teacher.item_analysis.ItemAnalysis` for reading at a
glance; :func:`save` writes it beside the class report's tables. CSV files are UTF-8 with
a byte-order mark (Korean Excel opens them right); the Excel workbook has one sheet per
table with the catalog's labels as headers. A text cell Excel would read as a formula
(``=``, ``+``, ``-``, ``@``) gets a leading ``'`` (OWASP's advice), and in Excel is stored
as text with Excel's quote prefix.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from .. import i18n
from ..json_files import atomic_output
from ..plots import report_font
from ..spreadsheet import write_excel, write_frame_csv
from .item_analysis import LOW_DISCRIMINATION, ItemAnalysis, figure_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["figure", "save"]

_INK = {"check": "#c0392b", "improve": "#9a6400", "": "black"}
_SHADE = {"check": "#fdecea", "improve": "#fef5e7"}


def figure(analysis: ItemAnalysis, language: str = "ko") -> Figure:
    """Per item: difficulty p and discrimination r side by side. An item to check
    (possibly miskeyed) is red, one to improve amber, each with its flags beside it."""
    from matplotlib.figure import Figure

    font = report_font(language)
    items = analysis.items
    count = len(items)
    levels = [analysis.level(i) for i in items["item"]]
    words = [analysis.short(i, language) for i in items["item"]]
    r = items["r"].to_numpy(dtype=float)
    notes = [f"{figure_text(v)}  {w}".rstrip() for v, w in zip(r, words)]
    # room for the notes right of r = 1 (a Korean letter is about two Latin ones wide)
    room = max((sum(2 if ord(c) > 0x2E80 else 1 for c in n) for n in notes), default=0)
    fig = Figure(figsize=(12 + room * 0.03, max(3.5, 0.42 * count + 1.8)), layout="constrained")
    left, right = fig.subplots(1, 2, sharey=True, width_ratios=(1, 1.5 + room * 0.012))
    positions = list(range(count))[::-1]
    for ax in (left, right):  # a flagged item's row is shaded across the chart
        for y, level in zip(positions, levels):
            if level:
                ax.axhspan(y - 0.5, y + 0.5, color=_SHADE[level], zorder=0)
    p = items["p"].fillna(0).to_numpy() * 100
    left.barh(positions, p, color="#2e86c1")
    for y, value in zip(positions, p):
        left.text(min(value, 100) + 1, y, f"{value:.0f}", va="center", fontsize=8)
    left.set_xlim(0, 112)
    left.set_yticks(positions, list(items["item"]), fontsize=8)
    for tick, level in zip(left.get_yticklabels(), levels):
        tick.set_color(_INK[level])
        tick.set_fontweight("bold" if level else "normal")
    left.set_xlabel(i18n.t("item_analysis.chart.p_axis", language), fontproperties=font)
    left.set_title(i18n.t("item_analysis.chart.p_title", language), fontproperties=font)
    colours = [
        "#bbbbbb"
        if math.isnan(v)
        else "#c0392b"
        if v < 0
        else "#e67e22"
        if v < LOW_DISCRIMINATION
        else "#27ae60"
        for v in r
    ]
    right.barh(positions, [0 if math.isnan(v) else v for v in r], color=colours)
    right.axvline(0, color="black", linewidth=0.8)
    right.axvline(LOW_DISCRIMINATION, color="#e67e22", linewidth=0.8, linestyle="--")
    right.set_xlim(-1, 1.15 + 0.022 * max(room, 10))
    right.set_xticks(
        [-1, -0.5, 0, LOW_DISCRIMINATION, 0.5, 1],
        ["−1", "−0.5", "0", f"{LOW_DISCRIMINATION:g}", "0.5", "1"],
        fontsize=8,
    )
    for y, note, level in zip(positions, notes, levels):
        right.text(1.1, y, note, va="center", fontsize=8, color=_INK[level], fontproperties=font)
    right.set_xlabel(i18n.t("item_analysis.chart.r_axis", language), fontproperties=font)
    right.set_title(i18n.t("item_analysis.chart.r_title", language), fontproperties=font)
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
    title = i18n.t(
        "item_analysis.chart.title", language, students=len(analysis.groups), items=count
    )
    fig.suptitle(title, fontproperties=font)
    return fig


def save(analysis: ItemAnalysis, out_dir: str | Path, *, language: str = "ko") -> dict[str, Path]:
    """Write ``item-analysis.csv``, ``item-options.csv`` (and ``item-parts.csv``,
    ``item-variants.csv``, ``item-attempts.csv`` when there are such figures), all
    UTF-8 with BOM; ``item-analysis.xlsx`` with one labelled sheet per table; and
    ``item-analysis.png``. Text cells Excel would read as a formula are neutralised."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = {"analysis": analysis.table(language), "options": analysis.options.round(4)}
    for name, frame in (
        ("parts", analysis.parts),
        ("variants", analysis.variants),
        ("attempts", analysis.attempts),
    ):
        if frame is not None:
            tables[name] = frame.round(4)
    paths: dict[str, Path] = {}
    for name, frame in tables.items():
        path = out / ("item-analysis.csv" if name == "analysis" else f"item-{name}.csv")
        paths[name] = write_frame_csv(path, frame)
    paths["excel"] = out / "item-analysis.xlsx"
    write_excel(
        paths["excel"],
        {
            i18n.t(f"item_analysis.sheet.{n}", language): analysis.labelled(f, language)
            for n, f in tables.items()
        },
    )
    paths["chart"] = out / "item-analysis.png"
    with atomic_output(paths["chart"]) as tmp:
        figure(analysis, language).savefig(tmp, dpi=120, format="png")
    return paths
