"""The audit pack's charts, drawn with matplotlib as PNG files.

matplotlib (and numpy under it) takes a good part of a second to import: only `delreg audit`
imports this module. The Agg backend draws without a display (a server, a cron job), and the
PNGs carry no time or software stamp, so the same pack gives the same files.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from delreg.audit.statistics import GroupStatistics

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from delreg.audit.pack import AuditPack

# Width and height in inches at DPI dots an inch: 16 cm wide in the Word file, sharp on paper.
SIZE = (8.0, 4.0)
DPI = 110
BAR = "#3b6e8f"
LATE = "#b5452c"


def charts(pack: AuditPack) -> dict[str, bytes]:
    """File name → PNG bytes, in the order the pack shows them."""
    import matplotlib

    matplotlib.use("Agg")
    months = [f"{pack.year}-{month:02d}" for month in range(1, 13)]
    per_month = {row.group: row for row in pack.per_month}
    return {
        "beslut-per-manad.png": _bars(
            [month[5:] for month in months],
            [per_month[m].decisions if m in per_month else 0 for m in months],
            [per_month[m].late if m in per_month else 0 for m in months],
            f"Delegationsbeslut per månad {pack.year} (varav sent anmälda)",
            "Antal beslut",
        ),
        "beslut-per-delegat.png": _bars(
            [row.group for row in pack.per_delegate],
            [row.decisions for row in pack.per_delegate],
            [row.late for row in pack.per_delegate],
            f"Delegationsbeslut per delegat {pack.year} (varav sent anmälda)",
            "Antal beslut",
            horizontal=True,
        ),
        "dagar-till-anmalan.png": _days(pack.per_kind, pack.kind_labels, pack.limit, pack.year),
    }


def _bars(
    labels: Sequence[str],
    counts: Sequence[int],
    late: Sequence[int],
    title: str,
    axis: str,
    *,
    horizontal: bool = False,
) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    height = max(2.2, 0.4 * len(labels) + 1.4) if horizontal else SIZE[1]
    figure = Figure(figsize=(SIZE[0], height), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    positions = range(len(labels))
    if horizontal:
        axes.barh(positions, counts, color=BAR, label="Beslut")
        axes.barh(positions, late, color=LATE, label="Sent anmälda")
        axes.set_yticks(list(positions), [_short(label) for label in labels])
        axes.invert_yaxis()
        axes.set_xlabel(axis)
    else:
        axes.bar(positions, counts, color=BAR, label="Beslut")
        axes.bar(positions, late, color=LATE, label="Sent anmälda")
        axes.set_xticks(list(positions), list(labels))
        axes.set_ylabel(axis)
    # Counts of decisions: whole numbers on the axis.
    (axes.xaxis if horizontal else axes.yaxis).set_major_locator(MaxNLocator(integer=True))
    axes.set_title(title)
    axes.legend()
    return _png(figure)


def _days(rows: Sequence[GroupStatistics], labels: dict[str, str], limit: int, year: int) -> bytes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    names = [_short(labels.get(row.group, row.group)) for row in rows]
    positions = list(range(len(rows)))
    width = 0.4
    axes.bar(
        [p - width / 2 for p in positions],
        [row.median_days or 0 for row in rows],
        width,
        color=BAR,
        label="Median",
    )
    axes.bar(
        [p + width / 2 for p in positions],
        [row.max_days or 0 for row in rows],
        width,
        color=LATE,
        label="Längst",
    )
    axes.axhline(limit, color="black", linestyle="--", linewidth=1, label=f"Gräns {limit} dagar")
    axes.set_xticks(positions, names, rotation=20, ha="right")
    axes.set_ylabel("Dagar från beslut till anmälan")
    axes.set_title(f"Dagar till anmälan per beslutstyp {year}")
    axes.legend()
    return _png(figure)


def _short(label: str, width: int = 34) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" stamp: equal packs give equal files.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
