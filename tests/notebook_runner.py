"""Run the shipped notebooks on any lesson, then check them with strict nbval.

>>> result = run_notebooks("mini-lesson", ROOT / "tests" / "data" / "mini", tmp_path / "nb")  # doctest: +SKIP
>>> assert result.returncode == 0, result.stdout                                              # doctest: +SKIP

What happens, the same way ``make notebooks`` and ``pytest notebooks/ teacher/`` do it for
the committed notebooks:

1. the notebooks (the students' in ``notebooks/``, the teacher's in ``teacher/``) are
   copied into ``work_dir`` (the committed ones are never touched);
2. each copy's ``parameters`` cell gets ``LESSON = "<slug>"``;
3. each copy is executed in a clean kernel (``scripts/execute_notebooks.py``) with
   ``DOKHAE_CONTENT=<content_root>`` and a new, empty progress store, and stored with
   its outputs;
4. strict nbval runs over the copies in a new process with the same content folder and
   another new progress store (``--nbval-current-env``, the repository's sanitize file,
   no cache); its :class:`subprocess.CompletedProcess` is returned (stdout holds the
   report, stderr is merged into it).

The executed copies stay in ``work_dir`` for assertions on their outputs
(:func:`outputs_text`).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
"""The student notebooks."""
TEACHER_NOTEBOOKS = ROOT / "teacher"
"""The teacher's notebooks (``90-teacher-guide``)."""
SANITIZE = ROOT / "tests" / "nbval-sanitize.cfg"

__all__ = ["NOTEBOOKS", "TEACHER_NOTEBOOKS", "notebook_names", "outputs_text", "run_notebooks"]


def _executor():
    """scripts/execute_notebooks.py as a module (scripts/ is not a package)."""
    name = "dokhae_execute_notebooks"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, ROOT / "scripts" / "execute_notebooks.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _shipped() -> list[Path]:
    """The student notebooks and the teacher's, in order of their names."""
    return sorted(
        [*NOTEBOOKS.glob("*.ipynb"), *TEACHER_NOTEBOOKS.glob("*.ipynb")], key=lambda p: p.name
    )


def notebook_names() -> list[str]:
    """The shipped notebooks (students' and teacher's), in order: ``00-start-here`` ... ``90-teacher-guide``."""
    return [p.stem for p in _shipped()]


def _resolve(names: Sequence[str] | None) -> list[Path]:
    if names is None:
        return _shipped()
    by_name = {p.name: p for p in _shipped()}
    paths = []
    for name in names:
        path = by_name.get(name if name.endswith(".ipynb") else f"{name}.ipynb")
        if path is None:
            raise FileNotFoundError(
                f"no notebook {name!r} in {NOTEBOOKS} or {TEACHER_NOTEBOOKS}; "
                f"there are: {', '.join(notebook_names())}"
            )
        paths.append(path)
    return paths


def run_notebooks(
    slug: str,
    content_root: Path,
    work_dir: Path,
    notebooks: Sequence[str] | None = None,
    *,
    timeout: float = 900,
) -> subprocess.CompletedProcess:
    """Execute the notebooks on lesson ``slug`` of ``content_root`` in ``work_dir``, then
    run strict nbval over them; return nbval's completed process.

    Args:
        slug: the lesson, set as ``LESSON = "<slug>"`` in each notebook's parameters cell.
        content_root: the folder holding ``articles/``, ``glossary/``, ``exercises/``
            (``DOKHAE_CONTENT`` of the kernels).
        work_dir: where the executed copies go (made if missing; existing copies of the
            same notebooks are replaced).
        notebooks: names such as ``"03-comprehension"`` (with or without ``.ipynb``),
            run in the order given; None: every notebook, in order.
        timeout: seconds nbval may take in all.

    Raises:
        nbclient.exceptions.CellExecutionError: a cell raised while executing (the
            message names the notebook cell and shows the traceback).
    """
    content_root = Path(content_root).resolve()
    work_dir = Path(work_dir).resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    copies = []
    for source in _resolve(notebooks):
        target = work_dir / source.name
        shutil.copyfile(source, target)
        copies.append(target)
    # pytest's own configuration for the copies: no repository conftest or addopts
    (work_dir / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")

    executor = _executor()
    with tempfile.TemporaryDirectory(prefix="dokhae-runner-") as tmp:
        tmp = Path(tmp)
        executor.execute_notebooks(
            copies,
            content_root=content_root,
            progress=tmp / "executed.sqlite3",
            parameters={"LESSON": slug},
            log=None,
        )
        env = executor.kernel_environment(content_root=content_root, progress=tmp / "nbval.sqlite3")
        command = [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            str(SANITIZE),
            "-p",
            "no:cacheprovider",
            "-q",
            "-rA",
            "--rootdir",
            str(work_dir),
            "-c",
            str(work_dir / "pytest.ini"),
            *[str(p) for p in copies],
        ]
        return subprocess.run(
            command,
            cwd=work_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
            check=False,
        )


def outputs_text(path: Path) -> str:
    """Every stored output of an executed notebook as one text: stream text, ``text/plain``
    and ``text/html`` (to assert that, say, the lesson's title appears)."""
    nb = nbformat.read(path, as_version=4)
    parts: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append(output["text"])
            data = output.get("data", {})
            for kind in ("text/plain", "text/html", "text/markdown"):
                if kind in data:
                    value = data[kind]
                    parts.append(value if isinstance(value, str) else json.dumps(value))
    return "\n".join(parts)
