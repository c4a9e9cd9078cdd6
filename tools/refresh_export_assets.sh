#!/usr/bin/env bash
# Refresh what redspots.export inlines into exported HTML, from the npm releases: the widget
# renderer and its Font Awesome fonts, RequireJS, MathJax 3 (TeX to SVG, every extension), and for the
# slide decks reveal.js (its script, its stylesheet, the white theme, whose font is inlined, and the
# speaker-notes plugin).
# Usage: tools/refresh_export_assets.sh [HTML_MANAGER_VERSION] [REQUIREJS_VERSION] [MATHJAX_VERSION] [REVEAL_VERSION]
set -euo pipefail
html_manager=${1:-1.0.15}
requirejs=${2:-2.3.8}
mathjax=${3:-3.2.2}
reveal=${4:-6.0.2}
here=$(cd "$(dirname "$0")/.." && pwd)
assets="$here/redspots/export_assets"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@jupyter-widgets/html-manager@$html_manager" "requirejs@$requirejs" "mathjax@$mathjax" "reveal.js@$reveal" >/dev/null
mkdir hm rj mj rv
tar xzf jupyter-widgets-html-manager-*.tgz -C hm
tar xzf requirejs-*.tgz -C rj
tar xzf mathjax-*.tgz -C mj
tar xzf reveal.js-*.tgz -C rv
grep -q '"license": "BSD-3-Clause"' hm/package/package.json || { echo "html-manager licence changed: review LICENSES.md" >&2; exit 1; }
grep -q '"license": "MIT"' rj/package/package.json || { echo "requirejs licence changed: review LICENSES.md" >&2; exit 1; }
grep -q '"license": "Apache-2.0"' mj/package/package.json || { echo "mathjax licence changed: review LICENSES.md" >&2; exit 1; }
grep -q '"license": "MIT"' rv/package/package.json || { echo "reveal.js licence changed: review LICENSES.md" >&2; exit 1; }
# a deck must fetch nothing: the theme must carry its font inline, not @import it from a font service
! grep -qE '@import|url\((["'"'"']?)https?:' rv/package/dist/theme/white.css || { echo "reveal.js white theme fetches a font: review" >&2; exit 1; }
cp hm/package/dist/embed-amd.js "$assets/html-manager-embed-amd.js"
rm -rf "$assets/fonts" && mkdir "$assets/fonts" && cp hm/package/dist/*.woff2 "$assets/fonts/"
cp rj/package/require.js "$assets/require.js"
cp mj/package/es5/tex-svg-full.js "$assets/mathjax-tex-svg-full.js"
# reveal.js 6 keeps its plugins in dist/plugin/ (4.x and 5.x had plugin/notes/notes.js)
rm -rf "$assets/reveal" && mkdir "$assets/reveal"
cp rv/package/dist/reveal.js rv/package/dist/reveal.css rv/package/dist/plugin/notes.js "$assets/reveal/"
cp rv/package/dist/theme/white.css "$assets/reveal/theme-white.css"
sed -i -E "s/html-manager [0-9.]+/html-manager $html_manager/; s/requirejs [0-9.]+/requirejs $requirejs/; s/mathjax [0-9.]+/mathjax $mathjax/; s/reveal.js [0-9.]+/reveal.js $reveal/" "$assets/LICENSES.md"
echo "refreshed: @jupyter-widgets/html-manager $html_manager, requirejs $requirejs, mathjax $mathjax, reveal.js $reveal"
