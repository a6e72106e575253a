"""Findings as `delreg check` and `delreg procurement` show them: a table per severity, and the
counts that explain an exit 1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from delreg.cli.environment import Environment
from delreg.cli.output import show_table

if TYPE_CHECKING:
    from delreg.checks import Finding

FINDING_COLUMNS = (
    "rule",
    "severity",
    "diary_number",
    "message",
    "hint",
    "decided_on",
    "procurement_number",
    "acknowledged",
    "board",
)


def show_findings(env: Environment, findings: Sequence[Finding]) -> None:
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


def summary(findings: Sequence[Finding], hidden: int) -> str:
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
