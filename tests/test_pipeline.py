"""End-to-end pipeline: targets, records, outputs, the analyze CLI, the annotation round trip."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import stance
from stance.extract import Extractor
from stance.cli import main
from stance.evaluation.attribution import load_gold
from stance.evaluation.pipeline import gold_targets, pipeline_report
from stance.model import StanceClassifier
from stance.output import plot_summary, summarize, write_csv, write_jsonl
from stance.pipeline import Pipeline
from stance.targets import Target, TargetMatcher, as_targets

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_3f02757656f424b1"
SEED_TARGETS = ["Kazakhstan", "Kassym-Jomart Tokayev", "outside forces"]


@pytest.fixture(scope="module")
def seed_text():
    return SEED.with_suffix(".txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tiny_pipeline(tiny_trained):
    return Pipeline(Extractor(), StanceClassifier.from_pretrained(tiny_trained.output_dir))


# ---------------------------------------------------------------- targets
def test_target_matching_forms():
    text = "Kazakh authorities thanked TOKAYEV and Kazakhstan’s people; the Central Asian nation agreed."
    matcher = TargetMatcher(as_targets([Target("Kazakhstan", aliases=("the Central Asian nation",)), "Kassym-Jomart Tokayev", "outside forces"]))
    mentions = {m.target: m for m in matcher.find(text, 0, len(text))}
    assert set(mentions) == {"Kazakhstan", "Kassym-Jomart Tokayev"}
    assert mentions["Kazakhstan"].text == "Kazakh"  # demonym, first mention
    assert mentions["Kassym-Jomart Tokayev"].text == "TOKAYEV"  # surname, any case
    for m in mentions.values():
        assert text[m.start : m.end] == m.text
    possessive = TargetMatcher([Target("Kazakhstan")]).find("Kazakhstan’s stability", 0, 22)[0]
    assert possessive.text == "Kazakhstan"
    # descriptions count only through aliases
    assert TargetMatcher([Target("Kazakhstan")]).find("the Central Asian nation", 0, 24) == []
    # a word inside another word is not a mention
    assert TargetMatcher([Target("Iran")]).find("Iranian oil and Tirana", 0, 22)[0].text == "Iranian"


@pytest.mark.parametrize("bad", [[""], ["  "], [3], ["Kazakhstan", "kazakhstan"]])
def test_bad_targets_are_refused(bad):
    with pytest.raises(ValueError):
        as_targets(bad)


# ---------------------------------------------------------------- records
def test_records_on_seed(tiny_pipeline, seed_text):
    result = tiny_pipeline(seed_text, targets=SEED_TARGETS, article_id="seed")
    assert result.error is None and result.statements and result.records
    statements = {(s.start, s.end) for s in result.statements}
    for record in result.records:
        row = record.to_dict()
        assert (row["start"], row["end"]) in statements
        assert row["article_id"] == "seed"
        assert row["target"] in SEED_TARGETS
        assert row["mention_kind"] is not None and 0 < row["link_score"] <= 1
        if row["mention_kind"] != "carried":  # a carried link has no mention of its own
            assert seed_text[row["target_start"] : row["target_end"]] == row["target_mention"]
            assert row["start"] <= row["target_start"] < row["target_end"] <= row["end"]
        assert set(row["stance_scores"]) == {"support", "opposition", "neutral"}
        assert row["stance"] == max(row["stance_scores"], key=row["stance_scores"].get)
        assert abs(sum(row["stance_scores"].values()) - 1) < 1e-3
        assert row["speaker"] != row["target"]
    # every statement that names Kazakhstan gets a Kazakhstan record; linking by names
    # only gives exactly those, resolved linking more ("the Central Asian nation")
    named = [s for s in result.statements if "Kazakh" in s.content]
    by_names = tiny_pipeline(seed_text, targets=SEED_TARGETS, link="names").records
    assert len([r for r in by_names if r.target == "Kazakhstan"]) == len(named)
    assert len([r for r in result.records if r.target == "Kazakhstan"]) > len(named)


def test_all_targets_scores_every_pair_except_the_speaker(tiny_pipeline):
    text = 'Senator Ann Lee said the plan hurts farmers. "We must stop it," said Tom Hart.'
    result = tiny_pipeline(text, targets=["Ann Lee", "farmers"], all_targets=True)
    pairs = {(r.statement.speaker, r.target) for r in result.records}
    assert pairs == {("Ann Lee", "farmers"), ("Tom Hart", "Ann Lee"), ("Tom Hart", "farmers")}
    assert all(r.target_start is None for r in result.records if r.target == "Ann Lee")


def test_automatic_targets_on_seed(tiny_pipeline, seed_text):
    targets = {r.target for r in tiny_pipeline(seed_text).records}
    assert {"Kazakhstan", "China", "Kassym-Jomart Tokayev"} <= targets
    # one canonical name each: no demonym or short-name variants
    assert not targets & {"Kazakh", "Tokayev", "Chinese", "Xi"}


def test_pipe_streams_and_reports_bad_items(tiny_pipeline):
    items = [("a", "Smith said he backs Kazakhstan."), 42, ("b", None), "Jones said Kazakhstan erred.", ("c", "")]
    results = list(tiny_pipeline.pipe(iter(items), targets=["Kazakhstan"]))
    assert [r.article_id for r in results] == ["a", None, "b", None, "c"]
    assert [bool(r.error) for r in results] == [False, True, True, False, False]
    assert "expected" in results[1].error
    assert [len(r.records) for r in results] == [1, 0, 0, 1, 0]
    assert results[0].records[0].statement.speaker == "Smith"


def test_call_rejects_non_text(tiny_pipeline):
    with pytest.raises(TypeError, match="str"):
        tiny_pipeline(b"bytes")


# ---------------------------------------------------------------- outputs
def test_outputs_dataframe_jsonl_csv_summary_plot(tiny_pipeline, seed_text, tmp_path):
    result = tiny_pipeline(seed_text, targets=SEED_TARGETS)
    frame = result.to_dataframe()
    assert len(frame) == len(result.records) and {"speaker", "target", "stance", "stance_scores"} <= set(frame.columns)
    assert write_jsonl(result.to_records(), tmp_path / "r.jsonl") == len(result.records)
    lines = (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == result.to_records()[0]
    write_csv(result.to_records(), tmp_path / "r.csv")
    with open(tmp_path / "r.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(result.records) and float(rows[0]["stance_support"]) == result.records[0].stance_scores["support"]
    cells = summarize(result.to_records())
    xi = [c for c in cells if c.speaker == "Xi Jinping" and c.target == "Kazakhstan"][0]
    assert xi.n_statements == sum(1 for r in result.records if r.statement.speaker == "Xi Jinping" and r.target == "Kazakhstan")
    assert sum(c.n_statements for c in cells) == len(result.records)
    png = plot_summary(cells, tmp_path / "heat.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="no records"):
        plot_summary([], tmp_path / "empty.png")


# ---------------------------------------------------------------- CLI and round trip
def test_cli_analyze_corpus_with_a_bad_article(tiny_trained, tmp_path, capsys, seed_text):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(seed_text, encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(json.dumps({"id": "x1", "text": "Smith said Kazakhstan erred."}) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    plot = tmp_path / "summary.png"
    code = main(["analyze", str(corpus), str(jsonl), "--targets", *SEED_TARGETS, "--model", str(tiny_trained.output_dir),
                 "--output", str(out), "--summary", "--plot", str(plot)])
    captured = capsys.readouterr()
    assert code == 1  # something was skipped
    assert "broken.txt" in captured.err and "more.jsonl:2" in captured.err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["article_id"] for r in rows} == {str(corpus / "seed.txt"), "x1"}
    assert "Xi Jinping" in captured.out and "Kazakhstan" in captured.out  # the summary table
    assert plot.read_bytes()[:4] == b"\x89PNG"


def test_analyze_records_train_without_conversion(tiny_trained, tiny_base, tmp_path, capsys):
    """Run the library, correct the stance labels, fine-tune on the records as they are."""
    article = tmp_path / "a.txt"
    article.write_text(
        "Mayor Jane Doe said she strongly supports the new park. "
        "Councilman Bob Smith said he firmly opposes the new park. "
        "Resident Ann Lee said the new park opens in May.",
        encoding="utf-8",
    )
    records_path = tmp_path / "records.jsonl"
    assert main(["analyze", str(article), "--targets", "the new park", "--model", str(tiny_trained.output_dir), "--output", str(records_path)]) == 0
    records = [json.loads(line) for line in records_path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3
    corrected = {"Jane Doe": "support", "Bob Smith": "opposition", "Ann Lee": "neutral"}
    for record in records:
        record["stance"] = corrected[record["speaker"]]  # a person fixes the labels
    records_path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    model_dir = tmp_path / "model"
    code = main(["train", "--train", str(records_path), "--dev", str(records_path), "--base", str(tiny_base),
                 "--output", str(model_dir), "--epochs", "1", "--batch-size", "3", "--no-progress"])
    assert code == 0, capsys.readouterr().err
    retrained = StanceClassifier.from_pretrained(model_dir)
    assert retrained.predict([stance.Pair(records[0]["content"], "the new park")]).stance.shape == (1, 3)


# ---------------------------------------------------------------- evaluation
def test_pipeline_report_counts_gold_pairs(tiny_pipeline, seed_text):
    gold = load_gold(SEED.with_suffix(".gold.jsonl"))
    result = tiny_pipeline(seed_text, targets=gold_targets(gold), all_targets=True)
    report = pipeline_report(result, gold)
    n_required_pairs = sum(len(g.stance) for g in gold if not g.optional)
    assert report.metrics["n_stance_pairs"] >= n_required_pairs
    assert report.metrics["n_stance_correct"] == sum(o.correct for o in report.outcomes)
    assert all(o.reason in ("right", "wrong label", "statement not found", "target not scored") for o in report.outcomes)
    # with all_targets every found statement has a record for every gold target
    assert not [o for o in report.outcomes if o.reason == "target not scored"]


# ---------------------------------------------------------------- the bundled model
@pytest.mark.parametrize("model", ["fast", "accurate"])
def test_bundled_model_on_the_seed(model, seed_text):
    nlp = stance.load(model=model)
    result = nlp(seed_text, targets=SEED_TARGETS)
    by_pair: dict[tuple, list[str]] = {}
    for record in result.records:
        by_pair.setdefault((record.statement.speaker, record.target), []).append(record.stance)

    def majority(speaker, target):
        labels = by_pair[(speaker, target)]
        return max(set(labels), key=labels.count)

    assert majority("Xi Jinping", "Kazakhstan") == "support"
    assert majority("Xi Jinping", "outside forces") == "opposition"
    assert majority("Wang Wenbin", "Kazakhstan") == "support"


@pytest.mark.parametrize("model, floor", [("fast", 0.8), ("accurate", 0.8)])
def test_seed_three_target_stance_check_with_each_bundled_model(model, floor, seed_text):
    # the seed's gold (statement, target) pairs of non-optional statements, scored as
    # scripts/evaluate_pipeline.py scores them; measured: accurate 13/14, fast 12/14
    gold = load_gold(SEED.with_suffix(".gold.jsonl"))
    result = stance.load(model=model)(seed_text, targets=SEED_TARGETS, all_targets=True)
    metrics = pipeline_report(result, gold).metrics
    assert metrics["n_stance_pairs_required"] >= 14
    assert metrics["stance_accuracy_required"] >= floor


def test_an_extraction_failure_skips_only_that_article(tiny_pipeline, monkeypatch):
    from stance.extract import article

    original = article.ArticleState.process_paragraph

    def flaky(self, index, para, doc, n_paragraphs):
        if "EXPLODE" in doc.text:
            raise RuntimeError("boom")
        return original(self, index, para, doc, n_paragraphs)

    monkeypatch.setattr(article.ArticleState, "process_paragraph", flaky)
    texts = ["Smith said he backs Kazakhstan.", "EXPLODE said nothing.", "Jones said Kazakhstan erred."]
    results = list(tiny_pipeline.pipe(texts, targets=["Kazakhstan"]))
    assert [r.error is not None for r in results] == [False, True, False]
    assert "boom" in results[1].error
    assert [len(r.records) for r in results] == [1, 0, 1]


def _record_rows(results):
    return [(r.article_id, r.error, [(x.statement.start, x.target, x.stance, x.stance_scores) for x in r.records]) for r in results]


def test_scoring_on_a_background_thread_gives_the_same_answers_in_order(tiny_trained, seed_text, monkeypatch):
    import threading

    from stance import pipeline as pipeline_module

    items = [("seed", seed_text), ("bad", 42), ("one", "Smith said he backs Kazakhstan."), ("empty", ""), ("seed2", seed_text)]
    extractor, classifier = Extractor(), StanceClassifier.from_pretrained(tiny_trained.output_dir)
    threads = []
    original = pipeline_module.plan_pairs

    def watched(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline_module, "plan_pairs", watched)
    background = list(Pipeline(extractor, classifier).pipe(items, targets=SEED_TARGETS, workers=1))
    assert threads and all(name.startswith("stance-scoring") for name in threads)
    threads.clear()
    inline = list(Pipeline(extractor, classifier, score_in_background=False).pipe(items, targets=SEED_TARGETS, workers=1))
    assert threads and all(name == threading.main_thread().name for name in threads)
    assert _record_rows(background) == _record_rows(inline)
    assert [r.article_id for r in background] == ["seed", "bad", "one", "empty", "seed2"]
    assert sum(len(r.records) for r in background) > 3


def test_a_scoring_failure_skips_only_that_article_and_raise_keeps_the_order(tiny_pipeline, monkeypatch):
    original = tiny_pipeline.classifier.predict

    def flaky(pairs, batch_size=32):
        if any("EXPLODE" in p.text for p in pairs):
            raise RuntimeError("boom")
        return original(pairs, batch_size=batch_size)

    monkeypatch.setattr(tiny_pipeline.classifier, "predict", flaky)
    texts = ['"We back Kazakhstan," Smith said.', '"Kazakhstan must EXPLODE the plan," Brown said.', '"Kazakhstan erred," Jones said.']
    results = list(tiny_pipeline.pipe(texts, targets=["Kazakhstan"], workers=1))
    assert [r.error is not None for r in results] == [False, True, False]
    assert "scoring failed: boom" in results[1].error
    assert [len(r.records) for r in results] == [1, 0, 1]
    stream = tiny_pipeline.pipe(texts, targets=["Kazakhstan"], workers=1, on_error="raise")
    assert len(next(stream).records) == 1  # the article before the failing one is answered first
    with pytest.raises(RuntimeError, match="boom"):
        next(stream)


def test_closing_a_stream_early_stops_its_scoring_thread(tiny_pipeline, seed_text):
    import threading

    stream = tiny_pipeline.pipe([seed_text] * 6, targets=SEED_TARGETS, workers=1)
    assert next(stream).records
    stream.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("stance-scoring")]
