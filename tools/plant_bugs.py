"""Plant one-line bugs, one at a time, and check that the fast tests catch each one.

    make mutants                                    # every bug (tools/bugs.py), two at a time
    .venv/bin/python tools/plant_bugs.py 3 5        # only bugs 3 and 5
    .venv/bin/python tools/plant_bugs.py --sample 4 --seed abc123   # 4 bugs chosen by the seed (CI)
    .venv/bin/python tools/plant_bugs.py --list     # number and describe every bug

Each bug is applied to a copy of the package, content and tests in a temporary folder (the working
tree is never touched), then the fast tests (no browser, no notebooks; the browser code's queries and
views run under Node) run against that copy and stop at the first failure. A bug that no test catches is
reported as SURVIVED, and a bug whose text no longer occurs exactly once is reported as STALE; either
makes the exit status 1.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bugs import BUGS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# what make test-fast runs, but the check that every bug still applies (it fails on any planted bug)
FAST = ["tests", "redspots", "-m", "not browser and not server",
        "--ignore=tests/test_export.py", "--ignore=tests/test_slides.py", "--ignore=tests/test_planted_bugs.py"]


def _copy(target: Path) -> None:
    """Every file git tracks, as it is in the working tree (so uncommitted changes are tried too), and a
    link to node_modules (jsdom and axe-core, for the views' tests)."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for rel in filter(None, tracked.decode().split("\0")):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    if (ROOT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(ROOT / "node_modules")


def _plant(target: Path, rel: str, old: str, new: str) -> str | None:
    """Apply one bug; the reason it cannot be applied, if it cannot."""
    path = target / rel
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if text.count(old) != 1:
        return f"{old.strip()[:60]!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return None


def _fast_tests(target: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(target), "REDSPOTS_DATA": "", "REDSPOTS_TESTS": "fast",
           "REDSPOTS_CACHE": str(target / ".cache")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                           "-o", "addopts=--doctest-modules", *FAST], cwd=target, env=env, capture_output=True, text=True)


def run_one(number: int) -> tuple[int, str, str]:
    """(number, "caught" / "SURVIVED" / "STALE", detail) for one bug. A failing test counts as caught, and
    so does a test file the bug stops from being collected (content the loader refuses, say): the clean run
    first shows every file collects without it. A run that names no test at all (pytest itself could not
    start) says nothing about the bug and stops the run."""
    what, rel, old, new = BUGS[number - 1]
    with tempfile.TemporaryDirectory(prefix="redspots-bug-") as tmp:
        target = Path(tmp)
        _copy(target)
        stale = _plant(target, rel, old, new)
        if stale:
            return number, "STALE", stale
        result = _fast_tests(target)
    if result.returncode == 0:
        return number, "SURVIVED", ""
    failed = [line for line in result.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    if not failed:
        raise SystemExit(f"bug {number}: the tests could not run ({result.returncode}):\n{result.stdout[-2000:]}")
    return number, "caught", failed[0]


def check_clean() -> None:
    """The fast tests pass on an untouched copy, or no bug's result would mean anything."""
    with tempfile.TemporaryDirectory(prefix="redspots-bug-") as tmp:
        _copy(Path(tmp))
        result = _fast_tests(Path(tmp))
    if result.returncode != 0:
        raise SystemExit(f"the fast tests fail with no bug planted; fix them first:\n{result.stdout[-2000:]}")


def sample(count: int, seed: str) -> list[int]:
    """``count`` bug numbers chosen by ``seed`` alone (the same seed, the same bugs), in order."""
    ranked = sorted(range(1, len(BUGS) + 1), key=lambda n: hashlib.sha256(f"{seed}:{n}".encode()).hexdigest())
    return sorted(ranked[:count])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("numbers", nargs="*", type=int, help="plant only these bugs (1-based; see --list)")
    parser.add_argument("--sample", type=int, metavar="N", help="plant N bugs chosen by --seed")
    parser.add_argument("--seed", default="", help="what chooses the sample (CI: the commit)")
    parser.add_argument("--jobs", "-j", type=int, default=2, help="bugs tried at once (default 2)")
    parser.add_argument("--list", action="store_true", help="number and describe every bug, plant none")
    parser.add_argument("--no-clean-run", action="store_true",
                        help="skip the first run of the fast tests with no bug planted (a test file that then "
                             "fails to collect may not be the bug's doing)")
    args = parser.parse_args(argv)
    if args.list:
        for number, (what, rel, _, _) in enumerate(BUGS, start=1):
            print(f"{number:2}. {what}  ({rel})")
        return 0
    unknown = [n for n in args.numbers if not 1 <= n <= len(BUGS)]
    if unknown:
        parser.error(f"no bug numbered {unknown[0]}; there are {len(BUGS)} (see --list)")
    chosen = args.numbers or (sample(args.sample, args.seed) if args.sample else list(range(1, len(BUGS) + 1)))
    if not args.no_clean_run:
        print("Running the fast tests on an untouched copy first", flush=True)
        check_clean()
    print(f"Planting {len(chosen)} of {len(BUGS)} bugs, one at a time, {args.jobs} at once: {chosen}", flush=True)
    bad = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for number, verdict, detail in pool.map(run_one, chosen):
            print(f"{number:2}. {verdict:<8}  {BUGS[number - 1][0]}" + (f"\n      {detail}" if detail else ""), flush=True)
            if verdict != "caught":
                bad.append(number)
    print(f"\n{len(chosen) - len(bad)} caught, {len(bad)} not: {bad or 'none'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
