"""Every test runs against its own register file and configuration in a temporary folder."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from delreg.cli import whole_app
from tests import ROOT
from tests.helpers import Invoke

TEMPORARY = Path(os.path.abspath(tempfile.gettempdir()))


def _refuse_reads_beside_the_clone(event: str, arguments: tuple[Any, ...]) -> None:
    # An audit hook sees every file the test run opens: one beside the repository (a shared
    # folder, a sibling checkout) is exactly what a user's clone does not have.
    if event != "open" or not isinstance(arguments[0], str | Path):
        return
    path = Path(os.path.abspath(arguments[0]))
    if not path.is_relative_to(ROOT.parent) or path.is_relative_to(ROOT):
        return
    # A clone may itself live in the temporary folder (CI's may), where the tests' own
    # temporary files are its siblings; the shared folder beside it is never one of them.
    if path.is_relative_to(TEMPORARY) and not path.is_relative_to(ROOT.parent / "shared"):
        return
    raise RuntimeError(f"a test opened {path}, which is outside the repository")


sys.addaudithook(_refuse_reads_beside_the_clone)


@pytest.fixture(autouse=True)
def interruptible() -> Iterator[None]:
    """Every test starts with Ctrl-C raising KeyboardInterrupt, as a user's shell gives it.

    A test that leaves SIGINT ignored would make the Ctrl-C tests after it pass a signal to
    nothing, in this process and in the subprocesses it starts (an ignored signal is inherited).
    """
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, handler)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point DELREG_DB and the data and config directories at a temporary folder."""
    database = tmp_path / "register.db"
    monkeypatch.setenv("DELREG_DB", str(database))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("DELREG_CONFIG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return database


@pytest.fixture
def database(isolated: Path) -> Path:
    return isolated


@pytest.fixture
def empty_register(database: Path) -> Path:
    """A register with nothing in it yet (commands that only read need one to exist)."""
    from delreg.store import OpenMode, Store

    Store.open(database, mode=OpenMode.CREATE).close()
    return database


@pytest.fixture
def delreg() -> Invoke:
    """Run `delreg ARGS…` in-process; stderr is kept apart from stdout."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(whole_app(), list(args), input=input, catch_exceptions=False)

    return invoke
