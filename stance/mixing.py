"""The training mix of the bundled models: every source, how much of it, and how it is framed.

This is the one place that decides what the bundled models learn from (``MIX`` and
:func:`build_mix`); ``scripts/train_default.py`` calls it, and each model card lists the
sources with their row counts and licenses as :func:`build_mix` describes them.

Stance is the speaker's position toward a target of one of three kinds, and the mix has
all three:

- **entity** targets (people in news sentences): NewsMTSC, whose polarity toward the
  person gives both the stance label and the sentiment label;
- **topic** targets (noun phrases for policies and things): IBM Claim Stance's
  ``stance_to_target`` toward the target phrase, and ArgQ arguments toward the noun
  phrase of their proposition (:func:`proposition_to_topic`: "We should ban whaling" →
  "whaling", with the label flipped, so the model sees that the two framings differ);
- **proposition** targets (sentences): IBM's ``stance_to_motion`` toward the motion,
  ArgQ arguments toward their topic, Perspectrum perspectives toward their claim,
  ArgKP arguments toward the key point they make.

The argument data has no neutral class. Neutral for topics and propositions is taught
with **mismatched pairs**: an argument paired with the proposition (or topic phrase) of
another debate, labeled neutral (it does not address it). ``scripts/evaluate_suite.py``
measures that this does not eat real stances (accuracy on ArgQ and Perspectrum, where
every gold pair takes a side). Only the stance head learns from the argument data; the
sentiment head learns from NewsMTSC alone, so the two heads stay two opinions.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Sequence

from stance.data import (
    LabeledPair,
    ibm_holdout_topics,
    load_argkp,
    load_argq,
    load_ibm_claim_stance,
    load_jsonl,
    load_newsmtsc,
    load_perspectrum,
)

LICENSES = {
    "newsmtsc": "MIT",
    "ibm": "CC BY-SA 3.0",
    "argq": "CC BY-SA 3.0",
    "argkp": "CDLA-Sharing 1.0",
    "perspectrum": "CC BY-SA 4.0",
    "news_statements": "MIT, written for this project",
    "article_pairs": "MIT, written for this project",
}

# One statement in NEWS_DEV_EVERY (by a hash of its text, so every target of a statement
# falls on the same side) is held out of training for the dev mix.
NEWS_DEV_EVERY = 7

_FLIP = {"support": "opposition", "opposition": "support", "neutral": "neutral"}
_AGAINST = r"fight for the abolition of|ban|abolish|prohibit|end|abandon|cancel|close|limit|stop|fight|oppose"
_FOR = r"adopt|legalize|legalise|subsidize|subsidise|introduce|support|protect|further exploit"
_PROPOSITION_PATTERNS = (
    (re.compile(rf"^we should (?:{_AGAINST}) (?P<x>.+)$", re.I), True),
    (re.compile(rf"^we should (?:{_FOR}) (?P<x>.+)$", re.I), False),
    (re.compile(r"^(?P<x>.+) should be (?:banned|abolished|prohibited|abandoned|a criminal offence)$", re.I), True),
    (re.compile(r"^(?P<x>.+) should be (?:legalized|legalised|mandatory|adopted|subsidized|allowed)$", re.I), False),
    (re.compile(r"^(?P<x>.+) brings? more harm than good$", re.I), True),
)


def proposition_to_topic(proposition: str) -> Optional[tuple[str, bool]]:
    """The noun phrase a debate proposition is about, and whether agreeing with it opposes that phrase.

    Returns None for a proposition of another shape.

    Example:
        >>> proposition_to_topic("We should ban whaling")
        ('whaling', True)
        >>> proposition_to_topic("We should subsidize journalism")
        ('journalism', False)
    """
    text = proposition.strip().rstrip(".")
    for pattern, flips in _PROPOSITION_PATTERNS:
        match = pattern.match(text)
        if match:
            return match.group("x").strip(), flips
    return None


@dataclass(frozen=True)
class MixConfig:
    """How many pairs each source gives (sampled with ``seed``; None = every row).

    ``ibm_repeat`` repeats IBM Claim Stance's claims of the training topics (each claim
    twice already: toward its target phrase and toward its motion); ``news_repeat`` the
    news statements written for this project (:func:`split_news_statements`);
    ``article_repeat`` the article pairs (gold pairs of target articles written for this
    project, split the same way).

    Example:
        >>> MixConfig(argq_propositions=100).argq_topic_phrases
        4000
    """

    newsmtsc: Optional[int] = None
    ibm_repeat: int = 3
    argq_propositions: int = 8000
    argq_topic_phrases: int = 4000
    perspectrum: Optional[int] = None
    argkp_key_points: int = 1500
    neutral_mismatched: int = 3500
    news_statements: Optional[int] = None
    news_repeat: int = 2
    article_repeat: int = 1
    seed: int = 13


# The accurate model's mix (models/stance-mpnet), 36,739 pairs on the released data:
# NewsMTSC train whole (8,739), IBM x3 (4,686), ArgQ 8,000 + 4,000 noun-phrase flips,
# ArgKP 1,500, Perspectrum train whole (6,314), 3,500 mismatched neutrals. Chosen on the
# dev sets against the earlier 18,324-pair mix (7,000 / x2 / 3,000 / 1,200 / 600 / 2,000 /
# 1,400), which, trained as long, scored lower on every dev measure (see
# models/stance-mpnet/README.md). The shipped accurate model continued from that one for two
# CPU epochs on a replay sample of this mix (--mix overrides in its card) plus the news
# statements written for this project (news_repeat=1). The fast model (models/stance-minilm)
# was distilled on the earlier mix, then continued by distilling the shipped accurate model on a
# replay sample with all of NewsMTSC, the news statements and the article pairs, then for one
# epoch on this whole mix with the news statements x2 and the article pairs; its card gives the commands.
MIX = MixConfig()


@dataclass(frozen=True)
class DataPaths:
    """Where the public data sets are (the folders of ``../shared/data``, as released)."""

    newsmtsc_dir: Path
    ibm: Optional[Path] = None
    argq: Optional[Path] = None
    argkp: Optional[Path] = None
    perspectrum_dir: Optional[Path] = None
    news_statements: Optional[Path] = None
    article_pairs: Optional[Path] = None

    @classmethod
    def under(cls, root: Path, news_statements: Optional[Path] = None, article_pairs: Optional[Path] = None) -> "DataPaths":
        """The usual layout under one folder (``newsmtsc/``, ``ibm-claim-stance/``, ...),
        and the news statements and article pairs files of this project (``models/data/``)
        when given."""
        root = Path(root)
        return cls(
            newsmtsc_dir=root / "newsmtsc",
            ibm=root / "ibm-claim-stance" / "train.jsonl",
            argq=root / "ibm-argq-30k" / "arg_quality_rank_30k.csv",
            argkp=root / "ibm-argkp-2021" / "ArgKP-2021_dataset.csv",
            perspectrum_dir=root / "perspectrum",
            news_statements=news_statements,
            article_pairs=article_pairs,
        )


def _sample(items: Sequence[LabeledPair], n: Optional[int], rng: random.Random) -> list[LabeledPair]:
    if n is None or n >= len(items):
        return list(items)
    return rng.sample(list(items), n)


def topic_phrase_pairs(pairs: Sequence[LabeledPair]) -> list[LabeledPair]:
    """Argument pairs re-aimed at their proposition's noun phrase (labels flipped where it opposes it).

    Example:
        >>> topic_phrase_pairs([LabeledPair("Whales suffer.", "We should ban whaling", "support")])[0]
        LabeledPair(text='Whales suffer.', target='whaling', label='opposition', ...)
    """
    out = []
    for p in pairs:
        topic = proposition_to_topic(p.target)
        if topic is not None:
            phrase, flips = topic
            out.append(replace(p, target=phrase, label=_FLIP[p.label] if flips else p.label, target_start=None, target_end=None))
    return out


def split_news_statements(pairs: Sequence[LabeledPair]) -> tuple[list[LabeledPair], list[LabeledPair]]:
    """News statements as (train, dev): one statement text in ``NEWS_DEV_EVERY`` goes to
    dev, with all its targets, chosen by a hash of the text (the same split on every run).

    Example:
        >>> train_part, dev_part = split_news_statements(load_jsonl("models/data/news_statements.jsonl"))
    """
    train_part, dev_part = [], []
    for p in pairs:
        (dev_part if zlib.crc32(p.text.encode("utf-8")) % NEWS_DEV_EVERY == 0 else train_part).append(p)
    return train_part, dev_part


def mismatched_neutrals(pairs: Sequence[LabeledPair], n: int, rng: random.Random) -> list[LabeledPair]:
    """``n`` neutral pairs: an argument with another debate's proposition or topic phrase.

    A target counts as another debate's when it shares no content word with the
    argument's own target.

    Example:
        >>> len(mismatched_neutrals(argq_pairs, 10, random.Random(0)))
        10
    """
    targets = sorted({p.target for p in pairs})
    if len(targets) < 2 or n <= 0:
        return []

    def words(t: str) -> set[str]:
        return {w for w in re.findall(r"[a-z]+", t.lower()) if len(w) > 3 and w not in {"should", "more", "harm", "than", "good", "brings", "bring"}}

    out = []
    for _ in range(n * 20):
        if len(out) == n:
            break
        p = rng.choice(pairs)
        other = rng.choice(targets)
        if words(other) & (words(p.target) | words(p.text)):
            continue
        phrase = proposition_to_topic(other)
        target = phrase[0] if phrase is not None and rng.random() < 0.4 else other
        out.append(LabeledPair(p.text, target, "neutral"))
    return out


def build_mix(paths: DataPaths, config: MixConfig = MIX) -> tuple[list[LabeledPair], list[str]]:
    """The training pairs of the mix, and one line per source for the model card.

    Held out from training: IBM Claim Stance's :func:`ibm_holdout_topics`, ArgQ's and
    Perspectrum's dev and test splits, and ArgKP arguments on ArgQ's dev and test topics.

    Example:
        >>> pairs, described = build_mix(DataPaths.under(Path("../shared/data")))
    """
    rng = random.Random(config.seed)
    pairs: list[LabeledPair] = []
    described: list[str] = []

    def add(name: str, items: list[LabeledPair], what: str) -> None:
        pairs.extend(items)
        license = " / ".join(LICENSES[n] for n in name.split("+"))
        described.append(f"{what}: {len(items)} pairs ({license})")

    news = _sample(load_newsmtsc(paths.newsmtsc_dir / "train.jsonl"), config.newsmtsc, rng)
    add("newsmtsc", news, "NewsMTSC train, entity targets (polarity -> stance and sentiment)")
    if paths.ibm is not None:
        holdout = ibm_holdout_topics(paths.ibm)
        to_target = load_ibm_claim_stance(paths.ibm, exclude_topics=holdout)
        to_motion = load_ibm_claim_stance(paths.ibm, exclude_topics=holdout, stance_field="stance_to_motion")
        add("ibm", (to_target + to_motion) * config.ibm_repeat,
            f"IBM Claim Stance train, topics other than {holdout}, toward the target phrase and toward the motion, x{config.ibm_repeat}")
    argument_pool: list[LabeledPair] = []
    if paths.argq is not None:
        argq = load_argq(paths.argq, split="train")
        argument_pool += argq
        add("argq", _sample(argq, config.argq_propositions, rng), "IBM ArgQ-30k train split, toward the proposition")
        add("argq", _sample(topic_phrase_pairs(argq), config.argq_topic_phrases, rng),
            "IBM ArgQ-30k train split, toward the proposition's noun phrase (flipped where the proposition opposes it)")
        held_topics = {p.target for split in ("dev", "test") for p in load_argq(paths.argq, split=split)}
    else:
        held_topics = set()
    if paths.argkp is not None:
        key_points = load_argkp(paths.argkp, key_points=True, exclude_topics=held_topics)
        add("argkp", _sample(key_points, config.argkp_key_points, rng),
            "IBM ArgKP-2021, arguments toward the key point they match (support), topics not in ArgQ dev/test")
    if paths.perspectrum_dir is not None:
        persp = load_perspectrum(paths.perspectrum_dir, split="train")
        argument_pool += persp
        add("perspectrum", _sample(persp, config.perspectrum, rng), "Perspectrum train split, perspectives toward their claim")
    if argument_pool:
        add("argq+perspectrum", mismatched_neutrals(argument_pool, config.neutral_mismatched, rng),
            "neutral: ArgQ/Perspectrum train arguments with another debate's proposition or noun phrase")
    if paths.news_statements is not None:
        statements = _sample(split_news_statements(load_jsonl(paths.news_statements))[0], config.news_statements, rng)
        add("news_statements", statements * config.news_repeat,
            f"news statements written for this project (quoted and reported speech toward people, groups, bills and deals, "
            f"the target named or referred to by a pronoun, title or description), train part, x{config.news_repeat}")
    if paths.article_pairs is not None:
        article_part = split_news_statements(load_jsonl(paths.article_pairs))[0]
        add("article_pairs", article_part * config.article_repeat,
            f"gold (statement, target) pairs of target articles written for this project, as the pipeline extracts and "
            f"links them (scripts/pairs_from_articles.py), train part, x{config.article_repeat}")
    rng.shuffle(pairs)
    return pairs, described


def build_dev_mix(paths: DataPaths, per_source: int = 400, seed: int = 13) -> tuple[list[LabeledPair], list[str]]:
    """Dev pairs for epoch selection and the calibration temperature: a mix of dev sets.

    NewsMTSC dev-rw and dev-mt whole; ``per_source`` pairs each of ArgQ dev (toward the
    proposition), ArgQ dev toward the noun phrase, Perspectrum dev; and ``per_source // 2``
    mismatched neutrals made from those dev arguments. No IBM claims (its held-out topics
    are a measure, not a dev set).

    Example:
        >>> dev, described = build_dev_mix(DataPaths.under(Path("../shared/data")))
    """
    rng = random.Random(seed)
    dev = load_newsmtsc(paths.newsmtsc_dir / "dev-rw.jsonl") + load_newsmtsc(paths.newsmtsc_dir / "dev-mt.jsonl")
    described = [f"NewsMTSC dev-rw + dev-mt: {len(dev)} pairs"]
    arguments: list[LabeledPair] = []
    if paths.argq is not None:
        argq = load_argq(paths.argq, split="dev")
        arguments += argq
        dev += _sample(argq, per_source, rng) + _sample(topic_phrase_pairs(argq), per_source, rng)
        described.append(f"IBM ArgQ-30k dev: {per_source} toward the proposition, {per_source} toward its noun phrase")
    if paths.perspectrum_dir is not None:
        persp = load_perspectrum(paths.perspectrum_dir, split="dev")
        arguments += persp
        dev += _sample(persp, per_source, rng)
        described.append(f"Perspectrum dev: {per_source} pairs")
    if arguments:
        neutrals = mismatched_neutrals(arguments, per_source // 2, rng)
        dev += neutrals
        described.append(f"neutral: {len(neutrals)} dev arguments with another debate's target")
    for path, what in ((paths.news_statements, "news statements"), (paths.article_pairs, "article pairs")):
        if path is not None:
            dev_part = split_news_statements(load_jsonl(path))[1]
            dev += dev_part
            described.append(f"{what} written for this project, dev part: {len(dev_part)} pairs")
    return dev, described
