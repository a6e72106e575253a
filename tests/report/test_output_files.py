"""`report -o FILE`: the file is private, replaced whole when it is a regular file, written
into when it is a FIFO or a device, and its temporary neighbour cannot be planted."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.helpers import Invoke


@pytest.fixture
def register(delreg: Invoke) -> None:
    assert delreg("meetings", "add", "2024-02-15", "--board", "Nämnden").exit_code == 0
    added = delreg("add", "--kind", "avtal", "--diary-number", "24RS3", "--subject",
                   "rabattavtal läkemedel", "--secret-reason", "OSL 31:16",
                   "--decided-on", "2024-01-10")  # fmt: skip
    assert added.exit_code == 0, added.stderr


REPORT = ("report", "--meeting", "2024-02-15", "--format", "md")


@pytest.mark.usefixtures("register")
def test_a_report_file_is_private_under_umask_000(delreg: Invoke, tmp_path: Path) -> None:
    output = tmp_path / "internt.md"
    old = tmp_path / "gammal.md"
    old.write_text("förra veckans lista\n")
    os.chmod(old, 0o666)
    previous = os.umask(0)
    try:
        for path in (output, old):
            result = delreg(*REPORT, "-o", str(path))
            assert result.exit_code == 0, result.stderr
    finally:
        os.umask(previous)
    for path in (output, old):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert "rabattavtal" in path.read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.usefixtures("register")
def test_the_temporary_name_cannot_be_planted(delreg: Invoke, tmp_path: Path) -> None:
    """A symlink planted at the temporary name the report used to write through is never
    followed: the file it points at stays as it was."""
    victim = tmp_path / "offer.txt"
    victim.write_text("orört\n")
    output = tmp_path / "lista.md"
    planted = tmp_path / f".{output.name}.{os.getpid()}.partial"
    planted.symlink_to(victim)
    result = delreg(*REPORT, "-o", str(output))
    assert result.exit_code == 0, result.stderr
    assert victim.read_text() == "orört\n"
    assert planted.is_symlink()
    assert "rabattavtal" in output.read_text("utf-8")


@pytest.mark.usefixtures("register")
def test_a_fifo_is_written_into_not_replaced(delreg: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "rör"
    os.mkfifo(fifo)
    # The reading end is opened first, without waiting for a writer: delreg's open then finds
    # a reader and returns at once, and the report (a few kB) fits in the pipe's buffer. Two
    # ends that each wait for the other (a reader thread) hung a loaded test run now and then.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = delreg(*REPORT, "-o", str(fifo))
        received = b""
        while chunk := os.read(reader, 1 << 16):
            received += chunk
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert b"rabattavtal" in received


@pytest.mark.usefixtures("register")
def test_a_symlink_to_a_device_stays_a_symlink_to_it(delreg: Invoke, tmp_path: Path) -> None:
    link = tmp_path / "ut"
    link.symlink_to("/dev/null")
    result = delreg(*REPORT, "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.usefixtures("register")
def test_a_symlink_to_a_regular_file_replaces_that_file(delreg: Invoke, tmp_path: Path) -> None:
    real = tmp_path / "rapporter" / "lista.md"
    real.parent.mkdir()
    real.write_text("gammal\n")
    link = tmp_path / "senaste.md"
    link.symlink_to(real)
    assert delreg(*REPORT, "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert "rabattavtal" in real.read_text("utf-8")
