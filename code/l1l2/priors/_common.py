"""What every module of :mod:`l1l2.priors` shares: argument checks and float limits.

- :func:`_positive` (a finite, strictly positive scalar such as a prior scale or
  ``noise_std``) and :func:`_design` (checked ``X`` and ``y`` in their float
  dtype), on top of ``l1l2._validation``;
- ``_PRIORS``, the two prior families, and ``_FLOAT_MAX``, the float64 limit
  quoted in the overflow messages;
- the exact power-of-two rescaling primitives used where inputs of extreme
  magnitude would over- or underflow (the log-likelihood in
  :mod:`l1l2.priors._densities`, the model weights in
  :mod:`l1l2.priors._spike_slab`): ``_SAFE_LOW`` and ``_SAFE_HIGH`` bound the
  magnitudes computed directly, :func:`_exponent` and :func:`_max_abs` pick the
  power of two.
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_scalar, check_X_y

_PRIORS = ("laplace", "gaussian")
_FLOAT_MAX = float(np.finfo(np.float64).max)
#: Inputs within these magnitudes are computed directly (no over- or underflow
#: is possible on the way); others go through exact power-of-two rescalings
#: (``_densities._log_lik_rescaled``, ``_spike_slab._spike_slab_rescaled``).
_SAFE_LOW, _SAFE_HIGH = 2.0**-200, 2.0**200


# --------------------------------------------------------------------------
# argument helpers
# --------------------------------------------------------------------------
def _positive(value, name: str) -> float:
    """A finite, strictly positive real scalar, as float."""
    value = check_scalar(value, name, low=0.0, low_inclusive=False)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def _design(X, y):
    """Checked (X, y): X of shape (n, p), y of shape (n,), both finite, n, p >= 1."""
    X, y, dt = check_X_y(X, y)
    return X.astype(dt, copy=False), y.astype(dt, copy=False)


# --------------------------------------------------------------------------
# exact power-of-two rescaling
# --------------------------------------------------------------------------
def _exponent(m: float) -> int:
    """``e`` with ``m / 2**e`` in [0.5, 1) (0 for ``m == 0``)."""
    return math.frexp(m)[1] if m > 0 else 0


def _max_abs(a) -> float:
    return float(np.max(np.abs(a))) if np.size(a) else 0.0
