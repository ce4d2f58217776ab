import json

import pytest
from mix_data import write_csv, write_jsonl

from stance.data import (
    LabeledPair,
    from_hf_dataset,
    ibm_holdout_topics,
    ibm_topic_ids,
    load_argkp,
    load_argq,
    load_csv,
    load_ibm_claim_stance,
    load_ibm_claims,
    load_jsonl,
    load_newsmtsc,
    load_pairs,
    load_perspectrum,
    load_semeval2016,
    pair_from_record,
    to_hf_dataset,
)


def test_jsonl_with_offsets_and_label_map(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [
        {"text": "Yes to NATO.", "target": "NATO", "label": "FAVOR", "target_start": 7, "target_end": 11},
        {"text": "No tax.", "target": "tax", "label": "Opposition", "extra": 1},
    ])
    pairs = load_jsonl(path, label_map={"FAVOR": "support"})
    assert pairs == [
        LabeledPair("Yes to NATO.", "NATO", "support", 7, 11),
        LabeledPair("No tax.", "tax", "opposition"),
    ]


def test_pipeline_records_are_accepted(tmp_path):
    article = "Intro. Smith said he backs NATO fully. Other NATO news."
    start = article.index("he backs")
    end = article.index(" Other")
    record = {
        "content": article[start:end], "start": start, "end": end, "speaker": "Smith", "kind": "indirect",
        "target": "NATO", "target_start": article.index("NATO"), "target_end": article.index("NATO") + 4,
        "stance": "support", "stance_scores": {"support": 0.9}, "sentiment": "positive", "sentiment_scores": {"positive": 0.8},
    }
    pair = pair_from_record(record)
    assert pair.text[pair.target_start:pair.target_end] == "NATO"
    # The record's sentiment is the model's own guess (it has sentiment_scores), not a label.
    assert (pair.label, pair.sentiment) == ("support", None)
    plain = {k: v for k, v in record.items() if k != "sentiment_scores"}
    assert pair_from_record(dict(plain, sentiment="positive")).sentiment == "positive"
    # A target mention outside the statement is dropped (the target name stays).
    outside = dict(record, target_start=article.rindex("NATO"), target_end=article.rindex("NATO") + 4)
    assert pair_from_record(outside).target_start is None


def test_malformed_line_names_its_line_number(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "a", "target": "b", "label": "support"}\n\n{"text": oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"d\.jsonl:3: malformed JSON"):
        load_jsonl(path)


def test_unknown_label_lists_valid_ones(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [{"text": "a", "target": "b", "label": "FAVOR"}])
    with pytest.raises(ValueError, match=r"d\.jsonl:1: unknown label 'FAVOR'; valid labels: support, opposition, neutral"):
        load_jsonl(path)


def test_missing_field_is_named(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [{"text": "a", "label": "support"}])
    with pytest.raises(ValueError, match="missing field 'target'"):
        load_jsonl(path)


def test_bad_offsets_are_refused(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [{"text": "abc", "target": "b", "label": "support", "target_start": 1, "target_end": 9}])
    with pytest.raises(ValueError, match="outside the text"):
        load_jsonl(path)


def test_empty_file_says_so(tmp_path):
    (tmp_path / "e.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(ValueError, match="empty"):
        load_jsonl(tmp_path / "e.jsonl")
    (tmp_path / "e.csv").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="empty"):
        load_csv(tmp_path / "e.csv")


def test_missing_file_raises_file_not_found(tmp_path):
    for loader in (load_jsonl, load_csv, load_newsmtsc, load_ibm_claim_stance, load_semeval2016):
        with pytest.raises(FileNotFoundError):
            loader(tmp_path / "nope.jsonl")


def test_csv(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('text,target,label,target_start,target_end\n"Yes, NATO.",NATO,pro,5,9\nNo tax.,tax,con,,\n', encoding="utf-8")
    pairs = load_pairs(path, label_map={"pro": "support", "con": "opposition"})
    assert pairs == [LabeledPair("Yes, NATO.", "NATO", "support", 5, 9), LabeledPair("No tax.", "tax", "opposition")]
    path.write_text("text,target,label\nNo tax.,tax,maybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"d\.csv:2: unknown label 'maybe'"):
        load_csv(path)


def test_newsmtsc(tmp_path):
    path = write_jsonl(tmp_path / "n.jsonl", [
        {"mention": "Trump", "polarity": -1, "from": 4, "to": 9, "sentence": "Why Trump lost.", "id": "a"},
        {"mention": "Biden", "polarity": 1, "from": 0, "to": 5, "sentence": "Biden wins.", "id": "b"},
    ])
    pairs = load_newsmtsc(path)
    assert [(p.label, p.sentiment, p.text[p.target_start:p.target_end]) for p in pairs] == [
        ("opposition", "negative", "Trump"), ("support", "positive", "Biden")]
    path.write_text(json.dumps({"mention": "X", "polarity": 0, "from": 0, "to": 1, "sentence": "X."}) + '\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"n\.jsonl:2: malformed JSON"):
        load_newsmtsc(path)
    write_jsonl(path, [{"mention": "X"}])
    with pytest.raises(ValueError, match=r"n\.jsonl:1: missing field\(s\) polarity, from, to, sentence"):
        load_newsmtsc(path)
    write_jsonl(path, [{"mention": "X", "polarity": 5, "from": 0, "to": 1, "sentence": "X."}])
    with pytest.raises(ValueError, match=r"n\.jsonl:1: unknown polarity 5; valid: -1, 0, 1"):
        load_newsmtsc(path)


def test_ibm_claim_stance_topics(tmp_path):
    path = write_jsonl(tmp_path / "i.jsonl", [
        {"id": "1", "topic_id": 7, "motion": "m", "target": "open primaries", "text": "They help.", "stance_to_motion": "support", "stance_to_target": "support"},
        {"id": "2", "topic_id": 9, "motion": "m", "target": "the ban", "text": "It hurts.", "stance_to_motion": "support", "stance_to_target": "opposition"},
    ])
    assert ibm_topic_ids(path) == [7, 9]
    assert [p.label for p in load_ibm_claim_stance(path)] == ["support", "opposition"]
    assert [p.target for p in load_ibm_claim_stance(path, exclude_topics={7})] == ["the ban"]
    assert [p.label for p in load_ibm_claim_stance(path, topics={9}, stance_field="stance_to_motion")] == ["support"]
    assert ibm_holdout_topics(path, every=2) == [7]
    with pytest.raises(ValueError, match="every must be at least 2"):
        ibm_holdout_topics(path, every=1)
    with pytest.raises(ValueError, match="no labeled pairs"):
        load_ibm_claim_stance(path, topics={8})


def test_ibm_claims_carry_their_row_id_and_topic(tmp_path):
    rows = [
        {"id": "1", "topic_id": 7, "target": "open primaries", "text": "They help.", "stance_to_target": "support"},
        {"id": "2", "topic_id": 9, "target": "the ban", "text": "It hurts.", "stance_to_target": "opposition"},
        {"id": 3, "topic_id": 7, "target": "open primaries", "text": "They hurt.", "stance_to_target": "opposition"},
    ]
    path = tmp_path / "i.jsonl"
    path.write_text(json.dumps(rows[0]) + "\n\n" + "".join(json.dumps(r) + "\n" for r in rows[1:]), encoding="utf-8")
    claims = load_ibm_claims(path)
    assert [(c.row, c.claim_id, c.topic_id) for c in claims] == [(0, "1", 7), (1, "2", 9), (2, 3, 7)]  # blank lines do not count
    assert [c.pair for c in claims] == load_ibm_claim_stance(path)
    assert [c.pair for c in claims if c.topic_id != 7] == load_ibm_claim_stance(path, exclude_topics={7})
    write_jsonl(path, [{k: v for k, v in rows[0].items() if k != "stance_to_target"}])
    with pytest.raises(ValueError, match=r"i\.jsonl:1: missing field 'stance_to_target'"):
        load_ibm_claims(path)


def test_semeval_tsv(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("ID\tTarget\tTweet\tStance\n101\tAtheism\tGod is great #faith\tAGAINST\n102\tHillary Clinton\tGo Hillary!\tFAVOR\n103\tAtheism\tnice day\tNONE\n", encoding="utf-8")
    assert [p.label for p in load_semeval2016(path)] == ["opposition", "support", "neutral"]
    path.write_text("ID\tTarget\tTweet\tStance\n101\tAtheism\tno stance column\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"s\.txt:2: malformed line"):
        load_semeval2016(path)


def test_load_pairs_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="jsonl, csv, newsmtsc, ibm, semeval"):
        load_pairs(tmp_path / "d.xml")


def test_hf_dataset_round_trip():
    pairs = [LabeledPair("Yes to NATO.", "NATO", "support", 7, 11, "positive"), LabeledPair("No tax.", "tax", "opposition")]
    dataset = to_hf_dataset(pairs)
    assert len(dataset) == 2 and {"text", "target", "label"} <= set(dataset.column_names)
    assert from_hf_dataset(dataset) == pairs


def test_a_csv_file_that_is_not_utf8_is_refused_with_the_file_name(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"text,target,label\n" + bytes(range(128, 256)) * 4)
    with pytest.raises(ValueError, match=r"data\.bin: not UTF-8 text"):
        load_csv(path)


def test_a_jsonl_line_that_is_not_utf8_is_reported_and_skipped(tmp_path, caplog):
    good = {"text": "Zürich backs the tax.", "target": "the tax", "label": "support"}
    path = tmp_path / "d.jsonl"
    path.write_bytes(json.dumps(good, ensure_ascii=False).encode() + b"\n" + bytes(range(128, 256)) + b"\n" + json.dumps(good).encode() + b"\n")
    assert [p.text for p in load_jsonl(path)] == [good["text"], good["text"]]
    assert "d.jsonl:2: not UTF-8 text (byte 0x80)" in caplog.text
    # Only lines that are not UTF-8: nothing is left to load.
    path.write_bytes(bytes(range(128, 256)) * 4 + b"\n")
    with pytest.raises(ValueError, match="no labeled pairs"):
        load_jsonl(path)


def test_jsonl_loaders_accept_a_byte_order_mark(tmp_path):
    row = {"id": "a", "mention": "Biden", "polarity": 1, "from": 0, "to": 5, "sentence": "Biden wins."}
    path = tmp_path / "n.jsonl"
    path.write_text("\ufeff" + json.dumps(row) + "\n", encoding="utf-8")
    assert load_newsmtsc(path)[0].target == "Biden"


ARGQ_HEADER = ["argument", "topic", "set", "WA", "MACE-P", "stance_WA", "stance_WA_conf"]
ARGQ_ROWS = [
    ["Whales suffer. ", "We should ban whaling", "train", "0.9", "0.8", "1", "1.0"],
    ["Whaling feeds towns.", "We should ban whaling", "train", "0.7", "0.6", "-1", "0.6"],
    ["Loans trap the poor.", "Payday loans should be banned", "dev", "0.8", "0.7", "1", "1.0"],
    ["Zoos are prisons.", "We should abolish zoos", "test", "0.8", "0.7", "-1", "0.9"],
]


def test_argq_split_and_labels(tmp_path):
    path = write_csv(tmp_path / "arg_quality_rank_30k.csv", ARGQ_HEADER, ARGQ_ROWS)
    pairs = load_argq(path)
    assert [(p.text, p.target, p.label) for p in pairs] == [
        ("Whales suffer.", "We should ban whaling", "support"),
        ("Whaling feeds towns.", "We should ban whaling", "opposition"),
        ("Loans trap the poor.", "Payday loans should be banned", "support"),
        ("Zoos are prisons.", "We should abolish zoos", "opposition"),
    ]
    assert [p.text for p in load_argq(path, split="train")] == ["Whales suffer.", "Whaling feeds towns."]
    assert [p.target for p in load_argq(path, split="test")] == ["We should abolish zoos"]
    assert [p.text for p in load_argq(path, split="train", min_confidence=0.8)] == ["Whales suffer."]
    assert load_pairs(path, "argq") == pairs
    with pytest.raises(ValueError, match="unknown split 'validation'; valid: train, dev, test"):
        load_argq(path, split="validation")
    write_csv(path, ARGQ_HEADER, [["An argument.", "A topic", "dev", "0.5", "0.5", "0", "1.0"]])
    with pytest.raises(ValueError, match=r"arg_quality_rank_30k\.csv:2: unknown label '0'"):
        load_argq(path)
    write_csv(path, ["argument", "topic"], [["An argument.", "A topic"]])
    with pytest.raises(ValueError, match="missing column"):
        load_argq(path)
    write_csv(path, ARGQ_HEADER, [["An argument.", "A topic", "dev", "0.5", "0.5", "1", "high"]])
    with pytest.raises(ValueError, match=r"arg_quality_rank_30k\.csv:2: stance_WA_conf must be a number, not 'high'"):
        load_argq(path, min_confidence=0.5)


def test_argkp_dedups_arguments_and_reads_key_points(tmp_path):
    path = write_csv(tmp_path / "ArgKP-2021_dataset.csv", ["topic", "argument", "key_point", "stance", "label"], [
        ["Homeschooling should be banned", "Kids need friends.", "Schools teach social skills", "1", "1"],
        ["Homeschooling should be banned", "Kids need friends.", "Parents are not teachers", "1", "0"],
        ["Homeschooling should be banned", "Parents know best.", "Parents decide for their children", "-1", "1"],
        ["Homeschooling should be banned", "Parents know best.", "Schools teach social skills", "-1", "0"],
        ["We should ban whaling", "Whales feel pain.", "Whaling is cruel", "1", "1"],
    ])
    pairs = load_argkp(path, exclude_topics={"We should ban whaling"})
    assert [(p.text, p.target, p.label) for p in pairs] == [
        ("Kids need friends.", "Homeschooling should be banned", "support"),
        ("Parents know best.", "Homeschooling should be banned", "opposition"),
    ]
    key_points = load_argkp(path, key_points=True, exclude_topics={"We should ban whaling"})
    assert [(p.text, p.target, p.label) for p in key_points] == [
        ("Kids need friends.", "Schools teach social skills", "support"),
        ("Parents know best.", "Parents decide for their children", "support"),
    ]
    assert load_argkp(path, key_points=True)[-1].target == "Whaling is cruel"
    assert load_pairs(path, "argkp") == [*pairs, LabeledPair("Whales feel pain.", "We should ban whaling", "support")]


def write_perspectrum(folder):
    folder.mkdir()
    claims = [
        {"cId": 1, "text": "Animals should have rights.", "source": "x", "perspectives": [
            {"pids": [10, 11], "stance_label_3": "SUPPORT"}, {"pids": [12], "stance_label_3": "UNDERMINE"}]},
        {"cId": 2, "text": "Voting should be compulsory.", "source": "x", "perspectives": [
            {"pids": [20], "stance_label_3": "UNDERMINE"}]},
    ]
    pool = [{"pId": pid, "text": f"Perspective {pid}.", "source": "x"} for pid in (10, 11, 12, 20)]
    files = {"perspectrum_with_answers": claims, "perspective_pool": pool, "dataset_split": {"1": "train", "2": "dev"}}
    for name, obj in files.items():
        (folder / f"{name}_v1.0.json").write_text(json.dumps(obj), encoding="utf-8")
    return folder


def test_perspectrum_labels_and_split(tmp_path):
    folder = write_perspectrum(tmp_path / "perspectrum")
    pairs = load_perspectrum(folder)
    assert [(p.text, p.target, p.label) for p in pairs] == [
        ("Perspective 10.", "Animals should have rights.", "support"),
        ("Perspective 11.", "Animals should have rights.", "support"),
        ("Perspective 12.", "Animals should have rights.", "opposition"),
        ("Perspective 20.", "Voting should be compulsory.", "opposition"),
    ]
    assert [p.text for p in load_perspectrum(folder, split="dev")] == ["Perspective 20."]
    assert load_perspectrum(folder / "perspectrum_with_answers_v1.0.json", split="train") == pairs[:3]
    assert load_pairs(folder, "perspectrum") == pairs
    with pytest.raises(ValueError, match="unknown split 'val'; valid: train, dev, test"):
        load_perspectrum(folder, split="val")
    with pytest.raises(ValueError, match="no labeled pairs"):
        load_perspectrum(folder, split="test")
    (folder / "dataset_split_v1.0.json").unlink()
    with pytest.raises(FileNotFoundError, match="dataset_split_v1.0.json: no such file"):
        load_perspectrum(folder)


@pytest.mark.parametrize("file, content, message", [
    ("perspectrum_with_answers", [{"cId": 1, "text": "A claim."}], r"claim 1: not a Perspectrum claim as released .*'perspectives'"),
    ("perspectrum_with_answers", ["not a claim"], "not a Perspectrum claim as released"),
    ("perspective_pool", [{"id": 10}], r"perspective_pool_v1\.0\.json: expected a list of"),
])
def test_perspectrum_files_not_as_released_are_a_clear_error(tmp_path, file, content, message):
    folder = write_perspectrum(tmp_path / "perspectrum")
    (folder / f"{file}_v1.0.json").write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_perspectrum(folder)


def test_ibm_stance_to_motion_is_toward_the_motion(tmp_path):
    path = write_jsonl(tmp_path / "i.jsonl", [
        {"id": "1", "topic_id": 7, "motion": "This house would ban the sale of violent video games", "target": "violent video games",
         "text": "They cause aggression.", "stance_to_motion": "support", "stance_to_target": "opposition"},
    ])
    motion = load_ibm_claim_stance(path, stance_field="stance_to_motion")
    assert [(p.target, p.label) for p in motion] == [("This house would ban the sale of violent video games", "support")]
    assert [(p.target, p.label) for p in load_ibm_claim_stance(path)] == [("violent video games", "opposition")]
    with pytest.raises(ValueError, match="valid: stance_to_target, stance_to_motion"):
        load_ibm_claim_stance(path, stance_field="stance")
