r"""Regression losses and their gradients, with PyTorch's semantics.

Each loss compares a prediction ``input`` with a ``target`` through the
residual :math:`x = \text{input} - \text{target}` and applies a function of
:math:`x` elementwise:

=====================  ==========================================================
``l1_loss``            :math:`|x|`
``mse_loss``           :math:`x^2`
``smooth_l1_loss``     :math:`0.5 x^2/\beta` if :math:`|x| < \beta`, else
                       :math:`|x| - 0.5\beta`
``huber_loss``         :math:`0.5 x^2` if :math:`|x| \le \delta`, else
                       :math:`\delta (|x| - 0.5\delta)`
``pinball_loss``       :math:`\max(-\tau x, (1 - \tau) x)`, the quantile loss
                       :math:`\rho_\tau(r) = r(\tau - 1[r < 0])` of
                       :math:`r = -x = \text{target} - \text{input}`
=====================  ==========================================================

The names, arguments and values are those of :mod:`torch.nn.functional`
(``pinball_loss``, which PyTorch lacks, follows the same conventions):

* ``reduction`` is ``"none"`` (the elementwise losses, an array of the input's
  shape), ``"mean"`` or ``"sum"`` (a Python ``float``).
* ``target`` has the input's shape or is a scalar. PyTorch broadcasts other
  shapes with a warning; here any other pair raises :class:`ValueError`.
* An empty input gives ``0.0`` for ``"sum"`` and ``nan`` for ``"mean"``.
* Float32 input is computed in float32, everything else in float64; mixed
  dtypes follow NumPy's promotion rules (a Python number as ``target`` does
  not promote float32). ``beta`` and ``delta`` are cast to that dtype, as in
  PyTorch.
* ``smooth_l1_loss`` with ``beta=0`` is exactly ``l1_loss``, value and
  gradient.

Every loss has a twin ``<name>_grad`` with the same signature, returning the
derivative of the reduced loss with respect to ``input`` (an array of the
input's shape). With ``reduction="none"`` this is the elementwise derivative,
the gradient of the sum; with ``"mean"`` it is divided by the number of
elements. The values are those of PyTorch's autograd, kinks included: the
derivative of :math:`|x|` at 0 is taken as 0. The one deliberate difference:
where the residual is NaN, every gradient here is NaN (PyTorch returns 0 for the
L1 gradient there, which hides the NaN).

No function modifies its arguments.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_choice, check_scalar, float_dtype, scalar_as

__all__ = [
    "l1_loss",
    "l1_loss_grad",
    "mse_loss",
    "mse_loss_grad",
    "smooth_l1_loss",
    "smooth_l1_loss_grad",
    "huber_loss",
    "huber_loss_grad",
    "pinball_loss",
    "pinball_loss_grad",
    "legacy_reduction",
]

_REDUCTIONS = ("none", "mean", "sum")


# ---------------------------------------------------------------------------
# Shared steps: checking the arguments, evaluating and reducing, scaling the
# gradient.
# ---------------------------------------------------------------------------

# Elements per block when a loss is reduced block by block: two float64 work
# arrays of this length (1 MiB) stay in the CPU cache.
_BLOCK = 2**16


def _input_and_target(input, target, reduction: str):
    """Check the common arguments; return ``input`` and ``target`` as float
    arrays of the dtype to compute in (never modified by the callers)."""
    check_choice(reduction, "reduction", _REDUCTIONS)
    x = as_float_array(input, "input")
    t = as_float_array(target, "target")
    if t.shape != x.shape and t.ndim != 0:
        raise ValueError(
            "target must have the input's shape or be a scalar: "
            f"target has shape {t.shape}, input has shape {x.shape}"
        )
    dtype = float_dtype(input, target)
    return x.astype(dtype, copy=False), t.astype(dtype, copy=False)


def _residual(input, target, reduction: str) -> np.ndarray:
    """Check the arguments and return ``input - target`` as a new array of the
    input's shape, which the caller may overwrite."""
    x, t = _input_and_target(input, target, reduction)
    residual = np.empty(x.shape, dtype=x.dtype)
    np.subtract(x, t, out=residual)
    return residual


def _evaluate(input, target, reduction: str, elementwise_in_place, **params):
    """Value of a loss.

    ``elementwise_in_place(r, work, **params)`` overwrites the residuals ``r``
    with the elementwise losses and returns ``r``; ``work`` is a scratch array
    of the same shape. The scalar ``params`` are first cast to the dtype of
    the computation, as PyTorch does. For ``"mean"`` and ``"sum"`` the residuals are formed
    and reduced block by block, so no full-size temporary array is created;
    the result is the same as reducing the ``"none"`` array, up to rounding.
    """
    x, t = _input_and_target(input, target, reduction)
    params = {name: scalar_as(value, x.dtype) for name, value in params.items()}
    if reduction == "none":
        residual = np.empty(x.shape, dtype=x.dtype)
        np.subtract(x, t, out=residual)
        return elementwise_in_place(residual, np.empty_like(residual), **params)
    n = x.size
    if n == 0:  # as PyTorch: the sum of nothing is 0 and the mean is nan
        return 0.0 if reduction == "sum" else float("nan")
    x = x.reshape(-1)
    t = t.reshape(-1) if t.ndim else t
    block = min(n, _BLOCK)
    residual_block = np.empty(block, dtype=x.dtype)
    work_block = np.empty(block, dtype=x.dtype)
    starts = range(0, n, block)
    block_sums = np.empty(len(starts), dtype=x.dtype)
    for i, start in enumerate(starts):
        stop = min(start + block, n)
        r = residual_block[: stop - start]
        np.subtract(x[start:stop], t[start:stop] if t.ndim else t, out=r)
        block_sums[i] = elementwise_in_place(r, work_block[: stop - start], **params).sum()
    total = block_sums.sum()
    return float(total) if reduction == "sum" else float(total / n)


def _scale_for_mean(grad: np.ndarray, reduction: str) -> np.ndarray:
    """Divide an elementwise gradient by the number of elements for ``"mean"``.

    As in PyTorch, the factor ``1/n`` is formed first and then multiplied in.
    """
    if reduction == "mean" and grad.size > 0:
        grad *= 1.0 / grad.size
    return grad


def _check_beta(beta) -> float:
    return check_scalar(beta, "beta", low=0.0)


def _check_delta(delta) -> float:
    return check_scalar(delta, "delta", low=0.0, low_inclusive=False)


# The elementwise losses, computed in place on an array of residuals r.


def _abs_in_place(r: np.ndarray, work: np.ndarray) -> np.ndarray:
    """|r|."""
    return np.abs(r, out=r)


def _square_in_place(r: np.ndarray, work: np.ndarray) -> np.ndarray:
    """r**2."""
    return np.square(r, out=r)


def _smooth_l1_in_place(r: np.ndarray, work: np.ndarray, beta: float) -> np.ndarray:
    """0.5 r**2 / beta where |r| < beta, else |r| - 0.5 beta; |r| if beta == 0."""
    z = np.abs(r, out=r)
    if beta == 0:
        return z
    # Branch-free form: the linear piece |x| - beta/2 is the tangent of the
    # parabola 0.5 x^2/beta at |x| = beta. Below beta the parabola lies above
    # its tangent; above beta the parabola, capped at |x| = beta, is the
    # constant beta/2, which lies below the line. So the loss is the larger of
    # the line and the capped parabola.
    capped_parabola = np.minimum(z, beta, out=work)
    capped_parabola *= capped_parabola
    capped_parabola *= 0.5
    capped_parabola /= beta
    z -= 0.5 * beta
    return np.maximum(z, capped_parabola, out=z)


def _huber_in_place(r: np.ndarray, work: np.ndarray, delta: float) -> np.ndarray:
    """0.5 r**2 where |r| <= delta, else delta (|r| - 0.5 delta)."""
    z = np.abs(r, out=r)
    # With m = min(|x|, delta) both pieces are m * (|x| - m/2):
    # 0.5 x^2 when |x| <= delta, delta * (|x| - delta/2) otherwise.
    m = np.minimum(z, delta, out=work)
    z -= 0.5 * m
    return np.multiply(m, z, out=z)


# ---------------------------------------------------------------------------
# L1
# ---------------------------------------------------------------------------


def l1_loss(input, target, reduction="mean"):
    r"""L1 loss (absolute error), as :func:`torch.nn.functional.l1_loss`.

    .. math:: \ell(x) = |x|, \qquad x = \text{input} - \text{target}.

    Parameters
    ----------
    input : array_like
        Predictions.
    target : array_like or scalar
        Targets, of the input's shape, or a scalar.
    reduction : {"mean", "sum", "none"}
        ``"none"`` returns the elementwise losses; ``"mean"`` and ``"sum"``
        return their mean or sum.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"`` (``nan`` and ``0.0`` for an empty
        input); for ``"none"`` an array of the input's shape, float32 for
        float32 input, else float64.

    Raises
    ------
    ValueError
        If ``reduction`` is unknown, ``input`` or ``target`` is not numeric,
        or ``target`` has neither the input's shape nor is a scalar.

    Examples
    --------
    >>> yhat = [0.1, 0.2, 0.3, 0.4, 0.5]
    >>> y = [1, 1, 0, 1, 1]
    >>> l1_loss(yhat, y, reduction="sum")
    3.1
    >>> l1_loss(yhat, y, reduction="none")
    array([0.9, 0.8, 0.3, 0.6, 0.5])
    """
    return _evaluate(input, target, reduction, _abs_in_place)


def l1_loss_grad(input, target, reduction="mean"):
    r"""Gradient of :func:`l1_loss` with respect to ``input``.

    .. math:: \frac{\partial \ell}{\partial x} = \operatorname{sign}(x),
              \qquad \operatorname{sign}(0) = 0,

    divided by the number of elements for ``reduction="mean"``. A NaN residual
    gives a NaN gradient (PyTorch gives 0 there).

    Parameters
    ----------
    input, target, reduction
        As for :func:`l1_loss`.

    Returns
    -------
    numpy.ndarray
        The gradient, of the input's shape; float32 for float32 input, else
        float64.

    Raises
    ------
    ValueError
        As for :func:`l1_loss`.

    Examples
    --------
    >>> l1_loss_grad([-2.0, 0.0, 3.0], 0.0, reduction="sum")
    array([-1.,  0.,  1.])
    >>> l1_loss_grad([-2.0, 0.0, 3.0, 1.0], 0.0)  # mean: divided by n = 4
    array([-0.25,  0.  ,  0.25,  0.25])
    """
    residual = _residual(input, target, reduction)
    return _scale_for_mean(np.sign(residual, out=residual), reduction)


# ---------------------------------------------------------------------------
# Squared error
# ---------------------------------------------------------------------------


def mse_loss(input, target, reduction="mean"):
    r"""Squared-error loss, as :func:`torch.nn.functional.mse_loss`.

    .. math:: \ell(x) = x^2, \qquad x = \text{input} - \text{target}.

    With ``reduction="mean"`` this is the mean squared error. Note that there
    is no factor 1/2 here, as in PyTorch.

    Parameters
    ----------
    input : array_like
        Predictions.
    target : array_like or scalar
        Targets, of the input's shape, or a scalar.
    reduction : {"mean", "sum", "none"}
        ``"none"`` returns the elementwise losses; ``"mean"`` and ``"sum"``
        return their mean or sum.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"`` (``nan`` and ``0.0`` for an empty
        input); for ``"none"`` an array of the input's shape.

    Raises
    ------
    ValueError
        If ``reduction`` is unknown, ``input`` or ``target`` is not numeric,
        or ``target`` has neither the input's shape nor is a scalar.

    Examples
    --------
    >>> yhat = [0.1, 0.2, 0.3, 0.4, 0.5]
    >>> y = [1, 1, 0, 1, 1]
    >>> mse_loss(yhat, y, reduction="sum")
    2.15
    >>> mse_loss(yhat, y)
    0.43
    """
    return _evaluate(input, target, reduction, _square_in_place)


def mse_loss_grad(input, target, reduction="mean"):
    r"""Gradient of :func:`mse_loss` with respect to ``input``.

    .. math:: \frac{\partial \ell}{\partial x} = 2x,

    divided by the number of elements for ``reduction="mean"``.

    Parameters
    ----------
    input, target, reduction
        As for :func:`mse_loss`.

    Returns
    -------
    numpy.ndarray
        The gradient, of the input's shape.

    Raises
    ------
    ValueError
        As for :func:`mse_loss`.

    Examples
    --------
    >>> mse_loss_grad([1.0, 2.0], [0.0, 4.0], reduction="sum")
    array([ 2., -4.])
    >>> mse_loss_grad([1.0, 2.0], [0.0, 4.0])
    array([ 1., -2.])
    """
    residual = _residual(input, target, reduction)
    # PyTorch multiplies the residual by one factor, 2 (sum) or 2/n (mean).
    factor = 2.0 / residual.size if reduction == "mean" and residual.size > 0 else 2.0
    residual *= factor
    return residual


# ---------------------------------------------------------------------------
# Smooth L1
# ---------------------------------------------------------------------------


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    r"""Smooth L1 loss, as :func:`torch.nn.functional.smooth_l1_loss`.

    .. math::

        \ell_\beta(x) = \begin{cases}
            0.5\, x^2 / \beta & \text{if } |x| < \beta, \\
            |x| - 0.5\, \beta & \text{otherwise,}
        \end{cases}
        \qquad x = \text{input} - \text{target}.

    Quadratic near zero, linear in the tails; the two pieces meet with the
    same value and slope at :math:`|x| = \beta`. With ``beta=0`` it is exactly
    :func:`l1_loss`; it equals ``huber_loss(..., delta=beta) / beta`` for
    ``beta > 0``.

    Parameters
    ----------
    input : array_like
        Predictions.
    target : array_like or scalar
        Targets, of the input's shape, or a scalar.
    reduction : {"mean", "sum", "none"}
        ``"none"`` returns the elementwise losses; ``"mean"`` and ``"sum"``
        return their mean or sum.
    beta : float, default 1.0
        Where the quadratic piece hands over to the linear one; ``beta >= 0``.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"`` (``nan`` and ``0.0`` for an empty
        input); for ``"none"`` an array of the input's shape.

    Raises
    ------
    ValueError
        If ``reduction`` is unknown, ``beta`` is negative, NaN or not a real
        number, ``input`` or ``target`` is not numeric, or ``target`` has
        neither the input's shape nor is a scalar.

    Examples
    --------
    >>> smooth_l1_loss([1, 5, 3, 0.5], [4, 1, 0, 0.4], reduction="sum", beta=1.0)
    8.505
    >>> smooth_l1_loss([1, 5, 3, 0.5], [4, 1, 0, 0.4], reduction="none")
    array([2.5  , 3.5  , 2.5  , 0.005])
    >>> smooth_l1_loss([-2.0, 0.5], 0.0, reduction="none", beta=0.0)  # plain L1
    array([2. , 0.5])
    """
    beta = _check_beta(beta)
    return _evaluate(input, target, reduction, _smooth_l1_in_place, beta=beta)


def smooth_l1_loss_grad(input, target, reduction="mean", beta=1.0):
    r"""Gradient of :func:`smooth_l1_loss` with respect to ``input``.

    .. math::

        \frac{\partial \ell_\beta}{\partial x} = \begin{cases}
            x / \beta & \text{if } |x| < \beta, \\
            \operatorname{sign}(x) & \text{otherwise,}
        \end{cases}

    that is :math:`\operatorname{clip}(x/\beta, -1, 1)`, divided by the
    number of elements for ``reduction="mean"``. With ``beta=0`` it is the
    L1 gradient :math:`\operatorname{sign}(x)`, with
    :math:`\operatorname{sign}(0) = 0`.

    Parameters
    ----------
    input, target, reduction, beta
        As for :func:`smooth_l1_loss`.

    Returns
    -------
    numpy.ndarray
        The gradient, of the input's shape.

    Raises
    ------
    ValueError
        As for :func:`smooth_l1_loss`.

    Examples
    --------
    >>> smooth_l1_loss_grad([-3.0, -0.5, 0.0, 0.25, 2.0], 0.0, reduction="sum")
    array([-1.  , -0.5 ,  0.  ,  0.25,  1.  ])
    >>> smooth_l1_loss_grad([-3.0, 0.0, 0.25], 0.0, reduction="sum", beta=0.0)
    array([-1.,  0.,  1.])
    """
    beta = _check_beta(beta)
    residual = _residual(input, target, reduction)
    beta = scalar_as(beta, residual.dtype)  # as PyTorch, beta in the data's dtype
    if beta == 0:
        grad = np.sign(residual, out=residual)
    else:
        grad = np.clip(residual, -beta, beta, out=residual)
        grad /= beta  # x/beta inside, exactly -1 or 1 outside
    return _scale_for_mean(grad, reduction)


# ---------------------------------------------------------------------------
# Huber
# ---------------------------------------------------------------------------


def huber_loss(input, target, reduction="mean", delta=1.0):
    r"""Huber loss, as :func:`torch.nn.functional.huber_loss`.

    .. math::

        h_\delta(x) = \begin{cases}
            0.5\, x^2 & \text{if } |x| \le \delta, \\
            \delta\, (|x| - 0.5\, \delta) & \text{otherwise,}
        \end{cases}
        \qquad x = \text{input} - \text{target}.

    Unlike :func:`smooth_l1_loss`, the quadratic piece does not depend on
    ``delta``, so a very large ``delta`` gives half the squared error, and the
    slope of the tails is ``delta``: ``huber_loss(..., delta=d)`` equals
    ``d * smooth_l1_loss(..., beta=d)``.

    Parameters
    ----------
    input : array_like
        Predictions.
    target : array_like or scalar
        Targets, of the input's shape, or a scalar.
    reduction : {"mean", "sum", "none"}
        ``"none"`` returns the elementwise losses; ``"mean"`` and ``"sum"``
        return their mean or sum.
    delta : float, default 1.0
        Where the quadratic piece hands over to the linear one; ``delta > 0``.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"`` (``nan`` and ``0.0`` for an empty
        input); for ``"none"`` an array of the input's shape.

    Raises
    ------
    ValueError
        If ``reduction`` is unknown, ``delta`` is not positive, NaN or not a
        real number, ``input`` or ``target`` is not numeric, or ``target`` has
        neither the input's shape nor is a scalar.

    Examples
    --------
    >>> huber_loss([1, 5, 3, 0.5], [4, 1, 0, 0], reduction="none", delta=2.0)
    array([4.   , 6.   , 4.   , 0.125])
    >>> huber_loss([1, 5, 3, 0.5], [4, 1, 0, 0], reduction="sum", delta=2.0)
    14.125
    """
    delta = _check_delta(delta)
    return _evaluate(input, target, reduction, _huber_in_place, delta=delta)


def huber_loss_grad(input, target, reduction="mean", delta=1.0):
    r"""Gradient of :func:`huber_loss` with respect to ``input``.

    .. math::

        \frac{\partial h_\delta}{\partial x} = \begin{cases}
            x & \text{if } |x| \le \delta, \\
            \delta \operatorname{sign}(x) & \text{otherwise,}
        \end{cases}

    that is :math:`\operatorname{clip}(x, -\delta, \delta)`, divided by the
    number of elements for ``reduction="mean"``.

    Parameters
    ----------
    input, target, reduction, delta
        As for :func:`huber_loss`.

    Returns
    -------
    numpy.ndarray
        The gradient, of the input's shape.

    Raises
    ------
    ValueError
        As for :func:`huber_loss`.

    Examples
    --------
    >>> huber_loss_grad([-3.0, -0.5, 0.0, 2.0], 0.0, reduction="sum", delta=1.0)
    array([-1. , -0.5,  0. ,  1. ])
    """
    delta = _check_delta(delta)
    residual = _residual(input, target, reduction)
    delta = scalar_as(delta, residual.dtype)  # as PyTorch, delta in the data's dtype
    grad = np.clip(residual, -delta, delta, out=residual)
    return _scale_for_mean(grad, reduction)


# ---------------------------------------------------------------------------
# Pinball (quantile) loss
# ---------------------------------------------------------------------------


def _check_tau(tau) -> float:
    return check_scalar(tau, "tau", low=0.0, high=1.0, low_inclusive=False,
                        high_inclusive=False)


def _pinball_in_place(r: np.ndarray, work: np.ndarray, tau: float) -> np.ndarray:
    """max(-tau x, (1 - tau) x) for x = input - target."""
    np.multiply(r, -tau, out=work)
    r *= 1 - tau
    return np.maximum(r, work, out=r)


def pinball_loss(input, target, reduction="mean", tau=0.5):
    r"""Pinball (quantile) loss {Koenker & Bassett 1978}, with PyTorch's conventions.

    With the residual :math:`r = \text{target} - \text{input}` (the book's
    :math:`y - \hat y`),

    .. math::

        \rho_\tau(r) = r\,(\tau - 1[r < 0]) = \begin{cases}
            \tau\, r & r \ge 0, \\
            (\tau - 1)\, r & r < 0,
        \end{cases}

    so under-predictions cost :math:`\tau` per unit and over-predictions
    :math:`1 - \tau`. A constant :math:`c` minimizing
    :math:`\sum_i \rho_\tau(y_i - c)` is a :math:`\tau`-quantile of the
    :math:`y_i`. For :math:`\tau = 1/2`, :math:`\rho_{1/2}(r) = |r|/2`: half
    of :func:`l1_loss`. Unlike the other losses of this module it is not even
    in the residual, so the order of ``input`` and ``target`` matters.
    PyTorch has no such function; the reductions and dtypes are those of the
    other losses here.

    Parameters
    ----------
    input : array_like
        Predictions.
    target : array_like or scalar
        Targets, of the input's shape, or a scalar.
    reduction : {"mean", "sum", "none"}
        As for :func:`l1_loss`.
    tau : float, default 0.5
        The quantile level, :math:`0 < \tau < 1`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"`` (``nan`` and ``0.0`` for an empty
        input); for ``"none"`` an array of the input's shape.

    Raises
    ------
    ValueError
        If ``reduction`` is unknown, ``tau`` is not in (0, 1), ``input`` or
        ``target`` is not numeric, or ``target`` has neither the input's shape
        nor is a scalar.

    Examples
    --------
    >>> pinball_loss([0.0, 0.0], [2.0, -2.0], reduction="none", tau=0.9)
    array([1.8, 0.2])
    >>> pinball_loss([1.0, 5.0], [4.0, 1.0], reduction="sum") == 0.5 * l1_loss(
    ...     [1.0, 5.0], [4.0, 1.0], reduction="sum")
    True
    """
    tau = _check_tau(tau)
    return _evaluate(input, target, reduction, _pinball_in_place, tau=tau)


def pinball_loss_grad(input, target, reduction="mean", tau=0.5):
    r"""Gradient of :func:`pinball_loss` with respect to ``input``.

    With :math:`x = \text{input} - \text{target}`, the derivative is
    :math:`1 - \tau` where :math:`x > 0` (over-prediction), :math:`-\tau`
    where :math:`x < 0`, and 0 at the kink (a subgradient, as autograd takes
    0 for :math:`|x|`), divided by the number of elements for
    ``reduction="mean"``.

    Parameters
    ----------
    input, target, reduction, tau
        As for :func:`pinball_loss`.

    Returns
    -------
    numpy.ndarray
        The gradient, of the input's shape.

    Raises
    ------
    ValueError
        As for :func:`pinball_loss`.

    Examples
    --------
    >>> pinball_loss_grad([1.0, 0.0, -1.0], 0.0, reduction="sum", tau=0.25)
    array([ 0.75,  0.  , -0.25])
    """
    tau = _check_tau(tau)
    residual = _residual(input, target, reduction)
    tau = scalar_as(tau, residual.dtype)
    grad = np.where(residual > 0, 1 - tau, np.where(residual < 0, -tau, 0 * residual))
    grad = grad.astype(residual.dtype, copy=False)
    return _scale_for_mean(grad, reduction)


def legacy_reduction(size_average=None, reduce=None):
    """Translate PyTorch's deprecated ``size_average``/``reduce`` into ``reduction``.

    Before PyTorch 0.4.1 the loss functions took two booleans instead of
    ``reduction=``. Both default to ``None``, read as ``True``; then

    * ``reduce`` false gives ``"none"`` (whatever ``size_average`` says);
    * otherwise ``size_average`` false gives ``"sum"``;
    * otherwise ``"mean"``.

    This is the rule of ``torch.nn._reduction.legacy_get_string``, without
    its deprecation warning.

    Parameters
    ----------
    size_average, reduce : bool or None
        The deprecated arguments.

    Returns
    -------
    str
        ``"none"``, ``"sum"`` or ``"mean"``.

    Raises
    ------
    ValueError
        If an argument is neither a bool nor None.

    Examples
    --------
    >>> legacy_reduction(size_average=False)
    'sum'
    >>> legacy_reduction(size_average=True, reduce=False)
    'none'
    >>> legacy_reduction()
    'mean'
    """
    for name, value in (("size_average", size_average), ("reduce", reduce)):
        if value is not None and not isinstance(value, (bool, np.bool_)):
            raise ValueError(f"{name} must be True, False or None, got {value!r:.40}")
    size_average = True if size_average is None else bool(size_average)
    reduce = True if reduce is None else bool(reduce)
    if not reduce:
        return "none"
    return "mean" if size_average else "sum"
