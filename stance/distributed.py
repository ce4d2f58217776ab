"""A corpus on a Ray cluster: Ray Data reads it, actors analyse it, records come back.

Optional: ``pip install "stance[ray]"``; nothing else in the library imports Ray.

    >>> import ray, stance.distributed
    >>> ray.init()   # or ray.init(address="ray://head:10001") for an existing cluster
    >>> articles = ray.data.read_parquet("s3://bucket/articles/")   # rows {id, text}
    >>> records = stance.distributed.analyze_dataset(articles, targets=["NATO"], workers=8)
    >>> records.write_parquet("s3://bucket/records/")

``analyze_dataset`` maps batches of articles through ``StanceActor``, a class that loads
the pipeline once per Ray worker (``stance.load``) and answers one row per record, with
the columns of ``stance analyze --format parquet`` plus ``error``. An article that cannot
be analysed (text missing or not a string, not English, processing failed) gives one
row with its ``article_id`` and ``error`` and the other columns empty, the same articles
the local pipeline reports. Scheduling, retries and progress are Ray's.

``analyze_files`` is ``stance analyze --engine ray``: JSONL or Parquet in, one Parquet or
JSONL file out, in input order, errors reported as the local command reports them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

from .jsonl import SkippedItem, report_skipped
from .model import SENTIMENT_LABELS, STANCE_LABELS
from .records import RECORD_FIELDS
from .targets import Target

logger = logging.getLogger(__name__)

ERROR_COLUMN = "error"
ARTICLES_PER_BATCH = 16
INPUT_SUFFIXES = {".jsonl": "json", ".json": "json", ".parquet": "parquet"}
OUTPUT_SUFFIXES = {".jsonl": "jsonl", ".parquet": "parquet"}


def _ray():
    try:
        import ray
    except ImportError as err:  # the optional extra is missing
        raise ImportError('stance.distributed needs Ray Data: pip install "stance[ray]"') from err
    return ray


def record_schema():
    """The Arrow schema of the output rows: the Parquet record columns, then ``error``."""
    import pyarrow as pa

    from .output import parquet_schema

    return parquet_schema().append(pa.field(ERROR_COLUMN, pa.string()))


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A record dict as ``ArticleResult.to_records()`` gives it, from an output row.

    Example:
        >>> record_from_row(records.take(1)[0])["stance_scores"]
        {'support': 0.71, 'opposition': 0.2, 'neutral': 0.09}
    """
    record = {}
    for name in RECORD_FIELDS:
        if name in ("stance_scores", "sentiment_scores"):
            prefix = name.split("_")[0]
            labels = STANCE_LABELS if prefix == "stance" else SENTIMENT_LABELS
            record[name] = {label: row[f"{prefix}_{label}"] for label in labels}
        else:
            record[name] = row[name]
    return record


class StanceActor:
    """Loads the pipeline once per Ray worker; called with batches of ``{id, text}`` rows.

    Args:
        model, spacy_model, device, backend: as in ``stance.load``.
        targets, all_targets, batch_size: as in ``Pipeline.pipe``.
        pipe_options: more keyword arguments of ``Pipeline.pipe`` (e.g. ``link``).
    """

    def __init__(self, model=None, spacy_model=None, device=None, backend="torch", targets=None, all_targets=False, batch_size=32, pipe_options=None):
        from .pipeline import load

        self.nlp = load(model=model, spacy_model=spacy_model, device=device, backend=backend)
        self.targets = targets
        self.all_targets = all_targets
        self.batch_size = batch_size
        self.pipe_options = dict(pipe_options or {})
        self.schema = record_schema()

    def __call__(self, batch: dict) -> "pyarrow.Table":  # noqa: F821
        import pyarrow as pa

        from .output import csv_row

        if "text" not in batch:
            raise ValueError(f"article rows need a 'text' column (and an 'id'); got columns {sorted(batch)}")
        ids, texts = batch.get("id"), batch["text"]
        items = [(None if ids is None else _plain(ids[i]), _plain(text)) for i, text in enumerate(texts)]
        results = self.nlp.pipe(items, targets=self.targets, all_targets=self.all_targets, batch_size=self.batch_size, workers=1, **self.pipe_options)
        names = self.schema.names
        rows = []
        for result in results:
            if result.error is not None:
                rows.append({"article_id": result.article_id, ERROR_COLUMN: result.error})
                continue
            for record in result.to_records():
                row = csv_row(record)
                rows.append({name: row.get(name) for name in names})
        return pa.Table.from_pylist(rows, schema=self.schema)


def _plain(value):
    """A numpy scalar or string as the Python value; anything else as it is."""
    return value.item() if hasattr(value, "item") and getattr(value, "ndim", 1) == 0 else value


def actor_cpus(workers: int, total_cpus: float) -> float:
    """CPUs to reserve per actor so the actors leave one CPU to Ray Data's read tasks.

    On a 2-CPU runtime two 1-CPU actors take every CPU and the read tasks never run
    (measured with Ray 2.60: it hangs); half a CPU each leaves one to them.

    Example:
        >>> actor_cpus(2, 2.0), actor_cpus(1, 2.0), actor_cpus(8, 64.0)
        (0.5, 1.0, 1.0)
    """
    spare = max(total_cpus - 1.0, total_cpus / 2)
    return max(0.05, min(1.0, spare / max(workers, 1)))


def analyze_dataset(
    dataset,
    *,
    model: Optional[str] = None,
    spacy_model: Optional[str] = None,
    backend: str = "torch",
    targets: Optional[Iterable[Union[str, Target]]] = None,
    all_targets: bool = False,
    workers: Optional[int] = None,
    num_cpus: Optional[float] = None,
    num_gpus: float = 0,
    batch_size: int = 32,
    articles_per_batch: int = ARTICLES_PER_BATCH,
    pipe_options: Optional[dict] = None,
):
    """Analyse a Ray ``Dataset`` of ``{id, text}`` rows; returns a ``Dataset`` of records.

    Args:
        dataset: rows with a ``text`` column and, optionally, ``id``.
        model, spacy_model, backend: as in ``stance.load``, loaded once per actor.
        targets, all_targets: as in ``Pipeline.pipe``.
        workers: actors (each holds one pipeline); default one per CPU of the cluster.
        num_cpus: CPUs per actor; default from the cluster's CPUs (``actor_cpus``).
        num_gpus: GPUs per actor; above 0 the classifier runs on CUDA.
        batch_size: statement-target pairs per classifier batch.
        articles_per_batch: articles per actor call.
        pipe_options: more keyword arguments of ``Pipeline.pipe`` (e.g. ``link``).
    Returns:
        a lazy ``Dataset``: one row per record (``record_schema()``), and one row with
        ``error`` set per article that could not be analysed.

    Example:
        >>> records = analyze_dataset(ray.data.from_items([{"id": "a1", "text": text}]), targets=["NATO"])
        >>> records.take(1)[0]["stance"]
        'support'
    """
    ray = _ray()
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers must be a whole number of at least 1, not {workers!r}")
    total_cpus = float(ray.cluster_resources().get("CPU", 1.0))
    workers = workers or max(1, int(total_cpus))
    if num_cpus is None:
        num_cpus = actor_cpus(workers, total_cpus)
    target_list = None if targets is None else [t if isinstance(t, Target) else Target(t) for t in targets]
    logger.info("Ray Data: %d actors, %.2f CPUs and %s GPUs each", workers, num_cpus, num_gpus)
    return dataset.map_batches(
        StanceActor,
        fn_constructor_kwargs=dict(
            model=None if model is None else str(model), spacy_model=spacy_model, device="cuda" if num_gpus else "cpu", backend=backend,
            targets=target_list, all_targets=all_targets, batch_size=batch_size, pipe_options=pipe_options,
        ),
        compute=ray.data.ActorPoolStrategy(size=workers),
        batch_size=articles_per_batch,
        batch_format="numpy",
        num_cpus=num_cpus,
        num_gpus=num_gpus,
    )


def read_articles(paths: Sequence[Union[str, Path]]):
    """A Ray ``Dataset`` of the articles in JSONL (``.jsonl``/``.json``) and Parquet files.

    Raises:
        FileNotFoundError: for a path that does not exist.
        ValueError: for a file of another kind.
    """
    ray = _ray()
    by_kind: dict[str, list[str]] = {"json": [], "parquet": []}
    for path in map(Path, paths):
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file")
        kind = "parquet" if path.is_dir() else INPUT_SUFFIXES.get(path.suffix.lower())
        if kind is None:
            raise ValueError(f"{path}: --engine ray reads JSONL (.jsonl) or Parquet (.parquet, or a folder of them)")
        by_kind[kind].append(str(path))
    parts = []
    if by_kind["json"]:
        parts.append(ray.data.read_json(by_kind["json"], lines=True))
    if by_kind["parquet"]:
        parts.append(ray.data.read_parquet(by_kind["parquet"]))
    return parts[0] if len(parts) == 1 else parts[0].union(*parts[1:])


def analyze_files(
    paths: Sequence[Union[str, Path]],
    output: Union[str, Path],
    *,
    output_format: Optional[str] = None,
    **options: Any,
) -> list[SkippedItem]:
    """``stance analyze --engine ray``: analyse JSONL/Parquet corpora into one file.

    Connects to the running Ray cluster (``RAY_ADDRESS``) or starts a local runtime.
    The records are written in input order, as Parquet (``.parquet``, the columns of
    ``--format parquet``) or JSONL (``.jsonl``, the local command's lines); each article
    that could not be analysed is reported as a warning and returned.

    Args:
        paths: input files (``read_articles``).
        output: the output file; its suffix picks the format unless ``output_format``.
        output_format: ``"parquet"`` or ``"jsonl"``.
        options: passed to ``analyze_dataset``.
    Returns:
        the skipped articles (empty when every article was analysed).
    """
    from .output import jsonl_to, write_parquet
    from .io import atomic_write

    output_format = output_format or OUTPUT_SUFFIXES.get(Path(output).suffix.lower())
    if output_format not in OUTPUT_SUFFIXES.values():
        raise ValueError(f"{output}: --engine ray writes Parquet (.parquet) or JSONL (.jsonl)")
    ray = _ray()
    if not ray.is_initialized():
        ray.init(logging_level=logging.WARNING)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    records = analyze_dataset(read_articles(paths), **options)
    skipped: list[SkippedItem] = []

    def good_records():
        for batch in records.iter_batches(batch_format="pyarrow", batch_size=1024):
            for row in batch.to_pylist():
                if row[ERROR_COLUMN] is not None:
                    report_skipped(skipped, str(row["article_id"]), f"{row['article_id']}: {row[ERROR_COLUMN]}")
                    continue
                yield record_from_row(row)

    if output_format == "parquet":
        write_parquet(good_records(), output)
    else:
        with atomic_write(output) as handle:
            jsonl_to(handle, good_records())
    return skipped
