r"""Small data sets for the course, all deterministic given ``seed``.

Every generator takes ``seed``, a non-negative int passed to
:func:`numpy.random.default_rng`: the same seed gives the same data on every
machine and every run, and ``None`` is not accepted (a notebook must be
reproducible). Results are plain ndarrays in small frozen dataclasses. The
notation is the book's: inputs ``X`` of shape ``(n, p)`` (or ``x`` of shape
``(n,)`` for one feature), targets ``y`` of shape ``(n,)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ._validation import as_float_array, check_choice, check_count, check_scalar

__all__ = [
    "OutlierRegression",
    "make_outlier_regression",
    "PolynomialData",
    "make_polynomial_data",
    "train_validation_split",
    "BoxRegression",
    "make_box_regression",
    "BimodalData",
    "make_bimodal_regression",
    "Diabetes",
    "load_diabetes",
]


def _seed(seed) -> int:
    return check_scalar(seed, "seed", low=0, integer=True)


def _count(value, name: str, low: int = 1) -> int:
    # at most MAX_COUNT: a larger data set would not fit in memory; refuse it at once
    return check_count(value, name, low=low)


def _real(value, name: str, **kw) -> float:
    v = check_scalar(value, name, **kw)
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {v}")
    return v


#: The smallest ``noise_df`` of :func:`make_box_regression`: with fewer degrees
#: of freedom the Student-t draws overflow to infinity.
MIN_NOISE_DF = 0.1


# --------------------------------------------------------------------------
# 1-D regression with outliers
# --------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class OutlierRegression:
    """A 1-D regression data set with marked outliers.

    Attributes
    ----------
    X : ndarray of shape (n, 1)
        The feature :math:`x`.
    y : ndarray of shape (n,)
        The target.
    outlier_mask : ndarray of bool, shape (n,)
        True for the corrupted points.
    coef : ndarray of shape (1,)
        The true slope of the clean points.
    intercept : float
        The true intercept of the clean points.
    """

    X: np.ndarray
    y: np.ndarray
    outlier_mask: np.ndarray
    coef: np.ndarray
    intercept: float


def make_outlier_regression(n_samples=50, *, n_outliers=5, outlier_kind="y", slope=2.0,
                            intercept=1.0, noise_std=1.0, outlier_shift=15.0, seed=0):
    r"""A straight line with noise, and a few outliers of a chosen kind.

    Clean points: :math:`x_i \sim U(0, 10)`, :math:`y_i = w_0 + w x_i +
    \varepsilon_i`, :math:`\varepsilon_i \sim N(0, \sigma^2)`. Then
    ``n_outliers`` points, chosen at random, are corrupted:

    * ``outlier_kind="y"`` (outliers in the response): their :math:`x` is
      redrawn from :math:`U(7, 10)`, inside the bulk (so not high-leverage),
      and their :math:`y` is raised by ``outlier_shift`` above the line. They
      tilt the least-squares line; a robust loss (L1, Huber) resists them.
    * ``outlier_kind="leverage"`` (bad high-leverage points): their :math:`x`
      is moved far to the right, :math:`x \sim U(25, 30)`, and their
      :math:`y` is :math:`w_0 + \varepsilon - \text{outlier\_shift}`, far
      below the true line there. Robust losses in :math:`y` do not resist
      these: they can pull the least-absolute-deviations and Huber fits as
      much as least squares.

    Parameters
    ----------
    n_samples : int
        :math:`n \ge 1`.
    n_outliers : int
        Number of corrupted points, :math:`0 \le` ``n_outliers`` :math:`\le n`.
    outlier_kind : {"y", "leverage"}
    slope, intercept : float
        The true line :math:`y = w_0 + w x`.
    noise_std : float
        :math:`\sigma \ge 0`, in the units of :math:`y`.
    outlier_shift : float
        Size of the corruption, in the units of :math:`y`.
    seed : int
        Seed, non-negative.

    Returns
    -------
    OutlierRegression

    Examples
    --------
    >>> from l1l2.datasets import make_outlier_regression
    >>> d = make_outlier_regression(20, n_outliers=3, seed=0)
    >>> d.X.shape, d.y.shape, int(d.outlier_mask.sum())
    ((20, 1), (20,), 3)
    """
    n = _count(n_samples, "n_samples")
    k = _count(n_outliers, "n_outliers", low=0)
    if k > n:
        raise ValueError(f"n_outliers must be <= n_samples = {n}, got {k}")
    kind = check_choice(outlier_kind, "outlier_kind", ("y", "leverage"))
    w = _real(slope, "slope")
    w0 = _real(intercept, "intercept")
    sigma = _real(noise_std, "noise_std", low=0.0)
    shift = _real(outlier_shift, "outlier_shift")
    rng = np.random.default_rng(_seed(seed))
    x = rng.uniform(0.0, 10.0, n)
    eps = rng.standard_normal(n) * sigma
    idx = rng.choice(n, size=k, replace=False)
    x_high = rng.uniform(7.0, 10.0, k)
    x_far = rng.uniform(25.0, 30.0, k)
    if kind == "y":
        x[idx] = x_high
    else:
        x[idx] = x_far
    y = w0 + w * x + eps
    if kind == "y":
        y[idx] += shift
    else:
        y[idx] = w0 + eps[idx] - shift
    mask = np.zeros(n, dtype=bool)
    mask[idx] = True
    return OutlierRegression(X=x[:, None], y=y, outlier_mask=mask, coef=np.array([w]),
                             intercept=w0)


# --------------------------------------------------------------------------
# polynomial overfitting
# --------------------------------------------------------------------------
def _smooth_truth(x):
    r"""The true function of :func:`make_polynomial_data`, :math:`f(x) = \sin(2\pi x)`.

    Private: a reader gets it as ``PolynomialData.truth``.

    Parameters
    ----------
    x : array_like

    Returns
    -------
    ndarray

    Examples
    --------
    >>> from l1l2.datasets import _smooth_truth
    >>> _smooth_truth([0.0, 0.25])
    array([0., 1.])
    """
    x = as_float_array(x, "x")
    return np.sin(x.dtype.type(2.0 * math.pi) * x)


@dataclass(frozen=True, eq=False)
class PolynomialData:
    """Noisy samples of a smooth function on [0, 1].

    Attributes
    ----------
    x : ndarray of shape (n,)
    y : ndarray of shape (n,)
        :math:`f(x) + \\varepsilon`.
    y_true : ndarray of shape (n,)
        :math:`f(x)`, without noise.
    noise_std : float
        :math:`\\sigma`.
    truth : callable
        :math:`f` itself, :math:`f(x) = \\sin(2\\pi x)` elementwise, to draw it on
        a fine grid.
    """

    x: np.ndarray
    y: np.ndarray
    y_true: np.ndarray
    noise_std: float
    truth: object = field(default=_smooth_truth, repr=False)


def make_polynomial_data(n_samples=30, *, noise_std=0.3, x=None, seed=0):
    r"""Noisy samples of :math:`f(x) = \sin(2\pi x)` on :math:`[0, 1]`.

    .. math::

        x_i \sim U(0, 1), \qquad y_i = \sin(2\pi x_i) + \varepsilon_i, \qquad
        \varepsilon_i \sim N(0, \sigma^2)

    The classic set for showing over-fitting with high-degree polynomials
    (Bishop 2006, section 1.1). Pass fixed ``x`` to draw new noise on the
    same design points (for a bias-variance simulation).

    Parameters
    ----------
    n_samples : int
        :math:`n \ge 1`; ignored if ``x`` is given.
    noise_std : float
        :math:`\sigma \ge 0`.
    x : array_like of shape (n,), optional
        Fixed inputs (finite). Not modified.
    seed : int
        Seed, non-negative.

    Returns
    -------
    PolynomialData

    Examples
    --------
    >>> from l1l2.datasets import make_polynomial_data
    >>> d = make_polynomial_data(10, seed=0)
    >>> d.x.shape, d.y.shape, bool((d.x >= 0).all() and (d.x <= 1).all())
    ((10,), (10,), True)
    """
    sigma = _real(noise_std, "noise_std", low=0.0)
    rng = np.random.default_rng(_seed(seed))
    if x is None:
        n = _count(n_samples, "n_samples")
        xs = rng.uniform(0.0, 1.0, n)
    else:
        xs = as_float_array(x, "x", ndim=1, finite=True, allow_empty=False).astype(
            np.float64, copy=True)
        n = xs.size
    f = _smooth_truth(xs)
    y = f + sigma * rng.standard_normal(n)
    return PolynomialData(x=xs, y=y, y_true=f, noise_std=sigma)


def train_validation_split(*arrays, validation_fraction=0.25, seed=0):
    """Split arrays (along the first axis) into a random training and validation part.

    As :func:`sklearn.model_selection.train_test_split`: the result is
    ``a_train, a_val, b_train, b_val, ...``. The validation part has
    ``round(validation_fraction * n)`` samples, clipped so that both parts
    have at least one. Copies are returned; the inputs are not modified.

    Parameters
    ----------
    *arrays : array_like
        One or more arrays with the same first dimension :math:`n \\ge 2`.
    validation_fraction : float
        Strictly between 0 and 1.
    seed : int
        Seed, non-negative.

    Returns
    -------
    list of ndarray
        Two arrays per input.

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.datasets import train_validation_split
    >>> x_tr, x_va, y_tr, y_va = train_validation_split(np.arange(8), np.arange(8) * 10,
    ...                                                validation_fraction=0.25, seed=0)
    >>> len(x_tr), len(x_va), bool(np.all(y_tr == 10 * x_tr))
    (6, 2, True)
    """
    if not arrays:
        raise ValueError("arrays: give at least one array to split")
    frac = check_scalar(validation_fraction, "validation_fraction", low=0.0, high=1.0,
                        low_inclusive=False, high_inclusive=False)
    rng = np.random.default_rng(_seed(seed))
    arrs = []
    for i, a in enumerate(arrays):
        try:
            arr = np.asarray(a)
        except (ValueError, TypeError) as exc:  # ragged nested lists and the like
            raise ValueError(f"arrays[{i}] must be array-like (not ragged): {exc}") from None
        if arr.ndim == 0:
            raise ValueError(f"arrays[{i}] must have at least 1 dimension, got a scalar")
        arrs.append(arr)
    n = arrs[0].shape[0]
    for i, arr in enumerate(arrs):
        if arr.shape[0] != n:
            raise ValueError(f"arrays[{i}] has {arr.shape[0]} samples, arrays[0] has {n}: "
                             "all arrays must have the same length")
    if n < 2:
        raise ValueError(f"arrays must have at least 2 samples to split, got {n}")
    n_val = min(max(int(round(frac * n)), 1), n - 1)
    perm = rng.permutation(n)
    val, tr = np.sort(perm[:n_val]), np.sort(perm[n_val:])
    out = []
    for arr in arrs:
        out.extend([arr[tr].copy(), arr[val].copy()])
    return out


# --------------------------------------------------------------------------
# box regression
# --------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class BoxRegression:
    """Object-detection boxes, proposals, and noisy annotations, in pixels.

    Boxes are rows ``[x1, y1, x2, y2]`` (left, top, right, bottom) in pixel
    coordinates of a ``image_size`` image. Offsets are differences of boxes,
    also in pixels, per coordinate.

    Attributes
    ----------
    proposals : ndarray of shape (n, 4)
        The boxes a detector starts from (the "anchors" or "proposals").
    boxes_true : ndarray of shape (n, 4)
        The true object boxes.
    boxes_annotated : ndarray of shape (n, 4)
        The boxes as annotated: ``boxes_true`` plus heavy-tailed noise.
    offsets_true : ndarray of shape (n, 4)
        ``boxes_true - proposals``: what a box regressor should predict.
    offsets_annotated : ndarray of shape (n, 4)
        ``boxes_annotated - proposals``: the training targets it gets.
    annotation_noise : ndarray of shape (n, 4)
        ``boxes_annotated - boxes_true``.
    image_size : tuple of int
        ``(width, height)`` in pixels.
    units : str
        ``"pixels"``.
    """

    proposals: np.ndarray
    boxes_true: np.ndarray
    boxes_annotated: np.ndarray
    offsets_true: np.ndarray
    offsets_annotated: np.ndarray
    annotation_noise: np.ndarray
    image_size: tuple
    units: str = "pixels"


def make_box_regression(n_boxes=200, *, image_size=(640, 480), noise_scale=2.0, noise_df=2.0,
                        proposal_jitter=0.1, seed=0):
    r"""Toy box-regression targets with heavy-tailed annotation noise, in pixels.

    True boxes have centres uniform in the image and widths and heights
    uniform in [32, 256] pixels (clipped to the image). A proposal is the true
    box with each side moved by Gaussian noise of standard deviation
    ``proposal_jitter`` times the box's width (for x1, x2) or height (y1, y2).
    The annotation adds to each coordinate of the true box

    .. math::

        e = s \cdot t_\nu, \qquad t_\nu \sim \text{Student-}t(\nu),

    with ``noise_scale`` :math:`s` in pixels and ``noise_df`` :math:`\nu`
    (:math:`\nu = 2` has infinite variance: occasional large annotation
    errors, as when an annotator misses an object's edge). Because every
    quantity is in pixels, a smooth-L1 ``beta`` (or a Huber ``delta``) chosen
    for these targets is in pixels too.

    Parameters
    ----------
    n_boxes : int
        :math:`n \ge 1`.
    image_size : tuple of 2 ints
        ``(width, height)`` in pixels, each at least 256. These are counts:
        as for every count of the package, integers are required (Python or
        NumPy ints, or a NumPy integer array); a float such as ``640.0`` is
        refused.
    noise_scale : float
        :math:`s \ge 0`, pixels.
    noise_df : float
        :math:`\nu \ge 0.1` (``MIN_NOISE_DF``); large values approach Gaussian
        noise. Below 0.1 the tails are so heavy that draws overflow to
        infinity (the largest of :math:`N` draws grows like :math:`N^{1/\nu}`).
    proposal_jitter : float
        Relative size of the proposal errors, :math:`\ge 0`.
    seed : int
        Seed, non-negative.

    Returns
    -------
    BoxRegression

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.datasets import make_box_regression
    >>> d = make_box_regression(5, seed=0)
    >>> d.offsets_annotated.shape, d.units
    ((5, 4), 'pixels')
    >>> bool(np.allclose(d.offsets_annotated - d.offsets_true, d.annotation_noise))
    True
    """
    n = _count(n_boxes, "n_boxes")
    if isinstance(image_size, np.ndarray) and image_size.ndim == 1:
        image_size = tuple(image_size.tolist())  # an array pair, int or float
    if (not isinstance(image_size, (tuple, list)) or len(image_size) != 2):
        raise ValueError(f"image_size must be a (width, height) pair, got {image_size!r:.40}")
    width = _count(image_size[0], "image_size", low=256)
    height = _count(image_size[1], "image_size", low=256)
    s = _real(noise_scale, "noise_scale", low=0.0)
    nu = _real(noise_df, "noise_df", low=MIN_NOISE_DF)
    jit = _real(proposal_jitter, "proposal_jitter", low=0.0)
    rng = np.random.default_rng(_seed(seed))
    wh = rng.uniform(32.0, 256.0, (n, 2))
    centre = rng.uniform(0.0, 1.0, (n, 2)) * [width, height]
    lo = np.clip(centre - wh / 2, 0.0, [width, height])
    hi = np.clip(centre + wh / 2, 0.0, [width, height])
    # keep every box at least 16 px wide and high after clipping
    lo = np.minimum(lo, hi - 16.0)
    lo = np.maximum(lo, 0.0)
    hi = np.maximum(hi, lo + 16.0)
    true = np.column_stack([lo[:, 0], lo[:, 1], hi[:, 0], hi[:, 1]])
    # width for x1 and x2, height for y1 and y2
    size = np.column_stack([hi[:, 0] - lo[:, 0], hi[:, 1] - lo[:, 1]] * 2)
    proposals = true + jit * size * rng.standard_normal((n, 4))
    noise = s * rng.standard_t(nu, (n, 4))
    annotated = true + noise
    if not (np.all(np.isfinite(noise)) and np.all(np.isfinite(annotated))):
        raise ValueError("noise_scale and noise_df: the annotation noise overflows the "
                         "float range; use a smaller noise_scale or a larger noise_df")
    return BoxRegression(proposals=proposals, boxes_true=true, boxes_annotated=annotated,
                         offsets_true=true - proposals, offsets_annotated=annotated - proposals,
                         annotation_noise=noise, image_size=(width, height))


# --------------------------------------------------------------------------
# bimodal targets
# --------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class BimodalData:
    """A regression whose target has two modes at every :math:`x`.

    Attributes
    ----------
    X : ndarray of shape (n, 1)
    y : ndarray of shape (n,)
    upper : ndarray of bool, shape (n,)
        True for points drawn from the upper mode.
    upper_weight : float
        Probability :math:`\\pi` of the upper mode.
    separation : float
        Distance :math:`2s` between the two modes.
    noise_std : float
        :math:`\\sigma` of each mode.
    """

    X: np.ndarray
    y: np.ndarray
    upper: np.ndarray
    upper_weight: float
    separation: float
    noise_std: float

    def modes(self, x):
        """The two mode centres :math:`x - s` and :math:`x + s`, shape ``(2, *x.shape)``."""
        x = as_float_array(x, "x")
        half = self.separation / 2
        return np.stack([x - half, x + half])

    def conditional_mean(self, x):
        """:math:`E[y \\mid x] = x + (2\\pi - 1)s`: the L2-optimal prediction."""
        x = as_float_array(x, "x")
        return x + (2 * self.upper_weight - 1) * self.separation / 2

    def conditional_median(self, x):
        """The median of :math:`y \\mid x`: the L1-optimal prediction.

        For :math:`\\pi = 1/2` it is :math:`x`, midway between the modes, where
        almost no data lie; otherwise it lies inside the heavier mode.
        """
        x = as_float_array(x, "x")
        return x + _mixture_median_offset(self.upper_weight, self.separation / 2,
                                          self.noise_std)


def _mixture_median_offset(w, half, sigma):
    if w == 0.5:
        return 0.0
    if sigma == 0.0:
        return half if w > 0.5 else -half
    from scipy import optimize, stats  # here, not at the top: a chapter rarely needs them

    def cdf_minus_half(t):
        return (w * stats.norm.cdf((t - half) / sigma)
                + (1 - w) * stats.norm.cdf((t + half) / sigma) - 0.5)

    span = half + 10 * sigma
    return float(optimize.brentq(cdf_minus_half, -span, span, xtol=1e-12))


def make_bimodal_regression(n_samples=400, *, separation=2.0, noise_std=0.2, upper_weight=0.5,
                            seed=0):
    r"""A target with two modes at every input: :math:`y = x \pm s + \varepsilon`.

    .. math::

        x \sim U(-1, 1), \qquad
        y = x + s\,c + \varepsilon, \qquad
        c = \begin{cases} +1 & \text{with probability } \pi \\
                          -1 & \text{with probability } 1-\pi\end{cases},
        \qquad \varepsilon \sim N(0, \sigma^2),

    with :math:`2s` = ``separation``. The conditional mean (what squared loss
    predicts) is :math:`x + (2\pi - 1)s`; with :math:`\pi = 1/2` it, and the
    conditional median (what absolute loss predicts), both lie at :math:`x`,
    between the modes, where the data are rare. Neither loss picks a mode.

    Parameters
    ----------
    n_samples : int
        :math:`n \ge 1`.
    separation : float
        :math:`2s \ge 0`, the distance between the modes.
    noise_std : float
        :math:`\sigma \ge 0`.
    upper_weight : float
        :math:`\pi \in [0, 1]`.
    seed : int
        Seed, non-negative.

    Returns
    -------
    BimodalData

    Examples
    --------
    >>> from l1l2.datasets import make_bimodal_regression
    >>> d = make_bimodal_regression(100, seed=0)
    >>> d.X.shape, d.y.shape
    ((100, 1), (100,))
    >>> d.conditional_mean([0.5]), d.conditional_median([0.5])
    (array([0.5]), array([0.5]))
    """
    n = _count(n_samples, "n_samples")
    sep = _real(separation, "separation", low=0.0)
    sigma = _real(noise_std, "noise_std", low=0.0)
    w = _real(upper_weight, "upper_weight", low=0.0, high=1.0)
    rng = np.random.default_rng(_seed(seed))
    x = rng.uniform(-1.0, 1.0, n)
    upper = rng.random(n) < w
    y = x + np.where(upper, sep / 2, -sep / 2) + sigma * rng.standard_normal(n)
    return BimodalData(X=x[:, None], y=y, upper=upper, upper_weight=w, separation=sep,
                       noise_std=sigma)


# --------------------------------------------------------------------------
# diabetes
# --------------------------------------------------------------------------
FEATURE_DESCRIPTIONS = {
    "age": "age in years",
    "sex": "sex",
    "bmi": "body mass index",
    "bp": "average blood pressure",
    "s1": "tc, total serum cholesterol",
    "s2": "ldl, low-density lipoproteins",
    "s3": "hdl, high-density lipoproteins",
    "s4": "tch, total cholesterol / HDL",
    "s5": "ltg, possibly log of serum triglycerides level",
    "s6": "glu, blood sugar level",
}


@dataclass(frozen=True, eq=False)
class Diabetes:
    """The diabetes data of Efron, Hastie, Johnstone and Tibshirani (2004).

    Attributes
    ----------
    X : ndarray of shape (442, 10)
        Features. Scaled (the default): each column centred and scaled to
        unit Euclidean norm (sum of squares 1), as in scikit-learn and in the
        LARS paper.
    y : ndarray of shape (442,)
        Disease progression one year after baseline (raw, not centred).
    feature_names : tuple of str
        ``("age", "sex", "bmi", "bp", "s1", ..., "s6")``.
    feature_descriptions : dict
        What each short name means (e.g. ``"s3"`` is hdl).
    description : str
        scikit-learn's description of the data set.
    scaled : bool
        Whether ``X`` is the scaled version.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple
    feature_descriptions: dict
    description: str
    scaled: bool


@lru_cache(maxsize=2)
def _diabetes_raw(scaled: bool):
    from sklearn.datasets import load_diabetes as _load

    d = _load(scaled=scaled)
    return (np.asarray(d.data, dtype=np.float64), np.asarray(d.target, dtype=np.float64),
            tuple(d.feature_names), d.DESCR)


def load_diabetes(*, scaled=True):
    r"""scikit-learn's bundled diabetes data, with column names.

    A thin wrapper around :func:`sklearn.datasets.load_diabetes` (no
    download). With ``scaled=True`` (the default, and scikit-learn's default)
    each feature column is centred and scaled to sum of squares 1,

    .. math::

        x_{ij} \leftarrow \frac{x_{ij} - \bar x_j}{\sqrt{\sum_i (x_{ij} - \bar x_j)^2}},

    the standardization of the LARS paper (Efron et al. 2004). The target
    :math:`y` is raw. Each call returns fresh copies.

    Parameters
    ----------
    scaled : bool
        The scaled features (default) or the raw ones (age in years, ...).

    Returns
    -------
    Diabetes

    Examples
    --------
    >>> import numpy as np
    >>> from l1l2.datasets import load_diabetes
    >>> d = load_diabetes()
    >>> d.X.shape, d.feature_names[:4]
    ((442, 10), ('age', 'sex', 'bmi', 'bp'))
    >>> bool(np.allclose((d.X ** 2).sum(axis=0), 1.0))
    True
    """
    if not isinstance(scaled, (bool, np.bool_)):
        raise ValueError(f"scaled must be True or False, got {scaled!r:.40}")
    X, y, names, descr = _diabetes_raw(bool(scaled))
    return Diabetes(X=X.copy(), y=y.copy(), feature_names=names,
                    feature_descriptions={k: FEATURE_DESCRIPTIONS[k] for k in names},
                    description=descr, scaled=bool(scaled))
