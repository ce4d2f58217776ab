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
import json
import logging
import shlex
import sys
from pathlib import Path
from typing import Optional

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stance.data import LabeledPair, ibm_holdout_topics, json_rows, load_ibm_claim_stance, load_newsmtsc, newsmtsc_ids  # noqa: E402
from stance.distillation import teacher_labeled_pairs, with_teacher_labels  # noqa: E402
from stance.evaluation.classification import expected_calibration_error  # noqa: E402
from stance.model import STANCE_LABELS, StanceClassifier, fit_temperature, softmax, support_or_opposition  # noqa: E402
from stance.training import TrainConfig, evaluate_pairs, train, write_model_card  # noqa: E402


# Pairs only the teacher labels, as make_teacher_labels.py writes them (NAME.jsonl + NAME.npy).
TEACHER_ONLY_FILES = ("extra", "perturbed")


def support_vs_opposition_accuracy(clf: StanceClassifier, pairs: list[LabeledPair]) -> float:
    """Accuracy of support-vs-opposition decisions (the larger of the two probabilities)."""
    predicted = support_or_opposition(clf.predict([p.pair for p in pairs]).stance)
    return float(np.mean([pred == p.label for pred, p in zip(predicted, pairs)]))


def _pair_fields(rows_file: Path) -> list[tuple]:
    return [(r.get("sentence"), r.get("mention"), r.get("from"), r.get("to")) for r in json_rows(rows_file)]


def mean_teacher_logits(teacher_dirs: list[Path], name: str) -> np.ndarray:
    """The mean of several teachers' logits in ``DIR/NAME.npy`` (an ensemble teacher).

    Each teacher must have labeled the same pairs: for the teacher-only files the
    (sentence, mention, from, to) of every ``NAME.jsonl`` row must equal the first directory's.
    """
    first = teacher_dirs[0]
    logits = [np.load(first / f"{name}.npy")]
    rows_file = first / f"{name}.jsonl"
    for other in teacher_dirs[1:]:
        if rows_file.is_file() and _pair_fields(other / f"{name}.jsonl") != _pair_fields(rows_file):
            raise ValueError(f"{other}/{name}.jsonl holds other rows than {rows_file}; teachers must label the same pairs")
        logits.append(np.load(other / f"{name}.npy"))
        if logits[-1].shape != logits[0].shape:
            raise ValueError(f"{other}/{name}.npy has shape {logits[-1].shape}, {first}/{name}.npy {logits[0].shape}")
    return np.mean(logits, axis=0)


def check_teacher_ids(teacher_dirs: list[Path], ids_name: str, ids: list, data_file: Path) -> None:
    """Refuse teacher logits whose row ids (``DIR/ids_name``) are not ``data_file``'s, in order."""
    for teacher_dir in teacher_dirs:
        if json.loads((teacher_dir / ids_name).read_text(encoding="utf-8")) != ids:
            raise ValueError(f"{teacher_dir}: teacher logits do not match {data_file} row for row")


def with_teacher(
    pairs: list[LabeledPair], teacher_dirs: list[Path], temperature: float, newsmtsc_train: Path
) -> tuple[list[LabeledPair], dict[str, int]]:
    """NewsMTSC train pairs with the teachers' soft labels, plus the pairs only the teachers labeled.

    Each of ``teacher_dirs`` is what scripts/make_teacher_labels.py writes for one teacher;
    with several, their logits are averaged. A teacher-only file is used when the first
    directory has it (then every directory must). Also returns the number of teacher-only
    pairs per file used (see TEACHER_ONLY_FILES).
    """
    check_teacher_ids(teacher_dirs, "train_ids.json", newsmtsc_ids(newsmtsc_train), newsmtsc_train)
    out = with_teacher_labels(pairs, mean_teacher_logits(teacher_dirs, "train"), temperature)
    counts = {}
    for name in TEACHER_ONLY_FILES:
        rows_file = teacher_dirs[0] / f"{name}.jsonl"
        if rows_file.is_file():
            rows = json_rows(rows_file)
            out += teacher_labeled_pairs(rows, mean_teacher_logits(teacher_dirs, name), temperature)
            counts[name] = len(rows)
    return out, counts


def without_neutral(logits: np.ndarray) -> np.ndarray:
    """Stance logits with the neutral column pushed out of the softmax (for a two-class teacher)."""
    out = np.array(logits, dtype=np.float64)
    out[:, STANCE_LABELS.index("neutral")] = -1e4
    return out


def ibm_with_teacher(ibm_file: Path, holdout: list[int], teacher_dirs: list[Path], temperature: float) -> tuple[list[LabeledPair], list[LabeledPair]]:
    """IBM claims of the training topics with IBM teachers' soft labels, and the teacher-only copies.

    Each of ``teacher_dirs`` holds ``ibm.npy`` + ``ibm_ids.json`` (a teacher's stance logits
    on every claim of the IBM train file, in file order) and, when present,
    ``ibm_perturbed.jsonl`` + ``ibm_perturbed.npy`` (word-dropout copies of the training
    claims); with several teachers their logits are averaged. The teachers must not have seen
    the held-out topics. IBM has no neutral class, so the neutral column is ignored (the soft
    labels split support/opposition).
    """
    rows = json_rows(ibm_file)
    check_teacher_ids(teacher_dirs, "ibm_ids.json", [r.get("id") for r in rows], ibm_file)
    logits = mean_teacher_logits(teacher_dirs, "ibm")  # every teacher's shape equals the first's
    if logits.shape != (len(rows), len(STANCE_LABELS)):
        raise ValueError(f"{teacher_dirs[0]}/ibm.npy has shape {logits.shape}, expected ({len(rows)}, {len(STANCE_LABELS)})")
    logits = without_neutral(logits)
    held_out = set(holdout)
    keep = [i for i, r in enumerate(rows) if r["topic_id"] not in held_out]
    pairs = load_ibm_claim_stance(ibm_file, exclude_topics=holdout)
    if [p.text for p in pairs] != [rows[i]["text"] for i in keep]:
        raise ValueError(f"{ibm_file}: the loaded claims do not line up with the file's rows")
    claims = with_teacher_labels(pairs, logits[keep], temperature)
    copies: list[LabeledPair] = []
    copies_file = teacher_dirs[0] / "ibm_perturbed.jsonl"
    if copies_file.is_file():
        copy_logits = without_neutral(mean_teacher_logits(teacher_dirs, "ibm_perturbed"))
        copies = teacher_labeled_pairs(json_rows(copies_file), copy_logits, temperature, with_sentiment=False)
    return claims, copies


def cross_fitted_ece(logits: dict[str, np.ndarray], splits: dict[str, list[LabeledPair]]) -> dict[str, float]:
    """Stance ECE of each of two dev splits with the temperature fitted on the other one.

    ``logits`` are the model's raw stance logits on each split (as ``evaluate_pairs``
    returns them). The shipped temperature is fitted on both splits together, so its ECE
    on them is optimistic; this is the honest check (one split stands in for unseen data).
    """
    name_a, name_b = splits
    gold = {name: [STANCE_LABELS.index(p.label) for p in pairs] for name, pairs in splits.items()}
    out = {}
    for fit_on, measure_on in ((name_a, name_b), (name_b, name_a)):
        temperature = fit_temperature(logits[fit_on], gold[fit_on])
        probs = softmax(logits[measure_on], temperature)
        out[f"stance_ece_{measure_on}_with_temperature_from_{fit_on}"] = expected_calibration_error(probs, gold[measure_on])
    return out


def teacher_name(teacher_dirs: list[Path], info_file: str = "teacher.json") -> str:
    """The teachers' base encoders as recorded in each ``DIR/info_file`` ("an ensemble of N ..." for several)."""
    names = []
    for teacher_dir in teacher_dirs:
        info = teacher_dir / info_file
        names.append(json.loads(info.read_text(encoding="utf-8")).get("teacher", "larger model") if info.is_file() else "larger model")
    if len(names) == 1:
        return f"a fine-tuned {names[0]} teacher"
    kinds = sorted(set(names))
    return f"an ensemble of {len(names)} fine-tuned {' / '.join(kinds)} teachers (mean logits)"


def write_card_from_run(work_dir: Path, output: Path, card_notes: Optional[Path]) -> None:
    """Write OUTPUT/README.md from the saved model and the run's checkpoint state (config, history, command)."""
    state = json.loads((work_dir / "checkpoint" / "state.json").read_text(encoding="utf-8"))
    clf = StanceClassifier.from_pretrained(output, device="cpu")
    notes = card_notes.read_text(encoding="utf-8") if card_notes else ""
    config = TrainConfig.from_dict(state["config"])
    command = state.get("command", "(not recorded)")
    write_model_card(output / "README.md", clf, config, state["history"], state["best_epoch"], command, extra=notes)


def main() -> int:
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
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--learning-rate", type=float, default=5e-5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--distill-weight", type=float, default=0.7)
    ap.add_argument("--input-format", default="both")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--card-notes", type=Path, default=None, help="markdown appended to the model card")
    ap.add_argument("--card-only", action="store_true", help="only rewrite OUTPUT/README.md (e.g. with new --card-notes) from the finished run in --work-dir")
    args = ap.parse_args()
    if args.ibm_teacher_logits is not None and args.ibm is None:
        ap.error("--ibm-teacher-logits needs --ibm (the IBM Claim Stance train file the teacher labeled)")
    if args.card_only:
        write_card_from_run(args.work_dir, args.output, args.card_notes)
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    torch.set_num_threads(args.threads)

    news_train = args.newsmtsc_dir / "train.jsonl"
    train_data = load_newsmtsc(news_train)
    described = [f"NewsMTSC train ({len(train_data)} targets; polarity -> stance and sentiment)"]
    if args.teacher_logits is not None:
        train_data, counts = with_teacher(train_data, args.teacher_logits, args.teacher_temperature, news_train)
        labeler = "the teacher" if len(args.teacher_logits) == 1 else "the teachers"
        described.append(
            f"soft labels on NewsMTSC train from {teacher_name(args.teacher_logits)}, temperature {args.teacher_temperature}"
        )
        if counts.get("extra"):
            described.append(
                f"{counts['extra']} further (sentence, named entity) pairs from the NewsMTSC train sentences, labeled only by {labeler}"
            )
        if counts.get("perturbed"):
            described.append(
                f"{counts['perturbed']} perturbed copies of train and further pairs (words around the target dropped), labeled only by {labeler}"
            )
    holdout: list[int] = []
    if args.ibm is not None:
        holdout = ibm_holdout_topics(args.ibm)
        ibm_copies: list[LabeledPair] = []
        if args.ibm_teacher_logits is not None:
            ibm_train, ibm_copies = ibm_with_teacher(args.ibm, holdout, args.ibm_teacher_logits, args.teacher_temperature)
        else:
            ibm_train = load_ibm_claim_stance(args.ibm, exclude_topics=holdout)
        train_data = train_data + ibm_train * args.ibm_repeat + ibm_copies
        described.append(
            f"IBM Claim Stance train, stance_to_target, topics other than {holdout} ({len(ibm_train)} claims"
            + (f", each repeated {args.ibm_repeat} times)" if args.ibm_repeat > 1 else ")")
        )
        if args.ibm_teacher_logits is not None:
            described.append(
                f"soft labels on those claims from {teacher_name(args.ibm_teacher_logits, 'ibm_teacher.json')} "
                f"(trained on the same topics), and {len(ibm_copies)} word-dropout copies of them labeled only by "
                + ("it" if len(args.ibm_teacher_logits) == 1 else "them")
            )
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
    metrics: dict = {"best_epoch": result.best_epoch, "dev": result.dev_metrics}
    splits = {"dev_rw": dev_rw, "dev_mt": dev_mt}
    stance_logits = {}
    for name, split in splits.items():
        metrics[name], stance_logits[name], _ = evaluate_pairs(clf, split)
    metrics["calibration_cross_fitted"] = cross_fitted_ece(stance_logits, splits)
    if holdout:
        unseen = load_ibm_claim_stance(args.ibm, topics=holdout)
        metrics["ibm_unseen_topics"] = {"topics": holdout, "n": len(unseen), "support_vs_opposition_accuracy": support_vs_opposition_accuracy(clf, unseen)}
    clf = clf.with_config(metrics=metrics)
    clf.save_pretrained(args.output, dtype=torch.float16)
    write_card_from_run(args.work_dir, args.output, args.card_notes)
    for name in ("dev_rw", "dev_mt"):
        m = metrics[name]
        print(f"{name}: stance macro-F1 {m['stance_macro_f1']:.4f} acc {m['stance_accuracy']:.4f} ECE {m['stance_ece']:.4f}; "
              f"sentiment macro-F1 {m['sentiment_macro_f1']:.4f}")
    if holdout:
        print(f"IBM unseen topics {holdout}: support-vs-opposition accuracy {metrics['ibm_unseen_topics']['support_vs_opposition_accuracy']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
