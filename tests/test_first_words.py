"""The safety words a person reads first say the same safe thing on every surface: 999 / 112 / 911 for
spots that don't fade with a fever, in a child or in someone unwell, and advice NOW (NHS 111 or the GP
surgery) for anyone else whose spots don't fade. The phrases below are written by hand from the rules."""
from __future__ import annotations

import re

import nbformat
import pytest

import redspots as rs
from conftest import ROOT


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|\*\*|&#x27;|'", " ", text))


def _readme() -> str:
    readme = (ROOT / "README.md").read_text()
    return re.search(r"\*\*It teaches; it does not diagnose\.\*\*(.*?)\n\n", readme, re.S).group(1)


def _first_cell(notebook: str) -> str:
    return nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells[0].source


def _cards() -> str:
    from redspots.cards import cards_page
    return re.search(r'<p class="emergency"[^>]*>(.*?)</p>', cards_page()).group(1)


def _disclaimer() -> str:
    t = rs.load()
    return t.safety[t.safety.topic == "disclaimer"].text.iloc[0]


def _emergency_card() -> str:
    from redspots.emergency_card import emergency_card
    return re.search(r'<section class="call".*?</section>', emergency_card(), re.S).group(0)


SURFACES = {"README": _readme, "index": lambda: _first_cell("index.ipynb"),
            "teacher guide": lambda: _first_cell("teacher_guide.ipynb"), "scenario cards": _cards,
            "disclaimer": _disclaimer, "emergency card": _emergency_card}


@pytest.mark.parametrize("surface", SURFACES)
def test_the_first_safety_words_name_both_kinds_of_help(surface):
    text = _plain(SURFACES[surface]())
    for number in ("999", "112", "911"):
        assert number in text, f"{surface}: no {number}"
    assert re.search(r"(do not|don t|doesn t|does not) fade", text), f"{surface}: nothing on spots that don't fade"
    assert re.search(r"fever", text) and re.search(r"baby or child|child", text), surface
    # one sentence: anyone else whose spots don't fade needs advice now, from NHS 111 (or the GP surgery)
    sentences = re.split(r"(?<=\.) ", text)
    assert any(re.search(r"(do not|don t) fade", s) and "NHS 111" in s and re.search(r"\bnow\b|straight away", s)
               for s in sentences), f"{surface}: no advice now for anyone else whose spots don't fade"
