r"""Optimizers: gradient descent, gradient clipping, and PyTorch's update rules, one step at a time.

Like ``torch.optim``, each function takes the parameters ``w`` and the gradient
``g`` and returns the new parameters (a new array; ``w`` and ``g`` are never
modified):

* :func:`gradient_descent` — the whole trajectory of plain gradient descent
  (fixed or per-step learning rates); :func:`iterations_to_tolerance` — the
  first step after which a trajectory stays within a tolerance of the optimum;
* :func:`clip_by_norm` — ``torch.nn.utils.clip_grad_norm_``'s rule;
* :func:`sgd_step`, :func:`adam_step`, :func:`adamw_step` — one step of
  ``torch.optim.SGD`` (no momentum), ``Adam`` and ``AdamW``, in torch's order of
  operations; the ``state`` dict of the Adam steps is the one mutable argument,
  updated in place on purpose;
* :func:`sgd_momentum_step` — one step of ``torch.optim.SGD`` with momentum
  (``dampening=0``, ``nesterov=False``): ``weight_decay`` is an L2 term in the
  gradient, accumulated in the momentum buffer;
* :func:`sgdw_step` — SGD with momentum and *decoupled* weight decay (SGDW,
  Loshchilov & Hutter 2019, Algorithm 1, with the learning rate as PyTorch
  places it): the decay multiplies ``w`` outside the buffer;
* :func:`prox_l1_step` — one proximal-gradient (ISTA) step for an L1 penalty.

References: Pascanu, Mikolov & Bengio (2013) for clipping; Kingma & Ba (2015)
and Loshchilov & Hutter (2019) for Adam and AdamW; Beck & Teboulle (2009) for
ISTA.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import (
    MAX_COUNT,
    as_float_array,
    check_count,
    check_finite_result,
    check_scalar,
    float_dtype,
)
from .penalties import soft_threshold

__all__ = [
    "gradient_descent",
    "iterations_to_tolerance",
    "clip_by_norm",
    "sgd_step",
    "adam_step",
    "adamw_step",
    "sgd_momentum_step",
    "sgdw_step",
    "prox_l1_step",
]


def gradient_descent(grad, w0, lr, n_steps) -> np.ndarray:
    r"""Plain gradient descent, returning the whole trajectory.

    .. math:: w_{k+1} = w_k - \eta_k\,\nabla f(w_k), \qquad k = 0, \dots, n_\text{steps}-1,

    with a fixed step :math:`\eta_k = \text{lr}` when ``lr`` is a number, or
    the per-step learning rates :math:`\eta_k = \text{lr}[k]` when it is a
    sequence (a decaying schedule such as :math:`\eta_k = \eta_0/\sqrt{k+1}`
    turns subgradient descent into Shor's subgradient method, which converges
    on non-smooth convex problems where a fixed step only oscillates).

    Parameters
    ----------
    grad : callable
        ``grad(w)`` returns the gradient (or a subgradient) at ``w``, an
        array of ``w0``'s shape. It receives a copy, so it cannot alter the
        trajectory.
    w0 : array_like
        Starting point (any shape, non-empty, finite). Not modified.
    lr : float or 1-D array_like of length ``n_steps``
        Step size, ``lr >= 0``; or one step size per step, each finite and
        ``>= 0``. A sequence is copied, never modified.
    n_steps : int
        Number of steps, ``>= 0``.

    Returns
    -------
    ndarray of shape (n_steps + 1, *w0.shape)
        Row ``k`` is :math:`w_k`; row 0 is ``w0``. A too-large ``lr`` may
        diverge to inf/nan: that is returned as is, without warnings.

    Raises
    ------
    ValueError
        ``grad`` not callable or returning the wrong shape, ``w0`` empty or
        non-finite, ``lr < 0`` or NaN, a sequence ``lr`` that is not 1-D, not
        of length ``n_steps``, or with a negative or non-finite entry,
        ``n_steps`` not a non-negative integer.

    Examples
    --------
    On :math:`f(w) = w^2` each step multiplies :math:`w` by :math:`1 - 2\,\text{lr}`:

    >>> from l1l2.optim import gradient_descent
    >>> gradient_descent(lambda w: 2 * w, 1.0, lr=0.25, n_steps=3)
    array([1.   , 0.5  , 0.25 , 0.125])

    Per-step learning rates, here :math:`\eta_k = 0.5/(k+1)` on :math:`f(w) = |w|`:

    >>> import numpy as np
    >>> gradient_descent(np.sign, 1.0, lr=[0.5, 0.25, 0.125], n_steps=3)
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    if not callable(grad):
        raise ValueError(f"grad must be callable, got {type(grad).__name__}")
    w0 = as_float_array(w0, "w0", finite=True, allow_empty=False)
    n_steps = check_count(n_steps, "n_steps")
    if (n_steps + 1) * w0.size > MAX_COUNT:
        raise ValueError(f"n_steps is too large: the trajectory would hold more than "
                         f"{MAX_COUNT} numbers")
    if np.ndim(lr) == 0 and not isinstance(lr, (list, tuple)):
        steps = [check_scalar(lr, "lr", low=0, finite=True)] * n_steps
    else:
        lr_seq = as_float_array(lr, "lr", dtype=np.float64, ndim=1, finite=True)
        if lr_seq.shape[0] != n_steps:
            raise ValueError(
                f"lr must be a number or a sequence of n_steps = {n_steps} learning rates, "
                f"got {lr_seq.shape[0]}"
            )
        if np.any(lr_seq < 0):
            raise ValueError("lr must contain only learning rates >= 0")
        steps = lr_seq.tolist()
    traj = np.empty((n_steps + 1, *w0.shape), dtype=w0.dtype)
    traj[0] = w0
    w = w0.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(n_steps):
            g = grad(w.copy())
            try:
                g = np.asarray(g, dtype=w.dtype)
            except (TypeError, ValueError):
                raise ValueError("grad(w) must return a numeric array") from None
            if g.shape != w.shape:
                raise ValueError(
                    f"grad(w) must return an array of shape {w.shape}, got shape {g.shape}"
                )
            if not np.all(np.isfinite(g)) and np.all(np.isfinite(w)):
                raise ValueError(f"grad returned a non-finite gradient at step {k}, "
                                 "at a finite w")
            w = w - steps[k] * g
            traj[k + 1] = w
    return traj


def iterations_to_tolerance(trajectory, target, tol):
    r"""The first step after which every iterate stays within ``tol`` of ``target``.

    For iterates :math:`w^{(0)}, \dots, w^{(K)}` (the rows of ``trajectory``)
    it returns the smallest :math:`k` with
    :math:`\lVert w^{(j)} - w^\star\rVert_2 \le \text{tol}` for all
    :math:`j \ge k`, or ``None`` when the last iterate is still outside. An
    iterate that only passes through the ball (as fixed-step subgradient
    descent does) does not count.

    Parameters
    ----------
    trajectory : array_like, shape (K + 1, ...)
        The iterates, as returned by :func:`gradient_descent`.
    target : array_like
        The optimum :math:`w^\star`, of the shape of one iterate (or a scalar).
    tol : float
        Tolerance, ``> 0``.

    Returns
    -------
    int or None

    Raises
    ------
    ValueError
        For an empty trajectory, a target of another shape, or ``tol <= 0``.

    Examples
    --------
    >>> iterations_to_tolerance([[4.0], [2.0], [0.5], [0.1], [0.05]], 0.0, tol=0.2)
    3
    >>> iterations_to_tolerance([[1.0], [-0.1], [0.3]], 0.0, tol=0.2) is None
    True
    """
    traj = as_float_array(trajectory, "trajectory", allow_empty=False)
    if traj.ndim == 0:
        raise ValueError("trajectory must have one row per iterate, got a scalar")
    tgt = as_float_array(target, "target")
    if tgt.ndim and tgt.shape != traj.shape[1:]:
        raise ValueError(f"target must have the shape of one iterate of trajectory "
                         f"{traj.shape[1:]}, got {tgt.shape}")
    tol = check_scalar(tol, "tol", low=0, low_inclusive=False)
    with np.errstate(over="ignore"):  # a distance beyond float range is inf: outside
        dist = np.linalg.norm((traj - tgt).reshape(len(traj), -1), axis=1)
    outside = np.flatnonzero(~(dist <= tol))  # NaN counts as outside
    if outside.size == 0:
        return 0
    last = int(outside[-1])
    return None if last == len(traj) - 1 else last + 1


def clip_by_norm(g, max_norm) -> np.ndarray:
    r"""Gradient clipping by the Euclidean norm, PyTorch's ``clip_grad_norm_`` rule.

    .. math::

        \operatorname{clip}(g) = g \cdot \min\Bigl(1,\
        \frac{\text{max\_norm}}{\lVert g\rVert_2 + 10^{-6}}\Bigr)

    The direction is kept and only the length is capped, at (just under)
    ``max_norm``; a gradient already shorter is returned unchanged (as a new
    array). The :math:`10^{-6}` is PyTorch's guard against a zero norm. This
    is the remedy of Pascanu, Mikolov & Bengio (2013) for exploding gradients.

    Parameters
    ----------
    g : array_like
        A gradient (any shape, non-empty, finite). Not modified. Its norm is
        taken over all entries, as ``clip_grad_norm_`` does over all
        parameters.
    max_norm : float
        Largest allowed norm, ``max_norm > 0``.

    Returns
    -------
    ndarray
        The clipped gradient, a new array of ``g``'s shape and float dtype.

    Raises
    ------
    ValueError
        If ``g`` is empty or non-finite, or ``max_norm`` is not a positive number.

    Examples
    --------
    >>> from l1l2.optim import clip_by_norm
    >>> clip_by_norm([30.0, 40.0], max_norm=1.0).round(6)      # norm 50 -> 1
    array([0.6, 0.8])
    >>> clip_by_norm([0.3, 0.4], max_norm=1.0)                 # short: unchanged
    array([0.3, 0.4])
    """
    g = as_float_array(g, "g", finite=True, allow_empty=False)
    max_norm = check_scalar(max_norm, "max_norm", low=0, low_inclusive=False, finite=True)
    with np.errstate(over="ignore", under="ignore"):
        norm = float(np.sqrt(np.sum(np.square(g, dtype=np.float64))))
    if not (1e-150 < norm < 1e150):  # squares over- or underflow: scale first, as hypot does
        m = float(np.max(np.abs(g.astype(np.float64))))
        norm = m * float(np.sqrt(np.sum(np.square(g / m, dtype=np.float64)))) if m else 0.0
    coef = max_norm / (norm + 1e-6)
    if coef < 1.0:
        return (g * coef).astype(g.dtype, copy=False)
    return g.copy()


def _check_wg(w, g):
    w = as_float_array(w, "w", finite=True, allow_empty=False)
    g = as_float_array(g, "g", finite=True, allow_empty=False)
    if w.shape != g.shape:
        raise ValueError(f"w and g must have the same shape, got w {w.shape} and g {g.shape}")
    dt = float_dtype(w, g)
    return w.astype(dt, copy=False), g.astype(dt, copy=False)


def sgd_step(w, g, lr, weight_decay=0.0) -> np.ndarray:
    r"""One step of ``torch.optim.SGD`` (no momentum).

    .. math:: w \leftarrow w - \text{lr}\,(g + \text{weight\_decay}\cdot w)

    Parameters
    ----------
    w : array_like
        Current parameters (not modified).
    g : array_like
        Gradient at ``w``, same shape.
    lr : float
        Learning rate, ``>= 0``.
    weight_decay : float, default 0.0
        L2 coefficient added to the gradient, ``>= 0``.

    Returns
    -------
    ndarray
        The new parameters (a new array).

    Raises
    ------
    ValueError
        Shape mismatch, empty or non-finite ``w``/``g``, negative or NaN
        ``lr``/``weight_decay``.

    Examples
    --------
    >>> from l1l2.optim import sgd_step
    >>> sgd_step([1.0, -2.0], [0.5, 0.5], lr=0.1, weight_decay=0.1)
    array([ 0.94, -2.03])
    """
    w, g = _check_wg(w, g)
    lr = check_scalar(lr, "lr", low=0, finite=True)
    weight_decay = check_scalar(weight_decay, "weight_decay", low=0, finite=True)
    if weight_decay != 0:
        with np.errstate(over="ignore", invalid="ignore"):  # refused in _adam_update
            g = g + weight_decay * w
    return np.asarray(w - lr * g)


def _check_adam(w, g, state, lr, betas, eps, weight_decay):
    w, g = _check_wg(w, g)
    if not isinstance(state, dict):
        raise ValueError(
            f"state must be a dict (empty on the first call), got {type(state).__name__}"
        )
    lr = check_scalar(lr, "lr", low=0, finite=True)
    eps = check_scalar(eps, "eps", low=0, finite=True)
    weight_decay = check_scalar(weight_decay, "weight_decay", low=0, finite=True)
    try:
        pair = not isinstance(betas, (str, bytes)) and np.ndim(betas) == 1 and len(betas) == 2
    except (ValueError, TypeError):  # a ragged sequence
        pair = False
    if not pair:
        raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r:.40}")
    beta1 = check_scalar(betas[0], "betas[0]", low=0, high=1, high_inclusive=False, finite=True)
    beta2 = check_scalar(betas[1], "betas[1]", low=0, high=1, high_inclusive=False, finite=True)
    if state:
        if not {"step", "m", "v"} <= state.keys():
            raise ValueError("state must be empty or hold 'step', 'm' and 'v'")
        step = check_scalar(state["step"], "state['step']", low=0, integer=True)
        m = as_float_array(state["m"], "state['m']").astype(w.dtype, copy=False)
        v = as_float_array(state["v"], "state['v']").astype(w.dtype, copy=False)
        if m.shape != w.shape or v.shape != w.shape:
            raise ValueError(
                f"state['m'] and state['v'] must have w's shape {w.shape}, "
                f"got {m.shape} and {v.shape}"
            )
    else:
        step, m, v = 0, np.zeros_like(w), np.zeros_like(w)
    return w, g, lr, beta1, beta2, eps, weight_decay, step, m, v


def _adam_update(w, g, state, lr, beta1, beta2, eps, step, m, v):
    """The moment updates and step of torch.optim.Adam, in torch's order of operations."""
    step += 1
    # m.lerp_(g, 1 - beta1): torch's lerp formula switches form at weight 0.5
    wt = 1.0 - beta1
    with np.errstate(over="ignore", invalid="ignore"):  # refused below
        m = m + wt * (g - m) if wt < 0.5 else g - (g - m) * (1.0 - wt)
        v = v * beta2 + (1.0 - beta2) * (g * g)
    bias_correction1 = 1.0 - beta1**step
    bias_correction2 = 1.0 - beta2**step
    step_size = lr / bias_correction1
    with np.errstate(over="ignore", invalid="ignore"):
        denom = np.sqrt(v) / math.sqrt(bias_correction2) + eps
    # eps = 0 and v = 0 (a coordinate whose gradients were all 0, so m = 0 too):
    # torch gives 0/0 = nan; the limit eps -> 0 is no move, which is returned
    ratio = np.divide(m, denom, out=np.zeros_like(m), where=denom != 0)
    with np.errstate(over="ignore", invalid="ignore"):
        w_new = np.asarray(w + (-step_size) * ratio)
    check_finite_result([m, v, w_new], "w, g, lr and weight_decay", "the Adam update")
    state["step"] = step
    state["m"] = m
    state["v"] = v
    return w_new


def adam_step(w, g, state, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    r"""One step of ``torch.optim.Adam`` (``amsgrad=False``).

    With :math:`g \leftarrow g + \text{weight\_decay}\cdot w` (an L2 term in the
    gradient) and step count :math:`k` (from 1):

    .. math::
        m &\leftarrow \beta_1 m + (1-\beta_1) g, \qquad
        v \leftarrow \beta_2 v + (1-\beta_2) g^2, \\
        w &\leftarrow w - \frac{\text{lr}}{1-\beta_1^k}\,
             \frac{m}{\sqrt{v}/\sqrt{1-\beta_2^k} + \varepsilon}.

    Parameters
    ----------
    w, g : array_like
        Parameters and gradient, same shape. Neither is modified.
    state : dict
        ``{}`` on the first call; then holds ``step`` (int), ``m`` and ``v``.
        **Updated in place** (the one mutable argument of this module).
    lr : float, default 1e-3
    betas : (float, float), default (0.9, 0.999)
        Each in [0, 1).
    eps : float, default 1e-8
    weight_decay : float, default 0.0

    Returns
    -------
    ndarray
        The new parameters.

    Raises
    ------
    ValueError
        Shape mismatch, empty or non-finite arrays, a bad hyper-parameter or a
        malformed ``state``; ``state`` is then left untouched.

    Examples
    --------
    The first step moves each coordinate by about ``lr`` against the sign of ``g``:

    >>> from l1l2.optim import adam_step
    >>> state = {}
    >>> w = adam_step([1.0, 1.0], [0.5, -2.0], state, lr=0.1)
    >>> print(w.round(6), state["step"])
    [0.9 1.1] 1
    """
    w, g, lr, beta1, beta2, eps, weight_decay, step, m, v = _check_adam(
        w, g, state, lr, betas, eps, weight_decay
    )
    if weight_decay != 0:
        with np.errstate(over="ignore", invalid="ignore"):  # refused in _adam_update
            g = g + weight_decay * w
    return _adam_update(w, g, state, lr, beta1, beta2, eps, step, m, v)


def adamw_step(w, g, state, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
    r"""One step of ``torch.optim.AdamW``: Adam with decoupled weight decay.

    First :math:`w \leftarrow (1 - \text{lr}\cdot\text{weight\_decay})\,w`, then
    the Adam update of :func:`adam_step` with the raw gradient (the decay does
    not enter :math:`m` and :math:`v`).

    Parameters
    ----------
    w, g : array_like
        Parameters and gradient, same shape. Neither is modified.
    state : dict
        ``{}`` on the first call; **updated in place** (``step``, ``m``, ``v``).
    lr : float, default 1e-3
    betas : (float, float), default (0.9, 0.999)
    eps : float, default 1e-8
    weight_decay : float, default 1e-2

    Returns
    -------
    ndarray
        The new parameters.

    Raises
    ------
    ValueError
        As :func:`adam_step`.

    Examples
    --------
    With a zero gradient only the decay acts: :math:`w (1 - 0.1 \cdot 0.5)`:

    >>> from l1l2.optim import adamw_step
    >>> print(adamw_step([2.0], [0.0], {}, lr=0.1, weight_decay=0.5))
    [1.9]
    """
    w, g, lr, beta1, beta2, eps, weight_decay, step, m, v = _check_adam(
        w, g, state, lr, betas, eps, weight_decay
    )
    with np.errstate(over="ignore", invalid="ignore"):
        w = w * (1.0 - lr * weight_decay)
    return _adam_update(w, g, state, lr, beta1, beta2, eps, step, m, v)


def _check_momentum(w, g, state, lr, momentum, weight_decay):
    w, g = _check_wg(w, g)
    if not isinstance(state, dict):
        raise ValueError(
            f"state must be a dict (empty on the first call), got {type(state).__name__}"
        )
    lr = check_scalar(lr, "lr", low=0, finite=True)
    momentum = check_scalar(momentum, "momentum", low=0, high=1, high_inclusive=False,
                            finite=True)
    weight_decay = check_scalar(weight_decay, "weight_decay", low=0, finite=True)
    buf = None
    if state:
        if "momentum_buffer" not in state:
            raise ValueError("state must be empty or hold 'momentum_buffer'")
        buf = as_float_array(state["momentum_buffer"], "state['momentum_buffer']",
                             finite=True).astype(w.dtype, copy=False)
        if buf.shape != w.shape:
            raise ValueError(f"state['momentum_buffer'] must have w's shape {w.shape}, "
                             f"got {buf.shape}")
    return w, g, lr, momentum, weight_decay, buf


def _momentum_update(w, d, state, lr, momentum, buf, decay):
    """buf <- momentum * buf + d (buf = d on the first step); w <- decay * w - lr * buf."""
    with np.errstate(over="ignore", invalid="ignore"):  # refused below
        buf = d.copy() if buf is None else buf * momentum + d
        w_new = np.asarray(w * decay - lr * buf if decay != 1.0 else w - lr * buf)
    check_finite_result([buf, w_new], "w, g, lr and weight_decay", "the momentum update")
    state["momentum_buffer"] = buf
    return w_new


def sgd_momentum_step(w, g, state, lr, momentum=0.9, weight_decay=0.0) -> np.ndarray:
    r"""One step of ``torch.optim.SGD`` with momentum (``dampening=0``, no Nesterov).

    The L2 term is added to the gradient and so enters the momentum buffer
    :math:`b` (on the first call :math:`b = d`):

    .. math::
        d &= g + \text{weight\_decay}\cdot w, \qquad
        b \leftarrow \beta b + d, \\
        w &\leftarrow w - \text{lr}\, b .

    A fixed point has :math:`b = 0`, hence :math:`g + \text{weight\_decay}\cdot w = 0`:
    the minimizer of the loss plus :math:`\frac{\text{weight\_decay}}{2}\lVert w\rVert_2^2`,
    whatever the momentum :math:`\beta`.

    Parameters
    ----------
    w, g : array_like
        Parameters and gradient, same shape. Neither is modified.
    state : dict
        ``{}`` on the first call; then holds ``momentum_buffer``. **Updated in
        place** (left untouched when the input is refused).
    lr : float
        Learning rate, ``>= 0``.
    momentum : float, default 0.9
        :math:`\beta \in [0, 1)`.
    weight_decay : float, default 0.0
        L2 coefficient added to the gradient, ``>= 0``.

    Returns
    -------
    ndarray
        The new parameters.

    Raises
    ------
    ValueError
        Shape mismatch, empty or non-finite arrays, a bad hyper-parameter, a
        malformed ``state`` or an update that overflows.

    Examples
    --------
    Two steps on a constant gradient 1: the buffer grows to :math:`1 + \beta`:

    >>> from l1l2.optim import sgd_momentum_step
    >>> state = {}
    >>> w = sgd_momentum_step([0.0], [1.0], state, lr=0.1, momentum=0.5)
    >>> w = sgd_momentum_step(w, [1.0], state, lr=0.1, momentum=0.5)
    >>> print(w.round(6), state["momentum_buffer"])
    [-0.25] [1.5]
    """
    w, g, lr, momentum, weight_decay, buf = _check_momentum(w, g, state, lr, momentum,
                                                            weight_decay)
    with np.errstate(over="ignore", invalid="ignore"):  # refused in _momentum_update
        d = g + weight_decay * w if weight_decay != 0 else g
    return _momentum_update(w, d, state, lr, momentum, buf, 1.0)


def sgdw_step(w, g, state, lr, momentum=0.9, weight_decay=0.0) -> np.ndarray:
    r"""One step of SGD with momentum and decoupled weight decay (SGDW).

    The buffer :math:`b` sees only the loss gradient; the decay multiplies
    ``w`` outside it (on the first call :math:`b = g`):

    .. math::
        b \leftarrow \beta b + g, \qquad
        w \leftarrow (1 - \text{lr}\cdot\text{weight\_decay})\, w - \text{lr}\, b .

    This is Algorithm 1 of Loshchilov & Hutter (2019) with PyTorch's placement
    of the learning rate (the paper's buffer holds :math:`\eta_t\alpha g` and its
    decay is :math:`\eta_t\lambda`, without :math:`\alpha`). At a fixed point
    :math:`b = g/(1-\beta)`, so :math:`g + (1-\beta)\,\text{weight\_decay}\cdot w = 0`:
    the L2 minimizer for the coefficient :math:`(1-\beta)\,\text{weight\_decay}`,
    not ``weight_decay``.

    Parameters
    ----------
    w, g, state, lr, momentum, weight_decay
        As :func:`sgd_momentum_step`.

    Returns
    -------
    ndarray
        The new parameters.

    Raises
    ------
    ValueError
        As :func:`sgd_momentum_step`.

    Examples
    --------
    With a zero gradient only the decay acts, :math:`w (1 - 0.1\cdot 0.5)`:

    >>> from l1l2.optim import sgdw_step
    >>> print(sgdw_step([2.0], [0.0], {}, lr=0.1, momentum=0.9, weight_decay=0.5))
    [1.9]
    """
    w, g, lr, momentum, weight_decay, buf = _check_momentum(w, g, state, lr, momentum,
                                                            weight_decay)
    return _momentum_update(w, g, state, lr, momentum, buf, 1.0 - lr * weight_decay)


def prox_l1_step(w, g, lr, alpha) -> np.ndarray:
    r"""One proximal-gradient step for an L1 penalty (ISTA / proximal SGD).

    For an objective :math:`f(w) + \alpha\lVert w\rVert_1` with :math:`g` the
    gradient (or a minibatch estimate of it) of the smooth part :math:`f` at
    :math:`w`: a gradient step on :math:`f`, then soft thresholding by
    :math:`\text{lr}\cdot\alpha`,

    .. math::

        w \leftarrow S_{\text{lr}\,\alpha}(w - \text{lr}\,g),
        \qquad S_t(z) = \operatorname{sign}(z)\max(\lvert z\rvert - t, 0).

    Unlike a subgradient step :math:`w - \text{lr}\,(g + \alpha\operatorname{sign}(w))`,
    it sets to exactly 0 every coordinate with
    :math:`\lvert w_j - \text{lr}\,g_j\rvert \le \text{lr}\,\alpha`. Iterated with
    the full gradient and :math:`\text{lr} \le 1/L` (:math:`L` the Lipschitz
    constant of :math:`\nabla f`) it is ISTA and converges to a minimizer
    (Beck & Teboulle 2009).

    Parameters
    ----------
    w : array_like
        Current parameters (not modified).
    g : array_like
        Gradient of the smooth part at ``w``, same shape.
    lr : float
        Learning rate, ``>= 0``.
    alpha : float
        L1 strength :math:`\alpha \ge 0` (the book's :math:`\lambda`).

    Returns
    -------
    ndarray
        The new parameters (a new array).

    Raises
    ------
    ValueError
        Shape mismatch, empty or non-finite ``w``/``g``, negative or NaN
        ``lr``/``alpha``.

    Examples
    --------
    >>> from l1l2.optim import prox_l1_step
    >>> prox_l1_step([1.0, 0.05, -2.0], [0.0, 0.0, 1.0], lr=0.5, alpha=0.2)
    array([ 0.9,  0. , -2.4])
    """
    w, g = _check_wg(w, g)
    lr = check_scalar(lr, "lr", low=0, finite=True)
    alpha = check_scalar(alpha, "alpha", low=0, finite=True)
    return soft_threshold(w - lr * g, lr * alpha)
