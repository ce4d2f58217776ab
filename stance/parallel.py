"""Several processes of one machine for a stream of articles, answers in input order.

``Pipeline.pipe(items, workers=N)`` and ``Extractor.pipe(texts, workers=N)`` come here.
Articles are grouped into tasks of about ``TASK_CHARS`` characters; each worker process
holds its own copy of the pipeline or extractor (inherited by ``fork`` where the platform
has it, so nothing is loaded twice; pickled under ``spawn`` elsewhere) and answers a task
with plain ``ArticleResult`` (parsed, attributed and scored, torch on one thread) or
``Extraction`` objects. The parent keeps at most ``2 * workers`` tasks in flight, so
memory stays flat however long the stream, and yields the answers in input order.

The records are the ones a single process gives when that process also runs torch on one
thread (``OMP_NUM_THREADS=1``, as the tests do): torch's sums depend on its thread count,
by about 1e-6, which can move a score's last rounded digit (1e-4).

What it is not: a scheduler over machines (that is Ray Data, ``stance.distributed``).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import warnings
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

if TYPE_CHECKING:  # the extractor and pipeline modules import this one
    from .extract.extractor import Extraction, Extractor, ProgressCallback
    from .pipeline import Pipeline
    from .records import ArticleResult

logger = logging.getLogger(__name__)

# Forked workers start without loading anything again, but the groups of articles are
# coarse and the last one runs alone: below these sizes one process is as fast. With
# 150 articles on 2 cores, 2 workers gave 1.96x one process on one torch thread
# (scripts/benchmark_pipeline.py; README, "Throughput and clusters").
MIN_ARTICLES = 8
MIN_CHARS = 40_000
TASK_CHARS = 12_000
MAX_AUTO_WORKERS = 4  # each worker holds a pipeline (about 850 MB): a bound for big machines

_worker_state = None  # what the worker process works with: an Extractor, or (Pipeline, options)


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def resolve_workers(workers: Optional[int]) -> int:
    """The number of processes for ``workers``: None picks one per usable CPU (at most
    ``MAX_AUTO_WORKERS``; 1 where processes cannot be forked, or inside a daemonic pool
    worker); an int is taken as given.

    Raises:
        ValueError: for a number below 1.

    Example:
        >>> resolve_workers(3)
        3
    """
    if workers is None:
        if "fork" not in multiprocessing.get_all_start_methods():
            return 1  # spawning reloads spaCy in every worker: only when asked for
        if multiprocessing.current_process().daemon:
            return 1  # already a pool's worker, which may not have children of its own
        return max(1, min(usable_cpus(), MAX_AUTO_WORKERS))
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a whole number of at least 1 (or None for automatic), not {workers!r}")
    return workers


def extract_in_processes(
    extractor: "Extractor",
    texts: Iterable[str],
    workers: int,
    progress: Optional["ProgressCallback"] = None,
    *,
    always: bool = False,
) -> Iterator["Extraction"]:
    """Extract from ``texts`` on ``workers`` processes; yields in input order.

    Unless ``always``, the first articles are read ahead and, when the input ends before
    ``MIN_ARTICLES`` articles and ``MIN_CHARS`` characters, they are extracted in this
    process (starting processes would cost more than it saves). ``progress`` is called
    once per article, as ``progress(article_index, chars, chars)``, when it is done.

    Raises:
        TypeError: for an item that is not a string (when that item is read).
        RuntimeError: when a worker process dies (killed, out of memory).
    """
    texts = _checked(texts)
    if not always:
        head, texts, large = read_ahead(texts, len)
        if not large:
            yield from extractor.pipe(head, progress=progress)
            return
    for position, (text, extraction) in enumerate(_pooled(extractor, _extract_task, texts, workers, len)):
        if progress is not None:
            progress(position, len(text), len(text))
        yield extraction


def analyze_in_processes(pipeline: "Pipeline", items: Iterable, workers: int, options: dict, progress=None, *, always: bool = False) -> Iterator["ArticleResult"]:
    """``Pipeline.pipe`` on ``workers`` processes: each parses, attributes and scores its
    articles (torch with one thread each); results in input order, as ``extract_in_processes``.

    ``options`` are ``Pipeline._stream``'s keyword arguments (targets, batch size, on_error, ...).
    """
    items = iter(items)
    if not always:
        head, items, large = read_ahead(items, _chars)
        if not large:
            yield from pipeline._stream(head, **options, progress=progress, workers=1)
            return
    for position, (_, result) in enumerate(_pooled((pipeline, options), _analyze_task, items, workers, _chars)):
        if progress is not None:
            progress(position, len(result.text), len(result.text))
        yield result


def _chars(item) -> int:
    text = item[1] if isinstance(item, tuple) and len(item) == 2 else item
    return len(text) if isinstance(text, str) else 0


def read_ahead(items: Iterator, size) -> tuple[list, Iterator, bool]:
    """(the items read ahead, all the items, whether the input is large enough for processes):
    at least ``MIN_ARTICLES`` items and ``MIN_CHARS`` characters (``size`` of an item)."""
    head: list = []
    chars = 0
    for item in items:
        head.append(item)
        chars += size(item)
        if len(head) >= MIN_ARTICLES and chars >= MIN_CHARS:
            return head, _chain(head, items), True
    return head, iter(head), False


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


def _checked(texts: Iterable) -> Iterator[str]:
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"expected the article text as a str, got {type(text).__name__}")
        yield text


def _tasks(items: Iterator, size) -> Iterator[tuple[int, list]]:
    """(position of the first item, items) for consecutive items of about ``TASK_CHARS`` characters."""
    task: list = []
    chars = 0
    position = 0
    for item in items:
        task.append(item)
        chars += size(item)
        if chars >= TASK_CHARS:
            yield position, task
            position += len(task)
            task, chars = [], 0
    if task:
        yield position, task


def _pooled(state, work: Callable, items: Iterator, workers: int, size) -> Iterator[tuple]:
    """(item, result) in input order; ``work(state, first_position, task)`` runs in the workers."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(state,))
    tasks = _tasks(items, size)
    in_flight: deque = deque()
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns that forking a threaded process (torch keeps a thread
            # pool) may deadlock the child; each worker sets torch to one thread first.
            warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
            for position, task in islice(tasks, 2 * workers):
                in_flight.append((task, pool.submit(work, position, task)))
        while in_flight:
            task, future = in_flight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool as err:
                raise RuntimeError(f"a worker process died ({err}); run with workers=1 to find the article") from err
            following = next(tasks, None)
            if following is not None:
                in_flight.append((following[1], pool.submit(work, *following)))
            yield from zip(task, results)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _init_worker(state) -> None:
    global _worker_state
    _worker_state = state
    if "torch" in sys.modules:
        # one thread per worker: the workers share the CPUs, and a forked OpenMP pool is not safe
        sys.modules["torch"].set_num_threads(1)


def _extract_task(_position: int, texts: list) -> list:
    return list(_worker_state.pipe(texts, workers=1))


def _analyze_task(position: int, items: list) -> list:
    pipeline, options = _worker_state
    return list(pipeline._stream(items, **options, workers=1, first_position=position))
