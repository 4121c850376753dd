"""The ``dokhae`` command: a thin layer over the library functions.

:class:`Commands` is the command line's one exception boundary: whatever a command did
not turn into a message itself becomes one (what happened, what to do, in Korean and
English) with exit status 1; ``dokhae --debug ...`` (or ``DOKHAE_DEBUG=1``) shows the
traceback instead.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .authoring.exam.bank import BankItem
    from .lesson import Lesson
    from .workspace import Kind


def _console_safe() -> None:
    """Text a console cannot show (a Windows code page such as 437 or 949, a pipe in an
    8-bit encoding) comes out as "?" instead of stopping the command with an error."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (
            (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        )
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="replace")


DEBUG_VARIABLE = "DOKHAE_DEBUG"


def failure_message(exc: BaseException) -> str:
    """What to tell the teacher about an exception no command caught: the problem and the
    fix, in both languages (Korean first)."""
    from . import i18n

    key, fields = "cli.unexpected", {"what": f"{type(exc).__name__}: {exc}"[:300]}
    if isinstance(exc, OSError):
        path = exc.filename if exc.filename is not None else "?"
        fields = {"path": path, "problem": exc.strerror or str(exc)}
        key = {
            errno.EACCES: "cli.permission",
            errno.EPERM: "cli.permission",
            errno.EEXIST: "cli.not_a_folder",
            errno.ENOTDIR: "cli.not_a_folder",
            errno.EISDIR: "cli.not_a_file",
            errno.ENAMETOOLONG: "cli.name_too_long",
            errno.ENOSPC: "cli.disk_full",
            errno.EDQUOT: "cli.disk_full",
            errno.EROFS: "cli.read_only",
        }.get(exc.errno or 0, "cli.file_error")  # 0: no errno, none of these
    lines = []
    for lang in ("ko", "en"):
        lines.append(f"{i18n.t(key, lang, **fields)}\n  {i18n.t(key + '_fix', lang)}")
    return "\n".join(lines)


class Commands(click.Group):
    """The ``dokhae`` group: any exception a command lets through becomes a message."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except (
            click.exceptions.ClickException,
            click.exceptions.Exit,
            click.exceptions.Abort,
            SystemExit,
            KeyboardInterrupt,
            EOFError,
        ):
            raise
        except Exception as exc:
            if ctx.params.get("debug") or os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
                raise
            raise click.ClickException(failure_message(exc)) from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dokhae")
@click.option(
    "--debug",
    is_flag=True,
    help="On an unexpected error show the full traceback (for a bug report).",
)
def main(debug: bool) -> None:
    """dokhae (독해): bilingual news-reading lessons for JupyterLab.

    Students and teachers open the lesson with dokhae lab and dokhae teacher;
    teachers check lessons, make assignments and grade them from here.
    """
    _console_safe()


# --------------------------------------------------------------------------- opening the lesson


def _say(key: str, **fields: object) -> None:
    """One message of the catalog, in Korean then in English."""
    from .i18n import t

    click.echo(t(f"lab.{key}", "ko", **fields))
    click.echo(t(f"lab.{key}", "en", **fields))


def _open(
    kind: Kind, folder: Path | None, no_browser: bool, port: int | None, copy_only: bool
) -> None:
    from .launch import LabError, LabServer, run_lab
    from .workspace import WorkspaceError, copy_notebooks, default_folder

    folder = default_folder(kind) if folder is None else folder
    try:
        result = copy_notebooks(folder, kind)
    except WorkspaceError as err:
        raise click.ClickException(str(err)) from None
    _say("folder", folder=result.folder)
    for what in ("copied", "updated", "kept"):
        names = getattr(result, what)
        if names:
            _say(what, names=", ".join(names))
    command = "dokhae lab" if kind == "student" else "dokhae teacher"
    if copy_only:
        _say("copy_only", command=f'{command} "{result.folder}"')
        return

    def ready(server: LabServer) -> None:
        _say("ready")
        click.echo(f"  {server.url}")
        _say("stop")
        _say("log", path=server.log)

    _say("starting")
    try:
        run_lab(result.folder, result.first, port=port, open_browser=not no_browser, on_ready=ready)
    except (LabError, WorkspaceError) as err:
        raise click.ClickException(str(err)) from None
    _say("stopped")


_FOLDER = click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
_NO_BROWSER = click.option(
    "--no-browser", is_flag=True, help="Do not open a browser; open the printed address yourself."
)
_PORT = click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="The port to listen on at 127.0.0.1 (default: the first free one from 8888).",
)
_COPY_ONLY = click.option(
    "--copy-only",
    is_flag=True,
    help="Copy the notebooks into FOLDER and stop, without starting JupyterLab.",
)


@main.command("lab")
@_FOLDER
@_NO_BROWSER
@_PORT
@_COPY_ONLY
@click.option(
    "--install-korean-default",
    is_flag=True,
    help="Instead: make Korean the default of every JupyterLab of this Python environment "
    "(a JupyterHub's user environment, a Binder image) and stop.",
)
def lab_command(
    folder: Path | None,
    no_browser: bool,
    port: int | None,
    copy_only: bool,
    install_korean_default: bool,
) -> None:
    """Open the lesson: copy the student notebooks into FOLDER and start JupyterLab there
    in Korean, at 00-start-here.

    FOLDER defaults to "dokhae" in your Documents folder (or your home folder). A
    notebook you changed there is never overwritten; the command lists the ones it kept.
    JupyterLab is in Korean for this launch only (Settings > Language switches it);
    nothing is written into your JupyterLab settings. Ctrl+C stops it.

    Example: dokhae lab
    """
    if install_korean_default:
        from . import workspace

        try:
            click.echo(
                f"JupyterLab's defaults (Korean) written to {workspace.install_korean_default()}"
            )
        except workspace.WorkspaceError as err:
            raise click.ClickException(str(err)) from None
        return
    _open("student", folder, no_browser, port, copy_only)


@main.command("teacher")
@_FOLDER
@_NO_BROWSER
@_PORT
@_COPY_ONLY
def teacher_command(
    folder: Path | None, no_browser: bool, port: int | None, copy_only: bool
) -> None:
    """Open the teacher's notebooks: copy them into FOLDER and start JupyterLab there in
    Korean, at 90-teacher-guide.

    FOLDER defaults to "dokhae-teacher" in your Documents folder (or your home folder),
    apart from the students' notebooks. A notebook you changed there is never overwritten.

    Example: dokhae teacher
    """
    _open("teacher", folder, no_browser, port, copy_only)


@main.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, not warnings.")
def check_command(path: Path | None, quiet: bool) -> None:
    """Validate every lesson, or the one at PATH, and list all problems at once.

    PATH may be a folder holding articles/, glossary/ and exercises/, a lesson folder
    (articles/<slug>), a lesson's glossary or exercises file, or a lesson slug; or your
    private bank for graded work (a YAML file elsewhere, see dokhae assign --bank).
    Exits with status 0 only when there are no errors.

    Example: dokhae check glossary/steel-dialogue-2023.csv
    """
    from .teacher.bank import is_bank_file, validate_bank
    from .validation import validate

    report = validate_bank(path) if path is not None and is_bank_file(path) else validate(path)
    shown = report.errors if quiet else report.problems
    for problem in shown:
        click.echo(str(problem), err=problem.severity == "error")
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if errors:
        what = "the private bank has" if is_bank_file(path) else "the lesson files have"
        raise click.ClickException(
            f"{what} problems ({summary}); fix them and run dokhae check again"
        )
    click.echo(
        f"OK: the private bank {path} is valid ({summary})."
        if is_bank_file(path)
        else f"OK: every lesson is valid ({summary})."
    )


# --------------------------------------------------------------------------- teacher commands


def _problems(problems: Iterable[object]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@main.command("assign")
@click.argument("roster", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write students/<id>/ and teacher/key.json into.",
)
@click.option("--lesson", "-l", default=None, help="Lesson slug (default: the first lesson).")
@click.option("--exercise", "-e", "exercises", multiple=True, help="An exercise id (repeatable).")
@click.option(
    "--skill",
    "-s",
    "skills",
    multiple=True,
    help="Every exercise of a skill, e.g. vocabulary or arithmetic (repeatable).",
)
@click.option(
    "--selection",
    "selection_file",
    type=click.Path(path_type=Path),
    help="A saved selection: exercise ids one per line, or YAML exercises:/skills:.",
)
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
@click.option(
    "--bank",
    "bank",
    type=click.Path(path_type=Path),
    default=None,
    help="A private bank (YAML like a lesson's exercises file, kept in your own folder): graded "
    "items students cannot look up. Check it first with: dokhae check my-test.yaml",
)
@click.option(
    "--force",
    is_flag=True,
    help="Make the assignment again over students' notebooks that changed (each kept as "
    "assignment.ipynb.bak); students' answers.json files are always kept.",
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
) -> None:
    """Make an assignment for every student of ROSTER (a CSV: student_id,name or 학번,이름).

    Each student gets a folder with the notebook (their own numbers), a manifest and
    the questions, and nothing that reveals an answer; the key and the teacher secret
    (which fixes each student's numbers) go to teacher/. With --bank the items come
    from your private bank; without it, from the practice bank every student has (a
    warning says so). With no --exercise, --skill or --selection, every item is used.

    Example: dokhae assign class-3.csv -o hw1 --id hw1 --skill vocabulary --skill arithmetic
    """
    from .problems import LessonError
    from .teacher import RosterError, SelectionError, assign

    try:
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
        )
    except RosterError as err:
        _problems(err.report.warnings)
        raise click.ClickException(
            f"the roster {roster} has problems:\n{_listing(err.report.errors)}\n"
            "Fix them and run dokhae assign again."
        ) from None
    except SelectionError as err:
        raise click.ClickException(
            f"the choice of exercises has problems:\n{_listing(err.report.errors)}\n"
            "Fix them and run dokhae assign again (dokhae check lists the lesson's exercises)."
        ) from None
    except LessonError as err:
        raise click.ClickException(f"{err}\nRun dokhae check to see every problem.") from None
    except (ValueError, FileExistsError, FileNotFoundError) as err:
        raise click.ClickException(str(err)) from None
    _problems(result.warnings)
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


def _listing(problems: Iterable[object]) -> str:
    return "\n".join(str(p) for p in problems)


@main.command("grade")
@click.argument("submissions", type=click.Path(path_type=Path))
@click.option(
    "--key",
    "-k",
    "key_path",
    required=True,
    type=click.Path(path_type=Path),
    help="The answer key: teacher/key.json from dokhae assign.",
)
@click.option(
    "--gradebook",
    "gradebook_path",
    type=click.Path(path_type=Path),
    default=None,
    help="The SQLite gradebook (default: gradebook.sqlite3 beside the key).",
)
@click.option(
    "--manual-marks",
    "manual_marks",
    type=click.Path(path_type=Path),
    default=None,
    help="CSV of answers to mark by hand (default: manual_marks.csv beside the gradebook).",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Grades as CSV (default: grades-<id>.csv beside the gradebook).",
)
@click.option(
    "--excel",
    "excel_path",
    type=click.Path(path_type=Path),
    default=None,
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
    from .teacher import export_grades, grade
    from .teacher.gradebook import GradebookError
    from .teacher.key import KeyFileError

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
    _problems(result.problems)
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


@main.command("report")
@click.argument("gradebook", type=click.Path(path_type=Path))
@click.option(
    "--assignment",
    "assignment_id",
    default=None,
    help="Which assignment (needed when the gradebook holds several).",
)
@click.option(
    "--out",
    "-o",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write students.csv, items.csv, chart.png and the item analysis "
    "(default: report-<id>/ beside the gradebook).",
)
@click.option(
    "--language",
    type=click.Choice(["ko", "en"]),
    default="ko",
    show_default=True,
    help="Language of the chart and the item analysis.",
)
@click.option(
    "--key",
    "key_path",
    type=click.Path(path_type=Path),
    default=None,
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

    from .teacher import report
    from .teacher.gradebook import GradebookError

    if not gradebook.is_file():
        raise click.ClickException(
            f"no gradebook at {gradebook}; run dokhae grade first "
            "(it writes gradebook.sqlite3 beside the key)"
        )
    from .teacher.key import KeyFileError

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
    click.echo(f"\nWrote {paths['students']}, {paths['items']} and {paths['chart']}.")
    if "item_analysis" in paths:
        click.echo(
            f"Item analysis: {paths['item_analysis']}, {paths['item_excel']} and {paths['item_chart']}."
        )


# --------------------------------------------------------------------------- export commands


@main.group("export")
def export_group() -> None:
    """Export a lesson for use outside the notebooks (spreadsheets, Anki, printable worksheets).

    Example: dokhae export glossary steel-dialogue-2023 -o glossary.xlsx
    """


def _load_for_export(lesson: str | None) -> Lesson:
    from .problems import LessonError
    from .validation import load_lesson

    try:
        return load_lesson(lesson)
    except LessonError as err:
        raise click.ClickException(f"{err}\nRun dokhae check to see every problem.") from None
    except (FileNotFoundError, ValueError) as err:
        raise click.ClickException(str(err)) from None


@export_group.command("glossary")
@click.argument("lesson", required=False)
@click.option(
    "--out",
    "-o",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="The file to write: FILE.csv (UTF-8 with BOM, opens in Excel) or FILE.xlsx.",
)
@click.option(
    "--language",
    type=click.Choice(["ko", "en"]),
    default=None,
    help="Language of the Excel sheet name (default: the interface language).",
)
def export_glossary_command(lesson: str | None, out: Path, language: str | None) -> None:
    """Write the glossary of LESSON (a slug; default: the first lesson) as CSV or Excel.

    Example: dokhae export glossary steel-dialogue-2023 -o glossary.csv
    """
    from .export import write_glossary

    loaded = _load_for_export(lesson)
    try:
        write_glossary(loaded, out, language=language)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Wrote {len(loaded.glossary)} glossary entries of {loaded.slug} to {out}.")


@export_group.command("anki")
@click.argument("lesson", required=False)
@click.option(
    "--out",
    "-o",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="The deck to write: FILE.apkg.",
)
def export_anki_command(lesson: str | None, out: Path) -> None:
    """Write LESSON (a slug; default: the first lesson) as an Anki deck.

    Each glossary entry gives two cards (English → Korean, Korean → English), and each
    article sentence holding glossary words gives cloze cards. Importing a deck exported
    again after a correction updates the notes instead of duplicating them.

    Example: dokhae export anki steel-dialogue-2023 -o steel.apkg
    """
    from .export import anki_deck, write_anki

    loaded = _load_for_export(lesson)
    try:
        write_anki(loaded, out)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    n_notes = len(anki_deck(loaded).notes)
    click.echo(
        f"Wrote {n_notes} notes of {loaded.slug} to {out}. Import it in Anki (File → Import)."
    )


@export_group.command("worksheet")
@click.argument("lesson", required=False)
@click.option(
    "--out",
    "-o",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="The page to write: FILE.html; the answer key goes to FILE-key.html beside it.",
)
@click.option("--exercise", "-e", "exercises", multiple=True, help="An exercise id (repeatable).")
@click.option(
    "--skill",
    "-s",
    "skills",
    multiple=True,
    help="Every exercise of a skill, e.g. vocabulary or arithmetic (repeatable).",
)
@click.option(
    "--selection",
    "selection_file",
    type=click.Path(path_type=Path),
    help="A saved selection: exercise ids one per line, or YAML exercises:/skills:.",
)
@click.option(
    "--roster",
    "-r",
    type=click.Path(path_type=Path),
    default=None,
    help="A class roster CSV (student_id,name or 학번,이름): one page set per student, with their own numbers.",
)
@click.option(
    "--id",
    "assignment_id",
    default=None,
    help="With --roster: the assignment id (default: <lesson>-<today>); the same id as in "
    "dokhae assign gives the same numbers.",
)
@click.option(
    "--secret",
    "secret_path",
    type=click.Path(path_type=Path),
    default=None,
    help="With --roster: the assignment's teacher/secret from dokhae assign, for the same numbers "
    "as the assignment (without it every printing has new numbers).",
)
@click.option(
    "--language",
    type=click.Choice(["ko", "en"]),
    default=None,
    help="Language of the instructions and questions (default: the interface language).",
)
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
    """Write a printable worksheet of LESSON (a slug; default: the first lesson) and its answer key.

    The worksheet has the article with numbered lines, a vocabulary list to fill in and
    the chosen questions with room to write; the key (FILE-key.html) has the answers and
    explanations. Choose questions as for dokhae assign; with no --exercise, --skill or
    --selection, one question of each skill and type and two short calculations are used.
    With --roster every student gets their own pages and numbers, and the key lists
    each student's answers.

    Example: dokhae export worksheet steel-dialogue-2023 -o worksheet.html --roster class-3.csv --id hw1 --pdf
    """
    from .export import PdfError, make_worksheet, write_worksheet
    from .teacher import RosterError, SelectionError
    from .teacher.secret import read_secret

    loaded = _load_for_export(lesson)
    try:
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
        _problems(worksheet.warnings)
        files = write_worksheet(worksheet, out, pdf=pdf)
    except RosterError as err:
        _problems(err.report.warnings)
        raise click.ClickException(
            f"the roster {roster} has problems:\n{_listing(err.report.errors)}\n"
            "Fix them and run dokhae export worksheet again."
        ) from None
    except SelectionError as err:
        raise click.ClickException(
            f"the choice of exercises has problems:\n{_listing(err.report.errors)}\n"
            "Fix them and run dokhae export worksheet again (dokhae check lists the lesson's exercises)."
        ) from None
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


@main.group("lesson")
def lesson_group() -> None:
    """Build a new lesson from an article: draft it, complete it, see what is left.

    \b
    1. dokhae lesson new <slug> --from article.txt [--korean translation.txt]
       (a Korean article: --from-korean 기사.txt [--english translation.txt])
    2. fill in the translation, the glosses and the stub questions
    3. dokhae lesson forms <slug>     (Korean forms, romanization, the matching pairs)
    4. dokhae lesson status <slug>    (what is left; exits 0 when the lesson is ready)
    5. dokhae check
    """


_ROOT_OPTION = click.option(
    "--root",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder holding articles/, glossary/ and exercises/ (default: $DOKHAE_CONTENT, "
    "or the lessons of this checkout).",
)


@lesson_group.command("new")
@click.argument("slug")
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path),
    default=None,
    help="The English article as a text file: the headline on the first line (or --title), "
    "paragraphs separated by blank lines.",
)
@click.option(
    "--from-korean",
    "korean_source",
    type=click.Path(path_type=Path),
    default=None,
    help="Instead of --from: a Korean article as a text file, for English speakers learning "
    "Korean (the same layout; a dateline such as '(서울=연합뉴스) 홍길동 기자 =' is taken "
    "off).",
)
@click.option(
    "--korean",
    "korean",
    type=click.Path(path_type=Path),
    default=None,
    help="With --from: your Korean translation as a text file; it is aligned with the English "
    "sentence by sentence (without it every Korean sentence is left to write).",
)
@click.option(
    "--english",
    "english",
    type=click.Path(path_type=Path),
    default=None,
    help="With --from-korean: your English translation as a text file, aligned the same way "
    "(without it every English sentence is left to write).",
)
@click.option("--title", default=None, help="The headline, if the file does not start with it.")
@click.option("--outlet", default=None, help="The newspaper or site, e.g. 'The Korea Herald'.")
@click.option("--date", "published", default=None, help="The date published: YYYY-MM-DD.")
@click.option(
    "--source", "source_url", default=None, help="The address of the article (https://...)."
)
@click.option(
    "--agency", default=None, help="The news agency, e.g. Yonhap (default: from the dateline)."
)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(0, 200),
    help="How many glossary candidates to write, hardest first: English words, or Korean "
    "terms with --from-korean.",
)
@click.option(
    "--korean-limit",
    default=8,
    show_default=True,
    type=click.IntRange(0, 100),
    help="How many Korean terms (for English speakers) to add when --korean is given.",
)
@_ROOT_OPTION
@click.option("--force", is_flag=True, help="Replace the files of an existing lesson of that name.")
def lesson_new_command(
    slug: str,
    source: Path | None,
    korean_source: Path | None,
    korean: Path | None,
    english: Path | None,
    title: str | None,
    outlet: str | None,
    published: str | None,
    source_url: str | None,
    agency: str | None,
    limit: int,
    korean_limit: int,
    root: Path | None,
    force: bool,
) -> None:
    """Draft the lesson SLUG from a news article, for you to complete.

    From an English article (--from), for Korean students; or from a Korean article
    (--from-korean), for English speakers learning Korean: then the Korean text gets the
    sentence ids, the glossary Korean terms, and the English is yours to write.

    Writes articles/SLUG/ (lesson.yaml, article.en.md, article.ko.md), glossary/SLUG.csv
    and exercises/SLUG.yaml. What you still have to write is marked: [TODO: ...] in the
    texts, empty cells in the glossary (glosses are never made up), and questions with a
    `todo:` line. `dokhae check` rejects the draft until it is complete.

    \b
    Examples:
      dokhae lesson new cbam-2026 --from cbam.txt --korean cbam-ko.txt \\
          --outlet "The Korea Herald" --date 2026-04-08 --source https://...
      dokhae lesson new cbam-2026-ko --from-korean cbam-ko.txt [--english cbam-en.txt]
    """
    article_file = source if source is not None else korean_source
    if article_file is None or (source is not None and korean_source is not None):
        raise click.UsageError(
            "give the article: --from FILE (English) or --from-korean FILE "
            "(Korean), one of them; your translation goes with --korean or --english"
        )
    if english is not None and korean_source is None:
        raise click.UsageError(
            "--english is the translation of a Korean article: use it with "
            "--from-korean (the translation of an English article is --korean)"
        )
    if korean is not None and source is None:
        raise click.UsageError(
            "--korean is the translation of an English article: use it with --from "
            "(the translation of a Korean article is --english)"
        )
    from .authoring import AuthoringError, draft_lesson

    language = "en" if source is not None else "ko"
    try:
        result = draft_lesson(
            slug,
            article_file,
            root=root,
            language=language,
            korean=korean,
            english=english,
            title=title,
            outlet=outlet,
            published=published,
            source_url=source_url,
            agency=agency,
            limit=limit,
            korean_limit=korean_limit,
            force=force,
        )
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    except ImportError as err:
        raise click.ClickException(
            f"{err}\nBuilding a lesson needs the author extra: pip install 'dokhae[author]'"
        ) from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for problem in result.alignment_problems:
        click.echo(f"alignment: {problem}", err=True)
    click.echo(f"Drafted lesson {slug}" + (" from a Korean article:" if language == "ko" else ":"))
    for path in result.written:
        click.echo(f"  {path}")
    translation = "a Korean" if language == "en" else "an English"
    click.echo(
        f"{result.sentences} sentences ({result.translated} with {translation} translation), "
        f"{result.glossary_rows} glossary candidates, {result.questions} questions made, "
        f"{result.stubs} stub questions to write."
    )
    click.echo(
        f"Next: complete the files, run `dokhae lesson forms {slug}`, then "
        f"`dokhae lesson status {slug}`."
    )


@lesson_group.command("forms")
@click.argument("slug")
@_ROOT_OPTION
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace cells you wrote when dokhae computes something else (each is listed).",
)
def lesson_forms_command(slug: str, root: Path | None, overwrite: bool) -> None:
    """Compute where the glossary's words occur, once the glosses are in.

    Fills the empty ko_forms (the Korean forms in article.ko.md, particles stripped),
    romanization, example_ko, example_en, forms (the English forms of the headword in
    article.en.md) and level cells of glossary/SLUG.csv, and the pairs of the vocabulary
    matching. Cells you wrote are kept and listed when dokhae would write
    something else, unless --overwrite.

    Example: dokhae lesson forms cbam-2026
    """
    from .authoring import AuthoringError, compute_forms

    try:
        result = compute_forms(slug, root, overwrite=overwrite)
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    for change in result.changes:
        click.echo(str(change))
    for note in result.notes:
        click.echo(f"note: {note}")
    if result.matching:
        click.echo(result.matching[0].upper() + result.matching[1:] + ".")
    filled, kept, replaced = (len(result.of(a)) for a in ("filled", "kept", "replaced"))
    click.echo(
        f"{filled} cell{'s' * (filled != 1)} filled, {replaced} replaced, {kept} of yours kept"
        + (
            f"; {len(result.waiting)} row{'s' * (len(result.waiting) != 1)} still without a "
            "Korean gloss (ko)"
            if result.waiting
            else ""
        )
        + "."
    )
    click.echo(f"Next: dokhae lesson status {slug}")


@lesson_group.command("status")
@click.argument("slug")
@_ROOT_OPTION
def lesson_status_command(slug: str, root: Path | None) -> None:
    """List what is missing before the lesson SLUG is ready, with counts and file:line.

    Untranslated sentences, empty Korean glosses and other glossary cells, stub questions,
    [TODO] markers and any other problem `dokhae check` finds. Exits with status 0 only
    when the lesson is ready.

    Example: dokhae lesson status cbam-2026
    """
    from .authoring import AuthoringError, lesson_status

    try:
        status = lesson_status(slug, root)
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    click.echo(str(status))
    if not status.ready:
        raise SystemExit(1)


# --------------------------------------------------------------------------- exam items (수능·내신)


def _exam_say(message: str, /, err: bool = False, **fields: object) -> None:
    """One message of the ``exam_cli`` catalog, in Korean then in English."""
    from .i18n import t

    click.echo(t(f"exam_cli.{message}", "ko", **fields), err=err)
    click.echo(t(f"exam_cli.{message}", "en", **fields), err=err)


def _exam_label(message: str) -> str:
    """A label of the ``exam_cli`` catalog in both languages: ``정답 / Key``."""
    from .i18n import t

    return f"{t(f'exam_cli.{message}', 'ko')} / {t(f'exam_cli.{message}', 'en')}"


@main.group("exam")
def exam_group() -> None:
    """수능·내신 exam items built on a lesson's article, with keys the text proves.

    \b
    1. dokhae exam draft LESSON          (draft items into exercises/LESSON.yaml)
    2. write what the stubs ask for (todo), in exercises/LESSON.yaml
    3. dokhae exam review LESSON         (each draft with its proof: approve or reject)
    4. dokhae check                      (students see only approved items)

    The formats and the proofs: docs/exam-items.md.
    """


@exam_group.command("draft")
@click.argument("lesson")
@click.option(
    "--kinds",
    "-k",
    "kinds",
    multiple=True,
    help="Item kinds to draft, repeatable or comma-separated (default: every kind): insertion, "
    "order, grammar, vocabulary, chart, facts, title, blank, summary, irrelevant, "
    "written_grammar, written_arrange, written_blank, written_summary.",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Another seed, other choices.")
@click.option("--table", default=None, help="The 도표 table (default: chosen by the seed).")
@_ROOT_OPTION
def exam_draft_command(
    lesson: str, kinds: tuple[str, ...], seed: int, table: str | None, root: Path | None
) -> None:
    """Draft exam items of LESSON into its exercises file (exam_items:), each a draft.

    Every generated item's key is proven on the article before it is written; a kind that
    cannot be proven on this article is refused, with the reason. Items a program cannot
    write (요약문, 무관한 문장, the wrong options of 제목 and 빈칸) are stubs with a `todo:`
    saying what to write. Your items are never overwritten: a taken id gets -2, -3, ...

    Example: dokhae exam draft steel-dialogue-2023 --kinds grammar,insertion --seed 1
    """
    from .authoring import AuthoringError

    wanted = [k.strip() for group in kinds for k in group.split(",") if k.strip()]
    try:
        from .authoring.exam import draft_items
        from .authoring.exam.bank import add_drafts, exercises_file, lesson_text

        path = exercises_file(lesson, root)
        draft = draft_items(lesson_text(lesson, root), wanted or None, seed, table=table)
        added = add_drafts(path, draft.items)
    except (AuthoringError, ValueError) as err:
        raise click.ClickException(str(err)) from None
    except ImportError as err:
        raise click.ClickException(
            f"{err}\nDrafting exam items needs the author extra: pip install 'dokhae[author]'"
        ) from None
    for refusal in draft.refused:
        _exam_say("refused", err=True, kind=refusal.kind, reason=refusal.reason)
    for old, new in added.renamed.items():
        _exam_say("renamed", old=old, new=new)
    if added.already:
        _exam_say("already", ids=", ".join(added.already))
    if not added.written:
        _exam_say("nothing")
        return
    _exam_say(
        "drafted", n=len(added.written), file=path, ids=", ".join(i.id for i in added.written)
    )
    stubs = [i.id for i in added.written if i.todo]
    if stubs:
        _exam_say("stubs", ids=", ".join(stubs))
    _exam_say("next_review", lesson=lesson)


def _show_exam_item(entry: BankItem, n: int, total: int, sentences: dict[str, str]) -> None:
    from .exam.items import (
        CIRCLED,
        KIND_NAMES_KO,
        WrittenArrangeItem,
        WrittenBlankItem,
        WrittenGrammarItem,
        WrittenSummaryItem,
    )
    from .exam.printed import printed
    from .exam.proofs import problems

    item = entry.item
    click.echo("")
    if item is None:
        _exam_say("unreadable", id=entry.id, error=entry.error)
        return
    kind = f"{KIND_NAMES_KO[item.kind]} ({item.kind})"
    _exam_say("header", n=n, total=total, id=item.id, kind=kind, state=item.status.state)
    click.echo("")
    click.echo(printed(item, sentences))
    click.echo("")
    written = (WrittenGrammarItem, WrittenArrangeItem, WrittenBlankItem, WrittenSummaryItem)
    if isinstance(item, written):
        key = "; ".join(f"{p.label} {p.answer} ({p.points:g})" for p in item.rubric.parts)
    else:
        key = CIRCLED[item.key - 1]
    click.echo(f"{_exam_label('key')}: {key}")
    if item.proof is not None:
        shown = "; ".join(
            f"{k}: {', '.join(v) if isinstance(v, tuple) else v}"
            for k, v in item.proof.model_dump(exclude_defaults=True).items()
            if v not in ((), "", None)
        )
        click.echo(f"{_exam_label('proof')}: {shown}")
    if item.todo:
        _exam_say("stub", todo=item.todo)
        return
    wrong = problems(item, sentences)
    if wrong:
        _exam_say("not_proven", problems="; ".join(wrong))
    elif item.kind in ("summary", "irrelevant", "written_summary"):
        _exam_say("no_machine_proof")
    else:
        _exam_say("proven")


def _exam_decide(path: Path, item_id: str, state: str, by: str, sentences: dict[str, str]) -> None:
    from .authoring import AuthoringError
    from .authoring.exam.bank import record_decision

    try:
        item = record_decision(path, item_id, state, by, sentences=sentences)
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    _exam_say(state, id=item.id, by=item.status.by, at=item.status.at)


@exam_group.command("review")
@click.argument("lesson")
@click.option("--approve", "approve", default=None, metavar="ID", help="Approve the item ID.")
@click.option("--reject", "reject", default=None, metavar="ID", help="Reject the item ID.")
@click.option("--by", "by", default=None, help="Who decides (your name), with --approve/--reject.")
@click.option("--all", "show_all", is_flag=True, help="Show the items already decided too.")
@_ROOT_OPTION
def exam_review_command(
    lesson: str,
    approve: str | None,
    reject: str | None,
    by: str | None,
    show_all: bool,
    root: Path | None,
) -> None:
    """Show each exam item of LESSON waiting for review, as printed, with its proof.

    With --approve ID or --reject ID (and --by NAME) the decision is recorded in the
    exercises file (status: approved/rejected, by, at). Approval needs the item written
    (no todo) and its proof recomputed without a problem. In a terminal, without those
    options, you are asked about each item in turn.

    \b
    Examples:
      dokhae exam review steel-dialogue-2023
      dokhae exam review steel-dialogue-2023 --approve grammar-0 --by 김교사
    """
    from .authoring import AuthoringError
    from .authoring.exam.bank import bank_items, exercises_file, lesson_text

    if approve and reject:
        raise click.UsageError("give --approve or --reject, not both")
    try:
        path = exercises_file(lesson, root)
        sentences = lesson_text(lesson, root).sentences
        entries = bank_items(path)
    except AuthoringError as err:
        raise click.ClickException(str(err)) from None
    if approve or reject:
        if not by:
            raise click.UsageError("say who decides: --by NAME")
        _exam_decide(
            path, approve or reject or "", "approved" if approve else "rejected", by, sentences
        )
        return
    shown = [e for e in entries if show_all or e.item is None or e.item.status.state == "draft"]
    if not shown:
        _exam_say("none_waiting")
        return
    if not show_all:
        _exam_say("waiting", n=len(shown))
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    for n, entry in enumerate(shown, start=1):
        _show_exam_item(entry, n, len(shown), sentences)
        if not interactive or entry.item is None or entry.item.status.state != "draft":
            continue
        answer = click.prompt(
            _exam_label("choose"),
            type=click.Choice(["a", "r", "s", "q"]),
            default="s",
        )
        if answer == "q":
            return
        if answer in ("a", "r"):
            if not by:
                by = click.prompt(_exam_label("who"))
            state = "approved" if answer == "a" else "rejected"
            try:
                _exam_decide(path, entry.item.id, state, by or "", sentences)
            except click.ClickException as err:
                click.echo(err.format_message(), err=True)


@export_group.command("items")
@click.argument("lesson", required=False)
@click.option(
    "--out",
    "-o",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="The file to write: FILE.json (format: docs/exam-items.md, Export).",
)
@click.option("--approved", "approved_only", is_flag=True, help="Only the approved items.")
def export_items_command(lesson: str | None, out: Path, approved_only: bool) -> None:
    """Write the exam items of LESSON (a slug; default: the first lesson) as JSON.

    Per item: its kind, passage text, marks, options, key, proof (recomputed) and status,
    so the items can be checked and reused outside dokhae.

    Example: dokhae export items steel-dialogue-2023 -o items.json
    """
    from .export import write_items

    loaded = _load_for_export(lesson)
    try:
        n = write_items(loaded, out, approved_only=approved_only)
    except OSError as err:
        raise click.ClickException(f"cannot write {out} ({err})") from None
    _exam_say("exported", n=n, lesson=loaded.slug, file=out)
