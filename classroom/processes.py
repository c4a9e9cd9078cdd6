"""What a process costs, read from /proc: resident memory, CPU seconds, and which process is whose.

benchmarks/classroom.py uses these to measure a room of students on classroom/hub.py's hub.
"""
from __future__ import annotations

import os
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
