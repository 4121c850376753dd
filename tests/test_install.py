"""Two installs, two promises (issue 18).

- A school's JupyterHub admin runs ``pip install dokhae`` into the environment the Hub
  already runs: pip must keep that environment's JupyterLab 4 and pandas 2, so
  pyproject.toml gives ranges, not pins.
- ``make setup``, Binder and CI install with ``-c constraints.txt``: the exact versions the
  stored notebook outputs were made with, which lie within those ranges.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
# What the Hub already has: another JupyterLab 4 and pandas 2 than constraints.txt pins,
# both inside pyproject.toml's ranges (older, as on a Hub set up a while ago).
HUB = {"jupyterlab": "4.5.11", "pandas": "2.2.3"}


def pinned() -> dict[str, Version]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not name==version"
            pins[canonicalize_name(name)] = Version(version)
    return pins


def declared() -> list[Requirement]:
    """dokhae's requirements as written in pyproject.toml (runtime and every extra)."""
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        lines += extra
    return [Requirement(line) for line in lines]


def test_runtime_dependencies_are_ranges_and_the_pins_lie_within_them():
    pins = pinned()
    assert "dokhae" not in pins
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        if name == "dokhae":
            continue
        assert not any(spec.operator in ("==", "===") for spec in requirement.specifier), (
            f"pyproject.toml pins {requirement}: give a range, the exact version goes in constraints.txt"
        )
        assert name in pins, f"{requirement.name} is not in constraints.txt: run `make constraints`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt has {name}=={pins[name]}, outside pyproject.toml's {requirement}"
        )
    for name, version in HUB.items():
        assert Version(version) != pins[name], "the Hub's versions must differ from the pins"


def test_make_setup_binder_and_ci_install_with_the_constraints(tmp_path: Path):
    # what `make setup` would run in a new .venv (-n: print, do not run; -B: as if out of date)
    shown = subprocess.run(
        ["make", "-n", "-B", "setup", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installs = [line for line in shown.splitlines() if re.search(r"pip install .*-e ", line)]
    assert installs, shown
    assert all("-c constraints.txt" in line for line in installs), installs
    binder = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-c ../constraints.txt" in binder and "." in binder
    assert re.search(
        r"^make test$", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), re.MULTILINE
    )


@pytest.mark.slow
def test_installing_dokhae_keeps_the_hubs_jupyterlab_and_pandas(
    tmp_path: Path, lesson, built_wheel: Path
):
    """As a hub admin would: ``pip install`` dokhae, without constraints.txt, into an
    environment that has its own JupyterLab and pandas. pip's usual cache makes it quick."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PIP_CONSTRAINT", "DOKHAE_CONTENT")
    }
    venv = tmp_path / "hub"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = str(venv / "bin" / "python")

    def pip(*args: str) -> str:
        done = subprocess.run(
            [python, "-m", "pip", "--disable-pip-version-check", *args],
            check=False,
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, (
            f"pip {' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
        return done.stdout

    def versions() -> dict[str, str]:
        listed = json.loads(pip("list", "--format=json"))
        return {canonicalize_name(p["name"]): p["version"] for p in listed}

    pip("install", "--quiet", *(f"{name}=={version}" for name, version in HUB.items()))
    before = versions()
    assert {name: before[name] for name in HUB} == HUB

    # the wheel a release would publish (built once from this checkout: conftest.built_wheel)
    pip("install", "--quiet", str(built_wheel))

    after = versions()
    assert "dokhae" in after
    assert {name: after[name] for name in HUB} == HUB, "pip replaced the Hub's JupyterLab or pandas"
    changed = sorted(n for n in before if n in after and before[n] != after[n])
    assert not changed, f"dokhae's install changed packages the Hub had: {changed}"
    pip("check")
    # and dokhae works with them: the lesson loads and validates
    code = (
        "import dokhae, pandas, jupyterlab; "
        "lesson = dokhae.load_lesson('steel-dialogue-2023'); "
        "print(pandas.__version__, jupyterlab.__version__, dokhae.validate().ok, len(lesson.glossary))"
    )
    out = subprocess.run(
        [python, "-c", code],
        check=False,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split() == [
        HUB["pandas"],
        HUB["jupyterlab"],
        "True",
        str(len(lesson.glossary)),
    ]
