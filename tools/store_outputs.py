"""Run notebooks and store their outputs for review and for the notebook tests, without widget state.

A widget's saved state (its content, its module) would be most of a notebook's bytes and change on
every run; its view output holds a random model id. Neither is stored: a widget cell keeps its plain
text, and the explorer appears when the cell runs. ``make outputs`` runs this on every notebook.

Usage: python tools/store_outputs.py NOTEBOOK...
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from redspots.export import local_kernel

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def store(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    name = nb.metadata.get("kernelspec", {}).get("name") or "python3"
    with local_kernel(name) as km:
        NotebookClient(nb, km=km, timeout=300, record_timing=False, store_widget_state=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    for name in argv:
        store(Path(name))
        print(f"{name}: outputs stored")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
