"""`dokhae lab` from an installed wheel, as on a school laptop (issue 19).

The wheel is built from this checkout and installed with its dependencies into a new
virtual environment outside the checkout (pip's cache; ``constraints.txt`` when there
is one). ``dokhae lab --no-browser`` then runs there in an empty home folder, from a
folder outside the checkout, with none of the test environment's Jupyter or dokhae
settings. Checked: the server answers; ``~/dokhae`` holds the student notebooks and not
the teacher's guide; JupyterLab's default language is Korean for that launch while
neither the home nor the environment got a settings file; Ctrl+C stops it. A notebook the
student saved (through JupyterLab's REST API, as the browser saves) is kept by a second
run, which says so.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="Ctrl+C is sent to a POSIX process group"),
]

ROOT = Path(__file__).resolve().parents[1]
STUDENT = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
MARKER = "내가 적은 메모 / my own note"


@pytest.fixture(scope="module")
def installed(built_wheel, tmp_path_factory):
    """A new virtual environment with the wheel and its dependencies; an empty home."""
    base = tmp_path_factory.mktemp("laptop")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    constraints = ROOT / "constraints.txt"
    install = [
        str(python),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        str(built_wheel),
    ]
    if constraints.is_file():
        install += ["-c", str(constraints)]
    done = subprocess.run(
        install, cwd=base, capture_output=True, text=True, timeout=1500, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    home = base / "home"
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DOKHAE_", "JUPYTER", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "XDG_")
        )
    }
    env.update(
        HOME=str(home), PATH=os.pathsep.join([str(venv / "bin"), env.get("PATH", os.defpath)])
    )
    return {"base": base, "venv": venv, "home": home, "env": env}


class Lab:
    """``dokhae lab --no-browser`` running, its output read line by line."""

    def __init__(self, installed):
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.proc = subprocess.Popen(
            [str(installed["venv"] / "bin" / "dokhae"), "lab", "--no-browser"],
            cwd=installed["base"],
            env=installed["env"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_for(r"http://127\.0\.0\.1:\d+/lab/tree/\S+\?token=\S+", timeout=240)
        self.how_to_stop = self._wait_for(r"To stop: .*Ctrl\+C.*", timeout=10)
        self.base_url = re.match(r"http://[^/]+", self.url).group(0)
        self.http = requests.Session()
        self.http.headers["Authorization"] = "token " + self.url.rsplit("token=", 1)[1]

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def _wait_for(self, pattern: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.proc.poll() is None or not self.lines.empty(), (
                    "dokhae lab stopped:\n" + "\n".join(self.output)
                )
                continue
            self.output.append(line)
            found = re.search(pattern, line)
            if found:
                return found.group(0)
        raise AssertionError(f"no {pattern!r} within {timeout} s:\n" + "\n".join(self.output))

    def get(self, path: str):
        response = self.http.get(self.base_url + path, timeout=30)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response.json()

    def stop(self) -> None:
        """Ctrl+C, as in the terminal (the signal goes to the whole process group)."""
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            raise
        time.sleep(0.5)
        while not self.lines.empty():
            self.output.append(self.lines.get())


def test_dokhae_lab_from_the_wheel_in_an_empty_home(installed):
    home, venv = installed["home"], installed["venv"]
    lab = Lab(installed)
    try:
        assert lab.url.startswith(lab.base_url + "/lab/tree/00-start-here.ipynb?token=")
        assert lab.how_to_stop == "To stop: save your notebooks, then press Ctrl+C in this window."
        assert lab.get("/api/status")["started"]
        # the student notebooks in ~/dokhae (no Documents folder in this home), no teacher's guide
        folder = home / "dokhae"
        assert sorted(p.name for p in folder.glob("*.ipynb")) == STUDENT
        listed = sorted(
            item["name"]
            for item in lab.get("/api/contents/")["content"]
            if item["type"] == "notebook"
        )
        assert listed == STUDENT and "90-teacher-guide.ipynb" not in listed
        # Korean by default for this launch; the language pack came with dokhae
        setting = lab.get("/lab/api/settings/@jupyterlab/translation-extension:plugin")
        assert setting["schema"]["properties"]["locale"]["default"] == "ko_KR"
        assert "ko_KR" in lab.get("/lab/api/translations/")["data"]
        # ... and not written anywhere: neither the environment nor the home got a settings file
        assert not list((venv / "share" / "jupyter" / "lab").glob("settings/overrides.json*"))
        assert not [
            p
            for p in home.rglob("*")
            if "overrides" in p.name or p.suffix == ".jupyterlab-settings"
        ]
        # the student works and saves through JupyterLab (the REST API the browser uses)
        model = lab.get("/api/contents/02-vocabulary.ipynb")
        model["content"]["cells"].append(
            {"cell_type": "markdown", "metadata": {}, "source": MARKER}
        )
        saved = lab.http.put(
            lab.base_url + "/api/contents/02-vocabulary.ipynb",
            timeout=30,
            json={"type": "notebook", "format": "json", "content": model["content"]},
        )
        assert saved.status_code == 200, saved.text[:500]
    finally:
        lab.stop()
    assert lab.proc.returncode is not None
    assert any("JupyterLab has stopped." in line for line in lab.output), lab.output
    with pytest.raises(requests.RequestException):
        requests.get(lab.base_url + "/api/status", timeout=3)
    mine = (home / "dokhae" / "02-vocabulary.ipynb").read_bytes()
    assert MARKER in mine.decode("utf-8")

    again = Lab(installed)
    try:
        assert again.get("/api/status")["started"]
    finally:
        again.stop()
    said = "\n".join(again.output)
    assert "Your changed notebooks are kept as they are: 02-vocabulary.ipynb." in said, said
    assert "내가 고친 노트북은 그대로 두었습니다: 02-vocabulary.ipynb." in said
    assert (home / "dokhae" / "02-vocabulary.ipynb").read_bytes() == mine
    record = json.loads((home / "dokhae" / ".dokhae-notebooks.json").read_text(encoding="utf-8"))
    assert sorted(record["notebooks"]) == STUDENT
