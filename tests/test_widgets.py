"""The explorers' Python side, with no browser: traits, validation, what they send, what they answer.

What the views draw is tested in tests/test_explorers.py (the shipped browser code in Chromium), and
that the browser answers as Python does in tests/test_parity.py.
"""
from __future__ import annotations

import pytest

import redspots as rs
from redspots import widgets as rw
from conftest import ROOT, read


@pytest.fixture(scope="module")
def t():
    return rs.load()


# --- SymptomFilter -----------------------------------------------------------------------------

def test_value_is_kept_in_vocabulary_order_and_answers_follow_it():
    f = rw.SymptomFilter()
    assert f.value == () and f.flags.empty and f.question == "non_blanching"
    f.value = ["fever", "non_blanching"]
    assert f.value == ("non_blanching", "fever")
    assert str(f.flags.urgency.iloc[0]) == "emergency"
    assert f.ranked.index[0] == "meningococcal_disease"


def test_what_the_browser_sends_is_validated_like_what_code_sets():
    f = rw.SymptomFilter()
    f.set_state({"value": ["worse_in_winter", "rough_texture"]})        # as a click in the view arrives
    assert f.value == ("rough_texture", "worse_in_winter")
    with pytest.raises(rs.UnknownIdError, match="fever"):
        f.set_state({"value": ["fevr"]})
    assert f.value == ("rough_texture", "worse_in_winter")             # nothing lost
    with pytest.raises(ValueError, match="at most 5"):
        rw.ConditionComparison().set_state({"value": ["petechiae", "cherry_angioma", "rheumatic_fever",
                                                      "keratosis_pilaris", "scarlet_fever", "senile_purpura"]})


def test_ticking_a_finding_answered_no_takes_it_off_the_no_list():
    f = rw.SymptomFilter(value=["flat_spots"], ruled_out=["fever", "stiff_neck"])
    assert f.ruled_out == ("fever", "stiff_neck")
    f.value = ["flat_spots", "fever"]
    assert f.ruled_out == ("stiff_neck",)


def test_a_finding_answered_no_is_not_asked_again():
    f = rw.SymptomFilter(value=["flat_spots", "blanching"])
    assert f.question == "fever"
    f.ruled_out = ["fever"]
    assert f.question == "stiff_neck"


def test_unknown_finding_is_refused_with_a_suggestion():
    f = rw.SymptomFilter()
    with pytest.raises(rs.UnknownIdError, match="fever"):
        f.value = ["fevr"]
    with pytest.raises(rs.UnknownIdError):
        f.ruled_out = ["nope"]
    assert f.value == () and f.ruled_out == ()


def test_the_state_carries_the_view_the_module_and_the_content(t):
    state = rw.SymptomFilter(value=["fever"]).get_state()
    assert state["_view"] == "filter" and list(state["value"]) == ["fever"]
    assert "export default" in state["_esm"] and ".redspots-flags" in state["_css"]
    content = state["_content"]
    assert [f["id"] for f in content["findings"]] == list(t.findings.index)
    assert [c["id"] for c in content["conditions"]] == list(t.conditions.index)
    assert content["rules"][0]["urgency"] == "emergency"                # most urgent first
    assert content["words"]["urgency"]["see_doctor"] == "SEE A DOCTOR"


def test_no_widget_exists_until_one_is_asked_for():
    import subprocess
    import sys
    code = ("import redspots as rs, sys; rs.match(['fever']); "
            "print('ipywidgets' in sys.modules, 'anywidget' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# --- ConditionComparison ----------------------------------------------------------------------------

def test_comparison_table_follows_value_and_distinguishing_only():
    c = rw.ConditionComparison()
    assert c.table is None
    c.value = ["petechiae"]
    assert c.table is None
    c.value = ["petechiae", "keratosis_pilaris"]
    full = c.table
    assert list(full.columns) == ["petechiae", "keratosis_pilaris"]
    # the glass-test row says in words what each condition's file says (the words written here by hand)
    glass_words = {"blanches": "Fades when pressed", "varies": "May or may not fade when pressed",
                   "does_not_blanch": "Does not fade when pressed"}
    assert full.loc[("overview", "Glass test")].tolist() == [
        glass_words[read(f"conditions/{cid}.yaml")["appearance"]["blanching"]] for cid in ("petechiae", "keratosis_pilaris")]
    c.distinguishing_only = True
    assert 0 < len(c.table) < len(full)


def test_comparison_refuses_too_many_and_unknown_ids():
    c = rw.ConditionComparison(value=["petechiae", "cherry_angioma"])
    with pytest.raises(ValueError, match="at most 5"):
        c.value = ["petechiae", "cherry_angioma", "rheumatic_fever", "keratosis_pilaris", "scarlet_fever",
                   "senile_purpura"]
    assert c.value == ("petechiae", "cherry_angioma")
    with pytest.raises(rs.UnknownIdError, match="petechiae"):
        rw.ConditionComparison(value=["petechia", "cherry_angioma"])


# --- TreatmentStepper ---------------------------------------------------------------------------------

def test_stepper_steps_within_the_plan_and_starts_again_for_another_condition():
    s = rw.TreatmentStepper(value="keratosis_pilaris")
    plan = rs.treatment_plan("keratosis_pilaris")
    assert s.step == 1 and s.steps == len(plan)
    s.step = 2
    assert s.current_step_name == plan.loc[2, "name"]
    with pytest.raises(ValueError, match="steps 1 to"):
        s.step = len(plan) + 1
    with pytest.raises(ValueError, match="steps 1 to"):
        s.step = 0
    s.value = "petechiae"
    assert s.step == 1


def test_stepper_unknown_condition():
    with pytest.raises(rs.UnknownIdError, match="keratosis_pilaris"):
        rw.TreatmentStepper(value="keratosis")


def test_every_step_sent_says_what_when_who_expect_and_when_to_go_further(t):
    plans = rw.TreatmentStepper().get_state()["_content"]["plans"]
    for cid in t.conditions.index:
        plan = rs.treatment_plan(cid)
        assert [s["name"] for s in plans[cid]["steps"]] == list(plan["name"])
        for step in plans[cid]["steps"]:
            assert [k for k, _ in step["rows"]] == ["What", "When it is used", "Who gives it", "What to expect",
                                                     "Go further if"]
            assert "_" not in dict(step["rows"])["Who gives it"]         # words, not ids


# --- BodyMap ----------------------------------------------------------------------------------------------

def test_body_map_refuses_bad_input_and_keeps_its_value():
    m = rw.BodyMap(value="petechiae", skin="dark")
    with pytest.raises(ValueError, match="light, medium, dark"):
        m.skin = "olive"
    with pytest.raises(rs.UnknownIdError):
        m.value = "petechia"
    assert (m.value, m.skin) == ("petechiae", "dark")


def test_body_map_sends_a_picture_per_condition_and_skin_tone(t):
    content = rw.BodyMap().get_state()["_content"]
    assert set(content["pictures"]) == set(t.conditions.index)
    for pictures in content["pictures"].values():
        assert set(pictures) == {"light", "medium", "dark"}
        assert all(p["svg"].startswith("<svg") and p["alt"] for p in pictures.values())


def test_a_value_refused_from_the_browser_is_sent_back_corrected(monkeypatch):
    f = rw.SymptomFilter(value=["fever"])
    sent = []
    monkeypatch.setattr(f, "send_state", lambda keys=None: sent.append(keys))
    with pytest.raises(rs.UnknownIdError):
        f.set_state({"value": ["fever", "bogus"]})
    assert f.value == ("fever",) and sent == [["value"]]


def test_single_ids_and_overlapping_answers_are_taken_as_meant():
    f = rw.SymptomFilter(value="fever", ruled_out=["fever", "stiff_neck"])
    assert f.value == ("fever",) and f.ruled_out == ("stiff_neck",)
    assert rw.ConditionComparison(value="petechiae").value == ("petechiae",)
    s = rw.TreatmentStepper(value="keratosis_pilaris", step=2)
    assert (s.value, s.step) == ("keratosis_pilaris", 2)


def test_the_banner_python_draws_says_how_urgent_and_how_soon():
    shown = rs.warnings_for(["non_blanching", "fever"]).data
    # red_flags.yaml: spots that don't fade with a fever are an emergency, to act on now
    assert "⚠ EMERGENCY: act on this first" in shown
    assert "⚠ EMERGENCY (act now): Spots that don&#x27;t fade, with a fever" in shown
    assert "URGENT (today)" in shown
    calm = rs.warnings_for(["rough_texture"]).data
    assert "No warning rule fires" in calm and "does not mean the spots are harmless" in calm


# --- what a learner sees first, and what an unrun cell shows --------------------------------------------------

def test_every_explorer_opens_with_nothing_chosen_and_on_step_one():
    assert rw.SymptomFilter().value == () and rw.SymptomFilter().ruled_out == ()
    c = rw.ConditionComparison()
    assert c.value == () and c.distinguishing_only is False and c.table is None
    s = rw.TreatmentStepper()
    assert (s.value, s.step, s.current_step_name) == (None, 1, None)
    m = rw.BodyMap()
    assert (m.value, m.skin) == (None, "light")
    assert rw.ConditionReader().value is None
    q = rw.Quiz()
    assert q.value == {} and q.case == rs.load().quiz.index[0]


def test_a_chosen_condition_can_be_taken_back_to_none():
    s = rw.TreatmentStepper(value="petechiae", step=2)
    s.value = None
    assert (s.value, s.step) == (None, 1)
    m = rw.BodyMap(value="petechiae")
    m.value = ""                                   # the view's "Choose a condition…" sends an empty id
    assert m.value is None


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.mark.parametrize("widget, name", [
    (rw.SymptomFilter, "the symptom filter"), (rw.ConditionComparison, "the comparison"),
    (rw.TreatmentStepper, "the treatment stepper"), (rw.BodyMap, "the body map"),
    (rw.ConditionReader, "the condition reader"), (rw.Quiz, "the quiz")])
def test_an_unrun_cell_says_to_run_it_to_see_the_explorer(widget, name):
    """The plain text a notebook keeps for a widget output (and a text-only renderer shows) is a sentence
    for a learner, not ``SymptomFilter(value=())``; the view is still offered beside it."""
    bundle = widget()._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"] == f"Run this cell to see the explorer: {name}."
    assert WIDGET_VIEW in data


def test_the_notebooks_store_the_sentence_where_an_explorer_will_be():
    """The outputs committed with the lessons (tools/store_outputs.py keeps the plain text, no widget state)."""
    import json
    shown = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                text = "".join(output.get("data", {}).get("text/plain", ""))
                if "explorer" in text or "(value=" in text:
                    shown.append(text)
    assert len(shown) >= 6, shown                    # body map, filter, comparison, stepper, quiz, reader
    assert all(text.startswith("Run this cell to see the explorer: ") for text in shown), shown
