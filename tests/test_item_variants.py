"""Per-variant and per-attempt item figures from the gradebook (issue 17, point 1).

The hand-worked class (no key needed: variants and options are given as functions)::

    student  attempt  x (1 pt, variant)    y (2 pts)     choice c (key 'a')
    s1       1        1    A               2 of 2        a
    s2       1        0    A               1 of 2        b
    s3       1        1    B               0 of 2        b
    s4       1        0    B               0 of 2        (blank)
    s3       2        1    C               2 of 2        "L" -> a
    s4       2        0    C               2 of 2        "M" -> c

First attempt (the analysis' default): x per variant A = {s1: 1, s2: 0} -> n 2, full 1,
p .5; B = {s3: 1, s4: 0} -> n 2, full 1, p .5 (C was only asked in attempt 2, not counted).
Every attempt as its own respondent: C = {s3#2: 1, s4#2: 0} -> n 2, full 1, p .5.
Per attempt: x attempt 1 n 4, full 2, p .5; attempt 2 n 2, full 1, p .5.
y attempt 1: (1 + .5 + 0 + 0) / 4 = .375, full 1; attempt 2: (1 + 1) / 2 = 1, full 2.
Last attempt: c options a: s1, s3 (2); b: s2 (1); c: s4 (1).
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from dokhae.teacher.item_analysis import analyse, attempt_responses

EXERCISES = pd.DataFrame(
    {
        "exercise_id": ["x", "y", "c"],
        "type": ["exam", "written_blank", "multiple_choice"],
        "points": [1.0, 2.0, 1.0],
    }
)
FIRST = [  # student, exercise, answer, canonical, status, score, points
    ("s1", "x", "3", "", "correct", 1.0, 1.0),
    ("s1", "y", '"ok"', "ok", "correct", 1.0, 2.0),
    ("s1", "c", '"a"', "a: A", "correct", 1.0, 1.0),
    ("s2", "x", "2", "", "wrong", 0.0, 0.0),
    ("s2", "y", '"meh"', "meh", "partial", 0.5, 1.0),
    ("s2", "c", '"b"', "b: B", "wrong", 0.0, 0.0),
    ("s3", "x", "3", "", "correct", 1.0, 1.0),
    ("s3", "y", '"no"', "no", "wrong", 0.0, 0.0),
    ("s3", "c", '"b"', "b: B", "wrong", 0.0, 0.0),
    ("s4", "x", "1", "", "wrong", 0.0, 0.0),
    ("s4", "y", '"no"', "no", "wrong", 0.0, 0.0),
    ("s4", "c", None, "", "unanswered", 0.0, 0.0),
]
RESULTS = pd.DataFrame(
    FIRST, columns=["student_id", "exercise_id", "answer", "canonical", "status", "score", "points"]
)
LATER = [  # student, attempt, exercise, answer, status, points, max points
    ("s3", 2, "x", "4", "correct", 1.0, 1.0),
    ("s3", 2, "y", '"ok"', "correct", 2.0, 2.0),
    ("s3", 2, "c", '"L"', "correct", 1.0, 1.0),
    ("s4", 2, "x", "2", "wrong", 0.0, 1.0),
    ("s4", 2, "y", '"ok"', "correct", 2.0, 2.0),
    ("s4", 2, "c", '"M"', "wrong", 0.0, 1.0),
]
ATTEMPTS = pd.DataFrame(
    LATER,
    columns=["student_id", "attempt", "exercise_id", "answer", "status", "points", "max_points"],
)
VARIANT = {("s1", 1): "A", ("s2", 1): "A", ("s3", 1): "B", ("s4", 1): "B", ("s3", 2): "C"}
VARIANT[("s4", 2)] = "C"
LETTERS = {'"L"': "a", '"M"': "c"}  # each student's own letters, mapped back by the key


def variant(student: str, attempt: int, item: str) -> str | None:
    return VARIANT[(student, attempt)] if item == "x" else None


def option(student: str, attempt: int, item: str, answer: str) -> str | None:
    return LETTERS[answer]


@pytest.fixture(scope="module")
def responses() -> pd.DataFrame:
    return attempt_responses(
        EXERCISES,
        RESULTS,
        ATTEMPTS,
        ["s1", "s2", "s3", "s4"],
        variant=variant,
        option=option,
    )


def test_every_attempt_is_a_row_with_its_variant(responses):
    assert len(responses) == 12 + 6
    later = responses[responses["attempt"] == 2].set_index(["student_id", "item"])
    assert later.loc[("s4", "y"), "score"] == 1.0  # 2 of 2 points
    assert later.loc[("s3", "c"), "response"] == "a"
    assert list(responses.loc[responses["item"] == "x", "variant"]) == list("AABBCC")
    assert responses.loc[responses["item"] == "y", "variant"].isna().all()


def test_per_variant_figures_by_hand(responses):
    first = analyse(responses).variants.set_index("variant")
    assert list(first.index) == ["A", "B"]  # C is attempt 2's: not in the first attempts
    assert list(first["n"]) == [2, 2] and list(first["full"]) == [1, 1]
    assert list(first["p"]) == [0.5, 0.5]
    every = analyse(responses, attempt="all").variants.set_index("variant")
    assert every.loc["C", "n"] == 2 and every.loc["C", "full"] == 1
    assert every.loc["C", "p"] == 0.5


def test_per_attempt_figures_by_hand(responses):
    attempts = analyse(responses).attempts.set_index(["item", "attempt"])
    assert attempts.loc[("x", 1), ["n", "full"]].tolist() == [4, 2]
    assert attempts.loc[("x", 2), ["n", "full"]].tolist() == [2, 1]
    assert attempts.loc[("y", 1), "p"] == pytest.approx(0.375)
    assert attempts.loc[("y", 1), "full"] == 1
    assert attempts.loc[("y", 2), "p"] == 1.0 and attempts.loc[("y", 2), "full"] == 2


def test_later_attempts_count_the_option_read_from_the_students_letters(responses):
    last = analyse(responses, attempt="last").options.set_index("option")
    assert last.loc[["a", "b", "c"], "count"].tolist() == [2, 1, 1]


def test_one_attempt_only_has_no_attempt_column():
    only = attempt_responses(EXERCISES, RESULTS, ATTEMPTS.iloc[0:0], ["s1", "s2", "s3", "s4"])
    assert "attempt" not in only.columns and "variant" not in only.columns
    assert len(only) == 12


def test_a_retake_class_report_has_per_variant_figures(tmp_path):
    """Through assign, three students' folders, dokhae grade and report: s1 answers every
    item right, s2 and s3 every item wrong; then s2 retakes it all right. Each variant's
    count is the number of students the key gave it, its full marks those of s1."""
    from click.testing import CliRunner

    from dokhae.cli import main
    from dokhae.progress import ProgressStore
    from dokhae.teacher import assign, report
    from dokhae.teacher.item_analysis import key_variant
    from dokhae.teacher.key import AnswerKey
    from test_retakes import take
    from test_teacher_support import LESSON, write_roster

    s1, s2, s3 = (s for s, _ in write_roster(tmp_path / "class.csv", 3))
    made = assign(
        LESSON,
        tmp_path / "class.csv",
        tmp_path / "out",
        exercises=["main-idea", "grammar-1", "insertion-0", "order-0"],
        words=1,
        assignment_id="variants",
        target=80,
        max_attempts=2,
    )
    key = AnswerKey.load(made.key_path)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for sid, share in ((s1, 1.0), (s2, 0.0), (s3, 0.0)):
            take(made.folder(sid), key, sid, 1, share, store)
        take(made.folder(s2), key, s2, 2, 1.0, store)
    collected = tmp_path / "collected"
    shutil.copytree(made.students_dir, collected)
    # dokhae grade says in one line how the attempts went: 4 graded (s1, s2 twice, s3);
    # s2's second attempt (all right) reached the 80 % target, as s1's first did
    graded = {
        language: CliRunner().invoke(
            main,
            ["grade", str(collected), "--key", str(made.key_path)],
            env={"DOKHAE_LANGUAGE": language},
        )
        for language in ("ko", "en")
    }
    assert graded["ko"].exit_code == 0, graded["ko"].output
    assert (
        "재응시: 응시 4회분을 채점했습니다. 목표(80%)에 이른 학생은 3명 중 2명입니다."
        in graded["ko"].output
    )
    assert (
        "Retakes: 4 attempts graded; 2 of 3 students have reached the target (80%)."
        in graded["en"].output
    )
    analysis = report(made.key_path.parent / "gradebook.sqlite3").analysis
    variants = analysis.variants
    # the kinds whose variants ask something else; order-0 only re-letters its chunks
    assert set(variants["item"]) <= {"insertion-0", "grammar-1", "word-01"}
    assert "order-0" not in set(variants["item"]) and "main-idea" not in set(variants["item"])
    assert len(variants) >= 2  # three students' words (and sentences, spans) differ
    for item in ("insertion-0", "grammar-1", "word-01"):
        given = {s: key_variant(key, s, 1, item) for s in (s1, s2, s3)}
        mine = variants[variants["item"] == item].set_index("variant")
        if len(set(given.values())) < 2:
            assert mine.empty  # everyone got the same: nothing to compare
            continue
        for name, row in mine.iterrows():
            holders = [s for s, v in given.items() if v == name]
            assert row["n"] == len(holders)
            assert row["full"] == int(s1 in holders)
            assert row["p"] == pytest.approx(row["full"] / row["n"])
    sentences = {key.part(s, 1)["exam"]["insertion-0"]["sentence"] for s in (s1, s2, s3)}
    assert {key_variant(key, s, 1, "insertion-0") for s in (s1, s2, s3)} == sentences
    broken = key_variant(key, s1, 1, "grammar-1")
    proof = key.part(s1, 1)["exam"]["grammar-1"]["proof"]
    assert broken.endswith(f"{proof['original']}→{proof['changed']}")
    # per attempt: attempt 1 all three (s1 right), attempt 2 only s2 (right)
    attempts = analysis.attempts.set_index(["item", "attempt"])
    for item in key.exercises:
        assert attempts.loc[(item, 1), ["n", "full"]].tolist() == [3, 1]
        assert attempts.loc[(item, 2), ["n", "full"]].tolist() == [1, 1]
    # the files beside the report carry the per-variant table
    paths = report(made.key_path.parent / "gradebook.sqlite3").save(tmp_path / "r")
    header = paths["item_variants"].read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "item,variant,n,full,p,r"
