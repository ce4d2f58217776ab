"""Parquet output: one row per record with the CSV columns, typed, streamed in row groups,
written atomically; ``stance analyze --format parquet`` needs ``--output``."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from stance.cli import main
from stance.output import csv_fields, parquet_schema, write_parquet


def _record(i: int, speaker=None, quote_id=None) -> dict:
    return {
        "content": f"We back plan {i}.", "start": 10 * i, "end": 10 * i + 15, "speaker": speaker,
        "speaker_mention": speaker, "speaker_start": None, "speaker_end": None, "cue": "said", "cue_start": 10 * i + 16,
        "cue_end": 10 * i + 20, "kind": "direct", "confidence": 0.95, "sentence_start": 10 * i, "sentence_end": 10 * i + 21,
        "cue_type": "speech", "quote_id": quote_id, "article_id": "a1", "target": "the plan", "target_mention": None,
        "target_start": None, "target_end": None, "stance": "support",
        "stance_scores": {"support": 0.7, "opposition": 0.1, "neutral": 0.2},
        "sentiment": "positive", "sentiment_scores": {"positive": 0.6, "negative": 0.1, "neutral": 0.3},
    }


def test_columns_are_the_csv_columns_with_types():
    schema = parquet_schema()
    assert schema.names == csv_fields()
    assert str(schema.field("start").type) == "int64" and str(schema.field("stance_support").type) == "double"
    assert str(schema.field("speaker").type) == "string" and str(schema.field("confidence").type) == "double"


def test_rows_stream_in_row_groups_and_read_back_with_pandas(tmp_path):
    records = [_record(i, speaker="Ann Lee" if i % 2 else None, quote_id=i if i > 2 else None) for i in range(5)]
    path = tmp_path / "records.parquet"
    assert write_parquet(iter(records), path, rows_per_group=2) == 5
    assert pq.ParquetFile(path).num_row_groups == 3
    frame = pd.read_parquet(path)
    assert list(frame.columns) == csv_fields() and len(frame) == 5
    assert frame["content"].tolist() == [r["content"] for r in records]
    assert frame["speaker"].isna().tolist() == [True, False, True, False, True]
    assert set(frame["speaker"].dropna()) == {"Ann Lee"}
    assert frame["stance_support"].tolist() == [0.7] * 5 and frame["sentiment_neutral"].tolist() == [0.3] * 5
    assert pq.read_table(path).column("quote_id").to_pylist() == [None, None, None, 3, 4]  # nullable ints stay ints


def test_no_records_is_a_valid_empty_file(tmp_path):
    path = tmp_path / "empty.parquet"
    assert write_parquet([], path) == 0
    frame = pd.read_parquet(path)
    assert len(frame) == 0 and list(frame.columns) == csv_fields()


def test_a_failure_while_writing_keeps_the_old_file(tmp_path):
    path = tmp_path / "records.parquet"
    write_parquet([_record(0)], path)

    def failing():
        yield _record(1)
        raise RuntimeError("the pipeline broke")

    with pytest.raises(RuntimeError):
        write_parquet(failing(), path, rows_per_group=1)
    assert pd.read_parquet(path)["content"].tolist() == ["We back plan 0."]
    assert [p.name for p in tmp_path.iterdir()] == ["records.parquet"]  # no temporary file left


def test_analyze_parquet_has_the_rows_and_columns_of_csv(tiny_trained, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Mayor Jane Doe said she supports the new park. Councilman Bob Smith said he opposes the new park.", encoding="utf-8")
    common = ["analyze", str(article), "--targets", "the new park", "--model", str(tiny_trained.output_dir)]
    assert main([*common, "--format", "csv", "--output", str(tmp_path / "r.csv")]) == 0
    assert main([*common, "--format", "parquet", "--output", str(tmp_path / "r.parquet")]) == 0
    from_csv = pd.read_csv(tmp_path / "r.csv", keep_default_na=False, na_values=[""])
    from_parquet = pd.read_parquet(tmp_path / "r.parquet")
    assert list(from_parquet.columns) == list(from_csv.columns) and len(from_parquet) == len(from_csv) == 2
    for column in ("content", "speaker", "target", "stance", "kind"):
        assert from_parquet[column].tolist() == from_csv[column].tolist()
    assert from_parquet["start"].tolist() == from_csv["start"].tolist()
    assert from_parquet["stance_support"].round(4).tolist() == from_csv["stance_support"].tolist()


def test_analyze_parquet_without_output_is_one_clear_error(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Smith said the plan would fail.", encoding="utf-8")
    # the check comes before the model is loaded: the model path need not exist
    assert main(["analyze", str(article), "--format", "parquet", "--model", str(tmp_path / "no-model")]) == 2
    err = capsys.readouterr().err
    assert "--format parquet" in err and "--output" in err and json.dumps(err).count("\\n") <= 2
