"""Printable scenario cards for a class, one per quiz case: ``cards.html``.

Each card shows a picture of the spots on the case's skin tone, the person's age and the story, and
nothing of the answer: groups tick what the story shows in the symptom filter and decide what to do
now. The answer key (the most likely condition, what to do now, why, and the sources) is on separate
pages at the end, marked for the teacher. The page needs no network: pictures are inline SVG and the
styles are in the page. Every piece of content passes through ``render.esc``.

``python -m redspots.export`` writes it beside the notebooks (``make html``); on its own:

>>> import tempfile, pathlib
>>> from redspots.cards import write_cards
>>> path = write_cards(pathlib.Path(tempfile.mkdtemp()))
>>> path.name
'cards.html'
"""
from __future__ import annotations

from pathlib import Path

from . import words
from .content import Tables, shared
from .figures.scenario import scenario_picture
from .quiz import quiz_cases
from .render import esc, link
from .statements import GET_HELP_NOW, safety_text

#: A4 portrait, four cards to a page; on screen (projected) the cards are large and wrap.
CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px;
       padding: 16px; color: #1b1b1b; background: #ffffff; font-size: 18px; line-height: 1.4; }
h1 { font-size: 1.6em; margin: 0 0 8px 0; }
.emergency { border: 3px solid #b3261e; background: #fde2e1; border-radius: 6px; padding: 8px 12px; margin: 0 0 10px 0; }
.how { margin: 0 0 12px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 16px; }
.card { border: 2px dashed #555; border-radius: 10px; padding: 10px 14px; break-inside: avoid;
        page-break-inside: avoid; display: flex; flex-direction: column; gap: 6px; }
.card h2 { font-size: 1.25em; margin: 0; }
.card .age { font-weight: bold; margin: 0; }
.card .story, .card .glass { margin: 0; }
.card .glass { font-style: italic; }
.card svg { max-width: 100% !important; }
.answer-key { break-before: page; page-break-before: always; margin-top: 24px; }
.answer-key h2 { border: 3px solid #1b1b1b; padding: 6px 10px; font-size: 1.3em; }
.answer { break-inside: avoid; page-break-inside: avoid; border-bottom: 1px solid #999; padding: 4px 0; }
.answer h3 { font-size: 1.05em; margin: 4px 0; }
.answer p { margin: 2px 0; }
.answer .action-emergency { color: #8c1d18; }
.answer .sources { margin: 2px 0 0 0; padding-left: 1.4em; font-size: 0.8em; }
@page { size: A4; margin: 12mm; }
@media print {
  body { font-size: 10pt; line-height: 1.3; padding: 0; max-width: none; }
  h1 { font-size: 15pt; }
  .cards { grid-template-columns: 1fr 1fr; gap: 5mm; }
  .card { padding: 3mm 4mm; gap: 2mm; }
  .card svg { max-height: 25mm; width: auto !important; margin: 0 auto; }
  .emergency, .how { margin-bottom: 3mm; }
  a { color: inherit; }
  .answer-key { font-size: 9.5pt; }
}
"""


def _cases(tables: Tables):
    """The quiz cases in the order of data/quiz.yaml, with the answer in words."""
    return quiz_cases(tables=tables)


def _card(number: int, case) -> str:
    label = f"Card {number}"
    picture = scenario_picture(list(case.findings), case.skin_tone, key=str(case.Index), label=label)
    return (f'<article class="card" data-case="{esc(case.Index)}" aria-label="{esc(label)}">'
            f"<h2>{esc(label)}</h2>{picture.svg}"
            f'<p class="age">Age: {esc(case.age)}</p>'
            f'<p class="story">{esc(case.story)}</p>'
            f'<p class="glass">{esc(words.word("glass_test", case.glass_test))}</p></article>')


def _answer(number: int, case, tables: Tables) -> str:
    action = str(case.action)
    refs = tables.references.loc[[r for r in dict.fromkeys(case.refs) if r in tables.references.index]]
    sources = "".join(f"<li>{esc(r.publisher)}: {link(r.url, r.title)}</li>" for r in refs.itertuples())
    return (f'<section class="answer" data-case="{esc(case.Index)}">'
            f"<h3>Card {number}: {esc(case.title)}</h3>"
            f'<p>Most likely: <strong>{esc(case.condition_name)}</strong>. What to do now: '
            f'<strong class="action-{esc(action)}">{esc(case.what_to_do)}</strong></p>'
            f"<p>{esc(case.why)}</p><ol class=\"sources\">{sources}</ol></section>")


def cards_page(tables: Tables | None = None) -> str:
    """The whole page: the emergency advice (the safety statement ``get_help_now``), how to use the cards,
    the cards, then the answer key."""
    t = tables if tables is not None else shared()
    cases = _cases(t)
    cards = "".join(_card(i, case) for i, case in enumerate(cases.itertuples(), start=1))
    answers = "".join(_answer(i, case, t) for i, case in enumerate(cases.itertuples(), start=1))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Scenario cards: Tiny red spots: when is it an emergency?</title>"
        f"<style>{CSS}</style></head><body>"
        "<h1>Scenario cards: tiny red spots</h1>"
        '<p class="emergency" role="alert"><strong>If you are worried about someone now, stop and get help. '
        f"{esc(safety_text(GET_HELP_NOW, tables=t).text)}</strong></p>"
        '<p class="how">These are teaching scenarios, not real people: the cards teach, they never diagnose. '
        "Cut the cards apart and give one to each group: the group presses Clear all in the symptom "
        "filter (notebook 02), ticks what the story shows and decides what is most likely and what should happen now. The answers are on "
        "the last pages, for the teacher.</p>"
        f'<section class="cards" aria-label="Scenario cards">{cards}</section>'
        '<section class="answer-key" aria-label="Answer key">'
        f"<h2>Answer key: for the teacher (do not hand out)</h2>{answers}</section>"
        "</body></html>")


def write_cards(output_dir: Path, tables: Tables | None = None) -> Path:
    """Write ``cards.html`` into ``output_dir``; returns its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / "cards.html"
    target.write_text(cards_page(tables), encoding="utf-8")
    return target
