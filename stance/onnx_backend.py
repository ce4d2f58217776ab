"""ONNX Runtime inference for a saved stance model (optional: ``pip install "stance[onnx]"``).

``StanceClassifier.from_pretrained(path, backend="onnx")`` (or ``"onnx-int8"``) scores
pairs with ONNX Runtime instead of torch; the tokenizer, batching and calibration are the
same. The ONNX file is not shipped: on first use the model is exported with
``torch.onnx.export`` (and, for ``onnx-int8``, dynamically quantized to int8 weights, per
channel) into a cache folder, keyed by a hash of the model directory's files and the
torch version, and loaded from there afterwards. ONNX files are protobuf, never pickles,
and nothing is downloaded.

Measured on NewsMTSC dev (``scripts/benchmark_classify.py``, the model card): the fp32
graph gives torch's scores (within 1e-5) but no faster on 2 CPUs, so torch stays the
default; int8 is faster (1.1-1.6x here) and moves macro-F1 by
under a point, so it is offered, not chosen for you. Training and GPUs use torch.

The cache folder is ``$STANCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/stance``, else
``~/.cache/stance``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import Union

import numpy as np
import torch

logger = logging.getLogger(__name__)

ONNX_BACKENDS = ("onnx", "onnx-int8")
OUTPUT_NAMES = ("stance_logits", "sentiment_logits")
CACHE_ENV_VAR = "STANCE_CACHE_DIR"
# bump when the export changes, so old cached files are not reused
EXPORT_VERSION = 1
# every file that defines the model's computation (weights, encoder config, the heads' labels)
HASHED_FILES = ("model.safetensors", "config.json", "stance_config.json")


def cache_dir() -> Path:
    """Where exported ONNX files are kept (created when first written).

    Example:
        >>> cache_dir()   # with no $STANCE_CACHE_DIR or $XDG_CACHE_HOME
        PosixPath('/home/me/.cache/stance')
    """
    if os.environ.get(CACHE_ENV_VAR):
        return Path(os.environ[CACHE_ENV_VAR])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stance"


def model_key(model_dir: Union[str, Path]) -> str:
    """A hash of the model directory's defining files, the torch version and the export version."""
    digest = hashlib.sha256(f"stance-onnx-{EXPORT_VERSION}-torch-{torch.__version__}".encode())
    for name in HASHED_FILES:
        path = Path(model_dir) / name
        digest.update(name.encode())
        if path.is_file():
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:20]


def _import_onnxruntime():
    try:
        import onnxruntime
    except ImportError as err:
        raise ImportError('the ONNX backend needs ONNX Runtime: pip install "stance[onnx]"') from err
    return onnxruntime


def export(model: torch.nn.Module, example: dict[str, torch.Tensor], path: Path) -> Path:
    """Export a ``StanceModel`` to ONNX at ``path`` (atomically), batch and sequence dynamic.

    ``example`` is one tokenized batch (``StanceClassifier.tokenize``); its keys are the
    graph's inputs, in that order.
    """
    names = list(example)
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq")
    path.parent.mkdir(parents=True, exist_ok=True)
    with _written_atomically(path) as tmp, warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the exporter's notes on its own internals
        torch.onnx.export(
            model.eval(), tuple(example[name] for name in names), tmp, input_names=names,
            output_names=list(OUTPUT_NAMES), dynamic_shapes={name: {0: batch, 1: seq} for name in names},
            dynamo=True, external_data=False, verbose=False,
        )
    return path


def quantize(source: Path, path: Path) -> Path:
    """Dynamic int8 quantization of ``source`` (weights per channel) to ``path``, atomically."""
    _import_onnxruntime()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with _written_atomically(path) as tmp:
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # the quantizer logs advice on the root logger
        try:
            quantize_dynamic(str(source), tmp, weight_type=QuantType.QInt8, per_channel=True)
        finally:
            root.setLevel(level)
    return path


@contextlib.contextmanager
def _written_atomically(path: Path):
    """Yield a temporary path beside ``path``; on success it replaces ``path`` (mode 0644)."""
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".onnx.tmp")
    os.close(handle)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def cached_onnx(model: torch.nn.Module, example: dict[str, torch.Tensor], model_dir: Union[str, Path], backend: str) -> Path:
    """The ONNX file for ``backend`` of the model in ``model_dir``, exported on first use."""
    if backend not in ONNX_BACKENDS:
        raise ValueError(f"unknown ONNX backend {backend!r}; valid: {', '.join(ONNX_BACKENDS)}")
    key = model_key(model_dir)
    fp32 = cache_dir() / f"{key}-fp32.onnx"
    if not fp32.is_file():
        logger.info("exporting %s to ONNX at %s (once)", model_dir, fp32)
        export(model, example, fp32)
    if backend == "onnx":
        return fp32
    int8 = cache_dir() / f"{key}-int8.onnx"
    if not int8.is_file():
        logger.info("quantizing %s to int8 at %s (once)", fp32, int8)
        quantize(fp32, int8)
    return int8


class OnnxRunner:
    """An ONNX Runtime session that takes a tokenized batch and gives the two logit arrays.

    Args:
        path: the ONNX file (``cached_onnx``).
        threads: intra-op threads; default torch's thread count (``OMP_NUM_THREADS``).

    Example:
        >>> runner = OnnxRunner(cached_onnx(clf.model, clf.tokenize(pairs[:1]), model_dir, "onnx"))
        >>> stance_logits, sentiment_logits = runner(clf.tokenize(pairs))
    """

    def __init__(self, path: Union[str, Path], threads: int = 0) -> None:
        ort = _import_onnxruntime()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or torch.get_num_threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only
        self.path = Path(path)
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.input_names = [i.name for i in self.session.get_inputs()]

    def __call__(self, batch: dict[str, torch.Tensor]) -> tuple[np.ndarray, np.ndarray]:
        feed = {name: batch[name].cpu().numpy() for name in self.input_names}  # (batch, seq) int64
        stance, sentiment = self.session.run(list(OUTPUT_NAMES), feed)  # (batch, 3), (batch, 3)
        return stance, sentiment
