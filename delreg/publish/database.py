"""The public SQLite file (``delreg.db``): the public register as tables Datasette serves.

Built afresh in a temporary file each time, in one fixed order, so the same register gives the
same bytes. Real foreign keys, lookup tables with a label, a full-text index and views for the
questions people ask. The full-text index uses SQLite's trigram tokenizer: Datasette's search
box quotes what is typed, and a quoted trigram query finds it anywhere in a word, so
``ultraljud`` finds ``ultraljudsutrustning`` (and ``utrustning`` finds it too); a word needs at
least three letters.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from delreg.config import Config
from delreg.publish import paths
from delreg.publish.settings import PublishSettings
from delreg.publish.snapshot import PublicRegister

SCHEMA = """
CREATE TABLE kinds (
    name TEXT PRIMARY KEY,
    label TEXT NOT NULL
);
CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    board TEXT NOT NULL,
    paragraph INTEGER,
    adjusted_on TEXT,
    posted_on TEXT,
    appeal_ends_on TEXT,
    decisions INTEGER NOT NULL,
    page TEXT NOT NULL,
    UNIQUE (date, board)
);
CREATE TABLE procurements (
    number TEXT PRIMARY KEY,
    first_decided_on TEXT,
    last_decided_on TEXT,
    decisions INTEGER NOT NULL,
    page TEXT NOT NULL
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    diary_number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL REFERENCES kinds (name),
    procurement_number TEXT REFERENCES procurements (number),
    subject TEXT NOT NULL,
    parties TEXT NOT NULL,
    delegate TEXT,
    decided_on TEXT,
    notified_on TEXT,
    standstill_ends_on TEXT,
    secret INTEGER NOT NULL,
    amount INTEGER,
    delegation_point TEXT,
    meeting TEXT,
    item INTEGER,
    meeting_id TEXT REFERENCES meetings (id),
    sentence TEXT NOT NULL,
    page TEXT NOT NULL
);
CREATE INDEX decisions_decided_on ON decisions (decided_on);
CREATE INDEX decisions_kind ON decisions (kind, decided_on);
CREATE INDEX decisions_procurement ON decisions (procurement_number);
CREATE INDEX decisions_meeting ON decisions (meeting_id, item);
CREATE TABLE reportings (
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    item INTEGER NOT NULL,
    PRIMARY KEY (decision_id, meeting_id)
);
CREATE INDEX reportings_meeting ON reportings (meeting_id, item);
CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    position INTEGER,
    text TEXT NOT NULL,
    date TEXT
);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    fields TEXT NOT NULL
);
CREATE INDEX history_decision ON history (decision_id);
CREATE VIRTUAL TABLE decisions_fts USING fts5 (
    diary_number, procurement_number, subject, parties,
    content = 'decisions', content_rowid = 'id', tokenize = 'trigram'
);
CREATE VIEW decisions_per_month AS
    SELECT substr(decided_on, 1, 7) AS month, kind, count(*) AS decisions
    FROM decisions WHERE decided_on IS NOT NULL GROUP BY month, kind;
CREATE VIEW decisions_per_kind AS
    SELECT kinds.name AS kind, kinds.label, count(decisions.id) AS decisions
    FROM kinds LEFT JOIN decisions ON decisions.kind = kinds.name GROUP BY kinds.name;
CREATE VIEW decisions_per_party AS
    SELECT party.value AS party, count(*) AS decisions,
           min(decisions.decided_on) AS first_decided_on,
           max(decisions.decided_on) AS last_decided_on
    FROM decisions, json_each(decisions.parties) AS party GROUP BY party.value;
CREATE VIEW latest_decisions AS
    SELECT diary_number, kind, decided_on, subject, parties, meeting, item
    FROM decisions ORDER BY decided_on DESC, diary_number DESC LIMIT 100;
CREATE VIEW appeal_deadlines AS
    SELECT date AS meeting, board, posted_on, appeal_ends_on, decisions
    FROM meetings WHERE appeal_ends_on IS NOT NULL ORDER BY appeal_ends_on DESC;
CREATE VIEW procurement_chains AS
    SELECT procurement_number, decided_on, kind, diary_number, notified_on, standstill_ends_on,
           subject
    FROM decisions WHERE procurement_number IS NOT NULL
    ORDER BY procurement_number, decided_on, id;
"""


def files(
    register: PublicRegister, settings: PublishSettings, config: Config
) -> Iterator[tuple[str, bytes]]:
    with tempfile.TemporaryDirectory(prefix="delreg-publish-") as folder:
        path = Path(folder) / paths.DATABASE
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("BEGIN")
            _create(connection)
            _fill(connection, register)
            connection.execute("INSERT INTO decisions_fts (decisions_fts) VALUES ('rebuild')")
            connection.execute("INSERT INTO decisions_fts (decisions_fts) VALUES ('optimize')")
            problems = connection.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # a broken reference is a bug here, never the user's input
                raise AssertionError(f"public database: foreign key problems {problems[:5]}")
            connection.execute("COMMIT")
        finally:
            connection.close()
        payload = path.read_bytes()
    yield paths.DATABASE, payload


def _create(connection: sqlite3.Connection) -> None:
    # executescript would commit the open transaction first; one statement at a time keeps
    # the whole file one transaction.
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)


def _fill(connection: sqlite3.Connection, register: PublicRegister) -> None:
    used_kinds = {decision.decision.kind for decision in register.decisions}
    kinds = {**{kind: kind for kind in used_kinds}, **register.kinds}
    connection.executemany("INSERT INTO kinds (name, label) VALUES (?, ?)", sorted(kinds.items()))
    meeting_ids: dict[tuple[str, str], str] = {}
    counts: dict[tuple[str, str], int] = {}
    for reporting in register.reportings:
        key = (reporting.meeting, reporting.board)
        counts[key] = counts.get(key, 0) + 1
    for shown in register.meetings:
        meeting = shown.meeting
        page = paths.meeting_page(meeting)
        meeting_id = page.rsplit("/", 1)[1].removesuffix(".html")
        meeting_ids[(meeting.date, meeting.board)] = meeting_id
        connection.execute(
            "INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                meeting_id,
                meeting.date,
                shown.board,
                meeting.paragraph,
                meeting.adjusted_on,
                meeting.posted_on,
                shown.appeal_ends_on,
                counts.get((meeting.date, meeting.board), 0),
                page,
            ),
        )
    for procurement in register.procurements:
        dates = [d.decision.decided_on for d in procurement.decisions if d.decision.decided_on]
        connection.execute(
            "INSERT INTO procurements VALUES (?, ?, ?, ?, ?)",
            (
                procurement.number,
                min(dates, default=None),
                max(dates, default=None),
                len(procurement.decisions),
                paths.procurement_page(procurement.number),
            ),
        )
    first_meeting: dict[str, tuple[str, str]] = {}
    for reporting in register.reportings:
        first_meeting.setdefault(reporting.diary_number, (reporting.meeting, reporting.board))
    ids: dict[str, int] = {}
    for number, shown_decision in enumerate(register.decisions, start=1):
        decision = shown_decision.decision
        ids[decision.diary_number] = number
        where = first_meeting.get(decision.diary_number)
        connection.execute(
            "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                decision.diary_number,
                decision.kind,
                decision.procurement_number,
                decision.subject,
                json.dumps(list(decision.parties), ensure_ascii=False),
                decision.delegate,
                decision.decided_on,
                decision.notified_on,
                shown_decision.standstill_ends_on,
                int(decision.secret),
                decision.amount,
                decision.delegation_point,
                decision.meeting,
                decision.item,
                meeting_ids.get(where) if where else None,
                shown_decision.sentence,
                paths.decision_page(decision.diary_number),
            ),
        )
    connection.executemany(
        "INSERT INTO reportings VALUES (?, ?, ?)",
        [
            (ids[r.diary_number], meeting_ids[(r.meeting, r.board)], r.item)
            for r in register.reportings
            if r.diary_number in ids
        ],
    )
    for shown in register.meetings:
        meeting_id = meeting_ids[(shown.meeting.date, shown.meeting.board)]
        connection.executemany(
            "INSERT INTO notices (meeting_id, position, text, date) VALUES (?, ?, ?, ?)",
            [(meeting_id, n.position, n.text, n.date) for n in shown.notices],
        )
    connection.executemany(
        "INSERT INTO history (decision_id, at, action, fields) VALUES (?, ?, ?, ?)",
        [
            (ids[change.diary_number], change.at, change.action, ", ".join(change.fields))
            for change in register.history
        ],
    )
