"""Score ``stance.extract`` against gold attribution annotations.

One article:   python scripts/evaluate_attribution.py --gold A.gold.jsonl --article A.txt
Many articles: python scripts/evaluate_attribution.py --dir tests/articles [--json out.json]

In the directory form every ``NAME.gold.jsonl`` is paired with ``NAME.txt``. Prints
the overall numbers (micro-averaged over articles) and a per-kind table, then every
missed gold statement, every extra predicted statement and every matched statement
with a wrong speaker. ``--json`` writes the same numbers (overall, per article) and
the misses and extras; the file is replaced atomically.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Optional

from stance.evaluation.attribution import (
    GOLD_SUFFIX,
    AttributionReport,
    attribution_report,
    combine_attribution,
    find_article_pairs,
    read_gold_article,
)
from stance.io import atomic_write
from stance.records import STATEMENT_KINDS


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _pct(value: float, denominator: int) -> str:
    return f"{value:6.1%}" if denominator else "     -"


def format_table(metrics: dict[str, Any]) -> str:
    """The overall numbers and one row per gold kind, as fixed-width text."""
    m = metrics
    lines = [
        f"statements: {m['n_predicted']} predicted, {m['n_gold']} gold "
        f"({m['n_gold_required']} required, {m['n_gold_optional']} optional), "
        f"{m['n_matched']} matched, {m['n_missed_required']} required missed, {m['n_extra']} extra",
        f"precision {m['attribution_precision']:.3f}   recall {m['attribution_recall']:.3f}   "
        f"f1 {m['attribution_f1']:.3f}",
        f"speaker accuracy {m['speaker_accuracy']:.3f}   cue accuracy {m['cue_accuracy']:.3f}   "
        f"kind accuracy {m['kind_accuracy']:.3f}   (on matched)",
        "",
        f"{'kind':<14}{'gold':>6}{'req':>6}{'found':>7}{'recall':>9}{'speaker':>9}{'cue':>9}",
    ]
    groups = [key[len("n_gold[") : -1] for key in m if key.startswith("n_gold[")]
    for kind in [k for k in STATEMENT_KINDS if k in groups] + sorted(g for g in groups if g not in STATEMENT_KINDS):
        if f"n_gold[{kind}]" not in m:
            continue
        req = m[f"n_gold_required[{kind}]"]
        matched = m[f"n_matched[{kind}]"]
        lines.append(
            f"{kind:<14}{m[f'n_gold[{kind}]']:>6}{req:>6}{matched:>7}"
            f"{_pct(m[f'recall[{kind}]'], req):>9}"
            f"{_pct(m[f'speaker_accuracy[{kind}]'], matched):>9}"
            f"{_pct(m[f'cue_accuracy[{kind}]'], matched):>9}"
        )
    return "\n".join(lines)


def format_details(name: str, report: AttributionReport) -> str:
    """Every miss, extra and wrong speaker of one article, one line each."""
    out = []
    for g in report.misses:
        tag = "MISS (optional)" if g.optional else "MISS"
        out.append(f"  {tag:<16}{g.id:<9}[{g.kind}] {g.speaker!s:<24} {_short(g.content)!r}")
    for p in report.extras:
        out.append(
            f"  {'EXTRA':<16}{'':<9}[{_field(p, 'kind')}] {_field(p, 'speaker')!s:<24} "
            f"{_short(_field(p, 'content') or '')!r}"
        )
    for p, g in report.wrong_speaker:
        out.append(
            f"  {'WRONG SPEAKER':<16}{g.id:<9}[{g.kind}] predicted {_field(p, 'speaker')!r}, "
            f"gold {g.speaker!r} {_short(g.content, 50)!r}"
        )
    head = f"== {name}: recall {report.metrics['attribution_recall']:.3f}, precision " \
           f"{report.metrics['attribution_precision']:.3f}, speaker {report.metrics['speaker_accuracy']:.3f}"
    return "\n".join([head] + (out or ["  (no misses, extras or wrong speakers)"]))


def _statement_json(obj: Any) -> dict[str, Any]:
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return dict(obj)


def evaluate(
    pairs: Sequence[tuple[str, Path, Path]],
    extract: Callable[[str], list[Any]],
) -> tuple[dict[str, Any], dict[str, AttributionReport]]:
    """Run ``extract`` over each article and score it; returns (combined metrics, reports)."""
    reports: dict[str, AttributionReport] = {}
    for name, article, gold_path in pairs:
        text, gold = read_gold_article(article, gold_path)
        reports[name] = attribution_report(extract(text), gold)
    return combine_attribution(reports.values()), reports


def main(argv: Optional[Sequence[str]] = None, extract: Optional[Callable[[str], list[Any]]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--gold", type=Path, help="one gold file (needs --article)")
    src.add_argument("--dir", type=Path, help="a folder of NAME.txt + NAME.gold.jsonl pairs")
    parser.add_argument("--article", type=Path, help="the article text for --gold")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    if args.gold is not None and args.article is None:
        parser.error("--gold needs --article")
    if args.dir is not None and args.article is not None:
        parser.error("--article goes with --gold, not --dir")

    try:
        if args.dir is not None:
            pairs = find_article_pairs(args.dir)
        else:
            name = args.gold.name[: -len(GOLD_SUFFIX)] if args.gold.name.endswith(GOLD_SUFFIX) else args.gold.stem
            pairs = [(name, args.article, args.gold)]
        if extract is None:
            import stance

            extract = stance.extract
        overall, reports = evaluate(pairs, extract)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    for name, report in reports.items():
        print(format_details(name, report))
        print()
    print(f"== overall ({len(reports)} article{'s' if len(reports) != 1 else ''})")
    print(format_table(overall))

    if args.json is not None:
        payload = {
            "overall": overall,
            "articles": {name: r.metrics for name, r in reports.items()},
            "misses": {name: [g.to_dict() for g in r.misses] for name, r in reports.items()},
            "extras": {name: [_statement_json(p) for p in r.extras] for name, r in reports.items()},
            "wrong_speaker": {
                name: [{"id": g.id, "gold": g.speaker, "predicted": _field(p, "speaker")} for p, g in r.wrong_speaker]
                for name, r in reports.items()
            },
        }
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(args.json) as handle:
            json.dump(payload, handle, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
