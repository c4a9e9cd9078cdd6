"""The explorers' browser code (redspots/static/explorers.js, as shipped) gives the answers Python gives.

The module runs in headless Chromium and answers many selections in batches; each answer is compared
field by field with :func:`redspots.match`, :func:`redspots.red_flags`, :func:`redspots.next_question`
and :func:`redspots.compare`. The selections: every selection of 0 to 2 findings; every subset of each
rule's findings (for the few rules watching more than 10 findings, every subset of up to 3 of them and
300 random larger ones); random selections of every size, with random "no" answers; one in ten in a
random order with repeated ids; and for the
comparison every ordered pair of conditions and random ordered choices of 1, 4 and 5, with and without
``distinguishing_only``, and every ordered triple with it. The quiz: every case with every condition and
every action, graded by both (the whole feedback: verdicts, messages in order, findings, sources).
"""
from __future__ import annotations

import itertools
import json
import random
from importlib import resources

import pytest

import redspots as rs
from browser import chromium
from redspots import payload
from redspots.prepared import prepared

pytestmark = pytest.mark.browser
BATCH = 400


@pytest.fixture(scope="module")
def js():
    source = (resources.files("redspots") / "static" / "explorers.js").read_text(encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page()
        page.set_content("<!DOCTYPE html><title>parity</title>")
        page.evaluate("""async ([source, filter, comparison, quiz]) => {
            const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
            window.rs = await import(url);
            window.content = {filter, comparison, quiz};
        }""", [source, payload.symptom_filter(rs.load()), payload.comparison(rs.load()), payload.quiz(rs.load())])
        yield page


def _selections() -> list[tuple[list[str], list[str]]]:
    t = rs.load()
    ids = list(t.findings.index)
    rng = random.Random(20261130)
    chosen = [list(c) for n in range(3) for c in itertools.combinations(ids, n)]
    for rule in prepared(t).rules:
        watched = sorted(rule.watched | rule.unanswered)
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


def _batches(items):
    for start in range(0, len(items), BATCH):
        yield items[start:start + BATCH]


def test_the_browser_ranks_warns_and_asks_as_python_does(js):
    selections = _selections()
    assert len(selections) > 5000
    checked = 0
    for batch in _batches(selections):
        answers = js.evaluate("""(batch) => batch.map(([chosen, no]) => ({
            match: rs.match(content.filter, chosen).map(r => [r.id, r.points, r.best, r.strength, r.fits, r.explains,
                                                  r.typical, r.possible, r.conflicting, r.why]),
            flags: rs.redFlags(content.filter, chosen).map(f => [f.id, f.urgency, f.within, f.triggered_by]),
            next: rs.nextQuestion(content.filter, chosen, no),
        }))""", batch)
        for (chosen, no), got in zip(batch, answers):
            ranked = rs.match(chosen).reset_index()
            ranked["strength"] = ranked["strength"].astype(str)
            expected = [[cid, points, best, strength, fits, list(explains), list(typical), list(possible),
                         list(conflicting), why]
                        for cid, points, best, strength, fits, explains, typical, possible, conflicting, why
                        in ranked[["condition", "points", "best", "strength", "fits", "explains", "typical", "possible",
                                   "conflicting", "why"]].to_numpy().tolist()]
            assert got["match"] == expected, (chosen, "match")
            flags = rs.red_flags(chosen)
            assert got["flags"] == [[rid, str(urgency), str(within), list(by)] for rid, urgency, within, by
                                    in zip(flags.index, flags.urgency, flags.within, flags.triggered_by)], (chosen, "red_flags")
            assert got["next"] == rs.next_question(chosen, ruled_out=no), (chosen, no, "next_question")
            checked += 1
    assert checked == len(selections)


def test_the_browser_compares_as_python_does(js):
    ids = list(rs.load().conditions.index)
    rng = random.Random(7)
    pairs = [list(c) for c in itertools.permutations(ids, 2)]
    triples = [list(c) for c in itertools.permutations(ids, 3)]
    more = [rng.sample(ids, n) for n in (1, 4, 5) for _ in range(100)]
    # every ordered triple with only the rows that differ (the full tables add nothing but bytes)
    for only, choices in ((False, pairs + more), (True, pairs + triples + more)):
        for batch in _batches(choices):
            answers = js.evaluate("""([batch, only]) => batch.map(chosen =>
                rs.compareRows(content.comparison, chosen, only).map(r => [r.section, r.feature, ...r.values]))""",
                                  [batch, only])
            for chosen, got in zip(batch, answers):
                expected = rs.compare(chosen, distinguishing_only=only).reset_index().to_numpy().tolist()
                assert got == expected, (chosen, only)


def test_the_browser_grades_the_quiz_as_python_does(js):
    t = rs.load()
    answers = [(case, condition, action) for case in t.quiz.index for condition in t.conditions.index
               for action in ("self_care", "pharmacist", "gp", "same_day", "emergency")]
    assert len(answers) == len(t.quiz) * len(t.conditions) * 5
    for batch in _batches(answers):
        got = js.evaluate("(batch) => batch.map(([q, c, a]) => rs.gradeCase(content.quiz, q, c, a))", batch)
        for (case, condition, action), feedback in zip(batch, got):
            assert feedback == rs.grade(case, condition, action), (case, condition, action)


def test_the_payload_is_plain_json():
    """What the browser receives survives JSON unchanged (no numpy numbers, no tuples)."""
    t = rs.load()
    for build in (payload.symptom_filter, payload.comparison, payload.stepper, payload.body_map, payload.quiz):
        content = build(t)
        assert json.loads(json.dumps(content)) == content
