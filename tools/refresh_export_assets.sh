#!/usr/bin/env bash
# Refresh the widget renderer and RequireJS that redspots.export inlines into exported HTML,
# from their npm releases. Usage: tools/refresh_export_assets.sh [HTML_MANAGER_VERSION] [REQUIREJS_VERSION]
set -euo pipefail
html_manager=${1:-1.0.15}
requirejs=${2:-2.3.8}
here=$(cd "$(dirname "$0")/.." && pwd)
assets="$here/redspots/export_assets"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@jupyter-widgets/html-manager@$html_manager" "requirejs@$requirejs" >/dev/null
mkdir hm rj
tar xzf jupyter-widgets-html-manager-*.tgz -C hm
tar xzf requirejs-*.tgz -C rj
grep -q '"license": "BSD-3-Clause"' hm/package/package.json || { echo "html-manager licence changed: review LICENSES.md" >&2; exit 1; }
grep -q '"license": "MIT"' rj/package/package.json || { echo "requirejs licence changed: review LICENSES.md" >&2; exit 1; }
cp hm/package/dist/embed-amd.js "$assets/html-manager-embed-amd.js"
cp rj/package/require.js "$assets/require.js"
sed -i -E "s/html-manager [0-9.]+/html-manager $html_manager/; s/requirejs [0-9.]+/requirejs $requirejs/" "$assets/LICENSES.md"
echo "refreshed: @jupyter-widgets/html-manager $html_manager, requirejs $requirejs (update the versions in LICENSES.md headings if they changed)"
