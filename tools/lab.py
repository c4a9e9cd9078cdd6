"""`make lab`: JupyterLab on a working copy of the lessons, opened at the index.

    python tools/lab.py [--port N]      (make lab, make lab PORT=N)
    python tools/lab.py --reset         (make reset-lessons)

The lessons a teacher or student opens are a copy of notebooks/ in lessons/ (git ignores it), made on
the first run; a lesson added to notebooks/ later is copied in on the next run. Edits, outputs and
JupyterLab's autosave change only the copy, never the repository's notebooks; the start says which
copies differ from the repository's, and `make reset-lessons` puts the repository's back.

The printed address opens lessons/index.ipynb (JupyterLab's /lab/tree/index.ipynb, with the token),
and the browser JupyterLab opens goes there too. Kernels talk over local sockets (IPC), so no kernel
warns about unencrypted TCP. The token is given as IdentityProvider.token and this script opens the
browser itself once the server answers; notebook_shim (classic-notebook compatibility, installed with
JupyterLab but not used by it) is not loaded: it reads every attribute of the server while linking,
the deprecated ServerApp.token among them, and so printed "ServerApp.token config is deprecated" at
every start though nothing configures it.
"""
from __future__ import annotations

import argparse
import filecmp
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import webbrowser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = ROOT / "lessons"
OPENS = "index.ipynb"
_SKIP = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")


def working_copy(source: Path = NOTEBOOKS, copy: Path = LESSONS, *, reset: bool = False) -> list[str]:
    """Make ``copy`` hold the lessons: all of ``source`` the first time (or with ``reset``), then any
    file ``source`` has that ``copy`` lacks. Returns the notebooks whose copy differs from ``source``'s."""
    if reset and copy.exists():
        shutil.rmtree(copy)
    if not copy.exists():
        shutil.copytree(source, copy, ignore=_SKIP)
        return []
    for path in sorted(source.glob("*.ipynb")):
        if not (copy / path.name).exists():
            shutil.copy2(path, copy / path.name)
    return [path.name for path in sorted(source.glob("*.ipynb"))
            if not filecmp.cmp(path, copy / path.name, shallow=False)]


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def lab_command(port: int, token: str, root: Path = LESSONS) -> list[str]:
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--LabApp.default_url=/lab/tree/{OPENS}", "--KernelManager.transport=ipc", "--no-browser",
               # notebook_shim (classic-notebook compatibility) is not needed by JupyterLab
               "--ServerApp.jpserver_extensions={'notebook_shim': False}"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")     # JupyterLab refuses to run as root (containers, CI) without it
    return command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=None, help="the port (default 8888, or a free one if taken)")
    parser.add_argument("--no-browser", action="store_true", help="print the address only")
    parser.add_argument("--reset", action="store_true",
                        help="put the repository's lessons back in lessons/ (edits there are lost) and stop")
    args = parser.parse_args(argv)
    if args.reset:
        working_copy(reset=True)
        print(f"lessons/ holds the repository's lessons again ({len(list(LESSONS.glob('*.ipynb')))} notebooks).")
        return 0
    first = not LESSONS.exists()
    changed = working_copy()
    port = args.port
    if port is None:
        port = 8888
        if not port_is_free(port):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
    elif not port_is_free(port):
        print(f"Port {port} is in use: choose another, e.g. make lab PORT={port + 1}", file=sys.stderr)
        return 1
    token = secrets.token_hex(24)
    url = f"http://127.0.0.1:{port}/lab/tree/{OPENS}?token={token}"
    print(("Copied the lessons to lessons/ (your working copy: edits stay there, notebooks/ is untouched).\n"
           if first else "")
          + (f"These lessons in lessons/ differ from the repository's: {', '.join(changed)}.\n" if changed else "")
          + "To start again from the repository's lessons: make reset-lessons\n"
          + f"\nThe explainer opens at:\n\n    {url}\n\nPress Ctrl+C twice to stop the server.\n", flush=True)
    server = subprocess.Popen(lab_command(port, token), cwd=LESSONS)
    try:
        if not args.no_browser:
            deadline = time.monotonic() + 120
            while server.poll() is None and time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                    webbrowser.open(url)
                    break
                except OSError:
                    time.sleep(0.3)      # the server is not listening yet
        return server.wait()
    except KeyboardInterrupt:
        return server.wait()


if __name__ == "__main__":
    sys.exit(main())
