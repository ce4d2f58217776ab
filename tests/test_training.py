import json

import numpy as np
import pytest
import torch
from model_fixtures import OVERFIT_CONFIG, OVERFIT_PAIRS
from safetensors.torch import load_file

import stance.training as training
from stance.data import LabeledPair
from stance.model import STANCE_LABELS, StanceClassifier
from stance.training import TrainConfig, _head_loss, checkpoint_files, train

RESUME_CONFIG = TrainConfig(epochs=2, batch_size=2, learning_rate=1e-3, warmup_ratio=0.2, distill_weight=0.5)


def test_resume_after_interrupted_epoch_matches_uninterrupted_run(tiny_base, tmp_path, monkeypatch):
    data = list(OVERFIT_PAIRS)
    data[0] = LabeledPair(data[0].text, data[0].target, data[0].label, sentiment="positive", teacher_stance=(0.8, 0.1, 0.1))
    full = train(data, data, base=tiny_base, output_dir=tmp_path / "full", config=RESUME_CONFIG, progress=False)

    real_step = training._train_step
    calls = {"n": 0}

    def interrupted_step(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:  # epoch 2 (3 steps per epoch), second step
            raise KeyboardInterrupt
        return real_step(*args, **kwargs)

    monkeypatch.setattr(training, "_train_step", interrupted_step)
    with pytest.raises(KeyboardInterrupt):
        train(data, data, base=tiny_base, output_dir=tmp_path / "cut", config=RESUME_CONFIG, progress=False)
    state = json.loads((tmp_path / "cut" / "checkpoint" / "state.json").read_text())
    assert state["epoch"] == 1
    assert not (tmp_path / "cut" / "model.safetensors").exists()

    monkeypatch.setattr(training, "_train_step", real_step)
    steps_before = calls["n"]
    resumed = train(data, data, base=tiny_base, output_dir=tmp_path / "cut", config=RESUME_CONFIG, resume=True, progress=False)
    # The resumed run trains only epoch 2 (3 steps), keeping epoch 1 from the checkpoint.
    assert [h["epoch"] for h in resumed.history] == [1.0, 2.0]
    assert calls["n"] == steps_before
    assert resumed.history[0] == full.history[0] | {"seconds": resumed.history[0]["seconds"]}
    full_last = load_file(str(checkpoint_files(tmp_path / "full" / "checkpoint")["last"]))
    resumed_last = load_file(str(checkpoint_files(tmp_path / "cut" / "checkpoint")["last"]))
    for name, tensor in full_last.items():
        assert torch.equal(tensor, resumed_last[name]), name


def test_resume_refuses_a_different_config(tiny_base, tmp_path):
    data = list(OVERFIT_PAIRS)
    train(data, data, base=tiny_base, output_dir=tmp_path / "run", config=TrainConfig(epochs=1, batch_size=3), progress=False)
    with pytest.raises(ValueError, match="different config"):
        train(data, data, base=tiny_base, output_dir=tmp_path / "run", config=TrainConfig(epochs=1, batch_size=2), resume=True, progress=False)


def test_same_seed_same_model(tiny_base, tmp_path):
    data = list(OVERFIT_PAIRS)
    config = TrainConfig(epochs=1, batch_size=2)
    a = train(data, data, base=tiny_base, output_dir=tmp_path / "a", config=config, progress=False)
    b = train(data, data, base=tiny_base, output_dir=tmp_path / "b", config=config, progress=False)
    assert a.history[0]["train_loss"] == b.history[0]["train_loss"]
    wa, wb = load_file(str(a.output_dir / "model.safetensors")), load_file(str(b.output_dir / "model.safetensors"))
    assert all(torch.equal(wa[k], wb[k]) for k in wa)


def test_checkpoint_state_loads_without_pickle(tiny_trained):
    files = checkpoint_files(tiny_trained.output_dir / "checkpoint")
    optimizer_state = torch.load(files["optimizer"], weights_only=True)
    assert "state" in optimizer_state and optimizer_state["state"]
    torch.load(files["scheduler"], weights_only=True)
    # Only the last epoch's files and the best weights are kept.
    assert files["last"].name == "weights-epoch15.safetensors"
    assert files["best"].name == f"weights-epoch{tiny_trained.best_epoch}.safetensors"
    assert len(list(files["last"].parent.iterdir())) == 4 + (files["best"] != files["last"])


def test_model_card_and_config_describe_the_run(tiny_trained):
    card = (tiny_trained.output_dir / "README.md").read_text()
    assert "Base encoder" in card and "overfit fixture" in card and '"learning_rate": 0.003' in card
    assert "| 15 |" in card  # one row per epoch
    assert "pytest" in card  # the command
    config = json.loads((tiny_trained.output_dir / "stance_config.json").read_text())
    assert config["metrics"]["best_epoch"] == tiny_trained.best_epoch
    assert config["training_data"] == ["overfit fixture"]
    assert config["stance_temperature"] > 0


def test_best_epoch_is_kept(tiny_trained):
    scores = [h["stance_macro_f1"] for h in tiny_trained.history]
    assert tiny_trained.best_epoch == scores.index(max(scores)) + 1


def test_head_loss_mixes_hard_and_soft_labels():
    logits = torch.tensor([[2.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    hard = torch.tensor([0, 1])
    soft = torch.tensor([[0.5, 0.5, 0.0], [float("nan")] * 3])
    log_p = torch.log_softmax(logits, -1)
    expected = ((0.7 * -log_p[0, 0] + 0.3 * -(0.5 * log_p[0, 0] + 0.5 * log_p[0, 1])) + -log_p[1, 1]) / 2
    assert torch.allclose(_head_loss(logits, hard, soft, 0.3), expected)
    # Rows without a label do not count.
    assert torch.allclose(_head_loss(logits, torch.tensor([0, -100]), soft, 0.0), -log_p[0, 0])


def test_train_config_validates():
    with pytest.raises(ValueError, match="pair, marked, both"):
        TrainConfig(input_format="inline")
    with pytest.raises(ValueError, match="epochs"):
        TrainConfig(epochs=0)
    with pytest.raises(ValueError, match="distill_weight"):
        TrainConfig(distill_weight=2.0)


def test_train_refuses_empty_or_bad_data(tiny_base, tmp_path):
    with pytest.raises(ValueError, match="train_data is empty"):
        train([], list(OVERFIT_PAIRS), base=tiny_base, output_dir=tmp_path)
    with pytest.raises(ValueError, match="valid labels: support, opposition, neutral"):
        train([LabeledPair("t", "x", "FAVOR")], list(OVERFIT_PAIRS), base=tiny_base, output_dir=tmp_path)


def test_resume_can_end_a_run_early(tiny_base, tmp_path, monkeypatch):
    data = list(OVERFIT_PAIRS)
    config = TrainConfig(epochs=3, batch_size=3)
    real_step = training._train_step
    calls = {"n": 0}

    def interrupted_step(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:  # first step of epoch 2
            raise KeyboardInterrupt
        return real_step(*args, **kwargs)

    monkeypatch.setattr(training, "_train_step", interrupted_step)
    with pytest.raises(KeyboardInterrupt):
        train(data, data, base=tiny_base, output_dir=tmp_path, config=config, progress=False)
    monkeypatch.setattr(training, "_train_step", real_step)
    # Resuming with epochs=1 finishes the run from the checkpoint without training more.
    result = train(data, data, base=tiny_base, output_dir=tmp_path, config=TrainConfig(epochs=1, batch_size=3), resume=True, progress=False)
    assert result.best_epoch == 1 and len(result.history) == 1
    assert (tmp_path / "model.safetensors").is_file()


def test_init_continues_from_a_trained_model(tiny_trained, tiny_base, tmp_path):
    pairs = list(OVERFIT_PAIRS)
    before = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")
    # a learning rate too small to move the weights: the continued model keeps what it knew
    config = TrainConfig(**{**OVERFIT_CONFIG, "epochs": 1, "learning_rate": 1e-12})
    result = train(pairs, pairs, init=tiny_trained.output_dir, output_dir=tmp_path / "cont", config=config, progress=False)
    after = StanceClassifier.from_pretrained(result.output_dir, device="cpu")
    np.testing.assert_allclose(
        after.predict_logits([p.pair for p in pairs])[0], before.predict_logits([p.pair for p in pairs])[0], atol=1e-4
    )
    assert [STANCE_LABELS[i] for i in after.predict([p.pair for p in pairs]).stance.argmax(1)] == [p.label for p in pairs]
    # the card is the model's history: the earlier run's data as it was, then where this run starts
    earlier = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu").config.training_data
    assert after.config.training_data[: len(earlier)] == earlier
    # it names the model continued from by its folder, not by a local path
    assert after.config.training_data[len(earlier)] == f"continued from {tiny_trained.output_dir.name}, on:"
    assert all(str(tiny_trained.output_dir.parent) not in d for d in after.config.training_data)
    card = (result.output_dir / "README.md").read_text()
    assert f"\nThen continued from {tiny_trained.output_dir.name}, on:\n" in card
    # a fresh head on the base with the same settings has not learned the labels
    fresh = train(pairs, pairs, base=tiny_base, output_dir=tmp_path / "fresh", config=config, progress=False)
    assert fresh.dev_metrics["stance_accuracy"] < result.dev_metrics["stance_accuracy"]


def test_init_refuses_base_too_and_a_different_input_format(tiny_trained, tiny_base, tmp_path):
    pairs = list(OVERFIT_PAIRS)
    with pytest.raises(ValueError, match="not both"):
        train(pairs, pairs, base=tiny_base, init=tiny_trained.output_dir, output_dir=tmp_path / "a", progress=False)
    other = "pair" if TrainConfig().input_format != "pair" else "marked"
    with pytest.raises(ValueError, match=r"input_format=.*set TrainConfig\(input_format="):
        train(pairs, pairs, init=tiny_trained.output_dir, output_dir=tmp_path / "b", config=TrainConfig(input_format=other), progress=False)


def test_evaluate_pairs_scores_the_calibrated_probabilities(tiny_trained):
    from stance.evaluation.classification import pair_metrics
    from stance.training import evaluate_pairs

    clf = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")
    pairs = list(OVERFIT_PAIRS) + [LabeledPair("Nobody mentions the tax.", "the tax", "neutral")]  # no sentiment label
    metrics, stance_logits, _ = evaluate_pairs(clf, pairs, batch_size=64)
    probs = clf.predict([p.pair for p in pairs], batch_size=64)
    assert metrics == pair_metrics(pairs, probs.stance, probs.sentiment)
    assert (metrics["stance_n"], metrics["sentiment_n"]) == (len(pairs), len(OVERFIT_PAIRS))
    assert stance_logits.shape == (len(pairs), 3)
    per_target = pair_metrics(pairs, probs.stance, probs.sentiment, per_target=True)
    assert per_target["stance_target/the tax/n"] == 1.0 and "sentiment_target/the tax/n" not in per_target
