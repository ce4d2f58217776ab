"""Training data for distillation: a larger teacher model's soft labels on (sentence, target) pairs.

A teacher (e.g. all-mpnet-base-v2 fine-tuned with :func:`stance.train`) scores the
student's training pairs and further pairs it alone labels; :func:`stance.train` mixes the
teacher's probabilities into its losses (``TrainConfig.distill_weight``). The further
pairs come from :func:`other_entity_pairs`: the other named entities in the training
sentences, which give the student many sentences with several targets, each labeled by a
model that tells them apart. :func:`word_dropout_rows` adds perturbed copies of the
training sentences (a few words dropped, the target kept), so the student sees the teacher's
answers on more inputs near the training data (as in TinyBERT's augmentation, without a
masked language model).

This file neither trains nor runs models: it builds :class:`stance.data.LabeledPair` lists.
"""

from __future__ import annotations

import random
import re
from typing import Any, Iterable, Sequence

import numpy as np

from stance.data import LabeledPair
from stance.model import SENTIMENT_LABELS, STANCE_LABELS, softmax

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def other_entity_pairs(
    pairs: Iterable[LabeledPair], nlp, entity_labels: Sequence[str] = ENTITY_LABELS, seed: int = 0
) -> list[dict[str, Any]]:
    """Named entities in the pairs' sentences that no gold target overlaps, as NewsMTSC-style rows.

    Args:
        pairs: gold pairs with the target's offsets (as :func:`stance.data.load_newsmtsc` gives).
        nlp: a spaCy pipeline with an entity recognizer.
        entity_labels: spaCy entity labels to keep.
        seed: the output is shuffled with this seed.

    Returns:
        Rows ``{"sentence", "mention", "from", "to", "entity"}``, one per further entity.

    Example:
        >>> pairs = [LabeledPair("Obama praised Angela Merkel.", "Obama", "support", 0, 5)]
        >>> [r["mention"] for r in other_entity_pairs(pairs, load_spacy())]
        ['Angela Merkel']
    """
    gold_spans: dict[str, list[tuple[int, int]]] = {}
    for pair in pairs:
        spans = gold_spans.setdefault(pair.text, [])
        if pair.target_start is not None:
            spans.append((pair.target_start, pair.target_end))
    sentences = list(gold_spans)
    out = []
    for sentence, doc in zip(sentences, nlp.pipe(sentences, batch_size=256)):
        for ent in doc.ents:
            if ent.label_ not in entity_labels or len(ent.text) < 2:
                continue
            if any(ent.start_char < end and ent.end_char > start for start, end in gold_spans[sentence]):
                continue
            out.append(
                {"sentence": sentence, "mention": ent.text, "from": ent.start_char, "to": ent.end_char, "entity": ent.label_}
            )
    random.Random(seed).shuffle(out)
    return out


_WORD = re.compile(r"\S+")


def _drop_words(text: str, rng: random.Random, drop_prob: float) -> list[str]:
    """The words of ``text`` with each dropped with probability ``drop_prob``."""
    return [w for w in _WORD.findall(text) if rng.random() >= drop_prob]


def word_dropout_rows(
    rows: Iterable[dict[str, Any]], drop_prob: float = 0.15, variants: int = 1, seed: int = 0
) -> list[dict[str, Any]]:
    """Copies of NewsMTSC-style rows with words around the target dropped at random.

    The target mention is kept whole and its offsets are moved to the new sentence; the
    other words are dropped independently with ``drop_prob`` and the rest joined by single
    spaces. A copy identical to its source (nothing dropped) is skipped. The copies carry no
    label: a teacher labels them.

    Args:
        rows: ``{"sentence", "mention", "from", "to"}`` rows (``from``/``to``: the mention's
            character offsets in the sentence, end exclusive; both None when the mention's
            place is not known, as for IBM claims: then any word may be dropped).
        drop_prob: probability of dropping each word outside the mention, in [0, 1).
        variants: copies to make of each row.
        seed: random seed.

    Returns:
        New rows ``{"sentence", "mention", "from", "to", "source"}``, ``source`` being the
        index of the row it was made from (``from``/``to`` None where the source's were).

    Example:
        >>> row = {"sentence": "Critics say Obama failed badly.", "mention": "Obama", "from": 12, "to": 17}
        >>> new = word_dropout_rows([row], drop_prob=0.5, seed=1)[0]
        >>> new["sentence"][new["from"]:new["to"]]
        'Obama'
    """
    if not 0.0 <= drop_prob < 1.0:
        raise ValueError(f"drop_prob must be in [0, 1), not {drop_prob}")
    if variants < 1:
        raise ValueError(f"variants must be at least 1, not {variants}")
    rng = random.Random(seed)
    out = []
    for index, row in enumerate(rows):
        sentence, start, end = row["sentence"], row.get("from"), row.get("to")
        if start is None and end is None:  # no known mention (an IBM claim): any word may go
            start = end = 0
        elif start is None or end is None or not (0 <= start < end <= len(sentence)):
            raise ValueError(f"row {index}: offsets ({start}, {end}) are outside the sentence (length {len(sentence)})")
        has_span = end > start
        # Characters glued to the mention ("(Obama's") stay with it.
        glued_before = re.search(r"\S*$", sentence[:start]).group() if has_span else ""
        glued_after = re.match(r"\S*", sentence[end:]).group() if has_span else ""
        head, tail = sentence[: start - len(glued_before)], sentence[end + len(glued_after) :]
        core = glued_before + sentence[start:end] + glued_after
        unchanged = " ".join(_WORD.findall(sentence))
        for _ in range(variants):
            before = " ".join(_drop_words(head, rng, drop_prob))
            after = " ".join(_drop_words(tail, rng, drop_prob))
            prefix = f"{before} " if before and core else before
            new_sentence = prefix + core + (f" {after}" if after and core else after)
            if not new_sentence or new_sentence == unchanged:
                continue
            new_row = {"sentence": new_sentence, "mention": row["mention"], "from": None, "to": None, "source": index}
            if has_span:
                new_start = len(prefix) + len(glued_before)
                new_row.update({"mention": sentence[start:end], "from": new_start, "to": new_start + end - start})
            out.append(new_row)
    return out


def _soft_rows(logits: np.ndarray, n: int, temperature: float, what: str) -> np.ndarray:
    logits = np.asarray(logits, dtype=np.float64)
    if logits.shape != (n, len(STANCE_LABELS)):
        raise ValueError(f"teacher logits have shape {logits.shape}, expected ({n}, {len(STANCE_LABELS)}) for {n} {what}")
    if temperature <= 0:
        raise ValueError(f"teacher temperature must be positive, not {temperature}")
    return softmax(logits, temperature)


def with_teacher_labels(pairs: Sequence[LabeledPair], logits: np.ndarray, temperature: float = 1.0) -> list[LabeledPair]:
    """Gold pairs with a teacher's soft labels added (stance and sentiment alike).

    The teacher's logit columns follow ``STANCE_LABELS`` (support, opposition, neutral),
    which line up with ``SENTIMENT_LABELS`` (positive, negative, neutral), as in NewsMTSC.

    Example:
        >>> with_teacher_labels([LabeledPair("Go A!", "A", "support")], np.array([[2.0, 0.0, 0.0]]))[0].teacher_stance[0] > 0.7
        True
    """
    probs = _soft_rows(logits, len(pairs), temperature, "pairs")
    out = []
    for pair, row in zip(pairs, probs):
        soft = tuple(float(x) for x in row)
        out.append(
            LabeledPair(pair.text, pair.target, pair.label, pair.target_start, pair.target_end, pair.sentiment, soft, soft)
        )
    return out


def teacher_labeled_pairs(
    rows: Sequence[dict[str, Any]], logits: np.ndarray, temperature: float = 1.0, with_sentiment: bool = True
) -> list[LabeledPair]:
    """Pairs labeled by the teacher alone: NewsMTSC-style rows, hard label = the teacher's argmax.

    With ``with_sentiment=False`` (a stance-only teacher, as for IBM claims) the pairs train
    the stance head only.

    Example:
        >>> rows = [{"sentence": "Go A!", "mention": "A", "from": 3, "to": 4}]
        >>> teacher_labeled_pairs(rows, np.array([[0.0, 3.0, 0.0]]))[0].label
        'opposition'
    """
    probs = _soft_rows(logits, len(rows), temperature, "rows")
    out = []
    for row, row_probs in zip(rows, probs):
        soft = tuple(float(x) for x in row_probs)
        best = int(row_probs.argmax())
        sentiment, teacher_sentiment = (SENTIMENT_LABELS[best], soft) if with_sentiment else (None, None)
        out.append(
            LabeledPair(
                row["sentence"], row["mention"], STANCE_LABELS[best], row.get("from"), row.get("to"), sentiment, soft, teacher_sentiment
            )
        )
    return out
