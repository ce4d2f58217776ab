"""stance.mixing: how debate propositions become topic targets, the mismatched neutrals,
and what the training and dev mixes hold (on the tiny data folder of mix_data.py)."""

import json
import random
import re

import pytest
from mix_data import (
    ARGKP_HELD,
    ARGQ,
    IBM_HOLDOUT,
    NEWS,
    PERSPECTRUM,
    argq_texts,
    ibm_rows,
    perspectrum_texts,
    write_data_dir,
)

from stance.data import LabeledPair, ibm_holdout_topics, load_jsonl
from stance.mixing import (
    LICENSES,
    MIX,
    DataPaths,
    MixConfig,
    build_dev_mix,
    build_mix,
    mismatched_neutrals,
    proposition_to_topic,
    split_news_statements,
    topic_phrase_pairs,
)


@pytest.mark.parametrize(
    "proposition, expected",
    [
        ("We should ban whaling", ("whaling", True)),
        ("We should subsidize journalism", ("journalism", False)),
        ("we should legalize cannabis.", ("cannabis", False)),
        ("Zoos should be banned", ("Zoos", True)),
        ("Homeschooling should be allowed", ("Homeschooling", False)),
        ("Social media brings more harm than good", ("Social media", True)),
        ("We should fight for the abolition of nuclear weapons", ("nuclear weapons", True)),
        ("Whales are intelligent animals.", None),
        ("This house believes that tourism helps poor countries", None),
    ],
)
def test_proposition_to_topic(proposition, expected):
    assert proposition_to_topic(proposition) == expected


def test_topic_phrase_pairs_flip_only_for_opposing_propositions_and_drop_other_shapes():
    pairs = [
        LabeledPair("Whales suffer.", "We should ban whaling", "support"),
        LabeledPair("Villages need the hunt.", "We should ban whaling", "opposition"),
        LabeledPair("Papers keep officials honest.", "We should subsidize journalism", "support", 0, 6),
        LabeledPair("It is off topic.", "We should ban whaling", "neutral"),
        LabeledPair("Cities grow.", "Urbanisation is inevitable", "support"),
    ]
    out = topic_phrase_pairs(pairs)
    assert [(p.text, p.target, p.label) for p in out] == [
        ("Whales suffer.", "whaling", "opposition"),
        ("Villages need the hunt.", "whaling", "support"),
        ("Papers keep officials honest.", "journalism", "support"),
        ("It is off topic.", "whaling", "neutral"),
    ]
    # the old offsets pointed into the proposition, not into anything the pair now holds
    assert all(p.target_start is None and p.target_end is None for p in out)


def _content_words(text):
    stop = {"should", "more", "harm", "than", "good", "brings", "bring"}
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in stop}


def _argument_pairs():
    return [LabeledPair(text, topic, "support" if s == 1 else "opposition") for topic, (_, args) in ARGQ.items() for text, s in args]


def test_mismatched_neutrals_pair_arguments_with_other_debates_targets():
    pairs = _argument_pairs()
    own_target = {p.text: p.target for p in pairs}
    out = mismatched_neutrals(pairs, 12, random.Random(3))
    assert len(out) == 12
    for p in out:
        assert p.label == "neutral" and p.sentiment is None
        assert not _content_words(p.target) & _content_words(own_target[p.text]), p
    # the target is another debate's proposition or that proposition's noun phrase
    phrases = {proposition_to_topic(t)[0] for t in ARGQ if proposition_to_topic(t)}
    assert {p.target for p in out} <= set(ARGQ) | phrases


def test_mismatched_neutrals_are_deterministic_for_a_seed():
    pairs = _argument_pairs()
    assert mismatched_neutrals(pairs, 8, random.Random(5)) == mismatched_neutrals(pairs, 8, random.Random(5))


def test_mismatched_neutrals_need_two_targets_and_a_positive_count():
    pairs = _argument_pairs()
    assert mismatched_neutrals(pairs, 0, random.Random(0)) == []
    one_debate = [p for p in pairs if p.target == "We should ban whaling"]
    assert mismatched_neutrals(one_debate, 5, random.Random(0)) == []


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return write_data_dir(tmp_path_factory.mktemp("mix-data"))


@pytest.fixture(scope="module")
def mix(data_dir):
    return build_mix(DataPaths.under(data_dir), MIX)


def test_the_fixture_holds_out_the_expected_ibm_topics(data_dir):
    assert ibm_holdout_topics(DataPaths.under(data_dir).ibm) == IBM_HOLDOUT


def test_build_mix_keeps_held_out_ibm_topics_and_argument_dev_and_test_splits_out(mix):
    pairs, _ = mix
    texts = {p.text for p in pairs}
    held_ibm = {r["text"] for r in ibm_rows() if r["topic_id"] in IBM_HOLDOUT}
    assert not texts & held_ibm
    assert not texts & argq_texts("dev", "test")
    assert not texts & perspectrum_texts("dev", "test")
    assert not texts & ARGKP_HELD
    held_targets = {t for t, (split, _) in ARGQ.items() if split != "train"}
    held_targets |= {proposition_to_topic(t)[0] for t in held_targets}
    held_targets |= {claim for split, claim, _ in PERSPECTRUM.values() if split != "train"}
    assert not {p.target for p in pairs} & held_targets
    # and the training splits are in
    assert argq_texts("train") <= texts and perspectrum_texts("train") <= texts


def test_build_mix_describes_every_source_with_its_license(mix):
    _, described = mix
    for name, start in [("newsmtsc", "NewsMTSC"), ("ibm", "IBM Claim Stance"), ("argq", "IBM ArgQ-30k"),
                        ("argkp", "IBM ArgKP-2021"), ("perspectrum", "Perspectrum")]:
        lines = [d for d in described if d.startswith(start)]
        assert lines, start
        assert all(d.endswith(f"({LICENSES[name]})") for d in lines), lines
    assert all(re.search(r": \d+ pairs \(", d) for d in described)


def test_build_mix_aims_ibm_claims_at_the_target_phrase_and_at_the_motion(mix):
    pairs, _ = mix
    got = [(p.text, p.target, p.label) for p in pairs]
    for row in ibm_rows():
        if row["topic_id"] in IBM_HOLDOUT:
            continue
        assert got.count((row["text"], row["target"], row["stance_to_target"])) == MIX.ibm_repeat
        assert got.count((row["text"], row["motion"], row["stance_to_motion"])) == MIX.ibm_repeat


def test_build_mix_gives_news_pairs_both_labels_and_argument_pairs_stance_only(mix):
    pairs, _ = mix
    news_texts = {s for s, _, _ in NEWS["train"]}
    assert all((p.sentiment is not None) == (p.text in news_texts) for p in pairs)
    assert {p.label for p in pairs if p.text not in news_texts} == {"support", "opposition", "neutral"}


def test_build_mix_is_deterministic(data_dir, mix):
    assert build_mix(DataPaths.under(data_dir), MIX) == mix


def _described_counts(described):
    return [int(re.search(r": (\d+) pairs", d).group(1)) for d in described]


def test_a_mix_config_with_small_counts_caps_each_source(data_dir):
    config = MixConfig(newsmtsc=2, ibm_repeat=1, argq_propositions=3, argq_topic_phrases=2, perspectrum=1,
                       argkp_key_points=1, neutral_mismatched=2, seed=1)
    pairs, described = build_mix(DataPaths.under(data_dir), config)
    train_ibm_claims = sum(r["topic_id"] not in IBM_HOLDOUT for r in ibm_rows())
    assert _described_counts(described) == [2, 2 * train_ibm_claims, 3, 2, 1, 1, 2]
    assert len(pairs) == sum(_described_counts(described))
    assert sum(p.sentiment is not None for p in pairs) == 2


def test_build_mix_without_the_argument_data_is_news_alone(data_dir):
    pairs, described = build_mix(DataPaths(newsmtsc_dir=data_dir / "newsmtsc"), MIX)
    assert len(pairs) == len(NEWS["train"]) and len(described) == 1


def test_build_dev_mix_holds_newsmtsc_dev_and_samples_of_the_argument_dev_sets(data_dir):
    dev, described = build_dev_mix(DataPaths.under(data_dir), per_source=2, seed=0)
    news_dev = {s for split in ("dev-rw", "dev-mt") for s, _, _ in NEWS[split]}
    news = [p for p in dev if p.sentiment is not None]
    assert {p.text for p in news} == news_dev and len(news) == len(news_dev)
    arguments = [p for p in dev if p.sentiment is None]
    dev_arguments = argq_texts("dev") | perspectrum_texts("dev")
    assert {p.text for p in arguments} <= dev_arguments
    # 2 toward the proposition, 2 toward its noun phrase, 2 Perspectrum, 1 mismatched neutral
    assert len(arguments) == 7
    assert sum(p.label == "neutral" for p in arguments) == 1
    assert described[0].startswith("NewsMTSC dev-rw + dev-mt") and len(described) == 4
    assert build_dev_mix(DataPaths.under(data_dir), per_source=2, seed=0) == (dev, described)


def _news_statements(path):
    rows = [
        {"text": f"He made a plan, and he followed it ({i}).", "target": "Gary Whitlock", "label": "opposition", "target_start": 0, "target_end": 2}
        for i in range(20)
    ] + [
        {"text": f"He made a plan, and he followed it ({i}).", "target": "the charity", "label": "neutral", "target_start": None, "target_end": None}
        for i in range(20)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_news_statements_split_by_text_and_join_the_training_and_dev_mixes(data_dir, tmp_path):
    news_file = _news_statements(tmp_path / "news.jsonl")
    train_part, dev_part = split_news_statements(load_jsonl(news_file))
    assert train_part and dev_part and len(train_part) + len(dev_part) == 40
    # every target of one statement falls on the same side
    assert not {p.text for p in train_part} & {p.text for p in dev_part}
    paths = DataPaths.under(data_dir, news_statements=news_file)
    pairs, described = build_mix(paths, MixConfig(news_repeat=2))
    news_in_mix = [p for p in pairs if p.text.startswith("He made a plan")]
    assert sorted(news_in_mix, key=str) == sorted(train_part * 2, key=str)
    assert {(p.target, p.target_start, p.target_end) for p in news_in_mix} == {("Gary Whitlock", 0, 2), ("the charity", None, None)}
    assert described[-1].endswith(f"x2: {2 * len(train_part)} pairs ({LICENSES['news_statements']})")
    dev, dev_described = build_dev_mix(paths, per_source=2, seed=0)
    assert [p for p in dev if p.text.startswith("He made a plan")] == dev_part
    assert dev_described[-1].endswith(f"dev part: {len(dev_part)} pairs")
    # without the file the mix is what it was
    assert build_mix(DataPaths.under(data_dir), MIX) == build_mix(DataPaths.under(data_dir, news_statements=None), MIX)
    assert not any(p.text.startswith("He made a plan") for p in build_mix(DataPaths.under(data_dir), MIX)[0])


def test_article_pairs_join_the_mixes_after_the_news_statements(data_dir, tmp_path):
    news_file = _news_statements(tmp_path / "news.jsonl")
    article_file = tmp_path / "pairs.jsonl"
    rows = [{"text": f"The bill is a gift to landlords ({i}).", "target": "SB 9", "label": "opposition", "target_start": 0, "target_end": 8,
             "source": "articles_targets_blind"} for i in range(21)]
    article_file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    train_part, dev_part = split_news_statements(load_jsonl(article_file))
    paths = DataPaths.under(data_dir, news_statements=news_file, article_pairs=article_file)
    pairs, described = build_mix(paths, MixConfig(article_repeat=3))
    in_mix = [p for p in pairs if p.text.startswith("The bill")]
    assert sorted(in_mix, key=str) == sorted(train_part * 3, key=str)
    assert described[-1].endswith(f"x3: {3 * len(train_part)} pairs ({LICENSES['article_pairs']})")
    assert "news statements" in described[-2]
    dev, dev_described = build_dev_mix(paths, per_source=2, seed=0)
    assert [p for p in dev if p.text.startswith("The bill")] == dev_part and dev_part
    assert dev_described[-1].endswith(f"dev part: {len(dev_part)} pairs")
    # the news statements' part of the mix is what it was without the article pairs
    without = build_mix(DataPaths.under(data_dir, news_statements=news_file), MixConfig(article_repeat=3))[0]
    assert sorted((p for p in pairs if not p.text.startswith("The bill")), key=str) == sorted(without, key=str)
