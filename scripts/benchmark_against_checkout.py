"""End-to-end speed of this checkout against another one (an earlier commit), side by side.

Both run the same corpus and targets as ``benchmark_pipeline.py`` (this checkout's test
articles and the seed, cycled to N articles), each round in a fresh process per checkout,
alternating, so a busy machine slows both alike; one process, ``workers=1``. Prints
words/s and records for each round, the best round of each and their ratio.

    git worktree add /tmp/before c924ab3
    python scripts/benchmark_against_checkout.py /tmp/before [--articles 60] [--rounds 4] [--model fast]

``--model`` is the model both checkouts load (default: each its own default). A checkout
older than the model names (before ``fast`` / ``accurate``) needs ``--other-model ""``:
its own default. Compare like with like: since issue 11 the default is the larger model, so
``--model fast`` against a checkout's default measures the model, not the code.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Runs inside the checkout being measured (its own ``stance`` first on sys.path).
RUN_ONE = r"""
import json, os, sys, time
checkout, corpus_file, model, targets = sys.argv[1], sys.argv[2], sys.argv[3] or None, json.loads(sys.argv[4])
sys.path.insert(0, checkout)
import torch
torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
import stance
with open(corpus_file, encoding="utf-8") as handle:
    items = [tuple(item) for item in json.load(handle)]
nlp = stance.load(model=model) if model else stance.load()
list(nlp.pipe(items[:3], targets=targets, workers=1))  # warm up
start = time.perf_counter()
results = list(nlp.pipe(items, targets=targets, workers=1))
seconds = time.perf_counter() - start
words = sum(len(t.split()) for _, t in items)
print(json.dumps({"words_per_s": words / seconds, "records": sum(len(r.records) for r in results)}))
"""

def measure(checkout: Path, corpus_file: Path, model: str, targets: list[str]) -> dict:
    """words/s and records of ``checkout`` on the (id, text) items in ``corpus_file``, in a fresh process."""
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "2"))
    out = subprocess.run(
        [sys.executable, "-c", RUN_ONE, str(checkout), str(corpus_file), model, json.dumps(targets)],
        capture_output=True, text=True, env=env, cwd=checkout, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from benchmark_pipeline import TARGETS, corpus  # the same corpus and targets as benchmark_pipeline.py

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (e.g. a git worktree of an earlier commit)")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--model", default="", help="the model both checkouts load (default: each its own default)")
    parser.add_argument("--other-model", default=None, help="the other checkout's model, if not --model ('' for its default)")
    args = parser.parse_args(argv)
    other_model = args.model if args.other_model is None else args.other_model
    if not (args.other / "stance").is_dir():
        parser.error(f"{args.other} is not a checkout of stance (no stance/ folder)")
    best = {"this": None, "other": None}
    with tempfile.TemporaryDirectory(prefix="stance-bench-") as folder:
        corpus_file = Path(folder) / "corpus.json"
        corpus_file.write_text(json.dumps(list(corpus(args.articles))), encoding="utf-8")
        for round_number in range(1, args.rounds + 1):
            for name, checkout, model in (("this", REPO, args.model), ("other", args.other.resolve(), other_model)):
                result = measure(checkout, corpus_file, model, TARGETS)
                print(f"round {round_number} {name:5s} {result['words_per_s']:8.0f} words/s  {result['records']} records")
                if best[name] is None or result["words_per_s"] > best[name]["words_per_s"]:
                    best[name] = result
    ratio = best["this"]["words_per_s"] / best["other"]["words_per_s"]
    print(f"best of {args.rounds}: this {best['this']['words_per_s']:.0f} words/s ({best['this']['records']} records), "
          f"other {best['other']['words_per_s']:.0f} words/s ({best['other']['records']} records): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
