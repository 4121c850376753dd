"""Aligning a teacher's Korean translation with the English sentences (issue 8).

The seed lesson's Korean, rebuilt as plain paragraphs, must align to its ids exactly;
damaged copies of it (sentences joined or dropped, paragraphs added or left out) must be
reported at the right ids, with everything else still in place.
"""

from __future__ import annotations

import unicodedata

import pytest

from dokhae.authoring.align import UNTRANSLATED, Alignment, align_korean, split_korean
from dokhae.lesson import UNTRANSLATED as LESSON_UNTRANSLATED
from dokhae.lesson import todo_marker


@pytest.fixture(scope="module")
def english(lesson):
    return [[(s.id, s.en) for s in p.sentences] for p in lesson.article.paragraphs]


@pytest.fixture(scope="module")
def seed(lesson):
    """The seed's Korean sentences by id."""
    return {s.id: s.ko for p in lesson.article.paragraphs for s in p.sentences}


@pytest.fixture(scope="module")
def blocks(lesson):
    """The seed's Korean as paragraphs of sentences."""
    return [[s.ko for s in p.sentences] for p in lesson.article.paragraphs]


def plain(blocks) -> str:
    """Korean text as a teacher would paste it: paragraphs between blank lines."""
    return "\n\n".join(" ".join(block) for block in blocks)


def copy(blocks):
    return [list(block) for block in blocks]


def two_sentence_paragraphs(lesson):
    return [p.id for p in lesson.article.paragraphs if len(p.sentences) == 2]


def assert_rest_exact(alignment: Alignment, seed: dict[str, str], changed: set[str]) -> None:
    assert alignment.korean.keys() == seed.keys()
    assert {sid: k for sid, k in alignment.korean.items() if sid not in changed} == {
        sid: k for sid, k in seed.items() if sid not in changed
    }


# --------------------------------------------------------------------------- sentences


def test_untranslated_is_the_lesson_marker():
    assert UNTRANSLATED == LESSON_UNTRANSLATED
    assert todo_marker(UNTRANSLATED) == UNTRANSLATED


def test_split_the_seed(blocks):
    assert split_korean(plain(blocks)) == blocks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "가격이 2.5% 올랐다. 정부는 대책을 내놓았다.",
            [["가격이 2.5% 올랐다.", "정부는 대책을 내놓았다."]],
        ),
        (
            "왜 그럴까요? 정말 놀랍네요! 이제 시작이에요.",
            [["왜 그럴까요?", "정말 놀랍네요!", "이제 시작이에요."]],
        ),
        (
            "“시장이 중요해졌다. 계속 협력하겠다”고 밝혔다. (연합뉴스)",
            [["“시장이 중요해졌다.", "계속 협력하겠다”고 밝혔다. (연합뉴스)"]],
        ),
        ('그는 "좋다." 라고 말했다. 끝이다.', [['그는 "좋다." 라고 말했다.', "끝이다."]]),
        (
            "U.S. 정부는 S. Korea와 협의했다. 결과는 좋았다.",
            [["U.S. 정부는 S. Korea와 협의했다.", "결과는 좋았다."]],
        ),
        (
            "<!-- 메모 -->\n첫 문단이다.\n\n둘째 문단이다. 또 있다.",
            [["첫 문단이다."], ["둘째 문단이다.", "또 있다."]],
        ),
        ("한 줄이\n이어진다.\n\n새 문단이다.", [["한 줄이 이어진다."], ["새 문단이다."]]),
        ("한 줄에 한 문단이다.\n다음 문단이다.", [["한 줄에 한 문단이다."], ["다음 문단이다."]]),
        ("\n\n", []),
    ],
)
def test_split_rules(text, expected):
    assert split_korean(text) == expected


# --------------------------------------------------------------------------- alignment


def test_seed_aligns_exactly(english, seed, blocks):
    alignment = align_korean(english, plain(blocks))
    assert alignment.korean == seed
    assert alignment.problems == ()


def test_nfd_input_is_normalised(english, seed, blocks):
    alignment = align_korean(english, unicodedata.normalize("NFD", plain(blocks)))
    assert alignment.korean == seed
    assert alignment.problems == ()


def test_one_paragraph_per_line(english, seed, blocks):
    alignment = align_korean(english, "\n".join(" ".join(block) for block in blocks))
    assert alignment.korean == seed and alignment.problems == ()


@pytest.mark.parametrize("glue", [", ", "."])  # a comma instead of a full stop; a missing space
def test_joined_sentences_are_reported(lesson, english, seed, blocks, glue):
    for pid in two_sentence_paragraphs(lesson):
        damaged = copy(blocks)
        n = [p.id for p in lesson.article.paragraphs].index(pid)
        first, second = damaged[n]
        damaged[n] = [first.rstrip(".") + glue + second]
        alignment = align_korean(english, plain(damaged))
        s1, s2 = f"{pid}s1", f"{pid}s2"
        assert alignment.korean[s1] == damaged[n][0]
        assert alignment.korean[s2] == ""
        assert_rest_exact(alignment, seed, {s1, s2})
        assert len(alignment.problems) == 1, alignment.problems
        assert alignment.problems[0].startswith(f"{s1}, {s2}:")
        assert "joined" in alignment.problems[0]


@pytest.mark.parametrize("dropped", [0, 1])
def test_a_dropped_sentence_is_reported_at_its_id(lesson, english, seed, blocks, dropped):
    for pid in two_sentence_paragraphs(lesson):
        damaged = copy(blocks)
        n = [p.id for p in lesson.article.paragraphs].index(pid)
        del damaged[n][dropped]
        alignment = align_korean(english, plain(damaged))
        missing = f"{pid}s{dropped + 1}"
        assert alignment.korean[missing] == ""
        assert_rest_exact(alignment, seed, {missing})
        assert len(alignment.problems) == 1, alignment.problems
        assert alignment.problems[0].startswith(f"{missing}: no Korean sentence matches it")
        assert UNTRANSLATED in alignment.problems[0]


def test_an_extra_sentence_is_reported(english, seed, blocks, lesson):
    damaged = copy(blocks)
    n = [p.id for p in lesson.article.paragraphs].index("p3")
    damaged[n].append("이는 한국 철강업계에 큰 부담이 될 전망이다.")
    alignment = align_korean(english, plain(damaged))
    assert alignment.korean["p3s1"] == " ".join(damaged[n])
    assert_rest_exact(alignment, seed, {"p3s1"})
    assert len(alignment.problems) == 1
    assert alignment.problems[0].startswith("p3s1: two Korean sentences were joined")


def test_an_extra_paragraph_is_reported(english, seed, blocks):
    for position in range(len(blocks) + 1):
        damaged = copy(blocks)
        damaged.insert(position, ["이 기사는 학습용으로 번역되었다."])
        alignment = align_korean(english, plain(damaged))
        assert alignment.korean == seed, position
        assert len(alignment.problems) == 2, alignment.problems
        assert f"the Korean {len(damaged)}" in alignment.problems[0]
        assert alignment.problems[1].startswith(f"Korean paragraph {position + 1} ")
        assert "no English counterpart" in alignment.problems[1]


def test_a_missing_paragraph_is_reported(lesson, english, seed, blocks):
    for n, paragraph in enumerate(lesson.article.paragraphs):
        damaged = copy(blocks)
        del damaged[n]
        alignment = align_korean(english, plain(damaged))
        missing = {s.id for s in paragraph.sentences}
        assert {sid for sid, k in alignment.korean.items() if not k} == missing, paragraph.id
        assert_rest_exact(alignment, seed, missing)
        assert len(alignment.problems) == 2, alignment.problems
        assert alignment.problems[1].startswith(paragraph.sentences[0].id)


def test_a_missing_blank_line_is_reported(lesson, english, seed, blocks):
    damaged = copy(blocks)
    n = [p.id for p in lesson.article.paragraphs].index("p2")
    damaged[n] += damaged.pop(n + 1)  # p2 and p3 in one Korean paragraph
    alignment = align_korean(english, plain(damaged))
    assert alignment.korean == seed
    assert any(f"Korean paragraph {n + 1} " in p and "(p2, p3)" in p for p in alignment.problems)


def test_empty_korean(english, seed):
    alignment = align_korean(english, " \n\n ")
    assert alignment.korean == dict.fromkeys(seed, "")
    assert len(alignment.problems) == 1
