"""Print, for every code cell of every notebook, the widget models it creates and the
time it takes, run on the shipped lesson in a clean kernel as a student would run it.

Budget (issue 23, DESIGN.md): at most 100 widget models and 100 ms per cell. Every model
is a ``comm_open`` message from the kernel to the browser, and later changes to it are
``comm_msg`` messages; on a busy class server a cell that sends thousands of them can
lose some on the way (see ``benchmarks/bench_hub.py``). The kernel counts the models
(growth of ipywidgets' registry of live models) and times the cell from IPython's
``pre_run_cell`` to ``post_run_cell``: the kernel process's CPU time, which the budget
holds (the Python work of building and sending; it barely changes when other programs
load the machine), and the wall-clock time, printed for information (on a shared
2-core machine under load it doubles or triples); the client counts the widget messages
it receives for the cell.

    python benchmarks/bench_widget_models.py                 # every notebook in notebooks/
    python benchmarks/bench_widget_models.py notebooks/03-*.ipynb
    DOKHAE_BENCH_RUNS=1 python benchmarks/bench_widget_models.py   # once (default: median of 3)

Exits 1 when a cell is over budget, except the cells listed in :data:`EXPECTED_OVER`
(which say why).
"""

from __future__ import annotations

import json
import os
import queue
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from execute_notebooks import kernel_environment  # noqa: E402  (found through the sys.path line above)

MAX_MODELS = 100
MAX_MS = 100.0
TIMEOUT_S = 120
RUNS = int(os.environ.get("DOKHAE_BENCH_RUNS", "3"))

# Cells that may take more than MAX_MS, and why (none may build more than MAX_MODELS).
EXPECTED_OVER: dict[tuple[str, str], str] = {
    ("*", "import dokhae"): "the first import of dokhae, pandas and ipywidgets and loading "
    "the lesson (once per notebook; no widget)",
    ("03-comprehension", "from dokhae.tables import"): "the first import of pandas, for the "
    "progress table (no widget)",
    ("04-cbam-arithmetic", "%matplotlib inline"): "matplotlib draws the plot (no widget)",
    ("05-my-progress", "%matplotlib inline"): "matplotlib draws the chart (no widget)",
}

# Runs in the kernel before the notebook: count models and time each cell.
_PROBE = """
import time as _bench_time
from ipywidgets.widgets.widget import _instances as _bench_models
_bench_cells = []
def _bench_pre(info):
    _bench_cells.append([len(_bench_models), _bench_time.process_time(), _bench_time.perf_counter()])
def _bench_post(result):
    row = _bench_cells[-1]
    row[:] = [len(_bench_models) - row[0], 1000 * (_bench_time.process_time() - row[1]),
              1000 * (_bench_time.perf_counter() - row[2])]
get_ipython().events.register("pre_run_cell", _bench_pre)
get_ipython().events.register("post_run_cell", _bench_post)
"""


def run_cell(client, code: str) -> dict[str, int]:
    """Execute ``code``; return how many messages of each type the cell published."""
    msg_id = client.execute(code, store_history=True)
    counts: dict[str, int] = {}
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        try:
            msg = client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError(f"no 'idle' within {TIMEOUT_S} s after:\n{code}") from None
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "error":
            raise RuntimeError(
                f"the cell raised {msg['content']['ename']}: {msg['content']['evalue']}\n{code}"
            )
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = client.get_shell_msg(timeout=TIMEOUT_S)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"the cell failed:\n{code}")
    return counts


def measure(path: Path, progress: Path) -> list[dict]:
    """Run the notebook's code cells (its parameters as stored: the shipped lesson)."""
    nb = nbformat.read(path, as_version=4)
    env = kernel_environment(progress=progress)
    env["PYTHONPATH"] = str(ROOT / "src")
    manager, client = start_new_kernel(kernel_name="python3", env=env, cwd=str(path.parent))
    try:
        client.execute(_PROBE, silent=True, store_history=False)
        client.get_shell_msg(timeout=TIMEOUT_S)
        rows = []
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            counts = run_cell(client, cell.source)
            rows.append({"source": cell.source, "messages": counts})
        msg_id = client.execute(
            "print(); print(__import__('json').dumps(_bench_cells))", store_history=False
        )
        printed = ""
        while True:
            msg = client.get_iopub_msg(timeout=TIMEOUT_S)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                printed += msg["content"]["text"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        measured = json.loads(printed.strip().splitlines()[-1])[:-1]  # the last row: this cell
        for row, (models, ms, wall) in zip(rows, measured, strict=True):
            row["models"], row["ms"], row["wall"] = models, ms, wall
        return rows
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def first_line(source: str) -> str:
    """The cell's first line that is not a comment (what identifies it in the table)."""
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    return lines[0] if lines else source.splitlines()[0]


def excuse(notebook: str, source: str) -> str | None:
    for (nb, start), why in EXPECTED_OVER.items():
        if nb in ("*", notebook) and first_line(source).startswith(start):
            return why
    return None


def measure_runs(path: Path, runs: int) -> list[dict]:
    """:func:`measure` ``runs`` times (each in a new kernel and a new progress store):
    the models and messages of the first run, the median time of each cell."""
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="dokhae-bench-models-") as tmp:
            results.append(measure(path, Path(tmp) / "progress.sqlite3"))
    rows = results[0]
    for i, row in enumerate(rows):
        row["ms"] = statistics.median(run[i]["ms"] for run in results)
        row["wall"] = statistics.median(run[i]["wall"] for run in results)
    return rows


def main(paths: list[str]) -> None:
    targets = [Path(p).resolve() for p in paths] or sorted((ROOT / "notebooks").glob("0*.ipynb"))
    over: list[str] = []
    notes: dict[str, str] = {}
    print(
        f"budget per cell: {MAX_MODELS} widget models, {MAX_MS:.0f} ms of the kernel's CPU "
        f"(median of {RUNS} runs, each in a new kernel; models: new ipywidgets models; messages: "
        f"the widget messages the client received; wall: for information, it grows with the "
        f"machine's load)"
    )
    for path in targets:
        print(f"\n{path.stem}")
        for row in measure_runs(path, RUNS):
            counts = row["messages"]
            widget_messages = counts.get("comm_open", 0) + counts.get("comm_msg", 0)
            line = first_line(row["source"])[:60]
            models_ok = row["models"] <= MAX_MODELS
            time_ok = row["ms"] <= MAX_MS
            why = excuse(path.stem, row["source"])
            verdict = "ok"
            if not models_ok or (not time_ok and why is None):
                verdict = "OVER"
                over.append(f"{path.stem}: {line}")
            elif not time_ok:
                verdict = "over (expected, see below)"
                notes[line] = why
            print(
                f"  {row['models']:5d} models {widget_messages:6d} messages "
                f"{row['ms']:8.1f} ms CPU {row['wall']:8.1f} ms wall  {verdict:<10} {line}"
            )
    if notes:
        print("\nCells over the time budget on purpose:")
        for line, why in notes.items():
            print(f"  {line[:40]}: {why}")
    if over:
        print(f"\n{len(over)} cells over budget:", *over, sep="\n  ")
        sys.exit(1)
    print("\nevery cell within budget")


if __name__ == "__main__":
    main(sys.argv[1:])
