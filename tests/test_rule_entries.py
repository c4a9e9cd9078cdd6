"""Every entry of every warning rule counts: each rule fires for a small selection that ticks its entries,
and stops firing when the findings of any one entry are taken away.

The expectations come from the rules as written in the repository's data/red_flags.yaml, judged by the
definition at the top of that file (every all_of entry ticked, one any_of entry ticked if there is an
any_of, no finding of the while_unanswered group ticked); a set counts as ticked when any of its findings
is. The code under test is rs.red_flags over the content it loads ($REDSPOTS_DATA when set): a rule whose
loaded form lost an entry, or a query that ignores one, fails here.
"""
from __future__ import annotations

import pytest
import yaml

import redspots as rs
from conftest import edit_yaml

from conftest import ROOT

SHIPPED = ROOT / "data"


def _read(data):
    rules_doc = yaml.safe_load((data / "red_flags.yaml").read_text(encoding="utf-8"))
    findings_doc = yaml.safe_load((data / "findings.yaml").read_text(encoding="utf-8"))
    sets = {s["id"]: list(s["findings"]) for s in rules_doc["sets"]}
    group_of = {f["id"]: f["group"] for f in findings_doc["findings"]}
    one_answer = {g["id"] for g in findings_doc["groups"] if g.get("one_answer")}
    return rules_doc["rules"], sets, group_of, one_answer


RULES, SETS, GROUP_OF, ONE_ANSWER = _read(SHIPPED)


def members(entry: str) -> list[str]:
    """The findings that tick an entry: the finding itself, or every finding of the set."""
    return SETS.get(entry, [entry])


def fires_by_definition(rule: dict, selected: set[str]) -> bool:
    def ticked(entry):
        return bool(set(members(entry)) & selected)
    unanswered = rule.get("while_unanswered")
    return (all(ticked(e) for e in rule.get("all_of", []))
            and (not rule.get("any_of") or any(ticked(e) for e in rule["any_of"]))
            and not (unanswered and any(GROUP_OF[f] == unanswered for f in selected)))


def selection(rule: dict, entry: str) -> set[str]:
    """A small selection that ticks every all_of entry and (if the rule has an any_of) ``entry`` or
    the first any_of entry, using findings outside ``entry`` for the other entries wherever possible and
    never two answers to a one-answer question or an answer to the question the rule waits for."""
    any_of = rule.get("any_of", [])
    wanted = list(rule.get("all_of", [])) + ([entry if entry in any_of else any_of[0]] if any_of else [])
    avoid = set(members(entry)) | {f for e in any_of if e != entry for f in members(e)}
    chosen: set[str] = set()
    for e in wanted:
        if set(members(e)) & chosen:
            continue

        def allowed(f):
            group = GROUP_OF[f]
            return (group != rule.get("while_unanswered")
                    and not (group in ONE_ANSWER and any(GROUP_OF[c] == group for c in chosen)))
        options = [f for f in members(e) if allowed(f)]
        outside = [f for f in options if f not in avoid or e == entry]
        chosen.add((outside or options)[0])
    return chosen


def entries(rule: dict) -> list[str]:
    return list(rule.get("all_of", [])) + list(rule.get("any_of", []))


def mismatches(tables, rule: dict) -> list[str]:
    """Where rs.red_flags disagrees with the rule's definition, for each of the rule's entries."""
    problems = []
    for entry in entries(rule):
        chosen = selection(rule, entry)
        assert fires_by_definition(rule, chosen), (rule["id"], entry, chosen)     # the test's own premise
        if rule["id"] not in rs.red_flags(sorted(chosen), tables=tables).index:
            problems.append(f"{rule['id']} does not fire for {sorted(chosen)}")
        without = chosen - set(members(entry))
        expected = fires_by_definition(rule, without)
        if (rule["id"] in rs.red_flags(sorted(without), tables=tables).index) != expected:
            problems.append(f"{rule['id']} {'does not fire' if expected else 'still fires'} for {sorted(without)} "
                            f"(without {entry})")
    return problems


@pytest.fixture(scope="module")
def t():
    return rs.load()


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_each_entry_of_the_rule_counts(t, rule):
    assert mismatches(t, rule) == []


def test_taking_away_an_entry_stops_the_rule():
    """The selections are small enough to mean something: taking any entry's findings away stops the rule."""
    still = [(r["id"], e) for r in RULES for e in entries(r)
             if fires_by_definition(r, selection(r, e) - set(members(e)))]
    assert still == []


def test_a_finding_dropped_from_a_rule_is_noticed(content_copy):
    """Delete one finding from a rule's any_of in a copy of the content: the checks above fail for that rule."""
    rule = next(r for r in RULES if any(e not in SETS for e in r.get("any_of", [])))
    dropped = next(e for e in rule["any_of"] if e not in SETS)

    def change(doc):
        [target] = [r for r in doc["rules"] if r["id"] == rule["id"]]
        target["any_of"].remove(dropped)
    edit_yaml(content_copy / "red_flags.yaml", change)
    assert mismatches(rs.load(content_copy), rule) != []
