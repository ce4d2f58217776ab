"""Benchmark the end-to-end pipeline on a corpus built from the test articles.

Builds a corpus of N articles by cycling through ``tests/articles/*.txt`` and the seed
(each copy gets its own id) and measures, side by side in one run on the same texts:

1. time shares: spaCy parsing alone, attribution (extraction minus parsing) and
   linking plus classification (pipeline minus extraction), in one process, with the
   scoring inline (``score_in_background=False``) so that each share is its own work;
2. throughput in words/s, in alternating rounds (best round reported) so that a busy
   machine slows every engine alike, as a ratio to spaCy parsing alone in one process:
   one process (torch on OMP_NUM_THREADS threads, default 2, and on one thread; and with
   the scoring inline instead of on its background thread), one process with the ONNX
   int8 classifier, ``workers=2``
   (``stance.parallel``), and Ray Data with 1 and 2 actors (``stance.distributed``, when
   Ray is installed; its local runtime runs only around the Ray engines, and their times
   include starting the actors);
3. peak resident memory: this process, each worker process and each Ray actor.

    python scripts/benchmark_pipeline.py [--articles 200] [--rounds 2] [--model DIR] [--no-ray]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
REPO = Path(__file__).resolve().parents[1]

import psutil  # noqa: E402
import torch  # noqa: E402

import stance  # noqa: E402
from stance.pipeline import Pipeline  # noqa: E402
from stance.extract.segmenting import iter_paragraphs  # noqa: E402

SOURCES = sorted((REPO / "tests" / "articles").glob("*.txt")) + [REPO / "seeds" / "000_3f02757656f424b1.txt"]
TARGETS = ["Kazakhstan", "Kassym-Jomart Tokayev", "outside forces", "Harbor Steel", "Health Ministry", "Senate Bill 90"]


def corpus(n: int):
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    for i, text in zip(range(n), itertools.cycle(texts)):
        yield f"article-{i}", text


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class MemoryWatch:
    """Samples the resident memory of processes picked by ``select`` every 0.2 s; keeps each one's peak."""

    def __init__(self, select):
        self.select = select
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.wait(0.2):
            for process in self.select():
                try:
                    rss = process.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0.0), rss)


def children():
    """This process's forked workers (not Ray's processes)."""
    me = psutil.Process()
    found = []
    for child in me.children(recursive=True):
        try:
            if child.cmdline() == me.cmdline():
                found.append(child)
        except psutil.Error:  # gone already
            continue
    return found


def ray_actors():
    found = []
    for process in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if "StanceActor" in cmdline or "MapWorker" in cmdline:
            found.append(process)
    return found


def time_shares(nlp, sample, targets) -> dict:
    words = sum(len(t.split()) for _, t in sample)
    t0 = time.perf_counter()
    paragraphs = [t[p.start : p.end] for _, t in sample for p in iter_paragraphs(t)]
    for _ in nlp.extractor.nlp.pipe(paragraphs, batch_size=nlp.extractor.config.batch_size):
        pass
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_statements = sum(len(e.statements) for e in nlp.extractor.pipe((t for _, t in sample), workers=1))
    extract_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    inline = Pipeline(nlp.extractor, nlp.classifier, score_in_background=False)  # the shares of one thread's work
    n_records = sum(len(r.records) for r in inline.pipe(sample, targets=targets, workers=1))
    pipeline_s = time.perf_counter() - t0
    return {
        "articles": len(sample), "words": words, "statements": n_statements, "records": n_records,
        "end_to_end_s": pipeline_s, "parsing_share": parse_s / pipeline_s,
        "attribution_share": (extract_s - parse_s) / pipeline_s, "classification_share": (pipeline_s - extract_s) / pipeline_s,
    }


def engines(nlp, nlp_int8, sample, targets, model, with_ray: bool) -> dict:
    """name -> a function that runs the whole sample and returns its records (as dicts)."""
    paragraphs = [t[p.start : p.end] for _, t in sample for p in iter_paragraphs(t)]

    def spacy_alone():
        for _ in nlp.extractor.nlp.pipe(paragraphs, batch_size=nlp.extractor.config.batch_size):
            pass

    def local(pipeline, workers):
        return lambda: [r for result in pipeline.pipe(sample, targets=targets, workers=workers) for r in result.to_records()]

    def one_thread(run):
        def wrapped():
            threads = torch.get_num_threads()
            torch.set_num_threads(1)
            try:
                return run()
            finally:
                torch.set_num_threads(threads)
        return wrapped

    runs = {
        "spacy parsing alone, 1 process": spacy_alone,
        "pipeline, 1 process (torch)": local(nlp, 1),
        "pipeline, 1 process, inline scoring": local(Pipeline(nlp.extractor, nlp.classifier, score_in_background=False), 1),
        "pipeline, 1 process (torch, 1 thread)": one_thread(local(nlp, 1)),
        "pipeline, 1 process (onnx-int8)": local(nlp_int8, 1),
        "pipeline, --workers 2 (torch)": local(nlp, 2),
    }
    if with_ray:
        import ray

        from stance.distributed import analyze_dataset, record_from_row

        rows = [{"id": i, "text": t} for i, t in sample]

        def on_ray(actors):
            def run():
                out = analyze_dataset(ray.data.from_items(rows), model=model, targets=targets, workers=actors).take_all()
                return [record_from_row(r) for r in out if r["error"] is None]
            return run

        runs["ray, 1 actor (torch)"] = on_ray(1)
        runs["ray, 2 actors (torch)"] = on_ray(2)
    return runs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="articles in the side-by-side corpus")
    parser.add_argument("--share-articles", type=int, default=100, help="articles used for the time-share measurement")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (best reported)")
    parser.add_argument("--model", default=None)
    parser.add_argument("--targets", nargs="+", default=TARGETS)
    parser.add_argument("--no-ray", action="store_true", help="leave Ray out")
    parser.add_argument("--output", type=Path, default=None, help="also write the results as JSON here")
    args = parser.parse_args(argv)

    with_ray = not args.no_ray
    if with_ray:
        try:
            import ray
        except ImportError:
            print("ray is not installed: Ray left out (pip install \"stance[ray]\")", file=sys.stderr)
            with_ray = False
        else:
            del ray  # started for the Ray engines only (see _ray_runtime)

    load_start = os.getloadavg()[0]
    nlp = stance.load(model=args.model)
    nlp_int8 = stance.load(model=args.model, backend="onnx-int8")
    list(nlp.pipe(corpus(3), targets=args.targets))  # warm up
    list(nlp_int8.pipe(corpus(3), targets=args.targets))
    shares = time_shares(nlp, list(corpus(args.share_articles)), args.targets)
    print(f"time shares over {shares['articles']} articles ({shares['words']} words, {shares['statements']} statements, "
          f"{shares['records']} records): parsing {shares['parsing_share']:.0%}, attribution "
          f"{shares['attribution_share']:.0%}, classification {shares['classification_share']:.0%}")

    sample = list(corpus(args.articles))
    words = sum(len(t.split()) for _, t in sample)
    runs = engines(nlp, nlp_int8, sample, args.targets, args.model, with_ray)
    best = {name: float("inf") for name in runs}
    peaks: dict[str, list[float]] = {}
    records: dict[str, list] = {}
    for _ in range(args.rounds):
        for name, run in runs.items():
            _ray_runtime(name.startswith("ray"))
            watch = MemoryWatch(ray_actors if name.startswith("ray") else children)
            with watch:
                start = time.perf_counter()
                out = run()
                best[name] = min(best[name], time.perf_counter() - start)
            if watch.peaks:
                peaks[name] = sorted(watch.peaks.values(), reverse=True)
            records[name] = out
        _ray_runtime(False)
    baseline = words / best["spacy parsing alone, 1 process"]
    one_process = words / best["pipeline, 1 process (torch)"]
    reference = records["pipeline, 1 process (torch)"]
    rows = {}
    print(f"\nside by side: {len(sample)} articles, {words} words, best of {args.rounds} alternating rounds")
    print(f"{'engine':38s} {'words/s':>8s} {'x spaCy':>8s} {'x 1 proc':>8s}  records  peak RSS per worker/actor (MB)")
    for name in runs:
        per_second = words / best[name]
        if name.startswith("spacy"):
            same = ""
        elif "int8" in name:  # int8 scores differ from torch's by design: how many labels agree
            same = f"{_label_agreement(records[name], reference):.1%} labels"
        else:
            same = _compare(records[name], reference)
        memory = ", ".join(f"{mb:.0f}" for mb in peaks.get(name, [])[:4])
        rows[name] = {"words_per_s": per_second, "over_spacy": per_second / baseline, "over_one_process": per_second / one_process,
                      "records": same, "peak_rss_mb_per_worker": peaks.get(name, [])}
        print(f"{name:38s} {per_second:8.0f} {per_second / baseline:8.2f} {per_second / one_process:8.2f}  {same:14s}  {memory}")
    print(f"\npeak RSS of this process: {peak_rss_mb():.0f} MB; load average (1 min) at start {load_start:.2f}, "
          f"at end {os.getloadavg()[0]:.2f}, on {os.cpu_count()} CPUs")
    if args.output:
        args.output.write_text(json.dumps({"time_shares": shares, "words": words, "engines": rows,
                                           "load_average": [load_start, os.getloadavg()[0]]}, indent=2) + "\n", encoding="utf-8")
    return 0


def _ray_runtime(wanted: bool) -> None:
    """Start the local Ray runtime before the Ray engines and stop it after them, so that
    its background processes (raylet, GCS) do not take CPU from the local engines; the
    Ray times include starting the actors, not the runtime."""
    try:
        import ray
    except ImportError:
        return
    if wanted and not ray.is_initialized():
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, logging_level="ERROR")
        ray.data.DataContext.get_current().enable_progress_bars = False
    elif not wanted and ray.is_initialized():
        ray.shutdown()


def _label_agreement(records: list, reference: list) -> float:
    """Share of records whose stance label is torch's (the same statements and targets)."""
    if len(records) != len(reference):
        return 0.0
    key = lambda r: (r["article_id"], r["start"], r["target"])  # noqa: E731
    labels = {key(r): r["stance"] for r in reference}
    return sum(labels.get(key(r)) == r["stance"] for r in records) / max(len(records), 1)


def _compare(records: list, reference: list) -> str:
    """"same" when the records per article are identical (Ray answers articles in its own
    order); else how they differ: in the last rounded digit of a score (another thread
    count sums in another order), or more."""
    def grouped(rs):
        out: dict = {}
        for r in rs:
            out.setdefault(r["article_id"], []).append(r)
        return out
    mine, theirs = grouped(records), grouped(reference)
    if mine == theirs:
        return "same"
    pairs = [(a, b) for k in theirs for a, b in zip(mine.get(k, []), theirs[k])]
    strip = lambda r: {k: v for k, v in r.items() if not k.endswith("_scores")}  # noqa: E731
    if len(records) != len(reference):
        return f"DIFFERENT: {len(records)} records, not {len(reference)}"
    unlike = [(a, b) for a, b in pairs if strip(a) != strip(b)]
    if unlike:
        fields = sorted({k for a, b in unlike for k in strip(a) if a[k] != b[k]})
        return f"DIFFERENT: {len(unlike)} records differ in {', '.join(fields)}"
    diff = max(abs(a[f][label] - b[f][label]) for a, b in pairs for f in ("stance_scores", "sentiment_scores") for label in a[f])
    return f"scores ±{diff:.0e}"


if __name__ == "__main__":
    sys.exit(main())
