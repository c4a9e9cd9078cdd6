"""What each explorer shows, drawn by the shipped browser code in headless Chromium.

Each test builds a real widget in Python, writes a page the way an exported notebook holds it (the
widget's saved state and a view of it) and opens it with redspots' page runtime, with no kernel and
the network blocked. ``push`` sends Python's ``.value`` to the view as JupyterLab would; ``pull``
applies what clicks in the view changed back to the Python widget, through its validation. Expected
values are written by hand from the content and its references.
"""
from __future__ import annotations

import dataclasses
import json
import re
from importlib import resources

import ipywidgets
import pytest
from playwright.sync_api import expect

import redspots as rs
from browser import chromium
from conftest import finding_labels, rule_title, said
from redspots import widgets as rw
from redspots import words

pytestmark = pytest.mark.browser
RUNTIME = (resources.files("redspots") / "static" / "page-runtime.js").read_text(encoding="utf-8")
KP = ["rough_texture", "upper_arms_thighs", "worse_in_winter"]

N_CASES = len(rs.quiz_cases())    # the quiz's cases, counted in the content


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def show(browser, tmp_path):
    """show(widget) -> (page, view): the widget drawn from its saved state in a page of its own."""
    contexts = []

    def show(widget, *, width=1366, height=900):
        state = ipywidgets.Widget.get_manager_state(widgets=[widget])
        view = {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}
        safe = lambda data: json.dumps(data).replace("</", "<\\/")  # noqa: E731
        page_html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>explorer</title></head><body>'
                     f'<div class="jupyter-widgets jp-OutputArea-output">'
                     f'<script type="application/vnd.jupyter.widget-view+json">{safe(view)}</script></div>'
                     f'<script type="application/vnd.jupyter.widget-state+json">{safe(state)}</script>'
                     f'<script>{RUNTIME}</script></body></html>')
        path = tmp_path / f"{widget.model_id}.html"
        path.write_text(page_html, encoding="utf-8")
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri() else route.abort())
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-redspots-ready]")
        page.errors = errors
        return page, page.locator(".redspots-explorer")

    yield show
    for context in contexts:
        context.close()


def push(page, **traits):
    """Set traits on the view's model, as JupyterLab does when Python changes them."""
    page.evaluate("""(traits) => {
        const model = document.querySelector('.redspots-explorer').redspotsModel;
        for (const [k, v] of Object.entries(traits)) model.set(k, v);
    }""", traits)


def pull(page, widget, *names):
    """Apply the view's state to the Python widget, as the kernel does when the view saves changes."""
    state = page.evaluate("""(names) => {
        const model = document.querySelector('.redspots-explorer').redspotsModel;
        return Object.fromEntries(names.map(n => [n, model.get(n)]));
    }""", list(names))
    widget.set_state(state)


def label(fid: str) -> str:
    return rs.load().findings.loc[fid, "label"]


# --- SymptomFilter -----------------------------------------------------------------------------

def test_an_empty_filter_guides_and_has_nothing_to_clear(show):
    page, view = show(rw.SymptomFilter())
    expect(view).to_contain_text("Nothing ticked yet")
    expect(view).to_contain_text("0 findings selected")
    expect(view.locator(".redspots-strip")).to_have_text(words.TEXT["no_warning"])
    clear = view.get_by_role("button", name="Clear all")
    expect(clear).to_be_hidden()                                       # nothing to clear yet
    assert view.locator(".redspots-flags").count() == 0


def test_ticking_rough_skin_upper_arms_and_winter_ranks_keratosis_pilaris_first(show):
    f = rw.SymptomFilter()
    page, view = show(f)
    for fid in reversed(KP):
        view.get_by_role("checkbox", name=label(fid), exact=True).check()
    first = view.locator(".redspots-ranking ol > li").first
    expect(first).to_contain_text("Keratosis pilaris")
    expect(first).to_contain_text("strong match (6 of 6 points)")
    expect(view).to_contain_text("3 findings selected")
    assert view.locator(".redspots-flags").count() == 0
    pull(page, f, "value")
    assert f.value == ("rough_texture", "upper_arms_thighs", "worse_in_winter")


def test_doesnt_fade_and_fever_raise_the_emergency_banner_and_the_cause_ranks_first(show):
    page, view = show(rw.SymptomFilter())
    view.get_by_role("checkbox", name=label("non_blanching"), exact=True).check()
    view.get_by_role("checkbox", name=label("fever"), exact=True).focus()
    page.keyboard.press("Space")                                       # the keyboard alone ticks
    banner = view.locator(".redspots-flags")
    expect(banner.locator(".redspots-flags-head")).to_have_text("⚠ EMERGENCY: act on this first")
    expect(banner.locator("li").first).to_contain_text("EMERGENCY (act now): Spots that don't fade, with a fever")
    # the rule ends with the safety statement it names in red_flags.yaml, as safety.yaml words it
    expect(banner.locator("li").first.locator(".redspots-more")).to_have_text(f"More: {said('non_blanching_with_fever')}")
    expect(view.locator(".redspots-strip")).to_contain_text("⚠ EMERGENCY (act now)")
    first = view.locator(".redspots-ranking ol > li").first
    expect(first).to_contain_text("Meningococcal disease")
    expect(first).to_contain_text("Can cause the warning above: act on the warning first.")
    assert banner.bounding_box()["y"] < view.locator(".redspots-ranking").bounding_box()["y"]


def test_the_findings_never_move_when_a_warning_appears(show):
    page, view = show(rw.SymptomFilter(), width=1024, height=768)
    # where the list sits on the page, and each checkbox in the list (scrolling aside)
    where = """() => {
        const list = document.querySelector('.redspots-list');
        const top = list.getBoundingClientRect().top + window.scrollY;
        return [top, ...[...list.querySelectorAll('input')].map(
            box => box.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop)];
    }"""
    before = page.evaluate(where)
    view.get_by_role("checkbox", name=label("non_blanching"), exact=True).check()
    view.get_by_role("checkbox", name=label("fever"), exact=True).check()
    expect(view.locator(".redspots-flags")).to_be_visible()
    assert page.evaluate(where) == before


def test_the_question_is_answered_with_its_buttons_and_a_late_click_answers_nothing(show):
    f = rw.SymptomFilter()
    page, view = show(f)
    push(page, value=["flat_spots"])
    question = view.locator(".redspots-question")
    # the glass test is asked first, and its answers are the choices of its group, in file order
    answers = finding_labels("press_test")
    expect(question).to_contain_text(f"Ask about this next: {label('non_blanching')}")
    assert question.get_by_role("button").all_inner_texts() == answers
    question.get_by_role("button", name=label("blanching"), exact=True).click()
    expect(question).to_contain_text("Ask about this next: Fever")
    pull(page, f, "value", "ruled_out")
    assert f.value == ("flat_spots", "blanching")
    assert question.get_by_role("button").all_inner_texts() == ["Yes", "No"]
    page.evaluate("window.oldYes = [...document.querySelectorAll('.redspots-answers button')][0]")
    question.get_by_role("button", name="No", exact=True).click()
    expect(question).to_contain_text("Answered no: " + label("fever"))
    page.evaluate("window.oldYes.click()")                             # a late click on the old question
    pull(page, f, "value", "ruled_out")
    assert f.value == ("flat_spots", "blanching") and f.ruled_out == ("fever",)
    view.get_by_role("button", name="Clear all").click()
    pull(page, f, "value", "ruled_out")
    assert f.value == () and f.ruled_out == ()


def test_a_double_click_answers_one_question_and_the_keyboard_keeps_its_place(show):
    f = rw.SymptomFilter(value=["ring_shaped_rash", "blood_in_poo", "blanching"])
    page, view = show(f)
    question = view.locator(".redspots-question")
    expect(question).to_contain_text("Ask about this next: " + label("feeling_very_unwell"))
    question.get_by_role("button", name="No", exact=True).click()
    expect(question).to_contain_text("Answered no: " + label("feeling_very_unwell"))
    # the second click of a double-click, landing on the next question's button where the first one was
    question.get_by_role("button", name="No", exact=True).dispatch_event("click", {"detail": 2})
    pull(page, f, "value", "ruled_out")
    assert f.ruled_out == ("feeling_very_unwell",), "the second click answered the next question unread"
    question.get_by_role("button", name="No", exact=True).focus()
    page.keyboard.press("Enter")
    expect(question).to_contain_text("Answered no: " + label("feeling_very_unwell") + "; ")
    assert page.evaluate("document.activeElement.closest('.redspots-question') !== null")


def test_an_age_question_offers_every_age_band(show):
    f = rw.SymptomFilter(value=["purple_or_brown", "non_blanching"], ruled_out=["feeling_very_unwell", "fever"])
    page, view = show(f)
    question = view.locator(".redspots-question")
    assert question.get_by_role("button").all_inner_texts() == [
        "Baby under 3 months old", "Baby or young child (3 months to under 5)", "Child aged 5–15",
        "Teenager or young adult (16–29)", "Adult over 30"]
    question.get_by_role("button", name="Child aged 5–15").click()
    expect(view.locator(".redspots-flags-head")).to_contain_text("EMERGENCY")
    pull(page, f, "value")
    assert "child_5_to_15" in f.value


def test_a_glass_test_instruction_leads_the_banner_when_it_is_not_done(show):
    page, view = show(rw.SymptomFilter(value=["fever", "pinpoint_under_2mm"]))
    first = view.locator(".redspots-flags li").first
    expect(first).to_contain_text(f"EMERGENCY (act now): {rule_title('fever_spots_glass_not_done')}")
    expect(first).to_contain_text("Do the glass test now")


def test_python_and_the_view_stay_in_step_both_ways(show):
    f = rw.SymptomFilter()
    page, view = show(f)
    push(page, value=["non_blanching", "fever"])                     # Python -> view
    expect(view.get_by_role("checkbox", name=label("fever"), exact=True)).to_be_checked()
    view.get_by_role("checkbox", name=label("fever"), exact=True).uncheck()       # view -> Python
    pull(page, f, "value")
    assert f.value == ("non_blanching",)


# --- ConditionComparison ----------------------------------------------------------------------------

def test_the_comparison_chooses_with_buttons_and_says_why_a_sixth_cannot_be_added(show):
    c = rw.ConditionComparison()
    page, view = show(c)
    expect(view).to_contain_text("Choose at least two conditions")
    for name in ("Petechiae", "Cherry angioma"):
        view.get_by_role("button", name=name, exact=True).click()
    table = view.locator("table.redspots-compare")
    expect(table.locator("thead")).to_contain_text("Petechiae")
    glass = table.locator("tr", has=page.locator("th", has_text=re.compile(r"^(≠ )?Glass test$")))
    assert glass.locator("td").all_inner_texts() == ["Does not fade when pressed", "May or may not fade when pressed"]
    rows = table.locator("tbody tr").count()
    view.get_by_role("checkbox", name="Show only the rows that tell them apart").check()
    expect(table.locator("tbody tr")).not_to_have_count(rows)
    assert view.locator("tr.redspots-differs").count() == view.locator("tbody tr:not(:has(.redspots-section))").count()
    for name in ("Rheumatic fever", "Scarlet fever", "Keratosis pilaris"):
        view.get_by_role("button", name=name, exact=True).click()
    sixth = view.get_by_role("button", name="Senile purpura (actinic purpura)", exact=True)
    expect(sixth).to_have_attribute("aria-disabled", "true")
    expect(view.locator(".redspots-hint")).to_contain_text("the most at once: untick one")
    sixth.click(force=True)                                            # a click on it changes nothing
    pull(page, c, "value", "distinguishing_only")
    assert c.value == ("petechiae", "cherry_angioma", "rheumatic_fever", "scarlet_fever", "keratosis_pilaris")
    assert c.distinguishing_only
    expect(view.get_by_role("button", name="✓ Petechiae", exact=True)).to_have_attribute("aria-pressed", "true")


# --- TreatmentStepper ---------------------------------------------------------------------------------

def test_the_stepper_keeps_its_buttons_in_place_and_focus_at_the_last_step(show):
    s = rw.TreatmentStepper(value="keratosis_pilaris")
    page, view = show(s)
    total = len(rs.treatment_plan("petechiae"))
    view.get_by_label("Condition").select_option(label="Petechiae")
    current = view.locator(".redspots-step.redspots-current")
    expect(current).to_contain_text(f"Petechiae: step 1 of {total}")
    first = rs.treatment_plan("petechiae").iloc[0]
    assert current.locator("dt").all_inner_texts() == ["What", "When it is used", "Who gives it", "What to expect",
                                                       "Go further if"]
    assert current.locator("dd").first.inner_text() == first["what"]
    pull(page, s, "value")
    nxt = view.get_by_role("button", name="Next step →")
    place = nxt.bounding_box()
    for k in range(2, total + 1):
        nxt.focus()
        page.keyboard.press("Enter")
        expect(current).to_contain_text(f"Petechiae: step {k} of {total}")
        assert nxt.bounding_box() == place
    expect(nxt).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("Enter")                                       # nothing further, focus kept
    expect(current).to_contain_text(f"step {total} of {total}")
    assert page.evaluate("document.activeElement.textContent") == "Next step →"
    pull(page, s, "step")
    assert (s.value, s.step) == ("petechiae", total)
    page.emulate_media(media="print")                                  # a printout shows every step
    expect(view.locator(".redspots-step:visible")).to_have_count(total)


# --- BodyMap ----------------------------------------------------------------------------------------------

def test_the_body_map_switches_condition_and_skin_tone(show):
    m = rw.BodyMap()
    page, view = show(m)
    view.get_by_label("Condition").select_option(label="Leukocytoclastic vasculitis (LCV)")
    view.get_by_role("radio", name="Dark skin").check()
    picture = view.locator("figure img")
    expect(picture).to_have_attribute("alt", re.compile("dark skin.*Leukocytoclastic vasculitis", re.S))
    expect(view).to_contain_text("On darker skin:")
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    pull(page, m, "value", "skin")
    assert (m.value, m.skin) == ("leukocytoclastic_vasculitis", "dark")


# --- Quiz ----------------------------------------------------------------------------------------

def test_the_quiz_is_answered_checked_and_scored_with_the_mouse_and_the_keyboard(show):
    q = rw.Quiz()
    page, view = show(q, width=1024, height=768)
    score = view.locator(".redspots-score")
    expect(score).to_have_text(f"Score: 0 of 0 right (0 of {N_CASES} cases checked)")
    expect(view).to_contain_text(f"Case 1 of {N_CASES} (the first)")
    check = view.get_by_role("button", name="Check answer")
    expect(check).to_have_attribute("aria-disabled", "true")
    expect(view).to_contain_text("(choose a condition and what to do now first)")
    expect(view.get_by_role("button", name="← Previous case")).to_have_attribute("aria-disabled", "true")
    view.get_by_role("button", name="Next case →").click()
    view.get_by_role("button", name="Next case →").click()
    expect(view.locator(".redspots-case h4")).to_have_text("Case 3: A red lump that bleeds")
    view.get_by_label("Most likely condition").select_option(label="Cherry angioma")
    view.get_by_role("radio", name="Self-care at home").check()
    expect(view.locator(".redspots-mine")).to_have_text("Your answer: Cherry angioma; Self-care at home.")
    check.click()
    feedback = view.locator(".redspots-feedback")
    expect(feedback).to_contain_text("⚠ Dangerous mistake: you chose “Self-care at home”")
    expect(feedback).to_contain_text("the most likely is Pyogenic granuloma")
    expect(feedback).to_contain_text("What the story shows: Raised bumps you can feel;")
    expect(feedback.locator(".redspots-refs a").first).to_have_attribute("href", re.compile("^https://"))
    expect(score).to_have_text(f"Score: 0 of 1 right (1 of {N_CASES} cases checked)")
    assert page.evaluate("document.activeElement.classList.contains('redspots-feedback')")
    # the keyboard alone: choose again and check
    view.get_by_label("Most likely condition").focus()
    view.get_by_label("Most likely condition").select_option(label="Pyogenic granuloma")
    view.get_by_role("radio", name="See a GP (booked appointment)").focus()
    page.keyboard.press("Space")
    check.focus()
    page.keyboard.press("Enter")
    expect(feedback).to_contain_text("Right: “See a GP (booked appointment)” is what to do now.")
    expect(score).to_have_text(f"Score: 1 of 1 right (1 of {N_CASES} cases checked)")
    pull(page, q, "value", "case")
    assert q.value == {"lump_that_bleeds": {"condition": "pyogenic_granuloma", "action": "gp"}}
    assert q.case == "lump_that_bleeds" and q.score == f"Score: 1 of 1 right (1 of {N_CASES} cases checked)"
    view.get_by_role("button", name="Start again").click()
    expect(score).to_have_text(f"Score: 0 of 0 right (0 of {N_CASES} cases checked)")
    expect(view).to_contain_text(f"Case 1 of {N_CASES} (the first)")
    assert page.errors == []


def test_an_emergency_case_says_so_before_anything_else_whatever_the_answer(show):
    q = rw.Quiz(case="student_with_fever_and_spots",
                value={"student_with_fever_and_spots": {"condition": "petechiae", "action": "same_day"}})
    page, view = show(q)
    paragraphs = view.locator(".redspots-feedback p")
    expect(paragraphs.first).to_have_text(re.compile("^⚠ EMERGENCY: call 999, 112 or 911 now"))
    expect(paragraphs.first).to_have_attribute("role", "alert")
    expect(paragraphs.nth(1)).to_contain_text("Dangerous mistake")
    first_box = paragraphs.first.bounding_box()
    assert first_box["y"] < paragraphs.nth(3).bounding_box()["y"]           # above the condition
    # nothing is drawn above it: not the verdict, not the condition
    assert view.locator(".redspots-result > *").first.evaluate("el => el.getAttribute('role')") == "alert"


def test_a_case_whose_glass_test_was_not_done_warns_before_the_answer_as_the_symptom_filter_does(show):
    q = rw.Quiz(case="toddler_with_fever_glass_not_tried")
    page, view = show(q)
    card = view.locator(".redspots-case")
    expect(card).to_contain_text("Glass test not done yet.")
    # the glass-test warnings of red_flags.yaml for a child with a fever and purple or pinpoint spots
    expect(card.locator(".redspots-flags li")).to_have_count(4)
    expect(card.locator(".redspots-flags li").first).to_contain_text(
        f"⚠ EMERGENCY (act now): {rule_title('fever_spots_glass_not_done')}")
    expect(card.locator(".redspots-flags")).to_contain_text("Do the glass test now")
    # a well teenager with rough bumps: the glass test was not done either, and nothing warns
    push(page, case="rough_bumps_on_the_arms")
    expect(card).to_contain_text("Glass test not done yet.")
    expect(card.locator(".redspots-flags")).to_have_count(0)
    # the feedback shows what the symptom filter would show for the case's findings, after the verdict
    push(page, case="dots_around_the_eyes_after_vomiting",
         value={"dots_around_the_eyes_after_vomiting": {"condition": "petechiae", "action": "gp"}})
    paragraphs = view.locator(".redspots-feedback p")
    expect(paragraphs.first).to_contain_text("Dangerous mistake")
    expect(paragraphs.nth(1)).to_have_text(re.compile(r"^⚠ URGENT \(act now\): Spots that don't fade under a glass\. "
                                                      r"Spots that stay visible under a glass always need a doctor\."))
    assert page.errors == []


def test_python_sets_the_answers_and_the_view_follows(show):
    q = rw.Quiz()
    page, view = show(q)
    # a choice made in the view and not checked yet gives way to the answer Python sets for that case
    view.get_by_label("Most likely condition").select_option(label="Cherry angioma")
    expect(view.locator(".redspots-mine")).to_contain_text("Cherry angioma")
    push(page, value={"rough_bumps_on_the_arms": {"condition": "keratosis_pilaris", "action": "self_care"}})
    expect(view.locator(".redspots-mine")).to_have_text("Your answer: Keratosis pilaris; Self-care at home.")
    expect(view.get_by_label("Most likely condition")).to_have_value("keratosis_pilaris")
    expect(view.locator(".redspots-score")).to_have_text(f"Score: 1 of 1 right (1 of {N_CASES} cases checked)")
    pull(page, q, "value")
    assert q.score == view.locator(".redspots-score").text_content()       # the same words in Python
    expect(view.locator(".redspots-feedback")).to_contain_text("✔ Right on both counts")
    last = rs.quiz_cases().iloc[-1]
    push(page, case=last.name)
    expect(view.locator(".redspots-case h4")).to_have_text(f"Case {N_CASES}: {last.title}")
    expect(view).to_contain_text(f"Case {N_CASES} of {N_CASES} (the last)")
    expect(view.get_by_role("button", name="Next case →")).to_have_attribute("aria-disabled", "true")


# --- Every explorer, all content: words not ids, and hostile text stays text --------------------------

def _raw_ids(text: str, t) -> list[str]:
    ids = {v for vocab in words.VOCABULARIES.values() for v, w in vocab.items() if v != w and v.lower() != w.lower()}
    ids |= set(t.findings.index) | set(t.conditions.index) | {str(g) for g in t.findings.group.cat.categories}
    return sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text) and "_" in i
                  or re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text) and i in {"see_doctor"})


def _doubled(text: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"\b(\w{2,}) +\1\b", text, flags=re.IGNORECASE)]


def test_every_explorer_shows_words_not_ids_and_no_doubled_words(show):
    t = rs.load()
    ids = list(t.conditions.index)
    shown = []
    f = rw.SymptomFilter()
    page, view = show(f)
    selections = [[fid] for fid in t.findings.index] + [list(t.findings.index)] + [
        sorted(r.watched) for r in rs.prepared.prepared(t).rules]
    for value in selections:
        push(page, value=[fid for fid in t.findings.index if fid in value])
        shown.append(view.inner_text())
    page, view = show(rw.ConditionComparison())
    for start in range(0, len(ids), 4):
        push(page, value=ids[start:start + 5] if len(ids[start:start + 5]) > 1 else ids[:2])
        shown.append(view.inner_text())
    page, view = show(rw.TreatmentStepper())
    page.emulate_media(media="print")
    for cid in ids:
        push(page, value=cid, step=1)
        shown.append(view.inner_text())
    page, view = show(rw.BodyMap())
    for cid in ids:
        push(page, value=cid)
        shown.append(view.inner_text() + view.locator("img").get_attribute("alt"))
    q = rw.Quiz()
    page, view = show(q)
    for case_id in t.quiz.index:                   # every case, with an answer's feedback
        push(page, case=case_id, value={case_id: {"condition": "petechiae", "action": "gp"}})
        shown.append(view.inner_text())
    page, view = show(rw.ConditionReader())
    for cid in ids:
        push(page, value=cid)
        shown.append(view.inner_text())
    text = "\n".join(shown)
    assert not re.search(r"\[object |undefined|NaN|null", text), re.search(r".{60}(\[object |undefined|NaN|null).{20}", text)
    assert _raw_ids(text, t) == []
    assert _doubled(text) == []


HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


@pytest.fixture(scope="module")
def hostile():
    t = rs.load()
    conditions = t.conditions.copy()
    for column in ("name", "summary", "colour", "sites", "who", "outlook", "darker_skin"):
        conditions[column] = conditions[column] + HOSTILE
    findings = t.findings.copy()
    for column in ("label", "help", "group_label"):
        findings[column] = findings[column] + HOSTILE
    treatments = t.treatments.copy()
    for column in ("name", "what", "when", "expect", "escalate_if"):
        treatments[column] = treatments[column] + HOSTILE
    red_flags = t.red_flags.copy()
    red_flags["title"] = red_flags["title"] + HOSTILE
    red_flags["action"] = red_flags["action"] + HOSTILE
    references = t.references.copy()
    references["title"] = references["title"] + HOSTILE
    references["url"] = "javascript:window.pwned=3"
    quiz = t.quiz.copy()
    for column in ("title", "age", "story", "why"):
        quiz[column] = quiz[column] + HOSTILE
    return dataclasses.replace(t, conditions=conditions, findings=findings, treatments=treatments,
                               red_flags=red_flags, references=references, quiz=quiz)


def test_hostile_content_stays_text_in_every_explorer(show, hostile):
    widgets = [rw.SymptomFilter(tables=hostile, value=["non_blanching", "fever"]),
               rw.ConditionComparison(tables=hostile, value=list(hostile.conditions.index[:3])),
               rw.TreatmentStepper(tables=hostile, value=hostile.conditions.index[0]),
               rw.BodyMap(tables=hostile, value=hostile.conditions.index[0]),
               rw.Quiz(tables=hostile, value={"lump_that_bleeds": {"condition": "petechiae", "action": "gp"}},
                       case="lump_that_bleeds")]
    for widget in widgets:
        page, view = show(widget)
        assert "<script>window.pwned=1</script>" in view.inner_text()
        assert view.locator("script").count() == 0
        assert view.locator("img:not(figure img)").count() == 0
        assert view.locator("a[href^='javascript:']").count() == 0
        assert page.evaluate("window.pwned") is None and page.errors == []


# --- ConditionReader, and the pages the ranking and the comparison open --------------------------

def _page_texts(page: dict) -> list[str]:
    """Every fact of a condition's page (rs.condition_page), as the view must show it."""
    facts = [f["text"] for key in ("what_it_is", "causes", "symptoms", "diagnosis", "outlook") for f in page[key]]
    facts += [i["when"] for g in page["see_a_doctor"] for i in g["items"]]
    facts += [i["action"] for g in page["see_a_doctor"] for i in g["items"]]
    return facts + [value for s in page["treatment"] for _, value in s["rows"]]


def test_the_reader_opens_empty_and_reads_the_condition_chosen_from_the_list_or_from_python(show):
    t = rs.load()
    r = rw.ConditionReader()
    page, view = show(r)
    expect(view.locator(".redspots-guide")).to_have_text(words.TEXT["reader_prompt"])
    assert view.locator("article").count() == 0
    cid = "immune_thrombocytopenia"
    view.get_by_label("Condition").select_option(label=t.conditions.loc[cid, "name"])
    article = view.locator("article.redspots-page")
    expect(article.locator("h3")).to_have_text(t.conditions.loc[cid, "name"])
    expected = rs.condition_page(cid)
    shown = article.inner_text()
    for title in words.READER.values():
        assert title in shown
    for text in _page_texts(expected):
        assert " ".join(text.split()) in " ".join(shown.split()), text[:60]
    # when to see a doctor: the groups in the order Python gives, most urgent first
    groups = article.locator(".redspots-page-urgency > strong").all_inner_texts()
    assert groups == [f"{g['icon']} {g['urgency']}" for g in expected["see_a_doctor"]]
    links = article.locator(".redspots-refs a")
    assert links.count() == len(expected["sources"])
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [s["url"] for s in expected["sources"]]
    pull(page, r, "value")
    assert r.value == cid and r.page == expected
    push(page, value="scarlet_fever")                                  # Python chooses another: the view follows
    expect(article.locator("h3")).to_have_text(t.conditions.loc["scarlet_fever", "name"])
    expect(view.get_by_label("Condition")).to_have_value("scarlet_fever")
    expect(article).to_contain_text(t.causes[t.causes.condition == "scarlet_fever"].cause.iloc[0])
    push(page, value=None)
    expect(view.locator(".redspots-guide")).to_have_text(words.TEXT["reader_prompt"])
    expect(view.get_by_label("Condition")).to_have_value("")
    assert page.errors == []


def test_a_condition_in_the_ranking_opens_its_page_in_place_and_the_warnings_stay_first(show):
    t = rs.load()
    f = rw.SymptomFilter(value=["non_blanching", "fever"])
    page, view = show(f)
    first = view.locator(".redspots-ranking ol > li").first
    cid = f.ranked.index[0]
    name = t.conditions.loc[cid, "name"]
    button = first.get_by_role("button", name=f"Read about {name}", exact=True)
    panel = first.locator(".redspots-read-panel")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")                                       # the keyboard opens it
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    assert button.get_attribute("aria-controls") == panel.get_attribute("id")
    for key in ("causes", "symptoms", "diagnosis"):
        expect(panel.locator(f".redspots-page-{key}")).to_contain_text(rs.condition_page(cid)[key][0]["text"])
    expect(panel.locator(".redspots-page-see_a_doctor")).to_contain_text(
        t.warnings[t.warnings.condition == cid].when.iloc[0])
    # the warnings are still the first thing in the results
    assert view.locator(".redspots-results > *").first.evaluate("e => e.querySelector('.redspots-flags') !== null")
    push(page, value=["non_blanching", "fever", "stiff_neck"])         # the ranking changes; the page stays open
    expect(view.locator(".redspots-ranking").get_by_role("button", name=f"Read about {name}", exact=True)
           ).to_have_attribute("aria-expanded", "true")
    reopened = view.locator(".redspots-ranking").get_by_role("button", name=f"Read about {name}", exact=True)
    reopened.click()
    expect(reopened).to_have_attribute("aria-expanded", "false")
    expect(view.locator(".redspots-read-panel:visible")).to_have_count(0)
    assert page.errors == []


def test_a_column_header_of_the_comparison_opens_that_conditions_page(show):
    t = rs.load()
    page, view = show(rw.ConditionComparison(value=["petechiae", "cherry_angioma"]))
    name = t.conditions.loc["cherry_angioma", "name"]
    header = view.locator("thead th").nth(2)
    button = header.get_by_role("button", name=f"Read about {name}", exact=True)
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    panel = view.locator(f"#{button.get_attribute('aria-controls')}")
    expect(panel.locator("h3")).to_have_text(name)
    expect(panel).to_contain_text(t.diagnosis[t.diagnosis.condition == "cherry_angioma"].text.iloc[0])
    expect(view.locator(".redspots-read-panel:visible")).to_have_count(1)
    push(page, value=["petechiae", "cherry_angioma", "senile_purpura"])  # another column: the open page stays open
    expect(view.locator(".redspots-read-panel:visible h3")).to_have_text(name)
    assert page.errors == []


def test_hostile_content_stays_text_in_the_reader_and_in_the_pages_it_opens(show, content_copy):
    from conftest import edit_yaml
    bad = "<img src=x onerror=alert(1)>"
    edit_yaml(content_copy / "conditions" / "petechiae.yaml",
              lambda d: (d.update(name=d["name"] + " " + bad), d["causes"][0].update(cause=d["causes"][0]["cause"] + bad)))
    t = rs.load(content_copy)
    name = t.conditions.loc["petechiae", "name"]
    for widget in (rw.ConditionReader(tables=t, value="petechiae"),
                   rw.SymptomFilter(tables=t, value=["non_blanching", "pinpoint_under_2mm"]),
                   rw.ConditionComparison(tables=t, value=["petechiae", "cherry_angioma"])):
        page, view = show(widget)
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        if widget._view != "reader":
            view.get_by_role("button", name=f"Read about {name}", exact=True).first.click()
        article = view.locator("article.redspots-page")
        expect(article.locator("h3")).to_have_text(name)
        expect(article.locator(".redspots-page-causes li").first).to_contain_text(bad)
        assert view.locator("img").count() == 0
        assert dialogs == [] and page.errors == []
