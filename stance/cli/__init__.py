"""The ``stance`` command line: the parser and ``main``.

    stance extract FILE... [--format jsonl|table] [--output FILE]
    stance analyze PATH... [--targets T ...] [--format jsonl|csv|table] [--summary] [--plot FILE.png]
    stance train / classify / evaluate  (see ``stance <command> --help``)

One module per group of subcommands: ``extract.py``, ``analyze.py`` and ``model.py``
(train, classify, evaluate). Each has ``register(subparsers, common)``, which adds its
subcommands, and one handler per subcommand, ``run_<command>(args) -> int`` (the exit
code). Handlers raise ``ValueError``/``FileNotFoundError``/``OSError``; ``main`` turns
them into one ``stance: error: ...`` line on stderr and exit code 2. A bad input item is
skipped while the rest are written, and the exit code is 1; it is reported once, as it is
met, by the library's warning (``stance.jsonl.report_skipped``), which ``main`` shows on
stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from typing import Iterator, Optional, Sequence

from stance import __version__
from stance.cli import analyze, extract, model

__all__ = ["build_parser", "main"]

LOG_FORMAT = "stance: %(levelname)s: %(message)s"


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run one ``stance`` command; returns its exit code.

    Args:
        argv: the arguments after ``stance`` (default: ``sys.argv[1:]``).

    Returns:
        0 on success, 1 when some input was skipped, 2 on an error, 130 when interrupted.

    Example:
        >>> main(["extract", "article.txt", "--format", "table"])
        0
    """
    args = build_parser().parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format=LOG_FORMAT)  # for the other libraries' messages
    with _library_logs_to_stderr(level):
        try:
            return int(args.func(args) or 0)
        except (ValueError, FileNotFoundError, OSError, TypeError) as err:
            print(f"stance: error: {err}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("stance: interrupted", file=sys.stderr)
            return 130


@contextlib.contextmanager
def _library_logs_to_stderr(level: int) -> Iterator[None]:
    """Show the ``stance`` loggers' records (skipped inputs, progress) on stderr while a command runs.

    The handler sits on the ``stance`` logger, not the root, so the records show even when
    the root logger already has handlers (a notebook, a test runner), and they do not
    propagate to the root's ``basicConfig`` handler, which would print them twice.
    """
    log = logging.getLogger("stance")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    saved = log.level, log.propagate
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(saved[0])
        log.propagate = saved[1]


def build_parser() -> argparse.ArgumentParser:
    """The ``stance`` argument parser with every subcommand.

    ``-v/--verbose`` is accepted before the subcommand and after it.

    Example:
        >>> build_parser().parse_args(["analyze", "-v", "a.txt"]).verbose
        True
    """
    parser = argparse.ArgumentParser(prog="stance", description="Who said what about whom, and how they stand on it.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help="print the version and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress (INFO messages) on stderr")
    # The subcommands' copy of -v has no default, so it sets verbose only when given and
    # never resets a -v given before the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log progress (INFO messages) on stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract.register(sub, common)
    analyze.register(sub, common)
    model.register(sub, common)
    return parser
