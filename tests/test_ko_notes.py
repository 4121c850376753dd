"""The Korean-side notes of the glossary (``ko_notes``) do not repeat what the gloss
already shows character by character: the Hanja line gives each character its 훈음 and
English meaning (再 다시 재 "again"), so a note saying "再 = again" is said twice."""

from __future__ import annotations

import re

from dokhae.hanja import characters, ideographs
from dokhae.validation import load_lesson

SLUG = "steel-dialogue-2023"
IDEOGRAPH = "\u3400-\u9fff\uf900-\ufaff"


def _repeats(note: str, char: str, meanings: list[str]) -> bool:
    """``note`` gives ``char`` alone one of its meanings: 再 = again, 鐵 iron, 間 'between'
    (not the meaning of a compound it ends: 直面 = face directly)."""
    return any(
        re.search(rf"(?<![{IDEOGRAPH}]){re.escape(char)}\s*(=|:)?\s*'?{re.escape(m)}\b", note)
        for m in meanings
    )


def test_the_check_finds_the_repetition_it_looks_for():
    assert _repeats("再 = again, 開 = open.", "再", ["again"])
    assert _repeats("(鐵 iron + 鋼 steel)", "鐵", ["iron"])
    assert _repeats("(간 間 'between' is written apart)", "間", ["between"])
    assert not _repeats("直面 = face directly", "面", ["face"])
    assert not _repeats("-자 (者) = person", "者", ["person"])  # a suffix taught, not a gloss


def test_no_korean_note_repeats_a_characters_meaning():
    lesson = load_lesson(SLUG)
    repeated = []
    for entry in lesson.glossary:
        if not entry.ko_notes or not ideographs(entry.hanja):
            continue
        for found in characters(entry):
            if found.reading is None:
                continue
            meanings = [m.strip() for m in re.split("[,;]", found.reading.meaning) if m.strip()]
            if _repeats(entry.ko_notes, found.hanja, meanings):
                repeated.append((entry.id, found.hanja))
    assert repeated == []
