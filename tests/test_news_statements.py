"""models/data/news_statements.jsonl: the news statements written for the training mix
(see models/data/README.md) are well formed and share no invented name with the articles
the pipeline is measured on."""

import re
from pathlib import Path

import pytest

from stance.data import load_jsonl
from stance.jsonl import read_jsonl
from stance.mixing import split_news_statements

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "models" / "data" / "news_statements.jsonl"
KINDS = {"name", "alias", "pronoun", "title", "description", "acronym", "demonym", "metonym", "implicit"}
MEASURED = ["tests/articles", "tests/articles_blind", "seeds"] + sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("tests/articles_targets_blind*"))


@pytest.fixture(scope="module")
def rows():
    return [row for _, row in read_jsonl(NEWS)]


def test_every_row_is_a_labeled_pair_whose_offsets_hold_the_mention(rows):
    pairs = load_jsonl(NEWS)
    assert len(pairs) == len(rows) > 1000
    assert len({r["id"] for r in rows}) == len(rows)
    for row, pair in zip(rows, pairs):
        assert row["mention_kind"] in KINDS, row["id"]
        assert (row["mention_kind"] == "implicit") == (pair.target_start is None), row["id"]
        if pair.target_start is not None:
            assert pair.text[pair.target_start:pair.target_end].strip() == pair.text[pair.target_start:pair.target_end], row["id"]
    assert {p.label for p in pairs} == {"support", "opposition", "neutral"}


def test_the_dev_part_is_about_one_statement_in_seven_and_shares_no_text_with_training():
    train_part, dev_part = split_news_statements(load_jsonl(NEWS))
    assert 0.09 < len(dev_part) / (len(train_part) + len(dev_part)) < 0.2
    assert not {p.text for p in train_part} & {p.text for p in dev_part}


REAL = {"United States", "United Kingdom", "European Union", "White House", "United Nations", "Russia", "China", "Canada",
        "Ukraine", "Australia", "Germany", "France", "Washington", "Brussels", "Beijing", "Moscow", "Kenya", "Nigeria",
        "Kazakhstan", "Japan", "India", "Mexico", "Brazil", "Britain", "Israel", "Turkey", "Egypt", "Poland", "Sweden",
        "European Commission", "Liberal Party"}


def _gold_target_names():
    names = set()
    for folder in MEASURED:
        for gold in (ROOT / folder).glob("*.gold.jsonl"):
            for _, row in read_jsonl(gold):
                names.update(t["target"] for t in row.get("targets", []))
                names.update(row.get("stance", {}))
    return names


def test_no_target_of_the_measured_articles_is_named_in_the_training_statements(rows):
    names = _gold_target_names()
    assert len(names) > 50
    text = "\n".join(r["text"] + "\n" + r["target"] for r in rows)
    # invented names only: a real country, agency or common word may appear in both
    invented = [n for n in names if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+|[A-Z][a-z]{5,}", n)]
    assert invented
    found = [n for n in invented if re.search(rf"\b{re.escape(n)}\b", text)]
    assert [n for n in found if n not in REAL] == [], found

