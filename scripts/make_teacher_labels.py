"""Write a teacher model's soft labels for distilling the default model (train_default.py --teacher-logits).

The teacher is any stance model directory, typically all-mpnet-base-v2 fine-tuned on
NewsMTSC train with the library itself:

    stance train --train ../shared/data/newsmtsc/train.jsonl --dev ../shared/data/newsmtsc/dev-rw.jsonl \\
        --format newsmtsc \\
        --base /path/to/all-mpnet-base-v2 --epochs 1 --learning-rate 2e-5 --output runs/teacher
    python scripts/make_teacher_labels.py --teacher runs/teacher \\
        --newsmtsc-dir ../shared/data/newsmtsc --output runs/teacher-labels

Writes to OUTPUT:
  - ``train.npy`` / ``train_ids.json``: the teacher's stance logits on NewsMTSC train, in file order;
  - ``extra.jsonl`` / ``extra.npy``: further (sentence, named entity) pairs, made from the
    other PERSON / ORG / GPE / NORP entities (spaCy) in the NewsMTSC train sentences that
    no gold target overlaps, with the teacher's logits. These give the student many more
    sentences with several targets, labeled by a model that tells them apart;
  - ``perturbed.jsonl`` / ``perturbed.npy`` (with ``--dropout-variants N``): copies of the
    train pairs and of up to ``--dropout-extra`` extra pairs with words around the target
    dropped at random (``stance.distillation.word_dropout_rows``), with the teacher's logits;
  - ``teacher.json``: the teacher's base encoder and metrics, for the student's model card.

With ``--ibm-teacher DIR --ibm FILE`` (an IBM teacher: all-mpnet-base-v2 trained on the IBM
topics other than ``stance.data.ibm_holdout_topics``, e.g. ``stance.train(
load_ibm_claim_stance(FILE, exclude_topics=ibm_holdout_topics(FILE)), ..., base=MPNET,
config=TrainConfig(epochs=3, learning_rate=2e-5, input_format="pair"))``), also:
  - ``ibm.npy`` / ``ibm_ids.json``: its stance logits on every claim of FILE, in file order;
  - ``ibm_perturbed.jsonl`` / ``ibm_perturbed.npy``: ``--ibm-dropout-variants`` word-dropout
    copies of each training-topic claim, with its logits;
  - ``ibm_teacher.json``: its base and its accuracy on the held-out topics.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np
import torch

from stance.extract import load_spacy
from stance.data import ibm_holdout_topics, load_ibm_claims, load_newsmtsc, newsmtsc_ids
from stance.distillation import other_entity_pairs, pair_rows, row_pairs, word_dropout_rows, write_teacher_file
from stance.evaluation.ibm import support_vs_opposition_accuracy
from stance.io import atomic_write
from stance.model import StanceClassifier


def teacher_logits(clf: StanceClassifier, rows: list[dict]) -> np.ndarray:
    """The teacher's stance logits ``(n, 3)`` for NewsMTSC-style rows."""
    return clf.predict_logits(row_pairs(rows), batch_size=64)[0]


def write_info(path: Path, info: dict) -> None:
    with atomic_write(path) as handle:
        json.dump(info, handle, indent=2)


def newsmtsc_labels(args: argparse.Namespace) -> None:
    """train.npy, train_ids.json, extra.*, perturbed.* and teacher.json from the NewsMTSC teacher."""
    train_file = args.newsmtsc_dir / "train.jsonl"
    gold = load_newsmtsc(train_file)
    extra = other_entity_pairs(gold, load_spacy(args.spacy_model))
    logging.info("%d train pairs, %d extra entity pairs", len(gold), len(extra))
    clf = StanceClassifier.from_pretrained(args.teacher, device="cpu")
    write_teacher_file(args.output, "train", teacher_logits(clf, pair_rows(gold)), ids=newsmtsc_ids(train_file))
    write_teacher_file(args.output, "extra", teacher_logits(clf, extra), rows=extra)
    if args.dropout_variants:
        perturbed = word_dropout_rows(pair_rows(gold) + extra[: args.dropout_extra], args.drop_prob, args.dropout_variants)
        logging.info("%d perturbed pairs", len(perturbed))
        write_teacher_file(args.output, "perturbed", teacher_logits(clf, perturbed), rows=perturbed)
    write_info(args.output / "teacher.json", {"teacher": clf.config.base, "teacher_metrics": clf.config.metrics})


def ibm_labels(args: argparse.Namespace) -> None:
    """ibm.npy, ibm_ids.json, ibm_perturbed.* and ibm_teacher.json from the IBM teacher.

    The teacher must have been trained on the IBM topics other than
    ``stance.data.ibm_holdout_topics`` only; its accuracy on the held-out ones is recorded.
    """
    claims = load_ibm_claims(args.ibm)
    holdout = set(ibm_holdout_topics(args.ibm))
    clf = StanceClassifier.from_pretrained(args.ibm_teacher, device="cpu")
    logits = clf.predict_logits([c.pair for c in claims], batch_size=64)[0]
    write_teacher_file(args.output, "ibm", logits, ids=[c.claim_id for c in claims])
    held = [c for c in claims if c.topic_id in holdout]
    accuracy = support_vs_opposition_accuracy(logits[[c.row for c in held]], [c.pair.label for c in held])
    logging.info("IBM teacher: support-vs-opposition accuracy %.4f on the %d held-out claims", accuracy, len(held))
    sources = pair_rows(c.pair for c in claims if c.topic_id not in holdout)
    perturbed = word_dropout_rows(sources, args.drop_prob, args.ibm_dropout_variants)
    write_teacher_file(args.output, "ibm_perturbed", teacher_logits(clf, perturbed), rows=perturbed)
    write_info(args.output / "ibm_teacher.json", {"teacher": clf.config.base, "held_out_topics": sorted(holdout), "held_out_accuracy": accuracy})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--teacher", type=Path, default=None, help="NewsMTSC teacher stance model directory")
    ap.add_argument("--newsmtsc-dir", type=Path, default=None)
    ap.add_argument("--ibm-teacher", type=Path, default=None, help="IBM teacher stance model directory (trained without the held-out topics)")
    ap.add_argument("--ibm", type=Path, default=None, help="IBM Claim Stance train.jsonl")
    ap.add_argument("--output", type=Path, required=True)
    ap.add_argument("--spacy-model", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dropout-variants", type=int, default=0, help="perturbed copies per NewsMTSC pair (0: none)")
    ap.add_argument("--dropout-extra", type=int, default=4000, help="extra pairs that also get perturbed copies")
    ap.add_argument("--ibm-dropout-variants", type=int, default=4, help="perturbed copies per IBM training claim")
    ap.add_argument("--drop-prob", type=float, default=0.15, help="probability of dropping each word outside the target")
    args = ap.parse_args()
    if (args.teacher is None) != (args.newsmtsc_dir is None) or (args.ibm_teacher is None) != (args.ibm is None):
        ap.error("give --teacher with --newsmtsc-dir, and --ibm-teacher with --ibm")
    if args.teacher is None and args.ibm_teacher is None:
        ap.error("nothing to do: give --teacher and --newsmtsc-dir, or --ibm-teacher and --ibm, or both")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    torch.set_num_threads(args.threads)
    args.output.mkdir(parents=True, exist_ok=True)
    if args.teacher is not None:
        newsmtsc_labels(args)
    if args.ibm_teacher is not None:
        ibm_labels(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
