"""scripts/train_default.py: its command line, the teacher's soft labels, and a smoke run.

The mix it trains on is tested in test_mixing.py; the training loop in test_training.py.
"""

import pytest
import torch
from mix_data import NEWS, write_data_dir
from safetensors.torch import load_file
from script_loader import load_script

from stance.data import LabeledPair
from stance.model import StanceClassifier
from stance.training import TrainConfig


@pytest.fixture(scope="module")
def script():
    return load_script("train_default")


def test_training_defaults_are_train_configs(script):
    args = script.build_parser().parse_args(["teacher", "--data-dir", "d", "--work-dir", "w", "--output", "o"])
    defaults = TrainConfig()
    assert (args.learning_rate, args.batch_size, args.distill_weight, args.seed) == (
        defaults.learning_rate, defaults.batch_size, defaults.distill_weight, defaults.seed,
    )
    assert args.teacher is None and args.limit is None


def test_student_needs_a_teacher(script, tmp_path, capsys):
    with pytest.raises(SystemExit) as err:
        script.main(["student", "--data-dir", str(tmp_path), "--work-dir", str(tmp_path / "w"), "--output", str(tmp_path / "o")])
    assert err.value.code == 2
    assert "student needs --teacher" in capsys.readouterr().err
    assert not (tmp_path / "w").exists()


def test_with_teacher_attaches_the_teachers_probabilities(script, tiny_trained):
    pairs = [
        LabeledPair("Voters love the mayor.", "the mayor", "support", 13, 22, sentiment="positive"),
        LabeledPair("Whales suffer when hunted.", "We should ban whaling", "support"),
        LabeledPair("Critics hate the merger.", "the merger", "opposition", sentiment="negative"),
    ]
    out = script.with_teacher(pairs, tiny_trained.output_dir)
    probs = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu").predict([p.pair for p in pairs])
    for i, (before, after) in enumerate(zip(pairs, out)):
        # the gold labels stay; only the soft labels are added
        assert (after.text, after.target, after.label, after.sentiment) == (before.text, before.target, before.label, before.sentiment)
        assert len(after.teacher_stance) == 3 and sum(after.teacher_stance) == pytest.approx(1.0, abs=1e-5)
        assert after.teacher_stance == pytest.approx(tuple(probs.stance[i]), abs=1e-6)
        if before.sentiment is None:
            assert after.teacher_sentiment is None
        else:
            assert sum(after.teacher_sentiment) == pytest.approx(1.0, abs=1e-5)


def _run(script, step, data_dir, base_args, out_dir):
    return script.main([
        step, "--data-dir", str(data_dir), *base_args, "--work-dir", str(out_dir / "run"), "--output", str(out_dir / "model"),
        "--limit", "16", "--epochs", "1", "--batch-size", "8", "--threads", "1", "--dev-per-source", "2",
    ])


def test_teacher_then_student_smoke_run_writes_fp16_models(script, tiny_base, tmp_path, capsys):
    data_dir = write_data_dir(tmp_path / "data")
    threads = torch.get_num_threads()
    try:
        assert _run(script, "teacher", data_dir, ["--base", str(tiny_base)], tmp_path / "teacher") == 0
        assert _run(script, "student", data_dir, ["--base", str(tiny_base), "--teacher", str(tmp_path / "teacher" / "model")], tmp_path / "student") == 0
    finally:
        torch.set_num_threads(threads)
    assert "dev mix stance macro-F1" in capsys.readouterr().out
    for step in ("teacher", "student"):
        model_dir = tmp_path / step / "model"
        weights = load_file(str(model_dir / "model.safetensors"))
        assert {v.dtype for v in weights.values() if v.is_floating_point()} == {torch.float16}
        assert (model_dir / "README.md").is_file()
        clf = StanceClassifier.from_pretrained(model_dir, device="cpu")
        assert set(clf.config.metrics) == {"best_epoch", "dev_mix"}
        described = clf.config.training_data
        assert any(d.startswith("NewsMTSC train") for d in described)
        assert "(smoke run: the first 16 pairs only)" in described
        assert any(d.startswith("dev (epoch selection, temperature): NewsMTSC dev-rw + dev-mt") for d in described)
        assert (any(d.startswith("soft labels on every pair from the teacher") for d in described)) == (step == "student")
        probs = clf.predict([LabeledPair(s, m, "neutral").pair for s, m, _ in NEWS["dev-rw"]])
        assert probs.stance.shape == (3, 3)
