"""The period report's JSON made straight from the rows (delreg.report.period_json) is, byte for
byte, the report built and rendered the plain way, on real registers: the example register with
an agenda's wording, secrets and an appeal; rows an older delreg wrote; several boards; and
decisions of any text hypothesis thinks of."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from delreg.cli.environment import Environment
from delreg.cli.report_json import deliver
from delreg.config import Config, load_config
from delreg.model import Decision
from delreg.parse.forked import fork_is_sound
from delreg.report import period_json as period_json_module
from delreg.report.build import period_report
from delreg.report.formats import render
from delreg.report.json_layout import json_text
from delreg.report.period_json import _parties_read, period_json, shared_period_json
from delreg.store import OpenMode, Store
from delreg.store.appeals import status_book
from delreg.store.columns import DamagedValue, parties_of
from tests.helpers import DATA, Invoke
from tests.helpers.reports import MEETING, NEXT_MEETING, build_example, build_imported_example

CONFIG = load_config()

# A helper is forked only where that is sound (Linux, a second core, no thread running).
needs_a_helper = pytest.mark.skipif(not fork_is_sound(), reason="no helper can be forked here")

PERIODS = (
    ("2024-01-01", "2024-01-31"),
    ("2024-02-01", "2024-02-29"),
    # Halved between the days hypothesis' decisions fall on (tests/report/test_period_json.py).
    ("2024-01-01", "2024-01-04"),
    ("2024-01-02", "2024-01-03"),
    (None, "2024-02-29"),
    ("2023-01-01", None),
)


def plain(store: Store, since: str | None, until: str | None, **options: object) -> bytes:
    public = bool(options.get("public", False))
    board = options.get("board")
    assert board is None or isinstance(board, str)
    made = period_report(store, since, until, CONFIG, public=public, board=board)
    return render(made, "json", CONFIG, status=status_book(store, CONFIG).report_status)


def fast(store: Store, since: str | None, until: str | None, **options: object) -> bytes:
    public = bool(options.get("public", False))
    board = options.get("board")
    assert board is None or isinstance(board, str)
    book = status_book(store, CONFIG)
    return b"".join(period_json(store, since, until, CONFIG, book, public=public, board=board))


def shared(database: Path, since: str | None, until: str | None, **options: object) -> bytes:
    """The report as the command line makes it: --board as given, and where the period has two
    days or more, its later half made by a forked helper."""
    public = bool(options.get("public", False))
    board = options.get("board")
    assert board is None or isinstance(board, str)
    return b"".join(
        shared_period_json(
            database,
            lambda: Store.open(database, mode=OpenMode.EXISTING),
            since,
            until,
            CONFIG,
            public=public,
            board=board,
            helper=True,
        )
    )


def assert_same_reports(database: Path, config: Config = CONFIG, board: str | None = None) -> None:
    with Store.open(database, mode=OpenMode.EXISTING) as store:
        code = store.boards().for_reading(board, CONFIG.board)
        for since, until in PERIODS:
            for public in (False, True):
                expected = plain(store, since, until, public=public, board=board)
                assert fast(store, since, until, public=public, board=board) == expected
                # The board as --board names it, read from the register.
                made = shared(database, since, until, public=public, board=board)
                assert made == fast(store, since, until, public=public, board=code)


def test_the_example_register_reads_the_same_both_ways(delreg: Invoke, database: Path) -> None:
    build_example(delreg)
    for step in (
        ["import", str(DATA / "example-agenda.txt"), "--meeting", MEETING],
        ["import", str(DATA / "example-diarium.csv")],
        ["appeal", "24RS278", "--lodged-on", "2024-03-01", "--court", "Förvaltningsrätten"],
    ):
        result = delreg(*step)
        assert result.exit_code == 0, (step, result.stderr)
    assert_same_reports(database)
    with Store.open(database, mode=OpenMode.EXISTING) as store:
        report = fast(store, "2024-01-01", "2024-02-29")
        expected = {
            public: plain(store, "2024-01-01", "2024-02-29", public=public)
            for public in (False, True)
        }
    # The example holds what the fast path must get right: the board's wording, a secret
    # decision, a reported one and one with an appeal.
    assert b'"wording": "' in report and b'"secret": true' in report
    assert (
        b'"meeting": "2024-02-15"' in report and '"court": "Förvaltningsrätten"'.encode() in report
    )
    # And the command line writes it.
    for public in (False, True):
        shown = delreg("report", "--since", "2024-01-01", "--until", "2024-02-29",
                       "--format", "json", *(["--public"] if public else []))  # fmt: skip
        assert shown.exit_code == 0, shown.stderr
        assert shown.stdout.encode() == expected[public]


def test_rows_an_older_delreg_wrote_read_the_same(delreg: Invoke, database: Path) -> None:
    build_example(delreg)
    # Rows from before the secrecy rule held at every door (a reason beside secret = 0, one
    # of them blank only to Python), a kind no configuration names, text with what JSON
    # escapes, and an amount beyond 32 bits.
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("INSERT OR IGNORE INTO kinds (name, label) VALUES ('hyra', 'hyra')")
        connection.executemany(
            "UPDATE decisions SET secret = 0, secret_reason = ?, kind = ?, subject = ?, "
            "amount = ?, notified_on = ?, standstill_days = ? WHERE diary_number = ?",
            [
                ("OSL 31:16", "avtal", "avtal om \"hyra\" \\ lokal\n\tvåning 2", 1, None, None,
                 "24RS278"),
                ("\u00a0", "hyra", "lokal\u2028hyra \x01\x1f ✓", 2**40, "2024-01-20", 20,
                 "23RS764"),
                ("  ", "tilldelningsbeslut", "  ", None, "2024-01-19", None, "24RS611"),
            ],
        )  # fmt: skip
    assert_same_reports(database)


def test_rows_sqlite_cannot_write_as_python_does_read_the_same(
    delreg: Invoke, database: Path
) -> None:
    # What SQLite hands over as NULL, or in more than one row, for Python to make the plain
    # way: each on a decision of its own, beside decisions it writes itself.
    build_imported_example(delreg)
    with closing(sqlite3.connect(database)) as connection, connection:
        ids = [
            identity
            for (identity,) in connection.execute(
                "SELECT id FROM decisions WHERE decided_on BETWEEN '2023-01-01' AND '2024-02-29'"
                " ORDER BY decided_on DESC"
            )
        ]
        assert len(ids) >= 9
        meetings = dict(connection.execute("SELECT date, id FROM meetings"))
        # Reported at a second meeting; reported at a meeting the register no longer holds.
        connection.execute(
            "INSERT INTO reportings (decision_id, meeting_id, item) VALUES (?, ?, 99)",
            [ids[0], meetings[NEXT_MEETING]],
        )
        connection.execute("DELETE FROM reportings WHERE decision_id = ?", [ids[1]])
        connection.execute(
            "INSERT INTO reportings (decision_id, meeting_id, item) VALUES (?, 4242, 1)", [ids[1]]
        )
        # Parties, amounts and a secret flag as delreg never writes them.
        connection.executemany(
            "UPDATE decisions SET parties = ? WHERE id = ?",
            [('["Acme AB","Region Örebro län"]', ids[2]), ('["\\u00c5ke Bygg AB"]', ids[3])],
        )
        connection.executemany(
            "UPDATE decisions SET amount = ? WHERE id = ?", [(2.5, ids[4]), ("12 kr", ids[5])]
        )
        connection.execute("UPDATE decisions SET secret = 'nej' WHERE id = ?", [ids[6]])
        assert connection.execute(
            "SELECT count(*) FROM decisions WHERE typeof(amount) IN ('real', 'text')"
        ).fetchone() == (2,)
    assert_same_reports(database)
    with Store.open(database, mode=OpenMode.EXISTING) as store:
        report = fast(store, "2024-01-01", "2024-02-29")
    assert b'"amount": 2.5' in report and '"parties": ["Åke Bygg AB"]'.encode() in report


def test_a_boards_report_is_headed_by_its_name_the_same_both_ways(
    delreg: Invoke, database: Path
) -> None:
    build_example(delreg)
    for step in (
        ["boards", "add", "RS", "--name", "Regionstyrelsen"],
        ["add", "--kind", "beslut", "--diary-number", "24RS999", "--subject", "lokaler",
         "--decided-on", "2024-01-10", "--board", "RS"],
    ):  # fmt: skip
        result = delreg(*step)
        assert result.exit_code == 0, (step, result.stderr)
    assert_same_reports(database, board="RS")
    with Store.open(database, mode=OpenMode.EXISTING) as store:
        assert b'"board": "Regionstyrelsen"' in fast(store, "2024-01-01", "2024-01-31", board="RS")


def test_the_json_reaches_standard_output_in_any_encoding() -> None:
    # UTF-8 goes to the stream's bytes as it is; any other stream gets the text to encode.
    for stream in (
        io.StringIO(),
        io.TextIOWrapper(io.BytesIO(), encoding="utf-8"),
        io.TextIOWrapper(io.BytesIO(), encoding="utf-16"),
    ):
        stream.write("{")
        deliver(Environment(stdout=stream), '"å ć"}\n'.encode(), None, binary=False)
        stream.flush()
        if isinstance(stream, io.TextIOWrapper):
            assert isinstance(stream.buffer, io.BytesIO)
            written = stream.buffer.getvalue().decode(stream.encoding)
        else:
            written = stream.getvalue()
        assert written == '{"å ć"}\n', stream


# Any text, with what JSON escapes (a quote, a backslash, a control character) made common.
_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from('"\\\x01\n'), max_size=12)
_DAY = st.dates().map(lambda day: day.isoformat())
# Few days, so that decisions share one and are ordered by their diary numbers.
_JANUARY = st.integers(1, 3).map(lambda day: f"2024-01-{day:02d}")
_SHAPES = ("24RS{}", "23RS{}", "RS 2023/{}")


@st.composite
def decisions(draw: st.DrawFn) -> list[Decision]:
    count = draw(st.integers(1, 6))
    made = []
    # Added in any order, in any of the diary numbers' shapes.
    for serial in draw(st.permutations(range(1, count + 1))):
        made.append(
            Decision(
                draw(st.sampled_from(_SHAPES)).format(serial),
                draw(st.sampled_from(("beslut", "avtal", "tilldelningsbeslut", "pub-avtal"))),
                draw(_TEXT),
                procurement_number=draw(st.none() | _TEXT),
                parties=tuple(draw(st.lists(_TEXT, max_size=3))),
                delegate=draw(st.none() | _TEXT),
                decided_on=draw(_JANUARY),
                notified_on=draw(st.none() | _DAY),
                notified_by=draw(st.sampled_from((None, "electronic", "post"))),
                standstill_days=draw(st.none() | st.integers(0, 60)),
                secret=draw(st.booleans()),
                secret_reason=draw(st.none() | _TEXT),
                amount=draw(st.none() | st.integers(-(2**62), 2**62)),
                wording=draw(st.none() | _TEXT),
            )
        )
    return made


@settings(max_examples=20, deadline=None)
@given(decisions())
def test_any_decisions_read_the_same_both_ways(made: list[Decision]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "register.db"
        with Store.open(database, mode=OpenMode.CREATE) as store:
            for decision in made:
                store.add(decision)
        assert_same_reports(database)


_NAME = st.text(st.sampled_from('ab ,"\\\n\x7fåć\ud800'), max_size=5) | _TEXT


@settings(max_examples=200)
@given(
    st.lists(_NAME, max_size=3).flatmap(
        lambda names: st.sampled_from(
            [
                json_text(names),
                json.dumps(names),
                json.dumps(names, separators=(",", ":")),
                "; ".join(names),
                json_text(names)[1:],
                '["' + '", "'.join(names) + '"]',
            ]
        )
    )
    | st.text(st.sampled_from('[]", \\a'), max_size=8)
)
@example('["]')
@example('[""]')
@example('["a", "b"]')
@example('["a","b"]')
@example('["a", "b", "c\\""]')
def test_a_parties_column_is_read_as_decoding_it_would(stored: str) -> None:
    # The names of the list, and whether the text is the list's own JSON: as decoding and
    # encoding it again tell, or the same error for what is no list of names.
    try:
        names = parties_of("24RS1", stored)
    except DamagedValue as error:
        with pytest.raises(type(error)):
            _parties_read("24RS1", stored)
        return
    assert _parties_read("24RS1", stored) == (names, json_text(list(names)) == stored)


@needs_a_helper
def test_the_later_half_is_made_by_a_forked_helper(delreg: Invoke, database: Path) -> None:
    build_imported_example(delreg)
    made: list[int] = []
    started = period_json_module._Helper.start

    def start(make: Callable[[], object]) -> period_json_module._Helper | None:
        helper = started(make)
        assert helper is not None
        made.append(os.getpid())
        return helper

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(period_json_module._Helper, "start", start)
        report = shared(database, "2024-01-01", "2024-02-29")
    assert made == [os.getpid()]
    with Store.open(database, mode=OpenMode.EXISTING) as store:
        assert report == fast(store, "2024-01-01", "2024-02-29")
    # Decisions of both halves.
    assert b'"decided_on": "2024-01-' in report and b'"decided_on": "2024-02-' in report


@needs_a_helper
def test_a_change_between_the_two_moments_leaves_the_later_half_to_this_process(
    delreg: Invoke, database: Path
) -> None:
    """The helper read the register before a decision was added in its half; this process
    reads it after: the report is this process's moment's, the helper's half made again."""
    build_imported_example(delreg)
    since, until = "2024-01-01", "2024-02-29"
    middle = period_json_module._middle(since, until)
    assert middle == "2024-01-31"

    def opened() -> Store:
        return Store.open(database, mode=OpenMode.EXISTING)

    helper = period_json_module._Helper.start(
        lambda: period_json_module._later_half(
            opened, middle, until, CONFIG, public=False, board=None
        )
    )
    assert helper is not None
    before = helper.taken()  # all of it read, and the helper ended
    assert before is not None
    with Store.open(database, mode=OpenMode.EXISTING) as store:
        earlier = fast(store, since, until)
    result = delreg("add", "--kind", "beslut", "--diary-number", "24RS4711",
                    "--subject", "Ny lokal", "--decided-on", "2024-02-20")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    report = b"".join(
        period_json_module._with_helper(
            opened, since, until, middle, CONFIG, public=False, board=None, helped=helper
        )
    )
    with Store.open(database, mode=OpenMode.EXISTING) as store:
        assert report == fast(store, since, until) != earlier
    assert b"24RS4711" in report


@needs_a_helper
def test_a_helper_that_fails_or_is_killed_leaves_its_half_to_this_process(
    delreg: Invoke, database: Path
) -> None:
    build_imported_example(delreg)
    since, until = "2024-01-01", "2024-02-29"
    with Store.open(database, mode=OpenMode.EXISTING) as store:
        expected = fast(store, since, until)

    def opened() -> Store:
        return Store.open(database, mode=OpenMode.EXISTING)

    def fails() -> object:
        raise RuntimeError("the helper's work went wrong")

    def never_ends() -> object:
        signal.pause()
        return None

    for make in (fails, never_ends, lambda: ((0, "not this moment"), ({}, 0, set()))):
        helper = period_json_module._Helper.start(make)
        assert helper is not None
        if make is never_ends:
            assert helper._pid is not None
            os.kill(helper._pid, signal.SIGKILL)
        report = b"".join(
            period_json_module._with_helper(
                opened, since, until, "2024-01-31", CONFIG, public=False, board=None,
                helped=helper,
            )
        )  # fmt: skip
        assert report == expected
