"""The explorers' browser code: small ES modules under redspots/static, joined into the one module text
anywidget and the exported pages run (redspots.static_bundle).

The joined text must parse as a module (Node checks it), declare every top-level name once, and keep only the
entry's default export; every relative import must name a module that exists and exports what is imported.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from node import STATIC, run
from redspots import static_bundle
from redspots import widgets as rw

MODULES = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*.js") if p.name != "page-runtime.js")
DECLARED = re.compile(r"^(?:export )?(?:async )?(?:function\*?|const|let|class|var) +([A-Za-z_$][\w$]*)", re.MULTILINE)
IMPORT = re.compile(r'^(import|export) \{([^}]*)\} from "([^"]+)";', re.MULTILINE)


def _text(path: str) -> str:
    return (STATIC / path).read_text(encoding="utf-8")


def _exported(path: str) -> set[str]:
    text = _text(path)
    names = set(re.findall(r"^export (?:async )?(?:function\*?|const|let|class) +([A-Za-z_$][\w$]*)", text, re.MULTILINE))
    for keyword, listed, _ in IMPORT.findall(text):
        if keyword == "export":
            names |= {n.strip() for n in listed.split(",") if n.strip()}
    return names


def test_the_joined_module_parses_and_is_what_the_explorers_run(tmp_path):
    text = static_bundle.joined()
    assert rw.SymptomFilter._esm == text and rw.Quiz._esm == text
    module = tmp_path / "explorers.mjs"
    module.write_text(text, encoding="utf-8")
    run("--check", str(module))
    assert not re.search(r"^\s*import\b", text, re.MULTILINE), "a relative import was left in the joined module"
    assert re.findall(r"^export\b.*", text, re.MULTILINE) == ["export default { render };"]


def test_the_joined_module_declares_every_top_level_name_once():
    names = DECLARED.findall(static_bundle.joined())
    assert len(names) > 40
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_every_module_is_joined_once_each_after_what_it_imports():
    order = static_bundle.order()
    assert sorted(order) == MODULES, "a module under static/ is not reached from explorers.js"
    assert order[-1] == "explorers.js" and len(set(order)) == len(order)
    for path in order:
        for needed in static_bundle.imports(path):
            assert order.index(needed) < order.index(path), (path, needed)


@pytest.mark.parametrize("path", MODULES)
def test_every_relative_import_resolves_to_a_name_the_module_exports(path):
    text = _text(path)
    assert "import *" not in text and not re.search(r"^import [^{]", text, re.MULTILINE), path
    for _, listed, target in IMPORT.findall(text):
        assert target.startswith(("./", "../")) and target.endswith(".js"), (path, target)
        resolved = (STATIC / Path(path).parent / target).resolve()
        assert resolved.is_file(), (path, target)
        names = [n.strip() for n in listed.split(",") if n.strip()]
        assert all(" as " not in n for n in names), (path, "renamed import")
        missing = set(names) - _exported(resolved.relative_to(STATIC).as_posix())
        assert not missing, (path, target, missing)
    assert ("export default" in text) == (path == "explorers.js"), path


@pytest.mark.parametrize("path", MODULES)
def test_every_module_is_short(path):
    assert len(_text(path).splitlines()) <= 300, path
