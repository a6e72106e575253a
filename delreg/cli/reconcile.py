"""`delreg reconcile EXPORT`: the register against the registry system's export for a period."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from delreg.cli.app import app, environment, exit_code
from delreg.cli.options import (
    AsOf,
    Encoding,
    ViewFormat,
    ViewFormatOption,
    as_of_day,
    text_encoding,
)
from delreg.errors import DelregError, ExitCode

if TYPE_CHECKING:
    from delreg.cli.environment import Environment
    from delreg.reconcile import Reconciliation

EXAMPLES = (
    "Examples:\n\n"
    "  delreg reconcile data/example-diarium.csv\n\n"
    "  delreg reconcile data/example-diarium.csv --since 2023-10-01 --until 2023-12-31 "
    "--format json"
)


@app.command(epilog=EXAMPLES)
def reconcile(
    ctx: typer.Context,
    export: Annotated[
        Path,
        typer.Argument(help="The registry system's export: CSV, TSV, xlsx or ods.", dir_okay=False),
    ],
    since: Annotated[
        str | None, typer.Option(help="The period's first day (decision date).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="The period's last day.")] = None,
    sheet: Annotated[
        str | None, typer.Option(help="The xlsx or ods sheet; default the first.")
    ] = None,
    encoding: Encoding = None,
    as_of: AsOf = None,
    fmt: ViewFormatOption = ViewFormat.table,
) -> None:
    """Compare the register with the registry's export: delegation decisions in the registry
    but not in the register, in the register but not in the registry (within the period), and
    in both but not reported to the board past the limit ([checks] unreported_days).

    Reads the export with import's readers and column names; which rows are delegation
    decisions is set under [reconcile] in the configuration. Writes nothing. Exits 1 when
    anything is missing, late or unreadable.
    """
    from delreg.checks.settings import CheckSettings
    from delreg.dates import optional_date
    from delreg.importer import read_input
    from delreg.reconcile import Recognition, reconcile_config
    from delreg.reconcile import reconcile as compare
    from delreg.store import DecisionQuery

    env = environment(ctx)
    config = env.config
    encoding = text_encoding(encoding)
    first, last = optional_date(since), optional_date(until)
    if first and last and first > last:
        raise DelregError(
            f"--since {first} is after --until {last}", hint="give the period's first day first"
        )
    settings = CheckSettings.from_config(config, today=as_of_day(as_of))
    # Read whole before the register is asked: an unreadable export stops here, and the
    # export names the diary numbers to look up. Its kind is told as import tells it.
    records = list(
        read_input(
            str(export),
            fmt="auto",
            config=reconcile_config(config),
            sheet=sheet,
            encoding=encoding,
        )
    )
    numbers = [record.diary_number for record in records if hasattr(record, "diary_number")]
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        known = store.held(numbers)
        result = compare(
            records,
            store.decisions(DecisionQuery(since=first, until=last, newest_first=False)),
            known,
            settings,
            Recognition.from_config(config),
            since=first,
            until=last,
        )
    if fmt is ViewFormat.json:
        env.out(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        _show(env, result)
    exit_code(ExitCode.PROBLEMS if result.missing else ExitCode.OK)


def _show(env: Environment, result: Reconciliation) -> None:
    from delreg.cli.output import show_table

    period = f"{result.since or '…'} – {result.until or '…'}"
    env.say(
        f"period {period}: the export has {result.seen} rows, {result.registry_decisions} "
        f"delegation decisions in the period, {result.other_rows} other rows, "
        f"{len(result.unreadable)} unreadable; the register has {result.register_decisions}"
    )
    sections = (
        ("In the registry, not in the register", result.not_in_register),
        ("In the register, not in the registry", result.not_in_registry),
    )
    for title, rows in sections:
        if rows:
            env.out(f"{title} ({len(rows)}):")
            show_table(
                env,
                "",
                ["dnr", "decided", "subject", "where"],
                [
                    [row.diary_number, row.decided_on or "", row.subject, row.source or ""]
                    for row in rows
                ],
            )
    if result.unreported:
        env.out(f"In both, not reported past the limit ({len(result.unreported)}):")
        show_table(
            env,
            "",
            ["dnr", "decided", "subject", "finding"],
            [
                [row.diary_number, row.decided_on or "", row.subject, found.message]
                for row, found in result.unreported
            ],
        )
    if result.unreadable:
        env.out(f"Rows of the export that could not be read ({len(result.unreadable)}):")
        show_table(
            env,
            "",
            ["where", "why"],
            [[item.source, item.reason] for item in result.unreadable],
        )
    if not result.missing:
        env.say("the register and the registry agree")
