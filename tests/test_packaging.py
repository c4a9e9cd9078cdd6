"""An installed wheel carries the content, the schemas, the explorers' browser code and the export assets."""
from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import DATA, ROOT


def test_wheel_ships_content_schemas_and_export_assets(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
                             str(ROOT)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("redspots-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in DATA.rglob("*"):
        if path.is_file():
            assert f"redspots/data/{path.relative_to(DATA).as_posix()}" in names, path
    for asset in ("export_assets/require.js", "export_assets/html-manager-embed-amd.js",
                  "export_assets/mathjax-tex-svg-full.js", "export_assets/fonts/1551f4f60c37af51121f.woff2",
                  "export_assets/LICENSES.md", "export_template/redspots/index.html.j2", "static/explorers.js",
                  "static/explorers.css", "static/page-runtime.js",
                  "export_assets/reveal/reveal.js", "export_assets/reveal/reveal.css", "export_assets/reveal/notes.js",
                  "export_assets/reveal/theme-white.css", "export_template/redspots_slides/index.html.j2",
                  "export_template/redspots_slides/conf.json"):
        assert f"redspots/{asset}" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    entry_points = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "redspots = redspots.export:RedspotsHTMLExporter" in entry_points
    assert "redspots_slides = redspots.export:RedspotsSlidesExporter" in entry_points
