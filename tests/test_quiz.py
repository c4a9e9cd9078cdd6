"""The quiz: its content, its grading and its explorer, with safety tested over every case and every answer.

Expected values are written by hand from data/quiz.yaml and data/red_flags.yaml; the urgency each warning
asks for is written here again (not read from redspots.words) so that a change there is caught.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

import redspots as rs
from redspots import widgets as rw
from conftest import condition_name, quiz_cases, rule_title as _title, said

ACTIONS = ["self_care", "pharmacist", "gp", "same_day", "emergency"]       # least urgent first
#: the least urgent action each warning urgency allows
FLOOR = {"see_doctor": "gp", "urgent": "same_day", "emergency": "emergency"}
EMERGENCY_FIRST = "⚠ EMERGENCY: call 999, 112 or 911 now"


# the glass-test warnings of red_flags.yaml, as the symptom filter's bar writes them (icon, urgency, time frame)
FEVER_GLASS = f"⚠ EMERGENCY (act now): {_title('fever_spots_glass_not_done')}. "
CHILD_GLASS = f"⚠ EMERGENCY (act now): {_title('child_spots_glass_not_done')}. "
PURPLE_GLASS = f"⚠ URGENT (act now): {_title('purple_or_pinpoint_glass_not_done')}. "
# what feedback on an emergency case must never say
REASSURING = re.compile(r"harmless|nothing to worry|no need|reassur|can wait|safe to wait|don't worry|well done|"
                        r"nothing serious|relax", re.IGNORECASE)
#: the case ids, in the order of quiz.yaml
CASES = [case["id"] for case in quiz_cases()]


@pytest.fixture(scope="module")
def t():
    return rs.load()


def _selection(case) -> list[str]:
    return list(case.findings) + ([str(case.glass_test)] if str(case.glass_test) != "not_done" else [])


def _answers(t):
    return [(case, condition, action) for case in t.quiz.index for condition in t.conditions.index for action in ACTIONS]


# --- content ----------------------------------------------------------------------------------------

def test_the_cases_their_columns_and_types(t):
    cases = rs.quiz_cases()
    assert list(cases.index) == CASES
    assert list(cases.columns) == ["title", "age", "skin_tone", "story", "findings", "glass_test", "condition", "action",
                                   "why", "refs", "condition_name", "what_to_do"]
    assert list(cases.action.cat.categories) == ACTIONS and cases.action.cat.ordered
    assert list(cases.glass_test.cat.categories) == ["blanching", "non_blanching", "not_done"]
    for case in quiz_cases():
        assert cases.loc[case["id"], "age"] == case["age"] and cases.loc[case["id"], "story"] == " ".join(case["story"].split())
        assert cases.loc[case["id"], "condition_name"] == condition_name(case["answer"]["condition"])
    assert cases.loc["lump_that_bleeds", "what_to_do"] == "See a GP (booked appointment)"


def test_what_the_issue_asks_of_the_quiz(t):
    q = t.quiz
    assert len(q) >= 12
    assert (q.action == "emergency").sum() >= 3
    assert (q.glass_test == "not_done").sum() >= 2
    # not every answer is "emergency": every kind of action is taught, and most conditions appear
    assert set(q.action.astype(str)) == set(ACTIONS)
    assert q.condition.nunique() >= 12
    assert set(t.conditions.seriousness[q.condition].astype(str)) >= {"harmless", "see_doctor", "urgent", "emergency"}
    assert set(q.skin_tone) <= set(rs.figures.SKIN_TONES) and q.skin_tone.nunique() == 3


def test_the_ids_a_case_names_exist_and_each_has_one_age(t):
    ages = set(t.findings.index[t.findings.group == "age"])
    for case_id, case in t.quiz.iterrows():
        assert set(case.findings) <= set(t.findings.index), case_id
        assert len(set(case.findings) & ages) == 1, case_id
        assert not {"blanching", "non_blanching"} & set(case.findings), case_id
        assert case.condition in t.conditions.index
        assert set(case.refs) <= set(t.references.index)


def test_the_answer_fits_the_findings_best(t):
    """The symptom filter, given the case's findings, lists the answer first: a learner who ticks what
    the story shows is led to the same condition."""
    for case_id, case in t.quiz.iterrows():
        ranked = rs.match(_selection(case))
        assert ranked.loc[case.condition, "fits"], case_id
        assert ranked.index[0] == case.condition, (case_id, list(ranked.index[:3]))


# --- safety ---------------------------------------------------------------------------------------

def test_no_answer_is_less_urgent_than_the_warnings_for_its_findings(t):
    for case_id, case in t.quiz.iterrows():
        flags = rs.red_flags(_selection(case))
        floor = max((ACTIONS.index(FLOOR[str(u)]) for u in flags.urgency), default=0)
        assert ACTIONS.index(str(case.action)) >= floor, (case_id, str(case.action), list(flags.index))


def test_the_urgencies_by_hand():
    """Hand-written: which cases are emergencies, and what the others need (a case added later is checked by
    the tests over every case, not here)."""
    actions = rs.quiz_cases().action.astype(str).to_dict()
    by_hand = {
        "rough_bumps_on_the_arms": "self_care", "red_dots_on_the_chest": "self_care", "lump_that_bleeds": "gp",
        "sandpaper_rash_and_sore_throat": "same_day", "sore_mouth_and_blisters": "pharmacist",
        "student_with_fever_and_spots": "emergency", "toddler_with_fever_glass_not_tried": "emergency",
        "purple_spots_on_the_legs_of_a_child": "emergency", "bruises_after_a_cold": "emergency",
        "tired_pale_and_bruised": "same_day", "purple_patches_on_the_forearms": "gp",
        "raised_purple_spots_after_a_new_medicine": "same_day", "swollen_joints_after_strep_throat": "same_day",
        "dots_around_the_eyes_after_vomiting": "same_day", "drowsy_with_a_rash_that_fades": "emergency"}
    assert {case: actions.get(case) for case in by_hand} == by_hand


def test_a_glass_test_not_done_with_a_fever_an_unwell_person_or_a_child_is_warned_about(t):
    risky = {"fever", "feeling_very_unwell", "baby_or_child_under_5", "child_5_to_15"}
    warned = 0
    for case_id, case in t.quiz.iterrows():
        if str(case.glass_test) != "not_done" or not {"purple_or_brown", "pinpoint_under_2mm"} & set(case.findings):
            continue
        for condition in t.conditions.index:
            for action in ACTIONS:
                messages = rs.grade(case_id, condition, action)["messages"]
                assert any("and the glass test not done yet. Do the glass test now" in m for m in messages), case_id
        if risky & set(case.findings):
            warned += 1
            # and the rules themselves treat it as an emergency until the test is done
            flags = rs.red_flags(list(case.findings))
            assert str(flags.urgency.iloc[0]) == "emergency", case_id
            assert any(rule.endswith("glass_not_done") for rule in flags.index), case_id
            assert case.action == "emergency"
    assert warned >= 2


def test_the_warnings_shown_are_the_symptom_filters_by_hand():
    """Written by hand from red_flags.yaml: a harmless case shows no warning (not even about the glass
    test), a case with purple or pinpoint spots and no glass test shows the glass-test warnings first
    (after the 999 line of an emergency), each as the symptom filter words it."""
    for case_id in ("rough_bumps_on_the_arms", "red_dots_on_the_chest", "sore_mouth_and_blisters"):
        feedback = rs.grade(case_id, "petechiae", "gp")
        assert feedback["warnings"] == [], case_id
        assert not any("glass test" in m.lower() for m in feedback["messages"][:2]), case_id
    toddler = rs.grade("toddler_with_fever_glass_not_tried", "petechiae", "same_day")
    assert toddler["messages"][0].startswith(EMERGENCY_FIRST)
    assert toddler["messages"][1].startswith("⚠ Dangerous mistake")
    assert toddler["messages"][2].startswith(FEVER_GLASS + "Do the glass test now")
    assert toddler["messages"][3].startswith(CHILD_GLASS)
    assert toddler["warnings"][:3] == ["fever_spots_glass_not_done", "child_spots_glass_not_done",
                                       "purple_or_pinpoint_glass_not_done"]
    assert "fever_in_young_child" in toddler["warnings"]
    patches = rs.grade("purple_patches_on_the_forearms", "senile_purpura", "self_care")
    assert patches["warnings"] == ["bruise_like_patches_glass_not_done"]
    assert patches["messages"][0].startswith("⚠ Dangerous mistake")
    assert patches["messages"][1].startswith("ℹ SEE A DOCTOR (soon): Bruise-like patches, and the glass test not done yet.")
    assert rs.grade("dots_around_the_eyes_after_vomiting", "petechiae", "same_day")["warnings"] == ["non_blanching_spots"]
    assert rs.grade("drowsy_with_a_rash_that_fades", "petechiae", "gp")["warnings"] == [
        "very_unwell", "meningitis_signs_with_fever", "fever_with_illness_signs", "fever_with_spots"]


def test_every_warning_the_findings_set_off_is_shown_with_its_action(t):
    for case_id, case in t.quiz.iterrows():
        feedback = rs.grade(case_id, "petechiae", "gp")
        flags = rs.red_flags(_selection(case))
        assert feedback["warnings"] == list(flags.index), case_id
        start = 2 if feedback["emergency"] else 1          # after the 999 line and the verdict
        shown = feedback["messages"][start:start + len(flags)]
        for message, rule in zip(shown, flags.itertuples()):
            assert f": {rule.title}. {rule.action}" in message and message.endswith(rule.action), (case_id, rule.Index)


def test_emergency_feedback_says_so_first_whatever_the_answer(t):
    names = list(t.conditions["name"])
    for case_id, condition, action in _answers(t):
        if t.quiz.at[case_id, "action"] != "emergency":
            continue
        feedback = rs.grade(case_id, condition, action)
        first = feedback["messages"][0]
        assert first.startswith(EMERGENCY_FIRST) and all(n in first for n in ("999", "112", "911"))
        assert not any(name in first for name in names)
        assert feedback["emergency"]
        for message in feedback["messages"]:
            # "never assume the spots are harmless" warns; it does not reassure
            assert not REASSURING.search(re.sub(r"never assume [^.]*harmless", "", message, flags=re.I)), (case_id, message)
        if action != "emergency":
            assert feedback["mistake"] == "less_urgent"
            assert any(m.startswith("⚠ Dangerous mistake") for m in feedback["messages"])


def test_a_less_urgent_answer_is_called_the_dangerous_kind_of_mistake(t):
    for case_id, condition, action in _answers(t):
        feedback = rs.grade(case_id, condition, action)
        needed = ACTIONS.index(str(t.quiz.at[case_id, "action"]))
        dangerous = any("Dangerous mistake" in m for m in feedback["messages"])
        assert dangerous == (ACTIONS.index(action) < needed), (case_id, action)
        assert feedback["correct"] == (condition == t.quiz.at[case_id, "condition"] and feedback["action_correct"])
        assert feedback["messages"][0].startswith(EMERGENCY_FIRST) == (t.quiz.at[case_id, "action"] == "emergency")


def test_feedback_names_the_findings_in_words_and_cites_the_sources(t):
    ids = {i for i in [*t.findings.index, *t.conditions.index, *ACTIONS, *t.quiz.index] if "_" in i}
    for case_id, case in t.quiz.iterrows():
        feedback = rs.grade(case_id, "petechiae", "gp")
        text = "\n".join(feedback["messages"])
        for fid in case.findings:
            assert t.findings.at[fid, "label"] in text, (case_id, fid)
        assert [i for i in ids if re.search(rf"(?<![\w-]){i}(?![\w-])", text)] == [], case_id
        assert [s["title"] for s in feedback["sources"]] == [t.references.at[r, "title"] for r in case.refs]
        assert all(s["url"].startswith("https://") for s in feedback["sources"])
        assert case.why in feedback["messages"]


# --- grading, by hand --------------------------------------------------------------------------------

def test_a_right_answer():
    feedback = rs.grade("rough_bumps_on_the_arms", "keratosis_pilaris", "self_care")
    assert (feedback["correct"], feedback["mistake"], feedback["emergency"]) == (True, "none", False)
    assert feedback["messages"][:2] == [
        "Right: “Self-care at home” is what to do now.",
        "Right: the most likely condition is Keratosis pilaris."]
    assert feedback["messages"][2].startswith("What the story shows: Raised bumps you can feel; ")
    assert feedback["messages"][2].endswith("; Glass test not done yet.")
    assert feedback["warnings"] == []


def test_an_emergency_answered_as_a_gp_visit():
    feedback = rs.grade("student_with_fever_and_spots", "meningococcal_disease", "gp")
    assert (feedback["correct"], feedback["condition_correct"], feedback["action_correct"]) == (False, True, False)
    assert feedback["messages"][0] == ("⚠ EMERGENCY: call 999, 112 or 911 now, or go straight to the emergency "
                                       "department. Do this first, before anything else. " + said("seriously_ill_no_rash"))
    assert feedback["messages"][1] == ("⚠ Dangerous mistake: you chose “See a GP (booked appointment)”, which is less "
                                       "urgent than this case needs (“Emergency: call 999 / 112 / 911 now”). Waiting "
                                       "too long is the dangerous kind of mistake.")
    assert feedback["messages"][2].startswith(f"⚠ EMERGENCY (act now): {_title('non_blanching_with_fever')}.")
    assert "Glass test done: the spots do not fade when pressed" in feedback["messages"][-2]


def test_too_much_is_a_mistake_but_not_the_dangerous_kind():
    feedback = rs.grade("red_dots_on_the_chest", "pyogenic_granuloma", "emergency")
    assert feedback["mistake"] == "more_urgent" and not feedback["emergency"]
    assert feedback["messages"][0].startswith("More urgent than needed: you chose “Emergency: call 999 / 112 / 911 now”")
    assert feedback["warnings"] == []
    assert feedback["messages"][1] == ("Not the most likely condition: you chose Pyogenic granuloma; the most likely "
                                       "is Cherry angioma.")


def test_unknown_ids_are_refused_with_a_suggestion():
    with pytest.raises(rs.UnknownIdError, match="unknown case id 'lump_that_bleed'. Did you mean 'lump_that_bleeds'"):
        rs.grade("lump_that_bleed", "petechiae", "gp")
    with pytest.raises(rs.UnknownIdError, match="Did you mean 'petechiae'"):
        rs.grade("lump_that_bleeds", "petechia", "gp")
    with pytest.raises(rs.UnknownIdError, match="Did you mean 'same_day'"):
        rs.grade("lump_that_bleeds", "petechiae", "same day")


def test_the_checks_across_files_use_the_same_rules_as_the_queries(t):
    """validate.fired_urgencies (which refuses unsafe content) agrees with rs.red_flags on every case."""
    import yaml
    from redspots.validate import fired_urgencies
    rules = yaml.safe_load((t.source / "red_flags.yaml").read_text(encoding="utf-8"))
    group_of = t.findings.group.astype(str).to_dict()
    for case_id, case in t.quiz.iterrows():
        selected = set(_selection(case))
        assert sorted(fired_urgencies(rules, selected, group_of)) == sorted(map(str, rs.red_flags(list(selected)).urgency))


# --- the explorer -------------------------------------------------------------------------------------

def test_quiz_cases_is_a_dataframe_of_the_cases():
    q = rs.Quiz()
    assert isinstance(q.cases, pd.DataFrame) and list(q.cases.index) == CASES
    assert q.case == CASES[0] and q.value == {} and q.score == f"Score: 0 of 0 right (0 of {len(CASES)} cases checked)"


def test_value_round_trip_and_score():
    q = rs.Quiz()
    answers = {"student_with_fever_and_spots": {"condition": "meningococcal_disease", "action": "emergency"},
               "lump_that_bleeds": {"condition": "cherry_angioma", "action": "gp"}}
    q.value = answers
    assert q.value == answers and q.score == f"Score: 1 of 2 right (2 of {len(CASES)} cases checked)"
    assert q.get_state("value")["value"] == answers           # what the browser receives
    q.set_state({"value": {**answers, "lump_that_bleeds": {"condition": "pyogenic_granuloma", "action": "gp"}}})
    assert q.score == f"Score: 2 of 2 right (2 of {len(CASES)} cases checked)"
    assert q.feedback("lump_that_bleeds")["correct"] and q.feedback("red_dots_on_the_chest") is None
    q.case = "bruises_after_a_cold"
    assert q.get_state("case")["case"] == "bruises_after_a_cold"


@pytest.mark.parametrize("bad, error", [
    ({"nope": {"condition": "petechiae", "action": "gp"}}, "unknown case id 'nope'"),
    ({"lump_that_bleeds": {"condition": "petechia", "action": "gp"}}, "Did you mean 'petechiae'"),
    ({"lump_that_bleeds": {"condition": "petechiae", "action": "call_999"}}, "unknown action id 'call_999'"),
    ({"lump_that_bleeds": {"condition": "petechiae"}}, "keys condition and action"),
    ({"lump_that_bleeds": "petechiae"}, "keys condition and action"),
])
def test_bad_answers_are_refused_and_the_value_kept(bad, error):
    q = rs.Quiz(value={"lump_that_bleeds": {"condition": "pyogenic_granuloma", "action": "gp"}})
    with pytest.raises(Exception, match=error) as caught:
        q.value = bad
    assert isinstance(caught.value, (rs.UnknownIdError, ValueError))
    assert q.value == {"lump_that_bleeds": {"condition": "pyogenic_granuloma", "action": "gp"}}
    with pytest.raises(rs.UnknownIdError):
        q.case = "nope"


def test_quiz_is_lazy_and_on_the_explorer_base():
    import subprocess
    import sys
    code = ("import sys, redspots as rs; assert 'redspots.widgets' not in sys.modules; "
            "assert 'anywidget' not in sys.modules; q = rs.Quiz; assert 'redspots.widgets' in sys.modules")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
    assert issubclass(rs.Quiz, rw._Explorer) and rs.Quiz is rw.Quiz


def test_the_state_carries_the_cases_the_words_and_no_ids_for_findings(t):
    content = rs.Quiz().get_state("_content")["_content"]
    assert [c["id"] for c in content["cases"]] == CASES
    assert [a["label"] for a in content["actions"]][-1] == "Emergency: call 999 / 112 / 911 now"
    toddler = content["cases"][CASES.index("toddler_with_fever_glass_not_tried")]
    assert toddler["findings"][-1] == "Glass test not done yet" and "Fever" in toddler["findings"][-2]
