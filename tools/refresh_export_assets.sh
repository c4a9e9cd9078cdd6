#!/usr/bin/env bash
# Refresh what redspots.export inlines into exported HTML, from the npm releases: the widget
# renderer and its Font Awesome fonts, RequireJS, and MathJax 3 (TeX to SVG, every extension).
# Usage: tools/refresh_export_assets.sh [HTML_MANAGER_VERSION] [REQUIREJS_VERSION] [MATHJAX_VERSION]
set -euo pipefail
html_manager=${1:-1.0.15}
requirejs=${2:-2.3.8}
mathjax=${3:-3.2.2}
here=$(cd "$(dirname "$0")/.." && pwd)
assets="$here/redspots/export_assets"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@jupyter-widgets/html-manager@$html_manager" "requirejs@$requirejs" "mathjax@$mathjax" >/dev/null
mkdir hm rj mj
tar xzf jupyter-widgets-html-manager-*.tgz -C hm
tar xzf requirejs-*.tgz -C rj
tar xzf mathjax-*.tgz -C mj
grep -q '"license": "BSD-3-Clause"' hm/package/package.json || { echo "html-manager licence changed: review LICENSES.md" >&2; exit 1; }
grep -q '"license": "MIT"' rj/package/package.json || { echo "requirejs licence changed: review LICENSES.md" >&2; exit 1; }
grep -q '"license": "Apache-2.0"' mj/package/package.json || { echo "mathjax licence changed: review LICENSES.md" >&2; exit 1; }
cp hm/package/dist/embed-amd.js "$assets/html-manager-embed-amd.js"
rm -rf "$assets/fonts" && mkdir "$assets/fonts" && cp hm/package/dist/*.woff2 "$assets/fonts/"
cp rj/package/require.js "$assets/require.js"
cp mj/package/es5/tex-svg-full.js "$assets/mathjax-tex-svg-full.js"
sed -i -E "s/html-manager [0-9.]+/html-manager $html_manager/; s/requirejs [0-9.]+/requirejs $requirejs/; s/mathjax [0-9.]+/mathjax $mathjax/" "$assets/LICENSES.md"
echo "refreshed: @jupyter-widgets/html-manager $html_manager, requirejs $requirejs, mathjax $mathjax"
