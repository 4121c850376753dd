"""The ``dokhae`` command: a thin layer over the library functions."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dokhae")
def main() -> None:
    """dokhae (독해): bilingual news-reading lessons for JupyterLab.

    Teachers check lessons, make assignments and grade them from here;
    students work in the notebooks.
    """


@main.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, not warnings.")
def check_command(path: Path | None, quiet: bool) -> None:
    """Validate every lesson, or the one at PATH, and list all problems at once.

    PATH may be a folder holding articles/, glossary/ and exercises/, a lesson folder
    (articles/<slug>), a lesson's glossary or exercises file, or a lesson slug.
    Exits with status 0 only when there are no errors.

    Example: dokhae check glossary/steel-dialogue-2023.csv
    """
    from .validation import validate

    report = validate(path)
    shown = report.errors if quiet else report.problems
    for problem in shown:
        click.echo(str(problem), err=problem.severity == "error")
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if errors:
        raise click.ClickException(f"the lesson files have problems ({summary}); fix them and run dokhae check again")
    click.echo(f"OK: every lesson is valid ({summary}).")
