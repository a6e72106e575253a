"""What the tests share: the repository's paths, running delreg, and reading its results.

Only helpers live here; fixtures are in tests/conftest.py. The process helpers (running delreg
in its own process, as a kill or a lock needs) are in tests/helpers/processes.py and the invented
agenda documents in tests/helpers/documents.py.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import typer
from typer.testing import Result

from delreg.cli import whole_app
from delreg.config import Config, load_config
from delreg.model import Decision
from delreg.parse import Rejected
from delreg.parse.agenda import read_agenda
from tests import ROOT

DATA = ROOT / "data"
# The board's published agenda of 2024-02-15, as the repository ships it: tests read nothing
# outside the repository, since a user's clone has nothing beside it.
SEED = DATA / "example-agenda.txt"
FIXTURES = ROOT / "tests" / "fixtures"
SNAPSHOTS = ROOT / "tests" / "snapshots"

Invoke = Callable[..., Result]

# One decision added by hand, the smallest write a test can ask for.
ADD = ("add", "--kind", "beslut", "--diary-number", "24RS9", "--subject", "nytt beslut")


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


def snapshot(database: Path) -> str:
    """A digest of every row of every table: equal digests mean an unchanged register."""
    if not database.exists():
        return "absent"
    digest = hashlib.sha256()
    with sqlite3.connect(database) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def one_clear_line(stderr: str) -> str:
    """The error line, after checking that there is one and no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert lines and lines[0].startswith("delreg: error: "), stderr
    assert all(line.startswith("hint: ") for line in lines[1:]), stderr
    return lines[0]


def add(delreg: Invoke, kind: str, number: str, **options: str | None) -> None:
    """`delreg add` with options given as keyword arguments (decided_on="2024-01-05" …)."""
    args = ["add", "--kind", kind, "--diary-number", number, "--subject", f"{kind} {number}"]
    for name, value in options.items():
        if value is not None:
            args += [f"--{name.replace('_', '-')}", value]
    result = delreg(*args)
    assert result.exit_code == 0, result.stderr


def findings(delreg: Invoke, *args: str) -> list[dict[str, Any]]:
    result = delreg("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    found: list[dict[str, Any]] = as_json(result)
    return found


def all_command_paths() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(group: Any, prefix: list[str]) -> None:
        for name in group.list_commands(None):
            paths.append([*prefix, name])
            command = group.get_command(None, name)
            if hasattr(command, "list_commands"):
                walk(command, [*prefix, name])

    walk(typer.main.get_command(whole_app()), [])
    return paths


def readable_text(path: str, payload: bytes) -> str:
    """What a reader of the file can see: a Word file's XML, anything else as bytes."""
    if path.endswith(".docx"):
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            return "".join(
                archive.read(name).decode(errors="replace") for name in archive.namelist()
            )
    return payload.decode("utf-8", errors="replace")


def built_in_config() -> Config:
    """Only the built-in defaults: a user's own configuration must not change what tests see."""
    with mock.patch.dict(os.environ, {"DELREG_CONFIG": str(FIXTURES / "no-such-config.toml")}):
        return load_config()


# One configuration for every list read: the agenda's rules are compiled once for it.
_CONFIG = functools.cache(built_in_config)


def read_list(text: str) -> tuple[list[Decision], list[Rejected]]:
    """The decisions and the rejected items of an agenda text read as "lista.txt" (its lines
    name them) with the built-in configuration, for a meeting in 2024."""
    records = list(read_agenda(text, source="lista.txt", config=_CONFIG(), meeting_year=2024))
    return (
        [record for record in records if isinstance(record, Decision)],
        [record for record in records if isinstance(record, Rejected)],
    )
