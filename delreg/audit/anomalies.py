"""Anomalies worth an auditor's look. Pure.

- Direct awards (direktupphandling) to one supplier within a calendar year whose sum exceeds
  the direct-award threshold (LOU 19 kap. 8 §: purchases of the same kind in a year count
  together). Which decisions are direct awards, and the threshold in force from each date, are
  configured under [audit] (delreg/defaults/core.toml); the sum is compared with the threshold
  in force on the day of the year's last direct award to that supplier.
- Decisions taken by a delegate the delegation order names nowhere, neither as a point's
  delegate nor as a substitute (the same comparison of titles as the `delegation` check).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from delreg.checks.delegation import same_delegate
from delreg.config import Config
from delreg.delegation_book import DelegationBook
from delreg.errors import InputError
from delreg.model import Decision


@dataclass(frozen=True)
class DirectAwardRules:
    kinds: frozenset[str]
    words: tuple[re.Pattern[str], ...]
    # (from date, kronor), sorted by date.
    thresholds: tuple[tuple[str, int], ...]

    @classmethod
    def from_config(cls, config: Config) -> DirectAwardRules:
        section = config.section("audit")
        raw = section.get("direct_award_threshold", {})
        try:
            thresholds = tuple(sorted((str(day), int(amount)) for day, amount in raw.items()))
            words = tuple(
                re.compile(w, re.IGNORECASE) for w in section.get("direct_award_words", [])
            )
        except (ValueError, TypeError, AttributeError, re.error) as error:
            raise InputError(
                f"[audit] cannot be read: {error}",
                source=config.source,
                hint='thresholds are "YYYY-MM-DD" = kronor, words regular expressions',
            ) from None
        return cls(frozenset(section.get("direct_award_kinds", [])), words, thresholds)

    def is_direct_award(self, decision: Decision) -> bool:
        if decision.kind in self.kinds:
            return True
        text = f"{decision.subject} {decision.wording or ''}"
        return any(word.search(text) for word in self.words)

    def threshold_on(self, day: str) -> tuple[str, int] | None:
        """The threshold in force on ``day`` and the day it came into force."""
        position = bisect_right([start for start, _ in self.thresholds], day)
        return self.thresholds[position - 1] if position else None


@dataclass(frozen=True)
class DirectAwardsOverThreshold:
    supplier: str
    year: int
    decisions: tuple[Decision, ...]
    total: int
    threshold: int
    threshold_from: str

    def to_json(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier,
            "year": self.year,
            "total": self.total,
            "threshold": self.threshold,
            "threshold_from": self.threshold_from,
            "decisions": [
                {"diary_number": d.diary_number, "decided_on": d.decided_on, "amount": d.amount}
                for d in self.decisions
            ],
        }


def direct_awards_over_threshold(
    decisions: Iterable[Decision], rules: DirectAwardRules
) -> list[DirectAwardsOverThreshold]:
    """Suppliers given two or more direct awards in one year that together exceed the
    threshold. A supplier is compared by its name with case and spacing folded."""
    groups: dict[tuple[str, int], list[Decision]] = {}
    names: dict[str, str] = {}
    for decision in decisions:
        if not decision.decided_on or not rules.is_direct_award(decision):
            continue
        for party in decision.parties:
            folded = " ".join(party.casefold().split())
            names.setdefault(folded, party)
            groups.setdefault((folded, int(decision.decided_on[:4])), []).append(decision)
    found = []
    for (folded, year), awards in sorted(groups.items()):
        if len(awards) < 2:
            continue
        awards.sort(key=lambda d: (d.decided_on or "", d.diary_number))
        total = sum(d.amount or 0 for d in awards)
        last_day = awards[-1].decided_on or ""
        in_force = rules.threshold_on(last_day)
        if in_force is None or total <= in_force[1]:
            continue
        found.append(
            DirectAwardsOverThreshold(
                names[folded], year, tuple(awards), total, in_force[1], in_force[0]
            )
        )
    return found


def delegates_not_named(decisions: Iterable[Decision], book: DelegationBook) -> list[Decision]:
    """Decisions whose delegate no order names, nor any pass passes a point on to (undated or
    not: any order, any point, any pass)."""
    titles = book.titles()
    verdicts: dict[str, bool] = {}
    found = []
    for decision in decisions:
        delegate = decision.delegate
        if not delegate:
            continue
        named = verdicts.get(delegate)
        if named is None:
            named = any(same_delegate(delegate, title) for title in titles)
            verdicts[delegate] = named
        if not named:
            found.append(decision)
    return found


def threshold_table(rules: DirectAwardRules) -> Mapping[str, int]:
    return dict(rules.thresholds)
