"""The report for scripts as JSON: the meeting (or period) and its items, each decision in the
contract's shape with its legal status (delreg.report.render_data)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.report.build import Report
    from delreg.report.render_data import StatusOf

DESCRIPTION = "JSON"
SUFFIXES = (".json",)
BINARY = False
CARRIES_STATUS = True


def render(report: Report, config: Config, status: StatusOf | None) -> bytes:
    from delreg.report.render_data import render_json

    return render_json(report, status=status).encode()
