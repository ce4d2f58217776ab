"""Support-vs-opposition scores on IBM Claim Stance topics (stance.evaluation.ibm)."""

import json

import numpy as np
import pytest

from stance.data import load_ibm_claims
from stance.evaluation.ibm import support_vs_opposition_accuracy, unseen_topics_report
from stance.model import STANCE_LABELS


def test_accuracy_decides_between_support_and_opposition_only():
    # the neutral column is the largest everywhere and must not count
    scores = np.array([[0.3, 0.1, 0.6], [0.1, 0.2, 0.7], [0.2, 0.2, 0.6]])
    assert support_vs_opposition_accuracy(scores, ["support", "opposition", "opposition"]) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="same number"):
        support_vs_opposition_accuracy(scores, ["support"])


def test_unseen_topics_report_per_topic_with_baselines(tmp_path):
    rows = [
        {"id": "a", "topic_id": 5, "target": "t", "text": "One.", "stance_to_target": "support"},
        {"id": "b", "topic_id": 5, "target": "t", "text": "One.", "stance_to_target": "opposition"},
        {"id": "c", "topic_id": 9, "target": "u", "text": "Two.", "stance_to_target": "support"},
        {"id": "d", "topic_id": 9, "target": "u", "text": "Three.", "stance_to_target": "support"},
    ]
    path = tmp_path / "ibm.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    claims = load_ibm_claims(path)
    support, opposition, neutral = (STANCE_LABELS.index(label) for label in ("support", "opposition", "neutral"))
    probs = np.zeros((4, 3))
    probs[0, support] = probs[1, support] = probs[2, opposition] = 1.0  # claim a right, b wrong, c wrong
    probs[3, [support, neutral]] = [0.3, 0.7]  # right, though neutral is the argmax
    report = unseen_topics_report(probs, claims, [9, 5])
    assert report == {
        "topics": [5, 9],
        "n": 4,
        "support_vs_opposition_accuracy": 0.5,
        "argmax_neutral_share": 0.25,
        "per_topic_accuracy": {"5": 0.5, "9": 0.5},
        "majority_baseline": 0.75,
    }
