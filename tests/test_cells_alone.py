"""Every widget cell of the student notebooks runs on its own in a fresh kernel (issue 26).

"On its own" is meant literally, as the walk-through met it: the student comes back the
next day, opens 02 and runs only the review cell (no setup cell, no cell above), and it
must show its widget, not ``NameError: name 'ReviewSession' is not defined``. So a widget
cell imports what it uses and finds its session itself (this kernel's, else the lesson
chosen in 00). After the setup cell has run, the same cell uses the setup's session
(``LESSON = "<slug>"`` still wins).

A widget cell: a code cell that uses a dokhae widget, ``check``/``show_answer`` (the
exercise cells of 04) or a progress table of 05. The pandas cells of 02 build on one
another on purpose (``table`` is the lesson's glossary, filtered step by step) and are
not widget cells.

Two checks: no name in a widget cell is left for an earlier cell to define (read from
the code, so a branch that does not run is covered too), and each widget cell, run alone
with a new session and a new progress store, shows something. The browser test
``tests/browser/test_cells_alone.py`` runs such cells in a real fresh kernel.

"""

from __future__ import annotations

import ast
import builtins
import json
from pathlib import Path

import pytest
from IPython.core.inputtransformer2 import TransformerManager

import dokhae.i18n
import dokhae.session
import dokhae.tables
import dokhae.widgets
import dokhae.widgets.exam
from dokhae.widgets import QuizGroups, SkillQuiz
from dokhae.widgets.exam import ExamChooser

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = [
    next(ROOT.glob(f"notebooks/{number}-*.ipynb"))
    for number in ("00", "01", "02", "03", "04", "05")
]
WIDGET_NAMES = {
    *dokhae.widgets.__all__,
    *dokhae.widgets.exam.__all__,  # the 수능 유형 section of 03 (ExamChooser)
    "check",
    "show_answer",
    "progress_table",
    "progress_summary",
    "progress_chart",
    "study_next",
}
KERNEL_NAMES = {"get_ipython", "display", "In", "Out", "exit", "quit"}


def python_of(source: str) -> str:
    """The cell as plain Python (IPython's ``%matplotlib inline`` made a call)."""
    return TransformerManager().transform_cell(source)


def used_names(tree: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def defined_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


def is_setup(source: str, tags: list[str]) -> bool:
    return "parameters" in tags or "dokhae.start(" in source


def widget_cells(path: Path) -> list[tuple[int, str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = []
    for number, cell in enumerate(cells):
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or is_setup(source, cell["metadata"].get("tags", [])):
            continue
        if used_names(ast.parse(python_of(source))) & WIDGET_NAMES:
            found.append((number, source))
    return found


CELLS = [
    pytest.param(source, id=f"{path.name[:2]}-cell{number}")
    for path in NOTEBOOKS
    for number, source in widget_cells(path)
]


def test_every_notebook_has_widget_cells():
    numbers = {param.id[:2] for param in CELLS}
    assert numbers == {"00", "01", "02", "03", "04", "05"}, numbers
    assert len(CELLS) >= 24


@pytest.mark.parametrize("source", CELLS)
def test_a_widget_cell_needs_no_earlier_cell(source):
    tree = ast.parse(python_of(source))
    free = used_names(tree) - defined_names(tree) - set(dir(builtins)) - KERNEL_NAMES
    assert free == set(), f"defined in another cell: {sorted(free)}\n{source}"


def run_alone(source: str) -> object:
    """Run the cell as a fresh kernel would: a new namespace, no session, the default
    language; return what the cell displays (its last expression)."""
    tree = ast.parse(python_of(source).replace("get_ipython().run_line_magic", "(lambda *a: None)"))
    namespace: dict = {"__name__": "__main__"}
    last = tree.body.pop() if isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


@pytest.mark.parametrize("source", CELLS)
def test_a_widget_cell_runs_alone_in_a_new_kernel(source, monkeypatch):
    monkeypatch.setattr(dokhae.i18n, "_current", None)
    assert dokhae.session._current is None  # no setup cell ran (tests/conftest.py)
    shown = run_alone(source)
    assert shown is not None
    assert "Traceback" not in repr(shown)
    # the session it found by itself is the lesson's (the one chosen in 00, else the first)
    assert dokhae.session.current_session().lesson.slug == "steel-dialogue-2023"


def test_after_the_setup_cell_a_widget_cell_uses_its_session(lesson):
    """``LESSON = "<slug>"`` in the parameters cell still decides the lesson."""
    session = dokhae.start(lesson)
    view = run_alone('from dokhae.widgets import ReadingView\nReadingView(direction="ko")')
    assert view.lesson is session.lesson
    table = run_alone("from dokhae.tables import progress_table\nprogress_table()")
    assert dokhae.session.current_session() is session
    assert table is not None


def test_after_the_setup_cell_the_cells_of_03_are_on_its_lesson():
    """Notebook 03's cells (quiz sets by paragraph and by skill, the 수능 유형 section, the
    score) take the lesson the setup cell started, not the default one."""
    mini = dokhae.load_lesson("mini-lesson", ROOT / "tests" / "data" / "mini")
    session = dokhae.start(mini)
    shown = {param.id: run_alone(param.values[0]) for param in CELLS if param.id.startswith("03-")}
    assert len(shown) == 4, sorted(shown)
    quizzes = [v for v in shown.values() if isinstance(v, (QuizGroups, SkillQuiz))]
    assert len(quizzes) == 2
    for view in quizzes:
        assert view.quiz.session is session
        assert {q.id for q in view.quiz.questions} <= set(mini.questions)
    (exam,) = [v for v in shown.values() if isinstance(v, ExamChooser)]
    assert exam.select is None  # the mini lesson has no approved item; the shipped one has 14
    assert dokhae.session.current_session() is session
