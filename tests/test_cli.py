"""The stance command line as a whole: the parser, --version, -v, help on every option."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

import stance
from stance.cli import build_parser, main

COMMANDS = ("extract", "analyze", "train", "classify", "evaluate")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_has_a_handler_named_run_command():
    commands = _subparsers(build_parser())
    assert sorted(commands) == sorted(COMMANDS)
    for name, sub in commands.items():
        handler = sub.get_default("func")
        assert handler.__name__ == f"run_{name}"
        assert handler.__module__.startswith("stance.cli.")


def test_every_option_has_help_text():
    parser = build_parser()
    parsers = {"stance": parser, **{f"stance {name}": sub for name, sub in _subparsers(parser).items()}}
    for name, p in parsers.items():
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and action.help is not argparse.SUPPRESS, f"{name}: {action.option_strings or action.dest} has no help"


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"stance {stance.__version__}"


@pytest.mark.parametrize("argv", [["-v", "analyze", "a.txt"], ["analyze", "-v", "a.txt"], ["analyze", "a.txt", "--verbose"],
                                  ["--verbose", "classify", "--input", "x", "--output", "y", "-v"]])
def test_verbose_before_or_after_the_command(argv):
    assert build_parser().parse_args(argv).verbose is True


@pytest.mark.parametrize("argv", [["analyze", "a.txt"], ["train", "--train", "t", "--dev", "d", "--output", "o"]])
def test_not_verbose_by_default(argv):
    assert build_parser().parse_args(argv).verbose is False


def test_verbose_after_the_command_shows_info_logs(tiny_trained, tmp_path, capsys):
    """-v after the subcommand reaches logging, as -v before it does."""
    source = tmp_path / "pairs.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Voters love the mayor.", "target": "the mayor"}) + "\n", encoding="utf-8")
    command = ["--input", str(source), "--output", str(tmp_path / "o.jsonl"), "--model", str(tiny_trained.output_dir)]
    shown = {}
    for name, argv in {"after": ["classify", "-v", *command], "before": ["-v", "classify", *command], "none": ["classify", *command]}.items():
        assert main(argv) == 0
        shown[name] = "stance: INFO: classified 1 pairs" in capsys.readouterr().err
    assert shown == {"after": True, "before": True, "none": False}


def test_a_skipped_input_is_reported_once_as_it_is_met(tmp_path):
    """The library reports a skipped input (a warning); the command shows it, and only once."""
    good = tmp_path / "good.txt"
    good.write_text('"We will win," Smith said.', encoding="utf-8")
    missing = tmp_path / "missing.txt"
    done = subprocess.run([sys.executable, "-m", "stance.cli", "extract", str(missing), str(good)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count(str(missing)) == 1, done.stderr
    assert f"stance: WARNING: skipped {missing}: no such file" in done.stderr
    assert [json.loads(line)["speaker"] for line in done.stdout.splitlines()] == ["Smith"]


def test_train_help_describes_the_training_data(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    out = capsys.readouterr().out
    for text in ("text", "target", "label", "target_start", "sentiment", "--label-map", "FAVOR=support", "--overwrite"):
        assert text in out
    for label in (*stance.model.STANCE_LABELS, *stance.model.SENTIMENT_LABELS):
        assert label in out


def test_train_refuses_overwrite_with_resume(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--train", "t", "--dev", "d", "--output", "o", "--overwrite", "--resume"])
    assert exit_info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_console_script_entry_point():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "stance"]
    assert script.value == "stance.cli:main"
    assert script.load() is main


def test_python_dash_m_stance_cli():
    done = subprocess.run([sys.executable, "-m", "stance.cli", "--version"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"stance {stance.__version__}"


@pytest.mark.parametrize("failure", ["recorded", "raised"])
def test_extract_skips_an_article_whose_extraction_fails(tmp_path, capsys, monkeypatch, failure):
    import dataclasses

    from stance.extract import Extractor

    original = Extractor.__call__

    def flaky(self, text):
        if "EXPLODE" not in text:
            return original(self, text)
        if failure == "raised":
            raise RuntimeError("boom")
        return dataclasses.replace(original(self, text), statements=[], error="extraction failed: boom")

    monkeypatch.setattr(Extractor, "__call__", flaky)
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text('"We will win," Smith said.', encoding="utf-8")
    bad.write_text('"EXPLODE," Jones said.', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(bad), str(good), "--output", str(out)]) == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["article"], r["speaker"]) for r in rows] == [(str(good), "Smith")]
    err = capsys.readouterr().err
    assert f"skipped {bad}: extraction failed" in err and "boom" in err
