"""A lesson for use outside the notebooks: ``dokhae export glossary/anki/worksheet/items``."""

from __future__ import annotations

from pathlib import Path

import click

from . import options
from .options import PATH, path_option
from .output import class_and_choice_checked, echo_problems, load_lesson, say, tr


@click.group("export")
def export_group() -> None:
    """Export a lesson for use outside the notebooks (spreadsheets, Anki, printable worksheets).

    Example: dokhae export glossary steel-dialogue-2023 -o glossary.xlsx
    """


@export_group.command("glossary")
@options.exported_to("The file to write: FILE.csv (UTF-8 with BOM, opens in Excel) or FILE.xlsx.")
@options.language("Language of the Excel sheet name (default: the interface language).")
def export_glossary_command(lesson: str | None, out: Path, language: str | None) -> None:
    """Write the glossary of LESSON (a slug; needed when there are several lessons) as CSV or Excel.

    Example: dokhae export glossary steel-dialogue-2023 -o glossary.csv
    """
    from ..export import write_glossary

    loaded = load_lesson(lesson)
    try:
        write_glossary(loaded, out, language=language)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    say("cli_text.glossary_written", count=len(loaded.glossary), slug=loaded.slug, file=out)


@export_group.command("anki")
@options.exported_to("The deck to write: FILE.apkg.")
def export_anki_command(lesson: str | None, out: Path) -> None:
    """Write LESSON (a slug; needed when there are several lessons) as an Anki deck.

    Each glossary entry gives two cards (English → Korean, Korean → English), and each
    article sentence holding glossary words gives cloze cards. Importing a deck exported
    again after a correction updates the notes instead of duplicating them.

    Example: dokhae export anki steel-dialogue-2023 -o steel.apkg
    """
    from ..export import anki_deck, write_anki

    loaded = load_lesson(lesson)
    try:
        write_anki(loaded, out)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    n_notes = len(anki_deck(loaded).notes)
    say("cli_text.anki_written", count=n_notes, slug=loaded.slug, file=out)


@export_group.command("worksheet")
@options.exported_to(
    "The page to write: FILE.html; the answer key goes to FILE-key.html beside it."
)
@options.selection
@options.learners
@path_option(
    "--roster",
    "-r",
    help="A class roster CSV (student_id,name or 학번,이름): one page set per student, with their own numbers.",
)
@click.option(
    "--id",
    "assignment_id",
    default=None,
    help="With --roster: the assignment id (default: <lesson>-<today>); the same id as in "
    "dokhae assign gives the same numbers.",
)
@path_option(
    "--secret",
    "secret_path",
    help="With --roster: the assignment's teacher/secret from dokhae assign, for the same numbers "
    "as the assignment (without it every printing has new numbers).",
)
@options.language("Language of the instructions and questions (default: the interface language).")
@click.option(
    "--text",
    "text",
    type=click.Choice(["en", "ko"]),
    default="en",
    show_default=True,
    help="Language of the article.",
)
@click.option(
    "--gaps",
    type=click.IntRange(min=0),
    is_flag=False,
    flag_value=0,
    default=None,
    metavar="[N]",
    help="Glossary words of the article as numbered gaps with a word bank, instead of the "
    "vocabulary list; --gaps N blanks only N words, the hardest, spread over the article.",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Also print FILE.pdf and FILE-key.pdf (needs Chromium, Google Chrome or Microsoft Edge).",
)
def export_worksheet_command(
    lesson: str | None,
    out: Path,
    exercises: tuple[str, ...],
    skills: tuple[str, ...],
    selection_file: Path | None,
    learners: str,
    roster: Path | None,
    assignment_id: str | None,
    secret_path: Path | None,
    language: str | None,
    text: str,
    gaps: int | None,
    pdf: bool,
) -> None:
    """Write a printable worksheet of LESSON (a slug; needed when there are several lessons) and its answer key.

    The worksheet has the article with numbered lines, a vocabulary list to fill in and
    the chosen questions with room to write; the key (FILE-key.html) has the answers and
    explanations. Choose questions as for dokhae assign; with no --exercise, --skill or
    --selection, one question of each skill and type and two short calculations are used.
    With --roster every student gets their own pages and numbers, and the key lists
    each student's answers.

    Example: dokhae export worksheet steel-dialogue-2023 -o worksheet.html --roster class-3.csv --id hw1 --pdf
    """
    from ..export import PdfError, make_worksheet, write_worksheet
    from ..teacher.secret import read_secret

    loaded = load_lesson(lesson)
    try:
        with class_and_choice_checked("export worksheet", roster, loaded.slug):
            secret = read_secret(secret_path) if secret_path is not None else None
            worksheet = make_worksheet(
                loaded,
                exercises=exercises,
                skills=skills,
                selection_file=selection_file,
                learners=learners,
                roster=roster,
                assignment_id=assignment_id,
                language=language,
                text=text,
                gaps=gaps is not None,
                gap_limit=gaps or None,
                secret=secret,
            )
            echo_problems(worksheet.warnings)
            files = write_worksheet(worksheet, out, pdf=pdf)
    except (ValueError, PdfError) as err:
        raise click.ClickException(str(err)) from None
    who = (
        tr("cli_text.students", count=len(worksheet.sheets))
        if worksheet.assignment_id
        else tr("cli_lines.worksheet_everyone")
    )
    chosen = tr("cli_text.exercises", count=len(worksheet.exercises))
    say("cli_lines.worksheet_made", slug=loaded.slug, exercises=chosen, who=who)
    if worksheet.assignment_id:
        numbers = "same_numbers" if secret_path is not None else "new_numbers"
        line = tr(f"cli_lines.worksheet_{numbers}", id=worksheet.assignment_id, secret=secret_path)
        click.echo(f"  {line}")
    click.echo("  " + tr("cli_lines.for_students", file=files.pdf or files.worksheet))
    click.echo("  " + tr("cli_lines.answer_key", file=files.key_pdf or files.key))


# --------------------------------------------------------------------------- lesson building


@export_group.command("items")
@options.exported_to("The file to write: FILE.json (format: docs/exam-items.md, Export).")
@click.option("--approved", "approved_only", is_flag=True, help="Only the approved items.")
def export_items_command(lesson: str | None, out: Path, approved_only: bool) -> None:
    """Write the exam items of LESSON (a slug; needed when there are several lessons) as JSON.

    Per item: its kind, passage text, marks, options, key, proof (recomputed) and status,
    so the items can be checked and reused outside dokhae.

    Example: dokhae export items steel-dialogue-2023 -o items.json
    """
    from ..export import write_items

    loaded = load_lesson(lesson)
    try:
        n = write_items(loaded, out, approved_only=approved_only)
    except OSError as err:
        raise click.ClickException(tr("cli_lines.cannot_write", file=out, error=err)) from None
    say("cli_lines.items_exported", count=n, lesson=loaded.slug, file=out)


# --------------------------------------------------------------------------- paper exams


def _points_option(values: tuple[str, ...]) -> dict[str, float] | float | None:
    """``--points 2`` (every 선택형 item) and/or ``--points ID=3``."""
    if not values:
        return None
    default: float | None = None
    by_id: dict[str, float] = {}
    for value in (v.strip() for group in values for v in group.split(",")):
        name, _, number = value.rpartition("=")
        try:
            points = float(number)
        except ValueError:
            raise click.BadParameter(
                tr("cli_lines.points_bad", value=repr(value)), param_hint="--points"
            ) from None
        if name:
            by_id[name.strip()] = points
        else:
            default = points
    if default is None:
        return by_id
    return {"*": default, **by_id}


@export_group.command("exam")
@options.exported_to(
    "FILE.pdf (papers per form, key and 문항정보표 as PDF and HTML), FILE.html, or FILE.hwpx "
    "(for 한글); FILE-A.*, FILE-B.*, FILE-key.* and FILE-info.csv/.xlsx are written."
)
@click.option("--exercise", "-e", "exercises", multiple=True, help="An exam item id (repeatable).")
@click.option(
    "--kind",
    "-k",
    "kinds",
    multiple=True,
    help="Every approved item of a kind, repeatable or comma-separated (insertion, order, "
    "grammar, vocabulary, chart, facts, title, blank, summary, irrelevant, written_grammar, "
    "written_arrange, written_blank, written_summary).",
)
@path_option(
    "--selection",
    "selection_file",
    help="A saved selection: item ids one per line, or YAML exercises:/skills: (skills as kinds).",
)
@click.option(
    "--forms", default="A,B", show_default=True, help="The forms (A형, B형, ...), comma-separated."
)
@click.option(
    "--seed",
    type=int,
    default=None,
    help="The seed of the forms' orders (default: a new one, printed and written on the key); "
    "the same seed gives the same exam.",
)
@click.option(
    "--points",
    "points",
    multiple=True,
    help="배점: a number for every 선택형 item (--points 2) and/or ID=NUMBER (repeatable); "
    "default: each item's points. 서술형 items score their rubric's total.",
)
@click.option("--school", default="", help="School name for the header.")
@click.option("--year", default="", help="학년도 for the header, e.g. 2026.")
@click.option("--term", default="", help="Term and exam for the header, e.g. '1학기 중간고사'.")
@click.option("--grade", default="", help="Grade (학년) for the header.")
@click.option("--subject", default="영어", show_default=True, help="Subject for the header.")
@click.option(
    "--minutes", type=click.IntRange(1, 600), default=None, help="Time allowed (minutes)."
)
@path_option(
    "--roster",
    "-r",
    help="A class roster: one paper per student with their number and name, forms A, B, A, B, "
    "... in the roster's order.",
)
@click.option("--hwpx", is_flag=True, help="Also write the papers and key as HWPX for 한글.")
@click.option(
    "--gradebook",
    "gradebooks",
    multiple=True,
    type=PATH,
    help="A gradebook where these items were graded before (repeatable): the 난이도 of the "
    "문항정보표 is then from the share correct (p), else estimated from the item's kind.",
)
def export_exam_command(
    lesson: str | None,
    out: Path,
    exercises: tuple[str, ...],
    kinds: tuple[str, ...],
    selection_file: Path | None,
    forms: str,
    seed: int | None,
    points: tuple[str, ...],
    school: str,
    year: str,
    term: str,
    grade: str,
    subject: str,
    minutes: int | None,
    roster: Path | None,
    hwpx: bool,
    gradebooks: tuple[Path, ...],
) -> None:
    """Write a paper exam (시험지) of LESSON's approved exam items, in forms A/B, with keys.

    The papers are A4 in two columns with numbered items, Korean stems, passages with
    their underlines and circled numbers, boxes, options ①-⑤ and room for 서술형 answers.
    Each form has the items in another order (items on one passage together, 서술형
    last) and its own key; FILE-key has the keys, the 서술형 채점 기준 and the
    문항정보표, which FILE-info.csv/.xlsx hold as a spreadsheet.

    Example: dokhae export exam steel-dialogue-2023 -o exam.pdf --forms A,B --seed 7 --year 2026 --term "2학기 기말고사" --grade 2 --minutes 50
    """
    from ..export import PdfError
    from ..export.exam import ExamHeader, make_exam
    from ..teacher.gradebook import GradebookError

    for book in gradebooks:
        if not book.is_file():
            raise click.ClickException(tr("cli_lines.no_gradebook", path=book))
    from ..export.exam_files import write_exam

    loaded = load_lesson(lesson)
    given = _points_option(points)
    kind_list = [k.strip() for group in kinds for k in group.split(",") if k.strip()]
    header = ExamHeader(
        school=school, year=year, term=term, grade=grade, subject=subject, minutes=minutes
    )
    try:
        with class_and_choice_checked("export exam", roster):
            exam = make_exam(
                loaded,
                exercises=exercises,
                kinds=kind_list,
                selection_file=selection_file,
                forms=forms.split(","),
                seed=seed,
                points=given,
                header=header,
                roster=roster,
                gradebooks=gradebooks,
            )
            echo_problems(exam.warnings)
            files = write_exam(exam, out, hwpx=hwpx)
    except (ValueError, PdfError, GradebookError) as err:
        raise click.ClickException(str(err)) from None
    total = exam.forms[0].total
    say(
        "cli_lines.exam_made",
        slug=loaded.slug,
        items=tr("cli_lines.exam_items", count=len(exam.items)),
        forms="/".join(f"{f.label}형" for f in exam.forms),
        points=tr(f"cli_lines.points_{'one' if total == 1 else 'other'}", n=f"{total:g}"),
        seed=exam.seed,
    )
    if exam.papers:
        click.echo("  " + tr("cli_lines.exam_papers", count=len(exam.papers)))
    _say_papers(files.pdfs[:-1] if files.pdfs else files.papers)
    click.echo("  " + tr("cli_lines.key", file=files.pdfs[-1] if files.pdfs else files.key))
    click.echo("  " + tr("cli_lines.exam_info", files=f"{files.info_xlsx}, {files.info_csv}"))
    if files.hwpx:
        click.echo("  " + tr("cli_lines.exam_hwpx", files=", ".join(map(str, files.hwpx))))


def _say_papers(papers: list[Path] | tuple[Path, ...]) -> None:
    """The papers' files, to print."""
    click.echo("  " + tr("cli_lines.papers", files=", ".join(str(p) for p in papers)))


@export_group.command("wordtest")
@options.exported_to(
    "FILE.pdf (and HTML) or FILE.html; FILE-A.*, FILE-B.* and FILE-key.* are written."
)
@click.option(
    "--level",
    "levels",
    multiple=True,
    help="Only words of a CEFR level, repeatable or comma-separated (A1 ... C2).",
)
@click.option(
    "--words",
    "words",
    multiple=True,
    help="Only these glossary ids or headwords, repeatable or comma-separated.",
)
@click.option(
    "--audience",
    type=click.Choice(["en", "ko", "both"]),
    default="en",
    show_default=True,
    help="Words for learners of English (en), of Korean (ko), or every word (both).",
)
@click.option("--count", "-n", type=click.IntRange(1), default=None, help="At most N words.")
@click.option(
    "--direction",
    type=click.Choice(["both", "en-ko", "ko-en"]),
    default="both",
    show_default=True,
    help="English→Korean, Korean→English, or half of each.",
)
@click.option(
    "--forms", default="A,B", show_default=True, help="The forms (A형, B형, ...), comma-separated."
)
@click.option("--seed", type=int, default=None, help="The seed (default: a new one, printed).")
def export_wordtest_command(
    lesson: str | None,
    out: Path,
    levels: tuple[str, ...],
    words: tuple[str, ...],
    audience: str,
    count: int | None,
    direction: str,
    forms: str,
    seed: int | None,
) -> None:
    """Write a 단어 시험지 of LESSON's glossary: English→Korean and Korean→English, forms A/B, key.

    Example: dokhae export wordtest steel-dialogue-2023 -o words.pdf --level B2,C1 -n 20
    """
    from ..export import PdfError
    from ..export.wordtest import make_wordtest, write_wordtest

    def split(values: tuple[str, ...]) -> list[str]:
        return [v.strip() for group in values for v in group.split(",") if v.strip()]

    loaded = load_lesson(lesson)
    try:
        test = make_wordtest(
            loaded,
            levels=[lv.upper() for lv in split(levels)],
            words=split(words),
            audience=audience,
            count=count,
            direction=direction,
            forms=forms.split(","),
            seed=seed,
        )
        files = write_wordtest(test, out)
    except (ValueError, PdfError) as err:
        raise click.ClickException(str(err)) from None
    shown = [f for f in files if f.suffix == out.suffix.lower()]
    say(
        "cli_lines.wordtest_made",
        slug=loaded.slug,
        words=tr("cli_lines.words", count=len(test.items)),
        forms="/".join(label + "형" for label, _ in test.forms),
        seed=test.seed,
    )
    _say_papers(shown[:-1])
    click.echo("  " + tr("cli_lines.key", file=shown[-1]))
