"""The cost of a model's weight storage: the same model stored two ways, scored side by side.

Scores both model folders (e.g. the float16 and the int8-rows copy of one trained model,
``StanceClassifier.save_pretrained(dtype=...)``) on the suite's sets and prints, per set,
each one's macro-F1 and support-vs-opposition accuracy, the share of pairs with the same
stance label and the largest probability difference.

    python scripts/compare_weight_storage.py runs/stance-mpnet-fp16 models/stance-mpnet --suite ../shared/data \\
        --sets newsmtsc_dev_rw newsmtsc_dev_mt ibm_heldout_target ibm_heldout_motion perspectrum_dev contrast
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

from stance.evaluation.suite import SUITE_SETS, default_contrast, load_suite_sets, set_metrics
from stance.io import atomic_write
from stance.model import StanceClassifier


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference", help="model folder (e.g. float16)")
    ap.add_argument("other", help="the same model stored otherwise (e.g. int8-rows)")
    ap.add_argument("--suite", type=Path, required=True, metavar="DATA_DIR")
    ap.add_argument("--sets", nargs="+", choices=SUITE_SETS, default=list(SUITE_SETS))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--output", type=Path, default=None, help="write the results as JSON here")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    models = {"reference": StanceClassifier.from_pretrained(args.reference, device="cpu"),
              "other": StanceClassifier.from_pretrained(args.other, device="cpu")}
    result = {}
    for suite_set in load_suite_sets(args.suite, default_contrast()):
        if suite_set.name not in args.sets:
            continue
        probs = {name: m.predict([p.pair for p in suite_set.pairs]) for name, m in models.items()}
        row = {name: {k: set_metrics(suite_set, p.stance, p.sentiment).get(k) for k in ("macro_f1", "support_vs_opposition_accuracy")}
               for name, p in probs.items()}
        row["same_label"] = float((probs["reference"].stance.argmax(1) == probs["other"].stance.argmax(1)).mean())
        row["max_probability_difference"] = float(np.abs(probs["reference"].stance - probs["other"].stance).max())
        result[suite_set.name] = row
        print(suite_set.name, json.dumps(row), flush=True)
    if args.output:
        with atomic_write(args.output) as handle:
            json.dump(result, handle, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
