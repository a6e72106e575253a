"""`delreg check`: the register against the law, and acknowledging what a check found."""

from __future__ import annotations

import inspect
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from delreg.cli.app import app, environment, exit_code
from delreg.cli.boards import BoardOption, board_to_read
from delreg.cli.environment import Environment
from delreg.cli.findings import FINDING_COLUMNS, show_findings, summary
from delreg.cli.options import AsOf, ListFormatOption, as_of_day
from delreg.cli.output import ListFormat, write_records
from delreg.errors import DelregError, ExitCode

FindingReference = tuple[str, str]


class RulesInHelp(TyperCommand):
    """A command whose help ends with the rules the check families compute, read from their
    catalogue only when the help is shown: the checks are not loaded at every start-up."""

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        from delreg.checks import RULES

        written = self.help
        self.help = inspect.cleandoc(written or "") + f"\n\nRules: {', '.join(RULES)}."
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = written


@app.command(
    cls=RulesInHelp,
    epilog="Examples:\n\n"
    "  delreg check\n\n"
    "  delreg check --rule standstill --rule chain-order --format json\n\n"
    "  delreg check --since 2024-01-01 --as-of 2024-02-01\n\n"
    "  delreg check --board all --format json\n\n"
    '  delreg check --ack contract-without-award 23RS1851 --reason "förnyad konkurrensutsättning"',
)
def check(
    ctx: typer.Context,
    fmt: ListFormatOption = ListFormat.table,
    rule: Annotated[
        list[str] | None,
        typer.Option(
            "--rule", metavar="RULE", help="Run only this rule; repeat for several. Default: all."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="Only findings on decisions dated on or after this date."
        ),
    ] = None,
    as_of: AsOf = None,
    include_acknowledged: Annotated[
        bool,
        typer.Option("--include-acknowledged", help="Also list acknowledged findings."),
    ] = False,
    ack: Annotated[
        FindingReference | None,
        typer.Option("--ack", metavar="RULE DNR", help="Acknowledge a finding, with --reason."),
    ] = None,
    unack: Annotated[
        FindingReference | None,
        typer.Option("--unack", metavar="RULE DNR", help="Take an acknowledgement back."),
    ] = None,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why the acknowledged finding is accepted.")
    ] = None,
    board: BoardOption = None,
) -> None:
    """Check the register against the law: avtalsspärr, the procurement chain, reporting, the
    delegation order. Exits 1 when any error finding is not acknowledged.
    """
    env = environment(ctx)
    if ack or unack:
        _acknowledge(env, ack, unack, reason)
        return
    if reason is not None:
        raise DelregError("--reason goes with --ack", hint="delreg check --ack RULE DNR --reason …")
    from delreg.checks import CheckSettings, require_rules
    from delreg.checks.service import check_register, open_errors
    from delreg.dates import optional_date
    from delreg.store import OpenMode

    rules = require_rules(rule or [])
    settings = CheckSettings.from_config(
        env.config, today=as_of_day(as_of), since=optional_date(since)
    )
    with env.open_store(OpenMode.EXISTING) as store:
        run = check_register(
            store, settings, rules, named=bool(rule), board=board_to_read(env, store, board)
        )
    if run.no_delegation_order:
        env.say("note: no delegation order is loaded (`delreg delegation load FILE`)")
    findings = run.findings
    shown = [f for f in findings if include_acknowledged or f.acknowledged is None]
    if fmt is ListFormat.table:
        show_findings(env, shown)
    else:
        write_records(env, (f.to_json() for f in shown), fmt, columns=FINDING_COLUMNS)
    errors = open_errors(findings)
    # The count explains an exit 1, so it is printed even with --quiet when errors are open.
    (env.warn if errors else env.say)(summary(findings, len(findings) - len(shown)))
    exit_code(ExitCode.PROBLEMS if errors else ExitCode.OK)


def _acknowledge(
    env: Environment,
    ack: FindingReference | None,
    unack: FindingReference | None,
    reason: str | None,
) -> None:
    from delreg.checks.service import acknowledge, finding_reference, withdraw
    from delreg.store import OpenMode

    if ack and unack:
        raise DelregError("give --ack or --unack, not both")
    if ack:
        rule, number = finding_reference(env.config, *ack)
        text = " ".join((reason or "").split())
        if not text:
            raise DelregError(
                "an acknowledgement needs a reason",
                hint=f'delreg check --ack {rule} {number} --reason "why it is accepted"',
            )
        with env.open_store(OpenMode.EXISTING) as store:
            acknowledge(store, rule, number, text)
        env.say(f"acknowledged {rule} on {number}; `delreg check` no longer fails on it")
        return
    assert unack is not None
    rule, number = finding_reference(env.config, *unack)
    with env.open_store(OpenMode.EXISTING) as store:
        withdraw(store, rule, number)
    env.say(f"withdrew the acknowledgement of {rule} on {number}")
