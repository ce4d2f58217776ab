"""Several processes on one machine (stance.parallel): the same records, in the same order."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from stance import parallel
from stance.cli import main
from stance.extract import Extractor
from stance.model import StanceClassifier
from stance.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "articles").glob("*.txt")) + [ROOT / "seeds" / "000_3f02757656f424b1.txt"]
TARGETS = ["Kazakhstan", "Kassym-Jomart Tokayev", "outside forces", "Harbor Steel", "Health Ministry", "Senate Bill 90"]


def small_corpus(n: int) -> list[tuple[str, str]]:
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    return [(f"a{i}", text) for i, text in zip(range(n), itertools.cycle(texts))]


@pytest.fixture(scope="module")
def tiny_pipeline(tiny_trained):
    return Pipeline(Extractor(), StanceClassifier.from_pretrained(tiny_trained.output_dir))


def test_two_workers_give_the_one_process_records_in_order(tiny_pipeline):
    corpus = small_corpus(12)
    # a bad item and an empty text keep their places among the others
    items = corpus[:5] + [("bad", None), ("empty", "")] + corpus[5:]
    one = [r.to_dict() for r in tiny_pipeline.pipe(items, targets=TARGETS, workers=1)]
    two = [r.to_dict() for r in tiny_pipeline.pipe(items, targets=TARGETS, workers=2)]
    assert [r["article_id"] for r in two] == [item[0] for item in items]
    assert sum(len(r["records"]) for r in one) > 10
    assert two == one
    auto = [r.to_dict() for r in tiny_pipeline.pipe(items, targets=TARGETS, all_targets=True)]
    assert auto == [r.to_dict() for r in tiny_pipeline.pipe(items, targets=TARGETS, all_targets=True, workers=1)]


def test_extractions_are_the_same_with_workers(tiny_pipeline):
    texts = [text for _, text in small_corpus(10)]
    extractor = tiny_pipeline.extractor
    assert list(extractor.pipe(texts, workers=3)) == list(extractor.pipe(texts, workers=1))


def test_a_small_input_stays_in_this_process(tiny_pipeline, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for a small input")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    monkeypatch.setattr(parallel, "resolve_workers", lambda workers: 2 if workers is None else workers)
    results = list(tiny_pipeline.pipe(small_corpus(3), targets=TARGETS))
    assert [r.article_id for r in results] == ["a0", "a1", "a2"]


def test_progress_once_per_article_with_workers(tiny_pipeline):
    corpus = small_corpus(6)
    calls = []
    list(tiny_pipeline.pipe(corpus, targets=TARGETS, workers=2, progress=lambda *a: calls.append(a)))
    assert [(i, done) for i, done, _ in calls] == [(i, len(text)) for i, (_, text) in enumerate(corpus)]


def test_stopping_early_ends_the_workers(tiny_pipeline):
    stream = tiny_pipeline.pipe(small_corpus(30), targets=TARGETS, workers=2)
    first = next(stream)
    stream.close()  # the pool is shut down, not left running
    assert first.article_id == "a0"


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_bad_worker_numbers_are_refused_at_once(tiny_pipeline, bad):
    with pytest.raises(ValueError, match="workers"):
        tiny_pipeline.pipe(small_corpus(1), workers=bad)


def test_resolve_workers(monkeypatch):
    assert parallel.resolve_workers(3) == 3
    assert 1 <= parallel.resolve_workers(None) <= parallel.MAX_AUTO_WORKERS

    class PoolWorker:
        daemon = True  # a multiprocessing pool's worker may not start processes

    monkeypatch.setattr(parallel.multiprocessing, "current_process", lambda: PoolWorker())
    assert parallel.resolve_workers(None) == 1


def test_cli_workers_give_the_same_output(tiny_trained, tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in small_corpus(8)), encoding="utf-8")
    outputs = {}
    for command in ("extract", "analyze"):
        for workers in ("1", "2"):
            out = tmp_path / f"{command}-{workers}.jsonl"
            extra = ["--targets", *TARGETS, "--model", str(tiny_trained.output_dir)] if command == "analyze" else []
            assert main([command, str(corpus), "--workers", workers, "--output", str(out), *extra]) == 0
            outputs[command, workers] = out.read_text(encoding="utf-8")
        assert outputs[command, "1"] == outputs[command, "2"] and outputs[command, "1"]
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["extract", str(corpus), "--workers", "0"])
    assert "at least 1" in capsys.readouterr().err
