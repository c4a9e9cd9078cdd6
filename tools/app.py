"""The code-free app (``make app``): Voilà serves the lesson notebooks with their code hidden.

Each notebook opens as a page that shows only its text, tables, pictures and explorers: the
code cells run in a fresh kernel for each visitor, and their sources are stripped before the page is
sent. Voilà listens on 127.0.0.1 only; Ctrl+C stops it.

    python tools/app.py                 # the list of notebooks, on port 8866 or the next free one
    python tools/app.py --port 0        # any free port
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# Voilà finds templates in the Jupyter data path: tools/voila/templates/redspots is its "lab" template
# without the stylesheets it would fetch from a CDN
TEMPLATES = Path(__file__).resolve().parent


def voila_environment() -> dict[str, str]:
    """The environment Voilà runs in: ours, with the redspots template on the Jupyter data path."""
    path = os.pathsep.join(p for p in (str(TEMPLATES), os.environ.get("JUPYTER_PATH")) if p)
    return dict(os.environ, JUPYTER_PATH=path)


def voila_command(port: int, root: Path = NOTEBOOKS) -> list[str]:
    """The command that serves every notebook in ``root`` as an app on 127.0.0.1:``port``."""
    return [sys.executable, "-m", "voila", str(root), "--no-browser", "--template=redspots",
            "--Voila.ip=127.0.0.1", f"--Voila.port={port}",
            "--VoilaConfiguration.strip_sources=True",     # the default, said out loud: no code on any page
            "--VoilaConfiguration.show_tracebacks=False",  # an error says so, without a traceback
            "--Voila.port_retries=0"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("REDSPOTS_APP_PORT", 8866)),
                        help="the port to listen on (0: any free port); default 8866")
    port = parser.parse_args(argv).port
    if port == 0:
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    print(f"The redspots app is at http://127.0.0.1:{port}/ (the notebooks, with no code).\n"
          "Press Ctrl+C to stop it.", flush=True)
    try:
        return subprocess.call(voila_command(port), env=voila_environment())
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
