"""`delreg report`: the anmälningsärenden list for a meeting, or a period's decisions by kind."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from delreg.cli.app import app, environment
from delreg.cli.boards import BoardOption, board_to_read
from delreg.cli.environment import Environment
from delreg.errors import DelregError
from delreg.report.formats import FORMATS

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.delegation_book import Pass
    from delreg.report.build import MeetingReport, Report
    from delreg.store import Store

    FormatName = str
else:
    # Typer offers a Literal's values as the option's choices: exactly the registered formats.
    FormatName = Literal[tuple(FORMATS)]


class GroupBy(StrEnum):
    delegate = "delegate"


EXAMPLES = (
    "Examples:\n\n"
    "  delreg report --meeting 2024-02-15\n\n"
    "  delreg report --meeting 2024-02-15 --board HSN\n\n"
    "  delreg report --meeting 2024-02-15 -o anmalningsarenden.docx --mark-reported\n\n"
    "  delreg report --meeting 2024-02-15 --public --format html > offentlig.html\n\n"
    "  delreg report --month last --format csv\n\n"
    "  delreg report --meeting 2024-02-15 --group-by delegate"
)


@app.command(epilog=EXAMPLES)
def report(
    ctx: typer.Context,
    meeting: Annotated[
        str | None, typer.Option(help="The meeting whose list to write: 2024-02-15.")
    ] = None,
    board: BoardOption = None,
    month: Annotated[
        str | None, typer.Option(help="A period report for a month: 2024-01, or 'last'.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="A period report from this day (decision date).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="A period report up to and including this day.")
    ] = None,
    fmt: Annotated[
        FormatName | None,
        typer.Option(
            "--format", "-f", help="Output format; default from the -o file's name, else txt."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file.", dir_okay=False),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public", help="The public version: secret decisions without subject and parties."
        ),
    ] = False,
    mark_reported: Annotated[
        bool,
        typer.Option(
            "--mark-reported",
            help="Report the listed decisions at the meeting, fixing their item numbers.",
        ),
    ] = False,
    group_by: Annotated[
        GroupBy | None,
        typer.Option(
            "--group-by",
            help="Group the decisions by who took them (delegate); a meeting's items keep "
            "their numbers.",
        ),
    ] = None,
) -> None:
    """Write the numbered list of delegation decisions for a meeting, or a period report.

    A meeting's list holds the decisions reported there; before any are, every decision not yet
    reported that was decided on or before the meeting (or has no decision date), by diary
    number. Then the meeting's notices (meddelandeärenden).
    """
    from delreg.cli.report_json import deliver, period_json_report, period_of
    from delreg.dates import parse_date
    from delreg.report.build import period_report
    from delreg.report.formats import format_for_path, render

    env = environment(ctx)
    chosen = fmt or (format_for_path(output) if output else "txt")
    written = FORMATS[chosen]
    if written.BINARY and output is None and env.stdout_is_terminal:
        raise DelregError(
            f"{written.DESCRIPTION} cannot be shown in the terminal",
            hint=f"write it to a file with -o anmalningsarenden{written.SUFFIXES[0]} (or pipe it)",
        )
    chosen_reports = sum([bool(meeting), bool(month), bool(since or until)])
    if chosen_reports != 1:
        raise DelregError(
            "say what to report: --meeting DATE, --month YYYY-MM or --since/--until"
            if not chosen_reports
            else "give only one of --meeting, --month and --since/--until",
            hint="e.g. delreg report --meeting 2024-02-15, or delreg report --month last",
        )
    if not meeting and mark_reported:
        raise DelregError(
            "--mark-reported needs --meeting",
            hint="a period report lists decisions; only a meeting's list reports them",
        )
    first, last = period_of(month, since, until) if not meeting else (None, None)
    if not meeting and chosen == "json" and group_by is None:
        # Straight from the rows: the same bytes, without a Decision per decision (a month
        # of a national archive holds thousands).
        pieces = period_json_report(env, first, last, board=board, public=public)
        deliver(env, pieces, output, binary=False)
        return
    day = parse_date(meeting) if meeting else None
    config = env.config
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        made: Report
        code = board_to_read(env, store, board)
        if day:
            made = _meeting_report(env, store, config, day, code or "", public, mark_reported)
        else:
            made = period_report(store, first, last, config, public=public, board=code)
        passes: tuple[Pass, ...] = ()
        if group_by is not None:
            from delreg.store.delegation import DelegationStore

            passes = DelegationStore(store, config.board).book().passes
        status = None
        if written.CARRIES_STATUS:
            from delreg.store.appeals import status_book

            status = status_book(store, config).report_status
    from delreg.report.grouping import grouped

    made = grouped(made, group_by.value if group_by else None, passes)
    payload = render(made, chosen, config, status=status)
    deliver(env, payload, output, binary=written.BINARY)


def _meeting_report(
    env: Environment,
    store: Store,
    config: Config,
    day: str,
    board: str,
    public: bool,
    mark_reported: bool,
) -> MeetingReport:
    from delreg.report.build import meeting_report
    from delreg.report.fixed_list import fix_record

    made = meeting_report(store, day, config, board=board, public=public)
    waiting = made.unreported
    fixed: list[dict[str, Any]] = []

    def fix() -> dict[str, Any]:
        fixed.append(fix_record(store, day, board, config))
        return fixed[-1]

    if mark_reported:
        # The history keeps the list's digests as fixed (`delreg verify --report`).
        store.mark_reported(waiting, made.meeting, fix=fix)
    if mark_reported and waiting:
        made = meeting_report(store, day, config, board=board, public=public)
        numbers = [item.number or 0 for item in made.items if item.decision.diary_number in waiting]
        env.say(
            f"reported {len(waiting)} decisions at the meeting on {made.meeting.date} "
            f"(items {min(numbers)}–{max(numbers)})"
        )
    elif mark_reported:
        env.say(f"nothing new to report at the meeting on {made.meeting.date}")
    elif waiting:
        env.say("note: a draft list; --mark-reported fixes it for the meeting")
    if fixed:
        # For the minutes: the digest names the list whatever format it is printed in.
        env.say(
            f"the list's SHA-256 is {fixed[0]['sha256']}; `delreg verify --report "
            f"{made.meeting.date} FILE` tells whether a document is this list"
        )
    if made.left_for_next_meeting:
        env.say(
            f"note: {made.left_for_next_meeting} unreported decisions decided by "
            f"{made.meeting.date} are not on this meeting's fixed list; "
            "they go on the next meeting's"
        )
    return made
