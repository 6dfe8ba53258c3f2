r"""Checkers for the optimization exercises: gradient clipping and the proximal L1 step.

- :func:`check_clip_by_norm`: a reader's ``clip_by_norm(g, max_norm)``,
  gradient clipping by the norm (PyTorch's ``clip_grad_norm_``);
- :func:`check_prox_l1_step`: a reader's ``prox_l1_step(w, g, lr, alpha)``,
  one proximal-gradient (ISTA) step.
"""

from __future__ import annotations

import numpy as np

from ._core import check_cases, check_elementwise

__all__ = ["check_clip_by_norm", "check_prox_l1_step"]


def _clip_by_norm(g, m):
    norm = float(np.sqrt(np.sum(np.square(g))))
    return g * min(1.0, m / (norm + 1e-6))


def check_clip_by_norm(fn, *, quiet=False):
    r"""Check a reader's ``clip_by_norm(g, max_norm)``, gradient clipping by the norm.

    .. math::

        \operatorname{clip}(g) = g\cdot\min\Bigl(1,\ \frac{\text{max\_norm}}{\lVert g\rVert_2}\Bigr)

    (PyTorch's ``clip_grad_norm_`` adds :math:`10^{-6}` to the norm; both
    versions are accepted.) The direction of ``g`` is kept, only a gradient
    longer than ``max_norm`` is shortened, to length ``max_norm``. Called on
    vectors longer and shorter than ``max_norm`` in {1, 0.5, 3}, a zero vector
    and a 2-D array (whose norm is over all entries). Diagnosed: clipping each
    entry to :math:`[-m, m]` (clipping by value), rescaling short gradients up
    to length :math:`m`, dividing by the squared norm, forgetting the factor
    :math:`m`, returning the gradient unchanged, an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(g, max_norm) -> ndarray`` of ``g``'s shape.
    quiet : bool
        If false (default), print ``"clip_by_norm: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_clip_by_norm, AnswerError
    >>> def clip(g, m):
    ...     return g * min(1.0, m / np.linalg.norm(g)) if np.any(g) else g.copy()
    >>> check_clip_by_norm(clip)
    clip_by_norm: correct.
    >>> try:
    ...     check_clip_by_norm(lambda g, m: np.clip(g, -m, m))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    clipping by value
    """
    cases = [
        (np.array([3.0, -4.0]), 1.0),
        (np.array([0.3, 0.4]), 1.0),
        (np.array([12.0, -0.5, 0.2, 9.0]), 0.5),
        (np.array([0.1, -0.2, 0.05, 0.0]), 0.5),
        (np.array([2.0, 2.0, -1.0]), 3.0),
        (np.zeros(3), 1.0),
        (np.array([[30.0, 0.0], [0.0, -40.0]]), 3.0),
    ]

    def unit(g, m):
        return g * (m / np.sqrt(np.sum(np.square(g))))

    candidates = [
        ("clipping by value: np.clip(g, -max_norm, max_norm) caps each entry and changes "
         "the direction; clip the norm: multiply the whole g by max_norm / ||g||.",
         lambda g, m: np.clip(g, -m, m)),
        ("a gradient shorter than max_norm must stay unchanged; you rescaled every "
         "gradient to length max_norm (use min(1, max_norm / ||g||)).", unit),
        ("divided by the squared norm: the factor is max_norm / ||g||, with the norm "
         "itself (np.linalg.norm or the square root of the sum of squares).",
         lambda g, m: g * min(1.0, m / max(np.sum(np.square(g)), 1e-300))),
        ("forgot the factor max_norm: g / ||g|| has length 1, not max_norm.",
         lambda g, m: g * min(1.0, 1.0 / max(np.sqrt(np.sum(np.square(g))), 1e-300))),
        ("your function returns g unchanged: long gradients must be shortened to max_norm.",
         lambda g, m: g.copy()),
    ]
    check_elementwise(
        fn, fname="clip_by_norm", pname="max_norm", cases=cases, reference=_clip_by_norm,
        candidates=candidates,
        nan_hint=("Dividing by the norm of a zero gradient gives 0/0: a zero gradient is "
                  "short, leave it unchanged (or add a tiny number to the norm)."),
        quiet=quiet)


def _prox_l1_step(w, g, lr, alpha):
    z = w - lr * g
    return np.sign(z) * np.maximum(np.abs(z) - lr * alpha, 0.0)


def check_prox_l1_step(fn, *, quiet=False):
    r"""Check a reader's ``prox_l1_step(w, g, lr, alpha)``: one proximal-gradient step.

    .. math::

        w \leftarrow S_{\text{lr}\,\alpha}(w - \text{lr}\,g),\qquad
        S_t(z) = \operatorname{sign}(z)\max(\lvert z\rvert - t, 0),

    a gradient step on the smooth loss followed by soft thresholding (ISTA,
    proximal SGD); the reference is :func:`l1l2.optim.prox_l1_step`. Called
    on four cases with coordinates that end exactly at 0, that cross 0, and
    that only shrink. Diagnosed: a subgradient step
    :math:`w - \text{lr}(g + \alpha\operatorname{sign}(w))`, a threshold
    :math:`\alpha` instead of :math:`\text{lr}\,\alpha`, thresholding before
    the gradient step, hard thresholding (small entries zeroed, the others not
    shrunk), the gradient step forgotten, the gradient added instead of
    subtracted, clipping instead of shrinking, an input modified in place.

    Parameters
    ----------
    fn : callable
        ``fn(w, g, lr, alpha) -> ndarray`` of ``w``'s shape.
    quiet : bool
        If false (default), print ``"prox_l1_step: correct."`` on success.

    Raises
    ------
    AnswerError
        If ``fn`` is wrong, with the likely mistake.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.exercises import check_prox_l1_step, AnswerError
    >>> from l1l2.optim import prox_l1_step
    >>> check_prox_l1_step(prox_l1_step)
    prox_l1_step: correct.
    >>> try:
    ...     check_prox_l1_step(lambda w, g, lr, a: w - lr * (g + a * np.sign(w)))
    ... except AnswerError as e:
    ...     print(str(e).split(":")[1].strip())
    a subgradient step
    """
    cases = [
        (np.array([1.0, 0.05, -2.0, -0.1]), np.array([0.0, 0.0, 1.0, -0.3]), 0.5, 0.2),
        (np.array([0.3, -0.3, 0.02, 4.0, 0.0]), np.array([2.0, -2.0, 0.1, 3.0, 0.05]), 0.1, 1.0),
        (np.array([[0.5, -0.25], [0.01, 1.5]]), np.array([[1.0, 1.0], [-1.0, 0.5]]), 0.2, 0.5),
        (np.array([2.0, -1.0, 0.4]), np.array([0.5, 0.5, 0.5]), 0.01, 3.0),
    ]

    def soft(z, t):
        return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)

    def hard(z, t):
        return np.where(np.abs(z) > t, z, 0.0)

    candidates = [
        ("a subgradient step: w - lr * (g + alpha * sign(w)) never lands exactly on 0; "
         "take the gradient step on the loss only, then soft-threshold the result.",
         lambda w, g, lr, a: w - lr * (g + a * np.sign(w))),
        ("the threshold is lr * alpha, not alpha: the step size multiplies the penalty too.",
         lambda w, g, lr, a: soft(w - lr * g, a)),
        ("thresholding before the gradient step: first z = w - lr * g, then S(z).",
         lambda w, g, lr, a: soft(w, lr * a) - lr * g),
        ("hard thresholding: entries above the threshold must also shrink by lr * alpha "
         "(soft thresholding), not stay as they are.",
         lambda w, g, lr, a: hard(w - lr * g, lr * a)),
        ("the gradient step is missing: threshold w - lr * g, not w.",
         lambda w, g, lr, a: soft(w, lr * a)),
        ("sign error: the gradient step goes against the gradient, w - lr * g.",
         lambda w, g, lr, a: soft(w + lr * g, lr * a)),
        ("that is clipping to [-t, t] (the projection); soft thresholding is z minus that "
         "projection: sign(z) * max(|z| - t, 0).",
         lambda w, g, lr, a: np.clip(w - lr * g, -lr * a, lr * a)),
    ]
    check_cases(fn, fname="prox_l1_step", cases=cases, reference=_prox_l1_step,
                 candidates=candidates, quiet=quiet)
