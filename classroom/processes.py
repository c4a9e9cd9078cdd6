"""What a process costs, read from /proc: resident memory, CPU seconds, and which process is whose.

benchmarks/classroom.py uses these to measure a room of students on classroom/hub.py's hub; the hub
uses the last three to make sure nothing it started outlives it.
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def kernel_pid(kernel_id: str) -> int:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f"kernel-{kernel_id}.json" in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    return int(entry.name)
            except OSError:
                pass
    raise RuntimeError(f"no process for kernel {kernel_id}")


def server_pid(state: Path, student: str) -> int:
    """The jupyterhub-singleuser process working in ``student``'s folder under the hub's ``state``."""
    home = state / "students" / student
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (b"jupyterhub.singleuser" in (entry / "cmdline").read_bytes()
                        and Path(os.readlink(entry / "cwd")) == home):
                    return int(entry.name)
            except OSError:
                pass
    raise RuntimeError(f"no server process for {student}")


def processes_under_pid(parent: int) -> list[int]:
    """Direct children of ``parent`` (Voilà's kernels), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{parent}\n" in status:
                found.append(int(entry.name))
    return found


def stop_all_under(state: Path, patience: float = 60) -> None:
    """Kill what still runs in ``state`` (a folder of the hub's own, see :func:`processes_under`) and wait
    until it is gone: a killed process can outlive the signal for a moment on a loaded machine, and a
    kernel may still be starting when the hub stops."""
    deadline = time.monotonic() + patience
    while left := processes_under(state):
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if time.monotonic() > deadline:
            return                               # the caller's check names what is left
        time.sleep(0.2)


def processes_under(state: Path) -> list[int]:
    """Live processes working in ``state``: the hub, its proxy (started by the hub, in its folder), and the
    students' servers and kernels (in their folders under it). ``state`` must be a folder of the hub's own."""
    state = state.resolve()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if Path(os.readlink(entry / "cwd")).is_relative_to(state):
                    found.append(int(entry.name))
            except OSError:                      # gone, or finished and waiting to be reaped
                pass
    return sorted(pid for pid in found if running(pid))


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process: a finished one waiting to be reaped (a zombie) is not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] not in ("Z", "X")
