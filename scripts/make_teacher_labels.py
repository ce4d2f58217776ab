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
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stance.attribution import load_spacy  # noqa: E402
from stance.data import ibm_holdout_topics, json_rows, load_ibm_claim_stance, load_newsmtsc, newsmtsc_ids  # noqa: E402
from stance.distillation import other_entity_pairs, word_dropout_rows  # noqa: E402
from stance.io import atomic_write  # noqa: E402
from stance.model import Pair, StanceClassifier, support_or_opposition  # noqa: E402


def teacher_logits(clf: StanceClassifier, rows: list[dict]) -> np.ndarray:
    """The teacher's stance logits ``(n, 3)`` for the rows of :func:`other_entity_pairs`."""
    stance_logits, _ = clf.predict_logits([Pair(r["sentence"], r["mention"], r["from"], r["to"]) for r in rows], batch_size=64)
    return stance_logits


def save_array(path: Path, array: np.ndarray) -> None:
    with atomic_write(path, mode="wb") as handle:
        np.save(handle, array)


def write_rows(path: Path, rows: list[dict]) -> None:
    with atomic_write(path) as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def newsmtsc_labels(args: argparse.Namespace) -> None:
    """train.npy, train_ids.json, extra.*, perturbed.* and teacher.json from the NewsMTSC teacher."""
    train_file = args.newsmtsc_dir / "train.jsonl"
    gold = load_newsmtsc(train_file)
    extra = other_entity_pairs(gold, load_spacy(args.spacy_model))
    logging.info("%d train pairs, %d extra entity pairs", len(gold), len(extra))
    clf = StanceClassifier.from_pretrained(args.teacher, device="cpu")
    save_array(args.output / "train.npy", clf.predict_logits([p.pair for p in gold], batch_size=64)[0])
    with atomic_write(args.output / "train_ids.json") as handle:
        json.dump(newsmtsc_ids(train_file), handle)
    write_rows(args.output / "extra.jsonl", extra)
    save_array(args.output / "extra.npy", teacher_logits(clf, extra))
    if args.dropout_variants:
        sources = [{"sentence": p.text, "mention": p.target, "from": p.target_start, "to": p.target_end} for p in gold]
        perturbed = word_dropout_rows(sources + extra[: args.dropout_extra], args.drop_prob, args.dropout_variants)
        logging.info("%d perturbed pairs", len(perturbed))
        write_rows(args.output / "perturbed.jsonl", perturbed)
        save_array(args.output / "perturbed.npy", teacher_logits(clf, perturbed))
    with atomic_write(args.output / "teacher.json") as handle:
        json.dump({"teacher": clf.config.base, "teacher_metrics": clf.config.metrics}, handle, indent=2)


def ibm_labels(args: argparse.Namespace) -> None:
    """ibm.npy, ibm_ids.json, ibm_perturbed.* and ibm_teacher.json from the IBM teacher.

    The teacher must have been trained on the IBM topics other than
    ``stance.data.ibm_holdout_topics`` only; its accuracy on the held-out ones is recorded.
    """
    rows = json_rows(args.ibm)
    pairs = load_ibm_claim_stance(args.ibm)  # validates the file; same rows, same order
    holdout = set(ibm_holdout_topics(args.ibm))
    clf = StanceClassifier.from_pretrained(args.ibm_teacher, device="cpu")
    logits = clf.predict_logits([p.pair for p in pairs], batch_size=64)[0]
    save_array(args.output / "ibm.npy", logits)
    with atomic_write(args.output / "ibm_ids.json") as handle:
        json.dump([r["id"] for r in rows], handle)
    predicted = support_or_opposition(logits)
    held = [i for i, r in enumerate(rows) if r["topic_id"] in holdout]
    accuracy = float(np.mean([predicted[i] == pairs[i].label for i in held]))
    logging.info("IBM teacher: support-vs-opposition accuracy %.4f on the %d held-out claims", accuracy, len(held))
    sources = [{"sentence": p.text, "mention": p.target, "from": None, "to": None} for p, r in zip(pairs, rows) if r["topic_id"] not in holdout]
    perturbed = word_dropout_rows(sources, args.drop_prob, args.ibm_dropout_variants)
    write_rows(args.output / "ibm_perturbed.jsonl", perturbed)
    save_array(args.output / "ibm_perturbed.npy", teacher_logits(clf, perturbed))
    with atomic_write(args.output / "ibm_teacher.json") as handle:
        info = {"teacher": clf.config.base, "held_out_topics": sorted(holdout), "held_out_accuracy": accuracy}
        json.dump(info, handle, indent=2)


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
