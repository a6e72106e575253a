"""What every report format module has (``ReportFormat``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.report.build import Report
    from delreg.report.render_data import StatusOf


@runtime_checkable
class ReportFormat(Protocol):
    """A module in delreg/report/formats/ that writes the report in one format."""

    @property
    def DESCRIPTION(self) -> str:
        """The format in a message: "a Word document"."""
        ...

    @property
    def SUFFIXES(self) -> tuple[str, ...]:
        """The file name endings (lower case, with the dot) that ask for it; the first is the
        one it is written with."""
        ...

    @property
    def BINARY(self) -> bool:
        """Bytes that are no text: written as they are, never shown in a terminal."""
        ...

    @property
    def CARRIES_STATUS(self) -> bool:
        """Whether it writes each decision's legal status (``render`` is then given it)."""
        ...

    def render(self, report: Report, config: Config, status: StatusOf | None) -> bytes:
        """The report as the bytes of a file (text is UTF-8 with LF line ends)."""
        ...
