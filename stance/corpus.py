"""Reading articles from files, directories and JSONL corpora.

A file that cannot be read (missing, binary, not UTF-8) raises ``ArticleReadError``
with one clear sentence; ``iter_articles`` reports such items and goes on, so one bad
file never loses the rest of a corpus.

An HTML page (a ``.html``/``.htm`` file, or any file or corpus text whose content is
HTML) is turned into its article text by ``stance.html_input``; the article then carries
the page's title, authors, date and outlet as ``metadata``, and every offset computed
on it points into that extracted text.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, TextIO, Union

from stance.html_input import HTML_SUFFIXES, html_to_article, looks_like_html
from stance.jsonl import SkippedItem, read_jsonl, report_skipped
from stance.records import ArticleMetadata

logger = logging.getLogger(__name__)

__all__ = ["ARTICLE_SUFFIXES", "Article", "ArticleReadError", "SkippedItem", "iter_articles", "read_article", "read_article_file", "tee_articles"]

_BINARY_SNIFF_BYTES = 8192
# the files a directory contributes
ARTICLE_SUFFIXES = (".txt",) + HTML_SUFFIXES


class ArticleReadError(ValueError):
    """An article file or corpus line that cannot be read as text."""


@dataclass(frozen=True)
class Article:
    """One article to process: an id (file path or corpus id) and its text.

    ``metadata`` is set for an article read from HTML (title, authors, date, outlet,
    ``extracted_from="html"``); ``text`` is then the extracted article text.

    Example:
        >>> Article("seeds/a.txt", "Smith said so.").article_id
        'seeds/a.txt'
    """

    article_id: str
    text: str
    metadata: Optional[ArticleMetadata] = None

    def to_dict(self) -> dict:
        """The article as a corpus line (``id``, ``text``) with its metadata, for ``--articles``.

        Example:
            >>> Article("a.html", "Smith said so.").to_dict()["id"]
            'a.html'
        """
        return {"id": self.article_id, "text": self.text, "metadata": self.metadata.to_dict() if self.metadata else None}


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
    data = _read_bytes(path)
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise ArticleReadError(f"{path}: looks like a binary file, expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleReadError(f"{path}: not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r})") from None


def read_article(path: Union[str, Path]) -> Article:
    """Read one article file: UTF-8 text, or an HTML page turned into its article text.

    A file is read as HTML when it is named ``.html``/``.htm`` or its content starts
    like a page (``<!DOCTYPE html>``, ``<html>``, ...); a page's encoding is taken
    from the page.

    Args:
        path: the file.
    Returns:
        an ``Article`` whose id is the path.
    Raises:
        ArticleReadError: when the file cannot be read, or a page holds no article text.

    Example:
        >>> read_article("tests/html/01_metro_transit.html").metadata.title
        'City council delays vote on transit fare increase'
    """
    path = Path(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        return _html_article(str(path), _read_bytes(path))
    text = read_article_file(path)
    if looks_like_html(text):
        return _html_article(str(path), text)
    return Article(str(path), text)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleReadError(f"{path}: is a directory") from None
    except OSError as err:
        raise ArticleReadError(f"{path}: cannot read ({err.strerror or err})") from None


def _html_article(article_id: str, html: Union[str, bytes]) -> Article:
    try:
        page = html_to_article(html)
    except ValueError as err:
        raise ArticleReadError(f"{article_id}: {err}") from None
    return Article(article_id, page.text, page.metadata)


def iter_articles(paths: Iterable[Union[str, Path]], skipped: Optional[list[SkippedItem]] = None) -> Iterator[Article]:
    """Yield articles from files, directories (every ``*.txt``, ``*.html`` and ``*.htm``
    below) and JSONL corpora.

    A JSONL corpus (``.jsonl``) holds one article per line with ``id`` and ``text``;
    a text that is HTML is read as a page, like an HTML file.
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
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
            if not files:
                report_skipped(skipped, str(path), f"{path}: directory holds no *.txt, *.html or *.htm files")
            for file in files:
                yield from _read_one(file, skipped)
        elif path.suffix == ".jsonl":
            yield from _read_jsonl(path, skipped)
        else:
            yield from _read_one(path, skipped)


def tee_articles(articles: Iterable[Article], handle: Optional[TextIO]) -> Iterator[Article]:
    """Pass articles through, writing each to ``handle`` as a JSON line (``--articles``).

    A line holds ``id``, ``text`` (the text every offset points into; for HTML input, the
    extracted article text) and ``metadata``, so the file is itself a JSONL corpus.

    Example:
        >>> for article in tee_articles(iter_articles(["page.html"]), handle): ...
    """
    for article in articles:
        if handle is not None:
            handle.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        yield article


def _read_one(path: Path, skipped: Optional[list[SkippedItem]]) -> Iterator[Article]:
    try:
        yield read_article(path)
    except ArticleReadError as err:
        report_skipped(skipped, str(path), str(err))


def _read_jsonl(path: Path, skipped: Optional[list[SkippedItem]]) -> Iterator[Article]:
    try:
        for line_no, item in read_jsonl(path, on_error="skip", skipped=skipped):
            source = f"{path}:{line_no}"
            if not isinstance(item.get("text"), str):
                report_skipped(skipped, source, f"{source}: expected an object with a string 'text' field (and an 'id')")
                continue
            article_id, text = str(item.get("id", source)), item["text"]
            if looks_like_html(text):
                try:
                    yield _html_article(article_id, text)
                except ArticleReadError as err:
                    report_skipped(skipped, source, f"{source}: {err}")
                continue
            yield Article(article_id, text)
    except OSError as err:
        report_skipped(skipped, str(path), f"{path}: cannot read ({err.strerror or err})")
