"""scripts/train_default.py: its command line, the teacher's soft labels, and a smoke run.

The mix it trains on is tested in test_mixing.py; the training loop in test_training.py.
"""

import pytest
import torch
from mix_data import NEWS, write_data_dir
from safetensors.torch import load_file
from script_loader import load_script

from stance.data import LabeledPair
from stance.jsonl import read_jsonl
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


def test_mix_overrides_change_only_the_named_fields(script):
    from stance.mixing import MIX

    mix = script.mix_config(["argq_propositions=8", "perspectrum=none"])
    assert (mix.argq_propositions, mix.perspectrum) == (8, None)
    assert mix.newsmtsc == MIX.newsmtsc and mix.seed == MIX.seed
    with pytest.raises(ValueError, match="KEY one of newsmtsc, ibm_repeat"):
        script.mix_config(["argq=8"])
    with pytest.raises(ValueError, match="integer or none"):
        script.mix_config(["ibm_repeat=two"])


def test_a_bad_mix_override_is_a_usage_error(script, tmp_path, capsys):
    with pytest.raises(SystemExit) as err:
        script.main(["teacher", "--data-dir", str(tmp_path), "--work-dir", str(tmp_path / "w"), "--output", str(tmp_path / "o"), "--mix", "nope=1"])
    assert err.value.code == 2
    assert "--mix 'nope=1'" in capsys.readouterr().err



@pytest.mark.parametrize("news_file, message", [("missing.jsonl", "no such file"), ("bad.jsonl", "bad.jsonl:1: malformed JSON")])
def test_a_missing_or_malformed_data_file_is_a_usage_error(script, tmp_path, capsys, news_file, message):
    data_dir = write_data_dir(tmp_path / "data")
    (tmp_path / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    with pytest.raises(SystemExit) as err:
        script.main(["teacher", "--data-dir", str(data_dir), "--news-statements", str(tmp_path / news_file),
                     "--work-dir", str(tmp_path / "w"), "--output", str(tmp_path / "o")])
    assert err.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "w").exists() and not (tmp_path / "o").exists()


def test_label_writes_the_teachers_soft_labels_and_the_student_reads_them(script, tiny_trained, tiny_base, tmp_path):
    data_dir = write_data_dir(tmp_path / "data")
    soft = tmp_path / "soft.jsonl"
    threads = torch.get_num_threads()
    try:
        assert script.main([
            "label", "--data-dir", str(data_dir), "--teacher", str(tiny_trained.output_dir), "--output", str(soft),
            "--limit", "12", "--threads", "1", "--mix", "argq_propositions=4",
        ]) == 0
        from stance.mixing import DataPaths, build_mix

        pairs = build_mix(DataPaths.under(data_dir), script.mix_config(["argq_propositions=4"]))[0][:12]
        rows = [row for _, row in read_jsonl(soft)]
        assert len(rows) == 12
        expected = script.with_teacher(pairs, tiny_trained.output_dir)
        assert script.read_soft_labels(pairs, soft) == expected
        # a file written for another mix does not fit the default mix's pairs
        other = build_mix(DataPaths.under(data_dir))[0]
        with pytest.raises(ValueError, match="written for another mix"):
            script.read_soft_labels(other, soft)
        assert script.main([
            "student", "--data-dir", str(data_dir), "--base", str(tiny_base), "--soft-labels", str(soft),
            "--work-dir", str(tmp_path / "run"), "--output", str(tmp_path / "model"), "--limit", "12", "--epochs", "1",
            "--batch-size", "8", "--threads", "1", "--dev-per-source", "2", "--mix", "argq_propositions=4",
        ]) == 0
    finally:
        torch.set_num_threads(threads)
    described = StanceClassifier.from_pretrained(tmp_path / "model", device="cpu").config.training_data
    assert f"soft labels on every pair from {soft} (distill weight 0.5)" in described
    assert "mix changed for this run: argq_propositions=4" in described


@pytest.mark.parametrize(
    "row, message",
    [
        ('{"text": "a", "target": "b", "label": "neutral"}', "no teacher_stance list"),
        ('{"text": "a", "target": "b", "label": "neutral", "teacher_stance": [1.0]}', "no teacher_stance list of 3"),
        ('{"target": "b", "label": "neutral", "teacher_stance": [0.2, 0.3, 0.5]}', "needs text, target and label"),
    ],
)
def test_soft_label_rows_not_written_by_the_label_step_are_refused(script, tmp_path, row, message):
    bad = tmp_path / "soft.jsonl"
    bad.write_text(row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        script.read_soft_labels([LabeledPair("a", "b", "neutral")], bad)
