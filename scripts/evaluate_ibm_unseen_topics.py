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
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stance.io import atomic_write  # noqa: E402
from stance.data import json_rows, load_ibm_claim_stance  # noqa: E402
from stance.model import STANCE_LABELS, StanceClassifier, support_or_opposition  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ibm", type=Path, required=True, help="IBM Claim Stance train.jsonl")
    ap.add_argument("--model", type=Path, default=None, help="model dir (default: the bundled model)")
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
    pairs = load_ibm_claim_stance(args.ibm, topics=set(topics))
    topic_of = {}
    for row in json_rows(args.ibm):
        topic_of[(row["text"], row["target"])] = row["topic_id"]
    probs = clf.predict([p.pair for p in pairs]).stance
    predicted = support_or_opposition(probs)
    correct = np.array([pred == p.label for pred, p in zip(predicted, pairs)])
    by_topic = defaultdict(list)
    for ok, p in zip(correct, pairs):
        by_topic[topic_of[(p.text, p.target)]].append(ok)
    result = {
        "topics": sorted(topics),
        "n": len(pairs),
        "support_vs_opposition_accuracy": float(correct.mean()),
        "argmax_neutral_share": float(np.mean(probs.argmax(1) == STANCE_LABELS.index("neutral"))),
        "per_topic_accuracy": {str(t): float(np.mean(v)) for t, v in sorted(by_topic.items())},
        "majority_baseline": float(max(np.mean([p.label == "support" for p in pairs]), np.mean([p.label == "opposition" for p in pairs]))),
    }
    print(json.dumps(result, indent=2))
    if args.output:
        with atomic_write(args.output) as handle:
            handle.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
