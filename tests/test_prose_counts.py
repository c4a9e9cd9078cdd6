"""Numbers in the prose agree with the content: "the thirteen conditions" is thirteen conditions loaded.

Every markdown cell and speaker note of the notebooks, and the README, are searched for a count next to
a thing the content has a number of: conditions, cases, findings, lessons, warnings or rules, explorers.
A count is a claim about the whole set when it is six or more, or said of "all"; smaller numbers are
examples ("compare two conditions", "the three conditions that must not be missed") and ranges
("two to five conditions") are limits, so neither is checked.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import redspots as rs
from conftest import ROOT

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS = {word: n for n, word in enumerate(UNITS)}
for i, tens in enumerate(TENS, start=2):
    NUMBER_WORDS[tens] = i * 10
    for n in range(1, 10):
        NUMBER_WORDS[f"{tens}-{UNITS[n]}"] = i * 10 + n

#: what each noun counts
KINDS = {"condition": "conditions", "case": "cases", "finding": "findings", "lesson": "lessons",
         "warning": "rules", "rule": "rules", "explorer": "explorers"}
#: words that may stand between the number and the noun ("15 quiz cases", "59 warning rules")
BETWEEN = ("quiz", "scenario", "warning", "interactive", "teaching", "common", "different")
SMALLEST_TOTAL = 6

CLAIM = re.compile(
    r"(?P<before>\b[\w-]+\s+)?(?P<number>\b(?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"))"
    r"\s+(?:(?:" + "|".join(BETWEEN) + r")\s+)?(?P<noun>" + "|".join(KINDS) + r")s?\b", re.IGNORECASE)


def claims(text: str) -> list[tuple[int, str, str]]:
    """The counts ``text`` claims of a whole set: (number, kind, the words that say it)."""
    found = []
    for m in CLAIM.finditer(text):
        word = m.group("number").lower()
        number = int(word) if word.isdigit() else NUMBER_WORDS[word]
        before = (m.group("before") or "").strip().lower()
        if before == "to" or text[m.end():].lstrip().lower().startswith("to "):
            continue                                  # a range: "two to five conditions"
        if number >= SMALLEST_TOTAL or before == "all":
            found.append((number, KINDS[m.group("noun").lower()], text[m.start("number"):m.end()]))
    return found


def wrong_counts(text: str, counts: dict[str, int]) -> list[str]:
    return [f"{said!r}: {counts[kind]} {kind}" for number, kind, said in claims(text) if number != counts[kind]]


def prose() -> list[tuple[str, str]]:
    """(where, text) for every markdown cell and speaker note of the notebooks, and the README."""
    out = [("README.md", (ROOT / "README.md").read_text(encoding="utf-8"))]
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                out.append((f"{path.name} cell {i}", source))
            metadata = cell.get("metadata", {})
            notes = metadata.get("redspots", {}).get("notes")       # the speaker notes the decks show
            if isinstance(notes, str):
                out.append((f"{path.name} cell {i} notes", notes))
            if metadata.get("slideshow", {}).get("slide_type") == "notes" and cell["cell_type"] != "markdown":
                out.append((f"{path.name} cell {i} notes", source))
    return out


def content_counts() -> dict[str, int]:
    t = rs.load()
    from redspots import widgets
    from redspots.explorer import Explorer
    explorers = {cls for name, cls in vars(widgets).items()
                 if isinstance(cls, type) and issubclass(cls, Explorer) and cls is not Explorer
                 and not name.startswith("_")}
    lessons = [p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb") if not p.name.startswith("00_")]
    return {"conditions": len(t.conditions), "cases": len(t.quiz), "findings": len(t.findings),
            "rules": len(t.red_flags), "lessons": len(lessons), "explorers": len(explorers)}


def test_the_matcher_finds_totals_and_leaves_examples():
    assert claims("meets the thirteen conditions of these notebooks") == [(13, "conditions", "thirteen conditions")]
    assert claims("Score: 3 of 15 cases checked") == [(15, "cases", "15 cases")]
    assert claims("all 59 warning rules fire") == [(59, "rules", "59 warning rules")]
    assert claims("All three explorers") == [(3, "explorers", "three explorers")]
    assert claims("compare two to five conditions; when two conditions score the same") == []
    assert claims("then the three conditions that must not be missed, over two lessons") == []
    assert claims("Sixty-four findings") == [(64, "findings", "Sixty-four findings")]


def test_a_stale_count_is_caught():
    counts = {"conditions": 14, "cases": 15, "findings": 64, "rules": 59, "lessons": 7, "explorers": 6}
    assert wrong_counts("meets the thirteen conditions of these notebooks", counts) == [
        "'thirteen conditions': 14 conditions"]
    assert wrong_counts("meets the fourteen conditions, and 15 cases", counts) == []


def test_every_count_in_the_prose_matches_the_content():
    counts = content_counts()
    wrong = [f"{where}: {problem}" for where, text in prose() for problem in wrong_counts(text, counts)]
    assert wrong == []


def test_the_search_reads_every_notebook_and_the_readme():
    """The prose says "every condition", not how many, so a new condition needs no prose edit; the search
    above must still reach every notebook's cells and speaker notes and the README (else it passes on nothing)."""
    read = {where.split(" ")[0] for where, _ in prose()}
    assert read == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")} | {"README.md"}
    assert any(" notes" in where for where, _ in prose())
