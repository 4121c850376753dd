"""Graded work: ``dokhae assign``, ``dokhae grade`` and ``dokhae report``."""

from __future__ import annotations

from pathlib import Path

import click

from . import options
from .options import path_option
from .output import class_and_choice_checked, echo_problems


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
    assignment_id: str | None,
    nbgrader: bool,
    bank: Path | None,
    force: bool,
    target: float | None,
    max_attempts: int,
    words: int,
) -> None:
    """Make an assignment for every student of ROSTER (a CSV: student_id,name or 학번,이름).

    Each student gets a folder with the notebook (their own numbers), a manifest and
    the questions, and nothing that reveals an answer; the key and the teacher secret
    (which fixes each student's numbers) go to teacher/. With --bank the items come
    from your private bank; without it, from the practice bank every student has (a
    warning says so). With no --exercise, --skill or --selection, every item is used.

    Example: dokhae assign class-3.csv -o hw1 --id hw1 --skill vocabulary --skill arithmetic

    Retakes: dokhae assign class-3.csv -o quiz1 -e grammar-1 -e insertion-0 --words 10
    --target 80 --max-attempts 3 (approved exam items are assigned by id or with -s exam).
    """
    from ..problems import LessonError
    from ..teacher import assign

    try:
        with class_and_choice_checked("assign", roster):
            result = assign(
                lesson,
                roster,
                out_dir,
                exercises=exercises or None,
                skills=skills or None,
                selection_file=selection_file,
                assignment_id=assignment_id,
                nbgrader=nbgrader,
                bank=bank,
                force=force,
                target=target,
                max_attempts=max_attempts,
                words=words,
            )
    except LessonError as err:
        raise click.ClickException(f"{err}\nRun dokhae check to see every problem.") from None
    except (ValueError, FileExistsError, FileNotFoundError) as err:
        raise click.ClickException(str(err)) from None
    echo_problems(result.warnings)
    for notice in result.notices:
        click.echo(notice, err=True)
    click.echo(
        f"Assignment {result.assignment_id}: {len(result.exercises)} exercises for "
        f"{len(result.students)} students."
    )
    click.echo(f"  student folders: {result.students_dir}  (hand out one folder per student)")
    click.echo(f"  answer key:      {result.key_path}  (keep it away from students)")
    click.echo(
        f"  teacher secret:  {result.secret_path}  (keep it and back it up: it fixes the "
        "students' numbers; only you can read it)"
    )
    if result.nbgrader_source is not None:
        click.echo(
            f"  nbgrader source: {result.nbgrader_source.parent}  "
            "(copy it into your course's source/ folder)"
        )
    click.echo(
        f"Next: collect the folders into one folder (or the LMS zip) and run\n"
        f"  dokhae grade <collected folder> --key {result.key_path}"
    )


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
def grade_command(
    submissions: Path,
    key_path: Path,
    gradebook_path: Path | None,
    manual_marks: Path | None,
    csv_path: Path | None,
    excel_path: Path | None,
    progress: bool | None,
) -> None:
    """Grade the submissions collected in SUBMISSIONS against the key.

    SUBMISSIONS may hold the students' folders, answers files and LMS zip files; nothing
    in it is changed. Broken, empty, duplicated or foreign submissions are listed and
    skipped. Answers a person must mark go to manual_marks.csv: fill in its points
    column and run dokhae grade again.

    Example: dokhae grade collected/ --key hw1/teacher/key.json
    """
    from ..teacher import export_grades, grade
    from ..teacher.gradebook import GradebookError
    from ..teacher.key import KeyFileError

    try:
        result = grade(
            submissions,
            key_path,
            gradebook_path=gradebook_path,
            manual_marks=manual_marks,
            progress=progress,
        )
    except (KeyFileError, GradebookError, FileNotFoundError) as err:
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
    click.echo(
        f"Assignment {result.assignment_id}: {len(result.submitted)} graded, "
        f"{len(result.missing)} missing"
        + (f" ({', '.join(result.missing)})" if result.missing else "")
        + f", {n_problems} problem{'s' * (n_problems != 1)} listed above" * bool(n_problems)
        + "."
    )
    click.echo(f"  gradebook: {result.gradebook_path}")
    click.echo(f"  grades:    {csv_path}, {excel_path}")
    if result.pending:
        click.echo(
            f"{result.pending} answer{'s' * (result.pending != 1)} to mark by hand: fill in the "
            f"points column of {result.manual_marks_path} and run dokhae grade again."
        )
    click.echo(f"Next: dokhae report {result.gradebook_path}")


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
        raise click.ClickException(
            f"no gradebook at {gradebook}; run dokhae grade first "
            "(it writes gradebook.sqlite3 beside the key)"
        )
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
        click.echo(f"Assignment {result.assignment_id}: students\n")
        click.echo(result.students.to_string(index=False))
        click.echo("\nItems\n")
        click.echo(result.items.to_string(index=False))
    if result.analysis is not None:
        click.echo("\n" + result.analysis.summary(language))
    from ..teacher.reports import retake_lines, save_retakes

    retakes = retake_lines(gradebook, result.assignment_id, language)
    if retakes:
        click.echo("\n" + "\n".join(retakes))
    saved = save_retakes(gradebook, result.assignment_id, out)
    if saved:
        click.echo("Attempts (variant, rubric parts): " + ", ".join(map(str, saved.values())))
    click.echo(f"\nWrote {paths['students']}, {paths['items']} and {paths['chart']}.")
    if "item_analysis" in paths:
        click.echo(
            f"Item analysis: {paths['item_analysis']}, {paths['item_excel']} and {paths['item_chart']}."
        )


# --------------------------------------------------------------------------- export commands
