"""The queries a large register answers often are answered from indexes.

SQLite's plan does not depend on how many rows there are (no ANALYZE statistics are kept), so a
small register shows the plan a million-row one gets. What a plan must not hold is a scan of the
decisions table or of reportings without an index, nor a lookup of reportings that reads the
table rather than an index alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from delreg.model import Decision, Meeting
from delreg.store import DecisionQuery, OpenMode, Store
from delreg.store.decisions import decisions_sql

QUERIES = {
    "list --limit 20": DecisionQuery(limit=20),
    "list --search": DecisionQuery(search="ultraljud"),
    "report --month": DecisionQuery(since="2024-01-01", until="2024-01-31", newest_first=False),
    "list --kind --since": DecisionQuery(kind="kontrakt", since="2024-01-01"),
    "list --procurement": DecisionQuery(procurement_number="MT 2023-0043"),
    "list --meeting": DecisionQuery(meeting="2024-02-15"),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("plans") / "r.db"
    opened = Store.open(path, mode=OpenMode.CREATE)
    opened.add(
        Decision(
            "23RS710",
            "kontrakt",
            "ultraljudsutrustning",
            procurement_number="MT 2023-0043",
            decided_on="2024-01-10",
        )
    )
    opened.add_meeting(Meeting("2024-02-15"))
    opened.mark_reported(["23RS710"], Meeting("2024-02-15"))
    yield opened
    opened.close()


@pytest.mark.parametrize("name", QUERIES)
def test_listings_and_reports_read_through_indexes(store: Store, name: str) -> None:
    sql, parameters = decisions_sql(QUERIES[name])
    plan = [row[3] for row in store.connection.execute("EXPLAIN QUERY PLAN " + sql, parameters)]
    for step in plan:
        assert not step.startswith(("SCAN d", "SCAN r", "SCAN reportings")) or "INDEX" in step, (
            name,
            plan,
        )
    # Where each decision was reported: from the index alone, never the table.
    lookups = [step for step in plan if step.startswith("SEARCH r ") and "decision_id=" in step]
    assert lookups and all("COVERING INDEX" in step for step in lookups), plan
    assert store.connection.execute(sql, parameters).fetchall()
