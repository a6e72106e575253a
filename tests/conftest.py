"""Every test runs against its own register file and configuration in a temporary folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from delreg.cli import app

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "004_f3e9ca8a6fa1fe7a.txt"
DATA = Path(__file__).resolve().parents[1] / "data"


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


Invoke = Callable[..., Result]


@pytest.fixture
def delreg() -> Invoke:
    """Run `delreg ARGS…` in-process; stderr is kept apart from stdout."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)
