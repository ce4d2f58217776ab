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
from typing import Any, Collection, Iterable, Iterator, Mapping, Optional, Union

from stance.jsonl import read_jsonl
from stance.model import SENTIMENT_LABELS, STANCE_LABELS, Pair

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "newsmtsc", "ibm", "semeval", "argq", "argkp", "perspectrum")
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


def _csv_rows(path: Path, required: tuple[str, ...] = (), delimiter: str = ",") -> Iterator[tuple[str, dict[str, str]]]:
    """``(where, row)`` for each row of a UTF-8 CSV file with a header row holding ``required``.

    An empty file, a missing column, a row with more fields than the header and a file
    that is not UTF-8 are ``ValueError``s naming the file (and line).
    """
    with path.open(encoding="utf-8", newline="") as fh:
        try:
            reader = csv.DictReader(fh, delimiter=delimiter)
            if reader.fieldnames is None:
                raise ValueError(f"{path}: file is empty: no header row")
            missing = [k for k in required if k not in reader.fieldnames]
            if missing:
                raise ValueError(f"{path}:1: missing column(s) {', '.join(missing)}; found {reader.fieldnames}")
            for row in reader:
                # Header is line 1; reader.line_num counts physical lines read so far.
                where = f"{path}:{reader.line_num}"
                if None in row:
                    raise ValueError(f"{where}: malformed row: more fields than the header has")
                yield where, row
        except UnicodeDecodeError as err:
            raise _not_utf8(path, err) from None


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
    pairs = [pair_from_record(row, label_map, where) for where, row in _csv_rows(path, delimiter=delimiter)]
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


@dataclass(frozen=True)
class IbmClaim:
    """One claim of an IBM Claim Stance file, with where it stands in the file.

    ``row`` counts the file's claims from 0 (blank lines do not count): arrays computed
    over all the claims of a file are indexed by it.
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
        stance_field: ``"stance_to_target"`` (the pair's target is the row's target
            phrase) or ``"stance_to_motion"`` (the target is the motion sentence).

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
        # the label is toward the target phrase, or toward the motion sentence
        target = obj.get("target") if stance_field == "stance_to_target" else obj.get("motion")
        record = {"text": obj.get("text"), "target": target, "label": obj[stance_field]}
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


ARGQ_SPLITS = ("train", "dev", "test")
PERSPECTRUM_LABELS = {"SUPPORT": "support", "UNDERMINE": "opposition"}
_STANCE_SIGN = {"1": "support", "-1": "opposition"}


def _check_split(split: Optional[str], valid: tuple[str, ...] = ARGQ_SPLITS) -> None:
    if split is not None and split not in valid:
        raise ValueError(f"unknown split {split!r}; valid: {', '.join(valid)} (or None for all)")


def load_argq(path: Union[str, Path], split: Optional[str] = None, min_confidence: float = 0.0) -> list[LabeledPair]:
    """IBM ArgQ-Rank-30kArgs (``arg_quality_rank_30k.csv``): arguments for or against a proposition.

    The target is the row's ``topic``, a proposition ("We should ban whaling"); the label is
    ``stance_WA`` (1 support, -1 opposition). The data has no neutral class.

    Args:
        path: the CSV file as released.
        split: ``"train"``, ``"dev"`` or ``"test"`` (the file's ``set`` column, split by
            topic), or None for every row.
        min_confidence: keep rows whose ``stance_WA_conf`` is at least this.

    Example:
        >>> pairs = load_argq("ibm-argq-30k/arg_quality_rank_30k.csv", split="dev")
        >>> pairs[0].target
        'Payday loans should be banned'
    """
    _check_split(split)
    path = _check_file(path)
    pairs = []
    for where, row in _csv_rows(path, ("argument", "topic", "set", "stance_WA")):
        if split is not None and row["set"] != split:
            continue
        conf = row.get("stance_WA_conf")
        if min_confidence > 0 and conf not in (None, ""):
            try:
                if float(conf) < min_confidence:
                    continue
            except ValueError:
                raise ValueError(f"{where}: stance_WA_conf must be a number, not {conf!r}") from None
        record = {"text": row["argument"].strip(), "target": row["topic"], "label": row["stance_WA"].strip()}
        pairs.append(pair_from_record(record, _STANCE_SIGN, where))
    return _nonempty(pairs, path)


def load_argkp(path: Union[str, Path], key_points: bool = False, exclude_topics: Collection[str] = ()) -> list[LabeledPair]:
    """IBM ArgKP-2021 (``ArgKP-2021_dataset.csv``): arguments with their stance toward the topic.

    Each distinct (argument, topic) gives one pair labeled with ``stance`` (1 support,
    -1 opposition). With ``key_points=True`` the pairs are instead (argument, key point)
    for the rows labeled as matching (``label`` 1): the argument makes the key point's
    case, so it supports that proposition. Rows whose ``topic`` is in ``exclude_topics``
    are left out (e.g. topics held out for evaluation).

    Example:
        >>> load_argkp("ibm-argkp-2021/ArgKP-2021_dataset.csv")[0].target
        'Assisted suicide should be a criminal offence'
    """
    path = _check_file(path)
    pairs, seen = [], set()
    for where, row in _csv_rows(path, ("topic", "argument", "key_point", "stance", "label")):
        if row["topic"] in exclude_topics:
            continue
        text = row["argument"].strip()
        if key_points:
            if row["label"].strip() != "1":
                continue
            record = {"text": text, "target": row["key_point"], "label": "support"}
        else:
            if (text, row["topic"]) in seen:
                continue
            seen.add((text, row["topic"]))
            record = {"text": text, "target": row["topic"], "label": row["stance"].strip()}
        pairs.append(pair_from_record(record, _STANCE_SIGN, where))
    return _nonempty(pairs, path)


def load_perspectrum(directory: Union[str, Path], split: Optional[str] = None) -> list[LabeledPair]:
    """Perspectrum: perspectives that support or undermine a claim (the claim is the target).

    ``directory`` holds the released ``perspectrum_with_answers_v1.0.json``,
    ``perspective_pool_v1.0.json`` and ``dataset_split_v1.0.json``; every perspective of
    every cluster gives one pair (SUPPORT → support, UNDERMINE → opposition).

    Args:
        directory: the folder (or the ``perspectrum_with_answers_v1.0.json`` file in it).
        split: ``"train"``, ``"dev"`` or ``"test"`` (split by claim), or None for all.

    Example:
        >>> load_perspectrum("perspectrum", split="dev")[0].label
        'support'
    """
    import json

    _check_split(split)
    directory = Path(directory)
    if directory.is_file():
        directory = directory.parent
    files = {name: _check_file(directory / f"{name}_v1.0.json") for name in ("perspectrum_with_answers", "perspective_pool", "dataset_split")}

    def read(name: str) -> Any:
        try:
            return json.loads(files[name].read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ValueError(f"{files[name]}: not a JSON file as released ({err})") from None

    claims, pool, splits = read("perspectrum_with_answers"), read("perspective_pool"), read("dataset_split")
    pairs = []
    try:
        texts = {p["pId"]: p["text"] for p in pool}
    except (KeyError, TypeError) as err:
        raise ValueError(f"{files['perspective_pool']}: expected a list of {{\"pId\", \"text\"}} objects ({err!r})") from None
    for claim in claims:
        where = f"{files['perspectrum_with_answers']} claim {claim.get('cId') if isinstance(claim, dict) else claim!r}"
        try:
            if split is not None and splits.get(str(claim["cId"])) != split:
                continue
            for cluster in claim["perspectives"]:
                for pid in cluster["pids"]:
                    if pid not in texts:
                        raise ValueError(f"{where}: perspective {pid} is not in {files['perspective_pool']}")
                    record = {"text": texts[pid], "target": claim["text"], "label": cluster["stance_label_3"]}
                    pairs.append(pair_from_record(record, PERSPECTRUM_LABELS, where))
        except (KeyError, TypeError, AttributeError) as err:
            raise ValueError(f"{where}: not a Perspectrum claim as released (missing or malformed {err!r})") from None
    return _nonempty(pairs, files["perspectrum_with_answers"])


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
    if format == "argq":
        return load_argq(path)
    if format == "argkp":
        return load_argkp(path)
    if format == "perspectrum":
        return load_perspectrum(path)
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
