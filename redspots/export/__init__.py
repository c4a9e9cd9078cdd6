"""Export notebooks to self-contained HTML that works offline, widgets included.

``jupyter nbconvert --to redspots NOTEBOOK`` (registered as an nbconvert exporter) executes the
notebook with widget state stored and writes one HTML file that needs nothing else: the explorers
(anywidget views, which compute in the browser) are drawn by a small runtime (``static/page-runtime.js``)
from the module in their saved state, so they respond as in JupyterLab with no kernel; any other widget
gets the full widget renderer (@jupyter-widgets/html-manager, its icon fonts and RequireJS inlined from
``export_assets/``). MathJax is inlined where the notebook has math. Nothing is fetched when the page
is viewed.

Which cells a page keeps is decided by each cell's purpose tag, never by its words (see
:mod:`redspots.export.purposes` and the README's developer notes): a page with code leaves out the cells
tagged ``kernel-only``; with ``--no-input`` (``jupyter nbconvert --to redspots --no-input``) the page is a
handout or a page to project, with no code and no prompts, and it also leaves out ``code-explanation`` and
``data-table`` cells (a deck keeps ``data-table``). ``safety`` cells are kept everywhere, word for word.

``python -m redspots.export`` runs every notebook once and writes it twice into one folder, ``NAME.html`` and
the no-code ``handout/NAME.html``, plus ``index.html`` (linking both) and the one-page ``emergency-card.html``.

``jupyter nbconvert --to redspots_slides NOTEBOOK`` writes a reveal.js deck the same way (same execution,
same inlined runtime and assets, plus reveal.js itself): slides cut by nbconvert's standard
``slideshow.slide_type`` cell metadata, no code shown, and speaker notes (reveal's ``S`` key) from a cell's
``redspots.notes`` metadata, which JupyterLab does not show as a cell.

``python -m redspots.export --slides`` builds a deck for every lesson (``NN_*.ipynb`` but ``00_*``).

The modules, one job each: ``exporters`` (the nbconvert exporters), ``purposes`` (what a page keeps),
``tables`` (a pandas table in words), ``assets`` and ``styles`` (what is inlined), ``running`` (running a
notebook), ``notebooks`` (titles, lessons, links), ``index`` (the exported index) and ``cli`` (the command).
"""
from __future__ import annotations

from .cli import export, file_size, main
from .exporters import RedspotsHTMLExporter, RedspotsSlidesExporter, SpeakerNotesPreprocessor
from .index import CARDS, EMERGENCY_CARD, HANDOUT_FOLDER, SLIDES_FOLDER, emergency_advice, index_page, materials
from .notebooks import is_lesson, notebook_title
from .purposes import CODE_EXPLANATION_TAG, EMERGENCY_TAG, KERNEL_ONLY_TAG, PURPOSES, purpose
from .running import local_kernel, run
from .styles import ACCESSIBLE_CSS, MATHJAX_CONFIG, PAGE_CSS, SCROLLERS_JS, SLIDES_CSS

__all__ = ["ACCESSIBLE_CSS", "CARDS", "CODE_EXPLANATION_TAG", "EMERGENCY_CARD", "EMERGENCY_TAG", "HANDOUT_FOLDER",
           "KERNEL_ONLY_TAG", "MATHJAX_CONFIG", "PAGE_CSS", "PURPOSES", "RedspotsHTMLExporter",
           "RedspotsSlidesExporter", "SCROLLERS_JS", "SLIDES_CSS", "SLIDES_FOLDER", "SpeakerNotesPreprocessor",
           "emergency_advice", "export", "file_size", "index_page", "is_lesson", "local_kernel", "main",
           "materials", "notebook_title", "purpose", "run"]
