import json
import os
import shutil

import numpy as np
import pytest
import torch
from model_fixtures import OVERFIT_PAIRS

from stance.model import (
    INPUT_FORMATS,
    SENTIMENT_LABELS,
    SCORE_DECIMALS,
    STANCE_LABELS,
    Pair,
    StanceClassifier,
    encode_pair,
    INT8_SCALE_SUFFIX,
    dequantize_rows,
    fit_temperature,
    installed_model_dir,
    quantize_rows,
    scores_from_probabilities,
    support_or_opposition,
)


def test_overfit_loss_falls_and_predictions_are_right(tiny_trained):
    losses = [h["train_loss"] for h in tiny_trained.history]
    assert losses[-1] < 0.5 * losses[0]
    clf = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")
    probs = clf.predict([p.pair for p in OVERFIT_PAIRS])
    assert [STANCE_LABELS[i] for i in probs.stance.argmax(1)] == [p.label for p in OVERFIT_PAIRS]
    assert [SENTIMENT_LABELS[i] for i in probs.sentiment.argmax(1)] == [p.sentiment for p in OVERFIT_PAIRS]


def test_save_and_reload_give_identical_scores(tiny_trained, tmp_path):
    pairs = [p.pair for p in OVERFIT_PAIRS]
    clf = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")
    before = clf.predict(pairs)
    clf.save_pretrained(tmp_path / "copy")
    after = StanceClassifier.from_pretrained(tmp_path / "copy", device="cpu").predict(pairs)
    np.testing.assert_array_equal(before.stance, after.stance)
    np.testing.assert_array_equal(before.sentiment, after.sentiment)
    assert json.loads((tmp_path / "copy" / "stance_config.json").read_text())["stance_id2label"] == {"0": "support", "1": "opposition", "2": "neutral"}
    assert not list((tmp_path / "copy").glob(".*.tmp"))  # atomic writes leave no temporary files
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "copy" / "model.safetensors").stat().st_mode & 0o777 == 0o666 & ~umask  # not private like mkstemp's


def test_int8_rows_storage_is_a_quarter_of_float32_and_scores_stay_close(tiny_trained, tmp_path):
    from safetensors.torch import load_file

    pairs = [p.pair for p in OVERFIT_PAIRS]
    clf = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")
    before = clf.predict(pairs)
    clf.save_pretrained(tmp_path / "fp32")
    clf.save_pretrained(tmp_path / "int8", dtype="int8-rows")
    stored = load_file(str(tmp_path / "int8" / "model.safetensors"))
    matrices = [k for k, v in clf.model.state_dict().items() if v.dim() == 2]
    assert matrices and all(stored[k].dtype == torch.int8 and stored[k + INT8_SCALE_SUFFIX].shape == (stored[k].shape[0],) for k in matrices)
    size = {name: (tmp_path / name / "model.safetensors").stat().st_size for name in ("fp32", "int8")}
    assert size["int8"] < 0.4 * size["fp32"]
    after = StanceClassifier.from_pretrained(tmp_path / "int8", device="cpu").predict(pairs)
    assert np.abs(after.stance - before.stance).max() < 0.05
    assert (after.stance.argmax(1) == before.stance.argmax(1)).all()
    with pytest.raises(ValueError, match="unknown weight storage 'int4'; valid: float32, float16, int8-rows"):
        clf.save_pretrained(tmp_path / "x", dtype="int4")


def test_quantize_rows_round_trip_error_is_at_most_half_a_step_per_row():
    weight = torch.randn(5, 64) * torch.tensor([0.01, 0.1, 1.0, 10.0, 100.0]).unsqueeze(1)
    state = {"w": weight, "bias": torch.randn(5), "ids": torch.arange(3)}
    restored = dequantize_rows(quantize_rows(state))
    step = weight.abs().amax(dim=1) / 127  # one int8 step, per row
    assert ((restored["w"] - weight).abs() <= step.unsqueeze(1) / 2 + 1e-6).all()
    assert restored["bias"].dtype == torch.float32 and torch.allclose(restored["bias"], state["bias"], atol=1e-2)
    assert torch.equal(restored["ids"], state["ids"]) and set(restored) == set(state)


def test_save_pretrained_keeps_the_old_model_when_writing_fails(tiny_trained, tmp_path, monkeypatch):
    clf = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")
    clf.save_pretrained(tmp_path / "m")
    weights = (tmp_path / "m" / "model.safetensors").read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("stance.model.safetensors_bytes", broken)
    with pytest.raises(OSError, match="disk full"):
        clf.save_pretrained(tmp_path / "m")
    assert (tmp_path / "m" / "model.safetensors").read_bytes() == weights
    assert not list((tmp_path / "m").glob(".*.tmp"))


def test_batched_scores_equal_one_at_a_time(tiny_trained):
    pairs = [p.pair for p in OVERFIT_PAIRS] + [Pair("A much longer statement about the new tax plan and the mayor, with many words.", "the mayor")]
    clf = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")
    batched = clf.predict(pairs, batch_size=4)
    single = [clf.predict([p], batch_size=1) for p in pairs]
    np.testing.assert_allclose(batched.stance, np.vstack([s.stance for s in single]), atol=1e-5)
    np.testing.assert_allclose(batched.sentiment, np.vstack([s.sentiment for s in single]), atol=1e-5)


def test_predict_keeps_input_order_and_shapes(tiny_trained):
    clf = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")
    pairs = [p.pair for p in OVERFIT_PAIRS]
    forward = clf.predict(pairs, batch_size=2)
    backward = clf.predict(pairs[::-1], batch_size=2)
    assert forward.stance.shape == (len(pairs), 3) and forward.sentiment.shape == (len(pairs), 3)
    np.testing.assert_allclose(forward.stance, backward.stance[::-1], atol=1e-5)
    np.testing.assert_allclose(forward.stance.sum(1), 1.0, atol=1e-5)
    assert clf.predict([]).stance.shape == (0, 3)


def test_scores_have_one_shape_and_one_rounding():
    scores = scores_from_probabilities(np.array([[0.2, 0.7, 0.1]]), STANCE_LABELS)
    assert scores == [{"label": "opposition", "scores": {"support": pytest.approx(0.2), "opposition": pytest.approx(0.7), "neutral": pytest.approx(0.1)}}]
    rng = np.random.default_rng(0)
    probs = rng.dirichlet([1.0, 1.0, 1.0], size=20)
    for row, out in zip(probs, scores_from_probabilities(probs, STANCE_LABELS)):
        assert out["label"] == STANCE_LABELS[int(row.argmax())]
        assert list(out["scores"]) == list(STANCE_LABELS)
        for label, p in zip(STANCE_LABELS, row):
            assert out["scores"][label] == round(float(p), SCORE_DECIMALS) and abs(out["scores"][label] - p) <= 0.5 * 10**-SCORE_DECIMALS
    # The label is chosen before rounding: two scores that round alike still have one winner.
    assert scores_from_probabilities(np.array([[0.400004, 0.400001, 0.199995]]), STANCE_LABELS)[0]["label"] == "support"
    assert scores_from_probabilities(np.array([[0.400001, 0.400004, 0.199995]]), STANCE_LABELS)[0]["label"] == "opposition"
    with pytest.raises(ValueError, match=r"shape \(n, 3\)"):
        scores_from_probabilities(np.array([[0.5, 0.5]]), STANCE_LABELS)


def test_classify_returns_stance_and_sentiment_scores(tiny_trained):
    clf = StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")
    pairs = [p.pair for p in OVERFIT_PAIRS]
    out = clf.classify(pairs)
    probs = clf.predict(pairs)
    assert out[0]["stance"]["label"] == "support"
    assert set(out[0]["sentiment"]["scores"]) == set(SENTIMENT_LABELS)
    assert [o["stance"] for o in out] == scores_from_probabilities(probs.stance, STANCE_LABELS)
    assert [o["sentiment"] for o in out] == scores_from_probabilities(probs.sentiment, SENTIMENT_LABELS)


def test_encode_pair_formats():
    text = "Voters love the mayor."
    assert encode_pair(text, "the mayor", 12, 21, "pair") == ("the mayor", text)
    assert encode_pair(text, "the mayor", 12, 21, "marked") == ("Voters love <t> the mayor </t>.", None)
    assert encode_pair(text, "the mayor", 12, 21, "both") == ("the mayor", "Voters love <t> the mayor </t>.")
    # Without offsets the first case-insensitive mention is marked.
    assert encode_pair(text, "The Mayor", input_format="both") == ("The Mayor", "Voters love <t> the mayor </t>.")
    # No mention: "marked" falls back to the text pair so the target is not lost.
    assert encode_pair(text, "taxes", input_format="marked") == ("taxes", text)
    with pytest.raises(ValueError, match="pair, marked, both"):
        encode_pair(text, "x", input_format="inline")
    with pytest.raises(ValueError, match="outside the text"):
        encode_pair(text, "the mayor", 12, 99)
    with pytest.raises(ValueError, match="both"):
        encode_pair(text, "the mayor", 12, None)
    assert set(INPUT_FORMATS) == {"pair", "marked", "both"}


def test_fit_temperature_softens_overconfident_logits():
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 3, size=300)
    logits = np.zeros((300, 3))
    # Right 60% of the time but with 10-logit margins: far too confident.
    predicted = np.where(rng.random(300) < 0.6, gold, (gold + 1) % 3)
    logits[np.arange(300), predicted] = 10.0
    assert fit_temperature(logits, gold) > 3.0


def test_refuses_dir_without_safetensors(tiny_trained, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(tiny_trained.output_dir, bad, ignore=shutil.ignore_patterns("checkpoint"))
    (bad / "model.safetensors").unlink()
    torch.save({"x": torch.zeros(1)}, bad / "pytorch_model.bin")
    with pytest.raises(ValueError, match="no model.safetensors"):
        StanceClassifier.from_pretrained(bad)


def test_refuses_different_label_set(tiny_trained, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(tiny_trained.output_dir, bad, ignore=shutil.ignore_patterns("checkpoint"))
    config = json.loads((bad / "stance_config.json").read_text())
    config["stance_labels"] = ["FAVOR", "AGAINST", "NONE"]
    (bad / "stance_config.json").write_text(json.dumps(config))
    with pytest.raises(ValueError, match="stance labels .*FAVOR.* differ"):
        StanceClassifier.from_pretrained(bad)


def test_missing_model_dir_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        StanceClassifier.from_pretrained(tmp_path / "nowhere")


def test_env_var_picks_the_default_model(tiny_trained, monkeypatch):
    monkeypatch.setenv("STANCE_MODEL", str(tiny_trained.output_dir))
    clf = StanceClassifier.from_pretrained(device="cpu")
    assert clf.config.training_data == ("overfit fixture",)


@pytest.mark.parametrize("name, max_mib", [("fast", 50), ("accurate", 120)])
def test_bundled_model_loads_and_is_small(name, max_mib):
    folder = installed_model_dir(name)
    if not folder.is_dir():
        pytest.fail(f"bundled model missing at {folder}")
    # weights in git weigh on every clone: fp16 MiniLM, int8-rows mpnet
    assert (folder / "model.safetensors").stat().st_size < max_mib * 2**20
    clf = StanceClassifier.from_pretrained(name, device="cpu")
    probs = clf.predict([Pair("The senator praised the new hospital as a triumph.", "the new hospital")])
    assert probs.stance.shape == (1, 3)
    assert clf.config.stance_temperature > 0


@pytest.mark.slow
def test_bundled_model_dev_rw_macro_f1():
    from pathlib import Path

    from stance.data import load_newsmtsc
    from stance.training import evaluate_pairs

    dev_rw = Path(__file__).resolve().parents[2] / "shared" / "data" / "newsmtsc" / "dev-rw.jsonl"
    if not dev_rw.is_file():
        pytest.skip(f"NewsMTSC dev-rw not found at {dev_rw}")
    metrics, _, _ = evaluate_pairs(StanceClassifier.from_pretrained(device="cpu"), load_newsmtsc(dev_rw))
    assert metrics["stance_macro_f1"] >= 0.84  # issue 11's line for the accurate model; it measured 0.852


def test_support_or_opposition_ignores_neutral_and_breaks_ties_to_support():
    scores = np.array([[0.1, 0.2, 0.7], [0.3, 0.1, 0.6], [0.25, 0.25, 0.5], [-1.0, 2.0, 9.0]])
    assert support_or_opposition(scores).tolist() == ["opposition", "support", "support", "opposition"]
