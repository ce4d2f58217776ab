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


def test_against_checkout_loads_the_same_model_in_both_unless_told(tmp_path, monkeypatch, capsys):
    script = load_script("benchmark_against_checkout")
    (tmp_path / "stance").mkdir()  # looks like a checkout; measure is replaced, so nothing runs there
    calls = []

    def fake_measure(checkout, corpus_file, model, targets):
        calls.append((Path(checkout) == tmp_path.resolve(), model))
        return {"words_per_s": 100.0, "records": 1}

    monkeypatch.setattr(script, "measure", fake_measure)
    assert script.main([str(tmp_path), "--rounds", "1", "--articles", "1", "--model", "fast"]) == 0
    assert calls == [(False, "fast"), (True, "fast")]  # like with like: the default is the larger model
    calls.clear()
    assert script.main([str(tmp_path), "--rounds", "1", "--articles", "1", "--model", "fast", "--other-model", ""]) == 0
    assert calls == [(False, "fast"), (True, "")]  # a checkout older than the model names: its own default
    assert "1.00x" in capsys.readouterr().out
