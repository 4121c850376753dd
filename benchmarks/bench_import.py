"""Print how long `import dokhae` and loading the lesson take beside ipywidgets and pandas.

Budget (DESIGN.md): at most 0.3 s beyond importing ipywidgets and pandas on a 2-core
machine. Each figure is the median of several fresh interpreters.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 7
SNIPPETS = {
    "python (empty)": "pass",
    "ipywidgets + pandas": "import ipywidgets, pandas",
    "ipywidgets + pandas + dokhae": "import ipywidgets, pandas, dokhae",
    "... + load_lesson()": "import ipywidgets, pandas, dokhae; dokhae.load_lesson('steel-dialogue-2023')",
}


def timed(code: str) -> float:
    probe = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    results = {
        name: statistics.median(timed(code) for _ in range(RUNS)) for name, code in SNIPPETS.items()
    }
    for name, seconds in results.items():
        print(f"{name:<34} {seconds * 1000:8.1f} ms")
    extra = results["... + load_lesson()"] - results["ipywidgets + pandas"]
    print(
        f"{'dokhae + lesson beyond those':<34} {extra * 1000:8.1f} ms   (budget 300 ms: "
        f"{'within' if extra <= 0.3 else 'OVER'})"
    )


if __name__ == "__main__":
    main()
