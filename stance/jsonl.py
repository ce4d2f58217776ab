"""The one JSONL reader: every JSONL input of the library goes through :func:`read_jsonl`.

Labeled data (``stance.data``), teacher rows, gold annotations
(``stance.evaluation.attribution``), ``stance classify`` requests and article corpora
(``stance.corpus``) are all read here, so they share one set of rules:

- lines are numbered from 1 and every message names the place as ``FILE:LINE``;
- blank lines are skipped, and a byte-order mark before the first line is accepted;
- a line that is not UTF-8 is reported (logged, and added to ``skipped`` when given),
  skipped, and the rest of the file is read: one bad line never loses the others;
- a line that is not a JSON object raises ``ValueError`` (``on_error="raise"``, for data
  that must be whole, such as training data), or is reported and skipped like a line
  that is not UTF-8 (``on_error="skip"``, for streams such as corpora and requests).

This module depends on nothing but the standard library.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Union

logger = logging.getLogger(__name__)

ON_ERROR = ("raise", "skip")
_BOM = "\ufeff"


@dataclass(frozen=True)
class SkippedItem:
    """An input (a file, or ``FILE:LINE``) that was reported and skipped, and why.

    ``reason`` is one sentence that starts with ``source``.

    Example:
        >>> SkippedItem("corpus.jsonl:3", "corpus.jsonl:3: malformed JSON (Expecting value)").source
        'corpus.jsonl:3'
    """

    source: str
    reason: str


def report_skipped(skipped: Optional[list[SkippedItem]], source: str, reason: str) -> None:
    """Log a skipped input as a warning and append it to ``skipped`` (when given).

    Example:
        >>> found: list[SkippedItem] = []
        >>> report_skipped(found, "a.txt", "a.txt: no such file"); found[0].source
        'a.txt'
    """
    logger.warning("skipped %s", reason)
    if skipped is not None:
        skipped.append(SkippedItem(source, reason))


def _parse_line(line: str) -> tuple[Optional[dict[str, Any]], Optional[str]]:
    """``(object, None)`` for a line holding a JSON object, else ``(None, what is wrong)``."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as err:
        return None, f"malformed JSON ({err.msg})"
    if not isinstance(value, dict):
        return None, f"expected a JSON object, got {type(value).__name__}"
    return value, None


def read_jsonl(
    path: Union[str, Path],
    *,
    on_error: str = "raise",
    skipped: Optional[list[SkippedItem]] = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for every non-blank line of a JSONL file, in order.

    Args:
        path: the file. A missing or unreadable file raises ``OSError`` (e.g.
            ``FileNotFoundError``) when iteration starts.
        on_error: what a line that is not a JSON object does: ``"raise"`` a ``ValueError``
            naming ``FILE:LINE``, or ``"skip"`` it (reported like a line that is not UTF-8).
        skipped: optional list that collects every reported and skipped line.

    Returns:
        An iterator of ``(line number, dict)``; line numbers count from 1, blank lines included.

    Example:
        >>> [obj["id"] for _, obj in read_jsonl("pairs.jsonl", on_error="skip")]
        ['a', 'c']
    """
    if on_error not in ON_ERROR:
        raise ValueError(f"unknown on_error {on_error!r}; valid: {', '.join(ON_ERROR)}")
    with Path(path).open("rb") as handle:
        # Lines are decoded one at a time so that one line that is not UTF-8 is skipped alone.
        for lineno, raw in enumerate(handle, start=1):
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                report_skipped(skipped, where, f"{where}: not UTF-8 text (byte 0x{raw[err.start]:02x})")
                continue
            if lineno == 1:
                line = line.removeprefix(_BOM)
            if not line.strip():
                continue
            value, error = _parse_line(line)
            if error is None:
                yield lineno, value
            elif on_error == "raise":
                raise ValueError(f"{where}: {error}")
            else:
                report_skipped(skipped, where, f"{where}: {error}")
