"""Classification metrics for stance and sentiment, and their plots.

Functions take predicted and gold labels (and optionally probabilities) and return one
flat dict of numbers. Plots are PNGs written atomically with matplotlib's Agg backend.
Nothing is fetched over the network.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import Optional, Sequence, Union

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

from stance.io import new_figure, save_png

logger = logging.getLogger(__name__)


def _check_lengths(predicted: Sequence[str], gold: Sequence[str]) -> None:
    if len(predicted) != len(gold):
        raise ValueError(f"predicted has {len(predicted)} labels but gold has {len(gold)}")
    if len(gold) == 0:
        raise ValueError("no labels to evaluate")


def expected_calibration_error(probabilities: np.ndarray, gold_ids: Sequence[int], n_bins: int = 10) -> float:
    """Expected calibration error of the top-class confidence, with equal-width bins.

    Args:
        probabilities: ``(n, k)`` probabilities.
        gold_ids: ``n`` gold class indices.
        n_bins: number of confidence bins over [0, 1].

    Returns:
        The ECE, a weighted mean of |accuracy - confidence| over the bins.

    Example:
        >>> expected_calibration_error(np.array([[0.9, 0.1], [0.6, 0.4]]), [0, 1])
        0.35
    """
    probabilities = np.asarray(probabilities, dtype=np.float64)
    gold_ids = np.asarray(gold_ids)
    if probabilities.ndim != 2 or len(probabilities) != len(gold_ids):
        raise ValueError(f"probabilities {probabilities.shape} do not match {len(gold_ids)} gold labels")
    confidence = probabilities.max(axis=1)
    correct = (probabilities.argmax(axis=1) == gold_ids).astype(np.float64)
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        in_bin = bins == b
        if in_bin.any():
            ece += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(round(ece, 10))


def classification_metrics(
    predicted: Sequence[str],
    gold: Sequence[str],
    labels: Sequence[str],
    targets: Optional[Sequence[str]] = None,
    probabilities: Optional[np.ndarray] = None,
    prefix: str = "",
    f_avg_labels: Sequence[str] = ("support", "opposition"),
) -> dict[str, float]:
    """Accuracy, macro-F1, F_avg, per-label F1, per-target scores and ECE in one flat dict.

    Args:
        predicted: predicted label names.
        gold: gold label names.
        labels: all label names, in the probabilities' column order.
        targets: optional target name per example, for per-target accuracy and macro-F1.
        probabilities: optional ``(n, len(labels))`` probabilities, for the ECE.
        prefix: prepended to every key (e.g. ``"stance_"``).
        f_avg_labels: labels whose F1 is averaged into ``f_avg`` (the SemEval metric).

    Returns:
        ``{prefix+"accuracy", prefix+"macro_f1", prefix+"f_avg", prefix+"f1_<label>", ...,
        prefix+"target/<name>/accuracy", prefix+"target/<name>/macro_f1", prefix+"ece", prefix+"n"}``.

    Example:
        >>> classification_metrics(["support"], ["support"], STANCE_LABELS)["accuracy"]
        1.0
    """
    _check_lengths(predicted, gold)
    labels = list(labels)
    unknown = sorted({*predicted, *gold} - set(labels))
    if unknown:
        raise ValueError(f"unknown labels {unknown}; valid labels: {', '.join(labels)}")
    out: dict[str, float] = {prefix + "n": float(len(gold))}
    out[prefix + "accuracy"] = float(accuracy_score(gold, predicted))
    per_label = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    out[prefix + "macro_f1"] = float(np.mean(per_label))
    for label, f1 in zip(labels, per_label):
        out[f"{prefix}f1_{label}"] = float(f1)
    f_avg = [out[f"{prefix}f1_{label}"] for label in f_avg_labels if label in labels]
    if f_avg:
        out[prefix + "f_avg"] = float(np.mean(f_avg))
    if targets is not None:
        if len(targets) != len(gold):
            raise ValueError(f"targets has {len(targets)} entries but gold has {len(gold)}")
        by_target: dict[str, list[int]] = defaultdict(list)
        for i, target in enumerate(targets):
            by_target[target].append(i)
        for target, idx in sorted(by_target.items()):
            g = [gold[i] for i in idx]
            p = [predicted[i] for i in idx]
            present = sorted(set(g) | set(p), key=labels.index)
            out[f"{prefix}target/{target}/n"] = float(len(idx))
            out[f"{prefix}target/{target}/accuracy"] = float(accuracy_score(g, p))
            out[f"{prefix}target/{target}/macro_f1"] = float(f1_score(g, p, labels=present, average="macro", zero_division=0))
    if probabilities is not None:
        gold_ids = [labels.index(g) for g in gold]
        out[prefix + "ece"] = expected_calibration_error(probabilities, gold_ids)
    return out


def plot_confusion_matrix(predicted: Sequence[str], gold: Sequence[str], labels: Sequence[str], path: Union[str, Path], title: str = "Confusion matrix") -> Path:
    """Write a confusion-matrix PNG (rows gold, columns predicted).

    Example:
        >>> plot_confusion_matrix(pred, gold, STANCE_LABELS, "report/confusion_matrix.png")
        PosixPath('report/confusion_matrix.png')
    """
    _check_lengths(predicted, gold)
    matrix = confusion_matrix(gold, predicted, labels=list(labels))
    fig = new_figure(figsize=(4.5, 4))
    ax = fig.subplots()
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=30)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title)
    top = matrix.max() if matrix.size else 0
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, str(matrix[i, j]), ha="center", va="center", color="white" if matrix[i, j] > top / 2 else "black")
    return save_png(fig, path, bbox_inches="tight")


def plot_reliability_diagram(probabilities: np.ndarray, gold_ids: Sequence[int], path: Union[str, Path], n_bins: int = 10, title: str = "Reliability") -> Path:
    """Write a reliability-diagram PNG: accuracy per confidence bin against the diagonal.

    Example:
        >>> plot_reliability_diagram(probs.stance, gold_ids, "report/reliability_diagram.png")
        PosixPath('report/reliability_diagram.png')
    """
    probabilities = np.asarray(probabilities, dtype=np.float64)
    gold_ids = np.asarray(gold_ids)
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == gold_ids
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    centers, accuracies, counts = [], [], []
    for b in range(n_bins):
        in_bin = bins == b
        if in_bin.any():
            centers.append((b + 0.5) / n_bins)
            accuracies.append(correct[in_bin].mean())
            counts.append(int(in_bin.sum()))
    ece = expected_calibration_error(probabilities, gold_ids, n_bins)
    fig = new_figure(figsize=(4.5, 4))
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    ax.bar(centers, accuracies, width=1.0 / n_bins, edgecolor="black", alpha=0.7, label="accuracy")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(f"{title} (ECE {ece:.3f})")
    ax.legend(loc="upper left")
    return save_png(fig, path, bbox_inches="tight")
