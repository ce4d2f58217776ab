"""Support-vs-opposition accuracy on IBM Claim Stance topics a model never saw in training.

The default model (scripts/train_default.py) is trained on the IBM train file minus every
third topic (sorted by topic id); those held-out topics are recorded in its
stance_config.json (metrics.ibm_unseen_topics.topics) and evaluated here. For another
model, pass --topics explicitly (topics that model was not trained on).

    python scripts/evaluate_ibm_unseen_topics.py --ibm ../shared/data/ibm-claim-stance/train.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from stance.data import load_ibm_claims
from stance.evaluation.ibm import unseen_topics_report
from stance.io import atomic_write
from stance.model import StanceClassifier


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ibm", type=Path, required=True, help="IBM Claim Stance train.jsonl")
    ap.add_argument("--model", default=None, help="fast, accurate or a model directory (default: the bundled default)")
    ap.add_argument("--topics", type=int, nargs="*", default=None, help="held-out topic ids (default: from the model's config)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--output", type=Path, default=None, help="write the results as JSON here")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    clf = StanceClassifier.from_pretrained(args.model, device="cpu")
    topics = args.topics
    if topics is None:
        topics = clf.config.metrics.get("ibm_unseen_topics", {}).get("topics")
        if not topics:
            raise SystemExit("the model does not record held-out IBM topics; pass --topics")
    claims = [c for c in load_ibm_claims(args.ibm) if c.topic_id in set(topics)]
    if not claims:
        raise SystemExit(f"{args.ibm}: no claims of topics {sorted(topics)}")
    result = unseen_topics_report(clf.predict([c.pair for c in claims]).stance, claims, topics)
    report = json.dumps(result, indent=2)
    print(report)
    if args.output:
        with atomic_write(args.output) as handle:
            handle.write(report + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
