"""Execute every notebook in a clean kernel and store its outputs (``make notebooks``).

Strict nbval then compares a fresh run with what is stored, so the stored outputs
must come from exactly this: a new kernel, an empty progress store, no widget state.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                   store_widget_state=False).execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return time.perf_counter() - started


def main(paths: list[str]) -> None:
    targets = [Path(p) for p in paths] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DOKHAE_PROGRESS"] = str(Path(tmp) / "progress.sqlite3")
        os.environ.pop("DOKHAE_CONTENT", None)
        for path in targets:
            print(f"{path.relative_to(ROOT)}: {execute(path):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
