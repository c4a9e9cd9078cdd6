"""Shared fixtures: a private copy of the shipped content that a test may break."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of data/ (without the schemas, which always come from the package)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("schema"))
    return target


def edit_yaml(path: Path, change) -> None:
    """Load a YAML file, let ``change(doc)`` alter it in place, write it back."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
