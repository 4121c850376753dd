"""Start JupyterLab on a working folder, in Korean for this launch (``dokhae lab``, ``dokhae teacher``).

JupyterLab runs as a child process of this Python (``python -m jupyterlab``, no shell),
on 127.0.0.1 with a token made here, its application settings in a temporary folder made
by :func:`dokhae.workspace.lab_settings_dir` and removed when it stops, and its log in a
file (:func:`log_path`). :func:`run_lab` waits until the server answers, reports its
address, and waits for it to stop: Ctrl+C in the terminal stops both.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from .workspace import WorkspaceError, lab_settings_dir

__all__ = [
    "DEFAULT_PORT",
    "LabError",
    "LabServer",
    "free_port",
    "lab_command",
    "log_path",
    "run_lab",
]

DEFAULT_PORT = 8888
START_TIMEOUT_S = 180
STOP_TIMEOUT_S = 30


class LabError(RuntimeError):
    """JupyterLab did not start; the message says why and where its log is."""


@dataclass(frozen=True)
class LabServer:
    """A running JupyterLab started by :func:`run_lab`."""

    url: str
    """The address to open, with the token: ``http://127.0.0.1:<port>/lab/tree/<notebook>?token=...``."""
    base_url: str
    token: str
    pid: int
    log: Path


def _is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(start: int = DEFAULT_PORT, tries: int = 50) -> int:
    """The first port from ``start`` on that nothing listens on at 127.0.0.1."""
    for port in range(start, start + tries):
        if _is_free(port):
            return port
    raise LabError(f"no free port between {start} and {start + tries - 1}; choose one with --port")


def log_path(port: int) -> Path:
    """Where the messages of JupyterLab on ``port`` go (the user's log folder of dokhae;
    one file per port, so two JupyterLabs at once keep their own)."""
    import platformdirs

    return Path(platformdirs.user_log_dir("dokhae", appauthor=False)) / f"jupyterlab-{port}.log"


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(
    folder: Path, first: Path, *, port: int, token: str, settings_dir: Path, open_browser: bool
) -> list[str]:
    """The command that starts JupyterLab on ``folder`` with ``first`` open (a list of
    arguments, run without a shell)."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        str(first),
        f"--ServerApp.root_dir={folder}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--LabApp.app_settings_dir={settings_dir}",
        f"--ServerApp.open_browser={open_browser}",
    ]
    if _running_as_root():  # containers and CI run as root; JupyterLab refuses unless told
        command.append("--allow-root")
    return command


def _answers(url: str, token: str) -> bool:
    request = urllib.request.Request(
        url + "/api/status", headers={"Authorization": f"token {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run_lab(
    folder: Path,
    first: Path,
    *,
    port: int | None = None,
    open_browser: bool = True,
    on_ready: Callable[[LabServer], None] | None = None,
    start_timeout: float = START_TIMEOUT_S,
) -> int:
    """Start JupyterLab on ``folder`` with the notebook ``first`` open and wait until it
    stops; return its exit status.

    ``on_ready`` is called once the server answers. Ctrl+C (KeyboardInterrupt) stops the
    server and returns.

    Raises:
        LabError: the port is taken, or JupyterLab stopped or did not answer within
            ``start_timeout`` seconds (the message holds the end of its log).
        WorkspaceError: the settings could not be made.
    """
    folder, first = Path(folder).resolve(), Path(first).resolve()
    if port is None:
        port = free_port()
    elif not _is_free(port):
        raise LabError(f"port {port} is in use; choose another with --port, or leave --port out")
    token = secrets.token_hex(24)
    log = log_path(port)
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise LabError(f"cannot make the log folder {log.parent}: {err.strerror or err}") from None
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(
        prefix="dokhae-lab-settings-", ignore_cleanup_errors=True
    ) as tmp:
        try:
            settings = lab_settings_dir(Path(tmp) / "settings")
        except OSError as err:
            raise WorkspaceError(f"cannot prepare JupyterLab's settings in {tmp}: {err}") from None
        command = lab_command(
            folder, first, port=port, token=token, settings_dir=settings, open_browser=open_browser
        )
        with open(log, "w", encoding="utf-8") as out:
            # No standard input: Ctrl+C then stops JupyterLab at once, without its y/n question.
            process = subprocess.Popen(
                command, cwd=folder, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
            )
        restore = _stop_on_sigterm()
        try:
            deadline = time.monotonic() + start_timeout
            while not _answers(base_url, token):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise LabError(
                        f"JupyterLab did not start (its log, {log}, ends with):\n{_tail(log)}"
                    )
                time.sleep(0.3)
            relative = first.relative_to(folder).as_posix()
            if on_ready is not None:
                on_ready(
                    LabServer(
                        url=f"{base_url}/lab/tree/{urllib.parse.quote(relative)}?token={token}",
                        base_url=base_url,
                        token=token,
                        pid=process.pid,
                        log=log,
                    )
                )
            return process.wait()
        except KeyboardInterrupt:
            return _stop(process, grace=5)
        finally:
            if process.poll() is None:
                _stop(process, grace=0)
            restore()


def _stop_on_sigterm() -> Callable[[], None]:
    """Until the returned function is called, SIGTERM to this process (``kill``, a
    supervisor) stops JupyterLab too instead of leaving it running without its parent."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore


def _stop(process: subprocess.Popen, *, grace: float) -> int:
    """Let JupyterLab stop its kernels and exit: after ``grace`` seconds (a Ctrl+C in the
    terminal reaches it too) it is asked to (SIGTERM), then made to."""
    if grace:
        with contextlib.suppress(subprocess.TimeoutExpired, KeyboardInterrupt):
            return process.wait(timeout=grace)
    process.terminate()
    try:
        return process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()
