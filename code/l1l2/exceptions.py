"""Warnings raised by :mod:`l1l2`."""

__all__ = ["ConvergenceWarning"]


class ConvergenceWarning(UserWarning):
    """An iterative solver stopped at ``max_iter`` before meeting ``tol``.

    The returned :class:`~l1l2.linear_model.Fit` then has ``converged=False``.
    """
