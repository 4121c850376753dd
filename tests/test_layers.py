"""Do the modules import only downwards, with no circles (``[tool.importlinter]`` in
pyproject.toml, checked by import-linter's ``lint-imports``)?"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("importlinter", reason="import-linter is in the test extra")


def lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts over the package under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src), "COLUMNS": "1000"}  # no wrapped lines
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--no-cache",
        ],
        cwd=src,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_contract_is_kept():
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "added", "contract"),
    [
        # content importing core: the upward import the contracts exist to stop
        ("validation.py", "from . import arithmetic", "Layers only downwards"),
        # core importing a widget; a widget importing the teacher's side
        ("session.py", "from .widgets import _base", "Layers only downwards"),
        ("widgets/reading.py", "from ..teacher import grading", "Layers only downwards"),
        # the two sides of layer 4 are independent
        ("authoring/status.py", "from ..teacher import roster", "Layers only downwards"),
        # a circle inside a package (each module is in the same layer)
        ("authoring/segment.py", "from . import align", "No import circles"),
        # the student side loading a lesson-building analyser
        ("terms.py", "import wordfreq", "never loads the lesson-building analysers"),
        # koroman is a runtime dependency, but only dokhae.romanization imports it
        ("widgets/reading.py", "import koroman", "Only dokhae.romanization imports koroman"),
        ("romanization.py", "import kiwipiepy", "never loads the lesson-building analysers"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    tmp_path: Path, module: str, added: str, contract: str
):
    src = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "dokhae",
        src / "dokhae",
        ignore=shutil.ignore_patterns("__pycache__", "data"),
    )
    path = src / "dokhae" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{added}  # noqa\n", encoding="utf-8")
    result = lint_imports(src)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout
