"""What each exported page keeps of a notebook, decided by each cell's purpose tag and nothing else.

Every cell of the project's notebooks carries exactly one purpose tag (README, developer notes); a cell
with none (a notebook from elsewhere) is read as ``learner``. The words of a cell are never looked at:
a cell is kept whole or left out whole, and a ``safety`` cell is kept everywhere.
"""
from __future__ import annotations

import nbformat

from .tables import table_in_words

#: Words, an explorer, a picture or a table for learners: shown everywhere (code hidden where there is none).
LEARNER = "learner"
#: Words for the teacher (the teacher guide): shown everywhere, like a learner's.
TEACHER_NOTE = "teacher-note"
#: When to get help and how to check (999 / 112 / 911, the glass test, the disclaimer, the warnings):
#: shown everywhere, word for word.
SAFETY = "safety"
#: A table as the package holds it, ids and all, or the sentence that leads in to one: shown where a
#: teacher or a programmer explains it (the page with code, a deck), left out of handouts.
DATA_TABLE = "data-table"
#: Words for a code reader (how to call the package, what a trait holds), a demonstration from code, and
#: an output only a programmer reads (a plain repr with its dtype line): only in the page with code.
CODE_EXPLANATION_TAG = "code-explanation"
#: Instructions that need a running kernel ("Shift + Enter", a lesson's "Kernel:" line): JupyterLab only.
KERNEL_ONLY_TAG = "kernel-only"

#: The purpose tags, in the README's order. A cell has exactly one.
PURPOSES = (LEARNER, TEACHER_NOTE, SAFETY, DATA_TABLE, CODE_EXPLANATION_TAG, KERNEL_ONLY_TAG)
#: Not a purpose but a mark: the markdown cell with the emergency advice, which an exported page writes
#: from safety.yaml (statement get_help_now) and follows with the emergency card's link.
EMERGENCY_TAG = "emergency"

#: The purposes each kind of exported page shows.
PAGE_WITH_CODE = frozenset({LEARNER, TEACHER_NOTE, SAFETY, DATA_TABLE, CODE_EXPLANATION_TAG})
DECK = frozenset({LEARNER, TEACHER_NOTE, SAFETY, DATA_TABLE})
HANDOUT = frozenset({LEARNER, TEACHER_NOTE, SAFETY})
#: The app (make app) is a page with no code for learners, like a handout.
APP = HANDOUT


def purpose(cell) -> str:
    """The cell's purpose tag; ``learner`` when it has none. Two purpose tags on one cell are an error.

    >>> purpose(nbformat.v4.new_markdown_cell("Hi", metadata={"tags": ["safety", "emergency"]}))
    'safety'
    >>> purpose(nbformat.v4.new_code_cell("1 + 1"))
    'learner'
    """
    tags = [t for t in cell.metadata.get("tags", []) if t in PURPOSES]
    if len(tags) > 1:
        raise ValueError(f"a cell has more than one purpose tag ({', '.join(tags)}): "
                         f"{cell.source.strip()[:60]!r}")
    return tags[0] if tags else LEARNER


def slide_start(cell) -> dict:
    """The metadata that makes ``cell`` start a slide (its cut and its speaker notes), or {}."""
    if cell.metadata.get("slideshow", {}).get("slide_type") not in ("slide", "subslide"):
        return {}
    return {key: cell.metadata[key] for key in ("slideshow", "redspots") if key in cell.metadata}


def keep(nb, shown: frozenset, *, no_code: bool = False) -> None:
    """Keep the cells whose purpose is in ``shown``. With ``no_code`` (a handout, a deck, the index) a
    code cell shows only what a learner reads of its outputs (no stderr; a pandas table of a cell that is
    not a ``data-table`` in words where it can be, see :mod:`.tables`), and a code cell with nothing left
    to show goes. A cell left out hands its slide cut and speaker notes on to the next cell kept, so no
    slide is lost and none is blank."""
    kept, cut = [], {}
    for cell in nb.cells:
        use = purpose(cell)
        if use in shown and cell.cell_type == "code" and no_code:
            had = bool(cell.get("outputs"))
            cell.outputs = [for_learners(o, in_words=use != DATA_TABLE) for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            if had and not cell.outputs:
                use = None
        if use not in shown:
            cut = slide_start(cell) or cut
            continue
        if cut and not slide_start(cell):
            cell.metadata.update(cut)
        cut = {}
        kept.append(cell)
    nb.cells = kept


def shown_in_the_app(cell) -> bool:
    """Whether the app (make app: Voilà, no code) shows ``cell``: what a handout shows. Its page template
    asks this of every cell (tools/voila/voila.py registers it, and :func:`for_learners`, as filters)."""
    return purpose(cell) in APP


def for_learners(output, *, in_words: bool = True):
    """The output, with a pandas table put in words when ``in_words`` and the table can be."""
    html = output.get("data", {}).get("text/html") if in_words else None
    if html is None:
        return output
    table = table_in_words("".join(html) if isinstance(html, list) else html)
    return output if table is None else nbformat.from_dict({**output, "data": {"text/html": table}})
