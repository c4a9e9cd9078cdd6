"""Every one-line bug of tools/bugs.py still applies to today's code, so make mutants (and CI's sample)
plants what it says: a line that moved or changed fails here, in the fast tests, not later as STALE."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from bugs import BUGS  # noqa: E402
from plant_bugs import sample  # noqa: E402


@pytest.mark.parametrize("what, rel, old, new", BUGS, ids=[b[0] for b in BUGS])
def test_the_bug_still_applies(what, rel, old, new):
    text = (ROOT / rel).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{rel} no longer holds the line this bug replaces: {old!r}"
    assert old != new


def test_a_sample_is_chosen_by_its_seed_alone():
    first, again, other = sample(4, "abc"), sample(4, "abc"), sample(4, "abd")
    assert first == again and len(set(first)) == 4 and all(1 <= n <= len(BUGS) for n in first)
    assert first != other or sample(4, "abe") != first
