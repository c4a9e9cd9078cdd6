"""One safety source: every statement in data/safety.yaml has an id, and every surface (the emergency card,
the scenario cards, the exported index, the quiz feedback, the glass-test caption and the warning banners)
shows statements by id. Rewording one statement is one edit. Expected words are read from the content
files, never from what the functions under test return."""
from __future__ import annotations

import re

import pytest
import yaml

import redspots as rs
from conftest import CONTENT, edit_yaml, said, set_statement
from redspots import payload, render
from redspots.cards import cards_page
from redspots.emergency_card import emergency_card
from redspots.export import index_page

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
ESCAPED = "&lt;script&gt;window.__pwned=1&lt;/script&gt;"


def _safety_doc(data=CONTENT) -> dict:
    return yaml.safe_load((data / "safety.yaml").read_text(encoding="utf-8"))


def _statements(doc: dict) -> list[dict]:
    """Every statement with its section, in file order (the size bands are not statements)."""
    return [{**doc["disclaimer"], "section": "disclaimer"}] + [
        {**item, "section": key} for key, value in doc.items() if isinstance(value, list) and key != "size_scale"
        for item in value]


def _rules(data=CONTENT) -> list[dict]:
    return yaml.safe_load((data / "red_flags.yaml").read_text(encoding="utf-8"))["rules"]


# --- ids -----------------------------------------------------------------------------------------------

def test_every_statement_and_band_has_a_unique_snake_case_id():
    doc = _safety_doc()
    ids = [s["id"] for s in _statements(doc)] + [band["id"] for band in doc["size_scale"]]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids), ids
    assert len(ids) == len(set(ids))


def test_the_tables_hold_each_statement_under_its_id():
    t = rs.load()
    statements = _statements(_safety_doc())
    assert list(t.safety.index) == [s["id"] for s in statements]
    assert list(t.safety.topic.astype(str)) == [s["section"] for s in statements]
    assert list(t.size_scale.id) == [band["id"] for band in _safety_doc()["size_scale"]]


def test_safety_text_gives_the_text_and_sources_of_the_statement_with_that_id():
    for statement in _statements(_safety_doc()):
        got = rs.safety_text(statement["id"])
        assert got == (statement["id"], statement["text"], tuple(statement["refs"]))
        text, refs = got.text, got.refs
        assert text == statement["text"] and refs == tuple(statement["refs"])


@pytest.mark.parametrize("wrong, near", [("non_blanching_fever", "non_blanching_with_fever"),
                                         ("get_help", "get_help_now"), ("spreading", "spreading_spots")])
def test_an_unknown_statement_id_names_the_closest_ids(wrong, near):
    with pytest.raises(rs.UnknownIdError) as err:
        rs.safety_text(wrong)
    assert near in err.value.suggestions and near in str(err.value) and wrong in str(err.value)
    with pytest.raises(KeyError):
        rs.safety_text(None)


def test_a_repeated_id_is_an_error_naming_the_file_and_both_places(content_copy):
    def repeat(doc):
        doc["glass_test"][1]["id"] = doc["emergency_signs"][1]["id"]
        doc["size_scale"][0]["id"] = doc["disclaimer"]["id"]
    edit_yaml(content_copy / "safety.yaml", repeat)
    doc = _safety_doc(content_copy)
    with pytest.raises(rs.ContentError) as err:
        rs.load(content_copy)
    message = str(err.value)
    twice = doc["emergency_signs"][1]["id"]
    # the later place is the one flagged, and the message names the earlier one
    assert re.search(rf"safety\.yaml: emergency_signs\[1\]\.id: got '{twice}'.*already the id at glass_test\[1\]",
                     message), message
    assert re.search(r"safety\.yaml: size_scale\[0\]\.id: got 'disclaimer'.*already the id at disclaimer", message)
    assert len(err.value.problems) == 2


@pytest.mark.parametrize("bad, expected", [("Glass-How-To", "snake_case"), (None, "the field 'id'")])
def test_an_id_must_be_snake_case_and_present(content_copy, bad, expected):
    def change(doc):
        if bad is None:
            del doc["glass_test"][0]["id"]
        else:
            doc["glass_test"][0]["id"] = bad
    edit_yaml(content_copy / "safety.yaml", change)
    with pytest.raises(rs.ContentError) as err:
        rs.load(content_copy)
    assert "safety.yaml: glass_test[0].id" in str(err.value) and expected in str(err.value)


def _one_problem_with_rule_safety(content_copy, statement_id: str):
    """Give the rule non_blanching_with_fever the statement list [statement_id]; the one problem loading reports."""
    i = next(i for i, r in enumerate(_rules()) if r["id"] == "non_blanching_with_fever")
    edit_yaml(content_copy / "red_flags.yaml", lambda doc: doc["rules"][i].update(safety=[statement_id]))
    with pytest.raises(rs.ContentError) as err:
        rs.load(content_copy)
    [problem] = err.value.problems
    return i, problem


def test_a_rule_naming_an_unknown_statement_is_an_error_naming_red_flags_and_the_rule(content_copy):
    i, problem = _one_problem_with_rule_safety(content_copy, "non_blanching_with_fevr")
    assert problem.file.endswith("red_flags.yaml") and problem.field == f"rules[{i}].safety[0]"
    assert "'non_blanching_with_fever'" in problem.expected and "closest: non_blanching_with_fever" in problem.expected


def test_a_rule_cannot_name_a_size_band_which_is_no_statement(content_copy):
    """Size bands have ids too, but a banner can only show statements: naming one is a content error, not a
    banner that fails when the rule fires."""
    i, problem = _one_problem_with_rule_safety(content_copy, "size_petechiae")
    assert problem.field == f"rules[{i}].safety[0]" and problem.value == "size_petechiae"


# --- the rules name statements -----------------------------------------------------------------------------

def test_the_rules_that_carry_a_statements_advice_name_it():
    named = {r["id"]: r.get("safety", []) for r in _rules()}
    for rule, statement in [("non_blanching_with_fever", "non_blanching_with_fever"),
                            ("non_blanching_in_child", "child_non_blanching"),
                            ("non_blanching_spots", "well_adult_non_blanching"),
                            ("spreading_rash", "spreading_spots"), ("very_unwell", "seriously_ill_no_rash"),
                            ("fever_in_baby_under_3_months", "baby_under_3_months_fever")]:
        assert statement in named[rule], rule
    t = rs.load()
    assert {rule: list(ids) for rule, ids in t.red_flags.safety.items()} == named


def test_the_banner_ends_each_rule_with_its_statements():
    for selection in (["non_blanching", "fever"], ["non_blanching", "child_5_to_15"], ["spreading_fast"]):
        flags = rs.red_flags(selection)
        items = re.findall(r"<li[^>]*>(.*?)</li>", render.red_flag_banner(flags))
        assert len(items) == len(flags)
        for item, rule in zip(items, flags.index):
            statements = next(r.get("safety", []) for r in _rules() if r["id"] == rule)
            if statements:
                more = "More: " + " ".join(said(s) for s in statements)
                assert item.endswith(f'<span class="redspots-more">{render.esc(more)}</span>'), rule
            else:
                assert "redspots-more" not in item, rule


def test_the_browser_banner_gets_the_same_statements_from_python():
    content = payload.symptom_filter(rs.load())
    assert content["text"]["banner_more"] == "More:"
    named = {r["id"]: r.get("safety", []) for r in _rules()}
    for rule in content["rules"]:
        assert rule["more"] == [said(s) for s in named[rule["id"]]], rule["id"]
    quiz = payload.quiz(rs.load())
    assert quiz["rules"] == content["rules"] and quiz["text"]["banner_more"] == "More:"


# --- one edit -------------------------------------------------------------------------------------------

def _surfaces(t) -> dict[str, str]:
    """What each surface shows, rendered by the package from the tables ``t``."""
    return {"emergency card": emergency_card(tables=t), "cards page": cards_page(t),
            "index": index_page(["index"], "emergency-card.html", tables=t),
            "glass-test caption": rs.figures.glass_test("light", tables=t).caption}


def test_rewording_one_statement_rewords_every_surface(content_copy):
    old = said("get_help_now")
    new = ("New words for the test: spots that will not fade with a fever, in a baby or child, or in anyone "
           "unwell mean 999, 112 or 911 straight away; anyone else with such spots calls NHS 111 now.")
    set_statement(content_copy, "get_help_now", new)
    for surface, shown in _surfaces(rs.load(content_copy)).items():
        text = " ".join(shown.split())
        assert render.esc(new) in text or new in text, surface
        assert render.esc(old) not in text and old not in text, surface


def test_rewording_the_quizs_emergency_statement_rewords_its_feedback_in_python_and_the_browser(content_copy):
    new = "New words for the test: someone seriously ill needs 999 now, rash or no rash."
    set_statement(content_copy, "seriously_ill_no_rash", new)
    t = rs.load(content_copy)
    for case in ("student_with_fever_and_spots", "drowsy_with_a_rash_that_fades"):
        first = rs.grade(case, "petechiae", "gp", tables=t)["messages"][0]
        assert first.startswith("⚠ EMERGENCY: call 999") and first.endswith(new)
    assert payload.quiz(t)["emergency_line"].endswith(new)


def test_rewording_a_rules_statement_rewords_the_card_and_the_banner(content_copy):
    new = "New words for the test: a child with spots that stay under the glass needs A&E or 999 now."
    set_statement(content_copy, "child_non_blanching", new)
    t = rs.load(content_copy)
    assert render.esc(new) in emergency_card(tables=t)
    assert render.esc(new) in render.red_flag_banner(rs.red_flags(["non_blanching", "child_5_to_15"], tables=t),
                                                     tables=t)
    [rule] = [r for r in payload.symptom_filter(t)["rules"] if r["id"] == "non_blanching_in_child"]
    assert rule["more"] == [new]


def test_no_surface_depends_on_where_a_statement_sits_in_its_list(content_copy):
    before = _surfaces(rs.load())
    banner = render.red_flag_banner(rs.red_flags(["non_blanching", "fever"]))

    def reverse(doc):
        for key in ("glass_test", "emergency_signs", "darker_skin", "other_causes"):
            doc[key].reverse()
    edit_yaml(content_copy / "safety.yaml", reverse)
    t = rs.load(content_copy)
    assert _surfaces(t) == before
    assert render.red_flag_banner(rs.red_flags(["non_blanching", "fever"], tables=t), tables=t) == banner


# --- escaped everywhere -----------------------------------------------------------------------------------

def test_statement_text_is_escaped_on_every_html_surface(content_copy):
    for statement in ("get_help_now", "non_blanching_with_fever", "spreading_spots", "glass_how_to"):
        set_statement(content_copy, statement, f"{said(statement)} {HOSTILE}")
    t = rs.load(content_copy)
    pages = {**{k: v for k, v in _surfaces(t).items() if k in ("emergency card", "cards page", "index")},
             "banner": render.red_flag_banner(rs.red_flags(["non_blanching", "fever", "spreading_fast"], tables=t),
                                              tables=t),
             "figure": rs.figures.glass_test("light", tables=t)._repr_html_()}
    for name, page in pages.items():
        assert "<script>window.__pwned" not in page and "<img src=x" not in page, name
        assert ESCAPED in page, name
