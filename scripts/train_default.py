"""Train the two bundled models on the mix of ``stance.mixing`` (the one place that says what they learn from).

Three steps, the same mix, the same heads, input encoding and record shape:

1. ``teacher``: all-mpnet-base-v2 (assembled by ``scripts/fetch_mpnet.py``) fine-tuned on
   the mix: the **accurate** model, ``models/stance-mpnet``.
2. ``label`` (optional): the teacher's calibrated probabilities on every pair of the mix,
   written as JSONL (``--output FILE``): run it where the teacher trained (a GPU) and the
   student can distill anywhere without running the teacher again.
3. ``student``: all-MiniLM-L6-v2 fine-tuned on the same mix, each pair's loss mixed with a
   soft cross-entropy toward the teacher's calibrated probabilities (distillation): the
   **fast** model, ``models/stance-minilm``. ``--teacher DIR`` runs the teacher on the mix;
   ``--soft-labels FILE`` reads what ``label`` wrote.

``--mix KEY=VALUE`` changes one field of ``stance.mixing.MIX`` for a run (a sweep); the
bundled models use ``MIX`` as it is. ``--device`` picks the torch device (default: CUDA
when there is one; on CUDA, float32 matrix products use TF32).

Dev (epoch selection and the calibration temperature): ``stance.mixing.build_dev_mix``,
NewsMTSC dev-rw + dev-mt and samples of ArgQ and Perspectrum dev (with ``--news-statements``,
that file's dev part too). The accurate model was made in two steps: the teacher on ``MIX``
on one GPU (about 4 minutes; on two CPU cores it would take about 4 hours), then two CPU
epochs from it (``--init``) with the news statements:

    python scripts/fetch_mpnet.py --output runs/all-mpnet-base-v2
    python scripts/train_default.py teacher --data-dir ../shared/data --base runs/all-mpnet-base-v2 \\
        --work-dir runs/stance-mpnet --output runs/stance-mpnet-gpu --storage int8-rows \\
        --epochs 3 --learning-rate 3e-5 --batch-size 32
    # then, on CPU (about 32 minutes): two epochs more with the news statements written for
    # this project and a replay sample of every public source
    python scripts/train_default.py teacher --data-dir ../shared/data --init runs/stance-mpnet-gpu \\
        --news-statements models/data/news_statements.jsonl --work-dir runs/mpnet_news \\
        --output models/stance-mpnet --storage int8-rows --epochs 2 --learning-rate 2e-5 --batch-size 16 \\
        --mix newsmtsc=1500 --mix ibm_repeat=1 --mix argq_propositions=800 --mix argq_topic_phrases=400 \\
        --mix argkp_key_points=200 --mix perspectrum=700 --mix neutral_mismatched=500 --mix news_repeat=1
    python scripts/train_default.py label --data-dir ../shared/data --teacher models/stance-mpnet \\
        --output runs/soft_labels.jsonl
    python scripts/train_default.py student --data-dir ../shared/data --soft-labels runs/soft_labels.jsonl \\
        --work-dir runs/stance-minilm --output models/stance-minilm \\
        --epochs 6 --learning-rate 8e-5 --distill-weight 0.8 --batch-size 32

The shipped fast model was distilled from the first accurate model on the earlier mix,
then continued (``student --init models/stance-minilm --soft-labels ...``, distill weight
0.9) on a replay sample with the news statements and article pairs, soft labels from the
shipped accurate model, then for one epoch on the whole default mix (``label`` and
``student`` with no ``--mix``): its model card has the three commands. The student command above made
the GPU student the README reports and does not ship. Then ``scripts/evaluate_suite.py``
measures both. ``--limit N`` trains on the first N pairs of the mix (a smoke run).
"""

from __future__ import annotations

import argparse
import json
import logging
import shlex
import sys
from dataclasses import fields, replace
from pathlib import Path
from typing import Optional, Sequence

import torch

from stance.data import LabeledPair
from stance.io import atomic_write
from stance.jsonl import read_jsonl
from stance.mixing import MIX, DataPaths, MixConfig, build_dev_mix, build_mix
from stance.model import STANCE_LABELS, STORAGE_DTYPES, StanceClassifier, resolve_device
from stance.training import TrainConfig, rewrite_model_card, train

DEFAULTS = TrainConfig()
NEWS_STATEMENTS = Path(__file__).resolve().parents[1] / "models" / "data" / "news_statements.jsonl"
ARTICLE_PAIRS = NEWS_STATEMENTS.with_name("article_pairs.jsonl")
STEPS = ("teacher", "label", "student")
MIX_FIELDS = tuple(f.name for f in fields(MixConfig))


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=STEPS,
                    help="teacher: the accurate model; label: the teacher's soft labels on the mix (JSONL); student: the fast one, distilled")
    ap.add_argument("--data-dir", type=Path, required=True, help="folder with newsmtsc/, ibm-claim-stance/, ibm-argq-30k/, ibm-argkp-2021/, perspectrum/")
    ap.add_argument("--base", type=Path, default=None, help="base encoder folder (default: all-MiniLM-L6-v2)")
    ap.add_argument("--init", default=None,
                    help="teacher, student: continue from a trained stance model (fast, accurate or a folder) instead of a fresh head on --base")
    ap.add_argument("--news-statements", type=Path, default=None,
                    help=f"the news statements written for this project (JSONL; e.g. {NEWS_STATEMENTS}): adds its train part to the mix and its dev part to the dev mix")
    ap.add_argument("--article-pairs", type=Path, default=None,
                    help=f"gold pairs of target articles written for this project, as the pipeline encodes them (JSONL from "
                         f"scripts/pairs_from_articles.py; e.g. {ARTICLE_PAIRS}): adds its train part to the mix and its dev part to the dev mix")
    ap.add_argument("--teacher", type=Path, default=None, help="label, student: the trained teacher model folder")
    ap.add_argument("--soft-labels", type=Path, default=None, help="student: the teacher's soft labels written by the label step")
    ap.add_argument("--work-dir", type=Path, default=None, help="teacher, student: training run folder (checkpoints)")
    ap.add_argument("--output", type=Path, required=True, help="the model folder to write (label: the JSONL file)")
    ap.add_argument("--mix", action="append", default=[], metavar="KEY=VALUE",
                    help=f"change one field of the mix for this run (repeatable); fields: {', '.join(MIX_FIELDS)}")
    ap.add_argument("--device", default=None, help="torch device (default: cuda when available, else cpu)")
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


def mix_config(overrides: Sequence[str], base: MixConfig = MIX) -> MixConfig:
    """``base`` with ``KEY=VALUE`` overrides (``none`` = every row).

    Example:
        >>> mix_config(["argq_propositions=8000", "newsmtsc=none"]).newsmtsc is None
        True
    """
    changes: dict[str, Optional[int]] = {}
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep or key not in MIX_FIELDS:
            raise ValueError(f"--mix {item!r}: expected KEY=VALUE with KEY one of {', '.join(MIX_FIELDS)}")
        try:
            changes[key] = None if value.strip().lower() == "none" else int(value)
        except ValueError:
            raise ValueError(f"--mix {item!r}: the value must be an integer or none") from None
    return replace(base, **changes)


def with_teacher(pairs: Sequence[LabeledPair], teacher_dir: Path, batch_size: int = 64, device: Optional[str] = None) -> list[LabeledPair]:
    """The pairs with the teacher's calibrated probabilities as soft labels.

    Sentiment soft labels only where the pair has a sentiment label (the teacher's
    sentiment head learned from news alone).
    """
    teacher = StanceClassifier.from_pretrained(teacher_dir, device=device)
    probs = teacher.predict([p.pair for p in pairs], batch_size)
    return [
        replace(
            p,
            teacher_stance=tuple(float(x) for x in probs.stance[i]),
            teacher_sentiment=tuple(float(x) for x in probs.sentiment[i]) if p.sentiment is not None else None,
        )
        for i, p in enumerate(pairs)
    ]


def write_soft_labels(pairs: Sequence[LabeledPair], path: Path) -> None:
    """The pairs with their soft labels as JSONL (one object per pair, written atomically)."""
    with atomic_write(path) as handle:
        for p in pairs:
            handle.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")


def read_soft_labels(pairs: Sequence[LabeledPair], path: Path) -> list[LabeledPair]:
    """``pairs`` with the soft labels that :func:`write_soft_labels` wrote for the same pairs.

    Pairs are matched by (text, target, label, target offsets); a pair the file does not
    have is a ``ValueError`` (the file was written for another mix).
    """
    def key(d: dict) -> tuple:
        return d.get("text"), d.get("target"), d.get("label"), d.get("target_start"), d.get("target_end")

    soft: dict[tuple, dict] = {}
    for line, row in read_jsonl(path):
        stance = row.get("teacher_stance")
        if not isinstance(stance, list) or len(stance) != len(STANCE_LABELS):
            raise ValueError(f"{path}:{line}: no teacher_stance list of {len(STANCE_LABELS)} probabilities (write the file with the label step)")
        if not all(isinstance(row.get(field), str) for field in ("text", "target", "label")):
            raise ValueError(f"{path}:{line}: a soft-label row needs text, target and label (write the file with the label step)")
        soft[key(row)] = row
    out = []
    for p in pairs:
        row = soft.get(key(p.to_dict()))
        if row is None:
            raise ValueError(f"{path}: no soft labels for the pair {p.text[:60]!r} -> {p.target!r}: the file was written for another mix")
        sentiment = row.get("teacher_sentiment")
        out.append(replace(p, teacher_stance=tuple(row["teacher_stance"]),
                           teacher_sentiment=tuple(sentiment) if sentiment is not None and p.sentiment is not None else None))
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if args.step in ("label", "student") and args.teacher is None and args.soft_labels is None:
        ap.error(f"{args.step} needs --teacher (the trained teacher model folder)" + (" or --soft-labels" if args.step == "student" else ""))
    if args.step != "label" and args.work_dir is None:
        ap.error(f"{args.step} needs --work-dir (the training run folder)")
    try:
        mix = mix_config(args.mix)
    except ValueError as err:
        ap.error(str(err))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    torch.set_num_threads(args.threads)
    if resolve_device(args.device).type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True

    paths = DataPaths.under(args.data_dir, news_statements=args.news_statements, article_pairs=args.article_pairs)
    try:  # a missing or malformed data file is a usage error, before anything is written
        train_data, described = build_mix(paths, mix)
        dev_data, dev_described = build_dev_mix(paths, args.dev_per_source, mix.seed) if args.step != "label" else ([], [])
    except (OSError, ValueError) as err:
        ap.error(f"reading the data: {err}")
    if mix != MIX:
        described.append("mix changed for this run: " + ", ".join(args.mix))
    if args.limit is not None:
        train_data = train_data[: args.limit]
        described.append(f"(smoke run: the first {args.limit} pairs only)")
    if args.step == "label":
        write_soft_labels(with_teacher(train_data, args.teacher, device=args.device), args.output)
        print(f"{args.output}: soft labels for {len(train_data)} pairs from {args.teacher}")
        return 0
    if args.limit is not None:
        dev_data = dev_data[: max(args.limit // 4, 8)]
    if args.step == "student":
        if args.soft_labels is not None:
            train_data = read_soft_labels(train_data, args.soft_labels)
            source = f"{args.soft_labels}"
        else:
            train_data = with_teacher(train_data, args.teacher, device=args.device)
            source = f"the teacher {args.teacher}"
        described.append(f"soft labels on every pair from {source} (distill weight {args.distill_weight})")
    described.append("dev (epoch selection, temperature): " + "; ".join(dev_described))
    config = TrainConfig(
        learning_rate=args.learning_rate, epochs=args.epochs, batch_size=args.batch_size, seed=args.seed,
        distill_weight=args.distill_weight,
    )
    command = " ".join(shlex.quote(a) for a in ["python", *sys.argv])
    result = train(
        train_data, dev_data, base=args.base, output_dir=args.work_dir, config=config, resume=args.resume,
        training_data=described, command=command, device=args.device, init=args.init,
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
