"""The exported index: its emergency advice (written from safety.yaml), its list of what to print and
project, and the plain index written when no index notebook was exported."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

import nbformat

from .notebooks import notebook_title

HANDOUT_FOLDER = "handout"
EMERGENCY_CARD = "emergency-card.html"
SLIDES_FOLDER = "slides"          # make slides writes build/slides beside make html's build/html
CARDS = "cards.html"
_BOLD_LEAD = re.compile(r"\s*\*\*[^*]+\*\*")


def emergency_advice(source: str, *, tables=None) -> str:
    """The emergency cell as an exported page shows it: the cell's bold opening line (the call to act),
    then the safety statement ``get_help_now`` as safety.yaml words it today, so a page never carries a
    copy of the statement that could drift from it.

    >>> "NHS 111" in emergency_advice("**⚠ Get help now.** An old copy of the advice.")
    True
    """
    from ..statements import GET_HELP_NOW, safety_text
    lead = _BOLD_LEAD.match(source)
    statement = safety_text(GET_HELP_NOW, tables=tables).text
    return f"{lead.group(0).strip()} {statement}" if lead else statement


def materials(lessons: list[Path], output_dir: Path, up: str = "") -> str:
    """The index's last part, in Markdown: links to the scenario cards, the emergency card and each lesson's
    deck, relative to a page in ``output_dir`` (``up`` = "../" from the handout folder). Decks are linked
    where ``make slides`` puts them (``../slides`` beside the pages' folder) when they are there; otherwise
    the index says how to make them, and links nothing that is missing."""
    decks = output_dir.parent / SLIDES_FOLDER
    lines = ["## To print and to project",
             f"- [The scenario cards]({up}{CARDS}): one per quiz case, with the answer key for the teacher "
             "on the last pages.",
             f"- [The one-page emergency card]({up}{EMERGENCY_CARD}): when to call 999, 112 or 911, "
             "and the glass test; one per student."]
    built = [n for n in lessons if (decks / f"{n.stem}.slides.html").is_file()]
    if built:
        lines.append("- Slides to project, one deck per lesson (press **S** for the speaker notes): "
                     + " · ".join(f"[{notebook_title(nbformat.read(n, as_version=4)) or n.stem}]"
                                  f"({up}../{SLIDES_FOLDER}/{n.stem}.slides.html)" for n in built))
    if len(built) < len(lessons):
        lines.append(f"- {'More slides' if built else 'Slides to project'}: not made yet. In the project's "
                     f"folder, `make slides` makes one deck per lesson in `build/{SLIDES_FOLDER}/`; then "
                     "`make html` again links them here.")
    return "\n".join(lines)


def index_page(names: list[str], card: str, *, handouts: str = "", tables=None) -> str:
    """A plain index for when no index notebook was exported: the emergency advice (the safety
    statement ``get_help_now``) and the card first, then the pages.

    >>> page = index_page(["01_what_are_tiny_red_dots"], "emergency-card.html")
    >>> page.index("999") < page.index("emergency-card.html") < page.index("01_what_are_tiny_red_dots.html")
    True
    """
    from ..statements import GET_HELP_NOW, safety_text
    first_words = safety_text(GET_HELP_NOW, tables=tables).text
    items = "".join(f'<li><a href="{escape(n)}.html">{escape(n.replace("_", " "))}</a>'
                    + (f' · <a href="{escape(handouts)}/{escape(n)}.html">handout, no code</a>' if handouts else "")
                    + "</li>" for n in names)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>redspots</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            f'<body><p class="emergency" role="alert"><strong>{escape(first_words)}</strong></p>'
            f'<p><strong><a href="{escape(card)}">When to call 999 / 112 / 911: the emergency card</a></strong></p>'
            f"<h1>Tiny red dots on the skin</h1><ul>{items}</ul></body></html>")


def write_index(folder: Path, names: list[str], card: str, *, handouts: str = "") -> None:
    """Write :func:`index_page` as ``folder/index.html``."""
    (folder / "index.html").write_text(index_page(names, card, handouts=handouts), encoding="utf-8")
