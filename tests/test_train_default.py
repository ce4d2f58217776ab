"""scripts/train_default.py: its defaults and how it puts the training data together.

The library parts it calls (teacher labels, IBM claims, cross-fitted ECE) are tested in
test_distillation.py, test_ibm_eval.py and test_calibration.py.
"""

import json

import numpy as np
from script_loader import load_script

from stance.data import load_ibm_claim_stance, load_newsmtsc, newsmtsc_ids
from stance.distillation import write_teacher_file
from stance.training import TrainConfig


def test_training_defaults_are_train_configs():
    args = load_script("train_default").build_parser().parse_args(["--newsmtsc-dir", "news"])
    defaults = TrainConfig()
    assert (args.distill_weight, args.epochs, args.learning_rate, args.batch_size, args.input_format, args.seed) == (
        defaults.distill_weight, defaults.epochs, defaults.learning_rate, defaults.batch_size, defaults.input_format, defaults.seed,
    )


def _data(tmp_path):
    news_dir = tmp_path / "news"
    news_dir.mkdir()
    news = [
        {"id": "n1", "sentence": "Smith praised Jones.", "mention": "Jones", "from": 14, "to": 19, "polarity": 1},
        {"id": "n2", "sentence": "Lee attacked Kim.", "mention": "Kim", "from": 13, "to": 16, "polarity": -1},
    ]
    (news_dir / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in news), encoding="utf-8")
    ibm = [
        {"id": f"c{i}", "topic_id": topic, "target": "the ban", "text": f"Claim {i}.", "stance_to_target": "support"}
        for i, topic in enumerate((1, 2, 3, 3))
    ]
    (tmp_path / "ibm.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ibm), encoding="utf-8")
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    write_teacher_file(teacher, "train", np.zeros((2, 3)), ids=newsmtsc_ids(news_dir / "train.jsonl"))
    write_teacher_file(teacher, "extra", np.zeros((1, 3)), rows=[{"sentence": "Smith praised Jones.", "mention": "Smith", "from": 0, "to": 5}])
    write_teacher_file(teacher, "ibm", np.zeros((4, 3)), ids=[r["id"] for r in ibm])
    return news_dir, tmp_path / "ibm.jsonl", teacher


def test_training_data_adds_the_teachers_pairs_and_repeats_the_ibm_claims(tmp_path):
    script = load_script("train_default")
    news_dir, ibm, teacher = _data(tmp_path)
    args = script.build_parser().parse_args([
        "--newsmtsc-dir", str(news_dir), "--ibm", str(ibm), "--ibm-repeat", "2",
        "--teacher-logits", str(teacher), "--ibm-teacher-logits", str(teacher),
    ])
    news_data, news_described = script.newsmtsc_training_data(args)
    assert len(news_data) == len(load_newsmtsc(news_dir / "train.jsonl")) + 1
    assert all(p.teacher_stance is not None for p in news_data)
    assert any("1 further (sentence, named entity) pairs" in d for d in news_described)
    ibm_data, ibm_described = script.ibm_training_data(args, [2])
    kept = load_ibm_claim_stance(ibm, exclude_topics=[2])
    assert [p.text for p in ibm_data] == [p.text for p in kept] * 2
    assert "topics other than [2] (3 claims, each repeated 2 times)" in ibm_described[0]
    assert "0 word-dropout copies" in ibm_described[1]
