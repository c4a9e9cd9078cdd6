"""What a handout, a deck and a page with code keep of a notebook: decided by each cell's purpose tag,
never by its words. Checked on every notebook's cells (their stored outputs, no kernel) and on
hand-made notebooks; the browser checks of the exported pages are in test_export.py."""
from __future__ import annotations

import re

import nbformat
import pytest

from conftest import ROOT
from redspots.export import purposes

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# The purpose tags as the README's developer notes list them, written out by hand.
DOCUMENTED = {"learner", "teacher-note", "safety", "data-table", "code-explanation", "kernel-only"}
# The other tags a cell may carry besides its purpose.
MARKS = {"emergency"}


def _cells():
    for notebook in NOTEBOOKS:
        for number, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
            yield notebook.name, number, cell


def _readme_tags() -> set[str]:
    """The tags of the README's table under "Developer notes: what a cell is for"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Developer notes: what a cell is for"):]
    section = section[:section.index("\n## ", 5)]
    return set(re.findall(r"^\| `([a-z-]+)` \|", section, re.MULTILINE))


def test_the_readme_documents_every_purpose_tag_and_the_exporter_knows_the_same_set():
    assert _readme_tags() == DOCUMENTED | MARKS
    assert set(purposes.PURPOSES) == DOCUMENTED


def test_every_cell_of_every_notebook_has_exactly_one_purpose_tag():
    wrong = [(name, number, cell.metadata.get("tags", [])) for name, number, cell in _cells()
             if len([t for t in cell.metadata.get("tags", []) if t in DOCUMENTED]) != 1
             or not set(cell.metadata.get("tags", [])) <= DOCUMENTED | MARKS]
    assert wrong == []


def test_every_cell_that_names_an_emergency_number_is_a_safety_cell():
    """999, 112 or 911 in a cell's words is advice on when to get help: it is tagged safety, so no page
    leaves it out (a cell for code readers or kernel users never carries it)."""
    named = [(name, number, purposes.purpose(cell)) for name, number, cell in _cells()
             if cell.cell_type == "markdown" and re.search(r"\b(999|112|911)\b", cell.source)]
    assert len(named) >= 8
    assert [n for n in named if n[2] != "safety"] == []


def _handout(notebook, shown=purposes.HANDOUT):
    nb = nbformat.read(notebook, as_version=4)
    purposes.keep(nb, shown, no_code=True)
    return nb


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda n: n.stem)
def test_a_handout_keeps_every_safety_cell_word_for_word_and_no_code_explanation(notebook):
    cells = nbformat.read(notebook, as_version=4).cells
    kept = [c.source for c in _handout(notebook).cells]
    safety = [c.source for c in cells if "safety" in c.metadata["tags"]]
    assert safety, "every notebook has safety words"
    assert [s for s in safety if s not in kept] == []
    explained = [c.source for c in cells if set(c.metadata["tags"]) & {"code-explanation", "kernel-only"}]
    assert [s for s in explained if s in kept] == []


def test_a_deck_keeps_the_tables_of_ids_a_handout_leaves_out():
    notebook = ROOT / "notebooks" / "03_compare_conditions.ipynb"
    tables = [c.source for c in nbformat.read(notebook, as_version=4).cells if "data-table" in c.metadata["tags"]]
    assert len(tables) >= 4
    deck = [c.source for c in _handout(notebook, purposes.DECK).cells]
    handout = [c.source for c in _handout(notebook).cells]
    assert all(t in deck for t in tables) and not any(t in handout for t in tables)
    assert "## What tells them apart" in handout               # its heading is a learner's


def _notebook(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


def test_cells_are_kept_by_tag_whatever_their_words_say():
    how_to = 'Call `rs.red_flags(["fever"])` to list the warnings:'
    safety = 'With a fever, spots that do not fade are an emergency: `rs.red_flags(["fever"])` says so:'
    nb = _notebook(nbformat.v4.new_markdown_cell(how_to, metadata={"tags": ["learner"]}),
                   nbformat.v4.new_markdown_cell(safety, metadata={"tags": ["safety"]}),
                   nbformat.v4.new_markdown_cell("Press Shift + Enter.", metadata={"tags": ["code-explanation"]}),
                   nbformat.v4.new_markdown_cell("A plain sentence."))          # no tag: a learner's
    purposes.keep(nb, purposes.HANDOUT, no_code=True)
    assert [c.source for c in nb.cells] == [how_to, safety, "A plain sentence."]


def test_a_left_out_cell_hands_its_slide_cut_and_notes_to_the_next_cell():
    start = {"slideshow": {"slide_type": "slide"}, "redspots": {"notes": "Two minutes."}}
    nb = _notebook(nbformat.v4.new_markdown_cell("## Ranked", metadata={"tags": ["code-explanation"], **start}),
                   nbformat.v4.new_markdown_cell("Warnings first.", metadata={"tags": ["safety"]}))
    purposes.keep(nb, purposes.DECK, no_code=True)
    assert [c.source for c in nb.cells] == ["Warnings first."]
    assert nb.cells[0].metadata["slideshow"] == {"slide_type": "slide"}
    assert nb.cells[0].metadata["redspots"] == {"notes": "Two minutes."}


def test_two_purpose_tags_on_one_cell_are_an_error():
    nb = _notebook(nbformat.v4.new_markdown_cell("Both?", metadata={"tags": ["learner", "code-explanation"]}))
    with pytest.raises(ValueError, match="more than one purpose tag"):
        purposes.keep(nb, purposes.HANDOUT)


def _table_cell(tag: str, html: str):
    cell = nbformat.v4.new_code_cell("table", metadata={"tags": [tag]})
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/html": html, "text/plain": "repr"},
                                           execution_count=1),
                    nbformat.v4.new_output("stream", name="stderr", text="a warning for programmers\n")]
    return cell


_STEPS = ('<div><style scoped>th {}</style><table border="1" class="dataframe"><thead><tr><th></th><th>name</th>'
          '<th>who</th></tr><tr><th>step</th><th></th><th></th></tr></thead><tbody>'
          '<tr><th>1</th><td>Moisturise &amp; wait</td><td>self_care</td></tr>'
          '<tr><th>2</th><td>Cream</td><td>gp</td></tr></tbody></table></div>')


def test_a_learners_pandas_table_is_put_in_words_without_its_row_numbers_and_stderr_goes():
    nb = _notebook(_table_cell("learner", _STEPS))
    purposes.keep(nb, purposes.HANDOUT, no_code=True)
    (output,) = nb.cells[0].outputs
    assert output["data"] == {"text/html": '<table class="redspots-table"><thead><tr><th>Name</th><th>Who</th>'
                                           '</tr></thead><tbody><tr><td>Moisturise &amp; wait</td>'
                                           '<td>you (self-care)</td></tr><tr><td>Cream</td><td>a GP (family doctor)'
                                           '</td></tr></tbody></table>'}


def test_sizes_in_a_learners_table_read_as_words_and_numbers():
    sizes = ('<table class="dataframe"><thead><tr><th></th><th>term</th><th>min_mm</th><th>max_mm</th><th>text</th>'
             '</tr></thead><tbody><tr><th>0</th><td>Purpura</td><td>2.0</td><td>10.0</td><td>Bigger.</td></tr>'
             '<tr><th>1</th><td>Ecchymosis</td><td>10.0</td><td>inf</td><td>A bruise.</td></tr>'
             '<tr><th>2</th><td>Petechiae</td><td>0.5</td><td>2.0</td><td>Pinpoint.</td></tr></tbody></table>')
    nb = _notebook(_table_cell("learner", sizes))
    purposes.keep(nb, purposes.HANDOUT, no_code=True)
    assert nb.cells[0].outputs[0]["data"]["text/html"] == (
        '<table class="redspots-table"><thead><tr><th>Term</th><th>From (mm)</th><th>Up to (mm)</th>'
        '<th>What it is</th></tr></thead><tbody><tr><td>Purpura</td><td>2</td><td>10</td><td>Bigger.</td></tr>'
        '<tr><td>Ecchymosis</td><td>10</td><td>no limit</td><td>A bruise.</td></tr>'
        '<tr><td>Petechiae</td><td>0.5</td><td>2</td><td>Pinpoint.</td></tr></tbody></table>')


def test_a_missing_value_is_an_empty_cell_and_only_sizes_lose_their_zeros():
    html = ('<table class="dataframe"><thead><tr><th></th><th>name</th><th>size_max_mm</th><th>score</th>'
            '<th>darker_skin</th></tr></thead><tbody>'
            '<tr><th>0</th><td>Cherry angioma</td><td>10.50</td><td>2.0</td><td>NaN</td></tr>'
            '<tr><th>1</th><td>Petechiae</td><td>NaN</td><td>inf</td><td>Look at the palms.</td></tr></tbody></table>')
    nb = _notebook(_table_cell("learner", html))
    purposes.keep(nb, purposes.HANDOUT, no_code=True)
    assert nb.cells[0].outputs[0]["data"]["text/html"] == (
        '<table class="redspots-table"><thead><tr><th>Name</th><th>Largest (mm)</th><th>Score</th>'
        '<th>Darker skin</th></tr></thead><tbody><tr><td>Cherry angioma</td><td>10.5</td><td>2.0</td><td></td></tr>'
        '<tr><td>Petechiae</td><td></td><td>inf</td><td>Look at the palms.</td></tr></tbody></table>')


def test_a_table_that_would_still_show_ids_is_left_as_it_is_and_a_data_table_is_never_rewritten():
    pivot = ('<table class="dataframe"><thead><tr><th>condition</th><th>cherry_angioma</th></tr></thead>'
             '<tbody><tr><th>fever</th><td>atypical</td></tr></tbody></table>')
    nb = _notebook(_table_cell("learner", pivot), _table_cell("data-table", _STEPS))
    purposes.keep(nb, purposes.DECK, no_code=True)
    assert [c.outputs[0]["data"]["text/html"] for c in nb.cells] == [pivot, _STEPS]
    assert [len(c.outputs) for c in nb.cells] == [1, 1]


def test_a_page_with_code_keeps_every_output_and_leaves_out_only_kernel_cells():
    nb = _notebook(_table_cell("code-explanation", _STEPS),
                   nbformat.v4.new_markdown_cell("Shift + Enter", metadata={"tags": ["kernel-only"]}))
    purposes.keep(nb, purposes.PAGE_WITH_CODE)
    assert len(nb.cells) == 1 and nb.cells[0].outputs[0]["data"]["text/html"] == _STEPS


def test_the_app_shows_what_a_handout_shows_by_tag():
    shown = {tag: purposes.shown_in_the_app(nbformat.v4.new_markdown_cell("Words", metadata={"tags": [tag]}))
             for tag in purposes.PURPOSES}
    assert shown == {"learner": True, "teacher-note": True, "safety": True, "data-table": False,
                     "code-explanation": False, "kernel-only": False}
    assert purposes.shown_in_the_app(nbformat.v4.new_code_cell("1 + 1"))       # no tag: a learner's cell
