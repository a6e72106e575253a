"""Faults: an import killed (SIGKILL) or interrupted (Ctrl-C) at random moments leaves the
register sound, holding all of that import or none of it.

Each test imports a generated export in a real `delreg` process and stops it at moments drawn
from a seeded random generator (the seed is in every assertion message, so a failure can be
replayed). The moments spread over the whole run: start-up, reading, writing, the commit and
after it.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Invoke, as_json, snapshot
from tests.helpers.processes import (
    ROWS,
    assert_sound,
    delreg_command,
    register_verifies,
    run_delreg,
    versions,
    write_export,
)

KILLS = 16
INTERRUPTS = 8
SEED = 20240215


def test_sigkill_at_random_moments_leaves_all_or_nothing(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    chance = random.Random(SEED)
    delreg("add", "--kind", "beslut", "--diary-number", "23RS1", "--subject", "x")
    assert run_delreg("import", str(write_export(tmp_path / "v0.csv", 0))).returncode == 0
    # How long an import that updates every row takes, start-up included, unhurried.
    started = time.monotonic()
    assert run_delreg("import", str(write_export(tmp_path / "v1.csv", 1))).returncode == 0
    whole_import = time.monotonic() - started
    committed = 1
    outcomes: Counter[str] = Counter()
    for version in range(2, KILLS + 2):
        export = write_export(tmp_path / "export.csv", version)
        moment = chance.uniform(0, 1.2 * whole_import)
        process = subprocess.Popen(
            delreg_command("import", str(export)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(moment)
        killed = process.poll() is None
        if killed:
            process.send_signal(signal.SIGKILL)
        process.wait()
        context = f"seed {SEED}, version {version}, killed after {moment:.3f}s"
        assert_sound(database, context)
        found = versions(database)
        # Every row of the export holds one version: this one (the import committed) or the
        # last one that did. Nothing in between, no row lost.
        assert len(found) == 1 and sum(found.values()) == ROWS, (context, found)
        if str(version) in found:
            committed = version
            outcomes["killed after the commit" if killed else "finished"] += 1
        else:
            assert str(committed) in found, (context, found)
            outcomes["rolled back"] += 1
    print("SIGKILL outcomes:", dict(outcomes))
    assert sum(outcomes.values()) == KILLS
    # The history holds each committed import whole, and replays to what the table holds.
    register_verifies(delreg)
    with closing(sqlite3.connect(database)) as connection:
        (events,) = connection.execute(
            "SELECT count(*) FROM events WHERE diary_number LIKE '24RS%'"
        ).fetchone()
    imports_written = 2 + outcomes["finished"] + outcomes["killed after the commit"]
    assert events == ROWS * imports_written


def test_sigkill_while_new_decisions_are_written_leaves_the_search_index_whole(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    """An import of new decisions sets the search index's insert trigger aside while it writes
    its batches (delreg.store.bulk.SearchIndexAside). Killed then, the register keeps the
    trigger, the schema and the index as they were, and what is imported next is found."""
    delreg("add", "--kind", "beslut", "--diary-number", "23RS1", "--subject", "x")

    def schema() -> list[tuple[str, str]]:
        with closing(sqlite3.connect(database)) as connection:
            return connection.execute(
                "SELECT name, sql FROM sqlite_master ORDER BY name"
            ).fetchall()

    before = schema()
    export = write_export(tmp_path / "new.csv", 0, rows=20_000, prefix="25RS")
    wal = Path(f"{database}-wal")
    process = subprocess.Popen(
        delreg_command("import", str(export)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Killed once a few batches are written: the write-ahead log has grown past the first.
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 8_000_000:
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the import ended before it could be killed"
    assert_sound(database, "killed while inserting")
    assert schema() == before
    assert versions(database, "25RS") == {}  # nothing of the killed import
    register_verifies(delreg)
    more = write_export(tmp_path / "more.csv", 1, rows=300, prefix="26RS")
    assert run_delreg("import", str(more)).returncode == 0
    found = as_json(delreg("list", "--search", "26RS150", "--format", "json"))
    assert [decision["diary_number"] for decision in found] == ["26RS150"]


# Runs delreg exactly as `python -m delreg` does, after saying on stderr that start-up (loading
# the command line) is over: a Ctrl-C before then is the interpreter's, not delreg's (see
# test_ctrl_c_during_start_up_gives_no_traceback).
AFTER_START_UP = (
    "import sys\n"
    "import delreg.cli\n"
    "sys.stderr.write('ready\\n'); sys.stderr.flush()\n"
    "from delreg.__main__ import main\n"
    "main()\n"
)


def test_ctrl_c_at_random_moments_of_an_import(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    chance = random.Random(SEED + 1)
    delreg("add", "--kind", "beslut", "--diary-number", "23RS1", "--subject", "x")
    assert run_delreg("import", str(write_export(tmp_path / "v0.csv", 0))).returncode == 0
    outcomes: Counter[int] = Counter()
    whole_import = 0.0
    for version in range(1, INTERRUPTS + 1):
        before = snapshot(database)
        export = write_export(tmp_path / "export.csv", version)
        process = subprocess.Popen(
            [sys.executable, "-c", AFTER_START_UP, "import", str(export)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stderr is not None
        assert process.stderr.readline() == "ready\n"
        ready = time.monotonic()
        if version == 1:
            # The first import runs whole, to learn how long one takes.
            moment = None
        else:
            moment = chance.uniform(0, 1.2 * whole_import)
            time.sleep(moment)
            process.send_signal(signal.SIGINT)
        _, errors = process.communicate()
        if version == 1:
            whole_import = time.monotonic() - ready
        context = f"seed {SEED + 1}, version {version}, Ctrl-C after {moment}s: {errors}"
        assert "Traceback" not in errors, context
        assert_sound(database, context)
        outcomes[process.returncode] += 1
        if process.returncode == 130 and "after the change was written whole" in errors:
            # Pressed in the import's last moments, once it had committed and said so.
            assert versions(database) == {str(version): ROWS}, context
        elif process.returncode == 130:
            assert "interrupted" in errors, context
            assert snapshot(database) == before, context
        else:
            # The Ctrl-C came too late to stop it: the import is there, whole. (A Ctrl-C after
            # delreg has finished, as Python shuts down, ends the process by the signal.)
            assert process.returncode in (0, -signal.SIGINT), context
            assert versions(database) == {str(version): ROWS}, context
    print("Ctrl-C outcomes (exit code: times):", dict(outcomes))
    register_verifies(delreg)


def test_ctrl_c_while_reading_says_nothing_was_imported(
    delreg: Invoke, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from delreg import importer

    real_reader = importer.read_inputs

    def interrupted_reader(*args: Any, **options: Any) -> Iterator[Any]:
        # Ctrl-C after the first batch of the store has been written, inside the transaction.
        for count, record in enumerate(real_reader(*args, **options)):
            if count == 5_500:
                raise KeyboardInterrupt
            yield record

    delreg("add", "--kind", "beslut", "--diary-number", "23RS1", "--subject", "x")
    before = snapshot(database)
    monkeypatch.setattr(importer, "read_inputs", interrupted_reader)
    export = write_export(tmp_path / "export.csv", 1, rows=6_000)
    result = delreg("import", str(export))
    assert result.exit_code == 130
    assert result.stderr.splitlines()[0] == "delreg: error: interrupted: nothing was imported"
    assert "Traceback" not in result.stderr
    assert snapshot(database) == before


def test_ctrl_c_as_the_commit_begins_lets_it_finish(
    delreg: Invoke, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the import has decided to commit, a Ctrl-C must not cut it off: the user would be
    told nothing was imported while the commit might have reached the disk."""
    from delreg.store import base
    from delreg.store.connection import transaction

    @contextmanager
    def interrupted_as_it_commits(connection: sqlite3.Connection, path: Path) -> Iterator[Any]:
        with transaction(connection, path) as inside:
            yield inside
            if connection.in_transaction:
                signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(base, "transaction", interrupted_as_it_commits)
    export = write_export(tmp_path / "export.csv", 1, rows=50)
    result = delreg("import", str(export))
    assert result.exit_code == 0, result.stderr
    assert "it was written whole" in result.stderr
    assert versions(database) == {"1": 50}


def test_ctrl_c_during_a_dry_run_or_before_the_commit_decision(
    delreg: Invoke, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from delreg.store import base
    from delreg.store.connection import transaction

    @contextmanager
    def interrupted_while_writing(connection: sqlite3.Connection, path: Path) -> Iterator[Any]:
        with transaction(connection, path) as inside:
            signal.raise_signal(signal.SIGINT)
            yield inside

    delreg("add", "--kind", "beslut", "--diary-number", "23RS1", "--subject", "x")
    before = snapshot(database)
    monkeypatch.setattr(base, "transaction", interrupted_while_writing)
    export = write_export(tmp_path / "export.csv", 1, rows=50)
    for extra in ([], ["--dry-run"]):
        result = delreg("import", str(export), *extra)
        assert result.exit_code == 130, result.stderr
        assert "nothing was imported" in result.stderr
        assert snapshot(database) == before


# A Ctrl-C while Python is still loading delreg (typer, the commands) reaches no handler of
# delreg's: the interpreter prints a traceback. The import hook makes that moment exact.
INTERRUPTED_START_UP = """
import signal, sys

class InterruptWhileLoading:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            signal.raise_signal(signal.SIGINT)
        return None

sys.meta_path.insert(0, InterruptWhileLoading())
sys.argv = ["delreg", "list", "--help"]
from delreg.__main__ import main
main()
"""


def test_ctrl_c_during_start_up_gives_no_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_START_UP],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 130


def test_ctrl_c_in_any_other_command_is_one_line_and_130(
    delreg: Invoke, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from delreg.store import Store

    delreg("add", "--kind", "beslut", "--diary-number", "23RS1", "--subject", "x")

    def interrupted(self: Store, diary_number: str, changes: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "edit", interrupted)
    result = delreg("edit", "23RS1", "--subject", "y")
    assert result.exit_code == 130
    assert result.stderr.splitlines() == [
        "delreg: interrupted; a change that was under way was rolled back"
    ]


def test_ctrl_c_after_an_import_is_written_says_it_was_written(
    delreg: Invoke, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from delreg.cli import importing

    def pressed(code: Any) -> None:
        # The last moment of the command: committed, said, Ctrl-C no longer held back.
        raise KeyboardInterrupt

    monkeypatch.setattr(importing, "exit_code", pressed)
    result = delreg("import", str(write_export(tmp_path / "v1.csv", 1)))
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == (
        "delreg: interrupted after the change was written whole"
    )
    assert versions(database) == {"1": ROWS}
