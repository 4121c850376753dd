"""What every dokhae view shares: CSS classes, the plain-text fallback, escaped feedback.

Views are ipywidgets containers whose logic lives in the core; here is only the
presentation they have in common. Everything shown in an HTML widget passes through
:func:`escape`: glossary rows and student answers are text, never markup.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from .. import i18n
from ..answers import Feedback

CSS_PREFIX = "dokhae"


def escape(value: object) -> str:
    """``value`` as HTML text: ``<img src=x onerror=...>`` shows as those characters."""
    return html.escape(str(value), quote=True)


def language(value: str | None = None) -> str:
    """The interface language to use: ``value`` if given, else the current setting."""
    return i18n.get_language() if value is None else value


class View(widgets.VBox):
    """Base of the dokhae views: stable CSS classes and a friendly fallback.

    ``kind`` names the view in CSS (``dokhae-<kind>``) and in the fallback text shown
    before the cell has run (the catalog key ``fallback.<kind>``).
    """

    kind = "view"

    def __init__(self, children: tuple = (), *, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(children=children, **kwargs)
        self.lang = language(lang)
        self.add_class(CSS_PREFIX)
        self.add_class(f"{CSS_PREFIX}-{self.kind}")

    def t(self, key: str, **fields: object) -> str:
        return i18n.t(key, self.lang, **fields)

    def __repr__(self) -> str:
        # Shown as text/plain where the widget cannot render (before the cell runs).
        return fallback_text(self.kind)


def fallback_text(kind: str) -> str:
    """The bilingual instruction shown instead of a widget that is not running."""
    ko, en = (i18n.t(f"fallback.{kind}", lang) for lang in ("ko", "en"))
    return f"▶ {ko}\n▶ {en}"


def classed(widget: widgets.Widget, *names: str) -> widgets.Widget:
    """Add ``dokhae-<name>`` classes to a widget and return it."""
    for name in names:
        widget.add_class(f"{CSS_PREFIX}-{name}")
    return widget


def button(label: str, name: str, **kwargs: Any) -> widgets.Button:
    """A real (keyboard-focusable) button with a stable class ``dokhae-<name>``."""
    return classed(widgets.Button(description=label, tooltip=label, **kwargs), "button", name)


STATUS_STYLE = {"correct": "success", "wrong": "danger", "partial": "warning",
                "unanswered": "info", "pending": "info"}


def feedback_html(feedback: Feedback, lang: str, *, reveal: bool = True) -> str:
    """Feedback as escaped HTML: the verdict, and the explanation in both languages.

    The explanation and the right answer are shown only when ``reveal`` is true and the
    answer was judged (an empty or unreadable answer gets only the message).
    """
    other = "en" if lang == "ko" else "ko"
    parts = [f'<div class="{CSS_PREFIX}-verdict {CSS_PREFIX}-{feedback.status}">'
             f"{escape(feedback.message(lang))}</div>"]
    if reveal and feedback.status in ("correct", "wrong", "partial"):
        if feedback.expected and not feedback.correct:
            parts.append(f'<div class="{CSS_PREFIX}-expected">'
                         f"{escape(i18n.t('feedback.the_answer_is', lang, answer=feedback.expected))}</div>")
        if feedback.explanation is not None:
            parts.append(f'<div class="{CSS_PREFIX}-explanation" lang="{lang}">'
                         f"<b>{escape(i18n.t('feedback.explanation', lang))}</b> "
                         f"{escape(feedback.explanation(lang))}</div>")
            parts.append(f'<div class="{CSS_PREFIX}-explanation-other" lang="{other}" '
                         f'style="opacity:0.75">{escape(feedback.explanation(other))}</div>')
    return "\n".join(parts)


def feedback_area() -> widgets.HTML:
    """An empty HTML widget for feedback, class ``dokhae-feedback``."""
    return classed(widgets.HTML(value=""), "feedback")
