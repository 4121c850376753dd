"""Escaped HTML of feedback: shared by ``check()``'s display (:mod:`dokhae.results`) and
the widgets (:mod:`dokhae.widgets`), so both show a verdict and an explanation alike.

Everything shown passes through :func:`escape`: student answers and glossary rows are
text, never markup. Text put into Markdown (a student's notebook: roster names, lesson
titles) passes through :func:`markdown_text`.
"""

from __future__ import annotations

import html
import re

from . import i18n
from .answers import Feedback

__all__ = ["CSS_PREFIX", "escape", "feedback_html", "markdown_text", "other_language"]

CSS_PREFIX = "dokhae"
"""The prefix of every CSS class dokhae's HTML carries (``dokhae-verdict``, ...)."""


def escape(value: object) -> str:
    """``value`` as HTML text: ``<img src=x onerror=...>`` shows as those characters."""
    return html.escape(str(value), quote=True)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_MARKDOWN_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")


def markdown_text(value: object) -> str:
    """``value`` as plain text inside Markdown: HTML escaped (``<img ...>`` shows as those
    characters), every Markdown punctuation mark backslash-escaped (``**``, ``[link](...)``,
    a leading ``#``), and line breaks made spaces, so a roster name or a title never turns
    into a heading, a link, an image or a script in the notebook it is written into."""
    flat = " ".join(str(value).split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", escape(flat))
    # a list item or a heading underline only at the start
    return _MARKDOWN_LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def other_language(lang: str) -> str:
    """The other interface language: ``"en"`` for ``"ko"``, ``"ko"`` for ``"en"``."""
    return "en" if lang == "ko" else "ko"


def feedback_html(feedback: Feedback, lang: str, *, reveal: bool = True) -> str:
    """Feedback as escaped HTML: the verdict, and the explanation in both languages.

    The explanation and the right answer are shown only when ``reveal`` is true and the
    answer was judged (an empty or unreadable answer gets only the message).
    """
    other = other_language(lang)
    parts = [
        (
            f'<div class="{CSS_PREFIX}-verdict {CSS_PREFIX}-{feedback.status}">'
            f"{escape(feedback.message(lang))}</div>"
        )
    ]
    if reveal and feedback.status in ("correct", "wrong", "partial"):
        if feedback.expected and not feedback.correct:
            parts.append(
                f'<div class="{CSS_PREFIX}-expected">'
                f"{escape(i18n.t('feedback.the_answer_is', lang, answer=feedback.expected))}</div>"
            )
        if feedback.explanation is not None:
            parts.append(
                f'<div class="{CSS_PREFIX}-explanation" lang="{lang}">'
                f"<b>{escape(i18n.t('feedback.explanation', lang))}</b> "
                f"{escape(feedback.explanation(lang))}</div>"
            )
            parts.append(
                f'<div class="{CSS_PREFIX}-explanation-other" lang="{other}" '
                f'style="opacity:0.75">{escape(feedback.explanation(other))}</div>'
            )
    return "\n".join(parts)
