"""One checker per question type, :func:`check_question` to pick it, and the checkers of a
number (:func:`check_number`, also for arithmetic exercises) and of a glossary term
(:func:`check_term`). Each takes a question of the lesson model (:mod:`dokhae.lesson`)
and the student's value and returns a :class:`~dokhae.answers.feedback.Feedback`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from numbers import Number
from typing import Any

from ..lesson import (
    Choice,
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    Text,
    TrueFalseNotGiven,
)
from .feedback import Feedback, _partial_credit, _question_feedback
from .keyboard import _is_abbreviation, keyboard_slip
from .korean import NO_KOREAN_WORDS, KoreanWords, glossary_korean_words, korean_answer
from .korean_numerals import counter_form_slip
from .normalize import _HANGUL, _answer_key, is_empty
from .numbers import AnswerFormatError, format_number, parse_number, within_tolerance
from .text import _match_text

__all__ = [
    "LATIN_ABBREVIATION",
    "LATIN_FOR_KOREAN",
    "NO_KOREAN_ANSWER",
    "check_cloze",
    "check_matching",
    "check_multiple_choice",
    "check_number",
    "check_numeric",
    "check_ordering",
    "check_question",
    "check_short_text",
    "check_term",
    "check_true_false_not_given",
    "question_korean_words",
]


def check_number(
    value: object,
    expected: float,
    tolerance: object = None,
    unit: str = "",
    *,
    explanation: Text | None = None,
    hint: Text | None = None,
) -> Feedback:
    """Check a number typed (or computed) by a student against ``expected``.

    Right when within ``tolerance`` (see :func:`within_tolerance`). An empty answer, a
    text that is not a number and a number in another unit are all ``unanswered``, with
    ``message_key`` ``feedback.unanswered``, ``answer.number_format`` or
    ``answer.unit_mismatch`` (fields ``given``, ``expected``), or, for a tuple of
    numbers (``x * 5,000`` in Python), ``practice.comma_tuple`` (field ``given``): the
    student is told what to fix, and the right answer is not revealed. A number in
    Korean words with a learner's known slip before a counter (하나 개 for 한 개, 오 개 for
    다섯 개) is read, and the slip named in ``mistake`` (:func:`counter_form_slip`).
    """
    shown = format_number(expected, unit)
    common: dict[str, Any] = {"explanation": explanation, "hint": hint}
    if isinstance(value, tuple) and _comma_tuple(value):  # `x * 5,000`: a tuple, not a number
        return Feedback(
            "unanswered",
            message_key="practice.comma_tuple",
            fields={"given": repr(value)},
            **common,
        )
    if is_empty(value):  # also [] and {}: nothing typed, not a badly written number
        return Feedback("unanswered", message_key="answer.empty", **common)
    try:
        number = parse_number(value, unit)
    except AnswerFormatError as err:
        return Feedback("unanswered", message_key=err.message_key, fields=err.fields, **common)
    if number is None:
        return Feedback("unanswered", message_key="answer.empty", **common)
    common["mistake"] = _counter_form_note(value)
    if within_tolerance(number, expected, tolerance):
        return Feedback("correct", expected=shown, score=1.0, **common)
    return Feedback("wrong", expected=shown, **common)


def _counter_form_note(value: object) -> Text | None:
    """The learner's known slip in a number in Korean words, named in both languages
    (하나 개: "before a counter, 하나 becomes 한"), or None."""
    slip = counter_form_slip(value)
    if slip is None:
        return None
    from .. import i18n

    key = f"answer_forms.counter_{slip.kind}"
    return Text(
        **{
            lang: i18n.t(key, lang, typed=slip.typed, form=slip.form, counter=slip.counter)
            for lang in ("en", "ko")
        }
    )


def _comma_tuple(value: object) -> bool:
    """A tuple of numbers: what Python makes of ``2.5 * 5,000`` (``(12.5, 0)``)."""
    return (
        isinstance(value, tuple)
        and len(value) > 1
        and all(isinstance(v, Number) and not isinstance(v, bool) for v in value)
    )


# --------------------------------------------------------------------------- questions


def check_multiple_choice(question: MultipleChoice, value: object) -> Feedback:
    """``value`` is a choice id (case ignored), a :class:`~dokhae.lesson.Choice`, or the
    text of a choice in English or Korean. A wrong choice with a ``why_wrong`` gives it
    as ``mistake`` (the explanation of that distractor). Nothing chosen is ``unanswered`` with
    ``answer.choose_first``; anything else is ``unanswered`` with
    ``answer.unknown_choice`` (field ``choices``: the ids)."""
    if isinstance(value, Choice):
        value = value.id
    if is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.choose_first")
    key = _answer_key(value)
    chosen = None
    for choice in question.choices:
        if key == _answer_key(choice.id):
            chosen = choice.id
            break
    if chosen is None:
        spaceless = _answer_key(value, drop_spaces=True)
        for choice in question.choices:
            if key == _answer_key(choice.en) or spaceless == _answer_key(
                choice.ko, drop_spaces=True
            ):
                chosen = choice.id
                break
    if chosen is None:
        return _question_feedback(
            question,
            "unanswered",
            message_key="answer.unknown_choice",
            fields={"choices": ", ".join(c.id for c in question.choices)},
        )
    if chosen == question.answer:
        return _question_feedback(question, "correct", expected=question.answer, score=1.0)
    why = next((getattr(c, "why_wrong", None) for c in question.choices if c.id == chosen), None)
    return _question_feedback(question, "wrong", expected=question.answer, mistake=why)


_TFNG = {
    "true": ("true", "t", "yes", "y", "참", "맞음", "맞다", "사실", "일치", "o", "○"),
    "false": ("false", "f", "no", "n", "거짓", "틀림", "틀리다", "불일치", "x", "×"),
    "not_given": (
        "not_given",
        "not given",
        "notgiven",
        "not-given",
        "ng",
        "n/g",
        "언급 없음",
        "언급되지 않음",
        "알 수 없음",
        "본문에 없음",
        "주어지지 않음",
    ),
}
_TFNG_INDEX = {_answer_key(w, drop_spaces=True): k for k, ws in _TFNG.items() for w in ws}


def check_true_false_not_given(question: TrueFalseNotGiven, value: object) -> Feedback:
    """``value`` is ``"true"``, ``"false"``, ``"not_given"`` (or ``True`` / ``False``),
    also ``T/F/NG``, ``"not given"`` and the Korean labels 참 / 거짓 / 언급 없음.
    Nothing chosen is ``unanswered`` with ``answer.choose_first``; anything else is
    ``unanswered`` with ``answer.true_false_not_given``."""
    if isinstance(value, bool):
        given: str | None = "true" if value else "false"
    elif is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.choose_first")
    else:
        given = _TFNG_INDEX.get(_answer_key(value, drop_spaces=True))
    if given is None:
        return _question_feedback(question, "unanswered", message_key="answer.true_false_not_given")
    if given == question.answer:
        return _question_feedback(question, "correct", expected=question.answer, score=1.0)
    return _question_feedback(question, "wrong", expected=question.answer)


def _is_text(value: object) -> bool:
    """A typed answer: a text, or a number (read as its text); not a list, dict, ..."""
    return isinstance(value, str) or (isinstance(value, Number) and not isinstance(value, bool))


NO_KOREAN_ANSWER = "answer_forms.no_korean_answer"
"""The ``message_key`` of an answer typed in Korean to a question whose key lists no
Korean answer (정례 where the key has "regular"): wrong, and said plainly, not "check
your spelling" (nor the answer itself: it is shown when the tries policy allows)."""

LATIN_ABBREVIATION = "answer_forms.latin_abbreviation"
"""The ``message_key`` of an abbreviation in capitals (CBAM) typed where every accepted
answer is Korean: wrong, and the mistake named (field ``typed``), not "check the 한/영 key"."""

LATIN_FOR_KOREAN = "answer_forms.latin_for_korean"
"""The ``message_key`` of an answer in Latin letters where every accepted answer is
Korean, when it is not plausibly Korean typed with the keyboard off: wrong, "answer in
Korean"."""

_WORD = re.compile(r"[A-Za-z]+")


def _english_words(question: Any) -> frozenset[str]:
    """The English words of the question's prompt, hint and explanation, casefolded: an
    answer made of them was typed in English on purpose (cbam), not with the keyboard off."""
    texts = (getattr(question, name, None) for name in ("prompt", "hint", "explanation"))
    return frozenset(
        word.casefold()
        for text in texts
        if isinstance(text, Text)
        for word in _WORD.findall(text.en)
    )


def _check_text(
    question: Any,
    value: object,
    targets: Sequence[str],
    expected: str,
    inflections: bool,
    korean: KoreanWords | None = NO_KOREAN_WORDS,
) -> Feedback | None:
    """The feedback on a typed answer, or None when it is simply not one of ``targets``
    (the caller says wrong, or pending: :func:`_not_accepted`). ``korean`` (None: off):
    a Korean answer with particles or in another ending is recognised against the Korean
    ``targets`` and the glossary's words (:func:`korean_answer`), with the message that
    says which (:data:`KOREAN_ANSWER`, :data:`KOREAN_FORM`; field ``word``); a near miss
    of a Korean answer shows the Korean accepted answer."""
    if is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.empty")
    if not _is_text(value):
        return _question_feedback(question, "unanswered", message_key="answer.text_expected")
    slip = keyboard_slip(value, targets, _english_words(question))
    if slip is not None:  # typed with the 한/영 key the wrong way: not an answer yet
        key = "keyboard.korean_on" if slip.korean_on else "keyboard.korean_off"
        return _question_feedback(
            question, "unanswered", message_key=key, fields={"typed": slip.meant}
        )
    verdict = _match_text(value, targets, inflections)
    if verdict == "correct":
        return _question_feedback(question, "correct", expected=expected, score=1.0)
    hangul = [t for t in targets if _HANGUL.search(t)]
    if korean is not None and hangul and _HANGUL.search(str(value)):
        found = korean_answer(str(value), hangul, korean)
        if found is not None:  # 한국과 일본이, 모색했다: the word, with a particle or ending
            return _question_feedback(
                question,
                "correct",
                expected=found.word,
                score=1.0,
                message_key=found.message_key,
                fields={"word": found.word},
            )
        expected = hangul[0]  # the answer shown in the language the student wrote in
    if verdict == "almost":
        return _question_feedback(
            question, "wrong", expected=expected, message_key="feedback.almost"
        )
    return None


def _wrong_script(question: Any, value: object, targets: Sequence[str]) -> Feedback | None:
    """Wrong, said plainly, for an answer in Latin letters only where every accepted
    answer is Korean (:data:`LATIN_ABBREVIATION`, :data:`LATIN_FOR_KOREAN`); None otherwise."""
    text = str(value).strip()
    if _HANGUL.search(text) or not _WORD.search(text):
        return None
    if not targets or not all(_HANGUL.search(t) for t in targets):
        return None
    key = LATIN_ABBREVIATION if _is_abbreviation(text) else LATIN_FOR_KOREAN
    return _question_feedback(
        question, "wrong", expected=targets[0], message_key=key, fields={"typed": text}
    )


def _not_accepted(question: Any, value: object, targets: Sequence[str], status: str) -> Feedback:
    """``status`` (wrong or pending) for an answer that is none of ``targets``: an answer
    in Korean to a question whose key is English only is told so (:data:`NO_KOREAN_ANSWER`),
    one in Latin letters where the key is Korean only too (:func:`_wrong_script`), the
    accepted answer shown in the student's language where the key has one."""
    expected = targets[0]
    typed_korean = bool(_HANGUL.search(str(value)))
    korean = [t for t in targets if _HANGUL.search(t)]
    if typed_korean and korean:
        expected = korean[0]
    if status == "pending":
        return _question_feedback(
            question, "pending", expected=expected, message_key="answer.manual_review"
        )
    if typed_korean and not korean:
        return _question_feedback(
            question, "wrong", expected=expected, message_key=NO_KOREAN_ANSWER
        )
    return _wrong_script(question, value, targets) or _question_feedback(
        question, "wrong", expected=expected
    )


def question_korean_words(question: Any, glossary: Iterable[Any]) -> KoreanWords | None:
    """What ``glossary`` (the lesson's entries) knows of the Korean answers of a cloze or
    short answer with ``inflections: true`` (:func:`glossary_korean_words`), for
    :func:`check_question`; None for any other question (nothing to pass)."""
    if not getattr(question, "inflections", False):
        return None
    if isinstance(question, Cloze):
        targets: Sequence[str] = (question.answer, *question.accept)
    elif isinstance(question, ShortText):
        targets = question.accept
    else:
        return None
    found = glossary_korean_words([t for t in targets if _HANGUL.search(t)], glossary)
    return found if found.words or found.forms else None


def _known(question: Any, korean_words: KoreanWords | None) -> KoreanWords:
    """The glossary's words for a question's Korean answers: only where the question
    accepts other forms of its answer (``inflections: true``)."""
    if korean_words is None or not getattr(question, "inflections", False):
        return NO_KOREAN_WORDS
    return korean_words


def check_cloze(
    question: Cloze, value: object, korean_words: KoreanWords | None = None
) -> Feedback:
    """The word typed (or chosen from the word bank) for the gap: ``answer`` or any of
    ``accept``, and with ``inflections: true`` any form of them (see
    :func:`same_english_word`). A near miss gets ``feedback.almost`` (still wrong).
    A Korean answer with a particle or an ending is right (:func:`korean_answer`; with
    ``inflections``, also a verb of the glossary's ``korean_words`` whose stem is the
    answer: 부과하도록 for 부과); an answer in Korean where the key has none is told so
    (:data:`NO_KOREAN_ANSWER`), and one in Latin letters where the key is Korean
    (:func:`_wrong_script`)."""
    targets = (question.answer, *question.accept)
    found = _check_text(
        question,
        value,
        targets,
        question.answer,
        question.inflections,
        _known(question, korean_words),
    )
    return found or _not_accepted(question, value, targets, "wrong")


def check_short_text(
    question: ShortText, value: object, korean_words: KoreanWords | None = None
) -> Feedback:
    """Any of ``accept`` (with ``inflections``, any form; a Korean answer also with a
    particle or an ending: 한국과 일본이 for 한국과 일본, see :func:`check_cloze`).
    When the question is ``manual`` an answer not in ``accept`` is ``pending``: a person
    marks it (in practice, the student: :func:`dokhae.results.self_mark`). Else it is wrong; an
    answer in Korean where ``accept`` has no Korean answer gets :data:`NO_KOREAN_ANSWER`."""
    expected = question.accept[0]
    found = _check_text(
        question,
        value,
        question.accept,
        expected,
        question.inflections,
        _known(question, korean_words),
    )
    if found is not None:
        return found
    return _not_accepted(
        question, value, question.accept, "pending" if question.manual else "wrong"
    )


def _pairs(value: object) -> dict[str, object] | None:
    """``{left: right}`` from a mapping or a sequence of pairs; None for anything else."""
    if isinstance(value, Mapping):
        return {_answer_key(k): v for k, v in value.items()}
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        out: dict[str, object] = {}
        for item in value:
            if hasattr(item, "left") and hasattr(item, "right"):
                left, right = item.left, item.right
            elif (
                isinstance(item, Sequence) and not isinstance(item, (str, bytes)) and len(item) == 2
            ):
                left, right = item
            else:
                return None
            out[_answer_key(left)] = right
        return out
    return None


def check_matching(question: Matching, value: object) -> Feedback:
    """``value`` maps each left item to the right item chosen (a dict, or a list of
    ``(left, right)`` pairs). Partial credit: the share of pairs right; ``details``
    marks each left item; fields ``correct`` and ``total`` fill
    ``feedback.correct_pairs``. Left items not answered count as wrong. Nothing chosen is
    ``unanswered`` with ``answer.choose_first``; a value that is not pairs (``5``,
    ``"abc"``) is ``unanswered`` with ``answer.matching_format``."""
    expected = "; ".join(f"{p.left} → {p.right}" for p in question.pairs)
    if is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.choose_first")
    given = _pairs(value)
    if given is None:
        return _question_feedback(question, "unanswered", message_key="answer.matching_format")
    details = {}
    for pair in question.pairs:
        answer = given.get(_answer_key(pair.left))
        details[pair.left] = (
            answer is not None
            and not is_empty(answer)
            and (_answer_key(answer, drop_spaces=True) == _answer_key(pair.right, drop_spaces=True))
        )
    return _partial_credit(question, details, expected)


def check_ordering(question: Ordering, value: object) -> Feedback:
    """``value`` is the item ids in the student's order (a list, or a text such as
    ``"c, a, b"``). Partial credit: the share of items in the right place; ``details``
    marks each id. Nothing given is ``unanswered`` with ``answer.choose_first``; an answer
    that is not every item once is ``unanswered`` with ``answer.ordering_incomplete``, and
    a value that is not a sequence (``5``, a dict) with ``answer.ordering_format``."""
    expected = ", ".join(question.answer)
    total = len(question.answer)
    if is_empty(value):
        return _question_feedback(question, "unanswered", message_key="answer.choose_first")
    if isinstance(value, str):
        items = [x for x in re.split(r"[\s,;>→]+", value) if x]
    elif isinstance(value, Iterable) and not isinstance(value, (Mapping, bytes)):
        items = [x.id if isinstance(x, Choice) else x for x in value]
    else:
        return _question_feedback(question, "unanswered", message_key="answer.ordering_format")
    ids = {_answer_key(i): i for i in question.answer}
    given = [_answer_key(x) for x in items]
    if sorted(given) != sorted(ids):
        return _question_feedback(
            question,
            "unanswered",
            message_key="answer.ordering_incomplete",
            fields={"correct": 0, "total": total},
        )
    details = {ids[g]: ids[g] == question.answer[i] for i, g in enumerate(given)}
    return _partial_credit(question, details, expected)


def check_numeric(question: Numeric, value: object) -> Feedback:
    """A number within the question's tolerance, in its unit (see :func:`check_number`)."""
    return check_number(
        value,
        question.answer,
        question.tolerance,
        question.unit,
        explanation=question.explanation,
        hint=question.hint,
    )


_CHECKERS: dict[str, Callable[[Any, object], Feedback]] = {
    "multiple_choice": check_multiple_choice,
    "true_false_not_given": check_true_false_not_given,
    "cloze": check_cloze,
    "matching": check_matching,
    "ordering": check_ordering,
    "short_text": check_short_text,
    "numeric": check_numeric,
}


def check_question(
    question: Any, value: object, korean_words: KoreanWords | None = None
) -> Feedback:
    """Check ``value`` with the checker for the question's ``type``.

    ``question`` is a question of the lesson model, a mapping with the same fields (it
    is validated first), or an arithmetic exercise: any object with ``answer``,
    ``unit`` and ``tolerance`` and no ``type`` (checked by :func:`check_number`).
    ``korean_words``: the glossary's dictionary forms and stems for a cloze or short
    answer's Korean answers (:func:`~dokhae.answers.glossary_korean_words`; practice and
    grading pass the same), used where the question has ``inflections: true``.
    """
    if isinstance(question, Mapping):
        from pydantic import TypeAdapter

        from ..lesson import Question

        question = TypeAdapter(Question).validate_python(question)
    kind = getattr(question, "type", None)
    if kind == "cloze":
        return check_cloze(question, value, korean_words)
    if kind == "short_text":
        return check_short_text(question, value, korean_words)
    if kind in _CHECKERS:
        return _CHECKERS[kind](question, value)
    if kind is None and all(hasattr(question, a) for a in ("answer", "unit", "tolerance")):
        explanation = getattr(question, "explanation", None)
        hint = getattr(question, "hint", None)
        return check_number(
            value,
            float(question.answer),
            question.tolerance,
            question.unit or "",
            explanation=explanation if isinstance(explanation, Text) else None,
            hint=hint if isinstance(hint, Text) else None,
        )
    raise TypeError(
        f"cannot check {type(question).__name__} {question!r}: expected a question of type "
        f"{', '.join(_CHECKERS)} or an exercise with answer, unit and tolerance"
    )


# --------------------------------------------------------------------------- glossary terms


class _TermPrompt:
    """What :func:`_check_text` needs of a question, for a glossary term typed from memory."""

    def __init__(self, explanation: Text | None) -> None:
        self.explanation = explanation
        self.hint = None


def check_term(
    value: object,
    accepted: Sequence[str],
    *,
    inflections: bool = False,
    explanation: Text | None = None,
    korean_forms: Sequence[str] | None = None,
) -> Feedback:
    """Check a glossary term typed from memory (vocabulary practice, not a question).

    Right when ``value`` is any of ``accepted`` after the same normalisation as the
    questions (NFC, width, case, spaces; spaces ignored for Hangul), and with
    ``inflections`` any form of them (``resumed`` for ``resume``). A near miss is
    ``wrong`` with ``feedback.almost``; an empty answer is ``unanswered``. ``expected``
    is the first of ``accepted`` (a single string is one accepted answer).

    ``korean_forms`` (the answer is Korean: the entry's stored ``ko_forms``, possibly
    empty): the placeholder ``~`` need not be typed (에 따르면 for ~에 따르면), and the
    word with a particle or in another ending (협력을, 모색했다) is right, with the message
    of the questions' one rule (:func:`korean_answer`): :data:`KOREAN_ANSWER` naming the
    word, or :data:`KOREAN_FORM` naming the dictionary form. An answer in Latin letters
    where every accepted answer is Korean is told so (:func:`_wrong_script`).
    """
    if isinstance(accepted, str):
        accepted = (accepted,)
    targets = [a for a in accepted if not is_empty(a)]
    if not targets:
        raise ValueError(f"check_term needs at least one accepted answer, not {accepted!r}")
    prompt = _TermPrompt(explanation)
    if korean_forms is not None:  # the placeholder need not be typed: 에 따르면
        targets += [t.replace("~", "").strip() for t in targets if "~" in t]
    korean = None if korean_forms is None else KoreanWords(forms=tuple(korean_forms))
    found = _check_text(prompt, value, targets, targets[0], inflections, korean)
    return (
        found
        or _wrong_script(prompt, value, targets)
        or _question_feedback(prompt, "wrong", expected=targets[0])
    )
