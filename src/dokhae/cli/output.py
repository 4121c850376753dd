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
    from ..problems import LessonError, Problem


def tr(key: str, /, count: int | None = None, **fields: object) -> str:
    """A message of the catalog (``section.name``) in the command's language
    (:mod:`.language`). With ``count``, the form for that number: ``key_one`` for 1,
    ``key_other`` for any other number ("1 exercise", "2 exercises")."""
    from ..i18n import t

    if count is None:
        return t(key, **fields)
    return t(f"{key}_one" if count == 1 else f"{key}_other", n=count, **fields)


def say(key: str, /, err: bool = False, count: int | None = None, **fields: object) -> None:
    """Print one message of the catalog in the command's language (see :func:`tr`)."""
    click.echo(tr(key, count=count, **fields), err=err)


def say_both(key: str, /, err: bool = False, **fields: object) -> None:
    """One message of the catalog in Korean, then in English: for what a teacher must
    understand whatever the language set (a damaged file, an unexpected failure)."""
    from ..i18n import t

    click.echo(t(key, "ko", **fields), err=err)
    click.echo(t(key, "en", **fields), err=err)


def label(key: str) -> str:
    """A label of the catalog in the command's language: ``정답`` or ``Key``."""
    return tr(key)


def echo_problems(problems: Iterable[Problem]) -> None:
    """Each problem on its own line, to standard error, in the command's language."""
    for problem in problems:
        click.echo(listing([problem]), err=True)


def listing(problems: Iterable[Problem]) -> str:
    """The problems, one a line, in the command's language."""
    from ..problem_text import problems_text

    return problems_text(problems)


def lesson_problems(err: LessonError) -> str:
    """What a command says of a lesson that could not be loaded: how many problems, each
    of them, and to run ``dokhae check``, in the command's language."""
    from ..i18n import get_language

    if get_language() == "en":  # the library's own English names the lesson or bank
        return f"{err}\n{tr('cli_text.run_check')}"
    n = len(err.report.errors)
    said = [tr("cli_text.lesson_problems", count=n), listing(err.report.problems)]
    return "\n".join([*said, tr("cli_text.run_check")])


def both(key: str, /, **fields: object) -> str:
    """A message of the catalog in Korean, then in English, as one text."""
    from ..i18n import t

    return f"{t(key, 'ko', **fields)}\n{t(key, 'en', **fields)}"


def content_folder(root: Path | None = None) -> str:
    """Where the lessons come from, for a command to say: the folder and why that one
    (``DOKHAE_CONTENT``, the current folder or dokhae's own lessons)."""
    from ..sources import content_origin

    folder, origin = content_origin() if root is None else (root, "option")
    return tr(f"cli_text.content_{origin}", folder=folder)


def choose_lesson(lesson: str | None, option: bool = False, root: Path | None = None) -> str:
    """The lesson a command works on: LESSON when given, else the only lesson; with
    several lessons, a message (in Korean and English) listing them that asks for one
    with ``-l`` (``option``) or after the command: the first in the alphabet is never
    taken silently, since a new lesson would change what a command does."""
    from ..sources import content_root, lesson_slugs

    if lesson is not None:
        return lesson
    folder = content_root() if root is None else root
    slugs = lesson_slugs(folder)
    if len(slugs) == 1:
        return slugs[0]
    if not slugs:
        raise click.ClickException(both("cli_text.no_lessons", folder=folder))
    context = click.get_current_context(silent=True)
    raise click.UsageError(
        both(
            "cli_text.which_lesson_option" if option else "cli_text.which_lesson_argument",
            n=len(slugs),
            folder=folder,
            lessons=", ".join(slugs),
            first=slugs[0],
            command=" ".join(["dokhae", *(context.command_path.split()[1:] if context else [])]),
        )
    )


def announce_lesson(lesson: Lesson, root: Path | None = None) -> None:
    """Say which lesson a command used, and from which folder."""
    from ..i18n import get_language

    title = lesson.article.title(get_language())
    say("cli_text.lesson_used", slug=lesson.slug, title=title)
    click.echo(f"  {content_folder(root)}")


def load_lesson(lesson: str | None) -> Lesson:
    """The lesson LESSON (the only one when not given; with several, a message asking
    which), announced with its folder; or a message saying what is wrong."""
    from ..problems import LessonError
    from ..validation import load_lesson

    try:
        loaded = load_lesson(choose_lesson(lesson))
    except LessonError as err:
        raise click.ClickException(lesson_problems(err)) from None
    except (FileNotFoundError, ValueError) as err:
        raise click.ClickException(str(err)) from None
    announce_lesson(loaded)
    return loaded


@contextmanager
def class_and_choice_checked(
    command: str, roster: Path | None, lesson: str | None = None
) -> Iterator[None]:
    """A roster or a choice of exercises with problems becomes a message listing them,
    ending with how to run COMMAND (``assign``, ``export worksheet``) again and where
    the exercise ids of LESSON are listed (``dokhae lesson show LESSON``)."""
    from ..teacher import RosterError, SelectionError

    try:
        yield
    except RosterError as err:
        echo_problems(err.report.warnings)
        raise click.ClickException(
            tr(
                "cli_text.roster_problems",
                roster=roster,
                problems=listing(err.report.errors),
                command=command,
            )
        ) from None
    except SelectionError as err:
        raise click.ClickException(
            tr(
                "cli_text.choice_problems",
                problems=listing(err.report.errors),
                command=command,
                lesson=lesson or "LESSON",
            )
        ) from None
