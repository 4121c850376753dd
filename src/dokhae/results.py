"""Answers computed in a code cell: ``check("<exercise id>", value)`` and its result.

``check`` takes the same path as a widget click (:meth:`dokhae.session.Session.answer`:
judged by the core, recorded in the progress store) and returns a :class:`Result`, a
display object, not a widget. In JupyterLab it shows the bilingual feedback as HTML; its
plain text (what strict nbval compares) is deterministic: no addresses, no times.

>>> check("e09-certificates-after-faa", 4981.25)          # doctest: +SKIP
✔ 정답입니다! / Correct!
내 답: 4,981.25
해설: N = max(0, DV × (1 + 가산율) − CF × BM) × M입니다. ...
Explanation: N = max(0, DV × (1 + mark-up) − CF × BM) × M. ...
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Number
from typing import Any

from . import i18n
from .answers import Feedback, format_number
from .markup import escape, feedback_html
from .problems import close_matches
from .progress import ProgressStoreError
from .session import Session, UnknownExerciseError, current_session

__all__ = ["Result", "answer_through", "check", "unknown_message"]

SYMBOLS = {
    "correct": "✔",
    "wrong": "✘",
    "partial": "◑",
    "unanswered": "?",
    "pending": "✎",
    "unknown": "⚠",
}


def _other(lang: str) -> str:
    return "en" if lang == "ko" else "ko"


def answer_through(session: Session, exercise_id: str, value: Any) -> tuple[Feedback, bool]:
    """``session.answer(...)`` and whether it was saved: when the progress file cannot
    be written the answer is still judged (``session.feedback``), ``saved`` is False.

    Raises:
        dokhae.session.UnknownExerciseError: no such exercise in the session's lesson.
    """
    try:
        return session.answer(exercise_id, value), True
    except ProgressStoreError:
        return session.feedback(exercise_id, value), False


def unknown_message(session: Session, exercise_id: object, lang: str) -> str:
    """One line in ``lang``: the session has no such exercise; the closest ids.

    The session says what it holds (:meth:`~dokhae.session.Session.exercise_ids`, and
    :meth:`~dokhae.session.Session.unknown_text`): for an assignment only its own
    exercises are suggested (and the lesson is not loaded)."""
    message = session.unknown_text(exercise_id, lang)
    close = close_matches(exercise_id, session.exercise_ids())
    if close:
        message += " " + i18n.t(
            "quiz.did_you_mean", lang, matches=", ".join(repr(c) for c in close)
        )
    return message


def _shown_value(value: Any) -> str:
    """The answer as shown back: numbers as ``4,981.25`` (12 significant digits)."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, Number) or hasattr(value, "__float__"):
        try:
            return format_number(float(value))
        except (TypeError, ValueError, OverflowError):
            pass
    return str(value)


@dataclass(frozen=True, repr=False)
class Result:
    """What ``check(...)`` returns: the feedback on one answer, for display.

    Attributes:
        exercise_id: the id checked.
        value: the value given.
        feedback: the :class:`~dokhae.answers.Feedback`, or None when the id is unknown.
        lang: the interface language of the texts.
        message: for an unknown id, the one-line message naming close ids.
        message_other: the same message in the other language.
        saved: False when the progress store could not record the answer.
        reveal: whether the right answer and the explanation are shown (practice).
    """

    exercise_id: str
    value: Any
    feedback: Feedback | None
    lang: str
    message: str | None = None
    saved: bool = True
    message_other: str | None = None
    reveal: bool = True

    @property
    def status(self) -> str:
        """The feedback status, or ``"unknown"`` for an id not in the lesson."""
        return self.feedback.status if self.feedback is not None else "unknown"

    @property
    def correct(self) -> bool:
        return self.feedback is not None and self.feedback.correct

    @property
    def score(self) -> float:
        return self.feedback.score if self.feedback is not None else 0.0

    def lines(self) -> list[str]:
        """The plain-text lines of the result (see ``__repr__``)."""
        symbol = SYMBOLS[self.status]
        if self.feedback is None:
            return [f"{symbol} {self.message}"] + (
                [self.message_other] if self.message_other else []
            )
        fb, lang, other = self.feedback, self.lang, _other(self.lang)
        lines = [f"{symbol} {fb.message(lang)} / {fb.message(other)}"]
        if fb.answered:
            lines.append(i18n.t("feedback.your_answer", lang, answer=_shown_value(self.value)))
        judged = fb.status in ("correct", "wrong", "partial")
        if self.reveal and judged:
            if fb.expected and not fb.correct:
                lines.append(i18n.t("feedback.the_answer_is", lang, answer=fb.expected))
            if fb.explanation is not None:
                for language in (lang, other):
                    lines.append(
                        f"{i18n.t('feedback.explanation', language)}: {fb.explanation(language)}"
                    )
        if not self.saved:
            lines.append(
                f"{i18n.t('feedback.not_saved', lang)} / {i18n.t('feedback.not_saved', other)}"
            )
        return lines

    def __repr__(self) -> str:
        return "\n".join(self.lines())

    __str__ = __repr__

    def _repr_html_(self) -> str:
        status = self.status
        if self.feedback is None:
            body = f'<div class="dokhae-verdict dokhae-unknown">{escape(self.message)}</div>'
            if self.message_other:
                body += f'\n<div class="dokhae-other-language">{escape(self.message_other)}</div>'

        else:
            fb = self.feedback
            body = feedback_html(fb, self.lang, reveal=self.reveal)
            if fb.answered:
                verdict, _, rest = body.partition("\n")
                mine = i18n.t("feedback.your_answer", self.lang, answer=_shown_value(self.value))
                mine = f'<div class="dokhae-your-answer">{escape(mine)}</div>'
                body = "\n".join(p for p in (verdict, mine, rest) if p)
            if not self.saved:
                body += (
                    f'\n<div class="dokhae-not-saved">'
                    f"{escape(i18n.t('feedback.not_saved', self.lang))}</div>"
                )
        return (
            f'<div class="dokhae dokhae-result dokhae-result-{status}" '
            f'lang="{self.lang}">\n{body}\n</div>'
        )


def check(
    exercise_id: str, value: Any, *, session: Session | None = None, lang: str | None = None
) -> Result:
    """Check an answer computed in Python (or typed) and record it.

    Args:
        exercise_id: a question id or an arithmetic template id of the lesson
            (``"e09-certificates-after-faa"``, ``"hiatus-months"``).
        value: the answer: a number (int, float, numpy number, Decimal), a text such as
            ``"4,981 certificates"``, a choice id, a list (ordering) or a dict (matching).
        session: the session to use; None uses this kernel's (``dokhae.start(...)``).
        lang: the language of the texts; None uses the current setting.

    Returns:
        a :class:`Result` that shows the bilingual feedback. An unknown id gives a
        Result with a one-line message naming the closest ids, not an exception.
    """
    s = session if session is not None else current_session()
    language = i18n.get_language() if lang is None else lang
    reveal = getattr(s, "mode", "practice") == "practice"
    try:
        if not isinstance(exercise_id, str):  # check(5, ...), check(["a"], ...): no such id
            raise UnknownExerciseError(repr(exercise_id))
        feedback, saved = answer_through(s, exercise_id, value)
    except UnknownExerciseError:
        return Result(
            str(exercise_id),
            value,
            None,
            language,
            message=unknown_message(s, exercise_id, language),
            reveal=reveal,
            message_other=unknown_message(s, exercise_id, _other(language)),
        )
    return Result(str(exercise_id), value, feedback, language, saved=saved, reveal=reveal)
