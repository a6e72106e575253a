"""The one list of a decision's fields (delreg.model.FIELDS) and what derives from it.

Migrations stay append-only and are never generated from the list, so these tests hold the
schema they build and the list to each other: a field added to one and not the other fails here.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from delreg.config import load_config
from delreg.model import DECISION_FIELDS, FIELDS, Decision
from delreg.public import (
    INTERNAL_FIELDS,
    PUBLISHED_FIELDS,
    public_view,
    published_json,
    without_internal,
)
from delreg.store import OpenMode, Store
from delreg.store.columns import STORED_FIELDS
from delreg.store.connection import connect, create_private_file
from delreg.store.schema import migrate

# Columns of the decisions table that are the register's own bookkeeping, not a field.
BOOKKEEPING = {"id", "created_at", "updated_at", "deleted_at"}

# Every field filled, as a secretary might have filled it for a contract award.
EVERY_FIELD = Decision(
    diary_number="RS 2024/1187",
    kind="tilldelningsbeslut",
    subject="ramavtal för rullstolar till hjälpmedelscentralen",
    procurement_number="MT 2024-0031",
    parties=("Rörelse & Hjälpmedel AB", "Nordiska Rullstolar, filial Sverige"),
    delegate="upphandlingschef",
    decided_on="2024-03-04",
    notified_on="2024-03-05",
    notified_by="post",
    standstill_days=15,
    secret=True,
    secret_reason="OSL 19 kap. 3 §",
    delegation_point="7.2",
    amount=4_250_000,
    wording="Tilldelning ramavtal rullstolar, se bilaga",
    meeting="2024-03-21",
    item=4,
    source="/home/sekreterare/diarium-mars.csv:12",
    valid_from="2024-05-01",
    valid_to="2026-04-30",
    extension_until="2028-04-30",
    notice_by="2025-10-31",
    board="HSN",
)


def _columns(connection: sqlite3.Connection) -> dict[str, tuple[str, bool]]:
    rows = connection.execute("PRAGMA table_info(decisions)").fetchall()
    return {row[1]: (row[2], bool(row[3])) for row in rows if row[1] not in BOOKKEEPING}


def _expected_columns() -> dict[str, tuple[str, bool]]:
    return {
        spec.name: ("INTEGER" if spec.value_type in ("number", "flag") else "TEXT", spec.required)
        for spec in FIELDS
        if spec.stored
    }


def test_the_list_is_the_decisions_attributes_in_their_order() -> None:
    attributes = [f.name for f in dataclasses.fields(Decision) if f.name != "deleted"]
    assert list(DECISION_FIELDS) == attributes
    assert list(EVERY_FIELD.to_json()) == attributes


def test_a_new_register_has_a_column_for_every_stored_field_and_no_other(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(path, mode=OpenMode.CREATE):
        pass
    connection = sqlite3.connect(path)
    try:
        assert _columns(connection) == _expected_columns()
    finally:
        connection.close()
    assert set(STORED_FIELDS) == {spec.name for spec in FIELDS if spec.stored}


def test_a_register_upgraded_from_the_first_schema_has_the_same_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    create_private_file(path)
    connection = connect(path)
    try:
        migrate(connection, path, to=1)
        migrate(connection, path)
        assert _columns(connection) == _expected_columns()
    finally:
        connection.close()


def test_every_field_comes_back_from_the_register_as_it_went_in(database: Path) -> None:
    with Store.open(database, mode=OpenMode.CREATE) as store:
        # Where it was reported is the register's to say, not the decision's: not stored.
        unreported = dataclasses.replace(EVERY_FIELD, meeting=None, item=None)
        store.add(unreported)
        assert store.get(unreported.diary_number) == unreported
        # The history keeps every stored field by its JSON key.
        (event,) = store.history(unreported.diary_number)
    assert event.new is not None
    assert set(event.new) == set(STORED_FIELDS)


def test_the_public_view_keeps_only_what_the_list_shows_of_a_secret_decision() -> None:
    config = load_config(None)
    shown = public_view(EVERY_FIELD, config)
    empty = Decision(diary_number="-", kind="-", subject="-")
    for spec in FIELDS:
        value = getattr(shown, spec.name)
        if spec.name == "subject":
            assert value == config.secret_text
        elif spec.shown_when_secret:
            assert value == getattr(EVERY_FIELD, spec.name), spec.name
        else:
            assert value == getattr(empty, spec.name), spec.name


@pytest.mark.parametrize("secret", [True, False])
def test_published_data_never_carries_an_internal_field(secret: bool) -> None:
    config = load_config(None)
    decision = dataclasses.replace(EVERY_FIELD, secret=secret, secret_reason=None)
    published = published_json(decision, config)
    assert list(published) == list(PUBLISHED_FIELDS)
    for spec in FIELDS:
        if spec.internal and spec.contract:
            # Kept as null, so a script written against `list --format json` reads it unchanged.
            assert published[spec.name] is None
        elif spec.internal:
            assert spec.name not in published
        else:
            assert spec.name in published
    cleared = without_internal(decision)
    assert all(getattr(cleared, name) is None for name in INTERNAL_FIELDS)
