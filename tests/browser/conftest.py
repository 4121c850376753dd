"""JupyterLab in a real headless Chromium: a server over a temporary copy of notebooks/.

The server runs with no token on a free loopback port, a temporary HOME, workspace and
progress store, so a test never rewrites the committed notebooks or the user's data.
Screenshots go to test-artifacts/browser/ (kept on success, named on failure).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"

LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/translation-extension:plugin": {"locale": "ko_KR"},
}


def chromium_executable() -> str:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail(
        "No Chromium found for the browser tests. Run `make test` (it installs Debian's chromium "
        "and fonts-noto-cjk), or set CHROMIUM_PATH to a Chromium or Chrome executable."
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab_url(tmp_path_factory):
    """JupyterLab over a copy of notebooks/, on this checkout's lessons."""
    yield from _lab(tmp_path_factory.mktemp("lab"))


@pytest.fixture(scope="session")
def two_lessons_lab_url(tmp_path_factory):
    """JupyterLab over a copy of notebooks/, on a content folder holding this checkout's
    lessons and the small test lesson ``mini-lesson`` (to choose between)."""
    base = tmp_path_factory.mktemp("lab-two-lessons")
    content = base / "content"
    for folder in ("articles", "glossary", "exercises"):
        shutil.copytree(ROOT / folder, content / folder)
        shutil.copytree(
            ROOT / "tests" / "data" / "mini" / folder, content / folder, dirs_exist_ok=True
        )
    yield from _lab(base, content=content)


def _lab(base: Path, content: Path | None = None):
    root = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", root)
    settings = base / "settings"
    settings.mkdir()
    (settings / "overrides.json").write_text(json.dumps(LAB_SETTINGS), encoding="utf-8")
    home = base / "home"
    home.mkdir()
    port = _free_port()
    env = {
        **os.environ,
        "HOME": str(home),
        "DOKHAE_PROGRESS": str(base / "progress.sqlite3"),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
    }
    env.pop("DOKHAE_CONTENT", None)
    env.pop("DOKHAE_LANGUAGE", None)
    if content is not None:
        env["DOKHAE_CONTENT"] = str(content)
    # the server writes to its own copy of the file descriptor; ours can close at once
    with open(base / "lab.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                f"--port={port}",
                "--ServerApp.ip=127.0.0.1",
                "--IdentityProvider.token=",
                "--ServerApp.password=",
                "--ServerApp.disable_check_xsrf=True",
                "--allow-root",
                f"--ServerApp.root_dir={root}",
                f"--LabApp.workspaces_dir={base / 'workspaces'}",
                f"--LabApp.app_settings_dir={settings}",
                "--LabApp.expose_app_in_browser=True",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=base,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/api/status", timeout=1)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(
                    f"JupyterLab did not start; its log is {base / 'lab.log'}:\n"
                    + (base / "lab.log").read_text(encoding="utf-8")[-3000:]
                )
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium_executable(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash.setdefault("failed", report.failed)
    return report


def _shutdown_kernels(url: str) -> None:
    """Stop the kernels a test started, so the next notebook gets the machine's attention."""
    kernels = json.load(urllib.request.urlopen(url + "/api/kernels", timeout=10))
    for kernel in kernels:
        urllib.request.urlopen(
            urllib.request.Request(f"{url}/api/kernels/{kernel['id']}", method="DELETE"), timeout=30
        )


@pytest.fixture
def page(browser, request):
    labs = [
        request.getfixturevalue(name)
        for name in ("lab_url", "two_lessons_lab_url")
        if name in request.fixturenames
    ]
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="ko-KR")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"{request.node.name}.png"
    try:
        pg.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
        for url in labs:
            _shutdown_kernels(url)
    if request.node.stash.get("failed", False):
        print(f"\nscreenshot of the failure: {shot}")


def open_and_run_all(page, lab_url: str, notebook: str) -> None:
    """Open a notebook, wait for its kernel, run every cell and wait until all are done."""
    open_notebook(page, lab_url, notebook)
    # not awaited: the command's promise can outlive the run; the wait below has a timeout
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " const cells = w.content.widgets.filter(c => c.model.type === 'code');"
        " return cells.length > 0 && cells.every(c => c.model.executionCount !== null && !c.node.querySelector('.jp-InputArea-prompt').textContent.includes('*'))"
        " && w.sessionContext.session.kernel.status === 'idle'; }",
        timeout=240_000,
    )


def open_notebook(page, lab_url: str, notebook: str) -> None:
    """Open a notebook on a new kernel and wait until the kernel is idle; run nothing."""
    page.goto(f"{lab_url}/lab/tree/{notebook}?reset")
    page.locator(".jp-NotebookPanel:visible").first.wait_for()
    page.wait_for_function(
        "(n) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return !!(w && w.title.label === n && w.context.isReady && w.sessionContext.isReady"
        " && w.sessionContext.session && w.sessionContext.session.kernel"
        " && w.sessionContext.session.kernel.status === 'idle'); }",
        arg=notebook,
        timeout=90_000,
    )


def outputs(page):
    """The output areas of the current notebook (never the code cells)."""
    return page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output")


def put_in_order(ordering, answer: Sequence[str], press_up: Callable) -> None:
    """Move the rows of an ordering question (the locator ``ordering``) into the order of
    ``answer`` (item ids) with their "move up" buttons, each pressed by ``press_up(button)``
    (a click, or the keyboard). After each swap, both rows are awaited redrawn (one
    message each) before the order is read again."""
    from playwright.sync_api import expect

    rows = ordering.locator("[data-item]")
    for target, item_id in enumerate(answer):
        for _ in range(len(answer)):
            current = rows.evaluate_all("els => els.map(e => e.dataset.item)")
            position = current.index(item_id)
            if position == target:
                break
            press_up(ordering.locator(".dokhae-move-up").nth(position))
            expect(rows.nth(position - 1)).to_have_attribute("data-item", item_id)
            expect(rows.nth(position)).to_have_attribute("data-item", current[position - 1])
