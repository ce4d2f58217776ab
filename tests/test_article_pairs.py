"""models/data/article_pairs.jsonl: gold pairs of the target articles written for this
project, as the pipeline extracts and links them (scripts/pairs_from_articles.py), for
the classifier's training mix. They come from blind target sets 1-8 and 13-17 only: the
test articles and blind sets 9-12 and 18-20 stay held out of training."""

import json
from pathlib import Path

from script_loader import load_script
from stance.data import load_jsonl
from stance.evaluation.attribution import find_article_pairs, read_gold_article
from stance.jsonl import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "models" / "data" / "article_pairs.jsonl"
TRAINED_ON = {"articles_targets_blind"} | {f"articles_targets_blind{n}" for n in [*range(2, 9), *range(13, 18)]}
HELD_OUT = ["tests/articles"] + [f"tests/articles_targets_blind{n}" for n in [*range(9, 13), *range(18, 21)]]


def test_pairs_come_from_the_training_sets_and_mark_a_span_of_their_text():
    rows = [row for _, row in read_jsonl(PAIRS)]
    pairs = load_jsonl(PAIRS)
    assert len(rows) == len(pairs) > 1000
    assert {row["source"] for row in rows} == TRAINED_ON
    assert {p.label for p in pairs} == {"support", "opposition", "neutral"}
    for pair in pairs:
        if pair.target_start is not None:
            assert 0 <= pair.target_start < pair.target_end <= len(pair.text)


def test_no_held_out_article_shares_a_statement_with_the_pairs():
    texts = {p.text for p in load_jsonl(PAIRS)}
    for folder in HELD_OUT:
        for _, article, gold_path in find_article_pairs(ROOT / folder):
            text, gold = read_gold_article(article, gold_path)
            # short contents ("the decision", "the ruling") recur by chance; a sentence would not
            assert not {g.content for g in gold if len(g.content.split()) >= 4} & texts, article


def test_the_script_writes_the_pipelines_view_of_every_found_gold_pair(tiny_trained, tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    text = 'Mayor Ann Lee said the stadium plan "will bring jobs." Critics said it was a giveaway.'
    (folder / "a.txt").write_text(text, encoding="utf-8")
    rows = [
        {"id": "a-1", "start": 19, "end": 52, "content": text[19:52], "speaker": "Ann Lee", "kind": "mixed", "stance": {"stadium plan": "support"}},
        {"id": "a-2", "start": 67, "end": 84, "content": text[67:84], "speaker": "Critics", "kind": "indirect", "stance": {"stadium plan": "opposition"}},
    ]
    (folder / "a.gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "pairs.jsonl"
    assert load_script("pairs_from_articles").main(["--dir", str(folder), "--output", str(out), "--model", str(tiny_trained.output_dir)]) == 0
    written = [row for _, row in read_jsonl(out)]
    assert {(row["target"], row["label"], row["source"]) for row in written} <= {("stadium plan", "support", "set"), ("stadium plan", "opposition", "set")}
    assert written and all(row["text"] in text for row in written)
