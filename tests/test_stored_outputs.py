"""The notebooks as shipped: no stored output names a path of the machine that built them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("teacher/*.ipynb")])
BUILD_PATH = re.compile(r"/work/|/tmp/|site-packages|\.venv|[A-Za-z]:\\\\Users\\\\|/home/")


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 7


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_build_paths_in_stored_outputs(path):
    """A student sees a stored output before running anything: it must not show the
    builder's temporary folder or virtual environment (walk-through 13)."""
    found = [
        f"cell {n}: {match.group()!r} in {json.dumps(output)[:120]}"
        for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"])
        for output in cell.get("outputs", [])
        for match in BUILD_PATH.finditer(json.dumps(output, ensure_ascii=False))
    ]
    assert found == [], "\n".join(found)
