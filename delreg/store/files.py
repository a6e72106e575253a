"""What lies at the register's path, found out before anything is written to it.

SQLite changes a file as soon as it opens it for writing: it rolls back an unfinished
transaction, switches the journal, and delreg's migrations would add tables. So the file is
looked at first, by reading its header and then through a read-only connection, and a file that
is not a register this delreg knows (another program's database, a tampered version, a copy
whose writer was killed) is refused without a byte of it changing. A register is created only
where no file exists, and only by a command that writes.
"""

from __future__ import annotations

import os
import re
import sqlite3
from enum import Enum
from pathlib import Path

from delreg.errors import StoreError
from delreg.store.schema import SCHEMA_VERSION

# The tables the first migration made: a file with a user_version but without them is some
# other program's database that happens to number its schema too.
BASE_TABLES = frozenset({"decisions", "meetings", "reportings", "notices", "events", "kinds"})
_HEADER = b"SQLite format 3\x00"
# The header's user_version: a big-endian signed 32-bit integer at offset 60.
_USER_VERSION = slice(60, 64)

# Where Linux says which file system each folder is on. A module constant so that a test can
# point it at a mountinfo text of its own (a register "on NFS") without a network share.
MOUNTINFO = Path("/proc/self/mountinfo")
# File systems shared between machines, on which SQLite's WAL (shared memory between the
# processes that use the file) and its locks do not work.
NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "9p",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.davfs",
        "davfs",
    }
)
ALLOW_NETWORK_VARIABLE = "DELREG_ALLOW_NETWORK_DRIVE"


class OpenMode(Enum):
    """How a command opens the register; each command says which it needs."""

    # The register must exist already: commands that read, or change what is there.
    EXISTING = "existing"
    # A register is created where no file exists: commands that add to it.
    CREATE = "create"


def schema_of(path: Path, *, role: str = "register") -> int | None:
    """The schema version of the register at ``path``; None when there is none yet (no file,
    or an empty one left by a first run that stopped before it wrote anything).

    Raises StoreError, leaving the file as it was, for anything that is not a register this
    delreg can open.
    """
    where = repr(str(path))
    try:
        with open(path, "rb") as file:
            header = file.read(108)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(
            f"cannot open the {role} {where}: it is a folder",
            hint="name a file, not a folder",
        ) from None
    except OSError as error:
        raise StoreError(
            f"cannot open the {role} {where}: {error.strerror}",
            hint="check the permissions of the file and its folder",
        ) from None
    # Another process may remove its -wal or -journal file at any moment (its last connection
    # closing), between any two looks at it: each is looked at once, and gone counts as empty.
    wal = _size(Path(f"{path}-wal"))
    if not header and not wal:
        return None
    if header and not _sound_header(header):
        raise not_a_register_file(path, role)
    if _size(Path(f"{path}-journal")):
        raise unfinished(path, role)
    version: int | None
    if len(header) == 108 and not wal:
        # Without a -wal file the header is the whole truth; reading it opens no database.
        version = int.from_bytes(header[_USER_VERSION], "big", signed=True)
        if version == 0 and _schema_is_empty(header):
            return None
    else:
        version = _version_through_sqlite(path, role)
    if version is None:
        return None
    if version < 0:
        raise StoreError(
            f"{where} is not a delreg register (its schema version, {version}, is unknown)",
            hint="the file was left as it was; `delreg restore BACKUP` brings back a copy",
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{where} was made by a newer delreg (schema {version}, this one knows "
            f"{SCHEMA_VERSION})",
            hint="upgrade delreg (pip install -U delreg); the file was left as it was",
        )
    if version == 0 or not _tables(path, role) >= BASE_TABLES:
        raise not_a_register_file(path, role, sqlite=True)
    return version


def _read_only(path: Path) -> sqlite3.Connection:
    from delreg.store import connection

    return sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro",
        uri=True,
        isolation_level=None,
        timeout=connection.BUSY_TIMEOUT_MS / 1000,
    )


def _tables(path: Path, role: str) -> set[str]:
    try:
        connection = _read_only(path)
        try:
            return {
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            }
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise examined_error(path, role, error) from None


def _sound_header(header: bytes) -> bool:
    """Whether ``header`` is an SQLite header that is not obviously damaged (the fields SQLite
    itself insists on: the magic text, a power-of-two page size, the fixed payload fractions)."""
    if not header.startswith(_HEADER) or len(header) < 24:
        return False
    page_size = int.from_bytes(header[16:18], "big")
    if page_size != 1 and (page_size < 512 or page_size > 32768 or page_size & (page_size - 1)):
        return False
    return header[21:24] == b"\x40\x20\x20"


def _schema_is_empty(header: bytes) -> bool:
    # Page 1 holds the schema table after the 100-byte file header: a leaf page (type 13)
    # with no cells is a database in which nothing was ever created.
    return header[100] == 13 and int.from_bytes(header[103:105], "big") == 0


def _version_through_sqlite(path: Path, role: str) -> int | None:
    """user_version as SQLite sees it, the -wal file included, through a read-only connection;
    None for a database with nothing in it."""
    try:
        connection = _read_only(path)
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            empty = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise examined_error(path, role, error) from None
    return None if version == 0 and empty else version


def examined_error(path: Path, role: str, error: sqlite3.Error) -> StoreError:
    from delreg.store.connection import store_error

    if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
        return unfinished(path, role)
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_NOTADB:
        return not_a_register_file(path, role)
    return store_error(path, error)


def no_register(path: Path) -> StoreError:
    """For a command that needs a register where there is none: never an empty new one."""
    if not path.parent.is_dir():
        return StoreError(
            f"there is no register at {str(path)!r}: folder {str(path.parent)!r} does not exist",
            hint="check the --db path or DELREG_DB; `delreg import` or `delreg add` starts a new "
            "register",
        )
    empty = " (the file is empty)" if path.exists() else ""
    return StoreError(
        f"there is no register at {str(path)!r}{empty}",
        hint="check the --db path or DELREG_DB; `delreg import` or `delreg add` starts a new "
        "register",
    )


def not_a_register_file(path: Path, role: str, *, sqlite: bool = False) -> StoreError:
    what = "an SQLite database of another program" if sqlite else "not an SQLite database"
    if role == "register":
        hint = "check the --db path or DELREG_DB; the file was left as it was"
    else:
        hint = "give a file made by `delreg backup`; the file was left as it was"
    return StoreError(f"{str(path)!r} is not a delreg register ({what})", hint=hint)


def unfinished(path: Path, role: str) -> StoreError:
    return StoreError(
        f"{str(path)!r} was being written when its writer stopped (an unfinished transaction "
        f"in {str(path)!r}-journal): it is not a complete {role}",
        hint="the file was left as it was; use another backup, or a copy made again",
    )


def private_target(path: Path) -> Path:
    """The file a new private file at ``path`` is made as: through a symlink, its target."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def network_file_system(path: Path) -> str | None:
    """The type of the network file system ``path`` lies on, or None for a local disk."""
    text = str(path.absolute())
    if text.startswith(("\\\\", "//")) and os.name == "nt":
        return "a network share"
    if os.name == "nt":
        return _windows_remote_drive(text)
    try:
        mounts = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # not Linux: nothing reliable to ask
    return file_system_in(mounts, Path(os.path.realpath(path)))


def file_system_in(mountinfo: str, path: Path) -> str | None:
    """The network file system type mountinfo gives for ``path``'s mount, else None.

    Each line: ID PARENT MAJOR:MINOR ROOT MOUNT-POINT OPTIONS [TAGS…] - TYPE SOURCE OPTIONS;
    the mount whose point is the longest prefix of the path is the one it lies on.
    """
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        point = Path(_unescape(fields[4]))
        kind = line.split(" - ", 1)[1].split()[0]
        if path == point or path.is_relative_to(point):
            depth = len(point.parts)
            if best is None or depth >= best[0]:
                best = (depth, kind)
    if best is None:
        return None
    kind = best[1]
    return kind if kind in NETWORK_FILE_SYSTEMS or kind.startswith("nfs") else None


def _unescape(field: str) -> str:
    # The kernel writes a space in a mount point as \040 (octal), a tab as \011, and so on.
    raw = re.sub(rb"\\([0-7]{3})", lambda found: bytes([int(found.group(1), 8)]), field.encode())
    return raw.decode("utf-8", errors="replace")


def _windows_remote_drive(text: str) -> str | None:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(text)[0]
    if not drive:
        return None
    remote = 4  # DRIVE_REMOTE
    kernel = getattr(ctypes, "windll", None)
    if kernel is None:
        return None
    if kernel.kernel32.GetDriveTypeW(drive + "\\") != remote:
        return None
    return "a mapped network drive"


def refuse_network_drive(path: Path) -> None:
    """Refuse a register on a network file system unless the user has said they know better."""
    if os.environ.get(ALLOW_NETWORK_VARIABLE, "") not in ("", "0"):
        return
    parent = path.parent if not path.exists() else path
    kind = network_file_system(parent)
    if kind is None:
        return
    raise StoreError(
        f"the register {str(path)!r} is on a network file system ({kind}): SQLite's locks and "
        "its write-ahead log do not work between machines, and a register there can be damaged",
        hint="keep the register on a local disk and put backups on the shared drive; "
        f"{ALLOW_NETWORK_VARIABLE}=1 opens it anyway (one machine at a time only)",
    )


def damage_note(path: Path) -> Path:
    """The note beside a register that delreg found damaged: what was found, and when."""
    return path.with_name(f"{path.name}.damaged")


def remember_damage(path: Path, problem: str) -> None:
    """Leave a note that the register is damaged, so that no command writes to it again
    until a sound backup is restored (SQLite itself notices damage only on the pages a
    command reads, so the next write would go ahead)."""
    from datetime import UTC, datetime

    found = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        f"{problem} (found {found})\n"
        "delreg writes nothing to this register while this note is here. `delreg restore "
        "BACKUP` brings back a sound copy and removes the note.\n"
    )
    try:
        descriptor = os.open(damage_note(path), os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as note:
            note.write(text)
    except OSError:
        pass  # the refusal in hand says it; a note that cannot be written changes nothing


def known_damage(path: Path) -> str | None:
    """What the note beside the register says was found, if there is one."""
    try:
        with open(damage_note(path), encoding="utf-8", errors="replace") as note:
            return note.readline().strip() or "damaged"
    except OSError:
        return None


def forget_damage(path: Path) -> None:
    damage_note(path).unlink(missing_ok=True)


def refuse_known_damage(path: Path) -> None:
    """Refuse to write to a register delreg has found damaged."""
    from delreg.store.connection import DAMAGED_HINT

    found = known_damage(path)
    if found is not None:
        raise StoreError(
            f"the register {str(path)!r} is damaged: {found}; nothing was written",
            hint=DAMAGED_HINT + f" (the note {str(damage_note(path))!r} says the same)",
        )


def _size(path: Path) -> int:
    """The size of a file another process may remove at any moment: 0 when it is not there."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
