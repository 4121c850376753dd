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

Tries before answers: a wrong try shows the verdict, the mistake it shows (if known), the
tries left and the next hint; the right answer and the explanation come after the
lesson's number of wrong tries or with :func:`show_answer` (see :mod:`dokhae.session`).
A multi-step exercise takes its named intermediate values, so the student sees where the
chain broke::

    check("e12-korea-full-chain", n_faa=n_faa, deduction=deduction, cost_krw=cost_krw)
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Number
from typing import Any

from . import i18n
from .answers import Feedback, format_number
from .arithmetic import UnknownStepError
from .markup import VERDICT_CSS, escape, feedback_html, practice_lines
from .problems import close_matches
from .progress import ProgressStoreError
from .session import Session, UnknownExerciseError, current_session

__all__ = [
    "SELF_MARKED",
    "Result",
    "answer_through",
    "check",
    "self_mark",
    "show_answer",
    "unknown_message",
]

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


def answer_through(
    session: Session, exercise_id: str, value: Any, steps: dict[str, Any] | None = None
) -> tuple[Feedback, bool]:
    """``session.answer(...)`` and whether it was saved: when the progress file cannot
    be written the answer is still judged (``session.judge``, with the tries policy),
    ``saved`` is False. ``steps`` (named intermediate values) count only in practice.

    Raises:
        dokhae.session.UnknownExerciseError: no such exercise in the session's lesson.
        dokhae.arithmetic.UnknownStepError: a step the exercise does not have.
    """
    practice = _is_practice(session)
    extra = {"steps": steps} if steps and practice else {}
    try:
        return session.answer(exercise_id, value, **extra), True
    except ProgressStoreError:
        if practice:
            return session.judge(exercise_id, value, **extra), False
        return session.feedback(exercise_id, value), False


def _is_practice(session: Session) -> bool:
    return getattr(session, "mode", "practice") == "practice"


SELF_MARKED = "self-marked"
"""The progress store's ``mode`` of a student's own mark of an open answer
(:func:`self_mark`)."""


def self_mark(session: Session, exercise_id: str, value: Any, right: bool) -> Feedback:
    """Record the student's own mark of an open answer the key cannot decide, after
    comparing it with the model answer (practice only: :data:`~dokhae.answers.SELF_CHECK`).

    The attempt keeps the status ``pending`` (a self-mark is never counted as correct),
    its score is the student's mark (1.0 "I had it", 0.0 "not yet") and its mode
    :data:`SELF_MARKED`, so the progress table can say "marked by you".

    Returns:
        the feedback to show (``pending``, ``practice_self.marked_right`` or
        ``practice_self.marked_wrong``).

    Raises:
        ValueError: not practice (the teacher marks an assignment), or the key decides
            this answer itself (only an undecided answer is self-marked).
        dokhae.session.UnknownExerciseError: no such exercise in the lesson.
        dokhae.progress.ProgressStoreError: the mark cannot be recorded.
    """
    if not _is_practice(session):
        raise ValueError("answers of an assignment are marked by the teacher, not self-marked")
    checked = session.feedback(exercise_id, value)
    if checked.status != "pending":
        raise ValueError(
            f"the answer {value!r} to {exercise_id} is {checked.status} by the key; only an "
            "answer the key cannot decide is self-marked"
        )
    key = "practice_self.marked_right" if right else "practice_self.marked_wrong"
    feedback = Feedback(
        "pending",
        explanation=checked.explanation,
        expected=checked.expected,
        score=1.0 if right else 0.0,
        message_key=key,
    )
    session.store.record_attempt(
        session.lesson.slug, exercise_id, value, feedback, mode=SELF_MARKED
    )
    return feedback


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
        reveal: whether the right answer and the explanation are shown: in practice,
            when the tries policy allows it (``feedback.reveal``); never in an assignment.
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
        for name, _language, text in practice_lines(fb, lang, reveal=self.reveal):
            if name == "tries-left":
                text += " " + i18n.t(
                    "practice.show_answer_call", lang, call=f'show_answer("{self.exercise_id}")'
                )
            lines.append(text)
        if self.reveal and fb.shows_answer:
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
        call = f'show_answer("{self.exercise_id}")'
        hint = i18n.t("practice.show_answer_call", self.lang, call=call)
        if self.feedback is None:
            body = f'<div class="dokhae-verdict dokhae-unknown">{escape(self.message)}</div>'
            if self.message_other:
                body += f'\n<div class="dokhae-other-language">{escape(self.message_other)}</div>'

        else:
            fb = self.feedback
            body = feedback_html(fb, self.lang, reveal=self.reveal)
            if fb.tries_left and not self.reveal:
                body += f'\n<div class="dokhae-show-answer-call">{escape(hint)}</div>'
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
        # the verdict's colours travel with it: a check() cell run alone has no widget
        # (whose stylesheet would colour it) on the page
        return (
            f"<style>{VERDICT_CSS}</style>\n"
            f'<div class="dokhae dokhae-result dokhae-result-{status}" '
            f'lang="{self.lang}">\n{body}\n</div>'
        )


def check(
    exercise_id: str,
    value: Any = None,
    *,
    session: Session | None = None,
    lang: str | None = None,
    **steps: Any,
) -> Result:
    """Check an answer computed in Python (or typed) and record it.

    Args:
        exercise_id: a question id or an arithmetic template id of the lesson
            (``"e09-certificates-after-faa"``, ``"hiatus-months"``).
        value: the answer: a number (int, float, numpy number, Decimal), a text such as
            ``"4,981 certificates"``, a choice id, a list (ordering) or a dict (matching).
        session: the session to use; None uses this kernel's (``dokhae.start(...)``).
        lang: the language of the texts; None uses the current setting.
        **steps: named intermediate values of a multi-step arithmetic exercise
            (``n_faa=…, deduction=…, cost_krw=…``); the last step is the answer when
            ``value`` is not given. Each is marked right or wrong.

    Returns:
        a :class:`Result` that shows the bilingual feedback, following the tries policy
        (a wrong try shows the next hint, not the answer). An unknown id or step gives a
        Result with a one-line message naming the closest ones, not an exception.
    """
    s = session if session is not None else current_session()
    language = i18n.get_language() if lang is None else lang
    practice = _is_practice(s)
    try:
        if not isinstance(exercise_id, str):  # check(5, ...), check(["a"], ...): no such id
            raise UnknownExerciseError(repr(exercise_id))
        feedback, saved = answer_through(s, exercise_id, value, steps)
    except UnknownExerciseError:
        return Result(
            str(exercise_id),
            value,
            None,
            language,
            message=unknown_message(s, exercise_id, language),
            reveal=practice,
            message_other=unknown_message(s, exercise_id, _other(language)),
        )
    except UnknownStepError as err:
        return Result(
            str(exercise_id),
            value,
            None,
            language,
            reveal=practice,
            message=i18n.t("practice.unknown_step", language, problem=str(err)),
            message_other=i18n.t("practice.unknown_step", _other(language), problem=str(err)),
        )
    shown = value if value is not None or not steps else next(reversed(steps.values()))
    return Result(
        str(exercise_id),
        shown,
        feedback,
        language,
        saved=saved,
        reveal=practice and feedback.reveal,
    )


def show_answer(
    exercise_id: str, *, session: Session | None = None, lang: str | None = None
) -> Result:
    """The right answer and the explanation of an exercise, asked for (the "Show answer"
    of a code cell): nothing is recorded."""
    s = session if session is not None else current_session()
    language = i18n.get_language() if lang is None else lang
    try:
        feedback = s.show_answer(exercise_id)
    except UnknownExerciseError:
        return Result(
            str(exercise_id),
            None,
            None,
            language,
            message=unknown_message(s, exercise_id, language),
            message_other=unknown_message(s, exercise_id, _other(language)),
        )
    return Result(str(exercise_id), None, feedback, language, reveal=_is_practice(s))
