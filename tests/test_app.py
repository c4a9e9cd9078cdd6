"""The code-free app (``make app``): Voilà serves the notebooks with no code, and the explorers answer.

Voilà runs on a free loopback port with exactly the command ``make app`` runs (tools/app.py). Every
notebook in notebooks/ opens as an app page (a notebook added later, such as the quiz, is covered
by the first test as soon as it exists; give it an explorer check in ``EXPLORERS``), and the
symptom filter is operated by mouse and by keyboard. Screenshots go to test-artifacts/browser/.
"""
from __future__ import annotations

import sys

import nbformat
import pytest
from playwright.sync_api import expect

import redspots as rs
from browser import CODE_WORDS, FIRST_VIEW_PROBLEMS, ROOT, chromium, free_port, screenshot, server

sys.path.insert(0, str(ROOT / "tools"))
from app import voila_command, voila_environment  # noqa: E402  (tools/ is not a package)

pytestmark = pytest.mark.browser
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
# the view each notebook's explorer draws (a notebook not listed only has to open cleanly)
EXPLORERS = {
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


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """Voilà as ``make app`` starts it, on a free port; stopped afterwards, even when a test fails."""
    log_path = tmp_path_factory.mktemp("app") / "voila.log"
    port = free_port()
    with chromium() as browser, server("Voilà", voila_command(port), f"http://127.0.0.1:{port}/", log_path,
                                       cwd=ROOT, env=dict(voila_environment(), JUPYTER_PLATFORM_DIRS="1")):
        yield browser, f"http://127.0.0.1:{port}"


@pytest.fixture
def page(app):
    browser, base = app
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.outside = []            # every request that left the machine: there must be none
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else page.outside.append(r.url))
    yield page, base
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


def test_the_app_lists_every_notebook(page):
    page, base = page
    page.goto(base + "/")
    for name in NOTEBOOKS:
        expect(page.get_by_text(name, exact=True)).to_be_visible()
    assert page.outside == []


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_notebook_opens_as_an_app_with_no_code(page, notebook):
    page, base = page
    open_app(page, base, notebook)
    if notebook in EXPLORERS:
        expect(page.locator(EXPLORERS[notebook])).to_be_visible()
    screenshot(page, f"app-{notebook.removesuffix('.ipynb')}")
    assert_no_code(page, notebook)
    text = page.locator("body").inner_text()
    for shown in ("Traceback", "Error displaying widget", "Loading widget...", "Javascript Error"):
        assert shown not in text, f"{notebook}: the page shows {shown!r}"
    assert page.locator(".jupyter-widgets-error-widget, [data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.outside == []


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_an_app_page_says_no_code_words_and_its_explorers_open_empty(page, notebook):
    """Cells tagged code-explanation or kernel-only run but are not shown; a learner meets every explorer
    with nothing ticked or chosen and on step 1."""
    page, base = page
    open_app(page, base, notebook)
    if notebook in EXPLORERS:
        expect(page.locator(EXPLORERS[notebook])).to_be_visible()
    text = page.locator("body").inner_text()
    assert [w for w in CODE_WORDS if w in text] == [], notebook
    assert page.evaluate(FIRST_VIEW_PROBLEMS) == [], notebook


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
