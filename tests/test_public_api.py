"""Every public helper function of l1l2 earns its place: a chapter uses it, or
a test exercises it as public API (by name, outside its own module's
doctests). Result dataclasses and constants are public as types and values
returned or read by these functions, so only functions are checked."""

from __future__ import annotations

import importlib
import inspect
import json
import pathlib
import re

import l1l2

ROOT = pathlib.Path(__file__).resolve().parents[1]


def corpus() -> str:
    texts = []
    for path in (ROOT / "chapters").glob("*.ipynb"):
        texts += ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]
    texts += [p.read_text() for p in (ROOT / "tests").glob("test_*.py")
              if p.name != "test_public_api.py"]
    texts += [p.read_text() for p in (ROOT / "benchmarks").glob("*.py")]
    return "\n".join(texts)


def test_every_public_function_is_used_by_a_chapter_or_a_test():
    text = corpus()
    unused = []
    for module_name in l1l2.__all__:
        module = importlib.import_module(f"l1l2.{module_name}") if module_name.islower() else None
        for name in getattr(module, "__all__", []):
            if not inspect.isfunction(getattr(module, name)):
                continue
            if not re.search(rf"\b{re.escape(name)}\b", text):
                unused.append(f"l1l2.{module_name}.{name}")
    assert not unused, f"public names no chapter or test uses: {unused}"
