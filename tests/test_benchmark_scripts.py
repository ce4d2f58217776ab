"""The benchmark scripts' own logic (never their timings: no test asserts a speed)."""

import json
from pathlib import Path

import pytest
from script_loader import load_script

ROOT = Path(__file__).resolve().parents[1]


def test_against_checkout_runs_a_checkout_in_its_own_process(tiny_trained, tmp_path):
    script = load_script("benchmark_against_checkout")
    bench = load_script("benchmark_pipeline")
    first = bench.SOURCES[0]  # the corpus cycles the test articles; one article: the first alone
    targets = [t["name"] for t in json.loads(first.with_suffix(".targets.json").read_text(encoding="utf-8"))["targets"]]
    corpus_file = tmp_path / "corpus.json"
    corpus_file.write_text(json.dumps(list(bench.corpus(1))), encoding="utf-8")
    result = script.measure(ROOT, corpus_file, str(tiny_trained.output_dir), targets)
    assert result["words_per_s"] > 0
    assert result["records"] >= 1


def test_against_checkout_refuses_a_folder_that_is_not_a_checkout(tmp_path, capsys):
    script = load_script("benchmark_against_checkout")
    with pytest.raises(SystemExit) as exit_info:
        script.main([str(tmp_path)])
    assert exit_info.value.code == 2
    assert "not a checkout of stance" in capsys.readouterr().err
