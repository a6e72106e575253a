"""Every board's delegation orders over time, and the powers passed on under them. Pure.

A board adopts a new delegationsordning now and then; decisions are held to the order that was
in force on the day they were taken, so the register keeps each order with its period. Loading
an order for a board ends the one before it the day before it begins (unless that one's own file
ended it earlier); an order loaded with the same start as a stored one replaces it.

A point the order allows to be passed on (vidaredelegering, kommunallagen 7 kap. 6 §) can be
handed by its delegate to another employee for a period, optionally with a lower limit; where
the order allows more than one step, that employee can hand it on again. Each such *pass* rests
on the one before it, so a decision by the last holder is allowed only while every link of the
chain is in force, the order in force still lets the point be passed on that far, and the
amount is within the point's limit and every link's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from delreg.delegation_order import (
    DelegationOrder,
    DelegationPoint,
    Limit,
    in_period,
    period_text,
    same_delegate,
)
from delreg.errors import InvalidValue, NotFound


def day_before(day: str) -> str:
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def day_after(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


@dataclass(frozen=True)
class Pass:
    """A point of a board's order passed on by ``by`` to ``to`` for a period."""

    board: str
    point: str
    by: str
    to: str
    valid_from: str
    valid_to: str | None = None
    limit: Limit | None = None
    # The pass through which ``by`` holds the point; None when ``by`` is the point's delegate.
    rests_on: int | None = None
    id: int | None = None
    created_at: str | None = None
    user: str | None = None
    # A pass recorded in error and taken back; it never counted (kept for the history).
    withdrawn_at: str | None = None

    def valid_on(self, day: str | None) -> bool:
        return self.withdrawn_at is None and in_period(day, self.valid_from, self.valid_to)

    def period(self) -> str:
        return period_text(self.valid_from, self.valid_to)

    @property
    def label(self) -> str:
        return f"pass #{self.id}" if self.id is not None else "the pass"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "board": self.board,
            "point": self.point,
            "by": self.by,
            "to": self.to,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "limit": str(self.limit) if self.limit else None,
            "rests_on": self.rests_on,
            "created_at": self.created_at,
            "user": self.user,
            "withdrawn_at": self.withdrawn_at,
        }


@dataclass(frozen=True)
class OrderChange:
    """What loading an order does to a stored one: ends it earlier, or replaces it."""

    order: DelegationOrder
    # The new end of an order ended by the load; None when the order is replaced whole.
    ends_on: str | None


@dataclass(frozen=True)
class LoadPlan:
    """The order to store (its period settled) and what happens to the stored ones."""

    order: DelegationOrder
    changes: tuple[OrderChange, ...]

    @property
    def replaced(self) -> tuple[DelegationOrder, ...]:
        return tuple(change.order for change in self.changes if change.ends_on is None)

    @property
    def ended(self) -> tuple[OrderChange, ...]:
        return tuple(change for change in self.changes if change.ends_on is not None)


@dataclass(frozen=True)
class ChainVerdict:
    """Whether a holder may decide under a point on a day through passes, and if not, why."""

    chain: tuple[Pass, ...] = ()  # the links, the holder's own first
    problem: str | None = None


@dataclass(frozen=True)
class DelegationBook:
    """The live orders of every board (each with its period) and the passes made under them."""

    orders: tuple[DelegationOrder, ...] = ()
    passes: tuple[Pass, ...] = ()
    _by_board: dict[str, list[DelegationOrder]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for order in sorted(self.orders, key=lambda o: o.valid_from or ""):
            self._by_board.setdefault(order.board, []).append(order)

    def with_default_board(self, code: str) -> DelegationBook:
        """The book with the orders and passes stored under no board (a register made before
        boards had codes) given to the default board ``code``."""
        if not code:
            return self
        return DelegationBook(
            orders=tuple(o if o.board else replace(o, board=code) for o in self.orders),
            passes=tuple(p if p.board else replace(p, board=code) for p in self.passes),
        )

    @property
    def boards(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_board))

    def board_orders(self, board: str) -> list[DelegationOrder]:
        """The board's orders, oldest first."""
        return list(self._by_board.get(board, []))

    def order_on(self, board: str, day: str | None) -> DelegationOrder | None:
        """The board's order in force on ``day``; for an undated decision, the newest."""
        orders = self._by_board.get(board, [])
        if day is None:
            return orders[-1] if orders else None
        for order in reversed(orders):
            if order.in_force_on(day):
                return order
        return None

    def current(self, board: str) -> DelegationOrder | None:
        orders = self._by_board.get(board, [])
        return orders[-1] if orders else None

    def titles(self) -> set[str]:
        """Everyone some order names as a delegate or substitute, or a pass passes a point to."""
        named = {
            title
            for order in self.orders
            for point in order.points
            for title in (point.delegate, *point.substitutes)
        }
        return named | {passed.to for passed in self.passes if passed.withdrawn_at is None}

    def boundaries(self) -> list[str]:
        """The days on which some order, point or pass begins or the day after one ends: between
        two of them the same ones apply."""
        days: set[str] = set()
        for order in self.orders:
            days.update(_starts_and_ends(order.valid_from, order.valid_to))
            for point in order.points:
                days.update(_starts_and_ends(point.valid_from, point.valid_to))
        for passed in self.passes:
            days.update(_starts_and_ends(passed.valid_from, passed.valid_to))
        return sorted(days)

    # --- loading an order -------------------------------------------------------------------

    def plan_load(self, order: DelegationOrder) -> LoadPlan:
        """Where ``order`` goes among its board's orders.

        An order with the same start as a stored one replaces it; an order without a start
        (a CSV file cannot say one) replaces the board's newest order, taking its start. The
        order before the new one ends the day before the new one begins, unless it ends
        earlier already; the new one ends the day before the next one begins.
        """
        stored = self._by_board.get(order.board, [])
        start = order.valid_from
        if start is None and stored:
            start = stored[-1].valid_from
            order = replace(order, valid_from=start)
        changes = [OrderChange(old, None) for old in stored if old.valid_from == start]
        kept = [old for old in stored if old.valid_from != start]
        earlier = [old for old in kept if _before(old.valid_from, start)]
        later = [old for old in kept if not _before(old.valid_from, start)]
        if earlier and start is not None:
            previous = earlier[-1]
            end = day_before(start)
            if previous.valid_to is None or previous.valid_to > end:
                changes.append(OrderChange(previous, end))
        if later and later[0].valid_from is not None:
            end = day_before(later[0].valid_from)
            if order.valid_to is None or order.valid_to > end:
                order = replace(order, valid_to=end)
        if order.valid_from and order.valid_to and order.valid_to < order.valid_from:
            raise InvalidValue(
                f"the order of {order.board or 'the board'} would end before it begins: the "
                f"next one begins {later[0].valid_from if later else order.valid_to}",
                hint="give [order] valid_from in the file",
            )
        return LoadPlan(order, tuple(changes))

    # --- passing a point on -----------------------------------------------------------------

    def admit(self, request: Pass) -> Pass:
        """``request`` checked against the order in force on its first day and the passes it
        rests on; the pass to store (with the pass it rests on). InvalidValue says why not."""
        order = self.order_on(request.board, request.valid_from)
        board = request.board or "the default board"
        if order is None:
            raise NotFound(
                f"{board} has no delegation order in force on {request.valid_from}",
                hint="load one first: delreg delegation load FILE",
            )
        point = point_in(order, request.point, request.valid_from)
        if point is None:
            raise NotFound(
                f"point {request.point} is not in the delegation order of {board} in force on "
                f"{request.valid_from} ({order.source or 'loaded ' + (order.loaded_at or '')})",
                hint="`delreg delegation show` lists its points",
            )
        if request.valid_to is not None and request.valid_to < request.valid_from:
            raise InvalidValue(
                f"the pass would end ({request.valid_to}) before it begins ({request.valid_from})"
            )
        if point.pass_on == 0:
            raise InvalidValue(
                f"point {point.point} ({point.matter}) may not be passed on: the delegation order "
                f"of {board} in force on {request.valid_from} does not allow vidaredelegering "
                "of it",
                hint="only points marked pass_on = true in the order can be passed on "
                "(kommunallagen 7 kap. 6 §)",
            )
        if same_delegate(request.to, point.delegate):
            raise InvalidValue(f"{request.to!r} is the delegate of point {point.point} already")
        if not request.by:
            request = replace(request, by=point.delegate)
        parent: Pass | None = None
        if not any(same_delegate(request.by, holder) for holder in _holders(point)):
            parent = self._holding(request, point)
        depth = 1 + (len(self.links(parent)) if parent else 0)
        if depth > point.pass_on:
            raise InvalidValue(
                f"point {point.point} may be passed on {_steps(point.pass_on)}, and "
                f"{request.by!r} holds it through {_steps(depth - 1)} already "
                f"({', '.join(link.label for link in self.links(parent))})",
                hint="the delegate (or the holder of a shorter chain) can pass it on instead",
            )
        return replace(request, point=point.point, rests_on=parent.id if parent else None, id=None)

    def _holding(self, request: Pass, point: DelegationPoint) -> Pass:
        """The pass in force on the request's first day through which ``by`` holds the point."""
        held = [
            passed
            for passed in self.passes
            if passed.board == request.board
            and passed.point.casefold() == point.point.casefold()
            and same_delegate(request.by, passed.to)
            and passed.valid_on(request.valid_from)
        ]
        if not held:
            raise InvalidValue(
                f"{request.by!r} is neither the delegate ({point.delegate!r}) of point "
                f"{point.point} nor holds it by a pass in force on {request.valid_from}",
                hint=f'--by names who passes it on; by default the delegate, "{point.delegate}"',
            )
        return held[-1]

    def links(self, holder: Pass | None) -> list[Pass]:
        """``holder`` and the passes it rests on, the holder's own first."""
        by_id = {passed.id: passed for passed in self.passes}
        chain: list[Pass] = []
        current = holder
        while current is not None and len(chain) <= len(self.passes):
            chain.append(current)
            current = by_id.get(current.rests_on) if current.rests_on is not None else None
        return chain

    def pass_by_id(self, number: int) -> Pass:
        for passed in self.passes:
            if passed.id == number:
                return passed
        raise NotFound(f"no pass #{number}", hint="`delreg delegation passes` lists them")

    # --- checking a decision ----------------------------------------------------------------

    def chain_to(
        self,
        board: str,
        point: DelegationPoint,
        holder: str,
        day: str | None,
        *,
        day_text: str | None = None,
    ) -> ChainVerdict:
        """Whether ``holder`` may decide under ``point`` (of the order in force on ``day``) on
        ``day`` through passes. The problem names the day as ``day_text`` (default ``day``)."""
        held = [
            passed
            for passed in self.passes
            if passed.board == board
            and passed.withdrawn_at is None
            and passed.point.casefold() == point.point.casefold()
            and same_delegate(holder, passed.to)
        ]
        if not held:
            return ChainVerdict(problem=None)
        problems = []
        for passed in held:
            chain = self.links(passed)
            problem = self._broken(chain, point, day, day_text or day)
            if problem is None:
                return ChainVerdict(chain=tuple(chain))
            problems.append(problem)
        return ChainVerdict(problem=problems[0])

    def _broken(
        self, chain: list[Pass], point: DelegationPoint, day: str | None, day_text: str | None
    ) -> str | None:
        holder = chain[0]
        on = f" on {day_text}" if day is not None else ""
        for link in chain:
            if not link.valid_on(day):
                whose = "" if link is holder else f", which {holder.label} rests on,"
                return (
                    f"{holder.to!r} holds point {point.point} by {holder.label}; {link.label}"
                    f"{whose} to {link.to!r} ({link.period()}) was not in force{on}"
                )
        root = chain[-1]
        if root.rests_on is not None:
            return f"{root.label} rests on a pass the register does not hold"
        if not any(same_delegate(root.by, allowed) for allowed in _holders(point)):
            return (
                f"{root.label} was made by {root.by!r}, who is not the delegate "
                f"({point.delegate!r}) of point {point.point} in the order in force{on}"
            )
        if len(chain) > point.pass_on:
            allowed = (
                "may not be passed on"
                if point.pass_on == 0
                else f"may be passed on {_steps(point.pass_on)}"
            )
            return (
                f"{holder.to!r} holds point {point.point} through {_steps(len(chain))} "
                f"({', '.join(link.label for link in chain)}), but the order in force{on} says "
                f"it {allowed}"
            )
        return None


def point_in(order: DelegationOrder, name: str, day: str | None) -> DelegationPoint | None:
    """The point of ``order`` called ``name`` that applies on ``day``."""
    for point in order.named(name):
        if point.valid_on(day):
            return point
    return None


def _holders(point: DelegationPoint) -> tuple[str, ...]:
    # A substitute stands in for the delegate, and may pass the point on as the delegate could.
    return (point.delegate, *point.substitutes)


def _steps(count: int) -> str:
    return "one step" if count == 1 else f"{count} steps"


def _before(first: str | None, second: str | None) -> bool:
    if first is None:
        return second is not None
    return second is not None and first < second


def _starts_and_ends(valid_from: str | None, valid_to: str | None) -> Iterable[str]:
    if valid_from:
        yield valid_from
    if valid_to:
        yield day_after(valid_to)
