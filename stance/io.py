"""Small file helpers shared by the library and the CLI: atomic writes, and figures
drawn and written as PNG without pyplot (so a user's matplotlib backend is left alone)."""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from pathlib import Path
from typing import IO, Any, Iterator, Union


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
    fd, tmp_name = _create_temp(path)
    try:
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


def _create_temp(path: Path) -> tuple[int, str]:
    """Create a new empty file beside ``path``; returns its descriptor and name.

    The file is created with mode 0o666 and the kernel applies the umask, so it gets the
    permissions ``open()`` would give, without reading the umask: ``os.umask`` can only
    be read by setting it, and setting it is process-wide, a race with other threads.
    (``tempfile.mkstemp`` would make the file private, 0o600.)
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:  # another writer's temporary file: draw another name
            continue
    raise FileExistsError(f"{path.parent}: no free temporary file name for {path.name}")


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


def new_figure(figsize: tuple[float, float]) -> Any:
    """A matplotlib ``Figure`` with an Agg canvas of its own, outside pyplot.

    Plotting this way never calls ``matplotlib.use`` and never registers the figure with
    pyplot, so a notebook's backend and its open figures are left as they are, and the
    figure is freed like any other object.

    Example:
        >>> fig = new_figure((4, 3)); ax = fig.subplots(); ax.plot([0, 1])
        >>> save_png(fig, "line.png")
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    return fig


def save_png(fig: Any, path: Union[str, Path], dpi: int = 120, **savefig_kwargs: Any) -> Path:
    """Render ``fig`` as a PNG and write it atomically (see ``atomic_write``); returns the path.

    Example:
        >>> save_png(new_figure((4, 3)), "empty.png", bbox_inches="tight")
        PosixPath('empty.png')
    """
    path = Path(path)
    with atomic_write(path, "wb") as handle:
        fig.savefig(handle, format="png", dpi=dpi, **savefig_kwargs)
    return path
