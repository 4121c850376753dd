"""The options several commands share, each written once: the choice of exercises
(``-e``/``-s``/``--selection``), the lesson and the file an export writes, ``--root``,
``--language`` and the optional paths beside a gradebook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

PATH = click.Path(path_type=Path)


def together(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several decorators as one, applied as if stacked in the order given (so the
    options are listed in that order in ``--help``)."""

    def apply(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


def path_option(*names: str, help: str, required: bool = False) -> Callable[[F], F]:
    """An option naming a file or folder; ``None`` when not given (unless required)."""
    return click.option(*names, type=PATH, default=None, required=required, help=help)


selection = together(
    click.option(
        "--exercise",
        "-e",
        "exercises",
        multiple=True,
        help="An exercise id (repeatable; dokhae lesson show lists them).",
    ),
    click.option(
        "--skill",
        "-s",
        "skills",
        multiple=True,
        help="Every exercise of a skill, e.g. vocabulary or arithmetic (repeatable).",
    ),
    click.option(
        "--selection",
        "selection_file",
        type=PATH,
        help="A saved selection: exercise ids one per line, or YAML exercises:/skills:.",
    ),
)
"""The exercises to use: ``exercises``, ``skills`` and ``selection_file``."""

learners = click.option(
    "--learners",
    type=click.Choice(["en", "ko"]),
    default="en",
    show_default=True,
    help="Whose class it is: en for Korean students of English (questions on the Korean "
    "text only are left out), ko for learners of Korean (questions on the English text "
    "only are left out). A question chosen by id (-e) is always used.",
)
"""The class's learners: ``direction`` of :func:`dokhae.teacher.select_exercises`."""

lesson = click.option(
    "--lesson",
    "-l",
    default=None,
    help="The lesson (its slug, e.g. steel-dialogue-2023); needed when there are several "
    "(dokhae check lists them).",
)

root = click.option(
    "--root",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder holding articles/, glossary/ and exercises/ (default: $DOKHAE_CONTENT, "
    "else the current folder when it holds lessons, else the lessons installed with dokhae).",
)


_LESSON_GIVEN = "dokhae.lesson"


def _lesson_by_option(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[_LESSON_GIVEN] = value


def _lesson_by_argument(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> str | None:
    given = ctx.meta.get(_LESSON_GIVEN)
    if value is not None and given is not None and value != given:
        from ..i18n import t

        raise click.UsageError(t("cli_text.two_lessons", argument=value, option=given))
    return value if value is not None else given


def exported_to(help: str) -> Callable[[F], F]:
    """The LESSON an export reads (needed when there are several; ``-l LESSON`` works too,
    as for ``dokhae assign``) and the file ``-o`` it writes."""
    return together(
        click.argument("lesson", required=False, callback=_lesson_by_argument),
        click.option(
            "--lesson",
            "-l",
            "lesson_option",
            default=None,
            expose_value=False,
            is_eager=True,
            callback=_lesson_by_option,
            help="The lesson, as for dokhae assign (the same as LESSON).",
        ),
        path_option("--out", "-o", "out", required=True, help=help),
    )


def language(help: str, default: str | None = None) -> Callable[[F], F]:
    """``--language ko|en``."""
    return click.option(
        "--language",
        type=click.Choice(["ko", "en"]),
        default=default,
        show_default=default is not None,
        help=help,
    )
