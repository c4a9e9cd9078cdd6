"""The questions: match, red_flags, compare, treatment_plan (next_question and the rules: test_safety)."""
from __future__ import annotations

import itertools

import pandas as pd
import pytest

import redspots as rs
from redspots import payload


@pytest.fixture(scope="module")
def t():
    return rs.load()


# Selections that point clearly at one condition (drawn from each condition's typical findings).
CLEAR = {
    "petechiae": ["flat_spots", "pinpoint_under_2mm", "non_blanching", "after_vomiting_or_straining",
                  "face_neck_upper_chest"],
    "cherry_angioma": ["bright_cherry_red", "dome_papule_1_to_5mm", "long_lasting_stable", "trunk"],
    "keratosis_pilaris": ["rough_texture", "upper_arms_thighs", "worse_in_winter"],
    "leukocytoclastic_vasculitis": ["raised_bumps", "non_blanching", "purple_or_brown", "lower_legs", "new_medicine",
                                    "age_over_30"],
    "rheumatic_fever": ["ring_shaped_rash", "joint_pain", "recent_strep_throat", "fever"],
}


@pytest.mark.parametrize("condition", CLEAR)
def test_a_clear_selection_ranks_its_condition_first(t, condition):
    ranked = rs.match(CLEAR[condition])
    assert ranked.index[0] == condition
    assert ranked.score.iloc[0] >= ranked.score.iloc[1]
    assert ranked.strength.iloc[0] == "strong"


def test_non_blanching_with_fever_ranks_meningococcal_disease_first():
    ranked = rs.match(["non_blanching", "fever"])
    assert ranked.index[0] == "meningococcal_disease"
    assert set(ranked.loc["meningococcal_disease", "typical"]) == {"non_blanching", "fever"}
    # it can cause the emergency warning, and the spots-with-a-fever warning that fires with it (rule order)
    assert ranked.loc["meningococcal_disease", "explains"] == ("non_blanching_with_fever", "fever_with_spots")
    assert "Doesn't fade when pressed" in ranked.loc["petechiae", "why"]


def test_match_reasons_add_up_to_the_score(t):
    findings = ["non_blanching", "rough_texture", "fever", "trunk"]
    ranked = rs.match(findings)
    for cid, row in ranked.iterrows():
        assert set(row.typical) | set(row.possible) | set(row.conflicting) == set(findings)
        points = 2 * len(row.typical) + len(row.possible) - 2 * len(row.conflicting)
        assert row.score == pytest.approx(points / (2 * len(findings)), abs=1e-3)
        for f in row.conflicting:
            level = t.profile[(t.profile.condition == cid) & (t.profile.finding == f)].level.iloc[0]
            assert level == "atypical"
    assert list(ranked.score) == sorted(ranked.score, reverse=True)


def test_match_on_other_tables_and_order_of_findings(t):
    assert rs.match(["fever", "non_blanching"], tables=t).index.equals(rs.match(["non_blanching", "fever"]).index)


SERIOUS = {"harmless": 0, "see_doctor": 1, "urgent": 2, "emergency": 3}   # written out, not read from the dtype


def test_warnings_then_score_then_fewer_conflicts_then_the_more_serious_condition_first(t):
    for pair in itertools.combinations(t.findings.index, 2):
        ranked = rs.match(list(pair))
        urgency = rs.red_flags(list(pair)).urgency.astype(str).to_dict()
        warned = [max((SERIOUS[urgency[r]] for r in rules), default=-1) for rules in ranked.explains]
        rows = list(zip(warned, ranked.score, ranked.conflicting.map(len),
                        ranked.seriousness.astype(str).map(SERIOUS)))
        for (w1, s1, c1, v1), (w2, s2, c2, v2) in zip(rows, rows[1:]):
            assert w1 >= w2, pair
            if w1 == w2:
                assert s1 >= s2, pair
                if s1 == s2:
                    assert c1 < c2 or (c1 == c2 and v1 >= v2), pair


def test_empty_selection_is_neutral_not_an_error(t):
    ranked = rs.match([])
    assert len(ranked) == len(t.conditions) and (ranked.score == 0).all()
    assert set(ranked.why) == {"no findings selected"}
    assert rs.red_flags([]).empty


def test_a_single_string_is_one_finding():
    assert rs.match("fever").equals(rs.match(["fever"]))


def test_repeated_findings_count_once():
    assert rs.match(["fever", "fever"]).equals(rs.match(["fever"]))


@pytest.mark.parametrize("call", [
    lambda: rs.match(["fevr"]), lambda: rs.red_flags(["non-blanching"]),
    lambda: rs.compare(["petechia", "cherry_angioma"]), lambda: rs.treatment_plan("kp"),
])
def test_unknown_ids_raise_a_key_error_with_suggestions(call):
    with pytest.raises(KeyError) as caught:
        call()
    assert isinstance(caught.value, rs.UnknownIdError)
    assert caught.value.suggestions, str(caught.value)
    assert str(caught.value).startswith("unknown ")


def test_unknown_id_message_suggests_the_right_id():
    with pytest.raises(rs.UnknownIdError, match="'fever'"):
        rs.match(["fevr"])
    with pytest.raises(rs.UnknownIdError, match="'petechiae'"):
        rs.treatment_plan("petechia")
    with pytest.raises(rs.UnknownIdError, match="keratosis_pilaris"):
        rs.treatment_plan("keratosis")


def test_non_blanching_with_fever_is_an_emergency():
    flags = rs.red_flags(["non_blanching", "fever"])
    assert flags.urgency.iloc[0] == "emergency"
    assert "non_blanching_with_fever" in flags.index
    assert set(flags.loc["non_blanching_with_fever", "triggered_by"]) == {"non_blanching", "fever"}
    assert any(n in flags.action.iloc[0] for n in ("999", "112", "911"))


@pytest.mark.parametrize("other", ["fever", "feeling_very_unwell", "baby_or_child_under_5", "child_5_to_15",
                                   "spreading_fast"])
def test_non_blanching_with_any_danger_sign_is_an_emergency(other):
    assert rs.red_flags(["non_blanching", other]).urgency.iloc[0] == "emergency"


@pytest.mark.parametrize("other", ["easy_bruising_or_nosebleeds", "blood_in_urine", "abdominal_pain"])
def test_non_blanching_with_bleeding_or_kidney_signs_is_at_least_urgent(other):
    assert rs.red_flags(["non_blanching", other]).urgency.iloc[0] in ("urgent", "emergency")


def test_a_non_blanching_rash_is_never_left_without_a_warning():
    assert not rs.red_flags(["non_blanching"]).empty
    assert not rs.red_flags(["non_blanching", "long_lasting_stable", "one_or_few_spots"]).empty


def test_straining_never_cancels_a_warning(t):
    for combo in itertools.combinations(t.findings.index, 2):
        without = rs.red_flags(list(combo))
        with_straining = rs.red_flags([*combo, "after_vomiting_or_straining"])
        assert set(without.index) <= set(with_straining.index), combo


def test_adding_a_finding_never_lowers_the_top_urgency(t):
    """Except the one designed exception: a "fades" answer ends the rules that ask for the glass test."""
    rank = {"see_doctor": 1, "urgent": 2, "emergency": 3}
    for a, b in itertools.combinations(t.findings.index, 2):
        alone = rs.red_flags([a])
        pair = rs.red_flags([a, b])
        if not alone.empty and b != "blanching":
            assert rank[pair.urgency.iloc[0]] >= rank[alone.urgency.iloc[0]], (a, b)


def test_red_flags_are_sorted_most_urgent_first():
    flags = rs.red_flags(["non_blanching", "fever", "new_in_days", "sore_throat", "bleeds_easily"])
    codes = flags.urgency.cat.codes.tolist()
    assert codes == sorted(codes, reverse=True) and len(flags) >= 3


def test_harmless_findings_trigger_nothing():
    assert rs.red_flags(["rough_texture", "upper_arms_thighs", "worse_in_winter"]).empty


def test_compare_side_by_side(t):
    side = rs.compare(["petechiae", "cherry_angioma"])
    assert list(side.columns) == ["petechiae", "cherry_angioma"]
    assert side.index.names == ["section", "feature"]
    assert side.loc[("overview", "Name"), "petechiae"] == "Petechiae"
    fever_label = t.findings.loc["fever", "label"]
    assert side.loc[("symptoms", fever_label)].tolist() == ["~ possible", "✘ atypical"]
    assert len(side) == 15 + len(t.findings)          # 15 overview rows, then one row per finding
    assert side.loc[("overview", "Size"), "petechiae"] == "0.5–2 mm"      # petechiae.yaml: 0.5 to 2 mm


def test_compare_distinguishing_only_keeps_rows_that_differ():
    side = rs.compare(["petechiae", "cherry_angioma", "keratosis_pilaris"], distinguishing_only=True)
    assert len(side) > 0
    assert (side.nunique(axis=1) > 1).all()
    full = rs.compare(["petechiae", "cherry_angioma", "keratosis_pilaris"])
    same = full[full.nunique(axis=1) == 1]
    assert len(side) + len(same) == len(full)


def test_compare_needs_a_condition():
    with pytest.raises(ValueError, match="at least one condition"):
        rs.compare([])
    assert list(rs.compare(["petechiae", "petechiae"]).columns) == ["petechiae"]


@pytest.mark.parametrize("cid", ["cherry_angioma", "petechiae", "keratosis_pilaris", "leukocytoclastic_vasculitis",
                                 "rheumatic_fever"])
def test_treatment_plan_is_ordered(t, cid):
    plan = rs.treatment_plan(cid)
    assert plan.index.name == "step" and list(plan.index) == list(range(1, len(plan) + 1))
    assert {"name", "what", "when", "who", "expect", "escalate_if", "refs"} <= set(plan.columns)
    assert (plan.what.str.len() > 0).all()


def test_petechiae_treatment_starts_with_emergency_care_for_the_dangerous_cases():
    first = rs.treatment_plan("petechiae").iloc[0]
    assert first.who == "hospital"
    assert "child" in (first.when + first.what).lower()


def test_queries_do_not_change_the_tables(t):
    before = {name: getattr(t, name).copy() for name in ("conditions", "profile", "treatments", "red_flags")}
    rs.match(["fever", "non_blanching"], tables=t)
    rs.compare(["petechiae", "rheumatic_fever"], distinguishing_only=True, tables=t)
    plan = rs.treatment_plan("petechiae", tables=t)
    plan.loc[1, "name"] = "changed"
    rs.red_flags(["fever"], tables=t)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(t, name), frame)


def test_only_urgent_and_emergency_warnings_lift_a_condition_to_the_top():
    # A spot that bleeds (a see-a-doctor warning) lifts nothing: pyogenic granuloma explains no rule here.
    assert set(rs.match(["one_or_few_spots", "bleeds_easily"]).explains.map(len)) == {0}
    # Bruise-like patches on a blood thinner that fade: only the see-a-doctor rule about bruises on a blood
    # thinner fires. Senile purpura explains it, but a see-a-doctor rule lifts nothing.
    ranked = rs.match(["bruise_like_patches", "blanching", "takes_blood_thinner"])
    assert ranked.loc["senile_purpura", "explains"] == ()
    # Patches that don't fade on a blood thinner: urgent. Senile purpura causes patches that don't fade, so
    # the urgent rule names it, but a harmless cause is never called a strong match under an urgent warning.
    ranked = rs.match(["long_lasting_stable", "non_blanching", "takes_blood_thinner"])
    assert ranked.loc["senile_purpura", "explains"] == ("non_blanching_spots",)
    assert ranked.loc["senile_purpura", "strength"] == "partial"


def test_points_out_of_the_best_possible_are_whole_numbers_written_out():
    # keratosis pilaris: rough texture, upper arms and thighs, worse in winter are all typical (2 points each)
    ranked = rs.match(["rough_texture", "upper_arms_thighs", "worse_in_winter"])
    kp = ranked.loc["keratosis_pilaris"]
    assert (kp.points, kp.best, kp.score, str(kp.strength)) == (6, 6, 1.0, "strong")


# Keratosis pilaris (data/conditions/keratosis_pilaris.yaml): rough_texture is typical (2 points); itchy, trunk,
# blanching, darker_than_skin and forearms_backs_of_hands are not listed, so possible (1 point each); new_in_days
# is atypical (-2). Five findings: the best is 10 points, so strong from 6, partial from 3.
@pytest.mark.parametrize("chosen, points, expected", [
    (["rough_texture", "itchy", "trunk", "blanching", "darker_than_skin"], 6, "strong"),        # 2+1+1+1+1: 60%
    (["itchy", "trunk", "blanching", "darker_than_skin", "forearms_backs_of_hands"], 5, "partial"),  # 50%
    (["rough_texture", "itchy", "trunk", "blanching", "new_in_days"], 3, "partial"),         # 2+1+1+1-2: 30%
    (["itchy", "trunk", "blanching", "darker_than_skin", "new_in_days"], 2, "weak"),          # 1+1+1+1-2: 20%
])
def test_strength_bands_lie_at_60_and_30_percent_of_the_best(chosen, points, expected):
    assert rs.red_flags(chosen).empty                         # no warning that could lower a harmless match
    kp = rs.match(chosen).loc["keratosis_pilaris"]
    assert (kp.points, kp.best, kp.score, kp.strength) == (points, 10, points / 10, expected)


def test_an_edited_profile_gives_fresh_answers_after_a_query():
    t = rs.load()
    chosen = ["rough_texture", "upper_arms_thighs", "worse_in_winter"]
    assert rs.match(chosen, tables=t).loc["keratosis_pilaris", "points"] == 6          # typical: 2 + 2 + 2
    rs.compare(["keratosis_pilaris", "petechiae"], tables=t)
    payload.symptom_filter(t)
    t.profile.loc[(t.profile.condition == "keratosis_pilaris") & (t.profile.finding == "rough_texture"),
                  "level"] = "atypical"
    kp = rs.match(chosen, tables=t).loc["keratosis_pilaris"]
    assert (kp.points, kp.score, kp.conflicting, kp.fits) == (2, 0.333, ("rough_texture",), False)  # -2 + 2 + 2
    side = rs.compare(["keratosis_pilaris", "petechiae"], tables=t)
    assert side.at[("feel", "Rough, sandpaper-like skin"), "keratosis_pilaris"] == "✘ atypical"
    filter_kp = next(c for c in payload.symptom_filter(t)["conditions"] if c["id"] == "keratosis_pilaris")
    assert filter_kp["levels"][list(t.findings.index).index("rough_texture")] == "atypical"
    assert rs.match(chosen).loc["keratosis_pilaris", "points"] == 6       # the shipped content is unchanged


def test_an_edited_rule_and_condition_name_give_fresh_answers_after_a_query():
    t = rs.load()
    chosen = ["non_blanching", "fever"]
    rs.red_flags(chosen, tables=t), rs.match(chosen, tables=t), rs.compare(["keratosis_pilaris"], tables=t)
    payload.symptom_filter(t)
    t.red_flags.loc["non_blanching_with_fever", "title"] = "A title of my own"
    t.conditions.loc["keratosis_pilaris", "name"] = "Chicken skin"
    assert rs.red_flags(chosen, tables=t).at["non_blanching_with_fever", "title"] == "A title of my own"
    assert rs.match(chosen, tables=t).at["keratosis_pilaris", "name"] == "Chicken skin"
    assert rs.compare(["keratosis_pilaris"], tables=t).at[("overview", "Name"), "keratosis_pilaris"] == "Chicken skin"
    titles = {r["id"]: r["title"] for r in payload.symptom_filter(t)["rules"]}
    assert titles["non_blanching_with_fever"] == "A title of my own"
    t.red_flags.index = ["my_rule" if r == "non_blanching_with_fever" else r for r in t.red_flags.index]
    assert "my_rule" in rs.red_flags(chosen, tables=t).index
    assert "non_blanching_with_fever" not in rs.red_flags(chosen, tables=t).index


def test_next_question_worked_example_the_finding_whose_points_spread_most():
    """Fades under the glass, fever and a severe headache: hand, foot and mouth disease, meningococcal
    disease and scarlet fever fit (their profiles in data/conditions). The urgency questions are answered
    or change nothing, so the question is the finding whose points differ most across those three:
    rough, sandpaper-like skin is typical of scarlet fever and atypical of the others (+2, -2, -2:
    variance 96/27), more than flat spots (+1 HFMD, +2 meningococcal, -2 scarlet fever: 78/27)."""
    assert rs.next_question(["blanching", "fever", "severe_headache"]) == "rough_texture"
