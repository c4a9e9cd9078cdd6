"""Each closed list of values in the content is closed: one value outside it, in a copy of the content,
raises a ContentError naming the file and the value, and nothing loads.

The invalid values are written here by hand, not read from the schemas, so loosening a schema (dropping
an enum, widening the time frames an urgency may have) fails a test.
"""
from __future__ import annotations

import pytest
import yaml

import redspots as rs
from conftest import edit_yaml

PET = "conditions/petechiae.yaml"


def _rule_index(data, urgency: str) -> int:
    rules = yaml.safe_load((data / "red_flags.yaml").read_text(encoding="utf-8"))["rules"]
    return next(i for i, r in enumerate(rules) if r["urgency"] == urgency)


def _at(*path):
    """A change that sets the value at ``path`` (keys and list positions; a callable position is
    computed from the content folder) to the case's bad value."""
    def apply(data, rel, value):
        def change(doc):
            node = doc
            keys = [k(data) if callable(k) else k for k in path]
            for key in keys[:-1]:
                node = node[key]
            node[keys[-1]] = value
        edit_yaml(data / rel, change)
    return apply


def _rule(urgency, field):
    return _at("rules", lambda data: _rule_index(data, urgency), field)


# (what, file, change, bad value)
CASES = [
    ("seriousness", PET, _at("seriousness"), "deadly"),
    ("raised", PET, _at("appearance", "raised"), "bumpy"),
    ("blanching", PET, _at("appearance", "blanching"), "sometimes"),
    ("an unknown body region", PET, _at("locations", "body_regions", 0), "tail"),
    ("cause kind", PET, _at("causes", 0, "kind"), "bad_luck"),
    ("who gives a treatment step", PET, _at("treatment", 0, "who"), "nurse"),
    ("a condition's see-a-doctor urgency", PET, _at("see_a_doctor", 0, "urgency"), "whenever"),
    ("a profile level", PET, _at("profile", "fever"), "always"),
    ("a rule's urgency", "red_flags.yaml", _rule("emergency", "urgency"), "panic"),
    ("a rule's time frame", "red_flags.yaml", _rule("urgent", "within"), "next_year"),
    ("a time frame an emergency may not have", "red_flags.yaml", _rule("emergency", "within"), "today"),
    ("a time frame an urgent rule may not have", "red_flags.yaml", _rule("urgent", "within"), "2_weeks"),
    ("a time frame a see-a-doctor rule may not have", "red_flags.yaml", _rule("see_doctor", "within"), "now"),
    ("a see-a-doctor rule acting today", "red_flags.yaml", _rule("see_doctor", "within"), "today"),
    ("a finding's group", "findings.yaml", _at("findings", 0, "group"), "nowhere"),
    ("a quiz skin tone", "quiz.yaml", _at(0, "skin_tone"), "green"),
    ("a quiz glass test", "quiz.yaml", _at(0, "glass_test"), "maybe"),
    ("a quiz action", "quiz.yaml", _at(0, "answer", "action"), "wait_and_see"),
    ("a quiz answer's condition", "quiz.yaml", _at(0, "answer", "condition"), "measles"),
    ("a seed correction's risk", "seed_corrections.yaml", _at(0, "risk"), "scary"),
]


@pytest.mark.parametrize("what, rel, change, bad", CASES, ids=[c[0] for c in CASES])
def test_a_value_outside_its_list_is_refused(content_copy, what, rel, change, bad):
    change(content_copy, rel, bad)
    with pytest.raises(rs.ContentError) as caught:
        rs.load(content_copy)
    named = [p for p in caught.value.problems if p.file.endswith(rel) and p.value == bad]
    assert named, f"{what}: no problem names {rel} and {bad!r}:\n{caught.value}"
    assert rel in str(caught.value) and repr(bad) in str(caught.value)

