"""A period report as JSON straight from the register's rows (`report --month … --format json`).

The same bytes as building the PeriodReport and rendering it (delreg.report.render_data), which
tests/report/test_period_json.py holds on real registers, at a fraction of the cost a decision:
SQLite writes each decision's keys and values (delreg.store.report_rows); Python adds the
sentence and the legal status a month's decisions share (StatusBook.report_status_text, each
encoded once) and orders the items. No Decision, ReportItem or dict is made of such a row. A
secret decision of a public report (or one that names a person by personal identity number,
which the public sees masked: delreg.public), and a row SQLite cannot write as Python would,
is made the plain way from DECISION_SELECT's row.
"""

from __future__ import annotations

import gc
import marshal
import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from datetime import date, timedelta
from json.encoder import encode_basestring as json_string
from pathlib import Path
from typing import TYPE_CHECKING, Any

from delreg.config import Config
from delreg.model import DECISION_FIELDS, diary_number_order
from delreg.public import tells_a_secret
from delreg.report.json_layout import json_text, utf8_pieces
from delreg.report.sentences import sentence_of
from delreg.store.columns import decision_from_row, parties_of

if TYPE_CHECKING:
    from delreg.legal_status import StatusBook
    from delreg.store import DecisionQuery, Store

# A row of DECISION_SELECT: the id, the decision's fields in order, then deleted_at.
_FIELDS_END = 1 + len(DECISION_FIELDS)

# An item's JSON, in pieces of UTF-8 to be joined.
Item = tuple[bytes, ...]
# An item as it is ordered in its kind: by its date, then by diary number as
# model.diary_number_sort_key orders them (its year, its serial, the number), then its JSON.
# One flat tuple: sorting compares flat tuples at twice the speed of nested ones.
Member = tuple[str, int, int, str, Item]
# A part of a period: its items by kind, how many of them were reported, and the ids of the
# decisions to be made the plain way (from DECISION_SELECT's row).
Part = tuple[dict[str, list[Member]], int, set[int]]

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
    from delreg.store import DecisionQuery

    collecting = gc.isenabled()
    gc.disable()
    try:
        query = DecisionQuery(since=since, until=until, newest_first=False, board=board)
        part = _part(store, query, config, book, public)
        return _whole(store, since, until, config, book, public, board, [part])
    finally:
        if collecting:
            gc.enable()


def _part(
    store: Store, query: DecisionQuery, config: Config, book: StatusBook, public: bool
) -> Part:
    """The items of ``query``'s decisions that SQLite writes (as members of their kinds), how
    many of them were reported, and the ids of the decisions to make the plain way."""
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
        if (
            start is None
            or (public and (secret or tells_a_secret((subject, stored_parties))))
            or identity in plain
        ):
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
    return by_kind, reported, plain


def _whole(
    store: Store,
    since: str | None,
    until: str | None,
    config: Config,
    book: StatusBook,
    public: bool,
    board: str | None,
    parts: list[Part],
) -> list[bytes]:
    """The document of a period's ``parts``, with the items made the plain way added."""
    by_kind, reported, plain = parts[0]
    for kinds, count, ids in parts[1:]:
        for kind, members in kinds.items():
            by_kind.setdefault(kind, []).extend(members)
        reported += count
        plain |= ids
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
    if public and (secret or tells_a_secret((values["subject"], values["parties"]))):
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


# A register this large holds thousands of decisions a month: below it, a month's report takes
# less time than a helper's fork and connection would save (a million decisions: 1.9 GB).
SHARE_FROM_BYTES = 256 << 20


def shared_period_json(
    register: Path,
    open_store: Callable[[], Store],
    since: str | None,
    until: str | None,
    config: Config,
    *,
    public: bool = False,
    board: str | None = None,
    helper: bool | None = None,
) -> list[bytes]:
    """``period_json``'s pieces for the register at ``register``, which ``open_store`` opens;
    ``board`` is --board as given (None: the configured board, or every board).

    The report's time is SQLite reading and writing the period's rows (each on a page of its
    own in a large file) and Python adding each item's sentence and status, work that divides
    by the decisions' dates. Where it is worth it (``helper`` None: a large register, a
    period of days, a core to spare by delreg.parse.forked's rules; True: wherever a fork is
    sound), a forked helper makes the later half of the period's days while this process
    makes the first, each through a connection of its own opened after the fork (a connection
    must never cross one).

    Each process reads at one moment (``Store.one_moment``: one read transaction, named by the
    newest event of the history, which holds every change). Where the helper's moment is not
    this process's (a change committed between their two), or it failed, this process makes
    the later half itself, in its own moment: the report is one moment's, byte for byte what
    one process makes.
    """
    middle = _middle(since, until)
    helped: _Helper | None = None
    if middle is not None and (helper or (helper is None and _large(register))):
        # Imported only here: a small register's report loads none of the readers' package.
        from delreg.parse.forked import core_to_spare

        if helper or core_to_spare():
            later = middle
            helped = _Helper.start(
                lambda: _later_half(open_store, later, until, config, public=public, board=board)
            )
    return _with_helper(
        open_store, since, until, middle, config, public=public, board=board, helped=helped
    )


def _with_helper(
    open_store: Callable[[], Store],
    since: str | None,
    until: str | None,
    middle: str | None,
    config: Config,
    *,
    public: bool,
    board: str | None,
    helped: _Helper | None,
) -> list[bytes]:
    """The report, its part from ``middle`` on taken from ``helped`` where it made it at this
    process's moment."""
    from delreg.store import DecisionQuery
    from delreg.store.appeals import status_book

    collecting = gc.isenabled()
    gc.disable()
    try:
        with open_store() as store, store.one_moment() as moment:
            code = store.boards().for_reading(board, config.board)
            book = status_book(store, config)
            if helped is None or middle is None:
                return period_json(store, since, until, config, book, public=public, board=code)
            dated = DecisionQuery(since=since, until=until, newest_first=False, board=code)
            first = _part(store, replace(dated, before=middle), config, book, public)
            given = helped.taken()
            if given is not None and given[0] == moment:
                later: Part = given[1]
            else:
                later = _part(store, replace(dated, since=middle), config, book, public)
            return _whole(store, since, until, config, book, public, code, [first, later])
    finally:
        if helped is not None:
            helped.stop()
        if collecting:
            gc.enable()


def _middle(since: str | None, until: str | None) -> str | None:
    """The first day of the later half of a period of two days or more; else None."""
    if since is None or until is None:
        return None
    try:
        first, last = date.fromisoformat(since), date.fromisoformat(until)
    except ValueError:
        return None
    days = (last - first).days
    # The first half the longer where the days do not halve: this process also takes in what
    # the helper made.
    return (first + timedelta(days=days // 2 + 1)).isoformat() if days >= 1 else None


def _large(register: Path) -> bool:
    try:
        return register.stat().st_size >= SHARE_FROM_BYTES
    except OSError:
        return False


def _later_half(
    open_store: Callable[[], Store],
    middle: str,
    until: str | None,
    config: Config,
    *,
    public: bool,
    board: str | None,
) -> tuple[tuple[int, str], Part]:
    """The helper's work: the part of the period from ``middle`` on, and the moment it is of."""
    from delreg.store import DecisionQuery
    from delreg.store.appeals import status_book

    with open_store() as store, store.one_moment() as moment:
        code = store.boards().for_reading(board, config.board)
        book = status_book(store, config)
        query = DecisionQuery(since=middle, until=until, newest_first=False, board=code)
        return moment, _part(store, query, config, book, public)


class _Helper:
    """A forked process making one thing, then sending it as marshal writes it."""

    def __init__(self, pid: int, pipe: int) -> None:
        self._pid: int | None = pid
        self._pipe: int | None = pipe
        self._given: Any | None = None

    @classmethod
    def start(cls, make: Callable[[], Any]) -> _Helper | None:
        """A helper making ``make()``; None where none can be had (delreg.parse.forked's
        rules for a sound fork, or no process or pipe to be had)."""
        from delreg.parse.forked import fork_is_sound, start_child, write_all

        if not fork_is_sound():
            return None
        try:
            # What it sends is megabytes: a pipe of a megabyte takes it in a few writes, not in
            # a hundred of 64 kB, each waiting for this process to read.
            pid, pipe = start_child(
                lambda writing: write_all(writing, marshal.dumps(make())), room=1 << 20
            )
        except OSError:
            return None
        return cls(pid, pipe)

    def taken(self) -> Any | None:
        """What the helper made, once it has sent it all and ended; None where it did not make
        it (it raised, was killed, or made what marshal cannot carry)."""
        if self._pipe is None:
            return self._given
        chunks = []
        while chunk := os.read(self._pipe, 1 << 20):
            chunks.append(chunk)
        self.stop()
        # Cut short (the helper ended before it had sent it all), it is not taken.
        with suppress(EOFError, ValueError, TypeError):
            self._given = marshal.loads(b"".join(chunks))
        return self._given

    def stop(self) -> None:
        """End the helper wherever it is, and reap it."""
        from delreg.parse.forked import end_child

        end_child(self._pid, self._pipe)
        self._pid = self._pipe = None
