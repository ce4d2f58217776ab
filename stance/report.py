"""HTML out: one self-contained page that shows who said what in each article.

``render_report(results, targets)`` returns the page; ``stance analyze ... --format html
--output report.html`` writes it. The page needs nothing but a browser: its CSS and
JavaScript are inline, it loads no fonts, images or scripts, and it works offline.

What a reader gets:

- each article's text with its statements highlighted, the speaker named at the start
  of each, target mentions underlined; colour by kind of statement, or, once a target
  is chosen in the drop-down, by the statement's stance toward that target;
- hovering over a statement (or focusing it) shows its cue, kind, confidence and the
  full stance and sentiment score distributions; a click pins that box;
- a speaker x target table for the whole run and one per article, with the numbers of
  ``--summary`` (``stance.output.SummaryBuilder``); a cell links to its statements.

The page is built from Jinja2 templates (``stance/templates/``) with autoescaping on,
and the data for the script is embedded as escaped JSON: an article that contains
``<script>`` shows those characters and never runs them.

Example:
    >>> results = list(nlp.pipe(texts, targets=["Kazakhstan"]))
    >>> Path("report.html").write_text(render_report(results, targets=["Kazakhstan"]))
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

from .io import atomic_write
from .output import SummaryBuilder, SummaryCell
from .records import STATEMENT_KINDS, ArticleResult
from .targets import Target

__all__ = ["render_report", "write_report"]

UNKNOWN_SPEAKER = "(unknown)"  # as in SummaryBuilder


@functools.lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("stance", "templates"),
        autoescape=True,  # every value written into the page is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(
    results: Iterable[ArticleResult],
    targets: Optional[Sequence[Union[str, Target]]] = None,
    title: str = "stance report",
) -> str:
    """The HTML report of a run: one page for all ``results``.

    Args:
        results: article results, as ``Pipeline.pipe`` yields them (skipped articles are
            listed with their error).
        targets: the run's targets, in the order of the drop-down; default: the targets
            of the records, in the order they first appear.
        title: the page title.
    Returns:
        the page, one self-contained HTML document.

    Example:
        >>> html = render_report([nlp(text, targets=["NATO"])], targets=["NATO"])
        >>> html.startswith("<!DOCTYPE html>")
        True
    """
    from . import __version__

    results = list(results)
    run_summary = SummaryBuilder()
    articles = []
    statements: dict[str, dict[str, Any]] = {}
    run_cell_sids: dict[tuple[str, str], list[str]] = {}
    seen_targets: dict[str, None] = {}
    for index, result in enumerate(results):
        article = _article_view(index, result, statements)
        for record, sid in article.pop("record_sids"):
            run_summary.add(record)
            run_cell_sids.setdefault(_cell_key(record), []).append(sid)
            seen_targets.setdefault(record["target"], None)
        articles.append(article)
    names = [t.name if isinstance(t, Target) else str(t) for t in targets] if targets else list(seen_targets)
    data = {"statements": statements, "targets": names, "kinds": list(STATEMENT_KINDS)}
    page = _environment().get_template("report.html.j2").render(
        title=title,
        version=__version__,
        targets=names,
        kinds=STATEMENT_KINDS,
        articles=articles,
        run_table=_table_view(run_summary.cells(), run_cell_sids, names),
        n_statements=sum(len(a["statement_ids"]) for a in articles),
        n_records=sum(a["n_records"] for a in articles),
        n_skipped=sum(1 for a in articles if a["error"]),
        data=data,
    )
    return page


def write_report(results: Iterable[ArticleResult], path: Union[str, Path], targets: Optional[Sequence[Union[str, Target]]] = None) -> Path:
    """Write ``render_report(results, targets)`` to ``path`` (atomically).

    Example:
        >>> write_report(nlp.pipe(texts), "report.html")
        PosixPath('report.html')
    """
    page = render_report(results, targets)
    with atomic_write(path) as handle:
        handle.write(page)
    return Path(path)


# ---------------------------------------------------------------- one article
def _article_view(index: int, result: ArticleResult, statements: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What the template needs for one article; fills ``statements`` (id -> data for the script)."""
    sid_of = {}
    statement_ids = []
    for number, statement in enumerate(result.statements):
        sid = f"{index}-{number}"
        sid_of[(statement.start, statement.end)] = sid
        statement_ids.append(sid)
        statements[sid] = {
            "speaker": statement.speaker or UNKNOWN_SPEAKER,
            "speaker_mention": statement.speaker_mention,
            "cue": statement.cue,
            "cue_type": statement.cue_type,
            "kind": statement.kind,
            "confidence": statement.confidence,
            "records": {},
        }
    summary = SummaryBuilder()
    cell_sids: dict[tuple[str, str], list[str]] = {}
    record_sids = []
    mentions = []
    for record in result.records:
        row = record.to_dict()
        sid = sid_of[(record.statement.start, record.statement.end)]
        statements[sid]["records"][record.target] = {
            # [label, score] pairs: the model's label order survives JSON (tojson sorts keys)
            "stance": record.stance,
            "stance_scores": [[label, score] for label, score in record.stance_scores.items()],
            "sentiment": record.sentiment,
            "sentiment_scores": [[label, score] for label, score in record.sentiment_scores.items()],
            "mention": record.target_mention,
        }
        summary.add(row)
        cell_sids.setdefault(_cell_key(row), []).append(sid)
        record_sids.append((row, sid))
        if record.target_start is not None:
            mentions.append((record.target_start, record.target_end, record.target))
    metadata = result.metadata
    targets = list(dict.fromkeys(r.target for r in result.records))
    return {
        "anchor": f"article-{index}",
        "heading": metadata.title or result.article_id or f"article {index + 1}",
        "article_id": result.article_id,
        "byline": _byline(metadata),
        "from_html": metadata.extracted_from == "html",
        "error": result.error,
        "runs": _runs(result, sid_of, mentions) if not result.error else [],
        "statement_ids": statement_ids,
        "n_records": len(result.records),
        "table": _table_view(summary.cells(), cell_sids, targets),
        "record_sids": record_sids,
    }


def _cell_key(record: dict[str, Any]) -> tuple[str, str]:
    return (record.get("speaker") or UNKNOWN_SPEAKER, record["target"])


def _byline(metadata) -> str:
    parts = []
    if metadata.authors:
        parts.append("By " + ", ".join(metadata.authors))
    parts.extend(p for p in (metadata.outlet, metadata.date) if p)
    return " · ".join(parts)


def _runs(result: ArticleResult, sid_of: dict[tuple[int, int], str], mentions: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """The article text cut into runs: plain text, or (a part of) one statement with its
    target mentions marked. Where statements overlap, a stretch belongs to the shortest
    one, so every statement shows and its speaker label comes at its first stretch."""
    text = result.text
    spans = sorted(((s.start, s.end, sid_of[(s.start, s.end)]) for s in result.statements), key=lambda span: span[:2])
    cuts = sorted({0, len(text)} | {p for start, end, _ in spans for p in (start, end)} | {p for start, end, _ in mentions for p in (start, end)})
    runs: list[dict[str, Any]] = []
    started: set[str] = set()
    for left, right in zip(cuts, cuts[1:]):
        covering = [(end - start, sid) for start, end, sid in spans if start <= left and right <= end]
        sid = min(covering)[1] if covering else None
        target = next((t for start, end, t in mentions if sid and start <= left and right <= end), None)
        piece = {"text": text[left:right], "target": target}
        if runs and runs[-1]["sid"] == sid:
            last = runs[-1]["pieces"][-1]
            if last["target"] == target:
                last["text"] += piece["text"]
            else:
                runs[-1]["pieces"].append(piece)
            continue
        first = sid is not None and sid not in started
        if sid is not None:
            started.add(sid)
        runs.append({"sid": sid, "first": first, "pieces": [piece]})
    return runs


# ---------------------------------------------------------------- summary tables
def _table_view(cells: Sequence[SummaryCell], cell_sids: dict[tuple[str, str], list[str]], target_order: Sequence[str]) -> dict[str, Any]:
    """A speaker x target matrix of summary cells: rows by number of statements."""
    targets = [t for t in target_order if any(c.target == t for c in cells)]
    targets += [t for t in dict.fromkeys(c.target for c in cells) if t not in targets]
    speakers = list(dict.fromkeys(c.speaker for c in cells))  # cells come busiest first
    by_key = {(c.speaker, c.target): c for c in cells}
    rows = []
    for speaker in speakers:
        row = []
        for target in targets:
            cell = by_key.get((speaker, target))
            if cell is None:
                row.append(None)
                continue
            row.append({
                "n": cell.n_statements,
                "label": cell.label,
                "means": cell.mean_scores,
                "net": round(cell.net_support, 2),
                "sids": cell_sids.get((speaker, target), []),
            })
        rows.append({"speaker": speaker, "cells": row})
    return {"targets": targets, "rows": rows}
