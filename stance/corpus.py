"""Reading articles from files, directories and JSONL corpora.

A file that cannot be read (missing, binary, not UTF-8) raises ``ArticleReadError``
with one clear sentence; ``iter_articles`` reports such items and goes on, so one bad
file never loses the rest of a corpus.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from stance.jsonl import SkippedItem, read_jsonl, report_skipped

logger = logging.getLogger(__name__)

__all__ = ["Article", "ArticleReadError", "SkippedItem", "iter_articles", "read_article_file"]

_BINARY_SNIFF_BYTES = 8192


class ArticleReadError(ValueError):
    """An article file or corpus line that cannot be read as text."""


@dataclass(frozen=True)
class Article:
    """One article to process: an id (file path or corpus id) and its text.

    Example:
        >>> Article("seeds/a.txt", "Smith said so.").article_id
        'seeds/a.txt'
    """

    article_id: str
    text: str


def read_article_file(path: Union[str, Path]) -> str:
    """Read an article file as UTF-8 text (a byte-order mark is dropped).

    Args:
        path: the file.
    Returns:
        the text; offsets of every result refer to this string.
    Raises:
        ArticleReadError: when the file is missing, a directory, binary or not UTF-8.

    Example:
        >>> read_article_file("seeds/000_3f02757656f424b1.txt")[:5]
        ' date'
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleReadError(f"{path}: is a directory") from None
    except OSError as err:
        raise ArticleReadError(f"{path}: cannot read ({err.strerror or err})") from None
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise ArticleReadError(f"{path}: looks like a binary file, expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleReadError(f"{path}: not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r})") from None


def iter_articles(paths: Iterable[Union[str, Path]], skipped: Optional[list[SkippedItem]] = None) -> Iterator[Article]:
    """Yield articles from files, directories (every ``*.txt`` below) and JSONL corpora.

    A JSONL corpus (``.jsonl``) holds one article per line with ``id`` and ``text``.
    Items that cannot be read are logged, appended to ``skipped`` and passed over.

    Args:
        paths: files, directories or ``.jsonl`` corpora.
        skipped: optional list that collects the skipped items.
    Returns:
        an iterator of ``Article``.

    Example:
        >>> [a.article_id for a in iter_articles(["seeds"])]
        ['seeds/000_3f02757656f424b1.txt']
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                report_skipped(skipped, str(path), f"{path}: directory holds no *.txt files")
            for file in files:
                yield from _read_one(file, skipped)
        elif path.suffix == ".jsonl":
            yield from _read_jsonl(path, skipped)
        else:
            yield from _read_one(path, skipped)


def _read_one(path: Path, skipped: Optional[list[SkippedItem]]) -> Iterator[Article]:
    try:
        yield Article(str(path), read_article_file(path))
    except ArticleReadError as err:
        report_skipped(skipped, str(path), str(err))


def _read_jsonl(path: Path, skipped: Optional[list[SkippedItem]]) -> Iterator[Article]:
    try:
        for line_no, item in read_jsonl(path, on_error="skip", skipped=skipped):
            source = f"{path}:{line_no}"
            if not isinstance(item.get("text"), str):
                report_skipped(skipped, source, f"{source}: expected an object with a string 'text' field (and an 'id')")
                continue
            yield Article(str(item.get("id", source)), item["text"])
    except OSError as err:
        report_skipped(skipped, str(path), f"{path}: cannot read ({err.strerror or err})")
