"""Calibration: confidence bins, expected calibration error, and the cross-fitted check.

:func:`calibration_bins` is the one place that bins top-class confidences; the ECE
(:func:`expected_calibration_error`) and the reliability diagram
(:func:`stance.evaluation.classification.plot_reliability_diagram`) are both built on it.
:func:`cross_fitted_ece` measures how well a temperature fitted on one dev split
calibrates another; :func:`fit_worst_case_temperature` picks the temperature whose
worst-calibrated dev set is best (``scripts/fit_temperature.py``), :func:`ece_per_set`
scores a temperature on each set. Nothing here plots or
runs a model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from stance.data import LabeledPair
from stance.model import STANCE_LABELS, fit_temperature, softmax


@dataclass(frozen=True)
class CalibrationBin:
    """One non-empty equal-width bin of top-class confidence, ``[lower, upper)``.

    The last bin also holds confidence 1.0. ``accuracy`` and ``confidence`` are the
    means over the ``count`` examples that fall in the bin.

    Example:
        >>> CalibrationBin(0.9, 1.0, 3, 1.0, 0.95).center
        0.95
    """

    lower: float
    upper: float
    count: int
    accuracy: float
    confidence: float

    @property
    def center(self) -> float:
        return (self.lower + self.upper) / 2


def calibration_bins(probabilities: np.ndarray, gold_ids: Sequence[int], n_bins: int = 10) -> list[CalibrationBin]:
    """The non-empty equal-width bins of top-class confidence over [0, 1], in order.

    Args:
        probabilities: ``(n, k)`` probabilities.
        gold_ids: ``n`` gold class indices.
        n_bins: number of bins over [0, 1].

    Returns:
        One :class:`CalibrationBin` per bin that holds at least one example.

    Example:
        >>> [b.count for b in calibration_bins(np.array([[0.9, 0.1], [0.6, 0.4]]), [0, 1])]
        [1, 1]
    """
    probabilities = np.asarray(probabilities, dtype=np.float64)
    gold_ids = np.asarray(gold_ids)
    if probabilities.ndim != 2 or len(probabilities) != len(gold_ids):
        raise ValueError(f"probabilities {probabilities.shape} do not match {len(gold_ids)} gold labels")
    if n_bins < 1:
        raise ValueError(f"n_bins must be at least 1, not {n_bins}")
    confidence = probabilities.max(axis=1)  # (n,)
    correct = (probabilities.argmax(axis=1) == gold_ids).astype(np.float64)  # (n,)
    bin_of = np.minimum((confidence * n_bins).astype(int), n_bins - 1)  # (n,)
    bins = []
    for b in range(n_bins):
        in_bin = bin_of == b
        if in_bin.any():
            # numpy means (not Python floats), so the ECE sums exactly what it always summed
            bins.append(
                CalibrationBin(b / n_bins, (b + 1) / n_bins, int(in_bin.sum()), correct[in_bin].mean(), confidence[in_bin].mean())
            )
    return bins


def expected_calibration_error(probabilities: np.ndarray, gold_ids: Sequence[int], n_bins: int = 10) -> float:
    """Expected calibration error of the top-class confidence, with equal-width bins.

    Args:
        probabilities: ``(n, k)`` probabilities.
        gold_ids: ``n`` gold class indices.
        n_bins: number of confidence bins over [0, 1].

    Returns:
        The ECE, a weighted mean of |accuracy - confidence| over the bins (rounded to 10 places).

    Example:
        >>> expected_calibration_error(np.array([[0.9, 0.1], [0.6, 0.4]]), [0, 1])
        0.35
    """
    n = len(gold_ids)
    ece = 0.0
    for b in calibration_bins(probabilities, gold_ids, n_bins):
        ece += np.float64(b.count) / n * abs(b.accuracy - b.confidence)
    return float(round(ece, 10))


def cross_fitted_ece(logits: Mapping[str, np.ndarray], splits: Mapping[str, Sequence[LabeledPair]]) -> dict[str, float]:
    """Stance ECE of each of two dev splits with the temperature fitted on the other one.

    A temperature fitted on both splits together makes their ECE optimistic; this is the
    honest check, with one split standing in for unseen data.

    Args:
        logits: the model's raw ``(n, 3)`` stance logits on each split, by split name (as
            :func:`stance.training.evaluate_pairs` returns them).
        splits: exactly two named splits of labeled pairs, rows in the logits' order.

    Returns:
        ``{"stance_ece_<b>_with_temperature_from_<a>": ..., "stance_ece_<a>_with_temperature_from_<b>": ...}``.

    Example:
        >>> cross_fitted_ece({"rw": rw_logits, "mt": mt_logits}, {"rw": dev_rw, "mt": dev_mt})  # doctest: +SKIP
        {'stance_ece_mt_with_temperature_from_rw': 0.031, 'stance_ece_rw_with_temperature_from_mt': 0.042}
    """
    if len(splits) != 2:
        raise ValueError(f"cross-fitting takes exactly two splits, not {len(splits)}: {', '.join(splits)}")
    name_a, name_b = splits
    gold = {name: [STANCE_LABELS.index(p.label) for p in pairs] for name, pairs in splits.items()}
    out = {}
    for fit_on, measure_on in ((name_a, name_b), (name_b, name_a)):
        temperature = fit_temperature(logits[fit_on], gold[fit_on])
        probs = softmax(logits[measure_on], temperature)
        out[f"stance_ece_{measure_on}_with_temperature_from_{fit_on}"] = expected_calibration_error(probs, gold[measure_on])
    return out


def fit_worst_case_temperature(
    logits: Mapping[str, np.ndarray], gold: Mapping[str, Sequence[int]], grid: Sequence[float] = (),
) -> tuple[float, dict[str, float]]:
    """The one temperature that makes the largest ECE over several dev sets smallest.

    A temperature fitted by likelihood on a pooled dev mix follows its largest sets; a
    model used on news, claims and arguments alike is better served by the temperature
    whose worst set is best calibrated. Ties go to the temperature nearest 1.

    Args:
        logits: raw ``(n, k)`` stance logits per dev set (``StanceClassifier.predict_logits``).
        gold: the gold class indices of each set, rows in the logits' order.
        grid: temperatures to try (default: 0.5 to 3.0 in steps of 0.02).

    Returns:
        ``(temperature, {set name: ECE at that temperature})``.

    Example:
        >>> t, ece = fit_worst_case_temperature({"news": news_logits, "ibm": ibm_logits}, {"news": g1, "ibm": g2})  # doctest: +SKIP
        >>> t, max(ece.values())
        (1.24, 0.079)
    """
    if not logits:
        raise ValueError("fit_worst_case_temperature needs at least one dev set")
    if set(logits) != set(gold):
        raise ValueError(f"logits and gold name different sets: {sorted(logits)} against {sorted(gold)}")
    for name in logits:
        if len(logits[name]) != len(gold[name]) or not len(gold[name]):
            raise ValueError(f"set {name!r}: {len(logits[name])} rows of logits for {len(gold[name])} gold labels (need the same, at least one)")
    temperatures = list(grid) or [round(0.5 + 0.02 * i, 2) for i in range(126)]
    if any(t <= 0 for t in temperatures):
        raise ValueError(f"temperatures must be positive, got {min(temperatures)}")
    by_temperature = {t: ece_per_set(logits, gold, t) for t in temperatures}
    best = min(by_temperature, key=lambda t: (max(by_temperature[t].values()), abs(t - 1.0), t))
    return best, by_temperature[best]


def ece_per_set(logits: Mapping[str, np.ndarray], gold: Mapping[str, Sequence[int]], temperature: float) -> dict[str, float]:
    """Each set's stance ECE with its raw logits divided by ``temperature``.

    Example:
        >>> ece_per_set({"news": news_logits}, {"news": news_gold}, 1.24)  # doctest: +SKIP
        {'news': 0.086}
    """
    return {name: expected_calibration_error(softmax(np.asarray(logits[name], dtype=np.float64), temperature), gold[name]) for name in logits}
