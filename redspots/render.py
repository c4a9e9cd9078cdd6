"""HTML for the widgets and notebooks. Every piece of content passes through ``esc``.

Colour is never the only signal: each urgency also has an icon and words. The explorers draw in the
browser (the views in ``static/views/``); this draws what Python shows directly: banners, notes, sources.
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


def _cited(numbers) -> str:
    """The numbers of a fact's sources, after it: " [1, 3]"."""
    if not numbers:
        return ""
    listed = ", ".join(str(int(n)) for n in numbers)
    return f' <small class="redspots-cite" title="{esc(words.TEXT["reader_cited"])} {listed}">[{listed}]</small>'


def condition_page(page: dict) -> str:
    """A condition's page (:func:`redspots.condition_page`) as HTML: its sections in order, each fact
    with the numbers of its sources, the warnings grouped most urgent first, then the numbered sources."""
    text, titles = words.TEXT, words.READER
    urgency_id = {label: key for key, label in words.URGENCY.items()}

    def facts(items) -> str:
        return "<ul>" + "".join(f"<li>{esc(i['text'])}{_cited(i['sources'])}</li>" for i in items) + "</ul>"

    def section(key: str, body: str) -> str:
        # a div, not a <section>: reveal.js would take a <section> in a slide for a slide of its own
        return f'<div class="redspots-page-{key}"><h4>{esc(titles[key])}</h4>{body}</div>'

    groups = []
    for group in page["see_a_doctor"]:
        background, border = URGENCY_COLOURS[urgency_id[group["urgency"]]]
        items = "".join(f'<li style="margin:4px 0"><strong>{esc(i["when"])}</strong><br>{esc(i["action"])}'
                        f'{_cited(i["sources"])}</li>' for i in group["items"])
        groups.append(f'<div class="redspots-page-urgency" style="background:{background};border-left:5px solid '
                      f'{border};padding:4px 12px;margin:4px 0;color:#1b1b1b"><strong>{esc(group["icon"])} '
                      f'{esc(group["urgency"])}</strong><ul style="margin:2px 0">{items}</ul></div>')
    steps = "".join(
        f'<li><strong>{esc(s["name"])}</strong>{_cited(s["sources"])}<dl style="margin:2px 0 8px 0">'
        + "".join(f"<dt><em>{esc(k)}</em></dt><dd>{esc(v)}</dd>" for k, v in s["rows"]) + "</dl></li>"
        for s in page["treatment"])
    refs = "".join(f'<li value="{int(r["number"])}">{esc(r["publisher"])}: {link(r["url"], r["title"])}</li>'
                   for r in page["sources"])
    also = (f'<p><strong>{esc(text["reader_also"])}:</strong> {esc(page["also_known_as"])}</p>'
            if page["also_known_as"] else "")
    return (f'<div class="redspots-page" lang="en"><h3>{esc(page["name"])}</h3>{also}'
            f'<p><strong>{esc(text["reader_serious"])}:</strong> {esc(page["seriousness"])}</p>'
            + box(esc(text["reader_note"]))
            + section("what_it_is", facts(page["what_it_is"])) + section("causes", facts(page["causes"]))
            + section("symptoms", facts(page["symptoms"])) + section("diagnosis", facts(page["diagnosis"]))
            + section("see_a_doctor", "".join(groups)) + section("treatment", f"<ol>{steps}</ol>")
            + section("outlook", facts(page["outlook"]))
            + f'<div class="redspots-refs"><strong>{esc(text["reader_sources"])}</strong>'
              f'<ol style="margin:2px 0">{refs}</ol></div></div>')
