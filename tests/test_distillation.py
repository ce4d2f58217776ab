import json
from dataclasses import replace

import numpy as np
import pytest
from model_fixtures import OVERFIT_CONFIG, OVERFIT_PAIRS

from stance.extract import load_spacy
from stance.data import LabeledPair, load_ibm_claim_stance, load_newsmtsc, newsmtsc_ids
from stance.distillation import (
    ibm_with_teacher,
    mean_teacher_logits,
    newsmtsc_with_teacher,
    other_entity_pairs,
    pair_rows,
    row_pairs,
    teacher_labeled_pairs,
    teacher_name,
    with_teacher_labels,
    word_dropout_rows,
    write_teacher_file,
)
from stance.model import STANCE_LABELS, StanceClassifier, softmax
from stance.training import TrainConfig, train


def test_other_entity_pairs_skip_the_gold_target_and_keep_offsets():
    sentence = "Barack Obama praised Angela Merkel during a visit to Berlin on Tuesday."
    gold = [LabeledPair(sentence, "Barack Obama", "support", 0, 12), LabeledPair(sentence, "Obama", "support", 7, 12)]
    extra = other_entity_pairs(gold, load_spacy())
    mentions = sorted(r["mention"] for r in extra)
    assert "Angela Merkel" in mentions and "Berlin" in mentions
    assert not any(r["from"] < 12 for r in extra)  # the gold mention's entity is left out
    assert len(mentions) == len(set(mentions))  # one sentence, parsed once
    for row in extra:
        assert row["sentence"][row["from"] : row["to"]] == row["mention"]
        assert row["entity"] in ("PERSON", "ORG", "GPE", "NORP")


def test_word_dropout_rows_keep_the_target_and_move_its_offsets():
    sentence = "Critics in the Senate said (Obama's plan) would fail badly next year."
    start = sentence.index("Obama")
    row = {"sentence": sentence, "mention": "Obama", "from": start, "to": start + 5}
    out = word_dropout_rows([row, row], drop_prob=0.4, variants=5, seed=3)
    assert out and {r["source"] for r in out} == {0, 1}
    original_words = sentence.split()
    for new in out:
        assert new["sentence"][new["from"] : new["to"]] == "Obama"
        assert "(Obama's" in new["sentence"]  # characters glued to the mention stay with it
        words = new["sentence"].split()
        assert len(words) < len(original_words)  # an unchanged copy is never returned
        remaining = iter(original_words)
        assert all(w in remaining for w in words)  # the kept words, in their order
    assert len({r["sentence"] for r in out}) > 1
    assert out == word_dropout_rows([row, row], drop_prob=0.4, variants=5, seed=3)


def test_word_dropout_rows_refuse_bad_arguments():
    row = {"sentence": "Obama spoke.", "mention": "Obama", "from": 0, "to": 5}
    with pytest.raises(ValueError, match="drop_prob"):
        word_dropout_rows([row], drop_prob=1.0)
    with pytest.raises(ValueError, match="variants"):
        word_dropout_rows([row], variants=0)
    with pytest.raises(ValueError, match="row 0: offsets"):
        word_dropout_rows([dict(row, to=50)])
    assert word_dropout_rows([row], drop_prob=0.0) == []  # nothing dropped: no copy


def test_with_teacher_labels_keeps_gold_and_softens_with_temperature():
    pairs = list(OVERFIT_PAIRS[:2])
    logits = np.array([[4.0, 0.0, 0.0], [0.0, 0.0, 4.0]])
    sharp = with_teacher_labels(pairs, logits, temperature=1.0)
    soft = with_teacher_labels(pairs, logits, temperature=4.0)
    assert [p.label for p in sharp] == [p.label for p in pairs]
    assert [p.sentiment for p in sharp] == [p.sentiment for p in pairs]
    for p in sharp + soft:
        assert sum(p.teacher_stance) == pytest.approx(1.0)
        assert p.teacher_sentiment == p.teacher_stance
    assert sharp[1].teacher_stance[2] > soft[1].teacher_stance[2] > 1 / 3


def test_teacher_labels_of_the_wrong_shape_are_refused():
    with pytest.raises(ValueError, match=r"shape \(3, 3\), expected \(2, 3\)"):
        with_teacher_labels(list(OVERFIT_PAIRS[:2]), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="temperature must be positive"):
        with_teacher_labels(list(OVERFIT_PAIRS[:2]), np.zeros((2, 3)), temperature=0.0)


def test_teacher_labeled_pairs_take_the_argmax_as_label():
    rows = [
        {"sentence": "Fans cheered Smith and booed Jones.", "mention": "Jones", "from": 29, "to": 34},
        {"sentence": "Fans cheered Smith and booed Jones.", "mention": "Smith", "from": 13, "to": 18},
    ]
    pairs = teacher_labeled_pairs(rows, np.array([[0.0, 2.0, 0.0], [3.0, 0.0, 1.0]]))
    assert [(p.label, p.sentiment) for p in pairs] == [("opposition", "negative"), ("support", "positive")]
    assert [p.pair.text[p.target_start : p.target_end] for p in pairs] == ["Jones", "Smith"]
    claims = [{"sentence": "Voters deserve a wider choice.", "mention": "open primaries", "from": None, "to": None}]
    stance_only = teacher_labeled_pairs(claims, np.array([[2.0, 0.0, -9.0]]), with_sentiment=False)[0]
    assert (stance_only.label, stance_only.sentiment, stance_only.teacher_sentiment) == ("support", None, None)
    assert stance_only.target_start is None and stance_only.teacher_stance[0] > 0.8


def test_student_follows_the_teacher_where_it_disagrees_with_gold(tiny_base, tmp_path):
    # Teacher logits that flip support and opposition; with distill_weight=1 only the
    # teacher's soft labels teach the stance head, so the student must learn the flip.
    flip = {"support": "opposition", "opposition": "support", "neutral": "neutral"}
    logits = np.array([[5.0 if STANCE_LABELS[i] == flip[p.label] else 0.0 for i in range(3)] for p in OVERFIT_PAIRS])
    data = with_teacher_labels(list(OVERFIT_PAIRS), logits)
    # Dev data carries the flipped labels too, so epoch selection does not pull back to gold.
    dev = [replace(p, label=flip[p.label]) for p in OVERFIT_PAIRS]
    config = TrainConfig(**{**OVERFIT_CONFIG, "distill_weight": 1.0})
    result = train(data, dev, base=tiny_base, output_dir=tmp_path / "student", config=config, progress=False)
    clf = StanceClassifier.from_pretrained(result.output_dir, device="cpu")
    predicted = [STANCE_LABELS[i] for i in clf.predict([p.pair for p in OVERFIT_PAIRS]).stance.argmax(1)]
    assert predicted == [flip[p.label] for p in OVERFIT_PAIRS]


# ---------------------------------------------------------------- teacher label directories


def _ibm_file(tmp_path):
    rows = [
        {"id": "c1", "topic_id": 1, "target": "the ban", "text": "The ban saves lives.", "stance_to_target": "support"},
        {"id": "c2", "topic_id": 2, "target": "tariffs", "text": "Tariffs raise prices.", "stance_to_target": "opposition"},
        {"id": "c3", "topic_id": 3, "target": "the ban", "text": "Bans never work.", "stance_to_target": "opposition"},
    ]
    path = tmp_path / "ibm.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _ibm_teacher(tmp_path, name, logits, ids=("c1", "c2", "c3")):
    teacher = tmp_path / name
    teacher.mkdir()
    write_teacher_file(teacher, "ibm", np.array(logits), ids=list(ids))
    return teacher


def test_ibm_teacher_labels_follow_the_training_claims_and_ignore_neutral(tmp_path):
    ibm = _ibm_file(tmp_path)
    # one row per claim in file order; the neutral column is large, and must not count
    teacher = _ibm_teacher(tmp_path, "teacher", [[2.0, 0.0, 9.0], [0.0, 5.0, 9.0], [0.0, 3.0, 9.0]])
    copies = [{"sentence": "Tariffs raise.", "mention": "tariffs", "from": None, "to": None, "source": 0}]
    write_teacher_file(teacher, "ibm_perturbed", np.array([[4.0, 0.0, 9.0]]), rows=copies)

    claims, teacher_only = ibm_with_teacher(ibm, [2], [teacher], temperature=1.0)
    assert claims == [
        replace(p, teacher_stance=c.teacher_stance, teacher_sentiment=c.teacher_sentiment)
        for p, c in zip(load_ibm_claim_stance(ibm, exclude_topics=[2]), claims)
    ]  # topic 2 held out, gold labels kept
    neutral = STANCE_LABELS.index("neutral")
    assert all(c.teacher_stance[neutral] == 0.0 for c in claims + teacher_only)
    assert claims[1].teacher_stance[STANCE_LABELS.index("opposition")] == pytest.approx(1 / (1 + np.exp(-3.0)))
    assert [(p.label, p.sentiment, p.teacher_sentiment) for p in teacher_only] == [("support", None, None)]


def test_ibm_teacher_labels_for_another_file_are_refused(tmp_path):
    ibm = _ibm_file(tmp_path)
    teacher = _ibm_teacher(tmp_path, "teacher", np.zeros((3, 3)), ids=["c1", "c3", "c2"])
    with pytest.raises(ValueError, match="do not match"):
        ibm_with_teacher(ibm, [2], [teacher], temperature=1.0)
    write_teacher_file(teacher, "ibm", np.zeros((2, 3)), ids=["c1", "c2", "c3"])
    with pytest.raises(ValueError, match=r"ibm\.npy has shape \(2, 3\), expected \(3, 3\)"):
        ibm_with_teacher(ibm, [2], [teacher], temperature=1.0)


def test_several_ibm_teachers_give_their_mean_logits(tmp_path):
    ibm = _ibm_file(tmp_path)
    dirs = [
        _ibm_teacher(tmp_path, "a", [[4.0, 0.0, 0.0], [0.0, 0.0, 0.0], [2.0, 0.0, 0.0]]),
        _ibm_teacher(tmp_path, "b", [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 4.0, 0.0]]),
    ]
    claims, copies = ibm_with_teacher(ibm, [2], dirs, temperature=1.0)
    assert copies == []
    support, opposition = STANCE_LABELS.index("support"), STANCE_LABELS.index("opposition")
    assert claims[0].teacher_stance[support] == pytest.approx(1 / (1 + np.exp(-2.0)))  # mean logits (2, 0)
    assert claims[1].teacher_stance[opposition] == pytest.approx(1 / (1 + np.exp(-1.0)))  # mean logits (1, 2)
    write_teacher_file(dirs[1], "ibm", np.zeros((2, 3)))
    with pytest.raises(ValueError, match="shape"):
        ibm_with_teacher(ibm, [2], dirs, temperature=1.0)


def _news_train(tmp_path):
    rows = [
        {"id": "n1", "sentence": "Smith praised Jones.", "mention": "Jones", "from": 14, "to": 19, "polarity": 1},
        {"id": "n2", "sentence": "Lee attacked Kim.", "mention": "Kim", "from": 13, "to": 16, "polarity": -1},
    ]
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _news_teacher(tmp_path, name, train_logits, extra_logits, extra_rows, news):
    teacher = tmp_path / name
    teacher.mkdir()
    write_teacher_file(teacher, "train", np.array(train_logits), ids=newsmtsc_ids(news))
    write_teacher_file(teacher, "extra", np.array(extra_logits), rows=extra_rows)
    return teacher


EXTRA_ROWS = [{"sentence": "Smith praised Jones.", "mention": "Smith", "from": 0, "to": 5}]


def test_several_news_teachers_give_their_mean_logits(tmp_path):
    news = _news_train(tmp_path)
    pairs = load_newsmtsc(news)
    one = _news_teacher(tmp_path, "one", [[4.0, 0.0, 0.0], [0.0, 0.0, 2.0]], [[0.0, 4.0, 0.0]], EXTRA_ROWS, news)
    two = _news_teacher(tmp_path, "two", [[0.0, 0.0, 0.0], [0.0, 4.0, 0.0]], [[0.0, 0.0, 6.0]], EXTRA_ROWS, news)
    out, counts = newsmtsc_with_teacher(pairs, [one, two], 1.0, news)
    assert counts == {"extra": 1}
    assert [p.label for p in out] == ["support", "opposition", "neutral"]  # gold kept; teacher-only = mean argmax
    expected = softmax(np.array([[2.0, 0.0, 0.0], [0.0, 2.0, 1.0], [0.0, 2.0, 3.0]]), 1.0)
    assert np.allclose([p.teacher_stance for p in out], expected)
    alone, _ = newsmtsc_with_teacher(pairs, [one], 1.0, news)
    assert alone[0].teacher_stance != out[0].teacher_stance


def test_teachers_that_labeled_other_pairs_are_refused(tmp_path):
    news = _news_train(tmp_path)
    pairs = load_newsmtsc(news)
    one = _news_teacher(tmp_path, "one", np.zeros((2, 3)), np.zeros((1, 3)), EXTRA_ROWS, news)
    other_rows = [dict(EXTRA_ROWS[0], mention="Jones", **{"from": 14, "to": 19})]
    two = _news_teacher(tmp_path, "two", np.zeros((2, 3)), np.zeros((1, 3)), other_rows, news)
    with pytest.raises(ValueError, match="other rows"):
        newsmtsc_with_teacher(pairs, [one, two], 1.0, news)
    three = _news_teacher(tmp_path, "three", np.zeros((2, 3)), np.zeros((1, 3)), EXTRA_ROWS, news)
    (three / "train_ids.json").write_text(json.dumps(["n2", "n1"]))
    with pytest.raises(ValueError, match="do not match"):
        newsmtsc_with_teacher(pairs, [one, three], 1.0, news)
    four = _news_teacher(tmp_path, "four", np.zeros((2, 2)), np.zeros((1, 3)), EXTRA_ROWS, news)
    with pytest.raises(ValueError, match="shape"):
        newsmtsc_with_teacher(pairs, [one, four], 1.0, news)


def test_teachers_may_differ_in_fields_that_are_not_the_pair(tmp_path):
    news = _news_train(tmp_path)
    one = _news_teacher(tmp_path, "one", np.zeros((2, 3)), np.zeros((1, 3)), EXTRA_ROWS, news)
    two = _news_teacher(tmp_path, "two", np.zeros((2, 3)), np.ones((1, 3)), [dict(EXTRA_ROWS[0], entity="PERSON")], news)
    out, _ = newsmtsc_with_teacher(load_newsmtsc(news), [one, two], 1.0, news)
    assert len(out) == 3
    assert np.allclose(mean_teacher_logits([one, two], "extra"), 0.5)


def test_teacher_name_says_ensemble(tmp_path):
    dirs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "teacher.json").write_text(json.dumps({"teacher": "all-mpnet-base-v2"}))
        dirs.append(tmp_path / name)
    assert teacher_name(dirs[:1]) == "a fine-tuned all-mpnet-base-v2 teacher"
    assert teacher_name(dirs) == "an ensemble of 2 fine-tuned all-mpnet-base-v2 teachers (mean logits)"
    assert teacher_name([tmp_path]) == "a fine-tuned larger model teacher"  # no teacher.json


def test_teacher_files_round_trip_and_rows_make_the_pairs_back(tmp_path):
    rows = pair_rows(OVERFIT_PAIRS)
    assert row_pairs(rows) == [p.pair for p in OVERFIT_PAIRS]
    logits = np.arange(len(rows) * 3, dtype=np.float32).reshape(-1, 3)
    write_teacher_file(tmp_path, "extra", logits, rows=rows, ids=list(range(len(rows))))
    assert np.array_equal(mean_teacher_logits([tmp_path], "extra"), logits)
    assert json.loads((tmp_path / "extra_ids.json").read_text()) == list(range(len(rows)))
    pairs = teacher_labeled_pairs(rows, logits)
    assert [p.pair for p in pairs] == [p.pair for p in OVERFIT_PAIRS]
