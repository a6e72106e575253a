"""The report's decisions as CSV rows, with the decision's JSON keys as the header, so they can
go back into `delreg import --format csv` (delreg.report.render_data)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.report.build import Report
    from delreg.report.render_data import StatusOf

DESCRIPTION = "CSV"
SUFFIXES = (".csv",)
BINARY = False
CARRIES_STATUS = False


def render(report: Report, config: Config, status: StatusOf | None) -> bytes:
    from delreg.report.render_data import render_csv

    return render_csv(report).encode()
