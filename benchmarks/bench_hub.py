"""Print how a whole class fares on one JupyterHub: memory per student and answers per second.

Starts a real JupyterHub on loopback (the one of the class-on-one-server test,
``tests/hub/hubrunner.py``: configurable-http-proxy from ``make hub-deps``, the local
process spawner, one home folder per student) with 30 students, then

1. starts every student's server at once (a class logging in together) and opens one
   kernel each, which runs the code cells of a notebook (default
   ``03-comprehension``: the quiz widgets), as a student who opened it would;
2. measures the memory of each student's server with its kernel: RSS (what ``top``
   shows; shared libraries counted once per process) and PSS (shared pages split
   between the processes sharing them: what the class really takes together);
3. has every student answer at the same moment, one ``check("<id>", value)`` cell after
   another through the proxy and the kernel's websocket, as JupyterLab sends them;
   prints answers recorded per second and the time one answer takes (median, 95th
   percentile);
4. checks nothing was lost: every answer is in the student's own progress file, read
   back both in their kernel and from the file in their home; and counts the notebook
   cells that lost messages on the way: the kernel counts the IOPub messages it sends
   for each cell (widget models and updates, outputs, status), the client those it
   receives (IOPub messages can be lost on a busy machine, and a cell building many
   widgets sends thousands at once; see ``Kernel`` in ``tests/hub/hubrunner.py``);
5. measures the CPU the idle class takes, and estimates how many students one 2-core,
   24 GB machine serves.

    python benchmarks/bench_hub.py        # DOKHAE_BENCH_STUDENTS=10 for a quicker run

Environment: DOKHAE_BENCH_STUDENTS (30), DOKHAE_BENCH_ANSWERS (answers per student, 20),
DOKHAE_BENCH_NOTEBOOK (03-comprehension), DOKHAE_BENCH_KERNEL_TRANSPORT (ipc, as the README
recommends; tcp shows the port race of kernels starting together). Everything it starts,
it stops.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hub"))

from hubrunner import Hub, Kernel  # noqa: E402 (found through the sys.path line above)

STUDENTS = int(os.environ.get("DOKHAE_BENCH_STUDENTS", "30"))
ANSWERS = int(os.environ.get("DOKHAE_BENCH_ANSWERS", "20"))
NOTEBOOK = os.environ.get("DOKHAE_BENCH_NOTEBOOK", "03-comprehension")
LESSON = "steel-dialogue-2023"
MACHINE_GB = 24
RESERVED_GB = 2.0  # the system, the Hub and the proxy
CORES = 2
SECONDS_BETWEEN_ANSWERS = 10  # a busy student: one answer every 10 s, the whole class at once
MB = 1024 * 1024


# Run in each kernel first: dokhae from this checkout (the one benchmarked, not wherever
# the environment's install points), and a count of the IOPub messages the kernel sends,
# by the cell they belong to (what the client should receive; see ``Kernel.received``).
SENT_COUNTER = f"""
import sys
sys.path.insert(0, {str(ROOT / "src")!r})
import collections, json
_bench_sent = collections.Counter()
def _bench_counting(send):
    def counted(stream, msg_or_type, *args, **kwargs):
        msg = send(stream, msg_or_type, *args, **kwargs)
        if isinstance(msg, dict) and not msg["header"]["msg_type"].endswith("_reply"):
            _bench_sent[msg["parent_header"].get("msg_id")] += 1
        return msg
    return counted
get_ipython().kernel.session.send = _bench_counting(get_ipython().kernel.session.send)
"""


def notebook_cells(name: str) -> list[str]:
    """The code cells a student runs in the notebook (not those meant to raise)."""
    notebook = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    skip = {"raises-exception", "nbval-skip"}
    return [
        "".join(cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == "code" and not skip & set(cell.get("metadata", {}).get("tags", []))
    ]


def answer_cells(n: int) -> list[str]:
    """``check(...)`` cells on the lesson's questions, about two in three right."""
    from dokhae import load_lesson

    lesson = load_lesson(LESSON)
    simple = [
        q
        for q in lesson.questions.values()
        if q.type in {"multiple_choice", "true_false_not_given", "numeric", "cloze"}
    ]
    cells = []
    for i in range(n):
        q = simple[i % len(simple)]
        value = q.answer if i % 3 else wrong(q)
        cells.append(f"dokhae.check({q.id!r}, {value!r})")
    return cells


def wrong(q) -> object:
    """A wrong answer that is still an answer (recorded as wrong)."""
    if q.type == "multiple_choice":
        return next(c.id for c in q.choices if c.id != q.answer)
    if q.type == "true_false_not_given":
        return "false" if q.answer == "true" else "true"
    if q.type == "numeric":
        return q.answer + 1
    return "word"


def tree_memory(pid: int) -> tuple[float, float, int]:
    """RSS and PSS in MB of a process with its descendants, and how many processes."""
    parent = psutil.Process(pid)
    procs = [parent, *parent.children(recursive=True)]
    rss = pss = 0
    for p in procs:
        info = p.memory_full_info()
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss / MB, pss / MB, len(procs)


def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def stored_count(home: Path) -> int:
    path = home / ".local" / "share" / "dokhae" / "progress.sqlite3"
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM attempts").fetchone()[0]


def main() -> None:
    names = [f"s{i:03d}" for i in range(1, STUDENTS + 1)]
    warm = notebook_cells(NOTEBOOK)
    cells = answer_cells(ANSWERS)
    print(
        f"JupyterHub with {STUDENTS} students on {psutil.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 1024**3:.0f} GB"
    )
    transport = os.environ.get("DOKHAE_BENCH_KERNEL_TRANSPORT", "ipc")
    with (
        tempfile.TemporaryDirectory(prefix="dokhae-bench-hub-") as tmp,
        Hub(Path(tmp), start_timeout=900, kernel_transport=transport) as hub,
    ):
        hub.create_users(names)
        tokens = {n: hub.user_token(n) for n in names}

        t0 = time.perf_counter()
        hub.start_servers(names)
        spawn_s = time.perf_counter() - t0
        print(f"  {STUDENTS} servers started at once: all ready after {spawn_s:.1f} s")

        kernels: dict[str, Kernel] = {}
        try:
            warm_ids: dict[str, list[str]] = {}

            def open_and_warm(name: str) -> Kernel:
                kernel = Kernel(hub.server_url(name), tokens[name], timeout=900)
                kernels[name] = kernel
                kernel.execute(SENT_COUNTER)
                warm_ids[name] = []
                for code in warm:
                    kernel.execute(code)
                    warm_ids[name].append(kernel.last_msg_id)
                kernel.execute("import dokhae")
                return kernel

            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=STUDENTS) as pool:
                list(pool.map(open_and_warm, names))
            open_s = time.perf_counter() - t0
            transports = {
                kernels[n].result(
                    "from ipykernel.connect import get_connection_info; import json; "
                    "print(json.dumps(get_connection_info(unpack=True)['transport']))"
                )
                for n in names
            }
            lost_cells = sum(k.lost_messages for k in kernels.values())
            time.sleep(3)  # messages still on their way are counted with the next cell
            sent = {n: kernels[n].result("print(json.dumps(_bench_sent))") for n in names}
            short = [
                (sent[n].get(i, 0), kernels[n].received[i])
                for n in names
                for i in warm_ids[n]
                if kernels[n].received[i] < sent[n].get(i, 0)
            ]
            messages_sent = sum(sent[n].get(i, 0) for n in names for i in warm_ids[n])
            print(
                f"  {STUDENTS} kernels opened, {len(warm)} cells of {NOTEBOOK} run in each: {open_s:.1f} s "
                f"(kernels over {', '.join(sorted(transports))}; websocket reconnects while starting: "
                f"{sum(k.reconnects for k in kernels.values())})"
            )
            print(
                f"  cells that lost messages on the way (the kernel sent more IOPub messages, widget "
                f"messages included, than reached the student's browser): {len(short)} of "
                f"{STUDENTS * len(warm)} ({sum(s - r for s, r in short)} of {messages_sent} messages "
                f"lost); cells whose last message ('idle') never came: {lost_cells}"
            )

            memory = {n: tree_memory(hub.server_pid(n)) for n in names}
            rss = [m[0] for m in memory.values()]
            pss = [m[1] for m in memory.values()]
            kernel_pss = []
            for n in names:
                kp = psutil.Process(kernels[n].pid())
                kernel_pss.append(getattr(kp.memory_full_info(), "pss", kp.memory_info().rss) / MB)
            hub_rss = psutil.Process(hub.proc.pid).memory_info().rss / MB
            proxy = [p for p in hub.processes() if p.name() == "node"]
            proxy_rss = sum(p.memory_info().rss for p in proxy) / MB
            print(
                f"  memory per student (server + one kernel): RSS {statistics.mean(rss):.0f} MB "
                f"(max {max(rss):.0f}), PSS {statistics.mean(pss):.0f} MB (max {max(pss):.0f}); "
                f"of which the kernel: PSS {statistics.mean(kernel_pss):.0f} MB"
            )
            print(
                f"  the Hub: RSS {hub_rss:.0f} MB; the proxy: RSS {proxy_rss:.0f} MB; machine in use: "
                f"{(psutil.virtual_memory().total - psutil.virtual_memory().available) / 1024**3:.1f} GB"
            )

            before = {
                n: int(
                    kernels[n].result("print(len(dokhae.current_session().store.list_attempts()))")
                )
                for n in names
            }
            barrier = threading.Barrier(STUDENTS)
            latencies: list[float] = []
            lock = threading.Lock()

            def answer_all(name: str) -> None:
                kernel = kernels[name]
                mine = []
                barrier.wait()
                for code in cells:
                    t = time.perf_counter()
                    kernel.execute(code)
                    mine.append(time.perf_counter() - t)
                with lock:
                    latencies.extend(mine)

            procs = hub.processes()
            cpu0 = cpu_seconds(procs)
            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=STUDENTS) as pool:
                list(pool.map(answer_all, names))
            wall = time.perf_counter() - t0
            cpu_used = cpu_seconds(procs) - cpu0
            total = STUDENTS * ANSWERS
            rate = total / wall
            latencies.sort()
            print(
                f"  {STUDENTS} students answering at once, {ANSWERS} answers each: {total} answers in "
                f"{wall:.1f} s = {rate:.0f} answers recorded per second; one answer takes "
                f"{1000 * statistics.median(latencies):.0f} ms (median), "
                f"{1000 * latencies[int(0.95 * (len(latencies) - 1))]:.0f} ms (95th percentile); "
                f"{1000 * cpu_used / total:.0f} ms of CPU per answer (servers + kernels)"
            )

            after = {
                n: int(
                    kernels[n].result("print(len(dokhae.current_session().store.list_attempts()))")
                )
                for n in names
            }
            in_files = {n: stored_count(hub.home(n)) for n in names}
            lost = {
                n: (before[n] + ANSWERS, after[n], in_files[n])
                for n in names
                if not after[n] == in_files[n] == before[n] + ANSWERS
            }
            print(
                f"  answers lost: {sum(before[n] + ANSWERS - in_files[n] for n in names)} "
                f"({lost or 'every answer is in its student’s own progress file'})"
            )

            idle_procs = hub.processes()
            cpu0 = cpu_seconds(idle_procs)
            time.sleep(10)
            idle = (cpu_seconds(idle_procs) - cpu0) / 10
            print(
                f"  the idle class (servers and kernels open, nobody typing): {100 * idle:.1f} % of one core"
            )
        except BaseException:
            saved = ROOT / "test-artifacts" / "hub" / "bench-jupyterhub.log"
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_text(hub.log_tail(10**7), encoding="utf-8")
            print(
                f"The benchmark failed; the Hub's log (with the servers' logs) is in {saved}",
                file=sys.stderr,
            )
            raise
        finally:
            for kernel in kernels.values():
                kernel.close()

    per_student_gb = statistics.mean(pss) / 1024
    by_memory = int((MACHINE_GB - RESERVED_GB) / per_student_gb)
    by_memory_two = int(
        (MACHINE_GB - RESERVED_GB) / (per_student_gb + statistics.mean(kernel_pss) / 1024)
    )
    needed_cpu_per_student = cpu_used / total / SECONDS_BETWEEN_ANSWERS
    by_cpu = int(CORES * 0.7 / needed_cpu_per_student)  # keep 30 % of the cores for the rest
    print(
        f"Estimate for one {CORES}-core, {MACHINE_GB} GB machine ({RESERVED_GB:.0f} GB kept for the system):"
    )
    print(
        f"  memory: {by_memory} students with one notebook open each "
        f"({by_memory_two} with two notebooks, i.e. two kernels, each)"
    )
    print(
        f"  CPU: {by_cpu} students each answering every {SECONDS_BETWEEN_ANSWERS} s at the same time "
        f"(70 % of {CORES} cores)"
    )
    login = (spawn_s + open_s) / STUDENTS
    print(
        f"  logging in: {login:.1f} s of the machine per student (server, kernel, first cells) when the whole "
        f"class starts at once; {STUDENTS} students: {spawn_s + open_s:.0f} s, "
        f"{min(by_memory, by_cpu)} students: about {login * min(by_memory, by_cpu) / 60:.0f} min"
    )
    if lost:
        sys.exit(1)


if __name__ == "__main__":
    main()
