"""Binder (repo2docker): the files in binder/ alone make an environment where the lesson works.

For this repository repo2docker (what every BinderHub runs) builds an image in three
steps: a fresh Python of the version in ``binder/runtime.txt``; in the repository folder,
which is also the notebook user's ``$HOME``, ``pip install -r binder/requirements.txt``;
then ``binder/postBuild`` as that user, with ``NB_PYTHON_PREFIX`` naming the environment
JupyterLab runs from. The README's Binder link opens ``notebooks/00-start-here.ipynb``.

Without Docker, this test does the same in a temporary folder: a new virtual environment
of this Python (none of the test environment's packages), a copy of the repository as
``$HOME``, the two steps, then

- strict nbval over ``notebooks/`` in that environment (pytest and nbval added, at the
  test environment's versions: the student's image does not need them), and
- JupyterLab from that environment: the first notebook's address answers and the
  interface defaults to Korean.

pip runs with its usual cache (``pip install`` of the same pinned versions that
``make setup`` just installed), so on a clean CI clone it takes about half a minute.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest
import requests

from .hubrunner import ROOT, free_port

pytestmark = pytest.mark.slow

BINDER = ROOT / "binder"
FIRST_NOTEBOOK = "notebooks/00-start-here.ipynb"
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "test-artifacts",
    "build",
    "dist",
    "__pycache__",
    "*.egg-info",
    ".pytest_cache",
    ".ruff_cache",
    ".ipynb_checkpoints",
)


def run(cmd, **options) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(c) for c in cmd], check=False, capture_output=True, text=True, **options
    )
    assert done.returncode == 0, (
        f"{' '.join(map(str, cmd))} failed ({done.returncode}):\n"
        f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    )
    return done


def test_the_binder_files_are_where_repo2docker_looks():
    assert (BINDER / "requirements.txt").is_file() and (BINDER / "postBuild").is_file()
    assert os.access(BINDER / "postBuild", os.X_OK), (
        "binder/postBuild must be executable (chmod +x)"
    )
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.(1[0-9])", runtime), runtime  # dokhae needs Python 3.10+
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"?urlpath=lab/tree/{FIRST_NOTEBOOK}" in readme
    assert (ROOT / FIRST_NOTEBOOK).is_file()


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    """A fresh environment built from binder/ only, as repo2docker builds it."""
    base = tmp_path_factory.mktemp("binder")
    home = base / "home"  # repo2docker: the repository is copied to the user's $HOME
    shutil.copytree(ROOT, home, ignore=NOT_COPIED)
    venv = base / "venv"
    run([sys.executable, "-m", "venv", venv])
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DOKHAE_", "JUPYTER", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "XDG_")
        )
    }
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env.get("PATH", os.defpath)])
    python = venv / "bin" / "python"
    # pip keeps the real HOME only for its cache (repo2docker runs it with --no-cache-dir)
    run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-warn-script-location",
            "-r",
            "binder/requirements.txt",
        ],
        cwd=home,
        env=env,
        timeout=1200,
    )
    user_env = {**env, "HOME": str(home), "NB_PYTHON_PREFIX": str(venv)}
    run([BINDER / "postBuild"], cwd=home, env=user_env, timeout=300)
    return {"home": home, "venv": venv, "python": python, "env": user_env}


def test_binder_environment_passes_the_notebook_tests(binder_env):
    home, python = binder_env["home"], binder_env["python"]
    tools = [f"{name}=={importlib.metadata.version(name)}" for name in ("pytest", "nbval")]
    run(
        [python, "-m", "pip", "install", "--quiet", "--no-warn-script-location", *tools],
        env={**binder_env["env"], "HOME": os.environ.get("HOME", str(home))},
        timeout=600,
    )
    # the environment has no test-only package: the student's image stays small
    listed = run([python, "-m", "pip", "list", "--format=json"], env=binder_env["env"]).stdout
    installed = {p["name"].lower() for p in json.loads(listed)}
    assert "dokhae" in installed
    assert not installed & {"nbgrader", "playwright", "jupyterhub", "anki", "kiwipiepy"}, installed
    # strict nbval, with the options of pyproject.toml (the copy's own configuration)
    done = subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider", "notebooks/"],
        check=False,
        cwd=home,
        env=binder_env["env"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert re.search(r"\d+ passed", done.stdout) and " failed" not in done.stdout, done.stdout[
        -2000:
    ]


def test_binder_jupyterlab_opens_the_first_notebook_in_korean(binder_env):
    home, venv = binder_env["home"], binder_env["venv"]
    overrides = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(overrides.read_text(encoding="utf-8")) == json.loads(
        (ROOT / "etc" / "jupyterlab-overrides.json").read_text(encoding="utf-8")
    )
    port = free_port()
    log_path = home.parent / "lab.log"
    with open(log_path, "w", encoding="utf-8") as log:
        lab = subprocess.Popen(
            [
                venv / "bin" / "jupyter",
                "lab",
                "--no-browser",
                f"--port={port}",
                "--ServerApp.ip=127.0.0.1",
                "--IdentityProvider.token=",
                "--ServerApp.password=",
                "--allow-root",
                f"--ServerApp.root_dir={home}",
            ],
            cwd=home,
            env=binder_env["env"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(url + "/api/status", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert lab.poll() is None and time.monotonic() < deadline, (
                "JupyterLab did not start:\n" + log_path.read_text(encoding="utf-8")[-3000:]
            )
            time.sleep(0.3)
        # the page the Binder link opens (?urlpath=lab/tree/notebooks/00-start-here.ipynb)
        assert requests.get(f"{url}/lab/tree/{FIRST_NOTEBOOK}", timeout=30).status_code == 200
        assert (
            requests.get(f"{url}/api/contents/{FIRST_NOTEBOOK}", timeout=30).json()["type"]
            == "notebook"
        )
        setting = requests.get(
            url + "/lab/api/settings/@jupyterlab/translation-extension:plugin", timeout=30
        ).json()
        assert setting["schema"]["properties"]["locale"]["default"] == "ko_KR"
        assert "ko_KR" in requests.get(url + "/lab/api/translations/", timeout=30).json()["data"]
    finally:
        lab.terminate()
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            lab.kill()
            lab.wait(timeout=10)
