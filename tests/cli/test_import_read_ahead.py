"""A first import of a large export, read by a second process while the new register is written
(delreg.spool.ReadAhead), makes the register the ordinary import makes and says what it says,
byte for byte: with rejected rows, with and without --skip-invalid, several files, --json.
Whatever goes wrong while it reads (an error in the file, the process killed), the ordinary
import is done and tells it; a register made meanwhile gets everything; and Ctrl-C or a kill
leaves no register and no process behind.

Each case runs both ways in folders of its own, the reading ahead made to happen for small
exports (importer.READ_AHEAD_BYTES) and in small batches, so that reading and writing interleave.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from delreg import importer, spool
from delreg.importer import import_records, worth_reading_ahead
from delreg.parse.forked import fork_is_sound
from delreg.store import OpenMode, Store
from delreg.store import base as store_base
from delreg.store import imports as store_imports
from delreg.store import register as store_register
from delreg.store.connection import link_if_absent
from tests.helpers import SEED, Invoke, processes
from tests.helpers.exports import STAMP, export, export_rows, read, snapshot

needs_a_fork = pytest.mark.skipif(not fork_is_sound(), reason="no second core, or not Linux")


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str
    register: dict[str, Any] | None
    # For each reading ahead tried, whether it read everything.
    read_ahead: list[bool]

    def told(self) -> tuple[int, str, str, dict[str, Any] | None]:
        return self.exit_code, self.stdout, self.stderr, self.register


# Whether each reading ahead closed read everything.
ENDED: list[bool] = []


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    close = spool.ReadAhead.close

    def closing(self: spool.ReadAhead) -> None:
        ENDED.append(self.whole)
        close(self)

    monkeypatch.setattr(spool.ReadAhead, "close", closing)
    monkeypatch.setattr(store_base, "now", lambda: STAMP)
    monkeypatch.setattr(spool, "AHEAD_BATCH", 97)
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 50)
    # The indexes are set aside once 300 records are known to come: before the reading ends.
    monkeypatch.setattr(store_imports, "SET_ASIDE_ROWS", 300)


def import_into(
    folder: Path, delreg: Invoke, monkeypatch: pytest.MonkeyPatch, *args: str, ahead: bool
) -> Outcome:
    """`delreg import ARGS…` into a new register in ``folder``, read ahead or not."""
    folder.mkdir()
    database = folder / "register.db"
    monkeypatch.setenv("DELREG_DB", str(database))
    monkeypatch.setattr(importer, "READ_AHEAD_BYTES", 1 if ahead else 10**15)
    ENDED.clear()
    result = delreg("import", *args)
    register = snapshot(database) if database.exists() else None
    assert sorted(path.name for path in folder.iterdir()) == (["register.db"] if register else [])
    return Outcome(result.exit_code, result.stdout, result.stderr, register, list(ENDED))


def both_ways(
    tmp_path: Path, delreg: Invoke, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[Outcome, Outcome]:
    ordinary = import_into(tmp_path / "ordinary", delreg, monkeypatch, *args, ahead=False)
    ahead = import_into(tmp_path / "ahead", delreg, monkeypatch, *args, ahead=True)
    assert ordinary.read_ahead == []
    return ordinary, ahead


@pytest.fixture
def exports(tmp_path: Path) -> list[str]:
    """Two exports: every kind of cell, a value no field takes every 37th row, and the second
    updating the last rows of the first, with a diary number listed twice."""
    folder = tmp_path / "exports"
    folder.mkdir()
    first = folder / "nämnd.csv"
    first.write_text(export(export_rows(900)), encoding="utf-8")
    second = folder / "nämnd-2.csv"
    rows = list(export_rows(400, offset=700, variant=1))
    second.write_text(export(iter([*rows, rows[5]])), encoding="utf-8")
    return [str(first), str(second)]


@needs_a_fork
@pytest.mark.parametrize(
    "options", [[], ["--skip-invalid"], ["--json"], ["--skip-invalid", "--json"]]
)
def test_an_export_read_ahead_makes_the_register_and_says_what_the_ordinary_import_does(
    tmp_path: Path,
    delreg: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    exports: list[str],
    options: list[str],
) -> None:
    ordinary, ahead = both_ways(tmp_path, delreg, monkeypatch, *exports, *options)
    assert ahead.read_ahead == [True]
    assert ahead.told() == ordinary.told()
    assert ordinary.exit_code == 1 and "rejected: " in ordinary.stderr
    if "--skip-invalid" in options:
        assert ordinary.register is not None and ordinary.register["decisions"]
    else:
        # Rejected rows: nothing written, and no register left, either way.
        assert ordinary.register is None and "nothing was written" in ordinary.stderr
    if "--json" in options:
        assert json.loads(ordinary.stdout)["items"]["seen"] == 1301


@needs_a_fork
def test_an_error_in_the_file_as_it_is_read_is_told_as_before_and_leaves_no_register(
    tmp_path: Path, delreg: Invoke, monkeypatch: pytest.MonkeyPatch, exports: list[str]
) -> None:
    broken = Path(exports[1])
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[300] = lines[300].replace(",", ",\x00", 1)
    broken.write_text("".join(lines), encoding="utf-8")
    ordinary, ahead = both_ways(tmp_path, delreg, monkeypatch, *exports, "--skip-invalid")
    assert ahead.read_ahead == [False]
    assert ahead.told() == ordinary.told()
    assert ordinary.exit_code == 2 and ordinary.register is None
    assert f"{broken}:301: holds binary data" in ordinary.stderr


@needs_a_fork
def test_a_reading_process_killed_midway_leaves_the_import_to_the_ordinary_way(
    tmp_path: Path, delreg: Invoke, monkeypatch: pytest.MonkeyPatch, exports: list[str]
) -> None:
    send = spool._send
    sent: list[object] = []

    def send_then_die(pipe: int, message: tuple[Any, ...]) -> None:
        # In the process reading ahead: killed after its third batch.
        send(pipe, message)
        sent.append(message)
        if len(sent) == 3:
            os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(spool, "_send", send_then_die)
    ordinary, ahead = both_ways(tmp_path, delreg, monkeypatch, *exports, "--skip-invalid", "--json")
    assert ahead.read_ahead == [False]
    assert ahead.told() == ordinary.told()
    assert ordinary.exit_code == 1 and ordinary.register is not None


@needs_a_fork
def test_a_register_made_meanwhile_gets_every_record_again(
    tmp_path: Path, delreg: Invoke, monkeypatch: pytest.MonkeyPatch, exports: list[str]
) -> None:
    """Another command makes the register while the import writes its own aside: the import
    is written again into that register, from its first record (``Store.writing``)."""
    raced: list[Path] = []

    def made_meanwhile(spare: Path, target: Path) -> bool | None:
        raced.append(target)
        with Store.open(target, mode=OpenMode.CREATE, command="delreg add") as other:
            import_records(other, read(export(export_rows(30, offset=5000))))
        return link_if_absent(spare, target)

    monkeypatch.setattr(store_register, "link_if_absent", made_meanwhile)
    ordinary, ahead = both_ways(tmp_path, delreg, monkeypatch, *exports, "--skip-invalid", "--json")
    assert len(raced) == 2
    assert ahead.read_ahead == [True]
    assert ahead.told() == ordinary.told()
    summary = json.loads(ahead.stdout)
    assert summary["inserted"] > 1000
    assert ahead.register is not None
    assert len(ahead.register["decisions"]) == 30 + summary["inserted"]


def test_only_large_exports_in_files_are_read_ahead(tmp_path: Path) -> None:
    big = processes.write_export(tmp_path / "big.csv", 1, rows=55_000)
    assert big.stat().st_size >= importer.READ_AHEAD_BYTES
    small = processes.write_export(tmp_path / "small.csv", 1, rows=100)
    assert worth_reading_ahead([str(big)], fmt="auto") is fork_is_sound()
    assert worth_reading_ahead([str(small), str(big)], fmt="csv") is fork_is_sound()
    # Not a short export, an agenda (a few thousand items at most), standard input, a folder
    # or a file that is not there (the ordinary reading tells what is wrong with it).
    assert not worth_reading_ahead([str(small)], fmt="auto")
    for other in (str(SEED), "-", str(tmp_path), str(tmp_path / "gone.csv")):
        assert not worth_reading_ahead([str(big), other], fmt="auto")
    assert not worth_reading_ahead([str(big)], fmt="text")


def child_of(process: subprocess.Popen[bytes]) -> int | None:
    """The process reading ahead for ``process``, once it is there (None if it never is)."""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        listed = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        if listed:
            return int(listed[0])
        time.sleep(0.002)
    return None


def gone(pid: int) -> bool:
    """Whether the process has ended (a zombie left to whoever adopted it counts as ended)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def large_export(tmp_path: Path) -> Path:
    """An export large enough to be read ahead by `delreg import` as users run it."""
    folder = tmp_path / "exports"
    folder.mkdir(exist_ok=True)
    path = processes.write_export(folder / "large.csv", 1, rows=55_000)
    assert path.stat().st_size >= importer.READ_AHEAD_BYTES
    return path


@needs_a_fork
@pytest.mark.parametrize("after", [0.0, 0.4], ids=["as it forks", "as it writes"])
def test_ctrl_c_while_read_ahead_imports_nothing_and_ends_both_processes(
    database: Path, large_export: Path, after: float
) -> None:
    process = subprocess.Popen(
        processes.delreg_command("import", str(large_export)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A terminal's Ctrl-C goes to the whole foreground group: both processes.
        start_new_session=True,
    )
    reading = child_of(process)
    assert reading is not None, "the import read its input itself"
    time.sleep(after)
    os.killpg(process.pid, signal.SIGINT)
    out, error = process.communicate(timeout=60)
    assert process.returncode == 130, error.decode()
    assert out == b""
    assert error.decode().splitlines()[0] == "delreg: error: interrupted: nothing was imported"
    assert "Traceback" not in error.decode()
    assert gone(reading)
    assert sorted(path.name for path in database.parent.iterdir() if path.is_file()) == []


@needs_a_fork
def test_a_killed_import_leaves_no_register_and_its_reading_process_ends(
    delreg: Invoke, database: Path, large_export: Path
) -> None:
    process = subprocess.Popen(
        processes.delreg_command("import", str(large_export)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    reading = child_of(process)
    assert reading is not None, "the import read its input itself"
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    # Its pipe broken, the process reading ahead ends at its next batch.
    assert gone(reading)
    assert not database.exists()
    # The next import makes the register, and clears what the killed one left.
    again = processes.write_export(database.parent / "exports" / "again.csv", 2, rows=300)
    done = processes.run_delreg("import", str(again))
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in database.parent.iterdir() if path.is_file()) == [
        "register.db"
    ]
    assert processes.versions(database) == {"2": 300}
    processes.register_verifies(delreg)
