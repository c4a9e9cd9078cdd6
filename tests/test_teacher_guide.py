"""The teacher guide: routes that add up, names that exist, the misconceptions, and sources that are ours."""
from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from conftest import DATA, ROOT

GUIDE = ROOT / "notebooks" / "teacher_guide.ipynb"
#: Make targets and files the guide names that other parts of the same change add; each test below is
#: expected to fail until they are merged, and then fails (strict) until its name is taken off this list.
@pytest.fixture(scope="module")
def guide() -> nbformat.NotebookNode:
    return nbformat.read(GUIDE, as_version=4)


@pytest.fixture(scope="module")
def text(guide) -> str:
    return "\n\n".join(cell.source for cell in guide.cells if cell.cell_type == "markdown")


def _section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    assert match, f"the guide has no section '## {heading}'"
    return match.group(1)


def _minutes(section: str) -> list[int]:
    """The first column of the section's table, below its header row and the --- row."""
    rows = [line for line in section.splitlines() if line.startswith("|")]
    assert rows[0].split("|")[1].strip() == "Minutes" and set(rows[1].replace("|", "")) <= {"-", " "}
    return [int(row.split("|")[1]) for row in rows[2:]]


@pytest.mark.parametrize("heading, total", [("The 45-minute route", 45), ("The 90-minute route", 90)])
def test_each_route_adds_up_to_its_length(text, heading, total):
    minutes = _minutes(_section(text, heading))
    assert len(minutes) >= 5
    assert sum(minutes) == total


@pytest.mark.parametrize("heading", ["The 45-minute route", "The 90-minute route"])
def test_each_part_says_what_to_project_and_what_students_do(text, heading):
    rows = [line for line in _section(text, heading).splitlines() if line.startswith("|")][2:]
    for row in rows:
        cells = [c.strip() for c in row.split("|")[1:-1]]
        assert len(cells) == 4 and all(cells), row


def test_the_title_and_the_emergency_advice_come_first_and_bold(guide):
    first = guide.cells[0].source
    assert first.startswith("# ") and "Tiny red spots: when is it an emergency?" in first.splitlines()[0]
    bold = re.search(r"\*\*(.+?)\*\*", first, flags=re.S)
    assert bold and bold.start() < first.index("## "), "the emergency advice is the first thing after the title"
    for words in ("999", "112", "911", "do not fade", "fever", "child", "unwell"):
        assert words in bold.group(1), words


def test_every_notebook_it_names_exists(text):
    named = set(re.findall(r"\b([0-9]{2}_[a-z_]+|index|teacher_guide)\.ipynb", text))
    assert {"00_start_here", "02_filter_by_symptom", "06_quiz"} <= named
    missing = sorted(n for n in named if not (ROOT / "notebooks" / f"{n}.ipynb").is_file())
    assert missing == [], f"the guide names notebooks that do not exist: {missing}"


def test_both_routes_use_every_part_of_the_lesson(text):
    short, long = _section(text, "The 45-minute route"), _section(text, "The 90-minute route")
    for route in (short, long):
        for name in ("emergency-card.html", "cards.html", "00_start_here.ipynb", "02_filter_by_symptom.ipynb",
                     "06_quiz.ipynb"):
            assert name in route, name
    for name in ("01_", "03_", "04_", "05_"):
        assert f"({name}" in long, f"the 90-minute route uses notebook {name}"


def _make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M))


def _named_targets() -> set[str]:
    text = "\n".join(c.source for c in nbformat.read(GUIDE, as_version=4).cells)
    return set(re.findall(r"`make ([a-z-]+)`", text))


def test_it_names_the_make_targets_a_teacher_needs():
    assert {"lab", "html", "slides", "app"} <= _named_targets()


@pytest.mark.parametrize("target", [
    t for t in sorted(_named_targets())])
def test_every_make_target_it_names_exists(target):
    assert target in _make_targets()


def test_every_output_it_names_is_one_the_code_writes(text):
    """The names fixed for this change (written here by hand), and no other build output."""
    fixed = {"build/html/", "build/html/handout/", "emergency-card.html", "cards.html", "build/slides/", "handout/", "handout/06_quiz.html",
             "notebooks/teacher_guide.ipynb"}
    named = set(re.findall(r"`((?:build/|handout/)[^`]*|[a-z-]+\.html|notebooks/[^`]+)`", text))
    assert named - fixed == set(), named - fixed


@pytest.mark.parametrize("path", [
    "classroom/jupyterhub_config.py", "environment.yml", "postBuild", "notebooks/teacher_guide.ipynb"])
def test_every_file_it_names_exists(text, path):
    assert f"`{path}`" in text
    assert (ROOT / path).is_file()


def test_the_three_misconceptions_are_there(text):
    section = _section(text, "Common misconceptions")
    heads = re.findall(r'^\*\*"(.+?)"\*\*', section, flags=re.M)
    assert heads == ["A spot that fades is harmless.", "Acute means severe.",
                     "Meningitis is not serious until the rash appears."]
    answers = re.split(r'^\*\*"', section, flags=re.M)[1:]
    assert answers[0].split("**", 1)[1].lstrip().startswith("Not always.")
    assert answers[1].split("**", 1)[1].lstrip().startswith("No:")
    assert answers[2].split("**", 1)[1].lstrip().startswith("Wrong")


def _references() -> dict[str, dict]:
    refs = yaml.safe_load((DATA / "references.yaml").read_text(encoding="utf-8"))
    return {r["url"]: r for r in refs}


def test_every_link_out_is_a_reference_of_the_content_with_its_title(text):
    links = re.findall(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", text)
    assert len(links) >= 10
    refs = _references()
    for title, url in links:
        assert url in refs, f"{url} is not in data/references.yaml"
        assert refs[url]["title"] == title, (title, refs[url]["title"])
    assert not re.search(r"(?<!\()https?://", text.replace("](http", "](")), "a bare address that is not a link"


@pytest.mark.parametrize("section", ["Discussion questions, with model answers", "Common misconceptions"])
def test_every_model_answer_and_misconception_cites_its_sources(text, section):
    body = _section(text, section)
    answers = [a for a in re.split(r"^\*\*", body, flags=re.M)[1:] if a.strip()]
    assert len(answers) >= 3
    for answer in answers:
        assert re.search(r"\*Sources: \[.+\]\(https://", answer), answer[:80]


def test_the_guide_has_a_kernel_and_only_calls_the_package(guide):
    assert guide.metadata.kernelspec.name == "python3"
    for cell in guide.cells:
        if cell.cell_type == "code":
            assert "def " not in cell.source and "class " not in cell.source


def test_the_reference_table_lists_exactly_the_sources_the_guide_cites(guide, text):
    code = "\n".join(cell.source for cell in guide.cells if cell.cell_type == "code")
    cited = re.search(r"cited = \[(.*?)\]", code, flags=re.S).group(1)
    ids = re.findall(r'"([a-z0-9_]+)"', cited)
    refs = {r["id"]: r["url"] for r in yaml.safe_load((DATA / "references.yaml").read_text(encoding="utf-8"))}
    linked = set(re.findall(r"\]\((https://[^)\s]+)\)", text))
    assert {refs[i] for i in ids} == linked
