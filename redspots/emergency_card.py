"""The emergency card: one self-contained page, one A4 sheet when printed.

When to call 999 / 112 / 911 and the glass test on light, medium and dark skin, from the referenced
safety content (``data/safety.yaml``) and the glass-test picture; every statement keeps its sources,
listed at the foot. ``make html`` writes it as ``build/html/emergency-card.html``.

>>> page = emergency_card()
>>> "999" in page and "112" in page and "911" in page and page.count("<svg") == 3
True
"""
from __future__ import annotations

from . import render, words
from .content import Tables, shared
from .figures import SKIN_TONES, glass_test
from .statements import GET_HELP_NOW, safety_text, safety_texts

#: The safety statements on the card, by id in ``data/safety.yaml`` (see :mod:`redspots.statements`).
#: The first words: who needs 999 / 112 / 911 (a fever with spots that don't fade among them), and
#: advice now for anyone else; then the cases the first words leave out or say too briefly.
LEAD = GET_HELP_NOW
CALL_NOW = ("child_non_blanching", "baby_under_3_months_fever", "seriously_ill_no_rash")
#: not 999, but not later either: a well adult whose spots don't fade; and spots spreading over hours,
#: which are an emergency even in an adult who feels well
ADVICE_NOW = ("well_adult_non_blanching", "spreading_spots")
HOW_TO = ("glass_how_to",)
LIMITS = ("glass_keep_checking", "glass_test_limits", "dont_wait_for_a_rash")
DARKER_SKIN = ("glass_on_darker_skin",)
OTHER_SIGNS = ("meningitis_sepsis_signs", "trust_your_instincts")

LEARNING_ONLY = ("For learning only: this card teaches, it cannot diagnose anyone, and it does not replace a "
                 "doctor, nurse or pharmacist. When in doubt, get help.")

CSS = """
@page { size: A4; margin: 9mm 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; color: #1b1b1b; background: #ffffff;
  margin: 0 auto; padding: 12px; max-width: 900px; font-size: 16px; line-height: 1.4; }
h1 { font-size: 1.5em; margin: 0 0 4px 0; }
h2 { font-size: 1.15em; margin: 10px 0 4px 0; }
p, ul { margin: 4px 0; }
ul { padding-left: 1.2em; }
li { margin: 2px 0; }
sup { line-height: 0; font-size: 0.7em; }
.call { background: #fde2e1; border: 3px solid #b3261e; border-radius: 6px; padding: 6px 12px; }
.call h2 { margin-top: 2px; font-size: 1.3em; }
.numbers { font-size: 1.2em; font-weight: bold; margin: 2px 0 4px 0; }
.lead { font-weight: bold; }
.tones { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 12px; margin: 6px 0; }
.tones figure { margin: 0; }
.tones figcaption { font-weight: bold; }
.tones svg { display: block; width: 100%; height: auto; }
.aside { border-left: 4px solid #0b57a4; padding: 2px 0 2px 10px; align-self: center; }
.learning { font-style: italic; }
footer { margin-top: 8px; border-top: 1px solid #bdbdbd; font-size: 0.8em; }
footer ol { margin: 2px 0; padding-left: 1.6em; columns: 2; column-gap: 20px; }
footer li { break-inside: avoid; overflow-wrap: anywhere; }
footer a { color: #0b4a8a; }
@media (max-width: 600px) { .tones { grid-template-columns: minmax(0, 1fr); } footer ol { columns: 1; } }
@media print {
  body { font-size: 9pt; line-height: 1.2; padding: 0; max-width: none; }
  p, ul { margin: 2px 0; }
  li { margin: 1px 0; }
  h1 { font-size: 14pt; }
  h2 { margin-top: 5px; }
  .tones { gap: 2mm 5mm; margin: 3px 0; }
  .tones { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .tones figure { width: 100%; }
  .aside { grid-column: 1 / -1; }
  h3 { font-size: 1em; margin: 4px 0 2px 0; }
  footer { font-size: 6.5pt; margin-top: 4px; }
  footer ol { columns: 4; column-gap: 10px; }
  footer a { color: inherit; text-decoration: none; }
}
"""


def emergency_card(*, tables: Tables | None = None) -> str:
    """The card as one HTML page: inline CSS and SVG, no script, nothing fetched."""
    t = tables or shared()
    refs: list[str] = []

    def cited(statement) -> str:
        refs.extend(statement.refs)
        return f"{render.esc(statement.text)} {_cite(statement.refs, refs)}"

    def items(chosen) -> str:
        return "".join(f"<li>{cited(statement)}</li>" for statement in safety_texts(chosen, tables=t))

    lead = cited(safety_text(LEAD, tables=t))
    call_now, advice_now = items(CALL_NOW), items(ADVICE_NOW)
    how_to, limits = items(HOW_TO), items(LIMITS)
    darker, other = items(DARKER_SKIN), items(OTHER_SIGNS)
    pictures = "".join(
        f'<figure><figcaption>{render.esc(words.SKIN_TONE[tone])}</figcaption>{glass_test(tone, tables=t).svg}</figure>'
        for tone in SKIN_TONES)
    sources = t.references.loc[list(dict.fromkeys(refs))]
    footer = "".join(f"<li>{render.esc(r.publisher)}: {render.link(r.url, r.title)}</li>" for r in sources.itertuples())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Emergency card: spots that do not fade</title>
<style>{CSS}</style>
</head>
<body>
<main>
<h1>Emergency card: spots that do not fade</h1>
<section class="call" aria-labelledby="call">
<h2 id="call">When to call 999 / 112 / 911</h2>
<p class="numbers">999 (UK) · 112 (Europe) · 911 (North America)</p>
<p class="lead">{lead}</p>
<ul>{call_now}</ul>
<h3>An adult who feels well: spots that don't fade, or spots that spread</h3>
<ul>{advice_now}</ul>
</section>
<section aria-labelledby="glass">
<h2 id="glass">The glass test, on three skin tones</h2>
<ul>{how_to}</ul>
<div class="tones">{pictures}<div class="aside"><ul>{darker}</ul></div></div>
<ul>{limits}</ul>
</section>
<section aria-labelledby="other">
<h2 id="other">Other warning signs</h2>
<ul>{other}</ul>
</section>
</main>
<footer>
<p class="learning">{render.esc(LEARNING_ONLY)}</p>
<p><strong>Sources</strong></p>
<ol>{footer}</ol>
</footer>
</body>
</html>
"""


def _cite(ref_ids, order: list[str]) -> str:
    """Source numbers, as in the footer's list: [1, 3]."""
    numbers = list(dict.fromkeys(order))
    return "<sup>[" + ", ".join(str(numbers.index(r) + 1) for r in ref_ids) + "]</sup>"
