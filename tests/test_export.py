"""The offline HTML export: one self-contained file per notebook, widgets alive with the network off."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from browser import chromium, screenshot
from conftest import DATA, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
HOSTILE = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
           '<a href="javascript:window.__pwned=3">click</a>')
# Fields that hold ids or fixed words, not prose: they stay as they are so the content still validates.
NOT_PROSE = {"id", "refs", "url", "urgency", "kind", "who", "raised", "blanching", "seriousness", "risk", "group",
             "condition", "all_of", "any_of", "body_regions", "profile", "term", "within", "while_unanswered",
             "explains", "ask_first"}


def _ids_only(key, value) -> bool:
    """A field of ids: a NOT_PROSE field, or a set's list of finding ids (findings.yaml's list is prose)."""
    return key in NOT_PROSE or (key == "findings" and all(isinstance(v, str) for v in value))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    result = subprocess.run([sys.executable, "-m", "redspots.export", "--output-dir", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def _poison(node, key=None):
    if isinstance(node, dict):
        return {k: (v if _ids_only(k, v) else _poison(v, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v, key) for v in node]
    if isinstance(node, str):
        return node + " " + HOSTILE
    return node


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("schema"))
    for path in data.rglob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_poison(doc), allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = data.parent / "html"
    chosen = [str(ROOT / "notebooks" / n) for n in ("00_start_here.ipynb", "01_what_are_tiny_red_dots.ipynb",
                                                    "02_filter_by_symptom.ipynb", "03_compare_conditions.ipynb",
                                                    "04_treatment_options.ipynb")]
    result = subprocess.run([sys.executable, "-m", "redspots.export", "--output-dir", str(out), *chosen],
                            cwd=ROOT, capture_output=True, text=True, timeout=900,
                            env={**__import__("os").environ, "REDSPOTS_DATA": str(data)})
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_one_self_contained_page_per_notebook_and_an_index(exported):
    pages = sorted(p.name for p in exported.glob("*.html"))
    assert pages == sorted(f"{n.stem}.html" for n in NOTEBOOKS)
    assert not [p for p in exported.iterdir() if p.suffix != ".html"], "everything is inside the pages"
    for page in exported.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=", text), f"{page.name} loads a script from elsewhere"
        assert not re.search(r"<link[^>]+href=\"https?:", text), f"{page.name} loads a stylesheet from elsewhere"
        assert "RequireJS 2.3.8" in text
        assert ".ipynb\"" not in text, f"{page.name} still links to a notebook file"
    index = (exported / "index.html").read_text(encoding="utf-8")
    for n in NOTEBOOKS:
        if n.stem != "index":
            assert f'href="{n.stem}.html"' in index


def test_widget_state_is_stored(exported):
    for name in ("02_filter_by_symptom", "03_compare_conditions", "04_treatment_options"):
        text = (exported / f"{name}.html").read_text(encoding="utf-8")
        assert 'application/vnd.jupyter.widget-state+json' in text
        assert '"version_major": 2' in text


def _open_offline(browser, page_path: Path):
    """The page with every other request blocked, files beside it included (a page must need nothing
    else); returns (context, page, blocked urls, errors, dialogs)."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    blocked, errors, dialogs = [], [], []

    def route(request_route):
        if request_route.request.url == page_path.as_uri():
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()
    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    return context, page, blocked, errors, dialogs


def _wait_for_widgets(page, expected: int):
    page.wait_for_function(
        f"() => document.querySelectorAll('.jupyter-widgets.jp-OutputArea-output .lm-Widget').length > 0 "
        f"&& !document.body.innerText.includes('Loading widget') "
        f"&& document.querySelectorAll('.widget-container, .widget-inline-hbox').length >= {expected}",
        timeout=60_000)


@contextmanager
def _offline_page(page_path: Path, widgets: int = 1):
    """One exported page opened offline, its widgets rendered; on leaving, asserts that it asked
    for nothing, raised nothing and opened no dialog."""
    with chromium() as browser:
        context, page, blocked, errors, dialogs = _open_offline(browser, page_path)
        try:
            if widgets:
                _wait_for_widgets(page, widgets)
            yield page
            assert blocked == [], f"{page_path.name} asked for {blocked[:3]}"
            assert errors == [] and dialogs == [], (errors, dialogs)
        finally:
            context.close()


@pytest.mark.browser
def test_exported_pages_work_offline(exported):
    with chromium() as browser:
        for page_path in sorted(exported.glob("*.html")):
            context, page, blocked, errors, dialogs = _open_offline(browser, page_path)
            views = page.locator("script[type='application/vnd.jupyter.widget-view+json']").count()
            if views:
                _wait_for_widgets(page, views)
                outputs = "\n".join(page.locator(".jp-OutputArea").all_inner_texts())
                assert "Loading widget" not in outputs and "(children=" not in outputs
            page.wait_for_timeout(300)
            screenshot(page, f"export-{page_path.stem}")
            assert blocked == [], f"{page_path.name} tried the network: {blocked[:3]}"
            assert errors == [] and dialogs == [], (errors, dialogs)
            context.close()


@pytest.mark.browser
def test_icons_show_offline(exported):
    """Font Awesome is inside the page: a chosen condition keeps its tick (not shade alone)."""
    with _offline_page(exported / "03_compare_conditions.html") as page:
        tick = page.locator(".redspots-comparison .widget-toggle-button.mod-active i.fa-check").first
        expect(tick).to_be_visible()
        page.evaluate("() => document.fonts.ready")
        loaded = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        assert any("Font Awesome" in family for family in loaded), loaded
        assert tick.bounding_box()["width"] > 4, "the tick is drawn, not an empty box"


MATH_NOTEBOOK = [("markdown", "A spot's area is $A = \\pi r^2$.\n\n$$d = 2r \\le 2\\,\\text{mm}$$\n\nIt costs \\$5."),
                 ("code", "from IPython.display import Latex\nLatex(r'$\\frac{1}{2}$')")]


@pytest.mark.browser
def test_math_renders_offline(tmp_path):
    import nbformat

    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                 "language": "python"}})
    notebook.cells = [nbformat.v4.new_markdown_cell(text) if kind == "markdown" else nbformat.v4.new_code_cell(text)
                      for kind, text in MATH_NOTEBOOK]
    nbformat.write(notebook, tmp_path / "math.ipynb")
    result = subprocess.run([sys.executable, "-m", "redspots.export", "-o", str(tmp_path / "html"),
                             str(tmp_path / "math.ipynb")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    with _offline_page(tmp_path / "html" / "math.html", widgets=0) as page:
        page.wait_for_function("() => document.querySelectorAll('mjx-container svg').length >= 3", timeout=30_000)
        prose = page.locator(".jp-RenderedMarkdown").inner_text()
        output = page.locator(".jp-OutputArea-output").inner_text()
        assert "\\pi" not in prose and "\\frac" not in output, "TeX left as source"
        assert "It costs $5." in prose                              # an escaped dollar stays a dollar
        screenshot(page, "export-math")


def test_mathjax_only_where_there_is_math(exported):
    for page_path in exported.glob("*.html"):
        assert "<script>window.MathJax = " not in page_path.read_text(encoding="utf-8"), page_path.name


@pytest.mark.browser
def test_views_that_need_a_kernel_say_so_offline(exported):
    for name, view in (("02_filter_by_symptom", "symptom filter"), ("03_compare_conditions", "comparison")):
        with _offline_page(exported / f"{name}.html") as page:
            note = page.locator(".redspots-needs-kernel")
            assert note.first.is_visible() and "needs a running Python kernel" in note.first.inner_text()
            assert view in note.first.inner_text()
    with _offline_page(exported / "02_filter_by_symptom.html") as page:
        # the answer buttons and Clear all need a kernel: hidden, not left looking alive
        buttons = page.locator(".redspots-symptom-filter button")
        assert buttons.count() >= 3 and not any(b.is_visible() for b in buttons.all())


@pytest.mark.browser
def test_treatment_stepper_responds_without_a_kernel(exported):
    with _offline_page(exported / "04_treatment_options.html") as page:
        view = page.locator(".redspots-stepper").first
        shown = view.locator(".redspots-step:visible")
        assert "Keratosis pilaris: step 2 of" in shown.inner_text()      # the state saved by the notebook
        view.get_by_label("Condition").select_option(label="Petechiae")
        expect(shown).to_contain_text("Petechiae: step 1 of")
        view.locator(".noUi-handle:visible").first.focus()
        page.keyboard.press("ArrowRight")
        expect(shown).to_contain_text("Petechiae: step 2 of")
        assert not view.get_by_role("button", name="Next step").is_visible(), "a button that needs a kernel"
        screenshot(view, "export-stepper-moved")


@pytest.mark.browser
def test_body_map_responds_without_a_kernel(exported):
    with _offline_page(exported / "01_what_are_tiny_red_dots.html") as page:
        view = page.locator(".redspots-body-map").first
        shown = view.locator("svg[role='img']:visible")
        expect(shown).to_have_count(1)
        expect(shown.locator("desc")).to_contain_text("medium skin")           # the state saved by the notebook
        view.get_by_label("Condition").select_option(label="Petechiae")
        view.get_by_role("button", name="Dark skin").click()
        expect(shown.locator("title")).to_contain_text("Petechiae")
        expect(shown.locator("desc")).to_contain_text("dark skin")
        screenshot(view, "export-body-map-moved")


@pytest.mark.browser
def test_print_makes_a_clean_handout(exported, tmp_path):
    with _offline_page(exported / "04_treatment_options.html") as page:
        page.emulate_media(media="print")
        assert not page.locator(".jp-InputPrompt").first.is_visible()
        assert not page.locator(".jp-CodeCell .jp-InputArea").first.is_visible()   # no code on the handout
        assert page.get_by_role("heading", name="Treatment options").first.is_visible()
        assert page.locator(".redspots-step:visible").count() == 1
        pdf = tmp_path / "handout.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2
        (ROOT / "test-artifacts" / "browser").mkdir(parents=True, exist_ok=True)
        shutil.copy(pdf, ROOT / "test-artifacts" / "browser" / "export-04-handout.pdf")


def test_hostile_content_is_escaped_in_the_export_files(hostile_export):
    for page_path in hostile_export.glob("0*.html"):
        text = page_path.read_text(encoding="utf-8")
        assert "window.__pwned" in text, "the hostile text should be in the page, as text"
        # Widget state is JSON inside one script element: labels there are plain text for the widgets,
        # and the JSON must not be able to close its script element.
        state = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', text, re.S)
        if state:
            assert "</script" not in state.group(1).lower()
            text = text.replace(state.group(0), "")
        assert "<script>window.__pwned" not in text
        assert "<img src=x onerror" not in text
        assert not re.search(r"<a\s[^>]*href=[\"']?javascript:", text, re.IGNORECASE)


@pytest.mark.browser
def test_hostile_content_runs_nothing_in_the_browser(hostile_export):
    with chromium() as browser:
        for page_path in sorted(hostile_export.glob("0*.html")):
            context, page, blocked, errors, dialogs = _open_offline(browser, page_path)
            if page.locator("script[type='application/vnd.jupyter.widget-view+json']").count():
                _wait_for_widgets(page, 1)
            page.wait_for_timeout(500)
            assert page.evaluate("() => window.__pwned") is None, page_path.name
            assert page.locator("img[onerror]").count() == 0
            assert page.locator("a[href^='javascript:']").count() == 0
            assert dialogs == [] and blocked == [], (page_path.name, dialogs, blocked[:3])
            assert "<script>window.__pwned=1</script>" in page.locator("main").inner_text()  # shown as text
            context.close()
