"""The report for scripts: JSON with the meeting (or period) and its items, or CSV rows. Pure.

An item is a decision in the contract's JSON shape plus ``item`` (its number in this list) and
``sentence`` (its line in the report). On a draft list (not yet fixed by --mark-reported) an
item's ``meeting`` is still null: the decision is reported nowhere yet. The CSV has the
decision's JSON keys as its header, so a report's rows can go back into
``delreg import --format csv``; it carries decisions only, one row per item (a meeting's
notices are in the JSON).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from delreg.json_shapes import meeting_json, notice_json
from delreg.model import DECISION_FIELDS, Decision
from delreg.report.build import MeetingReport, Report, ReportItem
from delreg.report.grouping import items_in_order
from delreg.report.json_layout import laid_out
from delreg.spreadsheet import protect

CSV_COLUMNS: tuple[str, ...] = (*DECISION_FIELDS, "sentence")


StatusOf = Callable[[Decision], dict[str, Any]]


def item_json(item: ReportItem, status: StatusOf | None = None) -> dict[str, Any]:
    data = item.decision.to_json()
    data["item"] = item.number  # its number in this list, where the decision's own may be None
    data["sentence"] = item.sentence
    if status is not None:
        data["status"] = status(item.decision)
    return data


def report_json(report: Report, status: StatusOf | None = None) -> dict[str, Any]:
    document = _report_json(report, status)
    if report.delegate_groups:
        # Extends the shape only when asked for: the default document stays as it was.
        document["group_by"] = "delegate"
        document["delegates"] = [
            {
                "delegate": group.delegate,
                "count": len(group.items),
                "diary_numbers": [item.decision.diary_number for item in group.items],
                "passed_on_by": list(group.passed_on_by),
            }
            for group in report.delegate_groups
        ]
    return document


def _report_json(report: Report, status: StatusOf | None) -> dict[str, Any]:
    items = [item_json(item, status) for item in items_in_order(report)]
    if isinstance(report, MeetingReport):
        # The meeting's shape, with the board the report is made for (the configured one
        # where the meeting names none).
        return {
            **meeting_json(report.meeting),
            "board": report.board,
            "appeal_ends_on": report.appeal_ends_on,
            "public": report.public,
            "items": items,
            "notices": [notice_json(notice) for notice in report.notices],
        }
    return {
        "since": report.since,
        "until": report.until,
        "board": report.board,
        "public": report.public,
        "kinds": [
            {"kind": group.kind, "label": group.label, "count": len(group.items)}
            for group in report.groups
        ],
        "total": len(report.items),
        "reported": report.reported,
        "items": items,
    }


def render_json(report: Report, status: StatusOf | None = None) -> str:
    # Without entries encoded already, every piece is text.
    pieces = laid_out(report_json(report, status))
    return "".join(piece for piece in pieces if isinstance(piece, str))


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items_in_order(report):
        values = item_json(item)
        # A subject such as "=HYPERLINK(…)" stays text when the list is opened in Excel.
        writer.writerow([protect(csv_cell(values.get(name))) for name in CSV_COLUMNS])
    return buffer.getvalue()


def csv_cell(value: Any) -> str:
    # The same cells as `delreg list --format csv`: parties joined with "; ", true/false.
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(part) for part in value)
    return str(value)
