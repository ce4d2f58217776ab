"""Fit a model's stance temperature to the worst-calibrated dev set of the suite.

The training loop fits the temperature by likelihood on its dev mix, which follows the
mix's largest sources. This script picks the one temperature whose largest ECE over the
suite's dev sets (NewsMTSC dev-rw and dev-mt, the IBM held-out topics toward both
targets, ArgQ dev toward the proposition and the noun phrase, Perspectrum dev) is
smallest, and reports the ECE of the test splits and the contrast set with it: those are
never used to fit it.

    python scripts/fit_temperature.py --suite ../shared/data --model fast            # report only
    python scripts/fit_temperature.py --suite ../shared/data --model runs/m --write  # and store it in runs/m
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

from stance.evaluation.calibration import ece_per_set, fit_worst_case_temperature
from stance.evaluation.suite import add_suite_options, load_suite_sets
from stance.io import atomic_write
from stance.model import STANCE_LABELS, StanceClassifier, resolve_model_dir

FIT_SETS = ("newsmtsc_dev_rw", "newsmtsc_dev_mt", "ibm_heldout_target", "ibm_heldout_motion", "argq_dev", "argq_dev_topic_phrase", "perspectrum_dev")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_suite_options(ap)  # the contrast set and the test splits are reported, never fitted on
    ap.add_argument("--write", action="store_true", help="store the fitted temperature in the model folder's stance_config.json")
    ap.add_argument("--output", type=Path, default=None, help="write the ECE per set as JSON here")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    model_dir = resolve_model_dir(args.model)
    clf = StanceClassifier.from_pretrained(model_dir)
    logits, gold = {}, {}
    for suite_set in load_suite_sets(args.data_dir, args.contrast):
        suite_set = suite_set.sample(args.max_per_set, args.seed)
        logits[suite_set.name] = clf.predict_logits([p.pair for p in suite_set.pairs])[0]
        gold[suite_set.name] = [STANCE_LABELS.index(p.label) for p in suite_set.pairs]
    fit = [name for name in FIT_SETS if name in logits]
    if not fit:
        ap.error(f"{args.data_dir}: none of the dev sets to fit on ({', '.join(FIT_SETS)})")
    old = clf.config.stance_temperature
    new, _ = fit_worst_case_temperature({n: logits[n] for n in fit}, {n: gold[n] for n in fit})
    before, after = ece_per_set(logits, gold, old), ece_per_set(logits, gold, new)
    print(f"stance temperature {old:.3f} -> {new:.3f} (fitted on {', '.join(fit)})")
    print("| set | used to fit | ECE before | ECE after |\n|---|---|---:|---:|")
    for name in logits:
        print(f"| {name} | {'yes' if name in fit else 'no'} | {before[name]:.3f} | {after[name]:.3f} |")
    if args.output:
        with atomic_write(args.output) as handle:
            json.dump({"model": str(model_dir), "temperature_before": old, "temperature_after": new, "fitted_on": fit,
                       "ece_before": before, "ece_after": after}, handle, indent=2)
    if args.write:
        config_path = model_dir / "stance_config.json"
        config = json.loads(config_path.read_text(encoding="utf-8"))
        config["stance_temperature"] = new
        with atomic_write(config_path) as handle:
            json.dump(config, handle, indent=2)
            handle.write("\n")
        print(f"{config_path}: stance_temperature {new:.3f}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except (FileNotFoundError, ValueError) as err:  # a missing data folder or model, a malformed file
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2)
