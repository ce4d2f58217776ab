"""The ONNX Runtime backend (stance.onnx_backend): torch's scores, exported once, cached."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("onnxscript")

from stance import onnx_backend  # noqa: E402
from stance.model import StanceClassifier  # noqa: E402


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(onnx_backend.CACHE_ENV_VAR, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_onnx_scores_match_torch_and_the_file_is_cached(tiny_trained, overfit_pairs, cache, monkeypatch):
    model_dir = tiny_trained.output_dir
    pairs = [p.pair for p in overfit_pairs] * 3
    torch_clf = StanceClassifier.from_pretrained(model_dir, device="cpu")
    onnx_clf = StanceClassifier.from_pretrained(model_dir, device="cpu", backend="onnx")
    assert onnx_clf.runner is not None and torch_clf.runner is None
    expected, got = torch_clf.predict(pairs, batch_size=4), onnx_clf.predict(pairs, batch_size=4)
    np.testing.assert_allclose(got.stance, expected.stance, atol=1e-4)
    np.testing.assert_allclose(got.sentiment, expected.sentiment, atol=1e-4)
    # batches of one give the same scores (the axes stayed dynamic)
    np.testing.assert_allclose(onnx_clf.predict(pairs, batch_size=1).stance, got.stance, atol=1e-5)
    assert [p.name for p in cache.iterdir()] == [f"{onnx_backend.model_key(model_dir)}-fp32.onnx"]
    assert onnx_clf.with_config(stance_temperature=2.0).runner is onnx_clf.runner

    def no_export(*args, **kwargs):
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_backend, "export", no_export)
    int8 = StanceClassifier.from_pretrained(model_dir, device="cpu", backend="onnx-int8")  # from the cached fp32 file
    assert int8.predict(pairs).stance.shape == (len(pairs), 3)
    assert len(list(cache.iterdir())) == 2


def test_the_key_follows_the_weights(tiny_trained, tmp_path):
    import shutil

    copy = shutil.copytree(tiny_trained.output_dir, tmp_path / "copy")
    assert onnx_backend.model_key(copy) == onnx_backend.model_key(tiny_trained.output_dir)
    (copy / "stance_config.json").write_text((copy / "stance_config.json").read_text() + " ", encoding="utf-8")
    assert onnx_backend.model_key(copy) != onnx_backend.model_key(tiny_trained.output_dir)


def test_unknown_backend_is_refused(tiny_trained):
    with pytest.raises(ValueError, match="onnx-int8"):
        StanceClassifier.from_pretrained(tiny_trained.output_dir, backend="tensorrt")
