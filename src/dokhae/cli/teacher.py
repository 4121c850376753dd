"""Graded work: ``dokhae assign``, ``dokhae grade`` and ``dokhae report``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import options
from .options import path_option
from .output import (
    choose_lesson,
    class_and_choice_checked,
    content_folder,
    echo_problems,
    lesson_problems,
    say,
    tr,
)

if TYPE_CHECKING:
    import pandas as pd


@click.command("assign")
@click.argument("roster", type=click.Path(path_type=Path))
@path_option(
    "--out",
    "-o",
    "out_dir",
    required=True,
    help="Folder to write students/<id>/ and teacher/key.json into.",
)
@options.lesson
@options.selection
@options.learners
@click.option(
    "--id",
    "assignment_id",
    default=None,
    help="The assignment id (default: <lesson>-<today>); it fixes each student's numbers.",
)
@click.option(
    "--nbgrader",
    is_flag=True,
    help="Also write an nbgrader source notebook (nbgrader/source/<id>/).",
)
@path_option(
    "--bank",
    "bank",
    help="A private bank (YAML like a lesson's exercises file, kept in your own folder): graded "
    "items students cannot look up. Check it first with: dokhae check my-test.yaml",
)
@click.option(
    "--force",
    is_flag=True,
    help="Make the assignment again over students' notebooks that changed (each kept as "
    "assignment.ipynb.bak); students' answers.json files are always kept.",
)
@click.option(
    "--prompts",
    type=click.Choice(["both", "en", "ko"]),
    default="both",
    show_default=True,
    help="Language of the questions and choices in the notebooks: en for a reading check in "
    "English, ko for Korean only, both for Korean and English.",
)
@click.option(
    "--target",
    type=float,
    default=None,
    help="A target score in percent of the points (e.g. 80): the report lists who has not "
    "reached it yet.",
)
@click.option(
    "--max-attempts",
    "max_attempts",
    type=int,
    default=1,
    show_default=True,
    help="How many attempts each student may make, each with new numbers, letters, exam "
    "variants and words (attempt-2.ipynb, ... in their folder); every attempt is graded.",
)
@click.option(
    "--words",
    type=int,
    default=0,
    help="Add a word test of this many glossary words, typed in both directions (alone, "
    "it is the whole assignment).",
)
def assign_command(
    roster: Path,
    out_dir: Path,
    lesson: str | None,
    exercises: tuple[str, ...],
    skills: tuple[str, ...],
    selection_file: Path | None,
    learners: str,
    assignment_id: str | None,
    nbgrader: bool,
    bank: Path | None,
    force: bool,
    prompts: str,
    target: float | None,
    max_attempts: int,
    words: int,
) -> None:
    """Make an assignment for every student of ROSTER (CSV or .xlsx: student_id,name,
    학번,이름 or 학년,반,번호,이름).

    Each student gets a folder with the notebook (their own numbers), a manifest and
    the questions, and nothing that reveals an answer; the key and the teacher secret
    (which fixes each student's numbers) go to teacher/. With --bank the items come
    from your private bank; without it, from the practice bank every student has (a
    warning says so). With no --exercise, --skill or --selection, every item is used.
    With several lessons, choose one with -l; dokhae lesson show lists the exercise ids
    and skills.

    Example: dokhae assign class-3.csv -o hw1 --id hw1 --skill vocabulary --skill arithmetic

    Retakes: dokhae assign class-3.csv -o quiz1 -e grammar-1 -e insertion-0 --words 10
    --target 80 --max-attempts 3 (approved exam items are assigned by id or with -s exam).
    """
    from ..problems import LessonError
    from ..teacher import assign

    if bank is None:  # a private bank names its own lesson
        lesson = choose_lesson(lesson, option=True)
    try:
        with class_and_choice_checked("assign", roster, lesson):
            result = assign(
                lesson,
                roster,
                out_dir,
                exercises=exercises or None,
                skills=skills or None,
                selection_file=selection_file,
                learners=learners,
                assignment_id=assignment_id,
                nbgrader=nbgrader,
                bank=bank,
                force=force,
                prompts=prompts,
                target=target,
                max_attempts=max_attempts,
                words=words,
            )
    except LessonError as err:
        raise click.ClickException(lesson_problems(err)) from None
    except (ValueError, FileExistsError, FileNotFoundError) as err:
        raise click.ClickException(str(err)) from None
    echo_problems(result.warnings)
    for notice in result.notices:  # a warning a teacher must read: in both languages
        click.echo(notice, err=True)
    say(
        "cli_text.assigned",
        id=result.assignment_id,
        lesson=result.lesson,
        exercises=tr("cli_text.exercises", count=len(result.exercises)),
        students=tr("cli_text.students", count=len(result.students)),
    )
    click.echo(f"  {content_folder()}")
    click.echo("  " + tr("cli_text.assigned_folders", path=result.students_dir))
    click.echo("  " + tr("cli_text.assigned_key", path=result.key_path))
    click.echo("  " + tr("cli_text.assigned_secret", path=result.secret_path))
    if result.nbgrader_source is not None:
        click.echo("  " + tr("cli_text.assigned_nbgrader", path=result.nbgrader_source.parent))
    say("cli_text.assigned_next", key=result.key_path)


@click.command("grade")
@click.argument("submissions", type=click.Path(path_type=Path))
@path_option(
    "--key",
    "-k",
    "key_path",
    required=True,
    help="The answer key: teacher/key.json from dokhae assign.",
)
@path_option(
    "--gradebook",
    "gradebook_path",
    help="The SQLite gradebook (default: gradebook.sqlite3 beside the key).",
)
@path_option(
    "--manual-marks",
    "manual_marks",
    help="CSV of answers to mark by hand (default: manual_marks.csv beside the gradebook).",
)
@path_option(
    "--csv",
    "csv_path",
    help="Grades as CSV (default: grades-<id>.csv beside the gradebook).",
)
@path_option(
    "--excel",
    "excel_path",
    help="Grades as Excel (default: grades-<id>.xlsx beside the gradebook).",
)
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal)."
)
@click.option(
    "--accept",
    "accept",
    multiple=True,
    metavar="EXERCISE_ID=ANSWER",
    help="Accept another answer for every student (repeatable), e.g. "
    'vocab-join-hands="team up"; kept in accepted_answers.csv beside the gradebook.',
)
@click.option(
    "--no-partial",
    "no_partial",
    is_flag=True,
    help="All or nothing for ordering and matching: no points unless every part is right.",
)
def grade_command(
    submissions: Path,
    key_path: Path,
    gradebook_path: Path | None,
    manual_marks: Path | None,
    csv_path: Path | None,
    excel_path: Path | None,
    progress: bool | None,
    accept: tuple[str, ...],
    no_partial: bool,
) -> None:
    """Grade the submissions collected in SUBMISSIONS against the key.

    SUBMISSIONS may hold the students' folders, answers files and LMS zip files; nothing
    in it is changed. Broken, empty, duplicated or foreign submissions are listed and
    skipped. Answers a person must mark go to manual_marks.csv: fill in its points
    column and run dokhae grade again.

    Example: dokhae grade collected/ --key hw1/teacher/key.json
    """
    from ..teacher import export_grades, grade
    from ..teacher.accepted import AcceptError, parse_accept
    from ..teacher.gradebook import GradebookError
    from ..teacher.key import KeyFileError

    try:
        accepted = [parse_accept(a) for a in accept]
        result = grade(
            submissions,
            key_path,
            gradebook_path=gradebook_path,
            manual_marks=manual_marks,
            progress=progress,
            accept=accepted,
            partial=not no_partial,
        )
    except (KeyFileError, GradebookError, FileNotFoundError, AcceptError) as err:
        raise click.ClickException(str(err)) from None
    echo_problems(result.problems)
    folder = result.gradebook_path.parent
    csv_path = csv_path or folder / f"grades-{result.assignment_id}.csv"
    excel_path = excel_path or folder / f"grades-{result.assignment_id}.xlsx"
    export_grades(
        result.gradebook_path,
        assignment_id=result.assignment_id,
        csv_path=csv_path,
        excel_path=excel_path,
    )
    n_problems = len(result.problems)
    more = tr("cli_lines.graded_damaged", n=len(result.damaged)) if result.damaged else ""
    if n_problems:
        more += tr("cli_lines.graded_problems", count=n_problems)
    say(
        "cli_lines.graded",
        id=result.assignment_id,
        graded=len(result.submitted),
        missing=len(result.missing),
        more=more,
    )
    for line in result.status_lines():
        click.echo(f"  {line}")
    click.echo("  " + tr("cli_lines.gradebook", path=result.gradebook_path))
    click.echo("  " + tr("cli_lines.grades", csv=csv_path, excel=excel_path))
    if result.pending:
        say("cli_lines.to_mark", count=result.pending, file=result.manual_marks_path)
    _say_retakes(result.gradebook_path, result.assignment_id)
    _say_lesson_of(key_path)
    say("cli_text.graded_next", gradebook=result.gradebook_path)


def _say_retakes(gradebook_path: Path, assignment_id: str) -> None:
    """One line on the attempts of a retake assignment: how many were graded and how
    many students have reached the target (nothing for an ordinary assignment)."""
    from ..teacher.reports import retake_summary
    from ..teacher.retakes import has_retakes

    summary = retake_summary(gradebook_path, assignment_id)
    if not has_retakes(summary):
        return
    target = summary.attrs["target"]
    graded = int(summary["attempts"].sum())
    if target is None:
        say("grade_retakes.no_target", count=graded)
        return
    say(
        "grade_retakes.target",
        count=graded,
        reached=int(summary["reached"].sum()),
        students=len(summary),
        target=f"{target:g}",
    )


def _say_lesson_of(key_path: Path) -> None:
    """Name the lesson of the assignment whose key is ``key_path`` (when it can be read)."""
    from ..teacher.key import AnswerKey, KeyFileError

    try:
        lesson = AnswerKey.load(key_path).lesson
    except (KeyFileError, OSError):
        return
    say("cli_text.key_lesson", lesson=lesson, key=key_path)


@click.command("report")
@click.argument("gradebook", type=click.Path(path_type=Path))
@click.option(
    "--assignment",
    "assignment_id",
    default=None,
    help="Which assignment (needed when the gradebook holds several).",
)
@path_option(
    "--out",
    "-o",
    "out_dir",
    help="Where to write students.csv, items.csv, chart.png and the item analysis "
    "(default: report-<id>/ beside the gradebook).",
)
@options.language("Language of the chart and the item analysis.", default="ko")
@path_option(
    "--key",
    "key_path",
    help="The assignment's teacher/key.json, for the options nobody chose "
    "(default: key.json beside the gradebook).",
)
def report_command(
    gradebook: Path,
    assignment_id: str | None,
    out_dir: Path | None,
    language: str,
    key_path: Path | None,
) -> None:
    """Totals per student and difficulty per item (share correct, most common wrong answer),
    and the item analysis: discrimination, counts per option, items to check and why.

    Example: dokhae report hw1/teacher/gradebook.sqlite3
    """
    import pandas as pd

    from ..teacher import report
    from ..teacher.gradebook import GradebookError

    if not gradebook.is_file():
        raise click.ClickException(tr("cli_lines.no_gradebook", path=gradebook))
    from ..teacher.key import KeyFileError

    try:
        result = report(gradebook, assignment_id, key_path=key_path)
    except (GradebookError, KeyFileError) as err:
        raise click.ClickException(str(err)) from None
    out = out_dir or gradebook.parent / f"report-{result.assignment_id}"
    paths = result.save(out, language=language)
    with pd.option_context(
        "display.max_rows",
        None,
        "display.max_columns",
        None,
        "display.width",
        160,
        "display.max_colwidth",
        40,
    ):
        say("cli_lines.report_students", id=result.assignment_id)
        click.echo("")
        click.echo(_labelled(result.shown_students()).to_string(index=False))
        for line in result.summary(language):
            click.echo(line)
        click.echo("\n" + tr("cli_lines.report_items") + "\n")
        click.echo(_labelled(result.items).to_string(index=False))
    if result.analysis is not None:
        click.echo("\n" + result.analysis.summary(language))
    from ..teacher.reports import retake_lines, save_retakes

    retakes = retake_lines(gradebook, result.assignment_id, language)
    if retakes:
        click.echo("\n" + "\n".join(retakes))
    saved = save_retakes(gradebook, result.assignment_id, out)
    if saved:
        say("cli_lines.report_attempts", files=", ".join(map(str, saved.values())))
    click.echo("")
    say(
        "cli_lines.report_wrote",
        students=paths["students"],
        items=paths["items"],
        chart=paths["chart"],
    )
    _say_lesson_of(key_path or gradebook.parent / "key.json")
    if "item_analysis" in paths:
        say(
            "cli_lines.report_analysis",
            table=paths["item_analysis"],
            excel=paths["item_excel"],
            chart=paths["item_chart"],
        )


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the report's column ids named in the command's language (an id the
    catalog does not name is kept)."""
    from ..i18n import catalog, get_language

    names = catalog(get_language())
    return frame.rename(columns=lambda c: names.get(f"cli_lines.report_column.{c}", c))


# --------------------------------------------------------------------------- export commands
