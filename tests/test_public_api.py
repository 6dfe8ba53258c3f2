"""Every public name of l1l2 earns its place: a chapter or a reference page names it.

The public names are the functions, classes and constants in the ``__all__`` of
every module that ``l1l2.__all__`` lists (for a module without ``__all__``, the
public names it defines), and what ``l1l2`` itself exports besides modules.

A name counts as used when

* a code cell of a chapter (``chapters/*.ipynb``) uses it as an identifier
  (``boxes.giou(a, b)``, ``from l1l2.boxes import giou``; a comment or a string
  does not count), or
* the prose of a chapter (its markdown cells) or a reference page
  (``reference/*.md``) names it as code: inline code (`` `boxes.giou` ``), a
  MyST role ({func}`l1l2.boxes.giou`) or a code block, or
* it is a class that a used function or class returns, raises or warns with,
  as its numpydoc ``Returns``, ``Yields``, ``Raises`` or ``Warns`` section or
  its return annotation says: a result type such as ``priors.MapEstimate`` is
  public because :func:`priors.map_linear_regression` returns it, and
  ``ConvergenceWarning`` because a solver warns with it.

Tests, benchmarks and the package itself do not count (a function's own unit
test is not a use), and neither do generated listings (``{eval-rst}`` and
``{auto...}`` blocks, such as ``automodule`` with ``:members:`` in
``reference/api.md``), which show every member whether a reader needs it or
not. A public name nothing uses is deleted, made private, or used.
"""

from __future__ import annotations

import importlib
import inspect
import io
import json
import pathlib
import re
import tokenize
import types

import l1l2

ROOT = pathlib.Path(__file__).resolve().parents[1]

_CODE_SPAN = re.compile(r"`[^`\n]+`")
_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def public_objects() -> dict[str, tuple[str, object]]:
    """``{"l1l2.module.name": (name, object)}`` for every public function, class
    and constant."""
    out = {}
    for export in l1l2.__all__:
        obj = getattr(l1l2, export)
        if not isinstance(obj, types.ModuleType):
            out[f"l1l2.{export}"] = (export, obj)
            continue
        module = importlib.import_module(f"l1l2.{export}")
        names = getattr(module, "__all__", None)
        if names is None:
            names = [n for n, v in vars(module).items()
                     if not n.startswith("_") and not inspect.ismodule(v)
                     and getattr(v, "__module__", module.__name__).startswith(module.__name__)]
        for name in names:
            obj = getattr(module, name)
            if not inspect.ismodule(obj):
                out[f"l1l2.{export}.{name}"] = (name, obj)
    return out


_SECTIONS = ("Returns", "Yields", "Raises", "Warns")


def outcome_identifiers(obj) -> set[str]:
    """The identifiers a callable names as what it returns, raises or warns with
    (its numpydoc sections of those names, its return annotation); for a class,
    also what its public methods name so."""
    found: set[str] = set()
    members = [obj]
    if inspect.isclass(obj):
        members += [m for n, m in vars(obj).items() if not n.startswith("_") and callable(m)]
    for member in members:
        lines = (inspect.getdoc(member) or "").splitlines()
        keep = False
        for i, line in enumerate(lines):
            if i + 1 < len(lines) and set(lines[i + 1].strip()) == {"-"}:
                keep = line.strip() in _SECTIONS  # a numpydoc section header
            elif keep:
                found |= set(_IDENTIFIER.findall(line))
        try:
            annotation = inspect.signature(member).return_annotation
        except (TypeError, ValueError):
            continue
        if annotation is not inspect.Signature.empty:
            found |= set(_IDENTIFIER.findall(getattr(annotation, "__name__", str(annotation))))
    return found


def code_identifiers(source: str) -> set[str]:
    """The identifiers of a code cell, without its comments and strings."""
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    text = "\n".join(lines) + "\n"
    try:
        return {tok.string for tok in tokenize.generate_tokens(io.StringIO(text).readline)
                if tok.type == tokenize.NAME}
    except (tokenize.TokenError, IndentationError, SyntaxError):
        # not plain Python: fall back to the words outside comments
        return set(_IDENTIFIER.findall("\n".join(ln.split("#")[0] for ln in lines)))


def prose_identifiers(text: str) -> set[str]:
    """The identifiers a markdown text names as code (inline, roles, code blocks),
    leaving out generated listings (``{eval-rst}`` and ``{auto...}`` blocks)."""
    found: set[str] = set()
    fence = None  # (marker, generated) while inside a fenced block
    for line in text.splitlines():
        stripped = line.strip()
        m = _FENCE.match(stripped)
        if fence is None and m:
            info = m.group(2).strip()
            fence = (m.group(1), info.startswith("{eval-rst}") or info.startswith("{auto"))
            continue
        if fence is not None:
            if stripped.startswith(fence[0]) and not stripped[len(fence[0]):].strip():
                fence = None
            elif not fence[1]:
                found |= set(_IDENTIFIER.findall(line))
            continue
        for span in _CODE_SPAN.findall(line):
            found |= set(_IDENTIFIER.findall(span))
    return found


def used_identifiers() -> set[str]:
    """Every identifier a chapter (code or prose) or a reference page names."""
    used: set[str] = set()
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code":
                used |= code_identifiers(source)
            elif cell["cell_type"] == "markdown":
                used |= prose_identifiers(source)
    for path in sorted((ROOT / "reference").glob("*.md")):
        used |= prose_identifiers(path.read_text())
    return used


def unused_public_names() -> list[str]:
    """The public names nothing uses (module docstring), sorted."""
    objects = public_objects()
    used_names = used_identifiers()
    used = {key for key, (name, _) in objects.items() if name in used_names}
    while True:  # add the classes that used callables return, raise or warn with
        named = set().union(*(outcome_identifiers(objects[key][1]) for key in used
                              if callable(objects[key][1])))
        more = {key for key, (name, obj) in objects.items()
                if key not in used and inspect.isclass(obj) and name in named}
        if not more:
            return sorted(set(objects) - used)
        used |= more


def test_the_usage_rules_read_code_and_prose_as_documented():
    code = "# giou in a comment\nx = boxes.box_iou(a, b)  # encode_boxes\ns = 'decode_boxes'\n"
    assert code_identifiers(code) >= {"boxes", "box_iou"}
    assert not code_identifiers(code) & {"giou", "encode_boxes", "decode_boxes"}
    prose = ("Plain giou does not count; `boxes.box_iou` and {func}`l1l2.boxes.encode_boxes`"
             " do.\n```python\ndecode_boxes(t, a)\n```\n"
             "```{eval-rst}\n.. autofunction:: l1l2.boxes.fit_linear_regressor\n```\n")
    names = prose_identifiers(prose)
    assert {"box_iou", "encode_boxes", "decode_boxes"} <= names
    assert "giou" not in names and "fit_linear_regressor" not in names


def test_a_class_counts_when_a_used_function_returns_raises_or_warns_with_it():
    from l1l2 import priors

    assert "MapEstimate" in outcome_identifiers(priors.map_linear_regression)
    assert "PosteriorGrid" in outcome_identifiers(priors.log_posterior_grid)


def test_every_public_name_is_used_by_a_chapter_or_a_reference_page():
    names = public_objects()
    assert len(names) > 50  # every module was walked
    unused = unused_public_names()
    assert not unused, (
        f"{len(unused)} of {len(names)} public names are named by no chapter and no "
        f"reference page (delete them, make them private, or use them): {unused}"
    )


def test_import_l1l2_is_light():
    # Modules load on first use: `import l1l2` alone pulls in neither NumPy's
    # heavy friends nor any l1l2 module (benchmarks/run.py times it).
    import subprocess
    import sys

    code = ("import sys, l1l2; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('matplotlib', 'scipy', 'sklearn', 'ipywidgets') or m.startswith('l1l2.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "['l1l2.exceptions']"


def test_every_module_loads_on_first_use():
    for name in l1l2.__all__:
        assert getattr(l1l2, name) is not None
    assert set(l1l2.__all__) <= set(dir(l1l2))


def test_a_chapters_import_cell_loads_no_figure_and_no_heavy_scipy_module():
    # Every chapter starts with `from l1l2 import exercises, figures, ...`: that
    # must not load every figure module and, through them, scipy.optimize
    # (linprog) and scipy.stats (0.6 s of a Run All); they load when used.
    import subprocess
    import sys

    code = ("import sys\nfrom l1l2 import datasets, exercises, figures, linear_model, losses, "
            "optim, plotting, priors\nfrom l1l2.book import glue\n"
            "print(sorted(m for m in sys.modules if m.startswith(('l1l2.figures.', "
            "'scipy.optimize', 'scipy.stats'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
    code = ("import sys\nfrom l1l2 import figures\nfigures.kink_explorer\n"
            "print(sorted(m for m in sys.modules if m.startswith('l1l2.figures.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "['l1l2.figures._common', 'l1l2.figures.sparsity']"
