"""What the commands print, written once: a catalog message in both languages, a list
of problems, a lesson loaded or a clear message."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..lesson import Lesson


def say(key: str, /, err: bool = False, **fields: object) -> None:
    """One message of the catalog (``section.name``), in Korean then in English."""
    from ..i18n import t

    click.echo(t(key, "ko", **fields), err=err)
    click.echo(t(key, "en", **fields), err=err)


def label(key: str) -> str:
    """A label of the catalog in both languages: ``정답 / Key``."""
    from ..i18n import t

    return f"{t(key, 'ko')} / {t(key, 'en')}"


def echo_problems(problems: Iterable[object]) -> None:
    """Each problem on its own line, to standard error."""
    for problem in problems:
        click.echo(str(problem), err=True)


def listing(problems: Iterable[object]) -> str:
    """The problems, one a line."""
    return "\n".join(str(p) for p in problems)


def load_lesson(lesson: str | None) -> Lesson:
    """The lesson LESSON (default: the first), or a message saying what is wrong."""
    from ..problems import LessonError
    from ..validation import load_lesson

    try:
        return load_lesson(lesson)
    except LessonError as err:
        raise click.ClickException(f"{err}\nRun dokhae check to see every problem.") from None
    except (FileNotFoundError, ValueError) as err:
        raise click.ClickException(str(err)) from None


@contextmanager
def class_and_choice_checked(command: str, roster: Path | None) -> Iterator[None]:
    """A roster or a choice of exercises with problems becomes a message listing them,
    ending with how to run COMMAND (``assign``, ``export worksheet``) again."""
    from ..teacher import RosterError, SelectionError

    try:
        yield
    except RosterError as err:
        echo_problems(err.report.warnings)
        raise click.ClickException(
            f"the roster {roster} has problems:\n{listing(err.report.errors)}\n"
            f"Fix them and run dokhae {command} again."
        ) from None
    except SelectionError as err:
        raise click.ClickException(
            f"the choice of exercises has problems:\n{listing(err.report.errors)}\n"
            f"Fix them and run dokhae {command} again (dokhae check lists the lesson's "
            "exercises)."
        ) from None
