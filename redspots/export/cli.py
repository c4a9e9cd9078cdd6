"""``python -m redspots.export``: every notebook run once and written as a page with code and a handout,
with the index, the emergency card and the scenario cards; or, with ``--slides``, a deck per lesson."""
from __future__ import annotations

import argparse
from pathlib import Path

import nbformat

from .exporters import RedspotsHTMLExporter, RedspotsSlidesExporter
from .index import EMERGENCY_CARD, HANDOUT_FOLDER, materials, write_index
from .notebooks import is_lesson
from .running import run


def export(notebook: Path, output_dir: Path, *, slides: bool = False, handouts: bool = False,
           theme: str = "light") -> list[Path]:
    """Export one notebook into ``output_dir``; returns the HTML files written.

    With ``slides``, the file is a reveal.js deck, ``NAME.slides.html``. With ``handouts``, the notebook
    runs once and is written twice: ``NAME.html`` and the no-code ``handout/NAME.html``; pages link the
    emergency card, and the index links every handout. ``theme`` is nbconvert's (``light`` or ``dark``) for
    pages and handouts; a deck is always light, as projected.
    """
    node = nbformat.read(notebook, as_version=4)
    resources = {"metadata": {"path": str(notebook.parent), "name": notebook.stem}}
    node, _ = run(node, resources)
    kind = RedspotsSlidesExporter if slides else RedspotsHTMLExporter
    targets = [(output_dir, {})]
    no_code = {"exclude_input": True, "exclude_input_prompt": True, "exclude_output_prompt": True}
    if handouts and not slides:
        index = notebook.stem == "index"
        lessons = sorted(n for n in notebook.parent.glob("*.ipynb") if is_lesson(n)) if index else []
        # the index is a page for everyone: no code, like a handout, with links to every page to print
        targets = [(output_dir, {"emergency_card": EMERGENCY_CARD, **(no_code if index else {}),
                                 "handout_folder": HANDOUT_FOLDER if index else "",
                                 "appendix": materials(lessons, output_dir) if index else ""}),
                   (output_dir / HANDOUT_FOLDER, {**no_code, "emergency_card": f"../{EMERGENCY_CARD}",
                                                  "appendix": materials(lessons, output_dir, "../") if index else ""})]
    written = []
    for folder, options in targets:
        exporter = kind(execute=False, **options, **({} if slides else {"theme": theme}))
        page, _ = exporter.from_notebook_node(node, resources={"metadata": dict(resources["metadata"])})
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{notebook.stem}{exporter.file_extension}"
        target.write_text(page, encoding="utf-8")
        written.append(target)
    return written


def file_size(size: int) -> str:
    """A file's size as a person reads it: KB below a megabyte (a small page is never "0.0 MB").

    >>> file_size(18_400), file_size(950), file_size(3_812_000)
    ('18 KB', '1 KB', '3.8 MB')
    """
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m redspots.export",
        description="Export notebooks to self-contained HTML pages that work offline: each notebook as NAME.html "
                    "and, without code, as handout/NAME.html; with index.html and emergency-card.html.")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to export (default: every notebook in notebooks/; with --slides, "
                             "every lesson: NN_*.ipynb but 00_*)")
    parser.add_argument("--output-dir", "-o", type=Path, default=None,
                        help="folder to write the pages to (default: build/html, or build/slides with --slides)")
    parser.add_argument("--slides", action="store_true",
                        help="write a reveal.js deck per notebook, NAME.slides.html, instead of a page")
    parser.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="colours of the pages and handouts (default: light; decks are always light)")
    args = parser.parse_args(argv)
    args.output_dir = args.output_dir or Path("build/slides" if args.slides else "build/html")
    found = sorted(Path("notebooks").glob("*.ipynb"))
    notebooks = args.notebooks or ([n for n in found if is_lesson(n)] if args.slides else found)
    if not notebooks:
        parser.error("no notebooks given and none found in notebooks/")
    missing = [str(n) for n in notebooks if not n.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    for notebook in notebooks:
        for target in export(notebook, args.output_dir, slides=args.slides, handouts=not args.slides,
                             theme=args.theme):
            print(f"{notebook} -> {target} ({file_size(target.stat().st_size)})")
    if args.slides:
        return 0
    if not (args.output_dir / "index.html").exists():
        write_index(args.output_dir, [n.stem for n in notebooks], EMERGENCY_CARD, handouts=HANDOUT_FOLDER)
    if not (args.output_dir / HANDOUT_FOLDER / "index.html").exists():
        write_index(args.output_dir / HANDOUT_FOLDER, [n.stem for n in notebooks], f"../{EMERGENCY_CARD}")
    from ..emergency_card import emergency_card
    target = args.output_dir / EMERGENCY_CARD
    target.write_text(emergency_card(), encoding="utf-8")
    print(f"emergency card -> {target} ({file_size(target.stat().st_size)})")
    from ..cards import write_cards          # the printable scenario cards, one per quiz case
    print(f"scenario cards -> {write_cards(args.output_dir)}")
    return 0
