"""Score a stance model on every dev set of the data folder, printed as one markdown table.

The sets and their metrics are described in stance/evaluation/suite.py; `stance evaluate
--suite DATA_DIR` does the same from the command line.

    python scripts/evaluate_suite.py --suite ../shared/data --max-per-set 500 --output suite.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from stance.evaluation.suite import default_contrast, evaluate_suite, format_suite_table
from stance.io import atomic_write
from stance.model import StanceClassifier


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", "--data-dir", dest="data_dir", type=Path, required=True, metavar="DATA_DIR",
                    help="data folder with newsmtsc/, ibm-claim-stance/, ibm-argq-30k/, perspectrum/")
    ap.add_argument("--model", default=None, help="fast, accurate or a model directory (default: the bundled default)")
    ap.add_argument("--contrast", type=Path, default=default_contrast(), help="contrast JSONL file (default: %(default)s)")
    ap.add_argument("--max-per-set", type=int, default=None, metavar="N", help="score at most N pairs per set (default: all)")
    ap.add_argument("--seed", type=int, default=13, help="sampling seed for --max-per-set (default: %(default)s)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--output", type=Path, default=None, help="write the results as JSON here")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    clf = StanceClassifier.from_pretrained(args.model)
    result = evaluate_suite(clf, args.data_dir, contrast=args.contrast, max_per_set=args.max_per_set,
                            seed=args.seed, batch_size=args.batch_size)
    print(format_suite_table(result))
    if args.output:
        with atomic_write(args.output) as handle:
            json.dump(result, handle, indent=2)  # sets in suite order
            handle.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
