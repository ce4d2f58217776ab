"""Raw article text -> metadata header, paragraphs and quotation spans.

Everything here works on the original string and returns character offsets into it;
nothing is normalised or re-written, so every later span can be checked with
``text[start:end]``. All functions are linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from ..records import ArticleMetadata

# A scraper header such as
# "date 2022-01 By CAO DESHENG in Beijing and REN QI in Moscow | China Daily | Update: 2022-01-08 07:32"
_HEADER_HINT = re.compile(r"^\s*(?:date\s+\S+|by\s+[A-Z])", re.IGNORECASE)
_DATE = re.compile(r"\bdate\s+(\S+)", re.IGNORECASE)
_BYLINE = re.compile(r"\bBy\s+(.+)$")
_UPDATED = re.compile(r"\bUpdat(?:e|ed)\s*:?\s*(.+)$", re.IGNORECASE)
_HEADER_END = re.compile(r"\|\s*Updat(?:e|ed)\s*:?\s*[\d-]+(?:\s+\d{1,2}:\d{2})?")
MAX_HEADER_CHARS = 400
_AUTHOR_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")

OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
QUOTE_CHARS = OPENING_QUOTES + CLOSING_QUOTES + STRAIGHT_QUOTE

# Paragraphs longer than this are cut at sentence-like boundaries before parsing, so a
# 5 MB article with no line breaks is still parsed in bounded memory.
MAX_PARAGRAPH_CHARS = 10_000


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the article as offsets into the text."""

    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: ``open``/``close`` are the offsets of the quote marks.

    ``close`` is ``None`` when the quote is never closed (it then runs to the end of
    its last paragraph). ``inner_start``/``inner_end`` delimit the quoted words.
    """

    open: Optional[int]
    close: Optional[int]
    inner_start: int
    inner_end: int


def parse_header(text: str) -> ArticleMetadata:
    """Parse a scraper's metadata header line, if the article starts with one.

    Args:
        text: the raw article.
    Returns:
        ArticleMetadata; all fields ``None`` when there is no header.

    Example:
        >>> parse_header("date 2022-01 By A B in Rome | The Daily | Update: 2022-01-08\\nBody.").outlet
        'The Daily'
    """
    first_nl = text.find("\n")
    line_end = len(text) if first_nl < 0 else first_nl
    if line_end > MAX_HEADER_CHARS:
        # no line break after the header: it ends after "Update: <date> <time>" if at all
        update = _HEADER_END.search(text, 0, MAX_HEADER_CHARS)
        if update is None:
            return ArticleMetadata()
        line_end = update.end()
    line = text[:line_end]
    if not line.strip() or not _HEADER_HINT.match(line) or ("|" not in line and "By " not in line):
        return ArticleMetadata()
    parts = [p.strip() for p in line.split("|")]
    date = authors = outlet = updated = None
    for index, part in enumerate(parts):
        date_match = _DATE.search(part)
        if date_match and date is None:
            date = date_match.group(1)
        by_match = _BYLINE.search(part)
        if by_match and authors is None:
            names = re.split(r"\s+and\s+|\s*,\s*|\s*&\s*", by_match.group(1))
            authors = tuple(_AUTHOR_PLACE.sub("", n).strip() for n in names if n.strip())
            continue
        upd = _UPDATED.search(part)
        if upd and index > 0:
            updated = upd.group(1).strip()
            continue
        if index > 0 and outlet is None and part:
            outlet = part
    return ArticleMetadata(
        date=date,
        authors=authors or (),
        outlet=outlet,
        updated=updated,
        header_start=len(line) - len(line.lstrip()),
        header_end=len(line.rstrip()),
    )


def iter_paragraphs(text: str, start: int = 0) -> Iterator[Paragraph]:
    """Yield paragraphs (runs of text between line breaks), trimmed of whitespace.

    Long paragraphs are cut into pieces of at most about ``MAX_PARAGRAPH_CHARS`` at a
    sentence-like boundary (". " followed by a capital) or, failing that, at a space.
    """
    for match in re.finditer(r"[^\n]+", text[start:] if start else text):
        a, b = match.start() + start, match.end() + start
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        yield from _cut_long(text, a, b)


def _cut_long(text: str, start: int, end: int) -> Iterator[Paragraph]:
    while end - start > MAX_PARAGRAPH_CHARS:
        window_end = start + MAX_PARAGRAPH_CHARS
        cut = -1
        for m in re.finditer(r"[.!?][\"”’)]?\s+(?=[\"“A-Z])", text[start + MAX_PARAGRAPH_CHARS // 2 : window_end]):
            cut = start + MAX_PARAGRAPH_CHARS // 2 + m.end()
        if cut < 0:
            space = text.rfind(" ", start + 1, window_end)
            cut = space + 1 if space > start else window_end
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            yield Paragraph(start, piece_end)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield Paragraph(start, end)


def find_quotes(text: str, paragraphs: list[Paragraph]) -> list[QuoteSpan]:
    """Pair quotation marks into quotes, paragraph by paragraph.

    Curly marks say which way they face; straight marks alternate. A quote left open
    at the end of a paragraph continues into the next paragraph when that paragraph
    opens with a quote mark (news style for a quote over several paragraphs);
    otherwise it ends with its paragraph. A closing mark with no opening one starts
    its quote at the paragraph start. Apostrophes and single quotes are ignored.

    Example:
        >>> q = find_quotes('"Yes," he said.', [Paragraph(0, 15)])[0]
        >>> (q.inner_start, q.inner_end)
        (1, 5)
    """
    quotes: list[QuoteSpan] = []
    carried_open: Optional[int] = None  # offset of an opening mark still open from the last paragraph
    carried_inner: Optional[int] = None
    for para in paragraphs:
        open_at: Optional[int] = None
        inner_at: Optional[int] = None
        first_mark = True
        for pos in _quote_positions(text, para.start, para.end):
            ch = text[pos]
            is_opening = ch in OPENING_QUOTES or (ch == STRAIGHT_QUOTE and open_at is None and _looks_opening(text, pos))
            if first_mark and carried_open is not None:
                first_mark = False
                if is_opening and not text[para.start:pos].strip():
                    # the quote goes on in this paragraph
                    open_at, inner_at = carried_open, carried_inner
                    carried_open = carried_inner = None
                    continue
                quotes.append(QuoteSpan(carried_open, None, carried_inner, _previous_end(text, para.start)))
                carried_open = carried_inner = None
            first_mark = False
            if is_opening and open_at is None:
                open_at, inner_at = pos, pos + 1
            elif open_at is not None:
                quotes.append(QuoteSpan(open_at, pos, inner_at, pos))
                open_at = inner_at = None
            else:
                # a closing mark without an opening one: quote from paragraph start
                quotes.append(QuoteSpan(None, pos, para.start, pos))
        if carried_open is not None:
            quotes.append(QuoteSpan(carried_open, None, carried_inner, _previous_end(text, para.start)))
            carried_open = carried_inner = None
        if open_at is not None:
            carried_open, carried_inner = open_at, inner_at
    if carried_open is not None:
        last_end = paragraphs[-1].end if paragraphs else len(text)
        quotes.append(QuoteSpan(carried_open, None, carried_inner, last_end))
    return [q for q in quotes if q.inner_end > q.inner_start]


def _quote_positions(text: str, start: int, end: int) -> Iterator[int]:
    for match in re.finditer(r'["“”«»„]', text[start:end]):
        yield start + match.start()


def _looks_opening(text: str, pos: int) -> bool:
    """A straight quote opens when it follows a space/start/bracket and precedes a non-space."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if after.isspace() and not before.isspace():
        return False
    return before.isspace() or before in "([{—–-:" or pos == 0 or not after.isspace()


def _previous_end(text: str, para_start: int) -> int:
    """End of the non-space text before ``para_start``."""
    end = para_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
