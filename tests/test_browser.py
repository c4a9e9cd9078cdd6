"""Every notebook in JupyterLab in headless Chromium: Run All, no errors, then operate each explorer.

Screenshots go to test-artifacts/browser/.
"""
from __future__ import annotations

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
    view.get_by_role("button", name="Clear all").click()
    expect(view).to_contain_text("Nothing ticked yet")
    view.get_by_role("checkbox", name=_label("non_blanching")).check()
    fever = view.get_by_role("checkbox", name=_label("fever"))
    fever.focus()
    page.keyboard.press("Space")                       # the keyboard alone ticks a finding
    banner = view.locator(".redspots-flags")
    expect(banner).to_contain_text("EMERGENCY")
    expect(view).to_contain_text("2 findings selected")
    ranking = view.locator(".redspots-ranking")
    first = ranking.locator("li").first
    expect(first).to_contain_text("Meningococcal disease")          # the cause of the emergency ranks first
    expect(first).to_contain_text("Can cause the warning above")
    box = banner.bounding_box(), ranking.bounding_box()
    assert box[0]["y"] < box[1]["y"], "the warning banner must sit above the results"
    # the suggested question is answered with its buttons: "No" rules it out and the next one is asked
    # (what is asked is tested in test_safety.py; here: the page shows what Python answers)
    label = rs.load().findings.label
    asked = rs.next_question(["non_blanching", "fever"])
    question = view.locator(".redspots-guide")
    expect(question).to_contain_text("Ask about this next: " + label[asked])
    view.get_by_role("button", name="No", exact=True).click()
    expect(question).to_contain_text("Answered no: " + label[asked])
    expect(question).to_contain_text(
        "Ask about this next: " + label[rs.next_question(["non_blanching", "fever"], ruled_out=[asked])])
    expect(banner).to_contain_text("EMERGENCY")                     # a "no" never lowers a warning
    screenshot(view, "explorer-symptom-filter")
    assert errors_on(page) == []


def test_condition_comparison_in_the_browser(page):
    page, base, token = page
    run_all(page, base, token, "03_compare_conditions.ipynb")
    view = page.locator(".redspots-comparison")
    table = view.locator("table.redspots-compare")
    assert "Rheumatic fever" in table.locator("thead").inner_text()
    rows_before = table.locator("tbody tr").count()
    view.get_by_role("button", name="Cherry angioma").click()
    page.wait_for_function("() => document.querySelector('.redspots-compare thead').innerText.includes('Cherry')")
    view.get_by_role("checkbox", name="Show only the rows that tell them apart").uncheck()
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
    shown = view.locator(".redspots-step:visible")
    expect(shown).to_contain_text(f"Petechiae: step 1 of {total}")
    view.get_by_role("button", name="Next step").click()
    expect(shown).to_contain_text(f"Petechiae: step 2 of {total}")
    view.locator(".noUi-handle:visible").first.focus()
    page.keyboard.press("ArrowRight")                  # the slider moves with the keyboard alone
    expect(shown).to_contain_text(f"Petechiae: step 3 of {total}")
    screenshot(view, "explorer-treatment-stepper")
    assert errors_on(page) == []
