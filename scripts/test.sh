#!/usr/bin/env bash
# Run every test of the course, in the order a failure is easiest to read.
# This is the README's test command and what CI (.ci/run) runs.
#   1. lint (ruff)
#   2. build the book from scratch, executing every notebook; zero warnings
#   3. pytest: l1l2 unit/property/cross-check tests, doctests, strict nbval on
#      every chapter, and the headless-Chromium test of every built page
set -euo pipefail
cd "$(dirname "$0")/.."
# Test this checkout's l1l2 (code/), not the copy pip installed: the build's
# and nbval's kernels inherit PYTHONPATH.
export PYTHONPATH="$PWD/code${PYTHONPATH:+:$PYTHONPATH}"

echo "== pip check (the installed environment is consistent)"
pip check

echo "== ruff"
ruff check .

echo "== book build (jupyter-book build -W -n --keep-going .)"
rm -rf _build
jupyter-book build -W -n --keep-going .

echo "== pytest (unit tests, doctests, nbval, browser)"
python -m pytest --nbval --nbval-current-env -n 2 --dist loadfile "$@"
