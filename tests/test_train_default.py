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

    claims, teacher_only = script.ibm_with_teacher(ibm, [2], [teacher], temperature=1.0)
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
        script.ibm_with_teacher(ibm, [2], [teacher], temperature=1.0)
    (teacher / "ibm_ids.json").write_text(json.dumps(["c1", "c2", "c3"]))
    np.save(teacher / "ibm.npy", np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"ibm\.npy has shape \(2, 3\), expected \(3, 3\)"):
        script.ibm_with_teacher(ibm, [2], [teacher], temperature=1.0)


def test_cross_fitted_ece_of_identical_splits_is_the_jointly_calibrated_ece():
    script = load_script("train_default")
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(60, 3)) * 3
    gold_ids = rng.integers(0, 3, size=60)
    pairs = [LabeledPair("Some text.", "text", STANCE_LABELS[i]) for i in gold_ids]
    out = script.cross_fitted_ece({"a": logits, "b": logits}, {"a": pairs, "b": pairs})
    expected = expected_calibration_error(softmax(logits, fit_temperature(logits, gold_ids)), gold_ids)
    assert out == {"stance_ece_b_with_temperature_from_a": expected, "stance_ece_a_with_temperature_from_b": expected}


def _news_teacher(tmp_path, name, train_logits, extra_logits, extra_rows):
    teacher = tmp_path / name
    teacher.mkdir()
    np.save(teacher / "train.npy", np.array(train_logits))
    (teacher / "train_ids.json").write_text(json.dumps(["n1", "n2"]))
    (teacher / "extra.jsonl").write_text("".join(json.dumps(r) + "\n" for r in extra_rows))
    np.save(teacher / "extra.npy", np.array(extra_logits))
    return teacher


def _news_train(tmp_path):
    rows = [
        {"id": "n1", "sentence": "Smith praised Jones.", "mention": "Jones", "from": 14, "to": 19, "polarity": 1},
        {"id": "n2", "sentence": "Lee attacked Kim.", "mention": "Kim", "from": 13, "to": 16, "polarity": -1},
    ]
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


EXTRA_ROWS = [{"sentence": "Smith praised Jones.", "mention": "Smith", "from": 0, "to": 5}]


def test_several_news_teachers_give_their_mean_logits(tmp_path):
    script = load_script("train_default")
    news = _news_train(tmp_path)
    pairs = script.load_newsmtsc(news)
    one = _news_teacher(tmp_path, "one", [[4.0, 0.0, 0.0], [0.0, 0.0, 2.0]], [[0.0, 4.0, 0.0]], EXTRA_ROWS)
    two = _news_teacher(tmp_path, "two", [[0.0, 0.0, 0.0], [0.0, 4.0, 0.0]], [[0.0, 0.0, 6.0]], EXTRA_ROWS)
    out, counts = script.with_teacher(pairs, [one, two], 1.0, news)
    assert counts == {"extra": 1}
    assert [p.label for p in out] == ["support", "opposition", "neutral"]  # gold kept; teacher-only = mean argmax
    expected = softmax(np.array([[2.0, 0.0, 0.0], [0.0, 2.0, 1.0], [0.0, 2.0, 3.0]]), 1.0)
    assert np.allclose([p.teacher_stance for p in out], expected)
    alone, _ = script.with_teacher(pairs, [one], 1.0, news)
    assert alone[0].teacher_stance != out[0].teacher_stance


def test_teachers_that_labeled_other_pairs_are_refused(tmp_path):
    script = load_script("train_default")
    news = _news_train(tmp_path)
    pairs = script.load_newsmtsc(news)
    one = _news_teacher(tmp_path, "one", np.zeros((2, 3)), np.zeros((1, 3)), EXTRA_ROWS)
    other_rows = [dict(EXTRA_ROWS[0], mention="Jones", **{"from": 14, "to": 19})]
    two = _news_teacher(tmp_path, "two", np.zeros((2, 3)), np.zeros((1, 3)), other_rows)
    with pytest.raises(ValueError, match="other rows"):
        script.with_teacher(pairs, [one, two], 1.0, news)
    three = _news_teacher(tmp_path, "three", np.zeros((2, 3)), np.zeros((1, 3)), EXTRA_ROWS)
    (three / "train_ids.json").write_text(json.dumps(["n2", "n1"]))
    with pytest.raises(ValueError, match="do not match"):
        script.with_teacher(pairs, [one, three], 1.0, news)
    four = _news_teacher(tmp_path, "four", np.zeros((2, 2)), np.zeros((1, 3)), EXTRA_ROWS)
    with pytest.raises(ValueError, match="shape"):
        script.with_teacher(pairs, [one, four], 1.0, news)


def test_teacher_name_says_ensemble(tmp_path):
    script = load_script("train_default")
    dirs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "teacher.json").write_text(json.dumps({"teacher": "all-mpnet-base-v2"}))
        dirs.append(tmp_path / name)
    assert script.teacher_name(dirs[:1]) == "a fine-tuned all-mpnet-base-v2 teacher"
    assert script.teacher_name(dirs) == "an ensemble of 2 fine-tuned all-mpnet-base-v2 teachers (mean logits)"


def test_teachers_may_differ_in_fields_that_are_not_the_pair(tmp_path):
    script = load_script("train_default")
    news = _news_train(tmp_path)
    one = _news_teacher(tmp_path, "one", np.zeros((2, 3)), np.zeros((1, 3)), EXTRA_ROWS)
    two = _news_teacher(tmp_path, "two", np.zeros((2, 3)), np.ones((1, 3)), [dict(EXTRA_ROWS[0], entity="PERSON")])
    out, _ = script.with_teacher(script.load_newsmtsc(news), [one, two], 1.0, news)
    assert len(out) == 3


def test_several_ibm_teachers_give_their_mean_logits(tmp_path):
    script = load_script("train_default")
    ibm = _ibm_file(tmp_path)
    dirs = []
    for name, logits in (("a", [[4.0, 0.0, 0.0], [0.0, 0.0, 0.0], [2.0, 0.0, 0.0]]), ("b", [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 4.0, 0.0]])):
        teacher = tmp_path / name
        teacher.mkdir()
        np.save(teacher / "ibm.npy", np.array(logits))
        (teacher / "ibm_ids.json").write_text(json.dumps(["c1", "c2", "c3"]))
        dirs.append(teacher)
    claims, copies = script.ibm_with_teacher(ibm, [2], dirs, temperature=1.0)
    assert copies == []
    support, opposition = STANCE_LABELS.index("support"), STANCE_LABELS.index("opposition")
    assert claims[0].teacher_stance[support] == pytest.approx(1 / (1 + np.exp(-2.0)))  # mean logits (2, 0)
    assert claims[1].teacher_stance[opposition] == pytest.approx(1 / (1 + np.exp(-1.0)))  # mean logits (1, 2)
    np.save(dirs[1] / "ibm.npy", np.zeros((2, 3)))
    with pytest.raises(ValueError, match="shape"):
        script.ibm_with_teacher(ibm, [2], dirs, temperature=1.0)
