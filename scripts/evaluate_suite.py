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

from stance.evaluation.suite import add_suite_options, evaluate_suite, format_suite_table
from stance.io import atomic_write
from stance.model import StanceClassifier


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_suite_options(ap)
    ap.add_argument("--batch-size", type=int, default=32)
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
