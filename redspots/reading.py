"""A condition as a page a learner reads: what it is, its causes, symptoms, diagnosis, when to see a
doctor, its treatment and outlook, each fact with the numbers of the sources that support it.

:func:`condition_page` is a pure query like those of :mod:`redspots.query`; the condition reader and the
"Read about" buttons of the symptom filter and the comparison draw the same page in the browser
(``conditionPage`` in ``static/reading.js``, held equal to this by tests/test_reader.py).
"""
from __future__ import annotations

from . import render, words
from .content import URGENCY, Tables, shared
from .ids import check_ids


class ConditionPage(dict):
    """One condition's page as plain data (a dict of strings, lists and numbers, ready for JSON), which
    JupyterLab shows as a page: every piece of content escaped, links only to https addresses."""

    def _repr_html_(self) -> str:
        return render.condition_page(self)


def condition_page(condition_id: str, *, tables: Tables | None = None) -> ConditionPage:
    """The page of one condition, in words, with numbered sources.

    Keys, in reading order: ``name``, ``also_known_as`` (the other names, one string), ``seriousness``
    (how serious it can be, in words), then the sections ``what_it_is``, ``causes``, ``symptoms``,
    ``diagnosis``, ``see_a_doctor``, ``treatment``, ``outlook`` (titled as in ``redspots.words.READER``),
    and ``sources``: ``{"number", "publisher", "title", "url"}``, numbered in the order the page first
    cites them, then the condition's other main sources. ``id`` is the condition id.

    Every fact keeps its sources as a list of those numbers (``sources``). A fact of ``what_it_is``,
    ``causes``, ``symptoms``, ``diagnosis`` and ``outlook`` is ``{"text", "sources"}``.
    ``see_a_doctor`` is grouped by urgency, most urgent first: ``{"urgency", "icon", "items"}`` with the
    urgency in the banner's words, each item ``{"when", "action", "sources"}`` in the content's order.
    ``treatment`` lists the steps in order: ``{"step", "name", "rows", "sources"}``, ``rows`` the pairs
    (what the row is, its text) of what it is, when it is used, who gives it (in words), what to expect
    and when to go further.

    It teaches; it does not diagnose. An unknown id raises :class:`UnknownIdError`.

    >>> import redspots as rs
    >>> page = rs.condition_page("petechiae")
    >>> list(page)[:4]
    ['id', 'name', 'also_known_as', 'seriousness']
    >>> page["name"] == rs.load().conditions.loc["petechiae", "name"]
    True
    >>> [group["urgency"] for group in page["see_a_doctor"]][0]
    'EMERGENCY'
    >>> all(fact["sources"] for fact in page["causes"] + page["symptoms"])
    True
    >>> page["sources"][0]["number"], page["sources"][0]["url"].startswith("https://")
    (1, True)
    >>> rs.condition_page("petechia")
    Traceback (most recent call last):
    ...
    redspots.errors.UnknownIdError: unknown condition id 'petechia'. Did you mean 'petechiae'?
    """
    t = tables or shared()
    (cid,) = check_ids([condition_id], "condition", tables=t)
    c = t.conditions.loc[cid]
    numbers: dict[str, int] = {}

    def cite(refs) -> list[int]:
        out = []
        for ref in refs:
            if ref in t.references.index:
                out.append(numbers.setdefault(ref, len(numbers) + 1))
        return sorted(set(out))

    def facts(frame, column: str) -> list[dict]:
        rows = frame[frame.condition == cid]
        return [{"text": str(text), "sources": cite(refs)} for text, refs in zip(rows[column], rows.refs)]

    page = {"id": cid, "name": str(c["name"]), "also_known_as": str(c["also_known_as"]),
            "seriousness": words.word("seriousness", c["seriousness"])}
    page["what_it_is"] = [{"text": str(c["summary"]), "sources": cite(c["summary_refs"])}]
    page["causes"] = facts(t.causes, "cause")
    page["symptoms"] = facts(t.symptoms, "text")
    page["diagnosis"] = facts(t.diagnosis, "text")
    warnings = t.warnings[t.warnings.condition == cid]
    groups = []
    for urgency in reversed(URGENCY.categories):                          # most urgent first
        chosen = warnings[warnings.urgency.astype(str) == urgency]
        if len(chosen):
            groups.append({"urgency": words.word("urgency", urgency), "icon": words.URGENCY_ICON[urgency],
                           "items": [{"when": str(when), "action": str(action), "sources": cite(refs)}
                                     for when, action, refs in zip(chosen["when"], chosen["action"], chosen.refs)]})
    page["see_a_doctor"] = groups
    steps = t.treatments[t.treatments.condition == cid].sort_values("step", kind="stable")
    page["treatment"] = [
        {"step": int(s.step), "name": str(s["name"]),
         "rows": [[label, words.word("who", s[key]) if key == "who" else str(s[key])]
                  for key, label in words.STEP_ROWS.items()],
         "sources": cite(s.refs)}
        for _, s in steps.iterrows()]
    page["outlook"] = [{"text": str(c["outlook"]), "sources": cite(c["outlook_refs"])}]
    cite(c["refs"])                                      # the condition's main sources close the list
    page["sources"] = [{"number": n, "publisher": str(t.references.at[ref, "publisher"]),
                        "title": str(t.references.at[ref, "title"]), "url": str(t.references.at[ref, "url"])}
                       for ref, n in numbers.items()]
    return ConditionPage(page)
