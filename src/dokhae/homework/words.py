"""단어 tests in assignments: glossary words typed from memory, in both directions.

A word test has numbered slots (``word-01``, ``word-02``, ...); each student's variant
(and each attempt) puts another glossary entry and direction in each slot
(:mod:`dokhae.teacher.variants`). The student's ``questions.json`` shows the word to
translate and the direction, never the answers nor the entry's id (which spells the
headword); the teacher's key holds the entry and the accepted answers.

The glossary is the student's study material, so the student's side may look a word
up: when an answer to a slot is saved, it is also checked against the installed
glossary and recorded as a typed-recall attempt (``vocab:<entry>`` /
``vocab-ko:<entry>``), so a missed word comes back first in the spaced review
(:func:`dokhae.review.missed_cards`). What the student sees stays "saved".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..answers import Feedback, check_term
from ..lesson import GlossaryEntry, Lesson

__all__ = [
    "WORD_PREFIX",
    "WORD_TYPE",
    "accepted_answers",
    "check_typed_word",
    "is_hangul",
    "record_for_review",
    "shown_word",
    "slot_ids",
    "typed_exercise",
]

WORD_TYPE = "vocabulary"
"""The ``type`` of a word-test slot in ``questions.json`` and in the key."""
WORD_PREFIX = "word-"


def slot_ids(count: int) -> list[str]:
    """``word-01`` .. ``word-NN``: the exercise ids of a word test of ``count`` words."""
    return [f"{WORD_PREFIX}{n:02d}" for n in range(1, count + 1)]


def is_hangul(text: str) -> bool:
    return any("\uac00" <= c <= "\ud7a3" for c in text)


def accepted_answers(entry: GlossaryEntry, direction: str) -> tuple[str, ...]:
    """The answers counted right for ``entry`` typed in ``direction`` (``ko-en``: the
    Korean is shown and the English typed; ``en-ko`` the reverse) — the same as the
    vocabulary widget's typed recall."""
    korean = [v for v in entry.variants if is_hangul(v)]
    if direction == "ko-en":
        english = [v for v in entry.variants if v not in korean]
        meanings = [m.strip() for m in entry.headword.split(";") if m.strip()]
        return tuple(dict.fromkeys((entry.headword, *meanings, *entry.forms, *english)))
    return tuple(dict.fromkeys((*entry.ko, *entry.ko_forms, *korean)))


def shown_word(entry: GlossaryEntry, direction: str) -> str:
    """What a slot shows: the Korean meanings (``ko-en``) or the English headword."""
    return ", ".join(entry.ko) if direction == "ko-en" else entry.headword


def typed_exercise(entry_id: str, direction: str) -> str:
    """The progress-store exercise of a typed answer (what the review reads)."""
    return f"vocab:{entry_id}" if direction == "ko-en" else f"vocab-ko:{entry_id}"


def check_typed_word(
    value: object, accepted: Sequence[str], direction: str, forms: Sequence[str] = ()
) -> Feedback:
    """A word-test answer (practice or graded) against its ``accepted`` answers: with
    English inflections for ``ko-en``, and for ``en-ko`` with the Korean rule of typed
    recall (협력을, 모색했다 are the word; ``forms``: the entry's ``ko_forms``)."""
    return check_term(
        value,
        accepted,
        inflections=direction == "ko-en",
        korean_forms=tuple(forms) if direction == "en-ko" else None,
    )


def check_word(entry: GlossaryEntry, direction: str, value: object) -> Feedback:
    return check_typed_word(value, accepted_answers(entry, direction), direction, entry.ko_forms)


def record_for_review(
    store: Any, lesson: Lesson, slot: Mapping[str, Any], value: object
) -> Feedback | None:
    """Check a saved word-test answer against the installed glossary and record it as a
    typed-recall attempt, so that a missed word comes back in review; None when no entry
    of the lesson shows the slot's word (the slot names the word shown, never an entry
    id, which would spell the answer)."""
    direction = str(slot.get("direction", "ko-en"))
    entry = next((e for e in lesson.glossary if shown_word(e, direction) == slot.get("word")), None)
    if entry is None:
        return None
    feedback = check_word(entry, direction, value)
    store.record_attempt(
        lesson.slug, typed_exercise(entry.id, direction), value, feedback, mode="assignment"
    )
    return feedback
