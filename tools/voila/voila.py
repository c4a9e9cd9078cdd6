"""Voilà's configuration file for the redspots app (tools/app.py passes --Voila.config_file_paths here).

What needs Python rather than a command-line flag:
- the _xsrf cookie on every lesson page, so the shutdown request Voilà sends when the page closes is
  accepted and the visitor's kernel ends at once (without it: 403 and the kernel stays);
- the home page's lists of lessons by title, and the first safety words, for the tree template;
- which cells a page shows, and a learner's pandas table in words, by the handout's rules;
- the kernel manager that keeps a page's kernel cullable when the page closed mid-connection;
- a websocket ping setting tornado accepts.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app import lessons  # noqa: E402  (tools/app.py; tools/ is not a package)
from app_kernels import AppKernelManager  # noqa: E402  (tools/app_kernels.py)

c = get_config()  # noqa: F821  (given by traitlets when it runs this file)


def set_xsrf_cookie(req_handler, notebook, cwd):
    """Before a lesson page's kernel starts: make sure the browser gets the _xsrf cookie.

    Voilà's page sends ``POST /voila/api/shutdown/<kernel>`` from ``beforeunload`` with the
    ``_xsrf`` value read from that cookie; tornado sets the cookie only when a handler reads
    ``xsrf_token``, which the lesson page's handler never does (the home page's does). So a visitor
    who came straight to a lesson sent an empty value and got 403. Reading it here sets it; the
    check itself stays on."""
    req_handler.xsrf_token
    return None


_first_words: list[str] = []


def home_page_config(page_config, base_url, settings, log, voila_configuration, notebook_path):
    """The home page (a folder) gets the lessons by title and the emergency advice; lesson pages
    get nothing more."""
    root = Path(settings["contents_manager"].root_dir)
    folder = root / (notebook_path or "")
    if folder.is_dir():
        if not _first_words:
            from redspots.statements import GET_HELP_NOW, safety_text
            _first_words.append(safety_text(GET_HELP_NOW).text)
        page_config["redspots"] = {**lessons(folder), "get_help_now": _first_words[0]}
    return page_config


# the page template keeps the cells a handout keeps, and puts a learner's pandas table in words as a
# handout does, by these two (redspots/export/purposes.py)
c.VoilaExporter.filters = {"shown_in_the_app": "redspots.export.purposes.shown_in_the_app",
                           "for_learners": "redspots.export.purposes.for_learners"}
# a page that closes while its websocket opens must not leave its kernel uncullable (tools/app_kernels.py)
c.VoilaConfiguration.multi_kernel_manager_class = AppKernelManager
c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie
c.VoilaConfiguration.page_config_hook = home_page_config
# jupyter_server's default ping timeout (3 pings, 90 s) is longer than tornado 6.5 allows: it said
# so for every page. One interval (30 s) also drops a dead connection sooner, so culling can begin.
c.Voila.tornado_settings = {"ws_ping_timeout": 30000}
