"""The contract every content file keeps, checked over all of them."""
from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest
import yaml

import redspots as rs
from redspots import render
from conftest import CONTENT, DATA, ROOT, conditions, condition_name, read

CONDITION_FILES = sorted((CONTENT / "conditions").glob("*.yaml"))
SEED_CONDITIONS = {"cherry_angioma", "petechiae", "keratosis_pilaris", "leukocytoclastic_vasculitis",
                   "rheumatic_fever"}
# Publishers whose own pages may be cited (never a third-party copy of them).
REPUTABLE = ("nhs.uk", "nhs.scot", "nhsinform.scot", "dermnetnz.org", "aad.org", "ncbi.nlm.nih.gov", "medlineplus.gov",
             "mayoclinic.org", "clevelandclinic.org", "msdmanuals.com", "merckmanuals.com", "patient.info",
             "nice.org.uk", "cdc.gov", "who.int", "meningitisnow.org", "rch.org.au", "kidshealth.org",
             "heart.org", "ahajournals.org", "acc.org", "bad.org.uk", "gov.uk", "gov.au", "nih.gov",
             "hscni.net", "cancerresearchuk.org", "eviq.org.au", "gpnotebook.com", "statpearls.com",
             "mhmedical.com", "indianpediatrics.net", "nhslothian.scot", "rivm.nl", "childrenshospital.org",
             "optimalcarepathways.com.au", "versusarthritis.org", "nhsdghandbook.co.uk", "hse.ie")


@pytest.fixture(scope="module")
def tables():
    return rs.load()


def test_the_seed_conditions_are_all_there(tables):
    assert SEED_CONDITIONS <= set(tables.conditions.index)


@pytest.mark.parametrize("path", CONDITION_FILES, ids=lambda p: p.stem)
def test_condition_file_contract(path: Path, tables):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    cid = doc["id"]
    assert cid == path.stem
    # a profile names only findings of the vocabulary, with known levels, and at least one typical finding;
    # the table holds every finding for the condition, those the file leaves out as "possible"
    assert set(doc["profile"]) <= set(tables.findings.index)
    assert set(doc["profile"].values()) <= {"typical", "possible", "atypical"} and "typical" in doc["profile"].values()
    levels = tables.profile[tables.profile.condition == cid].set_index("finding").level.astype(str)
    assert set(levels.index) == set(tables.findings.index)
    assert {f: doc["profile"].get(f, "possible") for f in tables.findings.index} == levels.to_dict()
    # at least two main sources, from at least two publishers
    refs = tables.references.loc[list(doc["refs"])]
    assert len(refs) >= 2 and refs.publisher.nunique() >= 2
    # treatment runs first-line to escalation, numbered 1..n, each step says who gives it
    plan = rs.treatment_plan(cid)
    assert list(plan.index) == list(range(1, len(plan) + 1))
    assert plan.who.notna().all()
    # when to see a doctor is always said; every section carries facts with references
    assert len(tables.warnings[tables.warnings.condition == cid]) >= 1
    for table in (tables.causes, tables.symptoms, tables.diagnosis, tables.treatments):
        rows = table[table.condition == cid]
        assert len(rows) >= 1 and rows.refs.map(len).ge(1).all()
    row = tables.conditions.loc[cid]
    assert 0 < row.size_min_mm <= row.size_max_mm
    assert row.darker_skin and row.summary and row.sites


@pytest.mark.parametrize("path", CONDITION_FILES, ids=lambda p: p.stem)
def test_condition_profile_has_a_typical_finding_in_most_groups(path: Path, tables):
    levels = tables.profile[tables.profile.condition == path.stem].merge(
        tables.findings[["group"]], left_on="finding", right_index=True)
    typical_groups = levels[levels.level == "typical"].group.nunique()
    assert typical_groups >= 3, "a profile with almost no typical findings cannot be matched"


def test_every_reference_is_a_canonical_https_page_of_a_reputable_publisher(tables):
    for ref_id, ref in tables.references.iterrows():
        url = urlparse(ref.url)
        assert url.scheme == "https", ref_id
        assert url.hostname.endswith(REPUTABLE), f"{ref_id}: {url.hostname} is not on the list of publishers"
        assert not re.search(r"[?&](ref|p|utm_[a-z]+|footprints|METHOD)=", ref.url), f"{ref_id}: tracking query"


def test_every_reference_is_used(tables):
    used = set()
    for name in ("causes", "symptoms", "diagnosis", "treatments", "warnings", "red_flags",
                 "glossary", "safety", "size_scale", "seed_corrections", "quiz"):
        for refs in getattr(tables, name).refs:
            used |= set(refs)
    for refs in tables.conditions.cited:
        used |= set(refs)
    assert set(tables.references.index) - used == set()


def test_content_is_plain_text_without_markup():
    markup = re.compile(r"<[a-zA-Z/!]|\]\(|javascript:", re.IGNORECASE)
    for path in sorted(DATA.rglob("*.yaml")):
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not markup.search(line), f"{path.relative_to(ROOT)}:{line_no}: {line.strip()}"


def test_dtypes_are_explicit(tables):
    assert tables.profile.level.dtype == pd.CategoricalDtype(["atypical", "possible", "typical"], ordered=True)
    assert tables.red_flags.urgency.dtype.ordered
    assert list(tables.red_flags.urgency.dtype.categories) == ["see_doctor", "urgent", "emergency"]
    assert tables.treatments.who.dtype.ordered and tables.treatments.step.dtype == "int64"
    assert tables.findings.group.dtype.ordered
    assert len(tables.profile) == len(tables.conditions) * len(tables.findings)


# The finding ids published with the first vocabulary: other code and saved selections use them.
PUBLISHED_FINDINGS = [
    "flat_spots", "raised_bumps", "pinpoint_under_2mm", "dome_papule_1_to_5mm", "ring_shaped_rash",
    "in_clusters", "non_blanching", "blanching", "rough_texture", "itchy", "painful_or_burning",
    "bright_cherry_red", "purple_or_brown", "skin_coloured_or_pink", "lower_legs", "upper_arms_thighs",
    "trunk", "mouth_or_eyelids", "face_neck_upper_chest", "age_over_30", "child_5_to_15",
    "long_lasting_stable", "new_in_days", "worse_in_winter", "fever", "feeling_very_unwell", "sore_throat",
    "joint_pain", "abdominal_pain", "blood_in_urine", "bleeds_easily", "easy_bruising_or_nosebleeds",
    "after_vomiting_or_straining", "new_medicine", "recent_strep_throat", "buttocks", "one_or_few_spots",
    "spreading_fast", "baby_or_child_under_5", "takes_blood_thinner",
    "chest_pain_breathless_or_jerky_movements",
]


def test_findings_vocabulary_keeps_the_published_ids(tables):
    assert set(PUBLISHED_FINDINGS) <= set(tables.findings.index)


def test_age_bands_cover_every_age_without_a_gap(tables):
    """The age findings, read from their ids (under_N_months, under_N, A_to_B, over_N, in years unless the id says
    months), leave no age out. An id that names only an upper end ("under_5") starts where the next younger
    "under" band ends: the published id baby_or_child_under_5 now begins at 3 months, below it baby_under_3_months."""
    bands, unders = [], []
    for fid in tables.findings.index[tables.findings.group == "age"]:
        if m := re.search(r"under_(\d+)_months$", fid):
            unders.append(int(m[1]))
        elif m := re.search(r"under_(\d+)$", fid):
            unders.append(12 * int(m[1]))
        elif m := re.search(r"(\d+)_to_(\d+)$", fid):
            bands.append((12 * int(m[1]), 12 * (int(m[2]) + 1)))
        elif m := re.search(r"over_(\d+)$", fid):
            bands.append((12 * int(m[1]), 12 * 200))
        else:
            pytest.fail(f"age finding {fid} does not say which ages it covers")
    unders.sort()
    bands += list(zip([0, *unders[:-1]], unders))
    bands.sort()
    assert bands[0][0] == 0 and bands[-1][1] == 12 * 200
    gaps = [(a, b) for (_, a), (b, _) in zip(bands, bands[1:]) if a != b]
    assert gaps == [], f"ages left out or covered twice: {gaps}"


def test_size_scale_bands_follow_each_other(tables):
    """The bands of safety.yaml, in the table in file order: the first starts at 0 mm, each starts where the
    one before ends, and only the last has no upper limit."""
    bands = read("safety.yaml")["size_scale"]
    scale = tables.size_scale
    assert list(scale.term) == [b["term"] for b in bands]
    assert list(scale.min_mm) == [b["min_mm"] for b in bands]
    assert scale.min_mm.iloc[0] == 0
    assert list(scale.min_mm[1:]) == list(scale.max_mm[:-1])
    assert scale.max_mm.iloc[-1] == float("inf") and (scale.max_mm[:-1] < float("inf")).all()


def test_safety_content_covers_the_essentials(tables):
    topics = set(tables.safety.topic.astype(str))
    assert {"disclaimer", "glass_test", "emergency_signs", "darker_skin"} <= topics
    disclaimer = tables.safety[tables.safety.topic == "disclaimer"].text.iloc[0].lower()
    assert "diagnos" in disclaimer and "glass" in disclaimer and "child" in disclaimer


def test_reading_is_cached_and_done_again_after_an_edit(content_copy):
    from redspots.content import shared
    first = shared(content_copy)
    assert shared(content_copy) is first
    assert rs.load(content_copy) is not first                     # a copy of its own each time
    path = content_copy / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert shared(content_copy) is not first


def test_tables_are_frozen(tables):
    with pytest.raises(AttributeError):
        tables.conditions = None


def _enum(schema: dict, *path: str) -> list:
    for key in path:
        schema = schema[key]
    return schema["enum"]


def test_every_closed_vocabulary_has_one_source_the_schema_the_tables_and_the_words_agree_on(tables):
    """Each schema enum lists exactly the values redspots.words has words for, and the table's
    categories are those values in the words' order."""
    import json
    from redspots import words

    def schema(name):
        return json.loads((DATA / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    common, condition = schema("common")["$defs"], schema("condition")["properties"]
    cases = {
        "within": (_enum(common, "within"), tables.red_flags.within),
        "urgency": (_enum(common, "urgency"), tables.red_flags.urgency),
        "level": (_enum(common, "level"), tables.profile.level),
        "seriousness": (_enum(condition, "seriousness"), tables.conditions.seriousness),
        "raised": (_enum(condition, "appearance", "properties", "raised"), tables.conditions.raised),
        "blanching": (_enum(condition, "appearance", "properties", "blanching"), tables.conditions.blanching),
        "who": (_enum(condition, "treatment", "items", "properties", "who"), tables.treatments.who),
        "risk": (_enum(schema("seed_corrections"), "items", "properties", "risk"), tables.seed_corrections.risk),
        "action": (_enum(schema("quiz"), "items", "properties", "answer", "properties", "action"), tables.quiz.action),
        "glass_test": (_enum(schema("quiz"), "items", "properties", "glass_test"), tables.quiz.glass_test),
    }
    assert set(cases) == set(words.VOCABULARIES)
    for name, (enum, column) in cases.items():
        assert set(enum) == set(words.VOCABULARIES[name]), name
        assert list(column.cat.categories) == list(words.VOCABULARIES[name]), name
        assert all(words.VOCABULARIES[name].values()), name


def test_a_value_with_no_words_is_an_error_not_a_blank():
    import pandas as pd
    from redspots import words
    with pytest.raises(ValueError, match="unknown seriousness 'deadly'.*known: harmless"):
        words.categorical(pd.Series(["harmless", "deadly"]), "seriousness")
    with pytest.raises(KeyError, match="no words for within 'someday'"):
        words.word("within", "someday")
    assert words.word("within", "48_hours") == "within 48 hours"


def test_lists_read_as_sentences_with_one_full_stop_each(tables):
    from redspots import words
    assert words.sentences(["On the legs.", "The gums and the nose"]) == "On the legs. The gums and the nose."
    for sites in tables.conditions.sites:
        assert ".;" not in sites and ". ." not in sites and ".." not in sites


def test_the_at_a_glance_table_lists_the_most_serious_conditions_first(tables):
    html = rs.at_a_glance().data
    order = [html.index(words) for words in ("Emergency", "Urgent: a doctor the same day", "See a doctor", "Harmless")]
    assert order == sorted(order)
    # every condition, by the name its file gives, and a more serious one always above a less serious one
    rank = ["harmless", "see_doctor", "urgent", "emergency"]
    written = conditions()
    place = {cid: html.index(render.esc(doc["name"])) for cid, doc in written.items()}
    for a, b in itertools.combinations(written, 2):
        if rank.index(written[a]["seriousness"]) > rank.index(written[b]["seriousness"]):
            assert place[a] < place[b], (a, b)


def test_each_load_gives_tables_of_your_own():
    """A learner's change to their tables reaches the queries they pass them to, and nothing else."""
    mine = rs.load()
    name = condition_name("petechiae")
    mine.conditions.loc["petechiae", "name"] = "Tiny bleeds"
    mine.profile.loc[(mine.profile.condition == "cherry_angioma") & (mine.profile.finding == "fever"), "level"] = "typical"
    assert rs.load().conditions.loc["petechiae", "name"] == name               # a new copy: untouched
    assert rs.compare(["petechiae", "cherry_angioma"]).loc[("overview", "Name"), "petechiae"] == name
    shipped = read("conditions/cherry_angioma.yaml")["profile"].get("fever", "possible")
    assert shipped != "typical"
    # the points of one ticked finding, by level (as lesson 02 teaches them)
    assert rs.match(["fever"]).loc["cherry_angioma", "points"] == {"possible": 1, "atypical": -2}[shipped]
    # both queries see the change when given the changed tables
    assert rs.compare(["petechiae", "cherry_angioma"], tables=mine).loc[("overview", "Name"), "petechiae"] == "Tiny bleeds"
    assert rs.match(["fever"], tables=mine).loc["cherry_angioma", "points"] == 2


def test_one_public_id_check_for_every_kind():
    assert rs.check_ids("fever", "finding") == ["fever"]
    with pytest.raises(rs.UnknownIdError, match="petechiae"):
        rs.check_ids(["petechia"], "condition")
    with pytest.raises(ValueError, match="choose one of: finding, condition, rule"):
        rs.check_ids(["fever"], "symptom")
    assert rs.check_ids(["non_blanching_with_fever"], "rule") == ["non_blanching_with_fever"]
