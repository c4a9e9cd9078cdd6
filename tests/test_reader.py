"""Reading a condition: rs.condition_page (plain data), its HTML in a notebook, the ConditionReader's Python
side, and the browser's page builder (conditionPage in static/explorers.js, run in Node) against Python.

Expected facts come straight from the condition files (read here with yaml, not through the package), so a
fact the page drops, reorders or cites wrongly fails whatever the package does.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib import resources

import pytest
import yaml

import redspots as rs
from conftest import CONTENT, edit_yaml
from redspots import payload, words
from redspots import widgets as rw
from redspots.render import esc

HOSTILE = "<img src=x onerror=alert(1)>"
# The words a learner reads for the condition files' codes, written out here by hand (not read from
# redspots.words), so a word the package gets wrong fails.
SERIOUSNESS_WORDS = {"harmless": "Harmless", "see_doctor": "See a doctor",
                     "urgent": "Urgent: a doctor the same day", "emergency": "Emergency"}
URGENCY_WORDS = {"see_doctor": "SEE A DOCTOR", "urgent": "URGENT", "emergency": "EMERGENCY"}
URGENCY_ICONS = {"see_doctor": "ℹ", "urgent": "⚠", "emergency": "⚠"}
WHO_WORDS = {"self_care": "you (self-care)", "pharmacist": "a pharmacist", "gp": "a GP (family doctor)",
             "specialist": "a specialist", "hospital": "a hospital team"}
CONDITIONS = sorted(p.stem for p in (CONTENT / "conditions").glob("*.yaml"))
EXPLORERS_JS = resources.files("redspots") / "static" / "explorers.js"
# Runs conditionPage for every condition of a reader payload (a JSON file) and prints the pages as JSON.
NODE_SCRIPT = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [module, content] = process.argv.slice(-2);
const { conditionPage } = await import(pathToFileURL(module).href);
const r = JSON.parse(readFileSync(content, "utf8"));
process.stdout.write(JSON.stringify(Object.fromEntries(r.conditions.map((c) => [c.id, conditionPage(r, c.id)]))));
"""


def _doc(cid: str) -> dict:
    return yaml.safe_load((CONTENT / "conditions" / f"{cid}.yaml").read_text(encoding="utf-8"))


def _ref_of_number(page: dict) -> dict[int, str]:
    by_url = {r["url"]: r["id"] for r in yaml.safe_load((CONTENT / "references.yaml").read_text(encoding="utf-8"))}
    return {s["number"]: by_url[s["url"]] for s in page["sources"]}


@pytest.mark.parametrize("cid", CONDITIONS)
def test_every_fact_of_the_condition_file_is_on_its_page_in_order_with_its_own_sources(cid):
    doc, page = _doc(cid), rs.condition_page(cid)
    ref = _ref_of_number(page)
    cited = lambda item: {ref[n] for n in item["sources"]}  # noqa: E731
    assert page["name"] == doc["name"] and page["also_known_as"] == "; ".join(doc["also_known_as"])
    assert page["seriousness"] == SERIOUSNESS_WORDS[doc["seriousness"]]
    pairs = [(page["what_it_is"], [doc["summary"]], "text"), (page["causes"], doc["causes"], "cause"),
             (page["symptoms"], doc["symptoms"], "text"), (page["diagnosis"], doc["diagnosis"], "text"),
             (page["outlook"], [doc["outlook"]], "text")]
    for shown, written, key in pairs:
        assert [f["text"] for f in shown] == [item[key] for item in written]
        assert [cited(f) for f in shown] == [set(item["refs"]) for item in written]
    # when to see a doctor: most urgent first, in words; the file's order within one urgency
    order = ["emergency", "urgent", "see_doctor"]
    expected = sorted(doc["see_a_doctor"], key=lambda w: order.index(w["urgency"]))
    shown = [(g["urgency"], g["icon"], i) for g in page["see_a_doctor"] for i in g["items"]]
    assert [(u, i["when"], i["action"], cited(i)) for u, _, i in shown] == [
        (URGENCY_WORDS[w["urgency"]], w["when"], w["action"], set(w["refs"])) for w in expected]
    assert all(icon == URGENCY_ICONS[w["urgency"]] for (_, icon, _), w in zip(shown, expected))
    # the treatment steps in order, who gives each in words
    steps = sorted(doc["treatment"], key=lambda s: s["step"])
    assert [(s["step"], s["name"], cited(s)) for s in page["treatment"]] == [
        (s["step"], s["name"], set(s["refs"])) for s in steps]
    for shown_step, step in zip(page["treatment"], steps):
        assert dict(shown_step["rows"]) == {label: WHO_WORDS[step[key]] if key == "who" else step[key]
                                            for key, label in words.STEP_ROWS.items()}
    # numbered 1..n, each cited source once, the condition's main sources included
    assert [s["number"] for s in page["sources"]] == list(range(1, len(page["sources"]) + 1))
    assert set(doc["refs"]) <= set(ref.values()) and len(set(ref.values())) == len(ref)
    assert all(s["url"].startswith("https://") for s in page["sources"])


def test_the_page_is_plain_data_and_an_unknown_id_names_the_closest():
    page = rs.condition_page("immune_thrombocytopenia")
    assert json.loads(json.dumps(page)) == page
    assert list(page)[4:] == [*words.READER, "sources"]
    with pytest.raises(rs.UnknownIdError, match="immune_thrombocytopenia"):
        rs.condition_page("immune_thrombocytopenie")
    with pytest.raises(KeyError):
        rs.condition_page("not_a_condition")


def test_the_page_in_a_notebook_shows_every_section_and_fact_with_links_to_the_sources():
    cid = "immune_thrombocytopenia"
    page, doc = rs.condition_page(cid), _doc(cid)
    html = page._repr_html_()
    for title in words.READER.values():
        assert f"<h4>{title}</h4>" in html.replace("&#x27;", "'")
    for item in doc["causes"] + doc["symptoms"] + doc["diagnosis"] + doc["see_a_doctor"]:
        text = item.get("cause") or item.get("text") or item["when"]
        assert esc(text) in html
    for source in page["sources"]:
        assert f'href="{source["url"]}"' in html
    # the advice on when to see a doctor runs from the most urgent to the least (written order: emergency,
    # urgent, see a doctor), whatever order the file lists it in
    order = ["emergency", "urgent", "see_doctor"]
    present = [u for u in order if any(item["urgency"] == u for item in doc["see_a_doctor"])]
    section = html[html.index(f"<h4>{words.READER['see_a_doctor']}</h4>"):html.index(f"<h4>{words.READER['treatment']}</h4>")]
    places = [section.index(words.URGENCY[u]) for u in present]
    assert places == sorted(places), (cid, present)
    assert re.search(r"\bimmune_thrombocytopenia\b|\bself_care\b|\bsee_doctor\b", html) is None


@pytest.fixture
def hostile_tables(content_copy):
    """A copied content folder where a condition's name and its first cause carry an HTML payload."""
    edit_yaml(content_copy / "conditions" / "petechiae.yaml",
              lambda d: (d.update(name=d["name"] + " " + HOSTILE), d["causes"][0].update(cause=d["causes"][0]["cause"] + HOSTILE)))
    return rs.load(content_copy)


def test_hostile_content_is_escaped_in_the_html(hostile_tables):
    page = rs.condition_page("petechiae", tables=hostile_tables)
    assert HOSTILE in page["name"] and HOSTILE in page["causes"][0]["text"]
    html = page._repr_html_()
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 2


# --- the ConditionReader, Python side ------------------------------------------------------------

def test_the_reader_opens_empty_and_shows_the_page_of_the_condition_set():
    reader = rs.ConditionReader()
    assert reader.value is None and reader.page is None
    assert reader._view == "reader"
    reader.value = "scarlet_fever"
    assert reader.page == rs.condition_page("scarlet_fever")
    assert reader.page["causes"][0]["text"] == _doc("scarlet_fever")["causes"][0]["cause"]
    reader.set_state({"value": "cherry_angioma"})                         # as a choice in the view arrives
    assert reader.page["name"] == _doc("cherry_angioma")["name"]
    with pytest.raises(rs.UnknownIdError, match="cherry_angioma"):
        reader.value = "cherry_angiomas"
    assert reader.value == "cherry_angioma"                               # nothing lost
    reader.set_state({"value": None})
    assert reader.value is None and reader.page is None
    assert rw.ConditionReader(value="petechiae").value == "petechiae"


def test_the_reader_sends_every_condition_and_the_words_to_draw_it():
    t = rs.load()
    content = rs.ConditionReader(tables=t)._content
    assert [c["name"] for c in content["conditions"]] == list(t.conditions["name"])
    assert set(content["pages"]) == set(t.conditions.index)
    assert content["text"]["reader_prompt"] == "Choose a condition to read about it."
    # the filter and the comparison carry the same pages, for their "Read about" buttons
    assert rw.SymptomFilter(tables=t)._content["reader"] == content == rw.ConditionComparison(tables=t)._content["reader"]


# --- the browser's page builder, in Node -----------------------------------------------------------

def _node_pages(tables, tmp_path) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    content = tmp_path / "reader.json"
    content.write_text(json.dumps(payload.reader(tables)), encoding="utf-8")
    done = subprocess.run([node, "--input-type=module", "-e", NODE_SCRIPT, "--", str(EXPLORERS_JS), str(content)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_browser_builds_the_same_page_as_python_for_every_condition(tmp_path):
    t = rs.load()
    pages = _node_pages(t, tmp_path)
    assert sorted(pages) == CONDITIONS
    for cid in CONDITIONS:
        assert pages[cid] == json.loads(json.dumps(rs.condition_page(cid, tables=t))), cid


def test_the_browser_builds_the_same_page_from_hostile_content(hostile_tables, tmp_path):
    pages = _node_pages(hostile_tables, tmp_path)
    assert pages["petechiae"] == json.loads(json.dumps(rs.condition_page("petechiae", tables=hostile_tables)))
    assert HOSTILE in pages["petechiae"]["causes"][0]["text"]
