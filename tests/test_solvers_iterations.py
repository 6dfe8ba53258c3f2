"""solvers.iterations_to_tolerance: the step after which iterates stay close."""

import numpy as np
import pytest

from l1l2.solvers import gradient_descent, iterations_to_tolerance


def test_toy_cases():
    assert iterations_to_tolerance([[4.0], [2.0], [0.5], [0.1], [0.05]], 0.0, 0.2) == 3
    assert iterations_to_tolerance([[0.0], [0.1]], 0.0, 0.2) == 0
    # passing through the ball does not count, ending outside gives None
    assert iterations_to_tolerance([[1.0], [0.0], [1.0], [0.1]], 0.0, 0.2) == 3
    assert iterations_to_tolerance([[1.0], [-0.1], [0.3]], 0.0, 0.2) is None


def test_vector_iterates_and_gradient_descent():
    traj = gradient_descent(lambda w: 2 * (w - np.array([1.0, -1.0])), [5.0, 5.0], 0.25, 60)
    k = iterations_to_tolerance(traj, [1.0, -1.0], 1e-6)
    # the error halves each step from |(4, 6)| = 7.2: 23 halvings reach 1e-6
    assert k == 23


def test_nan_counts_as_outside_and_inputs_are_not_modified():
    traj = np.array([[1.0], [np.nan], [0.0]])
    copy = traj.copy()
    assert iterations_to_tolerance(traj, 0.0, 0.5) == 2
    assert np.array_equal(traj, copy, equal_nan=True)


@pytest.mark.parametrize(("args", "match"), [
    (([], 0.0, 1.0), "trajectory"),
    (([[1.0, 2.0]], [1.0], 1.0), "target"),
    (([[1.0]], 0.0, 0.0), "tol"),
    (([[1.0]], 0.0, float("nan")), "tol"),
    (("abc", 0.0, 1.0), "trajectory"),
])
def test_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        iterations_to_tolerance(*args)
