"""The shipped lesson: valid, complete, faithful to the article, and big enough to teach from."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from dokhae import validate as check
from dokhae.lesson import QUESTION_TYPES, SKILLS
from dokhae.loading import content_root
from dokhae.validation import form_pattern

SLUG = "steel-dialogue-2023"
SEED = Path(__file__).parent / "data" / "seed-article.txt"


def test_shipped_lessons_pass_check_without_warnings():
    report = check(content_root())
    assert report.problems == [], str(report)


def test_counts(lesson):
    assert len(lesson.glossary) >= 45
    assert len(lesson.exercises.questions) >= 24
    assert len(lesson.exercises.templates) >= 10


def test_translation_is_complete_and_aligned(lesson):
    sentences = lesson.article.sentences
    assert len(sentences) == 12
    for s in sentences.values():
        assert s.en and s.ko, s.id
        assert re.search("[가-힣]", s.ko), f"{s.id} has no Korean"
    assert [p.id for p in lesson.article.body] == [f"p{i}" for i in range(1, 8)]


def _seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def test_english_text_is_exactly_as_published(lesson):
    """Every body paragraph is a paragraph of the seed, character for character."""
    seed = _seed_paragraphs()
    ours = [p.text("en") for p in lesson.article.body]
    assert ours == seed[-len(ours) :]
    assert lesson.article.title.en in seed
    caption = f"{lesson.article.caption.en} ({lesson.article.meta.photo.credit.en})"
    assert any(block.startswith(caption + " " + caption) for block in seed), (
        "caption printed twice in the seed"
    )


def test_page_furniture_is_gone(lesson):
    everything = " ".join(s.en + s.ko for s in lesson.article.sentences.values())
    for furniture in ("지나쌤", "Link copied", "Published :", "The Korea Herald"):
        assert furniture not in everything


def test_metadata(lesson):
    meta = lesson.article.meta
    assert meta.outlet == "The Korea Herald" and meta.agency == "Yonhap"
    assert meta.published == "2023-05-31T10:14:00+09:00"
    assert meta.source_url.endswith("ud=20230531000257")
    assert meta.photo.credit.en == "MOTIE"


REQUIRED_TERMS = [
    "hiatus",
    "resume",
    "thaw",
    "bilateral",
    "working-level",
    "net-zero",
    "levy",
    "protectionism",
    "vow",
    "join hands",
    "beef up",
    "transition period",
    "Carbon Border Adjustment Mechanism",
]


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_required_glossary_terms(lesson, term):
    assert term.lower() in {e.headword.lower() for e in lesson.glossary}


def test_glossary_serves_both_directions(lesson):
    audiences = Counter(e.audience for e in lesson.glossary)
    assert audiences["ko"] >= 5 and audiences["both"] >= 20
    korean_lookups = [e for e in lesson.glossary if e.audience in ("ko", "both")]
    assert all(e.romanization for e in korean_lookups)
    assert sum(1 for e in lesson.glossary if e.hanja) >= 30


def test_every_glossary_form_is_in_the_article(lesson):
    english = " ".join(s.en for s in lesson.article.sentences.values())
    for entry in lesson.glossary:
        for form in entry.forms:
            assert form_pattern(form).search(english), (entry.id, form)


def test_questions_cover_every_paragraph_and_kind(lesson):
    questions = lesson.exercises.questions
    covered = {
        sid.split("s")[0] if sid.startswith("p") else sid for q in questions for sid in q.sentences
    }
    assert {f"p{i}" for i in range(1, 8)} <= covered
    assert set(SKILLS) <= {q.skill for q in questions}
    types = Counter(q.type for q in questions)
    for kind in QUESTION_TYPES:
        assert types[kind] >= 1, kind
    for q in questions:
        assert q.explanation.en and q.explanation.ko


def test_hiatus_exercise_tells_the_real_gap(lesson):
    """Nov 2018 to May 2023 is 54 months (4.5 years), although the headline says 5 years."""
    numeric = [
        q for q in lesson.exercises.questions if q.type == "numeric" and "p2s2" in q.sentences
    ]
    assert any(q.answer == 54 and "month" in q.unit for q in numeric), numeric


def test_arithmetic_templates_rise_in_difficulty(lesson):
    levels = [t.level for t in lesson.exercises.templates]
    assert set(levels) == {1, 2, 3, 4, 5}
    assert levels == sorted(levels)
    for t in lesson.exercises.templates:
        assert t.hints and t.source and t.answer.tolerance is not None


SENTENCE_ID = re.compile(r"\b[hcp]\d+(s\d+)?\b")


def _texts(node: object, path: str = ""):
    """Every string in a parsed YAML tree with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _texts(value, f"{path}/{n}")
    elif isinstance(node, str):
        yield path, node


def test_no_sentence_ids_in_student_text():
    """Prompts, hints, explanations, choices and why_wrong say "제목"/"사진 설명", never "(h1)"/"(c1)".

    A field that *is* an id (a reference such as ``passage: [p1s1, ...]``) is data, not text;
    every other string is shown to a student or teacher and must not contain one.
    """
    import yaml

    files = sorted((content_root() / "exercises").glob("*.yaml"))
    assert files
    found = [
        f"{file.name}{path}: {text[:60]!r}"
        for file in files
        for path, text in _texts(yaml.safe_load(file.read_text(encoding="utf-8")))
        if not SENTENCE_ID.fullmatch(text.strip()) and SENTENCE_ID.search(text)
    ]
    assert found == [], "\n".join(found)


def test_no_sentence_ids_in_glossary_text(lesson):
    """The glossary's notes, definitions and examples reach students (typed recall shows
    the notes): "paragraph 1", "the headline", never "p1s1" or "h1" (walk-through 14)."""
    found = [
        f"{entry.id}.{field}: {text[:60]!r}"
        for entry in lesson.glossary
        for field in ("notes", "definition", "example_en", "example_ko")
        if isinstance(text := getattr(entry, field, None), str) and SENTENCE_ID.search(text)
    ]
    assert found == [], "\n".join(found)
