"""The contract every public function of :mod:`l1l2` keeps, and the machinery
that checks it (in the spirit of scikit-learn's ``check_estimator``).

The contract: whatever a caller passes,

* a bad argument gives a ``ValueError`` or ``TypeError`` whose message names
  the argument;
* otherwise the function returns a result whose every float is finite, and
  correct where the spec says how to check it (``Spec.check``);
* no array, list or dict the caller passed is modified;
* the call ends within :data:`TIMEOUT` seconds (a huge count must be refused,
  not allocated or looped over);
* no warning leaks, except :class:`l1l2.ConvergenceWarning`.

Each public function has exactly one :class:`Spec`, written in
``tests/contract_specs_numeric.py`` or ``tests/contract_specs_figures.py``:
one valid, small and fast call, and for each argument a *domain* saying what
kind of value it is. :func:`bad_values` turns a domain into the values to try
(NaN, infinities, ``None``, strings, complex numbers, ragged lists, booleans,
empty arrays, wrong dimensions and shapes, 0-d arrays, float32 and int dtypes,
magnitudes from 5e-324 to 1e300, huge counts, unknown choices), and
:func:`run_contract` makes one call and checks the contract.

Writing a spec::

    Spec(
        losses.huber_loss,
        args=(X5, Y5),
        kwargs={"delta": 1.0},
        domains={
            "input": array(),
            "target": array(),
            "reduction": choice("mean", "sum", "none"),
            "delta": scalar(low=0, low_inclusive=False),
        },
    )

Every parameter of the function must appear in ``domains`` or in ``skip``
(with the reason it is not fuzzed); a test checks it.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import importlib
import inspect
import math
import numbers
import re
import signal
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

import l1l2
from l1l2.exceptions import ConvergenceWarning

#: Seconds a single call may take before it counts as a hang.
TIMEOUT = 10.0

#: Modules whose ``__all__`` lists the public functions.
MODULES = tuple(
    name for name in l1l2.__all__ if inspect.ismodule(getattr(l1l2, name, None))
)


# ---------------------------------------------------------------------------
# Domains: what kind of value an argument is
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Domain:
    """What kind of value an argument takes; see the constructors below.

    ``kind`` is one of ``"array"``, ``"scalar"``, ``"int"``, ``"choice"``,
    ``"callable"``, ``"bool"`` or ``"other"``.
    """

    kind: str
    ndim: int | None = None  # array: the valid number of dimensions (None: any)
    low: float | None = None  # scalar / int: the valid bounds
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    choices: tuple = ()  # choice: the valid options
    optional: bool = False  # None is a valid value
    reason: str = ""  # other: why no bad value is generated


def array(ndim=None, *, optional=False) -> Domain:
    """An array-like of real numbers (``ndim``: its valid number of dimensions)."""
    return Domain("array", ndim=ndim, optional=optional)


def scalar(low=None, high=None, *, low_inclusive=True, high_inclusive=True, optional=False):
    """A real number in ``[low, high]`` (bounds inclusive or not)."""
    return Domain(
        "scalar",
        low=low,
        high=high,
        low_inclusive=low_inclusive,
        high_inclusive=high_inclusive,
        optional=optional,
    )


def count(low=0, high=None, *, optional=False) -> Domain:
    """An integer (a count, a degree, a seed...) in ``[low, high]``."""
    return Domain("int", low=low, high=high, optional=optional)


def choice(*choices, optional=False) -> Domain:
    """One of the strings ``choices``."""
    return Domain("choice", choices=tuple(choices), optional=optional)


def function(*, optional=False) -> Domain:
    """A callable."""
    return Domain("callable", optional=optional)


def flag(*, optional=False) -> Domain:
    """A boolean."""
    return Domain("bool", optional=optional)


def other(reason: str) -> Domain:
    """Anything else (a state dict, a figure...): no bad value is generated;
    ``reason`` says why."""
    return Domain("other", reason=reason)


# ---------------------------------------------------------------------------
# Specs
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Spec:
    """How to call one public function, and what each argument may be.

    func : the public callable.
    args, kwargs : one valid, small and fast call.
    domains : argument name -> :class:`Domain`; bad values are generated from it.
    check : optional ``check(result, args, kwargs)``, raising ``AssertionError``
        if a finite result is wrong for the (possibly extreme) arguments it got.
        It is called for every accepted bad value and for the valid call.
    skip : argument name -> the reason it is deliberately not fuzzed.
    slow : if set, the reason the function is only called with its valid input
        and the bad values of ``domains`` are not tried (keep this rare).
    ieee : if set, the reason the function deliberately follows IEEE arithmetic
        (as PyTorch's losses do): a non-finite input (NaN, +-inf) or an extreme
        magnitude whose exact answer over- or underflows may then give a
        non-finite result (and NumPy's overflow warning), never an error.
        The ``check`` still applies to every finite result.
    mutates : names of the arguments the function documents to update in
        place (such as an optimizer's ``state``); all others must stay unchanged.
    """

    func: Callable
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    domains: dict = field(default_factory=dict)
    check: Callable | None = None
    skip: dict = field(default_factory=dict)
    slow: str | None = None
    ieee: str | None = None
    mutates: tuple = ()

    @property
    def name(self) -> str:
        """``module.function``, e.g. ``linear_model.lasso``."""
        return f"{self.func.__module__.rsplit('.', 1)[-1]}.{self.func.__qualname__}"


# ---------------------------------------------------------------------------
# Bad values
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Bad:
    """One value to try: ``label`` (for the test id), the value itself, and
    ``must_work`` when the contract requires an answer, not an error
    (float32 and integer versions of a valid value)."""

    label: str
    value: object
    must_work: bool = False


def _array_bad(valid, domain: Domain):
    out = []
    arr = np.asarray(valid)
    if arr.dtype.kind not in "biuf":  # the valid value is not numeric: nothing to perturb
        return out
    f = arr.astype(float)
    ndim = f.ndim
    if f.size:
        for label, v in (("nan", np.nan), ("inf", np.inf), ("-inf", -np.inf)):
            a = f.copy()
            a.flat[0] = v
            out.append(Bad(label, a))
        for c, label in ((1e-300, "x1e-300"), (1e300, "x1e300"), (5e-324, "x5e-324")):
            with np.errstate(all="ignore"):
                out.append(Bad(label, f * c))
        out.append(Bad("float32", f.astype(np.float32), must_work=True))
        if np.all(f == np.round(f)) and np.all(np.abs(f) < 2**31):
            out.append(Bad("int", f.astype(np.int64), must_work=True))
        else:
            out.append(Bad("int", np.round(f).astype(np.int64)))
        out.append(Bad("complex", f + 1j))
        out.append(Bad("object", f.astype(object)))
        if ndim >= 1:
            out.append(Bad("shape-1", f[:-1]))
            out.append(Bad("shape+1", np.concatenate([f, f[:1]], axis=0)))
            if ndim >= 2:
                out.append(Bad("cols-1", f[..., :-1]))
                out.append(Bad("cols+1", np.concatenate([f, f[..., :1]], axis=-1)))
    if not domain.optional:
        out.append(Bad("None", None))
    out.append(Bad("str", "abc"))
    out.append(Bad("bool", True))
    out.append(Bad("ragged", [[1.0], [1.0, 2.0]]))
    out.append(Bad("empty", np.zeros((0,) * max(ndim, 1))))
    if ndim >= 2:
        out.append(Bad("empty-cols", np.zeros(f.shape[:-1] + (0,))))
    out.append(Bad("0d", np.array(1.5)))
    out.append(Bad("ndim+1", f[..., None]))
    if ndim >= 2:
        out.append(Bad("ndim-1", f.reshape(-1)))
    elif ndim == 1:
        out.append(Bad("ndim-1", 1.5))
    return out


def _scalar_bad(valid, domain: Domain):
    out = [
        Bad("nan", math.nan),
        Bad("inf", math.inf),
        Bad("-inf", -math.inf),
        Bad("str", "1.0"),
        Bad("complex", 1 + 1j),
        Bad("bool", True),
        Bad("array2", np.array([1.0, 2.0])),
        Bad("list", [1.0]),
        Bad("0", 0.0),
        Bad("-1", -1.0),
        Bad("1e-300", 1e-300),
        Bad("5e-324", 5e-324),
        Bad("1e300", 1e300),
        Bad("-1e300", -1e300),
        Bad("hugeint", 10**400),
    ]
    if not domain.optional:
        out.append(Bad("None", None))
    if isinstance(valid, numbers.Real) and not isinstance(valid, bool):
        out.append(Bad("float32", np.float32(valid), must_work=True))
        out.append(Bad("0d", np.array(valid, dtype=float), must_work=True))
        if float(valid) == round(valid):
            out.append(Bad("int", int(valid), must_work=True))
    if domain.low is not None:
        edge = domain.low if not domain.low_inclusive else domain.low - 1e-9 * max(
            1.0, abs(domain.low)
        )
        out.append(Bad("below-low", edge))
    if domain.high is not None:
        edge = domain.high if not domain.high_inclusive else domain.high + 1e-9 * max(
            1.0, abs(domain.high)
        )
        out.append(Bad("above-high", edge))
    return out


def _int_bad(valid, domain: Domain):
    out = [
        Bad("1e12", 10**12),
        Bad("2**63", 2**63),
        Bad("-1", -1),
        Bad("0", 0),
        Bad("1.5", 1.5),
        Bad("nan", math.nan),
        Bad("inf", math.inf),
        Bad("str", "3"),
        Bad("bool", True),
        Bad("array2", np.array([1, 2])),
    ]
    if not domain.optional:
        out.append(Bad("None", None))
    if isinstance(valid, numbers.Integral) and not isinstance(valid, bool):
        out.append(Bad("int64", np.int64(valid), must_work=True))
    if domain.low is not None:
        out.append(Bad("below-low", int(domain.low) - 1))
    if domain.high is not None:
        out.append(Bad("above-high", int(domain.high) + 1))
    return out


def _nan_function(*args, **kwargs):
    return np.nan


def _choice_bad(valid, domain: Domain):
    out = [Bad("unknown", "no-such-choice"), Bad("int", 1), Bad("list", list(domain.choices))]
    if not domain.optional:
        out.append(Bad("None", None))
    if domain.choices and domain.choices[0].upper() != domain.choices[0]:
        out.append(Bad("upper", domain.choices[0].upper()))
    return out


def bad_values(valid, domain: Domain) -> list[Bad]:
    """The values to try for an argument whose valid value is ``valid``."""
    if domain.kind == "array":
        return _array_bad(valid, domain)
    if domain.kind == "scalar":
        return _scalar_bad(valid, domain)
    if domain.kind == "int":
        return _int_bad(valid, domain)
    if domain.kind == "choice":
        return _choice_bad(valid, domain)
    if domain.kind == "callable":
        out = [Bad("float", 3.0), Bad("str", "f"), Bad("returns-nan", _nan_function)]
        if not domain.optional:
            out.append(Bad("None", None))
        return out
    if domain.kind == "bool":
        out = [Bad("str", "yes"), Bad("float", 2.5), Bad("nan", math.nan)]
        if not domain.optional:
            out.append(Bad("None", None))
        return out
    if domain.kind == "other":
        return []
    raise ValueError(f"unknown domain kind {domain.kind!r}")


# ---------------------------------------------------------------------------
# Calling a spec
# ---------------------------------------------------------------------------


#: Bad values for which an ``ieee`` spec may return non-finite results.
IEEE_LABELS = frozenset(
    {"nan", "inf", "-inf", "x1e300", "1e300", "-1e300", "x1e-300", "1e-300", "x5e-324", "5e-324"}
)


def bound_arguments(spec: Spec) -> inspect.BoundArguments:
    """The spec's valid call, bound to the function's signature (defaults
    filled in, so every parameter has its value)."""
    sig = inspect.signature(spec.func)
    bound = sig.bind(*spec.args, **spec.kwargs)
    bound.apply_defaults()
    return bound


def valid_value(spec: Spec, name: str):
    """The value of argument ``name`` in the spec's valid call."""
    bound = bound_arguments(spec)
    value = bound.arguments[name]
    param = inspect.signature(spec.func).parameters[name]
    if param.kind is inspect.Parameter.VAR_POSITIONAL:  # fuzz the first one
        return value[0]
    return value


def cases(spec: Spec):
    """Every ``(argument name, Bad)`` to try for this spec."""
    if spec.slow:
        return []
    out = []
    for name, domain in spec.domains.items():
        for bad in bad_values(valid_value(spec, name), domain):
            out.append((name, bad))
    return out


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that ``except Exception`` in the
    code under test does not swallow it."""


def _on_alarm(signum, frame):
    raise _Timeout()


def call_with_timeout(func, args, kwargs, timeout=TIMEOUT):
    """``func(*args, **kwargs)``, failing if it takes more than ``timeout`` s.

    Uses ``SIGALRM`` (main thread only, as under pytest and pytest-xdist).
    """
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return func(*args, **kwargs)
    except _Timeout:
        raise AssertionError(f"the call did not end within {timeout} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def same_value(a, b) -> bool:
    """Deep, NaN-aware equality of a caller's argument and its copy."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind in "fc":
            return bool(np.array_equal(a, b, equal_nan=True))
        if a.dtype.kind == "O":
            return all(same_value(x, y) for x, y in zip(a.flat, b.flat, strict=True))
        return bool(np.array_equal(a, b))
    if isinstance(a, (list, tuple)):
        return (
            type(a) is type(b)
            and len(a) == len(b)
            and all(same_value(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, dict):
        return (
            isinstance(b, dict)
            and a.keys() == b.keys()
            and all(same_value(a[k], b[k]) for k in a)
        )
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (a != a and b != b)
    if isinstance(a, (numbers.Number, str, bytes, type(None))):
        return bool(a == b) or (a != a and b != b)
    return True  # functions, figures, other objects: not compared


def nonfinite_paths(result, path="result", depth=0):
    """Where ``result`` holds a non-finite float (a list of readable paths).

    Walks tuples, lists, dicts, dataclasses and arrays; matplotlib figures and
    other objects count as fine.
    """
    if depth > 20:
        return []
    if isinstance(result, (bool, np.bool_, str, bytes)) or result is None:
        return []
    if isinstance(result, (numbers.Number, np.generic)):
        try:
            value = complex(result)
        except TypeError:
            return []
        return [] if (math.isfinite(value.real) and math.isfinite(value.imag)) else [path]
    if isinstance(result, np.ndarray):
        if result.dtype.kind in "fc":
            return [] if np.all(np.isfinite(result)) else [f"{path} (array)"]
        if result.dtype.kind == "O":
            out = []
            for i, x in enumerate(result.flat):
                out += nonfinite_paths(x, f"{path}.flat[{i}]", depth + 1)
            return out
        return []
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        out = []
        for f in dataclasses.fields(result):
            out += nonfinite_paths(getattr(result, f.name), f"{path}.{f.name}", depth + 1)
        return out
    if isinstance(result, (list, tuple)):
        out = []
        for i, x in enumerate(result):
            out += nonfinite_paths(x, f"{path}[{i}]", depth + 1)
        return out
    if isinstance(result, dict):
        out = []
        for k, x in result.items():
            out += nonfinite_paths(x, f"{path}[{k!r}]", depth + 1)
        return out
    return []


def names_argument(message: str, name: str) -> bool:
    """Whether ``message`` names the argument ``name`` (as a whole word)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", message) is not None


def _close_figures():
    import matplotlib.pyplot as plt

    plt.close("all")


def run_contract(spec: Spec, name: str | None = None, bad: Bad | None = None):
    """Call ``spec.func`` with argument ``name`` replaced by ``bad.value``
    (or the valid call if ``name`` is None) and check the contract.

    Raises ``AssertionError`` with a readable message if the contract is broken.
    """
    bound = bound_arguments(spec)
    if name is not None:
        param = inspect.signature(spec.func).parameters[name]
        if param.kind is inspect.Parameter.VAR_POSITIONAL:
            bound.arguments[name] = (bad.value,) + tuple(bound.arguments[name][1:])
        else:
            bound.arguments[name] = bad.value
    args, kwargs = bound.args, bound.kwargs
    snapshot = copy.deepcopy(dict(bound.arguments))
    what = f"{spec.name}({name}={bad.label})" if name is not None else f"{spec.name}(valid)"
    must_work = name is None or bad.must_work
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = call_with_timeout(spec.func, args, kwargs)
            except (ValueError, TypeError) as exc:
                message = str(exc)
                assert not must_work, f"{what} must work, but raised {exc!r}"
                assert names_argument(message, name), (
                    f"{what} raised {type(exc).__name__} not naming {name!r}: {message}"
                )
                result = None
                failed = True
            except AssertionError:
                raise
            except Exception as exc:
                raise AssertionError(
                    f"{what} raised {type(exc).__name__} (not a named ValueError/TypeError): "
                    f"{exc}"
                ) from exc
            else:
                failed = False
        ieee = spec.ieee is not None and bad is not None and bad.label in IEEE_LABELS
        leaked = [
            w
            for w in caught
            if not issubclass(w.category, ConvergenceWarning)
            and not (ieee and issubclass(w.category, RuntimeWarning))
        ]
        assert not leaked, f"{what} leaked warnings: " + "; ".join(
            f"{w.category.__name__}: {w.message}" for w in leaked
        )
        for k, value in bound.arguments.items():
            if k not in spec.mutates:
                assert same_value(value, snapshot[k]), f"{what} modified its argument {k!r}"
        if failed:
            return None
        bad_paths = [] if ieee else nonfinite_paths(result)
        assert not bad_paths, f"{what} returned non-finite values at {', '.join(bad_paths[:5])}"
        if spec.check is not None and not nonfinite_paths(result):
            spec.check(result, args, kwargs)
        return result
    finally:
        _close_figures()


# ---------------------------------------------------------------------------
# The public functions
# ---------------------------------------------------------------------------


def _is_public_callable(obj) -> bool:
    """The rule: every function, and every class whose constructor does work.

    Excluded: constants (not callable); dataclasses, which only hold results
    (their fields are checked through the functions that return them);
    exception and warning classes.
    """
    if not callable(obj):
        return False
    if inspect.isclass(obj):
        if dataclasses.is_dataclass(obj) or issubclass(obj, BaseException):
            return False
    return True


@functools.cache
def public_functions() -> dict[str, Callable]:
    """``{"module.name": callable}`` for every public callable of :mod:`l1l2`."""
    out = {}
    for module_name in MODULES:
        module = importlib.import_module(f"l1l2.{module_name}")
        for name in module.__all__:
            obj = getattr(module, name)
            if _is_public_callable(obj):
                out[f"{module_name}.{name}"] = obj
    return out


def spec_key(spec: Spec) -> str:
    """The ``module.name`` under which :func:`public_functions` lists the spec's function."""
    for key, obj in public_functions().items():
        if obj is spec.func:
            return key
    return spec.name


def unspecified_parameters(spec: Spec) -> list[str]:
    """Parameters of the function that appear neither in ``domains`` nor in ``skip``."""
    params = inspect.signature(spec.func).parameters
    return [
        p
        for p, param in params.items()
        if p not in spec.domains
        and p not in spec.skip
        and param.kind is not inspect.Parameter.VAR_KEYWORD
    ]
