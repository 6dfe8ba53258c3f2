"""What every figure builder of :mod:`l1l2.figures` shares: taking the numbers
to draw either from a given ``compute_*`` result or by computing them."""

from __future__ import annotations

import inspect

import numpy as np


def _is_default(value, default) -> bool:
    if value is default:
        return True
    if isinstance(value, np.ndarray) or isinstance(default, np.ndarray):
        return False
    simple = (int, float, str, tuple)
    return type(value) is type(default) and isinstance(default, simple) and value == default


def resolve(result, cls, compute, **given):
    """The numbers a builder draws: ``result`` if given, else ``compute(**given)``.

    ``result`` must then be a ``cls`` (what ``compute`` returns) and every
    argument of ``given`` must keep its default: the numbers come from one
    place or the other, never a mix. Raises ``ValueError`` naming ``result``.
    """
    if result is None:
        return compute(**given)
    if not isinstance(result, cls):
        raise ValueError(f"result must be a {cls.__name__} (from {compute.__name__}), got "
                         f"{type(result).__name__}")
    params = inspect.signature(compute).parameters
    changed = [k for k, v in given.items() if not _is_default(v, params[k].default)]
    if changed:
        raise ValueError(f"result: give either result or {', '.join(changed)}, not both "
                         f"(the numbers come from result)")
    return result
