"""The delegation orders of every board over time, and the powers passed on under them.

Nothing here is erased: a load that replaces an order marks it replaced, an order a later one
takes over from gets its end, a pass ends or is withdrawn. Every change is an event in the
history (``delegation-load``, ``delegation-end``, ``delegation-replace``, ``delegation-pass``,
``delegation-pass-end``, ``delegation-pass-withdraw``), written in the same transaction.

Where a change may be made is decided by the model (delreg.delegation_book) over what the
register holds, read inside the write transaction, so two commands cannot both pass the same
check on a register the other is changing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from delreg.delegation_book import DelegationBook, LoadPlan, Pass
from delreg.delegation_order import DelegationOrder, DelegationPoint, Limit
from delreg.errors import InvalidValue
from delreg.store.base import StoreBase
from delreg.store.boards import BoardWriter, read_boards
from delreg.store.columns import DamagedValue, stored_json
from delreg.store.history import Event
from delreg.store.trail import now

_ORDER_SELECT = (
    "SELECT id, board, name, source, adopted, valid_from, valid_to, loaded_at "
    "FROM delegation_orders WHERE replaced_at IS NULL"
)
_POINT_SELECT = (
    "SELECT order_id, point, matter, kinds, delegate, substitutes, limit_amount, limit_unit, "
    "valid_from, valid_to, line, pass_on FROM delegation_points"
)
_PASS_SELECT = (
    "SELECT id, board, point, passed_by, passed_to, valid_from, valid_to, limit_amount, "
    "limit_unit, rests_on, created_at, user, withdrawn_at FROM delegation_passes"
)


@dataclass(frozen=True)
class Loaded:
    """What a load stored, and what it did to the orders before it."""

    plan: LoadPlan
    order_id: int


class DelegationStore:
    """Delegation orders and passes in an open register.

    ``default_board`` is ``[register] board`` (a code or a name). An order or pass stored under
    no board (one loaded before the register named a board, or kept by the upgrade) is the
    default board's, or the register's only board's; in a register that names no board it
    stays the unnamed board's, as its decisions do.
    """

    def __init__(self, store: StoreBase, default_board: str = "") -> None:
        self.store = store
        self.default_board = default_board

    # --- reading ----------------------------------------------------------------------------

    def book(self) -> DelegationBook:
        """Every board's live orders with their points, and every pass (withdrawn ones too)."""
        query = self.store._query
        points: dict[int, list[DelegationPoint]] = {}
        for row in query(_POINT_SELECT + " ORDER BY id"):
            points.setdefault(row[0], []).append(_point_from_row(row[1:]))
        orders = tuple(
            DelegationOrder(
                points=tuple(points.get(row[0], ())),
                id=row[0],
                board=row[1] or "",
                name=row[2] or "",
                source=row[3] or "",
                adopted=row[4],
                valid_from=row[5],
                valid_to=row[6],
                loaded_at=row[7],
            )
            for row in query(_ORDER_SELECT + " ORDER BY id")
        )
        passes = tuple(self._pass_from_row(row) for row in query(_PASS_SELECT + " ORDER BY id"))
        book = DelegationBook(orders=orders, passes=passes)
        return book.with_default_board(self._unnamed_board())

    def _unnamed_board(self) -> str:
        """The code the rows stored under no board read as ("" where none is certain)."""
        boards = read_boards(self.store.connection)
        if not boards:
            return ""
        found = boards.find(self.default_board) if self.default_board.strip() else None
        if found is not None:
            return found.code
        return boards.boards[0].code if len(boards) == 1 else ""

    def _board_to_write(self, option: str | None, named_in_file: str = "") -> str:
        """The code of the board a new order or pass belongs to (``_board_for``), made a board
        of the register if it is not one yet."""
        code = self._board_for(option, named_in_file)
        BoardWriter(self.store.connection, self.store.user, self.store.command).ensure(code or None)
        return code

    def _board_for(self, option: str | None, named_in_file: str = "") -> str:
        """The code of the board a new order or pass belongs to: ``--board``, else the board
        the order's file names when the register holds it, else the default board. A board the
        register does not hold is refused where it has boards; in one that names none, the
        first board named becomes its board (delreg.boards). Reads only."""
        boards = read_boards(self.store.connection)
        wanted = option
        if wanted is None and named_in_file.strip():
            if boards.find(named_in_file) is not None:
                wanted = named_in_file
            elif boards:
                raise InvalidValue(
                    f"the order's file names board {named_in_file!r}, which the register does "
                    "not hold",
                    hint="say which board it is with --board CODE; " + boards.hint(),
                )
        board = boards.for_writing(wanted, self.default_board)
        return board.code if board is not None else ""

    def history(self) -> list[Event]:
        """Every load, end, pass and withdrawal of the delegation orders, oldest first."""
        rows = self.store._query(
            "SELECT at, user, action, diary_number, old, new, command FROM events "
            "WHERE action LIKE 'delegation-%' ORDER BY id"
        )
        return [
            Event(
                at=at,
                user=user or "",
                action=action,
                diary_number=number,
                old=stored_json(old, "an entry in the delegation history"),
                new=stored_json(new, "an entry in the delegation history"),
                command=command or "",
            )
            for at, user, action, number, old, new, command in rows
        ]

    # --- orders -----------------------------------------------------------------------------

    def plan_load(self, order: DelegationOrder, board: str | None = None) -> LoadPlan:
        """What ``load`` would do, without doing it (a dry run): the order as it would be
        stored and the orders it would end or replace. Reads only."""
        code = self._board_for(board, order.name)
        return self.book().plan_load(replace(order, board=code, loaded_at=now()))

    def load(self, order: DelegationOrder, board: str | None = None) -> Loaded:
        """Store ``order`` among the orders of ``board`` (``--board``: a code or name; None for
        the board the file names, else the default) as DelegationBook.plan_load places it."""
        store = self.store
        stamp = now()
        with store._write():
            code = self._board_to_write(board, order.name)
            plan = self.book().plan_load(replace(order, board=code, loaded_at=stamp))
            new = plan.order
            for change in plan.changes:
                old = change.order
                if change.ends_on is None:
                    store._query(
                        "UPDATE delegation_orders SET replaced_at = ? WHERE id = ?", [stamp, old.id]
                    )
                else:
                    store._query(
                        "UPDATE delegation_orders SET valid_to = ? WHERE id = ?",
                        [change.ends_on, old.id],
                    )
            cursor = store._query(
                "INSERT INTO delegation_orders (loaded_at, user, source, board, name, adopted, "
                "points, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    stamp,
                    store.user,
                    new.source,
                    new.board,
                    new.name,
                    new.adopted,
                    len(new.points),
                    new.valid_from,
                    new.valid_to,
                ],
            )
            order_id = int(cursor.lastrowid or 0)
            store.connection.executemany(
                "INSERT INTO delegation_points (order_id, point, matter, kinds, delegate, "
                "substitutes, limit_amount, limit_unit, valid_from, valid_to, line, pass_on) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(order_id, *_point_row(point)) for point in new.points],
            )
            stored = replace(new, id=order_id)
            events: list[tuple[str, str | None, dict[str, Any] | None, dict[str, Any] | None]]
            events = [
                ("delegation-replace", None, change.order.header_json(), {"replaced_by": order_id})
                for change in plan.changes
                if change.ends_on is None
            ]
            events.extend(
                (
                    "delegation-end",
                    None,
                    change.order.header_json(),
                    {**change.order.header_json(), "valid_to": change.ends_on},
                )
                for change in plan.ended
            )
            events.append(("delegation-load", None, None, stored.header_json()))
            store._record(events, stamp)
        return Loaded(replace(plan, order=stored), order_id)

    # --- passes -----------------------------------------------------------------------------

    def add_pass(self, request: Pass, board: str | None = None) -> Pass:
        """Record that a point of ``board``'s order (``--board``; None: the default board) was
        passed on, if the order in force allows it."""
        store = self.store
        stamp = now()
        with store._write():
            code = self._board_to_write(board)
            admitted = self.book().admit(replace(request, board=code))
            limit = admitted.limit
            cursor = store._query(
                "INSERT INTO delegation_passes (board, point, passed_by, passed_to, valid_from, "
                "valid_to, limit_amount, limit_unit, rests_on, created_at, user) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    admitted.board,
                    admitted.point,
                    admitted.by,
                    admitted.to,
                    admitted.valid_from,
                    admitted.valid_to,
                    str(limit.amount) if limit else None,
                    limit.unit if limit else None,
                    admitted.rests_on,
                    stamp,
                    store.user,
                ],
            )
            stored = replace(admitted, id=int(cursor.lastrowid or 0), created_at=stamp,
                             user=store.user)  # fmt: skip
            store._record([("delegation-pass", None, None, stored.to_json())], stamp)
        return stored

    def end_pass(self, number: int, last_day: str) -> Pass:
        """End pass ``number`` after ``last_day`` (it is in force through that day)."""
        store = self.store
        stamp = now()
        with store._write():
            old = self.book().pass_by_id(number)
            if old.withdrawn_at is not None:
                raise InvalidValue(f"{old.label} was withdrawn on {old.withdrawn_at[:10]}")
            if last_day < old.valid_from:
                raise InvalidValue(
                    f"{old.label} begins {old.valid_from}; it cannot end before that",
                    hint=f"`delreg delegation withdraw {number}` takes back a pass made in error",
                )
            new = replace(old, valid_to=last_day)
            store._query(
                "UPDATE delegation_passes SET valid_to = ? WHERE id = ?", [last_day, number]
            )
            store._record([("delegation-pass-end", None, old.to_json(), new.to_json())], stamp)
        return new

    def withdraw_pass(self, number: int) -> Pass:
        """Take back a pass recorded in error: it never counted, and the history keeps it."""
        store = self.store
        stamp = now()
        with store._write():
            old = self.book().pass_by_id(number)
            if old.withdrawn_at is not None:
                raise InvalidValue(f"{old.label} was withdrawn already, on {old.withdrawn_at[:10]}")
            new = replace(old, withdrawn_at=stamp)
            store._query(
                "UPDATE delegation_passes SET withdrawn_at = ? WHERE id = ?", [stamp, number]
            )
            store._record([("delegation-pass-withdraw", None, old.to_json(), new.to_json())], stamp)
        return new

    @staticmethod
    def _pass_from_row(row: tuple[Any, ...]) -> Pass:
        (number, board, point, by, to, valid_from, valid_to, amount, unit, rests_on,
         created_at, user, withdrawn_at) = row  # fmt: skip
        return Pass(
            board=board or "",
            point=point,
            by=by,
            to=to,
            valid_from=valid_from,
            valid_to=valid_to,
            limit=_limit(amount, unit),
            rests_on=rests_on,
            id=number,
            created_at=created_at,
            user=user,
            withdrawn_at=withdrawn_at,
        )


def _limit(amount: str | None, unit: str | None) -> Limit | None:
    if amount is None or unit not in ("kr", "pbb"):
        return None
    try:
        return Limit(Fraction(amount), unit)  # type: ignore[arg-type]
    except (ValueError, ZeroDivisionError):
        raise DamagedValue(f"the limit {amount!r} is not the number delreg wrote") from None


def _point_row(point: DelegationPoint) -> tuple[Any, ...]:
    return (
        point.point,
        point.matter,
        json.dumps(list(point.kinds), ensure_ascii=False),
        point.delegate,
        json.dumps(list(point.substitutes), ensure_ascii=False),
        str(point.limit.amount) if point.limit else None,
        point.limit.unit if point.limit else None,
        point.valid_from,
        point.valid_to,
        point.line,
        point.pass_on,
    )


def _point_from_row(row: tuple[Any, ...]) -> DelegationPoint:
    (point, matter, kinds, delegate, substitutes, amount, unit, valid_from, valid_to, line,
     pass_on) = row  # fmt: skip
    return DelegationPoint(
        point=point,
        matter=matter,
        delegate=delegate,
        kinds=_names(kinds, point),
        substitutes=_names(substitutes, point),
        limit=_limit(amount, unit),
        valid_from=valid_from,
        valid_to=valid_to,
        line=line,
        pass_on=int(pass_on or 0),
    )


def _names(text: str, point: str) -> tuple[str, ...]:
    try:
        names = json.loads(text)
    except ValueError:
        names = None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise DamagedValue(f"delegation point {point} is not the JSON delreg wrote")
    return tuple(names)
