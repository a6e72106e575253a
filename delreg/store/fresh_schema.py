"""A brand-new register's schema made in one step, the same file the migrations make.

The migrations (delreg.store.schema) change a register's schema one version at a time through
sqlite-utils, which looks the schema over before each change. On an empty file that is 0.05 s
of importing sqlite-utils and a few hundred statements of looking, for the same few dozen
statements each time. These are those statements, in the migrations' order, one tuple per
migration, as sqlite-utils writes them (its names, its spacing: SQLite keeps each
``CREATE`` as written). Run in one transaction on an empty file they make the register the
migrations make page for page, down to the pages each table and index starts on and the
schema's change counter (tests/store/test_fresh_schema.py). Only what changes an empty file
is kept: copying or updating the rows of a table that has none does nothing.

Append-only like the migrations: a migration added later runs after these as usual.
"""

from __future__ import annotations

import sqlite3

# The report views, as _add_report_views makes them (its own statements, shared).
REPORT_VIEWS = (
    """
        CREATE VIEW IF NOT EXISTS decisions_per_month AS
        SELECT substr(decided_on, 1, 7) AS month, kind, count(*) AS decisions
        FROM decisions WHERE deleted_at IS NULL AND decided_on IS NOT NULL
        GROUP BY month, kind
        """,
    """
        CREATE VIEW IF NOT EXISTS reported_decisions AS
        SELECT meetings.date AS meeting, meetings.board, reportings.item,
               decisions.diary_number, decisions.kind, decisions.subject
        FROM reportings
        JOIN meetings ON meetings.id = reportings.meeting_id
        JOIN decisions ON decisions.id = reportings.decision_id
        WHERE decisions.deleted_at IS NULL
        """,
)

STEPS: tuple[tuple[str, ...], ...] = (
    # _create_base_tables
    (
        """CREATE TABLE "kinds" (
   "name" TEXT PRIMARY KEY,
   "label" TEXT NOT NULL
)""",
        """CREATE TABLE "meetings" (
   "id" INTEGER PRIMARY KEY,
   "date" TEXT NOT NULL,
   "board" TEXT NOT NULL DEFAULT '',
   "paragraph" INTEGER,
   "adjusted_on" TEXT,
   "posted_on" TEXT
)""",
        """CREATE UNIQUE INDEX "idx_meetings_date_board"
    ON "meetings" ("date", "board")""",
        """CREATE TABLE "decisions" (
   "id" INTEGER PRIMARY KEY,
   "diary_number" TEXT NOT NULL,
   "kind" TEXT NOT NULL REFERENCES "kinds"("name"),
   "procurement_number" TEXT,
   "subject" TEXT NOT NULL,
   "parties" TEXT NOT NULL DEFAULT '[]',
   "delegate" TEXT,
   "decided_on" TEXT,
   "notified_on" TEXT,
   "notified_by" TEXT,
   "standstill_days" INTEGER,
   "secret" INTEGER NOT NULL DEFAULT 0,
   "secret_reason" TEXT,
   "delegation_point" TEXT,
   "amount" INTEGER,
   "wording" TEXT,
   "source" TEXT,
   "created_at" TEXT NOT NULL,
   "updated_at" TEXT,
   "deleted_at" TEXT
)""",
        """CREATE UNIQUE INDEX "idx_decisions_diary_number"
    ON "decisions" ("diary_number")""",
        """CREATE INDEX "idx_decisions_decided_on"
    ON "decisions" ("decided_on")""",
        """CREATE INDEX "idx_decisions_procurement_number"
    ON "decisions" ("procurement_number")""",
        """CREATE INDEX "idx_decisions_kind_decided_on"
    ON "decisions" ("kind", "decided_on")""",
        """CREATE TABLE "reportings" (
   "decision_id" INTEGER REFERENCES "decisions"("id"),
   "meeting_id" INTEGER REFERENCES "meetings"("id"),
   "item" INTEGER NOT NULL,
   PRIMARY KEY ("decision_id", "meeting_id")
)""",
        """CREATE UNIQUE INDEX "idx_reportings_meeting_id_item"
    ON "reportings" ("meeting_id", "item")""",
        """CREATE TABLE "notices" (
   "id" INTEGER PRIMARY KEY,
   "meeting_id" INTEGER REFERENCES "meetings"("id"),
   "position" INTEGER,
   "text" TEXT NOT NULL,
   "date" TEXT,
   "source" TEXT
)""",
        """CREATE UNIQUE INDEX "idx_notices_meeting_id_position"
    ON "notices" ("meeting_id", "position")""",
        """CREATE TABLE "events" (
   "id" INTEGER PRIMARY KEY,
   "at" TEXT NOT NULL,
   "user" TEXT,
   "action" TEXT NOT NULL,
   "diary_number" TEXT,
   "old" TEXT,
   "new" TEXT,
   "command" TEXT
)""",
        """CREATE INDEX "idx_events_diary_number"
    ON "events" ("diary_number")""",
    ),
    # _add_full_text_search
    (
        """CREATE VIRTUAL TABLE "decisions_fts" USING FTS5 (
    "diary_number", "procurement_number", "subject", "parties",
    tokenize='unicode61 remove_diacritics 2',
    content="decisions"
)""",
        """CREATE TRIGGER "decisions_ai" AFTER INSERT ON "decisions" BEGIN
  INSERT INTO "decisions_fts" (rowid, "diary_number", "procurement_number", "subject", "parties") VALUES (new.rowid, new."diary_number", new."procurement_number", new."subject", new."parties");
END""",  # noqa: E501 - as sqlite-utils writes it
        """CREATE TRIGGER "decisions_ad" AFTER DELETE ON "decisions" BEGIN
  INSERT INTO "decisions_fts" ("decisions_fts", rowid, "diary_number", "procurement_number", "subject", "parties") VALUES('delete', old.rowid, old."diary_number", old."procurement_number", old."subject", old."parties");
END""",  # noqa: E501 - as sqlite-utils writes it
        """CREATE TRIGGER "decisions_au" AFTER UPDATE ON "decisions" BEGIN
  INSERT INTO "decisions_fts" ("decisions_fts", rowid, "diary_number", "procurement_number", "subject", "parties") VALUES('delete', old.rowid, old."diary_number", old."procurement_number", old."subject", old."parties");
  INSERT INTO "decisions_fts" (rowid, "diary_number", "procurement_number", "subject", "parties") VALUES (new.rowid, new."diary_number", new."procurement_number", new."subject", new."parties");
END""",  # noqa: E501 - as sqlite-utils writes it
    ),
    # _add_report_views
    REPORT_VIEWS,
    # _add_compliance_tables
    (
        """CREATE TABLE "acknowledgements" (
   "id" INTEGER PRIMARY KEY,
   "rule" TEXT NOT NULL,
   "diary_number" TEXT NOT NULL,
   "reason" TEXT NOT NULL,
   "at" TEXT NOT NULL,
   "user" TEXT
)""",
        """CREATE UNIQUE INDEX "idx_acknowledgements_rule_diary_number"
    ON "acknowledgements" ("rule", "diary_number")""",
        """CREATE TABLE "delegation_orders" (
   "id" INTEGER PRIMARY KEY,
   "loaded_at" TEXT NOT NULL,
   "user" TEXT,
   "source" TEXT,
   "board" TEXT,
   "adopted" TEXT,
   "points" INTEGER NOT NULL
)""",
        """CREATE TABLE "delegation_points" (
   "id" INTEGER PRIMARY KEY,
   "point" TEXT NOT NULL,
   "matter" TEXT NOT NULL,
   "kinds" TEXT NOT NULL DEFAULT '[]',
   "delegate" TEXT NOT NULL,
   "substitutes" TEXT NOT NULL DEFAULT '[]',
   "limit_amount" TEXT,
   "limit_unit" TEXT,
   "valid_from" TEXT,
   "valid_to" TEXT,
   "line" INTEGER
)""",
        """CREATE INDEX "idx_delegation_points_point"
    ON "delegation_points" ("point")""",
    ),
    # _add_reporting_lookup_index
    (
        """CREATE INDEX IF NOT EXISTS "idx_reportings_decision_id_meeting_id_item"
    ON "reportings" ("decision_id", "meeting_id", "item")""",
    ),
    # _chain_the_history
    ("ALTER TABLE events ADD COLUMN hash TEXT",),
    # _add_contract_dates_and_appeals
    (
        'ALTER TABLE "decisions" ADD COLUMN "valid_from" TEXT',
        'ALTER TABLE "decisions" ADD COLUMN "valid_to" TEXT',
        'ALTER TABLE "decisions" ADD COLUMN "extension_until" TEXT',
        'ALTER TABLE "decisions" ADD COLUMN "notice_by" TEXT',
        """CREATE INDEX IF NOT EXISTS "idx_decisions_notice_by"
    ON "decisions" ("notice_by")""",
        """CREATE TABLE "appeals" (
   "id" INTEGER PRIMARY KEY,
   "decision_id" INTEGER NOT NULL REFERENCES "decisions"("id"),
   "lodged_on" TEXT NOT NULL,
   "court" TEXT,
   "reference" TEXT,
   "decided_on" TEXT,
   "outcome" TEXT,
   "created_at" TEXT NOT NULL,
   "updated_at" TEXT
)""",
        """CREATE INDEX "idx_appeals_decision_id_lodged_on"
    ON "appeals" ("decision_id", "lodged_on")""",
    ),
    # _add_boards
    (
        """CREATE TABLE "boards" (
   "code" TEXT PRIMARY KEY,
   "name" TEXT NOT NULL,
   "delegate" TEXT,
   "created_at" TEXT NOT NULL
)""",
        """CREATE UNIQUE INDEX "idx_boards_name"
    ON "boards" ("name")""",
        "ALTER TABLE decisions ADD COLUMN board TEXT REFERENCES boards(code)",
        """CREATE INDEX "idx_decisions_board_decided_on"
    ON "decisions" ("board", "decided_on")""",
    ),
    # _drop_the_board_index
    ("DROP INDEX IF EXISTS idx_decisions_board_decided_on",),
    # _add_delegation_history
    (
        'ALTER TABLE "delegation_orders" ADD COLUMN "valid_from" TEXT',
        'ALTER TABLE "delegation_orders" ADD COLUMN "valid_to" TEXT',
        'ALTER TABLE "delegation_orders" ADD COLUMN "name" TEXT',
        'ALTER TABLE "delegation_orders" ADD COLUMN "replaced_at" TEXT',
        'ALTER TABLE "delegation_points" ADD COLUMN "order_id" INTEGER',
        """CREATE TABLE "delegation_points_new" (
   "id" INTEGER PRIMARY KEY,
   "point" TEXT NOT NULL,
   "matter" TEXT NOT NULL,
   "kinds" TEXT NOT NULL DEFAULT '[]',
   "delegate" TEXT NOT NULL,
   "substitutes" TEXT NOT NULL DEFAULT '[]',
   "limit_amount" TEXT,
   "limit_unit" TEXT,
   "valid_from" TEXT,
   "valid_to" TEXT,
   "line" INTEGER,
   "order_id" INTEGER REFERENCES "delegation_orders"("id")
)""",
        'DROP TABLE "delegation_points"',
        "PRAGMA legacy_alter_table=ON",
        'ALTER TABLE "delegation_points_new" RENAME TO "delegation_points"',
        "PRAGMA legacy_alter_table=OFF",
        """CREATE INDEX "idx_delegation_points_point"
    ON "delegation_points" ("point")""",
        'ALTER TABLE "delegation_points" ADD COLUMN "pass_on" INTEGER NOT NULL DEFAULT 0',
        """CREATE INDEX "idx_delegation_points_order_id"
    ON "delegation_points" ("order_id")""",
        """CREATE INDEX "idx_delegation_orders_board_valid_from"
    ON "delegation_orders" ("board", "valid_from")""",
        """CREATE TABLE "delegation_passes" (
   "id" INTEGER PRIMARY KEY,
   "board" TEXT NOT NULL DEFAULT '',
   "point" TEXT NOT NULL,
   "passed_by" TEXT NOT NULL,
   "passed_to" TEXT NOT NULL,
   "valid_from" TEXT NOT NULL,
   "valid_to" TEXT,
   "limit_amount" TEXT,
   "limit_unit" TEXT,
   "rests_on" INTEGER REFERENCES "delegation_passes"("id"),
   "created_at" TEXT NOT NULL,
   "user" TEXT,
   "withdrawn_at" TEXT
)""",
        """CREATE INDEX "idx_delegation_passes_board_point"
    ON "delegation_passes" ("board", "point")""",
    ),
    # _add_import_marks
    (
        """CREATE TABLE "import_marks" (
   "key" TEXT PRIMARY KEY,
   "state" TEXT NOT NULL,
   "outcome" TEXT NOT NULL,
   "at" TEXT NOT NULL
)""",
    ),
)
# The schema version these statements make.
FRESH_VERSION = len(STEPS)


def make_fresh(connection: sqlite3.Connection) -> None:
    """The schema of version FRESH_VERSION on an empty file, inside the caller's transaction."""
    for step in STEPS:
        for statement in step:
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {FRESH_VERSION}")
