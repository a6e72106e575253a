"""Fixtures for the faults of the file under the register, and an empty register for the
history's tests (tests/store/)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from delreg.store.connection import connect, create_private_file
from delreg.store.schema import migrate


@pytest.fixture
def small_filesystem(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs, where a write past its size fails with ENOSPC: a really full disk."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root; the RLIMIT_FSIZE tests cover the rest")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def read_only(database: Path) -> Iterator[Path]:
    """Make the register read-only for delreg: chmod, or for root (who ignores file modes) the
    immutable attribute, which binds root too."""
    if os.geteuid() != 0:
        database.chmod(0o400)
        yield database
        database.chmod(0o600)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: no way to make a file read-only for root")
    made = subprocess.run(["chattr", "+i", str(database)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"this filesystem has no immutable attribute: {made.stderr.decode().strip()}")
    try:
        yield database
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)


@pytest.fixture(scope="module")
def history_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register of its own with its schema and nothing in it, for a module's tests of the
    history to empty and fill (module-scoped, unlike the empty_register of tests/conftest.py)."""
    path = tmp_path_factory.mktemp("register") / "register.db"
    create_private_file(path)
    with closing(connect(path)) as connection:
        migrate(connection, path)
    return path
