"""delegation: decisions the delegation order does not allow (kommunallagen 6 kap. 37 §).

A decision is allowed when some point of the order valid on its date covers it: the point it
names (or, when it names none, any point whose kinds include its kind), decided by that point's
delegate or a substitute, for an amount within the point's limit (prisbasbelopp of the
decision's year). A decision that names no delegate is not held to one; one with no amount is not
held to a limit. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from delreg.checks.facts import CheckSource, DelegationFact
from delreg.checks.findings import Finding, MissingDate, Severity, finding
from delreg.checks.settings import CheckSettings
from delreg.delegation_order import DelegationOrder, DelegationPoint, format_amount

# The definite and indefinite forms of a title name the same person: "direktören" is "direktör",
# "sekreteraren" is "sekreterare", "chefen" is "chef".
_DEFINITE_ENDINGS = ("en", "n", "et", "t")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2011": "-"})
# How many allowed combinations to remember; bounds memory when every amount differs.
_REMEMBERED = 200_000


@lru_cache(maxsize=4096)
def _folded_title(text: str) -> str:
    value = text.translate(_DASHES).casefold()
    return " ".join(re.sub(r"[.,:;()]", " ", value).split())


def same_delegate(named: str, listed: str) -> bool:
    """Whether a decision's delegate is the title the delegation order lists."""
    first, second = _folded_title(named), _folded_title(listed)
    if first == second:
        return True
    longer, shorter = (first, second) if len(first) > len(second) else (second, first)
    return longer.startswith(shorter) and longer[len(shorter) :] in _DEFINITE_ENDINGS


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
    order: DelegationOrder,
    prisbasbelopp: Mapping[int, int],
) -> Iterator[Finding | MissingDate]:
    by_kind: dict[str, list[DelegationPoint]] = {}
    by_name: dict[str, list[DelegationPoint]] = {}
    for point in order.points:
        by_name.setdefault(point.point.casefold(), []).append(point)
        for kind in point.kinds:
            by_kind.setdefault(kind, []).append(point)
    # Between two of these days no point starts or ends, so the same points apply.
    boundaries = sorted(
        {point.valid_from for point in order.points if point.valid_from}
        | {_day_after(point.valid_to) for point in order.points if point.valid_to}
    )
    # A million decisions hold few distinct combinations of kind, point, delegate, amount and
    # period: judge each combination once.
    verdicts: dict[tuple[object, ...], tuple[_Verdict, Severity, str]] = {}
    for fact in facts:
        day = fact.decided_on
        key = (
            fact.kind,
            fact.delegation_point,
            fact.delegate,
            fact.amount,
            bisect_right(boundaries, day) if day else -1,
            day[:4] if day and fact.amount is not None else None,
        )
        known = verdicts.get(key)
        if known is None:
            verdict = _verdict(fact, by_kind, by_name, prisbasbelopp)
            known = (verdict, verdict.severity, verdict.text)
            if len(verdicts) < _REMEMBERED:
                verdicts[key] = known
        verdict, severity, text = known
        if verdict.needs_year and day is None:
            yield MissingDate(fact.diary_number, "decided_on", "delegation")
        if verdict.problems:
            yield _finding(fact, severity, text)


def _day_after(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _verdict(
    fact: DelegationFact,
    by_kind: Mapping[str, list[DelegationPoint]],
    by_name: Mapping[str, list[DelegationPoint]],
    prisbasbelopp: Mapping[int, int],
) -> _Verdict:
    day = fact.decided_on
    on = f" valid on {_DAY}" if day else ""
    if fact.delegation_point:
        named = by_name.get(fact.delegation_point.strip().casefold(), [])
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
        candidates = [point for point in by_kind.get(fact.kind, []) if point.valid_on(day)]
        if not candidates:
            text = f"its kind {fact.kind!r} falls under no point of the delegation order{on}"
            return _Verdict(False, (_Problem(text),))
    needs_year = fact.amount is not None and any(
        point.limit and point.limit.unit == "pbb" for point in candidates
    )
    problems = [_problems(fact, point, prisbasbelopp) for point in candidates]
    if any(not found for found in problems):
        return _Verdict(needs_year)  # some point allows it
    # Report the point that comes closest to allowing it: fewest errors, then the order's order.
    best = min(
        range(len(candidates)),
        key=lambda i: (sum(p.severity is Severity.error for p in problems[i]), len(problems[i]), i),
    )
    return _Verdict(needs_year, tuple(problems[best]))


def _problems(
    fact: DelegationFact, point: DelegationPoint, prisbasbelopp: Mapping[int, int]
) -> list[_Problem]:
    problems = []
    if fact.delegate and not any(
        same_delegate(fact.delegate, allowed) for allowed in (point.delegate, *point.substitutes)
    ):
        substitutes = " or ".join(repr(s) for s in point.substitutes) or "none"
        problems.append(
            _Problem(
                f"it was decided by {fact.delegate!r}, who is neither the delegate "
                f"({point.delegate!r}) nor a substitute ({substitutes}) of point {point.point}"
            )
        )
    if fact.amount is not None and point.limit is not None:
        year = int(fact.decided_on[:4]) if fact.decided_on else None
        base = prisbasbelopp.get(year) if year is not None else None
        limit = point.limit.kronor(base)
        if limit is None and year is not None:
            problems.append(
                _Problem(
                    f"its amount {format_amount(fact.amount)} kr cannot be checked against the "
                    f"limit of point {point.point} ({point.limit}): no prisbasbelopp for {year} "
                    "in the configuration",
                    Severity.warning,
                )
            )
        elif limit is not None and fact.amount > limit:
            in_kronor = (
                f" = {format_amount(limit)} kr in {year}" if point.limit.unit == "pbb" else ""
            )
            problems.append(
                _Problem(
                    f"its amount {format_amount(fact.amount)} kr exceeds the limit of point "
                    f"{point.point}, {point.limit}{in_kronor}"
                )
            )
    return problems


def _finding(fact: DelegationFact, severity: Severity, text: str) -> Finding:
    number = fact.diary_number
    hint = (
        f"check the decision against the delegation order (`delreg delegation show`); name the "
        f"point with `delreg edit {number} --delegation-point P`, correct the delegate or amount, "
        f"or acknowledge: `delreg check --ack delegation {number} --reason …`"
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
    """The family's findings over the register (delreg.checks.families): none without a
    delegation order to hold the decisions to."""
    order = source.delegation_order()
    if order is not None:
        yield from check_delegation(
            source.delegation_facts(settings.since), order, settings.prisbasbelopp
        )
