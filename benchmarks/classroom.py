"""A room of students on one machine: memory and click cost per student, for N = 1, 5 and 20.

    python benchmarks/classroom.py [N ...]        (or: make bench-classroom)

For each N, a fresh JupyterHub from classroom/jupyterhub_config.py runs on loopback (DummyAuthenticator,
SimpleLocalProcessSpawner, the pure-Python proxy), in a temporary folder. N students (classroom/hub.py)
act at once, each as a browser would but over the protocol, through the hub's proxy: log in with the
form, start their server, open 02_filter_by_symptom.ipynb in a kernel, run its code cells in order,
then tick findings in the symptom filter 20 times, a pause of 0.3-1.5 s between ticks.

What is measured, exactly:
- click -> kernel: a tick is the widget update the filter's browser code sends on a click
  (comm_msg {"method": "update", "state": {"value": [...]}}); the time is from sending it on the kernel
  websocket (hub proxy -> student's server -> kernel) until the kernel's observer of
  ``symptom_filter.value`` reports the new value back on the same path. It is NOT the time until the
  view changes: the explorer computes in the browser and redraws before the kernel hears of the click.
  It is what each click costs the machine, and how long until code in the kernel sees the tick.
- memory: resident memory (VmRSS in /proc) of each student's kernel and of each student's server
  (jupyterhub-singleuser) after the ticks; the hub and the proxy once; against a baseline kernel
  that only ran ``import pandas, ipywidgets``, measured in the same run.
- CPU: CPU seconds (user + system, /proc) used by the hub, the proxy, every server and every kernel:
  while the room starts (log in, start, Run All), per student; and while ticking, in cores busy.

- one student in a real browser (JupyterLab in headless Chromium, same hub recipe) clicks the same
  boxes; the time from the click to the kernel's report reaching the page is printed beside the
  protocol students' figures, to show what a browser adds.

Students per GB and per core are derived from these and printed at the end (how: see there).

First, the code-free app (make app, Voilà): each lesson page is opened once (the page is rendered,
every cell run, in the kernel Voilà starts for that visitor) and the kernel's resident memory is
printed beside a bare ipykernel measured in the same run: what one student with one page open costs.

    python benchmarks/classroom.py --app          (the app part only)
"""
from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# this file is called classroom.py too: the repository's classroom/ package must come first
sys.path[:0] = [str(ROOT)]
sys.path = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"] + [str(ROOT / "benchmarks"),
                                                                                      str(ROOT / "tests")]
from browser_student import BROWSER_SERVER_ARGS, browser_student  # noqa: E402
from classroom.hub import Student, processes_under, running_hub  # noqa: E402
from classroom.processes import cpu_seconds, kernel_pid, processes_under_pid, rss_mib, server_pid  # noqa: E402

TICKS = 20
PAUSE = (0.3, 1.5)          # seconds between one student's ticks: a student reads before clicking again
SELECTIONS = [["non_blanching"], ["non_blanching", "fever"], ["fever"], ["rough_texture"],
              ["rough_texture", "upper_arms_thighs"], ["rough_texture", "upper_arms_thighs", "worse_in_winter"], []]
FAST_ENOUGH = 0.1           # seconds: a click that reaches the kernel within this is "at once" for sizing


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def hub_processes(hub) -> list[int]:
    """The hub and its proxy."""
    pids = [hub.process.pid]
    proxy = hub.state / "jupyterhub-proxy.pid"
    if proxy.exists():
        pids.append(int(proxy.read_text()))
    return pids


def total_cpu(pids) -> float:
    total = 0.0
    for pid in pids:
        try:
            total += cpu_seconds(pid)
        except OSError:
            pass
    return total


def one_room(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="redspots-hub-") as folder, running_hub(Path(folder)) as hub:
        room = [Student(hub, f"student{i:02d}") for i in range(n)]

        def arrive(student):
            student.log_in()
            student.start_server()
            student.open_notebook()
            student.run_notebook()

        cpu_before, started = total_cpu(hub_processes(hub)), time.monotonic()
        with ThreadPoolExecutor(n) as pool:
            list(pool.map(arrive, room))
        ready_s = time.monotonic() - started
        kernels = [kernel_pid(s.kernel_id) for s in room]
        servers = [server_pid(hub.state, s.name) for s in room]
        everything = hub_processes(hub) + kernels + servers
        start_cpu = total_cpu(everything) - cpu_before

        def ticking(student):
            rng = random.Random(student.name)
            times = []
            for k in range(TICKS):
                time.sleep(rng.uniform(*PAUSE))           # think time, not synchronisation
                times.append(student.tick(SELECTIONS[k % len(SELECTIONS)]))
            return times

        cpu_before, started = total_cpu(everything), time.monotonic()
        with ThreadPoolExecutor(n) as pool:
            latencies = [t for times in pool.map(ticking, room) for t in times]
        tick_wall = time.monotonic() - started
        tick_cores = (total_cpu(everything) - cpu_before) / tick_wall
        result = {
            "n": n, "ready_s": ready_s, "start_cpu_per_student": start_cpu / n,
            "kernel_mib": statistics.median(rss_mib(p) for p in kernels),
            "kernel_max_mib": max(rss_mib(p) for p in kernels),
            "server_mib": statistics.median(rss_mib(p) for p in servers),
            "hub_mib": sum(rss_mib(p) for p in hub_processes(hub)),
            "p50_ms": 1000 * percentile(latencies, 50), "p95_ms": 1000 * percentile(latencies, 95),
            "ticks": len(latencies), "tick_cores": tick_cores,
            "clicks_per_s": len(latencies) / tick_wall,
        }
        for student in room:
            student.close()
    if processes_under(Path(folder)):
        print(f"   warning: processes were left running for N={n}")
    return result


def app_memory() -> dict:
    """Voilà as make app runs it: open each lesson page once over HTTP (the whole page is rendered,
    every cell run) and read the resident memory of the kernel each page started, and of Voilà."""
    import subprocess
    import urllib.request

    sys.path.insert(0, str(ROOT / "tools"))
    from app import lessons, voila_command, voila_environment
    from browser import free_port

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="redspots-app-") as folder:
        log = open(Path(folder) / "voila.log", "w")
        server = subprocess.Popen(voila_command(port), stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                  env=voila_environment())
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("Voilà did not start")
                    time.sleep(0.3)
            pages = {}
            for lesson in lessons()["students"]:
                before = set(processes_under_pid(server.pid))
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/render/{lesson['path']}", timeout=600) as page:
                    page.read()                        # the response ends once every cell has run
                new = set(processes_under_pid(server.pid)) - before
                pages[lesson["title"]] = sum(rss_mib(pid) for pid in new)
            return {"pages": pages, "server_mib": rss_mib(server.pid)}
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def print_app_memory(bare: float, baseline: float) -> None:
    print("The code-free app (make app): one kernel per open page, after the page has rendered.")
    r = app_memory()
    for title, mib in r["pages"].items():
        print(f"   {title:<40} {mib:>6.0f} MiB  ({mib / bare:.1f}x a bare kernel)")
    per_student = statistics.median(r["pages"].values())
    print(f"Memory per student in the app: {per_student:.0f} MiB (median kernel per open page; largest "
          f"{max(r['pages'].values()):.0f} MiB), against a bare ipykernel at {bare:.0f} MiB and "
          f"`import pandas, ipywidgets` at {baseline:.0f} MiB, same run. Voilà itself: {r['server_mib']:.0f} MiB, "
          f"once. 1 GiB holds {1024 / per_student:.0f} open pages.\n")


def main(argv: list[str]) -> int:
    from run import kernel_mib       # the same baseline kernel measurement as make bench

    if argv == ["--app"]:
        print_app_memory(kernel_mib([]), kernel_mib(["import pandas, ipywidgets"]))
        return 0

    sizes = [int(a) for a in argv] or [1, 5, 20]
    cores = os.cpu_count() or 1
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"A room of students on one JupyterHub ({platform.machine()}, {cores} cores, {memory_gib:.0f} GiB, "
          f"Python {sys.version.split()[0]}); each student: log in, start a server, Run All on "
          f"02_filter_by_symptom.ipynb, then {TICKS} ticks {PAUSE[0]}-{PAUSE[1]} s apart.")
    baseline = kernel_mib(["import pandas, ipywidgets"])
    print(f"Baseline: a kernel that only ran `import pandas, ipywidgets`: {baseline:.0f} MiB resident.\n")
    print_app_memory(kernel_mib([]), baseline)
    print("click -> kernel: from sending a click's widget update on the kernel websocket (through the hub's proxy)")
    print("until the kernel's observer of symptom_filter.value reports the new value back; the view itself")
    print("redraws in the browser without waiting for this.\n")
    header = (f"{'N':>3} | {'kernel MiB':>10} | {'vs baseline':>11} | {'server MiB':>10} | {'hub+proxy MiB':>13} | "
              f"{'p50 ms':>7} | {'p95 ms':>7} | {'cores busy ticking':>18} | {'start CPU s/student':>19} | {'room ready s':>12}")
    print(header)
    print("-" * len(header))
    results = []
    for n in sizes:
        r = one_room(n)
        results.append(r)
        print(f"{r['n']:>3} | {r['kernel_mib']:>10.0f} | {r['kernel_mib'] / baseline:>10.2f}x | {r['server_mib']:>10.0f} | "
              f"{r['hub_mib']:>13.0f} | {r['p50_ms']:>7.1f} | {r['p95_ms']:>7.1f} | {r['tick_cores']:>18.2f} | "
              f"{r['start_cpu_per_student']:>19.1f} | {r['ready_s']:>12.0f}", flush=True)

    # one student in a real browser (JupyterLab in Chromium, through the same kind of hub): the same
    # report, now timed from the click on the box to the report reaching the page
    try:
        with tempfile.TemporaryDirectory(prefix="redspots-hub-") as folder, \
                running_hub(Path(folder), spawner_args=BROWSER_SERVER_ARGS) as hub:
            clicks = browser_student(hub, "browser00", TICKS)
        print(f"{'1*':>3} | {'':>10} | {'':>11} | {'':>10} | {'':>13} | {1000 * percentile(clicks, 50):>7.1f} | "
              f"{1000 * percentile(clicks, 95):>7.1f} |")
        print("  * one student in JupyterLab in headless Chromium: from the click on a box to the kernel's report\n"
              "    reaching the page; this adds the browser's own work (the view, the widget manager, JupyterLab's\n"
              "    message handling) to what the protocol students measure.")
    except Exception as error:        # no Chromium, or JupyterLab changed: the table above still stands
        print(f"  (the browser student did not run: {str(error).splitlines()[0]})")

    largest = results[-1]
    per_student_mib = largest["kernel_mib"] + largest["server_mib"]
    per_gb = 1024 / per_student_mib
    print(f"\nStudents per GB: 1024 MiB / (kernel {largest['kernel_mib']:.0f} + server {largest['server_mib']:.0f} MiB "
          f"per student, N={largest['n']}) = {per_gb:.1f} (the hub and proxy, {largest['hub_mib']:.0f} MiB, once; "
          "leave room for the system).")
    # CPU: ticking costs little; starting a lesson (everyone's Run All at once) is what loads the machine.
    per_click_cpu = max(r["tick_cores"] / r["clicks_per_s"] for r in results)
    print(f"CPU per click, through hub, proxy, server and kernel: {1000 * per_click_cpu:.0f} ms at most; "
          f"at one click every 5 s a core serves {1 / (per_click_cpu / 5):.0f} students ticking.")
    start_cpu = max(r["start_cpu_per_student"] for r in results)
    print(f"Starting (log in, server, Run All) costs {start_cpu:.1f} CPU s per student: a core starts "
          f"{60 / start_cpu:.0f} students a minute.")
    fast = [r for r in results if r["p95_ms"] <= 1000 * FAST_ENOUGH]
    if fast:
        best = max(fast, key=lambda r: r["n"])
        print(f"Students per core with p95 click -> kernel within {1000 * FAST_ENOUGH:.0f} ms: at least "
              f"{best['n'] / cores:.1f} (N={best['n']} on {cores} cores; larger rooms measured: "
              f"{[r['n'] for r in results if r['n'] > best['n']] or 'none'}).")
    else:
        print(f"No room kept p95 click -> kernel within {1000 * FAST_ENOUGH:.0f} ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
