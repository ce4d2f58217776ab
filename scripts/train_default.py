"""Train the bundled default model (models/stance-minilm) from the data paths given.

Data: NewsMTSC train (stance and sentiment labels from the polarity toward the mention),
IBM Claim Stance train minus held-out topics (stance toward the target; the held-out
topics are kept for scripts/evaluate_ibm_unseen_topics.py), dev = NewsMTSC dev-rw +
dev-mt. Distillation: ``--teacher-logits DIR`` is what scripts/make_teacher_labels.py
writes: ``train.npy`` + ``train_ids.json`` (a fine-tuned larger model's logits on
NewsMTSC train, rows in file order, columns positive, negative, neutral) and, when
present, ``extra.jsonl`` + ``extra.npy`` (further entity pairs only the teacher labels) and
``perturbed.jsonl`` + ``perturbed.npy`` (word-dropout copies only the teacher labels).
``--ibm-teacher-logits DIR`` holds an IBM teacher's ``ibm.npy`` + ``ibm_ids.json`` and
``ibm_perturbed.*`` (make_teacher_labels.py --ibm-teacher): soft labels for the IBM claims.
Both options take several directories (teachers that labeled the same pairs, e.g. trained
with different seeds): their logits are averaged, an ensemble teacher.

The bundled model was made with (teachers: all-mpnet-base-v2, see make_teacher_labels.py):

    python scripts/train_default.py --newsmtsc-dir ../shared/data/newsmtsc \\
        --ibm ../shared/data/ibm-claim-stance/train.jsonl --ibm-repeat 3 \\
        --teacher-logits runs/teacher-labels --ibm-teacher-logits runs/teacher-labels \\
        --distill-weight 0.5 --epochs 3 --output models/stance-minilm
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from pathlib import Path
from typing import Optional, Sequence

import torch

from stance.data import LabeledPair, ibm_holdout_topics, load_ibm_claim_stance, load_newsmtsc
from stance.distillation import ibm_with_teacher, newsmtsc_with_teacher, teacher_name
from stance.evaluation.calibration import cross_fitted_ece
from stance.evaluation.ibm import support_vs_opposition_accuracy
from stance.model import StanceClassifier
from stance.training import TrainConfig, evaluate_pairs, rewrite_model_card, train

DEFAULTS = TrainConfig()


def build_parser() -> argparse.ArgumentParser:
    """The command line; training defaults are ``TrainConfig``'s."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--newsmtsc-dir", type=Path, required=True)
    ap.add_argument("--ibm", type=Path, default=None, help="IBM Claim Stance train.jsonl (omit to train on NewsMTSC only)")
    ap.add_argument("--output", type=Path, default=Path("models/stance-minilm"))
    ap.add_argument("--work-dir", type=Path, default=Path("runs/stance-minilm"), help="training run dir (checkpoints)")
    ap.add_argument("--base", type=Path, default=None, help="base encoder dir (default all-MiniLM-L6-v2)")
    ap.add_argument("--teacher-logits", type=Path, nargs="+", default=None,
                    help="make_teacher_labels.py output of a NewsMTSC teacher; several: their mean logits (an ensemble)")
    ap.add_argument("--ibm-teacher-logits", type=Path, nargs="+", default=None,
                    help="an IBM teacher's logits (ibm.npy, ibm_ids.json, ibm_perturbed.*); several: their mean")
    ap.add_argument("--teacher-temperature", type=float, default=1.5)
    ap.add_argument("--ibm-repeat", type=int, default=1, help="repeat the IBM claims this many times (oversampling)")
    ap.add_argument("--epochs", type=int, default=DEFAULTS.epochs)
    ap.add_argument("--learning-rate", type=float, default=DEFAULTS.learning_rate)
    ap.add_argument("--batch-size", type=int, default=DEFAULTS.batch_size)
    ap.add_argument("--distill-weight", type=float, default=DEFAULTS.distill_weight)
    ap.add_argument("--input-format", default=DEFAULTS.input_format)
    ap.add_argument("--seed", type=int, default=DEFAULTS.seed)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--card-notes", type=Path, default=None, help="markdown appended to the model card")
    ap.add_argument("--card-only", action="store_true", help="only rewrite OUTPUT/README.md (e.g. with new --card-notes) from the finished run in --work-dir")
    return ap


def newsmtsc_training_data(args: argparse.Namespace) -> tuple[list[LabeledPair], list[str]]:
    """NewsMTSC train, with the teachers' soft labels and teacher-only pairs when given; and its description."""
    news_train = args.newsmtsc_dir / "train.jsonl"
    train_data = load_newsmtsc(news_train)
    described = [f"NewsMTSC train ({len(train_data)} targets; polarity -> stance and sentiment)"]
    if args.teacher_logits is None:
        return train_data, described
    train_data, counts = newsmtsc_with_teacher(train_data, args.teacher_logits, args.teacher_temperature, news_train)
    labeler = "the teacher" if len(args.teacher_logits) == 1 else "the teachers"
    described.append(f"soft labels on NewsMTSC train from {teacher_name(args.teacher_logits)}, temperature {args.teacher_temperature}")
    if counts.get("extra"):
        described.append(
            f"{counts['extra']} further (sentence, named entity) pairs from the NewsMTSC train sentences, labeled only by {labeler}"
        )
    if counts.get("perturbed"):
        described.append(
            f"{counts['perturbed']} perturbed copies of train and further pairs (words around the target dropped), labeled only by {labeler}"
        )
    return train_data, described


def ibm_training_data(args: argparse.Namespace, holdout: list[int]) -> tuple[list[LabeledPair], list[str]]:
    """IBM claims of the training topics (repeated ``--ibm-repeat`` times), teacher copies when given; and their description."""
    ibm_copies: list[LabeledPair] = []
    if args.ibm_teacher_logits is not None:
        ibm_train, ibm_copies = ibm_with_teacher(args.ibm, holdout, args.ibm_teacher_logits, args.teacher_temperature)
    else:
        ibm_train = load_ibm_claim_stance(args.ibm, exclude_topics=holdout)
    described = [
        f"IBM Claim Stance train, stance_to_target, topics other than {holdout} ({len(ibm_train)} claims"
        + (f", each repeated {args.ibm_repeat} times)" if args.ibm_repeat > 1 else ")")
    ]
    if args.ibm_teacher_logits is not None:
        described.append(
            f"soft labels on those claims from {teacher_name(args.ibm_teacher_logits, 'ibm_teacher.json')} "
            f"(trained on the same topics), and {len(ibm_copies)} word-dropout copies of them labeled only by "
            + ("it" if len(args.ibm_teacher_logits) == 1 else "them")
        )
    return ibm_train * args.ibm_repeat + ibm_copies, described


def shipped_metrics(clf: StanceClassifier, dev_rw: list[LabeledPair], dev_mt: list[LabeledPair], ibm: Optional[Path], holdout: list[int]) -> dict:
    """Per-split dev metrics, cross-fitted ECE and IBM unseen-topic accuracy of the shipped model."""
    metrics: dict = {}
    splits = {"dev_rw": dev_rw, "dev_mt": dev_mt}
    stance_logits = {}
    for name, split in splits.items():
        metrics[name], stance_logits[name], _ = evaluate_pairs(clf, split)
    metrics["calibration_cross_fitted"] = cross_fitted_ece(stance_logits, splits)
    if holdout:
        unseen = load_ibm_claim_stance(ibm, topics=holdout)
        accuracy = support_vs_opposition_accuracy(clf.predict([p.pair for p in unseen]).stance, [p.label for p in unseen])
        metrics["ibm_unseen_topics"] = {"topics": holdout, "n": len(unseen), "support_vs_opposition_accuracy": accuracy}
    return metrics


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if args.ibm_teacher_logits is not None and args.ibm is None:
        ap.error("--ibm-teacher-logits needs --ibm (the IBM Claim Stance train file the teacher labeled)")
    notes = args.card_notes.read_text(encoding="utf-8") if args.card_notes else ""
    if args.card_only:
        rewrite_model_card(args.work_dir, args.output, notes)
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    torch.set_num_threads(args.threads)

    train_data, described = newsmtsc_training_data(args)
    holdout: list[int] = ibm_holdout_topics(args.ibm) if args.ibm is not None else []
    if args.ibm is not None:
        ibm_data, ibm_described = ibm_training_data(args, holdout)
        train_data, described = train_data + ibm_data, described + ibm_described
    dev_rw = load_newsmtsc(args.newsmtsc_dir / "dev-rw.jsonl")
    dev_mt = load_newsmtsc(args.newsmtsc_dir / "dev-mt.jsonl")
    config = TrainConfig(
        learning_rate=args.learning_rate, epochs=args.epochs, batch_size=args.batch_size, seed=args.seed,
        input_format=args.input_format, distill_weight=args.distill_weight,
    )
    command = " ".join(shlex.quote(a) for a in ["python", *sys.argv])
    result = train(
        train_data, dev_rw + dev_mt, base=args.base, output_dir=args.work_dir, config=config, resume=args.resume,
        training_data=described, command=command,
    )

    # Metrics are measured on the fp16 weights that ship, loaded back as the user loads them.
    args.output.mkdir(parents=True, exist_ok=True)
    StanceClassifier.from_pretrained(args.work_dir, device="cpu").save_pretrained(args.output, dtype=torch.float16)
    clf = StanceClassifier.from_pretrained(args.output, device="cpu")
    metrics = {"best_epoch": result.best_epoch, "dev": result.dev_metrics, **shipped_metrics(clf, dev_rw, dev_mt, args.ibm, holdout)}
    clf.with_config(metrics=metrics).save_pretrained(args.output, dtype=torch.float16)
    rewrite_model_card(args.work_dir, args.output, notes)
    for name in ("dev_rw", "dev_mt"):
        m = metrics[name]
        print(f"{name}: stance macro-F1 {m['stance_macro_f1']:.4f} acc {m['stance_accuracy']:.4f} ECE {m['stance_ece']:.4f}; "
              f"sentiment macro-F1 {m['sentiment_macro_f1']:.4f}")
    if holdout:
        print(f"IBM unseen topics {holdout}: support-vs-opposition accuracy {metrics['ibm_unseen_topics']['support_vs_opposition_accuracy']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
