"""Train the two bundled models on the mix of ``stance.mixing`` (the one place that says what they learn from).

Two steps, the same mix, the same heads, input encoding and record shape:

1. ``teacher``: all-mpnet-base-v2 (assembled by ``scripts/fetch_mpnet.py``) fine-tuned on
   the mix: the **accurate** model, ``models/stance-mpnet``.
2. ``student``: all-MiniLM-L6-v2 fine-tuned on the same mix, each pair's loss mixed with a
   soft cross-entropy toward the teacher's calibrated probabilities (distillation): the
   **fast** model, ``models/stance-minilm``.

Dev (epoch selection and the calibration temperature): ``stance.mixing.build_dev_mix``,
NewsMTSC dev-rw + dev-mt and samples of ArgQ and Perspectrum dev. The bundled models were
made with:

    python scripts/fetch_mpnet.py --output runs/all-mpnet-base-v2
    python scripts/train_default.py teacher --data-dir ../shared/data --base runs/all-mpnet-base-v2 \\
        --work-dir runs/stance-mpnet --output models/stance-mpnet --epochs 1 --learning-rate 2e-5 --storage int8-rows
    python scripts/train_default.py student --data-dir ../shared/data --teacher runs/stance-mpnet \\
        --work-dir runs/stance-minilm --output models/stance-minilm --epochs 2

Then ``scripts/evaluate_suite.py`` measures both. ``--limit N`` trains on the first N pairs
of the mix (a smoke run).
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional, Sequence

import torch

from stance.data import LabeledPair
from stance.mixing import MIX, DataPaths, build_dev_mix, build_mix
from stance.model import STORAGE_DTYPES, StanceClassifier
from stance.training import TrainConfig, rewrite_model_card, train

DEFAULTS = TrainConfig()


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("teacher", "student"), help="teacher: the accurate model; student: the fast one, distilled")
    ap.add_argument("--data-dir", type=Path, required=True, help="folder with newsmtsc/, ibm-claim-stance/, ibm-argq-30k/, ibm-argkp-2021/, perspectrum/")
    ap.add_argument("--base", type=Path, default=None, help="base encoder folder (default: all-MiniLM-L6-v2)")
    ap.add_argument("--teacher", type=Path, default=None, help="student: the trained teacher model folder")
    ap.add_argument("--work-dir", type=Path, required=True, help="training run folder (checkpoints)")
    ap.add_argument("--output", type=Path, required=True, help="the model folder to write")
    ap.add_argument("--storage", choices=STORAGE_DTYPES, default="float16",
                    help="how the shipped weights are stored (default float16; the accurate model ships as int8-rows)")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--learning-rate", type=float, default=DEFAULTS.learning_rate)
    ap.add_argument("--batch-size", type=int, default=DEFAULTS.batch_size)
    ap.add_argument("--distill-weight", type=float, default=DEFAULTS.distill_weight)
    ap.add_argument("--seed", type=int, default=DEFAULTS.seed)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="train on the first N pairs of the mix only (a smoke run)")
    ap.add_argument("--dev-per-source", type=int, default=400, help="argument dev pairs per source in the dev mix")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--card-notes", type=Path, default=None, help="markdown appended to the model card")
    return ap


def with_teacher(pairs: Sequence[LabeledPair], teacher_dir: Path, batch_size: int = 64) -> list[LabeledPair]:
    """The pairs with the teacher's calibrated probabilities as soft labels.

    Sentiment soft labels only where the pair has a sentiment label (the teacher's
    sentiment head learned from news alone).
    """
    teacher = StanceClassifier.from_pretrained(teacher_dir)
    probs = teacher.predict([p.pair for p in pairs], batch_size)
    return [
        replace(
            p,
            teacher_stance=tuple(float(x) for x in probs.stance[i]),
            teacher_sentiment=tuple(float(x) for x in probs.sentiment[i]) if p.sentiment is not None else None,
        )
        for i, p in enumerate(pairs)
    ]


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if args.step == "student" and args.teacher is None:
        ap.error("student needs --teacher (the trained teacher model folder)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    torch.set_num_threads(args.threads)

    paths = DataPaths.under(args.data_dir)
    train_data, described = build_mix(paths, MIX)
    dev_data, dev_described = build_dev_mix(paths, args.dev_per_source, MIX.seed)
    if args.limit is not None:
        train_data, dev_data = train_data[: args.limit], dev_data[: max(args.limit // 4, 8)]
        described.append(f"(smoke run: the first {args.limit} pairs only)")
    if args.step == "student":
        train_data = with_teacher(train_data, args.teacher)
        described.append(f"soft labels on every pair from the teacher {args.teacher} (distill weight {args.distill_weight})")
    described.append("dev (epoch selection, temperature): " + "; ".join(dev_described))
    config = TrainConfig(
        learning_rate=args.learning_rate, epochs=args.epochs, batch_size=args.batch_size, seed=args.seed,
        distill_weight=args.distill_weight,
    )
    command = " ".join(shlex.quote(a) for a in ["python", *sys.argv])
    result = train(
        train_data, dev_data, base=args.base, output_dir=args.work_dir, config=config, resume=args.resume,
        training_data=described, command=command,
    )
    # the shipped copy (float16 or int8-rows), written from the full-precision run
    args.output.mkdir(parents=True, exist_ok=True)
    clf = StanceClassifier.from_pretrained(args.work_dir, device="cpu")
    clf.with_config(metrics={"best_epoch": result.best_epoch, "dev_mix": result.dev_metrics}).save_pretrained(args.output, dtype=args.storage)
    notes = args.card_notes.read_text(encoding="utf-8") if args.card_notes else ""
    rewrite_model_card(args.work_dir, args.output, notes)
    print(f"{args.output}: dev mix stance macro-F1 {result.dev_metrics['stance_macro_f1']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
