"""Node for the tests of the explorers' browser code (tests/js/).

Node is the system's ``node`` (or ``$REDSPOTS_NODE``). Without it these tests are skipped locally and fail in CI
(``CI=true``), so a missing Node can never pass for a green run.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "redspots" / "static"
SCRIPTS = Path(__file__).resolve().parent / "js"


def node_path() -> str:
    found = os.environ.get("REDSPOTS_NODE") or shutil.which("node")
    if not found:
        message = "Node is not installed (Debian: apt-get install nodejs)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; the tests of the browser code must run in CI")
        pytest.skip(message)
    return found


def run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run node with ``args``; a non-zero exit fails the test with what Node printed."""
    done = subprocess.run([node_path(), *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    return done
