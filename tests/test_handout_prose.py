"""What a handout or a deck leaves out of a notebook's prose: how to call the code, and a lead-in to an
output that is gone; never a sentence about safety. Pure functions, checked on hand-written text and on
every notebook's own words (the browser checks of the pages are in test_export.py)."""
from __future__ import annotations

import re

import nbformat

from conftest import ROOT
from redspots.export import _without_code_howto, _without_lead_in

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# -- what a handout leaves out of the prose: never a sentence about safety -----------------------------------

_SAFETY_WORDS = re.compile(r"999|112|911|emergenc|urgent|warning|fade", re.IGNORECASE)


def test_a_handout_keeps_every_safety_sentence_of_every_notebook():
    """Whatever the handout leaves out as "how to call the code", each sentence of a notebook that speaks
    of an emergency, a warning or fading is still there, word for word."""
    checked = 0
    for notebook in NOTEBOOKS:
        for cell in nbformat.read(notebook, as_version=4).cells:
            if cell.cell_type != "markdown":
                continue
            kept = _without_code_howto(cell.source)
            for paragraph in re.split(r"\n\s*\n", cell.source):
                if _SAFETY_WORDS.search(paragraph):
                    checked += 1
                    assert paragraph.strip() in kept, f"{notebook.name}: the handout drops\n{paragraph}"
    assert checked > 20


def test_a_handout_judges_each_code_span_on_its_own():
    # two spans with prose in brackets between them: neither is a call (notebook 02's "Warnings come first")
    line = "Each warning says how soon to act (`within`) and which conditions can cause it (`explains`)."
    assert _without_code_howto(line) == line
    # a call in a span is how-to; a file name is not; a wrapped list item goes or stays whole
    source = "- Run `rs.match(['fever'])` to rank\n  the conditions.\n- Print `emergency-card.html`, one per\n  student."
    assert _without_code_howto(source) == "- Print `emergency-card.html`, one per\n  student."
    assert _without_code_howto('Ask `rs.red_flags(["fever"])` first.') == ""
    # safety prose stays, code and all
    safety = 'With a fever, spots that do not fade are an emergency: `rs.red_flags(["fever"])` says so.'
    assert _without_code_howto(safety) == safety




def test_a_lead_in_goes_only_when_it_leads_in_and_is_not_about_safety():
    assert _without_lead_in("## Scores\n\nThe ranking, from its table:") == "## Scores"
    assert _without_lead_in("Text.\n## Sources\nHere they are\n(links above):") == "Text.\n## Sources"
    kept = "Spots that do not fade with a fever are an emergency; what to do:"
    assert _without_lead_in(kept) == kept
    assert _without_lead_in("A plain sentence.") == "A plain sentence."
