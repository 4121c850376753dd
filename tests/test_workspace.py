"""`dokhae lab` / `dokhae teacher` without a server: the working folder, the per-launch
JupyterLab settings, the locks, the console and the paths of Windows (issue 19).

The installed wheel, a real server and a second run are in tests/test_lab_wheel.py (slow).
What needs a real Windows machine is listed in docs/windows.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from click.testing import CliRunner

from dokhae import launch, locking, workspace
from dokhae.cli import main
from dokhae.export import pdf
from dokhae.workspace import CopyResult, WorkspaceError, copy_notebooks

ROOT = Path(__file__).resolve().parents[1]
STUDENT = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
TEACHER = sorted(p.name for p in (ROOT / "teacher").glob("*.ipynb"))
SHIPPED_OVERRIDES = json.loads(
    (ROOT / "etc" / "jupyterlab-overrides.json").read_text(encoding="utf-8")
)


def notebook_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.ipynb"))


def edit(path: Path, marker: str) -> bytes:
    """Change a notebook as a student's save would (a cell's text), return its bytes."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": [marker]})
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    return path.read_bytes()


# --------------------------------------------------------------------------- the working folder


def test_the_repository_splits_student_and_teacher_notebooks():
    assert "00-start-here.ipynb" in STUDENT and "90-teacher-guide.ipynb" not in STUDENT
    assert TEACHER == ["90-teacher-guide.ipynb"]
    assert workspace.shipped_notebooks("student") == ROOT / "notebooks"
    assert workspace.shipped_notebooks("teacher") == ROOT / "teacher"
    with pytest.raises(ValueError, match="student, teacher"):
        workspace.shipped_notebooks("parent")


def test_students_get_their_notebooks_and_not_the_teachers(tmp_path):
    folder = tmp_path / "내 문서" / "dokhae"  # a Korean folder name with a space, made on the way
    result = copy_notebooks(folder)
    assert notebook_files(folder) == STUDENT
    assert result.copied == tuple(STUDENT) and not (
        result.kept or result.updated or result.unchanged
    )
    assert result.first == folder / "00-start-here.ipynb"
    for name in STUDENT:
        assert (folder / name).read_bytes() == (ROOT / "notebooks" / name).read_bytes()
    record = json.loads((folder / workspace.RECORD_FILE).read_text(encoding="utf-8"))
    assert record["kind"] == "student" and sorted(record["notebooks"]) == STUDENT
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [workspace.RECORD_FILE]


def test_teachers_get_the_teacher_guide(tmp_path):
    result = copy_notebooks(tmp_path / "t", "teacher")
    assert notebook_files(tmp_path / "t") == TEACHER
    assert result.first.name == "90-teacher-guide.ipynb"


def test_a_second_run_changes_nothing(tmp_path):
    copy_notebooks(tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.ipynb")}
    again = copy_notebooks(tmp_path)
    assert again.unchanged == tuple(STUDENT) and not (again.copied or again.kept or again.updated)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.ipynb")} == before


def test_an_edited_notebook_is_never_overwritten_and_is_named(tmp_path):
    copy_notebooks(tmp_path)
    mine = edit(tmp_path / "02-vocabulary.ipynb", "내 메모")
    (tmp_path / "01-read-the-article.ipynb").unlink()  # deleted: comes back
    result = copy_notebooks(tmp_path)
    assert result.kept == ("02-vocabulary.ipynb",)
    assert result.copied == ("01-read-the-article.ipynb",)
    assert (tmp_path / "02-vocabulary.ipynb").read_bytes() == mine
    # still kept the time after (the record keeps the version the student started from)
    assert copy_notebooks(tmp_path).kept == ("02-vocabulary.ipynb",)


def test_a_file_dokhae_did_not_put_there_is_kept(tmp_path):
    (tmp_path / "00-start-here.ipynb").write_text("{}", encoding="utf-8")
    result = copy_notebooks(tmp_path)
    assert result.kept == ("00-start-here.ipynb",)
    assert (tmp_path / "00-start-here.ipynb").read_text(encoding="utf-8") == "{}"


def test_a_new_dokhae_updates_unchanged_copies_and_keeps_edited_ones(tmp_path):
    """An older dokhae's notebooks in the folder; this dokhae ships changed ones."""
    old, new, folder = tmp_path / "old", tmp_path / "new", tmp_path / "work"
    shutil.copytree(ROOT / "notebooks", old)
    shutil.copytree(ROOT / "notebooks", new)
    for name in ("00-start-here.ipynb", "03-comprehension.ipynb"):
        edit(new / name, "dokhae 0.2")
    copy_notebooks(folder, source=old)
    mine = edit(folder / "03-comprehension.ipynb", "학생이 쓴 답")
    result = copy_notebooks(folder, source=new)
    assert result.updated == ("00-start-here.ipynb",)
    assert result.kept == ("03-comprehension.ipynb",)
    assert (folder / "00-start-here.ipynb").read_bytes() == (
        new / "00-start-here.ipynb"
    ).read_bytes()
    assert (folder / "03-comprehension.ipynb").read_bytes() == mine
    # the student deletes theirs: the new one comes
    (folder / "03-comprehension.ipynb").unlink()
    assert copy_notebooks(folder, source=new).copied == ("03-comprehension.ipynb",)


def test_no_shipped_notebooks_is_a_clear_error(tmp_path):
    with pytest.raises(WorkspaceError, match=r"no student notebooks .*install dokhae again"):
        copy_notebooks(tmp_path / "w", source=tmp_path / "nothing")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(WorkspaceError, match="choose a folder you can write to"):
        copy_notebooks(locked / "dokhae")


def test_the_default_folder_is_in_documents_or_home(tmp_path):
    documents, home = tmp_path / "Documents", tmp_path / "home"
    assert workspace.default_folder("student", documents=documents, home=home) == home / "dokhae"
    documents.mkdir()
    assert (
        workspace.default_folder("student", documents=documents, home=home) == documents / "dokhae"
    )
    assert (
        workspace.default_folder("teacher", documents=documents, home=home)
        == documents / "dokhae-teacher"
    )


# --------------------------------------------------------------------------- JupyterLab's settings


def test_the_launch_settings_add_korean_to_the_environments_and_change_nothing(tmp_path):
    environment = tmp_path / "env-settings"
    environment.mkdir()
    theirs = {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        "@jupyterlab/translation-extension:plugin": {"locale": "en", "other": 1},
    }
    (environment / "overrides.json").write_text(json.dumps(theirs), encoding="utf-8")
    (environment / "page_config.json").write_text(
        '{"disabledExtensions": {"x": true}}', encoding="utf-8"
    )
    before = {p.name: p.read_bytes() for p in environment.iterdir()}
    made = workspace.lab_settings_dir(tmp_path / "launch", environment=environment)
    merged = json.loads((made / "overrides.json").read_text(encoding="utf-8"))
    assert merged["@jupyterlab/translation-extension:plugin"] == {"locale": "ko_KR", "other": 1}
    assert merged["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert (
        merged["@jupyterlab/apputils-extension:notification"]
        == SHIPPED_OVERRIDES["@jupyterlab/apputils-extension:notification"]
    )
    assert (made / "page_config.json").read_bytes() == before["page_config.json"]
    assert {p.name: p.read_bytes() for p in environment.iterdir()} == before


def test_launch_settings_without_environment_settings_are_dokhaes(tmp_path):
    made = workspace.lab_settings_dir(tmp_path / "launch", environment=tmp_path / "missing")
    assert json.loads((made / "overrides.json").read_text(encoding="utf-8")) == SHIPPED_OVERRIDES


def test_broken_environment_overrides_are_named(tmp_path):
    environment = tmp_path / "env"
    environment.mkdir()
    (environment / "overrides.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(WorkspaceError, match=r"overrides\.json cannot be read as JSON"):
        workspace.lab_settings_dir(tmp_path / "launch", environment=environment)


def test_install_korean_default_for_a_hub_keeps_other_settings(tmp_path):
    settings = tmp_path / "share" / "jupyter" / "lab" / "settings"
    assert workspace.install_korean_default(settings) == settings / "overrides.json"
    assert (
        json.loads((settings / "overrides.json").read_text(encoding="utf-8")) == SHIPPED_OVERRIDES
    )
    data = json.loads((settings / "overrides.json").read_text(encoding="utf-8"))
    data["@jupyterlab/apputils-extension:themes"] = {"theme": "JupyterLab Dark"}
    (settings / "overrides.json").write_text(json.dumps(data), encoding="utf-8")
    workspace.install_korean_default(settings)
    again = json.loads((settings / "overrides.json").read_text(encoding="utf-8"))
    assert again == {
        **SHIPPED_OVERRIDES,
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
    }


def test_the_lab_command_uses_the_launch_settings_and_no_shell(tmp_path):
    command = launch.lab_command(
        tmp_path,
        tmp_path / "00-start-here.ipynb",
        port=8899,
        token="abc",
        settings_dir=tmp_path / "s",
        open_browser=False,
    )
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--LabApp.app_settings_dir={tmp_path / 's'}" in command
    assert "--ServerApp.ip=127.0.0.1" in command and "--ServerApp.port=8899" in command
    assert "--ServerApp.open_browser=False" in command and "--IdentityProvider.token=abc" in command


def test_a_port_in_use_is_refused_before_starting(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(launch.LabError, match=f"port {port} is in use"):
            launch.run_lab(tmp_path, tmp_path / "x.ipynb", port=port, open_browser=False)
        assert launch.free_port(port) != port


# --------------------------------------------------------------------------- the command


def test_dokhae_lab_prints_the_address_and_how_to_stop(tmp_path, monkeypatch):
    calls = {}

    def fake_run_lab(folder, first, *, port, open_browser, on_ready):
        calls.update(folder=folder, first=first, port=port, open_browser=open_browser)
        on_ready(
            launch.LabServer(
                url="http://127.0.0.1:8890/lab/tree/00-start-here.ipynb?token=t",
                base_url="http://127.0.0.1:8890",
                token="t",
                pid=1,
                log=tmp_path / "l.log",
            )
        )
        return 0

    monkeypatch.setattr(launch, "run_lab", fake_run_lab)
    copy_notebooks(tmp_path / "w")
    edit(tmp_path / "w" / "05-my-progress.ipynb", "mine")
    out = CliRunner().invoke(main, ["lab", str(tmp_path / "w"), "--no-browser", "--port", "8890"])
    assert out.exit_code == 0, out.output
    assert calls == {
        "folder": tmp_path / "w",
        "first": tmp_path / "w" / "00-start-here.ipynb",
        "port": 8890,
        "open_browser": False,
    }
    assert "http://127.0.0.1:8890/lab/tree/00-start-here.ipynb?token=t" in out.output
    assert "Ctrl+C" in out.output and "05-my-progress.ipynb" in out.output
    assert "내가 고친 노트북은 그대로 두었습니다: 05-my-progress.ipynb." in out.output
    assert "Your changed notebooks are kept as they are: 05-my-progress.ipynb." in out.output


def test_copy_only_starts_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(launch, "run_lab", lambda *a, **k: pytest.fail("JupyterLab started"))
    out = CliRunner().invoke(main, ["teacher", "--copy-only", str(tmp_path / "t")])
    assert out.exit_code == 0, out.output
    assert notebook_files(tmp_path / "t") == TEACHER
    assert f'dokhae teacher "{tmp_path / "t"}"' in out.output


def test_the_readme_hub_step_copies_the_notebooks(tmp_path):
    """The README's JupyterHub step, run as written (another folder for /etc/skel)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [line] = [
        ln for ln in readme.splitlines() if "dokhae lab --copy-only" in ln and "/etc/skel" in ln
    ]
    args = line.split("dokhae ", 1)[1].split("#")[0].split()
    assert args[-1] == "/etc/skel/dokhae"
    out = CliRunner().invoke(main, [*args[:-1], str(tmp_path / "skel" / "dokhae")])
    assert out.exit_code == 0, out.output
    assert notebook_files(tmp_path / "skel" / "dokhae") == STUDENT
    assert "sudo -E dokhae lab --install-korean-default" in readme


def test_korean_output_survives_a_console_that_cannot_show_it(tmp_path):
    """A Windows console or pipe in a code page without Hangul: "?" instead of a crash."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "dokhae", "lab", "--copy-only", str(tmp_path / "w")],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    out = done.stdout.decode("cp1252")
    assert "Working folder:" in out and "?? ??:" in out  # 작업 폴더: in a code page without Hangul
    assert notebook_files(tmp_path / "w") == STUDENT


# --------------------------------------------------------------------------- locks


def test_one_path_one_lock_however_it_is_written_on_windows():
    """Windows paths are case-insensitive and take both slashes: the same lock file."""
    a = locking.lock_name(PureWindowsPath(r"C:\Users\Kim\Documents\dokhae\hw1\answers.json"))
    b = locking.lock_name(PureWindowsPath("c:/users/KIM/documents/DOKHAE/hw1/answers.json"))
    c = locking.lock_name(PureWindowsPath(r"C:\Users\Kim\Documents\dokhae\hw2\answers.json"))
    assert a == b != c
    # POSIX paths are case-sensitive: two files, two locks
    assert locking.lock_name(PurePosixPath("/home/kim/A.json")) != locking.lock_name(
        PurePosixPath("/home/kim/a.json")
    )


def test_the_lock_files_stay_out_of_the_students_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(locking, "lock_dir", lambda: tmp_path / "locks")
    copy_notebooks(tmp_path / "w")
    assert len(list((tmp_path / "locks").glob("*.lock"))) == 1
    assert [p.name for p in (tmp_path / "w").iterdir() if not p.name.endswith(".ipynb")] == [
        workspace.RECORD_FILE
    ]


def test_a_lock_folder_that_cannot_be_used_falls_back_to_the_temporary_folder(
    tmp_path, monkeypatch
):
    """``sudo -E dokhae ...`` can leave root's cache folder in the admin's home."""
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(locking, "lock_dir", lambda: tmp_path / "cache" / "locks")
    monkeypatch.setattr(locking.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    lock = locking.lock_for(tmp_path / "w", timeout=1)
    with lock:
        assert Path(lock.lock_file).parent.parent == tmp_path / "tmp"
    assert isinstance(copy_notebooks(tmp_path / "w"), CopyResult)


def test_a_folder_held_by_another_dokhae_is_waited_for_then_named(tmp_path, monkeypatch):
    monkeypatch.setattr(locking, "lock_dir", lambda: tmp_path / "locks")
    monkeypatch.setattr(workspace, "LOCK_TIMEOUT_S", 0.3)
    holder = _hold_lock(tmp_path / "w", tmp_path / "locks")
    try:
        with pytest.raises(WorkspaceError, match="another dokhae is copying notebooks"):
            copy_notebooks(tmp_path / "w")
    finally:
        holder.kill()
        holder.wait()
    assert isinstance(copy_notebooks(tmp_path / "w"), CopyResult)  # free again


def _hold_lock(path: Path, lock_dir: Path) -> subprocess.Popen:
    """Another process holding the lock of ``path`` until killed."""
    code = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from dokhae import locking
        locking.lock_dir = lambda: Path({str(lock_dir)!r})
        with locking.lock_for(Path({str(path)!r}), timeout=10):
            print("held", flush=True)
            time.sleep(60)
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_kernels_saving_answers_at_once_lose_none(tmp_path):
    """Three processes (three notebooks' kernels) save answers of one assignment at the same
    moment, each one exercise over and over: the last answer of each is in the file."""
    from dokhae.teacher import assign
    from test_teacher_support import EVERY_TYPE, LESSON, write_roster

    write_roster(tmp_path / "class.csv", 1)
    made = assign(
        LESSON, tmp_path / "class.csv", tmp_path / "out", exercises=EVERY_TYPE, assignment_id="hw1"
    )
    folder = made.folder(made.students[0].id)
    exercises = ["name-of-cbam", "dialogue-number", "main-idea"]
    rounds = 25
    start = time.time() + 4
    code = textwrap.dedent("""
        import sys, time
        from pathlib import Path
        from dokhae.assignment import open_assignment
        from dokhae.progress import ProgressStore
        folder, exercise, start, rounds, store = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
        with ProgressStore(Path(store)) as s:
            session = open_assignment(Path(folder), store=s)
            while time.time() < start:
                time.sleep(0.005)
            for n in range(1, rounds + 1):
                assert session.answer(exercise, VALUES[exercise](n)).status == "pending"
    """)
    # answers grading can read (an unreadable one is refused, not saved): text, a number, a letter
    values = """VALUES = {"name-of-cbam": lambda n: f"text {n}", "dialogue-number": lambda n: n,
              "main-idea": lambda n: "abcd"[n % 4]}"""
    code = code.replace("import sys, time", "import sys, time\n" + values)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                code,
                str(folder),
                exercise,
                str(start),
                str(rounds),
                str(tmp_path / f"progress-{i}.sqlite3"),
            ],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, exercise in enumerate(exercises)
    ]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, worker.stderr.read()
    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))["answers"]
    expected = {
        "name-of-cbam": f"text {rounds}",
        "dialogue-number": rounds,
        "main-idea": "abcd"[rounds % 4],
    }
    assert {e: answers[e]["value"] for e in exercises} == expected


# --------------------------------------------------------------------------- Chrome or Edge for PDFs


def test_chrome_and_edge_are_looked_for_where_windows_and_macos_install_them(tmp_path):
    environ = {
        "PROGRAMFILES": r"D:\Program Files",
        "LOCALAPPDATA": r"C:\Users\김민준\AppData\Local",
    }
    paths = pdf.known_paths(environ, home=PurePosixPath("/Users/kim"))
    assert (
        r"C:\Users\김민준\AppData\Local\Google\Chrome\Application\chrome.exe" in paths
    )  # Chrome for one user
    assert r"D:\Program Files\Microsoft\Edge\Application\msedge.exe" in paths
    assert r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe" in paths
    assert "/Users/kim/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" in paths
    assert "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" in paths
    assert len(paths) == len(set(paths))


def test_no_browser_says_what_to_install_on_each_system(monkeypatch):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(pdf, "find_browser", lambda: None)
    with pytest.raises(pdf.PdfError) as caught:
        pdf.require_browser()
    message = str(caught.value)
    assert (
        "Windows: Microsoft Edge comes with Windows" in message
        and "macOS: install Google Chrome" in message
    )
