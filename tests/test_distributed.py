"""Ray Data (stance.distributed): the local pipeline's records from a Ray runtime.

The Ray test is slow (a runtime and two actors start); CI runs it in a step of its own
(``.ci/run``), with ``pip install ".[ray]"``.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from stance.distributed import actor_cpus, record_from_row, record_schema
from stance.extract import Extractor
from stance.model import StanceClassifier
from stance.output import csv_row
from stance.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "articles").glob("*.txt")) + [ROOT / "seeds" / "000_3f02757656f424b1.txt"]
TARGETS = ["Kazakhstan", "Kassym-Jomart Tokayev", "outside forces", "Harbor Steel", "Health Ministry", "Senate Bill 90"]


def articles(n: int) -> list[dict]:
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    return [{"id": f"a{i}", "text": text} for i, text in zip(range(n), itertools.cycle(texts))]


def by_article(records) -> dict:
    grouped: dict = {}
    for record in records:
        grouped.setdefault(record["article_id"], []).append(record)
    return grouped


def test_actor_cpus_leave_one_cpu_to_the_read_tasks():
    assert actor_cpus(2, 2.0) == 0.5  # two 1-CPU actors on 2 CPUs hang: nothing left to read
    assert actor_cpus(1, 2.0) == 1.0
    assert actor_cpus(1, 1.0) == 0.5
    assert actor_cpus(8, 64.0) == 1.0


def test_rows_round_trip_to_records(tiny_trained):
    nlp = Pipeline(Extractor(), StanceClassifier.from_pretrained(tiny_trained.output_dir))
    records = [r for result in nlp.pipe([(a["id"], a["text"]) for a in articles(9)], targets=TARGETS) for r in result.to_records()]
    names = record_schema().names
    assert records and names[-1] == "error"
    for record in records:
        row = {name: csv_row(record).get(name) for name in names}
        assert record_from_row(row) == record


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning", "ignore::UserWarning", "ignore::ResourceWarning")
def test_ray_gives_the_local_records(tiny_trained, tmp_path, capsys):
    ray = pytest.importorskip("ray")
    from stance.cli import main
    from stance.distributed import analyze_dataset

    rows = articles(20) + [{"id": "bad", "text": None}]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    model = str(tiny_trained.output_dir)
    ray.init(num_cpus=2, include_dashboard=False)
    try:
        # two actors on two CPUs: they get half a CPU each (actor_cpus), else this hangs
        out = analyze_dataset(ray.data.from_items(rows), model=model, targets=TARGETS, workers=2).take_all()
        cli_code = main(["analyze", str(corpus), "--engine", "ray", "--workers", "2", "--targets", *TARGETS,
                         "--model", model, "--output", str(tmp_path / "ray.jsonl")])
    finally:
        ray.shutdown()
    errors = {row["article_id"]: row["error"] for row in out if row["error"] is not None}
    assert list(errors) == ["bad"] and "str" in errors["bad"]

    nlp = Pipeline(Extractor(), StanceClassifier.from_pretrained(model))
    local = [r for result in nlp.pipe([(row["id"], row["text"]) for row in rows], targets=TARGETS) for r in result.to_records()]
    assert len(local) > 20
    assert by_article(record_from_row(row) for row in out if row["error"] is None) == by_article(local)

    # the command line: the same lines as the local engine, in input order; the bad row reported
    assert cli_code == 1
    assert "bad" in capsys.readouterr().err
    assert main(["analyze", str(corpus), "--targets", *TARGETS, "--model", model, "--output", str(tmp_path / "local.jsonl")]) == 1
    assert (tmp_path / "ray.jsonl").read_text(encoding="utf-8") == (tmp_path / "local.jsonl").read_text(encoding="utf-8")
