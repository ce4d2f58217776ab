"""The evaluation suite (stance.evaluation.suite), `stance evaluate --suite` and scripts/evaluate_suite.py."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from mix_data import write_csv, write_jsonl
from script_loader import load_script

from stance.cli import build_parser, main
from stance.data import load_newsmtsc
from stance.evaluation.suite import (
    SUITE_SETS,
    SuiteSet,
    evaluate_suite,
    format_suite_table,
    head_agreement,
    load_suite_sets,
)
from stance.model import SENTIMENT_LABELS, STANCE_LABELS, Pair, StanceClassifier, support_or_opposition


NEWS_RW = [
    {"mention": "Trump", "polarity": -1, "from": 4, "to": 9, "sentence": "Why Trump lost the vote.", "id": "a"},
    {"mention": "Biden", "polarity": 1, "from": 0, "to": 5, "sentence": "Biden wins praise.", "id": "b"},
    {"mention": "Merkel", "polarity": 0, "from": 0, "to": 6, "sentence": "Merkel met the press.", "id": "c"},
    {"mention": "Macron", "polarity": 1, "from": 7, "to": 13, "sentence": "Voters Macron love.", "id": "d"},
]
NEWS_MT = NEWS_RW[:3]

# six topics: ibm_holdout_topics keeps every third sorted id, 1 and 4
IBM_ROWS = [
    {"id": f"{t}-{k}", "topic_id": t, "motion": f"This house would adopt policy {t}", "target": f"policy {t}",
     "text": f"Claim {k} about policy {t}.", "stance_to_motion": "support" if k else "opposition",
     "stance_to_target": "opposition" if k else "support"}
    for t in (1, 2, 3, 4, 5, 6) for k in (0, 1)
]

ARGQ_ROWS = [
    ("Whales are hunted cruelly.", "We should ban whaling", "train", 1),
    ("Whaling is a tradition.", "We should ban whaling", "train", -1),
    ("Loans trap the poor.", "Payday loans should be banned", "dev", 1),
    ("Loans help in emergencies.", "Payday loans should be banned", "dev", -1),
    ("News needs public money.", "We should subsidize journalism", "dev", 1),
    ("Children learn best at home.", "Homeschooling is a good idea", "dev", 1),
    ("Zoos protect species.", "We should abolish zoos", "test", -1),
    ("Zoos are prisons.", "We should abolish zoos", "test", 1),
]

CONTRAST_ROWS = [
    {"id": "c1", "text": "We back NATO.", "target": "NATO", "target_kind": "entity", "label": "support", "phenomenon": "explicit_verb"},
    {"id": "c2", "text": "We reject the tax.", "target": "the tax", "target_kind": "topic", "label": "opposition", "phenomenon": "explicit_verb"},
    {"id": "c3", "text": "The mayor spoke.", "target": "the mayor", "target_kind": "entity", "label": "neutral", "phenomenon": "neutral_mention"},
]


def write_argq(path, rows=ARGQ_ROWS):
    header = ["argument", "topic", "set", "WA", "MACE-P", "stance_WA", "stance_WA_conf"]
    return write_csv(path, header, [[text, topic, split, "0.8", "0.7", stance, "1.0"] for text, topic, split, stance in rows])


def write_perspectrum(folder):
    folder.mkdir(parents=True, exist_ok=True)
    claims = [
        {"cId": 1, "text": "Animals should have rights.", "source": "x", "perspectives": [
            {"pids": [10, 11], "stance_label_3": "SUPPORT"}, {"pids": [12], "stance_label_3": "UNDERMINE"}]},
        {"cId": 2, "text": "School uniforms should be required.", "source": "x", "perspectives": [
            {"pids": [20], "stance_label_3": "SUPPORT"}, {"pids": [21, 22], "stance_label_3": "UNDERMINE"}]},
        {"cId": 3, "text": "Voting should be compulsory.", "source": "x", "perspectives": [
            {"pids": [30], "stance_label_3": "UNDERMINE"}]},
    ]
    pool = [{"pId": pid, "text": f"Perspective number {pid}.", "source": "x"} for pid in (10, 11, 12, 20, 21, 22, 30)]
    split = {"1": "train", "2": "dev", "3": "test"}
    for name, obj in (("perspectrum_with_answers", claims), ("perspective_pool", pool), ("dataset_split", split)):
        (folder / f"{name}_v1.0.json").write_text(json.dumps(obj), encoding="utf-8")
    return folder


def build_data_dir(root):
    write_jsonl(root / "newsmtsc" / "dev-rw.jsonl", NEWS_RW)
    write_jsonl(root / "newsmtsc" / "dev-mt.jsonl", NEWS_MT)
    write_jsonl(root / "ibm-claim-stance" / "train.jsonl", IBM_ROWS)
    write_argq(root / "ibm-argq-30k" / "arg_quality_rank_30k.csv")
    write_perspectrum(root / "perspectrum")
    return root


EXPECTED_N = {
    "newsmtsc_dev_rw": 4, "newsmtsc_dev_mt": 3, "ibm_heldout_target": 4, "ibm_heldout_motion": 4,
    "argq_dev": 4, "argq_test": 2, "argq_dev_topic_phrase": 3, "perspectrum_dev": 3, "perspectrum_test": 1, "contrast": 3,
}


@pytest.fixture()
def data_dir(tmp_path):
    return build_data_dir(tmp_path / "data")


@pytest.fixture()
def contrast(tmp_path):
    return write_jsonl(tmp_path / "contrast.jsonl", CONTRAST_ROWS)


@pytest.fixture(scope="module")
def clf(tiny_trained):
    return StanceClassifier.from_pretrained(tiny_trained.output_dir, device="cpu")


def test_the_suite_loads_every_set_present(data_dir, contrast):
    sets = {s.name: s for s in load_suite_sets(data_dir, contrast)}
    assert list(sets) == list(SUITE_SETS)
    assert {name: len(s.pairs) for name, s in sets.items()} == EXPECTED_N
    # IBM: the held-out topics only (1 and 4), toward the target phrase and toward the motion
    assert {p.target for p in sets["ibm_heldout_target"].pairs} == {"policy 1", "policy 4"}
    assert {p.target for p in sets["ibm_heldout_motion"].pairs} == {"This house would adopt policy 1", "This house would adopt policy 4"}
    # topic phrases: the banning proposition flips, the subsidizing one does not, the other is left out
    assert [(p.target, p.label) for p in sets["argq_dev_topic_phrase"].pairs] == [
        ("Payday loans", "opposition"), ("Payday loans", "support"), ("journalism", "support")]
    assert sets["contrast"].groups["target_kind"] == ("entity", "topic", "entity")


def test_every_present_set_gets_metrics_with_its_size(clf, data_dir, contrast):
    result = evaluate_suite(clf, data_dir, contrast=contrast)
    assert result["model"] == clf.config.base
    assert {name: m["n"] for name, m in result["sets"].items()} == EXPECTED_N
    for name, metrics in result["sets"].items():
        for key in ("macro_f1", "accuracy", "f_avg", "ece", "support_vs_opposition_accuracy"):
            assert 0.0 <= metrics[key] <= 1.0, (name, key)
        assert ("head_agreement" in metrics) == ("sentiment_macro_f1" in metrics) == name.startswith("newsmtsc")
    ibm = next(s for s in load_suite_sets(data_dir) if s.name == "ibm_heldout_motion")
    stance = clf.predict([p.pair for p in ibm.pairs]).stance
    expected = np.mean(support_or_opposition(stance) == np.array([p.label for p in ibm.pairs]))
    assert result["sets"]["ibm_heldout_motion"]["support_vs_opposition_accuracy"] == pytest.approx(expected)
    contrast_metrics = result["sets"]["contrast"]
    assert contrast_metrics["target_kind/entity/n"] == 2 and contrast_metrics["target_kind/topic/n"] == 1
    assert contrast_metrics["phenomenon/neutral_mention/n"] == 1
    predicted = [STANCE_LABELS[i] for i in clf.predict([Pair(r["text"], r["target"]) for r in CONTRAST_ROWS]).stance.argmax(1)]
    entity = [predicted[i] == CONTRAST_ROWS[i]["label"] for i in (0, 2)]
    assert contrast_metrics["target_kind/entity/accuracy"] == pytest.approx(np.mean(entity))


def test_a_set_whose_files_are_missing_is_left_out(clf, tmp_path):
    root = tmp_path / "partial"
    write_jsonl(root / "newsmtsc" / "dev-rw.jsonl", NEWS_RW)
    write_argq(root / "ibm-argq-30k" / "arg_quality_rank_30k.csv")
    (root / "perspectrum").mkdir()  # a folder without the files counts as missing
    result = evaluate_suite(clf, root)
    assert list(result["sets"]) == ["newsmtsc_dev_rw", "argq_dev", "argq_test", "argq_dev_topic_phrase"]
    with pytest.raises(FileNotFoundError, match="data directory does not exist"):
        evaluate_suite(clf, tmp_path / "nowhere")


def test_max_per_set_caps_n_with_a_seeded_sample(clf, data_dir, contrast):
    result = evaluate_suite(clf, data_dir, contrast=contrast, max_per_set=2)
    assert {name: m["n"] for name, m in result["sets"].items()} == {name: min(n, 2) for name, n in EXPECTED_N.items()}
    assert evaluate_suite(clf, data_dir, contrast=contrast, max_per_set=2) == result
    s = SuiteSet("x", tuple(load_newsmtsc(data_dir / "newsmtsc" / "dev-rw.jsonl")), {"k": ("a", "b", "c", "d")})
    sampled = s.sample(3, seed=5)
    assert len(sampled.pairs) == 3 and len(sampled.groups["k"]) == 3
    # the groups stay with their pairs, in file order
    assert [s.pairs.index(p) for p in sampled.pairs] == ["abcd".index(g) for g in sampled.groups["k"]]
    assert s.sample(None) is s and s.sample(10) is s
    with pytest.raises(ValueError, match="max_per_set must be at least 1"):
        s.sample(0)


def test_head_agreement_is_the_share_of_corresponding_labels(clf, data_dir):
    result = evaluate_suite(clf, data_dir)
    pairs = load_newsmtsc(data_dir / "newsmtsc" / "dev-rw.jsonl")
    probs = clf.predict([p.pair for p in pairs])
    corresponding = {"support": "positive", "opposition": "negative", "neutral": "neutral"}
    expected = np.mean([
        corresponding[STANCE_LABELS[s]] == SENTIMENT_LABELS[t] for s, t in zip(probs.stance.argmax(1), probs.sentiment.argmax(1))
    ])
    agreement = result["sets"]["newsmtsc_dev_rw"]["head_agreement"]
    assert 0.0 <= agreement <= 1.0
    assert agreement == pytest.approx(expected)
    stance = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.8, 0.1, 0.1]])
    sentiment = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.8, 0.1, 0.1], [0.1, 0.1, 0.8]])
    assert head_agreement(stance, sentiment) == 0.5
    with pytest.raises(ValueError, match="need the same number"):
        head_agreement(stance, sentiment[:2])


def test_format_suite_table_has_a_row_per_set():
    result = {"model": "m", "sets": {
        "argq_dev": {"n": 4, "macro_f1": 0.5, "accuracy": 0.75, "f_avg": 0.6, "ece": 0.1, "support_vs_opposition_accuracy": 0.75},
        "contrast": {"n": 3, "macro_f1": 0.25, "accuracy": 1 / 3, "f_avg": 0.2, "ece": 0.3},
    }}
    lines = format_suite_table(result).splitlines()
    assert lines[0] == "| set | n | macro-F1 | accuracy | F_avg | ECE | sup-vs-opp acc |"
    assert lines[2] == "| argq_dev | 4 | 0.500 | 0.750 | 0.600 | 0.100 | 0.750 |"
    assert lines[3] == "| contrast | 3 | 0.250 | 0.333 | 0.200 | 0.300 | - |"
    assert len(lines) == 4


def test_cli_suite_prints_a_table_and_writes_json(tiny_trained, data_dir, contrast, tmp_path, capsys):
    out = tmp_path / "suite.json"
    code = main(["evaluate", "--suite", str(data_dir), "--model", str(tiny_trained.output_dir), "--contrast", str(contrast),
                 "--max-per-set", "3", "--output", str(out)])
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert list(result["sets"]) == list(SUITE_SETS)
    assert {name: m["n"] for name, m in result["sets"].items()} == {name: min(n, 3) for name, n in EXPECTED_N.items()}
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| set | n |")
    assert [line.split(" | ")[0].lstrip("| ") for line in table[2:]] == list(SUITE_SETS)
    assert not list(tmp_path.glob(".suite.json.*.tmp"))


def test_cli_suite_uses_the_repository_contrast_set_by_default(tiny_trained, tmp_path, capsys):
    root = tmp_path / "news-only"
    write_jsonl(root / "newsmtsc" / "dev-rw.jsonl", NEWS_RW)
    assert main(["evaluate", "--suite", str(root), "--model", str(tiny_trained.output_dir), "--max-per-set", "5"]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    assert [r.split(" | ")[0].lstrip("| ") for r in rows] == ["newsmtsc_dev_rw", "contrast"]
    assert "| contrast | 5 |" in rows[1]


def test_cli_suite_with_data_is_refused_with_the_choice(tiny_trained, data_dir, tmp_path, capsys):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"text": "We back NATO.", "target": "NATO", "label": "support"}])
    assert main(["evaluate", "--suite", str(data_dir), "--data", str(gold), "--model", str(tiny_trained.output_dir)]) == 2
    err = capsys.readouterr().err
    assert "--suite cannot be combined with --data" in err
    assert "--suite DATA_DIR" in err and "--data FILE --report DIR" in err
    assert main(["evaluate", "--model", str(tiny_trained.output_dir)]) == 2
    assert "missing --data and --report" in capsys.readouterr().err
    assert main(["evaluate", "--data", str(gold), "--report", str(tmp_path / "r"), "--output", str(tmp_path / "x.json")]) == 2
    assert "--output only go with --suite" in capsys.readouterr().err


def test_evaluate_and_train_read_the_argument_data_sets(tiny_trained, tiny_base, data_dir, tmp_path, capsys):
    argq = data_dir / "ibm-argq-30k" / "arg_quality_rank_30k.csv"
    args = build_parser().parse_args(["evaluate", "--model", str(tiny_trained.output_dir), "--data", str(argq),
                                      "--format", "argq", "--report", str(tmp_path / "report")])
    assert args.func(args) == 0
    assert json.loads((tmp_path / "report" / "metrics.json").read_text())["stance_n"] == len(ARGQ_ROWS)
    persp = data_dir / "perspectrum"
    args = build_parser().parse_args(["train", "--train", str(persp), "--dev", str(persp), "--format", "perspectrum",
                                      "--base", str(tiny_base), "--output", str(tmp_path / "model"), "--epochs", "1", "--no-progress"])
    assert args.func(args) == 0
    assert (tmp_path / "model" / "model.safetensors").is_file()
    with pytest.raises(SystemExit):
        build_parser().parse_args(["train", "--help"])
    help_text = capsys.readouterr().out
    for name in ("argq (ArgQ-30k CSV)", "argkp (ArgKP-2021 CSV)", "perspectrum (the"):
        assert name in " ".join(help_text.split())


def test_the_script_writes_the_suite_json(tiny_trained, data_dir, contrast, tmp_path, monkeypatch, capsys):
    script = load_script("evaluate_suite")
    out = tmp_path / "suite.json"
    monkeypatch.setattr(sys, "argv", ["evaluate_suite.py", "--suite", str(data_dir), "--model", str(tiny_trained.output_dir),
                                      "--contrast", str(contrast), "--threads", "1", "--output", str(out)])
    assert script.main() == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert {name: m["n"] for name, m in result["sets"].items()} == EXPECTED_N
    rows = capsys.readouterr().out.splitlines()[2:]
    assert [r.split(" | ")[0].lstrip("| ") for r in rows] == list(SUITE_SETS)


def test_fit_temperature_script_fits_on_dev_sets_only_and_stores_it(tiny_trained, data_dir, contrast, tmp_path, monkeypatch, capsys):
    script = load_script("fit_temperature")
    model_dir = tmp_path / "model"
    shutil.copytree(tiny_trained.output_dir, model_dir)
    out = tmp_path / "fit.json"
    monkeypatch.setattr(sys, "argv", ["fit_temperature.py", "--suite", str(data_dir), "--model", str(model_dir),
                                      "--contrast", str(contrast), "--threads", "1", "--write", "--output", str(out)])
    assert script.main() == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result["ece_after"]) == set(EXPECTED_N)
    assert not {"argq_test", "perspectrum_test", "contrast"} & set(result["fitted_on"])
    fitted = {name: result["ece_after"][name] for name in result["fitted_on"]}
    at_old = {name: result["ece_before"][name] for name in result["fitted_on"]}
    assert max(fitted.values()) <= max(at_old.values()) + 1e-9
    stored = json.loads((model_dir / "stance_config.json").read_text(encoding="utf-8"))["stance_temperature"]
    assert stored == result["temperature_after"]
    assert StanceClassifier.from_pretrained(model_dir).config.stance_temperature == stored
    assert "used to fit" in capsys.readouterr().out


def test_fit_temperature_script_reports_a_missing_data_folder_without_a_traceback(tiny_trained, tmp_path):
    script = Path(__file__).resolve().parent.parent / "scripts" / "fit_temperature.py"
    done = subprocess.run([sys.executable, str(script), "--suite", str(tmp_path / "absent"), "--model", str(tiny_trained.output_dir)],
                          capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert done.returncode == 2
    assert "error:" in done.stderr and "absent" in done.stderr and "Traceback" not in done.stderr
