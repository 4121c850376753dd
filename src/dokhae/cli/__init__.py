"""The ``dokhae`` command: a thin layer over the library functions.

:class:`Commands` is the command line's one exception boundary: whatever a command did
not turn into a message itself becomes one (what happened, what to do, in Korean and
English) with exit status 1; ``dokhae --debug ...`` (or ``DOKHAE_DEBUG=1``) shows the
traceback instead.

The commands live beside it, one module per family: :mod:`.lab` (lab, teacher),
:mod:`.lessons` (check, lesson new/forms/status), :mod:`.teacher` (assign, grade,
report), :mod:`.exports` (export glossary/anki/worksheet/items) and :mod:`.exam`
(exam draft/review); the options they share are in :mod:`.options`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any

import click

from .. import __version__
from . import exam, exports, lab, lessons, teacher


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
    from .. import i18n

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
    """The ``dokhae`` group: it speaks the teacher's language (:mod:`.language`), and any
    exception a command lets through becomes a message."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from .language import cli_language, speaking

        try:
            chosen = cli_language()
        except click.UsageError as err:
            err.show()
            sys.exit(err.exit_code)
        with speaking(self, chosen):
            return super().main(*args, **kwargs)

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


for command in (
    lab.lab_command,
    lab.teacher_command,
    lessons.check_command,
    lessons.lesson_group,
    teacher.assign_command,
    teacher.grade_command,
    teacher.report_command,
    exports.export_group,
    exam.exam_group,
):
    main.add_command(command)
