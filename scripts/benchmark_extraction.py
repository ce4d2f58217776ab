"""Benchmark attributed-statement extraction against spaCy's own parsing.

Runs the seed article (or any article) repeated N times through batched extraction
and, side by side in the same run, through ``nlp.pipe`` alone, and prints words per
second for both and the ratio of extraction time to parsing time. Rounds alternate
between the two so machine noise hits both alike.

    python scripts/benchmark_extraction.py [--article seeds/000_3f02757656f424b1.txt] [--copies 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from stance.extract import Extractor, ExtractorConfig, load_spacy  # noqa: E402
from stance.corpus import read_article_file  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default=str(Path(__file__).resolve().parent.parent / "seeds" / "000_3f02757656f424b1.txt"))
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--spacy-model", default=None)
    args = parser.parse_args(argv)

    text = read_article_file(args.article)
    texts = [text] * args.copies
    words = sum(len(t.split()) for t in texts)
    nlp = load_spacy(args.spacy_model)
    extractor = Extractor(nlp=nlp, config=ExtractorConfig(batch_size=args.batch_size))
    list(extractor.pipe(texts[:2]))  # warm up

    parse_times, extract_times, n_statements = [], [], 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        parse_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_statements = sum(len(extraction.statements) for extraction in extractor.pipe(texts))
        extract_times.append(time.perf_counter() - t0)

    parse_s, extract_s = statistics.median(parse_times), statistics.median(extract_times)
    print(f"articles: {args.copies} x {Path(args.article).name} ({words} words), {n_statements} statements per pass")
    print(f"spaCy parse only (nlp.pipe, whole articles): {parse_s:7.2f} s  {words / parse_s:8.0f} words/s")
    print(f"extraction (parse + attribution):            {extract_s:7.2f} s  {words / extract_s:8.0f} words/s")
    print(f"ratio extraction / parsing: {extract_s / parse_s:.3f}  (overhead beyond parsing {100 * (extract_s / parse_s - 1):+.1f}%)")
    print(f"rounds: parse {[round(t, 2) for t in parse_times]}  extract {[round(t, 2) for t in extract_times]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
