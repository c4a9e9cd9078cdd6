"""HTML for the widgets and notebooks. Every piece of content passes through ``esc``.

Colour is never the only signal: each urgency also has an icon and words. The explorers draw in the
browser (``static/explorers.js``); this draws what Python shows directly: banners, notes, sources.
"""
from __future__ import annotations

import html

import pandas as pd

from . import words
from .content import Tables, shared
from .statements import safety_texts

#: background and border of each urgency's banner (the icon and the words are in redspots.words)
URGENCY_COLOURS = {"emergency": ("#fde2e1", "#b3261e"), "urgent": ("#fff1d6", "#8a5300"),
                   "see_doctor": ("#e3f0fb", "#0b57a4")}


def esc(value: object) -> str:
    """Content as safe HTML text (quotes included, so it is safe in attributes too)."""
    return html.escape("" if value is None else str(value), quote=True)


def link(url: str, text: str) -> str:
    """A link to a source; anything but an https address is shown as text, never linked."""
    if not str(url).startswith("https://"):
        return esc(text)
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'


def box(body: str, *, kind: str = "note") -> str:
    colours = {"note": ("#f4f4f4", "#757575"), "guide": ("#eef6ee", "#2e7d32")}
    background, border = colours[kind]
    return (f'<div class="redspots-{kind}" style="background:{background};border-left:5px solid {border};'
            f'padding:8px 12px;margin:4px 0;color:#1b1b1b">{body}</div>')


def red_flag_banner(flags: pd.DataFrame, tables: Tables | None = None) -> str:
    """The warnings as a banner, most urgent first; '' when there are none. A rule that names safety
    statements (``safety:`` in red_flags.yaml) ends with them, read from ``tables`` by id."""
    if flags.empty:
        return ""
    t = tables or shared()
    top = str(flags.urgency.iloc[0])
    background, border = URGENCY_COLOURS[top]

    def more(rule: str) -> str:
        texts = [s.text for s in safety_texts(t.red_flags.at[rule, "safety"], tables=t)]
        return (f'<br><span class="redspots-more">{esc(words.TEXT["banner_more"])} {esc(" ".join(texts))}</span>'
                if texts else "")

    items = "".join(
        f'<li style="margin:4px 0"><strong>{words.URGENCY_ICON[urgency]} {words.word("urgency", urgency)} '
        f'({words.word("within", within)}): {esc(title)}</strong><br>{esc(action)}{more(rule)}</li>'
        for rule, urgency, within, title, action in zip(flags.index, flags["urgency"].astype(str),
                                                        flags["within"].astype(str), flags["title"], flags["action"]))
    return (f'<div class="redspots-flags redspots-{top}" role="alert" '
            f'style="background:{background};border:3px solid {border};border-radius:6px;padding:8px 12px;'
            f'margin:0 0 8px 0;color:#1b1b1b">'
            f'<div style="font-size:1.15em;font-weight:bold">{words.URGENCY_ICON[top]} {words.word("urgency", top)}: '
            f'{esc(words.TEXT["banner_head"])}</div>'
            f'<ul style="margin:4px 0 0 0;padding-left:1.2em">{items}</ul></div>')


def guidance(text: str) -> str:
    return box(esc(text), kind="guide")


def references(ref_ids, tables: Tables) -> str:
    """Numbered sources with publisher, title and link."""
    refs = tables.references.loc[[r for r in dict.fromkeys(ref_ids) if r in tables.references.index]]
    items = "".join(f"<li>{esc(r.publisher)}: {link(r.url, r.title)}</li>" for r in refs.itertuples())
    return f'<div class="redspots-refs"><strong>Sources</strong><ol style="margin:2px 0">{items}</ol></div>'


def disclaimer(tables: Tables) -> str:
    text = tables.safety[tables.safety.topic == "disclaimer"].text.iloc[0]
    return box(f"<strong>⚠ Read this first.</strong> {esc(text)}")
