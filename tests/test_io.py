"""stance.io: atomic writes keep the umask's permissions without changing the umask."""

from __future__ import annotations

import os
import stat

import pytest

from stance.io import atomic_write, open_output


@pytest.fixture
def umask():
    """Run the test under umask 027 (group may read, others nothing), then restore it."""
    old = os.umask(0o027)
    yield 0o027
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mode", ["w", "wb"])
def test_atomic_write_gives_the_permissions_open_would(tmp_path, umask, mode):
    target = tmp_path / "out.txt"
    with atomic_write(target, mode) as fh:
        fh.write("x" if mode == "w" else b"x")
    with open(tmp_path / "plain.txt", "w") as fh:
        fh.write("x")
    assert _mode(target) == _mode(tmp_path / "plain.txt") == 0o666 & ~umask


def test_atomic_write_never_changes_the_process_umask(tmp_path, umask, monkeypatch):
    """Another thread creating a file while atomic_write runs must get the real umask.

    The umask is process-wide, so a ``umask(0)`` / ``umask(old)`` pair in one thread
    lets a file created in between by another thread come out world-writable. The spy
    creates such a file whenever the umask is changed, as a concurrent thread could.
    """
    real_umask = os.umask
    created_modes = []

    def umask_with_a_concurrent_open(mask: int) -> int:
        old = real_umask(mask)
        other = tmp_path / f"other-thread-{len(created_modes)}.txt"
        with open(other, "w"):
            pass
        created_modes.append(_mode(other))
        return old

    monkeypatch.setattr(os, "umask", umask_with_a_concurrent_open)
    with atomic_write(tmp_path / "out.txt") as fh:
        fh.write("x")
    monkeypatch.undo()
    assert all(mode == 0o666 & ~umask for mode in created_modes), [oct(m) for m in created_modes]
    assert os.umask(umask) == umask  # unchanged afterwards
    assert _mode(tmp_path / "out.txt") == 0o666 & ~umask


def test_atomic_write_keeps_the_old_file_on_error_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fh:
            fh.write("new, half written")
            raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_refuses_a_missing_directory_and_a_bad_mode(tmp_path):
    with pytest.raises(FileNotFoundError, match="directory does not exist"):
        with atomic_write(tmp_path / "no" / "out.txt"):
            pass
    with pytest.raises(ValueError, match="'w' or 'wb'"):
        with atomic_write(tmp_path / "out.txt", "a"):
            pass


def test_open_output_writes_to_stdout_without_a_path(capsys):
    with open_output(None) as fh:
        fh.write("to stdout\n")
    assert capsys.readouterr().out == "to stdout\n"
