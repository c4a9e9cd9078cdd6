"""Export notebooks to self-contained HTML that works offline, widgets included.

``jupyter nbconvert --to redspots NOTEBOOK`` (registered as an nbconvert exporter) executes the
notebook with widget state stored and writes one HTML file that needs nothing else: the explorers
(anywidget views, which compute in the browser) are drawn by a small runtime (``static/page-runtime.js``)
from the module in their saved state, so they respond as in JupyterLab with no kernel; any other widget
gets the full widget renderer (@jupyter-widgets/html-manager, its icon fonts and RequireJS inlined from
``export_assets/``). MathJax is inlined where the notebook has math. Nothing is fetched when the page
is viewed.

With ``--no-input`` (``jupyter nbconvert --to redspots --no-input``) the page is a handout or a page to
project: no code and no prompts, and none of the outputs that only a programmer reads (tables of ids, plain
reprs with their dtype lines), nor the prose that tells how to call the code. In every page, instructions
that only make sense with a kernel ("press Shift + Enter") are left out: cells tagged ``kernel-only`` and
the "Kernel:" line of a lesson's prerequisites.

``python -m redspots.export`` runs every notebook once and writes it twice into one folder, ``NAME.html`` and
the no-code ``handout/NAME.html``, plus ``index.html`` (linking both) and the one-page ``emergency-card.html``.

``jupyter nbconvert --to redspots_slides NOTEBOOK`` writes a reveal.js deck the same way (same execution,
same inlined runtime and assets, plus reveal.js itself): slides cut by nbconvert's standard
``slideshow.slide_type`` cell metadata, no code shown, and speaker notes (reveal's ``S`` key) from a cell's
``redspots.notes`` metadata, which JupyterLab does not show as a cell.

``python -m redspots.export --slides`` builds a deck for every lesson (``NN_*.ipynb`` but ``00_*``).
"""
from __future__ import annotations

import argparse
import base64
import copy
import functools
import json
import re
import sys
import tempfile
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import nbformat
from html import escape

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

#: Cells with this tag are left out of exported pages: they only make sense with a kernel running.
KERNEL_ONLY_TAG = "kernel-only"
#: Cells with this tag speak to a code reader (how to call the package, what a trait holds, a demonstration
#: set from code): kept in the pages with code, left out of handouts, decks and the app, which have no code.
CODE_EXPLANATION_TAG = "code-explanation"
#: A markdown cell with this tag holds the emergency advice; the exported index adds the card link to it.
EMERGENCY_TAG = "emergency"
#: Markdown lines left out of every exported page: a list item that tells how to run cells.
KERNEL_ONLY_LINE = re.compile(r"^\s*[-*] .*(Shift \+ Enter|Run All Cells|run (this|the) cells?\b).*$\n?",
                              re.IGNORECASE | re.MULTILINE)
#: A pandas table (its HTML repr), which shows column names and index values as ids.
_DATAFRAME = re.compile(r'<table[^>]*class="dataframe"')
#: In a handout, a paragraph (or list item) with an inline code span that is a call or a quoted value
#: tells how to call the code (`list(tables.conditions.index)`, `"iga_vasculitis"`): it is left out with
#: the code. Each span is judged on its own, and prose about safety is never left out.
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_HOWTO_SPAN = re.compile(r"[(\"']")
_SAFETY_PROSE = re.compile(r"999|112|911|emergenc|urgent|warning|fade", re.IGNORECASE)
_LIST_ITEM = re.compile(r"\s*([-*]|\d+\.) ")
_BLOCKS = re.compile(r"\n\s*\n")

#: Shown only in exported pages (the same elements stay hidden in JupyterLab), plus print styles.
PAGE_CSS = """
.jupyter-widgets, .widget-label, .widget-label-basic { font-family: var(--jp-ui-font-family, sans-serif); }
.redspots-runtime-problem { border-left: 5px solid #8a5300; background: #fff1d6; color: #1b1b1b; padding: 6px 10px; }
.jp-RenderedMarkdown.celltag_emergency { background: #fde2e1; color: #1b1b1b; border: 3px solid #b3261e; border-radius: 6px;
  padding: 4px 14px; font-size: 1.1em; }
.jp-RenderedHTMLCommon .redspots-table th, .jp-RenderedHTMLCommon .redspots-table td { text-align: left; vertical-align: top; }
.jp-RenderedMarkdown.celltag_emergency a { color: #0b4a8a; font-weight: bold; }
/* Nothing spills sideways on a projector (1024 px) or a phone: wide tables scroll inside their cell. */
.jp-OutputArea-output, .jp-RenderedHTMLCommon { max-width: 100%; overflow-x: auto; }
.jp-RenderedHTMLCommon pre, .jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.jp-RenderedHTMLCommon img, .jp-RenderedHTMLCommon svg { max-width: 100%; height: auto; }
@media (max-width: 600px) {
  body.jp-Notebook { padding: 8px; }
  .jp-InputPrompt, .jp-OutputPrompt { display: none; }
  .jp-RenderedHTMLCommon { padding-right: 0; }
}
@media print {
  .jp-InputPrompt, .jp-OutputPrompt, .jp-CodeCell .jp-Cell-inputWrapper, .widget-button,
  .widget-slider, .widget-dropdown { display: none !important; }
  .jp-Cell, figure, table, .redspots-step, .redspots-flags { break-inside: avoid; }
  a[href^="https://"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #444; }
  body { font-size: 11pt; }
}
"""

#: What every exported page and deck needs to meet WCAG 2.1 AA, whatever nbconvert's theme gives it.
ACCESSIBLE_CSS = """
/* links are told from the text around them by more than colour (1.4.1): underlined, in every theme */
body .jp-RenderedHTMLCommon a:is(:link, :visited) { text-decoration: underline; text-underline-offset: 2px; }
body .jp-RenderedMarkdown.celltag_emergency a:is(:link, :visited) { color: #0b4a8a; }
/* nbconvert fades the prompts of cells that are not active (a page has none) to 2.16:1: the theme's text instead */
body .jp-Notebook .jp-Cell:not(.jp-mod-active) :is(.jp-InputPrompt, .jp-OutputPrompt), body .jp-Cell :is(.jp-InputPrompt, .jp-OutputPrompt),
body.jp-Notebook .jp-Cell:not(.jp-mod-active) :is(.jp-InputPrompt, .jp-OutputPrompt) {
  opacity: 1; color: var(--jp-content-font-color2, #474747); }
/* Pygments' comment teal is 4.17:1 on light code and 3.54:1 on dark, the numbers' green 4.25:1 on light:
   darker on light, lighter on dark */
body[data-jp-theme-light="true"] .highlight :is(.c, .c1, .ch, .cm, .cp, .cpf, .cs) { color: #2f5f5f; }
body[data-jp-theme-light="true"] .highlight :is(.m, .mb, .mf, .mh, .mi, .mo, .il) { color: #006400; }
body[data-jp-theme-light="false"] .highlight :is(.c, .c1, .ch, .cm, .cp, .cpf, .cs) { color: #86c5c5; }
/* code wraps on a phone instead of running out of its cell */
.jp-InputArea-editor .highlight pre { white-space: pre-wrap; overflow-wrap: anywhere; }
"""
#: A box that scrolls (a wide table on a phone, a long slide) and holds nothing focusable becomes a named Tab
#: stop, so a keyboard can scroll it (WCAG 2.1.1); it stops being one when it no longer scrolls.
SCROLLERS_JS = """(function () {
  "use strict";
  var BOXES = ".jp-OutputArea-output, .jp-RenderedHTMLCommon, .reveal .slides section";
  var INSIDE = "a[href], button, input, select, textarea, [tabindex]:not([data-redspots-scroller])";
  function scrolls(e) {
    var s = getComputedStyle(e);
    return (e.scrollWidth > e.clientWidth + 1 && /(auto|scroll)/.test(s.overflowX))
      || (e.scrollHeight > e.clientHeight + 1 && /(auto|scroll)/.test(s.overflowY));
  }
  function mark() {
    document.querySelectorAll(BOXES).forEach(function (e) {
      var stop = scrolls(e) && ![].some.call(e.querySelectorAll(INSIDE), function (x) {
        return x.getClientRects().length > 0 && getComputedStyle(x).visibility === "visible";   // a hidden link is no stop
      });
      if (stop && !e.hasAttribute("data-redspots-scroller")) {
        e.setAttribute("data-redspots-scroller", "");
        e.setAttribute("tabindex", "0");
        if (!e.hasAttribute("role")) { e.setAttribute("role", "region"); e.setAttribute("data-redspots-role", ""); }
        e.setAttribute("aria-label", e.matches("section") ? "Slide: scroll with the arrow keys"
                                                           : "Wide output: scroll sideways with the arrow keys");
      } else if (!stop && e.hasAttribute("data-redspots-scroller")) {
        ["data-redspots-scroller", "tabindex", "aria-label"].forEach(function (a) { e.removeAttribute(a); });
        if (e.hasAttribute("data-redspots-role")) { e.removeAttribute("role"); e.removeAttribute("data-redspots-role"); }
      }
    });
  }
  mark();
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
  // the explorers are drawn after the page, and a deck lays its slides out again then
  new MutationObserver(mark).observe(document.documentElement, { attributes: true, attributeFilter: ["data-redspots-ready"] });
  if (window.Reveal && Reveal.on) { Reveal.on("ready", mark); Reveal.on("resize", mark); Reveal.on("slidechanged", mark); }
})();
"""
#: nbconvert makes every cell's input and output a Tab stop (tabindex="0") with no name: a keyboard user
#: walks through blank stops before the first control. They are taken out; the controls stay the stops.
_EMPTY_TAB_STOP = re.compile(r'(<div class="(?:jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"[^>]*?) tabindex="0"')


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
    emergency_card = Unicode("", help="Address of the emergency card, linked from the cell tagged "
                                      "'emergency' (empty: no link).").tag(config=True)
    keep_tables = Bool(False, help="With exclude_input, keep a pandas table that cannot be put in words "
                                   "(a deck, whose speaker notes point at it) instead of leaving it out.").tag(config=True)
    handout_folder = Unicode("", help="Folder of the no-code pages: every link to a notebook gets a second "
                                      "link, to its handout there (empty: none).").tag(config=True)
    appendix = Unicode("", help="Markdown added as a last cell (the index's list of what to print and "
                                "project).").tag(config=True)

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(Path(str(resources.files("redspots") / "export_template")))]

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = self._init_resources(resources)
        if self.execute:
            nb, resources = run(nb, resources, self.kernel_name)
        nb = copy.deepcopy(nb)
        _leave_out_kernel_only(nb)
        if title := notebook_title(nb):
            nb.metadata["title"] = title               # the tab and a printout's header, not the file's id
        if self.exclude_input:
            _handout(nb, keep_tables=self.keep_tables)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            if self.emergency_card and EMERGENCY_TAG in cell.metadata.get("tags", []):
                cell.source += f"\n\n[Print the one-page emergency card]({self.emergency_card})"
            if self.handout_folder:
                cell.source = re.sub(r"(\[[^\]\n]+\]\((?![a-z]+:)([^)\s#?]+)\.ipynb\))",
                                     rf"\1 · [handout, no code]({self.handout_folder}/\2.ipynb)", cell.source)
        if self.appendix:
            nb.cells.append(nbformat.v4.new_markdown_cell(self.appendix))
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
            "css": PAGE_CSS + ACCESSIBLE_CSS,
            "scrollers_js": _script_safe(SCROLLERS_JS),
        }
        output, resources = super().from_notebook_node(nb, resources, **kw)
        return _link_html(_EMPTY_TAB_STOP.sub(r"\1", output), self.link_suffix), resources


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
/* a tall explorer scrolls inside its slide, its controls in view: the slide is not thousands of pixels long */
.reveal .redspots-explorer { max-height: 600px; overflow-y: auto; overscroll-behavior: contain; }
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

    @default("keep_tables")
    def _keep_tables_default(self):
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


def run(nb, resources: dict | None = None, kernel_name: str = ""):
    """Execute a notebook with its widget state stored; returns (notebook, resources)."""
    resources = resources or {}
    path = resources.get("metadata", {}).get("path") or "."
    name = kernel_name or nb.metadata.get("kernelspec", {}).get("name") or "python3"
    runner = ExecutePreprocessor(timeout=300, store_widget_state=True, kernel_name=name)
    with local_kernel(name) as km:
        try:
            return runner.preprocess(nb, {**resources, "metadata": {**resources.get("metadata", {}), "path": path}},
                                     km=km)
        finally:
            # given a kernel manager, nbclient leaves its kernel client connected (it stops the client only
            # for a manager it made itself): garbage-collected with its channels open, the client could not
            # close its zmq context and said "Could not destroy zmq context". Stop the channels here, before
            # the kernel is shut down.
            if runner.kc is not None:
                runner.kc.stop_channels()
                runner.kc = None


_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def notebook_title(nb) -> str:
    """The notebook's title: the text of its first level-1 heading, without Markdown marks ("" if none).

    >>> notebook_title(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Hi\\n\\n# *Read* a `page` #")]))
    'Read a page'
    """
    for cell in nb.cells:
        if cell.cell_type == "markdown" and (heading := _H1.search(cell.source)):
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(1))      # a link: its words
            return re.sub(r"[*_`]", "", text).strip()
    return ""


def _leave_out_kernel_only(nb) -> None:
    """Drop the cells tagged kernel-only and the markdown lines that tell how to run cells."""
    nb.cells = [c for c in nb.cells if KERNEL_ONLY_TAG not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = KERNEL_ONLY_LINE.sub("", cell.source)


def _handout(nb, *, keep_tables: bool = False) -> None:
    """What a handout leaves out besides the code: outputs only a programmer reads (pandas tables of ids,
    plain reprs such as a Series with its dtype line, a tuple of ids), and prose that tells how to call
    the code. What the package draws for a learner stays: explorers, pictures, notes, warnings, styled tables.
    With ``keep_tables`` (a deck, whose speaker notes point at the tables) a table that cannot be put in
    words stays as it is. A code cell left with nothing to show goes, and so does a lead-in sentence ending
    in ":" just before it, so no slide is blank and no sentence points at nothing."""
    kept_cells, cut = [], {}        # cut: the slide start (and notes) of a dropped cell, for the next kept one
    for cell in nb.cells:
        if CODE_EXPLANATION_TAG in cell.metadata.get("tags", []):
            cut = _slide_start(cell) or cut
            continue
        if cell.cell_type == "code":
            had = bool(cell.get("outputs"))
            cell.outputs = [kept for o in cell.get("outputs", [])
                            if (kept := _for_learners(o, keep_tables)) is not None]
            if had and not cell.outputs:
                if kept_cells and kept_cells[-1].cell_type == "markdown":
                    kept_cells[-1].source = _without_lead_in(kept_cells[-1].source)
                    if not kept_cells[-1].source:
                        cut = _slide_start(kept_cells.pop()) or cut
                cut = _slide_start(cell) or cut
                continue
        elif cell.cell_type == "markdown":
            cell.source = _without_code_howto(cell.source)
        if cut and not _slide_start(cell):
            cell.metadata.update(cut)
        cut = {}
        kept_cells.append(cell)
    nb.cells = kept_cells


def _without_lead_in(source: str) -> str:
    """Markdown without its last paragraph when that only leads in (ends in ":") to an output that is
    gone; a heading stays, and a paragraph about safety stays whatever it ends with.

    >>> _without_lead_in("## Scores\\n\\nThe ranking:\\n")
    '## Scores'
    >>> _without_lead_in("First.\\n## Sources\\nHere they are from its table\\n(links above):")
    'First.\\n## Sources'
    """
    lines = source.rstrip().splitlines()
    start = len(lines)
    while start and lines[start - 1].strip() and not lines[start - 1].lstrip().startswith("#"):
        start -= 1
    paragraph = "\n".join(lines[start:])
    if not paragraph.endswith(":") or _SAFETY_PROSE.search(paragraph):
        return source
    return "\n".join(lines[:start]).rstrip()


def _slide_start(cell) -> dict:
    """The metadata that makes ``cell`` start a slide (its cut and its speaker notes), or {}."""
    if cell.metadata.get("slideshow", {}).get("slide_type") not in ("slide", "subslide"):
        return {}
    return {key: cell.metadata[key] for key in ("slideshow", "redspots") if key in cell.metadata}


def _without_code_howto(source: str) -> str:
    """Markdown without the paragraphs and list items that show how to call the code (a call or a quoted
    value in inline code); headings stay, the other items of a list stay whole, and so does any text
    about safety (999, emergency, urgent, a warning, fading), code or not.

    >>> _without_code_howto("## Ask\\n\\nCall `rs.match(['fever'])` to rank.\\n\\n- one `(a)` item\\n  wrapped\\n- kept")
    '## Ask\\n\\n\\n\\n- kept'
    >>> _without_code_howto("How soon to act (`within`) and what causes it (`explains`).")
    'How soon to act (`within`) and what causes it (`explains`).'
    """
    kept = []
    for block in _BLOCKS.split(source):
        lines = block.splitlines()
        if any(_LIST_ITEM.match(line) for line in lines):
            items: list[list[str]] = []
            for line in lines:                        # an item is its line and the lines wrapped under it
                if _LIST_ITEM.match(line) or not items:
                    items.append([line])
                else:
                    items[-1].append(line)
            lines = [line for item in items if not _shows_a_call("\n".join(item)) for line in item]
        elif _shows_a_call(block):
            lines = [line for line in lines if line.lstrip().startswith("#")]
        kept.append("\n".join(lines))
    return "\n\n".join(kept)


def _shows_a_call(text: str) -> bool:
    return (any(_HOWTO_SPAN.search(span) for span in _CODE_SPAN.findall(text))
            and not _SAFETY_PROSE.search(text))


def _for_learners(output, keep_tables: bool = False):
    """The output as a learner reads it, or None when only a programmer would."""
    if output.get("output_type") == "stream":
        return output if output.get("name") != "stderr" else None
    if output.get("output_type") == "error":
        return output                                # never hide that a cell failed
    data = output.get("data", {})
    if _WIDGET_VIEW in data or any(k.startswith("image/") for k in data):
        return output
    html = data.get("text/html")
    if html is None:
        return None                                  # a plain repr: ids, tuples, dtype lines
    html = "".join(html) if isinstance(html, list) else html
    if not _DATAFRAME.search(html):
        return output
    table = _table_for_learners(html)
    if table is None:
        return output if keep_tables else None
    return nbformat.from_dict({**output, "data": {"text/html": table}})


_ID = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")          # an id (or a row number) as pandas shows it
_ID_IN_TEXT = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
_CELL = re.compile(r"<(th|td)\b[^>]*>(.*?)</\1>", re.S)


def _table_for_learners(html: str) -> str | None:
    """A pandas table with words for a learner: no row numbers, no index of ids where the first column
    already names each row, column names as words ("why_it_matters" -> "Why it matters"), a vocabulary's
    ids in its column as their words (redspots.words: "who" "self_care" -> "you (self-care)"). None when ids
    would still show (an index of ids, a cell such as "self_care" or "(non_blanching, fever)", ids as
    column heads) or when it has more than one level of headers."""
    from html import unescape
    if "rowspan" in html or "colspan" in html:
        return None
    head = re.search(r"<thead>(.*?)</thead>", html, re.S)
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    if not head or not body:
        return None
    head_rows = [_CELL.findall(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", head.group(1), re.S)]
    rows = [_CELL.findall(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)]
    if not head_rows or len(head_rows) > 2 or not rows:
        return None
    if head_rows[0][0][1].strip():
        return None                        # named columns (a pivot, a comparison): the column heads are ids
    columns = [text for _, text in head_rows[0][1:]]
    index_name = head_rows[1][0][1] if len(head_rows) == 2 else ""
    if not columns or any(len(r) != len(columns) + 1 or r[0][0] != "th" for r in rows):
        return None
    index = [unescape(r[0][1]).strip() for r in rows]
    first = [unescape(re.sub(r"<[^>]+>", " ", r[1][1])).strip() for r in rows]
    # row numbers go; ids go when the first column names each row in words (a name, a title, a quote)
    names_rows = len(set(first)) == len(first) and all(re.search(r"[A-Z ]", f) for f in first)
    keep_index = not (all(i.isdigit() for i in index) or (all(_ID.match(i) for i in index) and names_rows))

    def words(name: str) -> str:
        text = unescape(name).strip()
        return escape(text.replace("_", " ").capitalize()) if _ID.match(text) else name

    from .words import VOCABULARIES

    def value(column: str, cell: str) -> str:
        """A vocabulary id in its column ("who": "self_care") as its words ("you (self-care)")."""
        vocabulary = VOCABULARIES.get(unescape(column).strip(), {})
        return escape(vocabulary[unescape(cell).strip()]) if unescape(cell).strip() in vocabulary else cell

    heads = ([words(index_name)] if keep_index else []) + [words(c) for c in columns]
    lines = [[*([r[0][1]] if keep_index else []), *(value(c, text) for c, (_, text) in zip(columns, r[1:]))]
             for r in rows]
    shown = " ".join(unescape(re.sub(r"<[^>]+>", " ", cell)) for line in lines for cell in line)
    if _ID_IN_TEXT.search(shown):
        return None
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in line) + "</tr>" for line in lines)
    return (f'<table class="redspots-table"><thead><tr>{"".join(f"<th>{h}</th>" for h in heads)}</tr></thead>'
            f"<tbody>{cells}</tbody></table>")


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


HANDOUT_FOLDER = "handout"
EMERGENCY_CARD = "emergency-card.html"


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


SLIDES_FOLDER = "slides"          # make slides writes build/slides beside make html's build/html
CARDS = "cards.html"


def materials(lessons: list[Path], output_dir: Path, up: str = "") -> str:
    """The index's last part, in Markdown: links to the scenario cards, the emergency card and each lesson's
    deck, relative to a page in ``output_dir`` (``up`` = "../" from the handout folder). Decks are linked
    where ``make slides`` puts them (``../slides`` beside the pages' folder) when they are there; otherwise
    the index says how to make them, and links nothing that is missing."""
    decks = output_dir.parent / SLIDES_FOLDER
    lines = ["## To print and to project",
             f"- [The scenario cards]({up}{CARDS}): one per quiz case, with the answer key for the teacher "
             "on the last pages.",
             f"- [The one-page emergency card]({up}{EMERGENCY_CARD}): when to call 999, 112 or 911, "
             "and the glass test; one per student."]
    built = [n for n in lessons if (decks / f"{n.stem}.slides.html").is_file()]
    if built:
        lines.append("- Slides to project, one deck per lesson (press **S** for the speaker notes): "
                     + " · ".join(f"[{notebook_title(nbformat.read(n, as_version=4)) or n.stem}]"
                                  f"({up}../{SLIDES_FOLDER}/{n.stem}.slides.html)" for n in built))
    if len(built) < len(lessons):
        lines.append(f"- {'More slides' if built else 'Slides to project'}: not made yet. In the project's "
                     f"folder, `make slides` makes one deck per lesson in `build/{SLIDES_FOLDER}/`; then "
                     "`make html` again links them here.")
    return "\n".join(lines)


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
        _write_index(args.output_dir, [n.stem for n in notebooks], EMERGENCY_CARD, handouts=HANDOUT_FOLDER)
    if not (args.output_dir / HANDOUT_FOLDER / "index.html").exists():
        _write_index(args.output_dir / HANDOUT_FOLDER, [n.stem for n in notebooks], f"../{EMERGENCY_CARD}")
    from .emergency_card import emergency_card
    target = args.output_dir / EMERGENCY_CARD
    target.write_text(emergency_card(), encoding="utf-8")
    print(f"emergency card -> {target} ({file_size(target.stat().st_size)})")
    from .cards import write_cards          # the printable scenario cards, one per quiz case
    print(f"scenario cards -> {write_cards(args.output_dir)}")
    return 0


def file_size(size: int) -> str:
    """A file's size as a person reads it: KB below a megabyte (a small page is never "0.0 MB").

    >>> file_size(18_400), file_size(950), file_size(3_812_000)
    ('18 KB', '1 KB', '3.8 MB')
    """
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"


def index_page(names: list[str], card: str, *, handouts: str = "", tables=None) -> str:
    """A plain index for when no index notebook was exported: the emergency advice (the safety
    statement ``get_help_now``) and the card first, then the pages.

    >>> page = index_page(["01_what_are_tiny_red_dots"], "emergency-card.html")
    >>> page.index("999") < page.index("emergency-card.html") < page.index("01_what_are_tiny_red_dots.html")
    True
    """
    from .statements import GET_HELP_NOW, safety_text
    first_words = safety_text(GET_HELP_NOW, tables=tables).text
    items = "".join(f'<li><a href="{escape(n)}.html">{escape(n.replace("_", " "))}</a>'
                    + (f' · <a href="{escape(handouts)}/{escape(n)}.html">handout, no code</a>' if handouts else "")
                    + "</li>" for n in names)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>redspots</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            f'<body><p class="emergency" role="alert"><strong>{escape(first_words)}</strong></p>'
            f'<p><strong><a href="{escape(card)}">When to call 999 / 112 / 911: the emergency card</a></strong></p>'
            f"<h1>Tiny red dots on the skin</h1><ul>{items}</ul></body></html>")


def _write_index(folder: Path, names: list[str], card: str, *, handouts: str = "") -> None:
    (folder / "index.html").write_text(index_page(names, card, handouts=handouts), encoding="utf-8")

if __name__ == "__main__":
    sys.exit(main())
