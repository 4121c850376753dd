"""The chart of a 도표 item: a bar chart of its table, drawn with matplotlib (no pyplot state)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .items import ChartTable

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["chart_figure", "chart_png"]


def chart_figure(table: ChartTable) -> Figure:
    """A :class:`matplotlib.figure.Figure` with one labelled bar per row of ``table``."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 3.6), dpi=100)
    ax = fig.add_subplot()
    labels = [r.label for r in table.rows]
    values = [r.value for r in table.rows]
    bars = ax.bar(labels, values, color="#4a6fa5")
    ax.bar_label(bars, labels=[f"{v:g}" for v in values], padding=2, fontsize=9)
    ax.set_title(table.title, fontsize=10)
    ax.set_ylabel(table.unit, fontsize=9)
    ax.set_ylim(0, max(values) * 1.15 if max(values) > 0 else 1)
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.text(0.01, 0.01, f"Source: {table.source}", fontsize=6, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def chart_png(table: ChartTable) -> bytes:
    """The chart as PNG bytes (to save beside an exam or show in a notebook)."""
    buffer = io.BytesIO()
    chart_figure(table).savefig(buffer, format="png")
    return buffer.getvalue()
