"""Plots for the CBAM lesson.

Figures are built with :class:`matplotlib.figure.Figure` directly (no pyplot state, no
double display in Jupyter).  Korean text is drawn with the NanumGothic font that the
``koreanize-matplotlib`` package bundles; the font file is found without importing that
package (its import changes matplotlib's global settings) and only the texts of our own
figure use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import util
from pathlib import Path
from typing import TYPE_CHECKING

from . import cbam, i18n

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

__all__ = [
    "LABELS",
    "certificates_per_tonne_plot",
    "chart_font",
    "count_axis",
    "korean_font_path",
    "report_font",
    "with_text_alternative",
]


class _Labels(Mapping[str, Mapping[str, str]]):
    """The chart's texts by language (``LABELS["ko"]["xlabel"]``), read from the i18n
    catalogs (keys ``plot.<name>``) when asked for. ``{dv}``, ``{benchmark}``,
    ``{first}`` and ``{last}`` in them are filled in when the chart is drawn."""

    def __getitem__(self, language: str) -> Mapping[str, str]:
        if language not in i18n.LANGUAGES:
            raise KeyError(language)
        return {
            key.removeprefix("plot."): text
            for key, text in i18n.catalog(language).items()
            if key.startswith("plot.")
        }

    def __iter__(self) -> Iterator[str]:
        return iter(i18n.LANGUAGES)

    def __len__(self) -> int:
        return len(i18n.LANGUAGES)


LABELS: Mapping[str, Mapping[str, str]] = _Labels()
"""The chart's texts by language; :func:`certificates_per_tonne_plot` takes replacements."""

_KOREAN_FONT_FILE = "NanumGothic.ttf"


@cache
def korean_font_path() -> Path:
    """The NanumGothic font file bundled with koreanize-matplotlib (has Hangul glyphs).

    Raises:
        FileNotFoundError: koreanize-matplotlib is not installed.
    """
    spec = util.find_spec("koreanize_matplotlib")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "koreanize-matplotlib is not installed, so there is no Korean font for plots; "
            "install it with: pip install koreanize-matplotlib==0.1.1"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / _KOREAN_FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"the Korean font {path} is missing; reinstall koreanize-matplotlib"
        )
    return path


@cache
def _korean_family() -> str:
    """Register the Korean font with matplotlib once (changes no setting); its family name."""
    from matplotlib import font_manager

    path = str(korean_font_path())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def chart_font(language: str) -> FontProperties:
    """The font for a chart's text: the bundled Korean font for ``"ko"``, matplotlib's default otherwise."""
    from matplotlib import font_manager

    if language != "ko":
        return font_manager.FontProperties()
    # DejaVu Sans as fallback for any glyph the Korean font lacks.
    return font_manager.FontProperties(family=[_korean_family(), "DejaVu Sans"])


def report_font(language: str) -> FontProperties:
    """:func:`chart_font`, or matplotlib's default font when the Korean font is missing:
    a teacher's report is still drawn (its Korean letters may show as boxes)."""
    from matplotlib import font_manager

    try:
        return chart_font(language)
    except FileNotFoundError:
        return font_manager.FontProperties()


def count_axis(ax: Axes, which: str = "y") -> None:
    """Make the ``which`` axis (``"y"`` or ``"x"``) of ``ax`` an axis of whole counts
    (answers, students): ticks on whole numbers only, from 0 and up to at least 1.

    matplotlib places ticks for any number, so a chart of one or two answers showed
    0.2, 0.4, 0.6 on its axis of counts (05's progress chart). Call it after the bars
    are drawn: the upper limit is read from them.
    """
    from matplotlib.ticker import MaxNLocator

    if which not in ("x", "y"):
        raise ValueError(f"which = {which!r} is not an axis; use 'x' or 'y'")
    axis = ax.yaxis if which == "y" else ax.xaxis
    axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    limits = ax.get_ylim if which == "y" else ax.get_xlim
    set_limits = ax.set_ylim if which == "y" else ax.set_xlim
    set_limits(0, max(1.0, limits()[1]))


def with_text_alternative(fig: Figure, text: str) -> Figure:
    """``fig``, shown in a notebook as an image with ``text`` as its text alternative
    (``alt``, KWCAG/WCAG 1.1.1): JupyterLab draws a plain PNG output without one, so the
    figure also gives HTML (``<img alt=...>``, preferred by JupyterLab), with the same PNG."""
    import base64
    import io

    from .markup import escape

    def html() -> str:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        return (
            f'<img class="dokhae-chart" src="data:image/png;base64,{data}" '
            f'alt="{escape(text)}" style="max-width:100%">'
        )

    fig._repr_html_ = html  # type: ignore[method-assign]  # IPython asks the instance
    fig.dokhae_alt = text  # type: ignore[attr-defined]
    return fig


def certificates_per_tonne_plot(
    dv: float = 2.12,
    benchmark: float = cbam.HOT_ROLLED_BF_BOF_BENCHMARK,
    years: Iterable[int] = range(2026, 2035),
    language: str = "ko",
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """Certificates per tonne of steel by import year as free allocation is phased out.

    Each bar is the default SEE with the year's mark-up (``cbam.default_see``); its lower
    part is what must be bought and surrendered (``cbam.certificates`` for 1 t, CSCF 1),
    its upper part what the free-allocation adjustment takes off.

    Args:
        dv: default value, t CO2e/t (2.12 = Korea, hot-rolled flats 7208, BF/BOF).
        benchmark: CBAM benchmark Column B, t CO2e/t (1.370 = hot-rolled flats, BF/BOF).
        years: import years, each 2026 or later.
        language: ``"ko"`` or ``"en"`` for the title, axis labels and legend.
        labels: replacements for entries of :data:`LABELS` (e.g. another title for
            Japanese steel).

    Returns:
        A matplotlib Figure (shown when it is a cell's last value in Jupyter).

    Raises:
        ValueError: an unknown language, or arguments ``dokhae.cbam`` rejects (a year before
            2026, a benchmark not above 0, …).
    """
    if language not in LABELS:
        raise ValueError(
            f"language = {language!r} is not available; use one of: {', '.join(LABELS)}"
        )
    years = list(years)
    if not years:
        raise ValueError(
            "years = [] is empty; give at least one import year, e.g. range(2026, 2035)"
        )
    text = {**LABELS[language], **(labels or {})}
    see = [cbam.default_see(dv, y) for y in years]
    charged = [cbam.certificates(1.0, s, y, benchmark) for s, y in zip(see, years)]
    deducted = [s - c for s, c in zip(see, charged)]

    from matplotlib.figure import Figure

    font = chart_font(language)
    fig = Figure(figsize=(8, 4.8), layout="constrained")
    ax = fig.add_subplot()
    ax.bar(years, charged, color="#c0392b", label=text["charged"])
    ax.bar(years, deducted, bottom=charged, color="#bdc3c7", label=text["deducted"])
    for y, c in zip(years, charged):
        ax.annotate(
            f"{c:.2f}",
            (y, c),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
            fontproperties=font,
        )
    fill = {"dv": f"{dv:g}", "benchmark": f"{benchmark:.3f}", "first": years[0], "last": years[-1]}
    fig.suptitle(text["title"].format(**fill), fontproperties=font, fontsize=13)
    ax.set_title(text["subtitle"].format(**fill), fontproperties=font, fontsize=9, color="#555555")
    ax.set_xlabel(text["xlabel"], fontproperties=font)
    ax.set_ylabel(text["ylabel"], fontproperties=font)
    ax.set_xticks(years)
    ax.set_ylim(0, max(see) * 1.1)
    fig.legend(prop=font, loc="outside lower center", ncols=2, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    values = ", ".join(
        i18n.t("listening.chart_year_value", language, year=y, value=f"{c:.2f}")
        for y, c in zip(years, charged)
    )
    alt = i18n.t("listening.chart_certificates", language, title=fig.get_suptitle(), values=values)
    return with_text_alternative(fig, alt)
