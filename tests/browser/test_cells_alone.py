"""A widget cell run alone in a fresh kernel works (issue 26, walk-through 6).

The student comes back the next day, opens a notebook (a new kernel: nothing has run)
and runs only one cell: the review in 02, an exercise in 04. Each test opens a notebook
in JupyterLab in a real Chromium, waits for its new kernel, runs exactly one cell (no
setup cell, no cell above) and reads the cell's own output: the widget is drawn, no
Python error, no "Loading widget". The page fixture stops the kernels after each test,
so every test starts on a fresh one.

Notebook 03: the quizzes by paragraph and by skill, and the 수능 유형 section.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from .conftest import ROOT, open_notebook

pytestmark = pytest.mark.slow

CASES = [
    # notebook, a piece of the cell's code, what its output must show
    ("00-start-here.ipynb", "LessonChooser()", ".dokhae-chooser"),
    ("01-read-the-article.ipynb", "ReadingView()", ".dokhae-reading"),
    ("02-vocabulary.ipynb", "ReviewSession()", ".dokhae-review"),
    ("03-comprehension.ipynb", "QuizSet.by_paragraph_groups()", ".dokhae-quiz-groups"),
    ("03-comprehension.ipynb", "QuizSet.skill_chooser(", ".dokhae-skill-quiz"),
    ("03-comprehension.ipynb", "ExamChooser()", ".dokhae-exam-chooser"),
    (
        "04-cbam-arithmetic.ipynb",
        'arithmetic_view("e09-certificates-after-faa")',
        ".dokhae-arithmetic",
    ),
    ("04-cbam-arithmetic.ipynb", 'check("e04-free-allocation-phase-out"', ".dokhae-result"),
    ("05-my-progress.ipynb", "study_next()", ".dokhae-study-next"),
]


def cell_index(notebook: str, code: str) -> int:
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    found = [
        n for n, c in enumerate(cells) if c["cell_type"] == "code" and code in "".join(c["source"])
    ]
    assert len(found) == 1, (notebook, code, found)
    return found[0]


def run_only(page: Page, index: int) -> None:
    """Clear the stored outputs (and their execution counts), run the one cell ``index``
    and wait until it has finished."""
    page.evaluate(
        "async (i) => { const app = window.jupyterapp; const w = app.shell.currentWidget;"
        " await app.commands.execute('notebook:clear-all-cell-outputs');"
        " w.content.activeCellIndex = i;"
        " app.commands.execute('notebook:run-cell'); }",
        index,
    )
    page.wait_for_function(
        "(i) => { const w = window.jupyterapp.shell.currentWidget; const c = w.content.widgets[i];"
        " return c.model.executionCount !== null"
        " && !c.node.querySelector('.jp-InputArea-prompt').textContent.includes('*')"
        " && w.sessionContext.session.kernel.status === 'idle'; }",
        arg=index,
        timeout=120_000,
    )


@pytest.mark.parametrize(
    ("notebook", "code", "shows"), CASES, ids=[f"{n[:2]}-{s[1:]}" for n, _, s in CASES]
)
def test_a_widget_cell_runs_alone_in_a_fresh_kernel(page, lab_url, notebook, code, shows):
    index = cell_index(notebook, code)
    open_notebook(page, lab_url, notebook)
    run_only(page, index)
    panel = page.locator(".jp-NotebookPanel:visible")
    ran = panel.evaluate(
        "() => window.jupyterapp.shell.currentWidget.content.widgets"
        ".filter(c => c.model.type === 'code' && c.model.executionCount !== null).length"
    )
    assert ran == 1  # this cell and nothing else
    cell = panel.locator(".jp-Cell").nth(index)
    output = cell.locator(".jp-OutputArea-output")
    expect(output.locator(shows).first).to_be_visible(timeout=60_000)
    expect(output.filter(has_text="Traceback")).to_have_count(0)
    expect(output.filter(has_text="Error")).to_have_count(0)
    expect(output.filter(has_text="Loading widget")).to_have_count(0, timeout=60_000)
