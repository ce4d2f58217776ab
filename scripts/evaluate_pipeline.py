"""Score the end-to-end pipeline (statements, speakers, stance) against gold annotations.

One article:   python scripts/evaluate_pipeline.py --gold A.gold.jsonl --article A.txt
Many articles: python scripts/evaluate_pipeline.py --dir tests/articles [--json out.json]

The pipeline runs with ``all_targets=True`` over the gold targets (or ``--targets``),
so every gold (statement, target) pair gets a record. Prints statement recall and
precision, speaker accuracy, stance accuracy over the gold pairs, and a table of
every miss.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

from stance.evaluation.attribution import find_article_pairs, read_gold_article
from stance.evaluation.pipeline import combine_pipeline, gold_targets, outcome_rows, pipeline_report
from stance.io import atomic_write
from stance.model import STANCE_LABELS


def _pairs(args) -> list[tuple[str, Path, Path]]:
    if args.dir:
        return find_article_pairs(args.dir)
    return [(Path(args.article).stem, Path(args.article), Path(args.gold))]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--dir", help="directory of NAME.txt + NAME.gold.jsonl pairs")
    source.add_argument("--gold", help="one gold file (with --article)")
    parser.add_argument("--article", help="the article for --gold")
    parser.add_argument("--targets", nargs="+", help="targets to score (default: every target in the gold)")
    parser.add_argument("--model", default=None, help="model directory (default: the bundled model)")
    parser.add_argument("--json", help="write metrics and misses here (atomically)")
    args = parser.parse_args(argv)
    if args.gold and not args.article:
        parser.error("--gold needs --article")

    import stance

    nlp = stance.load(model=args.model)
    reports, per_article = [], {}
    for name, article, gold_path in _pairs(args):
        text, gold = read_gold_article(article, gold_path)
        targets = args.targets or gold_targets(gold)
        result = nlp(text, targets=targets or None, all_targets=bool(targets))
        report = pipeline_report(result, gold)
        reports.append(report)
        per_article[name] = report.metrics
        print(f"== {name}: statements recall {report.metrics['attribution_recall']:.3f} precision {report.metrics['attribution_precision']:.3f} "
              f"speaker {report.metrics['speaker_accuracy']:.3f} stance {report.metrics['stance_accuracy']:.3f} "
              f"({report.metrics['n_stance_correct']}/{report.metrics['n_stance_pairs']} pairs)")
        for row in outcome_rows(report.misses):
            content = row["content"] if len(row["content"]) <= 70 else row["content"][:67] + "..."
            print(f"  MISS {row['gold_id']:<8} {row['target'][:22]:<22} gold {row['gold']:<10} got {str(row['predicted']):<10} ({row['reason']}) {content}")
    overall = combine_pipeline(reports)
    print(f"\n== overall ({len(reports)} articles)")
    print(f"statement recall {overall['attribution_recall']:.3f}  precision {overall['attribution_precision']:.3f}  speaker accuracy {overall['speaker_accuracy']:.3f}")
    print(f"stance accuracy {overall['stance_accuracy']:.3f} over {overall['n_stance_pairs']} gold (statement, target) pairs; "
          f"{overall['stance_accuracy_required']:.3f} over the {overall['n_stance_pairs_required']} pairs of non-optional statements")
    for label in STANCE_LABELS:
        print(f"  {label:<10} {overall[f'n_stance_correct[{label}]']}/{overall[f'n_stance_pairs[{label}]']}")
    if args.json:
        payload = {"overall": overall, "per_article": per_article, "misses": [row for r in reports for row in outcome_rows(r.misses)]}
        with atomic_write(args.json) as handle:
            json.dump(payload, handle, indent=2)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ValueError, FileNotFoundError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2)
