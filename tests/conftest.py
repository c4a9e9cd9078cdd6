"""Shared fixtures: a private copy of the shipped content that a test may break."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
#: the content the tests check the package against: the folder $REDSPOTS_DATA names (which rs.load() reads
#: too), else the shipped data/. Expected words and counts are read from here, never typed into a test.
CONTENT = Path(os.environ["REDSPOTS_DATA"]) if os.environ.get("REDSPOTS_DATA") else DATA


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of the content (data/, or the folder $REDSPOTS_DATA names), without the schemas, which always
    come from the package."""
    target = tmp_path / "data"
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("schema"))
    return target


def edit_yaml(path: Path, change) -> None:
    """Load a YAML file, let ``change(doc)`` alter it in place, write it back."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


def said(statement_id: str, data: Path = CONTENT) -> str:
    """The text of one safety statement, read by id straight from safety.yaml (not through the package),
    with its white space as a reader sees it."""
    doc = yaml.safe_load((data / "safety.yaml").read_text(encoding="utf-8"))
    items = [doc["disclaimer"]] + [item for key, value in doc.items() if isinstance(value, list) for item in value]
    [text] = [item["text"] for item in items if item["id"] == statement_id]
    return " ".join(text.split())


def set_statement(data: Path, statement_id: str, text: str) -> None:
    """Reword the safety statement with this id in a content copy."""
    def change(doc):
        items = [doc["disclaimer"]] + [item for value in doc.values() if isinstance(value, list) for item in value]
        [item] = [item for item in items if item["id"] == statement_id]
        item["text"] = text
    edit_yaml(data / "safety.yaml", change)


def rule_title(rule_id: str, data: Path = CONTENT) -> str:
    """A warning rule's title, read by id straight from red_flags.yaml (not through the package)."""
    rules = yaml.safe_load((data / "red_flags.yaml").read_text(encoding="utf-8"))["rules"]
    [title] = [r["title"] for r in rules if r["id"] == rule_id]
    return title


def finding_labels(group: str, data: Path = CONTENT) -> list[str]:
    """The labels of one group of findings, in file order, read straight from findings.yaml."""
    doc = yaml.safe_load((data / "findings.yaml").read_text(encoding="utf-8"))
    return [f["label"] for f in doc["findings"] if f["group"] == group]


def read(name: str, data: Path = CONTENT):
    """One content file (``quiz.yaml``, ``conditions/petechiae.yaml``...), parsed straight from the YAML."""
    return yaml.safe_load((data / name).read_text(encoding="utf-8"))


def quiz_cases(data: Path = CONTENT) -> list[dict]:
    """The quiz cases as written in quiz.yaml, in file order."""
    return read("quiz.yaml", data)


def condition_name(condition_id: str, data: Path = CONTENT) -> str:
    """A condition's name, read from its file."""
    return read(f"conditions/{condition_id}.yaml", data)["name"]


def conditions(data: Path = CONTENT) -> dict[str, dict]:
    """Every condition file, by id."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((data / "conditions").glob("*.yaml"))}
