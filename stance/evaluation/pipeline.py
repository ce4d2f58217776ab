"""Scoring the end-to-end pipeline against gold statements with stance labels and target mentions.

Attribution is scored as in :mod:`stance.evaluation.attribution`. Stance is scored
over the gold (statement, target) pairs: a pair is right when the gold statement was
found (matched one-to-one as in attribution scoring) and the pipeline's record for
that target on the matched statement carries the gold label. A missed statement or a
target the pipeline did not score counts as wrong. Pairs of optional gold statements
count only when the statement was found; ``stance_accuracy_required`` leaves them out.

Run the pipeline with ``all_targets=True`` and the gold targets, so every gold pair
gets a record whether or not the statement names its target (``the Central Asian
nation`` for Kazakhstan).

Target linking (issue 12) is scored by ``link_report`` over the gold ``targets`` of
each statement (``GoldTargetMention``: the target, the mention that refers to it, its
``mention_kind`` and stance): pair recall (gold pairs with a linked record), pair
precision (linked records whose target the statement really addresses) and stance
accuracy over the gold pairs (a pair without a linked record counts as wrong), each
also split by mention kind (recall by the gold kind, precision by the record's kind).
A record is *linked* when it has a ``mention_kind``, so one run with ``all_targets=True``
gives both the stance scores above and, from its linked records, the records a default
run (``all_targets=False``) would give.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from stance.evaluation.attribution import GoldStatement, attribution_report, combine_attribution
from stance.data import LabeledPair
from stance.jsonl import read_jsonl
from stance.model import STANCE_LABELS
from stance.records import ArticleResult
from stance.targets import Target


@dataclass(frozen=True)
class StancePairOutcome:
    """One gold (statement, target) pair and what the pipeline said about it."""

    gold_id: str
    target: str
    gold_label: str
    predicted_label: Optional[str]
    reason: str  # "right", "wrong label", "statement not found", "target not scored"
    content: str

    @property
    def correct(self) -> bool:
        return self.reason == "right"


@dataclass(frozen=True)
class PipelineReport:
    metrics: dict[str, Any]
    outcomes: list[StancePairOutcome] = field(default_factory=list)
    attribution: Any = None
    required_ids: frozenset = frozenset()  # gold ids of the non-optional statements

    @property
    def misses(self) -> list[StancePairOutcome]:
        return [o for o in self.outcomes if not o.correct]


def gold_targets(gold: Iterable[GoldStatement]) -> list[str]:
    """Every target named in the gold stance maps, in first-seen order."""
    seen: dict[str, None] = {}
    for g in gold:
        for target in g.stance:
            seen.setdefault(target, None)
    return list(seen)


def pipeline_report(result: ArticleResult, gold: Sequence[GoldStatement]) -> PipelineReport:
    """Attribution and stance-pair scores for one article.

    Example:
        >>> report = pipeline_report(nlp(text, targets=gold_targets(gold), all_targets=True), gold)
        >>> report.metrics["stance_accuracy"]
        0.857
    """
    attribution = attribution_report(result.statements, gold)
    gold_to_pred = {g: p for p, g in attribution.matches}
    records_by_statement: dict[int, dict[str, Any]] = {}
    for record in result.records:
        key = (record.statement.start, record.statement.end)
        records_by_statement.setdefault(key, {})[record.target.lower()] = record
    outcomes = []
    optional_ids = {g.id for g in gold if g.optional}
    for gold_index, g in enumerate(gold):
        pred_index = gold_to_pred.get(gold_index)
        if g.optional and pred_index is None:
            continue
        for target, label in g.stance.items():
            if pred_index is None:
                outcomes.append(StancePairOutcome(g.id, target, label, None, "statement not found", g.content))
                continue
            statement = result.statements[pred_index]
            record = records_by_statement.get((statement.start, statement.end), {}).get(target.lower())
            if record is None:
                outcomes.append(StancePairOutcome(g.id, target, label, None, "target not scored", g.content))
            else:
                reason = "right" if record.stance == label else "wrong label"
                outcomes.append(StancePairOutcome(g.id, target, label, record.stance, reason, g.content))
    metrics = dict(attribution.metrics)
    metrics.update(_stance_metrics(outcomes))
    required = [o for o in outcomes if o.gold_id not in optional_ids]
    metrics.update({f"{k}_required": v for k, v in _stance_metrics(required).items() if "[" not in k})
    return PipelineReport(metrics, outcomes, attribution, required_ids=frozenset(o.gold_id for o in required))


def _stance_metrics(outcomes: Sequence[StancePairOutcome]) -> dict[str, Any]:
    n = len(outcomes)
    correct = sum(o.correct for o in outcomes)
    out: dict[str, Any] = {
        "n_stance_pairs": n,
        "n_stance_correct": correct,
        "stance_accuracy": round(correct / n, 4) if n else 0.0,
    }
    for label in STANCE_LABELS:
        of_label = [o for o in outcomes if o.gold_label == label]
        out[f"n_stance_pairs[{label}]"] = len(of_label)
        out[f"n_stance_correct[{label}]"] = sum(o.correct for o in of_label)
        out[f"stance_accuracy[{label}]"] = round(sum(o.correct for o in of_label) / len(of_label), 4) if of_label else 0.0
    return out


def combine_pipeline(reports: Iterable[PipelineReport]) -> dict[str, Any]:
    """Micro-average several articles' reports into one flat dict."""
    reports = list(reports)
    metrics = combine_attribution([r.attribution for r in reports])
    metrics.update(_stance_metrics([o for r in reports for o in r.outcomes]))
    required = [o for r in reports for o in r.outcomes if o.gold_id in r.required_ids]
    metrics.update({f"{k}_required": v for k, v in _stance_metrics(required).items() if "[" not in k})
    return metrics


def outcome_rows(outcomes: Sequence[StancePairOutcome]) -> list[Mapping[str, Any]]:
    return [
        {
            "gold_id": o.gold_id,
            "target": o.target,
            "gold": o.gold_label,
            "predicted": o.predicted_label,
            "reason": o.reason,
            "content": o.content,
        }
        for o in outcomes
    ]


# ---------------------------------------------------------------------------- target linking
@dataclass(frozen=True)
class GoldTargetMention:
    """One gold (statement, target) pair with the mention that refers to the target
    (``mention`` None for a ``carried`` or ``implicit`` pair: nothing in the statement
    names it)."""

    gold_id: str
    target: str
    mention: Optional[str]
    start: Optional[int]
    end: Optional[int]
    kind: str
    stance: str


@dataclass(frozen=True)
class LinkOutcome:
    """A gold pair (``gold`` set) or a linked record (``gold`` None) and how it was judged."""

    gold_id: Optional[str]
    target: str
    kind: str  # the gold mention kind for a gold pair, the record's for a record
    right: bool
    reason: str  # "linked", "not linked", "wrong label" for gold pairs; "right", "target not addressed", "statement not in gold" for records
    mention: Optional[str]
    gold: Optional[str]
    predicted: Optional[str]
    content: str


@dataclass(frozen=True)
class LinkReport:
    metrics: dict[str, Any]
    pairs: list[LinkOutcome] = field(default_factory=list)  # one per gold pair
    records: list[LinkOutcome] = field(default_factory=list)  # one per linked record


def load_gold_target_mentions(path: Union[str, Path]) -> dict[str, list[GoldTargetMention]]:
    """The gold ``targets`` of each statement of a ``*.gold.jsonl`` file, by statement id;
    statements without a ``targets`` field are left out.

    Raises:
        ValueError: a target entry without ``target``, ``mention_kind`` or ``stance`` (``FILE:LINE``).
    """
    out: dict[str, list[GoldTargetMention]] = {}
    for line, row in read_jsonl(path):
        if "targets" not in row:
            continue
        gold_id = str(row.get("id", f"line-{line}"))
        entries = []
        for entry in row["targets"]:
            try:
                entries.append(GoldTargetMention(
                    gold_id, entry["target"], entry.get("mention"), entry.get("mention_start"), entry.get("mention_end"),
                    entry["mention_kind"], entry["stance"],
                ))
            except (KeyError, TypeError) as err:
                raise ValueError(f"{path}:{line}: a target entry needs target, mention_kind and stance ({err})") from None
        out[gold_id] = entries
    return out


def read_targets_json(path: Union[str, Path]) -> list[Target]:
    """The targets a user would analyse an article for (``NAME.targets.json``:
    ``{"targets": [{"name": ..., "aliases": [...]}, ...]}``).

    Raises:
        FileNotFoundError: no such file.
        ValueError: not that layout.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"targets file not found: {path}")
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["targets"]
        return [Target(row["name"], tuple(row.get("aliases", ()))) for row in rows]
    except (KeyError, TypeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: expected {{\"targets\": [{{\"name\": ..., \"aliases\": [...]}}]}} ({err})") from None


def article_targets(article: Union[str, Path], gold: Sequence[GoldStatement]) -> list:
    """The targets to analyse an article for: ``NAME.targets.json`` beside ``NAME.txt``
    (:func:`read_targets_json`), else every target named in its gold (:func:`gold_targets`)."""
    article = Path(article)
    beside = article.with_name(article.stem + ".targets.json")
    return read_targets_json(beside) if beside.is_file() else gold_targets(gold)


def link_report(result: ArticleResult, gold: Sequence[GoldStatement], gold_mentions: Mapping[str, Sequence[GoldTargetMention]], targets: Sequence[str]) -> LinkReport:
    """Pair recall, pair precision and stance accuracy of the linked records, by mention kind.

    Only ``targets`` count (the ones the pipeline was run with); gold statements without
    ``targets`` annotation are left out, and optional ones count only when found.

    Example:
        >>> report = link_report(nlp(text, targets=targets, all_targets=True), gold, load_gold_target_mentions(path), targets)
        >>> report.metrics["pair_recall"], report.metrics["pair_precision"]
        (0.9, 0.92)
    """
    wanted = {t.lower() for t in targets}
    attribution = attribution_report(result.statements, gold)
    pred_to_gold = {p: g for p, g in attribution.matches}
    gold_to_pred = {g: p for p, g in attribution.matches}
    linked: dict[int, dict[str, Any]] = {}
    index_of = {(s.start, s.end): i for i, s in enumerate(result.statements)}
    for record in result.records:
        if record.mention_kind is not None and record.target.lower() in wanted:
            linked.setdefault(index_of[(record.statement.start, record.statement.end)], {})[record.target.lower()] = record
    pairs: list[LinkOutcome] = []
    for gold_index, g in enumerate(gold):
        if g.id not in gold_mentions:
            continue
        pred_index = gold_to_pred.get(gold_index)
        if g.optional and pred_index is None:
            continue
        for entry in gold_mentions[g.id]:
            if entry.target.lower() not in wanted:
                continue
            record = linked.get(pred_index, {}).get(entry.target.lower()) if pred_index is not None else None
            if record is None:
                pairs.append(LinkOutcome(g.id, entry.target, entry.kind, False, "not linked", entry.mention, entry.stance, None, g.content))
            else:
                right = record.stance == entry.stance
                pairs.append(LinkOutcome(g.id, entry.target, entry.kind, right, "linked" if right else "wrong label", record.target_mention, entry.stance, record.stance, g.content))
    records: list[LinkOutcome] = []
    for pred_index, by_target in sorted(linked.items()):
        gold_index = pred_to_gold.get(pred_index)
        g = gold[gold_index] if gold_index is not None else None
        for record in by_target.values():
            if g is None or g.id not in gold_mentions:
                if g is not None:
                    continue  # a statement the gold does not annotate for targets
                records.append(LinkOutcome(None, record.target, record.mention_kind, False, "statement not in gold", record.target_mention, None, record.stance, record.statement.content))
                continue
            entry = next((e for e in gold_mentions[g.id] if e.target.lower() == record.target.lower()), None)
            right = entry is not None
            records.append(LinkOutcome(
                g.id, record.target, record.mention_kind, right, "right" if right else "target not addressed",
                record.target_mention, entry.stance if entry else None, record.stance, g.content,
            ))
    return LinkReport(link_metrics(pairs, records), pairs, records)


def link_metrics(pairs: Sequence[LinkOutcome], records: Sequence[LinkOutcome]) -> dict[str, Any]:
    """One flat dict: ``pair_recall``, ``pair_precision``, ``link_stance_accuracy``
    (over the gold pairs), their counts, and each ``[kind]``; ``[mentioned]`` leaves out
    the gold pairs whose target nothing in the statement refers to (``implicit``)."""

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    def pair_part(outcomes, suffix: str) -> dict[str, Any]:
        found = [o for o in outcomes if o.reason != "not linked"]
        return {
            f"n_gold_pairs{suffix}": len(outcomes),
            f"n_gold_pairs_linked{suffix}": len(found),
            f"pair_recall{suffix}": ratio(len(found), len(outcomes)),
            f"link_stance_accuracy{suffix}": ratio(sum(o.right for o in outcomes), len(outcomes)),
        }

    def record_part(outcomes, suffix: str) -> dict[str, Any]:
        return {
            f"n_linked_records{suffix}": len(outcomes),
            f"n_linked_records_right{suffix}": sum(o.right for o in outcomes),
            f"pair_precision{suffix}": ratio(sum(o.right for o in outcomes), len(outcomes)),
        }

    out = {**pair_part(pairs, ""), **record_part(records, "")}
    out.update(pair_part([o for o in pairs if o.kind != "implicit"], "[mentioned]"))
    for kind in sorted({o.kind for o in pairs}):
        out.update(pair_part([o for o in pairs if o.kind == kind], f"[{kind}]"))
    for kind in sorted({o.kind for o in records}):
        out.update(record_part([o for o in records if o.kind == kind], f"[{kind}]"))
    return out


def combine_links(reports: Iterable[LinkReport]) -> dict[str, Any]:
    """Micro-average several articles' link reports into one flat dict."""
    reports = list(reports)
    return link_metrics([o for r in reports for o in r.pairs], [o for r in reports for o in r.records])


# ---------------------------------------------------------------------------- training pairs
def training_pairs(
    result: ArticleResult,
    gold: Sequence[GoldStatement],
    gold_mentions: Optional[Mapping[str, Sequence[GoldTargetMention]]] = None,
) -> list[LabeledPair]:
    """The classifier inputs the pipeline gave for the gold pairs, labeled with the gold stance.

    Each gold statement the pipeline found (matched as in :func:`pipeline_report`) gives
    one ``LabeledPair`` per gold target: the extracted statement's content, and the
    target's mention marked as the pipeline marked it (the linked mention), else the gold
    mention when it lies inside the statement, else nothing marked. So a model fine-tuned
    on them sees what it will see in the pipeline. Run the pipeline with
    ``all_targets=True`` and the gold targets; statements it missed give no pairs.

    Example:
        >>> result = nlp(text, targets=gold_targets(gold), all_targets=True)
        >>> training_pairs(result, gold)[0]
        LabeledPair(text='We will fight this bill.', target='the bill', label='opposition', ...)
    """
    attribution = attribution_report(result.statements, gold)
    records = {(r.statement.start, r.statement.end, r.target.lower()): r for r in result.records}
    pairs = []
    for pred_index, gold_index in attribution.matches:
        statement, g = result.statements[pred_index], gold[gold_index]
        mentions = {m.target.lower(): m for m in (gold_mentions or {}).get(g.id, ())}
        for target, label in g.stance.items():
            record = records.get((statement.start, statement.end, target.lower()))
            mention = mentions.get(target.lower())
            spans = [(record.target_start, record.target_end)] if record is not None else []
            spans.append((mention.start, mention.end) if mention is not None else (None, None))
            start, end = next(((s, e) for s, e in spans if s is not None and statement.start <= s and e <= statement.end), (None, None))
            if start is None:
                pairs.append(LabeledPair(statement.content, target, label))
            else:
                pairs.append(LabeledPair(statement.content, target, label, start - statement.start, end - statement.start))
    return pairs
