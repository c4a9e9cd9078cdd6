"""Content that looks like HTML is shown as text, everywhere a page shows content.

Every free-text field of every content file (names, labels, summaries, titles, actions, stories,
treatment steps, safety statements, sources' titles, glossary terms...) gets a marker that a browser
would run or draw if it reached a page unescaped. Then every piece of HTML the package renders must
show the marker escaped (``&lt;b id=``: the words reach the reader) and never raw; the explorers'
payloads carry text as it is written (the browser writes it as text) and escape it inside the
ready-made SVG pictures.

The fast part calls the Python render functions; the export part (skipped by make test-fast) runs
``python -m redspots.export`` on one lesson and the teacher guide and searches every written page.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import redspots as rs
from redspots import cards, emergency_card, figures, notes, payload
from redspots.figures.scenario import scenario_picture

from conftest import CONTENT, ROOT

#: a marker a browser would act on: an element with an id, and a script
MARK = '<b id="x7">x7<script>x7()</script>'
RAW = ('<b id="x7">', "<script>x7()")
ESCAPED = "&lt;b id="
#: escaped twice: a reader would see "&lt;b" on the page
TWICE = "&amp;lt;b id="

#: keys whose values are identifiers, enums or addresses, never shown as prose
NOT_TEXT = {"id", "url", "refs"}
ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
JSON_SCRIPT = re.compile(r'<script type="application/[a-z.+-]*json">.*?</script>', re.DOTALL)
FAST = os.environ.get("REDSPOTS_TESTS") == "fast"


def poison(node):
    """The same content with the marker after every free-text string (ids, enums and addresses kept)."""
    if isinstance(node, dict):
        return {key: value if key in NOT_TEXT else poison(value) for key, value in node.items()}
    if isinstance(node, list):
        return [poison(value) for value in node]
    if isinstance(node, str) and not ID_LIKE.match(node):
        return f"{node} {MARK}"
    return node


def poisoned_copy(target: Path) -> Path:
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("schema"))
    for path in [*target.glob("*.yaml"), *target.glob("conditions/*.yaml")]:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(doc), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    folder = poisoned_copy(tmp_path_factory.mktemp("hostile") / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REDSPOTS_DATA", str(folder))
        yield folder


@pytest.fixture(scope="module")
def t(poisoned):
    return rs.load()


def assert_safe(html: str, where: str, *, shown: bool = True) -> None:
    for raw in RAW:
        assert raw not in html, f"{where}: content reaches the page as HTML ({raw!r})"
    assert TWICE not in html, f"{where}: content is escaped twice (a reader sees '&lt;')"
    if shown:
        assert ESCAPED in html, f"{where}: the content's words are missing"


def test_every_text_field_was_poisoned(t):
    """The copy is really hostile: the shown text of each table carries the marker (and it still loads)."""
    checks = {"conditions": ["name", "summary", "outlook", "darker_skin"], "findings": ["label", "help"],
              "red_flags": ["title", "action"], "quiz": ["title", "story", "why"],
              "references": ["title", "publisher"], "safety": ["text"], "treatments": ["name", "what", "expect"],
              "glossary": ["definition"], "seed_corrections": ["correct"]}
    for table, columns in checks.items():
        frame = getattr(t, table)
        for column in columns:
            assert frame[column].astype(str).str.contains('<b id="x7">', regex=False).all(), (table, column)


def test_condition_pages(t):
    for cid in t.conditions.index:
        assert_safe(rs.condition_page(cid, tables=t)._repr_html_(), f"condition page {cid}")


def test_warning_banners(t):
    """Every warning rule's title, action and safety statements in a banner (the glass test answered and not)."""
    everything = list(t.findings.index)
    unanswered = [f for f in everything if t.findings.at[f, "group"] != "press_test"]
    seen = set()
    for selection in (everything, unanswered):
        flags = rs.red_flags(selection, tables=t)
        seen |= set(flags.index)
        assert_safe(notes.warnings_for(selection, tables=t).data, "warning banner")
    assert seen == set(t.red_flags.index), "some rule never showed in a banner"


def test_notes(t):
    assert_safe(notes.disclaimer(tables=t).data, "disclaimer")
    for topic in notes.SAFETY_TOPICS:
        assert_safe(notes.safety(topic, tables=t).data, f"safety note {topic}")
    assert_safe(notes.at_a_glance(tables=t).data, "at a glance")


def test_scenario_cards_and_answer_key(t):
    page = cards.cards_page(t)
    assert_safe(page, "scenario cards")
    key = page.split('class="answer-key"', 1)[1]
    assert_safe(key, "answer key")


def test_emergency_card(t):
    assert_safe(emergency_card.emergency_card(tables=t), "emergency card")


def test_figures(t):
    for skin in figures.SKIN_TONES:
        shown = [("glass test", figures.glass_test(skin, tables=t)), ("size scale", figures.size_scale(skin, tables=t))]
        shown += [(f"body map {cid}", figures.body_map(cid, skin, tables=t)) for cid in t.conditions.index]
        for case, row in t.quiz.iterrows():
            shown.append((f"scenario {case}", scenario_picture(list(row.findings), skin, key=case, label=row.title)))
        for where, figure in shown:
            # the svg may draw only labels written in code; whatever content it draws is escaped
            assert_safe(figure.svg, f"{where} ({skin}) svg", shown=False)
            assert_safe(figure._repr_html_(), f"{where} ({skin})", shown=False)
    assert_safe(figures.body_map(t.conditions.index[0], tables=t).svg, "body map names the condition")


def _strings(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, str(key)))
    elif isinstance(node, (list, tuple)):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, str(i)))
    elif isinstance(node, str):
        yield path, node


@pytest.mark.parametrize("build", ["reader", "symptom_filter", "comparison", "stepper", "body_map", "quiz"])
def test_explorer_payloads(t, build):
    """Pictures in a payload are escaped; text is carried as written, once, for the browser to write as text."""
    content = getattr(payload, build)(t)
    carried = 0
    for path, value in _strings(content):
        if path[-1] == "svg":
            assert_safe(value, f"{build} payload {'/'.join(path)}", shown=False)
        else:
            assert "&lt;b" not in value, f"{build} payload {'/'.join(path)} carries escaped text (shown as '&lt;')"
            carried += MARK in value
    assert carried, f"the {build} payload carries no content text"


def test_explorer_views(t):
    """What a notebook stores for each explorer (the widget view and its plain-text stand-in) has no raw marker."""
    from redspots import widgets
    cid = t.conditions.index[0]
    for explorer in (widgets.SymptomFilter(tables=t, value=list(t.findings.index)[:3]),
                     widgets.ConditionComparison(tables=t, value=list(t.conditions.index[:2])),
                     widgets.TreatmentStepper(tables=t, value=cid), widgets.BodyMap(tables=t, value=cid),
                     widgets.ConditionReader(tables=t, value=cid), widgets.Quiz(tables=t)):
        bundle = explorer._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        for mime, value in (data or {}).items():
            if isinstance(value, str):
                assert_safe(value, f"{type(explorer).__name__} {mime}", shown=False)


def test_grading_feedback_is_text(t):
    """The quiz feedback is plain text: the story's words as written, never pre-escaped."""
    case = t.quiz.index[0]
    row = t.quiz.loc[case]
    feedback = rs.grade(case, row.condition, str(row.action), tables=t)
    texts = [value for _, value in _strings(feedback)]
    assert any(MARK in value for value in texts)
    assert not any("&lt;b" in value for value in texts)


@pytest.mark.skipif(FAST, reason="runs notebooks and nbconvert (make test runs it; make test-fast leaves it out)")
def test_exported_pages(poisoned, tmp_path):
    """The offline pages of one lesson and the teacher guide, and the pages written beside them."""
    out = tmp_path / "html"
    env = {**os.environ, "REDSPOTS_DATA": str(poisoned), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "redspots.export", "--output-dir", str(out),
                    str(ROOT / "notebooks" / "01_what_are_tiny_red_dots.ipynb"),
                    str(ROOT / "notebooks" / "teacher_guide.ipynb")],
                   check=True, env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # the explorers' state is JSON inside a script element: text as written is right there, as long as
        # no closing tag of the content can end the element
        assert "x7()</script" not in text, f"{page.name}: content can close a script element"
        outside = JSON_SCRIPT.sub("", text)
        for raw in RAW:
            assert raw not in outside, f"{page.name}: content reaches the page as HTML ({raw!r})"
    assert any(ESCAPED in p.read_text(encoding="utf-8") for p in pages), "no page shows the content"


def test_the_browser_code_writes_content_as_text():
    """The explorers' module and the exported pages' runtime never turn a string into markup: content the
    payload carries as written (checked above) stays text in the browser."""
    static = Path(rs.__file__).parent / "static"
    parsing = re.compile(r"\.innerHTML\s*[+]?=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment"
                         r"|DOMParser|\beval\(|new Function\(")
    for script in sorted(static.glob("*.js")):
        code = re.sub(r"//[^\n]*", "", script.read_text(encoding="utf-8"))       # comments may name them
        assert not parsing.search(code), f"{script.name}: {parsing.search(code).group(0)}"
