"""A register that does not exist yet is made whole under a private name beside it and put in
place when its first import is written (``Store.writing``): the same register as the ordinary
path gives, in WAL mode, and nothing at the register's name until then, nor after a kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

import pytest

from delreg.importer import ImportSummary, import_records
from delreg.store import DecisionQuery, OpenMode, Store
from delreg.store import base as store_base
from delreg.store import imports as store_imports
from delreg.store import register as store_register
from delreg.store.connection import SIDE_FILES
from delreg.store.connection import make_spare as make_spare_here
from delreg.store.maintenance import verify
from tests.helpers import Invoke, as_json, processes
from tests.helpers.exports import STAMP, export, export_rows, read, snapshot


def beside(path: Path) -> list[str]:
    """Every file in the register's folder (the tests keep their exports in a folder)."""
    return sorted(entry.name for entry in path.parent.iterdir() if not entry.is_dir())


def first_import(path: Path, *, aside: bool, commit_if: Any = None) -> dict[str, Any]:
    """A first import of an export, through the private file (``aside``) or the ordinary way."""
    records = read(export(export_rows(400)))

    def write(store: Store) -> ImportSummary:
        summary = import_records(store, records, commit_if=commit_if)
        assert verify(store.connection) == []
        return summary

    command = "delreg import export.csv"
    if aside:
        summary = Store.writing(path, write, command=command)
    else:
        with Store.open(path, mode=OpenMode.CREATE, command=command) as store:
            summary = write(store)
    return {"summary": summary.to_json(), **snapshot(path)}


def journal_mode(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])


@pytest.mark.parametrize("commit", [True, False], ids=["committed", "rolled back"])
def test_a_register_made_aside_is_the_one_the_ordinary_path_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commit: bool
) -> None:
    monkeypatch.setattr(store_base, "now", lambda: STAMP)
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 50)
    monkeypatch.setattr(store_imports, "SET_ASIDE_ROWS", 1)
    (tmp_path / "aside").mkdir()
    (tmp_path / "ordinary").mkdir()
    made = tmp_path / "aside" / "register.db"
    commit_if = None if commit else (lambda _: False)
    aside = first_import(made, aside=True, commit_if=commit_if)
    ordinary = first_import(tmp_path / "ordinary" / "register.db", aside=False, commit_if=commit_if)
    assert aside.keys() == ordinary.keys()
    for name in aside:
        assert aside[name] == ordinary[name], name
    assert bool(aside["decisions"]) is commit and bool(aside["events"]) is commit
    # Put in place whole, in the mode of every register, private, and nothing left beside it.
    assert journal_mode(made) == "wal"
    assert made.stat().st_mode & 0o777 == 0o600
    assert beside(made) == ["register.db"]
    processes.assert_sound(made, "made aside")


def test_a_failed_first_import_leaves_no_register_and_nothing_beside(tmp_path: Path) -> None:
    path = tmp_path / "register.db"

    def fail(store: Store) -> None:
        import_records(store, read(export(export_rows(120))))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Store.writing(path, fail)
    assert beside(path) == []


def test_a_first_import_whose_input_is_rejected_leaves_no_register(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    export_file = tmp_path / "exports" / "nämnd.csv"
    export_file.parent.mkdir()
    export_file.write_text(
        "diary_number,kind,subject,decided_on\n"
        "24RS101,avtal,Hyresavtal för lokal,2024-01-05\n"
        "24RS102,avtal,Städtjänster,2024-13-40\n",
        encoding="utf-8",
    )
    refused = delreg("import", str(export_file))
    assert refused.exit_code == 1
    assert "nothing was written" in refused.stderr
    # It found no register, and leaves none: the next command says there is none.
    assert beside(database) == []
    assert delreg("list").exit_code == 2
    # With the rejected row left out, the import makes the register.
    taken = delreg("import", str(export_file), "--skip-invalid", "--json")
    assert taken.exit_code == 1
    assert as_json(taken)["inserted"] == 1
    assert beside(database) == ["register.db"]


def test_another_register_made_meanwhile_gets_the_import_after_its_own(tmp_path: Path) -> None:
    """Two first imports at once: the one that finishes second finds the register there, and
    writes its import again into it, the ordinary way."""
    path = tmp_path / "register.db"
    calls: list[str] = []

    def write(store: Store) -> ImportSummary:
        calls.append(Path(store.connection.execute("PRAGMA database_list").fetchone()[2]).name)
        if len(calls) == 1:
            # The other command makes the register and imports into it while this one writes.
            with Store.open(path, mode=OpenMode.CREATE) as other:
                import_records(other, read(export(export_rows(30, offset=1000))))
        return import_records(store, read(export(export_rows(40))))

    summary = Store.writing(path, write)
    assert len(calls) == 2 and calls[0].startswith(".register.db.") and calls[1] == "register.db"
    assert summary.inserted == 39 and len(summary.rejected) == 1  # row 36 has no date
    with Store.open(path, mode=OpenMode.EXISTING) as store:
        held = list(store.decisions(DecisionQuery()))
        assert verify(store.connection) == []
    assert len(held) == 39 + 30
    assert journal_mode(path) == "wal"
    assert beside(path) == ["register.db"]


def dead_process() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_files_left_by_a_killed_maker_are_cleared_and_a_running_ones_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "register.db"
    dead, running = dead_process(), os.getppid()
    left = [f".register.db.{dead}-0badcafe", f".register.db.{dead}-0badcafe-journal"]
    kept = [f".register.db.{running}-12345678", ".register.db.notes", ".other.db.1-12345678"]
    for name in [*left, *kept]:
        (tmp_path / name).write_bytes(b"half a register")
    Store.writing(path, lambda store: import_records(store, read(export(export_rows(10)))))
    assert beside(path) == sorted(["register.db", *kept])


def grows_past(path: Path, size: int, process: subprocess.Popen[bytes]) -> Path | None:
    """The private file a new register is made under, once it is larger than ``size``."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        for name in beside(path):
            made = path.parent / name
            # The file itself, not its rollback journal, which each transaction makes and
            # removes again (between the listing and the look at it, at times).
            if not name.startswith(f".{path.name}.") or name.endswith(SIDE_FILES):
                continue
            with suppress(FileNotFoundError):
                if made.stat().st_size > size:
                    return made
        time.sleep(0.005)
    return None


def test_sigkill_while_a_new_register_is_made_leaves_none_and_the_next_import_works(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    big = processes.write_export(exports / "big.csv", 1, rows=20_000)
    process = subprocess.Popen(
        processes.delreg_command("import", str(big)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    spare = grows_past(database, 4_000_000, process)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the import ended before it could be killed"
    assert spare is not None and spare.exists()
    # No register: commands that read say so, and never take the private file for one.
    assert not database.exists()
    assert processes.run_delreg("list").returncode != 0
    assert not database.exists()
    refused = processes.run_delreg("--db", str(spare), "list")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    # The next import makes the register, and clears what the killed one left.
    again = processes.write_export(exports / "again.csv", 2, rows=300)
    done = processes.run_delreg("import", str(again))
    assert done.returncode == 0, done.stderr
    assert beside(database) == ["register.db"]
    processes.assert_sound(database, "after a killed first import")
    assert processes.versions(database) == {"2": 300}
    processes.register_verifies(delreg)


def test_two_first_imports_at_once_both_land(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    (tmp_path / "exports").mkdir()
    exports = [
        processes.write_export(
            tmp_path / "exports" / f"export{index}.csv", index, rows=3_000, prefix=prefix
        )
        for index, prefix in enumerate(("24RS", "25RS"))
    ]
    importers = [
        subprocess.Popen(
            processes.delreg_command("import", str(path)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for path in exports
    ]
    for process in importers:
        _, error = process.communicate(timeout=300)
        assert process.returncode == 0, error.decode()
    assert processes.versions(database, "24RS") == {"0": 3_000}
    assert processes.versions(database, "25RS") == {"1": 3_000}
    assert journal_mode(database) == "wal"
    assert beside(database) == ["register.db"]
    found = as_json(delreg("list", "--search", "25RS77", "--format", "json"))
    assert "25RS77" in [decision["diary_number"] for decision in found]
    processes.register_verifies(delreg)


def test_an_ordinary_register_file_is_written_the_ordinary_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a file (even an empty one a first run left) is there, nothing is made aside."""
    path = tmp_path / "register.db"
    path.touch()
    made: list[Path] = []
    real: Callable[[Path], Path] = make_spare_here

    def make_spare(target: Path) -> Path:
        made.append(target)
        return real(target)

    monkeypatch.setattr(store_register, "make_spare", make_spare)
    Store.writing(path, lambda store: import_records(store, read(export(export_rows(10)))))
    assert made == [] and journal_mode(path) == "wal"
    with Store.open(path, mode=OpenMode.EXISTING) as store:
        assert len(list(store.decisions(DecisionQuery()))) == 10


def test_a_spool_gives_its_records_again_for_a_second_attempt() -> None:
    """What ``Store.writing`` asks of the import's records when a register was made meanwhile:
    the spool that holds them replays them whole, from its file and its memory."""
    from delreg.spool import RecordSpool

    records = read(export(export_rows(60)))
    with RecordSpool(records, in_memory=7) as spool:
        assert list(spool) == records
        assert list(spool) == records


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="signals cannot be masked")
def test_ctrl_c_as_the_private_file_is_made_leaves_nothing_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "register.db"

    def pressed_once_made(target: Path) -> Path:
        spare = make_spare_here(target)
        # Ctrl-C the moment the file exists, before Store.writing holds its name: where the
        # press is not held back, it escapes here and the file is left behind.
        os.kill(os.getpid(), signal.SIGINT)
        return spare

    monkeypatch.setattr(store_register, "make_spare", pressed_once_made)
    with pytest.raises(KeyboardInterrupt):
        first_import(path, aside=True)
    assert beside(path) == []
