"""Export notebooks to self-contained HTML that works offline, widgets included.

``jupyter nbconvert --to redspots NOTEBOOK`` (registered as an nbconvert exporter) executes the
notebook with widget state stored and writes one HTML file that needs nothing else: the explorers
(anywidget views, which compute in the browser) are drawn by a small runtime (``static/page-runtime.js``)
from the module in their saved state, so they respond as in JupyterLab with no kernel; any other widget
gets the full widget renderer (@jupyter-widgets/html-manager, its icon fonts and RequireJS inlined from
``export_assets/``). MathJax is inlined where the notebook has math. Nothing is fetched when the page
is viewed.

``jupyter nbconvert --to redspots_slides NOTEBOOK`` writes a reveal.js deck the same way (same execution,
same inlined runtime and assets, plus reveal.js itself): slides cut by nbconvert's standard
``slideshow.slide_type`` cell metadata, no code shown, and speaker notes (reveal's ``S`` key) from a cell's
``redspots.notes`` metadata, which JupyterLab does not show as a cell.

``python -m redspots.export`` builds every notebook plus an ``index.html`` into one folder;
``python -m redspots.export --slides`` builds a deck for every lesson (``NN_*.ipynb`` but ``00_*``).
"""
from __future__ import annotations

import argparse
import base64
import functools
import json
import re
import sys
import tempfile
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import ExecutePreprocessor, Preprocessor
from traitlets import Bool, Unicode, default

_ASSETS = resources.files("redspots") / "export_assets"
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_MATH = re.compile(r"(?<!\\)\$[^$\n]+\$|\\\(|\\\[|\\begin\{")
#: MathJax 3 set up as nbconvert sets up MathJax 2 (same delimiters, AMS numbering); SVG output
#: needs no font files, and every TeX extension is in the bundle, so nothing is loaded later.
MATHJAX_CONFIG = {
    "tex": {"inlineMath": [["$", "$"], ["\\(", "\\)"]], "displayMath": [["$$", "$$"], ["\\[", "\\]"]],
            "processEscapes": True, "processEnvironments": True, "tags": "ams"},
    "svg": {"fontCache": "global"},
    "options": {"ignoreHtmlClass": "tex2jax_ignore", "processHtmlClass": "tex2jax_process"},
}

#: Shown only in exported pages (the same elements stay hidden in JupyterLab), plus print styles.
PAGE_CSS = """
.jupyter-widgets, .widget-label, .widget-label-basic { font-family: var(--jp-ui-font-family, sans-serif); }
.redspots-runtime-problem { border-left: 5px solid #8a5300; background: #fff1d6; color: #1b1b1b; padding: 6px 10px; }
@media print {
  .jp-InputPrompt, .jp-OutputPrompt, .jp-CodeCell .jp-Cell-inputWrapper, .widget-button,
  .widget-slider, .widget-dropdown { display: none !important; }
  .jp-Cell, figure, table, .redspots-step, .redspots-flags { break-inside: avoid; }
  a[href^="https://"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #444; }
  body { font-size: 11pt; }
}
"""


def _script_safe(text: str) -> str:
    """JavaScript that cannot close the <script> element it is inlined into."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


class _Offline(HTMLExporter):
    """What both offline exporters do: run the notebook with widget state stored, then inline what the
    page needs (the explorers' runtime, the widget renderer only for other widgets, MathJax only for
    math) in ``resources["redspots"]``, which their templates write into the page."""

    execute = Bool(True, help="Run the notebook (storing widget state) before exporting it.").tag(config=True)
    kernel_name = Unicode("", help="Kernel to run the notebook with (default: the notebook's).").tag(config=True)
    #: what a link to another notebook points at: ``NAME.ipynb`` -> ``NAME`` + this
    link_suffix = ".html"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(Path(str(resources.files("redspots") / "export_template")))]

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = self._init_resources(resources)
        if self.execute:
            path = resources.get("metadata", {}).get("path") or "."
            name = self.kernel_name or nb.metadata.get("kernelspec", {}).get("name") or "python3"
            runner = ExecutePreprocessor(timeout=300, store_widget_state=True, kernel_name=name)
            with local_kernel(name) as km:
                nb, resources = runner.preprocess(nb, {**resources, "metadata": {**resources.get("metadata", {}),
                                                                                    "path": path}}, km=km)
        outputs = [output.get("data", {}) for c in nb.cells if c.cell_type == "code" for output in c.get("outputs", [])]
        # the runtime for the explorers; the 3.8 MB renderer only for other widgets; the 2.3 MB MathJax
        # only where there is math
        views = [data[_WIDGET_VIEW].get("model_id") for data in outputs if _WIDGET_VIEW in data]
        models = nb.metadata.get("widgets", {}).get(_WIDGET_STATE, {}).get("state", {})
        explorers = [v for v in views if models.get(v, {}).get("model_module") == "anywidget"]
        others = len(views) > len(explorers)
        has_math = (any(c.cell_type == "markdown" and _MATH.search(c.source) for c in nb.cells)
                    or any("text/latex" in data for data in outputs))
        resources["redspots"] = {
            # RequireJS for the widget renderer, and for JavaScript outputs, which may call require()
            "requirejs": (_asset("require.js") if others
                          or any("application/javascript" in data for data in outputs) else ""),
            "widget_renderer": _widget_renderer() if others else "",
            "widget_runtime": _runtime() if explorers else "",
            "mathjax": _asset("mathjax-tex-svg-full.js") if has_math else "",
            "mathjax_config": _script_safe(json.dumps(MATHJAX_CONFIG)),
            "css": PAGE_CSS,
        }
        output, resources = super().from_notebook_node(nb, resources, **kw)
        return _link_html(output, self.link_suffix), resources


class RedspotsHTMLExporter(_Offline):
    """HTML export for redspots notebooks: executed, self-contained, offline."""

    export_from_notebook = "redspots (offline HTML)"

    @default("template_name")
    def _template_name_default(self):
        return "redspots"


class SpeakerNotesPreprocessor(Preprocessor):
    """A cell's ``redspots.notes`` metadata (Markdown) becomes reveal.js speaker notes on its slide.

    The notes go into a cell of nbconvert's ``notes`` slide type placed after the cell, which the reveal
    template writes as ``<aside class="notes">``: in JupyterLab they stay metadata, so learners never see
    a teacher's notes as cells. A notebook with no slide metadata at all is cut into a slide at each
    ``##`` heading, so that any lesson makes a deck that fits on screen.
    """

    def preprocess(self, nb, resources):
        cells = []
        cut = not any("slideshow" in cell.metadata for cell in nb.cells)
        for cell in nb.cells:
            if cut and cell.cell_type == "markdown" and cell.source.lstrip().startswith("## "):
                cell.metadata["slideshow"] = {"slide_type": "slide"}
            cells.append(cell)
            notes = cell.metadata.get("redspots", {}).get("notes")
            if notes and cell.metadata.get("slideshow", {}).get("slide_type") != "skip":
                cells.append(nbformat.v4.new_markdown_cell(
                    notes, metadata={"slideshow": {"slide_type": "notes"}}))
        nb.cells = cells
        return nb, resources


#: The deck's own looks: text a room can read, nothing off the slide, the safety banner legible.
SLIDES_CSS = """
.reveal .slides > section, .reveal .slides > section > section {
  height: 100%; overflow-y: auto; overflow-x: hidden; padding: 0 8px 24px; box-sizing: border-box; }
.reveal h1 { font-size: 1.9em; } .reveal h2 { font-size: 1.4em; } .reveal h3 { font-size: 1.15em; }
.reveal h1, .reveal h2, .reveal h3 { text-transform: none; margin-bottom: 0.4em; }
.reveal .jp-RenderedHTMLCommon, .reveal .jp-RenderedMarkdown { font-size: var(--jp-content-font-size1); }
.reveal .jp-RenderedHTMLCommon table { font-size: 17px; }
.reveal .jp-RenderedHTMLCommon :is(td, th) { text-align: left; vertical-align: top; }
.reveal .jp-Cell { padding: 2px 0; }
.reveal .jp-OutputArea-output { overflow-x: auto; }
.reveal .redspots-explorer { font-size: 18px; }
/* the theme's lists are inline blocks and its <small> is 0.6em: give the explorers their own layout back */
.reveal .redspots-explorer :is(ul, ol, dl) { display: block; }
.reveal .redspots-explorer :is(dt, dd) { float: none; }
.reveal .redspots-explorer small { font-size: 0.8em; line-height: 1.3; vertical-align: baseline; }
.reveal .redspots-note { font-size: 20px; line-height: 1.35; }
/* a slide taller than the screen scrolls (mouse wheel, touchpad); this says so until its end is shown */
.reveal.redspots-more-below::after { content: "\\2193  more below: scroll"; position: absolute; bottom: 10px; left: 50%;
  transform: translateX(-50%); background: #1b1b1b; color: #fff; padding: 4px 14px; border-radius: 4px;
  font: 16px/1.4 sans-serif; opacity: 0.85; pointer-events: none; z-index: 40; }
"""


class RedspotsSlidesExporter(_Offline, SlidesExporter):
    """A reveal.js deck of a redspots lesson: executed, self-contained, offline, with speaker notes.

    reveal.js 6 (its script, stylesheet, white theme and notes plugin) is inlined, as the explorers'
    runtime is, so one file works from ``file://`` with every request blocked.
    """

    export_from_notebook = "redspots (offline slides)"
    link_suffix = ".slides.html"

    @default("template_name")
    def _template_name_default(self):
        return "redspots_slides"

    @default("reveal_transition")
    def _reveal_transition_default(self):
        return "none"         # a projected slide changes at once: nothing to wait for, nothing to watch

    @default("reveal_number")
    def _reveal_number_default(self):
        return "c/t"          # "4/9": where the class is, and how much is left

    # handout/projector style: the outputs and the prose, no code, no prompts
    @default("exclude_input")
    def _exclude_input_default(self):
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True

    def _init_resources(self, resources):
        resources = super()._init_resources(resources)
        resources["reveal_assets"] = {
            "js": _asset("reveal/reveal.js"),
            "notes": _asset("reveal/notes.js"),
            "css": _style("reveal/reveal.css"),
            "theme": _style("reveal/theme-white.css"),
            "slides_css": SLIDES_CSS,
        }
        return resources


@contextmanager
def local_kernel(name: str):
    """A kernel manager that talks to its kernel over local sockets (IPC) in a private folder, not
    over TCP: nothing listens on the network, and the kernel does not warn about unencrypted TCP."""
    from jupyter_client.manager import KernelManager
    with tempfile.TemporaryDirectory(prefix="redspots-kernel-") as folder:
        km = KernelManager(kernel_name=name, transport="ipc", ip=str(Path(folder) / "kernel"))
        try:
            yield km
        finally:
            if km.has_kernel:                    # a kernel manager passed in is left running by nbclient
                km.shutdown_kernel(now=True)


@functools.cache
def _asset(name: str) -> str:
    return _script_safe((_ASSETS / name).read_text(encoding="utf-8"))


@functools.cache
def _style(name: str) -> str:
    """A stylesheet that cannot close the <style> element it is inlined into."""
    return re.sub(r"</(style)", r"<\\/\1", (_ASSETS / name).read_text(encoding="utf-8"), flags=re.IGNORECASE)


@functools.cache
def _runtime() -> str:
    return _script_safe((resources.files("redspots") / "static" / "page-runtime.js").read_text(encoding="utf-8"))


@functools.cache
def _widget_renderer() -> str:
    """The widget renderer with its Font Awesome fonts inlined as data: URLs.

    The bundle asks for them beside the page (``<public path> + "<hash>.woff2"``), where an
    exported file has nothing, so icons (the tick on a chosen condition, for one) would be lost.
    Each font is written once, in a table the bundle's two copies of the stylesheet both read.
    Browsers take the first format they support, WOFF2, so the other formats are never fetched.
    """
    js = (_ASSETS / "html-manager-embed-amd.js").read_text(encoding="utf-8")
    fonts = {}
    for font in sorted((_ASSETS / "fonts").iterdir(), key=lambda f: f.name):
        if not font.name.endswith(".woff2"):
            continue
        fonts[font.name] = "data:font/woff2;base64," + base64.b64encode(font.read_bytes()).decode("ascii")
        js, found = re.subn(r'\b[\w$]+\.p\+"' + re.escape(font.name) + '"',
                            f"window.__redspotsFonts[{json.dumps(font.name)}]", js)
        if not found:
            raise RuntimeError(f"the widget renderer no longer uses {font.name}; run tools/refresh_export_assets.sh")
    return _script_safe(f"window.__redspotsFonts = {json.dumps(fonts)};\n{js}")


def _link_html(page: str, suffix: str = ".html") -> str:
    """Links between notebooks point at the exported pages: ``02_x.ipynb`` -> ``02_x.html`` (or, from a
    deck, ``02_x.slides.html`` for a lesson, which has a deck, and the page ``../html/00_x.html`` for any
    other notebook)."""
    def target(match):
        name, anchor = match.group(1), match.group(2) or ""
        if suffix != ".html" and not is_lesson(Path(name)):
            return f'href="../html/{name}.html{anchor}"'
        return f'href="{name}{suffix}{anchor}"'
    return re.sub(r'href="(?![a-z]+:)([^"#?]+)\.ipynb(#[^"]*)?"', target, page)


_LESSON = re.compile(r"(?!00_)\d\d_")


def is_lesson(notebook: Path) -> bool:
    """A lesson is a numbered notebook, ``NN_name``, but ``00_start_here``: that one is the orientation
    (the glass test, then how to run notebooks), read in JupyterLab; every deck's title slide carries
    the same safety advice.

    >>> [n for n in ("00_start_here", "01_what_are_tiny_red_dots", "06_quiz", "index", "teacher_guide")
    ...  if is_lesson(Path(n + ".ipynb"))]
    ['01_what_are_tiny_red_dots', '06_quiz']
    """
    return bool(_LESSON.match(notebook.name))


def export(notebook: Path, output_dir: Path, *, slides: bool = False) -> Path:
    """Export one notebook into ``output_dir`` (as a deck, ``NAME.slides.html``, with ``slides``); returns
    the HTML file written."""
    exporter = RedspotsSlidesExporter() if slides else RedspotsHTMLExporter()
    node = nbformat.read(notebook, as_version=4)
    page, _ = exporter.from_notebook_node(node, resources={"metadata": {"path": str(notebook.parent),
                                                                         "name": notebook.stem}})
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"{notebook.stem}{exporter.file_extension}"
    target.write_text(page, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m redspots.export",
        description="Export notebooks to self-contained HTML pages that work offline, with an index.html.")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to export (default: every notebook in notebooks/; with --slides, "
                             "every lesson: NN_*.ipynb but 00_*)")
    parser.add_argument("--output-dir", "-o", type=Path, default=None,
                        help="folder to write the pages to (default: build/html, or build/slides with --slides)")
    parser.add_argument("--slides", action="store_true",
                        help="write a reveal.js deck per notebook, NAME.slides.html, instead of a page")
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
        target = export(notebook, args.output_dir, slides=args.slides)
        print(f"{notebook} -> {target} ({target.stat().st_size / 1e6:.1f} MB)")
    if not args.slides:
        from .cards import write_cards          # the printable scenario cards, one per quiz case
        print(f"scenario cards -> {write_cards(args.output_dir)}")
    if not args.slides and not (args.output_dir / "index.html").exists():
        _write_index(args.output_dir, [n.stem for n in notebooks])
    return 0


def _write_index(folder: Path, names: list[str]) -> None:
    """A plain index when no index notebook was exported."""
    from html import escape
    items = "".join(f'<li><a href="{escape(n)}.html">{escape(n.replace("_", " "))}</a></li>' for n in names)
    (folder / "index.html").write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>redspots</title></head>'
        f"<body><h1>Tiny red dots on the skin</h1><ul>{items}</ul></body></html>", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
