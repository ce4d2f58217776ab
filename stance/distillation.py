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

A teacher's labels live in a directory, one file set per set of rows: ``NAME.npy`` (the
teacher's ``(n, 3)`` stance logits, columns in ``STANCE_LABELS`` order), and
``NAME.jsonl`` (the rows, for pairs only the teacher labels) or ``NAME_ids.json`` (the
ids of a data file's rows, in file order). :func:`write_teacher_file` writes them
(``scripts/make_teacher_labels.py``); :func:`newsmtsc_with_teacher` and
:func:`ibm_with_teacher` read one or several teachers' directories (several: their mean
logits, an ensemble teacher) and refuse logits that do not match the data row for row.

This file neither trains nor runs models: it builds :class:`stance.data.LabeledPair` lists.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

import numpy as np

from stance.data import LabeledPair, json_rows, load_ibm_claims, newsmtsc_ids
from stance.io import atomic_write
from stance.model import SENTIMENT_LABELS, STANCE_LABELS, Pair, softmax

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# Pairs only the NewsMTSC teacher labels, as make_teacher_labels.py writes them (NAME.jsonl + NAME.npy).
TEACHER_ONLY_FILES = ("extra", "perturbed")


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


def pair_rows(pairs: Iterable[LabeledPair]) -> list[dict[str, Any]]:
    """NewsMTSC-style rows ``{"sentence", "mention", "from", "to"}`` of pairs (offsets None where unknown).

    Example:
        >>> pair_rows([LabeledPair("Go A!", "A", "support", 3, 4)])
        [{'sentence': 'Go A!', 'mention': 'A', 'from': 3, 'to': 4}]
    """
    return [{"sentence": p.text, "mention": p.target, "from": p.target_start, "to": p.target_end} for p in pairs]


def row_pairs(rows: Iterable[dict[str, Any]]) -> list[Pair]:
    """The classifier inputs of NewsMTSC-style rows (what a teacher scores).

    Example:
        >>> row_pairs([{"sentence": "Go A!", "mention": "A", "from": 3, "to": 4}])[0].target_start
        3
    """
    return [Pair(r["sentence"], r["mention"], r.get("from"), r.get("to")) for r in rows]


def write_teacher_file(
    directory: Union[str, Path],
    name: str,
    logits: np.ndarray,
    rows: Optional[Sequence[dict[str, Any]]] = None,
    ids: Optional[Sequence[Any]] = None,
) -> None:
    """Write a teacher's logits as ``NAME.npy``, with its rows (``NAME.jsonl``) or row ids (``NAME_ids.json``).

    Args:
        directory: the teacher's label directory (it must exist).
        name: the file set, e.g. ``"train"``, ``"extra"``, ``"ibm"``.
        logits: ``(n, 3)`` stance logits, one row per pair.
        rows: NewsMTSC-style rows of pairs only the teacher labels, or None.
        ids: the ids of a data file's rows, in file order, or None.

    Example:
        >>> write_teacher_file("runs/teacher-labels", "extra", logits, rows=extra)
    """
    directory = Path(directory)
    with atomic_write(directory / f"{name}.npy", mode="wb") as handle:
        np.save(handle, logits)
    if rows is not None:
        with atomic_write(directory / f"{name}.jsonl") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if ids is not None:
        with atomic_write(directory / f"{name}_ids.json") as handle:
            json.dump(list(ids), handle)


def _pair_fields(rows_file: Path) -> list[tuple]:
    return [(r.get("sentence"), r.get("mention"), r.get("from"), r.get("to")) for r in json_rows(rows_file)]


def mean_teacher_logits(teacher_dirs: Sequence[Path], name: str) -> np.ndarray:
    """The mean of several teachers' logits in ``DIR/NAME.npy`` (an ensemble teacher).

    Each teacher must have labeled the same pairs: where ``NAME.jsonl`` rows exist, the
    (sentence, mention, from, to) of every row must equal the first directory's, and
    every teacher's logits must have the first one's shape.

    Example:
        >>> mean_teacher_logits([Path("runs/labels-seed1"), Path("runs/labels-seed2")], "train").shape
        (8739, 3)
    """
    first = Path(teacher_dirs[0])
    logits = [np.load(first / f"{name}.npy")]
    rows_file = first / f"{name}.jsonl"
    for other in map(Path, teacher_dirs[1:]):
        if rows_file.is_file() and _pair_fields(other / f"{name}.jsonl") != _pair_fields(rows_file):
            raise ValueError(f"{other}/{name}.jsonl holds other rows than {rows_file}; teachers must label the same pairs")
        logits.append(np.load(other / f"{name}.npy"))
        if logits[-1].shape != logits[0].shape:
            raise ValueError(f"{other}/{name}.npy has shape {logits[-1].shape}, {first}/{name}.npy {logits[0].shape}")
    return np.mean(logits, axis=0)


def check_teacher_ids(teacher_dirs: Sequence[Path], name: str, ids: Sequence[Any], data_file: Path) -> None:
    """Refuse teacher logits whose row ids (``DIR/NAME_ids.json``) are not ``data_file``'s, in order.

    Example:
        >>> check_teacher_ids([Path("runs/teacher-labels")], "train", newsmtsc_ids(train_file), train_file)
    """
    for teacher_dir in map(Path, teacher_dirs):
        if json.loads((teacher_dir / f"{name}_ids.json").read_text(encoding="utf-8")) != list(ids):
            raise ValueError(f"{teacher_dir}: teacher logits do not match {data_file} row for row")


def newsmtsc_with_teacher(
    pairs: Sequence[LabeledPair], teacher_dirs: Sequence[Path], temperature: float, newsmtsc_train: Path
) -> tuple[list[LabeledPair], dict[str, int]]:
    """NewsMTSC train pairs with the teachers' soft labels, plus the pairs only the teachers labeled.

    Args:
        pairs: the gold pairs of ``newsmtsc_train`` (``load_newsmtsc(newsmtsc_train)``).
        teacher_dirs: one teacher label directory per teacher (``train.npy`` +
            ``train_ids.json``, and the ``TEACHER_ONLY_FILES``); several: their mean logits.
        temperature: softmax temperature of the teacher's logits.
        newsmtsc_train: the NewsMTSC train file the teachers labeled.

    Returns:
        ``(pairs, counts)``: the gold pairs with soft labels followed by the teacher-only
        pairs, and the number of teacher-only pairs per file used. A teacher-only file is
        used when the first directory has it (then every directory must).

    Example:
        >>> train, counts = newsmtsc_with_teacher(load_newsmtsc(path), [Path("runs/teacher-labels")], 1.5, path)
    """
    check_teacher_ids(teacher_dirs, "train", newsmtsc_ids(newsmtsc_train), newsmtsc_train)
    out = with_teacher_labels(pairs, mean_teacher_logits(teacher_dirs, "train"), temperature)
    counts = {}
    for name in TEACHER_ONLY_FILES:
        rows_file = Path(teacher_dirs[0]) / f"{name}.jsonl"
        if rows_file.is_file():
            rows = json_rows(rows_file)
            out += teacher_labeled_pairs(rows, mean_teacher_logits(teacher_dirs, name), temperature)
            counts[name] = len(rows)
    return out, counts


def without_neutral(logits: np.ndarray) -> np.ndarray:
    """Stance logits with the neutral column pushed out of the softmax (for a two-class teacher).

    Example:
        >>> softmax(without_neutral(np.array([[0.0, 0.0, 9.0]])), 1.0).round(2).tolist()
        [[0.5, 0.5, 0.0]]
    """
    out = np.array(logits, dtype=np.float64)
    out[:, STANCE_LABELS.index("neutral")] = -1e4
    return out


def ibm_with_teacher(
    ibm_file: Path, holdout: Sequence[int], teacher_dirs: Sequence[Path], temperature: float
) -> tuple[list[LabeledPair], list[LabeledPair]]:
    """IBM claims of the training topics with IBM teachers' soft labels, and the teacher-only copies.

    Each of ``teacher_dirs`` holds ``ibm.npy`` + ``ibm_ids.json`` (a teacher's stance logits
    on every claim of ``ibm_file``, in file order) and, when present,
    ``ibm_perturbed.jsonl`` + ``ibm_perturbed.npy`` (word-dropout copies of the training
    claims); with several teachers their logits are averaged. The teachers must not have
    seen the held-out topics. IBM has no neutral class, so the neutral column is ignored
    (the soft labels split support/opposition).

    Returns:
        ``(claims, copies)``: the claims of the topics not in ``holdout``, gold labels kept,
        and the copies only the teachers labeled (stance only).

    Example:
        >>> claims, copies = ibm_with_teacher(ibm, ibm_holdout_topics(ibm), [Path("runs/teacher-labels")], 1.5)
    """
    claims = load_ibm_claims(ibm_file)
    check_teacher_ids(teacher_dirs, "ibm", [c.claim_id for c in claims], ibm_file)
    logits = mean_teacher_logits(teacher_dirs, "ibm")  # every teacher's shape equals the first's
    if logits.shape != (len(claims), len(STANCE_LABELS)):
        raise ValueError(f"{teacher_dirs[0]}/ibm.npy has shape {logits.shape}, expected ({len(claims)}, {len(STANCE_LABELS)})")
    held_out = set(holdout)
    kept = [c for c in claims if c.topic_id not in held_out]
    labeled = with_teacher_labels([c.pair for c in kept], without_neutral(logits)[[c.row for c in kept]], temperature)
    copies: list[LabeledPair] = []
    copies_file = Path(teacher_dirs[0]) / "ibm_perturbed.jsonl"
    if copies_file.is_file():
        copy_logits = without_neutral(mean_teacher_logits(teacher_dirs, "ibm_perturbed"))
        copies = teacher_labeled_pairs(json_rows(copies_file), copy_logits, temperature, with_sentiment=False)
    return labeled, copies


def teacher_name(teacher_dirs: Sequence[Path], info_file: str = "teacher.json") -> str:
    """The teachers' base encoders as recorded in each ``DIR/info_file`` ("an ensemble of N ..." for several).

    Example:
        >>> teacher_name([Path("runs/teacher-labels")])
        'a fine-tuned all-mpnet-base-v2 teacher'
    """
    names = []
    for teacher_dir in map(Path, teacher_dirs):
        info = teacher_dir / info_file
        names.append(json.loads(info.read_text(encoding="utf-8")).get("teacher", "larger model") if info.is_file() else "larger model")
    if len(names) == 1:
        return f"a fine-tuned {names[0]} teacher"
    kinds = sorted(set(names))
    return f"an ensemble of {len(names)} fine-tuned {' / '.join(kinds)} teachers (mean logits)"
