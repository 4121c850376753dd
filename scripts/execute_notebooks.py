"""Execute every notebook in a clean kernel and store its outputs (``make notebooks``).

Strict nbval then compares a fresh run with what is stored, so the stored outputs
must come from exactly this: a new kernel, an empty progress store, no widget state.

The same code runs the notebooks on another lesson (``tests/notebook_runner.py``):
:func:`execute_notebooks` takes the parameters to set (``LESSON="<slug>"``) and the
environment of the kernels (``DOKHAE_CONTENT``, ``DOKHAE_PROGRESS``).

    python scripts/execute_notebooks.py                     # every notebook in notebooks/ and teacher/
    python scripts/execute_notebooks.py notebooks/03-*.ipynb
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TEACHER_NOTEBOOKS = ROOT / "teacher"
PARAMETERS_TAG = "parameters"
TEACHER_ONLY_TAG = "teacher-only"
"""Cells whose output is for the teacher's eyes only (the answer table of the teacher's
guide): run, but stored without output, so no notebook file carries answers; they show
them when the teacher runs the notebook. Tag them ``nbval-ignore-output`` as well."""
MACHINE_SPECIFIC_TAG = "machine-specific"
"""Cells whose output differs from computer to computer (the path of the progress file in
00): run, but stored without output, so no notebook file carries a path of the machine
that built it. Tag them ``nbval-ignore-output`` as well."""
UNSTORED_OUTPUT_TAGS = (TEACHER_ONLY_TAG, MACHINE_SPECIFIC_TAG)
CELL_TIMEOUT_S = 300

# Settings of the developer's shell that would change what a notebook shows.
_VOLATILE_ENVIRONMENT = ("DOKHAE_CONTENT", "DOKHAE_LANGUAGE", "DOKHAE_PROGRESS")


def kernel_environment(
    *, content_root: Path | None = None, progress: Path, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment of a clean kernel: the given content folder (or the default one),
    the given progress store, the default interface language."""
    env = dict(os.environ if base is None else base)
    for name in _VOLATILE_ENVIRONMENT:
        env.pop(name, None)
    env["DOKHAE_PROGRESS"] = str(progress)
    if content_root is not None:
        env["DOKHAE_CONTENT"] = str(content_root)
    return env


def _literal(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def set_parameters(nb: nbformat.NotebookNode, parameters: Mapping[str, Any]) -> bool:
    """Set ``NAME = value`` in the notebook's cell tagged ``parameters`` (its comments and
    other lines stay). Returns False when the notebook has no such cell."""
    cell = next(
        (
            c
            for c in nb.cells
            if c.cell_type == "code" and PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])
        ),
        None,
    )
    if cell is None:
        return False
    lines = cell.source.split("\n")
    for name, value in parameters.items():
        line = f"{name} = {_literal(value)}"
        pattern = re.compile(rf"^{re.escape(name)}\s*=")
        hits = [i for i, old in enumerate(lines) if pattern.match(old)]
        if hits:
            lines[hits[0]] = line + _trailing_comment(lines[hits[0]])
        else:
            lines.append(line)
    cell.source = "\n".join(lines)
    return True


def _trailing_comment(line: str) -> str:
    """The ``   # comment`` after a simple assignment (``LESSON = None   # ...``)."""
    match = re.match(r"""^[^#'"]*(?:'[^']*'|"[^"]*"|[^#'"])*?(\s+#.*)$""", line)
    return match.group(1) if match else ""


def clear_unstored_outputs(nb: nbformat.NotebookNode) -> int:
    """Drop the outputs of the cells tagged ``teacher-only`` or ``machine-specific``
    (they ran: their execution count stays, so the file shows no cell left unrun);
    returns how many."""
    cleared = 0
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "code" and any(tag in tags for tag in UNSTORED_OUTPUT_TAGS):
            cell.outputs = []
            cleared += 1
    return cleared


def execute(
    path: Path, *, env: Mapping[str, str] | None = None, parameters: Mapping[str, Any] | None = None
) -> float:
    """Run the notebook at ``path`` in a new kernel (working directory: its folder) and
    write it back with its outputs and no widget state. Returns the seconds taken."""
    nb = nbformat.read(path, as_version=4)
    if parameters and not set_parameters(nb, parameters):
        raise ValueError(
            f"{path} has no cell tagged {PARAMETERS_TAG!r} to set {', '.join(parameters)} in"
        )
    started = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
    )
    client.execute(**({"env": dict(env)} if env is not None else {}))
    nb.metadata.pop("widgets", None)
    clear_unstored_outputs(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - started


def execute_notebooks(
    paths: Iterable[Path],
    *,
    content_root: Path | None = None,
    progress: Path | None = None,
    parameters: Mapping[str, Any] | None = None,
    log: Callable[[str], None] | None = print,
) -> dict[Path, float]:
    """Execute ``paths`` in order, each in a clean kernel, sharing one progress store (the
    student's own work through the lesson: 05-my-progress shows what 04 answered).

    Args:
        content_root: the folder of the lessons (``DOKHAE_CONTENT``); None: the default
            (this checkout's lessons).
        progress: the progress store; None: a new empty one in a temporary folder.
        parameters: values for the ``parameters`` cell, e.g. ``{"LESSON": "mini-lesson"}``.
        log: called with one line per notebook (None: quiet).
    """
    times: dict[Path, float] = {}
    with tempfile.TemporaryDirectory(prefix="dokhae-execute-") as tmp:
        store = Path(tmp) / "progress.sqlite3" if progress is None else Path(progress)
        env = kernel_environment(content_root=content_root, progress=store)
        for path in map(Path, paths):
            times[path] = execute(path, env=env, parameters=parameters)
            if log is not None:
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                log(f"{shown}: {times[path]:.1f} s")
    return times


def main(paths: list[str]) -> None:
    targets = [Path(p).resolve() for p in paths] or sorted(
        [*NOTEBOOKS.glob("*.ipynb"), *TEACHER_NOTEBOOKS.glob("*.ipynb")], key=lambda p: p.name
    )
    execute_notebooks(targets, log=lambda line: print(line, flush=True))


if __name__ == "__main__":
    main(sys.argv[1:])
