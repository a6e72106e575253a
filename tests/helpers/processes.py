"""delreg in its own process, for what only a real process shows: a kill, a lock, a race."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.helpers import Invoke, as_json

# Large enough that the write spans several of the store's batches and spills SQLite's page
# cache into the WAL before the commit; small enough for about a second per import.
ROWS = 6_000


def write_export(path: Path, version: int, rows: int = ROWS, prefix: str = "24RS") -> Path:
    """A registry export where every subject names ``version``: each version updates all rows."""
    lines = ["diary_number,kind,subject,parties,decided_on"]
    lines.extend(
        f"{prefix}{serial},beslut,beslut {serial} i version {version},"
        f"Leverantör {serial % 97} AB; Region Örebro län,2024-01-{serial % 28 + 1:02d}"
        for serial in range(1, rows + 1)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def delreg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "delreg", *args]


def run_delreg(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """`delreg ARGS…` in its own process (the environment points it at the test's register)."""
    return subprocess.run(
        delreg_command(*args), capture_output=True, text=True, check=False, **options
    )


def versions(database: Path, prefix: str = "24RS") -> Counter[str]:
    """How many of the export's decisions hold each version's subject."""
    with closing(sqlite3.connect(database)) as connection:
        subjects = connection.execute(
            "SELECT subject FROM decisions WHERE diary_number LIKE ?", [prefix + "%"]
        ).fetchall()
    return Counter(subject.rsplit(" ", 1)[1] for (subject,) in subjects)


def assert_sound(database: Path, context: str) -> None:
    """SQLite's integrity check and the search index's own check both pass."""
    # closing(): a connection left to the garbage collector would keep the file open.
    with closing(sqlite3.connect(database, isolation_level=None)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
        connection.execute(
            "INSERT INTO decisions_fts(decisions_fts, rank) VALUES ('integrity-check', 1)"
        )


def register_verifies(delreg: Invoke) -> None:
    result = delreg("verify", "--json")
    assert result.exit_code == 0 and as_json(result) == [], result.stdout


PROBE = """
import json, os, sys
sys.argv = ["delreg", *json.loads(sys.argv[1])]
# A command that ends the process itself once it has answered (delreg.__main__) ends here
# instead, for what it loaded to be counted.
os._exit = sys.exit
try:
    from delreg.__main__ import main
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_loaded_by(*args: str) -> set[str]:
    """The top-level packages `delreg ARGS…` imports (sqlite3, typer, delreg, …)."""
    return {name.split(".")[0] for name in every_module_loaded_by(*args)}


def every_module_loaded_by(*args: str) -> set[str]:
    """Every module `delreg ARGS…` imports, by its full name (delreg.cli.report, …)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))
