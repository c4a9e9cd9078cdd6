"""The explorers' browser code as the one module text anywidget and the exported pages need.

The code lives in small ES modules under ``static/`` (``explorers.js`` imports the views, the views the
queries and the drawing helpers), so Node can import any of them. anywidget's ``_esm`` and the exported
pages' runtime take one module text, so :func:`joined` puts the modules one after another, each after the
modules it imports, dropping the relative ``import`` and re-``export ... from`` statements and the
``export`` keyword of every declaration but the entry's ``export default``. This works because the modules
follow three rules, which tests/test_static_bundle.py checks: every import is ``import { a, b } from
"./x.js"`` (no renaming, no ``* as``), every top-level name is unique across the modules, and only the
entry module has a default export.

>>> text = joined()
>>> text.count("export default"), "import {" in text
(1, False)
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import PurePosixPath

STATIC = resources.files("redspots") / "static"
ENTRY = "explorers.js"
# `import { a, b } from "./x.js";` and `export { a } from "./x.js";`, over one or more lines
LINKS = re.compile(r'^(?:import|export) \{[^}]*\} from "(\.{1,2}/[^"]+)";\n', re.MULTILINE)
EXPORTED = re.compile(r"^export (?=(?:async )?function |const |let |class )", re.MULTILINE)


def read(path: str) -> str:
    """The text of one module, by its path under ``static/`` (``views/quiz.js``)."""
    return (STATIC / path).read_text(encoding="utf-8")


def imports(path: str) -> list[str]:
    """The modules ``path`` imports (or re-exports from), as paths under ``static/``, in the order written."""
    folder = PurePosixPath(path).parent
    out = []
    for relative in LINKS.findall(read(path)):
        parts = []
        for part in (folder / relative).parts:
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        out.append("/".join(parts))
    return out


def order(entry: str = ENTRY) -> list[str]:
    """Every module the entry needs, each after the modules it imports (the order an ES module graph
    runs in), the entry last."""
    done: list[str] = []

    def visit(path: str, trail: tuple[str, ...]) -> None:
        if path in done:
            return
        if path in trail:
            raise ValueError(f"the modules import each other in a circle: {' -> '.join(trail + (path,))}")
        for dependency in imports(path):
            visit(dependency, trail + (path,))
        done.append(path)

    visit(entry, ())
    return done


def joined(entry: str = ENTRY) -> str:
    """One module text of the entry and every module it needs (see the module's docstring)."""
    parts = []
    for path in order(entry):
        text = EXPORTED.sub("", LINKS.sub("", read(path)))
        parts.append(f"// ---- {path}\n{text.strip()}\n")
    return "\n".join(parts)
