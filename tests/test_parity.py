"""The explorers' browser code (the ES modules of redspots/static, as shipped) gives the answers Python gives.

One Node process answers thousands of questions with queries.js, quiz.js and reading.js; each answer is
compared field by field with :func:`redspots.match`, :func:`redspots.red_flags`, :func:`redspots.next_question`,
:func:`redspots.compare`, :func:`redspots.grade` and :func:`redspots.condition_page`. The selections: every
selection of 0 to 2 findings; every subset of each rule's findings (for the few rules watching more than 10
findings, every subset of up to 3 of them and 300 random larger ones); random selections of every size, with
random "no" answers; one in ten in a random order with repeated ids. The comparisons: every ordered pair of
conditions and random ordered choices of 1, 4 and 5, with and without ``distinguishing_only``, and every ordered
triple with it. The quiz: every case with every condition and every action (the whole feedback). The reader:
every condition's page.

Node runs it (no browser): without Node it is skipped locally and fails in CI (``CI=true``). The Python side
takes most of the time (about 7 ms a selection), so make test-fast (``REDSPOTS_TESTS=fast``) checks every
selection of 0 or 1 findings and a fixed sample of 2000 of the others, and 300 of the comparisons; make test
(and CI) checks them all.
"""
from __future__ import annotations

import itertools
import json
import os
import random

import pytest

import redspots as rs
from node import SCRIPTS, run
from redspots import payload

ACTIONS = ("self_care", "pharmacist", "gp", "same_day", "emergency")
FAST = os.environ.get("REDSPOTS_TESTS") == "fast"


def _sample(items: list, size: int, *, keep=lambda item: False) -> list:
    """In make test-fast: the items ``keep`` accepts and a fixed sample of ``size`` of the others, in their
    order; otherwise every item."""
    if not FAST:
        return items
    others = [i for i, item in enumerate(items) if not keep(item)]
    chosen = set(random.Random(11).sample(others, min(size, len(others))))
    return [item for i, item in enumerate(items) if keep(item) or i in chosen]


def _watched(t) -> list[tuple[set[str], set[str]]]:
    """Each rule's findings, from the content: (the findings its clauses name, sets expanded; the findings
    of the group it waits on, the glass test)."""
    members = {sid: set(findings) for sid, findings in t.finding_sets.findings.items()}
    group = t.findings.group.astype(str)
    out = []
    for rule in t.red_flags.itertuples():
        watched = set().union(*(members.get(entry, {entry}) for entry in (*rule.all_of, *rule.any_of)))
        unanswered = set(group.index[group == rule.while_unanswered]) if rule.while_unanswered else set()
        out.append((watched, unanswered))
    return out


def _selections(t) -> list[tuple[list[str], list[str]]]:
    ids = list(t.findings.index)
    rng = random.Random(20261130)
    chosen = [list(c) for n in range(3) for c in itertools.combinations(ids, n)]
    for watched, unanswered in _watched(t):
        watched = sorted(watched | unanswered)
        if len(watched) <= 10:
            subsets = [list(c) for n in range(len(watched) + 1) for c in itertools.combinations(watched, n)]
        else:
            subsets = [list(c) for n in range(4) for c in itertools.combinations(watched, n)]
            subsets += [rng.sample(watched, rng.randint(4, len(watched))) for _ in range(300)]
        chosen += subsets
    chosen += [rng.sample(ids, size) for size in range(len(ids) + 1) for _ in range(25)]
    order = {f: i for i, f in enumerate(ids)}
    out, seen = [], set()
    for n, selection in enumerate(chosen):
        if n % 10:
            selection = sorted(set(selection), key=order.get)   # as the filter holds it: vocabulary order
        else:                                                   # as code may pass it: any order, repeats
            selection = rng.sample(selection, len(selection)) + selection[:rng.randint(0, 2)]
        rest = [f for f in ids if f not in selection]
        no = sorted(rng.sample(rest, rng.randint(0, min(4, len(rest)))), key=order.get) if rng.random() < 0.3 else []
        key = (tuple(selection), tuple(no))
        if key not in seen:
            seen.add(key)
            out.append((selection, no))
    return out


def _comparisons(t) -> list[tuple[list[str], bool]]:
    ids = list(t.conditions.index)
    rng = random.Random(7)
    pairs = [list(c) for c in itertools.permutations(ids, 2)]
    triples = [list(c) for c in itertools.permutations(ids, 3)]
    more = [rng.sample(ids, n) for n in (1, 4, 5) for _ in range(100)]
    # every ordered triple with only the rows that differ (the full tables add nothing but bytes)
    return [(chosen, False) for chosen in pairs + more] + [(chosen, True) for chosen in pairs + triples + more]


@pytest.fixture(scope="module")
def parity(tmp_path_factory):
    """The questions and Node's answers."""
    t = rs.load()
    questions = {
        "filter": payload.symptom_filter(t), "comparison": payload.comparison(t), "quiz": payload.quiz(t),
        "reader": payload.reader(t),
        "selections": _sample(_selections(t), 2000, keep=lambda s: len(s[0]) <= 1),
        "comparisons": _sample(_comparisons(t), 300),
        "grades": [(case, condition, action) for case in t.quiz.index for condition in t.conditions.index
                   for action in ACTIONS],
        "pages": list(t.conditions.index),
    }
    folder = tmp_path_factory.mktemp("parity")
    (folder / "questions.json").write_text(json.dumps(questions), encoding="utf-8")
    run(str(SCRIPTS / "parity.mjs"), str(folder / "questions.json"), str(folder / "answers.json"))
    return questions, json.loads((folder / "answers.json").read_text(encoding="utf-8"))


def test_the_browser_ranks_warns_and_asks_as_python_does(parity):
    questions, answers = parity
    assert len(questions["selections"]) > (2000 if FAST else 15000)
    assert len(answers["selections"]) == len(questions["selections"])
    for (chosen, no), got in zip(questions["selections"], answers["selections"]):
        ranked = rs.match(chosen).reset_index()
        ranked["strength"] = ranked["strength"].astype(str)
        columns = ["condition", "points", "best", "strength", "fits", "explains", "typical", "possible",
                   "conflicting", "why"]
        expected = [[cid, points, best, strength, fits, list(explains), list(typical), list(possible),
                     list(conflicting), why]
                    for cid, points, best, strength, fits, explains, typical, possible, conflicting, why
                    in ranked[columns].to_numpy().tolist()]
        assert got["match"] == expected, (chosen, "match")
        flags = rs.red_flags(chosen)
        assert got["flags"] == [[rid, str(urgency), str(within), list(by)] for rid, urgency, within, by
                                in zip(flags.index, flags.urgency, flags.within, flags.triggered_by)], (chosen, "red_flags")
        assert got["next"] == rs.next_question(chosen, ruled_out=no), (chosen, no, "next_question")


def test_the_browser_compares_as_python_does(parity):
    questions, answers = parity
    assert len(answers["comparisons"]) == len(questions["comparisons"])
    for (chosen, only), got in zip(questions["comparisons"], answers["comparisons"]):
        assert got == rs.compare(chosen, distinguishing_only=only).reset_index().to_numpy().tolist(), (chosen, only)


def test_the_browser_grades_the_quiz_as_python_does(parity):
    questions, answers = parity
    t = rs.load()
    assert len(questions["grades"]) == len(t.quiz) * len(t.conditions) * len(ACTIONS) == len(answers["grades"])
    for (case, condition, action), feedback in zip(questions["grades"], answers["grades"]):
        assert feedback == rs.grade(case, condition, action), (case, condition, action)


def test_the_browser_builds_every_condition_page_as_python_does(parity):
    questions, answers = parity
    assert questions["pages"] and len(answers["pages"]) == len(questions["pages"])
    for cid, page in zip(questions["pages"], answers["pages"]):
        assert page == json.loads(json.dumps(rs.condition_page(cid))), cid


def test_the_payload_is_plain_json():
    """What the browser receives survives JSON unchanged (no numpy numbers, no tuples)."""
    t = rs.load()
    for build in (payload.symptom_filter, payload.comparison, payload.stepper, payload.body_map, payload.quiz,
                  payload.reader):
        content = build(t)
        assert json.loads(json.dumps(content)) == content
