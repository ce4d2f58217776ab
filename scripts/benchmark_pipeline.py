"""Benchmark the end-to-end pipeline on a corpus built from the test articles.

Builds a corpus of N articles by cycling through ``tests/articles/*.txt`` and the seed
(each copy gets its own id), streams it through ``stance.load().pipe`` and prints
articles/s and words/s end to end, the share of time spent in spaCy parsing, in
attribution (extraction minus parsing) and in classification (pipeline minus
extraction) -- the three measured side by side in one run, on the same texts -- and
the peak resident memory after the first 200 and after all articles (it must stay
flat while streaming).

    python scripts/benchmark_pipeline.py [--articles 1000] [--model DIR]
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
REPO = Path(__file__).resolve().parents[1]

import stance  # noqa: E402
from stance.extract.segmenting import iter_paragraphs  # noqa: E402

SOURCES = sorted((REPO / "tests" / "articles").glob("*.txt")) + [REPO / "seeds" / "000_3f02757656f424b1.txt"]
TARGETS = ["Kazakhstan", "Kassym-Jomart Tokayev", "outside forces", "Harbor Steel", "Health Ministry", "Senate Bill 90"]


def corpus(n: int):
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    for i, text in zip(range(n), itertools.cycle(texts)):
        yield f"article-{i}", text


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles to stream (at least 200)")
    parser.add_argument("--share-articles", type=int, default=200, help="articles used for the time-share measurement")
    parser.add_argument("--model", default=None)
    parser.add_argument("--targets", nargs="+", default=TARGETS)
    args = parser.parse_args(argv)
    if args.articles < 200:
        parser.error("--articles must be at least 200")

    nlp = stance.load(model=args.model)
    list(nlp.pipe(corpus(3), targets=args.targets))  # warm up

    # 1. time shares, side by side on the same texts
    sample = list(corpus(args.share_articles))
    words = sum(len(t.split()) for _, t in sample)
    t0 = time.perf_counter()
    paragraphs = [t[p.start : p.end] for _, t in sample for p in iter_paragraphs(t)]
    for _ in nlp.extractor.nlp.pipe(paragraphs, batch_size=nlp.extractor.config.batch_size):
        pass
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_statements = sum(len(e.statements) for e in nlp.extractor.pipe(t for _, t in sample))
    extract_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_records = sum(len(r.records) for r in nlp.pipe(sample, targets=args.targets))
    pipeline_s = time.perf_counter() - t0
    del sample
    print(f"time shares over {args.share_articles} articles ({words} words, {n_statements} statements, {n_records} records):")
    print(f"  end to end      {pipeline_s:7.1f} s  {args.share_articles / pipeline_s:6.2f} articles/s  {words / pipeline_s:7.0f} words/s")
    print(f"  parsing         {parse_s:7.1f} s  {100 * parse_s / pipeline_s:5.1f}%")
    print(f"  attribution     {extract_s - parse_s:7.1f} s  {100 * (extract_s - parse_s) / pipeline_s:5.1f}%")
    print(f"  classification  {pipeline_s - extract_s:7.1f} s  {100 * (pipeline_s - extract_s) / pipeline_s:5.1f}%")

    # 2. streaming memory: peak RSS after 200 and after all articles
    t0 = time.perf_counter()
    words = 0
    peak_200 = None
    for i, result in enumerate(nlp.pipe(corpus(args.articles), targets=args.targets), start=1):
        words += len(result.text.split())
        if i == 200:
            peak_200 = peak_rss_mb()
    stream_s = time.perf_counter() - t0
    print(f"streamed {args.articles} articles in {stream_s:.1f} s: {args.articles / stream_s:.2f} articles/s, {words / stream_s:.0f} words/s")
    print(f"peak RSS after 200 articles: {peak_200:.0f} MB; after {args.articles}: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
