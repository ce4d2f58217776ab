"""Turn annotated articles into classifier training pairs, as the pipeline would encode them.

    python scripts/pairs_from_articles.py --dir tests/articles_targets_blind2 ... --output runs/article_pairs.jsonl

Each directory holds NAME.txt + NAME.gold.jsonl (the layout ``evaluate_pipeline.py``
reads; targets from ``NAME.targets.json`` beside the article, else the gold's). The
pipeline extracts and links with ``all_targets=True``; every gold (statement, target)
pair whose statement it found becomes one JSONL line in ``stance train``'s format
(``text``, ``target``, ``label``, ``target_start``, ``target_end``) plus ``source`` (the
directory's name), with the extracted statement as text and
the mention the pipeline linked marked as the target (``stance.evaluation.pipeline.training_pairs``).
Written atomically.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Optional, Sequence

from stance.evaluation.attribution import find_article_pairs, read_gold_article
from stance.evaluation.pipeline import article_targets, load_gold_target_mentions, training_pairs
from stance.io import atomic_write

logger = logging.getLogger("pairs_from_articles")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", nargs="+", required=True, help="directories of NAME.txt + NAME.gold.jsonl pairs")
    parser.add_argument("--output", required=True, help="JSONL file to write")
    parser.add_argument("--model", default="fast", help="classifier to load with the pipeline (its scores are not used; default: fast)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    import stance

    nlp = stance.load(model=args.model)
    rows = []
    for directory in args.dir:
        for name, article, gold_path in find_article_pairs(directory):
            text, gold = read_gold_article(article, gold_path)
            targets = article_targets(article, gold)
            result = nlp(text, targets=targets or None, all_targets=bool(targets))
            pairs = training_pairs(result, gold, load_gold_target_mentions(gold_path))
            for pair in pairs:
                rows.append({**{k: v for k, v in pair.to_dict().items() if v is not None}, "source": str(Path(directory).name)})
            logger.info("%s: %d pairs", name, len(pairs))
    with atomic_write(args.output) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    logger.info("%d pairs -> %s", len(rows), args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
