"""`delreg check`, `delreg procurement` and `delreg delegation`: the register against the law."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from delreg.cli.app import DelregGroup, app, environment, exit_code
from delreg.cli.boards import BoardOption, board_to_read
from delreg.cli.environment import Environment
from delreg.cli.output import ListFormat, show_table, write_records
from delreg.errors import DelregError, ExitCode

if TYPE_CHECKING:
    from delreg.checks import CheckSettings, Finding

FINDING_COLUMNS = (
    "rule",
    "severity",
    "diary_number",
    "message",
    "hint",
    "decided_on",
    "procurement_number",
    "acknowledged",
)


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


def _settings(env: Environment, as_of: str | None, since: str | None = None) -> CheckSettings:
    from delreg.checks import CheckSettings
    from delreg.dates import optional_date

    today = optional_date(as_of)
    return CheckSettings.from_config(
        env.config,
        today=date.fromisoformat(today) if today else date.today(),
        since=optional_date(since),
    )


def _rule_and_number(env: Environment, reference: tuple[str, str]) -> tuple[str, str]:
    from delreg.checks import require_rules
    from delreg.model import normalise_diary_number

    rule, number = reference
    return require_rules([rule])[0], normalise_diary_number(number, env.config)


@app.command(
    epilog="Examples:\n\n"
    "  delreg check\n\n"
    "  delreg check --rule standstill --rule chain-order --format json\n\n"
    "  delreg check --since 2024-01-01 --as-of 2024-02-01\n\n"
    "  delreg check --board all --format json\n\n"
    '  delreg check --ack contract-without-award 23RS1851 --reason "förnyad konkurrensutsättning"'
)
def check(
    ctx: typer.Context,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.table
    ),
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
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Check as if today were this date."),
    ] = None,
    include_acknowledged: Annotated[
        bool,
        typer.Option("--include-acknowledged", help="Also list acknowledged findings."),
    ] = False,
    ack: Annotated[
        tuple[str, str] | None,
        typer.Option("--ack", metavar="RULE DNR", help="Acknowledge a finding, with --reason."),
    ] = None,
    unack: Annotated[
        tuple[str, str] | None,
        typer.Option("--unack", metavar="RULE DNR", help="Take an acknowledgement back."),
    ] = None,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why the acknowledged finding is accepted.")
    ] = None,
    board: BoardOption = None,
) -> None:
    """Check the register against the law: avtalsspärr, the procurement chain, reporting, the
    delegation order. Exits 1 when any error finding is not acknowledged.

    Rules: standstill, contract-without-award, award-without-contract, chain-order,
    reported-twice, decided-after-meeting, unreported, missing-date, delegation, diary-number.
    """
    env = environment(ctx)
    if ack or unack:
        _acknowledge(env, ack, unack, reason)
        return
    if reason is not None:
        raise DelregError("--reason goes with --ack", hint="delreg check --ack RULE DNR --reason …")
    from delreg.checks import Severity, require_rules, run_checks
    from delreg.store import DecisionQuery, OpenMode
    from delreg.store.compliance import ComplianceStore

    rules = require_rules(rule or [])
    settings = _settings(env, as_of, since)
    with env.open_store(OpenMode.EXISTING) as store:
        source = ComplianceStore(store)
        if rule and "delegation" in rules and source.delegation_order() is None:
            env.say("note: no delegation order is loaded (`delreg delegation load FILE`)")
        findings = run_checks(source, settings, rules)
        code = board_to_read(env, store, board)
        if code is not None:
            # The rules read the whole register (a procurement's chain may cross boards); the
            # findings shown are those about this board's decisions.
            ours = {d.diary_number for d in store.decisions(DecisionQuery(board=code))}
            findings = [f for f in findings if f.diary_number is None or f.diary_number in ours]
    shown = [f for f in findings if include_acknowledged or f.acknowledged is None]
    if fmt is ListFormat.table:
        _show_findings(env, shown)
    else:
        write_records(env, (f.to_json() for f in shown), fmt, columns=FINDING_COLUMNS)
    open_errors = sum(f.severity is Severity.error and f.acknowledged is None for f in findings)
    # The count explains an exit 1, so it is printed even with --quiet when errors are open.
    (env.warn if open_errors else env.say)(_summary(findings, len(findings) - len(shown)))
    exit_code(ExitCode.PROBLEMS if open_errors else ExitCode.OK)


def _acknowledge(
    env: Environment,
    ack: tuple[str, str] | None,
    unack: tuple[str, str] | None,
    reason: str | None,
) -> None:
    from delreg.store import OpenMode
    from delreg.store.compliance import ComplianceStore

    if ack and unack:
        raise DelregError("give --ack or --unack, not both")
    if ack:
        rule, number = _rule_and_number(env, ack)
        text = " ".join((reason or "").split())
        if not text:
            raise DelregError(
                "an acknowledgement needs a reason",
                hint=f'delreg check --ack {rule} {number} --reason "why it is accepted"',
            )
        with env.open_store(OpenMode.EXISTING) as store:
            ComplianceStore(store).acknowledge(rule, number, text)
        env.say(f"acknowledged {rule} on {number}; `delreg check` no longer fails on it")
        return
    assert unack is not None
    rule, number = _rule_and_number(env, unack)
    with env.open_store(OpenMode.EXISTING) as store:
        ComplianceStore(store).withdraw(rule, number)
    env.say(f"withdrew the acknowledgement of {rule} on {number}")


def _show_findings(env: Environment, findings: Sequence[Finding]) -> None:
    """A table per severity, errors first: rich on a terminal; in a pipe (a cron job's mail)
    aligned lines, each finding's hint on its own line under it."""
    from delreg.checks import Severity

    titles = {Severity.error: "Errors", Severity.warning: "Warnings"}
    printed = False
    for severity in Severity:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        title = f"{titles[severity]} ({len(group)})"
        if env.stdout_is_terminal:
            rows = [[f.rule, f.diary_number, _message(f), f.hint] for f in group]
            show_table(env, title, ["rule", "dnr", "message", "hint"], rows)
            continue
        if printed:
            env.out()
        env.out(title)
        rule_width = max(len(f.rule) for f in group)
        number_width = max(len(f.diary_number) for f in group)
        indent = " " * (rule_width + number_width + 4)
        write = env.stdout.write
        for f in group:
            write(
                f"{f.rule:<{rule_width}}  {f.diary_number:<{number_width}}  {_message(f)}\n"
                f"{indent}hint: {f.hint}\n"
            )
        printed = True


def _message(finding: Finding) -> str:
    if finding.acknowledged is None:
        return finding.message
    return f"{finding.message} [acknowledged: {finding.acknowledged.reason}]"


def _summary(findings: Sequence[Finding], hidden: int) -> str:
    """Counts of the open findings, and of the acknowledged ones apart."""
    from delreg.checks import Severity

    if not findings:
        return "no findings"
    open_findings = [f for f in findings if f.acknowledged is None]
    errors = sum(f.severity is Severity.error for f in open_findings)
    warnings = len(open_findings) - errors
    text = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    acknowledged = len(findings) - len(open_findings)
    if acknowledged:
        text += f"; {acknowledged} acknowledged"
    if hidden:
        text += " (not shown; --include-acknowledged shows them)"
    return text


@app.command(
    epilog='Examples:\n\n  delreg procurement "MT 2023-0043"\n\n'
    "  delreg procurement MT2023-0043 --format json"
)
def procurement(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(help="The upphandlingsnummer, e.g. MT 2023-0043.")],
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ViewFormat.table
    ),
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Check as if today were this date."),
    ] = None,
) -> None:
    """One procurement's chain on a timeline (initiering, award and its avtalsspärr, contract,
    PUB-avtal) with the findings against it."""
    from delreg.checks import procurement_findings
    from delreg.checks.timeline import chain_decision, procurement_timeline
    from delreg.errors import NotFound
    from delreg.model import normalise_procurement_number
    from delreg.store import DecisionQuery, OpenMode
    from delreg.store.compliance import ComplianceStore

    env = environment(ctx)
    wanted = normalise_procurement_number(number, env.config)
    settings = _settings(env, as_of)
    with env.open_store(OpenMode.EXISTING) as store:
        decisions = list(
            store.decisions(DecisionQuery(procurement_number=wanted, newest_first=False))
        )
        acknowledgements = ComplianceStore(store).acknowledgements()
    if not decisions:
        raise NotFound(
            f"no decisions in procurement {wanted}",
            hint="`delreg list --search …` finds decisions by their words",
        )
    timeline = procurement_timeline(decisions, settings)
    chain = [chain_decision(d) for d in decisions if d.kind in settings.chain_kinds]
    findings = procurement_findings(chain, settings, acknowledgements)
    if fmt is ViewFormat.json:
        document = {
            "procurement_number": wanted,
            "timeline": [event.to_json() for event in timeline],
            "findings": [f.to_json() for f in findings],
        }
        env.out(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        rows = [
            [event.day or "—", event.event, event.diary_number, event.detail] for event in timeline
        ]
        title = f"Procurement {wanted}"
        if not env.stdout_is_terminal:
            env.out(title)
        show_table(env, title, ["date", "event", "dnr", "detail"], rows)
        env.out()
        if findings:
            _show_findings(env, findings)
        else:
            env.out("No findings.")
    open_errors = [f for f in findings if f.severity == "error" and f.acknowledged is None]
    exit_code(ExitCode.PROBLEMS if open_errors else ExitCode.OK)


delegation_app = typer.Typer(
    cls=DelregGroup,
    help="The board's delegationsordning, which the `delegation` check holds decisions to.",
    no_args_is_help=True,
)
app.add_typer(delegation_app, name="delegation")


@delegation_app.command(
    "load",
    epilog="Examples:\n\n  delreg delegation load data/delegationsordning.toml\n\n"
    "  delreg delegation load data/delegationsordning.toml --dry-run",
)
def load_order(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A TOML or CSV file.", dir_okay=False)],
    fmt: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="auto, toml or csv.")
    ] = "auto",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only read and check the file; store nothing.")
    ] = False,
) -> None:
    """Load a delegation order, replacing the one stored before."""
    from delreg.delegation_order import FORMATS, load_delegation_order
    from delreg.store.compliance import ComplianceStore

    env = environment(ctx)
    if fmt not in FORMATS:
        raise DelregError(f"unknown format {fmt!r}", hint="use one of " + ", ".join(FORMATS))
    order = load_delegation_order(path, known_kinds=env.config.kinds.keys(), fmt=fmt)
    if dry_run:
        env.say(f"{path}: {len(order.points)} points, nothing stored (dry run)")
        return
    from delreg.store import OpenMode

    with env.open_store(OpenMode.CREATE) as store:
        replaced = ComplianceStore(store).save_delegation_order(order)
    env.say(
        f"loaded {len(order.points)} points from {path}"
        + (f", replacing {replaced}" if replaced else "")
    )


@delegation_app.command("show", epilog="Example: delreg delegation show --format json")
def show_order(
    ctx: typer.Context,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.table
    ),
) -> None:
    """Show the delegation order the checks use."""
    from delreg.store.compliance import ComplianceStore

    env = environment(ctx)
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        order = ComplianceStore(store).delegation_order()
    if order is None:
        env.say("no delegation order is loaded (`delreg delegation load FILE`)")
    points = order.points if order else ()
    columns = ("point", "matter", "kinds", "delegate", "substitutes", "limit", "valid_from",
               "valid_to")  # fmt: skip
    title = f"Delegationsordning ({order.source})" if order else ""
    write_records(
        env,
        (point.to_json() for point in points),
        fmt,
        columns=columns,
        table=(title, [(name, name.replace("_", " ")) for name in columns]),
    )
