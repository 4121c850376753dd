"""The notebooks as shipped: no stored output names a path of the machine that built them,
and each student notebook ends by pointing to the next one."""

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


STUDENT_NOTEBOOKS = sorted(ROOT.glob("notebooks/[0-9][0-9]-*.ipynb"))
LINK = re.compile(r"\]\(([0-9]{2}-[\w-]+\.ipynb)\)")


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS[:-1], ids=lambda p: p.name)
def test_each_notebook_ends_with_a_link_to_the_next(path):
    """The last cell is a bilingual "다음 / Next" markdown cell whose first link is the next
    notebook, so a student never has to guess where to go (walk-through 11 and 15)."""
    last = json.loads(path.read_text(encoding="utf-8"))["cells"][-1]
    text = "".join(last["source"])
    following = STUDENT_NOTEBOOKS[STUDENT_NOTEBOOKS.index(path) + 1]
    assert last["cell_type"] == "markdown" and text.startswith("## 다음 / Next"), text[:80]
    links = LINK.findall(text)
    assert links and links[0] == following.name, links
    assert all((path.parent / link).is_file() for link in links), links
    assert re.search("[가-힣]", text) and "Next:" in text  # both languages


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda p: p.name)
def test_markdown_emphasis_renders(path):
    """No ``*`` or ``**`` left as a literal mark: CommonMark does not close an emphasis
    that ends with punctuation right before Hangul (``*"title"*입니다``), and the student
    saw the asterisks (walk-through 13). Code spans may hold any ``*``."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    found = []
    for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        rendered = md.render("".join(cell["source"]))
        text = re.sub(r"<code>.*?</code>|<pre>.*?</pre>", "", rendered, flags=re.DOTALL)
        found += [f"cell {n}: {line.strip()[:80]!r}" for line in text.splitlines() if "*" in line]
    assert found == [], "\n".join(found)
