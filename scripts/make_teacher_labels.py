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
from stance.data import load_newsmtsc, newsmtsc_ids  # noqa: E402
from stance.distillation import other_entity_pairs, word_dropout_rows  # noqa: E402
from stance.io import atomic_write  # noqa: E402
from stance.model import Pair, StanceClassifier  # noqa: E402


def teacher_logits(clf: StanceClassifier, rows: list[dict]) -> np.ndarray:
    """The teacher's stance logits ``(n, 3)`` for the rows of :func:`other_entity_pairs`."""
    stance_logits, _ = clf.predict_logits([Pair(r["sentence"], r["mention"], r["from"], r["to"]) for r in rows], batch_size=64)
    return stance_logits


def save_array(path: Path, array: np.ndarray) -> None:
    with atomic_write(path, mode="wb") as handle:
        np.save(handle, array)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--teacher", type=Path, required=True, help="teacher stance model directory")
    ap.add_argument("--newsmtsc-dir", type=Path, required=True)
    ap.add_argument("--output", type=Path, required=True)
    ap.add_argument("--spacy-model", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dropout-variants", type=int, default=0, help="perturbed copies per pair (0: none)")
    ap.add_argument("--dropout-extra", type=int, default=4000, help="extra pairs that also get perturbed copies")
    ap.add_argument("--drop-prob", type=float, default=0.15, help="probability of dropping each word outside the target")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    torch.set_num_threads(args.threads)
    args.output.mkdir(parents=True, exist_ok=True)
    train_file = args.newsmtsc_dir / "train.jsonl"
    gold = load_newsmtsc(train_file)
    extra = other_entity_pairs(gold, load_spacy(args.spacy_model))
    logging.info("%d train pairs, %d extra entity pairs", len(gold), len(extra))
    clf = StanceClassifier.from_pretrained(args.teacher, device="cpu")
    save_array(args.output / "train.npy", clf.predict_logits([p.pair for p in gold], batch_size=64)[0])
    with atomic_write(args.output / "train_ids.json") as handle:
        json.dump(newsmtsc_ids(train_file), handle)
    with atomic_write(args.output / "extra.jsonl") as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in extra)
    save_array(args.output / "extra.npy", teacher_logits(clf, extra))
    if args.dropout_variants:
        sources = [{"sentence": p.text, "mention": p.target, "from": p.target_start, "to": p.target_end} for p in gold]
        perturbed = word_dropout_rows(sources + extra[: args.dropout_extra], args.drop_prob, args.dropout_variants)
        logging.info("%d perturbed pairs", len(perturbed))
        with atomic_write(args.output / "perturbed.jsonl") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in perturbed)
        save_array(args.output / "perturbed.npy", teacher_logits(clf, perturbed))
    with atomic_write(args.output / "teacher.json") as handle:
        json.dump({"teacher": clf.config.base, "teacher_metrics": clf.config.metrics}, handle, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
