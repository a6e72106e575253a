"""The report formats are a registry (delreg.report.formats): every registered module is a
``ReportFormat`` that writes a real report, a file name's ending chooses by the table, and
`report --format` offers exactly its names."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import typer

from delreg.cli import whole_app
from delreg.config import load_config
from delreg.errors import DelregError
from delreg.model import Decision, Meeting
from delreg.report.build import assemble_meeting_report
from delreg.report.fixed_list import possible_formats
from delreg.report.formats import FORMATS, ReportFormat, format_for_path, render
from tests.helpers import Invoke

CONFIG = load_config()
REPORT = assemble_meeting_report(
    Meeting("2024-02-15", board="Hälso- och sjukvårdsnämnden"),
    fixed=[],
    waiting=[
        Decision("24RS112", "tilldelningsbeslut", "städtjänster", decided_on="2024-01-19"),
        Decision("24RS140", "anstallning", "enhetschef", decided_on="2024-01-22"),
    ],
    notices=[],
    config=CONFIG,
)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_is_a_report_format_and_writes_the_report(name: str) -> None:
    written = FORMATS[name]
    assert isinstance(written, ReportFormat)
    document = render(REPORT, name, CONFIG)
    if written.BINARY:
        with zipfile.ZipFile(BytesIO(document)) as archive:
            text = "".join(archive.read(member).decode() for member in archive.namelist()
                           if member.endswith(".xml"))  # fmt: skip
    else:
        text = document.decode("utf-8")
    assert "24RS112" in text and "24RS140" in text
    assert name in possible_formats(document)


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_file_name_chooses_its_format_by_the_table(name: str) -> None:
    for suffix in FORMATS[name].SUFFIXES:
        assert format_for_path(Path(f"anmalningsarenden{suffix.upper()}")) == name


def test_no_file_name_ending_is_claimed_by_two_formats() -> None:
    suffixes = [suffix for written in FORMATS.values() for suffix in written.SUFFIXES]
    assert len(suffixes) == len(set(suffixes))


def test_an_unknown_ending_names_every_registered_one() -> None:
    with pytest.raises(DelregError) as raised:
        format_for_path(Path("lista.pdf"))
    assert raised.value.hint is not None
    for written in FORMATS.values():
        assert written.SUFFIXES[0] in raised.value.hint


def _option(command: str, name: str) -> Any:
    found = typer.main.get_command(whole_app()).get_command(None, command)  # type: ignore[attr-defined]
    return next(param for param in found.params if param.name == name)


def test_report_offers_exactly_the_registered_formats(delreg: Invoke) -> None:
    assert list(_option("report", "fmt").type.choices) == list(FORMATS)
    result = delreg("report", "--month", "2024-01", "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not one of " + ", ".join(map(repr, FORMATS)) in result.stderr
