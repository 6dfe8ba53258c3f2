"""Tests for l1l2.boxes: the R-CNN box coder, IoU and GIoU, features and fits."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2 import boxes, datasets, losses


def random_boxes(n, seed=0):
    rng = np.random.default_rng(seed)
    lo = rng.uniform(0, 500, (n, 2))
    wh = rng.uniform(5, 300, (n, 2))
    return np.column_stack([lo, lo + wh])


# -- exact toy cases ---------------------------------------------------------
def test_encode_known_offsets():
    t = boxes.encode_boxes([2.0, 4.0, 22.0, 44.0], [0.0, 0.0, 10.0, 20.0])
    # centres (12, 24) vs (5, 10); sizes (20, 40) vs (10, 20)
    np.testing.assert_allclose(t, [0.7, 0.7, np.log(2), np.log(2)])
    tw = boxes.encode_boxes([2.0, 4.0, 22.0, 44.0], [0.0, 0.0, 10.0, 20.0],
                            weights=(10, 10, 5, 5))
    np.testing.assert_allclose(tw, [7.0, 7.0, 5 * np.log(2), 5 * np.log(2)])


def test_identical_box_encodes_to_zero_and_decodes_to_anchor():
    a = random_boxes(5)
    np.testing.assert_allclose(boxes.encode_boxes(a, a), 0.0, atol=1e-15)
    np.testing.assert_allclose(boxes.decode_boxes(np.zeros((5, 4)), a), a)


def test_iou_exact_cases():
    assert boxes.box_iou([0, 0, 2, 2], [0, 0, 2, 2]) == 1.0
    assert boxes.box_iou([0, 0, 1, 1], [2, 2, 3, 3]) == 0.0
    assert boxes.box_iou([0, 0, 1, 1], [1, 0, 2, 1]) == 0.0  # touching
    assert boxes.box_iou([0, 0, 2, 2], [1, 0, 3, 2]) == pytest.approx(1 / 3)
    assert boxes.box_iou([0, 0, 4, 4], [1, 1, 3, 3]) == pytest.approx(4 / 16)


def test_giou_exact_cases():
    assert boxes.giou([0, 0, 1, 1], [0, 0, 1, 1]) == pytest.approx(1.0)
    # disjoint: IoU 0, enclosing box 3 x 1, union 2
    assert boxes.giou([0, 0, 1, 1], [2, 0, 3, 1]) == pytest.approx(-1 / 3)
    # further apart gives a smaller GIoU while IoU stays 0
    assert boxes.giou([0, 0, 1, 1], [5, 0, 6, 1]) < boxes.giou([0, 0, 1, 1], [2, 0, 3, 1])
    a, b = random_boxes(50, 1), random_boxes(50, 2)
    assert np.all(boxes.giou(a, b) <= boxes.box_iou(a, b) + 1e-15)


def test_diou_exact_cases():
    assert boxes.diou([0, 0, 1, 1], [0, 0, 1, 1]) == 1.0  # identical: loss 0
    # concentric: the centre penalty is 0, DIoU is the IoU (1/4)
    assert boxes.diou([0, 0, 2, 2], [0.5, 0.5, 1.5, 1.5]) == pytest.approx(0.25)
    # disjoint: IoU 0, centres 2 apart, enclosing box 3 x 1: -4/10
    assert boxes.diou([0, 0, 1, 1], [2, 0, 3, 1]) == pytest.approx(-0.4)
    # further apart: smaller DIoU, tending to -1
    far = boxes.diou([0, 0, 1, 1], [1000, 0, 1001, 1])
    assert -1 < far < boxes.diou([0, 0, 1, 1], [2, 0, 3, 1])
    a, b = random_boxes(50, 1), random_boxes(50, 2)
    assert np.all(boxes.diou(a, b) <= boxes.box_iou(a, b) + 1e-15)
    np.testing.assert_allclose(boxes.diou(a, b), boxes.diou(b, a), atol=1e-15)


def test_ciou_exact_cases():
    assert boxes.ciou([0, 0, 1, 1], [0, 0, 1, 1]) == 1.0
    # same aspect ratio: v = 0, CIoU = DIoU
    assert boxes.ciou([0, 0, 2, 2], [0.5, 0.5, 1.5, 1.5]) == pytest.approx(0.25)
    a, b = random_boxes(50, 1), random_boxes(50, 2)
    np.testing.assert_allclose(boxes.ciou(a, 3 * a + 1), boxes.diou(a, 3 * a + 1),
                               atol=1e-15)
    # a 2 x 1 box on a 1 x 1 box, same left-top corner: IoU 1/2, penalty 1/4 / 5,
    # v = 4/pi^2 (pi/4 - arctan 2)^2, alpha = v / (1/2 + v)
    v = 4 / np.pi**2 * (np.pi / 4 - np.arctan(2.0)) ** 2
    expected = 0.5 - 0.05 - v**2 / (0.5 + v)
    assert boxes.ciou([0, 0, 2, 1], [0, 0, 1, 1]) == pytest.approx(expected, rel=1e-14)
    assert np.all(boxes.ciou(a, b) <= boxes.diou(a, b) + 1e-15)


def test_overlap_losses_without_overlap_have_a_gradient():
    """Moving a disjoint box: the IoU loss stays at 1, GIoU and DIoU losses change."""
    target = np.array([0.0, 0.0, 1.0, 1.0])

    def at(s):
        return np.array([s, 0.0, s + 1.0, 1.0])

    h = 1e-6
    for s in (2.0, 5.0):
        assert boxes.box_iou(at(s + h), target) == boxes.box_iou(at(s - h), target) == 0
        for f in (boxes.giou, boxes.diou, boxes.ciou):
            slope = (f(at(s + h), target) - f(at(s - h), target)) / (2 * h)
            assert slope < -1e-3  # moving away lowers the similarity
    # the GIoU loss of this pair is 2 - 2/(s + 1): its derivative is 2/(s + 1)^2
    slope = -(boxes.giou(at(3 + h), target) - boxes.giou(at(3 - h), target)) / (2 * h)
    assert slope == pytest.approx(2 / 16, rel=1e-6)


# -- behaviour ---------------------------------------------------------------
@pytest.mark.parametrize("weights", [(1, 1, 1, 1), (10, 10, 5, 5), (2.0, 3.0, 0.5, 7.0)])
def test_decode_inverts_encode(weights):
    b, a = random_boxes(200, 3), random_boxes(200, 4)
    t = boxes.encode_boxes(b, a, weights=weights)
    np.testing.assert_allclose(boxes.decode_boxes(t, a, weights=weights), b, atol=1e-9)
    np.testing.assert_allclose(boxes.encode_boxes(boxes.decode_boxes(t, a, weights=weights), a,
                                                  weights=weights), t, atol=1e-9)


def test_scale_behaviour():
    b, a = random_boxes(100, 5), random_boxes(100, 6)
    for c in (0.1, 3.0, 17.0):
        np.testing.assert_allclose(boxes.encode_boxes(c * b, c * a), boxes.encode_boxes(b, a),
                                   atol=1e-12)
        np.testing.assert_allclose(boxes.box_iou(c * b, c * a), boxes.box_iou(b, a), atol=1e-12)
        np.testing.assert_allclose(boxes.giou(c * b, c * a), boxes.giou(b, a), atol=1e-12)
        np.testing.assert_allclose(boxes.diou(c * b, c * a), boxes.diou(b, a), atol=1e-12)
        np.testing.assert_allclose(boxes.ciou(c * b, c * a), boxes.ciou(b, a), atol=1e-12)
    # a loss on pixel offsets is not scale-invariant: it grows with the boxes
    small = losses.smooth_l1_loss(b, a, "sum")
    assert losses.smooth_l1_loss(10 * b, 10 * a, "sum") > 5 * small


def test_translation_invariance_and_broadcasting():
    b, a = random_boxes(10, 7), random_boxes(10, 8)
    shift = np.array([13.0, -4.0, 13.0, -4.0])
    np.testing.assert_allclose(boxes.encode_boxes(b + shift, a + shift), boxes.encode_boxes(b, a),
                               atol=1e-12)
    one = boxes.encode_boxes(b, a[0])
    assert one.shape == (10, 4)
    assert boxes.box_iou(b[:, None, :], a[None, :, :]).shape == (10, 10)


def test_inputs_not_modified():
    b, a = random_boxes(5, 9), random_boxes(5, 10)
    b0, a0 = b.copy(), a.copy()
    t = boxes.encode_boxes(b, a)
    t0 = t.copy()
    boxes.decode_boxes(t, a)
    boxes.box_iou(b, a)
    boxes.giou(b, a)
    boxes.diou(b, a)
    boxes.ciou(b, a)
    assert np.array_equal(b, b0) and np.array_equal(a, a0) and np.array_equal(t, t0)


@pytest.mark.parametrize("call, match", [
    (lambda: boxes.encode_boxes([0, 0, 1], [0, 0, 1, 1]), "boxes"),
    (lambda: boxes.encode_boxes([0, 0, 1, 1], [1, 0, 0, 1]), "anchors"),
    (lambda: boxes.encode_boxes([0, 0, 1, 1], [0, 0, 1, 1], weights=(1, 1, 1)), "weights"),
    (lambda: boxes.encode_boxes([0, 0, 1, 1], [0, 0, 1, 1], weights=(1, 1, 0, 1)), "weights"),
    (lambda: boxes.encode_boxes([0, 0, 1, 1], [0, 0, 1, 1], weights="abcd"), "weights"),
    (lambda: boxes.encode_boxes(np.zeros((3, 4)) + [0, 0, 1, 1], np.ones((2, 4)) * [0, 0, 1, 1]),
     "broadcast"),
    (lambda: boxes.decode_boxes([0, 0, np.nan, 0], [0, 0, 1, 1]), "deltas"),
    (lambda: boxes.box_iou([0, 0, 1, 1], [0, 0, 0, 1]), "b"),
    (lambda: boxes.giou([0, 0, 1], [0, 0, 1, 1]), "a"),
    (lambda: boxes.diou([0, 0, 1, 1], [0, 0, 1, 0]), "b"),
    (lambda: boxes.ciou([0, 0, np.inf, 1], [0, 0, 1, 1]), "a"),
    (lambda: boxes.simulated_features(np.zeros((3, 3))), "offsets"),
    (lambda: boxes.simulated_features(np.zeros((3, 4)), n_features=2), "n_features"),
    (lambda: boxes.fit_linear_regressor(np.zeros((3, 2)), np.zeros((3, 1)), loss="l3"), "loss"),
    (lambda: boxes.fit_linear_regressor(np.zeros((3, 2)), np.zeros((3, 1)), beta=0), "beta"),
    (lambda: boxes.fit_linear_regressor(np.zeros((3, 2)), np.zeros((4, 1))), "same number"),
])
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# -- features and fits -------------------------------------------------------
def test_simulated_features_are_deterministic_and_linear():
    t = np.random.default_rng(0).normal(size=(30, 4))
    X1 = boxes.simulated_features(t, seed=3)
    assert np.array_equal(X1, boxes.simulated_features(t, seed=3))
    X0 = boxes.simulated_features(t, noise_std=0.0, seed=3)
    X00 = boxes.simulated_features(2 * t, noise_std=0.0, seed=3)
    np.testing.assert_allclose(X00, 2 * X0)


def test_fits_recover_an_exact_linear_map():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 5))
    T = X @ rng.normal(size=(5, 4)) + rng.normal(size=4)
    for loss, beta in [("l2", 1.0), ("l1", 1.0), ("smooth_l1", 0.1), ("smooth_l1", 10.0)]:
        coef, b = boxes.fit_linear_regressor(X, T, loss=loss, beta=beta)
        np.testing.assert_allclose(X @ coef + b, T, atol=1e-6)


def test_smooth_l1_fit_is_equivariant_in_the_target_scale():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(80, 3))
    T = X @ [[1.0], [-2.0], [0.5]] + rng.standard_t(2, size=(80, 1))
    c1, b1 = boxes.fit_linear_regressor(X, T, loss="smooth_l1", beta=0.3)
    c2, b2 = boxes.fit_linear_regressor(X, 10 * T, loss="smooth_l1", beta=3.0)
    np.testing.assert_allclose(c2, 10 * c1, atol=1e-8)
    np.testing.assert_allclose(b2, 10 * b1, atol=1e-8)


def test_robust_losses_beat_l2_on_noisy_box_labels():
    d = datasets.make_box_regression(600, seed=0)
    w = (10, 10, 5, 5)
    t = boxes.encode_boxes(d.boxes_true, d.proposals, weights=w)
    X = boxes.simulated_features(t, seed=0)
    ann = d.boxes_annotated
    ok = (ann[:, 2] > ann[:, 0]) & (ann[:, 3] > ann[:, 1])
    tr, te = np.flatnonzero(ok[:300]), np.arange(300, 600)
    t_ann = boxes.encode_boxes(d.boxes_annotated[tr], d.proposals[tr], weights=w)

    def mean_iou(loss, beta=1.0):
        coef, b = boxes.fit_linear_regressor(X[tr], t_ann, loss=loss, beta=beta)
        pred = boxes.decode_boxes(X[te] @ coef + b, d.proposals[te], weights=w)
        return boxes.box_iou(pred, d.boxes_true[te]).mean()

    assert mean_iou("l1") > mean_iou("l2")
    assert mean_iou("smooth_l1", 1 / 9) > mean_iou("l2")


# -- issue 11 -----------------------------------------------------------------------


def test_box_iou_of_a_box_with_itself_in_extreme_units():
    from l1l2.boxes import box_iou, giou

    box = [2e154, 2e154, 4e154, 4e154]
    assert float(box_iou(box, box)) == 1.0
    assert float(giou(box, box)) == 1.0
    tiny = [0.0, 0.0, 1e-200, 1e-200]
    assert float(box_iou(tiny, tiny)) == 1.0


def test_encode_boxes_rejects_infinite_weights():
    from l1l2.boxes import encode_boxes

    with pytest.raises(ValueError, match="^weights must be finite"):
        encode_boxes([1.0, 2.0, 11.0, 22.0], [0.0, 0.0, 10.0, 20.0], weights=(1, 1, 1, np.inf))
