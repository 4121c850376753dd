"""pytest set-up shared by the unit tests and nbval over notebooks/."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    # nbval resolves the sanitize file against the working directory; make it absolute
    # so `pytest` works from any folder.
    if hasattr(config.option, "nbval_sanitize_with") and not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval-sanitize.cfg")
    # Notebooks and tests never touch the user's own progress store.
    os.environ.setdefault(
        "DOKHAE_PROGRESS", str(Path(tempfile.mkdtemp(prefix="dokhae-test-")) / "progress.sqlite3")
    )
