"""classroom/processes.py: what outlives the classroom hub is found, stopped and waited for (CI once
found a kernel still there the moment after it was killed), and a finished process waiting to be
reaped is not counted as running."""
from __future__ import annotations

import subprocess
import sys
import time

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from classroom.processes import processes_under, running, stop_all_under  # noqa: E402


def test_processes_working_in_the_folder_are_found_and_stopped(tmp_path):
    (tmp_path / "students" / "ada").mkdir(parents=True)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    kernel = subprocess.Popen(["sleep", "600"], cwd=tmp_path / "students" / "ada")
    proxy = subprocess.Popen(["sleep", "600"], cwd=tmp_path)
    bystander = subprocess.Popen(["sleep", "600"], cwd=elsewhere)
    try:
        assert processes_under(tmp_path) == sorted([kernel.pid, proxy.pid])
        stop_all_under(tmp_path)
        assert processes_under(tmp_path) == []
        assert kernel.wait(timeout=10) < 0 and proxy.wait(timeout=10) < 0      # killed, by a signal
        assert bystander.poll() is None and running(bystander.pid)
    finally:
        for process in (kernel, proxy, bystander):
            process.kill()
            process.wait()


def test_a_finished_process_not_yet_reaped_is_not_running(tmp_path):
    finished = subprocess.Popen(["true"], cwd=tmp_path)
    # not reaped yet: the process stays in /proc as a zombie until wait(); poll until it has exited
    deadline = time.monotonic() + 60
    while open(f"/proc/{finished.pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z":
        assert time.monotonic() < deadline, "the process did not finish"
        time.sleep(0.01)
    assert not running(finished.pid)
    assert processes_under(tmp_path) == []
    finished.wait()
    assert not running(finished.pid)
