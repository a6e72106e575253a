"""The audit pack's content, gathered from the register: what every rendering shows.

Reads only. The sample's history, reporting and findings are those of the whole register (a
finding about a 2024 decision may involve a 2023 award), the statistics and anomalies those of
the year's decisions by decision date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from delreg.audit.anomalies import (
    DirectAwardRules,
    DirectAwardsOverThreshold,
    delegates_not_named,
    direct_awards_over_threshold,
)
from delreg.audit.sample import draw_sample
from delreg.audit.statistics import (
    GroupStatistics,
    by_delegate,
    by_kind,
    by_month,
    days_to_report,
    group_statistics,
    grouped,
    is_late,
)
from delreg.checks.findings import Finding
from delreg.model import Decision

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.store import Event, Store


@dataclass(frozen=True)
class SampledDecision:
    decision: Decision
    history: tuple[Event, ...]
    findings: tuple[Finding, ...]
    days_to_report: int | None
    late: bool

    def to_json(self) -> dict[str, Any]:
        return {
            **self.decision.to_json(),
            "days_to_report": self.days_to_report,
            "late": self.late,
            "history": [event.to_json() for event in self.history],
            "findings": [found.to_json() for found in self.findings],
        }


@dataclass(frozen=True)
class AuditPack:
    year: int
    as_of: str
    seed: int
    sample_size: int
    board: str
    limit: int
    kind_labels: dict[str, str]
    sample: tuple[SampledDecision, ...]
    total: GroupStatistics
    per_delegate: tuple[GroupStatistics, ...]
    per_kind: tuple[GroupStatistics, ...]
    per_month: tuple[GroupStatistics, ...]
    direct_awards: tuple[DirectAwardsOverThreshold, ...]
    thresholds: tuple[tuple[str, int], ...]
    # None when no delegation order is loaded: the question could not be asked.
    unnamed_delegates: tuple[Decision, ...] | None

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.as_of,
            "internal": True,
            "board": self.board,
            "sample": {
                "seed": self.seed,
                "asked": self.sample_size,
                "population": self.total.decisions,
                "decisions": [item.to_json() for item in self.sample],
            },
            "unreported_days": self.limit,
            "statistics": {
                "total": self.total.to_json(),
                "per_delegate": [row.to_json() for row in self.per_delegate],
                "per_kind": [row.to_json() for row in self.per_kind],
                "per_month": [row.to_json() for row in self.per_month],
            },
            "anomalies": {
                "direct_awards_over_threshold": [a.to_json() for a in self.direct_awards],
                "thresholds": dict(self.thresholds),
                "delegates_not_in_order": None
                if self.unnamed_delegates is None
                else [
                    {
                        "diary_number": d.diary_number,
                        "delegate": d.delegate,
                        "decided_on": d.decided_on,
                    }
                    for d in self.unnamed_delegates
                ],
            },
        }


def build_pack(
    store: Store, config: Config, *, year: int, size: int, seed: int, as_of: date
) -> AuditPack:
    from delreg.checks import run_checks
    from delreg.checks.settings import CheckSettings
    from delreg.store import DecisionQuery

    settings = CheckSettings.from_config(config, today=as_of)
    limit = settings.unreported_days
    decisions = list(
        store.decisions(
            DecisionQuery(since=f"{year}-01-01", until=f"{year}-12-31", newest_first=False)
        )
    )
    chosen = draw_sample(decisions, size, seed)
    wanted = {decision.diary_number for decision in chosen}
    findings: dict[str, list[Finding]] = {}
    for found in run_checks(store, settings):
        if found.diary_number in wanted:
            findings.setdefault(found.diary_number, []).append(found)
    sample = tuple(
        SampledDecision(
            decision,
            tuple(store.history(decision.diary_number)),
            tuple(findings.get(decision.diary_number, [])),
            days_to_report(decision),
            is_late(decision, limit, as_of),
        )
        for decision in chosen
    )
    rules = DirectAwardRules.from_config(config)
    book = store.delegation_book(config.board)
    return AuditPack(
        year=year,
        as_of=as_of.isoformat(),
        seed=seed,
        sample_size=size,
        board=config.board,
        limit=limit,
        kind_labels={slug: spec.label for slug, spec in config.kinds.items()},
        sample=sample,
        total=group_statistics(str(year), decisions, limit, as_of),
        per_delegate=tuple(grouped(decisions, by_delegate, limit, as_of)),
        per_kind=tuple(grouped(decisions, by_kind, limit, as_of)),
        per_month=tuple(grouped(decisions, by_month, limit, as_of)),
        direct_awards=tuple(direct_awards_over_threshold(decisions, rules)),
        thresholds=rules.thresholds,
        unnamed_delegates=(tuple(delegates_not_named(decisions, book)) if book.orders else None),
    )
