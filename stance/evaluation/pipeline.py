"""Scoring the end-to-end pipeline against gold statements with stance labels.

Attribution is scored as in :mod:`stance.evaluation.attribution`. Stance is scored
over the gold (statement, target) pairs: a pair is right when the gold statement was
found (matched one-to-one as in attribution scoring) and the pipeline's record for
that target on the matched statement carries the gold label. A missed statement or a
target the pipeline did not score counts as wrong. Pairs of optional gold statements
count only when the statement was found; ``stance_accuracy_required`` leaves them out.

Run the pipeline with ``all_targets=True`` and the gold targets, so every gold pair
gets a record whether or not the statement names its target (``the Central Asian
nation`` for Kazakhstan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Sequence

from stance.evaluation.attribution import GoldStatement, attribution_report, combine_attribution
from stance.model import STANCE_LABELS
from stance.records import ArticleResult


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
