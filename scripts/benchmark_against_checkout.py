"""End-to-end speed of this checkout against another one (an earlier commit), side by side.

Both run the same corpus (this checkout's test articles and the seed, cycled to N
articles, with the benchmark targets), each round in a fresh process per checkout,
alternating, so a busy machine slows both alike; one process, ``workers=1``. Prints
words/s and records for each round, the best round of each and their ratio.

    git worktree add /tmp/before c924ab3
    python scripts/benchmark_against_checkout.py /tmp/before [--articles 60] [--rounds 4] [--model fast]

``--model`` is this checkout's model (the other checkout loads its own default).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Runs inside the checkout being measured (its own ``stance`` first on sys.path).
RUN_ONE = r"""
import itertools, json, os, sys, time
from pathlib import Path
checkout, corpus_repo, n, model = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] or None
sys.path.insert(0, checkout)
import torch
torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
import stance
sources = sorted((corpus_repo / "tests" / "articles").glob("*.txt")) + [corpus_repo / "seeds" / "000_3f02757656f424b1.txt"]
texts = [p.read_text(encoding="utf-8") for p in sources]
targets = json.loads(sys.argv[5])
nlp = stance.load(model=model) if model else stance.load()
items = [(f"article-{i}", t) for i, t in zip(range(n), itertools.cycle(texts))]
list(nlp.pipe(items[:3], targets=targets, workers=1))  # warm up
start = time.perf_counter()
results = list(nlp.pipe(items, targets=targets, workers=1))
seconds = time.perf_counter() - start
words = sum(len(t.split()) for _, t in items)
print(json.dumps({"words_per_s": words / seconds, "records": sum(len(r.records) for r in results)}))
"""


def measure(checkout: Path, articles: int, model: str, targets: list[str]) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "2"))
    out = subprocess.run(
        [sys.executable, "-c", RUN_ONE, str(checkout), str(REPO), str(articles), model, json.dumps(targets)],
        capture_output=True, text=True, env=env, cwd=checkout, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from benchmark_pipeline import TARGETS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (e.g. a git worktree of an earlier commit)")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--model", default="", help="this checkout's model (default: its default)")
    args = parser.parse_args(argv)
    if not (args.other / "stance").is_dir():
        parser.error(f"{args.other} is not a checkout of stance (no stance/ folder)")
    best = {"this": None, "other": None}
    for round_number in range(1, args.rounds + 1):
        for name, checkout, model in (("this", REPO, args.model), ("other", args.other.resolve(), "")):
            result = measure(checkout, args.articles, model, TARGETS)
            print(f"round {round_number} {name:5s} {result['words_per_s']:8.0f} words/s  {result['records']} records")
            if best[name] is None or result["words_per_s"] > best[name]["words_per_s"]:
                best[name] = result
    ratio = best["this"]["words_per_s"] / best["other"]["words_per_s"]
    print(f"best of {args.rounds}: this {best['this']['words_per_s']:.0f} words/s ({best['this']['records']} records), "
          f"other {best['other']['words_per_s']:.0f} words/s ({best['other']['records']} records): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
