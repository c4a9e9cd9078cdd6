"""`make lab` opens the index, and JupyterLab there asks no "get notified about news?" question."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from browser import jupyterlab
from conftest import ROOT

OVERRIDES = ROOT / "jupyter-settings" / "overrides.json"
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def test_make_lab_opens_the_index():
    dry_run = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    command = [line for line in dry_run.splitlines() if "jupyter lab" in line]
    assert len(command) == 1, dry_run
    assert command[0].rstrip().endswith("notebooks/index.ipynb")


def test_the_overrides_turn_news_and_update_checks_off():
    settings = json.loads(OVERRIDES.read_text())[NOTIFICATION]
    assert settings == {"fetchNews": "false", "checkForUpdates": False}


@pytest.mark.server
def test_jupyterlab_in_this_environment_reads_the_overrides(tmp_path):
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    if not installed.exists():
        pytest.fail(f"{installed} is missing: `make setup` installs it (postBuild does on Binder)")
    assert json.loads(installed.read_text()) == json.loads(OVERRIDES.read_text())
    # a new user: nothing in the user settings folder, so only the overrides can turn the news off
    with jupyterlab(tmp_path, user_settings=False) as (base, token):
        url = f"{base}/lab/api/settings/{NOTIFICATION}?token={token}"
        with urllib.request.urlopen(url, timeout=30) as answer:
            answer = json.load(answer)
    # the server folds the overrides into the defaults it serves ("none" would ask the question)
    defaults = {name: spec["default"] for name, spec in answer["schema"]["properties"].items()}
    assert answer["settings"] == {}
    assert defaults["fetchNews"] == "false"
    assert defaults["checkForUpdates"] is False
