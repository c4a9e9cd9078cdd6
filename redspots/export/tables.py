"""A pandas table (its HTML repr) in a learner's words, for pages with no code.

The table is parsed (html.parser), never edited as text: its header rows and body rows become lists of
cells, and a new table is written from them. Row numbers go; an index of ids goes where the first column
already names each row; column names become words ("why_it_matters" -> "Why it matters"); a vocabulary's
ids in their column become its words (redspots.words: "who" "self_care" -> "you (self-care)"), and a size
loses its trailing zeros ("2.0" -> "2") or, open at its upper end, says "no limit"; a missing value is an
empty cell. A table that would still show ids, or that is not one plain pandas table, is left as it is: whether it is shown
at all is its cell's purpose tag's business.
"""
from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

_ID = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")          # an id (or a row number) as pandas shows it
_ID_IN_TEXT = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
_NUMBER = re.compile(r"^-?[0-9]+\.[0-9]+$")
_MISSING = {"NaN", "nan", "<NA>", "None", "NaT"}        # how pandas shows a missing value


class PandasTable(HTMLParser):
    """The cells of the pandas tables in some HTML: ``head`` and ``body`` are lists of rows, each a list
    of ``(tag, text)``; ``tables`` counts the pandas tables, ``spans`` says whether a cell spans others."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tables, self.spans = 0, False
        self.head: list[list[tuple[str, str]]] = []
        self.body: list[list[tuple[str, str]]] = []
        self._rows: list | None = None
        self._cell: list | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables += "dataframe" in (attrs.get("class") or "").split()
        elif tag in ("thead", "tbody"):
            self._rows = self.head if tag == "thead" else self.body
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("th", "td") and self._rows:
            self.spans = self.spans or "rowspan" in attrs or "colspan" in attrs
            self._cell = [tag, ""]

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._rows[-1].append((self._cell[0], self._cell[1].strip()))
            self._cell = None
        elif tag in ("thead", "tbody"):
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data


def _words(name: str) -> str:
    """A column's id as words: "why_it_matters" -> "Why it matters", "min_mm" -> "From (mm)" (redspots.words);
    other names as they are."""
    from ..words import COLUMNS
    if name in COLUMNS:
        return COLUMNS[name]
    return name.replace("_", " ").capitalize() if _ID.match(name) else name


def _value(column: str, text: str) -> str:
    """A cell's text as words: a vocabulary's id as its words; a missing value (pandas' "NaN") as an empty
    cell; in a size column (named ..._mm), a number without trailing zeros ("2.00" -> "2") and an open
    upper end ("inf") as "no limit"."""
    from ..words import VOCABULARIES
    if column in VOCABULARIES:
        return VOCABULARIES[column].get(text, text)
    if text in _MISSING:
        return ""
    if column.endswith("max_mm") and text == "inf":
        return "no limit"
    if column.endswith("_mm") and _NUMBER.match(text):
        return text.rstrip("0").rstrip(".")
    return text


def table_in_words(html: str) -> str | None:
    """The one pandas table in ``html`` in words, or None when it cannot be (see the module's docstring).

    >>> html = ('<table class="dataframe"><thead><tr><th></th><th>name</th><th>who</th></tr></thead>'
    ...         '<tbody><tr><th>0</th><td>Moisturise</td><td>self_care</td></tr></tbody></table>')
    >>> table_in_words(html)
    '<table class="redspots-table"><thead><tr><th>Name</th><th>Who</th></tr></thead><tbody><tr><td>Moisturise</td><td>you (self-care)</td></tr></tbody></table>'
    """
    table = PandasTable(html)
    head, rows = table.head, table.body
    if table.tables != 1 or table.spans or not head or len(head) > 2 or not rows or not head[0]:
        return None
    if head[0][0][1]:
        return None                        # named columns (a pivot, a comparison): the column heads are ids
    columns = [text for _, text in head[0][1:]]
    index_name = head[1][0][1] if len(head) == 2 and head[1] else ""
    if not columns or any(len(r) != len(columns) + 1 or r[0][0] != "th" for r in rows):
        return None
    index = [r[0][1] for r in rows]
    first = [r[1][1] for r in rows]
    # row numbers go; ids go when the first column names each row in words (a name, a title, a quote)
    names_rows = len(set(first)) == len(first) and all(re.search(r"[A-Z ]", f) for f in first)
    keep_index = not (all(i.isdigit() for i in index) or (all(_ID.match(i) for i in index) and names_rows))
    heads = ([_words(index_name)] if keep_index else []) + [_words(c) for c in columns]
    lines = [[*([r[0][1]] if keep_index else []),
              *(_value(column, text) for column, (_, text) in zip(columns, r[1:]))]
             for r in rows]
    if _ID_IN_TEXT.search(" ".join(cell for line in lines for cell in line)):
        return None
    cells = "".join("<tr>" + "".join(f"<td>{escape(c, quote=False)}</td>" for c in line) + "</tr>" for line in lines)
    return (f'<table class="redspots-table"><thead><tr>{"".join(f"<th>{escape(h, quote=False)}</th>" for h in heads)}'
            f"</tr></thead><tbody>{cells}</tbody></table>")
