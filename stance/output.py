"""Writing records (JSONL, CSV, Parquet, text table) and the speaker x target summary.

Everything builds on ``StanceRecord.to_dict()``; files are written atomically.
"""

from __future__ import annotations

import csv
import json
import typing
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence, TextIO, Union

from .io import atomic_write, new_figure, save_png
from .model import STANCE_LABELS
from .records import RECORD_FIELDS, StanceRecord, Statement

OUTPUT_FORMATS = ("jsonl", "csv", "parquet", "table", "html")  # html: one page for the run (stance.report)
# formats that need a file (--output), not stdout
BINARY_FORMATS = ("parquet",)


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """Flatten the score dicts into ``stance_<label>`` / ``sentiment_<label>`` columns."""
    row = {k: v for k, v in record.items() if k not in ("stance_scores", "sentiment_scores")}
    for prefix in ("stance", "sentiment"):
        for label, value in (record.get(f"{prefix}_scores") or {}).items():
            row[f"{prefix}_{label}"] = value
    return row


def csv_fields(labels: Sequence[str] = STANCE_LABELS, sentiment_labels: Sequence[str] = ("positive", "negative", "neutral")) -> list[str]:
    base = [f for f in RECORD_FIELDS if f not in ("stance_scores", "sentiment_scores")]
    return base + [f"stance_{l}" for l in labels] + [f"sentiment_{l}" for l in sentiment_labels]


def jsonl_to(handle: TextIO, records: Iterable[dict[str, Any]]) -> int:
    """Stream record dicts to an open text handle as JSON lines; returns the number written."""
    count = 0
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_to(handle: TextIO, records: Iterable[dict[str, Any]]) -> int:
    """Stream record dicts to an open text handle as CSV with flattened score columns."""
    writer = csv.DictWriter(handle, fieldnames=csv_fields(), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count


def write_jsonl(records: Iterable[dict[str, Any]], path: Union[str, Path]) -> int:
    """Write record dicts as JSON lines (atomically); returns the number written.

    Example:
        >>> write_jsonl(result.to_records(), "records.jsonl")
        12
    """
    with atomic_write(path) as handle:
        return jsonl_to(handle, records)


def write_csv(records: Iterable[dict[str, Any]], path: Union[str, Path]) -> int:
    """Write record dicts as CSV with flattened score columns (atomically)."""
    with atomic_write(path) as handle:
        return csv_to(handle, records)


_ARROW_TYPES = {int: "int64", float: "float64", str: "string", bool: "bool_"}


def parquet_schema():
    """The Parquet schema of records: the CSV columns (``csv_fields()``), typed from the
    ``Statement`` and ``StanceRecord`` annotations; score columns are float64."""
    import pyarrow as pa

    hints = {**typing.get_type_hints(StanceRecord), **typing.get_type_hints(Statement)}
    columns = []
    for name in csv_fields():
        if name.startswith(("stance_", "sentiment_")) and name not in hints:
            columns.append(pa.field(name, pa.float64()))
            continue
        hint = hints[name]
        # Optional[X] is Union[X, None]: the column is nullable either way
        args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        if len(args) != 1 or args[0] not in _ARROW_TYPES:
            raise TypeError(f"record field {name!r} has type {hint}, which has no Parquet column type here")
        columns.append(pa.field(name, getattr(pa, _ARROW_TYPES[args[0]])()))
    return pa.schema(columns)


def write_parquet(records: Iterable[dict[str, Any]], path: Union[str, Path], rows_per_group: int = 10_000) -> int:
    """Write record dicts as Parquet (atomically), one row per record with the CSV columns.

    Records are streamed: at most ``rows_per_group`` of them are held at once, each
    batch one row group. Read back with ``pandas.read_parquet``, DuckDB or Spark.

    Example:
        >>> write_parquet(result.to_records(), "records.parquet")
        12
        >>> pandas.read_parquet("records.parquet").columns[0]
        'content'
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    names = schema.names
    count = 0
    with atomic_write(path, "wb") as handle:
        with pq.ParquetWriter(handle, schema) as writer:
            batch: list[dict[str, Any]] = []
            for record in records:
                row = csv_row(record)
                batch.append({name: row.get(name) for name in names})
                count += 1
                if len(batch) >= rows_per_group:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch or count == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


def format_records_table(records: Sequence[dict[str, Any]]) -> str:
    """A plain-text table: speaker, target, stance (with its probability), statement."""
    lines = [f"{'speaker':<24} {'target':<24} {'stance':<11} {'p':>5}  statement"]
    for r in records:
        content = r["content"].replace("\n", " ")
        content = content if len(content) <= 70 else content[:67] + "..."
        p = r["stance_scores"][r["stance"]]
        lines.append(f"{str(r['speaker'])[:24]:<24} {str(r['target'])[:24]:<24} {r['stance']:<11} {p:>5.2f}  {content}")
    return "\n".join(lines)


@dataclass(frozen=True)
class SummaryCell:
    """One speaker x target cell: how many statements and the mean stance scores."""

    speaker: str
    target: str
    n_statements: int
    mean_scores: dict[str, float]
    label: str  # the label with the highest mean score

    @property
    def net_support(self) -> float:
        """Mean support minus mean opposition, in [-1, 1]."""
        return self.mean_scores.get("support", 0.0) - self.mean_scores.get("opposition", 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "target": self.target,
            "n_statements": self.n_statements,
            "mean_scores": dict(self.mean_scores),
            "label": self.label,
            "net_support": round(self.net_support, 4),
        }


class SummaryBuilder:
    """Accumulates the speaker x target summary one record at a time (memory per cell,
    not per record), so a corpus can be summarised while its records stream out."""

    def __init__(self) -> None:
        self._sums: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self._counts: dict[tuple[str, str], int] = defaultdict(int)

    def add(self, record: dict[str, Any]) -> None:
        key = (record.get("speaker") or "(unknown)", record["target"])
        self._counts[key] += 1
        for label, value in record["stance_scores"].items():
            self._sums[key][label] += value

    def cells(self) -> list[SummaryCell]:
        cells = []
        for key in sorted(self._counts, key=lambda k: (-self._counts[k], k)):
            n = self._counts[key]
            means = {label: round(total / n, 4) for label, total in self._sums[key].items()}
            cells.append(SummaryCell(key[0], key[1], n, means, max(means, key=means.get)))
        return cells


def summarize(records: Iterable[dict[str, Any]]) -> list[SummaryCell]:
    """Speaker x target summary over one article's or a corpus's records.

    Records with no speaker are grouped under ``"(unknown)"``.

    Example:
        >>> [c.label for c in summarize(result.to_records()) if c.speaker == "Xi Jinping"]
        ['support', 'opposition']
    """
    builder = SummaryBuilder()
    for record in records:
        builder.add(record)
    return builder.cells()


def format_summary_table(cells: Sequence[SummaryCell]) -> str:
    """The summary as a text table, one row per speaker x target cell."""
    lines = [f"{'speaker':<26} {'target':<26} {'n':>3}  {'support':>7} {'oppos.':>7} {'neutral':>7}  label"]
    for c in cells:
        m = c.mean_scores
        lines.append(
            f"{c.speaker[:26]:<26} {c.target[:26]:<26} {c.n_statements:>3}  "
            f"{m.get('support', 0):>7.2f} {m.get('opposition', 0):>7.2f} {m.get('neutral', 0):>7.2f}  {c.label}"
        )
    return "\n".join(lines)


def plot_summary(cells: Sequence[SummaryCell], path: Union[str, Path], max_rows: int = 30, max_cols: int = 20) -> Path:
    """Draw the summary as a heatmap of net support (support - opposition), written atomically.

    Rows are speakers, columns targets, cell text the number of statements.
    """
    import numpy as np

    if not cells:
        raise ValueError("nothing to plot: the summary has no cells (no records)")
    # the busiest speakers and targets, then only the rows and columns that have cells
    speaker_counts: dict[str, int] = defaultdict(int)
    target_counts: dict[str, int] = defaultdict(int)
    for c in cells:
        speaker_counts[c.speaker] += c.n_statements
        target_counts[c.target] += c.n_statements
    targets = sorted(target_counts, key=lambda t: -target_counts[t])[:max_cols]
    speakers = sorted(
        (s for s in speaker_counts if any(c.speaker == s and c.target in targets for c in cells)),
        key=lambda s: -speaker_counts[s],
    )[:max_rows]
    targets = [t for t in targets if any(c.target == t and c.speaker in speakers for c in cells)]
    grid = np.full((len(speakers), len(targets)), np.nan)
    counts = np.zeros_like(grid)
    for c in cells:
        if c.speaker in speakers and c.target in targets:
            i, j = speakers.index(c.speaker), targets.index(c.target)
            grid[i, j], counts[i, j] = c.net_support, c.n_statements
    fig = new_figure(figsize=(1.2 + 1.1 * len(targets), 1.0 + 0.45 * len(speakers)))
    ax = fig.subplots()
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="RdYlGn", vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(len(targets)), labels=targets, rotation=30, ha="right")
    ax.set_yticks(range(len(speakers)), labels=speakers)
    for i in range(len(speakers)):
        for j in range(len(targets)):
            if counts[i, j]:
                ax.text(j, i, f"{int(counts[i, j])}", ha="center", va="center", fontsize=8)
    fig.colorbar(image, ax=ax, label="mean support - opposition")
    ax.set_title("Stance by speaker and target (cell: number of statements)")
    fig.tight_layout()
    return save_png(fig, path)
