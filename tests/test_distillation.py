from dataclasses import replace

import numpy as np
import pytest
from model_fixtures import OVERFIT_CONFIG, OVERFIT_PAIRS

from stance.attribution import load_spacy
from stance.data import LabeledPair
from stance.distillation import other_entity_pairs, teacher_labeled_pairs, with_teacher_labels, word_dropout_rows
from stance.model import STANCE_LABELS, StanceClassifier
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
