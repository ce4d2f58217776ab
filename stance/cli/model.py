"""The model subcommands: ``stance train``, ``stance classify`` and ``stance evaluate``.

``register(subparsers, common)`` adds them; their handlers are ``run_train``,
``run_classify`` and ``run_evaluate``. The training-data format is described once, in
``TRAINING_DATA_HELP``, which ``stance train --help`` prints. ``stance evaluate --suite
DATA_DIR`` scores every dev set of a data folder at once (``stance.evaluation.suite``).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any, Optional, TextIO

from stance.data import FORMATS, load_pairs
from stance.io import atomic_write
from stance.jsonl import SkippedItem, read_jsonl, report_skipped
from stance.model import INPUT_FORMATS, SENTIMENT_LABELS, STANCE_LABELS

logger = logging.getLogger(__name__)

CLASSIFY_CHUNK = 256
MODEL_HELP = "the model: fast or accurate (the bundled models) or a model directory (default: $STANCE_MODEL, else the bundled default)"
BATCH_HELP = "pairs per forward pass (default: %(default)s)"
FORMAT_HELP = (
    "data format: jsonl or csv (see `stance train --help`), or a data set as released: newsmtsc (JSONL), ibm (IBM Claim "
    "Stance JSONL), semeval (SemEval-2016 TSV), argq (ArgQ-30k CSV), argkp (ArgKP-2021 CSV), perspectrum (the "
    "folder of its three JSON files) (default: from the suffix: .jsonl/.json jsonl, .csv csv, .tsv/.txt semeval)"
)
LABEL_MAP_HELP = 'label names to map, e.g. "FAVOR=support,AGAINST=opposition,NONE=neutral" or a JSON object'

def _one_of(labels) -> str:
    return ", ".join(labels[:-1]) + " or " + labels[-1]


TRAINING_DATA_HELP = f"""\
training data (--train, --dev):
  JSONL (one object per line) or CSV (with a header row), with the fields
    text     the statement ("content", as in `stance analyze` records, works too)
    target   what the statement is about
    label    its stance: {_one_of(STANCE_LABELS)} ("stance" works too)
  and optionally
    target_start, target_end   character offsets of the target mention in text
    sentiment                  {_one_of(SENTIMENT_LABELS)}
  Other fields are ignored. Map other label names with --label-map, e.g.
    --label-map FAVOR=support,AGAINST=opposition,NONE=neutral
  or a JSON object: --label-map '{{"pro": "support", "con": "opposition"}}'.
  --format {"|".join(f for f in FORMATS if f not in ("jsonl", "csv"))} reads those data sets as released.
  The records `stance analyze` writes are valid input once their stance is corrected.

  --output must be a new or empty directory: --overwrite replaces the model in it,
  --resume continues the interrupted run in it."""


def parse_label_map(text: Optional[str]) -> Optional[dict[str, str]]:
    """``--label-map``: a JSON object or comma-separated ``NAME=label`` pairs.

    Example:
        >>> parse_label_map("FAVOR=support,AGAINST=opposition")
        {'FAVOR': 'support', 'AGAINST': 'opposition'}
    """
    if text is None or not text.strip():
        return None
    text = text.strip()
    if text.startswith("{"):
        try:
            mapping = json.loads(text)
        except json.JSONDecodeError as err:
            raise ValueError(f"--label-map is not valid JSON: {err.msg}") from None
        if not isinstance(mapping, dict):
            raise ValueError("--label-map JSON must be an object")
        return {str(k): str(v) for k, v in mapping.items()}
    mapping = {}
    for item in text.split(","):
        name, sep, label = item.partition("=")
        if not sep or not name.strip() or not label.strip():
            raise ValueError(f"--label-map item {item!r} is not NAME=label (e.g. FAVOR=support,AGAINST=opposition)")
        mapping[name.strip()] = label.strip()
    return mapping


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``train``, ``classify`` and ``evaluate`` subcommands.

    Example:
        >>> sub = argparse.ArgumentParser().add_subparsers(dest="command")
        >>> register(sub, argparse.ArgumentParser(add_help=False))
    """
    _add_train(subparsers, common)
    _add_classify(subparsers, common)
    _add_evaluate(subparsers, common)


def _add_train(subparsers, common: argparse.ArgumentParser) -> None:
    from stance.training import TrainConfig

    defaults = TrainConfig()
    p = subparsers.add_parser(
        "train", parents=[common], help="fine-tune a stance and sentiment classifier",
        description="Fine-tune a stance and sentiment classifier on labeled (statement, target) pairs.",
        epilog=TRAINING_DATA_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--train", required=True, type=Path, help="training data file (format below)")
    p.add_argument("--dev", required=True, type=Path, help="dev data file, same format (epoch selection and calibration)")
    p.add_argument("--base", type=Path, default=None, help="Hugging Face encoder directory (default: all-MiniLM-L6-v2)")
    p.add_argument("--init", default=None, help="continue from a trained stance model instead of --base: fast, accurate (the bundled models) or a model directory")
    p.add_argument("--output", required=True, type=Path, help="output model directory: new or empty, unless --overwrite or --resume")
    again = p.add_mutually_exclusive_group()
    again.add_argument("--overwrite", action="store_true", help="train into OUTPUT even if it already holds a model, replacing it")
    again.add_argument("--resume", action="store_true", help="continue an interrupted run from OUTPUT/checkpoint")
    p.add_argument("--format", choices=FORMATS, default=None, help=FORMAT_HELP)
    p.add_argument("--label-map", default=None, help=LABEL_MAP_HELP)
    p.add_argument("--epochs", type=int, default=defaults.epochs, help="training epochs (default: %(default)s)")
    p.add_argument("--learning-rate", type=float, default=defaults.learning_rate, help="peak learning rate (default: %(default)s)")
    p.add_argument("--batch-size", type=int, default=defaults.batch_size, help="training batch size (default: %(default)s)")
    p.add_argument("--max-length", type=int, default=defaults.max_length, help="tokens per input, longer ones are cut (default: %(default)s)")
    p.add_argument("--seed", type=int, default=defaults.seed, help="random seed (default: %(default)s)")
    p.add_argument("--input-format", choices=INPUT_FORMATS, default=defaults.input_format,
                   help="how the target is shown to the model: as a text pair, marked in the text, or both (default: %(default)s)")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.set_defaults(func=run_train)


def _add_classify(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "classify", parents=[common], help="stance and sentiment for (text, target) pairs in a JSONL file",
        description="Classify (text, target) pairs with the classifier alone. A bad line is reported and "
        "skipped (exit code 1); the other lines are written, in input order.",
    )
    p.add_argument("--input", required=True, type=Path, help='JSONL lines {"id", "text", "target"} (+ optional target_start, target_end)')
    p.add_argument("--output", required=True, type=Path, help="JSONL predictions, in input order")
    p.add_argument("--model", default=None, help=MODEL_HELP)
    p.add_argument("--batch-size", type=int, default=32, help=BATCH_HELP)
    p.set_defaults(func=run_classify)


def _add_evaluate(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "evaluate", parents=[common], help="metrics, confusion matrix and reliability diagram on labeled data",
        description="Score the classifier on labeled pairs (the training-data format, see `stance train --help`): "
        "one file (--data FILE --report DIR), or every dev set of a data folder (--suite DATA_DIR), printed as a table.",
    )
    p.add_argument("--model", default=None, help=MODEL_HELP)
    p.add_argument("--data", type=Path, default=None, help="labeled data file (the format of `stance train`); needs --report")
    p.add_argument("--report", type=Path, default=None, help="report directory: metrics.json and two PNG plots")
    p.add_argument("--format", choices=FORMATS, default=None, help=FORMAT_HELP)
    p.add_argument("--label-map", default=None, help=LABEL_MAP_HELP)
    p.add_argument("--batch-size", type=int, default=32, help=BATCH_HELP)
    suite = p.add_argument_group("suite", "every dev set at once (instead of --data)")
    suite.add_argument("--suite", type=Path, default=None, metavar="DATA_DIR",
                       help="data folder with newsmtsc/, ibm-claim-stance/, ibm-argq-30k/, perspectrum/ (missing ones are left out)")
    suite.add_argument("--contrast", type=Path, default=None, help="contrast JSONL file (default: tests/data/contrast.jsonl of the repository, when there)")
    suite.add_argument("--max-per-set", type=int, default=None, metavar="N", help="score at most N pairs per set, sampled (default: all)")
    suite.add_argument("--output", type=Path, default=None, help="also write the metrics as JSON to this file")
    p.set_defaults(func=run_evaluate)


def check_output_dir(output: Path, overwrite: bool = False, resume: bool = False) -> None:
    """Refuse to train into a directory that already holds files, unless told to.

    Example:
        >>> check_output_dir(Path("models/stance-minilm"))
        Traceback (most recent call last):
        ValueError: models/stance-minilm: already exists and is not empty ...
    """
    if overwrite or resume or not output.is_dir() or not any(output.iterdir()):
        return
    raise ValueError(
        f"{output}: already exists and is not empty (a model directory?); pass --overwrite to replace it, "
        "--resume to continue the run in it, or choose another --output"
    )


def run_train(args: argparse.Namespace) -> int:
    """Train and save a model in ``args.output``; exit code 0."""
    from stance.training import TrainConfig, train

    check_output_dir(args.output, overwrite=args.overwrite, resume=args.resume)
    label_map = parse_label_map(args.label_map)
    config = TrainConfig(
        learning_rate=args.learning_rate, epochs=args.epochs, batch_size=args.batch_size,
        max_length=args.max_length, seed=args.seed, input_format=args.input_format,
    )
    train_data = load_pairs(args.train, args.format, label_map)
    dev_data = load_pairs(args.dev, args.format, label_map)
    result = train(
        train_data, dev_data, base=args.base, output_dir=args.output, config=config, resume=args.resume,
        training_data=(f"{args.train} ({len(train_data)} pairs)",), progress=not args.no_progress,
        init=args.init,
    )
    m = result.dev_metrics
    sys.stderr.write(
        f"stance train: saved {result.output_dir} (epoch {result.best_epoch}): dev macro-F1 "
        f"{m['stance_macro_f1']:.4f}, accuracy {m['stance_accuracy']:.4f}\n"
    )
    return 0


def _require_jsonl(path: Path) -> None:
    """Refuse a file that is not JSONL (a CSV, say) at once, instead of skipping each line.

    The first non-blank line must start a JSON object; a later bad line is only skipped.
    """
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8").lstrip("\ufeff").strip()
            except UnicodeDecodeError:
                continue  # read_jsonl reports and skips it, like any bad line
            if not line:
                continue
            if not line.startswith("{"):
                raise ValueError(
                    f"{path}:{lineno}: not a JSON object: stance classify takes JSONL, one "
                    '{"id", "text", "target"} object per line (convert a CSV first, e.g. with pandas: '
                    'read_csv(...).to_json(..., orient="records", lines=True))'
                )
            return


def _classify_request(obj: dict[str, Any], lineno: int) -> tuple[Optional[dict[str, Any]], Optional[str]]:
    """``({"id", "pair"}, None)`` for a valid request object, else ``(None, what is wrong)``."""
    from stance.model import Pair, encode_pair

    missing = [k for k in ("text", "target") if not isinstance(obj.get(k), str) or not obj.get(k).strip()]
    if missing:
        return None, f"missing or empty field(s): {', '.join(missing)}"
    start, end = obj.get("target_start"), obj.get("target_end")
    try:
        if (start is None) != (end is None) or any(v is not None and not isinstance(v, int) for v in (start, end)):
            raise ValueError("target_start and target_end must both be integers, or both absent")
        encode_pair(obj["text"], obj["target"], start, end)  # validates the offsets
    except ValueError as err:
        return None, str(err)
    return {"id": obj.get("id", lineno), "pair": Pair(obj["text"], obj["target"], start, end)}, None


def run_classify(args: argparse.Namespace) -> int:
    """Write a prediction per valid input line; exit code 1 when a line was skipped.

    A bad line is reported as a warning (naming ``FILE:LINE``) when met, and skipped.
    """
    from stance.model import StanceClassifier, scores_from_probabilities

    if not args.input.is_file():
        raise FileNotFoundError(f"{args.input}: no such file")
    _require_jsonl(args.input)
    clf = StanceClassifier.from_pretrained(args.model)
    written = 0

    def flush(chunk: list[dict[str, Any]], out: TextIO) -> None:
        probs = clf.predict([c["pair"] for c in chunk], args.batch_size)
        stance = scores_from_probabilities(probs.stance, clf.config.stance_labels)
        sentiment = scores_from_probabilities(probs.sentiment, clf.config.sentiment_labels)
        for c, s, t in zip(chunk, stance, sentiment):
            row = {"id": c["id"], "stance": s["label"], "stance_scores": s["scores"], "sentiment": t["label"], "sentiment_scores": t["scores"]}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")

    skipped: list[SkippedItem] = []
    with atomic_write(args.output) as out:
        chunk: list[dict[str, Any]] = []
        for lineno, obj in read_jsonl(args.input, on_error="skip", skipped=skipped):
            request, error = _classify_request(obj, lineno)
            if error is not None:
                report_skipped(skipped, f"{args.input}:{lineno}", f"{args.input}:{lineno}: {error}")
                continue
            chunk.append(request)
            if len(chunk) >= CLASSIFY_CHUNK:
                flush(chunk, out)
                written += len(chunk)
                chunk = []
        if chunk:
            flush(chunk, out)
            written += len(chunk)
    logger.info("classified %d pairs, skipped %d bad lines", written, len(skipped))
    sys.stderr.write(f"stance classify: wrote {written} predictions to {args.output}" + (f", skipped {len(skipped)} bad line(s)" if skipped else "") + "\n")
    return 1 if skipped else 0


def _check_evaluate_mode(args: argparse.Namespace) -> None:
    """``--suite`` or ``--data``/``--report``: refuse a mix of the two, or neither."""
    if args.suite is not None:
        given = [flag for flag, value in (("--data", args.data), ("--report", args.report), ("--format", args.format),
                                          ("--label-map", args.label_map)) if value is not None]
        if given:
            raise ValueError(
                f"--suite cannot be combined with {', '.join(given)}; choose one: --suite DATA_DIR (every dev set "
                "of a data folder) or --data FILE --report DIR (one labeled file)"
            )
        return
    suite_only = [flag for flag, value in (("--contrast", args.contrast), ("--max-per-set", args.max_per_set),
                                           ("--output", args.output)) if value is not None]
    if suite_only:
        raise ValueError(f"{', '.join(suite_only)} only go with --suite DATA_DIR")
    missing = [flag for flag, value in (("--data", args.data), ("--report", args.report)) if value is None]
    if missing:
        raise ValueError(f"missing {' and '.join(missing)}: give --data FILE --report DIR, or --suite DATA_DIR")


def run_evaluate_suite(args: argparse.Namespace) -> int:
    """Print the suite table (``stance.evaluation.suite``) and write its JSON to ``--output``; exit code 0."""
    from stance.evaluation.suite import default_contrast, evaluate_suite, format_suite_table
    from stance.model import StanceClassifier

    if args.max_per_set is not None and args.max_per_set < 1:
        raise ValueError(f"--max-per-set must be at least 1, not {args.max_per_set}")
    if not args.suite.is_dir():
        raise FileNotFoundError(f"{args.suite}: data directory does not exist")
    contrast = args.contrast if args.contrast is not None else default_contrast()
    clf = StanceClassifier.from_pretrained(args.model)
    result = evaluate_suite(clf, args.suite, contrast=contrast, max_per_set=args.max_per_set, batch_size=args.batch_size)
    if not result["sets"]:
        raise ValueError(f"{args.suite}: no dev sets found (expected newsmtsc/, ibm-claim-stance/, ibm-argq-30k/ or perspectrum/)")
    sys.stdout.write(format_suite_table(result) + "\n")
    if args.output is not None:
        with atomic_write(args.output) as fh:
            json.dump(result, fh, indent=2)  # sets in suite order
            fh.write("\n")
        sys.stderr.write(f"stance evaluate: {len(result['sets'])} sets; metrics in {args.output}\n")
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    """Write ``metrics.json`` and the two plots to ``args.report`` (or run the suite); exit code 0."""
    from stance.evaluation.classification import pair_metrics, plot_confusion_matrix, plot_reliability_diagram
    from stance.model import StanceClassifier

    _check_evaluate_mode(args)
    if args.suite is not None:
        return run_evaluate_suite(args)
    data = load_pairs(args.data, args.format, parse_label_map(args.label_map))
    clf = StanceClassifier.from_pretrained(args.model)
    probs = clf.predict([p.pair for p in data], args.batch_size)
    metrics = pair_metrics(data, probs.stance, probs.sentiment, per_target=True)
    predicted = [STANCE_LABELS[i] for i in probs.stance.argmax(1)]
    gold = [p.label for p in data]
    args.report.mkdir(parents=True, exist_ok=True)
    with atomic_write(args.report / "metrics.json") as fh:
        json.dump(metrics, fh, indent=2, sort_keys=True)
        fh.write("\n")
    plot_confusion_matrix(predicted, gold, STANCE_LABELS, args.report / "confusion_matrix.png", title="Stance confusion matrix")
    gold_ids = [STANCE_LABELS.index(g) for g in gold]
    plot_reliability_diagram(probs.stance, gold_ids, args.report / "reliability_diagram.png", title="Stance reliability")
    sys.stderr.write(
        f"stance evaluate: {len(data)} pairs: macro-F1 {metrics['stance_macro_f1']:.4f}, accuracy "
        f"{metrics['stance_accuracy']:.4f}, F_avg {metrics['stance_f_avg']:.4f}, ECE {metrics['stance_ece']:.4f}; report in {args.report}\n"
    )
    return 0
