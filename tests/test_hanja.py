"""Hanja character by character for learners of Korean (issue 25 item 2; the Korean
learner's review, point 10: "Hanja is shown as a bare compound, with no 훈음").

The data (``dokhae/data/hanja.csv``) validate and cover the shipped glossary; ``dokhae
check`` warns about a character the data lack and about Hanja whose readings are not the
Korean word's syllables (두음법칙 allowed); the Korean gloss and the card backs of a
learner of Korean show each character's 훈음 and meaning and the words sharing it; a
Korean student of English sees what they saw before.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import dokhae
from dokhae import hanja as hanja_module
from dokhae import i18n
from dokhae.cli import main
from dokhae.hanja import (
    HanjaTable,
    align,
    characters,
    check_glossary,
    data_path,
    dueum,
    ideographs,
    read_table,
    related_words,
    shipped_table,
)
from dokhae.lesson import GlossaryEntry
from dokhae.problems import Report
from dokhae.widgets.hanja import hanja_html
from dokhae.widgets.reading import ReadingView, gloss_html
from dokhae.widgets.vocabulary import Flashcards, card_html

ROOT = Path(__file__).resolve().parents[1]
SLUG = "steel-dialogue-2023"
EVIL = "<img src=x onerror=alert(1)>"
HEADER = "hanja,hun,eum,meaning,unsure\n"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def table_of(tmp_path: Path, rows: str, header: str = HEADER) -> tuple[HanjaTable, Report]:
    path = tmp_path / "hanja.csv"
    path.write_text(header + rows, encoding="utf-8")
    report = Report()
    return read_table(path, report), report


def row(entry: GlossaryEntry, **changes: object) -> GlossaryEntry:
    return entry.model_copy(update=changes)


# --------------------------------------------------------------------------- the data


def test_the_shipped_data_validate():
    report = Report()
    table = read_table(data_path(), report)
    assert report.problems == []
    assert len(table.readings) >= 118
    for readings in table.readings.values():
        for reading in readings:
            assert reading.hun and len(reading.eum) == 1 and reading.meaning


def test_standard_hun_eum_of_the_lessons_key_characters():
    """The 훈음 a Korean Hanja dictionary gives (the examples of the task)."""
    table = shipped_table()
    named = {char: [r.hun_eum for r in table.get(char)] for char in "再開協力鐵鋼"}
    assert named == {
        "再": ["다시 재"],
        "開": ["열 개"],
        "協": ["화할 협"],
        "力": ["힘 력"],  # the dictionary reading: 역 only under 두음법칙
        "鐵": ["쇠 철"],
        "鋼": ["강철 강"],
    }
    assert table.get("再")[0].meaning == "again" and table.get("開")[0].meaning == "open"


def test_every_hanja_character_of_the_shipped_glossary_has_an_entry(lesson):
    used = {c for entry in lesson.glossary for c in ideographs(entry.hanja)}
    assert len(used) > 100
    assert sorted(c for c in used if c not in shipped_table()) == []


def test_the_shipped_glossary_has_no_hanja_problem(lesson):
    report = Report()
    lines = list(range(2, len(lesson.glossary) + 2))
    check_glossary(lesson.glossary, lines, Path("g.csv"), shipped_table(), report)
    assert report.problems == []
    result = run("check", SLUG)
    assert result.exit_code == 0 and "0 warnings" in result.output, result.output


def test_the_uncertain_hun_is_marked_not_guessed():
    """摸 (모색) is not one of the 1,800 basic characters: its row says so."""
    (reading,) = shipped_table().get("摸")
    assert reading.hun_eum == "더듬을 모" and "check" in reading.unsure


# --------------------------------------------------------------------------- readings


@pytest.mark.parametrize(
    ("syllable", "initial"),
    [
        ("력", "역"),
        ("량", "양"),
        ("녀", "여"),
        ("례", "예"),
        ("로", "노"),
        ("론", "논"),
        ("류", "유"),
        ("리", "이"),
        ("뇨", "요"),
        ("락", "낙"),
        ("협", "협"),  # no ㄹ or ㄴ: as it is
        ("나", "나"),  # ㄴ before ㅏ stays
    ],
)
def test_dueum(syllable, initial):
    assert dueum(syllable) == initial


DUEUM_ROWS = """力,힘,력,power,
道,길,도,road,
兩,두,량,two,
國,나라,국,country,
女,계집,녀,woman,
子,아들,자,child,
禮,예도,례,courtesy,
儀,거동,의,manner,
老,늙을,로,old,
人,사람,인,person,
論,논할,론,discuss,
議,의논할,의,discuss,
協,화할,협,cooperate,
開,열,개,open,
再,다시,재,again,
"""


@pytest.mark.parametrize(
    ("hanja", "korean"),
    [
        ("力道", "역도"),
        ("兩國", "양국"),
        ("女子", "여자"),
        ("禮儀", "예의"),
        ("老人", "노인"),
        ("論議", "논의하다"),  # and a native ending after the Hanja
        ("協力", "협력"),  # 력 inside the word, as written
        ("協力", "협력하다"),
        ("再開", "재개되다"),
    ],
)
def test_the_reading_check_accepts_dueum_and_native_endings(lesson, tmp_path, hanja, korean):
    table, report = table_of(tmp_path, DUEUM_ROWS)
    assert report.problems == []
    entry = row(lesson.entry("resume"), hanja=hanja, ko=(korean,), ko_forms=())
    assert align(entry, table) is not None
    found = Report()
    check_glossary([entry], [7], Path("g.csv"), table, found)
    assert found.problems == []


@pytest.mark.parametrize(
    ("entry_id", "planted"),
    [
        ("resume", "再關"),  # 關 관 is not the 개 of 재개
        ("resume", "開再"),  # the right characters in the wrong order
        ("ko-hyeomnyeok", "協會"),  # the Hanja of another word (협회)
        ("ko-hyeomnyeok", "協力會"),  # more characters than the word has syllables
    ],
)
def test_the_reading_check_catches_a_planted_wrong_hanja(lesson, entry_id, planted):
    entry = row(lesson.entry(entry_id), hanja=planted)
    report = Report()
    check_glossary([entry], [12], Path("glossary/x.csv"), shipped_table(), report)
    (problem,) = report.problems
    assert problem.severity == "warning" and problem.line == 12 and problem.field == "hanja"
    assert entry_id in problem.message and planted in problem.message
    assert entry.korean in problem.message


def test_a_glossary_character_missing_from_the_data_is_named_with_the_fix(lesson, tmp_path):
    table, _ = table_of(tmp_path, "再,다시,재,again,\n")  # no 開
    report = Report()
    with i18n.using_language("en"):
        check_glossary([lesson.entry("resume")], [3], Path("glossary/x.csv"), table, report)
    with i18n.using_language("ko"):
        check_glossary([lesson.entry("resume")], [3], Path("glossary/x.csv"), table, report)
    english, korean = report.problems
    assert (english.severity, english.file, english.line) == ("warning", "glossary/x.csv", 3)
    assert english.value == "開" and "resume" in english.message and "開" in english.message
    assert "add a row for 開" in english.fix and str(table.path) in english.fix
    assert (
        "resume 행: dokhae 한자 자료에 ‘開’" in korean.message and "開 행을 더하세요" in korean.fix
    )


def test_check_names_file_line_row_and_character(tmp_path):
    """Through ``dokhae check`` on a copy of the lesson: a planted wrong character and a
    character missing from the data, each a warning with its line and fix, in the
    command's language (English here, Korean with DOKHAE_LANGUAGE=ko)."""
    for folder in ("articles", "glossary", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    path = tmp_path / "glossary" / f"{SLUG}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    lines = {}
    for number, record in enumerate(rows, 2):
        lines[record["id"]] = number
        if record["id"] == "ko-hyeomnyeok":
            record["hanja"] = "協刀"  # 刀 칼 도 is not in the data, nor read 력
        if record["id"] == "resume":
            record["hanja"] = "再關"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    result = run("check", tmp_path)
    assert result.exit_code == 0, result.output  # warnings, not errors
    where = f"glossary/{SLUG}.csv:{lines['ko-hyeomnyeok']}: warning: hanja: row ko-hyeomnyeok"
    assert where in result.output and "刀" in result.output
    assert "add a row for 刀 to" in result.output
    assert f"glossary/{SLUG}.csv:{lines['resume']}: warning: hanja: row resume" in result.output
    assert "再 재, 關 관" in result.output
    korean = CliRunner(env={"DOKHAE_LANGUAGE": "ko"}).invoke(main, ["check", str(tmp_path)])
    assert "ko-hyeomnyeok 행: dokhae 한자 자료에 ‘刀’(協刀 중) 행이 없습니다" in korean.output
    assert (
        "resume 행: 한자 再關(再 재, 關 관)의 음이 한국어 낱말 ‘재개하다’의 음절과" in korean.output
    )


# --------------------------------------------------------------------------- a broken file


@pytest.mark.parametrize(
    ("rows", "header", "expected"),
    [
        ("再,다시,재개,again,\n", HEADER, "eum"),  # two syllables for one reading
        ("RE,다시,재,again,\n", HEADER, "hanja"),  # not a Hanja character
        ("再,다시,재,,\n", HEADER, "meaning"),  # empty meaning
        ("再,다시,재\n", HEADER, "3 cells"),  # a short row
        ("再,다시,재,again,\n再,두,재,two,\n", HEADER, "has a row already"),
        ("再,다시,재,again,\n", "char,hun,eum,meaning\n", "header row"),
    ],
)
def test_a_broken_data_file_gives_a_clear_message(tmp_path, rows, header, expected):
    _, report = table_of(tmp_path, rows, header)
    (problem,) = report.errors
    assert problem.line in (1, 2, 3) and expected in str(problem)
    assert problem.fix


def test_check_reports_a_broken_data_file_without_a_traceback(tmp_path, monkeypatch):
    broken = tmp_path / "hanja.csv"
    broken.write_bytes(b"PK\x03\x04 not a csv")  # an Excel workbook saved over it
    monkeypatch.setattr(hanja_module, "data_path", lambda: broken)
    result = CliRunner().invoke(main, ["check", SLUG])
    assert result.exit_code == 1 and result.exception is not None
    assert isinstance(result.exception, SystemExit)
    assert "hanja.csv: error: this is a zip file" in result.output
    assert "Traceback" not in result.output


def test_a_broken_row_leaves_the_gloss_without_that_characters_hun_eum(lesson, tmp_path):
    table, report = table_of(tmp_path, "再,다시,재,again,\n開,열,,open,\n")
    assert len(report.errors) == 1
    html = hanja_html(lesson.entry("resume"), lesson.glossary, "en", table=table)
    assert "다시 재" in html and "開" in html and "열 개" not in html


# --------------------------------------------------------------------------- what is shown


def test_the_korean_gloss_shows_each_character_with_its_hun_eum(lesson):
    html = gloss_html(lesson.entry("resume"), "ko", "en", glossary=lesson.glossary)
    assert '<span lang="ko">다시 재</span> <span lang="en">“again”</span>' in html
    assert '<span lang="ko">열 개</span> <span lang="en">“open”</span>' in html
    assert '<b>Hanja:</b> <span class="dokhae-hanja-character">' in html
    html = gloss_html(lesson.entry("ko-hyeomnyeok"), "ko", "ko", glossary=lesson.glossary)
    assert "화할 협" in html and "힘 력" in html and "<b>한자:</b>" in html
    related = html.split('class="dokhae-hanja-related"')[1]
    assert "<b>이 단원에서 같은 한자를 쓰는 말:</b>" in related
    assert '<span class="dokhae-hanja-glyph">協</span>: 협회' in related
    assert '<span class="dokhae-hanja-glyph">力</span>: 전력' in related


def test_dueum_is_shown_with_the_syllable_the_word_has(lesson):
    html = gloss_html(lesson.entry("ko-nonui"), "ko", "en", glossary=lesson.glossary)
    assert ">논할 론 (논)</span>" in html and 'title="론 is read 논 here' in html


def test_related_words_are_the_sino_korean_words_of_the_lesson(lesson):
    related = dict(related_words(lesson.entry("ko-hyeomnyeok"), lesson.glossary))
    assert related == {"協": ("협회",), "力": ("전력",)}
    related = dict(related_words(lesson.entry("regular"), lesson.glossary))
    assert related == {"定": ("예정",)}  # of ~할 예정이다: the word its Hanja stands for


def test_a_korean_student_of_english_sees_what_they_saw_before(lesson):
    for entry in lesson.glossary:
        html = gloss_html(entry, "en", "ko", glossary=lesson.glossary)
        assert "dokhae-hanja" not in html
        for direction in ("en-ko", "ko-en"):
            assert "dokhae-hanja-characters" not in card_html(entry, direction, "back", "ko")


def test_the_hanja_of_another_word_of_the_entry_is_not_explained(lesson):
    """The text says 산업부 but the row's word is 부처: no 훈음 of 部處 under 산업부."""
    html = gloss_html(
        lesson.entry("ministry"), "ko", "en", form="산업부는", glossary=lesson.glossary
    )
    assert "dokhae-hanja-characters" not in html


def test_the_card_back_shows_hun_eum_and_related_words_for_a_learner_of_korean(lesson):
    entry = lesson.entry("ko-hyeomnyeok")
    for direction in ("ko-en", "en-ko"):
        back = card_html(entry, direction, "back", "en", glossary=lesson.glossary)
        assert "화할 협" in back and "“power, strength”" in back
        assert '<span class="dokhae-hanja-glyph">協</span>: 협회' in back
        front = card_html(entry, direction, "front", "en", glossary=lesson.glossary)
        assert "dokhae-hanja-characters" not in front  # the answer stays on the back
    back = card_html(lesson.entry("resume"), "ko-en", "back", "en", glossary=lesson.glossary)
    assert "다시 재" in back and "열 개" in back


def test_flashcards_and_the_reading_view_of_a_learner_of_korean(lesson):
    dokhae.choose_direction("ko")
    cards = Flashcards(lesson, lang="en", order="glossary")
    cards.go(cards.entries.index(lesson.entry("ko-hyeomnyeok")))
    assert "화할 협" in cards.back.value and "협회" in cards.back.value
    view = ReadingView(lesson, lang="en", direction="ko")
    # 재개 (resume) stands only in the headline, where the headline's noun ending is the
    # pattern highlighted; 협력 stands in the body
    for index in range(len(view.pages)):
        view.go(index)
        if view.term_buttons("ko-hyeomnyeok"):
            break
    view.term_buttons("ko-hyeomnyeok")[0].click()
    assert "화할 협" in view.gloss.value and "힘 력" in view.gloss.value


def test_flashcards_of_a_korean_student_of_english_show_no_hun_eum(lesson):
    dokhae.choose_direction("en")
    cards = Flashcards(lesson, lang="ko", order="glossary")
    cards.go(cards.entries.index(lesson.entry("resume")))
    assert "dokhae-hanja-characters" not in cards.back.value


def test_hostile_text_in_the_data_is_escaped(lesson, tmp_path):
    table, report = table_of(tmp_path, f'再,다시,재,"{EVIL}",\n開,열,개,open,\n')
    assert report.problems == []
    html = hanja_html(lesson.entry("resume"), lesson.glossary, "en", table=table)
    assert EVIL not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    hostile = row(lesson.entry("association"), ko=(EVIL,), ko_forms=())
    html = hanja_html(lesson.entry("ko-hyeomnyeok"), [hostile], "en", table=table)
    assert EVIL not in html


def test_characters_pick_the_reading_the_word_uses(lesson, tmp_path):
    table, _ = table_of(tmp_path, "交,사귈,교,mix,\n易,쉬울,이,easy,\n易,바꿀,역,exchange,\n")
    found = characters(lesson.entry("ko-gyoyeok"), table)  # 교역 交易
    assert [(c.hanja, c.reading.hun_eum if c.reading else None) for c in found] == [
        ("交", "사귈 교"),
        ("易", "바꿀 역"),
    ]
