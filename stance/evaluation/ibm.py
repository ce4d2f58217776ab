"""Support-vs-opposition scores on IBM Claim Stance claims, overall and per topic.

IBM Claim Stance has no neutral class, so a claim's decision is whichever of support and
opposition scores higher (:func:`stance.model.support_or_opposition`). The default model
is trained without the topics of :func:`stance.data.ibm_holdout_topics`;
:func:`unseen_topics_report` scores it on them. Claims come with their topics from
:func:`stance.data.load_ibm_claims`, so no join by text is needed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Collection, Sequence

import numpy as np

from stance.data import IbmClaim
from stance.model import STANCE_LABELS, support_or_opposition


def support_vs_opposition_accuracy(stance_scores: np.ndarray, gold_labels: Sequence[str]) -> float:
    """Share of rows whose support-vs-opposition decision is the gold label.

    Args:
        stance_scores: ``(n, 3)`` stance logits or probabilities in ``STANCE_LABELS`` order.
        gold_labels: ``n`` gold labels (support or opposition).

    Returns:
        The accuracy in [0, 1].

    Example:
        >>> support_vs_opposition_accuracy(np.array([[0.6, 0.1, 0.3], [0.5, 0.4, 0.1]]), ["support", "opposition"])
        0.5
    """
    if len(stance_scores) != len(gold_labels) or len(gold_labels) == 0:
        raise ValueError(f"{len(stance_scores)} score rows for {len(gold_labels)} gold labels; need the same number, at least one")
    predicted = support_or_opposition(np.asarray(stance_scores))
    return float(np.mean([p == g for p, g in zip(predicted, gold_labels)]))


def unseen_topics_report(stance_probs: np.ndarray, claims: Sequence[IbmClaim], topics: Collection[int]) -> dict[str, Any]:
    """Accuracy on claims of held-out topics, per topic, with the neutral share and the majority baseline.

    Args:
        stance_probs: ``(n, 3)`` stance probabilities of the claims, in their order.
        claims: the claims of the held-out ``topics``.
        topics: the held-out topic ids (reported as given, sorted).

    Returns:
        ``{"topics", "n", "support_vs_opposition_accuracy", "argmax_neutral_share",
        "per_topic_accuracy" {topic: accuracy}, "majority_baseline"}``.

    Example:
        >>> claims = [c for c in load_ibm_claims(ibm) if c.topic_id in {441, 481}]
        >>> unseen_topics_report(clf.predict([c.pair for c in claims]).stance, claims, [441, 481])["n"]
        160
    """
    labels = [c.pair.label for c in claims]
    correct = support_or_opposition(np.asarray(stance_probs)) == np.array(labels)  # (n,)
    by_topic: dict[Any, list[bool]] = defaultdict(list)
    for ok, claim in zip(correct, claims):
        by_topic[claim.topic_id].append(ok)
    majority = max(np.mean([label == "support" for label in labels]), np.mean([label == "opposition" for label in labels]))
    return {
        "topics": sorted(topics),
        "n": len(claims),
        "support_vs_opposition_accuracy": support_vs_opposition_accuracy(stance_probs, labels),
        "argmax_neutral_share": float(np.mean(np.asarray(stance_probs).argmax(1) == STANCE_LABELS.index("neutral"))),
        "per_topic_accuracy": {str(t): float(np.mean(v)) for t, v in sorted(by_topic.items())},
        "majority_baseline": float(majority),
    }
