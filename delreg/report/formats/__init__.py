"""The report's output formats: one small module per format, each with the names
``ReportFormat`` lists, and ``FORMATS``, the one table of them.

To add a format, add a module here and a line to the table: `report --format`, the format a
file name asks for, and `verify --report` all go by the table. The table is read at start-up
(the command line offers its names), so a module imports its renderer (jinja2, python-docx)
only inside ``render``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from delreg.errors import DelregError
from delreg.report.formats import (
    csv_rows,
    html_page,
    json_document,
    markdown_text,
    plain_text,
    word_document,
)
from delreg.report.formats.base import ReportFormat

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.report.build import Report
    from delreg.report.render_data import StatusOf

FORMATS: Mapping[str, ReportFormat] = MappingProxyType(
    {
        "txt": plain_text,
        "md": markdown_text,
        "html": html_page,
        "docx": word_document,
        "json": json_document,
        "csv": csv_rows,
    }
)
_BY_SUFFIX = {suffix: name for name, fmt in FORMATS.items() for suffix in fmt.SUFFIXES}


def format_for_path(path: Path) -> str:
    """The format a file name asks for; an error for a suffix that names none."""
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        endings = [fmt.SUFFIXES[0] for fmt in FORMATS.values()]
        raise DelregError(
            f"cannot tell the report format from the file name {path.name!r}",
            hint=f"end it with {', '.join(endings[:-1])} or {endings[-1]}, or give --format",
        )
    return found


def render(report: Report, fmt: str, config: Config, *, status: StatusOf | None = None) -> bytes:
    """The report in the format named ``fmt`` as the bytes of a file.

    ``status`` gives each decision's legal status to a format that carries it.
    """
    return FORMATS[fmt].render(report, config, status)


__all__ = ["FORMATS", "ReportFormat", "format_for_path", "render"]
