"""HTML for the widgets and notebooks. Every piece of content passes through ``esc``.

Colour is never the only signal: each urgency and match strength also has an icon and words.
"""
from __future__ import annotations

import html

import pandas as pd

from .content import Tables

#: icon, words, background, border for each urgency, most urgent first (symbols common fonts have)
URGENCY = {
    "emergency": ("⚠", "EMERGENCY", "#fde2e1", "#b3261e"),
    "urgent": ("⚠", "URGENT", "#fff1d6", "#8a5300"),
    "see_doctor": ("ℹ", "SEE A DOCTOR", "#e3f0fb", "#0b57a4"),
}
#: how soon to act, in words, for each ``within`` of a warning rule
WITHIN_WORDS = {"now": "act now", "today": "today", "48_hours": "within 48 hours", "2_weeks": "within 2 weeks",
                "soon": "soon"}
#: how serious a condition can be, in words, most serious first
SERIOUSNESS_WORDS = {"emergency": "Emergency", "urgent": "Urgent: a doctor the same day",
                     "see_doctor": "See a doctor", "harmless": "Harmless"}
STRENGTH_ICON = {"strong": "●●●", "partial": "●●○", "weak": "●○○", "does not fit": "○○○"}
LEVEL_WORDS = {"typical": "✔ typical", "possible": "~ possible", "atypical": "✘ atypical"}


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


def red_flag_banner(flags: pd.DataFrame) -> str:
    """The warnings as a banner, most urgent first; '' when there are none."""
    if flags.empty:
        return ""
    top = str(flags.urgency.iloc[0])
    icon, words, background, border = URGENCY[top]
    items = "".join(
        f'<li style="margin:4px 0"><strong>{URGENCY[urgency][0]} {URGENCY[urgency][1]} ({WITHIN_WORDS[within]}): '
        f'{esc(title)}</strong><br>{esc(action)}</li>'
        for urgency, within, title, action in zip(flags["urgency"].astype(str), flags["within"].astype(str),
                                                  flags["title"], flags["action"]))
    return (f'<div class="redspots-flags redspots-{top}" role="alert" '
            f'style="background:{background};border:3px solid {border};border-radius:6px;padding:8px 12px;'
            f'margin:0 0 8px 0;color:#1b1b1b">'
            f'<div style="font-size:1.15em;font-weight:bold">{icon} {words}: read this before the list below</div>'
            f'<ul style="margin:4px 0 0 0;padding-left:1.2em">{items}</ul></div>')


def _bar(score: float) -> str:
    filled = max(0, round(score * 10))
    return "█" * filled + "░" * (10 - filled)


def _strength_words(strength: str) -> str:
    return strength if strength == "does not fit" else f"{strength} match"


def ranking(ranked: pd.DataFrame) -> str:
    """Conditions that fit, then (set apart) those that something selected argues against.

    A condition that can explain a warning that fires says so: the list never reads as reassurance.
    """
    rows = list(zip(ranked["name"], ranked["score"], ranked["strength"].astype(str), ranked["why"],
                    ranked["fits"], ranked["explains"]))
    fits = [r for r in rows if r[4]]
    apart = [r for r in rows if not r[4]]

    def items(chosen: list) -> str:
        return "".join(
            f'<li class="redspots-rank" style="margin:6px 0"><strong>{esc(name)}</strong> '
            f'<span aria-hidden="true" style="font-family:monospace;color:#0b57a4">{_bar(score)}</span> '
            f'<span>{STRENGTH_ICON[strength]} {esc(_strength_words(strength))} (score {score:+.2f})</span>'
            + ('<br><strong class="redspots-explains">⚠ Can cause the warning above: act on the warning first.</strong>'
               if explains else "")
            + f'<br><small>Why: {esc(why)}</small></li>'
            for name, score, strength, why, _, explains in chosen)

    out = '<div class="redspots-ranking" style="line-height:1.4">'
    out += ('<h4 style="margin:8px 0 2px 0">Fit what you picked, best first</h4>'
            + (f'<ol style="margin:0">{items(fits)}</ol>' if fits else
               '<p style="margin:0">No condition here fits everything you picked. Remember that this list '
               'has only a few common causes: a doctor can look for others.</p>'))
    if apart:
        out += ('<h4 style="margin:10px 0 2px 0">Set apart: something you picked does not fit these</h4>'
                f'<ul style="margin:0;color:#444">{items(apart)}</ul>')
    return out + "</div>"


def suggestion(label: str | None, help_text: str | None, ruled_out: tuple[str, ...] = ()) -> str:
    """The next question, with its help; the findings answered "no" are listed under it."""
    said_no = (f"<br><small>Answered no: {esc('; '.join(ruled_out))}</small>" if ruled_out else "")
    if not label:
        return box("<strong>Nothing more to ask.</strong> The list below uses everything you answered." + said_no,
                   kind="guide") if ruled_out else ""
    return box(f"<strong>Ask about this next:</strong> {esc(label)}"
               + (f"<br><small>{esc(help_text)}</small>" if help_text else "") + said_no, kind="guide")


def guidance(text: str) -> str:
    return box(esc(text), kind="guide")


def comparison(table: pd.DataFrame, names: dict[str, str], *, highlight: bool = True) -> str:
    """A features x conditions table; rows whose values differ are marked with ≠ and shaded."""
    head = "".join(f'<th scope="col" style="text-align:left;padding:4px 8px">{esc(names.get(c, c))}</th>'
                   for c in table.columns)
    body, section = [], None
    for (sec, feature), values in table.iterrows():
        if sec != section:
            section = sec
            body.append(f'<tr><th colspan="{len(table.columns) + 1}" scope="colgroup" '
                        f'style="text-align:left;background:#eceff1;padding:4px 8px">{esc(_title(sec))}</th></tr>')
        differs = highlight and values.nunique() > 1
        mark = '<span title="differs">≠ </span>' if differs else ""
        style = "background:#fff8e1" if differs else ""
        cells = "".join(f'<td style="padding:4px 8px;vertical-align:top">{esc(LEVEL_WORDS.get(v, v))}</td>'
                        for v in values)
        body.append(f'<tr class="{"redspots-differs" if differs else ""}" style="{style}">'
                    f'<th scope="row" style="text-align:left;padding:4px 8px;vertical-align:top">{mark}'
                    f'{esc(feature)}</th>{cells}</tr>')
    return ('<table class="redspots-compare" style="border-collapse:collapse;width:100%;line-height:1.4">'
            f'<thead><tr><th scope="col" style="text-align:left;padding:4px 8px">Feature</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _title(section: str) -> str:
    return {"overview": "At a glance"}.get(section, section.replace("_", " ").capitalize())


def references(ref_ids, tables: Tables) -> str:
    """Numbered sources with publisher, title and link."""
    refs = tables.references.loc[[r for r in dict.fromkeys(ref_ids) if r in tables.references.index]]
    items = "".join(f"<li>{esc(r.publisher)}: {link(r.url, r.title)}</li>" for r in refs.itertuples())
    return f'<div class="redspots-refs"><strong>Sources</strong><ol style="margin:2px 0">{items}</ol></div>'


WHO_WORDS = {"self_care": "you (self-care)", "pharmacist": "a pharmacist", "gp": "a GP (family doctor)",
             "specialist": "a specialist", "hospital": "a hospital team"}


def treatment_step(step: pd.Series, number: int, total: int, condition_name: str) -> str:
    """One treatment step: what, when, who, what to expect, when to go further."""
    rows = (("What", step["what"]), ("When it is used", step["when"]), ("Who gives it", WHO_WORDS[str(step["who"])]),
            ("What to expect", step["expect"]), ("Go further if", step["escalate_if"]))
    items = "".join(f'<dt style="font-weight:bold;margin-top:6px">{esc(k)}</dt><dd style="margin-left:1em">{esc(v)}</dd>'
                    for k, v in rows)
    return (f'<div class="redspots-step" role="group" aria-label="Step {number} of {total}" style="line-height:1.4">'
            f'<div style="color:#555">{esc(condition_name)}: <strong>step {number} of {total}</strong></div>'
            f'<h4 style="margin:2px 0">{esc(step["name"])}</h4><dl style="margin:0">{items}</dl></div>')


def disclaimer(tables: Tables) -> str:
    text = tables.safety[tables.safety.topic == "disclaimer"].text.iloc[0]
    return box(f"<strong>⚠ Read this first.</strong> {esc(text)}")
