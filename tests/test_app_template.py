"""The app's page template, the filters and the kernel manager tools/voila/voila.py gives Voilà, without
starting Voilà (the browser tests in test_app.py open the pages): each filter the template uses is
registered, each registered name imports the package's own function, and a page that closes before its
connection opened leaves its kernel cullable."""
from __future__ import annotations

import re
import runpy

import nbformat
from traitlets.config import Config
from traitlets.utils.importstring import import_item

from conftest import ROOT
from redspots.export import purposes

TEMPLATE = ROOT / "tools" / "voila" / "templates" / "redspots" / "index.html.j2"
CONFIG = ROOT / "tools" / "voila" / "voila.py"


def _config() -> Config:
    config = Config()
    runpy.run_path(str(CONFIG), init_globals={"get_config": lambda: config})
    return config


def _filters() -> dict:
    return dict(_config().VoilaExporter.filters)


def test_the_template_uses_the_package_to_choose_cells_and_put_tables_in_words():
    filters = _filters()
    assert {name: import_item(path) for name, path in filters.items()} == {
        "shown_in_the_app": purposes.shown_in_the_app, "for_learners": purposes.for_learners}
    template = TEMPLATE.read_text(encoding="utf-8")
    assert re.search(r"\{%-? if cell \| shown_in_the_app -?%\}", template)
    assert re.search(r"\{\{ output \| for_learners \| trusted \| tojson \}\}", template)
    # no list of tags of its own: which cells show is purposes.py's business
    assert not any(tag in template for tag in ("'code-explanation'", "'kernel-only'", "'data-table'"))


def test_a_table_cell_reaches_the_app_in_words_and_a_data_table_does_not_show():
    html = ('<table class="dataframe"><thead><tr><th></th><th>name</th><th>size_min_mm</th></tr></thead>'
            '<tbody><tr><th>0</th><td>Petechiae</td><td>0.5</td></tr></tbody></table>')
    output = nbformat.v4.new_output("execute_result", {"text/html": html}, execution_count=1)
    cells = {tag: nbformat.v4.new_code_cell("t", metadata={"tags": [tag]}, outputs=[output])
             for tag in ("learner", "data-table")}
    shown = [tag for tag, cell in cells.items() if purposes.shown_in_the_app(cell)]
    assert shown == ["learner"]
    words = purposes.for_learners(cells["learner"].outputs[0])["data"]["text/html"]
    assert "<th>Smallest (mm)</th>" in words and "size_min_mm" not in words


def test_a_page_gone_before_its_connection_opened_leaves_its_kernel_cullable():
    """jupyter_server counts a page as gone when its socket closes, even one closed while opening (never
    counted as come): the count went to -1, which the culler reads as a page still connected."""
    manager_class = _config().VoilaConfiguration.multi_kernel_manager_class
    manager = manager_class()
    manager._kernel_connections["k"] = 0               # as jupyter_server sets it when the kernel starts
    manager.notify_disconnect("k")                     # the socket closed while it was being opened
    assert manager._kernel_connections["k"] == 0
    manager.notify_connect("k")
    manager.notify_connect("k")
    manager.notify_disconnect("k")
    assert manager._kernel_connections["k"] == 1       # one page still open: counted
