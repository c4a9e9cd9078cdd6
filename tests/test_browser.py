"""Every notebook in JupyterLab in headless Chromium: Run All, no errors, then operate each explorer.

Screenshots go to test-artifacts/browser/.
"""
from __future__ import annotations

import json
import shutil

import pytest
from playwright.sync_api import expect

import redspots as rs
from browser import chromium, errors_on, jupyterlab, run_all, screenshot
from conftest import ROOT

pytestmark = pytest.mark.browser
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    with chromium() as browser:
        for name in NOTEBOOKS:
            shutil.copy(ROOT / "notebooks" / name, root / name)
        with jupyterlab(root) as (base, token):
            yield browser, base, token


@pytest.fixture
def page(lab):
    browser, base, token = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page, base, token
    context.close()


def _label(finding_id: str) -> str:
    return rs.load().findings.loc[finding_id, "label"]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_without_errors(page, notebook):
    page, base, token = page
    run_all(page, base, token, notebook)
    screenshot(page, notebook.removesuffix(".ipynb"))
    assert errors_on(page) == []
    assert page.locator(".jp-OutputArea-output").count() > 0
    if notebook.startswith("01_"):
        assert page.locator("svg[role='img']").count() >= 3


def test_symptom_filter_in_the_browser(page):
    page, base, token = page
    run_all(page, base, token, "02_filter_by_symptom.ipynb")
    view = page.locator(".redspots-symptom-filter")
    expect(view).to_contain_text("Nothing ticked yet")                 # the lesson leaves it empty
    view.get_by_role("checkbox", name=_label("non_blanching"), exact=True).check()
    fever = view.get_by_role("checkbox", name=_label("fever"), exact=True)
    fever.focus()
    page.keyboard.press("Space")                       # the keyboard alone ticks a finding
    banner = view.locator(".redspots-flags")
    expect(banner).to_contain_text("EMERGENCY")
    expect(view).to_contain_text("2 findings selected")
    first = view.locator(".redspots-ranking ol > li").first
    expect(first).to_contain_text("Meningococcal disease")          # the cause of the emergency ranks first
    expect(first).to_contain_text("Can cause the warning above")
    # the suggested question is answered with its buttons: "No" rules it out and the next one is asked
    question = view.locator(".redspots-question")
    expect(question).to_contain_text("Ask about this next: " + _label("raised_bumps"))
    view.get_by_role("button", name="No", exact=True).click()
    expect(question).to_contain_text("Answered no: " + _label("raised_bumps"))
    expect(banner).to_contain_text("EMERGENCY")                     # a "no" never lowers a warning
    screenshot(view, "explorer-symptom-filter")
    # the kernel holds what the view shows: Python reads the ticks and the answer
    _run_code(page, "print(symptom_filter.value, symptom_filter.ruled_out)")
    expect(page.locator(".jp-OutputArea-output").last).to_contain_text(
        "('non_blanching', 'fever') ('raised_bumps',)")
    assert errors_on(page) == []


def _run_code(page, code: str) -> None:
    """Add a cell at the end of the open notebook, type code into it and run it."""
    page.evaluate("""(code) => {
        const panel = window.jupyterapp.shell.currentWidget;
        const notebook = panel.content;
        notebook.activeCellIndex = notebook.widgets.length - 1;
        notebook.model.sharedModel.insertCell(notebook.widgets.length, {cell_type: 'code', source: code});
        notebook.activeCellIndex = notebook.widgets.length - 1;
    }""", code)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-cell')")
    page.wait_for_function("""(code) => {
        const cells = window.jupyterapp.shell.currentWidget.content.widgets;
        const last = cells[cells.length - 1];
        const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        return last.model.sharedModel.source === code && last.model.executionCount !== null
            && kernel.status === 'idle';
    }""", arg=code)


def test_python_drives_the_view_in_jupyterlab(page):
    page, base, token = page
    run_all(page, base, token, "02_filter_by_symptom.ipynb")
    view = page.locator(".redspots-symptom-filter")
    _run_code(page, 'symptom_filter.value = ["non_blanching", "fever"]')
    expect(view.locator(".redspots-flags")).to_contain_text("EMERGENCY")
    expect(view.get_by_role("checkbox", name=_label("fever"), exact=True)).to_be_checked()
    assert errors_on(page) == []


def test_condition_comparison_in_the_browser(page):
    page, base, token = page
    run_all(page, base, token, "03_compare_conditions.ipynb")
    view = page.locator(".redspots-comparison")
    table = view.locator("table.redspots-compare")
    expect(view).to_contain_text("Choose at least two conditions")           # it opens empty
    for name in ("Rheumatic fever", "Scarlet fever"):
        view.get_by_role("button", name=name, exact=True).click()
    expect(table.locator("thead")).to_contain_text("Rheumatic fever")
    only = view.get_by_role("checkbox", name="Show only the rows that tell them apart")
    every_row = table.locator("tbody tr").count()
    only.check()
    page.wait_for_function(f"() => document.querySelectorAll('.redspots-compare tbody tr').length < {every_row}")
    rows_before = table.locator("tbody tr").count()
    view.get_by_role("button", name="Cherry angioma", exact=True).click()
    expect(table.locator("thead")).to_contain_text("Cherry angioma")
    only.uncheck()
    page.wait_for_function(f"() => document.querySelectorAll('.redspots-compare tbody tr').length > {rows_before}")
    assert view.locator(".redspots-differs").count() > 0
    screenshot(view, "explorer-comparison")
    assert errors_on(page) == []


def test_treatment_stepper_in_the_browser(page):
    page, base, token = page
    run_all(page, base, token, "04_treatment_options.ipynb")
    view = page.locator(".redspots-stepper")
    total = len(rs.treatment_plan("petechiae"))
    view.get_by_label("Condition").select_option(label="Petechiae")
    shown = view.locator(".redspots-step.redspots-current")
    expect(shown).to_contain_text(f"Petechiae: step 1 of {total}")
    view.get_by_role("button", name="Next step →").click()
    expect(shown).to_contain_text(f"Petechiae: step 2 of {total}")
    page.keyboard.press("Enter")                       # focus stays on the button: the keyboard goes on
    expect(shown).to_contain_text(f"Petechiae: step 3 of {total}")
    screenshot(view, "explorer-treatment-stepper")
    assert errors_on(page) == []


EXPLORERS = {"01_what_are_tiny_red_dots.ipynb": ".redspots-body-map", "02_filter_by_symptom.ipynb": ".redspots-symptom-filter",
             "03_compare_conditions.ipynb": ".redspots-comparison", "04_treatment_options.ipynb": ".redspots-stepper",
             "06_quiz.ipynb": ".redspots-quiz", "07_read_a_condition.ipynb": ".redspots-condition-reader"}
# one of each kind of control an explorer has
CONTROLS = ["input[type=checkbox]", "input[type=radio]", "select", "button:not([aria-disabled=true])", "a[href]"]
_CELLS = """() => window.jupyterapp.shell.currentWidget.content.model.sharedModel.cells
    .map(c => [c.cell_type, c.source])"""


@pytest.mark.parametrize("notebook", sorted(EXPLORERS))
def test_keys_pressed_in_an_explorer_stay_in_the_explorer(page, notebook):
    """JupyterLab's notebook shortcuts (r: raw cell, m: markdown, a/b: insert, d d: delete, z: undo,
    ArrowDown: next cell) do nothing to the notebook while a control of an explorer has the focus."""
    page, base, token = page
    run_all(page, base, token, notebook)
    view = page.locator(EXPLORERS[notebook])
    expect(view).to_be_visible(timeout=60_000)          # drawn once its state has reached the page
    _choose_something(view, notebook)                   # every explorer opens empty: give each control a job
    cells = page.evaluate(_CELLS)
    tried = 0
    for selector in CONTROLS:
        control = view.locator(selector).first
        if not view.locator(selector).count():
            continue
        tried += 1
        page.evaluate("window.jupyterapp.commands.execute('notebook:enter-command-mode')")
        control.focus()
        for key in ["r", "m", "y", "a", "b", "d", "d", "z", "ArrowDown"]:
            page.keyboard.press(key)
            assert page.evaluate(_CELLS) == cells, f"{notebook}: {key} pressed in {selector} changed the notebook"
            assert view.count() == 1, f"{notebook}: {key} pressed in {selector} took the explorer away"
        assert page.evaluate("document.activeElement.closest('.redspots-explorer') !== null"), selector
    assert tried >= 2
    assert errors_on(page) == []


def _choose_something(view, notebook: str) -> None:
    """The explorers open empty; pick conditions so that their controls and texts are all drawn."""
    if notebook.startswith("03_"):
        for name in ("Rheumatic fever", "Scarlet fever"):
            view.get_by_role("button", name=name, exact=True).click()
        expect(view.locator("table.redspots-compare")).to_be_visible()
    elif notebook.startswith(("04_", "05_", "07_")) and view.get_by_label("Condition").count():
        view.get_by_label("Condition").select_option(label="Petechiae")
        expect(view).to_contain_text("Petechiae")


_CONTRAST = """(root) => {
    const parse = (text) => {
        const m = text.match(/rgba?\\(([^)]+)\\)/);
        if (!m) return [0, 0, 0, 0];
        const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, under) => {            // top composited over an opaque colour
        const a = top[3];
        return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat(1);
    };
    const background = (el) => {
        const layers = [];
        for (let node = el; node; node = node.parentElement) {
            const c = parse(getComputedStyle(node).backgroundColor);
            if (c[3] > 0) layers.push(c);
            if (c[3] >= 1) break;
        }
        let colour = [255, 255, 255, 1];
        for (const layer of layers.reverse()) colour = over(layer, colour);
        return colour;
    };
    const luminance = (c) => {
        const [r, g, b] = c.slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const out = [];
    for (const el of root.querySelectorAll('*')) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
        const bg = background(el);
        const fg = over(parse(getComputedStyle(el).color), bg);
        const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
        out.push([(hi + 0.05) / (lo + 0.05), el.tagName + '.' + el.className, el.textContent.trim().slice(0, 40)]);
    }
    return out;
}"""


def _set_theme(page, theme: str) -> None:
    page.evaluate(f"window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})")
    page.wait_for_function(f"() => document.body.dataset.jpThemeName === '{theme}'")


@pytest.mark.parametrize("notebook", sorted(EXPLORERS))
def test_every_text_in_an_explorer_is_readable_in_the_light_and_the_dark_theme(page, notebook):
    page, base, token = page
    run_all(page, base, token, notebook)
    view = page.locator(EXPLORERS[notebook])
    expect(view).to_be_visible(timeout=60_000)
    _choose_something(view, notebook)
    if notebook.startswith("02_"):                      # warnings, a question and both lists showing
        view.get_by_role("checkbox", name=_label("non_blanching"), exact=True).check()
        expect(view.locator(".redspots-flags")).to_be_visible()
    if notebook.startswith("06_"):                      # a case whose glass test was not done, answered wrongly
        for _ in range(6):
            view.get_by_role("button", name="Next case →").click()
        view.get_by_label("Most likely condition").select_option(label="Petechiae")
        view.get_by_role("radio", name="Self-care at home").check()
        view.get_by_role("button", name="Check answer").click()
        expect(view.locator(".redspots-feedback .redspots-flags")).to_be_visible()
    try:
        for theme in ("JupyterLab Light", "JupyterLab Dark"):
            _set_theme(page, theme)
            measured = view.evaluate(_CONTRAST)
            assert len(measured) > 5
            low = [(round(ratio, 2), where, text) for ratio, where, text in measured if ratio < 4.5]
            assert low == [], f"{notebook} in {theme}: text below 4.5:1"
            screenshot(view, f"contrast-{notebook.removesuffix('.ipynb')}-{theme.split()[-1].lower()}")
    finally:
        _set_theme(page, "JupyterLab Light")


# --- the emergency strip in JupyterLab with a side panel open -------------------------------------------------------

@pytest.fixture(scope="module", params=["JupyterLab Light", "JupyterLab Dark"], ids=["light", "dark"])
def themed_lab(request, lab, tmp_path_factory):
    """JupyterLab in a theme set as a user sets it: the theme plugin's settings file in the user settings folder
    (what JUPYTERLAB_SETTINGS_DIR points at; the server here is given that folder directly)."""
    root = tmp_path_factory.mktemp("themed-lab")
    shutil.copy(ROOT / "notebooks" / "02_filter_by_symptom.ipynb", root / "02_filter_by_symptom.ipynb")
    themes = root / ".lab-settings" / "@jupyterlab" / "apputils-extension" / "themes.jupyterlab-settings"
    themes.parent.mkdir(parents=True)
    themes.write_text(json.dumps({"theme": request.param}))
    browser = lab[0]                    # one Playwright per process: the module's browser serves both servers
    with jupyterlab(root) as (base, token):
        yield browser, base, token, request.param


#: the strip and what could hide part of it: its text's box inside its own, and its box inside the notebook's
#: visible area (a panel beside the notebook narrows it; nothing of the strip may go under the panel or past the edge)
_STRIP_IN_LAB = """() => {
    const s = document.querySelector('.redspots-symptom-filter .redspots-strip');
    const style = getComputedStyle(s);
    const range = document.createRange(); range.selectNodeContents(s);
    const text = range.getBoundingClientRect(), box = s.getBoundingClientRect();
    const area = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer, .jp-NotebookPanel .jp-Notebook')
        .getBoundingClientRect();
    const left = document.getElementById('jp-left-stack').getBoundingClientRect();
    return {text: s.innerText, scroll: [s.scrollHeight, s.clientHeight, s.scrollWidth, s.clientWidth],
            clamp: style.webkitLineClamp, overflow: style.textOverflow, whiteSpace: style.whiteSpace,
            textInside: text.top >= box.top - 0.5 && text.bottom <= box.bottom + 0.5 && text.right <= box.right + 0.5,
            inArea: box.left >= area.left - 0.5 && box.right <= area.right + 0.5 && box.left >= left.right - 0.5,
            box: [box.left, box.right, box.width], area: [area.left, area.right], leftPanel: [left.left, left.right]};
}"""


def test_the_emergency_strip_is_whole_in_jupyterlab_with_the_file_browser_open(themed_lab):
    """At 1024x768 with the file browser open on the left, the notebook is narrow: the strip's whole warning
    still shows (it once read "Spots that don't fade, wi…"), in the light and the dark theme."""
    from test_accessibility import _assert_whole

    browser, base, token, theme = themed_lab
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        run_all(page, base, token, "02_filter_by_symptom.ipynb")
        page.wait_for_function(f"() => document.body.dataset.jpThemeName === {json.dumps(theme)}")
        page.evaluate("window.jupyterapp.commands.execute('filebrowser:activate')")
        page.wait_for_function("""() => !window.jupyterapp.shell.leftCollapsed
            && document.querySelector('.jp-FileBrowser').getBoundingClientRect().width > 150""")
        view = page.locator(".redspots-symptom-filter")
        expect(view).to_contain_text("Nothing ticked yet")
        for fid in ("non_blanching", "fever"):
            view.get_by_role("checkbox", name=_label(fid), exact=True).check()
        emergency = rs.red_flags(["non_blanching", "fever"]).iloc[0]
        strip = view.locator(".redspots-strip")
        expect(strip).to_contain_text(emergency["title"])
        strip.scroll_into_view_if_needed()
        measured = page.evaluate(_STRIP_IN_LAB)
        _assert_whole(measured, f"JupyterLab, {theme}, file browser open")
        assert measured["inArea"], measured
        assert measured["box"][2] < 1024 - 150, "the file browser is not beside the notebook"
        screenshot(page, f"lab-strip-{theme.split()[-1].lower()}")
        assert errors_on(page) == []
    finally:
        context.close()
