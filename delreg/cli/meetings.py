"""`delreg meetings`: the board's meetings, with the appeal deadline of each."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

import typer

from delreg.cli.app import DelregGroup, app, environment
from delreg.cli.boards import BoardOption, board_to_read, board_to_write
from delreg.cli.options import ListFormatOption
from delreg.cli.output import ListFormat, write_records

meetings_app = typer.Typer(
    cls=DelregGroup,
    help="The board's meetings (sammanträden) and the appeal deadline of each.",
    no_args_is_help=True,
)
app.add_typer(meetings_app, name="meetings")


def meeting_json(meeting: Any) -> dict[str, Any]:
    from delreg.meetings import appeal_ends_on

    return {
        "date": meeting.date,
        "board": meeting.board,
        "paragraph": meeting.paragraph,
        "adjusted_on": meeting.adjusted_on,
        "posted_on": meeting.posted_on,
        "appeal_ends_on": appeal_ends_on(meeting),
    }


@meetings_app.command(
    "add",
    epilog='Example: delreg meetings add 2024-03-14 --board "Hälso- och sjukvårdsnämnden" '
    "--paragraph 30 --adjusted-on 2024-03-19 --posted-on 2024-03-20",
)
def add_meeting(
    ctx: typer.Context,
    date: Annotated[
        str, typer.Argument(help="The meeting's date: 2024-02-15 or 15 februari 2024.")
    ],
    board: BoardOption = None,
    paragraph: Annotated[
        int | None, typer.Option(min=1, help="The protocol's § for the anmälningsärenden item.")
    ] = None,
    adjusted_on: Annotated[
        str | None, typer.Option(help="Day the minutes were approved (justerade).")
    ] = None,
    posted_on: Annotated[
        str | None, typer.Option(help="Day the approved minutes were posted (anslagna).")
    ] = None,
    update: Annotated[
        bool, typer.Option("--update", help="Change a meeting that is already registered.")
    ] = False,
) -> None:
    """Register a meeting, or with --update set its §, approval and posting dates."""
    from delreg.dates import optional_date, parse_date
    from delreg.fields import within_bounds
    from delreg.meetings import deadline_warnings
    from delreg.model import Meeting

    env = environment(ctx)
    meeting = Meeting(
        date=parse_date(date),
        board="",
        paragraph=within_bounds("paragraph", paragraph) if paragraph is not None else None,
        adjusted_on=optional_date(adjusted_on),
        posted_on=optional_date(posted_on),
    )
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING if update else OpenMode.CREATE) as store:
        chosen = board_to_write(env, store, board)
        meeting = replace(meeting, board=chosen.code if chosen is not None else "")
        saved = store.update_meeting(meeting) if update else store.add_meeting(meeting)
    for warning in deadline_warnings(saved):
        env.warn(f"warning: {warning}")
    env.say(f"{'updated' if update else 'added'} the meeting on {saved.date}")


@meetings_app.command(
    "list",
    epilog="Examples:\n\n"
    "  delreg meetings list --format json\n\n"
    "  delreg meetings list --board HSN",
)
def list_meetings(
    ctx: typer.Context,
    fmt: ListFormatOption = ListFormat.table,
    board: BoardOption = None,
) -> None:
    """List meetings with the last day to appeal what was reported there."""
    env = environment(ctx)
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        meetings = store.meetings(board_to_read(env, store, board))
    write_records(
        env,
        (meeting_json(meeting) for meeting in meetings),
        fmt,
        columns=("date", "board", "paragraph", "adjusted_on", "posted_on", "appeal_ends_on"),
        table=(
            "Meetings",
            (
                ("date", "date"),
                ("board", "board"),
                ("paragraph", "§"),
                ("adjusted_on", "adjusted"),
                ("posted_on", "posted"),
                ("appeal_ends_on", "appeal ends"),
            ),
        ),
    )
