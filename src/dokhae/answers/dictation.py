"""Dictation (받아쓰기): a typed sentence graded word by word against the sentence heard.

The typed words are lined up with the sentence's words (the fewest changes, as a word
diff), and each word of the sentence is compared with the typed word lined up with it by
the text checker of every typed answer (:mod:`dokhae.answers.text`: case, width, curly
quotes and the punctuation around a word ignored; a spelling slip by the one rule of
:mod:`dokhae.answers.spelling`). Each word gets a :class:`WordMark`:

``right``
    typed as in the sentence.
``misspelt``
    typed, but with a spelling slip (*emisions* for *emissions*, 협럭 for 협력).
``missed``
    in the sentence, not typed.
``extra``
    typed, not in the sentence.
``spacing``
    Korean only: two words typed as one, or one as two (탄소국경 for 탄소 국경): the
    letters are right, the spacing (띄어쓰기) is not.

A word typed that is neither the sentence's word nor a slip of it counts as the
sentence's word missed and the typed word extra. The score is the share of the
sentence's words typed right, less for every extra word: right / (words + extra).
An empty answer, or one typed with the wrong 한/영 key, is not judged (``unanswered``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .feedback import Feedback
from .keyboard import keyboard_slip
from .normalize import _HANGUL, _answer_key, is_empty
from .text import _match_text

__all__ = ["MARK_KINDS", "DictationResult", "WordMark", "grade_dictation", "sentence_words"]

MarkKind = Literal["right", "misspelt", "missed", "extra", "spacing"]
MARK_KINDS: tuple[MarkKind, ...] = ("right", "misspelt", "missed", "extra", "spacing")

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class WordMark:
    """One word of the graded dictation: its ``kind`` (see the module), the sentence's
    word as written (``expected``, None for an extra word) and the word typed (``given``,
    None for a missed word)."""

    kind: MarkKind
    expected: str | None
    given: str | None


@dataclass(frozen=True)
class DictationResult:
    """The marks of a dictation in sentence order, and what they add up to."""

    sentence: str
    answer: str
    marks: tuple[WordMark, ...]
    feedback: Feedback

    def of_kind(self, kind: MarkKind) -> tuple[WordMark, ...]:
        return tuple(m for m in self.marks if m.kind == kind)

    @property
    def right(self) -> int:
        """The sentence's words typed right."""
        return len(self.of_kind("right"))

    @property
    def total(self) -> int:
        """The words of the sentence."""
        return len(sentence_words(self.sentence))

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(m.expected or "" for m in self.of_kind("missed"))

    @property
    def extra(self) -> tuple[str, ...]:
        return tuple(m.given or "" for m in self.of_kind("extra"))

    @property
    def misspelt(self) -> tuple[tuple[str, str], ...]:
        """(the sentence's word, the word typed) for each spelling slip."""
        return tuple((m.expected or "", m.given or "") for m in self.of_kind("misspelt"))


def sentence_words(text: str) -> list[str]:
    """The words of ``text`` as written (split at spaces; punctuation stays on them)."""
    return _WORD.findall(text or "")


def _key(word: str) -> str:
    return _answer_key(word, drop_spaces=True)


def _compare(given: str, expected: str) -> str:
    """``"right"``, ``"misspelt"`` or ``"wrong"``: the text checker on one word. A word
    that is only punctuation (a dash) is right against any other such word."""
    if not _key(expected):
        return "right" if not _key(given) else "wrong"
    verdict = _match_text(given, [expected], False)
    return {"correct": "right", "almost": "misspelt"}.get(verdict, "wrong")


# the cost of each step of the alignment: a slip costs less than a word missed and one
# typed instead (2), so a slip is preferred; a spacing slip is one change
_COST = {"right": 0, "misspelt": 1, "spacing": 1, "missed": 1, "extra": 1}


def _align(expected: list[str], given: list[str]) -> list[WordMark]:
    n, m = len(expected), len(given)
    korean = bool(_HANGUL.search(" ".join(expected)))
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int, MarkKind] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue

            def relax(
                di: int, dj: int, kind: MarkKind, i: int = i, j: int = j, here: float = here
            ) -> None:
                value = here + _COST[kind]
                if value < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = value
                    step[i + di][j + dj] = (i, j, kind)

            if i < n and j < m:
                verdict = _compare(given[j], expected[i])
                if verdict != "wrong":
                    relax(1, 1, verdict)  # type: ignore[arg-type]
            if i < n:
                relax(1, 0, "missed")
            if j < m:
                relax(0, 1, "extra")
            if (
                korean
                and i + 1 < n
                and j < m
                and _key(given[j]) == _key(expected[i] + expected[i + 1])
            ):
                relax(2, 1, "spacing")
            if (
                korean
                and i < n
                and j + 1 < m
                and _key(given[j] + given[j + 1]) == _key(expected[i])
            ):
                relax(1, 2, "spacing")
    marks: list[WordMark] = []
    i, j = n, m
    while (i, j) != (0, 0):
        previous = step[i][j]
        assert previous is not None
        pi, pj, kind = previous
        marks.append(
            WordMark(
                kind,
                " ".join(expected[pi:i]) if i > pi else None,
                " ".join(given[pj:j]) if j > pj else None,
            )
        )
        i, j = pi, pj
    marks.reverse()
    return marks


def grade_dictation(answer: object, sentence: str) -> DictationResult:
    """Grade the typed ``answer`` against ``sentence``, word by word (see the module).

    ``feedback``: ``correct`` when every word is right and none extra; ``partial`` when
    some are right; ``wrong`` when none is; ``unanswered`` (``answer.empty``, or
    ``keyboard.korean_on`` / ``keyboard.korean_off`` for the wrong 한/영 key) when
    nothing can be judged. ``score`` is right / (words + extra); ``expected`` is the
    sentence; ``fields`` hold ``right`` and ``total`` (words)."""
    text = "" if answer is None else str(answer)
    expected = sentence_words(sentence)
    if not expected:
        raise ValueError("grade_dictation needs a sentence with at least one word")
    if is_empty(text):
        feedback = Feedback("unanswered", message_key="answer.empty")
        return DictationResult(sentence, text, (), feedback)
    slip = keyboard_slip(text, [sentence])
    if slip is not None:
        key = "keyboard.korean_on" if slip.korean_on else "keyboard.korean_off"
        feedback = Feedback("unanswered", message_key=key, fields={"typed": slip.meant})
        return DictationResult(sentence, text, (), feedback)
    marks = tuple(_align(expected, sentence_words(text)))
    right = sum(1 for m in marks if m.kind == "right")
    extra = sum(1 for m in marks if m.kind == "extra")
    score = right / (len(expected) + extra)
    status = "correct" if right == len(expected) and not extra else "partial" if right else "wrong"
    feedback = Feedback(
        status,
        expected=sentence,
        score=score,
        fields={"right": right, "total": len(expected)},
    )
    return DictationResult(sentence, text, marks, feedback)
