"""Every colour dokhae's views draw with, in one place, and the contrast they must keep.

Each :class:`Colours` is the ink (``text``) and paper (``background``) of one kind of
highlight or feedback, and a ``border`` where it has one. The text on its background
meets WCAG 2.1 AA (KWCAG 2.2): at least :data:`TEXT_CONTRAST` (4.5:1); a border, the focus
ring included, at least :data:`UI_CONTRAST` (3:1) against white, so it is seen. The
colours are set with both ink and paper, so a dark JupyterLab theme does not put light
text on a light highlight. ``tests/test_palette.py`` checks every pair with
:func:`contrast_ratio` (the WCAG formula).

The verdicts (:data:`dokhae.markup.VERDICT_CSS`), the stylesheet of the views
(:data:`dokhae.widgets._base.STYLESHEET`), the reading view's
term buttons, the speak button and the dictation marks all take their colours from here.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "FOCUS",
    "PALETTE",
    "TEXT_CONTRAST",
    "UI_CONTRAST",
    "Colours",
    "button_style",
    "contrast_ratio",
    "css",
]

TEXT_CONTRAST = 4.5
UI_CONTRAST = 3.0


class Colours(NamedTuple):
    text: str
    background: str
    border: str | None = None


PALETTE: dict[str, Colours] = {
    # a question's verdict (✔ ✘ ◐)
    "correct": Colours("#1b5e20", "#e8f5e9", "#2e7d32"),
    "wrong": Colours("#b71c1c", "#ffebee", "#c62828"),
    "partial": Colours("#5d4000", "#fff8e1", "#8a6d00"),
    # a glossary term in the reading view, and the one whose gloss is open
    "term": Colours("#1a1a1a", "#fff3bf", "#8a6d00"),
    "term_selected": Colours("#1a1a1a", "#ffc94d", "#5d4000"),
    # a grammar pattern of the Korean text (an ending, a fixed expression)
    "grammar": Colours("#1a1a1a", "#d8ecff", "#1565c0"),
    # a word marked in a card's sentence (<mark>)
    "highlight": Colours("#1a1a1a", "#fff3bf"),
    # a step of an arithmetic answer
    "step": Colours("#1a1a1a", "#ffffff", "#767676"),
    "step_correct": Colours("#1a1a1a", "#ffffff", "#2e7d32"),
    "step_wrong": Colours("#1a1a1a", "#ffffff", "#c62828"),
    # the speak button and its "no voice" message
    "speak": Colours("#1a1a1a", "#ffffff", "#6b6b6b"),
    "notice": Colours("#4a3200", "#fff8e1", "#8a5a00"),
    # the words of a graded dictation
    "missed": Colours("#0d47a1", "#e3f2fd", "#1565c0"),
    "extra": Colours("#b71c1c", "#ffebee", "#c62828"),
    "misspelt": Colours("#5d4000", "#fff8e1", "#8a6d00"),
    "spacing": Colours("#4a148c", "#f3e5f5", "#6a1b9a"),
}

FOCUS = "#1a56b4"
"""The focus ring of every dokhae control (3 px, outside the control)."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) != 6:
        raise ValueError(f"colour {colour!r} is not #rrggbb")
    r, g, b = (int(hex_digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def button_style(name: str) -> dict[str, str]:
    """The ipywidgets ``ButtonStyle`` settings of the colours ``name``."""
    colours = PALETTE[name]
    return {"button_color": colours.background, "text_color": colours.text}


def css(name: str) -> str:
    """``color``, ``background`` (and ``border-color``) of the colours ``name``, for a rule."""
    colours = PALETTE[name]
    border = f" border-color: {colours.border};" if colours.border else ""
    return f"color: {colours.text}; background: {colours.background};{border}"
