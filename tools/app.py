"""The code-free app (``make app``): Voilà serves the lesson notebooks with their code hidden.

The home page lists the lessons by their titles (the teacher guide under "For the teacher"). Each
lesson opens as a page that shows only its text, tables, pictures and explorers: the code cells run in
a fresh kernel for each visitor, and their sources are stripped before the page is sent. Voilà
listens on 127.0.0.1 only; Ctrl+C stops it.

A visitor's kernel (about 100 MiB) is shut down when their page closes, and a kernel whose page went
away without saying so (a phone that slept, a lost connection) is culled once it has been idle, with
no page connected, for --cull-minutes (10 by default).

    python tools/app.py                      # on port 8866
    python tools/app.py --port 0             # any free port
    python tools/app.py --cull-minutes 30    # keep a disconnected visitor's kernel for 30 minutes
    python tools/app.py --theme dark         # light text on dark
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# Voilà finds templates in the Jupyter data path: tools/voila/templates/redspots is its "lab" template
# without the stylesheets it would fetch from a CDN
TEMPLATES = Path(__file__).resolve().parent
# voila.py there: Voilà's own configuration file (the page hooks and settings that need Python)
CONFIG = TEMPLATES / "voila"
#: minutes a kernel with no page connected may stay idle before it is shut down
CULL_MINUTES = 10.0
#: notebooks that are not lessons: the index is the home page's job; the teacher guide is listed apart
NOT_A_LESSON = {"index.ipynb"}
FOR_THE_TEACHER = "teacher"


def notebook_title(path: Path) -> str:
    """The notebook's title: the first level-1 heading of its markdown cells (its file name without one)."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for line in source.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem.replace("_", " ")


def lessons(root: Path = NOTEBOOKS) -> dict[str, list[dict[str, str]]]:
    """The home page's two lists, in file-name order: ``{"students": [...], "teacher": [...]}``, each
    item ``{"path": "02_filter_by_symptom.ipynb", "title": "Filter by symptom"}``. index.ipynb is
    in neither (the home page does its job); notebooks named teacher… are for the teacher."""
    found: dict[str, list[dict[str, str]]] = {"students": [], "teacher": []}
    for path in sorted(root.glob("*.ipynb")):
        if path.name in NOT_A_LESSON:
            continue
        group = "teacher" if path.stem.startswith(FOR_THE_TEACHER) else "students"
        found[group].append({"path": path.name, "title": notebook_title(path)})
    return found


def voila_environment() -> dict[str, str]:
    """The environment Voilà runs in: ours, with the redspots template on the Jupyter data path."""
    path = os.pathsep.join(p for p in (str(TEMPLATES), os.environ.get("JUPYTER_PATH")) if p)
    return dict(os.environ, JUPYTER_PATH=path)


def voila_command(port: int, root: Path = NOTEBOOKS, cull_minutes: float = CULL_MINUTES,
                  theme: str = "light") -> list[str]:
    """The command that serves every notebook in ``root`` as an app on 127.0.0.1:``port``, in the ``theme``
    ("light" or "dark"); a kernel idle with no page connected for ``cull_minutes`` is shut down."""
    cull_seconds = max(1, round(60 * cull_minutes))
    return [sys.executable, "-m", "voila", str(root), "--no-browser", "--template=redspots",
            "--Voila.ip=127.0.0.1", f"--Voila.port={port}",
            "--VoilaConfiguration.strip_sources=True",     # the default, said out loud: no code on any page
            "--VoilaConfiguration.show_tracebacks=False",  # an error says so, without a traceback
            "--Voila.port_retries=0",
            f"--theme={theme}",
            f"--Voila.config_file_paths={CONFIG}",        # tools/voila/voila.py, and no stray voila.py
            # a page that went away without closing (phone asleep, network gone): its kernel goes too
            f"--MappingKernelManager.cull_idle_timeout={cull_seconds}",
            f"--MappingKernelManager.cull_interval={max(1, min(60, cull_seconds // 2))}",
            # kernels talk to Voilà over local sockets: no "running over TCP without encryption"
            "--KernelManager.transport=ipc"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("REDSPOTS_APP_PORT", 8866)),
                        help="the port to listen on (0: any free port); default 8866")
    parser.add_argument("--cull-minutes", type=float, default=CULL_MINUTES, metavar="M",
                        help="shut down a visitor's kernel once it has been idle with no page connected for M "
                             f"minutes (a page that closes ends its kernel at once); default {CULL_MINUTES:g}")
    parser.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="the pages' colours; default light")
    args = parser.parse_args(argv)
    port = args.port
    if port == 0:
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    print(f"The redspots app is at http://127.0.0.1:{port}/ (the lessons, with no code).\n"
          f"A kernel whose page went away is shut down after {args.cull_minutes:g} minutes idle "
          "(--cull-minutes changes it).\nPress Ctrl+C to stop it.", flush=True)
    try:
        return subprocess.call(voila_command(port, cull_minutes=args.cull_minutes, theme=args.theme), env=voila_environment())
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
