"""The reference for reading an export's rows: each row alone by ``record_from_values``.

A test replaces ``RowReader.records`` (what read_csv asks) with ``reference_records`` to read
a file the slow way, and compares what the fast way gives with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from delreg.model import Decision
from delreg.parse import Rejected
from delreg.parse.registry_rows import RowReader


def reference_records(
    reader: RowReader, rows: Sequence[Sequence[object]], sources: Sequence[str]
) -> list[Decision | Rejected]:
    """What ``RowReader.records`` must give: each row read alone by the reference."""
    return [reader._reread(cells, source) for cells, source in zip(rows, sources, strict=True)]
