"""Labeled (statement, target) pairs from files: generic JSONL/CSV and public data sets.

Every loader returns a list of frozen :class:`LabeledPair`. Labels are the library's
stance labels (``support``, ``opposition``, ``neutral``); other label names are mapped
with ``label_map``, for example ``{"FAVOR": "support", "AGAINST": "opposition",
"NONE": "neutral"}``. Errors name the file and line.

Generic records (JSONL objects or CSV rows) have the fields ``text``, ``target``,
``label`` and optionally ``target_start``/``target_end`` (offsets of the target mention
in ``text``) and ``sentiment`` (positive/negative/neutral). The flat records written by
the stance pipeline are accepted as they are: ``content`` stands for ``text``, ``stance``
for ``label``, and when ``start`` (the statement's offset in the article) is present,
article offsets of the target are turned into statement offsets. Unknown fields are
ignored.

JSONL files are read by :func:`stance.jsonl.read_jsonl`: a line that is not a JSON object
is an error naming the file and line, and a line that is not UTF-8 is logged and skipped
while the rest of the file is read. A CSV file that is not UTF-8 is refused whole.

This file does not tokenize or train.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Collection, Iterable, Mapping, Optional, Union

from stance.jsonl import read_jsonl
from stance.model import SENTIMENT_LABELS, STANCE_LABELS, Pair

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "newsmtsc", "ibm", "semeval")
NEWSMTSC_POLARITY = {1: ("support", "positive"), -1: ("opposition", "negative"), 0: ("neutral", "neutral")}
SEMEVAL_LABEL_MAP = {"FAVOR": "support", "AGAINST": "opposition", "NONE": "neutral"}


@dataclass(frozen=True)
class LabeledPair:
    """A (statement, target) pair with its gold stance and, optionally, sentiment.

    ``teacher_stance``/``teacher_sentiment`` are optional soft labels (probabilities over
    the label tuples) from a larger model, used for distillation.

    Example:
        >>> LabeledPair("We back the tax.", "the tax", "support").pair
        Pair(text='We back the tax.', target='the tax', target_start=None, target_end=None)
    """

    text: str
    target: str
    label: str
    target_start: Optional[int] = None
    target_end: Optional[int] = None
    sentiment: Optional[str] = None
    teacher_stance: Optional[tuple[float, ...]] = None
    teacher_sentiment: Optional[tuple[float, ...]] = None

    @property
    def pair(self) -> Pair:
        return Pair(self.text, self.target, self.target_start, self.target_end)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("teacher_stance", "teacher_sentiment"):
            if out[key] is not None:
                out[key] = list(out[key])
        return out


def _where(source: str, line: Optional[int]) -> str:
    return f"{source}:{line}" if line is not None else source


def _normalize_label(raw: Any, label_map: Optional[Mapping[str, str]], valid: tuple[str, ...], where: str, what: str) -> str:
    value = str(raw).strip()
    if label_map and value in label_map:
        value = label_map[value]
    value = value.strip().lower()
    if value not in valid:
        hint = "" if label_map else " (map other names with label_map, e.g. {\"FAVOR\": \"support\"})"
        raise ValueError(f"{where}: unknown {what} {str(raw)!r}; valid {what}s: {', '.join(valid)}{hint}")
    return value


def _optional_int(value: Any, where: str, name: str) -> Optional[int]:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {name} must be an integer, not {value!r}") from None


def pair_from_record(
    record: Mapping[str, Any],
    label_map: Optional[Mapping[str, str]] = None,
    where: str = "record",
) -> LabeledPair:
    """One generic record (dict) to a :class:`LabeledPair`; see the module docstring.

    Args:
        record: a dict with text/content, target, label/stance, optional offsets.
        label_map: optional mapping of label names to the library's labels.
        where: how errors name the record (e.g. ``"train.jsonl:12"``).

    Returns:
        The :class:`LabeledPair`.

    Example:
        >>> pair_from_record({"text": "Yes to NATO.", "target": "NATO", "label": "FAVOR"}, {"FAVOR": "support"}).label
        'support'
    """
    if not isinstance(record, Mapping):
        raise ValueError(f"{where}: expected an object with text, target and label, got {type(record).__name__}")
    text = record.get("text", record.get("content"))
    if text is None or (isinstance(text, str) and not text.strip()):
        raise ValueError(f"{where}: missing field 'text' (or 'content')")
    target = record.get("target")
    if target is None or not str(target).strip():
        raise ValueError(f"{where}: missing field 'target'")
    raw_label = record.get("label", record.get("stance"))
    if raw_label is None or str(raw_label).strip() == "":
        raise ValueError(f"{where}: missing field 'label' (or 'stance')")
    text, target = str(text), str(target)
    label = _normalize_label(raw_label, label_map, STANCE_LABELS, where, "label")
    sentiment = record.get("sentiment")
    if "sentiment_scores" in record:
        # a pipeline record: its sentiment is the model's own guess, not a label
        sentiment = None
    if sentiment is not None and str(sentiment).strip() != "":
        sentiment = _normalize_label(sentiment, None, SENTIMENT_LABELS, where, "sentiment")
    else:
        sentiment = None
    start = _optional_int(record.get("target_start"), where, "target_start")
    end = _optional_int(record.get("target_end"), where, "target_end")
    if (start is None) != (end is None):
        raise ValueError(f"{where}: give both target_start and target_end, or neither")
    statement_start = _optional_int(record.get("start"), where, "start")
    if start is not None and statement_start is not None:
        # Pipeline records carry article offsets: make them statement-relative, and drop
        # them when the target mention lies outside the statement.
        start, end = start - statement_start, end - statement_start
        if not (0 <= start < end <= len(text)):
            start = end = None
    if start is not None and not (0 <= start < end <= len(text)):
        raise ValueError(f"{where}: target offsets ({start}, {end}) are outside the text (length {len(text)})")
    return LabeledPair(text, target, label, start, end, sentiment)


def _check_file(path: Union[str, Path]) -> Path:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    return path


def _nonempty(items: list, path: Path) -> list:
    if not items:
        raise ValueError(f"{path}: file is empty: no labeled pairs found")
    return items


def _not_utf8(path: Path, err: UnicodeDecodeError) -> ValueError:
    return ValueError(f"{path}: not UTF-8 text (byte 0x{err.object[err.start]:02x}); is it a binary file? save it as UTF-8")


def json_rows(path: Union[str, Path]) -> list[dict]:
    """The JSON objects of a JSONL file, in order (see :func:`stance.jsonl.read_jsonl`).

    Blank lines are skipped, a line that is not a JSON object raises a ``ValueError``
    naming the file and line, and a line that is not UTF-8 is logged and skipped.

    Example:
        >>> json_rows("teacher-labels/extra.jsonl")[0]["mention"]
        'Angela Merkel'
    """
    return [obj for _, obj in read_jsonl(_check_file(path))]


def load_jsonl(path: Union[str, Path], label_map: Optional[Mapping[str, str]] = None) -> list[LabeledPair]:
    """Generic JSONL: one object per line with text, target, label (see module docstring).

    Args:
        path: the file.
        label_map: optional mapping of label names, e.g. ``{"FAVOR": "support"}``.

    Returns:
        The pairs, in file order.

    Example:
        >>> pairs = load_jsonl("train.jsonl", label_map={"FAVOR": "support", "AGAINST": "opposition"})
        >>> pairs[0].label
        'support'
    """
    path = _check_file(path)
    return _nonempty([pair_from_record(obj, label_map, f"{path}:{n}") for n, obj in read_jsonl(path)], path)


def load_csv(path: Union[str, Path], label_map: Optional[Mapping[str, str]] = None, delimiter: str = ",") -> list[LabeledPair]:
    """Generic CSV with a header row: text, target, label, optional target_start/target_end.

    Args:
        path: the file.
        label_map: optional mapping of label names.
        delimiter: field separator.

    Returns:
        The pairs, in file order.

    Example:
        >>> load_csv("dev.csv")[0].target
        'NATO'
    """
    path = _check_file(path)
    pairs = []
    with path.open(encoding="utf-8", newline="") as fh:
        try:
            reader = csv.DictReader(fh, delimiter=delimiter)
            if reader.fieldnames is None:
                raise ValueError(f"{path}: file is empty: no header row")
            for row in reader:
                # Header is line 1; reader.line_num counts physical lines read so far.
                where = f"{path}:{reader.line_num}"
                if None in row:
                    raise ValueError(f"{where}: malformed row: more fields than the header has")
                pairs.append(pair_from_record(row, label_map, where))
        except UnicodeDecodeError as err:
            raise _not_utf8(path, err) from None
    return _nonempty(pairs, path)


def load_newsmtsc(path: Union[str, Path]) -> list[LabeledPair]:
    """NewsMTSC JSONL (``mention``, ``polarity`` -1/0/1, ``from``, ``to``, ``sentence``).

    Polarity toward the mention gives both the sentiment and the stance label: positive
    ~ support, negative ~ opposition, neutral ~ neutral.

    Example:
        >>> load_newsmtsc("newsmtsc/dev-rw.jsonl")[0].sentiment
        'neutral'
    """
    path = _check_file(path)
    pairs = []
    for n, obj in read_jsonl(path):
        where = f"{path}:{n}"
        missing = [k for k in ("mention", "polarity", "from", "to", "sentence") if k not in obj]
        if missing:
            raise ValueError(f"{where}: missing field(s) {', '.join(missing)}")
        try:
            label, sentiment = NEWSMTSC_POLARITY[int(obj["polarity"])]
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{where}: unknown polarity {obj['polarity']!r}; valid: -1, 0, 1") from None
        record = {
            "text": obj["sentence"], "target": obj["mention"], "label": label, "sentiment": sentiment,
            "target_start": obj["from"], "target_end": obj["to"],
        }
        pairs.append(pair_from_record(record, None, where))
    return _nonempty(pairs, path)


def newsmtsc_ids(path: Union[str, Path]) -> list[str]:
    """The ``id`` of every row of a NewsMTSC JSONL file, in file order (rows :func:`load_newsmtsc` reads).

    Example:
        >>> len(newsmtsc_ids("newsmtsc/dev-rw.jsonl"))
        343
    """
    path = _check_file(path)
    ids = []
    for n, obj in read_jsonl(path):
        if "id" not in obj:
            raise ValueError(f"{path}:{n}: missing field id")
        ids.append(str(obj["id"]))
    if not ids:
        raise ValueError(f"{path}: no rows")
    return ids


@dataclass(frozen=True)
class IbmClaim:
    """One claim of an IBM Claim Stance file, with where it stands in the file.

    ``row`` counts the file's claims from 0 (blank lines do not count): arrays computed
    over all the claims of a file, such as a teacher's logits, are indexed by it.
    ``claim_id`` and ``topic_id`` are the row's ``id`` and ``topic_id`` as written.

    Example:
        >>> load_ibm_claims("ibm-claim-stance/train.jsonl")[0].topic_id
        1
    """

    row: int
    claim_id: Any
    topic_id: Any
    pair: LabeledPair


def load_ibm_claims(path: Union[str, Path], stance_field: str = "stance_to_target") -> list[IbmClaim]:
    """Every claim of an IBM Debater Claim Stance JSONL file, with its row, id and topic.

    The one place that joins an IBM file's rows to their labeled pairs: select claims by
    ``topic_id`` from this list, then take ``pair``, ``claim_id`` or ``row`` from the same
    items. :func:`load_ibm_claim_stance` is the pairs alone.

    Args:
        path: the file (``text``, ``target``, ``topic_id``, ``id`` and ``stance_field``).
        stance_field: ``"stance_to_target"`` (toward the target phrase) or ``"stance_to_motion"``.

    Returns:
        The claims in file order.

    Example:
        >>> claims = load_ibm_claims("ibm-claim-stance/train.jsonl")
        >>> held_out = [c.pair for c in claims if c.topic_id in {441, 481}]
    """
    if stance_field not in ("stance_to_target", "stance_to_motion"):
        raise ValueError(f"unknown stance_field {stance_field!r}; valid: stance_to_target, stance_to_motion")
    path = _check_file(path)
    claims = []
    for row, (n, obj) in enumerate(read_jsonl(path)):
        if stance_field not in obj:
            raise ValueError(f"{path}:{n}: missing field {stance_field!r}")
        record = {"text": obj.get("text"), "target": obj.get("target"), "label": obj[stance_field]}
        claims.append(IbmClaim(row, obj.get("id"), obj.get("topic_id"), pair_from_record(record, None, f"{path}:{n}")))
    return _nonempty(claims, path)


def load_ibm_claim_stance(
    path: Union[str, Path],
    topics: Optional[Collection[int]] = None,
    exclude_topics: Optional[Collection[int]] = None,
    stance_field: str = "stance_to_target",
) -> list[LabeledPair]:
    """IBM Debater Claim Stance JSONL (``text``, ``target``, ``topic_id``, ``stance_to_target``).

    Args:
        path: the file.
        topics: keep only these ``topic_id`` values (None keeps all).
        exclude_topics: drop these ``topic_id`` values.
        stance_field: ``"stance_to_target"`` (toward the target phrase) or ``"stance_to_motion"``.

    Returns:
        The pairs (labels support/opposition; the data has no neutral class).

    Example:
        >>> pairs = load_ibm_claim_stance("ibm-claim-stance/train.jsonl", exclude_topics={441})
    """
    pairs = [
        claim.pair
        for claim in load_ibm_claims(path, stance_field)
        if (topics is None or claim.topic_id in topics) and (exclude_topics is None or claim.topic_id not in exclude_topics)
    ]
    return _nonempty(pairs, Path(path))


def ibm_topic_ids(path: Union[str, Path]) -> list[int]:
    """The sorted distinct ``topic_id`` values of an IBM Claim Stance file.

    Example:
        >>> ibm_topic_ids("ibm-claim-stance/train.jsonl")[:2]
        [1, 21]
    """
    path = _check_file(path)
    return sorted({obj["topic_id"] for _, obj in read_jsonl(path) if "topic_id" in obj})


def ibm_holdout_topics(path: Union[str, Path], every: int = 3) -> list[int]:
    """The IBM topics the default model is not trained on: every ``every``-th topic id, sorted.

    ``scripts/evaluate_ibm_unseen_topics.py`` tests on them (support vs opposition on topics
    never seen in training).

    Example:
        >>> ibm_holdout_topics("ibm-claim-stance/train.jsonl")[:2]
        [441, 481]
    """
    if every < 2:
        raise ValueError(f"every must be at least 2 (1 would hold out every topic), not {every}")
    return ibm_topic_ids(path)[::every]


def load_semeval2016(path: Union[str, Path], label_map: Optional[Mapping[str, str]] = None) -> list[LabeledPair]:
    """SemEval-2016 Task 6 tab-separated file: ``ID, Target, Tweet, Stance`` (FAVOR/AGAINST/NONE).

    The original files are not always UTF-8; Latin-1 is tried when UTF-8 fails.

    Example:
        >>> load_semeval2016("semeval2016-task6-trainingdata.txt")[0].label
        'opposition'
    """
    path = _check_file(path)
    label_map = {**SEMEVAL_LABEL_MAP, **(label_map or {})}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        lines = path.read_text(encoding="latin-1").splitlines()
    if not any(line.strip() for line in lines):
        raise ValueError(f"{path}: file is empty: no labeled pairs found")
    header = [h.strip().lower() for h in lines[0].split("\t")]
    required = ("target", "tweet", "stance")
    if any(h not in header for h in required):
        raise ValueError(f"{path}:1: header must have the columns ID, Target, Tweet, Stance; got {lines[0]!r}")
    col = {name: header.index(name) for name in required}
    pairs = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < len(header):
            raise ValueError(f"{path}:{lineno}: malformed line: {len(fields)} tab-separated fields, expected {len(header)}")
        record = {"text": fields[col["tweet"]], "target": fields[col["target"]], "label": fields[col["stance"]]}
        pairs.append(pair_from_record(record, label_map, f"{path}:{lineno}"))
    return _nonempty(pairs, path)


def load_pairs(
    path: Union[str, Path],
    format: Optional[str] = None,
    label_map: Optional[Mapping[str, str]] = None,
) -> list[LabeledPair]:
    """Load labeled pairs from any supported format.

    Args:
        path: the file.
        format: one of ``FORMATS``; None guesses from the suffix (.jsonl/.json → jsonl,
            .csv → csv, .tsv/.txt → semeval).
        label_map: optional mapping of label names (generic and SemEval formats).

    Returns:
        The pairs.

    Example:
        >>> pairs = load_pairs("train.csv", label_map={"pro": "support", "con": "opposition"})
        >>> pairs[0].label in STANCE_LABELS
        True
    """
    path = Path(path)
    if format is None:
        suffix = path.suffix.lower()
        format = {".jsonl": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "semeval", ".txt": "semeval"}.get(suffix)
        if format is None:
            raise ValueError(f"{path}: cannot tell the format from the suffix {suffix!r}; pass format= one of {', '.join(FORMATS)}")
    if format == "jsonl":
        return load_jsonl(path, label_map)
    if format == "csv":
        return load_csv(path, label_map)
    if format == "newsmtsc":
        return load_newsmtsc(path)
    if format == "ibm":
        return load_ibm_claim_stance(path)
    if format == "semeval":
        return load_semeval2016(path, label_map)
    raise ValueError(f"unknown format {format!r}; valid: {', '.join(FORMATS)}")


def to_hf_dataset(pairs: Iterable[LabeledPair]):
    """A ``datasets.Dataset`` with one row per pair (columns are the LabeledPair fields).

    Example:
        >>> ds = to_hf_dataset(load_jsonl("train.jsonl"))
        >>> ds.column_names[:3]
        ['text', 'target', 'label']
    """
    import datasets

    rows = [p.to_dict() for p in pairs]
    for row in rows:
        row.pop("teacher_stance")
        row.pop("teacher_sentiment")
    return datasets.Dataset.from_list(rows)


def from_hf_dataset(dataset: Iterable[Mapping[str, Any]], label_map: Optional[Mapping[str, str]] = None) -> list[LabeledPair]:
    """Labeled pairs from a ``datasets.Dataset`` (or any iterable of generic records).

    Example:
        >>> pairs = from_hf_dataset(datasets.load_from_disk("my-data"), {"FAVOR": "support"})
    """
    pairs = [pair_from_record(row, label_map, f"row {i}") for i, row in enumerate(dataset)]
    if not pairs:
        raise ValueError("dataset is empty: no labeled pairs found")
    return pairs
