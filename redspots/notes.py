"""Ready-to-show pieces for the notebooks: the disclaimer, safety notes and at-a-glance tables.

Each returns an object Jupyter displays (HTML or a pandas Styler); all content is escaped.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from . import render, words
from .content import Tables, shared
from .query import red_flags

SAFETY_TOPICS = ("glass_test", "emergency_signs", "darker_skin", "other_causes")


def disclaimer(*, tables: Tables | None = None) -> HTML:
    """The learning-only disclaimer, shown at the top of every notebook."""
    return HTML(render.disclaimer(tables or shared()))


def safety(topic: str, *, tables: Tables | None = None) -> HTML:
    """One topic of the safety content as a list, with its sources.

    >>> "glass" in safety("glass_test").data.lower()
    True
    """
    t = tables or shared()
    if topic not in SAFETY_TOPICS:
        raise ValueError(f"unknown safety topic {topic!r}; choose one of: {', '.join(SAFETY_TOPICS)}")
    rows = t.safety[t.safety.topic == topic]
    items = "".join(f"<li>{render.esc(text)}</li>" for text in rows.text)
    refs = [r for refs in rows.refs for r in refs]
    return HTML(f'<ul class="redspots-safety">{items}</ul>' + render.references(refs, t))


def warnings_for(findings, *, tables: Tables | None = None) -> HTML:
    """The red-flag banner for a selection, as the symptom filter shows it (nothing if none fire)."""
    t = tables or shared()
    banner = render.red_flag_banner(red_flags(findings, tables=t), tables=t)
    return HTML(banner or render.guidance("No warning rule fires for these findings. That does not mean "
                                          "the spots are harmless: see a doctor if you are worried."))


def at_a_glance(*, tables: Tables | None = None) -> HTML:
    """The conditions side by side in one table, most serious first: emergency, urgent, see a doctor,
    harmless; with size, feel, glass test and where."""
    t = tables or shared()
    c = t.conditions.sort_values(["seriousness", "name"], ascending=[False, True], kind="stable")
    table = pd.DataFrame({
        "Condition": c["name"],
        "How serious it can be": c["seriousness"].map(words.SERIOUSNESS).astype(str),
        "Size": [f"{lo:g}–{hi:g} mm" for lo, hi in zip(c.size_min_mm, c.size_max_mm)],
        "Raised or flat": c["raised"].map(words.RAISED).astype(str),
        "Glass test": c["blanching"].map(words.BLANCHING).astype(str),
        "Where": c["sites"],
    })
    styler = (table.style.set_uuid("at-a-glance").format(escape="html").hide(axis="index")
              .set_properties(**{"text-align": "left", "vertical-align": "top"})
              .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))
    return HTML(styler.to_html())
