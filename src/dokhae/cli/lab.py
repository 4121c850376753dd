"""Opening the lesson: ``dokhae lab`` (the students' notebooks) and ``dokhae teacher``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .output import say_both

if TYPE_CHECKING:
    from ..workspace import Kind


def _say(key: str, **fields: object) -> None:
    """Opening the notebooks speaks both languages: students run it too."""
    say_both(f"lab.{key}", err=False, **fields)


def _open(
    kind: Kind, folder: Path | None, no_browser: bool, port: int | None, copy_only: bool
) -> None:
    from ..launch import LabError, LabServer, run_lab
    from ..workspace import WorkspaceError, copy_notebooks, default_folder

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


@click.command("lab")
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
        from .. import workspace

        try:
            click.echo(
                f"JupyterLab's defaults (Korean) written to {workspace.install_korean_default()}"
            )
        except workspace.WorkspaceError as err:
            raise click.ClickException(str(err)) from None
        return
    _open("student", folder, no_browser, port, copy_only)


@click.command("teacher")
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
