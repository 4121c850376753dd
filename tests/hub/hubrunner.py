"""A real JupyterHub on loopback, for the class-on-one-server test and benchmark.

:class:`Hub` starts ``jupyterhub`` from this environment as a subprocess with a generated
``jupyterhub_config.py`` in a temporary folder:

- the Hub, its proxy (configurable-http-proxy from npm, see ``make hub-deps``) and every
  single-user server listen on 127.0.0.1 only, on free ports;
- a dummy authenticator (a random shared password; the test never logs in through a
  form, it uses API tokens);
- ``SimpleLocalProcessSpawner``: the local process spawner with one home folder per user
  (``<homes>/<name>``, set as ``HOME``) and no unix accounts, so it runs as root on CI.
  Each single-user server is ``jupyterhub-singleuser`` from this environment, as on
  The Littlest JupyterHub, where every user's server runs from the one user environment;
- kernels talk to their server over unix sockets in the user's runtime folder
  (``c.KernelManager.transport = "ipc"``, the line the README has the admin add to the
  user environment's ``etc/jupyter/jupyter_server_config.py``; here that file is found
  through ``JUPYTER_CONFIG_PATH``), not over loopback TCP ports: with TCP, kernels
  of several users starting at the same moment race for the same free ports, and the
  loser's server ends up connected to another user's kernel ("Address already in use",
  "Invalid Signature" in the log; the benchmark hit it with 30 students). A unix socket
  path must stay under 108 bytes, so the homes are in a short temporary folder
  (``/tmp/dh-XXXXXXXX/<name>``, like ``/home/jupyter-<name>``), removed at the end;
- a service with the Hub's ``admin`` role (only an admin may make another admin, the
  teacher), whose token calls the REST API.

The Hub's environment carries nothing of the test runner's dokhae settings
(``DOKHAE_*``), and the spawner passes on only ``PATH``, ``LANG`` and the like, so a
student's progress goes where it goes for a real student: ``~/.local/share/dokhae/``.

:meth:`Hub.stop` stops the Hub, which stops the proxy and every server and kernel; what
is still running after that (found as the Hub's descendants) is killed.

:class:`Kernel` runs code in a kernel of a user's server, through the proxy: the
server's REST API and the kernel's websocket (the JSON protocol JupyterLab speaks).

Plain Python on purpose (no pytest), so ``benchmarks/bench_hub.py`` uses it too.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PROXY_ENVIRONMENT_VARIABLE = "CONFIGURABLE_HTTP_PROXY"
SERVICE = "class-admin"


class HubError(RuntimeError):
    """The Hub, a server or a kernel did not do what was asked; the message says what."""


def find_proxy() -> str | None:
    """configurable-http-proxy: ``$CONFIGURABLE_HTTP_PROXY``, ``<venv>/node`` (``make
    hub-deps``) or ``PATH``."""
    for candidate in (
        os.environ.get(PROXY_ENVIRONMENT_VARIABLE),
        str(Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"),
        shutil.which("configurable-http-proxy"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _clean_environment() -> dict[str, str]:
    """This process's environment without dokhae's and Jupyter's settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DOKHAE_", "JUPYTER", "XDG_", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
        )
    }
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", os.defpath)])
    env.setdefault("LANG", "C.UTF-8")
    return env


class Hub:
    """A JupyterHub in ``base``; use as a context manager (``with Hub(base) as hub``)."""

    def __init__(
        self,
        base: Path,
        *,
        start_timeout: float = 120,
        proxy: str | None = None,
        kernel_transport: str = "ipc",
    ) -> None:
        self.base = Path(base)
        self.homes = Path(tempfile.mkdtemp(prefix="dh-"))  # short: see the module's docstring
        self.kernel_transport = kernel_transport
        self.proxy = proxy or find_proxy()
        if self.proxy is None:
            raise HubError(
                "configurable-http-proxy is not installed: run `make hub-deps` (npm installs it "
                f"into {Path(sys.prefix) / 'node'}), or set {PROXY_ENVIRONMENT_VARIABLE} to its path"
            )
        self.start_timeout = start_timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        self.password = secrets.token_urlsafe(16)
        self.proc: subprocess.Popen | None = None
        self.log_path = self.base / "jupyterhub.log"
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {self.token}"

    # ------------------------------------------------------------------ lifetime

    def config(self) -> str:
        """The text of jupyterhub_config.py."""
        root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
        settings = {
            "JupyterHub.bind_url": self.url,
            "JupyterHub.hub_bind_url": f"http://127.0.0.1:{free_port()}",
            "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{free_port()}",
            "ConfigurableHTTPProxy.command": [self.proxy],
            "JupyterHub.db_url": f"sqlite:///{self.base / 'jupyterhub.sqlite'}",
            "JupyterHub.cookie_secret_file": str(self.base / "jupyterhub_cookie_secret"),
            "JupyterHub.pid_file": str(self.base / "jupyterhub.pid"),
            "JupyterHub.authenticator_class": "dummy",
            "DummyAuthenticator.password": self.password,
            "JupyterHub.spawner_class": "jupyterhub.spawner.SimpleLocalProcessSpawner",
            "SimpleLocalProcessSpawner.home_dir_template": str(self.homes) + "/{username}",
            "Spawner.cmd": [str(BIN / "jupyterhub-singleuser")],
            "Spawner.args": ["--allow-root"] if root else [],
            "Spawner.environment": {"JUPYTER_CONFIG_PATH": str(self.base / "etc" / "jupyter")},
            "Spawner.default_url": "/lab",
            "Spawner.start_timeout": int(self.start_timeout),
            "Spawner.http_timeout": int(self.start_timeout),
            "JupyterHub.concurrent_spawn_limit": 200,
            "JupyterHub.services": [{"name": SERVICE, "api_token": self.token}],
            "JupyterHub.load_roles": [{"name": "admin", "services": [SERVICE]}],
        }
        lines = [
            "# Generated by tests/hub/hubrunner.py: a JupyterHub on loopback for a test.",
            "c = get_config()  # noqa",
        ]
        lines += [f"c.{key} = {value!r}" for key, value in settings.items()]
        return "\n".join(lines) + "\n"

    def start(self) -> Hub:
        self.base.mkdir(parents=True, exist_ok=True)
        server_config = self.base / "etc" / "jupyter" / "jupyter_server_config.py"
        server_config.parent.mkdir(parents=True, exist_ok=True)
        server_config.write_text(
            f"c.KernelManager.transport = {self.kernel_transport!r}\n", encoding="utf-8"
        )
        config = self.base / "jupyterhub_config.py"
        config.write_text(self.config(), encoding="utf-8")
        with open(self.log_path, "w", encoding="utf-8") as log:
            self.proc = subprocess.Popen(
                [str(BIN / "jupyterhub"), "-f", str(config)],
                cwd=self.base,
                env=_clean_environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(self.url + "/hub/api/", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise HubError(
                    f"JupyterHub did not start; the end of its log ({self.log_path}):\n{self.log_tail()}"
                )
            time.sleep(0.3)

    def processes(self) -> list[psutil.Process]:
        """The Hub's descendants: the proxy, the single-user servers and their kernels."""
        if self.proc is None:
            return []
        try:
            return psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def stop(self) -> None:
        """Stop the Hub (it stops the proxy, the servers and their kernels); kill leftovers."""
        if self.proc is None:
            shutil.rmtree(self.homes, ignore_errors=True)
            return
        left = self.processes()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        _gone, alive = psutil.wait_procs(left, timeout=10)
        for process in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        psutil.wait_procs(alive, timeout=10)
        self.proc = None
        self.http.close()
        shutil.rmtree(self.homes, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    # ------------------------------------------------------------------ REST API

    def api(self, method: str, path: str, **options) -> object:
        """Call the Hub's REST API with the service token; the JSON answer (or None)."""
        response = self.http.request(method, f"{self.url}/hub/api{path}", timeout=60, **options)
        if response.status_code >= 400:
            raise HubError(f"{method} /hub/api{path}: {response.status_code} {response.text[:500]}")
        return response.json() if response.content else None

    def create_users(self, names: list[str], *, admin: bool = False) -> None:
        self.api(
            "POST", "/users", json={"usernames": list(names), **({"admin": True} if admin else {})}
        )

    def user_token(self, name: str) -> str:
        """A new API token of the user (what their browser session can do, no more)."""
        return self.api("POST", f"/users/{name}/tokens", json={"note": "test", "expires_in": 7200})[
            "token"
        ]

    def server_url(self, name: str) -> str:
        return f"{self.url}/user/{name}/"

    def home(self, name: str) -> Path:
        return self.homes / name

    def server(self, name: str) -> dict | None:
        """The user's default server as the Hub describes it (None when stopped)."""
        user = self.api("GET", f"/users/{name}")
        return (user.get("servers") or {}).get("")

    def start_servers(self, names: list[str]) -> None:
        """Start the users' servers at once; wait until every one is ready."""
        for name in names:
            self.api("POST", f"/users/{name}/server")
        self._wait(names, lambda s: bool(s and s.get("ready")), "start")

    def stop_servers(self, names: list[str]) -> None:
        """Stop the users' servers (and their kernels); wait until every one is gone."""
        for name in names:
            self.api("DELETE", f"/users/{name}/server")
        self._wait(names, lambda s: s is None, "stop")

    def _wait(self, names: list[str], done, what: str) -> None:
        deadline = time.monotonic() + self.start_timeout + 30
        waiting = list(names)
        while waiting:
            waiting = [n for n in waiting if not done(self.server(n))]
            if not waiting:
                return
            if time.monotonic() > deadline or self.proc is None or self.proc.poll() is not None:
                raise HubError(
                    f"the servers of {', '.join(waiting)} did not {what}; the end of the "
                    f"Hub's log ({self.log_path}):\n{self.log_tail()}"
                )
            time.sleep(0.25)

    def server_pid(self, name: str) -> int:
        """The process id of the user's single-user server (from the spawner's state)."""
        return int(self.server(name)["state"]["pid"])


def _binary_message_json(frame: bytes) -> bytes:
    """The JSON part of a binary websocket frame (a message with buffers, such as a
    widget's): jupyter_server's format is the number of parts, their offsets (4-byte
    big-endian integers each), then the message's JSON and its buffers."""
    (parts,) = struct.unpack("!I", frame[:4])
    offsets = struct.unpack(f"!{parts}I", frame[4 : 4 + 4 * parts])
    return frame[offsets[0] : offsets[1] if parts > 1 else len(frame)]


class KernelError(RuntimeError):
    """Code run in a kernel raised; the message carries the kernel's traceback."""


class Kernel:
    """A new kernel in the user's server, driven through the proxy like JupyterLab does it.

    Like JupyterLab, it reconnects the websocket when it was idle long enough for the
    server to drop it (the single-user server pings every 30 s and closes a connection
    whose pings go unanswered; this client answers only while it waits for a reply), and
    while the kernel starts up. Code is never sent twice: a connection lost while code
    runs raises :class:`KernelError`.

    A cell is done when the kernel has replied (shell channel) and said "idle" (IOPub).
    IOPub messages can be lost on the way: a kernel publishes them on a ZeroMQ PUB
    socket, which drops messages for a reader that falls behind, and a cell that builds
    hundreds of widgets sends thousands of messages at once (``QuizSet.by_paragraph_groups``
    in 03-comprehension sent about 4,800 before it built only the group shown, about 1,900
    before the set showed one question at a time, about 80 since). On a busy machine the
    cell's "idle" can be lost
    with some of its widget messages; JupyterLab then shows the kernel busy although the
    cell has finished. Like JupyterLab's cell, this client counts a cell as done
    :attr:`IDLE_GRACE_S` seconds after the reply, and counts those cells in
    :attr:`lost_messages`. :attr:`received` counts every IOPub message by its cell, to
    compare with what the kernel sent (``benchmarks/bench_hub.py`` does).
    """

    IDLE_RECONNECT_S = 20.0
    IDLE_GRACE_S = 5.0

    def __init__(
        self, server_url: str, token: str, *, timeout: float = 120, name: str = "python3"
    ) -> None:
        self.server_url = server_url
        self.token = token
        self.timeout = timeout
        self.reconnects = 0
        self.lost_messages = 0
        self.received: collections.Counter[str | None] = collections.Counter()
        """The IOPub messages received, by the id of the request they answer (those that
        arrive after their cell was given up on included)."""
        self.last_msg_id: str | None = None
        self.ws = None
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {token}"
        response = self.http.post(server_url + "api/kernels", json={"name": name}, timeout=timeout)
        if response.status_code >= 400:
            raise HubError(
                f"cannot start a kernel at {server_url}: {response.status_code} {response.text[:300]}"
            )
        self.id = response.json()["id"]
        self.session = uuid.uuid4().hex
        deadline = time.monotonic() + timeout
        while True:  # until the kernel answers: it may still be starting
            try:
                self._connect()
                self.execute("pass")
                break
            except (websocket.WebSocketException, OSError, KernelError) as err:
                if time.monotonic() > deadline:
                    self.close()
                    raise KernelError(
                        f"the kernel {self.id} at {server_url} did not start: {err}"
                    ) from err
                self.reconnects += 1
                time.sleep(1)

    def _connect(self) -> None:
        if self.ws is not None:
            self.ws.close()
        ws_url = (
            "ws"
            + self.server_url[len("http") :]
            + f"api/kernels/{self.id}/channels?session_id={self.session}"
        )
        self.ws = websocket.create_connection(
            ws_url,
            header=[f"Authorization: token {self.token}"],
            timeout=self.timeout,
            suppress_origin=True,
        )
        self.last_io = time.monotonic()

    def execute(self, code: str) -> str:
        """Run ``code``; return what it printed. Raise :class:`KernelError` if it raised."""
        if time.monotonic() - self.last_io > self.IDLE_RECONNECT_S:
            self._connect()
            self.reconnects += 1
        msg_id = self.last_msg_id = uuid.uuid4().hex
        self.ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "session": self.session,
                        "username": "",
                        "date": "",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "buffers": [],
                    "channel": "shell",
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        out: list[str] = []
        error = None
        replied_at = None
        idle = False
        deadline = time.monotonic() + self.timeout
        while not (idle and replied_at is not None):
            now = time.monotonic()
            if replied_at is not None and now - replied_at > self.IDLE_GRACE_S:
                self.lost_messages += (
                    1  # the kernel replied, but its "idle" never came: see the class doc
                )
                break
            if now > deadline:
                raise KernelError(f"no answer from the kernel within {self.timeout} s to:\n{code}")
            wait = deadline - now if replied_at is None else replied_at + self.IDLE_GRACE_S - now
            self.ws.settimeout(max(0.05, min(wait, 5.0)))
            try:
                raw = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            except websocket.WebSocketException as err:
                raise KernelError(
                    f"the connection to the kernel {self.id} was lost ({err}) while it ran:\n{code}"
                ) from err
            self.last_io = time.monotonic()
            msg = json.loads(raw if isinstance(raw, str) else _binary_message_json(raw))
            parent = (msg.get("parent_header") or {}).get("msg_id")
            if msg.get("channel") != "shell":
                self.received[parent] += 1  # late ones too: see :attr:`received`
            if parent != msg_id:
                continue
            kind = msg.get("msg_type") or msg["header"]["msg_type"]
            if msg.get("channel") == "shell" and kind == "execute_reply":
                replied_at = time.monotonic()
                if msg["content"].get("status") == "error":
                    error = msg["content"]
            elif kind == "stream" and msg["content"].get("name") == "stdout":
                out.append(msg["content"]["text"])
            elif kind == "error":
                error = msg["content"]
            elif kind == "status" and msg["content"].get("execution_state") == "idle":
                idle = True
        if error is not None:
            raise KernelError(
                f"{error.get('ename')}: {error.get('evalue')}\n"
                + "\n".join(error.get("traceback", []))
            )
        return "".join(out)

    def result(self, code: str) -> object:
        """Run ``code`` whose last printed line is JSON; return it parsed."""
        printed = self.execute(code).strip().splitlines()
        if not printed:
            raise KernelError(f"the code printed nothing:\n{code}")
        return json.loads(printed[-1])

    def pid(self) -> int:
        return int(self.result("import os, json; print(json.dumps(os.getpid()))"))

    def close(self) -> None:
        try:
            if self.ws is not None:
                self.ws.close()
        finally:
            with contextlib.suppress(requests.RequestException):
                self.http.delete(self.server_url + f"api/kernels/{self.id}", timeout=self.timeout)
            self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_kernels(hub: Hub, tokens: dict[str, str], *, timeout: float = 180) -> dict[str, Kernel]:
    """One new kernel in each user's server, started at the same time."""
    with ThreadPoolExecutor(max_workers=max(1, len(tokens))) as pool:
        futures = {
            name: pool.submit(Kernel, hub.server_url(name), token, timeout=timeout)
            for name, token in tokens.items()
        }
        return {name: future.result() for name, future in futures.items()}
