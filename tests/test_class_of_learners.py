"""A class of learners of Korean (issue 25): `dokhae assign --learners ko` and `dokhae
export worksheet --learners ko` choose the questions on the Korean text and on both, never
those on the English text only; the default (a class of Korean students of English) is
unchanged."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.export.worksheet import default_exercises, make_worksheet
from dokhae.teacher import select_exercises
from test_teacher_support import LESSON, lesson, write_roster


def run(*args: object):
    result = CliRunner(env={"DOKHAE_LANGUAGE": "en"}).invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def assigned(tmp_path, *options: object) -> list[str]:
    """The exercises of an assignment made with ``options``, as its key lists them."""
    tmp_path.mkdir(exist_ok=True)
    write_roster(tmp_path / "class.csv", 2)
    out = tmp_path / "hw"
    result = run("assign", tmp_path / "class.csv", "-o", out, "--id", "hw1", *options)
    assert result.exit_code == 0, result.output
    return json.loads((out / "teacher" / "key.json").read_text(encoding="utf-8"))["exercises"]


def sides(exercise_ids: list[str]) -> dict[str, set[str]]:
    """The chosen questions by the text they test (``tests``)."""
    found: dict[str, set[str]] = {"en": set(), "ko": set(), "both": set()}
    for exercise_id in exercise_ids:
        question = lesson().questions.get(exercise_id)
        if question is not None:
            found[question.tests].add(exercise_id)
    return found


def questions_testing(*texts: str) -> set[str]:
    return {q.id for q in lesson().exercises.questions if q.tests in texts}


def test_the_shipped_lesson_has_questions_on_each_text():
    """Otherwise the tests below would prove nothing."""
    assert questions_testing("en") and questions_testing("ko") and questions_testing("both")


def test_assign_for_learners_of_korean_gives_the_korean_and_shared_questions(tmp_path):
    chosen = sides(assigned(tmp_path, "--learners", "ko"))
    assert chosen["en"] == set()
    assert chosen["ko"] == questions_testing("ko")
    assert chosen["both"] == questions_testing("both")


def test_assign_by_default_is_for_korean_students_of_english(tmp_path):
    default = assigned(tmp_path / "default")
    chosen = sides(default)
    assert chosen["ko"] == set()
    assert chosen["en"] == questions_testing("en")
    assert chosen["both"] == questions_testing("both")
    assert assigned(tmp_path / "en", "--learners", "en") == default
    assert set(default) >= set(lesson().templates)  # the arithmetic is for every class


def test_a_skill_for_learners_of_korean_keeps_to_their_side(tmp_path):
    chosen = assigned(tmp_path, "--learners", "ko", "-s", "vocabulary")
    vocabulary = {q.id for q in lesson().exercises.questions if q.skill == "vocabulary"}
    assert set(chosen) == vocabulary & questions_testing("ko", "both")
    assert set(chosen) & questions_testing("ko")


def test_a_question_named_by_id_is_assigned_to_any_class(tmp_path):
    english_only = min(questions_testing("en"))
    assert assigned(tmp_path, "--learners", "ko", "-e", english_only) == [english_only]


def test_an_unknown_class_is_refused():
    result = run("assign", "class.csv", "-o", "hw", "--learners", "fr")
    assert result.exit_code == 2 and "'fr' is not one of 'en', 'ko'" in result.output
    with pytest.raises(ValueError, match="unknown learners 'fr'"):
        select_exercises(lesson(), direction="fr")


def test_the_worksheet_for_learners_of_korean(tmp_path):
    default = default_exercises(lesson(), learners="ko")
    assert sides(default)["en"] == set() and sides(default)["ko"]
    assert sides(default_exercises(lesson()))["ko"] == set()
    by_skill = make_worksheet(lesson(), skills=["vocabulary"], learners="ko", language="en")
    assert sides(list(by_skill.exercises))["en"] == set()
    result = run(
        "export", "worksheet", LESSON, "-o", tmp_path / "w.html", "--learners", "ko", "-s", "detail"
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "w.html").read_text(encoding="utf-8")
    detail = {q.id: q for q in lesson().exercises.questions if q.skill == "detail"}
    korean_side = next(q for q in detail.values() if q.tests == "ko")
    english_side = next(q for q in detail.values() if q.tests == "en")
    assert korean_side.prompt.en in page and english_side.prompt.en not in page


# --------------------------------------------------------------------------- notebook 02's table


def test_the_glossary_table_of_a_learner_of_korean_has_the_pronunciation():
    """Beside the romanization, as the glossary gives it; the English students' table is
    as it was."""
    from dokhae.tables import glossary_table

    english = glossary_table(lesson())
    assert list(english.columns) == [
        "id",
        "english",
        "korean",
        "pos",
        "level",
        "estimated",
        "paragraph",
        "romanization",
        "hanja",
        "for",
        "definition",
    ]
    assert glossary_table(lesson(), "en").equals(english)
    korean = glossary_table(lesson(), "ko")
    columns = list(korean.columns)
    assert columns[columns.index("romanization") + 1] == "pronunciation"
    assert korean.drop(columns="pronunciation").equals(english)
    said = {e.korean: e.pronunciation for e in lesson().glossary}
    assert dict(zip(korean["korean"], korean["pronunciation"])) == said
    assert any(said.values())  # 정례 [정녜] ...
    with pytest.raises(ValueError, match="unknown direction"):
        glossary_table(lesson(), "fr")
