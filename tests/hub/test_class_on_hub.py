"""A whole class on one server (issue 9): a real JupyterHub on loopback.

JupyterHub from this environment, configurable-http-proxy from npm (``make hub-deps``),
a dummy authenticator and the local process spawner with one home folder per user (see
``hubrunner.py``). Three students and a teacher are made through the Hub's REST API and
get their own single-user servers; everything a student does goes through a kernel of
their server, reached through the proxy with their own API token, as JupyterLab does.

Checked: each student reaches only their own server, in Korean; each student's answers
land in their own home (``~/.local/share/dokhae/progress.sqlite3``) and nowhere else,
and survive a restart of their server; the teacher's ``dokhae assign`` hands out one
folder into each student's home, the students answer there, and the teacher collects the
folders and grades them with ``dokhae grade`` (the shell commands of the README).

Everything the Hub started (proxy, servers, kernels) is stopped at the end, also when a
test fails, and the module checks that none of those processes is left. The Hub's log
(with the servers' logs) is kept in test-artifacts/hub/jupyterhub.log.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import textwrap
from pathlib import Path

import psutil
import pytest
import requests

from .hubrunner import ROOT, Hub, Kernel, open_kernels

pytestmark = pytest.mark.slow

ARTIFACTS = ROOT / "test-artifacts" / "hub"

LESSON = "steel-dialogue-2023"
STUDENTS = {"2024001": "김민준", "2024002": "이서연", "2024003": "박지호"}
TEACHER = "teacher"

# Each student answers other exercises, a different number of times, with other values.
PRACTICE = {
    "2024001": [("dialogue-number", 20)],
    "2024002": [("dialogue-number", 19), ("tfng-photo", "false")],
    "2024003": [("goods-count", 5), ("tfng-hydrogen", "not_given"), ("cloze-hiatus", "hiatus")],
}
PRACTICE_STATUS = {
    "2024001": ["correct"],
    "2024002": ["wrong", "correct"],
    "2024003": ["correct", "correct", "correct"],
}

# The teacher's commands of the README (JupyterHub section), with the students' homes in
# $HOMES/<id> (on The Littlest JupyterHub they are /home/jupyter-<id>, written with sudo).
ASSIGN = "dokhae assign class.csv -o hw1 --id hw1 -e main-idea -e dialogue-number -e tfng-photo"
HAND_OUT = """
for id in $(tail -n +2 class.csv | cut -d, -f1); do
  cp -r hw1/students/$id "$HOMES/$id/hw1"
done
"""
COLLECT = """
mkdir -p collected
for id in $(tail -n +2 class.csv | cut -d, -f1); do
  cp -r "$HOMES/$id/hw1" collected/$id
done
dokhae grade collected --key hw1/teacher/key.json
"""


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    started = Hub(tmp_path_factory.mktemp("hub"))
    seen: set[psutil.Process] = set()
    started.seen = seen  # tests add the processes they see, to check they are stopped
    try:
        started.start()
        started.create_users(list(STUDENTS))
        started.create_users([TEACHER], admin=True)
        started.start_servers([*STUDENTS, TEACHER])
        yield started
    finally:
        seen.update(started.processes())
        started.stop()
        # the Hub's log (it holds the servers' logs too), kept for a look after a failure
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if started.log_path.exists():
            shutil.copyfile(started.log_path, ARTIFACTS / "jupyterhub.log")
    left = [p for p in seen if running(p)]
    assert not left, (
        f"processes left running after the Hub stopped: {[(p.pid, p.cmdline()) for p in left]}"
    )


def running(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.fixture(scope="module")
def tokens(hub):
    """Each user's own API token: what their logged-in browser may do, and no more."""
    return {name: hub.user_token(name) for name in [*STUDENTS, TEACHER]}


def student_kernels(hub, tokens) -> dict[str, Kernel]:
    kernels = open_kernels(hub, {s: tokens[s] for s in STUDENTS})
    hub.seen.update(hub.processes())
    return kernels


def close_all(kernels: dict[str, Kernel]) -> None:
    for kernel in kernels.values():
        kernel.close()


def progress_file(hub, name):
    return hub.home(name) / ".local" / "share" / "dokhae" / "progress.sqlite3"


def stored_attempts(hub, name) -> list[tuple[str, str, object, str]]:
    """(mode, exercise, answer, status) of every attempt in the student's own file."""
    from dokhae.progress import ProgressStore

    with ProgressStore(progress_file(hub, name)) as store:
        return [(a.mode, a.exercise, a.answer, a.status) for a in store.list_attempts()]


def test_each_student_reaches_only_their_own_server_in_korean(hub, tokens):
    for student in STUDENTS:
        own = {"Authorization": f"token {tokens[student]}"}
        url = hub.server_url(student)
        assert requests.get(url + "api/status", headers=own, timeout=30).status_code == 200
        for other in STUDENTS:
            if other != student:
                response = requests.get(
                    hub.server_url(other) + "api/status", headers=own, timeout=30
                )
                assert response.status_code == 403, (student, other, response.status_code)
        # JupyterLab's interface language: Korean, from the language pack and the settings
        # `make setup` installs beside JupyterLab (etc/jupyterlab-overrides.json)
        setting = requests.get(
            url + "lab/api/settings/@jupyterlab/translation-extension:plugin",
            headers=own,
            timeout=30,
        ).json()
        assert (
            setting["schema"]["properties"]["locale"]["default"] == "ko_KR"
        )  # (a student may change it)
        packs = requests.get(url + "lab/api/translations/", headers=own, timeout=30).json()["data"]
        assert "ko_KR" in packs, sorted(packs)


def test_progress_stays_apart_and_survives_a_restart(hub, tokens, tmp_path):
    runner_store = os.environ.get("DOKHAE_PROGRESS")
    kernels = student_kernels(hub, tokens)
    try:
        seen = {}
        for student, kernel in kernels.items():
            seen[student] = kernel.result(
                textwrap.dedent(f"""
                import json, os
                from ipykernel.connect import get_connection_info
                import dokhae
                session = dokhae.start({LESSON!r})
                statuses = [session.answer(e, v).status for e, v in {PRACTICE[student]!r}]
                print(json.dumps({{"statuses": statuses, "store": str(session.store.path),
                                  "home": os.environ["HOME"], "user": os.environ["JUPYTERHUB_USER"],
                                  "env": os.environ.get("DOKHAE_PROGRESS"),
                                  "transport": get_connection_info(unpack=True)["transport"]}}))
            """)
            )
    finally:
        close_all(kernels)

    for student, got in seen.items():
        assert got["user"] == student and got["home"] == str(hub.home(student))
        assert got["env"] is None  # the test runner's DOKHAE_PROGRESS did not leak into the Hub
        assert (
            got["transport"] == "ipc"
        )  # the README's server setting: no port race between kernels
        assert got["store"] == str(progress_file(hub, student))
        assert got["statuses"] == PRACTICE_STATUS[student]
        assert stored_attempts(hub, student) == [
            ("practice", e, v, s) for (e, v), s in zip(PRACTICE[student], PRACTICE_STATUS[student])
        ]
    assert not progress_file(hub, TEACHER).exists()
    assert (
        runner_store is None or not Path(runner_store).exists()
    )  # nothing went to the runner's store

    # Restart every student's server: the old server and its kernels are gone, the answers stay.
    old = {s: hub.server_pid(s) for s in STUDENTS}
    hub.stop_servers(list(STUDENTS))
    assert not [
        pid for pid in old.values() if psutil.pid_exists(pid) and running(psutil.Process(pid))
    ]
    hub.start_servers(list(STUDENTS))
    assert all(hub.server_pid(s) != old[s] for s in STUDENTS)

    kernels = student_kernels(hub, tokens)
    try:
        after = {}
        for student, kernel in kernels.items():
            after[student] = kernel.result(
                textwrap.dedent(f"""
                import json
                import dokhae
                session = dokhae.start({LESSON!r})
                before = [[a.exercise, a.answer, a.status] for a in session.store.list_attempts()]
                session.answer("main-idea", "a")
                print(json.dumps({{"before": before, "count": len(session.store.list_attempts())}}))
            """)
            )
    finally:
        close_all(kernels)
    for student, got in after.items():
        expected = [[e, v, s] for (e, v), s in zip(PRACTICE[student], PRACTICE_STATUS[student])]
        assert got["before"] == expected
        assert got["count"] == len(expected) + 1
        assert len(stored_attempts(hub, student)) == len(expected) + 1


def test_teacher_assigns_into_homes_collects_and_grades(hub, tokens):
    teacher = Kernel(hub.server_url(TEACHER), tokens[TEACHER])
    hub.seen.update(hub.processes())
    try:
        roster = "student_id,name\n" + "".join(f"{s},{n}\n" for s, n in STUDENTS.items())
        made = teacher.result(
            shell(f"cat > class.csv <<'EOF'\n{roster}EOF\n{ASSIGN}\n{HAND_OUT}", hub)
        )
        assert made["rc"] == 0, made
        # the hub's terminal has no locale (C): the teacher's commands speak Korean (README)
        assert "과제 hw1: 학생 3명, 문항 3개" in made["out"], made
        home = hub.home(TEACHER)
        key = json.loads((home / "hw1" / "teacher" / "key.json").read_text(encoding="utf-8"))
        for student in STUDENTS:
            folder = hub.home(student) / "hw1"
            assert (folder / "assignment.ipynb").is_file() and not (
                folder / "answers.json"
            ).exists()

        # Each student answers in their own copy, through their kernel.
        def right_letter(
            student,
        ):  # the student's letter of the right choice (shuffled per student)
            labels = key["students"][student]["labels"]["main-idea"]
            return next(
                letter
                for letter, choice in labels.items()
                if choice == key["questions"]["main-idea"]["answer"]
            )

        def wrong_letter(student):
            return next(letter for letter in "abcd" if letter != right_letter(student))

        answers = {
            "2024001": [
                ("main-idea", right_letter("2024001")),
                ("dialogue-number", 20),
                ("tfng-photo", "false"),
            ],
            "2024002": [
                ("main-idea", wrong_letter("2024002")),
                ("dialogue-number", 20),
                ("tfng-photo", "true"),
            ],
            "2024003": [
                ("main-idea", right_letter("2024003")),
                ("dialogue-number", 19),
                ("tfng-photo", "false"),
            ],
        }
        expected_total = {"2024001": 3.0, "2024002": 1.0, "2024003": 2.0}
        kernels = student_kernels(hub, tokens)
        try:
            for student, kernel in kernels.items():
                got = kernel.result(
                    textwrap.dedent(f"""
                    import json
                    from dokhae.homework import open_assignment
                    work = open_assignment("hw1")
                    print(json.dumps([work.answer(e, v).status for e, v in {answers[student]!r}]))
                """)
                )
                assert got == ["pending"] * 3
        finally:
            close_all(kernels)
        for student in STUDENTS:
            saved = json.loads(
                (hub.home(student) / "hw1" / "answers.json").read_text(encoding="utf-8")
            )
            assert saved["student_id"] == student and set(saved["answers"]) == {
                e for e, _ in answers[student]
            }
            # ...and the student's own progress store has them, as answers waiting for a grade
            assert [(m, s) for m, _e, _v, s in stored_attempts(hub, student)][-3:] == [
                ("assignment", "pending")
            ] * 3

        graded = teacher.result(shell(COLLECT, hub))
        assert graded["rc"] == 0, graded
        assert "과제 hw1: 3명 채점, 0명 미제출." in graded["out"], graded
    finally:
        teacher.close()

    with open(
        home / "hw1" / "teacher" / "grades-hw1.csv", encoding="utf-8-sig", newline=""
    ) as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert {s: float(rows[s]["total"]) for s in STUDENTS} == expected_total
    assert {s: rows[s]["name"] for s in STUDENTS} == STUDENTS
    # grading changed nothing in the students' homes
    for student in STUDENTS:
        assert (hub.home(student) / "hw1" / "answers.json").is_file()


def shell(script: str, hub) -> str:
    """Kernel code running ``script`` with bash in the user's home; prints rc, out, err."""
    return textwrap.dedent(f"""
        import json, os, subprocess
        done = subprocess.run(["bash", "-euc", {script!r}], cwd=os.environ["HOME"], capture_output=True,
                              text=True, env={{**os.environ, "HOMES": {str(hub.homes)!r}}})
        print(json.dumps({{"rc": done.returncode, "out": done.stdout, "err": done.stderr}}))
    """)
