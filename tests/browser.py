"""Headless Chromium and a private JupyterLab server for the browser tests.

Chromium is Debian's (``/usr/bin/chromium``, or ``$REDSPOTS_CHROMIUM``); Playwright drives it and
never downloads a browser. Without Chromium the browser tests are skipped locally and fail in CI
(``CI=true``), so a missing browser can never pass for a green run.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path() -> str:
    found = os.environ.get("REDSPOTS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        message = "Chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; browser tests must run in CI")
        pytest.skip(message)
    return found


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyterlab(root: Path, *, user_settings: bool = True):
    """A JupyterLab server on 127.0.0.1 over ``root``, with a token and its own settings.

    ``user_settings=False`` starts it with an empty user settings folder, as a new user has.
    """
    settings = root / ".lab-settings"
    settings.mkdir(parents=True, exist_ok=True)
    for plugin, values in {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
                           "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                                          "checkForUpdates": False}}.items():
        if not user_settings:
            break
        target = settings / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               JUPYTER_PLATFORM_DIRS="1")
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={root / '.workspaces'}",
               "--ServerApp.allow_root=True",
               # window.jupyterapp, so the tests can wait on the kernel session itself
               "--LabApp.expose_app_in_browser=True"]
    base = f"http://127.0.0.1:{port}"
    with server("JupyterLab", command, f"{base}/api/status?token={token}", root / "jupyterlab.log", env=env):
        yield base, token


@contextmanager
def server(name: str, command: list[str], ready_url: str, log_path: Path, **popen):
    """A server process, started and waited for until ``ready_url`` answers (at most 90 s); stopped on
    leaving, even when the test failed. A server that exits or never answers raises with its log."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **popen)
        try:
            deadline = time.monotonic() + 90
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited:\n{log_path.read_text()[-3000:]}")
                try:
                    urllib.request.urlopen(ready_url, timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{name} did not start within 90 s:\n{log_path.read_text()[-3000:]}")
                    time.sleep(0.3)       # polling a port that is not open yet; the wait is on the answer
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def block_all_but(target, allowed, blocked: list | None = None) -> list:
    """Route every request of ``target`` (a page or a whole browser context) but the file ``allowed``
    (a path; a query string after it is allowed too) to an abort; returns the list the blocked
    addresses are added to."""
    blocked = [] if blocked is None else blocked
    allowed_uri = Path(allowed).as_uri()

    def route(request_route):
        url = request_route.request.url
        if url.split("?")[0] == allowed_uri:
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()
    target.route("**/*", route)
    return blocked


def run_all(page, base: str, token: str, notebook: str, timeout_ms: int = 120_000) -> None:
    """Open a notebook, clear its stored outputs, run every cell and wait until all have run.

    The toolbar's execution indicator reads "idle" before the kernel has even started, so the
    waits ask the notebook's session itself. A wait that runs out says what the page showed.
    """
    # a workspace of its own, reset, so only this notebook is open
    workspace = notebook.removesuffix(".ipynb")
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{notebook}?reset&token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout_ms)
    _wait(page, _KERNEL_READY, "the kernel to start", notebook, timeout_ms)
    page.get_by_role("menuitem", name="Edit", exact=True).click()
    page.locator("li[data-command='editmenu:clear-all']").click()
    _wait(page, _ALL_CLEARED, "the stored outputs to be cleared", notebook, timeout_ms)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("li[data-command='runmenu:run-all']").click()
    _wait(page, _ALL_RUN, "every cell to run", notebook, timeout_ms)


def _wait(page, condition: str, what: str, notebook: str, timeout_ms: int) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(condition, timeout=timeout_ms)
    except PlaywrightTimeout:
        state = page.evaluate(_STATE)
        screenshot(page, f"timeout-{notebook.removesuffix('.ipynb')}")
        raise AssertionError(f"{notebook}: waited {timeout_ms / 1000:.0f} s for {what}; the page showed {state}") from None


_SESSION = "window.jupyterapp && window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.sessionContext"
_KERNEL_READY = f"""() => {{
    const s = {_SESSION};
    const k = s && s.isReady && s.session && s.session.kernel;
    return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}}"""
# the prompts of code cells that have code (JupyterLab does not run an empty cell)
_PROMPTS = """[...document.querySelectorAll('.jp-CodeCell')]
    .filter(c => (c.querySelector('.cm-content') || {textContent: 'x'}).textContent.trim() !== '')
    .map(c => c.querySelector('.jp-InputPrompt').textContent.trim())"""
_ALL_CLEARED = f"() => {{ const p = {_PROMPTS}; return p.length > 0 && p.every(t => !/\\d/.test(t)); }}"
_ALL_RUN = f"""() => {{
    const p = {_PROMPTS};
    return p.length > 0 && p.every(t => /\\[\\d+\\]/.test(t)) && ({_KERNEL_READY})();
}}"""
_STATE = f"""() => {{
    const s = {_SESSION};
    const k = s && s.session && s.session.kernel;
    return {{prompts: {_PROMPTS}, kernel: k ? [k.connectionStatus, k.status] : null,
             dialog: (document.querySelector('.jp-Dialog') || {{}}).textContent || null}};
}}"""


def errors_on(page) -> list[str]:
    """Tracebacks, stderr and widget errors shown anywhere on the page."""
    shown = page.locator("[data-mime-type='application/vnd.jupyter.stderr'], .jupyter-widgets-error-widget")
    texts = [shown.nth(i).inner_text()[:500] for i in range(shown.count())]
    body = page.locator(".jp-Notebook").inner_text()
    texts += [line for line in ("Traceback", "Error displaying widget", "Loading widget...") if line in body]
    return texts


def screenshot(target, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    target.screenshot(path=str(path))
    return path


#: Words and phrases that only a code reader understands: never on a page with no code (a handout, the app, a
#: deck, the index). Written by hand from what learners were shown before (issue 17).
CODE_WORDS = ("rs.red_flags", "rs.match", "rs.compare", "rs.treatment_plan", "rs.next_question", "rs.grade",
              "no kernel", "from code", "set the selection", "quiz.value", "quiz.cases", "ruled_out",
              "symptom_filter", "stepper.step", "comparison.value", "distinguishing_only", ".value",
              "import redspots", "DataFrame", "Run All Cells", "Shift + Enter", "SymptomFilter(")

#: What the first view of each explorer shows when nothing is chosen, read from the page as a learner sees it:
#: returns one line per explorer, "view: problem" for each thing already chosen (an empty list when all are empty).
FIRST_VIEW_PROBLEMS = """() => [...document.querySelectorAll('.redspots-explorer')].flatMap((el) => {
    const kind = ['symptom-filter', 'comparison', 'stepper', 'body-map', 'quiz', 'condition-reader']
        .find((k) => el.classList.contains('redspots-' + k)) || el.className;
    const problems = [];
    const ticked = [...el.querySelectorAll('input[type=checkbox]')].filter((b) => b.checked);
    if (ticked.length) problems.push(ticked.length + ' boxes ticked');
    const pressed = el.querySelectorAll('[aria-pressed=true]').length;
    if (pressed) problems.push(pressed + ' buttons pressed');
    const picked = [...el.querySelectorAll('select')].filter((s) => s.value !== '');
    if (picked.length) problems.push('chosen in a list: ' + picked.map((s) => s.value).join(', '));
    const radios = [...el.querySelectorAll('input[type=radio]')].filter((r) => r.checked)
        .filter((r) => !el.classList.contains('redspots-body-map'));      // the skin tone is a setting, not a choice
    if (radios.length) problems.push(radios.length + ' answers chosen');
    const text = el.innerText;
    if (kind === 'symptom-filter' && !text.includes('Nothing ticked yet')) problems.push('does not say nothing is ticked');
    if (kind === 'stepper' && !/Step 1 \\(choose a condition first\\)/.test(text)) problems.push('not at step 1 with nothing chosen');
    if (kind === 'body-map' && el.querySelector('figure img')) problems.push('shows a condition');
    if (kind === 'quiz' && !/Case 1:/.test(text)) problems.push('not on the first case');
    if (kind === 'quiz' && !/Score: 0 of 0 right/.test(text)) problems.push('has answers');
    return problems.map((p) => kind + ': ' + p);
})"""
