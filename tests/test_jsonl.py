"""The one JSONL reader (stance.jsonl) and the corpora that read through it."""

import json

import pytest

from stance.corpus import iter_articles
from stance.jsonl import SkippedItem, read_jsonl


def write_lines(path, *lines: bytes):
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def test_lines_are_numbered_from_one_and_blank_lines_are_skipped(tmp_path):
    path = write_lines(tmp_path / "r.jsonl", b'{"a": 1}', b"", b"   ", b'{"a": 2}')
    assert list(read_jsonl(path)) == [(1, {"a": 1}), (4, {"a": 2})]


def test_a_byte_order_mark_is_accepted_on_the_first_line_only(tmp_path):
    path = write_lines(tmp_path / "r.jsonl", "\ufeff".encode() + b'{"a": 1}', "\ufeff".encode() + b'{"a": 2}')
    with pytest.raises(ValueError, match=r"r\.jsonl:2: malformed JSON"):
        list(read_jsonl(path))
    assert list(read_jsonl(path, on_error="skip")) == [(1, {"a": 1})]


def test_a_line_separator_inside_a_string_does_not_split_the_line(tmp_path):
    text = "first\u2028second\x85third"
    path = write_lines(tmp_path / "r.jsonl", json.dumps({"t": text}, ensure_ascii=False).encode(), b'{"t": "next"}')
    assert list(read_jsonl(path)) == [(1, {"t": text}), (2, {"t": "next"})]


def test_bad_lines_raise_with_file_and_line(tmp_path):
    path = write_lines(tmp_path / "r.jsonl", b'{"a": 1}', b"[1, 2]")
    with pytest.raises(ValueError, match=r"r\.jsonl:2: expected a JSON object, got list"):
        list(read_jsonl(path))
    write_lines(path, b'{"a": 1}', b'{"a": ')
    with pytest.raises(ValueError, match=r"r\.jsonl:2: malformed JSON \("):
        list(read_jsonl(path))


def test_skip_reports_each_bad_line_and_reads_the_rest(tmp_path, caplog):
    path = write_lines(tmp_path / "r.jsonl", b'{"a": 1}', b"not json", b"\xff\xfe", b'"text"', b'{"a": 5}')
    skipped: list[SkippedItem] = []
    assert list(read_jsonl(path, on_error="skip", skipped=skipped)) == [(1, {"a": 1}), (5, {"a": 5})]
    assert [s.source for s in skipped] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert all(s.reason.startswith(s.source + ": ") for s in skipped)
    assert "not UTF-8 text (byte 0xff)" in skipped[1].reason
    assert f"{path}:3: not UTF-8" in caplog.text


def test_a_line_that_is_not_utf8_is_skipped_even_when_bad_json_raises(tmp_path):
    path = write_lines(tmp_path / "r.jsonl", b"\x80", b'{"a": 2}')
    skipped: list[SkippedItem] = []
    assert list(read_jsonl(path, skipped=skipped)) == [(2, {"a": 2})]
    assert [s.source for s in skipped] == [f"{path}:1"]


def test_missing_file_and_unknown_policy(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(read_jsonl(tmp_path / "none.jsonl"))
    with pytest.raises(ValueError, match="raise, skip"):
        list(read_jsonl(tmp_path / "none.jsonl", on_error="ignore"))


def test_a_corpus_goes_on_after_a_line_that_is_not_utf8(tmp_path):
    corpus = write_lines(
        tmp_path / "c.jsonl",
        json.dumps({"id": "a", "text": "One."}).encode(),
        b"\xff broken",
        json.dumps({"id": "b", "text": "Two."}).encode(),
        json.dumps({"id": "c"}).encode(),
        b"[3]",
    )
    skipped: list[SkippedItem] = []
    assert [a.article_id for a in iter_articles([corpus, tmp_path / "none.jsonl"], skipped)] == ["a", "b"]
    assert [s.source for s in skipped] == [f"{corpus}:2", f"{corpus}:4", f"{corpus}:5", str(tmp_path / "none.jsonl")]
    assert "'text' field" in skipped[1].reason and "cannot read" in skipped[3].reason
