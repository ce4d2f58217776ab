"""The model subcommands: stance train, classify and evaluate."""

import json

import pytest
from model_fixtures import OVERFIT_PAIRS

from stance.cli import build_parser, main
from stance.cli.model import parse_label_map


def run_cli(*argv) -> int:
    """Run a command's handler directly, so its errors reach the test as exceptions."""
    args = build_parser().parse_args([str(a) for a in argv])
    return args.func(args)


def run_main(*argv) -> int:
    """Run the command as ``stance`` does: errors and warnings go to stderr."""
    return main([str(a) for a in argv])


def test_classify_skips_a_bad_line_and_keeps_the_rest(tiny_trained, tmp_path, capsys):
    source = tmp_path / "pairs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": OVERFIT_PAIRS[0].text, "target": OVERFIT_PAIRS[0].target}),
        '{"id": "b", "text": broken',
        json.dumps({"id": "c", "text": "Voters love the mayor.", "target": "the mayor", "target_start": 12, "target_end": 21}),
        json.dumps({"id": "d", "text": "No target here."}),
        json.dumps({"id": "e", "text": "abc", "target": "b", "target_start": 1, "target_end": 40}),
        json.dumps({"id": "f", "text": OVERFIT_PAIRS[1].text, "target": OVERFIT_PAIRS[1].target}),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert run_main("classify", "--input", source, "--output", out, "--model", tiny_trained.output_dir) == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "c", "f"]
    assert [r["stance"] for r in rows] == ["support", "support", "opposition"]
    assert set(rows[0]) == {"id", "stance", "stance_scores", "sentiment", "sentiment_scores"}
    assert sum(rows[0]["stance_scores"].values()) == pytest.approx(1.0, abs=1e-5)
    err = capsys.readouterr().err
    assert "pairs.jsonl:2:" in err and "pairs.jsonl:4:" in err and "pairs.jsonl:5:" in err
    assert "pairs.jsonl:1:" not in err


def test_classify_skips_a_line_that_is_not_utf8_and_keeps_the_rest(tiny_trained, tmp_path, capsys):
    source = tmp_path / "pairs.jsonl"
    first = json.dumps({"id": "a", "text": "Zürich voters love the mayor.", "target": "the mayor"}, ensure_ascii=False)
    last = json.dumps({"id": "c", "text": OVERFIT_PAIRS[1].text, "target": OVERFIT_PAIRS[1].target})
    source.write_bytes("\ufeff".encode() + first.encode() + b"\n\xff\xfe\x00garbage\n" + last.encode() + b"\n")
    out = tmp_path / "pred.jsonl"
    assert run_main("classify", "--input", source, "--output", out, "--model", tiny_trained.output_dir) == 1
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "c"]
    err = capsys.readouterr().err
    assert "pairs.jsonl:2: not UTF-8 text" in err and "pairs.jsonl:1:" not in err


def test_classify_missing_input(tiny_trained, tmp_path):
    with pytest.raises(FileNotFoundError):
        run_cli("classify", "--input", tmp_path / "none.jsonl", "--output", tmp_path / "o.jsonl", "--model", tiny_trained.output_dir)
    assert not (tmp_path / "o.jsonl").exists()


def test_evaluate_writes_metrics_and_plots(tiny_trained, tmp_path):
    data = tmp_path / "gold.jsonl"
    data.write_text("".join(json.dumps({"text": p.text, "target": p.target, "label": p.label, "sentiment": p.sentiment}) + "\n" for p in OVERFIT_PAIRS))
    report = tmp_path / "report"
    assert run_cli("evaluate", "--model", tiny_trained.output_dir, "--data", data, "--report", report) == 0
    metrics = json.loads((report / "metrics.json").read_text())
    assert metrics["stance_accuracy"] == 1.0 and metrics["stance_macro_f1"] == 1.0
    for key in ("stance_f_avg", "stance_ece", "stance_f1_support", "stance_target/the mayor/accuracy", "sentiment_macro_f1"):
        assert key in metrics
    for name in ("confusion_matrix.png", "reliability_diagram.png"):
        assert (report / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_train_command(tiny_base, tmp_path):
    data = tmp_path / "train.csv"
    data.write_text("text,target,label\n" + "".join(f'"{p.text}",{p.target},{ {"support": "FAVOR", "opposition": "AGAINST", "neutral": "NONE"}[p.label]}\n' for p in OVERFIT_PAIRS))
    out = tmp_path / "model"
    code = run_cli("train", "--train", data, "--dev", data, "--base", tiny_base, "--output", out, "--epochs", "1",
                   "--label-map", "FAVOR=support,AGAINST=opposition,NONE=neutral", "--no-progress")
    assert code == 0
    assert (out / "model.safetensors").is_file() and (out / "README.md").is_file()
    # Resuming a finished run trains nothing more and rewrites the same model.
    assert run_cli("train", "--train", data, "--dev", data, "--base", tiny_base, "--output", out, "--epochs", "1",
                   "--label-map", "FAVOR=support,AGAINST=opposition,NONE=neutral", "--no-progress", "--resume") == 0


def test_train_command_continues_from_a_model(tiny_trained, tmp_path):
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps({"text": p.text, "target": p.target, "label": p.label}) + "\n" for p in OVERFIT_PAIRS))
    out = tmp_path / "continued"
    assert run_cli("train", "--train", data, "--dev", data, "--init", tiny_trained.output_dir, "--output", out,
                   "--epochs", "1", "--learning-rate", "1e-4", "--no-progress") == 0
    config = json.loads((out / "stance_config.json").read_text())
    assert config["metrics"]["dev"]["stance_accuracy"] == 1.0  # it kept what the model it started from knew
    assert any("continued from" in d for d in config["training_data"])


def test_train_command_reports_unknown_labels(tiny_base, tmp_path):
    data = tmp_path / "train.csv"
    data.write_text("text,target,label\nYes.,x,FAVOR\n")
    with pytest.raises(ValueError, match="valid labels: support, opposition, neutral"):
        run_cli("train", "--train", data, "--dev", data, "--base", tiny_base, "--output", tmp_path / "m")


def test_parse_label_map():
    assert parse_label_map('{"FAVOR": "support"}') == {"FAVOR": "support"}
    assert parse_label_map("pro=support, con=opposition") == {"pro": "support", "con": "opposition"}
    assert parse_label_map(None) is None
    with pytest.raises(ValueError, match="NAME=label"):
        parse_label_map("pro:support")


# ---------------------------------------------------------------- bugs (issue 10)
def _write_jsonl(path, pairs):
    path.write_text("".join(json.dumps({"text": p.text, "target": p.target, "label": p.label}) + "\n" for p in pairs), encoding="utf-8")
    return path


def test_train_refuses_an_existing_model_directory(tiny_trained, tiny_base, tmp_path, capsys):
    data = _write_jsonl(tmp_path / "train.jsonl", OVERFIT_PAIRS)
    out = tmp_path / "model"
    out.mkdir()
    for name in ("model.safetensors", "stance_config.json"):
        (out / name).write_bytes((tiny_trained.output_dir / name).read_bytes())
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code = main(["train", "--train", str(data), "--dev", str(data), "--base", str(tiny_base), "--output", str(out),
                 "--epochs", "1", "--no-progress"])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{out}: already exists" in err and "--overwrite" in err and "--resume" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # untouched


def test_train_overwrite_replaces_an_existing_model_directory(tiny_trained, tiny_base, tmp_path):
    data = _write_jsonl(tmp_path / "train.jsonl", OVERFIT_PAIRS)
    out = tmp_path / "model"
    out.mkdir()
    (out / "stance_config.json").write_text("{}")
    assert main(["train", "--train", str(data), "--dev", str(data), "--base", str(tiny_base), "--output", str(out),
                 "--epochs", "1", "--no-progress", "--overwrite"]) == 0
    assert json.loads((out / "stance_config.json").read_text())["metrics"]["best_epoch"] == 1


def test_classify_exits_1_when_a_line_was_skipped(tiny_trained, tmp_path, capsys):
    good = json.dumps({"id": "a", "text": OVERFIT_PAIRS[0].text, "target": OVERFIT_PAIRS[0].target})
    source = tmp_path / "pairs.jsonl"
    out = tmp_path / "pred.jsonl"
    source.write_text(good + "\n", encoding="utf-8")
    assert main(["classify", "--input", str(source), "--output", str(out), "--model", str(tiny_trained.output_dir)]) == 0
    source.write_text(good + '\n{"id": "b", "text": broken\n', encoding="utf-8")
    assert main(["classify", "--input", str(source), "--output", str(out), "--model", str(tiny_trained.output_dir)]) == 1
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a"]
    assert "skipped 1 bad line" in capsys.readouterr().err


def test_classify_says_it_takes_jsonl_when_given_a_csv(tiny_trained, tmp_path, capsys):
    source = tmp_path / "pairs.csv"
    source.write_text("id,text,target\n" + "".join(f'{i},"{p.text}",{p.target}\n' for i, p in enumerate(OVERFIT_PAIRS)), encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert main(["classify", "--input", str(source), "--output", str(out), "--model", str(tiny_trained.output_dir)]) == 2
    err = capsys.readouterr().err
    assert f"{source}:1:" in err and "takes JSONL" in err
    assert err.count("\n") == 1  # one clear line, not one complaint per CSV row
    assert not out.exists()
