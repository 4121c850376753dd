"""Unit tests never share progress with each other or with the notebooks under nbval."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dokhae.i18n
import dokhae.session
from dokhae import load_lesson


@pytest.fixture(scope="session")
def lesson():
    """The shipped lesson, loaded once (lessons are immutable)."""
    return load_lesson("steel-dialogue-2023")


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory) -> Path:
    """dokhae's wheel, built once from this checkout (no dependencies, no build isolation:
    hatchling comes from the test environment)."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(dist),
            str(Path(__file__).resolve().parents[1]),
        ],
        check=True,
        cwd=dist,
    )
    (wheel,) = dist.glob("dokhae-*.whl")
    return wheel


@pytest.fixture(autouse=True)
def _own_progress_store(tmp_path, monkeypatch):
    monkeypatch.setenv("DOKHAE_PROGRESS", str(tmp_path / "progress.sqlite3"))
    monkeypatch.setattr(dokhae.session, "_current", None)
    language = dokhae.i18n.get_language()
    yield
    dokhae.i18n.set_language(language)


@pytest.fixture(autouse=True)
def _command_line_in_english(monkeypatch):
    """The ``dokhae`` command speaks DOKHAE_LANGUAGE, else the system's language (Korean on
    a Korean or a C locale); the command-line tests are written against its English, so
    every CliRunner runs it with DOKHAE_LANGUAGE=en unless the test gives its own
    (``CliRunner(env={"DOKHAE_LANGUAGE": "ko"})`` or ``invoke(..., env=...)``). Only the
    command's run sees it: the rest of a test keeps the Korean default of the widgets."""
    from click.testing import CliRunner

    original = CliRunner.__init__

    def english_runner(self, *args, env=None, **kwargs):
        original(self, *args, env={"DOKHAE_LANGUAGE": "en", **(env or {})}, **kwargs)

    monkeypatch.setattr(CliRunner, "__init__", english_runner)
