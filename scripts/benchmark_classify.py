"""Pairs per second on CPU for the default model, measured side by side in one run.

Compares: StanceClassifier.predict (sorted-by-length batches, dynamic padding), an
unbatched per-pair loop, transformers.pipeline("text-classification") on the same model
(same encoder, same stance head, same encoded inputs), the same batched predict with
torch's dynamic int8 quantization, and the ONNX Runtime backends (``backend="onnx"`` and
``"onnx-int8"``, stance.onnx_backend): their largest score difference from torch and
their macro-F1 on NewsMTSC dev-rw and dev-mt. The batched methods are timed in
alternating rounds (best round reported), so a busy machine slows them alike.

    python scripts/benchmark_classify.py --newsmtsc-dir ../shared/data/newsmtsc

``--compare fast accurate runs/old-model`` also times ``predict`` of each of those models
on the same pairs, in the same alternating rounds: pairs/s side by side and each one's
ratio to the first (e.g. the fast model against an earlier one, and the accurate model).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import time
import warnings
from pathlib import Path

import numpy as np
import torch

from stance.data import load_newsmtsc
from stance.io import atomic_write
from stance.model import STANCE_LABELS, StanceClassifier, encode_pair
from stance.training import evaluate_pairs


def pipeline_for(clf: StanceClassifier):
    """A transformers text-classification pipeline over the classifier's encoder + stance head."""
    from transformers import PreTrainedModel, pipeline
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity(hf_logging.CRITICAL)  # silence "StanceHead is not a known text-classification model"
    from transformers.modeling_outputs import SequenceClassifierOutput

    config = copy.deepcopy(clf.model.encoder.config)  # the wrapper must not touch the encoder's config
    config.id2label = dict(enumerate(STANCE_LABELS))
    config.label2id = {label: i for i, label in enumerate(STANCE_LABELS)}

    class StanceHead(PreTrainedModel):
        config_class = type(config)
        base_model_prefix = "stance"
        _supports_sdpa = True  # attention runs inside the wrapped encoder, already set up

        def __init__(self, model):
            super().__init__(config)
            self.stance = model

        def forward(self, input_ids=None, attention_mask=None, token_type_ids=None, **kwargs):
            stance_logits, _ = self.stance(input_ids, attention_mask, token_type_ids)  # (batch, 3)
            return SequenceClassifierOutput(logits=stance_logits)

    model = StanceHead(clf.model).eval()
    return pipeline("text-classification", model=model, tokenizer=clf.tokenizer, device=-1)


def quantized(clf: StanceClassifier) -> StanceClassifier:
    """The classifier with dynamic int8 quantization of its linear layers (CPU)."""
    with warnings.catch_warnings():
        # torch.ao.quantization is deprecated in favour of torchao (not a dependency);
        # the eager dynamic quantizer still works in this torch.
        warnings.simplefilter("ignore")
        model = torch.ao.quantization.quantize_dynamic(clf.model, {torch.nn.Linear}, dtype=torch.qint8)
    return StanceClassifier(model, clf.tokenizer, clf.config, "cpu")


def timed(fn, repeats: int = 1) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def alternating(fns: dict, rounds: int) -> dict[str, float]:
    """Best seconds of each function over ``rounds`` rounds that run them in turn."""
    best = {name: float("inf") for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def compare_models(names: list[str], pairs: list, batch_size: int, rounds: int) -> dict[str, dict[str, float]]:
    """Pairs/s of each model's batched ``predict`` on the same pairs, timed in alternating rounds,
    and its ratio to the first model's."""
    models = {name: StanceClassifier.from_pretrained(name, device="cpu") for name in names}
    for c in models.values():
        c.predict(pairs[:64], batch_size)  # warm-up
    seconds = alternating({name: (lambda c=c: c.predict(pairs, batch_size)) for name, c in models.items()}, rounds)
    first = names[0]
    return {
        name: {"pairs_per_second": len(pairs) / s, f"ratio_to_{first}": seconds[first] / s, "base": models[name].config.base}
        for name, s in seconds.items()
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--newsmtsc-dir", type=Path, required=True)
    ap.add_argument("--model", default=None, help="fast, accurate or a model directory (default: the bundled default)")
    ap.add_argument("--n", type=int, default=300, help="pairs timed per method")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds of the batched methods")
    ap.add_argument("--output", type=Path, default=None, help="write the results as JSON here")
    ap.add_argument("--compare", nargs="+", default=None, metavar="MODEL",
                    help="fast, accurate or model directories: predict's pairs/s of each, side by side")
    ap.add_argument("--compare-only", action="store_true", help="only the --compare timing (skip the backends)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    rw = load_newsmtsc(args.newsmtsc_dir / "dev-rw.jsonl")
    mt = load_newsmtsc(args.newsmtsc_dir / "dev-mt.jsonl")
    pairs = [p.pair for p in (rw + mt)][: args.n]
    compared = compare_models(args.compare, pairs, args.batch_size, args.rounds) if args.compare else None
    if args.compare_only:
        if compared is None:
            ap.error("--compare-only needs --compare")
        print(json.dumps({"pairs": len(pairs), "threads": args.threads, "models": compared, "load_average_1min": os.getloadavg()[0]}, indent=2))
        return 0
    clf = StanceClassifier.from_pretrained(args.model, device="cpu")
    pipe = pipeline_for(clf)
    inputs = []
    for p in pairs:
        first, second = encode_pair(p.text, p.target, p.target_start, p.target_end, clf.config.input_format)
        inputs.append({"text": first, "text_pair": second} if second is not None else first)

    q = quantized(StanceClassifier.from_pretrained(args.model, device="cpu"))
    backends = {name: StanceClassifier.from_pretrained(args.model, device="cpu", backend=name) for name in ("onnx", "onnx-int8")}
    batched = {"batched": clf, "batched_int8": q, **{f"batched_{name.replace('-', '_')}": c for name, c in backends.items()}}
    for c in batched.values():
        c.predict(pairs[:64], args.batch_size)  # warm-up
    seconds = alternating({name: (lambda c=c: c.predict(pairs, args.batch_size)) for name, c in batched.items()}, args.rounds)
    seconds["unbatched"] = timed(lambda: [clf.predict([p], 1) for p in pairs])
    seconds["pipeline"] = timed(lambda: pipe(inputs, batch_size=args.batch_size, truncation=True, max_length=clf.config.max_length))
    # The pipeline must give the same stance labels as predict (same model, same inputs).
    pipe_labels = [r["label"] for r in pipe(inputs[:64], batch_size=args.batch_size, truncation=True, max_length=clf.config.max_length)]
    ours = [STANCE_LABELS[i] for i in clf.predict(pairs[:64]).stance.argmax(1)]
    agreement = float(np.mean([a == b for a, b in zip(pipe_labels, ours)]))

    f1 = {}
    max_diff = {}
    variants = {"fp32": clf, "int8": q, "onnx": backends["onnx"], "onnx_int8": backends["onnx-int8"]}
    for name, split in (("dev_rw", rw), ("dev_mt", mt)):
        reference = clf.predict([p.pair for p in split])
        for variant, c in variants.items():
            f1[f"{name}_{variant}"] = evaluate_pairs(c, split)[0]["stance_macro_f1"]
            probs = c.predict([p.pair for p in split])
            diff = max(float(np.abs(probs.stance - reference.stance).max()), float(np.abs(probs.sentiment - reference.sentiment).max()))
            max_diff[variant] = max(max_diff.get(variant, 0.0), diff)
    per_second = {k: len(pairs) / v for k, v in seconds.items()}
    result = {
        "pairs": len(pairs), "threads": args.threads, "batch_size": args.batch_size,
        "pairs_per_second": per_second,
        "batched_over_unbatched": per_second["batched"] / per_second["unbatched"],
        "batched_over_pipeline": per_second["batched"] / per_second["pipeline"],
        "int8_over_batched": per_second["batched_int8"] / per_second["batched"],
        "onnx_over_batched": per_second["batched_onnx"] / per_second["batched"],
        "onnx_int8_over_batched": per_second["batched_onnx_int8"] / per_second["batched"],
        "max_probability_difference_from_torch": max_diff,
        "pipeline_label_agreement": agreement,
        "macro_f1": f1,
        "int8_macro_f1_delta": {s: f1[f"{s}_int8"] - f1[f"{s}_fp32"] for s in ("dev_rw", "dev_mt")},
        "onnx_int8_macro_f1_delta": {s: f1[f"{s}_onnx_int8"] - f1[f"{s}_fp32"] for s in ("dev_rw", "dev_mt")},
    }
    result["int8_within_one_point"] = all(abs(d) <= 0.01 for d in result["int8_macro_f1_delta"].values())
    result["onnx_int8_within_one_point"] = all(abs(d) <= 0.01 for d in result["onnx_int8_macro_f1_delta"].values())
    if compared is not None:
        result["models"] = compared
    result["load_average_1min"] = os.getloadavg()[0]  # how busy the machine was (2 cores here)
    report = json.dumps(result, indent=2)
    print(report)
    if args.output:
        with atomic_write(args.output) as handle:
            handle.write(report + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
