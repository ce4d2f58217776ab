"""Score the end-to-end pipeline (statements, speakers, stance, target links) against gold annotations.

One article:     python scripts/evaluate_pipeline.py --gold A.gold.jsonl --article A.txt
Many articles:   python scripts/evaluate_pipeline.py --dir tests/articles tests/articles_targets_blind [--json out.json]
Names only:      ... --link names   (the linking before issue 12, for a side-by-side)
No composition:  ... --no-compose   (the classifier alone, without stance.composition's syntactic rules)

The pipeline runs with ``all_targets=True`` over the article's targets (``--targets``,
else ``NAME.targets.json`` beside the article, else every target in the gold), so every
gold (statement, target) pair gets a record. Prints statement recall and precision,
speaker accuracy, stance accuracy over the gold pairs and a table of every miss; where
the gold has target mentions (a ``targets`` list per statement), also pair recall, pair
precision and stance accuracy of the linked records, split by mention kind. Each
directory is reported on its own (the blind articles apart from the others).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

from stance.evaluation.attribution import find_article_pairs, read_gold_article
from stance.evaluation.pipeline import (
    article_targets, combine_links, combine_pipeline, link_report, load_gold_target_mentions, outcome_rows, pipeline_report,
)
from stance.io import atomic_write
from stance.model import STANCE_LABELS
from stance.targets import MENTION_KINDS


def _groups(args) -> list[tuple[str, list[tuple[str, Path, Path]]]]:
    if args.dir:
        return [(directory, find_article_pairs(directory)) for directory in args.dir]
    return [(Path(args.article).stem, [(Path(args.article).stem, Path(args.article), Path(args.gold))])]


def _targets(args, article: Path, gold) -> list:
    if args.targets:
        return list(args.targets)
    return article_targets(article, gold)


def _print_links(metrics: dict, title: str) -> None:
    print(f"target links ({title}): pair recall {metrics['pair_recall']:.3f} ({metrics['n_gold_pairs_linked']}/{metrics['n_gold_pairs']}), "
          f"{metrics['pair_recall[mentioned]']:.3f} without implicit pairs ({metrics['n_gold_pairs_linked[mentioned]']}/{metrics['n_gold_pairs[mentioned]']}); "
          f"pair precision {metrics['pair_precision']:.3f} ({metrics['n_linked_records_right']}/{metrics['n_linked_records']}); "
          f"stance accuracy on gold pairs {metrics['link_stance_accuracy']:.3f}")
    print(f"  {'mention kind':<13} {'gold pairs':>10} {'recall':>7} {'stance':>7} {'records':>8} {'precision':>9}")
    for kind in (*MENTION_KINDS, "implicit"):
        n_gold, n_records = metrics.get(f"n_gold_pairs[{kind}]", 0), metrics.get(f"n_linked_records[{kind}]", 0)
        if not n_gold and not n_records:
            continue
        recall = f"{metrics[f'pair_recall[{kind}]']:.3f}" if n_gold else "-"
        stance = f"{metrics[f'link_stance_accuracy[{kind}]']:.3f}" if n_gold else "-"
        precision = f"{metrics[f'pair_precision[{kind}]']:.3f}" if n_records else "-"
        print(f"  {kind:<13} {n_gold:>10} {recall:>7} {stance:>7} {n_records:>8} {precision:>9}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--dir", nargs="+", help="directories of NAME.txt + NAME.gold.jsonl pairs, each reported on its own")
    source.add_argument("--gold", help="one gold file (with --article)")
    parser.add_argument("--article", help="the article for --gold")
    parser.add_argument("--targets", nargs="+", help="targets to score (default: NAME.targets.json, else every target in the gold)")
    parser.add_argument("--link", choices=("resolved", "names"), default="resolved", help="target linking (default: resolved)")
    parser.add_argument("--min-link-score", type=float, default=None, help="drop weaker links (default: the pipeline's)")
    parser.add_argument("--model", default=None, help="fast, accurate or a model directory (default: the bundled default)")
    parser.add_argument("--no-compose", action="store_true", help="score with the classifier alone (no stance.composition rules)")
    parser.add_argument("--misses", action="store_true", help="also list every target-link miss and wrong record")
    parser.add_argument("--json", help="write metrics and misses here (atomically)")
    args = parser.parse_args(argv)
    if args.gold and not args.article:
        parser.error("--gold needs --article")

    import stance
    from stance.pipeline import DEFAULT_MIN_LINK_SCORE

    nlp = stance.load(model=args.model)
    nlp.compose = not args.no_compose
    min_link_score = DEFAULT_MIN_LINK_SCORE if args.min_link_score is None else args.min_link_score
    payload: dict = {"link": args.link, "min_link_score": min_link_score, "compose": nlp.compose, "groups": {}}
    for group, pairs in _groups(args):
        reports, links, per_article = [], [], {}
        for name, article, gold_path in pairs:
            text, gold = read_gold_article(article, gold_path)
            targets = _targets(args, article, gold)
            result = nlp(text, targets=targets or None, all_targets=bool(targets), link=args.link, min_link_score=min_link_score)
            report = pipeline_report(result, gold)
            reports.append(report)
            per_article[name] = dict(report.metrics)
            print(f"== {name}: statements recall {report.metrics['attribution_recall']:.3f} precision {report.metrics['attribution_precision']:.3f} "
                  f"speaker {report.metrics['speaker_accuracy']:.3f} stance {report.metrics['stance_accuracy']:.3f} "
                  f"({report.metrics['n_stance_correct']}/{report.metrics['n_stance_pairs']} pairs)")
            for row in outcome_rows(report.misses):
                content = row["content"] if len(row["content"]) <= 70 else row["content"][:67] + "..."
                print(f"  MISS {row['gold_id']:<8} {row['target'][:22]:<22} gold {row['gold']:<10} got {str(row['predicted']):<10} ({row['reason']}) {content}")
            mentions = load_gold_target_mentions(gold_path)
            if mentions:
                names = [t if isinstance(t, str) else t.name for t in targets]
                linked = link_report(result, gold, mentions, names)
                links.append(linked)
                per_article[name].update(linked.metrics)
                if args.misses:
                    for o in [o for o in linked.pairs if o.reason == "not linked"] + [o for o in linked.records if not o.right]:
                        content = o.content if len(o.content) <= 60 else o.content[:57] + "..."
                        print(f"  LINK {o.reason:<21} {str(o.gold_id):<8} {o.target[:22]:<22} {o.kind:<11} {str(o.mention)[:24]:<24} {content}")
        overall = combine_pipeline(reports)
        print(f"\n== overall {group} ({len(reports)} articles)")
        print(f"statement recall {overall['attribution_recall']:.3f}  precision {overall['attribution_precision']:.3f}  speaker accuracy {overall['speaker_accuracy']:.3f}")
        print(f"stance accuracy {overall['stance_accuracy']:.3f} over {overall['n_stance_pairs']} gold (statement, target) pairs; "
              f"{overall['stance_accuracy_required']:.3f} over the {overall['n_stance_pairs_required']} pairs of non-optional statements")
        for label in STANCE_LABELS:
            print(f"  {label:<10} {overall[f'n_stance_correct[{label}]']}/{overall[f'n_stance_pairs[{label}]']}")
        if links:
            overall.update(combine_links(links))
            _print_links(overall, f"link={args.link}")
        print()
        payload["groups"][group] = {
            "overall": overall, "per_article": per_article,
            "misses": [row for r in reports for row in outcome_rows(r.misses)],
            "link_misses": [o.__dict__ for r in links for o in r.pairs + r.records if not o.right],
        }
    if args.json:
        with atomic_write(args.json) as handle:
            json.dump(payload, handle, indent=2)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ValueError, FileNotFoundError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2)
