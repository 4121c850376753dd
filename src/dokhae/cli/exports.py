"""A lesson for use outside the notebooks: ``dokhae export glossary/anki/worksheet/items``."""

from __future__ import annotations

from pathlib import Path

import click

from . import options
from .options import path_option
from .output import class_and_choice_checked, echo_problems, load_lesson, say, say_both


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
    is_flag=True,
    help="Glossary words of the article as numbered gaps with a word bank, instead of the vocabulary list.",
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
    roster: Path | None,
    assignment_id: str | None,
    secret_path: Path | None,
    language: str | None,
    text: str,
    gaps: bool,
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
                roster=roster,
                assignment_id=assignment_id,
                language=language,
                text=text,
                gaps=gaps,
                secret=secret,
            )
            echo_problems(worksheet.warnings)
            files = write_worksheet(worksheet, out, pdf=pdf)
    except (ValueError, PdfError) as err:
        raise click.ClickException(str(err)) from None
    sheets = len(worksheet.sheets)
    who = (
        f"{sheets} students"
        if worksheet.assignment_id
        else "one sheet for everyone (example numbers)"
    )
    click.echo(f"Worksheet of {loaded.slug}: {len(worksheet.exercises)} exercises, {who}.")
    if worksheet.assignment_id and secret_path is not None:
        click.echo(
            f"  assignment id: {worksheet.assignment_id}  (the same numbers as dokhae assign --id "
            f"{worksheet.assignment_id}, from {secret_path})"
        )
    elif worksheet.assignment_id:
        click.echo(
            f"  assignment id: {worksheet.assignment_id}  (new numbers: give --secret "
            "<assignment>/teacher/secret for the numbers of dokhae assign)"
        )
    click.echo(f"  for the students: {files.pdf or files.worksheet}  (print it)")
    click.echo(f"  answer key:       {files.key_pdf or files.key}  (keep it away from students)")


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
        raise click.ClickException(f"cannot write {out} ({err})") from None
    say_both("exam_cli.exported", n=n, lesson=loaded.slug, file=out)
