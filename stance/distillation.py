"""Training data for distillation: a larger teacher model's soft labels on (sentence, target) pairs.

A teacher (e.g. all-mpnet-base-v2 fine-tuned with :func:`stance.train`) scores the
student's training pairs and further pairs it alone labels; :func:`stance.train` mixes the
teacher's probabilities into its losses (``TrainConfig.distill_weight``). The further
pairs come from :func:`other_entity_pairs`: the other named entities in the training
sentences, which give the student many sentences with several targets, each labeled by a
model that tells them apart.

This file neither trains nor runs models: it builds :class:`stance.data.LabeledPair` lists.
"""

from __future__ import annotations

import random
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


def teacher_labeled_pairs(rows: Sequence[dict[str, Any]], logits: np.ndarray, temperature: float = 1.0) -> list[LabeledPair]:
    """Pairs labeled by the teacher alone: NewsMTSC-style rows, hard label = the teacher's argmax.

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
        out.append(
            LabeledPair(
                row["sentence"], row["mention"], STANCE_LABELS[best], row["from"], row["to"], SENTIMENT_LABELS[best], soft, soft
            )
        )
    return out
