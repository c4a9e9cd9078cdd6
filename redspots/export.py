"""Export notebooks to self-contained HTML that works offline, widgets included.

``jupyter nbconvert --to redspots NOTEBOOK`` (registered as an nbconvert exporter) executes the
notebook with widget state stored and writes one HTML file that needs nothing else: the explorers
(anywidget views, which compute in the browser) are drawn by a small runtime (``static/page-runtime.js``)
from the module in their saved state, so they respond as in JupyterLab with no kernel; any other widget
gets the full widget renderer (@jupyter-widgets/html-manager, its icon fonts and RequireJS inlined from
``export_assets/``). MathJax is inlined where the notebook has math. Nothing is fetched when the page
is viewed.

``python -m redspots.export`` builds every notebook plus an ``index.html`` into one folder.
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
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import ExecutePreprocessor
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


class RedspotsHTMLExporter(HTMLExporter):
    """HTML export for redspots notebooks: executed, self-contained, offline."""

    export_from_notebook = "redspots (offline HTML)"

    execute = Bool(True, help="Run the notebook (storing widget state) before exporting it.").tag(config=True)
    kernel_name = Unicode("", help="Kernel to run the notebook with (default: the notebook's).").tag(config=True)

    @default("template_name")
    def _template_name_default(self):
        return "redspots"

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
        return _link_html(output), resources


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


def _link_html(page: str) -> str:
    """Links between notebooks point at the exported pages: ``02_x.ipynb`` -> ``02_x.html``."""
    return re.sub(r'href="(?![a-z]+:)([^"#?]+)\.ipynb(#[^"]*)?"', r'href="\1.html\2"', page)


def export(notebook: Path, output_dir: Path) -> Path:
    """Export one notebook into ``output_dir``; returns the HTML file written."""
    exporter = RedspotsHTMLExporter()
    node = nbformat.read(notebook, as_version=4)
    page, _ = exporter.from_notebook_node(node, resources={"metadata": {"path": str(notebook.parent),
                                                                         "name": notebook.stem}})
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"{notebook.stem}.html"
    target.write_text(page, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m redspots.export",
        description="Export notebooks to self-contained HTML pages that work offline, with an index.html.")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to export (default: every notebook in notebooks/)")
    parser.add_argument("--output-dir", "-o", type=Path, default=Path("build/html"),
                        help="folder to write the pages to (default: build/html)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(Path("notebooks").glob("*.ipynb"))
    if not notebooks:
        parser.error("no notebooks given and none found in notebooks/")
    missing = [str(n) for n in notebooks if not n.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    for notebook in notebooks:
        target = export(notebook, args.output_dir)
        print(f"{notebook} -> {target} ({target.stat().st_size / 1e6:.1f} MB)")
    from .cards import write_cards          # the printable scenario cards, one per quiz case
    print(f"scenario cards -> {write_cards(args.output_dir)}")
    if not (args.output_dir / "index.html").exists():
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
