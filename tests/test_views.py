"""The explorers' views themselves, under Node with a DOM (jsdom): what each draws, says and disables, from
the widget state Python sends, driven through a small model as an exported page drives it.

The tests are tests/js/*.test.mjs (node:test); each runs the module text the widgets ship (the joined
modules, written to a temporary file). Their expected words are written by hand or read from the content
files (here, with yaml, never through redspots). Without Node or jsdom (``npm ci``) they are skipped locally
and fail in CI (``CI=true``).
"""
from __future__ import annotations

import json
import os
import re

import pytest
import yaml

from conftest import DATA
from node import ROOT, SCRIPTS, node_path, run
from redspots import widgets as rw

TESTS = sorted(p.name for p in SCRIPTS.glob("*.test.mjs"))
EXPLORERS = {"filter": rw.SymptomFilter, "compare": rw.ConditionComparison, "stepper": rw.TreatmentStepper,
             "bodymap": rw.BodyMap, "quiz": rw.Quiz, "reader": rw.ConditionReader}


@pytest.fixture(scope="module")
def fixture(tmp_path_factory):
    node_path()
    if not (ROOT / "node_modules" / "jsdom").is_dir():
        message = "jsdom is not installed (npm ci)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; the views' tests must run in CI")
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("views")
    states = {}
    for kind, explorer in EXPLORERS.items():
        state = explorer().get_state()
        esm = state.pop("_esm")
        state.pop("_css")
        states[kind] = state
    content = {"conditions": {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                              for p in (DATA / "conditions").glob("*.yaml")},
               "quiz": yaml.safe_load((DATA / "quiz.yaml").read_text(encoding="utf-8")),
               "red_flags": yaml.safe_load((DATA / "red_flags.yaml").read_text(encoding="utf-8"))}
    (folder / "fixture.json").write_text(json.dumps({"states": states, "content": content}, default=str),
                                         encoding="utf-8")
    (folder / "explorers.mjs").write_text(esm, encoding="utf-8")
    return {"REDSPOTS_VIEWS_FIXTURE": str(folder / "fixture.json"), "REDSPOTS_EXPLORERS": str(folder / "explorers.mjs")}


def test_the_views_draw_say_and_disable_what_they_should(fixture, monkeypatch):
    """Every test of tests/js/*.test.mjs, in one Node process (Node prints which failed, and why)."""
    assert len(TESTS) == len(EXPLORERS), TESTS       # one file per explorer
    for key, value in fixture.items():
        monkeypatch.setenv(key, value)
    written = sum(len(re.findall(r"^test\(", (SCRIPTS / name).read_text(encoding="utf-8"), re.MULTILINE))
                  for name in TESTS)
    done = run("--test-reporter=spec", str(SCRIPTS / "views.mjs"))
    # every test written ran and passed (Node exits non-zero on a failure, which run() reports)
    assert re.search(rf"^ℹ pass {written}$", done.stdout, re.MULTILINE), done.stdout[-3000:]
