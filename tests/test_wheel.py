"""Does an installed wheel carry the lessons, so dokhae works outside a checkout?"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_lesson_loads_from_built_wheel(tmp_path: Path, built_wheel: Path):
    wheel = built_wheel
    names = zipfile.ZipFile(wheel).namelist()
    assert "dokhae/content/articles/steel-dialogue-2023/article.ko.md" in names
    assert "dokhae/content/glossary/steel-dialogue-2023.csv" in names
    assert "dokhae/content/exercises/steel-dialogue-2023.yaml" in names
    assert "dokhae/data/wordlists/README.md" in names
    assert "dokhae/data/hanja.csv" in names  # every lesson's Hanja 훈음 (dokhae.hanja)
    # what `dokhae lab` and `dokhae teacher` copy, and JupyterLab's Korean default
    assert "dokhae/content/notebooks/00-start-here.ipynb" in names
    assert "dokhae/content/notebooks/90-teacher-guide.ipynb" not in names
    assert "dokhae/content/teacher/90-teacher-guide.ipynb" in names
    assert "dokhae/content/etc/jupyterlab-overrides.json" in names
    # the printed pages' templates (dokhae export worksheet/exam/wordtest)
    for template in (
        "worksheet.html.j2",
        "exam_paper.html.j2",
        "exam_key.html.j2",
        "wordtest.html.j2",
    ):
        assert f"dokhae/export/templates/{template}" in names
    # the speak button's front end (widgets/speech.py reads them next to itself)
    assert "dokhae/widgets/static/speech.js" in names
    assert "dokhae/widgets/static/speech.css" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {k: v for k, v in os.environ.items() if k != "DOKHAE_CONTENT"}
    env["PYTHONPATH"] = str(site)
    code = (
        "import dokhae, dokhae.loading as l; "
        "lesson = dokhae.load_lesson('steel-dialogue-2023'); "
        "print(dokhae.__file__); print(l.content_root()); print(len(lesson.glossary)); "
        "print(dokhae.validate().ok)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert Path(out[0]).is_relative_to(site), out
    assert Path(out[1]) == site / "dokhae" / "content"
    assert int(out[2]) >= 45
    assert out[3] == "True"
