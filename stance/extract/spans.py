"""Span arithmetic on the article text: trimming, quote balancing, token ranges and
nested-statement removal. Every function takes and returns absolute character offsets."""

from __future__ import annotations

from typing import Sequence

from ..records import Statement
from .segmenting import QUOTE_CHARS

# characters trimmed from both ends of a statement's content
TRIM = " \t\r\n,.;:—–-"
_TRAILING_WORDS = ("and", "but", "or", "while", "as")


def strip_span(text: str, start: int, end: int, chars: str = " \t\r\n,.;:") -> tuple[int, int]:
    """Shrink [start, end) past leading/trailing ``chars`` and any Unicode whitespace.

    Example:
        >>> strip_span(" yes, ", 0, 6)
        (1, 4)
    """
    while start < end and (text[start] in chars or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in chars or text[end - 1].isspace()):
        end -= 1
    return start, end


def strip_trailing_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a dangling conjunction left at the end of a cut span (``... crisis and``)."""
    changed = True
    while changed:
        changed = False
        for word in _TRAILING_WORDS:
            if text[start:end].endswith(" " + word):
                start, end = strip_span(text, start, end - len(word), TRIM)
                changed = True
    return start, end


def balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a dangling quote mark at either edge of a span."""
    for _ in range(2):
        segment = text[start:end]
        if not segment:
            break
        opens = sum(segment.count(c) for c in "“«")
        closes = sum(segment.count(c) for c in "”»")
        straight = segment.count('"')
        if segment[0] in "“«\"" and (opens > closes or straight % 2 == 1):
            start, end = strip_span(text, start + 1, end, TRIM)
            continue
        if segment[-1] in "”»\"" and (closes > opens or straight % 2 == 1):
            start, end = strip_span(text, start, end - 1, TRIM)
            continue
        break
    return start, end


def has_partial_quote(text: str, start: int, end: int) -> bool:
    """Does [start, end) hold a quotation of two or more words (a mixed quote)?"""
    segment = text[start:end]
    for opening, closing in (("“", "”"), ('"', '"'), ("«", "»")):
        a = segment.find(opening)
        while a >= 0:
            b = segment.find(closing, a + 1)
            if b < 0:
                break
            if len(segment[a + 1 : b].split()) >= 2:
                return True
            a = segment.find(opening, b + 1)
    return False


def words_with_offsets(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Whitespace-separated words of text[start:end] with their absolute offsets."""
    out, i = [], start
    for word in text[start:end].split():
        i = text.index(word, i)
        out.append((i, word))
        i += len(word)
    return out


def token_range_span(text: str, left, right, offset: int) -> tuple[int, int]:
    """The trimmed, quote-balanced span from spaCy token ``left`` to ``right`` (inclusive);
    ``offset`` is the parsed paragraph's offset in the article."""
    while right.i > left.i and (right.dep_ == "cc" or right.is_punct and right.text not in QUOTE_CHARS + ")"):
        right = right.nbor(-1)
    start = offset + left.idx
    end = offset + right.idx + len(right.text)
    start, end = strip_span(text, start, end, TRIM)
    return balance_quotes(text, start, end)


def subtree_span(text: str, head, offset: int, stop_at=None) -> tuple[int, int]:
    """The span of ``head``'s subtree, never running over the cue ``stop_at``, without a
    leading complementiser (``that``)."""
    left, right = head.left_edge, head.right_edge
    if stop_at is not None and left.i < stop_at.i < right.i:
        right = stop_at  # never run over the cue itself
        if head.i < stop_at.i:
            right = head.doc[stop_at.i - 1]
        else:
            left = head.doc[stop_at.i + 1]
    start, end = token_range_span(text, left, right, offset)
    lowered = text[start : start + 5].lower()
    if lowered.startswith("that ") and head.doc[left.i].dep_ == "mark":
        start, end = strip_span(text, start + 5, end, TRIM)
    return start, end


def drop_nested(statements: Sequence[Statement], parses: Sequence, window: int) -> tuple[list[Statement], list]:
    """Drop a statement whose cue lies inside another statement's content (an embedded
    report), a same-span statement of lower confidence, and exact duplicate spans.

    ``statements`` are sorted by start, ``parses`` aligned with them; a container starts
    at or before what it contains and nesting is local, so only ``window`` neighbours on
    each side are compared (linear time). Returns the kept statements and their parses.
    """
    kept = []
    for index, s in enumerate(statements):
        neighbours = statements[max(0, index - window) : index + window + 1]
        if s.cue_start is not None and any(
            o is not s and o.start <= s.cue_start < o.end and o.start <= s.start and s.end <= o.end + 1 for o in neighbours
        ):
            continue
        if any(o is not s and o.start == s.start and o.end == s.end and o.confidence > s.confidence for o in neighbours):
            continue
        kept.append(index)
    out_statements, out_parses, seen = [], [], set()
    for index in kept:  # exact duplicates (same span) keep the first
        key = (statements[index].start, statements[index].end)
        if key not in seen:
            seen.add(key)
            out_statements.append(statements[index])
            out_parses.append(parses[index])
    return out_statements, out_parses
