"""Confidence bins, ECE and the cross-fitted calibration check (stance.evaluation.calibration)."""

import numpy as np
import pytest

from stance.data import LabeledPair
from stance.evaluation.calibration import calibration_bins, cross_fitted_ece, expected_calibration_error, fit_worst_case_temperature
from stance.model import STANCE_LABELS, fit_temperature, softmax


def _random_predictions(n=500, seed=0):
    rng = np.random.default_rng(seed)
    return rng.dirichlet([1.0, 1.0, 1.0], size=n), rng.integers(0, 3, size=n)


def test_bins_hold_every_example_once_with_their_mean_accuracy_and_confidence():
    probs, gold = _random_predictions()
    bins = calibration_bins(probs, gold, n_bins=10)
    assert sum(b.count for b in bins) == len(gold)
    confidence = probs.max(1)
    correct = probs.argmax(1) == gold
    for b in bins:
        inside = (confidence >= b.lower) & ((confidence < b.upper) | (b.upper == 1.0))
        assert b.count == inside.sum() > 0
        assert b.accuracy == pytest.approx(correct[inside].mean())
        assert b.confidence == pytest.approx(confidence[inside].mean())
        assert b.lower < b.center < b.upper
    assert [b.lower for b in bins] == sorted(b.lower for b in bins)


def test_confidence_one_falls_in_the_last_bin_and_empty_bins_are_left_out():
    bins = calibration_bins(np.array([[1.0, 0.0], [0.55, 0.45]]), [0, 1], n_bins=4)
    assert [(b.lower, b.upper, b.count, b.accuracy) for b in bins] == [(0.5, 0.75, 1, 0.0), (0.75, 1.0, 1, 1.0)]


def test_ece_is_the_count_weighted_gap_over_the_bins():
    probs, gold = _random_predictions(seed=1)
    for n_bins in (1, 5, 10, 15):
        bins = calibration_bins(probs, gold, n_bins)
        expected = sum(b.count / len(gold) * abs(b.accuracy - b.confidence) for b in bins)
        assert expected_calibration_error(probs, gold, n_bins) == pytest.approx(expected, abs=1e-10)
    assert expected_calibration_error(np.eye(3), [0, 1, 2]) == 0.0  # sure and right: perfectly calibrated


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="do not match"):
        calibration_bins(np.zeros((2, 3)), [0])
    with pytest.raises(ValueError, match="n_bins"):
        expected_calibration_error(np.ones((1, 2)) / 2, [0], n_bins=0)


def test_cross_fitted_ece_of_identical_splits_is_the_jointly_calibrated_ece():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(60, 3)) * 3
    gold_ids = rng.integers(0, 3, size=60)
    pairs = [LabeledPair("Some text.", "text", STANCE_LABELS[i]) for i in gold_ids]
    out = cross_fitted_ece({"a": logits, "b": logits}, {"a": pairs, "b": pairs})
    expected = expected_calibration_error(softmax(logits, fit_temperature(logits, gold_ids)), gold_ids)
    assert out == {"stance_ece_b_with_temperature_from_a": expected, "stance_ece_a_with_temperature_from_b": expected}


def test_cross_fitted_ece_uses_the_other_splits_temperature():
    rng = np.random.default_rng(2)
    sharp = rng.normal(size=(80, 3)) * 8
    gold = rng.integers(0, 3, size=80)
    pairs = [LabeledPair("Some text.", "text", STANCE_LABELS[i]) for i in gold]
    out = cross_fitted_ece({"a": sharp, "b": sharp / 4}, {"a": pairs, "b": pairs})
    temperature_b = fit_temperature(sharp / 4, gold)
    assert out["stance_ece_a_with_temperature_from_b"] == expected_calibration_error(softmax(sharp, temperature_b), gold)
    with pytest.raises(ValueError, match="exactly two"):
        cross_fitted_ece({"a": sharp}, {"a": pairs})


def _overconfident_and_underconfident_sets():
    rng = np.random.default_rng(0)
    n = 400
    gold_a = rng.integers(0, 3, n)
    gold_b = rng.integers(0, 3, n)
    # set a: sharp logits, right 60% of the time (overconfident at t=1)
    pred_a = np.where(rng.random(n) < 0.6, gold_a, (gold_a + 1) % 3)
    logits_a = np.eye(3)[pred_a] * 6.0
    # set b: soft logits, right 95% of the time (underconfident at t=1)
    pred_b = np.where(rng.random(n) < 0.95, gold_b, (gold_b + 1) % 3)
    logits_b = np.eye(3)[pred_b] * 1.0
    return {"a": logits_a, "b": logits_b}, {"a": list(gold_a), "b": list(gold_b)}


def test_worst_case_temperature_minimises_the_largest_ece_over_the_sets():
    logits, gold = _overconfident_and_underconfident_sets()
    best, eces = fit_worst_case_temperature(logits, gold)
    worst = max(eces.values())
    assert set(eces) == {"a", "b"}
    for t in (0.5, 1.0, 2.0, 3.0, fit_temperature(np.vstack([logits["a"], logits["b"]]), gold["a"] + gold["b"])):
        other = fit_worst_case_temperature(logits, gold, grid=[t])[1]
        assert worst <= max(other.values()) + 1e-12
    # each set's ECE is the one expected_calibration_error gives at that temperature
    assert eces["a"] == pytest.approx(expected_calibration_error(softmax(logits["a"], best), gold["a"]))


def test_worst_case_temperature_refuses_mismatched_input():
    logits, gold = _overconfident_and_underconfident_sets()
    with pytest.raises(ValueError, match="at least one"):
        fit_worst_case_temperature({}, {})
    with pytest.raises(ValueError, match="different sets"):
        fit_worst_case_temperature(logits, {"a": gold["a"]})
    with pytest.raises(ValueError, match="rows of logits"):
        fit_worst_case_temperature(logits, {"a": gold["a"][:-1], "b": gold["b"]})
    with pytest.raises(ValueError, match="positive"):
        fit_worst_case_temperature(logits, gold, grid=[0.0, 1.0])
