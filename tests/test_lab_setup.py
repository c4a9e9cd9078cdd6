"""`make lab` opens the index, and JupyterLab there asks no "get notified about news?" question."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser import free_port, jupyterlab
from conftest import ROOT

OVERRIDES = ROOT / "jupyter-settings" / "overrides.json"
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


sys.path.insert(0, str(ROOT / "tools"))
import lab  # noqa: E402  (tools/lab.py, which make lab runs)


def test_make_lab_runs_the_lab_script_with_the_port_asked_for():
    dry_run = subprocess.run(["make", "-n", "lab", "PORT=9123"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout
    assert [line for line in dry_run.splitlines() if "tools/lab.py" in line][-1].rstrip().endswith("tools/lab.py --port 9123")


def test_the_lab_opens_the_index_of_a_working_copy_with_no_warning_flags_missing():
    command = lab.lab_command(9123, "t0k", ROOT / "lessons")
    assert f"--ServerApp.root_dir={ROOT / 'lessons'}" in command
    assert "--LabApp.default_url=/lab/tree/index.ipynb" in command     # the printed address lands on the index
    assert "--IdentityProvider.token=t0k" in command                  # not the deprecated ServerApp.token
    assert "--KernelManager.transport=ipc" in command                 # no "running over TCP without encryption"
    assert (ROOT / "notebooks" / lab.OPENS).is_file()
    assert "lessons/" in (ROOT / ".gitignore").read_text().splitlines()


def test_edits_change_the_working_copy_and_never_the_repository(tmp_path):
    source, copy = tmp_path / "notebooks", tmp_path / "lessons"
    source.mkdir()
    (source / "a.ipynb").write_text("one")
    assert lab.working_copy(source, copy) == []
    (copy / "a.ipynb").write_text("edited in class")
    (source / "b.ipynb").write_text("a new lesson")
    assert lab.working_copy(source, copy) == ["a.ipynb"]           # the edit is kept, and named
    assert (source / "a.ipynb").read_text() == "one"
    assert (copy / "b.ipynb").read_text() == "a new lesson"        # a lesson added later is copied in
    assert lab.working_copy(source, copy, reset=True) == []
    assert (copy / "a.ipynb").read_text() == "one"


@pytest.mark.server
def test_make_lab_prints_an_address_that_opens_the_index_and_no_warning(tmp_path):
    port = free_port()
    env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1")
    with open(tmp_path / "lab.log", "w") as log:
        process = subprocess.Popen([sys.executable, str(ROOT / "tools" / "lab.py"), "--port", str(port), "--no-browser"],
                                   cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 120
        while "/lab/tree/index.ipynb?token=" not in (text := (tmp_path / "lab.log").read_text()) \
                or "is running at" not in text:
            assert process.poll() is None and time.monotonic() < deadline, text[-3000:]
            time.sleep(0.3)                 # waiting for the server to say it is up
        url = next(word for word in text.split() if "/lab/tree/index.ipynb?token=" in word)
        assert url.startswith(f"http://127.0.0.1:{port}/")
        token = url.split("token=")[1]
        with urllib.request.urlopen(url, timeout=30) as answer:
            assert answer.status == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/index.ipynb?content=0&token={token}",
                                    timeout=30) as answer:
            assert json.load(answer)["path"] == "index.ipynb"
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = (tmp_path / "lab.log").read_text()
    assert "Warning" not in text and "WARNING" not in text and "deprecated" not in text, text


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
