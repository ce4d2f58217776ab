"""Scoring attributed-statement extraction against a gold annotation.

A predicted statement *matches* a gold statement when its ``[start, end)`` range
covers at least half of the gold content's characters. Matching is one-to-one and
maximises the number of matched required gold statements, then the number of matches
overall (see :func:`match_statements`). From the matches come statement precision,
recall and F1, and speaker, cue and kind accuracy on the matched pairs, overall and
per gold kind, as one flat dict of metrics.

This module only scores; it never runs the extractor. ``scripts/evaluate_attribution.py``
runs ``stance.extract`` over articles and prints the numbers.

Gold files hold one JSON object per line (see ``seeds/*.gold.jsonl``)::

    {"id": "seed-05", "start": 1190, "end": 1313, "content": "...", "speaker": "Xi Jinping",
     "mention": "Xi", "cue": "said", "kind": "indirect", "stance": {"Kazakhstan": "support"},
     "optional": false, "speaker_alternatives": []}
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional, Union

from stance.corpus import read_article_file
from stance.jsonl import read_jsonl
from stance.model import STANCE_LABELS
from stance.records import STATEMENT_KINDS

logger = logging.getLogger(__name__)

# A prediction must cover at least this share of the gold content's characters.
MIN_COVERAGE = 0.5

_REQUIRED_KEYS = ("start", "end", "content", "speaker", "kind")
_KNOWN_KEYS = frozenset(
    _REQUIRED_KEYS
    + ("id", "mention", "cue", "stance", "optional", "speaker_alternatives", "cue_type", "construction", "targets")
)

# Count keys that are summed when articles are combined; ratios are recomputed from them.
_COUNT_KEYS = (
    "n_predicted",
    "n_gold",
    "n_gold_required",
    "n_gold_optional",
    "n_matched",
    "n_matched_required",
    "n_matched_optional",
    "n_missed_required",
    "n_extra",
    "n_speaker_correct",
    "n_cue_correct",
    "n_kind_correct",
)
_KIND_COUNT_KEYS = (
    "n_gold",
    "n_gold_required",
    "n_matched",
    "n_matched_required",
    "n_speaker_correct",
    "n_cue_correct",
)


@dataclass(frozen=True)
class GoldStatement:
    """One gold attributed statement, as written in a ``*.gold.jsonl`` file.

    ``content`` is ``article_text[start:end]``. ``speaker`` is the canonical speaker
    (``None`` when nobody is named); ``speaker_alternatives`` lists other readings of
    the speaker that also count as right. ``optional`` marks a statement a system may
    miss without penalty.

    Example:
        >>> g = GoldStatement(id="a-01", start=1, end=12, content="We will win", speaker="Smith")
        >>> g.kind, g.optional
        ('indirect', False)
    """

    id: str
    start: int
    end: int
    content: str
    speaker: Optional[str]
    mention: Optional[str] = None
    cue: str = ""
    kind: str = "indirect"
    stance: Mapping[str, str] = field(default_factory=dict, hash=False)
    optional: bool = False
    speaker_alternatives: tuple[str, ...] = ()
    cue_type: Optional[str] = None  # what the cue reports (speech, writing, belief, ...), if annotated
    construction: Optional[str] = None  # a free label for the construction (colon_attribution, ...), if annotated

    def groups(self) -> tuple[str, ...]:
        """The report rows this statement counts in: its kind, and its cue type and
        construction when annotated (``cue_type=belief``, ``construction=run_on_quote``)."""
        out = [self.kind]
        if self.cue_type:
            out.append(f"cue_type={self.cue_type}")
        if self.construction:
            out.append(f"construction={self.construction}")
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """The statement as one JSON-ready dict in the gold-file layout."""
        out: dict[str, Any] = {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "content": self.content,
            "speaker": self.speaker,
            "mention": self.mention,
            "cue": self.cue,
            "kind": self.kind,
            "stance": dict(self.stance),
        }
        if self.optional:
            out["optional"] = True
        if self.speaker_alternatives:
            out["speaker_alternatives"] = list(self.speaker_alternatives)
        for name in ("cue_type", "construction"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        return out


@dataclass(frozen=True)
class AttributionReport:
    """Metrics for one article (or several combined) plus what went wrong, for reporting.

    ``matches`` holds ``(pred_index, gold_index)`` pairs; ``misses`` the gold statements
    with no match (optional ones included; check ``.optional``); ``extras`` the
    predicted statements with no match; ``wrong_speaker`` and ``wrong_cue`` the matched
    ``(predicted, gold)`` pairs whose speaker or cue is wrong.

    Example:
        >>> rep = attribution_report(stance.extract(text), load_gold("a.gold.jsonl"))
        >>> rep.metrics["attribution_f1"], len(rep.extras)
    """

    metrics: dict[str, Any]
    matches: tuple[tuple[int, int], ...] = ()
    misses: tuple[GoldStatement, ...] = ()
    extras: tuple[Any, ...] = ()
    wrong_speaker: tuple[tuple[Any, GoldStatement], ...] = ()
    wrong_cue: tuple[tuple[Any, GoldStatement], ...] = ()


# --------------------------------------------------------------------------- loading


def _string_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


# Checks of a gold line's values after defaults are filled in: (key, test, what it must be).
_VALUE_RULES = (
    ("speaker", _string_or_none, "a string or null"),
    ("stance", lambda v: isinstance(v, dict), "an object mapping target to label"),
    ("speaker_alternatives", lambda v: isinstance(v, list) and all(isinstance(a, str) for a in v), "a list of strings"),
    ("optional", lambda v: isinstance(v, bool), "true or false"),
    ("cue", lambda v: isinstance(v, str), "a string"),
    ("mention", _string_or_none, "a string or null"),
    ("cue_type", _string_or_none, "a string or null"),
    ("construction", _string_or_none, "a string or null"),
)


def _check_span(obj: Mapping[str, Any], where: str) -> None:
    """``start``/``end`` are offsets that ``content`` fills exactly, and ``kind`` is known."""
    for name in ("start", "end"):
        value = obj[name]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{where}: {name!r} must be a non-negative integer, got {value!r}")
    if not isinstance(obj["content"], str):
        raise ValueError(f"{where}: 'content' must be a string")
    if obj["end"] - obj["start"] != len(obj["content"]):
        raise ValueError(
            f"{where}: end - start = {obj['end'] - obj['start']} but content has {len(obj['content'])} characters"
        )
    if obj["kind"] not in STATEMENT_KINDS:
        raise ValueError(f"{where}: unknown kind {obj['kind']!r}; valid kinds: {', '.join(STATEMENT_KINDS)}")


def _parse_gold_line(obj: Mapping[str, Any], where: str) -> GoldStatement:
    missing = [k for k in _REQUIRED_KEYS if k not in obj]
    if missing:
        raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
    unknown = sorted(set(obj) - _KNOWN_KEYS)
    if unknown:
        logger.warning("%s: ignoring unknown key(s) %s", where, ", ".join(unknown))
    _check_span(obj, where)
    values = {
        **{k: obj[k] for k in _REQUIRED_KEYS},
        "stance": obj.get("stance") or {},
        "speaker_alternatives": obj.get("speaker_alternatives") or [],
        "optional": obj.get("optional", False),
        "cue": obj.get("cue") or "",
        "mention": obj.get("mention"),
        "cue_type": obj.get("cue_type"),
        "construction": obj.get("construction"),
    }
    for name, is_valid, what in _VALUE_RULES:
        if not is_valid(values[name]):
            raise ValueError(f"{where}: {name!r} must be {what}")
    for target, label in values["stance"].items():
        if label not in STANCE_LABELS:
            raise ValueError(
                f"{where}: stance label {label!r} for target {target!r}; valid labels: {', '.join(STANCE_LABELS)}"
            )
    values["stance"] = dict(values["stance"])
    values["speaker_alternatives"] = tuple(values["speaker_alternatives"])
    return GoldStatement(id=str(obj.get("id", "")), **values)


def load_gold(path: Union[str, Path]) -> list[GoldStatement]:
    """Read a gold annotation file: one JSON statement per line, blank lines skipped.

    Lines are read by :func:`stance.jsonl.read_jsonl` (a line that is not UTF-8 is logged
    and skipped).

    Args:
        path: a ``*.gold.jsonl`` file.

    Returns:
        The gold statements in file order. A statement without an ``id`` gets
        ``"line-N"``.

    Raises:
        FileNotFoundError: the file does not exist.
        ValueError: a line is not valid JSON or not a valid statement (the message names
            the file and line number as ``FILE:LINE``), or two lines share an id.

    Example:
        >>> gold = load_gold("seeds/000_3f02757656f424b1.gold.jsonl")
        >>> gold[1].speaker, gold[1].kind
        ('Xi Jinping', 'nominal')
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"gold file not found: {path}")
    out: list[GoldStatement] = []
    seen_ids: dict[str, int] = {}
    for lineno, obj in read_jsonl(path):
        where = f"{path}:{lineno}"
        gold = _parse_gold_line(obj, where)
        if not gold.id:
            gold = replace(gold, id=f"line-{lineno}")
        if gold.id in seen_ids:
            raise ValueError(f"{where}: duplicate id {gold.id!r} (first on line {seen_ids[gold.id]})")
        seen_ids[gold.id] = lineno
        out.append(gold)
    return out


def validate_gold(gold: Sequence[GoldStatement], text: str) -> None:
    """Check the offset invariant ``text[g.start:g.end] == g.content`` for every statement.

    Args:
        gold: statements from :func:`load_gold`.
        text: the article text the offsets point into.

    Raises:
        ValueError: naming the first statement whose span does not match.

    Example:
        >>> validate_gold(load_gold("a.gold.jsonl"), Path("a.txt").read_text(encoding="utf-8"))
        >>> # returns None when every span matches
    """
    for g in gold:
        if g.end > len(text) or text[g.start : g.end] != g.content:
            raise ValueError(
                f"gold statement {g.id!r}: text[{g.start}:{g.end}] is "
                f"{text[g.start:g.end]!r}, not the content {g.content!r}"
            )


# --------------------------------------------------------------------------- matching


def _get(obj: Any, name: str) -> Any:
    """Field of a predicted statement, whether a record or a plain dict."""
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match_statements(predicted: Sequence[Any], gold: Sequence[GoldStatement]) -> list[tuple[int, int]]:
    """Match predicted statements to gold ones, one-to-one.

    A pair is a candidate when the predicted ``[start, end)`` range overlaps the gold
    range by at least ``MIN_COVERAGE`` (half) of the gold content's length. The
    matching is built in two rounds, required gold first, then optional gold; each
    round starts greedily (candidate pairs by decreasing overlap, then closeness of
    starts) and then looks for augmenting paths (Kuhn's algorithm), which may hand a
    prediction to another gold statement when that lets one more gold statement be
    matched. The result has the largest possible number of matched required gold
    statements and, given those, the largest number of matches overall; among equally
    large matchings it prefers larger overlaps, but is not guaranteed to maximise the
    total overlap.

    Args:
        predicted: statements with ``start`` and ``end`` (``Statement`` records or dicts).
        gold: gold statements.

    Returns:
        ``(pred_index, gold_index)`` pairs sorted by gold index.

    Example:
        >>> match_statements([Statement(content="We will win", start=1, end=12, ...)], gold)
        [(0, 0)]
    """
    spans = [(int(_get(p, "start")), int(_get(p, "end"))) for p in predicted]
    # candidates[j]: prediction indices for gold j, best first
    candidates: list[list[int]] = []
    for g in gold:
        length = g.end - g.start
        cands = []
        if length > 0:
            for i, (s, e) in enumerate(spans):
                ov = _overlap(s, e, g.start, g.end)
                if ov > 0 and ov >= MIN_COVERAGE * length:
                    cands.append((-ov, abs(s - g.start), i))
        cands.sort()
        candidates.append([i for _, _, i in cands])

    pred_to_gold: dict[int, int] = {}

    def augment(j: int, seen: set[int]) -> bool:
        for i in candidates[j]:
            if i in seen:
                continue
            seen.add(i)
            if i not in pred_to_gold or augment(pred_to_gold[i], seen):
                pred_to_gold[i] = j
                return True
        return False

    for optional_round in (False, True):
        round_golds = [j for j, g in enumerate(gold) if g.optional == optional_round]
        pairs = []
        for j in round_golds:
            g = gold[j]
            for i in candidates[j]:
                s, e = spans[i]
                pairs.append((-_overlap(s, e, g.start, g.end), abs(s - g.start), j, i))
        pairs.sort()
        matched_gold = set(pred_to_gold.values())
        for _, _, j, i in pairs:
            if i not in pred_to_gold and j not in matched_gold:
                pred_to_gold[i] = j
                matched_gold.add(j)
        for j in round_golds:
            if j not in matched_gold and augment(j, set()):
                matched_gold.add(j)

    return sorted(((i, j) for i, j in pred_to_gold.items()), key=lambda pair: pair[1])


# --------------------------------------------------------------------------- metrics


_LEADING_THE = re.compile(r"^the\s+")


def _norm_speaker(name: Optional[str]) -> str:
    """Case-folded, whitespace-collapsed, straight apostrophes, no leading 'the'."""
    if not name:
        return ""
    name = " ".join(name.replace("\u2019", "'").replace("\u2018", "'").split()).casefold()
    return _LEADING_THE.sub("", name)


def _norm_cue(cue: Optional[str]) -> str:
    return " ".join((cue or "").split()).casefold()


def speaker_is_correct(predicted_speaker: Optional[str], gold: GoldStatement) -> bool:
    """Whether a predicted speaker counts as right for a gold statement.

    Right when it equals the gold speaker or one of ``speaker_alternatives``, ignoring
    case, runs of whitespace, curly versus straight apostrophes and a leading "the".
    A gold speaker of ``None`` is matched only by no speaker.

    Args:
        predicted_speaker: the system's canonical speaker (or ``None``).
        gold: the gold statement.

    Returns:
        ``True`` if right.

    Example:
        >>> speaker_is_correct("xi jinping", GoldStatement("x", 0, 1, "a", "Xi Jinping"))
        True
    """
    pred = _norm_speaker(predicted_speaker)
    if gold.speaker is None:
        return pred == ""
    allowed = {_norm_speaker(gold.speaker)} | {_norm_speaker(a) for a in gold.speaker_alternatives}
    return pred != "" and pred in allowed


def cue_is_correct(predicted: Any, gold: GoldStatement) -> bool:
    """Whether a predicted statement's cue counts as right for a gold statement.

    Right when the cue texts are equal ignoring case and runs of whitespace. A gold
    statement with an empty cue (a continuation) is matched by a predicted
    continuation or by a prediction with no cue.

    Args:
        predicted: a ``Statement`` or dict with ``cue`` and ``kind``.
        gold: the gold statement.

    Returns:
        ``True`` if right.

    Example:
        >>> cue_is_correct({"cue": "Said", "kind": "indirect"}, GoldStatement("x", 0, 1, "a", "X", cue="said"))
        True
    """
    pred_cue = _norm_cue(_get(predicted, "cue"))
    gold_cue = _norm_cue(gold.cue)
    if not gold_cue:
        return _get(predicted, "kind") == "continuation" or not pred_cue
    return pred_cue == gold_cue


def _ratio(num: int, den: int) -> float:
    # Zero denominator gives 0.0, as scikit-learn's zero_division=0 does.
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _metrics_from_counts(counts: Mapping[str, int], kind_counts: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # A prediction matched to an optional gold statement is neither right nor wrong.
    scored_predictions = counts["n_predicted"] - counts["n_matched_optional"]
    precision = _ratio(counts["n_matched_required"], scored_predictions)
    recall = _ratio(counts["n_matched_required"], counts["n_gold_required"])
    out["attribution_precision"] = precision
    out["attribution_recall"] = recall
    out["attribution_f1"] = _f1(precision, recall)
    out["speaker_accuracy"] = _ratio(counts["n_speaker_correct"], counts["n_matched"])
    out["cue_accuracy"] = _ratio(counts["n_cue_correct"], counts["n_matched"])
    out["kind_accuracy"] = _ratio(counts["n_kind_correct"], counts["n_matched"])
    for key in _COUNT_KEYS:
        out[key] = int(counts[key])
    for kind in _group_order(kind_counts):
        kc = kind_counts[kind]
        if not kc["n_gold"]:
            continue
        out[f"recall[{kind}]"] = _ratio(kc["n_matched_required"], kc["n_gold_required"])
        out[f"speaker_accuracy[{kind}]"] = _ratio(kc["n_speaker_correct"], kc["n_matched"])
        out[f"cue_accuracy[{kind}]"] = _ratio(kc["n_cue_correct"], kc["n_matched"])
        for key in _KIND_COUNT_KEYS:
            out[f"{key}[{kind}]"] = int(kc[key])
    return out


def _group_order(groups) -> list[str]:
    """Statement kinds in their table order, then cue types and constructions by name."""
    return [k for k in STATEMENT_KINDS if k in groups] + sorted(g for g in groups if g not in STATEMENT_KINDS)


def _tally_groups(counts: dict[str, int], kind_counts: dict[str, dict[str, int]], g: GoldStatement, stem: str) -> list[dict[str, int]]:
    """Tally ``g`` overall once and in each of its groups; returns the groups' counters."""
    counters = [kind_counts.setdefault(group, dict.fromkeys(_KIND_COUNT_KEYS, 0)) for group in g.groups()]
    _tally(counts, counters[0], stem, g.optional)
    for counter in counters[1:]:
        _tally({stem: 0, f"{stem}_optional": 0, f"{stem}_required": 0}, counter, stem, g.optional)
    return counters


def _tally(counts: dict[str, int], kind_counts: dict[str, int], stem: str, optional: bool) -> None:
    """Count one gold statement (``stem="n_gold"``) or one match (``"n_matched"``): overall,
    for its kind, and as required (overall and for its kind) or optional (overall only)."""
    counts[stem] += 1
    kind_counts[stem] += 1
    if optional:
        counts[f"{stem}_optional"] += 1
    else:
        counts[f"{stem}_required"] += 1
        kind_counts[f"{stem}_required"] += 1


def attribution_report(predicted: Sequence[Any], gold: Sequence[GoldStatement]) -> AttributionReport:
    """Score one article's predicted statements against its gold, keeping the details.

    Args:
        predicted: ``Statement`` records (or dicts with the same fields) for one article.
        gold: that article's gold statements.

    Returns:
        An :class:`AttributionReport`: ``metrics`` (as :func:`evaluate_attribution`),
        the matches, the missed gold statements, the extra predictions and the matched
        pairs with a wrong speaker or cue.

    Example:
        >>> rep = attribution_report(stance.extract(text), load_gold("a.gold.jsonl"))
        >>> [g.id for g in rep.misses if not g.optional]
    """
    predicted = list(predicted)
    gold = list(gold)
    matches = match_statements(predicted, gold)

    counts = dict.fromkeys(_COUNT_KEYS, 0)
    kind_counts: dict[str, dict[str, int]] = {}
    counts["n_predicted"] = len(predicted)
    for g in gold:
        _tally_groups(counts, kind_counts, g, "n_gold")

    wrong_speaker, wrong_cue = [], []
    for i, j in matches:
        p, g = predicted[i], gold[j]
        counters = _tally_groups(counts, kind_counts, g, "n_matched")
        for key, correct, wrong in (
            ("n_speaker_correct", speaker_is_correct(_get(p, "speaker"), g), wrong_speaker),
            ("n_cue_correct", cue_is_correct(p, g), wrong_cue),
        ):
            if not correct:
                wrong.append((p, g))
                continue
            counts[key] += 1
            for counter in counters:
                counter[key] += 1
        if _get(p, "kind") == g.kind:
            counts["n_kind_correct"] += 1

    matched_pred = {i for i, _ in matches}
    matched_gold = {j for _, j in matches}
    misses = tuple(g for j, g in enumerate(gold) if j not in matched_gold)
    extras = tuple(p for i, p in enumerate(predicted) if i not in matched_pred)
    counts["n_missed_required"] = sum(1 for g in misses if not g.optional)
    counts["n_extra"] = len(extras)

    metrics = _metrics_from_counts(counts, kind_counts)
    logger.debug(
        "attribution: %d predicted, %d gold, %d matched",
        len(predicted),
        len(gold),
        len(matches),
    )
    return AttributionReport(
        metrics=metrics,
        matches=tuple(matches),
        misses=misses,
        extras=extras,
        wrong_speaker=tuple(wrong_speaker),
        wrong_cue=tuple(wrong_cue),
    )


def evaluate_attribution(predicted: Sequence[Any], gold: Sequence[GoldStatement]) -> dict[str, Any]:
    """Statement precision/recall/F1 and speaker/cue/kind accuracy for one article.

    Optional gold statements that are missed do not count against recall, and
    predictions matched to an optional gold statement do not count against precision.
    Speaker, cue and kind accuracy are over all matched pairs (optional gold included).
    Per-kind keys (by gold kind, only for kinds present in the gold) are flat:
    ``recall[direct]``, ``speaker_accuracy[direct]``, ``cue_accuracy[direct]`` and the
    counts ``n_gold[direct]``, ``n_gold_required[direct]``, ``n_matched[direct]``,
    ``n_matched_required[direct]``, ``n_speaker_correct[direct]``, ``n_cue_correct[direct]``.
    A ratio whose denominator is zero is 0.0.

    Args:
        predicted: ``Statement`` records (or dicts with the same fields).
        gold: gold statements from :func:`load_gold`.

    Returns:
        One flat dict: ``attribution_precision``, ``attribution_recall``,
        ``attribution_f1``, ``speaker_accuracy``, ``cue_accuracy``, ``kind_accuracy``,
        the counts (``n_predicted``, ``n_gold``, ``n_gold_required``, ``n_matched``,
        ``n_matched_required``, ``n_matched_optional``, ``n_missed_required``,
        ``n_extra``, ...) and the per-kind keys.

    Example:
        >>> m = evaluate_attribution(stance.extract(text), load_gold("a.gold.jsonl"))
        >>> m["attribution_recall"], m["recall[direct]"]
    """
    return attribution_report(predicted, gold).metrics


def combine_attribution(per_article: Iterable[Union[Mapping[str, Any], AttributionReport]]) -> dict[str, Any]:
    """Micro-average several articles: sum their counts and recompute every ratio.

    Args:
        per_article: metric dicts from :func:`evaluate_attribution` (or reports from
            :func:`attribution_report`), one per article.

    Returns:
        One flat dict with the same keys as :func:`evaluate_attribution`, over all
        articles together.

    Example:
        >>> combine_attribution([evaluate_attribution(p1, g1), evaluate_attribution(p2, g2)])
        {'attribution_precision': ..., 'attribution_recall': ..., ...}
    """
    counts = dict.fromkeys(_COUNT_KEYS, 0)
    kind_counts: dict[str, dict[str, int]] = {}
    for item in per_article:
        metrics = item.metrics if isinstance(item, AttributionReport) else item
        for key in _COUNT_KEYS:
            if key not in metrics:
                raise ValueError(f"metrics dict lacks count key {key!r}; pass evaluate_attribution() output")
            counts[key] += int(metrics[key])
        groups = [key[len("n_gold[") : -1] for key in metrics if key.startswith("n_gold[")]
        for kind in groups:
            kc = kind_counts.setdefault(kind, dict.fromkeys(_KIND_COUNT_KEYS, 0))
            for key in _KIND_COUNT_KEYS:
                kc[key] += int(metrics[f"{key}[{kind}]"])
    return _metrics_from_counts(counts, kind_counts)


GOLD_SUFFIX = ".gold.jsonl"


def find_article_pairs(directory: Union[str, Path]) -> list[tuple[str, Path, Path]]:
    """``(name, article, gold)`` for every ``NAME.gold.jsonl`` with a ``NAME.txt`` beside it."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"not a directory: {directory}")
    pairs = []
    for gold in sorted(directory.glob(f"*{GOLD_SUFFIX}")):
        name = gold.name[: -len(GOLD_SUFFIX)]
        article = gold.with_name(name + ".txt")
        if not article.is_file():
            raise FileNotFoundError(f"{gold} has no article {article.name} beside it")
        pairs.append((name, article, gold))
    if not pairs:
        raise FileNotFoundError(f"no *{GOLD_SUFFIX} files in {directory}")
    return pairs


def read_gold_article(article: Union[str, Path], gold_path: Union[str, Path]) -> tuple[str, list[GoldStatement]]:
    """An article's text and its gold statements, checked against each other.

    Raises:
        ValueError: the gold file is malformed, or a gold statement's content is not
            the article's text at its offsets (see :func:`validate_gold`).

    Example:
        >>> text, gold = read_gold_article("seeds/000_3f02757656f424b1.txt", "seeds/000_3f02757656f424b1.gold.jsonl")
    """
    text = read_article_file(article)
    gold = load_gold(gold_path)
    validate_gold(gold, text)
    return text, gold
