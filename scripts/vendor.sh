#!/usr/bin/env bash
# Rebuild _vendor/ from the npm registry, with pinned versions.
#
# The site loads MathJax from itself, never from a CDN: these files are copied to the site root by `html_extra_path`
# (see _config.yml). Run this script after changing a version below, then
# rebuild the book and run the browser test.
set -euo pipefail

MATHJAX_VERSION=3.2.2

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "mathjax@${MATHJAX_VERSION}" >/dev/null
mkdir mathjax
tar xzf "mathjax-${MATHJAX_VERSION}.tgz" -C mathjax --strip-components=1

out="$root/_vendor"
rm -rf "$out"
mkdir -p "$out/mathjax/output/chtml/fonts" "$out/mathjax/input/tex"

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

cat > "$out/VERSIONS" <<TXT
mathjax ${MATHJAX_VERSION}
TXT
du -sh "$out"
