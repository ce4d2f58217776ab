"""scripts/train_default.py: how teacher labels are joined to the IBM training claims."""

import json

import numpy as np
import pytest
from script_loader import load_script

from stance.data import LabeledPair
from stance.evaluation.classification import expected_calibration_error
from stance.model import STANCE_LABELS, fit_temperature, softmax


def _ibm_file(tmp_path):
    rows = [
        {"id": "c1", "topic_id": 1, "target": "the ban", "text": "The ban saves lives.", "stance_to_target": "support"},
        {"id": "c2", "topic_id": 2, "target": "tariffs", "text": "Tariffs raise prices.", "stance_to_target": "opposition"},
        {"id": "c3", "topic_id": 3, "target": "the ban", "text": "Bans never work.", "stance_to_target": "opposition"},
    ]
    path = tmp_path / "ibm.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_ibm_teacher_labels_follow_the_training_claims_and_ignore_neutral(tmp_path):
    script = load_script("train_default")
    ibm = _ibm_file(tmp_path)
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    # one row per claim in file order; the neutral column is large, and must not count
    np.save(teacher / "ibm.npy", np.array([[2.0, 0.0, 9.0], [0.0, 5.0, 9.0], [0.0, 3.0, 9.0]]))
    (teacher / "ibm_ids.json").write_text(json.dumps(["c1", "c2", "c3"]))
    copies = [{"sentence": "Tariffs raise.", "mention": "tariffs", "from": None, "to": None, "source": 0}]
    (teacher / "ibm_perturbed.jsonl").write_text(json.dumps(copies[0]) + "\n")
    np.save(teacher / "ibm_perturbed.npy", np.array([[4.0, 0.0, 9.0]]))

    claims, teacher_only = script.ibm_with_teacher(ibm, [2], teacher, temperature=1.0)
    assert [c.text for c in claims] == ["The ban saves lives.", "Bans never work."]  # topic 2 held out
    assert [c.label for c in claims] == ["support", "opposition"]  # gold labels kept
    neutral = STANCE_LABELS.index("neutral")
    assert all(c.teacher_stance[neutral] == 0.0 for c in claims + teacher_only)
    assert claims[1].teacher_stance[STANCE_LABELS.index("opposition")] == pytest.approx(1 / (1 + np.exp(-3.0)))
    assert [(p.label, p.sentiment, p.teacher_sentiment) for p in teacher_only] == [("support", None, None)]


def test_ibm_teacher_labels_for_another_file_are_refused(tmp_path):
    script = load_script("train_default")
    ibm = _ibm_file(tmp_path)
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    np.save(teacher / "ibm.npy", np.zeros((3, 3)))
    (teacher / "ibm_ids.json").write_text(json.dumps(["c1", "c3", "c2"]))
    with pytest.raises(ValueError, match="do not match"):
        script.ibm_with_teacher(ibm, [2], teacher, temperature=1.0)
    (teacher / "ibm_ids.json").write_text(json.dumps(["c1", "c2", "c3"]))
    np.save(teacher / "ibm.npy", np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"ibm\.npy has shape \(2, 3\), expected \(3, 3\)"):
        script.ibm_with_teacher(ibm, [2], teacher, temperature=1.0)


def test_cross_fitted_ece_of_identical_splits_is_the_jointly_calibrated_ece():
    script = load_script("train_default")
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(60, 3)) * 3
    gold_ids = rng.integers(0, 3, size=60)
    pairs = [LabeledPair("Some text.", "text", STANCE_LABELS[i]) for i in gold_ids]
    out = script.cross_fitted_ece({"a": logits, "b": logits}, {"a": pairs, "b": pairs})
    expected = expected_calibration_error(softmax(logits, fit_temperature(logits, gold_ids)), gold_ids)
    assert out == {"stance_ece_b_with_temperature_from_a": expected, "stance_ece_a_with_temperature_from_b": expected}
