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

import redspots as rs
from browser import CODE_WORDS, FIRST_VIEW_PROBLEMS, block_all_but, chromium, screenshot
from conftest import DATA, ROOT, said, set_statement

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
HOSTILE = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
           '<a href="javascript:window.__pwned=3">click</a>')
# Fields that hold ids or fixed words, not prose: they stay as they are so the content still validates.
NOT_PROSE = {"id", "refs", "url", "urgency", "kind", "who", "raised", "blanching", "seriousness", "risk", "group",
             "condition", "all_of", "any_of", "body_regions", "profile", "term", "within", "while_unanswered",
             "explains", "ask_first", "glass_test", "skin_tone", "action", "safety"}

N_CASES = len(rs.quiz_cases())    # the quiz's cases, counted in the content


def _ids_only(key, value) -> bool:
    """A field of ids: a NOT_PROSE field, or a set's list of finding ids (findings.yaml's list is prose)."""
    return key in NOT_PROSE or (key == "findings" and all(isinstance(v, str) for v in value))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    result = subprocess.run([sys.executable, "-m", "redspots.export", "--output-dir", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "without encryption" not in result.stderr, "kernels for the export talk over local sockets"
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
                                                    "04_treatment_options.ipynb", "06_quiz.ipynb",
                                                    "07_read_a_condition.ipynb")]
    result = subprocess.run([sys.executable, "-m", "redspots.export", "--output-dir", str(out), *chosen],
                            cwd=ROOT, capture_output=True, text=True, timeout=900,
                            env={**__import__("os").environ, "REDSPOTS_DATA": str(data)})
    assert result.returncode == 0, result.stderr[-3000:]
    return out


MAX_PAGE_BYTES = 2_000_000


def test_one_self_contained_page_per_notebook_and_an_index(exported):
    pages = sorted(p.name for p in exported.glob("*.html"))
    assert pages == sorted([f"{n.stem}.html" for n in NOTEBOOKS] + ["cards.html", "emergency-card.html"])
    assert sorted(p.name for p in (exported / "handout").iterdir()) == sorted(f"{n.stem}.html" for n in NOTEBOOKS)
    assert not [p for p in exported.iterdir() if p.suffix != ".html" and p.name != "handout"], \
        "everything is inside the pages"
    for page in [*exported.glob("*.html"), *exported.glob("handout/*.html")]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=", text), f"{page.name} loads a script from elsewhere"
        assert not re.search(r"<link[^>]+href=\"https?:", text), f"{page.name} loads a stylesheet from elsewhere"
        assert ".ipynb\"" not in text, f"{page.name} still links to a notebook file"
        assert page.stat().st_size <= MAX_PAGE_BYTES, f"{page.name}: {page.stat().st_size / 1e6:.2f} MB"
    index = (exported / "index.html").read_text(encoding="utf-8")
    for n in NOTEBOOKS:
        if n.stem != "index":
            assert f'href="{n.stem}.html"' in index


def test_explorer_pages_carry_the_runtime_and_no_widget_renderer(exported):
    for name in ("01_what_are_tiny_red_dots", "02_filter_by_symptom", "03_compare_conditions", "04_treatment_options",
                 "07_read_a_condition"):
        text = (exported / f"{name}.html").read_text(encoding="utf-8")
        assert 'application/vnd.jupyter.widget-state+json' in text and '"model_module": "anywidget"' in text
        assert "Draws the explorers of an exported page" in text, name          # the runtime
        assert "RequireJS" not in text and "@jupyter-widgets/html-manager" not in text, name


def _open_offline(browser, page_path: Path, viewport=(1300, 1000)):
    """The page with every other request blocked, files beside it included (a page must need nothing
    else), its explorers drawn; returns (context, page, blocked urls, errors, dialogs)."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors, dialogs = [], []
    blocked = block_all_but(page, page_path)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    views = page_path.read_text(encoding="utf-8").count('"model_module": "anywidget"')
    if views:
        page.wait_for_selector("html[data-redspots-ready]")
        assert page.locator(".redspots-explorer").count() == views, page_path.name
        assert page.locator(".redspots-runtime-problem").count() == 0, page_path.name
    return context, page, blocked, errors, dialogs


@contextmanager
def _offline_page(page_path: Path, **kwargs):
    """One exported page opened offline; on leaving, asserts that it asked for nothing, raised nothing
    and opened no dialog."""
    with chromium() as browser:
        context, page, blocked, errors, dialogs = _open_offline(browser, page_path, **kwargs)
        try:
            yield page
            assert blocked == [], f"{page_path.name} asked for {blocked[:3]}"
            assert errors == [] and dialogs == [], (errors, dialogs)
        finally:
            context.close()


@pytest.mark.browser
def test_exported_pages_work_offline(exported):
    with chromium() as browser:
        for page_path in sorted([*exported.glob("*.html"), *exported.glob("handout/*.html")]):
            context, page, blocked, errors, dialogs = _open_offline(browser, page_path)
            screenshot(page, f"export-{_kind(page_path)}{page_path.stem}")
            assert blocked == [], f"{page_path.name} tried the network: {blocked[:3]}"
            assert errors == [] and dialogs == [], (errors, dialogs)
            context.close()


def _label(fid: str) -> str:
    import redspots as rs
    return rs.load().findings.loc[fid, "label"]


@pytest.mark.browser
def test_the_symptom_filter_answers_offline(exported):
    """The handout tells the one thing that matters: doesn't fade + fever is an emergency."""
    with _offline_page(exported / "02_filter_by_symptom.html", viewport=(1024, 768)) as page:
        view = page.locator(".redspots-symptom-filter")
        expect(view).to_contain_text("Nothing ticked yet")                 # it opens empty
        for fid in ("non_blanching", "fever"):
            view.get_by_role("checkbox", name=_label(fid), exact=True).check()
        expect(view.locator(".redspots-flags-head")).to_have_text("⚠ EMERGENCY: act on this first")
        expect(view.locator(".redspots-strip")).to_contain_text("EMERGENCY (act now)")
        screenshot(page, "export-filter-emergency")
        view.get_by_role("button", name="Clear all").click()
        for fid in ("rough_texture", "upper_arms_thighs", "worse_in_winter"):
            view.get_by_role("checkbox", name=_label(fid), exact=True).check()
        expect(view.locator(".redspots-ranking ol > li").first).to_contain_text("Keratosis pilaris")
        assert view.locator(".redspots-flags").count() == 0
        # the strip's reminder is read whole, on a projector and on a phone: never cut off
        strip = view.locator(".redspots-strip")
        for width, height in ((1024, 768), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            expect(strip).to_have_text("No warning for what is ticked so far. That does not mean the spots are harmless.")
            assert strip.evaluate("s => s.scrollHeight <= s.clientHeight + 1 && s.scrollWidth <= s.clientWidth + 1"), width


def _controls(view):
    return view.locator("input:visible, select:visible, button:visible")


def _operate(page, control) -> str:
    """Use one control as a person would; returns what was done."""
    kind = control.evaluate("c => c.tagName.toLowerCase() + (c.type ? ':' + c.type : '')")
    if kind == "select:select-one":
        values = control.evaluate("c => [...c.options].map(o => o.value)")
        current = control.input_value()
        control.select_option(next(v for v in values if v != current))
    elif kind == "input:radio" and control.is_checked():
        # the chosen answer of a group: choosing another one of the group is what a person can do with it
        others = control.locator("xpath=ancestor::fieldset[1]//input[@type='radio']")
        other = next(o for o in others.all() if not o.is_checked())
        other.check()
        page.wait_for_function("c => !c.checked", arg=control.element_handle())
    else:
        control.click()
    return kind


@pytest.mark.browser
@pytest.mark.parametrize("name", ["01_what_are_tiny_red_dots", "02_filter_by_symptom", "03_compare_conditions",
                                  "04_treatment_options", "06_quiz", "07_read_a_condition"])
def test_every_control_of_every_page_responds_or_says_why_it_cannot(exported, name):
    """Each visible control changes what its explorer shows; one that cannot is marked disabled and
    the explorer says why in words (a step counter at an end, a limit reached, a choice missing)."""
    with _offline_page(exported / f"{name}.html") as page:
        for v in range(page.locator(".redspots-explorer").count()):
            view = page.locator(".redspots-explorer").nth(v)
            total = _controls(view).count()
            assert total > 0
            for i in range(total):
                controls = _controls(view)
                if i >= controls.count():
                    break
                control = controls.nth(i)
                before = view.inner_text()
                disabled = control.evaluate("c => c.disabled || c.getAttribute('aria-disabled') === 'true'")
                if disabled:
                    reason = view.inner_text()
                    assert re.search(r"\(the (first|last)\)|the most at once|choose two conditions first|"
                                     r"\(choose .+ first\)|\(no answer yet\)", reason), (
                        name, i, control.evaluate("c => c.outerHTML.slice(0, 200)"))
                    continue
                kind = _operate(page, control)
                page.wait_for_function("([el, before]) => el.innerText !== before",
                                       arg=[view.element_handle(), before])
                assert view.inner_text() != before, (name, i, kind)


@pytest.mark.browser
def test_the_quiz_is_answered_and_scored_offline(exported):
    """With every request blocked and no kernel, the exported quiz grades answers and keeps score."""
    with _offline_page(exported / "06_quiz.html", viewport=(1366, 768)) as page:
        view = page.locator(".redspots-quiz")
        score = view.locator(".redspots-score")
        expect(score).to_have_text(f"Score: 0 of 0 right (0 of {N_CASES} cases checked)")     # the state the notebook left
        for _ in range(5):
            view.get_by_role("button", name="Next case →").click()
        expect(view.locator(".redspots-case h4")).to_have_text("Case 6: A student with a fever and spots that do not fade")
        view.get_by_label("Most likely condition").select_option(label="Meningococcal disease (meningitis and septicaemia)")
        view.get_by_role("radio", name="Urgent: NHS 111 or the GP surgery now, seen the same day").check()
        view.get_by_role("button", name="Check answer").click()
        first = view.locator(".redspots-feedback p").first
        expect(first).to_have_text(re.compile("^⚠ EMERGENCY: call 999, 112 or 911 now"))
        expect(view.locator(".redspots-feedback")).to_contain_text("Dangerous mistake")
        expect(score).to_have_text(f"Score: 0 of 1 right (1 of {N_CASES} cases checked)")
        screenshot(page, "export-quiz-emergency")
        view.get_by_role("radio", name="Emergency: call 999 / 112 / 911 now").check()
        view.get_by_role("button", name="Check answer").click()
        expect(score).to_have_text(f"Score: 1 of 1 right (1 of {N_CASES} cases checked)")
        expect(view.locator(".redspots-feedback")).to_contain_text("✔ Right on both counts")


@pytest.mark.browser
def test_treatment_stepper_responds_without_a_kernel(exported):
    with _offline_page(exported / "04_treatment_options.html") as page:
        view = page.locator(".redspots-stepper").first
        shown = view.locator(".redspots-step.redspots-current")
        expect(view.locator(".redspots-where")).to_have_text("Step 1 (choose a condition first)")   # opens empty
        view.get_by_label("Condition").select_option(label="Petechiae")
        expect(shown).to_contain_text("Petechiae: step 1 of")
        view.get_by_role("button", name="Next step →").click()
        expect(shown).to_contain_text("Petechiae: step 2 of")
        screenshot(view, "export-stepper-moved")


@pytest.mark.browser
def test_body_map_responds_without_a_kernel(exported):
    with _offline_page(exported / "01_what_are_tiny_red_dots.html") as page:
        view = page.locator(".redspots-body-map").first
        picture = view.locator("figure img")
        expect(picture).to_have_count(0)                                       # opens with nothing chosen
        view.get_by_label("Condition").select_option(label="Petechiae")
        view.get_by_role("radio", name="Dark skin").check()
        expect(picture).to_have_attribute("alt", re.compile("dark skin.*Petechiae", re.S))
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
        screenshot(view, "export-body-map-moved")


@pytest.mark.browser
def test_a_page_with_an_explorer_and_another_widget_draws_both_offline(tmp_path):
    """Other widgets get the full widget renderer; the explorers still get the runtime."""
    import nbformat

    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                 "language": "python"}})
    notebook.cells = [nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=3, description='Count')"),
                      nbformat.v4.new_code_cell("import redspots as rs\nrs.widgets.TreatmentStepper(value='petechiae')")]
    nbformat.write(notebook, tmp_path / "mixed.ipynb")
    result = subprocess.run([sys.executable, "-m", "redspots.export", "-o", str(tmp_path / "html"),
                             str(tmp_path / "mixed.ipynb")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    text = (tmp_path / "html" / "mixed.html").read_text(encoding="utf-8")
    assert "RequireJS" in text and "Draws the explorers of an exported page" in text
    with _offline_page(tmp_path / "html" / "mixed.html") as page:
        expect(page.locator(".widget-slider .widget-readout")).to_have_text("3", timeout=60_000)
        view = page.locator(".redspots-stepper")
        view.get_by_role("button", name="Next step →").click()
        expect(view.locator(".redspots-step.redspots-current")).to_contain_text("Petechiae: step 2 of")


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
    with _offline_page(tmp_path / "html" / "math.html") as page:
        page.wait_for_function("() => document.querySelectorAll('mjx-container svg').length >= 3", timeout=30_000)
        prose = page.locator(".jp-RenderedMarkdown").inner_text()
        output = page.locator(".jp-OutputArea-output").inner_text()
        assert "\\pi" not in prose and "\\frac" not in output, "TeX left as source"
        assert "It costs $5." in prose                              # an escaped dollar stays a dollar
        screenshot(page, "export-math")


def test_mathjax_only_where_there_is_math(exported):
    for page_path in [*exported.glob("*.html"), *exported.glob("handout/*.html")]:
        assert "<script>window.MathJax = " not in page_path.read_text(encoding="utf-8"), page_path.name


@pytest.mark.browser
def test_print_makes_a_clean_handout(exported, tmp_path):
    with _offline_page(exported / "04_treatment_options.html") as page:
        page.locator(".redspots-stepper").get_by_label("Condition").select_option(label="Keratosis pilaris")
        page.emulate_media(media="print")
        assert not page.locator(".jp-InputPrompt").first.is_visible()
        assert not page.locator(".jp-CodeCell .jp-InputArea").first.is_visible()   # no code on the handout
        assert page.get_by_role("heading", name="Treatment options").first.is_visible()
        import redspots as rs
        steps = len(rs.treatment_plan("keratosis_pilaris"))
        assert page.locator(".redspots-step:visible").count() == steps        # every step, not only the one shown
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
            assert page.evaluate("() => window.__pwned") is None, page_path.name
            assert page.locator("img[onerror]").count() == 0
            assert page.locator("a[href^='javascript:']").count() == 0
            assert dialogs == [] and blocked == [], (page_path.name, dialogs, blocked[:3])
            assert "<script>window.__pwned=1</script>" in page.locator("main").inner_text()  # shown as text
            context.close()


# ---------- handout and projector pages, the index, kernel-only words ----------

def _kind(page_path: Path) -> str:
    return "handout-" if page_path.parent.name == "handout" else ""


def _visible_text(page_html: str) -> str:
    """What a reader of the file sees, roughly: no scripts, no styles, no tags."""
    import html as html_module
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S | re.I)
    return html_module.unescape(re.sub(r"<[^>]+>", " ", text))


def _content_ids() -> set[str]:
    """Every id of the content a learner should never read as such (those with an underscore: an id
    without one, such as "fever", is also a plain word)."""
    docs = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in DATA.glob("*.yaml")}
    ids = {path.stem for path in (DATA / "conditions").glob("*.yaml")}
    ids |= {f["id"] for f in docs["findings.yaml"]["findings"]}
    ids |= {r["id"] for r in docs["red_flags.yaml"]["rules"]} | {s["id"] for s in docs["red_flags.yaml"]["sets"]}
    ids |= {r["id"] for r in docs["references.yaml"]}
    ids |= {c["id"] for c in docs["seed_corrections.yaml"]}
    return {i for i in ids if "_" in i}


def test_handout_pages_have_no_code_ids_or_prompts(exported):
    ids = _content_ids()
    assert {"meningococcal_disease", "non_blanching_with_fever", "non_blanching"} <= ids
    for page_path in sorted((exported / "handout").glob("*.html")):
        page_html = page_path.read_text(encoding="utf-8")
        text = _visible_text(page_html)
        for code in ('class="jp-CodeMirrorEditor', 'class="highlight', '<div class="jp-InputPrompt',
                     '<div class="jp-OutputPrompt'):
            assert code not in page_html, (page_path.name, code)
        assert not re.search(r"\b(In|Out)\s*\[\s*\d*\s*\]", text), page_path.name
        for code in ("NBVAL", "import redspots", "rs.load(", "dtype", "Name: ", "pd.set_option"):
            assert code not in text, (page_path.name, code)
        shown = sorted(i for i in ids if re.search(rf"(?<![\w.]){re.escape(i)}(?![\w])", text))
        assert shown == [], (page_path.name, shown[:5])


def test_the_handouts_keep_what_a_learner_reads(exported):
    start = _visible_text((exported / "handout" / "00_start_here.html").read_text(encoding="utf-8"))
    assert "The glass test" in start and "Read this first." in start
    assert "EMERGENCY: act on this first" in start                       # the warnings banner
    page_html = (exported / "handout" / "00_start_here.html").read_text(encoding="utf-8")
    assert page_html.count('aria-labelledby="rs-glass-test-') == 2      # both glass-test pictures
    for name in ("02_filter_by_symptom", "03_compare_conditions", "04_treatment_options"):
        assert '"model_module": "anywidget"' in (exported / "handout" / f"{name}.html").read_text(encoding="utf-8")
    # pandas tables stay where words can replace the ids: column names and a vocabulary's values as words
    articles = _visible_text((exported / "handout" / "05_reading_health_articles_critically.html").read_text(
        encoding="utf-8"))
    assert "Why it matters" in articles and "Seed says" in articles
    treatment = _visible_text((exported / "handout" / "04_treatment_options.html").read_text(encoding="utf-8"))
    assert "you (self-care)" in treatment and "Gentle skin care at home" in treatment
    summaries = _visible_text((exported / "handout" / "01_what_are_tiny_red_dots.html").read_text(encoding="utf-8"))
    assert "Does not fade when pressed" in summaries and "Cherry angioma" in summaries


def test_the_index_links_every_page_its_handout_and_the_emergency_card(exported):
    index = (exported / "index.html").read_text(encoding="utf-8")
    for n in NOTEBOOKS:
        if n.stem != "index":
            assert f'href="{n.stem}.html"' in index and f'href="handout/{n.stem}.html"' in index, n.stem
    assert 'href="emergency-card.html"' in index
    handout_index = (exported / "handout" / "index.html").read_text(encoding="utf-8")
    assert 'href="../emergency-card.html"' in handout_index
    assert 'href="00_start_here.html"' in handout_index and "handout/handout" not in handout_index


def test_kernel_only_words_are_left_out_of_every_page(exported):
    # they are in the notebooks, for JupyterLab
    assert "Shift + Enter" in (ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8")
    for page_path in [*exported.glob("*.html"), *exported.glob("handout/*.html")]:
        text = _visible_text(page_path.read_text(encoding="utf-8"))
        for words in ("Shift + Enter", "Run All Cells", "Run → Run"):
            assert words not in text, (page_path.name, words)


@pytest.mark.browser
@pytest.mark.parametrize("folder", ["", "handout"])
def test_print_shows_every_step_and_no_kernel_instructions(exported, folder):
    import redspots as rs
    with _offline_page(exported / folder / "04_treatment_options.html") as page:
        page.locator(".redspots-stepper").get_by_label("Condition").select_option(label="Keratosis pilaris")
        page.emulate_media(media="print")
        steps = len(rs.treatment_plan("keratosis_pilaris"))
        assert page.locator(".redspots-step:visible").count() == steps
        # each label sits above its text ("Who gives it", then who), not floated away from it
        misplaced = page.evaluate("""() => [...document.querySelectorAll('.redspots-step dt')].filter(dt => {
            const a = dt.getBoundingClientRect(), b = dt.nextElementSibling.getBoundingClientRect();
            const before = dt.previousElementSibling && dt.previousElementSibling.getBoundingClientRect();
            return b.top < a.bottom - 1 || (before && a.top < before.bottom - 1) || Math.abs(b.left - a.left) > 40;
        }).map(dt => dt.textContent)""")
        assert misplaced == [], misplaced
    with _offline_page(exported / folder / "00_start_here.html") as page:
        page.emulate_media(media="print")
        printed = page.locator("body").inner_text()
        assert "Shift + Enter" not in printed and "Run All Cells" not in printed
        assert "The glass test" in printed


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [(1366, 768), (390, 844)])
def test_the_emergency_advice_is_the_first_bold_thing_on_the_index(exported, viewport):
    with _offline_page(exported / "index.html", viewport=viewport) as page:
        first_bold = page.evaluate("""() => {
            const all = [...document.querySelectorAll('main *')].filter(e =>
                e.children.length === 0 && e.textContent.trim() && parseInt(getComputedStyle(e).fontWeight) >= 600);
            const strong = document.querySelector('main strong, main b');
            const box = strong.getBoundingClientRect();
            return {bold: all[0].textContent, strong: strong.textContent, bottom: box.bottom, right: box.right};
        }""")
        for text in (first_bold["bold"], first_bold["strong"]):
            assert "emergency help" in text and "999" in text and "112" in text and "911" in text, text
        assert first_bold["bottom"] <= viewport[1] and first_bold["right"] <= viewport[0]
        card = page.get_by_role("link", name="Print the one-page emergency card")
        box = card.bounding_box()
        assert box and box["y"] + box["height"] <= viewport[1], "the card's link is on the first screen"
        screenshot(page, f"export-index-{viewport[0]}x{viewport[1]}")


@pytest.mark.browser
def test_nothing_spills_sideways_on_a_projector(exported):
    """At 1024x768 no page scrolls sideways, and the comparison reads without a sideways scrollbar."""
    with chromium() as browser:
        for page_path in sorted([*exported.glob("*.html"), *exported.glob("handout/*.html")]):
            context, page, blocked, errors, dialogs = _open_offline(browser, page_path, viewport=(1024, 768))
            width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], (page_path.relative_to(exported), width)
            if page_path.stem == "03_compare_conditions":
                view = page.locator(".redspots-comparison").first
                for name in view.locator("button[aria-pressed='false']").all_inner_texts()[:5]:
                    button = view.get_by_role("button", name=name, exact=True)
                    if button.get_attribute("aria-disabled") == "true":
                        break
                    button.click()
                table = view.locator(".redspots-scroll").first
                sizes = table.evaluate("t => [t.scrollWidth, t.clientWidth, t.querySelectorAll('thead th').length]")
                assert sizes[2] >= 6, sizes                      # five conditions and the feature column
                assert sizes[0] <= sizes[1], (page_path.relative_to(exported), sizes)
                screenshot(view, f"export-{_kind(page_path)}compare-1024")
            context.close()


def test_nbconvert_no_input_gives_a_page_with_no_code(tmp_path):
    """The nbconvert command line, as a teacher would type it, gives the same no-code page."""
    result = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "redspots", "--no-input",
                             "--output-dir", str(tmp_path), str(ROOT / "notebooks" / "04_treatment_options.ipynb")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    page_html = (tmp_path / "04_treatment_options.html").read_text(encoding="utf-8")
    text = _visible_text(page_html)
    assert 'class="jp-CodeMirrorEditor' not in page_html and '<div class="jp-InputPrompt' not in page_html
    assert "rs.treatment_plan(" not in text and "dtype" not in text and "self_care" not in text
    assert "Run All Cells" not in text
    assert "Treatment options" in text and '"model_module": "anywidget"' in page_html      # the stepper stays


@pytest.mark.browser
def test_no_handout_sentence_leads_in_to_nothing(exported):
    """Where a handout leaves an output out, the sentence that introduced it ("... from its table:")
    goes too: a paragraph ending in a colon is followed by what it announces."""
    with chromium() as browser:
        for page_path in sorted(exported.glob("handout/*.html")):
            context, page, blocked, errors, dialogs = _open_offline(browser, page_path)
            dangling = page.evaluate("""() => [...document.querySelectorAll('.jp-Cell')].flatMap((cell, i, cells) => {
                const last = [...cell.querySelectorAll('.jp-RenderedMarkdown > :is(p, ul, ol)')].pop();
                if (!last || !last.textContent.trim().endsWith(':')) return [];
                const next = cells[i + 1];
                const shown = next && (next.classList.contains('jp-MarkdownCell')
                    || next.querySelector('.jp-OutputArea-output'));
                return shown ? [] : [last.textContent.trim().slice(-80)];
            })""")
            context.close()
            assert dangling == [], f"{page_path.name}: {dangling}"


def test_a_table_in_words_reads_from_the_left_with_its_sizes_in_words(exported):
    """JupyterLab right-aligns output tables (for numbers); a table put in words holds sentences, and a
    style of the page's own must win over JupyterLab's."""
    page_path = exported / "handout" / "01_what_are_tiny_red_dots.html"
    with chromium() as browser:
        context, page, blocked, errors, dialogs = _open_offline(browser, page_path)
        aligned = page.evaluate("""() => [...document.querySelectorAll('.redspots-table :is(th, td)')]
            .map(cell => getComputedStyle(cell).textAlign)""")
        heads = page.locator(".redspots-table th").all_inner_texts()
        context.close()
    assert aligned and set(aligned) == {"left"}
    assert {"From (mm)", "Up to (mm)", "Smallest (mm)", "Largest (mm)"} <= set(heads)


@pytest.fixture(scope="module")
def reading_export(tmp_path_factory) -> Path:
    """The symptom filter and the condition reader, exported as make html does (page and handout)."""
    out = tmp_path_factory.mktemp("reading")
    chosen = [str(ROOT / "notebooks" / n) for n in ("02_filter_by_symptom.ipynb", "07_read_a_condition.ipynb")]
    result = subprocess.run([sys.executable, "-m", "redspots.export", "--output-dir", str(out), *chosen],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def _first_facts(cid: str) -> list[str]:
    """The first cause, symptom, diagnosis and when-to-see-a-doctor fact of a condition's page."""
    import redspots as rs
    page = rs.condition_page(cid)
    return [page[key][0]["text"] for key in ("causes", "symptoms", "diagnosis")] + [
        page["see_a_doctor"][0]["items"][0]["when"]]


@pytest.mark.browser
@pytest.mark.parametrize("folder", [".", "handout"])
def test_a_condition_is_read_offline_from_the_ranking_and_from_the_reader(reading_export, folder):
    import redspots as rs
    t = rs.load()
    with _offline_page(reading_export / folder / "02_filter_by_symptom.html") as page:
        view = page.locator(".redspots-symptom-filter")
        expect(view).to_contain_text("Nothing ticked yet")                 # it opens empty
        for fid in ("non_blanching", "fever"):
            view.get_by_role("checkbox", name=_label(fid), exact=True).check()
        banner = view.locator(".redspots-flags")
        expect(banner).to_contain_text("EMERGENCY")
        first = view.locator(".redspots-ranking ol > li").first
        cid = rs.match(["non_blanching", "fever"]).index[0]
        button = first.get_by_role("button", name=f"Read about {t.conditions.loc[cid, 'name']}", exact=True)
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        panel = first.locator(".redspots-read-panel")
        for text in _first_facts(cid):
            expect(panel).to_contain_text(text)
        # the warning is still first: above the page that was opened
        assert banner.bounding_box()["y"] < panel.bounding_box()["y"]
        screenshot(page, f"export-{folder.strip('.')}read-from-ranking")
    with _offline_page(reading_export / folder / "07_read_a_condition.html") as page:
        view = page.locator(".redspots-condition-reader")
        cid = "acute_leukaemia"
        view.get_by_label("Condition").select_option(label=t.conditions.loc[cid, "name"])
        article = view.locator("article.redspots-page")
        expect(article.locator("h3")).to_have_text(t.conditions.loc[cid, "name"])
        for text in _first_facts(cid):
            expect(article).to_contain_text(text)
        assert article.locator(".redspots-refs a[href^='https://']").count() == len(rs.condition_page(cid)["sources"])
        screenshot(page, f"export-{folder.strip('.')}read-from-reader")


# ---------- learner first: explorers open empty, no code words, titles, the index's links ----------

#: What each explorer holds when a learner first meets it (written by hand: nothing ticked or chosen, step 1).
EMPTY = {"filter": {"value": [], "ruled_out": []}, "compare": {"value": [], "distinguishing_only": False},
         "stepper": {"value": None, "step": 1}, "bodymap": {"value": None}, "reader": {"value": None},
         "quiz": {"value": {}}}


def _shown_models(page_html: str) -> list[dict]:
    """The saved state of every anywidget model a page shows (its views), in page order."""
    import json
    block = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', page_html, re.S)
    if not block:
        return []
    state = json.loads(block.group(1))["state"]
    views = re.findall(r'<script type="application/vnd.jupyter.widget-view\+json">(.*?)</script>', page_html, re.S)
    return [state[json.loads(v)["model_id"]]["state"] for v in views
            if state[json.loads(v)["model_id"]]["model_module"] == "anywidget"]


def test_the_saved_state_of_every_explorer_a_learner_meets_is_empty(exported):
    """No browser: the widget state written into each page and handout holds empty values, so the page opens
    with nothing ticked, no condition chosen and step 1 (demonstrations from code use other objects)."""
    first_case = yaml.safe_load((DATA / "quiz.yaml").read_text(encoding="utf-8"))
    first_case = (first_case["cases"] if isinstance(first_case, dict) else first_case)[0]["id"]
    seen = set()
    for page_path in sorted([*exported.glob("*.html"), *exported.glob("handout/*.html")]):
        for model in _shown_models(page_path.read_text(encoding="utf-8")):
            view = model["_view"]
            seen.add(view)
            held = {key: model.get(key) for key in EMPTY[view]}
            assert held == EMPTY[view], (page_path.relative_to(exported).as_posix(), view, held)
            if view == "quiz":
                assert model["case"] == first_case, page_path.name
    assert seen == set(EMPTY), "every kind of explorer is in some page"


@pytest.mark.browser
def test_every_explorer_opens_empty_in_every_page_and_handout(exported):
    """The first view of each explorer on each exported page and handout, offline, as a learner sees it."""
    pages = [p for p in sorted([*exported.glob("*.html"), *exported.glob("handout/*.html")])
             if '"model_module": "anywidget"' in p.read_text(encoding="utf-8")]
    assert len(pages) == 12                                   # six lessons with an explorer, page and handout
    with chromium() as browser:
        for page_path in pages:
            context, page, blocked, errors, dialogs = _open_offline(browser, page_path, viewport=(1024, 768))
            try:
                assert page.locator(".redspots-explorer").count() >= 1
                problems = page.evaluate(FIRST_VIEW_PROBLEMS)
                assert problems == [], (page_path.relative_to(exported).as_posix(), problems)
                assert errors == [] and blocked == [], (errors, blocked)
            finally:
                context.close()


def test_pages_with_no_code_say_no_code_words(exported):
    """Handouts (the teacher guide's too) and the index speak to learners: no function names, traits or
    talk of kernels; those sentences live in cells tagged for code readers (and stay in the code pages)."""
    no_code = [*sorted(exported.glob("handout/*.html")), exported / "index.html"]
    for page_path in no_code:
        text = _visible_text(page_path.read_text(encoding="utf-8"))
        shown = [w for w in CODE_WORDS if w in text]
        assert shown == [], (page_path.relative_to(exported).as_posix(), shown)
    # the same sentences are still there for a code reader
    code_page = _visible_text((exported / "02_filter_by_symptom.html").read_text(encoding="utf-8"))
    assert "ruled_out=" in code_page and "symptom_filter.value" in code_page


def _h1(notebook: Path) -> str:
    """The first level-1 heading of a notebook, read from the .ipynb file (plain text, no Markdown marks)."""
    import json
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip().replace("*", "").replace("`", "")
    raise AssertionError(f"{notebook.name} has no title")


def test_page_titles_are_the_notebooks_titles(exported):
    import html as html_module
    assert _h1(ROOT / "notebooks" / "02_filter_by_symptom.ipynb") == "Filter by symptom"
    for notebook in NOTEBOOKS:
        for page_path in (exported / f"{notebook.stem}.html", exported / "handout" / f"{notebook.stem}.html"):
            title = re.search(r"<title>(.*?)</title>", page_path.read_text(encoding="utf-8"), re.S).group(1)
            assert html_module.unescape(title).strip() == _h1(notebook), page_path.relative_to(exported).as_posix()


def _links(page_path: Path) -> list[str]:
    return [h for h in re.findall(r'<a\b[^>]*\bhref="([^"]+)"', page_path.read_text(encoding="utf-8"))
            if not re.match(r"[a-z]+:|#", h)]


def test_the_index_shows_no_code_and_every_link_resolves(exported):
    for index in (exported / "index.html", exported / "handout" / "index.html"):
        page_html = index.read_text(encoding="utf-8")
        assert 'class="jp-CodeMirrorEditor' not in page_html and '<div class="jp-InputPrompt' not in page_html
        assert "pd.set_option" not in _visible_text(page_html)
        missing = [h for h in _links(index) if not (index.parent / h.split("#")[0]).resolve().is_file()]
        assert missing == [], (index.name, missing)
    linked = set(_links(exported / "index.html"))
    wanted = {"cards.html", "emergency-card.html"} | {f"{n.stem}.html" for n in NOTEBOOKS if n.stem != "index"}
    wanted |= {f"handout/{n.stem}.html" for n in NOTEBOOKS if n.stem != "index"}
    assert wanted <= linked, sorted(wanted - linked)
    # no deck was built beside this export: the index says how to make them instead of linking nothing
    assert not any("slides" in h for h in linked)
    assert "make slides" in _visible_text((exported / "index.html").read_text(encoding="utf-8"))


def test_the_index_links_the_decks_where_make_slides_puts_them(tmp_path):
    """make html writes build/html and make slides build/slides: a built deck is linked as ../slides/NAME."""
    from redspots.export import materials
    lessons = [ROOT / "notebooks" / "01_what_are_tiny_red_dots.ipynb", ROOT / "notebooks" / "06_quiz.ipynb"]
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "06_quiz.slides.html").write_text("<!DOCTYPE html><title>deck</title>", encoding="utf-8")
    page = materials(lessons, tmp_path / "html")
    assert "[Test yourself: a quiz](../slides/06_quiz.slides.html)" in page
    assert "01_what_are_tiny_red_dots.slides" not in page and "make slides" in page       # the one not built
    assert "[The scenario cards](../cards.html)" in materials(lessons, tmp_path / "html", "../")


_EXPORT_THEN_COLLECT = """
import gc, logging, sys
logging.basicConfig(level=logging.WARNING)     # so a warning logged while collecting reaches stderr
from redspots import export
try:
    status = export.main(sys.argv[1:])
finally:
    gc.collect()                               # what a longer export does between notebooks
sys.exit(status)
"""


def test_the_exporter_leaves_no_kernel_client_open(tmp_path):
    """nbconvert's "Could not destroy zmq context" came from a kernel client garbage-collected with its
    channels open: nbclient leaves the client of a kernel manager it was handed connected. The exporter
    stops it; collecting every object after an export of one notebook logs no such line."""
    result = subprocess.run([sys.executable, "-c", _EXPORT_THEN_COLLECT, "--output-dir", str(tmp_path),
                             str(ROOT / "notebooks" / "00_start_here.ipynb")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "00_start_here.html").exists()
    assert "Could not destroy zmq context" not in result.stderr, result.stderr[-3000:]
    assert "without encryption" not in result.stderr


def test_the_exported_index_takes_its_emergency_advice_from_safety_yaml(content_copy, tmp_path):
    """The index notebook's emergency cell is written, in every exported index, from the statement
    get_help_now of the content it runs on: rewording it in safety.yaml rewords the index."""
    old = said("get_help_now")
    assert old in " ".join((ROOT / "notebooks" / "index.ipynb").read_text(encoding="utf-8").split())
    new = ("New words for the index test: spots that will not fade with a fever, in a baby or child, or in "
           "anyone unwell mean 999, 112 or 911 straight away; anyone else with such spots calls NHS 111 now.")
    set_statement(content_copy, "get_help_now", new)
    out = tmp_path / "html"
    result = subprocess.run([sys.executable, "-m", "redspots.export", "--output-dir", str(out),
                             str(ROOT / "notebooks" / "index.ipynb")], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, env={**__import__("os").environ, "REDSPOTS_DATA": str(content_copy)})
    assert result.returncode == 0, result.stderr[-3000:]
    for index in (out / "index.html", out / "handout" / "index.html"):
        text = " ".join(_visible_text(index.read_text(encoding="utf-8")).split())
        assert new in text and old not in text, index.relative_to(out).as_posix()
        # the cell's own bold call to act comes first, then the statement
        assert text.index("If you are worried about someone now, get emergency help") < text.index(new)
