"""What an exported page inlines from ``redspots/export_assets/`` and ``redspots/static/``: the explorers'
runtime, the widget renderer with its icon fonts, RequireJS, MathJax and reveal.js, each made safe to
inline in the element that holds it."""
from __future__ import annotations

import base64
import functools
import json
import re
from importlib import resources

ASSETS = resources.files("redspots") / "export_assets"


def script_safe(text: str) -> str:
    """JavaScript that cannot close the <script> element it is inlined into."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


@functools.cache
def asset(name: str) -> str:
    """A script of export_assets/, ready to inline."""
    return script_safe((ASSETS / name).read_text(encoding="utf-8"))


@functools.cache
def style(name: str) -> str:
    """A stylesheet that cannot close the <style> element it is inlined into."""
    return re.sub(r"</(style)", r"<\\/\1", (ASSETS / name).read_text(encoding="utf-8"), flags=re.IGNORECASE)


@functools.cache
def runtime() -> str:
    """The runtime that draws the explorers from a page's saved widget state (static/page-runtime.js)."""
    return script_safe((resources.files("redspots") / "static" / "page-runtime.js").read_text(encoding="utf-8"))


@functools.cache
def widget_renderer() -> str:
    """The widget renderer with its Font Awesome fonts inlined as data: URLs.

    The bundle asks for them beside the page (``<public path> + "<hash>.woff2"``), where an
    exported file has nothing, so icons (the tick on a chosen condition, for one) would be lost.
    Each font is written once, in a table the bundle's two copies of the stylesheet both read.
    Browsers take the first format they support, WOFF2, so the other formats are never fetched.
    """
    js = (ASSETS / "html-manager-embed-amd.js").read_text(encoding="utf-8")
    fonts = {}
    for font in sorted((ASSETS / "fonts").iterdir(), key=lambda f: f.name):
        if not font.name.endswith(".woff2"):
            continue
        fonts[font.name] = "data:font/woff2;base64," + base64.b64encode(font.read_bytes()).decode("ascii")
        js, found = re.subn(r'\b[\w$]+\.p\+"' + re.escape(font.name) + '"',
                            f"window.__redspotsFonts[{json.dumps(font.name)}]", js)
        if not found:
            raise RuntimeError(f"the widget renderer no longer uses {font.name}; run tools/refresh_export_assets.sh")
    return script_safe(f"window.__redspotsFonts = {json.dumps(fonts)};\n{js}")
