"""Hypothesis strategies for bad input (junk scalars and arrays), shared by
test_linear_model.py and test_optim.py: a helper must give a valid result or a
ValueError for any of it, nothing else."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

finite = st.floats(-1e3, 1e3, allow_nan=False)
anything_float = st.one_of(finite, st.just(np.nan), st.just(np.inf), st.just(-np.inf))
junk_scalar = st.one_of(
    anything_float, st.integers(-3, 5), st.just("x"), st.none(), st.just([1.0, 2.0]),
    st.booleans(),
)


@st.composite
def junk_array(draw, max_dims=3):
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(junk_scalar)
    if kind == 1:
        return draw(st.lists(st.one_of(finite, st.just("a")), max_size=4))
    shape = tuple(draw(st.lists(st.integers(0, 6), min_size=1, max_size=max_dims)))
    elements = anything_float if kind == 2 else finite
    size = int(np.prod(shape))
    values = draw(st.lists(elements, min_size=size, max_size=size))
    return np.array(values, dtype=float).reshape(shape)
