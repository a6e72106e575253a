"""The report's output formats, choosing one from a file name, and rendering to bytes."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from delreg.errors import DelregError

if TYPE_CHECKING:
    # The command line imports this module for its option type at start-up; the report's
    # machinery waits until a report is made.
    from collections.abc import Callable

    from delreg.config import Config
    from delreg.model import Decision
    from delreg.report.build import Report


class ReportFormat(StrEnum):
    txt = "txt"
    md = "md"
    html = "html"
    docx = "docx"
    json = "json"
    csv = "csv"


_BY_SUFFIX = {
    ".txt": ReportFormat.txt,
    ".text": ReportFormat.txt,
    ".md": ReportFormat.md,
    ".markdown": ReportFormat.md,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".docx": ReportFormat.docx,
    ".json": ReportFormat.json,
    ".csv": ReportFormat.csv,
}


def format_for_path(path: Path) -> ReportFormat:
    """The format a file name asks for; an error for a suffix that names none."""
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise DelregError(
            f"cannot tell the report format from the file name {path.name!r}",
            hint="end it with .txt, .md, .html, .docx, .json or .csv, or give --format",
        )
    return found


def render(
    report: Report,
    fmt: ReportFormat,
    config: Config,
    *,
    status: Callable[[Decision], dict[str, Any]] | None = None,
) -> bytes:
    """The report in ``fmt`` as the bytes of a file (text is UTF-8 with LF line ends).

    ``status`` gives each decision's legal status for the JSON (delreg.legal_status).
    Each renderer is imported only when chosen: jinja2 and python-docx are slow to load.
    """
    if fmt is ReportFormat.json:
        from delreg.report.render_data import render_json

        return render_json(report, status=status).encode()
    if fmt is ReportFormat.csv:
        from delreg.report.render_data import render_csv

        return render_csv(report).encode()
    from delreg.report.layout import layout

    document = layout(report, config)
    if fmt is ReportFormat.docx:
        from delreg.report.render_docx import render_docx

        return render_docx(document)
    if fmt is ReportFormat.html:
        from delreg.report.render_markup import render_html

        return render_html(document).encode()
    if fmt is ReportFormat.md:
        from delreg.report.render_markup import render_markdown

        return render_markdown(document).encode()
    from delreg.report.render_text import render_text

    return render_text(document).encode()
