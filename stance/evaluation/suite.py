"""The evaluation suite: one classifier scored on every dev set there is, in one table.

:func:`load_suite_sets` finds the dev sets under a data folder laid out as
:meth:`stance.mixing.DataPaths.under` expects (``newsmtsc/``, ``ibm-claim-stance/``,
``ibm-argq-30k/``, ``perspectrum/``); a set whose files are missing is left out. The sets,
in ``SUITE_SETS`` order:

- ``newsmtsc_dev_rw``, ``newsmtsc_dev_mt``: entity targets in news, with sentiment gold;
- ``ibm_heldout_target``, ``ibm_heldout_motion``: IBM Claim Stance claims of the topics the
  default model is not trained on (:func:`stance.data.ibm_holdout_topics`), toward the
  target phrase and toward the motion;
- ``argq_dev``, ``argq_test``: ArgQ arguments toward their proposition;
  ``argq_dev_topic_phrase``: ArgQ dev toward the proposition's noun phrase
  (:func:`stance.mixing.topic_phrase_pairs`);
- ``perspectrum_dev``, ``perspectrum_test``: perspectives toward their claim;
- ``contrast``: a hand-written JSONL file of (text, target, label) pairs, scored also per
  ``target_kind`` and per ``phenomenon`` where its rows have those fields.

The IBM, ArgQ and Perspectrum sets have no neutral gold, so there the accuracy that
matters is ``support_vs_opposition_accuracy`` (whichever side scores higher); the
three-class metrics show how much neutral eats real stances. :func:`evaluate_suite`
scores every set; :func:`format_suite_table` writes the result as a markdown table.
Nothing here trains or fetches anything.
"""

from __future__ import annotations

import argparse
import logging
import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

import numpy as np

from stance.data import LabeledPair, ibm_holdout_topics, load_argq, load_ibm_claim_stance, load_jsonl, load_newsmtsc, load_perspectrum
from stance.evaluation.classification import pair_metrics
from stance.evaluation.ibm import support_vs_opposition_accuracy
from stance.jsonl import read_jsonl
from stance.mixing import DataPaths, topic_phrase_pairs
from stance.model import SENTIMENT_LABELS, STANCE_LABELS

logger = logging.getLogger(__name__)

SUITE_SETS = (
    "newsmtsc_dev_rw", "newsmtsc_dev_mt", "ibm_heldout_target", "ibm_heldout_motion", "argq_dev", "argq_test",
    "argq_dev_topic_phrase", "perspectrum_dev", "perspectrum_test", "contrast",
)
CONTRAST_GROUPS = ("target_kind", "phenomenon")
PERSPECTRUM_FILES = ("perspectrum_with_answers", "perspective_pool", "dataset_split")
# the sentiment label that goes with each stance label, for head agreement
SENTIMENT_OF_STANCE = {"support": "positive", "opposition": "negative", "neutral": "neutral"}
TABLE_COLUMNS = (
    ("n", "n"), ("macro-F1", "macro_f1"), ("accuracy", "accuracy"), ("F_avg", "f_avg"), ("ECE", "ece"),
    ("sup-vs-opp acc", "support_vs_opposition_accuracy"),
)


def default_contrast() -> Optional[Path]:
    """The repository's contrast set (``tests/data/contrast.jsonl``) when it is there, else None.

    Example:
        >>> default_contrast().name  # in a clone of the repository
        'contrast.jsonl'
    """
    path = Path(__file__).resolve().parents[2] / "tests" / "data" / "contrast.jsonl"
    return path if path.is_file() else None


@dataclass(frozen=True)
class SuiteSet:
    """One dev set of the suite: its name, its pairs, and optional group names per pair.

    ``groups`` maps a field (``target_kind``, ``phenomenon``) to one value per pair; each
    group gets its own accuracy.

    Example:
        >>> SuiteSet("tiny", (LabeledPair("Yes to NATO.", "NATO", "support"),)).name
        'tiny'
    """

    name: str
    pairs: tuple[LabeledPair, ...]
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def sample(self, n: Optional[int], seed: int = 13) -> "SuiteSet":
        """At most ``n`` of the pairs (with their groups), drawn with ``random.Random(seed)``, in file order."""
        if n is None or n >= len(self.pairs):
            return self
        if n < 1:
            raise ValueError(f"max_per_set must be at least 1 (or None for every pair), not {n}")
        keep = sorted(random.Random(seed).sample(range(len(self.pairs)), n))
        groups = {key: tuple(values[i] for i in keep) for key, values in self.groups.items()}
        return replace(self, pairs=tuple(self.pairs[i] for i in keep), groups=groups)


def add_suite_options(parser: argparse.ArgumentParser) -> None:
    """The options every script over the suite takes: ``--suite DATA_DIR`` (alias
    ``--data-dir``), ``--model``, ``--contrast``, ``--max-per-set``, ``--seed``, ``--threads``.

    Example:
        >>> ap = argparse.ArgumentParser(); add_suite_options(ap)
        >>> ap.parse_args(["--suite", "data"]).max_per_set is None
        True
    """
    parser.add_argument("--suite", "--data-dir", dest="data_dir", type=Path, required=True, metavar="DATA_DIR",
                        help="data folder with newsmtsc/, ibm-claim-stance/, ibm-argq-30k/, perspectrum/")
    parser.add_argument("--model", default=None, help="fast, accurate or a model directory (default: the bundled default)")
    parser.add_argument("--contrast", type=Path, default=default_contrast(), help="contrast JSONL file (default: %(default)s)")
    parser.add_argument("--max-per-set", type=int, default=None, metavar="N", help="score at most N pairs per set (default: all)")
    parser.add_argument("--seed", type=int, default=13, help="sampling seed for --max-per-set (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=2)


def _contrast_set(path: Path) -> SuiteSet:
    """The contrast set: pairs by :func:`stance.data.load_jsonl`, groups from the raw rows."""
    pairs = load_jsonl(path)
    rows = [obj for _, obj in read_jsonl(path)]
    if len(rows) != len(pairs):  # the same reader reads both: this would be a bug
        raise ValueError(f"{path}: {len(rows)} rows but {len(pairs)} pairs")
    groups = {
        key: tuple(str(row.get(key, "(none)")) for row in rows)
        for key in CONTRAST_GROUPS
        if any(key in row for row in rows)
    }
    return SuiteSet("contrast", tuple(pairs), groups)


def load_suite_sets(data_dir: Union[str, Path], contrast: Union[str, Path, None] = None) -> list[SuiteSet]:
    """Every dev set whose files are under ``data_dir`` (and the ``contrast`` file, when given).

    Args:
        data_dir: the data folder, laid out as :meth:`stance.mixing.DataPaths.under` expects.
        contrast: a JSONL file of {"text", "target", "label", ...}, or None.

    Returns:
        The sets present, in ``SUITE_SETS`` order.

    Example:
        >>> [s.name for s in load_suite_sets("../shared/data")][:2]
        ['newsmtsc_dev_rw', 'newsmtsc_dev_mt']
    """
    if not Path(data_dir).is_dir():
        raise FileNotFoundError(f"{data_dir}: data directory does not exist")
    paths = DataPaths.under(Path(data_dir))
    sets: list[SuiteSet] = []

    def add(name: str, pairs: Sequence[LabeledPair]) -> None:
        if pairs:
            sets.append(SuiteSet(name, tuple(pairs)))
        else:
            logger.info("suite: %s has no pairs; left out", name)

    for name, file in (("newsmtsc_dev_rw", "dev-rw.jsonl"), ("newsmtsc_dev_mt", "dev-mt.jsonl")):
        if (paths.newsmtsc_dir / file).is_file():
            add(name, load_newsmtsc(paths.newsmtsc_dir / file))
    if paths.ibm.is_file():
        holdout = ibm_holdout_topics(paths.ibm)
        add("ibm_heldout_target", load_ibm_claim_stance(paths.ibm, topics=holdout))
        add("ibm_heldout_motion", load_ibm_claim_stance(paths.ibm, topics=holdout, stance_field="stance_to_motion"))
    if paths.argq.is_file():
        argq_dev = load_argq(paths.argq, split="dev")
        add("argq_dev", argq_dev)
        add("argq_test", load_argq(paths.argq, split="test"))
        add("argq_dev_topic_phrase", topic_phrase_pairs(argq_dev))
    if all((paths.perspectrum_dir / f"{name}_v1.0.json").is_file() for name in PERSPECTRUM_FILES):
        add("perspectrum_dev", load_perspectrum(paths.perspectrum_dir, split="dev"))
        add("perspectrum_test", load_perspectrum(paths.perspectrum_dir, split="test"))
    if contrast is not None:
        sets.append(_contrast_set(Path(contrast)))
    missing = [name for name in SUITE_SETS if name not in {s.name for s in sets}]
    if missing:
        logger.info("suite: no files for %s under %s; left out", ", ".join(missing), data_dir)
    return sets


def head_agreement(stance_probs: np.ndarray, sentiment_probs: np.ndarray) -> float:
    """Share of rows whose stance label and sentiment label go together.

    support goes with positive, opposition with negative, neutral with neutral.

    Example:
        >>> head_agreement(np.array([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1]]), np.array([[0.6, 0.3, 0.1], [0.5, 0.4, 0.1]]))
        0.5
    """
    stance = [STANCE_LABELS[i] for i in np.asarray(stance_probs).argmax(1)]
    sentiment = [SENTIMENT_LABELS[i] for i in np.asarray(sentiment_probs).argmax(1)]
    if not stance or len(stance) != len(sentiment):
        raise ValueError(f"{len(stance)} stance rows and {len(sentiment)} sentiment rows; need the same number, at least one")
    return float(np.mean([SENTIMENT_OF_STANCE[s] == t for s, t in zip(stance, sentiment)]))


def set_metrics(suite_set: SuiteSet, stance_probs: np.ndarray, sentiment_probs: np.ndarray) -> dict[str, float]:
    """One set's flat metrics from the classifier's probabilities on its pairs.

    Returns:
        ``n``, ``macro_f1``, ``accuracy``, ``f_avg``, ``ece``, ``f1_<label>``;
        ``support_vs_opposition_accuracy`` over the pairs whose gold takes a side;
        ``sentiment_macro_f1`` and ``head_agreement`` where pairs have sentiment gold;
        ``<group>/<value>/n`` and ``<group>/<value>/accuracy`` for each group.

    Example:
        >>> probs = clf.predict([p.pair for p in s.pairs])
        >>> set_metrics(s, probs.stance, probs.sentiment)["macro_f1"]
        0.71
    """
    pairs = list(suite_set.pairs)
    raw = pair_metrics(pairs, stance_probs, sentiment_probs)
    out = {key[len("stance_"):]: value for key, value in raw.items() if key.startswith("stance_")}
    out["n"] = len(pairs)
    sided = [i for i, p in enumerate(pairs) if p.label != "neutral"]
    if sided:
        out["support_vs_opposition_accuracy"] = support_vs_opposition_accuracy(
            np.asarray(stance_probs)[sided], [pairs[i].label for i in sided]
        )
    if "sentiment_macro_f1" in raw:
        out["sentiment_macro_f1"] = raw["sentiment_macro_f1"]
        with_sentiment = [i for i, p in enumerate(pairs) if p.sentiment is not None]
        out["head_agreement"] = head_agreement(np.asarray(stance_probs)[with_sentiment], np.asarray(sentiment_probs)[with_sentiment])
    predicted = [STANCE_LABELS[i] for i in np.asarray(stance_probs).argmax(1)]
    for key, values in suite_set.groups.items():
        for value in sorted(set(values)):
            idx = [i for i, v in enumerate(values) if v == value]
            out[f"{key}/{value}/n"] = len(idx)
            out[f"{key}/{value}/accuracy"] = float(np.mean([predicted[i] == pairs[i].label for i in idx]))
    return out


def evaluate_suite(
    clf,
    data_dir: Union[str, Path],
    contrast: Union[str, Path, None] = None,
    max_per_set: Optional[int] = None,
    seed: int = 13,
    batch_size: int = 32,
) -> dict[str, Any]:
    """Score a classifier on every dev set under ``data_dir`` (see the module docstring).

    Args:
        clf: a :class:`stance.model.StanceClassifier`.
        data_dir: the data folder (``DataPaths.under`` layout).
        contrast: the contrast JSONL file, or None to leave that set out.
        max_per_set: score at most this many pairs per set, sampled with ``seed`` (None = all).
        seed: the sampling seed.
        batch_size: pairs per forward pass.

    Returns:
        ``{"model": clf.config.base, "sets": {name: metrics}}`` (metrics as :func:`set_metrics`).

    Example:
        >>> result = evaluate_suite(StanceClassifier.from_pretrained(), "../shared/data", max_per_set=200)
        >>> print(format_suite_table(result))
    """
    sets: dict[str, dict[str, float]] = {}
    for suite_set in load_suite_sets(data_dir, contrast):
        suite_set = suite_set.sample(max_per_set, seed)
        logger.info("suite: scoring %s (%d pairs)", suite_set.name, len(suite_set.pairs))
        probs = clf.predict([p.pair for p in suite_set.pairs], batch_size)
        sets[suite_set.name] = set_metrics(suite_set, probs.stance, probs.sentiment)
    return {"model": clf.config.base, "sets": sets}


def format_suite_table(result: Mapping[str, Any]) -> str:
    """The suite result as a markdown table: one row per set (a missing metric is ``-``).

    Example:
        >>> print(format_suite_table({"model": "m", "sets": {"argq_dev": {"n": 2, "accuracy": 0.5}}}))
        | set | n | macro-F1 | accuracy | F_avg | ECE | sup-vs-opp acc |
        |---|---:|---:|---:|---:|---:|---:|
        | argq_dev | 2 | - | 0.500 | - | - | - |
    """
    lines = [
        "| set | " + " | ".join(title for title, _ in TABLE_COLUMNS) + " |",
        "|---|" + "---:|" * len(TABLE_COLUMNS),
    ]
    for name, metrics in result["sets"].items():
        cells = []
        for _, key in TABLE_COLUMNS:
            value = metrics.get(key)
            cells.append("-" if value is None else str(int(value)) if key == "n" else f"{value:.3f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
