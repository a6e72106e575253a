"""delegation: decisions the delegation order does not allow (kommunallagen 6 kap. 37 §).

A decision is held to its board's order in force on its date (an undated one to the newest). It
is allowed when some point of that order valid on its date covers it: the point it names (or,
when it names none, any point whose kinds include its kind), decided by that point's delegate or
a substitute, or by someone the point was passed on to (vidaredelegering) through passes in
force on that date, for an amount within the point's limit (prisbasbelopp of the decision's
year) and every pass's. A decision that names no delegate is not held to one; one with no amount
is not held to a limit. Pure.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from delreg.checks.facts import CheckSource, DelegationFact
from delreg.checks.findings import Finding, MissingDate, Severity, argument, finding
from delreg.checks.settings import CheckSettings
from delreg.delegation_book import DelegationBook
from delreg.delegation_order import DelegationPoint, Limit, format_amount, same_delegate

__all__ = ["check_delegation", "find", "same_delegate"]

# How many allowed combinations to remember; bounds memory when every amount differs.
_REMEMBERED = 200_000


# Stands in a problem's text for the decision's date, so one verdict serves every decision of
# the same kind, delegate and amount within a period (NUL never occurs in a loaded title).
_DAY = "\x00"


@dataclass(frozen=True)
class _Problem:
    text: str
    severity: Severity = Severity.error


@dataclass(frozen=True)
class _Verdict:
    # Whether a limit in prisbasbelopp needs the decision's year to be checked.
    needs_year: bool
    problems: tuple[_Problem, ...] = ()

    @property
    def severity(self) -> Severity:
        errors = any(p.severity is Severity.error for p in self.problems)
        return Severity.error if errors else Severity.warning

    @property
    def text(self) -> str:
        return "; ".join(p.text for p in self.problems)


def check_delegation(
    facts: Iterable[DelegationFact],
    book: DelegationBook,
    prisbasbelopp: Mapping[int, int],
) -> Iterator[Finding | MissingDate]:
    """Each decision against its board's order in force on its date. A board without any
    order is not checked."""
    by_order: dict[int, _Points] = {}
    # Between two of these days no order, point or pass starts or ends, so the same ones apply.
    boundaries = book.boundaries()
    # A million decisions hold few distinct combinations of board, kind, point, delegate,
    # amount and period: judge each combination once.
    verdicts: dict[tuple[object, ...], tuple[_Verdict, Severity, str]] = {}
    for fact in facts:
        day = fact.decided_on
        board = fact.board
        key = (
            board,
            fact.kind,
            fact.delegation_point,
            fact.delegate,
            fact.amount,
            bisect_right(boundaries, day) if day else -1,
            day[:4] if day and fact.amount is not None else None,
        )
        known = verdicts.get(key)
        if known is None:
            order = book.order_on(board, day)
            if order is None:
                verdict = _without_order(book, board)
            else:
                points = by_order.get(id(order))
                if points is None:
                    points = by_order[id(order)] = _Points.of(order.points)
                verdict = _verdict(fact, board, points, book, prisbasbelopp)
            known = (verdict, verdict.severity, verdict.text)
            if len(verdicts) < _REMEMBERED:
                verdicts[key] = known
        verdict, severity, text = known
        if verdict.needs_year and day is None:
            yield MissingDate(fact.diary_number, "decided_on", "delegation")
        if verdict.problems:
            yield _finding(fact, severity, text)


@dataclass(frozen=True)
class _Points:
    """An order's points by kind and by name."""

    by_kind: Mapping[str, list[DelegationPoint]]
    by_name: Mapping[str, list[DelegationPoint]]

    @classmethod
    def of(cls, points: Iterable[DelegationPoint]) -> _Points:
        by_kind: dict[str, list[DelegationPoint]] = {}
        by_name: dict[str, list[DelegationPoint]] = {}
        for point in points:
            by_name.setdefault(point.point.casefold(), []).append(point)
            for kind in point.kinds:
                by_kind.setdefault(kind, []).append(point)
        return cls(by_kind, by_name)


def _without_order(book: DelegationBook, board: str) -> _Verdict:
    orders = book.board_orders(board)
    if not orders:
        # No order loaded for this board: the rule has nothing to hold its decisions to.
        return _Verdict(False)
    periods = ", ".join(order.period() for order in orders)
    whose = f"board {board}" if board else "the board"
    return _Verdict(
        False, (_Problem(f"no delegation order of {whose} was in force on {_DAY} ({periods})"),)
    )


def _verdict(
    fact: DelegationFact,
    board: str,
    points: _Points,
    book: DelegationBook,
    prisbasbelopp: Mapping[int, int],
) -> _Verdict:
    day = fact.decided_on
    on = f" valid on {_DAY}" if day else ""
    if fact.delegation_point:
        named = points.by_name.get(fact.delegation_point.strip().casefold(), [])
        candidates = [point for point in named if point.valid_on(day)]
        if not named:
            lacks = f"it names point {fact.delegation_point}, which the delegation order lacks"
            return _Verdict(False, (_Problem(lacks),))
        if not candidates:
            periods = ", ".join(point.period() for point in named)
            return _Verdict(
                False, (_Problem(f"point {named[0].point} is not{on} (valid {periods})"),)
            )
        wrong_kind = [p for p in candidates if p.kinds and fact.kind not in p.kinds]
        if len(wrong_kind) == len(candidates):
            point = wrong_kind[0]
            text = (
                f"its kind {fact.kind!r} is not among those of point {point.point} "
                f"({', '.join(point.kinds)})"
            )
            return _Verdict(False, (_Problem(text),))
    else:
        candidates = [point for point in points.by_kind.get(fact.kind, []) if point.valid_on(day)]
        if not candidates:
            text = f"its kind {fact.kind!r} falls under no point of the delegation order{on}"
            return _Verdict(False, (_Problem(text),))
    needs_year = fact.amount is not None and any(
        point.limit and point.limit.unit == "pbb" for point in candidates
    )
    problems = [_problems(fact, board, point, book, prisbasbelopp) for point in candidates]
    if any(not found for found in problems):
        return _Verdict(needs_year)  # some point allows it
    # Report the point that comes closest to allowing it: fewest errors, then the order's order.
    best = min(
        range(len(candidates)),
        key=lambda i: (sum(p.severity is Severity.error for p in problems[i]), len(problems[i]), i),
    )
    return _Verdict(needs_year, tuple(problems[best]))


def _problems(
    fact: DelegationFact,
    board: str,
    point: DelegationPoint,
    book: DelegationBook,
    prisbasbelopp: Mapping[int, int],
) -> list[_Problem]:
    problems = []
    limits: list[tuple[str, Limit]] = []
    if point.limit is not None:
        limits.append((f"point {point.point}", point.limit))
    if fact.delegate and not any(
        same_delegate(fact.delegate, allowed) for allowed in (point.delegate, *point.substitutes)
    ):
        held = book.chain_to(board, point, fact.delegate, fact.decided_on, day_text=_DAY)
        if held.problem is not None:
            problems.append(_Problem(f"it was decided by {fact.delegate!r}, but {held.problem}"))
        elif not held.chain:
            substitutes = " or ".join(repr(s) for s in point.substitutes) or "none"
            problems.append(
                _Problem(
                    f"it was decided by {fact.delegate!r}, who is neither the delegate "
                    f"({point.delegate!r}) nor a substitute ({substitutes}) of point {point.point}"
                    + (", nor holds it by a pass" if point.pass_on else "")
                )
            )
        limits.extend((link.label, link.limit) for link in held.chain if link.limit is not None)
    if fact.amount is not None:
        problems.extend(_over_limits(fact, limits, prisbasbelopp))
    return problems


def _over_limits(
    fact: DelegationFact, limits: list[tuple[str, Limit]], prisbasbelopp: Mapping[int, int]
) -> Iterator[_Problem]:
    assert fact.amount is not None
    year = int(fact.decided_on[:4]) if fact.decided_on else None
    base = prisbasbelopp.get(year) if year is not None else None
    for owner, limit in limits:
        in_kronor = limit.kronor(base)
        if in_kronor is None and year is not None:
            yield _Problem(
                f"its amount {format_amount(fact.amount)} kr cannot be checked against the "
                f"limit of {owner} ({limit}): no prisbasbelopp for {year} in the configuration",
                Severity.warning,
            )
        elif in_kronor is not None and fact.amount > in_kronor:
            converted = f" = {format_amount(in_kronor)} kr in {year}" if limit.unit == "pbb" else ""
            yield _Problem(
                f"its amount {format_amount(fact.amount)} kr exceeds the limit of {owner}, "
                f"{limit}{converted}"
            )


def _finding(fact: DelegationFact, severity: Severity, text: str) -> Finding:
    number = fact.diary_number
    hint = (
        f"check the decision against the delegation order (`delreg delegation show`); name the "
        f"point with `delreg edit {argument(number)} --delegation-point P`, correct the delegate "
        f"or amount, or acknowledge: `delreg check --ack delegation {argument(number)} --reason …`"
        if severity is Severity.error
        else "add the year's amount under [prisbasbelopp] in the configuration"
    )
    return finding(
        "delegation",
        number,
        f"{fact.kind} {number}: {text.replace(_DAY, fact.decided_on or '')}",
        hint,
        decided_on=fact.decided_on,
        severity=severity,
    )


def find(source: CheckSource, settings: CheckSettings) -> Iterator[Finding | MissingDate]:
    """The family's findings over the register (delreg.checks.families): each decision held
    to its board's order in force on its date; none without any order."""
    book = source.delegation_book(settings.default_board)
    if book.orders:
        yield from check_delegation(
            source.delegation_facts(settings.since), book, settings.prisbasbelopp
        )
