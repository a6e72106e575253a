"""The register's schema and its migrations, applied in order and recorded in user_version.

Each migration is a function of a sqlite-utils Database. A database made by any earlier version
of delreg opens and upgrades without loss; one made by a newer version is refused.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from delreg.errors import StoreError
from delreg.store.fresh_schema import FRESH_VERSION, REPORT_VIEWS, make_fresh

Migration = Callable[[Any], None]


def _create_base_tables(db: Any) -> None:
    db["kinds"].create({"name": str, "label": str}, pk="name", not_null={"label"})
    db["meetings"].create(
        {
            "id": int,
            "date": str,
            "board": str,
            "paragraph": int,
            "adjusted_on": str,
            "posted_on": str,
        },
        pk="id",
        not_null={"date", "board"},
        defaults={"board": ""},
    )
    db["meetings"].create_index(["date", "board"], unique=True)
    db["decisions"].create(
        {
            "id": int,
            "diary_number": str,
            "kind": str,
            "procurement_number": str,
            "subject": str,
            "parties": str,  # a JSON array: party names may contain commas and semicolons
            "delegate": str,
            "decided_on": str,
            "notified_on": str,
            "notified_by": str,
            "standstill_days": int,
            "secret": int,
            "secret_reason": str,
            "delegation_point": str,
            "amount": int,  # whole kronor, never a float
            "wording": str,
            "source": str,
            "created_at": str,
            "updated_at": str,
            "deleted_at": str,
        },
        pk="id",
        not_null={"diary_number", "kind", "subject", "parties", "secret", "created_at"},
        defaults={"parties": "[]", "secret": 0},
        foreign_keys=[("kind", "kinds", "name")],
    )
    db["decisions"].create_index(["diary_number"], unique=True)
    db["decisions"].create_index(["decided_on"])
    db["decisions"].create_index(["procurement_number"])
    db["decisions"].create_index(["kind", "decided_on"])
    # A decision reported at a meeting, as item N of its list. More than one row for a
    # decision is exactly what the `reported-twice` check looks for, so it is allowed here.
    db["reportings"].create(
        {"decision_id": int, "meeting_id": int, "item": int},
        pk=("decision_id", "meeting_id"),
        not_null={"item"},
        foreign_keys=[("decision_id", "decisions", "id"), ("meeting_id", "meetings", "id")],
    )
    db["reportings"].create_index(["meeting_id", "item"], unique=True)
    db["notices"].create(
        {"id": int, "meeting_id": int, "position": int, "text": str, "date": str, "source": str},
        pk="id",
        not_null={"text"},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    db["notices"].create_index(["meeting_id", "position"], unique=True)
    # Every insert, update and delete, with the values before and after as JSON objects.
    db["events"].create(
        {
            "id": int,
            "at": str,
            "user": str,
            "action": str,
            "diary_number": str,
            "old": str,
            "new": str,
            "command": str,
        },
        pk="id",
        not_null={"at", "action"},
    )
    db["events"].create_index(["diary_number"])


def _add_full_text_search(db: Any) -> None:
    # Diacritics folded so "orebro" finds "Örebro"; prefix queries find Swedish compounds.
    db["decisions"].enable_fts(
        ["diary_number", "procurement_number", "subject", "parties"],
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )


def _add_report_views(db: Any) -> None:
    for view in REPORT_VIEWS:
        db.execute(view)


def _add_compliance_tables(db: Any) -> None:
    # `delreg check --ack RULE DNR`: a finding someone accepted, with why; one per rule and dnr
    # (acknowledging again replaces the reason, and the history keeps the old one).
    db["acknowledgements"].create(
        {"id": int, "rule": str, "diary_number": str, "reason": str, "at": str, "user": str},
        pk="id",
        not_null={"rule", "diary_number", "reason", "at"},
    )
    db["acknowledgements"].create_index(["rule", "diary_number"], unique=True)
    # The delegationsordning in force: `delreg delegation load` replaces the points whole, and
    # delegation_orders keeps a line for every load.
    db["delegation_orders"].create(
        {
            "id": int,
            "loaded_at": str,
            "user": str,
            "source": str,
            "board": str,
            "adopted": str,
            "points": int,
        },
        pk="id",
        not_null={"loaded_at", "points"},
    )
    db["delegation_points"].create(
        {
            "id": int,
            "point": str,
            "matter": str,
            "kinds": str,  # a JSON array of kind slugs
            "delegate": str,
            "substitutes": str,  # a JSON array: titles may contain commas
            "limit_amount": str,  # exact: a fraction such as "1/2" for half a prisbasbelopp
            "limit_unit": str,  # "kr" or "pbb"
            "valid_from": str,
            "valid_to": str,
            "line": int,
        },
        pk="id",
        not_null={"point", "matter", "kinds", "delegate", "substitutes"},
        defaults={"kinds": "[]", "substitutes": "[]"},
    )
    db["delegation_points"].create_index(["point"])


def _add_reporting_lookup_index(db: Any) -> None:
    # Every listing and report finds the meeting and item of each decision it shows with two
    # correlated subqueries on reportings by decision_id; with the item in the index they never
    # read the table (a month of a million-row register: 8 500 decisions, 10 ms less).
    db["reportings"].create_index(["decision_id", "meeting_id", "item"], if_not_exists=True)


def _chain_the_history(db: Any) -> None:
    # Each event's SHA-256 over itself and the event before it (delreg.store.trail): the
    # events an existing register holds are chained in id order, as if written so.
    from delreg.store.trail import chain_history

    db.execute("ALTER TABLE events ADD COLUMN hash TEXT")
    chain_history(db.conn)


def _add_contract_dates_and_appeals(db: Any) -> None:
    # A contract's period, option and notice dates (NULL for every decision made before).
    for name in ("valid_from", "valid_to", "extension_until", "notice_by"):
        db["decisions"].add_column(name, str)
    db["decisions"].create_index(["notice_by"], if_not_exists=True)
    # Appeals lodged against a decision (laglighetsprövning, överprövning …) and their outcome.
    # Rows are never deleted: an appeal withdrawn is an outcome, and the history keeps each change.
    db["appeals"].create(
        {
            "id": int,
            "decision_id": int,
            "lodged_on": str,
            "court": str,
            "reference": str,  # the court's case number (målnummer)
            "decided_on": str,
            "outcome": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"decision_id", "lodged_on", "created_at"},
        foreign_keys=[("decision_id", "decisions", "id")],
    )
    db["appeals"].create_index(["decision_id", "lodged_on"])


def _add_boards(db: Any) -> None:
    # Every decision and meeting belongs to a board (delreg.boards), known by its short code.
    # Meetings keep their board column (it held the board's name, now its code); a decision's
    # board is a real foreign key, NULL only in a register that names no board.
    db["boards"].create(
        {"code": str, "name": str, "delegate": str, "created_at": str},
        pk="code",
        not_null={"name", "created_at"},
    )
    db["boards"].create_index(["name"], unique=True)
    db.execute("ALTER TABLE decisions ADD COLUMN board TEXT REFERENCES boards(code)")
    db["decisions"].create_index(["board", "decided_on"])
    from delreg.store.boards import name_the_upgraded_boards

    name_the_upgraded_boards(db.conn)


def _drop_the_board_index(db: Any) -> None:
    # A register holds a dozen boards at most: the decided_on index serves a board's month as
    # well, and every insert of a million-row import paid for this one.
    db.execute("DROP INDEX IF EXISTS idx_decisions_board_decided_on")


def _add_delegation_history(db: Any) -> None:
    # Orders are kept over time, per board: each with its period, the board's code, and, once a
    # load with the same start replaced it, when. A load used to replace the points whole, so
    # every order line but the newest was replaced by the one after it, and the stored points
    # are the newest's. The board text the file gave becomes the order's name; its code is left
    # empty, which means the configured default board.
    for name in ("valid_from", "valid_to", "name", "replaced_at"):
        db["delegation_orders"].add_column(name, str)
    db.execute(
        "UPDATE delegation_orders SET name = board, board = '', replaced_at = ("
        "SELECT min(later.loaded_at) FROM delegation_orders later "
        "WHERE later.id > delegation_orders.id)"
    )
    has_points = db.execute("SELECT count(*) FROM delegation_points").fetchone()[0]
    newest = db.execute("SELECT max(id) FROM delegation_orders").fetchone()[0]
    if has_points and newest is None:
        db.execute(
            "INSERT INTO delegation_orders (loaded_at, source, board, name, points) "
            "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '', '', '', ?)",
            [has_points],
        )
        newest = db.execute("SELECT max(id) FROM delegation_orders").fetchone()[0]
    db["delegation_points"].add_column("order_id", int, fk="delegation_orders", fk_col="id")
    db["delegation_points"].add_column("pass_on", int, not_null_default=0)
    db.execute("UPDATE delegation_points SET order_id = ?", [newest])
    db["delegation_points"].create_index(["order_id"])
    db["delegation_orders"].create_index(["board", "valid_from"])
    # Vidaredelegering: a point passed on by its delegate (or by the holder of the pass it rests
    # on) to another employee for a period. Rows are never deleted: a pass ends (valid_to), or
    # is withdrawn when recorded in error, and the history keeps each change.
    db["delegation_passes"].create(
        {
            "id": int,
            "board": str,
            "point": str,
            "passed_by": str,
            "passed_to": str,
            "valid_from": str,
            "valid_to": str,
            "limit_amount": str,
            "limit_unit": str,
            "rests_on": int,
            "created_at": str,
            "user": str,
            "withdrawn_at": str,
        },
        pk="id",
        not_null={"board", "point", "passed_by", "passed_to", "valid_from", "created_at"},
        defaults={"board": ""},
        foreign_keys=[("rests_on", "delegation_passes", "id")],
    )
    db["delegation_passes"].create_index(["board", "point"])


def _add_import_marks(db: Any) -> None:
    # What the register remembers of an import it took whole (delreg.store.marks), so that the
    # same export imported again into an unchanged register is not read a second time.
    db["import_marks"].create(
        {"key": str, "state": str, "outcome": str, "at": str},
        pk="key",
        not_null={"state", "outcome", "at"},
    )


MIGRATIONS: tuple[Migration, ...] = (
    _create_base_tables,
    _add_full_text_search,
    _add_report_views,
    _add_compliance_tables,
    _add_reporting_lookup_index,
    _chain_the_history,
    _add_contract_dates_and_appeals,
    _add_boards,
    _drop_the_board_index,
    _add_delegation_history,
    _add_import_marks,
)
SCHEMA_VERSION = len(MIGRATIONS)


def _is_empty(connection: sqlite3.Connection) -> bool:
    """Whether the file holds no schema at all (version 0 says so of someone else's file too:
    that one is left to the first migration, which refuses it as it always did)."""
    return schema_version(connection) == 0 and connection.execute(
        "SELECT count(*) FROM sqlite_master"
    ).fetchone() == (0,)


def schema_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


# Loaded by sqlite-utils whenever installed, only to convert their values in inserts; delreg
# never hands it one. matplotlib (the audit's charts) installs numpy, which then cost a new
# register 0.15 s of CPU to import (bench/RESULTS.md, "Reading PDFs").
_UNUSED_BY_SQLITE_UTILS = ("numpy", "pandas")


def _schema_tool() -> ModuleType:
    """sqlite-utils, imported without numpy and pandas unless something loaded them already.

    Each is hidden (None in sys.modules, which makes its import fail) only while sqlite-utils
    is imported, and released afterwards, so that `delreg audit` still imports numpy."""
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    hidden = [name for name in _UNUSED_BY_SQLITE_UTILS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]
    return sqlite_utils


def migrate(connection: sqlite3.Connection, path: Path, *, to: int = SCHEMA_VERSION) -> None:
    """Bring the database up to version ``to``, each migration in its own transaction (an
    empty file's first ones in one: delreg.store.fresh_schema)."""
    current = schema_version(connection)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{str(path)!r} was made by a newer delreg (schema {current}, this one knows "
            f"{SCHEMA_VERSION})",
            hint="upgrade delreg (pip install -U delreg); the file was left as it was",
        )
    if current >= to:
        return
    from delreg.store.connection import transaction

    if current == 0 and to >= FRESH_VERSION:
        # A new register: its schema up to FRESH_VERSION in one step (delreg.store.fresh_schema).
        with transaction(connection, path):
            if _is_empty(connection):
                make_fresh(connection)
        current = schema_version(connection)
        # As sqlite-utils's Database does to the connection it is given: the connection that
        # made the register goes on writing to it, the same whichever way it was made.
        connection.execute("PRAGMA recursive_triggers = on")
        if current >= to:
            return
    # sqlite-utils is only needed to change the schema; reading never imports it.
    db = _schema_tool().Database(connection, execute_plugins=False)

    for version in range(current + 1, to + 1):
        with transaction(connection, path):
            # Another process may have migrated while this one waited for the write lock
            # (two commands opening a new register at once): read the version again under it.
            if schema_version(connection) >= version:
                continue
            MIGRATIONS[version - 1](db)
            connection.execute(f"PRAGMA user_version = {version}")
