"""Each kind of broken content raises a ContentError naming the file and the field; nothing loads."""
from __future__ import annotations

import pytest

import redspots as rs
from conftest import edit_yaml

PET = "conditions/petechiae.yaml"


def _write(rel, text):
    def apply(root):
        (root / rel).write_text(text, encoding="utf-8")
    return apply


def _edit(rel, change):
    def apply(root):
        edit_yaml(root / rel, change)
    return apply


def _set(rel, *path_and_value):
    *path, value = path_and_value

    def change(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return _edit(rel, change)


def _delete(rel, *path):
    def change(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return _edit(rel, change)


def _append_text(rel, text):
    def apply(root):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return apply


QUIZ = "quiz.yaml"


def _case(cases, case_id):
    return next(c for c in cases if c["id"] == case_id)


def _first_refs(doc):
    return doc["summary"]["refs"]


# (kind of breakage, how to break a copy of data/, file named in the message, field named, value shown)
CASES = [
    ("bad YAML", _write(PET, "id: petechiae\nname: [unclosed\n"), PET, "line", ""),
    ("empty file", _write("glossary.yaml", ""), "glossary.yaml", "", "empty file"),
    ("not UTF-8", lambda root: (root / PET).write_bytes(b"id: petechiae\nname: P\xe9t\n"), PET, "byte", "UTF-8"),
    ("duplicate key", _append_text(PET, "\nname: Petechiae again\n"), PET, "line", "'name'"),
    ("missing field", _delete(PET, "outlook"), PET, "outlook", "missing"),
    ("unknown field", _set(PET, "colour_of_spots", "red"), PET, "colour_of_spots", "only the fields"),
    ("wrong type", _set(PET, "also_known_as", "petechial rash"), PET, "also_known_as", "a list"),
    ("empty text", _set(PET, "name", "  "), PET, "name", "some text"),
    ("bad level", _set(PET, "profile", "fever", "likely"), PET, "profile.fever", "typical, possible, atypical"),
    ("bad urgency", _edit(PET, lambda d: d["see_a_doctor"][0].update(urgency="soon")), PET,
     "see_a_doctor[0].urgency", "emergency, urgent, see_doctor"),
    ("bad who", _edit(PET, lambda d: d["treatment"][0].update(who="doctor")), PET, "treatment[0].who", "'doctor'"),
    ("YAML no read as a boolean", _set(PET, "appearance", "raised", False), PET, "appearance.raised", "False"),
    ("unknown finding in profile", _edit(PET, lambda d: d["profile"].update(fevr="typical")), PET,
     "profile.fevr", "fever"),
    ("profile with nothing typical", _edit(PET, lambda d: d.update(profile={"fever": "atypical"})), PET, "profile",
     "at least one finding marked typical"),
    ("unknown reference", _edit(PET, lambda d: _first_refs(d).append("nhs_nowhere")), PET, "summary.refs", "nhs_nowhere"),
    ("no references", _set(PET, "summary", "refs", []), PET, "summary.refs", "at least 1"),
    ("too few main references", _edit(PET, lambda d: d.update(refs=d["refs"][:1])), PET, "refs", "at least 2"),
    ("duplicate reference id", _edit("references.yaml", lambda d: d.append(dict(d[0]))), "references.yaml",
     "[", "not used before"),
    ("duplicate finding id", _edit("findings.yaml", lambda d: d["findings"].append(dict(d["findings"][0]))),
     "findings.yaml", "findings[", "not used before"),
    ("unknown group", _edit("findings.yaml", lambda d: d["findings"][0].update(group="looks")), "findings.yaml",
     "findings[0].group", "'looks'"),
    ("id differs from file name", _set(PET, "id", "petechia"), PET, "id", "'petechiae'"),
    ("gap in step numbers", _edit(PET, lambda d: d["treatment"][1].update(step=3)), PET, "treatment[1].step", "2"),
    ("size min above max", _edit(PET, lambda d: d["appearance"]["size_mm"].update(min=50)), PET,
     "appearance.size_mm.min", "at most"),
    ("negative size", _edit(PET, lambda d: d["appearance"]["size_mm"].update(min=-1)), PET,
     "appearance.size_mm.min", "above 0"),
    ("bad snake_case id", _edit("red_flags.yaml", lambda d: d["rules"][0].update(id="Non-Blanching")),
     "red_flags.yaml", "rules[0].id", "snake_case"),
    ("red flag on unknown finding",
     _edit("red_flags.yaml", lambda d: d["rules"][0].update(all_of=["non_blanching", "fver"])),
     "red_flags.yaml", "rules[0].all_of[1]", "fever"),
    ("red flag any_of on unknown set", _edit("red_flags.yaml", lambda d: d["rules"][0].update(any_of=["any_spots"])),
     "red_flags.yaml", "rules[0].any_of[0]", "any_spot"),
    ("red flag with neither all_of nor any_of",
     _edit("red_flags.yaml", lambda d: [d["rules"][0].pop(k, None) for k in ("all_of", "any_of")]),
     "red_flags.yaml", "rules[0]", "all_of"),
    ("red flag without a time frame", _delete("red_flags.yaml", "rules", 0, "within"),
     "red_flags.yaml", "rules[0].within", "within"),
    ("emergency that can wait two weeks", _set("red_flags.yaml", "rules", 0, "within", "2_weeks"),
     "red_flags.yaml", "rules[0].within", "now"),
    ("red flag waiting on an unknown group", _set("red_flags.yaml", "rules", 0, "while_unanswered", "press_tests"),
     "red_flags.yaml", "rules[0].while_unanswered", "press_test"),
    ("red flag explained by an unknown condition",
     _set("red_flags.yaml", "rules", 0, "explains", ["meningococcal_diseases"]),
     "red_flags.yaml", "rules[0].explains[0]", "meningococcal_disease"),
    ("duplicate red flag id", _edit("red_flags.yaml", lambda d: d["rules"].append(dict(d["rules"][0]))),
     "red_flags.yaml", "rules[", "rule id not used before"),
    ("set holding an unknown finding", _set("red_flags.yaml", "sets", 0, "findings", ["flat_spots", "fver"]),
     "red_flags.yaml", "sets[0].findings[1]", "fever"),
    ("set named like a finding", _set("red_flags.yaml", "sets", 0, "id", "fever"),
     "red_flags.yaml", "sets[0].id", "not also a finding id"),
    ("ask_first on an unknown finding", _set("red_flags.yaml", "ask_first", ["fver"]),
     "red_flags.yaml", "ask_first[0]", "fever"),
    ("unknown seriousness", _set(PET, "seriousness", "deadly"), PET, "seriousness", "urgent"),
    ("waiting on a group that takes many answers", _set("red_flags.yaml", "rules", 0, "while_unanswered", "symptoms"),
     "red_flags.yaml", "rules[0].while_unanswered", "one_answer"),
    ("a rule that can never fire",
     _edit("red_flags.yaml", lambda d: d["rules"][0].update(all_of=["fever", "non_blanching"])),
     "red_flags.yaml", "rules[0]", "can fire"),
    ("explained by a condition that can never fit",
     _set("red_flags.yaml", "rules", 0, "explains", ["keratosis_pilaris"]),
     "red_flags.yaml", "rules[0].explains[0]", "atypical for every finding"),
    ("unknown condition in seed corrections", _edit("seed_corrections.yaml", lambda d: d[0].update(condition="acne")),
     "seed_corrections.yaml", "[0].condition", "'acne'"),
    ("insecure reference url", _edit("references.yaml", lambda d: d[0].update(url="javascript:alert(1)")),
     "references.yaml", "[0].url", "https://"),
    ("quiz: unknown finding", _edit(QUIZ, lambda d: d[0]["findings"].append("fver")), QUIZ, "[0].findings[8]", "fever"),
    ("quiz: unknown condition", _edit(QUIZ, lambda d: d[0]["answer"].update(condition="keratosis")), QUIZ,
     "[0].answer.condition", "keratosis_pilaris"),
    ("quiz: unknown action", _edit(QUIZ, lambda d: d[0]["answer"].update(action="wait")), QUIZ,
     "[0].answer.action", "self_care, pharmacist, gp, same_day, emergency"),
    ("quiz: glass test among the findings", _edit(QUIZ, lambda d: d[0]["findings"].append("non_blanching")), QUIZ,
     "[0].findings[8]", "glass_test"),
    ("quiz: unknown glass test answer", _edit(QUIZ, lambda d: d[0].update(glass_test="fades")), QUIZ,
     "[0].glass_test", "not_done"),
    ("quiz: no age", _edit(QUIZ, lambda d: d[0]["findings"].remove("age_16_to_29")), QUIZ, "[0].findings",
     "exactly one finding of the group age"),
    ("quiz: two ages", _edit(QUIZ, lambda d: d[0]["findings"].append("age_over_30")), QUIZ, "[0].findings",
     "exactly one"),
    ("quiz: unknown skin tone", _edit(QUIZ, lambda d: d[0].update(skin_tone="olive")), QUIZ, "[0].skin_tone",
     "light, medium, dark"),
    ("quiz: unknown reference", _edit(QUIZ, lambda d: d[0]["refs"].append("nhs_nowhere")), QUIZ, "[0].refs",
     "nhs_nowhere"),
    ("quiz: duplicate case id", _edit(QUIZ, lambda d: d.append(dict(d[0]))), QUIZ, "[", "case id not used before"),
    ("quiz: missing answer", _delete(QUIZ, 0, "answer"), QUIZ, "[0].answer", "missing"),
    # the worst mistake content can make: teach that an emergency can wait
    ("quiz: action less urgent than its warnings", _edit(QUIZ, lambda d: _case(d, "student_with_fever_and_spots")
                                                         ["answer"].update(action="gp")),
     QUIZ, "[5].answer.action", "at least emergency"),
    ("quiz: glass test not done hides nothing", _edit(QUIZ, lambda d: _case(d, "toddler_with_fever_glass_not_tried")
                                                      ["answer"].update(action="same_day")),
     QUIZ, "[6].answer.action", "at least emergency"),
    ("missing file", lambda root: (root / "references.yaml").unlink(), "references.yaml", "", "missing file"),
    ("wrong extension", lambda root: (root / PET).rename(root / "conditions/petechiae.yml"), "petechiae.yml", "",
     ".yaml"),
    ("missing quiz", lambda root: (root / QUIZ).unlink(), QUIZ, "", "missing file"),
    ("top level of the wrong shape", _write("references.yaml", "id: nhs\nurl: https://www.nhs.uk/\n"),
     "references.yaml", "", "a list"),
]


@pytest.mark.parametrize("kind, breaks, file, field, shown", CASES, ids=[c[0] for c in CASES])
def test_broken_content_raises_a_clear_error(content_copy, kind, breaks, file, field, shown):
    breaks(content_copy)
    with pytest.raises(rs.ContentError) as caught:
        rs.load(content_copy)
    message = str(caught.value)
    problem = next((p for p in caught.value.problems if file in p.file), None)
    assert problem is not None, f"no problem names {file}:\n{message}"
    assert problem.field.startswith(field), f"field {problem.field!r} is not {field!r}:\n{message}"
    assert shown in str(problem), message
    assert file in message and problem.expected in message


def test_every_problem_is_reported_at_once(content_copy):
    edit_yaml(content_copy / PET, lambda d: d.pop("outlook"))
    edit_yaml(content_copy / "conditions/cherry_angioma.yaml", lambda d: d.update(seriousness="mild"))
    with pytest.raises(rs.ContentError) as caught:
        rs.load(content_copy)
    files = {p.file for p in caught.value.problems}
    assert any("petechiae" in f for f in files) and any("cherry_angioma" in f for f in files)


def test_a_failed_load_loses_nothing(content_copy):
    good = rs.load(content_copy)
    edit_yaml(content_copy / PET, lambda d: d.pop("outlook"))
    with pytest.raises(rs.ContentError):
        rs.load(content_copy)
    # the tables already handed out are untouched, and the shipped content still loads
    assert good.conditions.loc["petechiae", "outlook"]
    assert "petechiae" in rs.load().conditions.index


def test_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(rs.ContentError, match="no such folder"):
        rs.load(tmp_path / "nowhere")


def test_content_error_is_a_value_error():
    assert issubclass(rs.ContentError, ValueError)


def test_a_new_finding_needs_only_its_own_file_and_the_conditions_it_concerns(content_copy):
    """Profiles list typical and atypical findings; a finding a condition does not list is "possible"."""
    new = {"id": "peeling_fingertips", "label": "Peeling skin on the fingertips", "group": "feel",
           "help": "Tick this if the skin on the fingertips is peeling."}
    edit_yaml(content_copy / "findings.yaml", lambda d: d["findings"].append(new))
    edit_yaml(content_copy / "conditions/scarlet_fever.yaml", lambda d: d["profile"].update(peeling_fingertips="typical"))
    t = rs.load(content_copy)
    level = t.profile[t.profile.finding == "peeling_fingertips"].set_index("condition").level.astype(str)
    assert level["scarlet_fever"] == "typical"
    assert set(level.drop("scarlet_fever")) == {"possible"}
    assert rs.match(["peeling_fingertips"], tables=t).index[0] == "scarlet_fever"
    # a profile still may not name a finding that does not exist, and the error says which file
    edit_yaml(content_copy / PET, lambda d: d["profile"].update(peeling_fingertip="typical"))
    with pytest.raises(rs.ContentError) as caught:
        rs.load(content_copy)
    assert [(p.file, p.field) for p in caught.value.problems] == [("data/conditions/petechiae.yaml", "profile.peeling_fingertip")]
    assert "peeling_fingertips" in str(caught.value)


def test_a_file_missing_two_fields_names_each_once(content_copy):
    edit_yaml(content_copy / PET, lambda d: [d.pop("who"), d.pop("outlook")])
    with pytest.raises(rs.ContentError) as caught:
        rs.load(content_copy)
    assert [str(p) for p in caught.value.problems] == [
        "data/conditions/petechiae.yaml: who: got 'nothing (the field is missing)'; expected the field 'who'",
        "data/conditions/petechiae.yaml: outlook: got 'nothing (the field is missing)'; expected the field 'outlook'",
    ]
    assert str(caught.value).startswith("2 problems in the content files:\n")


def test_a_schema_problem_and_a_problem_across_files_come_in_one_report(content_copy):
    edit_yaml(content_copy / "conditions/cherry_angioma.yaml", lambda d: d.update(seriousness="mild"))
    edit_yaml(content_copy / PET, lambda d: d["profile"].update(fevr="typical"))
    with pytest.raises(rs.ContentError) as caught:
        rs.load(content_copy)
    assert [str(p) for p in caught.value.problems] == [
        "data/conditions/cherry_angioma.yaml: seriousness: got 'mild'; "
        "expected one of: harmless, see_doctor, urgent, emergency",
        "data/conditions/petechiae.yaml: profile.fevr: got 'fevr'; "
        "expected a finding id defined in the content (closest: fever)",
    ]


def test_a_quiz_answer_less_urgent_than_its_warnings_is_reported_with_the_other_problems(content_copy):
    edit_yaml(content_copy / PET, lambda d: d.pop("outlook"))
    edit_yaml(content_copy / QUIZ, lambda d: _case(d, "student_with_fever_and_spots")["answer"].update(action="gp"))
    with pytest.raises(rs.ContentError) as caught:
        rs.load(content_copy)
    assert [str(p) for p in caught.value.problems] == [
        "data/conditions/petechiae.yaml: outlook: got 'nothing (the field is missing)'; expected the field 'outlook'",
        "data/quiz.yaml: [5].answer.action: got 'gp'; "
        "expected emergency: the warnings for these findings ask for at least emergency",
    ]
