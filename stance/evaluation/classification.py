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

from stance.data import LabeledPair
from stance.evaluation.calibration import calibration_bins, expected_calibration_error
from stance.model import SENTIMENT_F_AVG_LABELS, SENTIMENT_LABELS, STANCE_F_AVG_LABELS, STANCE_LABELS
from stance.io import new_figure, save_png

logger = logging.getLogger(__name__)


def _check_lengths(predicted: Sequence[str], gold: Sequence[str]) -> None:
    if len(predicted) != len(gold):
        raise ValueError(f"predicted has {len(predicted)} labels but gold has {len(gold)}")
    if len(gold) == 0:
        raise ValueError("no labels to evaluate")


def classification_metrics(
    predicted: Sequence[str],
    gold: Sequence[str],
    labels: Sequence[str],
    targets: Optional[Sequence[str]] = None,
    probabilities: Optional[np.ndarray] = None,
    prefix: str = "",
    f_avg_labels: Sequence[str] = STANCE_F_AVG_LABELS,
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


def pair_metrics(
    pairs: Sequence[LabeledPair],
    stance_probs: np.ndarray,
    sentiment_probs: np.ndarray,
    prefix: str = "",
    per_target: bool = False,
) -> dict[str, float]:
    """Stance metrics of labeled pairs, and sentiment metrics over the pairs that have a sentiment label.

    Args:
        pairs: labeled pairs.
        stance_probs: ``(n, 3)`` stance probabilities over ``STANCE_LABELS``, in the pairs' order.
        sentiment_probs: ``(n, 3)`` sentiment probabilities over ``SENTIMENT_LABELS``.
        prefix: prepended to every key, before ``stance_`` / ``sentiment_``.
        per_target: also score each target (stance only).

    Returns:
        One flat dict: the :func:`classification_metrics` keys with ``stance_`` and,
        where any pair has a sentiment label, ``sentiment_``.

    Example:
        >>> probs = clf.predict([p.pair for p in pairs])
        >>> pair_metrics(pairs, probs.stance, probs.sentiment)["stance_macro_f1"]
        0.83
    """
    metrics = classification_metrics(
        [STANCE_LABELS[i] for i in np.asarray(stance_probs).argmax(1)],
        [p.label for p in pairs],
        STANCE_LABELS,
        targets=[p.target for p in pairs] if per_target else None,
        probabilities=stance_probs,
        prefix=prefix + "stance_",
    )
    with_sentiment = [i for i, p in enumerate(pairs) if p.sentiment is not None]
    if with_sentiment:
        sentiment = np.asarray(sentiment_probs)[with_sentiment]
        metrics.update(
            classification_metrics(
                [SENTIMENT_LABELS[i] for i in sentiment.argmax(1)],
                [pairs[i].sentiment for i in with_sentiment],
                SENTIMENT_LABELS,
                probabilities=sentiment,
                prefix=prefix + "sentiment_",
                f_avg_labels=SENTIMENT_F_AVG_LABELS,
            )
        )
    return metrics


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
    bins = calibration_bins(probabilities, gold_ids, n_bins)
    centers, accuracies = [b.center for b in bins], [b.accuracy for b in bins]
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
