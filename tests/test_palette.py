"""The colours of dokhae's views keep WCAG 2.1 AA contrast (KWCAG 2.2), from one place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dokhae import palette
from dokhae.palette import FOCUS, PALETTE, contrast_ratio
from dokhae.widgets._base import STYLESHEET

SRC = Path(__file__).resolve().parents[1] / "src" / "dokhae"


def test_contrast_ratio_is_the_wcag_formula():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast_ratio("#777777", "#ffffff") < 4.5
    with pytest.raises(ValueError, match="rrggbb"):
        contrast_ratio("red", "#ffffff")


@pytest.mark.parametrize("name", sorted(PALETTE))
def test_text_on_its_background_meets_4_5(name):
    colours = PALETTE[name]
    assert contrast_ratio(colours.text, colours.background) >= palette.TEXT_CONTRAST, name


@pytest.mark.parametrize("name", sorted(n for n, c in PALETTE.items() if c.border))
def test_borders_are_seen_against_white(name):
    assert contrast_ratio(PALETTE[name].border, "#ffffff") >= palette.UI_CONTRAST, name


def test_focus_ring_is_seen_against_white_and_the_highlights():
    for background in ["#ffffff", PALETTE["term"].background, PALETTE["correct"].background]:
        assert contrast_ratio(FOCUS, background) >= palette.UI_CONTRAST


def test_the_stylesheet_uses_only_palette_colours():
    used = set(re.findall(r"#[0-9a-fA-F]{6}\b", STYLESHEET))
    allowed = {c for colours in PALETTE.values() for c in colours if c} | {FOCUS}
    assert used, "the stylesheet sets colours"
    assert used <= allowed, used - allowed


def test_widget_code_defines_no_colour_of_its_own():
    """Colours live in palette.py: no widget module writes a #rrggbb of its own."""
    offenders = [
        path.relative_to(SRC).as_posix()
        for path in (SRC / "widgets").rglob("*")
        if path.suffix in (".py", ".css", ".js")
        and path.name != "palette.py"
        and re.search(r"#[0-9a-fA-F]{6}\b", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
