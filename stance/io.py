"""Small file helpers shared by the library and the CLI."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator, Union


@contextlib.contextmanager
def atomic_write(path: Union[str, Path], mode: str = "w", encoding: str = "utf-8") -> Iterator[IO]:
    """Write a file all at once: readers see the old file or the whole new one, never half.

    The data goes to a temporary file in the same directory, which replaces ``path`` with
    ``os.replace`` only when the ``with`` block finishes without an exception.

    Args:
        path: the file to write; its directory must exist.
        mode: ``"w"`` for text or ``"wb"`` for bytes.
        encoding: text encoding (ignored for ``"wb"``).

    Returns:
        A context manager yielding the open temporary file.

    Example:
        >>> with atomic_write("out.jsonl") as fh:
        ...     fh.write("{}\\n")
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write mode must be 'w' or 'wb', not {mode!r}")
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{path.parent}: directory does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the permissions open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


@contextlib.contextmanager
def open_output(path: Union[str, Path, None]) -> Iterator[IO]:
    """Where a command writes: ``path`` atomically (see ``atomic_write``), or stdout when None.

    Example:
        >>> with open_output(None) as fh:
        ...     fh.write("to stdout\n")
    """
    if path is None or path == "":
        yield sys.stdout
        return
    with atomic_write(path) as handle:
        yield handle
