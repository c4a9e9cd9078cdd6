"""The safety rules as properties over many selections.

Expected answers are written here from the principles (and their references in red_flags.yaml),
never read back from the rules under test: the groups of findings below are spelled out by hand.
"""
from __future__ import annotations

import itertools
import os
import random

import pytest

import redspots as rs

# Written out by hand (not taken from red_flags.yaml's sets, which are under test).
SPOTS = {"flat_spots", "raised_bumps", "pinpoint_under_2mm", "dome_papule_1_to_5mm", "ring_shaped_rash",
         "in_clusters", "one_or_few_spots", "bruise_like_patches", "bright_cherry_red", "purple_or_brown",
         "skin_coloured_or_pink", "darker_than_skin",
         # where the spots are, or how they feel, also says there are spots
         "lower_legs", "upper_arms_thighs", "trunk", "mouth_or_eyelids", "face_neck_upper_chest", "buttocks",
         "forearms_backs_of_hands", "palms_soles", "itchy", "painful_or_burning"}
# A rash can be felt before it is seen (scarlet fever's sandpaper rash).
FELT = {"rough_texture"}
# The answers to the glass test; "can't tell or can't test" counts as not fading (Meningitis Now glass test
# page: if in doubt, treat the rash as not fading).
GLASS = {"blanching", "non_blanching", "glass_test_unclear"}
NOT_FADING = {"non_blanching", "glass_test_unclear"}
# On brown or black skin petechiae can look darker than the skin rather than purple (NHS meningitis page).
PURPLE_OR_PINPOINT = {"purple_or_brown", "bruise_like_patches", "pinpoint_under_2mm", "darker_than_skin"}
CHILD = {"baby_under_3_months", "baby_or_child_under_5", "child_5_to_15"}
AGES = CHILD | {"age_16_to_29", "age_over_30"}
# Signs of meningitis or sepsis that, with spots that don't fade, make an emergency with or without a fever
# (Meningitis Now glass test page: fever with cold hands and feet, joint or muscle pain; NHS sepsis page).
SEPSIS_OR_MENINGITIS_SIGNS = {"severe_headache", "cold_hands_and_feet", "limb_pain", "fits", "stiff_neck",
                              "dislikes_bright_light"}
MENINGITIS_SIGNS = {"stiff_neck", "dislikes_bright_light", "fits", "cold_hands_and_feet"}
# With a fever or a low temperature, any of these warns with no rash at all (NHS meningitis symptoms page,
# Meningitis Now "don't wait for a rash", the UK Sepsis Trust's adult safety net on patient.info).
ILLNESS_SIGNS = {"limb_pain", "severe_headache", "cold_hands_and_feet", "stiff_neck", "dislikes_bright_light",
                 "feeling_very_unwell"}
FEVER_OR_LOW = {"fever", "low_temperature"}
VASCULITIS_SIGNS = {"abdominal_pain", "joint_pain", "blood_in_urine", "blood_in_poo", "swollen_testicles"}
RANK = {None: 0, "see_doctor": 1, "urgent": 2, "emergency": 3}
# Classic pictures; each is also checked with every one extra finding.
CLASSIC = [("non_blanching", "fever"), ("fever", "purple_or_brown"), ("fever", "pinpoint_under_2mm"),
           ("baby_or_child_under_5", "purple_or_brown"), ("child_5_to_15", "bruise_like_patches"),
           ("fever", "joint_pain", "child_5_to_15"), ("purple_or_brown", "abdominal_pain", "buttocks"),
           ("feeling_very_unwell", "flat_spots"), ("fever", "flat_spots", "blanching"),
           ("rough_texture", "upper_arms_thighs", "worse_in_winter"), ("one_or_few_spots", "bleeds_easily")]


#: make test-fast sets REDSPOTS_TESTS=fast: the sweeps then take every single finding and pair and a
#: fixed sample of the triples; make test (and CI) takes every triple.
FAST = os.environ.get("REDSPOTS_TESTS") == "fast"


def _triples(ids) -> list[frozenset]:
    triples = [frozenset(c) for c in itertools.combinations(ids, 3)]
    return random.Random(3).sample(triples, 1000) if FAST else triples


@pytest.fixture(scope="module")
def t():
    return rs.load()


@pytest.fixture(scope="module")
def urgency(t):
    """Top urgency of a selection through the public API (memoised: the sweeps ask many times)."""
    memo = {}

    def top(selection) -> str | None:
        key = frozenset(selection)
        if key not in memo:
            flags = rs.red_flags(sorted(key), tables=t)
            memo[key] = None if flags.empty else str(flags.urgency.iloc[0])
        return memo[key]
    return top


@pytest.fixture(scope="module")
def selections(t):
    """Every selection of one, two and three findings, plus each classic picture with one more finding."""
    ids = list(t.findings.index)
    out = [frozenset(c) for n in (1, 2) for c in itertools.combinations(ids, n)] + _triples(ids)
    out += [frozenset(c) | {f} for c in CLASSIC for f in ids]
    return out


def _expected_minimum(s: frozenset) -> str | None:
    """The principles, as the least urgency each selection must get."""
    need = None

    def at_least(level):
        nonlocal need
        if RANK[level] > RANK[need]:
            need = level
    glass_not_done = not (s & GLASS)
    spots = bool(s & (SPOTS | GLASS))
    if "feeling_very_unwell" in s:
        at_least("emergency")
    if s & NOT_FADING:
        at_least("urgent")
        if s & ({"fever", "feeling_very_unwell", "spreading_fast"} | CHILD):
            at_least("emergency")
    if spots and glass_not_done and s & ({"fever", "feeling_very_unwell"} | CHILD):
        at_least("urgent")
        if s & PURPLE_OR_PINPOINT and s & ({"fever"} | CHILD):
            at_least("emergency")
    if (spots or s & FELT) and s & FEVER_OR_LOW:
        at_least("urgent")                       # a rash that fades does not reassure with a fever
    if s & CHILD and s & {"purple_or_brown", "bruise_like_patches", "pinpoint_under_2mm", "darker_than_skin",
                          "easy_bruising_or_nosebleeds"}:
        at_least("urgent")
    # An unanswered glass test is itself a reason to warn, at any age and with or without a fever.
    if glass_not_done and s & {"purple_or_brown", "pinpoint_under_2mm", "darker_than_skin"}:
        at_least("urgent")
    if glass_not_done and "bruise_like_patches" in s:
        at_least("see_doctor")
    if s & (NOT_FADING | PURPLE_OR_PINPOINT) and s & SEPSIS_OR_MENINGITIS_SIGNS:
        at_least("emergency")
    if "fever" in s and "baby_under_3_months" in s:
        at_least("emergency")
    if "fever" in s and "joint_pain" in s and s & CHILD:
        at_least("urgent")
    if s & (NOT_FADING | {"purple_or_brown", "bruise_like_patches", "darker_than_skin"}) and s & VASCULITIS_SIGNS:
        at_least("urgent")
    if "fever" in s and s & MENINGITIS_SIGNS:
        at_least("emergency")
    if "spreading_fast" in s:
        at_least("urgent")
        if glass_not_done or s & NOT_FADING or "fever" in s:
            at_least("emergency")                # a spreading rash with a fever, whatever the glass shows
    if "low_temperature" in s:
        at_least("urgent")
    if s & FEVER_OR_LOW and s & ILLNESS_SIGNS:
        at_least("urgent")                       # no rash needed
        if s & CHILD:
            at_least("emergency")
    if "fever" in s and "joint_pain" in s:
        at_least("urgent")                       # a hot, painful joint with a fever can be septic arthritis
    if s & CHILD and {"sore_throat", "joint_pain"} <= s:
        at_least("urgent")                       # rheumatic fever
    if s & {"lower_legs", "buttocks"} and s & {"abdominal_pain", "joint_pain"}:
        at_least("urgent")                       # early IgA vasculitis, even while its spots still fade
    # signs before any temperature is taken (NHS meningitis symptoms; Meningitis Now: cold hands and feet with
    # aching limbs are early signs of septicaemia; a young baby may have no fever and no stiff neck)
    if {"cold_hands_and_feet", "limb_pain"} <= s:
        at_least("emergency" if s & CHILD else "urgent")
    if s & CHILD and s & {"stiff_neck", "dislikes_bright_light"}:
        at_least("urgent")
    if "baby_under_3_months" in s and s & (ILLNESS_SIGNS | {"low_temperature"}):
        at_least("emergency")
    if s & {"pale_and_tired", "bone_pain"}:
        at_least("urgent")                       # NICE NG12: a very urgent blood count at any age
    if "low_temperature" in s and s & (NOT_FADING | PURPLE_OR_PINPOINT) and (glass_not_done or s & NOT_FADING):
        at_least("emergency")                    # a low temperature counts as a fever with spots
    # from the second review: chest pain (NHS/HSE chest pain: 999), signs of meningitis without a stiff neck,
    # a child who will not stand or limps (NICE NG143 amber), a pale child with a fever (amber), new bruises
    # (NICE NG12), scarlet fever without a measured fever, hand, foot and mouth disease with jerky movements,
    # and bleeding into the skin with bleeding inside
    if "chest_pain_or_struggling_to_breathe" in s:
        at_least("emergency")
    if {"severe_headache", "dislikes_bright_light"} <= s:
        at_least("urgent")
    if s & CHILD and s & {"limb_pain", "bone_pain"}:
        at_least("urgent")
    if s & CHILD and {"fever", "pale_and_tired"} <= s:
        at_least("urgent")
    if {"bruise_like_patches", "new_in_days"} <= s:
        at_least("urgent")
    if s & CHILD and "sore_throat" in s and s & {"rough_texture", "strawberry_tongue"}:
        at_least("urgent")
    if "chest_pain_breathless_or_jerky_movements" in s and s & {"mouth_sores", "palms_soles"}:
        at_least("emergency")
    if s & NOT_FADING and "blood_in_poo" in s:
        at_least("emergency")
    return need


def test_every_selection_gets_at_least_the_urgency_the_principles_give(selections, urgency):
    wrong = [(sorted(s), _expected_minimum(s), urgency(s)) for s in selections
             if RANK[urgency(s)] < RANK[_expected_minimum(s)]]
    assert not wrong, f"{len(wrong)} selections under-warned, for example {wrong[:5]}"


def test_ticking_another_finding_never_lowers_the_urgency(t, urgency):
    """Monotone for every finding but a "fades" answer, checked over all pairs and the classic pictures
    with every extra finding, and over random larger selections."""
    ids = list(t.findings.index)
    rng = random.Random(7)
    pairs = [frozenset(c) for c in itertools.combinations(ids, 2)]
    bases = [frozenset(c) for n in (0, 1) for c in itertools.combinations(ids, n)]
    bases += (rng.sample(pairs, 100) if FAST else pairs) + [frozenset(c) for c in CLASSIC]
    bases += [frozenset(rng.sample(ids, rng.randint(3, 8))) for _ in range(100 if FAST else 300)]
    lowered = [(sorted(s), f) for s in bases for f in ids
               if f != "blanching" and f not in s and RANK[urgency(s | {f})] < RANK[urgency(s)]]
    assert not lowered, lowered[:5]


def test_not_doing_the_glass_test_is_never_less_urgent_than_spots_that_fade(t, urgency):
    ids = [f for f in t.findings.index if f not in GLASS]
    for s in [frozenset(c) for n in (1, 2) for c in itertools.combinations(ids, n)] + _triples(ids):
        if s & SPOTS:   # "fades" says there are spots: compare with a selection that has them too
            assert RANK[urgency(s)] >= RANK[urgency(s | {"blanching"})], sorted(s)
        assert RANK[urgency(s | {"non_blanching"})] >= RANK[urgency(s)], sorted(s)


def test_fading_spots_with_a_fever_or_very_unwell_still_warn_that_an_early_rash_can_fade(t):
    for extra in ["fever", "feeling_very_unwell"]:
        for spot in SPOTS:
            flags = rs.red_flags([spot, "blanching", extra], tables=t)
            assert RANK[str(flags.urgency.iloc[0])] >= RANK["urgent"], (spot, extra)
            assert any("can fade" in action or "fade at first" in action for action in flags.action), (spot, extra)


def test_the_first_instruction_with_spots_and_no_glass_answer_is_the_glass_test(t):
    for spot in SPOTS:
        for who in ["fever", *CHILD]:
            flags = rs.red_flags([spot, who], tables=t)
            top = str(flags.urgency.iloc[0])
            first = flags[flags.urgency == top].iloc[0]
            assert "glass test" in first.action.lower() and first.action.lower().index("glass") < 40, \
                (spot, who, first.title)


def test_triggered_by_holds_only_ticked_findings_and_every_rule_has_a_time_frame(t, selections):
    rng = random.Random(3)
    for s in rng.sample(selections, 3000):
        flags = rs.red_flags(sorted(s), tables=t)
        for rule, row in flags.iterrows():
            assert row.triggered_by and set(row.triggered_by) <= s, (rule, sorted(s))
            assert str(row.within) in {"now", "today", "48_hours", "2_weeks", "soon"}
    pairs = {"emergency": {"now"}, "urgent": {"now", "today", "48_hours"}, "see_doctor": {"2_weeks", "soon"}}
    for rule, row in t.red_flags.iterrows():
        assert str(row.within) in pairs[str(row.urgency)], rule


def test_next_question_never_asks_what_is_ticked_or_answered(t, selections):
    rng = random.Random(11)
    ages = set(t.findings.index[t.findings.group == "age"])
    for s in rng.sample(selections, 3000):
        ask = rs.next_question(sorted(s), tables=t)
        assert ask not in s, sorted(s)
        if s & GLASS:
            assert ask not in GLASS, sorted(s)
        if s & ages:
            assert ask not in ages, sorted(s)
        out = [ask] if ask else []
        again = rs.next_question(sorted(s), ruled_out=out, tables=t)
        assert again is None or again not in out + sorted(s)


def test_next_question_asks_the_glass_test_first_whenever_its_answer_changes_the_urgency(t, urgency, selections):
    for s in selections:
        if s & GLASS or len(s) > 2:
            continue
        if urgency(s | {"non_blanching"}) != urgency(s | {"blanching"}):
            assert rs.next_question(sorted(s), tables=t) == "non_blanching", sorted(s)


def test_next_question_asks_what_raises_the_urgency_before_what_tells_conditions_apart(t):
    # Worked by hand: fading flat spots. A fever would make it urgent (same day): ask that first.
    assert rs.next_question(["flat_spots", "blanching"], tables=t) == "fever"
    # With the fever ruled out: a stiff neck with spots would be an emergency, so that comes next,
    # never fever or the glass test again.
    ask = rs.next_question(["flat_spots", "blanching"], ruled_out=["fever", "feeling_very_unwell"], tables=t)
    assert ask == "stiff_neck"
    # Fever and pinpoint spots, glass test not done: the glass test, before anything else.
    assert rs.next_question(["fever", "pinpoint_under_2mm"], tables=t) == "non_blanching"
    # Spots that don't fade (urgent): "very unwell" would make it an emergency, ask it before the rest.
    assert rs.next_question(["non_blanching", "age_over_30"], tables=t) == "feeling_very_unwell"


def test_under_a_warning_no_harmless_condition_is_called_a_strong_match(t, selections, urgency):
    rng = random.Random(5)
    harmless = set(t.conditions.index[t.conditions.seriousness == "harmless"])
    for s in rng.sample(selections, 3000):
        if RANK[urgency(s)] >= RANK["urgent"]:
            ranked = rs.match(sorted(s), tables=t)
            strong = set(ranked.index[ranked.strength == "strong"])
            assert not strong & harmless, (sorted(s), strong & harmless)


def test_a_condition_that_explains_the_warning_ranks_first(t, selections):
    rng = random.Random(9)
    checked = 0
    for s in rng.sample(selections, 3000):
        flags = rs.red_flags(sorted(s), tables=t)
        if flags.empty:
            continue
        ranked = rs.match(sorted(s), tables=t)
        top_rules = set(flags.index[flags.urgency == flags.urgency.iloc[0]])
        explaining = [c for c, row in ranked.iterrows() if row.fits and set(row.explains) & top_rules]
        if explaining:
            checked += 1
            assert ranked.index[0] in explaining, (sorted(s), ranked.index[0], explaining)
    assert checked > 300


# --- clinical cases written by hand from the references (tests/clinical_cases.yaml) ---------------

def _cases():
    import yaml
    from conftest import ROOT
    return yaml.safe_load((ROOT / "tests" / "clinical_cases.yaml").read_text(encoding="utf-8"))


CASES = _cases()


def test_there_are_enough_cases_each_with_a_reference(t):
    assert len(CASES) >= 30
    assert sum(c["urgency"] == "emergency" for c in CASES) >= 10
    assert sum(not set(c["findings"]) & GLASS for c in CASES) >= 10
    for c in CASES:
        assert c["ref"] in t.references.index, c["case"]
        assert set(c.get("top", ())) <= set(t.conditions.index), c["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_a_clinical_picture_gets_the_urgency_and_the_first_condition_its_reference_gives(t, case):
    flags = rs.red_flags(case["findings"], tables=t)
    got = None if flags.empty else str(flags.urgency.iloc[0])
    need = None if case["urgency"] == "none" else case["urgency"]
    assert RANK[got] >= RANK[need], f"{case['case']}: {got} (needs at least {need}; {case['ref']})"
    if "within" in case:                 # how soon the most urgent warning says to act, at the latest
        soon = ["soon", "2_weeks", "48_hours", "today", "now"]
        assert soon.index(str(flags.within.iloc[0])) >= soon.index(case["within"]), \
            f"{case['case']}: {flags.within.iloc[0]} (needs {case['within']}; {case['ref']})"
    if "at_most" in case:
        most = None if case["at_most"] == "none" else case["at_most"]
        assert RANK[got] <= RANK[most], f"{case['case']}: {got} warns more than {case['ref']} says"
    ranked = rs.match(case["findings"], tables=t)
    if "top" in case:
        assert ranked.index[0] in case["top"], f"{case['case']}: {list(ranked.index[:3])}"
    if RANK[got] >= RANK["urgent"]:
        harmless = t.conditions.seriousness == "harmless"
        assert not (ranked.strength[harmless.reindex(ranked.index).to_numpy()] == "strong").any()


def test_a_rule_asking_for_the_glass_test_leads_its_urgency_wherever_the_file_lists_it(content_copy):
    from conftest import edit_yaml

    def move_glass_rules_last(doc):
        asking = [r for r in doc["rules"] if "while_unanswered" in r]
        doc["rules"] = [r for r in doc["rules"] if "while_unanswered" not in r] + asking
    edit_yaml(content_copy / "red_flags.yaml", move_glass_rules_last)
    t = rs.load(content_copy)
    flags = rs.red_flags(["flat_spots", "fever"], tables=t)          # urgent: two rules, one asks for the glass
    assert list(flags.index[:2]) == ["spots_glass_not_done", "fever_with_spots"]
    flags = rs.red_flags(["fever", "pinpoint_under_2mm", "stiff_neck"], tables=t)
    assert flags.index[0] == "fever_spots_glass_not_done"


# --- gaps a clinical review found (S1-S4), each checked as a class over many selections ----------------

def _with_extras(t, base, n=400, seed=13):
    """``base`` alone, with every single other finding, and with random sets of 2 to 5 others (no glass answer)."""
    others = [f for f in t.findings.index if f not in GLASS and f not in base]
    rng = random.Random(seed)
    out = [frozenset(base)] + [frozenset(base) | {f} for f in others]
    out += [frozenset(base) | frozenset(rng.sample(others, rng.randint(2, 5))) for _ in range(n)]
    return out


@pytest.mark.parametrize("spot", ["purple_or_brown", "pinpoint_under_2mm", "bruise_like_patches"])
def test_purple_pinpoint_or_bruise_like_spots_with_the_glass_test_unanswered_always_warn(t, urgency, spot):
    need = "see_doctor" if spot == "bruise_like_patches" else "urgent"
    for age in [None, *sorted(AGES)]:
        for s in _with_extras(t, {spot} | ({age} if age else set())):
            assert RANK[urgency(s)] >= RANK[need], (sorted(s), urgency(s))
    # and the first instruction of a purple or pinpoint picture is the glass test itself
    if spot != "bruise_like_patches":
        flags = rs.red_flags([spot, "age_over_30"], tables=t)
        assert "glass test" in flags.action.iloc[0].lower()[:40], flags.title.iloc[0]


@pytest.mark.parametrize("sign", sorted(SEPSIS_OR_MENINGITIS_SIGNS))
def test_spots_that_dont_fade_with_a_meningitis_or_sepsis_sign_are_an_emergency_fever_ticked_or_not(t, urgency, sign):
    for spot in ["non_blanching", "purple_or_brown", "pinpoint_under_2mm", "bruise_like_patches"]:
        for age in [None, *sorted(AGES)]:
            base = {spot, sign} | ({age} if age else set())
            for s in _with_extras(t, base, n=40 if FAST else 150):
                if spot != "non_blanching" or "blanching" not in s:
                    assert urgency(s) == "emergency", sorted(s)


def test_spots_that_dont_fade_always_say_act_now_never_later_in_the_day(t):
    for age in [None, *sorted(AGES)]:
        for s in _with_extras(t, {"non_blanching"} | ({age} if age else set()), n=200):
            flags = rs.red_flags(sorted(s), tables=t)
            assert str(flags.within.iloc[0]) == "now", (sorted(s), flags.index[0])


def test_a_fever_in_a_baby_under_3_months_is_an_emergency_whatever_else_is_ticked(t, urgency):
    for s in _with_extras(t, {"fever", "baby_under_3_months"}) + [frozenset({"fever", "baby_under_3_months", "blanching"})]:
        assert urgency(s) == "emergency", sorted(s)
    flags = rs.red_flags(["fever", "baby_under_3_months"], tables=t)
    assert "3 months" in flags.title.iloc[0] and "999" in flags.action.iloc[0]


def test_the_age_group_takes_one_answer_and_a_baby_under_3_months_counts_as_a_child(t, urgency):
    ages = set(t.findings.index[t.findings.group == "age"])
    assert ages == AGES and t.findings.one_answer[sorted(ages)].all()
    for other in ["baby_or_child_under_5", "child_5_to_15"]:      # anything a child gets, a young baby gets
        for s in _with_extras(t, {other}, n=200):
            young = (s - {other}) | {"baby_under_3_months"}
            assert RANK[urgency(young)] >= RANK[urgency(s)], sorted(s)


# --- beyond the skin: the whole person, darker skin, and answers that can clear -------------------------------

@pytest.mark.parametrize("sign", sorted(ILLNESS_SIGNS))
@pytest.mark.parametrize("temperature", sorted(FEVER_OR_LOW))
def test_a_fever_or_low_temperature_with_a_sign_of_sepsis_or_meningitis_warns_with_no_rash(t, urgency, sign, temperature):
    for age in [None, *sorted(AGES)]:
        base = {temperature, sign} | ({age} if age else set())
        need = "emergency" if age in CHILD else "urgent"
        for s in _with_extras(t, base, n=40 if FAST else 150):
            assert RANK[urgency(s)] >= RANK[need], (sorted(s), urgency(s))
        flags = rs.red_flags(sorted(base), tables=t)
        assert str(flags.within.iloc[0]) == "now", (sorted(base), flags.index[0])


def test_spots_described_as_darker_than_the_skin_are_never_less_urgent_than_the_same_spots_described_as_purple(
        selections, urgency):
    checked = 0
    for s in selections:
        if "purple_or_brown" in s:
            darker = (s - {"purple_or_brown"}) | {"darker_than_skin"}
            assert RANK[urgency(darker)] >= RANK[urgency(s)], (sorted(s), urgency(s), urgency(darker))
            checked += 1
    assert checked > 300


def _sample(selections, n=4000, seed=11):
    """Every selection of one or two findings and a fixed random sample of the rest (each costs two queries)."""
    small = [s for s in selections if len(s) <= 2]
    rest = [s for s in selections if len(s) > 2]
    return small + random.Random(seed).sample(rest, min(n, len(rest)))


def test_cant_tell_or_cant_test_counts_as_spots_that_dont_fade(selections, urgency):
    for s in _sample(selections):
        if not s & GLASS:
            assert urgency(s | {"glass_test_unclear"}) == urgency(s | {"non_blanching"}), sorted(s)


def test_fades_retires_only_the_glass_test_prompts_never_a_fever_or_spreading_rash_warning(t, selections):
    asks_for_glass = set(t.red_flags.index[t.red_flags.while_unanswered != ""])
    for s in _sample(selections):
        if s & GLASS or not s & {"fever", "spreading_fast", "low_temperature"}:
            continue
        before = set(rs.red_flags(sorted(s), tables=t).index)
        after = set(rs.red_flags(sorted(s | {"blanching"}), tables=t).index)
        assert before - after <= asks_for_glass, (sorted(s), before - after)
    # a spreading rash with a fever stays an emergency after a "fades" answer (Meningitis Now: a rash may fade
    # at first)
    flags = rs.red_flags(["fever", "spreading_fast", "blanching"], tables=t)
    assert str(flags.urgency.iloc[0]) == "emergency"


def test_spots_inside_the_mouth_get_advice_that_clears_once_answered(t):
    """The palate cannot be glass-tested: "can't tell or can't test" answers the question, and the advice that
    follows is the one for spots that don't fade, never a prompt that stays forever."""
    asks_for_glass = set(t.red_flags.index[t.red_flags.while_unanswered != ""])
    for age in sorted(AGES):
        base = ["pinpoint_under_2mm", "mouth_or_eyelids", age]
        assert set(rs.red_flags(base, tables=t).index) & asks_for_glass
        answered = rs.red_flags(base + ["glass_test_unclear"], tables=t)
        assert not set(answered.index) & asks_for_glass
        assert set(answered.index) & {"non_blanching_spots", "non_blanching_in_child"}


def test_a_fever_alone_in_a_well_young_child_says_what_to_watch_for_not_same_day(t):
    flags = rs.red_flags(["fever", "baby_or_child_under_5"], tables=t)
    assert list(flags.urgency.astype(str)) == ["see_doctor"]
    action = flags.action.iloc[0]
    # what to watch for: the signs that make it an emergency are named
    assert "999" in action and "glass" in action and "5 days" in action
    # and with any rash, or a sign of illness, it is at least same day again
    assert str(rs.red_flags(["fever", "baby_or_child_under_5", "flat_spots"], tables=t).urgency.iloc[0]) != "see_doctor"
