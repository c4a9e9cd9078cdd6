"""What `import redspots` costs: the queries load with pandas alone, and content is checked against the
schemas only when its bytes changed."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

PROBE = ("import sys, redspots; redspots.load(); "
         "print(sorted(m for m in ('ipywidgets', 'IPython', 'jsonschema') if m in sys.modules))")


def _run(code: str, cache) -> str:
    env = {**os.environ, "REDSPOTS_CACHE": str(cache)}
    env.pop("REDSPOTS_DATA", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_queries_need_no_widget_stack_and_unchanged_content_skips_the_schema_check(tmp_path):
    first = _run(PROBE, tmp_path)                       # nothing cached yet: the schemas are checked
    assert first == "['jsonschema']"
    assert len(list(tmp_path.glob("schema-valid-*"))) == 1
    assert _run(PROBE, tmp_path) == "[]"                # the same bytes again: no jsonschema, no widgets


def test_the_widgets_and_helpers_load_on_first_use_and_create_no_widget_at_import(tmp_path):
    code = ("import warnings, redspots; from ipywidgets.widgets.widget import _instances; "
            "import redspots.widgets, redspots.figures, redspots.notes; before = len(_instances); "
            "f = redspots.widgets.SymptomFilter(); html = redspots.at_a_glance(); "
            "print(before, len(_instances) > 0, 'Meningococcal' in html.data)")
    assert _run(code, tmp_path) == "0 True True"


def test_changed_content_is_checked_against_the_schemas_again(tmp_path, content_copy, monkeypatch):
    import pytest

    import redspots as rs
    from conftest import edit_yaml
    monkeypatch.setenv("REDSPOTS_CACHE", str(tmp_path))
    rs.load(content_copy)                                   # valid: remembered as checked
    edit_yaml(content_copy / "conditions/petechiae.yaml", lambda d: d.update(seriousness="deadly"))
    with pytest.raises(rs.ContentError) as caught:
        rs.load(content_copy)
    assert any(p.field == "seriousness" for p in caught.value.problems)


def test_nowhere_to_write_the_note_only_means_checking_again(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert _run(PROBE, blocked / "cache") == "['jsonschema']"
    assert _run(PROBE, blocked / "cache") == "['jsonschema']"
