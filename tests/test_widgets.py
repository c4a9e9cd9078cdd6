"""The explorers with no browser and no kernel: set .value (or operate a control), check what is shown."""
from __future__ import annotations

import dataclasses
import html as html_module
import itertools
import re

import ipywidgets as w
import pytest

import redspots as rs
from redspots import widgets as rw


@pytest.fixture(scope="module")
def t():
    return rs.load()


def _text(html: str) -> str:
    return html_module.unescape(re.sub(r"<[^>]+>", " ", html))


# --- SymptomFilter -----------------------------------------------------------------------------

def test_empty_filter_shows_guidance_not_an_error():
    f = rw.SymptomFilter()
    assert f.value == ()
    assert f._flags.value == ""
    assert "Nothing ticked yet" in f._results.value
    assert f._clear.disabled


def test_setting_value_ticks_boxes_and_shows_ranked_conditions_with_the_banner_above():
    f = rw.SymptomFilter()
    f.value = ["fever", "non_blanching"]
    assert f.value == ("non_blanching", "fever")           # kept in vocabulary order
    assert f._boxes["fever"].value and f._boxes["non_blanching"].value and not f._boxes["trunk"].value
    assert "EMERGENCY" in f._flags.value and 'role="alert"' in f._flags.value and "⚠ EMERGENCY" in f._flags.value
    assert f.children[2] is f._flags                         # the banner sits above the results
    ranked = _text(f._results.value)
    assert ranked.index("Petechiae") < ranked.index("Cherry angioma")
    assert "Why:" in ranked and "strong match" in ranked
    assert not f._clear.disabled


def test_ticking_a_box_updates_value_and_results():
    f = rw.SymptomFilter()
    f._boxes["rough_texture"].value = True
    f._boxes["upper_arms_thighs"].value = True
    assert f.value == ("rough_texture", "upper_arms_thighs")
    fits = _text(f._results.value).split("Set apart")[0]
    assert fits.split("Fit what you picked, best first")[1].split()[0:2] == ["Keratosis", "pilaris"]
    assert "2 findings selected" in _text(f._status.value)


def test_conflicting_conditions_are_set_apart():
    f = rw.SymptomFilter(value=["rough_texture"])
    fits, apart = _text(f._results.value).split("Set apart")
    assert "Keratosis pilaris" in fits and "Petechiae" not in fits
    assert "Petechiae" in apart


def test_clear_button_empties_the_selection():
    f = rw.SymptomFilter(value=["fever", "joint_pain"])
    f._clear.click()
    assert f.value == () and not any(box.value for box in f._boxes.values())
    assert "Nothing ticked yet" in f._results.value


def test_next_question_is_suggested_and_is_not_already_ticked(t):
    f = rw.SymptomFilter(value=["non_blanching"])
    ask = rs.next_question(["non_blanching"])
    assert ask and ask != "non_blanching"
    assert "Ask about this next" in f._next.value
    assert rw.render.esc(t.findings.loc[ask, "label"]) in f._next.value


def test_unknown_finding_is_refused_with_a_suggestion():
    f = rw.SymptomFilter()
    with pytest.raises(rs.UnknownIdError, match="fever"):
        f.value = ["fevr"]
    assert f.value == ()


def test_every_control_has_a_visible_label_and_help(t):
    f = rw.SymptomFilter()
    for fid, box in f._boxes.items():
        assert box.description == t.findings.loc[fid, "label"] and box.tooltip
    assert f._clear.description and f._clear.tooltip


def test_the_banner_shows_the_urgency_the_rules_give_over_many_selections(t):
    """Every single finding and pair, and random triples: the banner's headline and every rule's title
    appear, with the time frame in words (the rules themselves are tested in test_safety.py)."""
    import random
    ids = list(t.findings.index)
    rng = random.Random(1)
    combos = [c for k in (1, 2) for c in itertools.combinations(ids, k)] + [rng.sample(ids, 3) for _ in range(600)]
    f = rw.SymptomFilter()
    words = {"emergency": "EMERGENCY", "urgent": "URGENT", "see_doctor": "SEE A DOCTOR"}
    for combo in combos:
        f.value = combo
        flags = rs.red_flags(list(combo))
        shown = _text(f._flags.value)
        if flags.empty:
            assert f._flags.value == "", combo
            continue
        assert shown.split(":")[0].strip().endswith(words[str(flags.urgency.iloc[0])]), combo
        for title in flags.title:
            assert rw.render.esc(title) in f._flags.value, combo
        assert f._results.value


def test_a_glass_test_instruction_leads_the_banner_when_it_is_not_done():
    f = rw.SymptomFilter(value=["fever", "pinpoint_under_2mm"])
    first = _text(f._flags.value).split("EMERGENCY (act now):")[1]
    assert first.strip().startswith("Fever with purple or pinpoint spots, and the glass test not done yet")
    assert "Do the glass test now" in first.split("EMERGENCY")[0]


def test_the_suggested_question_can_be_answered_yes_no_or_with_a_choice():
    f = rw.SymptomFilter(value=["flat_spots"])
    # the glass test is asked first, with its two answers as buttons
    assert "Doesn't fade when pressed" in _text(f._next.value)
    shown = [b.description for b in f._answers.children]
    assert shown == ["Doesn't fade when pressed (glass test)", "Fades when pressed"]
    f._answers.children[1].click()
    assert f.value == ("flat_spots", "blanching")
    # then fever, a yes/no question; "No" rules it out and moves on without ticking anything
    assert "Fever" in _text(f._next.value)
    assert [b.description for b in f._answers.children] == ["Yes", "No"]
    yes, no = f._answers.children
    no.click()
    assert f.ruled_out == ("fever",) and f.value == ("flat_spots", "blanching")
    assert "Answered no: Fever" in _text(f._next.value) and "Ask about this next: Fever" not in _text(f._next.value)
    # "Yes" ticks the asked finding; Clear all forgets the answers too
    yes.click()                     # a late click on the old question's button answers nothing
    assert f.ruled_out == ("fever",) and "fever" not in f.value
    asked = f._asked
    f._answers.children[0].click()
    assert asked in f.value
    f._clear.click()
    assert f.value == () and f.ruled_out == ()


def test_an_age_question_offers_every_age_band():
    f = rw.SymptomFilter(value=["purple_or_brown", "non_blanching"], ruled_out=["feeling_very_unwell", "fever"])
    assert f._asked == "baby_or_child_under_5"
    shown = [b.description for b in f._answers.children]
    assert shown == ["Baby or young child (under 5)", "Child aged 5–15", "Teenager or young adult (16–29)",
                     "Adult over 30"]
    f._answers.children[1].click()
    assert "child_5_to_15" in f.value and "EMERGENCY" in f._flags.value


def test_a_condition_that_can_cause_the_warning_says_so():
    f = rw.SymptomFilter(value=["non_blanching", "fever", "baby_or_child_under_5"])
    ranked = _text(f._results.value)
    first = ranked.split("Fit what you picked, best first")[1]
    assert first.split()[0:2] == ["Meningococcal", "disease"]
    assert first.index("Can cause the warning above") < first.index("Why:")


# --- ConditionComparison ----------------------------------------------------------------------------

def test_comparison_needs_two_conditions():
    c = rw.ConditionComparison()
    assert "at least two" in c._message.value and c._table.value == ""
    c.value = ["petechiae"]
    assert "at least two" in c._message.value and "Petechiae is chosen" in c._message.value


def test_comparison_side_by_side_with_differences_marked_and_references(t):
    c = rw.ConditionComparison(value=["petechiae", "keratosis_pilaris"])
    table = c._table.value
    assert "Petechiae" in table and "Keratosis pilaris" in table
    assert "≠" in table and "redspots-differs" in table
    rows_all = table.count("<tr")
    c._only.value = True
    assert c.distinguishing_only
    assert c._table.value.count("<tr") < rows_all
    assert "only the rows that differ" in c._message.value
    first_ref = t.conditions.loc["petechiae", "refs"][0]
    assert rw.render.esc(t.references.loc[first_ref, "url"]) in c._refs.value


def test_toggle_buttons_choose_conditions():
    c = rw.ConditionComparison()
    c._toggles["cherry_angioma"].value = True
    c._toggles["petechiae"].value = True
    assert c.value == ("cherry_angioma", "petechiae")
    c._toggles["cherry_angioma"].value = False
    assert c.value == ("petechiae",) and "at least two" in c._message.value


def test_comparison_refuses_too_many(monkeypatch):
    monkeypatch.setattr(rw, "MAX_COMPARED", 2)
    c = rw.ConditionComparison(value=["petechiae", "cherry_angioma"])
    c._toggles["rheumatic_fever"].value = True
    assert not c._toggles["rheumatic_fever"].value and c.value == ("petechiae", "cherry_angioma")
    assert "at most 2" in c._message.value
    with pytest.raises(ValueError, match="at most 2"):
        c.value = ["petechiae", "cherry_angioma", "rheumatic_fever"]


def test_comparison_unknown_condition():
    with pytest.raises(rs.UnknownIdError, match="petechiae"):
        rw.ConditionComparison(value=["petechia", "cherry_angioma"])


# --- TreatmentStepper ---------------------------------------------------------------------------------

def test_stepper_shows_step_k_of_n_and_moves(t):
    s = rw.TreatmentStepper(value="keratosis_pilaris")
    plan = rs.treatment_plan("keratosis_pilaris")
    assert s._choose.value == "keratosis_pilaris"
    assert s._panes.selected_index == list(t.conditions.index).index("keratosis_pilaris")
    pane = s._panes.children[s._panes.selected_index]
    slider, steps = pane.children[0], pane.children[1]
    assert steps.selected_index == 0 and f"step 1 of {len(plan)}" in steps.children[0].value
    assert s._previous.disabled and not s._next.disabled
    s._next.click()
    assert s.step == 2 and slider.index == 1 and steps.selected_index == 1
    assert s.current_step_name == plan.loc[2, "name"]
    assert f"step 2 of {len(plan)}" in steps.children[1].value
    slider.index = len(plan) - 1                      # the slider (arrow keys) moves the step too
    assert s.step == len(plan) and s._next.disabled
    with pytest.raises(ValueError, match="steps 1 to"):
        s.step = len(plan) + 1


def test_every_step_says_what_when_who_expect_and_when_to_go_further(t):
    s = rw.TreatmentStepper()
    for pane, cid in zip(s._panes.children, t.conditions.index):
        plan = rs.treatment_plan(cid)
        steps = pane.children[1]
        assert len(steps.children) == len(plan)
        for (k, step), shown in zip(plan.iterrows(), steps.children):
            for label in ("What", "When it is used", "Who gives it", "What to expect", "Go further if"):
                assert label in shown.value
            assert rw.render.esc(step["what"]) in shown.value


def test_choosing_a_condition_in_the_dropdown_switches_pane_and_value(t):
    s = rw.TreatmentStepper()
    s._choose.value = "rheumatic_fever"
    assert s.value == "rheumatic_fever"
    assert s._panes.selected_index == list(t.conditions.index).index("rheumatic_fever")
    assert s.step == 1


def test_stepper_views_are_linked_in_the_browser_too():
    s = rw.TreatmentStepper()
    pairs = {(link.source[0].model_id, link.target[0].model_id) for link in s._links}
    assert (s._choose.model_id, s._panes.model_id) in pairs
    for pane in s._panes.children:
        assert (pane.children[0].model_id, pane.children[1].model_id) in pairs


def test_stepper_unknown_condition():
    with pytest.raises(rs.UnknownIdError, match="keratosis_pilaris"):
        rw.TreatmentStepper(value="keratosis")


# --- Hostile content is escaped everywhere it is shown ----------------------------------------------

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture(scope="module")
def hostile(t):
    conditions = t.conditions.copy()
    for column in ("name", "summary", "colour", "sites", "who", "outlook"):
        conditions[column] = conditions[column] + HOSTILE
    findings = t.findings.copy()
    findings["label"] = findings["label"] + HOSTILE
    findings["help"] = findings["help"] + HOSTILE
    findings["group_label"] = findings["group_label"] + HOSTILE
    treatments = t.treatments.copy()
    for column in ("name", "what", "when", "expect", "escalate_if"):
        treatments[column] = treatments[column] + HOSTILE
    red_flags = t.red_flags.copy()
    red_flags["title"] = red_flags["title"] + HOSTILE
    red_flags["action"] = red_flags["action"] + HOSTILE
    references = t.references.copy()
    references["title"] = references["title"] + HOSTILE
    references.iloc[0, references.columns.get_loc("url")] = "javascript:alert(3)"
    return dataclasses.replace(t, conditions=conditions, findings=findings, treatments=treatments,
                               red_flags=red_flags, references=references)


def _all_html(widget) -> str:
    out, stack = [], [widget]
    while stack:
        node = stack.pop()
        for attr in ("value", "description", "tooltip"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                out.append(value)
        if isinstance(node, (w.Dropdown, w.SelectionSlider)):
            out += [str(label) for label in node._options_labels]
        stack += list(getattr(node, "children", ()))
    return "\n".join(out)


def test_hostile_content_is_escaped_in_every_explorer(hostile):
    views = [rw.SymptomFilter(tables=hostile, value=["non_blanching", "fever"]),
             rw.ConditionComparison(tables=hostile, value=list(hostile.conditions.index[:3])),
             rw.TreatmentStepper(tables=hostile)]
    for view in views:
        html_widgets = []
        stack = [view]
        while stack:
            node = stack.pop()
            if isinstance(node, w.HTML):
                html_widgets.append(node.value)
            stack += list(getattr(node, "children", ()))
        html = "\n".join(html_widgets)
        assert "&lt;script&gt;" in html
        assert "<script" not in html and "<img" not in html
        assert 'href="javascript:' not in html


# --- BodyMap ----------------------------------------------------------------------------------------------

def test_body_map_switches_condition_and_skin_tone(t):
    m = rw.BodyMap()
    m.value = "leukocytoclastic_vasculitis"
    m.skin = "dark"
    index = list(t.conditions.index).index("leukocytoclastic_vasculitis")
    assert m._choose.value == "leukocytoclastic_vasculitis" and m._panes.selected_index == index
    pane = m._panes.children[index]
    pictures, note = pane.children
    assert m._tone.value == "dark" and pictures.selected_index == 2
    shown = pictures.children[pictures.selected_index].value
    assert "dark skin" in shown and rw.render.esc(t.conditions.loc["leukocytoclastic_vasculitis", "name"]) in shown
    assert "On darker skin" in note.value
    m._tone.value = "medium"                      # the toggle buttons drive it too
    assert m.skin == "medium" and pictures.selected_index == 1


def test_body_map_works_without_a_kernel_and_refuses_bad_input():
    m = rw.BodyMap()
    pairs = {(link.source[0].model_id, link.target[0].model_id) for link in m._links}
    assert (m._choose.model_id, m._panes.model_id) in pairs
    assert all((m._tone.model_id, pane.children[0].model_id) in pairs for pane in m._panes.children)
    with pytest.raises(ValueError, match="light, medium, dark"):
        m.skin = "olive"
    with pytest.raises(rs.UnknownIdError):
        m.value = "petechia"
