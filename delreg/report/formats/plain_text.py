"""The report as plain text, from its layout (delreg.report.layout)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.report.build import Report
    from delreg.report.render_data import StatusOf

DESCRIPTION = "plain text"
SUFFIXES = (".txt", ".text")
BINARY = False
CARRIES_STATUS = False


def render(report: Report, config: Config, status: StatusOf | None) -> bytes:
    from delreg.report.layout import layout
    from delreg.report.render_text import render_text

    return render_text(layout(report, config)).encode()
