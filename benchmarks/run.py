"""Measurements, each printed with a baseline measured in the same run and the ratio between them.

    python benchmarks/run.py            (or: make bench)

1. queries: match against a plain pandas version that pivots the profile on every call (how the queries
   were first written), red_flags against the engine's own rule firing alone, next_question against match;
   match on 2,000 and 10,000 conditions (synthetic content built from the real one; goal: at most 16 ms
   for 2,000), and what noticing an edited Tables costs (the fingerprint) against building anew;
2. the symptom filter: one click (set .value, recompute, render) against the queries alone;
3. loading content: a cached load against a cold one (parse, validate, build tables);
4. cold start: a new Python process that imports redspots and loads the content, against one
   that only imports pandas; with content checked before (the usual case) and never checked;
5. the offline HTML export: size of each page against nbconvert's default HTML of the same
   executed notebook (which loads its widget renderer from a CDN instead of carrying it).
"""
from __future__ import annotations

import dataclasses
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ExecutePreprocessor

import redspots as rs
from redspots import content
from redspots.prepared import fingerprint, prepared
from redspots.query import fired
from redspots.export import RedspotsHTMLExporter, local_kernel

ROOT = Path(__file__).resolve().parent.parent


def per_call(fn, calls) -> float:
    """Median over 5 rounds of the mean time per call, in milliseconds."""
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for args in calls:
            fn(*args)
        rounds.append((time.perf_counter() - start) / len(calls) * 1000)
    return statistics.median(rounds)


def baseline_match(findings, t):
    """The first implementation: pivot the long profile on every call."""
    profile = t.profile[t.profile.finding.isin(findings)]
    levels = profile.pivot(index="condition", columns="finding", values="level").reindex(
        index=t.conditions.index, columns=findings)
    points = levels.apply(lambda col: col.astype(str).map(rs.query.POINTS)).sum(axis=1)
    return (points / (2 * len(findings))).sort_values(ascending=False)


def engine_fired(findings, t):
    """The rule engine's firing alone, as the queries do it, without building a table."""
    return fired(prepared(t).rules, set(findings))


def process_seconds(code: str, env: dict | None = None, rounds: int = 5) -> float:
    """Median wall time of a new Python process running ``code``, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **(env or {})}, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(name, value, unit, base_name, base):
    ratio = value / base if base else float("nan")
    print(f"  {name:<56} {value:9.3f} {unit:<3}| {base_name:<36} {base:9.3f} {unit:<3}| ratio {ratio:7.3f}")


def synthetic(t, count: int):
    """Tables with ``count`` conditions: the real ones repeated under new ids, with their profiles."""
    copies = -(-count // len(t.conditions))
    conditions = pd.concat([t.conditions.rename(index=lambda c, k=k: f"{c}_{k}") for k in range(copies)]).iloc[:count]
    conditions["name"] = [f"{name} {i}" for i, name in enumerate(conditions["name"])]
    wide = (t.profile.pivot(index="condition", columns="finding", values="level")
            .reindex(index=t.conditions.index, columns=t.findings.index).astype(str).to_numpy())
    levels = wide[np.arange(count) % len(t.conditions)]
    profile = pd.DataFrame({"condition": np.repeat(conditions.index.to_numpy(), len(t.findings)),
                            "finding": np.tile(t.findings.index.to_numpy(), count), "level": levels.ravel()})
    # the dtypes of a loaded profile: condition and finding are categorical, like the level
    profile = profile.astype({"condition": pd.CategoricalDtype(conditions.index), "finding": t.profile.finding.dtype,
                              "level": t.profile.level.dtype})
    return dataclasses.replace(t, conditions=conditions, profile=profile)


def kernel_mib(code: list[str]) -> float:
    """Resident memory of a fresh IPython kernel after it ran ``code`` (cell by cell), in MiB."""
    from jupyter_client.manager import KernelManager
    manager = KernelManager(kernel_name="python3", transport="ipc", ip=tempfile.mkdtemp() + "/kernel")
    manager.start_kernel(cwd=str(ROOT / "notebooks"))
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    try:
        for cell in code:
            reply = client.execute_interactive(cell, timeout=300, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"cell failed: {cell[:80]!r}")
        pid = manager.provisioner.process.pid
        status = Path(f"/proc/{pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def browser_click(t, selections) -> None:
    """What a click costs in the explorer's browser code (Chromium), against the three queries in Python;
    then the browser's match on 2,000 conditions, against Python's on the same content."""
    import shutil
    from importlib import resources as importlib_resources

    from redspots import payload
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("   (skipped: no Chromium; apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright
    source = (importlib_resources.files("redspots") / "static" / "queries.js").read_text(encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_content("<!DOCTYPE html><title>bench</title>")
        ms = page.evaluate("""async ([source, c, selections]) => {
            const rs = await import(URL.createObjectURL(new Blob([source], {type: 'text/javascript'})));
            const run = () => { for (const s of selections) { rs.redFlags(c, s); rs.match(c, s); rs.nextQuestion(c, s, []); } };
            run();                                                    // warm up
            const times = [];
            for (let i = 0; i < 5; i++) { const t0 = performance.now(); run(); times.push(performance.now() - t0); }
            times.sort((a, b) => a - b);
            return times[2] / selections.length;
        }""", [source, payload.symptom_filter(t), selections])
        big = synthetic(t, 2_000)
        few = selections[:30]
        big_ms = page.evaluate("""async ([source, c, selections]) => {
            const rs = await import(URL.createObjectURL(new Blob([source], {type: 'text/javascript'})));
            const run = () => { for (const s of selections) rs.match(c, s); };
            run();
            const times = [];
            for (let i = 0; i < 5; i++) { const t0 = performance.now(); run(); times.push(performance.now() - t0); }
            times.sort((a, b) => a - b);
            return times[2] / selections.length;
        }""", [source, payload.symptom_filter(big), few])
        browser.close()
    rs.match(["fever"], tables=big)
    row("queries.js: match, 2,000 conditions (goal: at most 16 ms)", big_ms, "ms",
        "baseline: rs.match, same content", per_call(lambda s: rs.match(s, tables=big), [(s,) for s in few]))

    def queries_only(s):
        rs.red_flags(s, tables=t), rs.match(s, tables=t), rs.next_question(s, tables=t)
    row("queries.js: redFlags + match + nextQuestion", ms, "ms",
        "baseline: the three queries in Python", per_call(queries_only, [(s,) for s in selections]))


def main() -> int:
    t = rs.load()
    selections = [list(c) for c in itertools.combinations(t.findings.index, 2)][:300]
    calls = [(s,) for s in selections]
    print(f"redspots {rs.__version__}, pandas {pd.__version__}, Python {sys.version.split()[0]}")

    print("\n1. queries (ms per call, 300 two-finding selections)")
    row("rs.match", per_call(lambda s: rs.match(s, tables=t), calls), "ms",
        "baseline: pivot per call", per_call(lambda s: baseline_match(s, t), calls))
    row("rs.red_flags", per_call(lambda s: rs.red_flags(s, tables=t), calls), "ms",
        "baseline: the engine's fired() alone", per_call(lambda s: engine_fired(s, t), calls))
    row("rs.next_question", per_call(lambda s: rs.next_question(s, tables=t), calls), "ms",
        "baseline: rs.match (same selection)", per_call(lambda s: rs.match(s, tables=t), calls))
    n, r = len(t.conditions), len(t.red_flags)
    print(f"   per condition ({n} conditions) and per rule ({r} rules), microseconds:")
    row("rs.match per condition", 1000 * per_call(lambda s: rs.match(s, tables=t), calls) / n, "us",
        "baseline: pivot per call, per cond.", 1000 * per_call(lambda s: baseline_match(s, t), calls) / n)
    row("rs.red_flags per rule", 1000 * per_call(lambda s: rs.red_flags(s, tables=t), calls) / r, "us",
        "baseline: fired() alone, per rule", 1000 * per_call(lambda s: engine_fired(s, t), calls) / r)

    print("   at scale (goal: at most 16 ms for 2,000 conditions, and linear):")
    few = calls[:30]
    for count in (2_000, 10_000):
        big = synthetic(t, count)
        rs.match(["fever"], tables=big)                               # prepared once per Tables
        row(f"rs.match, {count:,} conditions", per_call(lambda s: rs.match(s, tables=big), few), "ms",
            "baseline: pivot per call", per_call(lambda s: baseline_match(s, big), few))
        if count == 2_000:
            frames = (big.findings, big.conditions["name"], big.conditions["seriousness"], big.profile,
                      big.red_flags, big.finding_sets)
            row("  of which: noticing an edit (the fingerprint)", per_call(lambda: fingerprint(frames), [()] * 20),
                "ms", "baseline: preparing the tables anew", per_call(lambda: prepared(dataclasses.replace(big)), [()] * 3))

    print("\n2. symptom filter, in the browser (ms per click: warnings, ranking, next question)")
    browser_click(t, selections)

    print("\n3. loading content (ms)")
    cold = []
    for _ in range(5):
        content.forget_loaded()
        start = time.perf_counter()
        rs.load()
        cold.append((time.perf_counter() - start) * 1000)
    row("rs.load() cached (a copy of your own)", per_call(rs.load, [()] * 200), "ms", "baseline: cold load",
        statistics.median(cold))

    print("\n4. cold start (s, new process, median of 5; goal: ratio at most 1.5)")
    pandas_only = process_seconds("import pandas")
    process_seconds("import redspots; redspots.load()", rounds=1)          # content checked once
    row("import redspots; load() (content checked before)",
        process_seconds("import redspots; redspots.load()"), "s", "baseline: import pandas", pandas_only)
    with tempfile.TemporaryDirectory() as empty:
        blocked = Path(empty) / "a-file"
        blocked.write_text("")                                               # no cache can be written below it
        row("for comparison, content changed: checked again (no goal)",
            process_seconds("import redspots; redspots.load()", {"REDSPOTS_CACHE": str(blocked / "cache")}), "s",
            "baseline: import pandas", pandas_only)

    print("\n5. kernel memory after each notebook (MiB resident; goal: ratio at most 1.2)")
    floor = statistics.median(kernel_mib(["import pandas, ipywidgets"]) for _ in range(3))
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        row(path.stem, kernel_mib(cells), "MiB", "baseline: kernel with pandas + ipywidgets", floor)

    print("\n6. offline HTML export (MB per page; goal: at most 2 MB for a page with explorers; executes each notebook once)")
    offline, plain = RedspotsHTMLExporter(), HTMLExporter()
    with tempfile.TemporaryDirectory():
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            node = nbformat.read(path, as_version=4)
            resources = {"metadata": {"path": str(path.parent), "name": path.stem}}
            page, _ = offline.from_notebook_node(node, resources=dict(resources))
            executed = nbformat.read(path, as_version=4)
            with local_kernel("python3") as km:
                executed, _ = ExecutePreprocessor(timeout=300, store_widget_state=True).preprocess(
                    executed, {"metadata": {"path": str(path.parent)}}, km=km)
            default_page, _ = plain.from_notebook_node(executed, resources=dict(resources))
            row(f"{path.stem}.html", len(page.encode()) / 1e6, "MB",
                "baseline: nbconvert --to html (CDN)", len(default_page.encode()) / 1e6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
