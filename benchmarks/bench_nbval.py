"""Print how long strict nbval over every notebook takes (budget: 30 s on 2 cores)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "notebooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    print(result.stdout.strip().splitlines()[-1])
    print(
        f"nbval over notebooks/: {seconds:.1f} s   (budget 30 s: {'within' if seconds <= 30 else 'OVER'})"
    )
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
