"""Plant one-line bugs, one at a time, and check that the fast tests catch each one.

    .venv/bin/python tools/plant_bugs.py            # every bug
    .venv/bin/python tools/plant_bugs.py 3 5        # only bugs 3 and 5
    .venv/bin/python tools/plant_bugs.py --browser  # bugs in the browser code, against the Chromium tests

Each bug is applied to a copy of the package, content and tests in a temporary folder (the working
tree is never touched), then the fast tests (no browser, no notebooks) run against that copy. A bug
that no test catches is reported as SURVIVED and the script exits with status 1. With ``--browser``
the bugs go into the explorers' browser code and the parity and explorer tests (Chromium) must fail.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAST = ["tests/test_safety.py", "tests/test_query.py", "tests/test_widgets.py", "tests/test_content.py",
        "tests/test_broken_content.py", "tests/test_import.py", "tests/test_quiz.py", "tests/test_cards.py",
        "tests/test_reader.py", "redspots"]

# (what the bug does, file, the exact text it replaces, the replacement); each replaces one line.
BUGS = [
    ("rules ignore 'while the glass test is not done'", "redspots/query.py",
     "and not any(f in selected for f in r.unanswered)]", "and True]"),
    ("the glass-test rule no longer leads its urgency", "redspots/prepared.py",
     "return sorted(compiled, key=lambda r: (-r.level, not r.unanswered, -within.index(r.within), r.order))",
     "return sorted(compiled, key=lambda r: (-r.level, -within.index(r.within), r.order))"),
    ("harmless conditions stay 'strong' under an urgent warning", "redspots/query.py",
     'if alarm and c.harmless and band == "strong":', "if False:"),
    ("a condition that conflicts still explains a warning", "redspots/query.py",
     "explains = tuple(r.id for r in urgent if c.id in r.explains) if fits else ()",
     "explains = tuple(r.id for r in urgent if c.id in r.explains)"),
    ("the glass test is asked only when all answers differ", "redspots/query.py",
     "if len(outcomes) > 1 and ask:", "if len(outcomes) > 2 and ask:"),
    ("an answered age or glass test is asked again", "redspots/query.py",
     "            closed |= group\n", "            pass\n"),
    ("triggered_by keeps only the first clause's findings", "redspots/query.py",
     "tuple(f for f in chosen if f in r.watched)", "tuple(f for f in chosen if f in r.clauses[0])"),
    ("'while_unanswered' is dropped when loading", "redspots/content.py",
     '"while_unanswered": r.get("while_unanswered", ""),', '"while_unanswered": "",'),
    ("an unknown condition in 'explains' is accepted", "redspots/validate.py",
     "if cid not in condition_ids:", "if False:"),
    ("fever with purple or pinpoint spots, glass test not done, is only urgent", "data/red_flags.yaml",
     "  all_of: [fever_or_low_temperature, purple_or_pinpoint]\n",
     "  all_of: [fever_or_low_temperature, purple_or_pinpoint, non_blanching]\n"),
    ("a child with purple spots is no longer urgent", "data/red_flags.yaml",
     "  any_of: [purple_or_brown, darker_than_skin, bruise_like_patches, pinpoint_under_2mm, easy_bruising_or_nosebleeds,\n",
     "  any_of: [easy_bruising_or_nosebleeds,\n"),
    ("ticking a finding answered 'no' leaves it on the no list", "redspots/widgets.py",
     'self.ruled_out = tuple(f for f in self.ruled_out if f not in change["new"])', "pass"),
    ("an unknown id from the browser is kept, not undone", "redspots/widgets.py",
     "raise UnknownIdTraitError(error.kind, error.value, error.valid) from None", "raise"),
    ("a condition that can never fit may explain a rule", "redspots/validate.py",
     'if cid in profiles and all(profiles[cid].get(f) == "atypical" for f in clause):',
     'if False and all(profiles[cid].get(f) == "atypical" for f in clause):'),
    ("a see-a-doctor rule pushes its condition to the top", "redspots/query.py",
     "    urgent = [r for r in rules if r.level >= URGENT]", "    urgent = list(rules)"),
    ("a spreading rash that fades is sent to 999", "data/red_flags.yaml",
     "  all_of: [spreading_fast]\n  while_unanswered: press_test\n", "  all_of: [spreading_fast]\n"),
    ("content is never checked against the schemas again once anything passed", "redspots/content.py",
     "    checked = marker.is_file()\n", "    checked = True\n"),
    ("the widget stack comes back with the queries", "redspots/__init__.py",
     "from importlib import import_module\n", "from importlib import import_module\nimport ipywidgets  # noqa\n"),
    ("the banner drops how soon to act", "redspots/render.py",
     "f'({words.word(\"within\", within)}): {esc(title)}</strong><br>{esc(action)}{more(rule)}</li>'",
     "f'{esc(title)}</strong><br>{esc(action)}{more(rule)}</li>'"),
    ("a strong match needs more than 60%", "redspots/query.py",
     'return "strong" if 10 * points >= 6 * best', 'return "strong" if 10 * points > 6 * best'),
    ("the next question's spread forgets the count", "redspots/query.py",
     "spread = len(points) * sum(x * x for x in points) - sum(points) ** 2",
     "spread = sum(x * x for x in points) - sum(points) ** 2"),
    ("a value with no words becomes a blank", "redspots/words.py", "    if unknown:\n", "    if False:\n"),
    ("the comparison shows level ids, not words", "redspots/query.py",
     "rows[(str(f.group), f.label)] = {cid: words.LEVELS[str(levels.at[finding, cid])] for cid in c.index}",
     "rows[(str(f.group), f.label)] = {cid: str(levels.at[finding, cid]) for cid in c.index}"),
    ("lists of sites run together with no full stops", "redspots/words.py",
     'return " ".join(s if s.rstrip().endswith((".", "!", "?")) else s.rstrip() + "." for s in items)',
     'return " ".join(items)'),
    ("another condition keeps the old step", "redspots/widgets.py", "        self.step = 1\n", "        pass\n"),
    # the bugs that once survived the fast tests
    ("a condition with a finding against it counts as fitting", "redspots/query.py",
     "        fits = points > 0 and not conflicting", "        fits = points > 0"),
    ("a repeated rule id is accepted", "redspots/validate.py",
     '    p = _duplicates([r["id"] for r in doc["rules"]], name, "rules", "rule id")', "    p = []"),
    ("the next question can be a finding already ticked", "redspots/query.py",
     "    closed = selected | set(out)", "    closed = set(out)"),
    ("the banner's headline comes from the least urgent rule", "redspots/render.py",
     "    top = str(flags.urgency.iloc[0])", "    top = str(flags.urgency.iloc[-1])"),
    ("the next question ignores which conditions are still in the running", "redspots/query.py",
     "    running = [c for c, fit in zip(p.conditions, fits) if fit] if sum(fits) >= 2 else p.conditions",
     "    running = p.conditions"),
    ("the browser gets the rules least urgent first", "redspots/payload.py",
     "                      for r in p.rules],", "                      for r in reversed(p.rules)],"),
    ("a quiz case may teach less than its findings' warnings", "redspots/validate.py",
     'if actions.index(case["answer"]["action"]) < actions.index(floor):', "if False:"),
    ("the quiz calls a less urgent answer the safe kind of mistake", "redspots/quiz.py",
     '"less_urgent" if chosen < needed else "more_urgent"', '"more_urgent" if chosen < needed else "less_urgent"'),
    ("the quiz feedback forgets the glass-test answer of the case", "redspots/quiz.py",
     'flags = red_flags(list(case.findings) + ([glass] if glass != "not_done" else []), tables=t)',
     'flags = red_flags(list(case.findings), tables=t)'),
    ("a scenario card shows its story unescaped", "redspots/cards.py",
     "f'<p class=\"story\">{esc(case.story)}</p>'", "f'<p class=\"story\">{case.story}</p>'"),
    ("a scenario card names its answer", "redspots/cards.py",
     'f"<h2>{esc(label)}</h2>{picture.svg}"', 'f"<h2>{esc(label)}: {esc(case.condition_name)}</h2>{picture.svg}"'),
    ("a card's picture draws keratosis pilaris for a rough rash with a fever", "redspots/figures/scenario.py",
     "if every <= chosen and (not some or some & chosen) and not none & chosen:",
     "if every <= chosen and (not some or some & chosen):"),
    ("a condition's page lists the least urgent advice first", "redspots/reading.py",
     "    for urgency in reversed(URGENCY.categories):", "    for urgency in URGENCY.categories:"),
]

# Bugs in the browser code: the parity and explorer tests (Chromium) must catch them.
BROWSER = ["tests/test_parity.py", "tests/test_explorers.py", "tests/test_reader.py"]
JS = "redspots/static/explorers.js"
JS_BUGS = [
    ("the browser ignores 'while the glass test is not done'", JS,
     "    && !r.unanswered.some((f) => selected.has(f)));", "    );"),
    ("the browser draws the strong line above 60%", JS,
     'return 10 * points >= 6 * best ? "strong"', 'return 10 * points > 6 * best ? "strong"'),
    ("the browser breaks next-question ties the other way", JS,
     "    if (spread > bestSpread) {", "    if (spread >= bestSpread) {"),
    ("the browser lets a harmless condition stay strong under an alarm", JS,
     'if (alarm && cond.harmless && s === "strong") s = "partial";', 'if (false) s = "partial";'),
    ("the browser inserts content as HTML", JS,
     'node.append(typeof child === "string" ? document.createTextNode(child) : child);',
     'if (typeof child === "string") node.insertAdjacentHTML("beforeend", child); else node.append(child);'),
    ("a late click in the browser answers the next question", JS,
     "if (asked !== thisQuestion) return;", ""),
    ("the bar above the findings never shows a warning", JS,
     "strip.textContent = warnings.length", "strip.textContent = false"),
    ("the banner in the browser drops how soon to act", JS,
     "${w.urgency[f.urgency]} (${w.within[f.within]}): ${f.title}", "${w.urgency[f.urgency]}: ${f.title}"),
    ("the browser's quiz calls a less urgent answer the safe kind of mistake", JS,
     ': chosen < needed ? "less_urgent" : "more_urgent";', ': chosen < needed ? "more_urgent" : "less_urgent";'),
    ("the browser's quiz no longer starts an emergency with 999 / 112 / 911", JS,
     "  if (emergency) messages.push(c.emergency_line);", "  if (false) messages.push(c.emergency_line);"),
    ("the browser's page of a condition drops the sources of its causes", JS,
     "  page.causes = facts(p.causes);", "  page.causes = p.causes.map((x) => ({ text: x.text, sources: [] }));"),
]


def _copy(target: Path) -> None:
    for name in ("redspots", "data", "tests"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")


def _plant(target: Path, rel: str, old: str, new: str) -> None:
    path = target / rel
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise SystemExit(f"bug no longer applies: {old!r} occurs {text.count(old)} times in {rel}")
    path.write_text(text.replace(old, new), encoding="utf-8")


def main(chosen: list[int], browser: bool) -> int:
    bugs, tests = (JS_BUGS, BROWSER) if browser else (BUGS, FAST)
    survived = []
    for number, (what, rel, old, new) in enumerate(bugs, start=1):
        if chosen and number not in chosen:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp)
            _copy(target)
            _plant(target, rel, old, new)
            env = {**os.environ, "PYTHONPATH": str(target), "REDSPOTS_DATA": "", "REDSPOTS_TESTS": "fast"}
            result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                                     "-o", "addopts=--doctest-modules", *tests], cwd=target, env=env,
                                    capture_output=True, text=True)
        caught = result.returncode != 0
        print(f"{number:2}. {'caught  ' if caught else 'SURVIVED'}  {what}", flush=True)
        if not caught:
            survived.append(number)
    print(f"\n{len(bugs) - len(survived) if not chosen else len(chosen) - len(survived)} caught, "
          f"{len(survived)} survived")
    return 1 if survived else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main([int(a) for a in args if a != "--browser"], "--browser" in args))
