"""Item analysis on a response matrix whose figures are worked out by hand below.

The class (10 students, five 1-point items; q3 everyone right, so it adds 1 to every total):

    student  q1  q2      q3  q4 (A, B)        q5 (variant)   total
    s01      a✓  ③ ✗    b✓  1   (1, 1)       1  v1          4
    s02      a✓  ③ ✗    b✓  1   (1, 1)       1  v1          4
    s03      a✓  ③ ✗    b✓  .5  (1, 0)       1  v1          3.5
    s04      a✓  ② ✗    b✓  .5  (1, 0)       0  v1          2.5
    s05      b✗  ① ✓    b✓  0   (0, 0)       1  v1          3
    s06      a✓  ① ✓    b✓  0   (0, 0)       0  v2          3
    s07      c✗  ① ✓    b✓  .5  (.5, .5)     0  v2          2.5
    s08      b✗  ① ✓    b✓  0   (0, 0)       0  v2          2
    s09      c✗  ① ✓    b✓  0   (0, 0)       0  v2          2
    s10      b✗  ④ ✗    b✓  0   (0, 0)       0  v2          1

q2 is a 수능 item **keyed ①** whose real answer is ③ (the planted miskeyed item): the three
strongest students chose ③. Nobody chose ⑤. q4 is a 서술형 item of two rubric parts.

Groups: N = 10, n = round(0.27 · 10) = round(2.7) = 3.
Upper = the 3 highest totals: s01 (4), s02 (4), s03 (3.5); the next is 3, so no tie at the cut.
Lower = the 3 lowest: s10 (1), s08 (2), s09 (2); the next is 2.5, no tie either.
"""

from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

from dokhae.spreadsheet import safe_cell as safe_text
from dokhae.teacher.item_analysis import (
    LOW_DISCRIMINATION,
    Item,
    analyse,
    group_weights,
)
from dokhae.teacher.item_files import figure as item_figure
from dokhae.teacher.item_files import save

Q1 = ["a", "a", "a", "a", "b", "a", "c", "b", "c", "b"]
Q2 = ["3", "3", "3", "2", "1", "1", "1", "1", "1", "4"]
Q4_PARTS = [(1, 1), (1, 1), (1, 0), (1, 0), (0, 0), (0, 0), (0.5, 0.5), (0, 0), (0, 0), (0, 0)]
Q5 = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0]
STUDENTS = [f"s{i:02d}" for i in range(1, 11)]
ITEMS = [
    Item("q1", options=("a", "b", "c"), key="a", kind="multiple_choice"),
    Item("q2", options=("1", "2", "3", "4", "5"), key="1", kind="blank"),
    Item("q3", options=("a", "b", "c"), key="b", kind="multiple_choice"),
    Item("q4", kind="written_blank"),
    Item("q5"),
]


def matrix() -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, parts = [], []
    for i, s in enumerate(STUDENTS):
        a, b = Q4_PARTS[i]
        rows += [
            (s, "q1", float(Q1[i] == "a"), Q1[i], None),
            (s, "q2", float(Q2[i] == "1"), Q2[i], None),
            (s, "q3", 1.0, "b", None),
            (s, "q4", (a + b) / 2, None, None),
            (s, "q5", float(Q5[i]), None, "v1" if i < 5 else "v2"),
        ]
        parts += [(s, "q4", "A", a), (s, "q4", "B", b)]
    return (
        pd.DataFrame(rows, columns=["student_id", "item", "score", "response", "variant"]),
        pd.DataFrame(parts, columns=["student_id", "item", "part", "score"]),
    )


@pytest.fixture(scope="module")
def result():
    responses, parts = matrix()
    return analyse(responses, ITEMS, parts=parts)


def test_totals_and_groups(result):
    groups = result.groups.set_index("student_id")
    assert list(groups["total"]) == [4, 4, 3.5, 2.5, 3, 3, 2.5, 2, 2, 1]
    assert result.group_size == 3
    assert list(groups.index[groups["upper"] == 1]) == ["s01", "s02", "s03"]
    assert list(groups.index[groups["lower"] == 1]) == ["s08", "s09", "s10"]
    assert groups["upper"].sum() == groups["lower"].sum() == 3


def test_difficulty_by_hand(result):
    items = result.items.set_index("item")
    # p = mean item score
    assert items.loc["q1", "p"] == pytest.approx(5 / 10)  # a: s01 s02 s03 s04 s06
    assert items.loc["q2", "p"] == pytest.approx(5 / 10)  # ① (the key): s05..s09
    assert items.loc["q3", "p"] == 1.0
    assert items.loc["q4", "p"] == pytest.approx(3.5 / 10)  # 1+1+.5+.5+.5
    assert items.loc["q5", "p"] == pytest.approx(4 / 10)


def test_point_biserial_corrected_by_hand(result):
    """r = correlation of the item score with the rest score (total minus the item)."""
    r = result.items.set_index("item")["r"]
    # q1: x = 1 1 1 1 0 1 0 0 0 0; rest = total - x = 3 3 2.5 1.5 3 2 2.5 2 2 1
    #   mean rest of the right (x=1): (3+3+2.5+1.5+2)/5 = 2.4; of the wrong: (3+2.5+2+2+1)/5 = 2.1
    #   Σrest = 22.5, Σrest² = 54.75 -> population sd = sqrt(54.75/10 - 2.25²) = sqrt(0.4125)
    #   r_pb = (M1 - M0) / sd · sqrt(p·q) = 0.3 / sqrt(0.4125) · sqrt(0.25) = 0.2335
    assert r["q1"] == pytest.approx(0.3 / math.sqrt(0.4125) * 0.5)
    assert r["q1"] == pytest.approx(0.2335, abs=1e-4)
    # q2: x = 0 0 0 0 1 1 1 1 1 0; rest = 4 4 3.5 2.5 2 2 1.5 1 1 1
    #   M1 = (2+2+1.5+1+1)/5 = 1.5; M0 = (4+4+3.5+2.5+1)/5 = 3
    #   Σrest = 22.5, Σrest² = 63.75 -> sd = sqrt(6.375 - 5.0625) = sqrt(1.3125)
    #   r_pb = (1.5 - 3) / sqrt(1.3125) · 0.5 = -0.6547
    assert r["q2"] == pytest.approx(-1.5 / math.sqrt(1.3125) * 0.5)
    # q3: everyone right, the item score does not vary: no correlation
    assert math.isnan(r["q3"])
    # q4 (part marks, Pearson): x = 1 1 .5 .5 0 0 .5 0 0 0; rest = 3 3 3 2 3 3 2 2 2 1
    #   Σx = 3.5, Σx² = 2.75, Σy = 24, Σy² = 62, Σxy = 3+3+1.5+1+1 = 9.5, n = 10
    #   r = (10·9.5 - 3.5·24) / sqrt((10·2.75 - 3.5²)(10·62 - 24²)) = 11 / sqrt(15.25·44)
    assert r["q4"] == pytest.approx(11 / math.sqrt(15.25 * 44))
    # q5: x = 1 1 1 0 1 0 0 0 0 0; rest = 3 3 2.5 2.5 2 3 2.5 2 2 1
    #   M1 = (3+3+2.5+2)/4 = 2.625; M0 = (2.5+3+2.5+2+2+1)/6 = 13/6
    #   Σy = 23.5, Σy² = 58.75 -> sd = sqrt(5.875 - 2.35²) = sqrt(0.3525); p = .4
    assert r["q5"] == pytest.approx((2.625 - 13 / 6) / math.sqrt(0.3525) * math.sqrt(0.4 * 0.6))


def test_upper_lower_index_by_hand(result):
    items = result.items.set_index("item")
    # q1: upper s01 s02 s03 all a -> 3/3; lower s08 b, s09 c, s10 b -> 0/3; D = 1
    assert (items.loc["q1", "upper_p"], items.loc["q1", "lower_p"], items.loc["q1", "D"]) == (
        1.0,
        0.0,
        1.0,
    )
    # q2: upper chose ③ ③ ③ -> 0/3; lower: s08 ①, s09 ①, s10 ④ -> 2/3; D = -2/3
    assert items.loc["q2", "upper_p"] == 0.0
    assert items.loc["q2", "lower_p"] == pytest.approx(2 / 3)
    assert items.loc["q2", "D"] == pytest.approx(-2 / 3)
    # q4: upper 1, 1, .5 -> 2.5/3; lower 0 -> D = 0.8333
    assert items.loc["q4", "D"] == pytest.approx(2.5 / 3)
    assert items.loc["q3", "D"] == 0.0


def test_counts_per_option_overall_and_by_group(result):
    options = result.options.set_index(["item", "option"])
    q2 = options.loc["q2"]
    assert list(q2.index) == ["1", "2", "3", "4", "5"]
    assert list(q2["count"]) == [5, 1, 3, 1, 0]
    assert list(q2["upper"]) == [0, 0, 3, 0, 0]  # the upper group all chose ③
    assert list(q2["lower"]) == [2, 0, 0, 1, 0]  # s08 ①, s09 ①, s10 ④
    assert list(q2["is_key"]) == [True, False, False, False, False]
    assert list(options.loc["q1", "count"]) == [5, 3, 2]  # a b c


def test_planted_miskeyed_item_is_flagged_dubious_with_the_reason(result):
    assert result.items.set_index("item").loc["q2", "flags"].split(";") == [
        "negative",
        "dubious",
        "unchosen",
    ]
    ko, en = result.reasons("q2", "ko"), result.reasons("q2", "en")
    assert "정답 확인 필요" in ko[1] and "오답 ③: 3명, 정답 ①: 0명" in ko[1]
    assert en[1].startswith("Dubious: check the key or the item")
    assert "distractor ③: 3, key ①: 0" in en[1]
    assert "r = −0.65" in en[0] and "D = −0.67" in en[0]


def test_an_option_nobody_chose_is_flagged(result):
    assert result.details["q2"][2] == ("unchosen", {"option": ("5",)})
    assert ("unchosen", {"option": ("a", "c")}) in result.details["q3"]
    assert "아무도 고르지 않은 선지가 있습니다: ⑤." in result.reasons("q2", "ko")[2]
    assert "Options nobody chose: a, c." in result.reasons("q3", "en")[1]


def test_an_item_everyone_got_right_is_flagged(result):
    assert result.details["q3"][0] == ("all_correct", {"r": "–", "D": "0.00", "p": "1.00"})
    assert result.reasons("q3", "en")[0].startswith("Everyone got it right (p = 1.00)")


def test_items_that_discriminate_are_not_flagged(result):
    flags = result.items.set_index("item")["flags"]
    assert flags["q1"] == flags["q4"] == ""


def test_rubric_part_counts(result):
    parts = result.parts.set_index("part")
    # A: 1 1 1 1 0 0 .5 0 0 0 -> p = 4.5/10; 4 full, 1 partial, 5 none
    assert (parts.loc["A", "p"], parts.loc["A", "full"], parts.loc["A", "partial"]) == (
        pytest.approx(0.45),
        4,
        1,
    )
    assert parts.loc["A", "zero"] == 5
    # B: 1 1 0 0 0 0 .5 0 0 0 -> p = 2.5/10; 2 full, 1 partial, 7 none
    assert parts.loc["B", "p"] == pytest.approx(0.25)
    assert list(parts.loc["B", ["full", "partial", "zero"]]) == [2, 1, 7]


def test_variants_that_differ_are_shown_and_flagged(result):
    variants = result.variants.set_index("variant")
    # v1 = s01..s05: 1 1 1 0 1 -> .8; v2 = s06..s10: all 0 -> 0
    assert list(variants["n"]) == [5, 5]
    assert list(variants["p"]) == [pytest.approx(0.8), 0.0]
    assert result.details["q5"] == [
        ("variants_differ", {"high": "v1", "high_p": "0.80", "low": "v2", "low_p": "0.00"})
    ]
    assert set(result.variants["item"]) == {"q5"}  # items with one variant are not listed


def test_near_zero_discrimination():
    # A everyone right; B 1 1 0 0; L 1 0 1 0; Z nobody right. Rest of L = A + B + Z = 2 2 1 1:
    # mean rest of L-right (s1, s3) = (2+1)/2 = 1.5 = mean rest of L-wrong (s2, s4) -> r = 0
    rows = [
        (s, item, float(v))
        for s, a, b, low in [("s1", 1, 1, 1), ("s2", 1, 1, 0), ("s3", 1, 0, 1), ("s4", 1, 0, 0)]
        for item, v in (("A", a), ("B", b), ("L", low), ("Z", 0))
    ]
    result = analyse(pd.DataFrame(rows, columns=["student_id", "item", "score"]))
    assert result.items.set_index("item").loc["L", "r"] == pytest.approx(0.0, abs=1e-12)
    assert result.details["L"][0][0] == "low"
    assert f"below {LOW_DISCRIMINATION:g}" in result.reasons("L", "en")[0]
    assert result.details["A"][0][0] == "all_correct"
    # Z: nobody right (an item everyone gets wrong adds nothing to any total)
    assert (
        result.reasons("Z", "ko")[0] == "맞힌 학생이 없습니다(p = 0.00): 정답이 맞는지 확인하세요."
    )
    assert "few_students" not in result.items.columns  # a note about the whole, not an item
    assert "4명뿐" in result.notes("ko")[0]


def test_ties_at_a_cut_share_the_places():
    # N = 10 -> n = 3. Totals 9 8 7 7 5 4 3 2 1 0: the 3rd highest is 7, shared by two
    # students: 9 and 8 weigh 1, each 7 weighs (3 - 2) / 2 = 0.5.
    totals = pd.Series([9, 8, 7, 7, 5, 4, 3, 2, 1, 0], dtype=float)
    upper, lower, n = group_weights(totals)
    assert n == 3
    assert list(upper) == [1, 1, 0.5, 0.5, 0, 0, 0, 0, 0, 0]
    assert list(lower) == [0, 0, 0, 0, 0, 0, 0, 1, 1, 1]
    # everyone tied: every student weighs n / N in both groups
    upper, lower, n = group_weights(pd.Series([2.0] * 4))
    assert n == 1 and list(upper) == list(lower) == [0.25] * 4


def test_attempts_first_last_best_and_per_attempt_figures():
    # s1: attempt 1 scores 0 on x, attempt 2 scores 1; s2: only attempt 1, scores 1
    rows = [("s1", "x", 0.0, 1), ("s1", "x", 1.0, 2), ("s2", "x", 1.0, 1)]
    responses = pd.DataFrame(rows, columns=["student_id", "item", "score", "attempt"])
    first = analyse(responses)
    assert first.items.loc[0, "p"] == 0.5 and first.attempt == "first"
    assert list(first.attempts["p"]) == [0.5, 1.0] and list(first.attempts["n"]) == [2, 1]
    assert analyse(responses, attempt="last").items.loc[0, "p"] == 1.0
    assert analyse(responses, attempt="best").items.loc[0, "p"] == 1.0
    every = analyse(responses, attempt="all")
    assert every.items.loc[0, "n"] == 3 and every.items.loc[0, "p"] == pytest.approx(2 / 3)
    assert "첫 번째 응시" in first.notes("ko")[-1]
    with pytest.raises(ValueError, match="attempt must be one of first, last, best, all"):
        analyse(responses, attempt="middle")


def test_a_student_without_rows_scored_zero():
    responses = pd.DataFrame([("s1", "x", 1.0)], columns=["student_id", "item", "score"])
    result = analyse(responses, students=["s1", "s2"])
    assert result.items.loc[0, "p"] == 0.5 and result.items.loc[0, "n"] == 2


def test_files_beside_the_report(result, tmp_path):
    from openpyxl import load_workbook

    responses, parts = matrix()
    items = [*ITEMS[:2], Item("q3", options=("a", "b", "c"), key="b", labels={"a": "=1+1"})]
    paths = save(analyse(responses, items, parts=parts), tmp_path, language="ko")
    assert {p.name for p in paths.values()} == {
        "item-analysis.csv",
        "item-options.csv",
        "item-parts.csv",
        "item-variants.csv",
        "item-analysis.xlsx",
        "item-analysis.png",
    }
    raw = paths["analysis"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    table = pd.read_csv(paths["analysis"], encoding="utf-8-sig").set_index("item")
    assert table.loc["q2", "flags"] == "negative;dubious;unchosen"
    assert "정답 확인 필요" in table.loc["q2", "reasons"]
    options = paths["options"].read_text(encoding="utf-8-sig")
    assert "'=1+1" in options and ",=1+1" not in options  # a formula never reaches Excel as one
    book = load_workbook(paths["excel"])
    assert book.sheetnames == ["문항 분석", "선지별 응답", "채점 요소별", "변형별"]
    sheet = book["선지별 응답"]
    assert [c.value for c in sheet[1]][:4] == ["문항", "선지", "선지 내용", "정답 여부"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=1+1")
    assert cell.data_type == "s" and cell.quotePrefix
    assert paths["chart"].read_bytes().startswith(b"\x89PNG")


def test_safe_text():
    assert safe_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_text("@SUM(A1)") == "'@SUM(A1)" and safe_text("+1 2") == "'+1 2"
    assert safe_text("-0.65") == "-0.65" and safe_text(-1) == -1 and safe_text("b: ok") == "b: ok"


def test_chart_has_korean_labels(result):
    figure = item_figure(result, "ko")
    left, right = figure.axes
    assert left.get_title() == "난이도 (정답률 p)"
    assert right.get_title().startswith("변별도")
    shown = [t.get_text() for t in right.texts]
    assert any("정답 확인 필요(3번)" in t for t in shown) and any("모두 정답" in t for t in shown)
    # red: to check before marks go back (may be miskeyed); brown: could be improved
    colours = {t.get_text(): t.get_color() for t in left.get_yticklabels()}
    assert colours == {
        "q1": "black",
        "q2": "#c0392b",
        "q3": "#9a6400",
        "q4": "black",
        "q5": "#9a6400",
    }
    assert [result.level(i) for i in ("q1", "q2", "q3")] == ["", "check", "improve"]


# --------------------------------------------------------------------------- through a gradebook

EXERCISES = ["main-idea", "tfng-photo", "roles-matching", "e05-embedded-emissions"]


@pytest.fixture(scope="module")
def miskeyed(tmp_path_factory):
    """Six students; the key of main-idea is changed to the wrong choice 'b' after the
    assignment was made (a teacher's slip). s1, s2 answer everything as the lesson says
    (main-idea 'a'), s3 only main-idea, s4 main-idea 'b' and tfng, s5 and s6 nothing right."""
    import json

    from dokhae.progress import ProgressStore
    from dokhae.teacher import assign, grade
    from test_teacher_support import LESSON, fill, write_roster

    base = tmp_path_factory.mktemp("items")
    write_roster(base / "class.csv", 6)
    made = assign(LESSON, base / "class.csv", base / "hw", exercises=EXERCISES, assignment_id="ia")
    key = json.loads(made.key_path.read_text(encoding="utf-8"))
    assert key["questions"]["main-idea"]["answer"] == "a"
    key["questions"]["main-idea"]["answer"] = "b"
    made.key_path.write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    collected = base / "collected"
    shutil.copytree(made.students_dir, collected)
    patterns = [
        dict.fromkeys(EXERCISES, True),
        dict.fromkeys(EXERCISES, True),
        {e: e == "main-idea" for e in EXERCISES},
        {e: e == "tfng-photo" for e in EXERCISES},
        dict.fromkeys(EXERCISES, False),
        dict.fromkeys(EXERCISES, False),
    ]
    with ProgressStore(base / "p.sqlite3") as store:
        for student, right in zip(made.students, patterns):
            fill(collected / student.id, right, store=store)
    gradebook = base / "hw" / "teacher" / "gradebook.sqlite3"
    grade(collected, made.key_path, gradebook_path=gradebook, progress=False)
    return gradebook, made


def test_the_report_flags_the_miskeyed_item_as_dubious(miskeyed, tmp_path):
    from dokhae.teacher import report

    gradebook, made = miskeyed
    analysis = report(gradebook).analysis
    items = analysis.items.set_index("item")
    assert list(items.index) == list(made.exercises)
    assert items.loc["main-idea", "key"] == "b"
    # s1, s2 (the upper group: n = round(0.27 · 6) = 2) chose 'a', which the key now marks wrong
    options = analysis.options.set_index(["item", "option"]).loc["main-idea"]
    assert list(options["count"]) == [2 + 1, 3, 0, 0]  # a: s1 s2 s3; b: s4 s5 s6
    assert list(options["upper"]) == [2, 0, 0, 0]
    assert options.loc["a", "label"].startswith("a: ")
    assert "dubious" in items.loc["main-idea", "flags"].split(";")
    assert any(
        "오답 a: 2명, 정답 b: 0명" in reason for reason in analysis.reasons("main-idea", "ko")
    )
    # the key's options: nobody chose c or d, nor not_given on the true/false item
    assert ("unchosen", {"option": ("c", "d")}) in analysis.details["main-idea"]
    assert ("unchosen", {"option": ("not_given",)}) in analysis.details["tfng-photo"]
    assert (
        "아무도 고르지 않은 선지가 있습니다: 언급 없음." in analysis.reasons("tfng-photo", "ko")[0]
    )
    # the arithmetic item has no options; every student answered it
    assert not (analysis.options["item"] == "e05-embedded-emissions").any()
    assert items.loc["e05-embedded-emissions", "answered"] == 6

    chart = report(gradebook).item_chart("ko")
    assert chart.axes[0].get_title() == "난이도 (정답률 p)"
    paths = report(gradebook).save(tmp_path / "out", language="ko")
    assert paths["item_analysis"].name == "item-analysis.csv"
    assert paths["item_chart"].read_bytes().startswith(b"\x89PNG")


def test_without_the_key_options_come_from_the_answers(miskeyed, tmp_path):
    from dokhae.teacher import report

    gradebook, _ = miskeyed
    moved = tmp_path / "gradebook.sqlite3"
    shutil.copy(gradebook, moved)
    analysis = report(moved).analysis
    options = analysis.options[analysis.options["item"] == "main-idea"]
    assert list(options["option"]) == ["a", "b"]  # only what was chosen
    # the key is what scored; still dubious
    assert "dubious" in analysis.items.set_index("item").loc["main-idea", "flags"]


def test_report_command_writes_and_lists_the_item_analysis(miskeyed, tmp_path):
    from click.testing import CliRunner

    from dokhae.cli import main

    gradebook, _ = miskeyed
    result = CliRunner().invoke(main, ["report", str(gradebook), "-o", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "item-analysis.png").is_file()
    assert (tmp_path / "r" / "item-analysis.xlsx").is_file()
    assert "main-idea" in result.output and "정답 확인 필요" in result.output


def test_every_flag_has_its_words_in_both_catalogs():
    from dokhae import i18n
    from dokhae.teacher.item_analysis import FLAGS

    for language in ("ko", "en"):
        for code in FLAGS:
            for block in ("flag", "short"):
                assert f"item_analysis.{block}.{code}" in i18n.catalog(language)


def test_a_key_of_another_assignment_is_a_clear_error(miskeyed, tmp_path):
    import json

    from click.testing import CliRunner

    from dokhae.cli import main

    gradebook, made = miskeyed
    other = json.loads(made.key_path.read_text(encoding="utf-8")) | {"assignment_id": "hw9"}
    (tmp_path / "key.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["report", str(gradebook), "--key", str(tmp_path / "key.json"), "-o", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "is the key of 'hw9', not of 'ia'" in result.output
    assert "Traceback" not in result.output


def test_no_student_handed_in():
    empty = pd.DataFrame(columns=["student_id", "item", "score", "response"])
    result = analyse(empty, [Item("q1", options=("a", "b"), key="a")], students=[])
    assert result.items.loc[0, "n"] == 0 and math.isnan(result.items.loc[0, "p"])
    assert result.details == {"q1": []}  # no "nobody chose" when nobody answered at all
