"""`delreg due`: the deadlines coming up, as a table, JSON or a calendar to subscribe to."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from delreg.cli.app import app, environment
from delreg.cli.boards import BoardOption, board_to_read
from delreg.cli.options import FORMAT, AsOf, as_of_day

if TYPE_CHECKING:
    from delreg.cli.environment import Environment
    from delreg.due import DueItem

_EXAMPLES = """Examples:

  delreg due --as-of 2024-02-22

  delreg due --within 90 --format json

  delreg due --board all --within 60

  delreg due --within 365 --format ics > delreg.ics
"""


class DueFormat(StrEnum):
    table = "table"
    json = "json"
    ics = "ics"


@app.command(epilog=_EXAMPLES)
def due(
    ctx: typer.Context,
    within: Annotated[
        int, typer.Option(min=0, max=3660, help="Days ahead to look, from --as-of.")
    ] = 30,
    fmt: Annotated[DueFormat, FORMAT] = DueFormat.table,
    as_of: AsOf = None,
    board: BoardOption = None,
) -> None:
    """What falls due: minutes to approve and post, decisions for the next meeting's list,
    appeal periods and avtalsspärrar ending, contracts' notice, end and option dates.

    Overdue minutes are listed too, marked. `--format ics` writes an iCalendar file
    (RFC 5545) a secretary's calendar can subscribe to; its events keep their UID from run to
    run, and its DTSTAMP is the --as-of day, so a day's file is the same every time.
    """
    from datetime import date, timedelta

    from delreg.cli.decisions import status_book
    from delreg.due import DATED_FIELDS, LOOKBACK, Window, due_items
    from delreg.meetings import appeal_ends_on
    from delreg.store import DecisionQuery, OpenMode

    env = environment(ctx)
    today = as_of_day(as_of)
    window = Window(today, within)
    with env.open_store(OpenMode.EXISTING) as store:
        book = status_book(env, store, today)
        code = board_to_read(env, store, board)
        meetings = store.meetings(code)
        dated = [
            decision
            for decision in store.decisions_dated(
                DATED_FIELDS, (today - LOOKBACK).isoformat(), window.last.isoformat()
            )
            if code is None or decision.board == code
        ]
        # Decisions reported at meetings whose appeal period ends in the window.
        reported = [
            decision
            for meeting in meetings
            if (ends := appeal_ends_on(meeting)) and window.holds(date.fromisoformat(ends))
            for decision in store.decisions(
                DecisionQuery(meeting=meeting.date, board=meeting.board or None)
            )
        ]
        unreported = list(
            store.decisions(DecisionQuery(unreported=True, newest_first=False, board=code))
        )
    items = due_items(
        meetings=meetings,
        unreported=unreported,
        dated=dated,
        reported=reported,
        book=book,
        window=window,
    )
    if fmt is DueFormat.json:
        import json

        env.out(json.dumps([item.to_json() for item in items], ensure_ascii=False, indent=2))
    elif fmt is DueFormat.ics:
        _write_calendar(env, items, today)
    else:
        _show(env, items, today, today + timedelta(days=within))


def _show(env: Environment, items: list[DueItem], first: object, last: object) -> None:
    from delreg.cli.output import show_table

    if not items:
        env.say(f"nothing falls due from {first} to {last}")
        return
    rows = [
        [
            item.on + (" (overdue)" if item.overdue else ""),
            item.kind,
            item.title,
            ", ".join(item.diary_numbers[:5])
            + (f" … (+{len(item.diary_numbers) - 5})" if len(item.diary_numbers) > 5 else ""),
        ]
        for item in items
    ]
    show_table(env, f"Due from {first} to {last}", ["date", "what", "", "dnr"], rows)


def _write_calendar(env: Environment, items: list[DueItem], today: object) -> None:
    from datetime import UTC, date, datetime

    from delreg import __version__
    from delreg.ical import CalendarEvent, calendar

    assert isinstance(today, date)
    events = [
        CalendarEvent(
            uid=item.uid,
            day=date.fromisoformat(item.on),
            summary=item.title,
            description="\n".join(
                part
                for part in (
                    item.detail,
                    "Dnr: " + ", ".join(item.diary_numbers) if item.diary_numbers else "",
                )
                if part
            ),
            categories=(item.kind,),
        )
        for item in items
    ]
    text = calendar(
        events,
        name="delreg: what falls due",
        stamp=datetime(today.year, today.month, today.day, tzinfo=UTC),
        product=f"-//delreg//delreg {__version__}//SV",
    )
    # Bytes as written: the calendar's CRLF line ends must not be translated.
    env.stdout.flush()
    buffer = getattr(env.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        env.stdout.write(text)
