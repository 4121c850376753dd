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
from .answers import ANSWER_SHOWN, SELF_CHECK, Feedback
from .palette import PALETTE, css

__all__ = [
    "CSS_PREFIX",
    "VERDICT_CSS",
    "escape",
    "feedback_html",
    "markdown_text",
    "other_language",
    "practice_lines",
]

CSS_PREFIX = "dokhae"
"""The prefix of every CSS class dokhae's HTML carries (``dokhae-verdict``, ...)."""

VERDICT_CSS = f"""
.dokhae .dokhae-verdict {{
  display: inline-block; padding: 2px 8px; margin: 2px 0; border-left: 4px solid;
  border-radius: 3px; font-weight: bold;
}}
.dokhae .dokhae-verdict.dokhae-correct {{ {css("correct")} }}
.dokhae .dokhae-verdict.dokhae-correct::before {{ content: "✔ "; }}
.dokhae .dokhae-verdict.dokhae-wrong {{ {css("wrong")} }}
.dokhae .dokhae-verdict.dokhae-wrong::before {{ content: "✘ "; }}
.dokhae .dokhae-verdict.dokhae-partial {{ {css("partial")} }}
.dokhae .dokhae-verdict.dokhae-partial::before {{ content: "◐ "; }}
.dokhae .dokhae-right .dokhae-mark {{ color: {PALETTE["correct"].text}; font-weight: bold; font-size: 1.25em; }}
.dokhae .dokhae-wrong .dokhae-mark {{ color: {PALETTE["wrong"].text}; font-weight: bold; font-size: 1.25em; }}
""".strip()
"""The look of a verdict (``<div class="dokhae-verdict dokhae-<status>">`` inside a
``.dokhae`` element), one place for every view and for ``check()``'s display: coloured and
marked, ✔ right, ✘ wrong, ◐ partly right (walk-through 12). Text and background are
both set, so the contrast is at least 4.5:1 in light and dark themes; the colours are\n:data:`dokhae.palette.PALETTE`'s. The ✓/✗ marks of matching rows take the verdict inks."""


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


def practice_lines(
    feedback: Feedback, lang: str, *, reveal: bool = True, hint: bool = True
) -> list[tuple[str, str, str]]:
    """What the practice policy adds under a verdict, as ``(css name, language, text)``:
    the steps of a multi-step answer, the mistake made (both languages), and, when the
    answer is not shown (``reveal`` false), the tries left and the next hint
    (``hint=False`` leaves the hint to a view that shows hints itself). Shared by :func:`feedback_html` and the plain
    text of ``check()``."""
    other = other_language(lang)
    lines: list[tuple[str, str, str]] = []
    for step in feedback.steps:
        label = i18n.t(f"step.{step.name}", lang)
        lines.append(("step", lang, f"{'✔' if step.right else '✘'} {step.name} ({label})"))
    if feedback.mistake is not None:
        lines.append(("mistake", lang, feedback.mistake(lang)))
        lines.append(("mistake-other", other, feedback.mistake(other)))
    if feedback.status in ("wrong", "partial") and not reveal:
        if feedback.tries_left:
            lines.append(
                ("tries-left", lang, i18n.t("practice.tries_left", lang, n=feedback.tries_left))
            )
        if hint and feedback.next_hint is not None:
            label = i18n.t("practice.next_hint", lang, n=feedback.hint_number)
            lines.append(("next-hint", lang, f"💡 {label} {feedback.next_hint(lang)}"))
            lines.append(("next-hint-other", other, feedback.next_hint(other)))
    return lines


def feedback_html(feedback: Feedback, lang: str, *, reveal: bool = True, hint: bool = True) -> str:
    """Feedback as escaped HTML: the verdict, what the practice policy adds
    (:func:`practice_lines`), and the right answer and explanation in both languages.

    The right answer and the explanation are shown only when ``reveal`` is true and the
    answer was judged or asked for ("Show answer"); an empty or unreadable answer gets
    only the message. To follow the tries policy a view passes
    ``reveal=<practice> and feedback.reveal``.
    """
    other = other_language(lang)
    parts = [
        (
            f'<div class="{CSS_PREFIX}-verdict {CSS_PREFIX}-{feedback.status}">'
            f"{escape(feedback.message(lang))}</div>"
        )
    ]
    for name, language, text in practice_lines(feedback, lang, reveal=reveal, hint=hint):
        style = ' style="opacity:0.75"' if language != lang else ""
        parts.append(
            f'<div class="{CSS_PREFIX}-{name}" lang="{language}"{style}>{escape(text)}</div>'
        )
    judged = feedback.status in ("correct", "wrong", "partial")
    if reveal and (judged or feedback.message_key in (ANSWER_SHOWN, SELF_CHECK)):
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
