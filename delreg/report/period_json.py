"""A period report as JSON straight from the register's rows (`report --month … --format json`).

The same bytes as building the PeriodReport and rendering it (delreg.report.render_data), which
tests/report/test_period_json.py holds on real registers, at a third of the cost a decision: no
Decision, ReportItem or second dict is made of a row, the parties a month's decisions share are
decoded once, and so is the legal status they share encoded once
(StatusBook.report_status_text). A secret decision of a public report is made the plain way.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

from delreg.config import Config
from delreg.model import DECISION_FIELDS, diary_number_sort_key
from delreg.report.build import report_item
from delreg.report.render_data import item_json, json_text, lay_out_utf8
from delreg.report.sentences import sentence_of
from delreg.store.columns import decision_from_row, parties_of

if TYPE_CHECKING:
    from delreg.legal_status import StatusBook
    from delreg.store import Store

# A row of DECISION_SELECT: the id, the decision's fields in order, then deleted_at.
_FIELDS_END = 1 + len(DECISION_FIELDS)

SortKey = tuple[str, tuple[int, int, str]]


def period_json(
    store: Store,
    since: str | None,
    until: str | None,
    config: Config,
    book: StatusBook,
    *,
    public: bool = False,
    board: str | None = None,
) -> bytes:
    """What ``render_json(period_report(…), book.report_status)`` writes, in UTF-8, made from
    the rows."""
    # A month's items are thousands of dicts, tuples and texts, none in a cycle: the cyclic
    # collector's passes over them cost a sixth of the report's time, and find nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _period_json(store, since, until, config, book, public, board)
    finally:
        if collecting:
            gc.enable()


def _period_json(
    store: Store,
    since: str | None,
    until: str | None,
    config: Config,
    book: StatusBook,
    public: bool,
    board: str | None,
) -> bytes:
    from delreg.store import DecisionQuery

    query = DecisionQuery(since=since, until=until, newest_first=False, board=board)
    by_kind: dict[str, list[tuple[SortKey, bytes]]] = {}
    reported = 0
    parties_read: dict[str, tuple[tuple[str, ...], list[str]]] = {}
    for row in store.period_rows(query):
        # The decision's JSON as decision_from_row and decision_json make it: the row's values
        # by the field list's names, the parties a list, secret true beside a reason.
        values = dict(zip(DECISION_FIELDS, row[1:_FIELDS_END], strict=True))
        number = values["diary_number"]
        kind = values["kind"]
        reason = values["secret_reason"]
        secret = bool(values["secret"]) or bool(reason and reason.strip())
        if public and secret:
            item = report_item(values["item"], decision_from_row(row), config, public=True)
            text = json_text(item_json(item, book.report_status)).encode()
            meeting = item.decision.meeting
        else:
            stored = values["parties"]
            parties = parties_read.get(stored)
            if parties is None:
                names = parties_of(number, stored)
                parties = parties_read[stored] = (names, list(names))
            values["parties"] = parties[1]
            values["secret"] = secret
            meeting = values["meeting"]
            sentence = sentence_of(
                kind,
                values["subject"],
                values["procurement_number"],
                parties[0],
                values["delegate"],
                number,
                values["wording"],
                config,
            )
            status = book.report_status_text(
                number,
                kind,
                meeting,
                values["board"],
                values["notified_on"],
                values["notified_by"],
                values["standstill_days"],
            )
            # item_json's keys after the decision's: its sentence, then its status.
            values["sentence"] = sentence
            text = f'{json_text(values)[:-1]}, "status": {status}}}'.encode()
        if meeting is not None:
            reported += 1
        key = (values["decided_on"] or "", diary_number_sort_key(number))
        by_kind.setdefault(kind, []).append((key, text))
    document = _document(store, since, until, config, by_kind, reported, public, board)
    return lay_out_utf8(document, "items")


def _document(
    store: Store,
    since: str | None,
    until: str | None,
    config: Config,
    by_kind: dict[str, list[tuple[SortKey, bytes]]],
    reported: int,
    public: bool,
    board: str | None,
) -> dict[str, Any]:
    # As assemble_period_report orders and names the groups, and period_report the board.
    order = {slug: position for position, slug in enumerate(config.kinds)}
    kinds = []
    items: list[bytes] = []
    for kind in sorted(by_kind, key=lambda kind: (order.get(kind, len(order)), kind)):
        # By date and diary number (each a key of its own: no two items compare equal).
        members = sorted(by_kind[kind])
        spec = config.kinds.get(kind)
        label = spec.label if spec else kind[:1].upper() + kind[1:]
        kinds.append({"kind": kind, "label": label, "count": len(members)})
        items.extend(text for _, text in members)
    boards = store.boards()
    known = boards.get(board) if board is not None and len(boards) > 1 else None
    return {
        "since": since,
        "until": until,
        "board": (known.name if known is not None else None) or config.board,
        "public": public,
        "kinds": kinds,
        "total": len(items),
        "reported": reported,
        "items": items,
    }
