"""The report as Markdown, from its layout (delreg.report.layout)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.report.build import Report
    from delreg.report.render_data import StatusOf

DESCRIPTION = "Markdown"
SUFFIXES = (".md", ".markdown")
BINARY = False
CARRIES_STATUS = False


def render(report: Report, config: Config, status: StatusOf | None) -> bytes:
    from delreg.report.layout import layout
    from delreg.report.render_markup import render_markdown

    return render_markdown(layout(report, config)).encode()
