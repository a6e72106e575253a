"""A period report as JSON straight from the register's rows (`report --month … --format json`).

The same bytes as building the PeriodReport and rendering it (delreg.report.render_data), which
tests/report/test_period_json.py holds on real registers, at a fraction of the cost a decision:
SQLite writes each decision's keys and values (delreg.store.report_rows); Python adds the
sentence and the legal status a month's decisions share (StatusBook.report_status_text, each
encoded once) and orders the items. No Decision, ReportItem or dict is made of such a row. A
secret decision of a public report, and a row SQLite cannot write as Python would, is made
the plain way from DECISION_SELECT's row.
"""

from __future__ import annotations

import gc
from json.encoder import encode_basestring as json_string
from typing import TYPE_CHECKING, Any

from delreg.config import Config
from delreg.model import DECISION_FIELDS, diary_number_order
from delreg.report.json_layout import json_text, utf8_pieces
from delreg.report.sentences import sentence_of
from delreg.store.columns import decision_from_row, parties_of

if TYPE_CHECKING:
    from delreg.legal_status import StatusBook
    from delreg.store import Store

# A row of DECISION_SELECT: the id, the decision's fields in order, then deleted_at.
_FIELDS_END = 1 + len(DECISION_FIELDS)

# An item's JSON, in pieces of UTF-8 to be joined.
Item = tuple[bytes, ...]
# An item as it is ordered in its kind: by its date, then by diary number as
# model.diary_number_sort_key orders them (its year, its serial, the number), then its JSON.
# One flat tuple: sorting compares flat tuples at twice the speed of nested ones.
Member = tuple[str, int, int, str, Item]

# The sentence's key and its opening quote, then its text, then the closing quote and the status.
_SENTENCE_KEY = b', "sentence": "'
# What JSON escapes in a text (json.encoder's ESCAPE): single bytes in UTF-8 too, and never a
# byte of another character's sequence. A sentence with none of them is its own JSON text.
_ESCAPED = bytes(range(0x20)) + b'"\\'


def period_json(
    store: Store,
    since: str | None,
    until: str | None,
    config: Config,
    book: StatusBook,
    *,
    public: bool = False,
    board: str | None = None,
) -> list[bytes]:
    """What ``render_json(period_report(…), book.report_status)`` writes, in UTF-8, made from
    the rows: in the pieces it is joined from, to be written out as they are (a month's
    megabytes need not be copied into one block more)."""
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
) -> list[bytes]:
    from delreg.store import DecisionQuery

    query = DecisionQuery(since=since, until=until, newest_first=False, board=board)
    by_kind: dict[str, list[Member]] = {}
    reported = 0
    # Each distinct parties text: its names, and whether it is the list's own JSON (an older
    # delreg may have written it otherwise), so that SQLite's bytes of it can stand.
    parties_read: dict[str, tuple[tuple[str, ...], bool]] = {}
    statuses: dict[str, bytes] = {}
    rows = store.period_items(query).fetchall()
    # A decision reported at more than one meeting comes once per reporting.
    plain = {rows[at][0] for at in range(1, len(rows)) if rows[at][0] == rows[at - 1][0]}
    for (
        identity,
        start,
        kind,
        subject,
        procurement_number,
        stored_parties,
        delegate,
        number,
        wording,
        meeting,
        board_code,
        notified_on,
        notified_by,
        standstill_days,
        decided_on,
        secret,
    ) in rows:
        if start is None or (public and secret) or identity in plain:
            plain.add(identity)
            continue
        parties = parties_read.get(stored_parties)
        if parties is None:
            parties = parties_read[stored_parties] = _parties_read(number, stored_parties)
        if not parties[1]:
            plain.add(identity)
            continue
        sentence = sentence_of(
            kind, subject, procurement_number, parties[0], delegate, number, wording, config
        )
        status_text = book.report_status_text(
            number, kind, meeting, board_code, notified_on, notified_by, standstill_days
        )
        status = statuses.get(status_text)
        if status is None:
            status = statuses[status_text] = f'", "status": {status_text}}}'.encode()
        # item_json's keys after the decision's: its sentence, then its status. Kept in
        # pieces, joined once with the whole document's (not copied into an item first).
        # Encoded, and looked through for what JSON escapes by deleting it: a third of the cost
        # of making its JSON text and encoding that (a month's sentences: 6 ms).
        said = sentence.encode()
        if len(said.translate(None, _ESCAPED)) != len(said):
            said = json_string(sentence)[1:-1].encode()
        text = (start, _SENTENCE_KEY, said, status)
        if meeting is not None:
            reported += 1
        year, serial = diary_number_order(number)
        members = by_kind.get(kind)
        if members is None:
            members = by_kind[kind] = []
        members.append((decided_on or "", year, serial, number, text))
    if plain:
        for row in store.decision_rows_by_id(plain):
            member, kind, meeting = _plain_item(row, config, book, public)
            if meeting is not None:
                reported += 1
            by_kind.setdefault(kind, []).append(member)
    document = _document(store, since, until, config, by_kind, reported, public, board)
    return utf8_pieces(document, "items")


def _parties_read(number: str, stored: str) -> tuple[tuple[str, ...], bool]:
    """The names of a parties column, and whether it is the JSON of their list as delreg
    writes it (else SQLite's copy of it in the item cannot stand)."""
    # Most lists hold names with nothing JSON escapes: their names lie between the quotes,
    # and the text is their list's own JSON by construction, with no decoding and encoding.
    if (
        type(stored) is str
        and len(stored) > 3
        and stored.startswith('["')
        and stored.endswith('"]')
        and "\\" not in stored
        and stored.isprintable()
    ):
        inner = stored[2:-2]
        names = inner.split('", "')
        # No quote but those between the names: each name is its own JSON string's text.
        if inner.count('"') == 2 * len(names) - 2:
            return tuple(names), True
    listed = parties_of(number, stored)
    return listed, json_text(list(listed)) == stored


def _plain_item(
    row: tuple[Any, ...], config: Config, book: StatusBook, public: bool
) -> tuple[Member, str, str | None]:
    """An item made from a row of DECISION_SELECT: as a member of its kind, its kind and its
    meeting."""
    # The decision's JSON as decision_from_row and decision_json make it: the row's values
    # by the field list's names, the parties a list, secret true beside a reason.
    values = dict(zip(DECISION_FIELDS, row[1:_FIELDS_END], strict=True))
    number = values["diary_number"]
    kind = values["kind"]
    reason = values["secret_reason"]
    secret = bool(values["secret"]) or bool(reason and reason.strip())
    if public and secret:
        from delreg.report.build import report_item
        from delreg.report.render_data import item_json

        item = report_item(values["item"], decision_from_row(row), config, public=True)
        text = json_text(item_json(item, book.report_status))
    else:
        parties = parties_of(number, values["parties"])
        values["parties"] = list(parties)
        values["secret"] = secret
        values["sentence"] = sentence_of(
            kind,
            values["subject"],
            values["procurement_number"],
            parties,
            values["delegate"],
            number,
            values["wording"],
            config,
        )
        status = book.report_status_text(
            number,
            kind,
            values["meeting"],
            values["board"],
            values["notified_on"],
            values["notified_by"],
            values["standstill_days"],
        )
        text = f'{json_text(values)[:-1]}, "status": {status}}}'
    year, serial = diary_number_order(number)
    member = (values["decided_on"] or "", year, serial, number, (text.encode(),))
    return member, kind, values["meeting"]


def _document(
    store: Store,
    since: str | None,
    until: str | None,
    config: Config,
    by_kind: dict[str, list[Member]],
    reported: int,
    public: bool,
    board: str | None,
) -> dict[str, Any]:
    # As assemble_period_report orders and names the groups, and period_report the board.
    order = {slug: position for position, slug in enumerate(config.kinds)}
    kinds = []
    items: list[Item] = []
    for kind in sorted(by_kind, key=lambda kind: (order.get(kind, len(order)), kind)):
        # By date and diary number (each a key of its own: no two items compare equal).
        members = sorted(by_kind[kind])
        spec = config.kinds.get(kind)
        label = spec.label if spec else kind[:1].upper() + kind[1:]
        kinds.append({"kind": kind, "label": label, "count": len(members)})
        items.extend([member[4] for member in members])
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
