"""Tests of dokhae.plots: the certificates-per-tonne figure, its Korean font, and axes of
whole counts."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import warnings

import matplotlib
import pytest
from matplotlib import font_manager, ft2font
from matplotlib.figure import Figure

from dokhae import cbam
from dokhae.plots import LABELS, certificates_per_tonne_plot, count_axis, korean_font_path


def test_korean_font_has_hangul_glyphs():
    font = ft2font.FT2Font(str(korean_font_path()))
    assert font.get_char_index(ord("한")) != 0
    hangul = {ch for text in LABELS["ko"].values() for ch in text if "\uac00" <= ch <= "\ud7a3"}
    assert hangul, "the Korean labels contain Hangul"
    assert all(font.get_char_index(ord(ch)) != 0 for ch in hangul)


def test_korean_texts_use_the_korean_font():
    fig = certificates_per_tonne_plot()
    ax = fig.axes[0]
    assert fig.texts  # the suptitle
    for text in (*fig.texts, ax.xaxis.label, ax.yaxis.label, ax.title):
        path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert path == str(korean_font_path())


def test_korean_figure_renders_without_missing_glyphs():
    fig = certificates_per_tonne_plot(language="ko")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would be a warning
        fig.savefig(io.BytesIO(), format="png", dpi=50)


def test_labels_in_both_languages():
    ko = certificates_per_tonne_plot(language="ko")
    en = certificates_per_tonne_plot(language="en")
    assert ko.get_suptitle() == "한국산 열연강판 1톤당 CBAM 인증서 (2026–2034년)"
    assert en.get_suptitle() == "CBAM certificates per tonne of Korean hot-rolled coil, 2026–2034"
    assert ko.axes[0].get_xlabel() == LABELS["ko"]["xlabel"]
    assert en.axes[0].get_ylabel() == LABELS["en"]["ylabel"]
    assert set(LABELS["ko"]) == set(LABELS["en"])


def test_labels_can_be_replaced():
    fig = certificates_per_tonne_plot(dv=2.10, language="en", labels={"title": "Japanese coil"})
    assert fig.get_suptitle() == "Japanese coil"


def test_bars_are_the_certificates_per_tonne():
    years = list(range(2026, 2035))
    fig = certificates_per_tonne_plot()
    assert isinstance(fig, Figure)
    bars = fig.axes[0].patches
    charged = [b.get_height() for b in bars[: len(years)]]
    deducted = [b.get_height() for b in bars[len(years) :]]
    expected = [cbam.certificates(1, cbam.default_see(2.12, y), y, 1.370) for y in years]
    assert charged == pytest.approx(expected)
    assert charged[0] == pytest.approx(0.99625)  # E10: 996.25 per 1,000 t
    assert charged[4] == pytest.approx(2.05045)
    assert charged[-1] == pytest.approx(2.756)
    assert [c + d for c, d in zip(charged, deducted)] == pytest.approx(
        [cbam.default_see(2.12, y) for y in years]
    )


def test_no_global_matplotlib_settings_change():
    before = dict(matplotlib.rcParams)
    certificates_per_tonne_plot()
    assert dict(matplotlib.rcParams) == before
    assert "koreanize_matplotlib" not in sys.modules


def test_importing_plots_does_not_import_matplotlib():
    code = "import sys, dokhae.plots; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"language": "ja"}, "language = 'ja' is not available; use one of: ko, en"),
        ({"years": []}, "years = [] is empty"),
        ({"years": range(2025, 2030)}, "year = 2025 is before 2026"),
        ({"benchmark": 0}, "benchmark = 0 is not positive"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        certificates_per_tonne_plot(**kwargs)


def tick_values(axis) -> list[float]:
    """The ticks the axis shows once drawn (inside its limits)."""
    axis.axes.figure.canvas.draw()
    low, high = sorted(axis.get_view_interval())
    return [t for t in axis.get_ticklocs() if low <= t <= high]


def bars_of(heights: list[int], *, horizontal: bool = False):
    fig = Figure()
    ax = fig.add_subplot()
    (ax.barh if horizontal else ax.bar)(range(len(heights)), heights)
    return ax


@pytest.mark.parametrize("heights", [[1, 0], [1, 1, 0], [2, 1], [3, 2, 1]])
def test_an_axis_of_counts_has_whole_number_ticks(heights):
    ax = bars_of(heights)
    assert any(not t.is_integer() for t in tick_values(ax.yaxis))  # matplotlib: 0.2, 0.4, ...
    count_axis(ax)
    ticks = tick_values(ax.yaxis)
    assert all(t.is_integer() for t in ticks), ticks
    assert ticks[0] == 0 and ticks[-1] >= max(heights)


def test_a_horizontal_axis_of_counts_and_no_counts_yet():
    ax = bars_of([1, 0], horizontal=True)
    count_axis(ax, "x")
    assert tick_values(ax.xaxis) == [0, 1]
    empty = bars_of([0, 0])
    count_axis(empty)
    assert empty.get_ylim() == (0, 1)  # reaches 1 even before anything is counted
    assert tick_values(empty.yaxis) == [0, 1]
    with pytest.raises(ValueError, match="which = 'z' is not an axis"):
        count_axis(empty, "z")


def test_the_progress_chart_counts_in_whole_numbers(lesson):
    """One answered exam item: the chart of 05 said 0.2, 0.4, 0.6, 0.8 on its axis."""
    from dokhae.session import Session
    from dokhae.tables import progress_chart
    from dokhae.widgets.exam import exam_item

    session = Session(lesson)
    view = exam_item("grammar-1", session)
    view.choice.value = lesson.exam_items["grammar-1"].key
    view.check()
    ax = progress_chart(session, "ko").axes[0]
    assert [b.get_height() for b in ax.patches] == [1, 1]  # answered, correct
    assert tick_values(ax.yaxis) == [0, 1]
