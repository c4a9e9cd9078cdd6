"""The safety words a person reads first say the same safe thing on every surface: 999 / 112 / 911 for
spots that don't fade with a fever, in a child or in someone unwell, and advice NOW (NHS 111 or the GP
surgery) for anyone else whose spots don't fade. The words are the safety statement ``get_help_now``,
read here by id from data/safety.yaml: README.md and the notebooks quote it, the pages render it. The
phrases checked on top of that are written by hand from the rules, so the statement itself stays safe."""
from __future__ import annotations

import html
import re

import nbformat
import pytest

import redspots as rs
from conftest import ROOT, said


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|\*\*|&#x27;|'", " ", text))


def _as_read(text: str) -> str:
    """Markdown or HTML as a reader sees it: no tags, no bold marks, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>|\*\*", " ", text)).split())


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


def _exported_index() -> str:
    from redspots.export import index_page
    return index_page(["index"], "emergency-card.html")


SURFACES = {"README": _readme, "index": lambda: _first_cell("index.ipynb"),
            "teacher guide": lambda: _first_cell("teacher_guide.ipynb"), "scenario cards": _cards,
            "disclaimer": _disclaimer, "emergency card": _emergency_card, "exported index": _exported_index}
#: the surfaces that give the statement get_help_now word for word (the disclaimer says it in its own words)
QUOTING = [name for name in SURFACES if name != "disclaimer"]
#: the notebooks' first cells go on: anyone seriously ill needs help, rash or not
SERIOUSLY_ILL = ["index", "teacher guide"]


@pytest.mark.parametrize("surface", QUOTING)
def test_the_first_safety_words_are_the_statement_get_help_now(surface):
    assert said("get_help_now") in _as_read(SURFACES[surface]()), f"{surface} does not quote get_help_now"


@pytest.mark.parametrize("surface", SERIOUSLY_ILL)
def test_the_notebooks_first_cell_says_the_seriously_ill_need_help(surface):
    assert said("seriously_ill_no_rash") in _as_read(SURFACES[surface]()), f"{surface} does not quote it"


@pytest.mark.parametrize("surface", SURFACES)
def test_the_first_safety_words_name_both_kinds_of_help(surface):
    text = _plain(SURFACES[surface]())
    lower = text.lower()                 # a sentence may begin with any of these words
    for number in ("999", "112", "911"):
        assert number in text, f"{surface}: no {number}"
    assert re.search(r"(do not|don t|doesn t|does not) fade", lower), f"{surface}: nothing on spots that don't fade"
    assert "fever" in lower and "child" in lower, surface
    # one sentence: anyone else whose spots don't fade needs advice now, from NHS 111 (or the GP surgery)
    sentences = re.split(r"(?<=\.) ", text)
    assert any(re.search(r"(do not|don t) fade", s.lower()) and "NHS 111" in s and re.search(r"\bnow\b|straight away", s)
               for s in sentences), f"{surface}: no advice now for anyone else whose spots don't fade"
