"""The nbconvert exporters: ``--to redspots`` (an offline page) and ``--to redspots_slides`` (an offline
reveal.js deck), and the preprocessor that turns a cell's ``redspots.notes`` into speaker notes."""
from __future__ import annotations

import copy
import json
import re
from importlib import resources
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Unicode, default

from . import purposes
from .assets import asset, runtime, script_safe, style, widget_renderer
from .index import emergency_advice
from .notebooks import link_html, notebook_title
from .running import run
from .styles import ACCESSIBLE_CSS, MATHJAX_CONFIG, PAGE_CSS, SCROLLERS_JS, SLIDES_CSS

_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_MATH = re.compile(r"(?<!\\)\$[^$\n]+\$|\\\(|\\\[|\\begin\{")
#: nbconvert makes every cell's input and output a Tab stop (tabindex="0") with no name: a keyboard user
#: walks through blank stops before the first control. They are taken out; the controls stay the stops.
_EMPTY_TAB_STOP = re.compile(r'(<div class="(?:jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"[^>]*?) tabindex="0"')


class _Offline(HTMLExporter):
    """What both offline exporters do: run the notebook with widget state stored, keep the cells whose
    purpose the page shows (:mod:`.purposes`), then inline what the page needs (the explorers' runtime,
    the widget renderer only for other widgets, MathJax only for math) in ``resources["redspots"]``,
    which their templates write into the page."""

    execute = Bool(True, help="Run the notebook (storing widget state) before exporting it.").tag(config=True)
    kernel_name = Unicode("", help="Kernel to run the notebook with (default: the notebook's).").tag(config=True)
    #: what a link to another notebook points at: ``NAME.ipynb`` -> ``NAME`` + this
    link_suffix = ".html"
    emergency_card = Unicode("", help="Address of the emergency card, linked from the cell tagged "
                                      "'emergency' (empty: no link).").tag(config=True)
    keep_tables = Bool(False, help="With exclude_input, keep the cells tagged 'data-table' (a deck, whose "
                                   "speaker notes point at them) instead of leaving them out.").tag(config=True)
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
        if title := notebook_title(nb):
            nb.metadata["title"] = title               # the tab and a printout's header, not the file's id
        if self.exclude_input:
            purposes.keep(nb, purposes.DECK if self.keep_tables else purposes.HANDOUT, no_code=True)
        else:
            purposes.keep(nb, purposes.PAGE_WITH_CODE)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            if purposes.EMERGENCY_TAG in cell.metadata.get("tags", []):
                cell.source = emergency_advice(cell.source)
                if self.emergency_card:
                    cell.source += f"\n\n[Print the one-page emergency card]({self.emergency_card})"
            if self.handout_folder:
                cell.source = re.sub(r"(\[[^\]\n]+\]\((?![a-z]+:)([^)\s#?]+)\.ipynb\))",
                                     rf"\1 · [handout, no code]({self.handout_folder}/\2.ipynb)", cell.source)
        if self.appendix:
            nb.cells.append(nbformat.v4.new_markdown_cell(self.appendix))
        resources["redspots"] = _inlined(nb)
        output, resources = super().from_notebook_node(nb, resources, **kw)
        return link_html(_EMPTY_TAB_STOP.sub(r"\1", output), self.link_suffix), resources


def _inlined(nb) -> dict:
    """What the page's template inlines: the runtime for the explorers; the 3.8 MB renderer only for
    other widgets; the 2.3 MB MathJax only where there is math."""
    outputs = [output.get("data", {}) for c in nb.cells if c.cell_type == "code" for output in c.get("outputs", [])]
    views = [data[_WIDGET_VIEW].get("model_id") for data in outputs if _WIDGET_VIEW in data]
    models = nb.metadata.get("widgets", {}).get(_WIDGET_STATE, {}).get("state", {})
    explorers = [v for v in views if models.get(v, {}).get("model_module") == "anywidget"]
    others = len(views) > len(explorers)
    has_math = (any(c.cell_type == "markdown" and _MATH.search(c.source) for c in nb.cells)
                or any("text/latex" in data for data in outputs))
    return {
        # RequireJS for the widget renderer, and for JavaScript outputs, which may call require()
        "requirejs": (asset("require.js") if others
                      or any("application/javascript" in data for data in outputs) else ""),
        "widget_renderer": widget_renderer() if others else "",
        "widget_runtime": runtime() if explorers else "",
        "mathjax": asset("mathjax-tex-svg-full.js") if has_math else "",
        "mathjax_config": script_safe(json.dumps(MATHJAX_CONFIG)),
        "css": PAGE_CSS + ACCESSIBLE_CSS,
        "scrollers_js": script_safe(SCROLLERS_JS),
    }


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
            "js": asset("reveal/reveal.js"),
            "notes": asset("reveal/notes.js"),
            "css": style("reveal/reveal.css"),
            "theme": style("reveal/theme-white.css"),
            "slides_css": SLIDES_CSS,
        }
        return resources
