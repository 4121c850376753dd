"""`dokhae export worksheet`: a printable worksheet and its separate answer key (HTML, PDF)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import markupsafe
import pytest
from click.testing import CliRunner

from dokhae.answers import format_number
from dokhae.cli import main
from dokhae.export import article_lines, default_exercises, make_worksheet, vocabulary_entries
from dokhae.export import pdf as pdf_module
from dokhae.export.worksheet_article import line_numbers
from dokhae.export.worksheet_questions import given_value
from dokhae.lesson import BLANK, Text
from dokhae.teacher import select_exercises
from dokhae.teacher.secret import make_secret
from dokhae.validation import form_pattern

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "worksheet"


def run(*args):
    return CliRunner().invoke(main, ["export", "worksheet", *map(str, args)])


class _Tags(HTMLParser):
    """Checks that every element is closed in order; collects the text."""

    VOID: ClassVar[set[str]] = {"meta", "br", "hr", "img", "input", "link", "col"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text.append(data)


def well_formed(page: str) -> str:
    """The page's text, after checking that its elements nest properly."""
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    parser = _Tags()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return "".join(parser.text)


def esc(text: str) -> str:
    """``text`` as the templates escape it (Jinja2's autoescape: markupsafe)."""
    return str(markupsafe.escape(text))


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def article_rows(page: str) -> list[tuple[str, str, str]]:
    """``(paragraph mark, line number, text)`` of each row of the article table."""
    table = page.split('<table class="article"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r'<td class="para">(.*?)</td><td class="ln">(.*?)</td><td class="text">(.*?)</td>', table
    )
    return [(p, n, t) for p, n, t in rows]


def blocks(page: str) -> dict[str, str]:
    """Exercise id → the HTML of its question block."""
    parts = re.split(r'(?=<div class="question )', page.split('<section class="questions">', 1)[1])
    return {re.search(r'data-exercise="([^"]+)"', p).group(1): p for p in parts[1:]}


def sheets(page: str) -> dict[str, str]:
    """Student id → the HTML of their page set."""
    parts = re.split(r'(?=<section class="sheet")', page)
    return {re.search(r'data-student="([^"]+)"', p).group(1): p for p in parts[1:]}


def added(block: str) -> str:
    """The text of a question block beyond its heading and prompt (the lesson's own text,
    where a number may happen to equal an answer: "paragraph 5")."""
    return text_of(re.sub(r"<h3>.*?</h3>|<p class=\"prompt\">.*?</p>", "", block, flags=re.DOTALL))


def write_roster(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def roster(tmp_path):
    return write_roster(
        tmp_path / "class.csv", "학번,이름\n2024001,김민준\n2024002,이서연\n2024003,박지훈\n"
    )


# --------------------------------------------------------------------------- the students' file


def test_numbered_lines_cover_every_sentence_in_order(lesson, tmp_path):
    out = tmp_path / "worksheet.html"
    result = run(lesson.slug, "-o", out, "--language", "en")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    rows = article_rows(page)
    sentences = list(lesson.article.sentences.values())
    assert [n for _, n, _ in rows] == [str(i) for i in range(1, len(sentences) + 1)]
    for (_, _, shown), sentence in zip(rows, sentences):
        assert text_of(shown).replace("[Photo caption]", "").strip() == sentence.en
    marks = [p for p, _, _ in rows]
    body_starts = [p.sentences[0].id for p in lesson.article.body]
    numbers = line_numbers(lesson)
    assert [m for m in marks if m] == [f"¶{p.id[1:]}" for p in lesson.article.body]
    assert all(marks[numbers[sid] - 1] for sid in body_starts)


def test_the_korean_text_is_numbered_the_same_way(lesson):
    page = make_worksheet(lesson, language="ko", text="ko").html()
    rows = article_rows(page)
    assert [text_of(t).replace("[사진 설명]", "").strip() for _, _, t in rows] == [
        s.ko for s in lesson.article.sentences.values()
    ]
    assert '<table class="article" lang="ko">' in page
    assert lesson.article.meta.translation.ko in page


def test_vocabulary_section_points_to_the_right_line_and_hides_the_meanings(lesson):
    ws = make_worksheet(lesson, language="ko")
    page, key = ws.html(), ws.key_html()
    section = page.split('<section class="vocabulary">', 1)[1].split("</section>", 1)[0]
    entries = vocabulary_entries(lesson, "en")
    assert entries and all(e.audience in ("en", "both") for e in entries)
    assert "ko-cheolgang" not in section and 'data-entry="hiatus"' in section
    items = re.findall(
        r'<div class="item" data-entry="([^"]+)">(.*?)<span class="fill"></span></div>', section
    )
    assert [i for i, _ in items] == [e.id for e in entries]
    rows = {int(n): text_of(t) for _, n, t in article_rows(page)}
    for n, ((_entry_id, shown), e) in enumerate(zip(items, entries), 1):
        line = int(re.search(r"(\d+)행", text_of(shown)).group(1))
        assert shown.startswith(f'<span class="no">{n}.</span>')
        assert re.search(r'<span class="word" lang="en">(.*?)</span>', shown).group(1) == esc(
            e.headword
        )
        assert any(form_pattern(f).search(rows[line]) for f in e.forms), (e.id, line)
    # an item is its number, the word, its part of speech and line, and a blank: no meaning
    words_only = re.sub(r'<span class="pos">[^<]*</span>|<p class="how">.*?</p>', "", section)
    for e in entries:
        for meaning in e.ko:
            assert esc(meaning) not in words_only, (e.id, meaning)
        assert esc("; ".join(e.ko)) in key


def test_default_questions_cover_every_skill_and_type_and_have_room_to_answer(lesson):
    chosen = default_exercises(lesson)
    questions = [lesson.questions[e] for e in chosen if e in lesson.questions]
    assert {q.skill for q in questions} == {q.skill for q in lesson.exercises.questions}
    assert {q.type for q in questions} == {q.type for q in lesson.exercises.questions}
    assert [e for e in chosen if e in lesson.templates] == [
        t.id for t in lesson.exercises.templates if t.level == 1
    ][:2]
    page = make_worksheet(lesson, language="en").html()
    found = blocks(page)
    assert list(found) == chosen
    for exercise_id, block in found.items():
        kind = (
            lesson.questions[exercise_id].type if exercise_id in lesson.questions else "arithmetic"
        )
        room = {
            "multiple_choice": '<ol class="choices">',
            "true_false_not_given": '<span class="option">Not given</span>',
            "cloze": '<span class="blank wide"></span>',
            "matching": '<p class="pairs">',
            "ordering": '<p class="order">',
            "short_text": '<div class="rules"><div></div><div></div><div></div></div>',
            "numeric": '<p class="answer-line">',
            "arithmetic": '<div class="working">',
        }[kind]
        assert room in block, (exercise_id, kind)
    mc = lesson.questions["main-idea"]
    assert found["main-idea"].count("<li>") == len(mc.choices)
    assert all(esc(c.en) in found["main-idea"] for c in mc.choices)
    cloze = lesson.questions["cloze-hiatus"]
    assert esc(cloze.text.split(BLANK)[0]) in found["cloze-hiatus"]
    assert all(f'<span class="word">{w}</span>' in found["cloze-hiatus"] for w in cloze.choices)


def test_questions_chosen_by_id_and_skill_appear_in_the_lessons_order(lesson, tmp_path):
    out = tmp_path / "w.html"
    result = run(
        lesson.slug,
        "-o",
        out,
        "-e",
        "e05-embedded-emissions",
        "-e",
        "cloze-levying",
        "-s",
        "reference",
        "--language",
        "en",
    )
    assert result.exit_code == 0, result.output
    wanted = select_exercises(
        lesson, exercises=["e05-embedded-emissions", "cloze-levying"], skills=["reference"]
    )
    # the reference questions of a class of Korean students of English (no Korean-side ones)
    assert len(wanted) == 2 + sum(q.skill == "reference" for q in lesson.questions_for("en"))
    page = out.read_text(encoding="utf-8")
    assert list(blocks(page)) == wanted
    assert re.findall(r'<span class="qno">(\d+)\.</span>', page) == [
        str(i) for i in range(1, len(wanted) + 1)
    ]
    assert f"{len(wanted)} exercises" in result.output


def test_the_output_folder_is_made_and_the_command_says_what_to_print(lesson, tmp_path):
    out = tmp_path / "class 3" / "week 1" / "sheet.html"
    result = run(lesson.slug, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.is_file() and (out.parent / "sheet-key.html").is_file()
    assert (
        f"for the students: {out}" in result.output
        and "sheet-key.html  (keep it away from students)" in result.output
    )
    assert "example numbers" in result.output


def test_a_selection_file_chooses_as_for_assign(lesson, tmp_path):
    selection = tmp_path / "pick.yaml"
    selection.write_text("skills: [timeline]\n", encoding="utf-8")
    page = make_worksheet(lesson, selection_file=selection).html()
    assert list(blocks(page)) == [q.id for q in lesson.exercises.questions if q.skill == "timeline"]


# --------------------------------------------------------------------------- students' own numbers


def test_each_student_gets_the_numbers_dokhae_assign_gives_them(lesson, tmp_path, roster):
    picks = ["-s", "arithmetic", "-e", "main-idea", "-e", "timeline-order"]
    assigned = CliRunner().invoke(
        main,
        [
            "assign",
            str(roster),
            "-o",
            str(tmp_path / "hw"),
            "--id",
            "hw1",
            "--lesson",
            lesson.slug,
            *picks,
        ],
    )
    assert assigned.exit_code == 0, assigned.output
    out = tmp_path / "w.html"
    secret = tmp_path / "hw" / "teacher" / "secret"  # the numbers come from the assignment's secret
    result = run(
        lesson.slug,
        "-o",
        out,
        "--roster",
        roster,
        "--id",
        "hw1",
        "--secret",
        secret,
        *picks,
        "--language",
        "ko",
    )
    assert result.exit_code == 0, result.output
    assert "assignment id: hw1" in result.output
    page, key = (
        out.read_text(encoding="utf-8"),
        (tmp_path / "w-key.html").read_text(encoding="utf-8"),
    )
    by_student = sheets(page)
    answer_key = json.loads((tmp_path / "hw" / "teacher" / "key.json").read_text(encoding="utf-8"))
    assert list(by_student) == ["2024001", "2024002", "2024003"]
    prompts = {}
    for sid, sheet in by_student.items():
        assert "김민준" in by_student["2024001"] and f"학번: {sid}" in sheet
        questions = json.loads(
            (tmp_path / "hw" / "students" / sid / "questions.json").read_text(encoding="utf-8")
        )
        shown = blocks(sheet)
        assert list(shown) == [q["id"] for q in questions["questions"]]
        for q in questions["questions"]:
            block = shown[q["id"]]
            assert esc(q["prompt"]["ko"]) in block
            if q["type"] == "arithmetic":
                prompts.setdefault(q["id"], set()).add(q["prompt"]["ko"])
                units = q.get("param_units", {})
                for name, value in q["params"].items():
                    # as a person writes it (€462,066.40), never as a Python name
                    given = given_value(value, units.get(name, ""))
                    assert given in text_of(block), (sid, q["id"], value)
                    assert f"{name} =" not in text_of(block), (sid, q["id"], name)
            else:
                for labelled in q.get("choices", q.get("items", [])):
                    assert (
                        f'<span class="label">{labelled["label"]}</span> {esc(labelled["ko"])}'
                        in block
                    )
        student_key = key.split(f'<h3 data-student="{sid}"', 1)[1].split("</ol>", 1)[0]
        for exercise_id, part in answer_key["students"][sid]["arithmetic"].items():
            assert format_number(round(part["answer"], 2), part["unit"]) in text_of(student_key), (
                exercise_id
            )
    assert any(len(p) > 1 for p in prompts.values()), "every student got the same numbers"


def test_the_roster_may_be_excel_cp949(lesson, tmp_path):
    roster = write_roster(tmp_path / "class.csv", "학번,이름\n2024001,김민준\n", encoding="cp949")
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--roster", roster, "--id", "hw1")
    assert result.exit_code == 0, result.output
    assert "cp949" not in result.output.lower()  # a roster in Excel's Korean CSV: no nagging
    assert "김민준" in (tmp_path / "w.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the key


def _answers_are_only_in_the_key(lesson, ws, page: str, key: str) -> None:
    assert 'class="answer"' not in page and 'class="explanations"' not in page
    lang = ws.language
    for e in ws.exercises:
        question = lesson.questions.get(e)
        if question is not None:
            for text in (question.explanation.en, question.explanation.ko):
                assert esc(text) not in page and text not in page, e
            assert esc(question.explanation(lang)) in key
    for sheet in ws.sheets:
        own = sheets(page)[sheet.student_id] if sheet.student_id else page
        found = blocks(own)
        for exercise_id, part in sheet.key["arithmetic"].items():
            value = part["answer"]
            for shown in {
                format_number(round(value, 2), part["unit"]),
                f"{value:,.2f}",
                f"{value:.2f}",
            }:
                # the answer as a whole number on the page ("0 t" is no leak inside "10 t")
                whole = re.compile(r"(?<![\d.,])" + re.escape(shown) + r"(?![\d])")
                assert not whole.search(added(found[exercise_id])), (
                    sheet.student_id,
                    exercise_id,
                    shown,
                )
            if len(repr(value)) >= 7:  # the unrounded result is nowhere on the sheet
                assert repr(value) not in own, (sheet.student_id, exercise_id)
            assert format_number(round(value, 2), part["unit"]) in key
        for exercise_id, block in found.items():
            question = lesson.questions.get(exercise_id)
            if question is None:
                continue
            plain = added(block)
            if question.type == "numeric":
                assert not re.search(
                    rf"(?<![\d.,]){re.escape(format_number(question.answer))}(?![\d])", plain
                )
            elif question.type == "short_text":
                assert not any(a.casefold() in plain.casefold() for a in question.accept), (
                    exercise_id
                )
            elif question.type == "cloze" and not question.choices:
                assert not re.search(rf"\b{re.escape(question.answer)}\b", plain, re.IGNORECASE)
            elif question.type == "multiple_choice":
                # every option is printed alike: nothing marks the right one
                assert re.findall(r"<li( [^>]*)?>", block) == [""] * len(question.choices)
            elif question.type == "ordering":
                letters = [
                    next(k for k, v in sheet.key["labels"][exercise_id].items() if v == item)
                    for item in question.answer
                ]
                assert " → ".join(letters) not in plain and "".join(letters) not in plain
            elif question.type == "matching":
                right = sheet.key["matching"][exercise_id]["right"]
                for i, pair in enumerate(question.pairs, 1):
                    letter = next(k for k, v in right.items() if v == pair.right)
                    assert f"{i}-{letter}" not in plain and f"{i} → {letter}" not in plain


@pytest.mark.parametrize("with_roster", [False, True])
def test_the_key_is_a_separate_file_and_the_students_file_holds_no_answer(
    lesson, tmp_path, roster, with_roster
):
    out = tmp_path / "w.html"
    secret = make_secret(tmp_path / "teacher" / "secret")  # the same numbers in both runs
    args = (
        ["--roster", roster, "--id", "hw1", "--secret", tmp_path / "teacher" / "secret"]
        if with_roster
        else []
    )
    skills = [
        "main_idea",
        "detail",
        "vocabulary",
        "reference",
        "inference",
        "timeline",
        "arithmetic",
    ]
    result = run(
        lesson.slug, "-o", out, *args, *[x for s in skills for x in ("-s", s)], "--language", "en"
    )
    assert result.exit_code == 0, result.output
    key_path = tmp_path / "w-key.html"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".html") == [
        "w-key.html",
        "w.html",
    ]
    page, key = out.read_text(encoding="utf-8"), key_path.read_text(encoding="utf-8")
    ws = make_worksheet(
        lesson,
        roster=roster if with_roster else None,
        assignment_id="hw1" if with_roster else None,
        skills=skills,
        language="en",
        secret=secret if with_roster else None,
    )
    assert ws.html() == page and ws.key_html() == key
    # every skill: the whole lesson of a class of Korean students of English
    assert len(ws.exercises) == len(lesson.questions_for("en")) + len(lesson.exercises.templates)
    _answers_are_only_in_the_key(lesson, ws, page, key)
    assert "For the teacher only" in key and "For the teacher only" not in page


def test_the_key_gives_each_answer_in_the_sheets_letters(lesson):
    ws = make_worksheet(
        lesson,
        exercises=["main-idea", "article-structure", "roles-matching", "tfng-photo"],
        language="en",
    )
    key = ws.key_html()
    page = ws.html()
    found = blocks(page)
    answers = key.split('class="key-answers"')[1].split('class="explanations"')[0]
    shown = dict(re.findall(r'<li><span class="qid">([^<]+)</span> (.*?)</li>', answers))
    mc = lesson.questions["main-idea"]
    right = next(c for c in mc.choices if c.id == mc.answer)
    letter = re.search(r'<span class="answer">(\w)</span>', shown["main-idea"]).group(1)
    assert f'<span class="label">{letter}</span> {esc(right.en)}' in found["main-idea"]
    order = lesson.questions["article-structure"]
    letters = (
        re.search(r'<span class="answer">(.*?)</span>', shown["article-structure"])
        .group(1)
        .split(" → ")
    )
    items = {c.id: c.en for c in order.items}
    labelled = dict(
        re.findall(r'<span class="label">(\w)</span> (.*?)</li>', found["article-structure"])
    )
    assert [html.unescape(labelled[x]) for x in letters] == [items[i] for i in order.answer]
    matching = lesson.questions["roles-matching"]
    right_items = dict(
        re.findall(
            r'<span class="label">(\w)</span> (.*?)</li>',
            found["roles-matching"].split('<ol class="right">')[1],
        )
    )
    pairs = re.findall(r'<span class="answer">(\d+)-(\w)</span>', shown["roles-matching"])
    assert [html.unescape(right_items[b]) for _, b in pairs] == [p.right for p in matching.pairs]
    assert '<span class="answer">False</span>' in shown["tfng-photo"]


# --------------------------------------------------------------------------- gap fill


def test_gap_fill_numbers_the_gaps_in_reading_order_and_keeps_the_text(lesson):
    ws = make_worksheet(lesson, gaps=True, language="ko")
    page, key = ws.html(), ws.key_html()
    well_formed(page)
    _lines, gaps = article_lines(lesson, "en", gaps=True)
    assert [g.number for g in gaps] == list(range(1, len(gaps) + 1))
    assert [g.line for g in gaps] == sorted(g.line for g in gaps)
    assert len({g.entry_id for g in gaps}) == len(gaps) >= len(vocabulary_entries(lesson, "en")) - 5
    rows = article_rows(page)
    for (_, _, shown), sentence in zip(rows, lesson.article.sentences.values()):
        filled = shown
        for g in gaps:
            filled = re.sub(
                rf'<span class="gap">\({g.number}\)<span class="blank"></span>'
                rf'<span class="hint">\([^)]*\)</span></span>',
                g.answer,
                filled,
            )
        assert text_of(filled).replace("[사진 설명]", "").strip() == sentence.en
    bank = re.findall(
        r'<span class="word">(.*?)</span>', page.split('<p class="bank">')[1].split("</p>")[0]
    )
    assert bank == sorted({esc(g.answer) for g in gaps}, key=str.casefold)
    # the word bank comes before the article, and the headline is not printed whole
    assert page.index('<p class="bank">') < page.index('<table class="article"')
    assert esc(lesson.article.title.en) not in page
    assert "단어 상자" in page and "빈칸 " + str(len(gaps)) + "개" in page
    key_gaps = key.split('<section class="vocabulary">')[1].split("</section>")[0]
    assert re.findall(r'<span class="answer">(.*?)</span>', key_gaps) == [
        esc(g.answer) for g in gaps
    ]


# --------------------------------------------------------------------------- text is not markup


def test_lesson_text_is_escaped_everywhere(lesson):
    evil = "<script>alert('x')</script> & <b>"
    entry = lesson.glossary[0].model_copy(update={"headword": evil, "ko": (evil,)})
    question = lesson.questions["main-idea"]
    question = question.model_copy(
        update={
            "prompt": Text(en=evil, ko=evil),
            "explanation": Text(en=evil, ko=evil),
            "choices": (
                question.choices[0].model_copy(update={"en": evil, "ko": evil}),
                *question.choices[1:],
            ),
        }
    )
    bank = lesson.exercises.model_copy(
        update={
            "questions": tuple(
                question if q.id == "main-idea" else q for q in lesson.exercises.questions
            )
        }
    )
    bad = lesson.model_copy(update={"glossary": (entry, *lesson.glossary[1:]), "exercises": bank})
    for lang in ("en", "ko"):
        ws = make_worksheet(bad, exercises=["main-idea"], language=lang)
        for page in (ws.html(), ws.key_html()):
            well_formed(page)
            assert "<script>" not in page and "<b>" not in page
            assert esc(evil) in page
    assert '"' not in re.sub(r"<[^>]*>", "", make_worksheet(lesson).html().split("<body>")[1])


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"gaps": True},
        {"text": "ko", "language": "en"},
        {"skills": ["arithmetic"], "language": "en"},
    ],
)
def test_both_files_are_well_formed(lesson, roster, options):
    for ws in (
        make_worksheet(lesson, **options),
        make_worksheet(lesson, roster=roster, assignment_id="x1", **options),
    ):
        well_formed(ws.html())
        text = well_formed(ws.key_html())
        assert text.strip()


# --------------------------------------------------------------------------- bad input


def test_unknown_exercise_and_skill_are_named(lesson, tmp_path):
    result = run(lesson.slug, "-o", tmp_path / "w.html", "-e", "main-idee", "-s", "grammar")
    assert result.exit_code == 1
    assert (
        "has no exercise 'main-idee'" in result.output and "did you mean main-idea" in result.output
    )
    assert "'grammar' is not a skill" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "w.html").exists()


def test_bad_rosters_are_reported_with_their_lines(lesson, tmp_path):
    roster = write_roster(
        tmp_path / "class.csv", "학번,이름\n2024001,김민준\n2024001,이서연\n,박지훈\n"
    )
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--roster", roster)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"the roster {roster} has problems" in result.output
    assert "class.csv:3" in result.output and "duplicate student id" in result.output
    assert "class.csv:4" in result.output and "the student id is empty" in result.output
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--roster", tmp_path / "missing.csv")
    assert result.exit_code == 1 and "file not found" in result.output
    assert not (tmp_path / "w.html").exists()


def test_an_id_needs_a_roster_and_must_be_usable(lesson, tmp_path, roster):
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--id", "hw1")
    assert result.exit_code == 1 and "--id needs --roster" in result.output
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--roster", roster, "--id", "hw 1/2")
    assert result.exit_code == 1 and "assignment id 'hw 1/2' cannot be used" in result.output


def test_wrong_suffix_is_an_error(tmp_path):
    result = run("-o", tmp_path / "w.pdf")
    assert (
        result.exit_code == 1 and "must end in .html" in result.output and "--pdf" in result.output
    )
    result = run("-o", tmp_path / "w.docx")
    assert result.exit_code == 1 and "must end in .html" in result.output
    assert list(tmp_path.iterdir()) == []


def test_pdf_without_a_korean_font_fails_before_writing(lesson, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module, "require_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(pdf_module, "_system_has_korean_fonts", lambda: False)
    monkeypatch.setattr(pdf_module, "korean_fonts", list)
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        "no Korean font is installed" in result.output
        and "apt-get install fonts-noto-cjk" in result.output
    )
    monkeypatch.setattr(pdf_module, "korean_fonts", lambda: None)
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--pdf")
    assert result.exit_code == 1 and "fc-list is missing" in result.output
    assert list(tmp_path.iterdir()) == []


def test_pdf_without_a_browser_says_what_to_install(lesson, tmp_path, monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-chrome"))
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--pdf")
    assert result.exit_code == 1 and "CHROMIUM_PATH is" in result.output
    monkeypatch.delenv("CHROMIUM_PATH")
    monkeypatch.setattr(pdf_module, "find_browser", lambda: None)
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--pdf")
    assert result.exit_code == 1
    assert (
        "apt-get install chromium" in result.output
        and "print the HTML file from any browser" in result.output
    )
    assert list(tmp_path.iterdir()) == []


def test_a_browser_that_writes_nothing_is_reported(lesson, tmp_path, monkeypatch):
    fake = tmp_path / "fake-chrome"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(fake))
    monkeypatch.setattr(pdf_module, "check_korean_font", lambda: None)
    result = run(lesson.slug, "-o", tmp_path / "w.html", "--pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        "did not write w.pdf (exit status 3)" in result.output
        and "cannot open display" in result.output
    )


# --------------------------------------------------------------------------- PDF and what it looks like


def _page_one_png(pdf: Path, html_page: Path, png: Path) -> str:
    """Page 1 as PNG: from the PDF with pdftoppm, else a print-media screenshot of the HTML."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                "110",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(png.with_suffix("")),
            ],
            check=True,
            timeout=60,
        )
        return "pdftoppm"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=pdf_module.find_browser(),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
        page.emulate_media(media="print")
        page.goto(html_page.resolve().as_uri())
        page.screenshot(path=str(png))
        browser.close()
    return "playwright"


@pytest.mark.slow
def test_pdf_pages_show_korean_and_english(lesson, tmp_path, roster):
    browser = pdf_module.find_browser()
    if browser is None:
        pytest.skip(
            "no Chromium, Google Chrome or Edge to print with (install chromium or set CHROMIUM_PATH)"
        )
    from PIL import Image

    out = tmp_path / "worksheet.html"
    # a Korean teacher's worksheet: its headings in Korean, the article in both languages
    result = CliRunner().invoke(
        main,
        ["export", "worksheet", lesson.slug, "-o", str(out), "--roster", str(roster)]
        + ["--id", "hw1", "--pdf"],
        env={"DOKHAE_LANGUAGE": "ko"},
    )
    assert result.exit_code == 0, result.output
    pdf, key_pdf = out.with_suffix(".pdf"), tmp_path / "worksheet-key.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-" and key_pdf.read_bytes()[:5] == b"%PDF-"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("worksheet.pdf", "worksheet-key.pdf", "worksheet.html", "worksheet-key.html"):
        shutil.copy(tmp_path / name, ARTIFACTS / name)
    png = ARTIFACTS / "worksheet-page1.png"
    how = _page_one_png(pdf, out, png)
    image = Image.open(png).convert("L")
    width, height = image.size
    assert width > 500 and height > 700, image.size
    dark = sum(image.histogram()[:128]) / (width * height)
    assert 0.01 < dark < 0.5, f"page 1 ({how}) looks blank or black: {dark:.1%} dark pixels"
    # ink in the top quarter (the header) and in the lower half (the numbered article)
    assert image.crop((0, 0, width, height // 4)).getextrema()[0] < 100
    assert image.crop((0, height // 2, width, height)).getextrema()[0] < 100
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run(
            [pdftotext, "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout
        assert "독해 학습지" in text and lesson.article.title.ko in text
        # page 1 holds the article, printed once for the class; the students' pages follow
        assert "S. Korea, Japan resume dialogue" in text and "김민준" not in text
        assert re.search(r"^\s*12\s+The two sides vowed", text, re.MULTILINE), text
        everything = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout
        assert all(name in everything for name in ("김민준", "이서연", "박지훈"))
        # the article (its numbered line 12) and its source line, once for the class
        assert len(re.findall(r"^\s*12\s+The two sides vowed", everything, re.MULTILINE)) == 1
        assert everything.count("출처:") == 1


# --------------------------------------------------------------------------- a class's worksheet (issue 24)


def test_given_numbers_are_written_as_a_person_writes_them():
    assert given_value(462066.4, "€") == "€462,066.40"
    assert given_value(1396.54, "₩/€") == "₩1,396.54/€"
    assert given_value(8000, "t") == "8,000 t"
    assert given_value(-12.5, "€") == "-€12.50"
    assert given_value([39, 28]) == "39, 28"
    assert given_value("2023-10") == "2023-10"


def test_a_class_gets_the_article_once_then_each_students_questions(lesson, tmp_path):
    names = [f"학생{n}" for n in range(1, 7)]
    roster = write_roster(
        tmp_path / "class.csv",
        "학번,이름\n" + "".join(f"20300{n},{name}\n" for n, name in enumerate(names, 1)),
    )
    ws = make_worksheet(
        lesson, roster=roster, assignment_id="hw1", exercises=["main-idea", "roles-matching"]
    )
    page = ws.html()
    well_formed(page)
    assert page.count('<table class="article"') == 1
    assert page.count('<section class="vocabulary">') == 1
    assert page.index('<table class="article"') < page.index('<section class="sheet"')
    by_student = sheets(page)
    assert list(by_student) == [f"20300{n}" for n in range(1, 7)]
    for sheet in by_student.values():
        assert '<table class="article"' not in sheet
        assert list(blocks(sheet)) == ["main-idea", "roles-matching"]
    # the generic sheet keeps its article with the questions
    generic = make_worksheet(lesson, exercises=["main-idea"]).html()
    assert (
        generic.count('<table class="article"') == 1 and '<section class="shared">' not in generic
    )


def test_the_key_of_a_class_starts_with_a_grid_of_every_students_answers(lesson, tmp_path):
    roster = write_roster(
        tmp_path / "class.csv", "학번,이름\n2024001,김민준\n2024002,이서연\n2024003,박지훈\n"
    )
    chosen = ["main-idea", "roles-matching", "tfng-photo", "article-structure"]
    ws = make_worksheet(
        lesson, roster=roster, assignment_id="hw1", exercises=chosen, skills=["arithmetic"]
    )
    key = ws.key_html()
    well_formed(key)
    grid = key.split('<table class="grid">', 1)[1].split("</table>", 1)[0]
    assert key.index('<table class="grid">') < key.index('class="key-answers"')
    rows = re.findall(r'<tr data-student="([^"]+)">(.*?)</tr>', grid)
    assert [sid for sid, _ in rows] == ["2024001", "2024002", "2024003"]
    header = re.findall(r"<th>(\d+)</th>", grid)
    assert header == [str(n) for n in range(1, len(ws.exercises) + 1)]
    for (sid, row), sheet in zip(rows, ws.sheets):
        cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row)]
        assert len(cells) == len(sheet.questions)
        for cell, entry in zip(cells, sheet.questions):
            qid = entry["id"]
            if qid == "main-idea":
                q = lesson.questions[qid]
                letter = next(k for k, v in sheet.key["labels"][qid].items() if v == q.answer)
                assert cell == letter
            elif qid == "tfng-photo":
                assert (
                    cell
                    == {"true": "T", "false": "F", "not_given": "NG"}[lesson.questions[qid].answer]
                )
            elif qid == "roles-matching":
                right = sheet.key["matching"][qid]["right"]
                letters = [
                    next(k for k, v in right.items() if v == p.right)
                    for p in lesson.questions[qid].pairs
                ]
                assert cell == "".join(letters)
            elif entry["type"] == "arithmetic":
                answer = sheet.key["arithmetic"][qid]["answer"]
                assert cell == format_number(round(answer, 2)), (sid, qid)
