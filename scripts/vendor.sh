#!/usr/bin/env bash
# Rebuild _vendor/ from the npm registry, with pinned versions.
#
# The site loads MathJax and the ipywidgets HTML manager from itself, never
# from a CDN: these files are copied to the site root by `html_extra_path`
# (see _config.yml). Run this script after changing a version below, then
# rebuild the book and run the browser test.
set -euo pipefail

MATHJAX_VERSION=3.2.2
HTML_MANAGER_VERSION=1.0.15

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "mathjax@${MATHJAX_VERSION}" "@jupyter-widgets/html-manager@${HTML_MANAGER_VERSION}" >/dev/null
mkdir mathjax html-manager
tar xzf "mathjax-${MATHJAX_VERSION}.tgz" -C mathjax --strip-components=1
tar xzf "jupyter-widgets-html-manager-${HTML_MANAGER_VERSION}.tgz" -C html-manager --strip-components=1

out="$root/_vendor"
rm -rf "$out"
mkdir -p "$out/mathjax/output/chtml/fonts" "$out/mathjax/input/tex" "$out/ipywidgets"

# MathJax 3: the TeX-to-CommonHTML component, the TeX extensions it autoloads,
# its web fonts, and the menu/accessibility components it may load on demand.
# Left out: the speech-rule engine (sre/, 4 MB), only used by the optional
# "explorer" menu item.
mj=mathjax/es5
cp "$mj/tex-chtml.js" "$out/mathjax/"
cp -r "$mj/input/tex/extensions" "$out/mathjax/input/tex/"
cp -r "$mj/output/chtml/fonts/woff-v2" "$out/mathjax/output/chtml/fonts/"
cp -r "$mj/ui" "$mj/a11y" "$out/mathjax/"
cp mathjax/LICENSE "$out/mathjax/LICENSE"

# ipywidgets HTML manager: the standalone embed bundle and the font files it
# references by relative URL.
hm=html-manager/dist
cp "$hm/embed.js" "$hm/embed.js.LICENSE.txt" "$out/ipywidgets/"
for f in $(grep -o '"[a-f0-9]\{20\}\.\(woff2\|woff\|ttf\|eot\|svg\)"' "$hm/embed.js" | tr -d '"' | sort -u); do
  cp "$hm/$f" "$out/ipywidgets/"
done
cp html-manager/LICENSE* "$out/ipywidgets/" 2>/dev/null || true

cat > "$out/VERSIONS" <<TXT
mathjax ${MATHJAX_VERSION}
@jupyter-widgets/html-manager ${HTML_MANAGER_VERSION}
TXT
du -sh "$out"
