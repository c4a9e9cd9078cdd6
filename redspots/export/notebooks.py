"""What the exporter needs to know of a notebook by its name and its first heading."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_LESSON = re.compile(r"(?!00_)\d\d_")


def notebook_title(nb) -> str:
    """The notebook's title: the text of its first level-1 heading, without Markdown marks ("" if none).

    >>> notebook_title(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Hi\\n\\n# *Read* a `page` #")]))
    'Read a page'
    """
    for cell in nb.cells:
        if cell.cell_type == "markdown" and (heading := _H1.search(cell.source)):
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(1))      # a link: its words
            return re.sub(r"[*_`]", "", text).strip()
    return ""


def is_lesson(notebook: Path) -> bool:
    """A lesson is a numbered notebook, ``NN_name``, but ``00_start_here``: that one is the orientation
    (the glass test, then how to run notebooks), read in JupyterLab; every deck's title slide carries
    the same safety advice.

    >>> [n for n in ("00_start_here", "01_what_are_tiny_red_dots", "06_quiz", "index", "teacher_guide")
    ...  if is_lesson(Path(n + ".ipynb"))]
    ['01_what_are_tiny_red_dots', '06_quiz']
    """
    return bool(_LESSON.match(notebook.name))


def link_html(page: str, suffix: str = ".html") -> str:
    """Links between notebooks point at the exported pages: ``02_x.ipynb`` -> ``02_x.html`` (or, from a
    deck, ``02_x.slides.html`` for a lesson, which has a deck, and the page ``../html/00_x.html`` for any
    other notebook)."""
    def target(match):
        name, anchor = match.group(1), match.group(2) or ""
        if suffix != ".html" and not is_lesson(Path(name)):
            return f'href="../html/{name}.html{anchor}"'
        return f'href="{name}{suffix}{anchor}"'
    return re.sub(r'href="(?![a-z]+:)([^"#?]+)\.ipynb(#[^"]*)?"', target, page)
