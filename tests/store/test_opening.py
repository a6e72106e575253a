"""What delreg finds at the register's path before it writes: nothing (only a command that
writes creates a register), another program's database, a tampered schema version, a network
file system; and the permissions of what it creates, whatever the umask and symlinks."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import ADD, DATA, Invoke, as_json, one_clear_line
from tests.helpers.processes import write_export

READING_COMMANDS = [
    ("list",),
    ("show", "24RS1"),
    ("report", "--meeting", "2024-02-15"),
    ("check",),
    ("history", "24RS1"),
    ("meetings", "list"),
    ("verify",),
    ("backup", "kopia.db"),
    ("delegation", "show"),
    ("procurement", "RS 2024-0001"),
    ("edit", "24RS1", "--subject", "y"),
    ("delete", "24RS1", "--yes"),
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda command: "-".join(command[:2]))
def test_a_command_that_only_reads_never_creates_a_register(
    delreg: Invoke, tmp_path: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "hsn-typo.db"
    result = delreg("--db", str(typo), *command)
    assert result.exit_code == 2, result.stdout
    line = one_clear_line(result.stderr)
    assert "no register" in line and "hsn-typo.db" in line, line
    assert result.stderr.splitlines()[1].startswith("hint: ")
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_a_cron_job_without_delreg_db_is_told_there_is_no_register(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DELREG_DB")
    result = delreg("report", "--month", "2024-01")
    assert result.exit_code == 2
    assert "no register" in one_clear_line(result.stderr)
    assert not (tmp_path / "data").exists()
    assert delreg(*ADD).exit_code == 0  # a command that writes creates it where it belongs
    assert (tmp_path / "data" / "delreg" / "delreg.db").exists()


def other_programs_database(path: Path, *, version: int = 0, wal: bool = False) -> None:
    with closing(sqlite3.connect(path)) as connection:
        if wal:
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE bokningar (id INTEGER PRIMARY KEY, rum TEXT)")
        connection.execute("INSERT INTO bokningar (rum) VALUES ('Sal A'), ('Sal B')")
        connection.execute(f"PRAGMA user_version = {version}")
        connection.commit()
        if wal:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def every_command(tmp_path: Path) -> list[tuple[str, ...]]:
    export = write_export(tmp_path / "export.csv", 1, rows=5)
    return [
        *READING_COMMANDS,
        ADD,
        ("import", str(export)),
        ("meetings", "add", "2024-02-15"),
        ("meetings", "add", "2024-02-15", "--update", "--posted-on", "2024-02-21"),
        ("delegation", "load", "delegationsordning.toml"),
        ("check", "--ack", "unreported", "24RS1", "--reason", "x"),
        ("undelete", "24RS1"),
        ("report", "--meeting", "2024-02-15", "--mark-reported"),
        ("restore", str(tmp_path / "b.db"), "--yes"),
    ]


@pytest.mark.parametrize(
    ("version", "wal"), [(0, False), (0, True), (3, False)], ids=["plain", "wal", "numbered"]
)
def test_another_programs_sqlite_file_is_left_exactly_as_it_was(
    delreg: Invoke,
    tmp_path: Path,
    database: Path,
    monkeypatch: pytest.MonkeyPatch,
    version: int,
    wal: bool,
) -> None:
    assert delreg(*ADD).exit_code == 0
    assert delreg("backup", str(tmp_path / "b.db")).exit_code == 0
    monkeypatch.chdir(tmp_path)
    (tmp_path / "delegationsordning.toml").write_text(
        (DATA / "delegationsordning.toml").read_text("utf-8"),
        encoding="utf-8",
    )
    other = tmp_path / "lokalbokning.sqlite"
    other_programs_database(other, version=version, wal=wal)
    before = (other.read_bytes(), other.stat().st_mtime_ns)
    for command in every_command(tmp_path):
        result = delreg("--db", str(other), *command)
        assert result.exit_code == 2, (command, result.stdout)
        assert "not a delreg register" in one_clear_line(result.stderr), command
        assert (other.read_bytes(), other.stat().st_mtime_ns) == before, command
    assert not Path(f"{other}-journal").exists()


@pytest.mark.parametrize("version", [-1, -2147483648, 99])
def test_an_unknown_schema_version_is_refused_without_writing(
    delreg: Invoke, database: Path, tmp_path: Path, version: int
) -> None:
    assert delreg(*ADD).exit_code == 0
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute(f"PRAGMA user_version = {version}")
    before = database.read_bytes()
    for command in (("list",), ADD, ("import", str(write_export(tmp_path / "e.csv", 1, 5)))):
        result = delreg(*command)
        assert result.exit_code == 2
        line = one_clear_line(result.stderr)
        assert "newer delreg" in line or "not a delreg register" in line, line
        assert database.read_bytes() == before
    assert not Path(f"{database}-wal").exists()


def test_a_register_and_a_backup_made_through_a_dangling_symlink_are_private(
    delreg: Invoke, tmp_path: Path
) -> None:
    register = tmp_path / "register-länk.db"
    register.symlink_to(tmp_path / "verkligt-register.db")
    copy = tmp_path / "kopia-länk.db"
    copy.symlink_to(tmp_path / "verklig-kopia.db")
    previous = os.umask(0)
    try:
        assert delreg("--db", str(register), *ADD).exit_code == 0
        result = delreg("--db", str(register), "backup", str(copy))
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.stderr
    for made in ("verkligt-register.db", "verklig-kopia.db"):
        assert stat.S_IMODE((tmp_path / made).stat().st_mode) == 0o600, made


def nfs_mountinfo(tmp_path: Path, folder: Path, kind: str) -> Path:
    """A mountinfo text where ``folder`` is a mount of ``kind`` (with a space in its name)."""
    point = str(folder).replace(" ", "\\040")
    text = (
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        f"97 22 0:52 / {point} rw,relatime shared:50 - {kind} fil.region.se:/hsn rw,vers=4.2\n"
    )
    path = tmp_path / "mountinfo"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["nfs4", "cifs", "smb3"])
def test_a_register_on_a_network_file_system_is_refused_unless_overridden(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    from delreg.store import files

    share = tmp_path / "delad enhet"
    share.mkdir()
    monkeypatch.setattr(files, "MOUNTINFO", nfs_mountinfo(tmp_path, share, kind))
    register = share / "register.db"
    for command in (ADD, ("list",)):
        result = delreg("--db", str(register), *command)
        assert result.exit_code == 2
        line = one_clear_line(result.stderr)
        assert "network file system" in line and kind in line, line
        assert files.ALLOW_NETWORK_VARIABLE in result.stderr
    assert sorted(share.iterdir()) == []
    monkeypatch.setenv(files.ALLOW_NETWORK_VARIABLE, "1")
    assert delreg("--db", str(register), *ADD).exit_code == 0
    assert len(as_json(delreg("--db", str(register), "list", "--format", "json"))) == 1
    monkeypatch.delenv(files.ALLOW_NETWORK_VARIABLE)
    elsewhere = tmp_path / "lokal.db"  # beside the share, on the local disk
    assert delreg("--db", str(elsewhere), *ADD).exit_code == 0


def test_the_mount_a_path_lies_on_is_the_longest_that_holds_it(tmp_path: Path) -> None:
    from delreg.store import files

    text = (
        "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
        "2 1 0:5 / /srv rw - nfs4 server:/srv rw\n"
        "3 2 8:2 / /srv/lokal rw - ext4 /dev/sdb1 rw\n"
        "4 1 0:6 / /mnt/m\\303\\266te\\040hsn rw - cifs //nas/möte rw\n"
    )
    assert files.file_system_in(text, Path("/srv/hsn/register.db")) == "nfs4"
    assert files.file_system_in(text, Path("/srv/lokal/register.db")) is None
    assert files.file_system_in(text, Path("/srv")) == "nfs4"
    assert files.file_system_in(text, Path("/srvx/register.db")) is None
    assert files.file_system_in(text, Path("/home/register.db")) is None
    assert files.file_system_in(text, Path("/mnt/möte hsn/register.db")) == "cifs"
    assert files.file_system_in("", Path("/home/register.db")) is None
