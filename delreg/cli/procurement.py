"""`delreg procurement NUMBER`: one procurement's chain on a timeline, with its findings."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from delreg.cli.app import app, environment, exit_code
from delreg.cli.findings import show_findings
from delreg.cli.options import AsOf, ViewFormat, ViewFormatOption, as_of_day
from delreg.cli.output import show_table
from delreg.errors import ExitCode


@app.command(
    epilog='Examples:\n\n  delreg procurement "MT 2023-0043"\n\n'
    "  delreg procurement MT2023-0043 --format json"
)
def procurement(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(help="The upphandlingsnummer, e.g. MT 2023-0043.")],
    fmt: ViewFormatOption = ViewFormat.table,
    as_of: AsOf = None,
) -> None:
    """One procurement's chain on a timeline (initiering, award and its avtalsspärr, contract,
    PUB-avtal) with the findings against it."""
    from delreg.checks import CheckSettings
    from delreg.checks.service import open_errors, procurement_chain
    from delreg.model import normalise_procurement_number
    from delreg.store import OpenMode

    env = environment(ctx)
    wanted = normalise_procurement_number(number, env.config)
    settings = CheckSettings.from_config(env.config, today=as_of_day(as_of))
    with env.open_store(OpenMode.EXISTING) as store:
        chain = procurement_chain(store, wanted, settings)
    if fmt is ViewFormat.json:
        env.out(json.dumps(chain.to_json(), ensure_ascii=False, indent=2))
    else:
        rows = [
            [event.day or "—", event.event, event.diary_number, event.detail]
            for event in chain.timeline
        ]
        title = f"Procurement {wanted}"
        if not env.stdout_is_terminal:
            env.out(title)
        show_table(env, title, ["date", "event", "dnr", "detail"], rows)
        env.out()
        if chain.findings:
            show_findings(env, chain.findings)
        else:
            env.out("No findings.")
    exit_code(ExitCode.PROBLEMS if open_errors(chain.findings) else ExitCode.OK)
