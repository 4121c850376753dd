"""`dokhae export exam`: a paper exam in forms A/B with keys, 문항정보표, PDF and HWPX."""

from __future__ import annotations

import csv
import html
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.exam.forms import make_forms, passage_groups
from dokhae.exam.items import CIRCLED, WRITTEN_KINDS
from dokhae.exam.layout import SHUFFLED_KINDS, option_texts
from dokhae.export import pdf as pdf_module
from dokhae.export.exam import ExamHeader, info_rows, key_text, make_exam, papers_html
from dokhae.export.exam_files import write_exam

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "exam-paper-structure.txt"
ARTIFACTS = ROOT / "test-artifacts" / "exam"
HEADER = ExamHeader(
    school="한빛고등학교", year="2026", term="2학기 기말고사", grade="2", minutes=50
)


def run(*args):
    return CliRunner().invoke(main, ["export", "exam", *map(str, args)])


def items_on_paper(page: str) -> list[tuple[int, str, list[str]]]:
    """``(number, item id, option texts)`` of each item of a paper, in printed order."""
    found = []
    for item_id, number, body in re.findall(
        r'<div class="item kind-[a-z_]+" data-item="([^"]+)" data-number="(\d+)">(.*?)\n</div>\n',
        page,
        flags=re.DOTALL,
    ):
        options = re.findall(r'<li><span class="sym">[①-⑤]</span> (.*?)</li>', body)
        found.append((int(number), item_id, [html.unescape(o) for o in options]))
    return found


@pytest.fixture
def exam(lesson):
    return make_exam(lesson, seed=7, header=HEADER)


# --------------------------------------------------------------------------- forms


def test_the_same_seed_gives_the_same_exam_and_another_seed_another(lesson):
    one, two = (make_exam(lesson, seed=11, header=HEADER) for _ in range(2))
    for label in ("A", "B"):
        assert papers_html(one, label) == papers_html(two, label)
    assert info_rows(one) == info_rows(two)
    orders = {
        tuple(e.item.id for e in make_exam(lesson, seed=s).forms[0].entries) for s in range(6)
    }
    assert len(orders) > 1


def test_forms_hold_every_item_once_in_another_order_with_their_own_keys(lesson, exam):
    chosen = [i.id for i in lesson.exam_items.values()]
    a, b = exam.forms
    assert (
        sorted(e.item.id for e in a.entries)
        == sorted(chosen)
        == sorted(e.item.id for e in b.entries)
    )
    assert [e.item.id for e in a.entries] != [e.item.id for e in b.entries]
    assert [e.number for e in a.entries] == list(range(1, len(chosen) + 1))
    shuffled = 0
    for form in exam.forms:
        printed = items_on_paper(papers_html(exam, form.label))
        assert [(n, i) for n, i, _ in printed] == [(e.number, e.item.id) for e in form.entries]
        for entry, (_, _, options) in zip(form.entries, printed):
            item = entry.item
            if item.kind in WRITTEN_KINDS:
                assert entry.key is None and options == []
                continue
            bank = option_texts(item)
            if bank:
                # the option printed at the form's key is the bank's right option
                assert options[entry.key - 1] == bank[item.key - 1], (form.label, item.id)
                assert sorted(options) == sorted(bank)
                shuffled += options != list(bank)
            else:  # ①-⑤ are positions in the passage: the key cannot move
                assert entry.key == item.key
            if item.kind not in SHUFFLED_KINDS:
                assert entry.key == item.key
        # 선택형 first, then 서술형
        kinds = [e.item.kind in WRITTEN_KINDS for e in form.entries]
        assert kinds == sorted(kinds)
    assert shuffled > 0, "no form printed its options in another order"


def test_items_on_one_passage_stay_together(lesson):
    """... within their part: 서술형 items come after the 선택형 ones, as in a 내신 paper."""
    items = list(lesson.exam_items.values())
    groups = [
        [i.id for i in g]
        for written in (False, True)
        for g in passage_groups([i for i in items if (i.kind in WRITTEN_KINDS) == written])
        if len(g) > 1
    ]
    assert groups, "the shipped bank has items on one passage"
    for seed in range(8):
        for form in make_forms(items, ("A", "B"), seed):
            ids = [e.item.id for e in form.entries]
            for group in groups:
                at = sorted(ids.index(i) for i in group)
                assert at == list(range(at[0], at[0] + len(group))), (seed, form.label, ids)


def test_points_come_from_the_items_or_the_teacher(lesson):
    exam = make_exam(lesson, seed=1, points={"*": 2, "grammar-1": 3})
    for entry in exam.forms[0].entries:
        if entry.item.kind in WRITTEN_KINDS:
            assert entry.points == entry.item.rubric.total
        else:
            assert entry.points == (3 if entry.item.id == "grammar-1" else 2)
    with pytest.raises(ValueError, match="rubric"):
        make_exam(lesson, seed=1, points={"written-blank-0": 9})


def test_items_are_chosen_as_for_assign(lesson, tmp_path):
    exam = make_exam(lesson, seed=1, kinds=["grammar", "written_blank"], exercises=["chart-0"])
    assert sorted(i.id for i in exam.items) == ["chart-0", "grammar-1", "written-blank-0"]
    selection = tmp_path / "pick.txt"
    selection.write_text("insertion-0\norder-0\n", encoding="utf-8")
    assert [i.id for i in make_exam(lesson, seed=1, selection_file=selection).items] == [
        "insertion-0",
        "order-0",
    ]
    result = run(lesson.slug, "-o", tmp_path / "e.html", "-e", "grammer-1", "-k", "poem")
    assert result.exit_code == 1
    assert "grammer-1" in result.output and "grammar-1" in result.output  # a close match
    assert "'poem' is not an item kind" in result.output and "Traceback" not in result.output


# --------------------------------------------------------------------------- key and 문항정보표


def test_the_item_table_agrees_with_each_forms_key(lesson, exam, tmp_path):
    files = write_exam(exam, tmp_path / "exam.html")
    with open(files.info_csv, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(exam.items)
    from openpyxl import load_workbook

    sheet = load_workbook(files.info_xlsx).active
    header = [c.value for c in sheet[1]]
    excel = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    for form in exam.forms:
        for entry in form.entries:
            row = next(r for r in rows if r["문항 ID"] == entry.item.id)
            assert int(row[f"{form.label}형 번호"]) == entry.number
            assert row[f"{form.label}형 정답"] == key_text(entry)
            assert float(row["배점"]) == entry.points
            assert row["출처 문장"] == (", ".join(entry.item.passage) or "(도표)")
            xrow = next(r for r in excel if r["문항 ID"] == entry.item.id)
            assert xrow[f"{form.label}형 정답"] == key_text(entry)
            if entry.key is not None:
                assert key_text(entry) == CIRCLED[entry.key - 1]
    key = files.key.read_text(encoding="utf-8")
    for form in exam.forms:
        section = key.split(f'<section class="form" data-form="{form.label}">')[1].split(
            "</section>"
        )[0]
        shown = re.findall(r'<td class="key" data-item="([^"]+)">(.*?)</td>', section)
        assert shown == [(e.item.id, key_text(e) if e.key else "서술형") for e in form.entries]
    assert f'<b class="seed">{exam.seed}</b>' in key
    for entry in (e for e in exam.forms[0].entries if e.written):
        for part in entry.item.rubric.parts:
            assert html.escape(part.answer, quote=False) in key


def test_the_students_papers_hold_no_key(lesson, exam, tmp_path):
    files = write_exam(exam, tmp_path / "exam.html")
    key = files.key.read_text(encoding="utf-8")
    for paper in files.papers:
        page = paper.read_text(encoding="utf-8")
        for marker in ("정답", "채점", "문항정보표", "seed", "교사용", 'class="key"'):
            assert marker not in page, (paper.name, marker)
            assert marker in key
        for entry in (e for e in exam.forms[0].entries if e.written):
            for part in entry.item.rubric.parts:
                assert f"{part.label} {part.answer}" not in page


@pytest.mark.slow
def test_the_student_pdf_holds_no_key(lesson, tmp_path):
    if pdf_module.find_browser() is None or shutil.which("pdftotext") is None:
        pytest.skip("needs Chromium (or CHROMIUM_PATH) and pdftotext")
    out = tmp_path / "exam.pdf"
    result = run(lesson.slug, "-o", out, "--seed", "7", "--year", "2026", "--minutes", "50")
    assert result.exit_code == 0, result.output
    assert "seed 7" in result.output

    def text(pdf: Path) -> str:
        return subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout

    key = text(tmp_path / "exam-key.pdf")
    assert "정답표" in key and "문항정보표" in key and "채점 기준" in key
    for label in ("A", "B"):
        paper = text(tmp_path / f"exam-{label}.pdf")
        assert f"{label}형" in paper and "2026학년도" in paper and "50분" in paper
        assert "글의 흐름으로 보아" in paper and "South Korea and Japan" in paper
        for marker in ("정답", "채점", "문항정보표", "시드", "교사용"):
            assert marker not in paper, (label, marker)


# --------------------------------------------------------------------------- HWPX


def test_the_hwpx_reads_back_with_every_item_and_option_in_order(exam, tmp_path):
    from hwpx import HwpxDocument

    files = write_exam(exam, tmp_path / "exam.hwpx")
    assert [p.name for p in files.hwpx] == ["exam-A.hwpx", "exam-B.hwpx", "exam-key.hwpx"]
    for form, path in zip(exam.forms, files.hwpx):
        doc = HwpxDocument.open(path)
        assert not doc.validate().issues
        paragraphs = [p.text for p in doc.paragraphs]
        at = 0
        for entry in form.entries:
            stem = f"{entry.number}. {entry.item.stem} [{entry.points:g}점]"
            at = paragraphs.index(stem, at) + 1
            expected = option_texts(entry.item)
            if entry.option_order is not None:
                expected = tuple(expected[i] for i in entry.option_order)
            for n, option in enumerate(expected):
                at = paragraphs.index(f"{CIRCLED[n]} {option}", at) + 1
        text = doc.text.plain()
        assert "정답" not in text and "채점" not in text
    key = HwpxDocument.open(files.hwpx[-1]).text.plain()
    for form in exam.forms:
        assert f"{form.label}형 정답표" in key
        for entry in form.entries:
            assert f"{entry.number}\t{key_text(entry)}\t{entry.points:g}" in key
    assert "문항정보표" in key and "서술형 채점 기준" in key


# --------------------------------------------------------------------------- hostile text


def test_item_text_never_becomes_markup_or_a_formula(lesson, tmp_path):
    formula = '=HYPERLINK("http://x.example","click")'
    script = "<script>alert(1)</script>"
    items = {i.id: i for i in lesson.exercises.exam_items}
    title = items["title-0"]
    items["title-0"] = title.model_copy(update={"options": (formula + script, *title.options[1:])})
    written = items["written-blank-0"]
    part = written.rubric.parts[0].model_copy(update={"label": formula, "answer": script})
    items["written-blank-0"] = written.model_copy(
        update={"rubric": written.rubric.model_copy(update={"parts": (part,)})}
    )
    bank = lesson.exercises.model_copy(update={"exam_items": tuple(items.values())})
    bad = lesson.model_copy(update={"exercises": bank})
    exam = make_exam(
        bad, seed=3, header=ExamHeader(school=script), exercises=["title-0", "written-blank-0"]
    )
    files = write_exam(exam, tmp_path / "exam.html", hwpx=True)
    for page in (*files.papers, files.key):
        text = page.read_text(encoding="utf-8")
        assert "<script>" not in text and "&lt;script&gt;" in text, page.name
    csv_text = files.info_csv.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in csv_text and ",=HYPERLINK" not in csv_text
    from openpyxl import load_workbook

    sheet = load_workbook(files.info_xlsx).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    formulas = [c for c in cells if c.value.startswith("=")]
    assert formulas and all(c.data_type == "s" and c.quotePrefix for c in formulas)
    from hwpx import HwpxDocument

    paper = HwpxDocument.open(files.hwpx[0]).text.plain()
    assert formula + script in paper  # text, as written
    key = HwpxDocument.open(files.hwpx[-1]).text.plain()
    assert f"{formula} {script}" in key


# --------------------------------------------------------------------------- layout


class _Skeleton(HTMLParser):
    """The elements of a paper with their classes, indented, without text: its structure."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.lines: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("meta", "img", "br"):
            self.lines.append("  " * self.depth + tag)
            return
        attrs = dict(attrs)
        shown = tag + "".join(f".{c}" for c in (attrs.get("class") or "").split())
        if "data-number" in attrs:
            shown += f" #{attrs['data-number']}"
        self.lines.append("  " * self.depth + shown)
        self.depth += 1

    def handle_endtag(self, tag):
        self.depth -= 1


def skeleton(page: str) -> str:
    parser = _Skeleton()
    parser.feed(page.split("<body>", 1)[1])
    assert parser.depth == -2, "elements do not nest"  # -2: the closing </body> and </html>
    return "\n".join(parser.lines) + "\n"


def test_the_paper_layout_keeps_its_structure(exam):
    """A golden file: the structure (elements, classes, numbers) of form A of seed 7.
    After an intended change of the layout: DOKHAE_UPDATE_GOLDEN=1 pytest this test."""
    shown = skeleton(papers_html(exam, "A"))
    if os.environ.get("DOKHAE_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(shown, encoding="utf-8")
    assert shown == GOLDEN.read_text(encoding="utf-8")
    # what the golden file must hold, whatever its version
    assert "table.head" in shown and "div.columns" in shown
    assert shown.count("div.item.kind-") == len(exam.items)
    assert "span.mark" in shown and "div.box" in shown and "ol.options" in shown


@pytest.mark.slow
def test_pages_of_each_form_render_as_an_exam(lesson, tmp_path):
    """Page 1 and a page of passages of each form, as PNG in test-artifacts/exam/."""
    if pdf_module.find_browser() is None or shutil.which("pdftoppm") is None:
        pytest.skip("needs Chromium (or CHROMIUM_PATH) and pdftoppm")
    from PIL import Image

    result = run(
        lesson.slug,
        "-o",
        tmp_path / "exam.pdf",
        "--seed",
        "7",
        "--year",
        "2026",
        "--term",
        "2학기 기말고사",
        "--grade",
        "2",
        "--minutes",
        "50",
        "--school",
        "한빛고등학교",
    )
    assert result.exit_code == 0, result.output
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for label in ("A", "B"):
        pdf = tmp_path / f"exam-{label}.pdf"
        shutil.copy(pdf, ARTIFACTS / pdf.name)
        for page in (1, 3):
            png = ARTIFACTS / f"exam-{label}-page{page}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "90",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(png),
                ],
                check=True,
            )
            image = Image.open(png.with_suffix(".png")).convert("L")
            width, height = image.size
            assert width < height  # A4 upright
            dark = sum(image.histogram()[:128]) / (width * height)
            assert 0.01 < dark < 0.5, (label, page, dark)
            # two columns: ink left and right of the middle rule
            left = image.crop((0, height // 3, width // 2 - 10, height))
            right = image.crop((width // 2 + 10, height // 3, width, height))
            assert left.getextrema()[0] < 100 and right.getextrema()[0] < 100


def test_the_command_says_what_it_wrote_and_refuses_other_files(lesson, tmp_path):
    result = run(lesson.slug, "-o", tmp_path / "exam.html", "--seed", "4", "--points", "2")
    assert result.exit_code == 0, result.output
    assert "seed 4" in result.output and "--seed 4" in result.output
    for name in ("exam-A.html", "exam-B.html", "exam-key.html", "exam-info.csv", "exam-info.xlsx"):
        assert (tmp_path / name).is_file() and name in result.output
    assert not list(tmp_path.glob("*.pdf"))
    bad = run(lesson.slug, "-o", tmp_path / "exam.docx")
    assert bad.exit_code == 1 and "must end in .pdf, .html or .hwpx" in bad.output
    points = run(lesson.slug, "-o", tmp_path / "exam.html", "--points", "two")
    assert points.exit_code == 2 and "ID=NUMBER" in points.output
    forms = run(lesson.slug, "-o", tmp_path / "exam.html", "--forms", "A,A")
    assert forms.exit_code == 1 and "different labels" in forms.output
