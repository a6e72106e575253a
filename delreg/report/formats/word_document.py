"""The report as a Word document (.docx), from its layout (delreg.report.layout), for the
board's agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.report.build import Report
    from delreg.report.render_data import StatusOf

DESCRIPTION = "a Word document"
SUFFIXES = (".docx",)
BINARY = True
CARRIES_STATUS = False


def render(report: Report, config: Config, status: StatusOf | None) -> bytes:
    # python-docx is slow to load: only a Word report pays for it.
    from delreg.report.layout import layout
    from delreg.report.render_docx import render_docx

    return render_docx(layout(report, config))
