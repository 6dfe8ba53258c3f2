"""Argument checking shared by every public function of :mod:`l1l2`.

Every check raises :class:`ValueError` with a message that starts with the
argument's name, so a reader sees at once which argument was wrong. None of
these functions modifies its input: arrays are converted with
:func:`numpy.asarray` and, where a float copy is needed, copied.

Dtype rule of the package: float32 input is computed in float32, everything
else in float64; mixed inputs follow numpy's promotion rules (``float32`` with
``float64`` gives ``float64``; a Python scalar does not promote a float32
array, as in NumPy 2).
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_float_array",
    "float_dtype",
    "check_scalar",
    "check_choice",
    "check_bool",
    "check_finite",
    "scalar_as",
    "check_count",
    "check_finite_result",
    "MAX_COUNT",
]


def _is_python_scalar(x) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, (np.generic, np.ndarray))


def _raw_array(x, name: str) -> np.ndarray:
    """``np.asarray(x)`` that rejects non-numeric content with a named error."""
    if isinstance(x, (str, bytes)):
        raise ValueError(f"{name} must be numeric, got a string {x!r:.40}")
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as exc:  # ragged lists and the like
        raise ValueError(f"{name} must be array-like of numbers: {exc}") from None
    if arr.dtype.kind not in "biuf":
        raise ValueError(
            f"{name} must be numeric (real numbers), got dtype {arr.dtype}"
        )
    return arr


def float_dtype(*args) -> np.dtype:
    """The float dtype the package computes in for these inputs.

    float32 if numpy's promotion of the inputs gives float32, else float64.
    Python scalars are "weak" (they do not promote a float32 array).
    """
    parts = []
    for a in args:
        if _is_python_scalar(a):
            parts.append(a)
        else:
            arr = np.asarray(a)
            if arr.dtype.kind == "b":
                arr = arr.astype(np.int8)  # bools count as small ints
            parts.append(arr.dtype)
    dt = np.result_type(*parts) if parts else np.dtype(np.float64)
    return np.dtype(np.float32) if dt == np.float32 else np.dtype(np.float64)


def as_float_array(
    x,
    name: str,
    *,
    dtype=None,
    ndim=None,
    finite: bool = False,
    allow_empty: bool = True,
) -> np.ndarray:
    """Convert ``x`` to a float array, checking it; never returns ``x`` itself
    when a conversion was needed, and never modifies ``x``.

    Parameters
    ----------
    x : array_like
        The value to convert.
    name : str
        The argument's name, used in error messages.
    dtype : numpy dtype, optional
        Target float dtype; by default float32 stays float32 and anything else
        becomes float64.
    ndim : int or tuple of int, optional
        Allowed number(s) of dimensions.
    finite : bool
        If true, NaN or infinite entries raise ``ValueError``.
    allow_empty : bool
        If false, an array with no element raises ``ValueError``.
    """
    arr = _raw_array(x, name)
    if dtype is None:
        dtype = np.float32 if arr.dtype == np.float32 else np.float64
    arr = arr.astype(dtype, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(d) for d in allowed)
            raise ValueError(
                f"{name} must have {want} dimension(s), got shape {arr.shape}"
            )
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if finite:
        check_finite(arr, name)
    return arr


def check_finite(arr: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` if ``arr`` holds a NaN or an infinity."""
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")


def check_scalar(
    value,
    name: str,
    *,
    low=None,
    high=None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    integer: bool = False,
    finite: bool = False,
):
    """Check a real scalar parameter and return it as ``float`` (or ``int``).

    Rejects strings, booleans, arrays of size other than one, NaN, and values
    outside ``[low, high]`` (bounds inclusive or not as requested); with
    ``finite``, also infinities.
    """
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise ValueError(f"{name} must be a scalar, got shape {value.shape}")
        value = value.reshape(()).item()
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes)):
        raise ValueError(f"{name} must be a real number, got {value!r:.40}")
    if not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a real number, got {type(value).__name__}")
    if integer:
        if isinstance(value, numbers.Integral):
            value = int(value)
        else:
            raise ValueError(f"{name} must be an integer, got {value!r}")
    else:
        try:
            value = float(value)
        except (OverflowError, TypeError, ValueError):  # e.g. an int beyond float range
            raise ValueError(f"{name} must be a real number within float range") from None
    if value != value:  # NaN
        raise ValueError(f"{name} must not be NaN")
    if finite and value in (float("inf"), float("-inf")):
        raise ValueError(f"{name} must be finite, got {value}")
    if low is not None:
        if value < low or (value == low and not low_inclusive):
            op = ">=" if low_inclusive else ">"
            raise ValueError(f"{name} must be {op} {low}, got {value}")
    if high is not None:
        if value > high or (value == high and not high_inclusive):
            op = "<=" if high_inclusive else "<"
            raise ValueError(f"{name} must be {op} {high}, got {value}")
    return value


def scalar_as(value, dtype) -> np.floating:
    """``value`` (a checked real scalar) as a NumPy scalar of ``dtype``.

    Parameters such as ``beta`` are cast to the dtype the data are computed
    in, as PyTorch does. A value beyond the dtype's range becomes ``inf`` (and a
    tiny one ``0``) silently, instead of NumPy's overflow warning.
    """
    with np.errstate(over="ignore", under="ignore"):
        return np.dtype(dtype).type(value)


def check_choice(value, name: str, choices) -> str:
    """Check that ``value`` is one of ``choices`` (strings)."""
    if not isinstance(value, str) or value not in choices:
        opts = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {opts}, got {value!r:.40}")
    return value


def check_bool(value, name: str) -> bool:
    """Check a flag: ``True`` or ``False`` (a NumPy bool too), returned as ``bool``.

    Anything else, even ``0``, ``1`` or ``"yes"``, raises ``ValueError``: a
    flag given a number is more often a misplaced positional argument than a
    deliberate truth value.
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise ValueError(f"{name} must be True or False, got {value!r:.40}")


def check_X_y(X, y, names=("X", "y")):
    """Check a design matrix and a target for a regression.

    ``X`` must be 2-D with shape (n, p) and ``y`` 1-D with shape (n,), both
    non-empty and finite. Returns ``(X, y, dtype)``: the checked float arrays
    (float32 stays float32, anything else float64; not copied when already
    float) and the float dtype that results should have (:func:`float_dtype`).
    ``names`` are the argument names used in error messages.
    """
    nx, ny = names
    X = as_float_array(X, nx, ndim=2, finite=True, allow_empty=False)
    y = as_float_array(y, ny, ndim=1, finite=True, allow_empty=False)
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"{nx} and {ny} must have the same number of samples: {nx} has shape "
            f"{X.shape}, {ny} has shape {y.shape}"
        )
    return X, y, float_dtype(X, y)


#: The largest count (samples, draws, steps, degree...) a helper accepts: a
#: larger one would allocate or loop for hours; refuse it at once instead.
MAX_COUNT = 10**7


def check_count(value, name: str, *, low: int = 0, high: int = MAX_COUNT) -> int:
    """Check an integer count in ``[low, high]`` and return it as ``int``."""
    return check_scalar(value, name, low=low, high=high, integer=True)


def check_finite_result(value, names: str, what: str = "the result"):
    """Return ``value`` (an array, a scalar, or a list of them) if every entry is
    finite, else raise ``ValueError``.

    For results that over- or underflow although every input was finite:
    ``names`` lists the arguments whose magnitude is to blame (e.g.
    ``"X and y"``), so the message names them.
    """
    parts = value if isinstance(value, (list, tuple)) else [value]
    if not all(np.all(np.isfinite(np.asarray(v, dtype=float))) for v in parts):
        raise ValueError(
            f"{names}: {what} is not representable in floating point "
            "(it over- or underflows); rescale the arguments toward magnitude 1"
        )
    return value
