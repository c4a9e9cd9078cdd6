"""The code-free app (``make app``): Voilà serves the notebooks with no code, and the explorers answer.

Voilà runs on a free loopback port with exactly the command ``make app`` runs (tools/app.py). The
home page lists the lessons by title as links a keyboard reaches; every notebook in notebooks/ opens
as an app page (a notebook added later, such as the quiz, is covered as soon as it exists; give it an
explorer check in ``EXPLORERS``) with nothing failing in the browser's console or the server's log,
and the symptom filter is operated by mouse and by keyboard. A page that closes ends its kernel, and
after 20 visits, some of them pages that vanished without closing, the cull leaves no kernel
running. Screenshots go to test-artifacts/browser/.
"""
from __future__ import annotations

import json
import re
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from contextlib import contextmanager

from playwright.sync_api import expect

import redspots as rs
from browser import CODE_WORDS, FIRST_VIEW_PROBLEMS, ROOT, chromium, free_port, screenshot, server

sys.path.insert(0, str(ROOT / "tools"))
from app import lessons, notebook_title, voila_command, voila_environment  # noqa: E402  (tools/ is not a package)

pytestmark = pytest.mark.browser
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
# the view each notebook's explorer draws (a notebook not listed only has to open cleanly)
EXPLORERS = {
    "01_what_are_tiny_red_dots.ipynb": ".redspots-body-map",
    "02_filter_by_symptom.ipynb": ".redspots-symptom-filter",
    "03_compare_conditions.ipynb": ".redspots-comparison",
    "04_treatment_options.ipynb": ".redspots-stepper",
    "06_quiz.ipynb": ".redspots-quiz",
    "07_read_a_condition.ipynb": ".redspots-condition-reader",
}
# what a code cell or its source would leave on the page
CODE_ON_PAGE = ".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor, .jp-InputPrompt"
_FINISHED = """() => !document.getElementById('loading')
    && getComputedStyle(document.getElementById('rendered_cells')).display !== 'none'"""


class App:
    """A running app: its browser, address, server process and log."""

    def __init__(self, browser, base: str, process, log: Path):
        self.browser, self.base, self.process, self.log = browser, base, process, log


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@contextmanager
def running_app(browser, tmp_path_factory, *extra: str):
    """Voilà as ``make app`` starts it (``extra``: more of tools/app.py's options, --cull-minutes and
    --theme), on a free port; stopped afterwards, even when a test fails."""
    log_path = tmp_path_factory.mktemp("app") / "voila.log"
    port = free_port()
    options = {}
    if "--cull-minutes" in extra:
        options["cull_minutes"] = float(extra[extra.index("--cull-minutes") + 1])
    if "--theme" in extra:
        options["theme"] = extra[extra.index("--theme") + 1]
    command = voila_command(port, **options)
    with server("Voilà", command, f"http://127.0.0.1:{port}/", log_path,
                                       cwd=ROOT, env=dict(voila_environment(), JUPYTER_PLATFORM_DIRS="1")) as process:
        yield App(browser, f"http://127.0.0.1:{port}", process, log_path)


@pytest.fixture(scope="module")
def app(browser, tmp_path_factory):
    """The app with its default cull time (10 minutes): longer than any test here waits."""
    with running_app(browser, tmp_path_factory) as app:
        yield app


def watch(page, base: str):
    """Record on ``page``: requests that left the machine (``outside``), and failed requests and
    console errors or warnings (``problems``). Both must stay empty."""
    page.outside, page.problems, page.sockets = [], [], []
    page.on("websocket", lambda socket: page.sockets.append(socket.url))
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else page.outside.append(r.url))
    page.on("response", lambda r: page.problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: page.problems.append(f"{m.type}: {m.text[:300]}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))


@pytest.fixture
def page(app):
    context = app.browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(90_000)
    watch(page, app.base)
    yield page, app.base
    context.close()


def open_app(page, base: str, notebook: str):
    page.goto(f"{base}/voila/render/{notebook}", timeout=120_000)
    page.wait_for_function(_FINISHED, timeout=120_000)


def code_lines(notebook: str) -> list[str]:
    """The lines of the notebook's code cells that could only be code (calls, assignments, lookups)."""
    cells = nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells
    return [line.strip() for cell in cells if cell.cell_type == "code"
            for line in cell.source.splitlines()
            if not line.strip().startswith("#") and any(mark in line for mark in "(=[.")]


def assert_no_code(page, notebook: str) -> None:
    assert page.locator(CODE_ON_PAGE).count() == 0, f"{notebook}: a code cell's input is on the page"
    text = page.locator("body").inner_text()
    shown = [line for line in code_lines(notebook) if line in text]
    assert shown == [], f"{notebook}: code is on the page"


def _label(finding_id: str) -> str:
    return rs.load().findings.loc[finding_id, "label"]


def test_the_home_page_lists_the_lessons_by_title_as_links(page):
    page, base = page
    listed = lessons()
    assert "index.ipynb" not in {item["path"] for group in listed.values() for item in group}
    assert {item["path"] for group in listed.values() for item in group} == set(NOTEBOOKS) - {"index.ipynb"}
    page.goto(base + "/")
    # the emergency advice comes first, before any lesson
    first = page.locator("main > *").nth(1)
    expect(first).to_contain_text("999")
    lessons_list = page.locator("ol.redspots-lessons")
    titles = [item["title"] for item in listed["students"]]
    expect(lessons_list.get_by_role("link")).to_have_text(titles)
    for item in listed["students"]:
        cells = nbformat.read(ROOT / "notebooks" / item["path"], as_version=4).cells
        headings = [line[2:].strip() for c in cells if c.cell_type == "markdown" for line in c.source.splitlines()
                    if line.startswith("# ")]
        assert item["title"] == headings[0], "the title is the notebook's first heading"
        link = lessons_list.get_by_role("link", name=item["title"], exact=True)
        expect(link).to_have_attribute("href", f"/voila/render/{item['path']}")
    # the teacher guide is apart, under its own heading, and not among the lessons
    expect(page.get_by_role("heading", name="For the teacher")).to_be_visible()
    guide = next(item for item in listed["teacher"] if item["path"] == "teacher_guide.ipynb")
    expect(page.locator("ul.redspots-teacher").get_by_role("link", name=guide["title"])).to_be_visible()
    expect(lessons_list).not_to_contain_text("Teacher")
    assert page.get_by_text(".ipynb").count() == 0, "a file name is shown"
    # the keyboard reaches the first lesson with the first Tab, and Enter opens it
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == titles[0]
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    screenshot(page, "app-home")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/voila/render/{listed['students'][0]['path']}")
    page.wait_for_function(_FINISHED, timeout=120_000)
    assert page.outside == []
    assert page.problems == []


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_notebook_opens_as_an_app_with_no_code(page, notebook):
    page, base = page
    open_app(page, base, notebook)
    if notebook in EXPLORERS:
        expect(page.locator(EXPLORERS[notebook])).to_be_visible()
    screenshot(page, f"app-{notebook.removesuffix('.ipynb')}")
    # the tab says the notebook's title, as the home page lists it, not its file name
    assert page.title() == notebook_title(ROOT / "notebooks" / notebook), notebook
    assert_no_code(page, notebook)
    text = page.locator("body").inner_text()
    for shown in ("Traceback", "Error displaying widget", "Loading widget...", "Javascript Error"):
        assert shown not in text, f"{notebook}: the page shows {shown!r}"
    assert page.locator(".jupyter-widgets-error-widget, [data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.outside == []
    assert page.problems == [], f"{notebook}: the browser reported problems"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_an_app_page_says_no_code_words_and_its_explorers_open_empty(page, notebook):
    """Cells tagged code-explanation, kernel-only or data-table run but are not shown, and a learner's
    table is in words; a learner meets every explorer with nothing ticked or chosen and on step 1."""
    page, base = page
    open_app(page, base, notebook)
    if notebook in EXPLORERS:
        expect(page.locator(EXPLORERS[notebook])).to_be_visible()
    text = page.locator("body").inner_text()
    assert [w for w in CODE_WORDS if w in text] == [], notebook
    assert page.evaluate(FIRST_VIEW_PROBLEMS) == [], notebook
    # a table says its columns and rows in words: no id ("size_min_mm", "fever_with_spots") heads a column
    # or a row, for the page shows no cell tagged data-table and puts a learner's pandas table in words
    heads = page.locator("#rendered_cells th, .jp-OutputArea th").all_inner_texts()
    assert [h for h in heads if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", h.strip())] == [], notebook
    if notebook == "01_what_are_tiny_red_dots.ipynb":
        for words in ("From (mm)", "Up to (mm)", "Smallest (mm)", "Largest (mm)", "no limit"):
            expect(page.get_by_text(words, exact=True).first).to_be_visible()


def test_ticking_findings_in_the_app_changes_the_view(page):
    page, base = page
    open_app(page, base, "02_filter_by_symptom.ipynb")
    view = page.locator(".redspots-symptom-filter")
    expect(view).to_contain_text("Nothing ticked yet")                     # it opens empty
    strip = view.locator(".redspots-strip")
    expect(strip).to_contain_text("No warning for what is ticked so far")
    expect(view.locator(".redspots-flags")).to_have_count(0)
    # by mouse
    view.get_by_role("checkbox", name=_label("non_blanching"), exact=True).click()
    expect(view).to_contain_text("1 finding selected")
    # by keyboard alone: Tab onto the next box, Space ticks it
    fever = view.get_by_role("checkbox", name=_label("fever"), exact=True)
    fever.focus()
    page.keyboard.press("Space")
    expect(fever).to_be_checked()
    expect(view).to_contain_text("2 findings selected")
    banner = view.locator(".redspots-flags")
    expect(banner).to_contain_text("EMERGENCY")
    expect(strip).to_contain_text("EMERGENCY")
    first = view.locator(".redspots-ranking ol > li").first
    expect(first).to_contain_text("Meningococcal disease")
    banner.scroll_into_view_if_needed()
    screenshot(page, "app-symptom-filter")          # what a student sees, at 1366x768
    # unticking by keyboard takes the warning away again; the ranking follows
    page.keyboard.press("Space")
    expect(fever).not_to_be_checked()
    expect(view).to_contain_text("1 finding selected")
    assert_no_code(page, "02_filter_by_symptom.ipynb")
    assert page.outside == []


# --- kernels: one per open page, none once the pages are gone ------------------------------------------

#: kernels whose API address the tests asked for (a 404 there, once a kernel is gone, is the tests' doing)
POLLED: set[str] = set()
_KERNEL_ID = "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"


def kernel_exists(base: str, kernel_id: str) -> bool:
    """Whether the server still has this kernel (its kernel API: 200, or 404 once it is gone)."""
    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel_id}", timeout=10):
            return True
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise


def kernel_processes(server_pid: int) -> list[int]:
    """The server's child processes that are kernels (ipykernel), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = next(line.split()[1] for line in (entry / "status").read_text().splitlines()
                          if line.startswith("PPid:"))
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, StopIteration):
            continue
        if int(parent) == server_pid and b"ipykernel" in command:
            found.append(int(entry.name))
    return found


def wait_until_gone(app: App, kernel_ids: list[str], deadline_s: float, before: frozenset = frozenset()) -> list[str]:
    """Poll the server until none of ``kernel_ids`` is left and it has no kernel process but those
    in ``before`` (other tests' pages); returns what is still there when the deadline passes (an
    empty list: all gone)."""
    deadline = time.monotonic() + deadline_s
    while True:
        processes = set(kernel_processes(app.process.pid)) - before
        if not processes or time.monotonic() > deadline:
            left = [k for k in kernel_ids if kernel_exists(app.base, k)]
            if not left and not processes:
                return []
            if time.monotonic() > deadline:
                return left + [f"process {p}" for p in processes]
        time.sleep(0.5)           # polling the processes; their going decides, not the time


def visit(app: App, notebook: str):
    """A visitor opens a lesson straight from its address (no home page first) and reads it: its page
    and kernel id, once the page has connected to its kernel (Voilà's widget manager opens the
    kernel's websocket and, in the same step, sets up the shutdown it sends when the page closes)."""
    context = app.browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    watch(page, app.base)
    open_app(page, app.base, notebook)
    kernel_id = page.evaluate(_KERNEL_ID)
    deadline = time.monotonic() + 60
    while not any(kernel_id in url for url in page.sockets):
        assert time.monotonic() < deadline, f"{notebook}: the page never connected to its kernel"
        page.wait_for_timeout(100)        # lets the page's events in; the socket decides
    POLLED.add(kernel_id)
    assert kernel_exists(app.base, kernel_id)
    return context, page, kernel_id


VISITED = ["00_start_here.ipynb", "01_what_are_tiny_red_dots.ipynb"]


def test_a_page_that_closes_ends_its_kernel(app):
    """With the default cull (10 minutes), only the shutdown sent as the page closes can end these kernels."""
    kernels, before = [], frozenset(kernel_processes(app.process.pid))
    contexts = []
    for k in range(4):
        context, page, kernel_id = visit(app, VISITED[k % 2])
        kernels.append(kernel_id)
        page.close(run_before_unload=True)     # the tab is closed: the page says goodbye
        contexts.append(context)               # the browser stays open, as a visitor's does, to send it
    left = wait_until_gone(app, kernels, deadline_s=120, before=before)
    for context in contexts:
        context.close()
    assert left == [], (f"kernels still running after their pages closed: {left}; the server said:\n"
                        + "\n".join(line for line in app.log.read_text().splitlines()
                                     if any(k in line for k in left) and "GET /api/kernels" not in line))
    log = app.log.read_text()
    assert [line for line in failed_requests(log)      # the shutdown was accepted (no 403)...
            if not socket_of_a_closing_page(line)] == []
    assert not any(f"({k}) with 0 connections" in log for k in kernels)   # ...and the cull had no part in it


def test_twenty_visits_leave_no_kernel_after_the_cull_time(browser, tmp_path_factory):
    """20 pages: half closed as a tab closes, half gone without a word (a phone that slept: the page is
    dropped, no shutdown request). The cull (here after 6 s idle with no page connected) ends what
    the closing did not: no kernel is left."""
    with running_app(browser, tmp_path_factory, "--cull-minutes", "0.1") as app:
        kernels, dropped = [], []
        for k in range(20):
            context, page, kernel_id = visit(app, VISITED[k % 2])
            kernels.append(kernel_id)
            if k % 2:
                dropped.append(kernel_id)
                page.close(run_before_unload=False)   # no beforeunload: nothing is sent
            else:
                page.close(run_before_unload=True)
            assert page.problems == []
            context.close()
        left = wait_until_gone(app, kernels, deadline_s=180)
        assert left == [], f"kernels still running after 20 visits and the cull time: {left}"
        log = app.log.read_text()
    # the dropped pages' kernels were ended by the cull (a closed page's kernel may be culled too when
    # the cull's check comes between the socket closing and the shutdown request: that race is
    # harmless, and test_a_page_that_closes_ends_its_kernel shows the shutdown alone ends them)
    culled = {k for k in kernels if f"({k}) with 0 connections" in log}
    assert set(dropped) <= culled, "a page that vanished was ended by something other than the cull"
    assert failed_requests(log) == []
    assert "websocket_ping_timeout" not in log and "without encryption" not in log


def failed_requests(log: str) -> list[str]:
    """Lines of the server log about a request that failed, but the tests' own look-ups of kernels
    that are gone."""
    return [line for line in log.splitlines()
            if any(line.startswith(f"{code} ") or f" {code} " in line for code in (400, 403, 404, 500))
            and not (" GET /api/kernels/" in line and any(k in line for k in POLLED))
            and not ("wrote error: 'Kernel does not exist" in line and any(k in line for k in POLLED))]


def socket_of_a_closing_page(line: str) -> bool:
    """A kernel socket refused while its page was going away: the tests close tabs and whole browsers at
    once, and on a loaded machine the page's socket (or its reconnect) can reach the server after its page
    closed or its kernel was shut down. No visitor sees it; what a visitor's page sees (failed requests,
    console errors) is recorded by watch() and checked in each test."""
    return bool(re.search(r"(^|\s)500 GET /api/kernels/[0-9a-f-]{36}/channels", line))


def test_the_server_log_shows_no_failed_request(app):
    log = app.log.read_text()
    assert [line for line in failed_requests(log) if not socket_of_a_closing_page(line)] == []
    assert "websocket_ping_timeout" not in log
    assert "without encryption" not in log


# --- WCAG 2.1 AA: axe-core over the home page and every lesson page ------------------------------------------------

@pytest.fixture(scope="module")
def dark_app(browser, tmp_path_factory):
    with running_app(browser, tmp_path_factory, "--theme", "dark") as app:
        yield app


_AT_WIDTH = "w => window.innerWidth === w && document.documentElement.clientWidth <= w"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_nothing_on_the_home_page_or_any_lesson_page(request, theme):
    """axe-core (WCAG 2.1 A and AA) over the home page and every notebook's page, at 1366x768 and then, the same
    page resized, at 375x740. Voilà's ``--theme=dark`` works with the redspots template (the lesson pages get
    JupyterLab's dark theme, the home page its own dark colours): both themes are scanned."""
    from test_accessibility import DESKTOP, PHONE, WCAG_21_AA, _RUN_AXE, axe_source

    source = axe_source()
    app = request.getfixturevalue("app" if theme == "light" else "dark_app")
    found, scanned = {}, 0
    for notebook in ["", *NOTEBOOKS]:
        context = app.browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(120_000)
        try:
            if notebook:
                open_app(page, app.base, notebook)
                if notebook in EXPLORERS:
                    expect(page.locator(EXPLORERS[notebook])).to_be_visible()
            else:
                page.goto(app.base + "/")
            page.add_script_tag(content=source)
            for width, height in (DESKTOP, PHONE):
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_function(_AT_WIDTH, arg=width)
                violations = page.evaluate(_RUN_AXE, WCAG_21_AA)
                scanned += 1
                if violations:
                    found[f"{notebook or 'home'} at {width}x{height}"] = violations
        finally:
            context.close()
    assert scanned == 2 * (len(NOTEBOOKS) + 1)
    (ARTIFACTS := ROOT / "test-artifacts" / "browser").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-app-{theme}.json").write_text(json.dumps(found, indent=1, ensure_ascii=False))
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)[:8000]


def test_the_home_page_follows_the_dark_theme(dark_app):
    context = dark_app.browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(dark_app.base + "/")
        assert page.evaluate("getComputedStyle(document.querySelector('main')).backgroundColor") == "rgb(33, 33, 33)"
        screenshot(page, "app-home-dark")
        open_app(page, dark_app.base, "02_filter_by_symptom.ipynb")
        expect(page.locator("body")).to_have_attribute("data-jp-theme-name", "JupyterLab Dark")
        assert page.title() == "Filter by symptom"
    finally:
        context.close()
