"""The thresholds and kind roles the checks use, read once from the configuration. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from delreg.config import Config
from delreg.errors import InputError

# The roles kinds play in a procurement's chain. The configuration may name other kinds for each
# role under [checks] (award_kinds, contract_kinds, initiation_kinds, processor_agreement_kinds);
# an award kind opens an avtalsspärr only when its [kinds.*] table says `standstill = true`, so a
# kind for awards in förnyad konkurrensutsättning or direktupphandling can be an award without one.
DEFAULT_ROLES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "award_kinds": ("tilldelningsbeslut",),
        "contract_kinds": ("kontrakt",),
        "initiation_kinds": ("initiering",),
        "processor_agreement_kinds": ("pub-avtal",),
    }
)


@dataclass(frozen=True)
class CheckSettings:
    today: date
    award_without_contract_days: int = 90
    unreported_days: int = 45
    standstill_days_electronic: int = 10
    standstill_days_other: int = 15
    award_kinds: frozenset[str] = frozenset(DEFAULT_ROLES["award_kinds"])
    standstill_kinds: frozenset[str] = frozenset(DEFAULT_ROLES["award_kinds"])
    contract_kinds: frozenset[str] = frozenset(DEFAULT_ROLES["contract_kinds"])
    initiation_kinds: frozenset[str] = frozenset(DEFAULT_ROLES["initiation_kinds"])
    processor_agreement_kinds: frozenset[str] = frozenset(
        DEFAULT_ROLES["processor_agreement_kinds"]
    )
    prisbasbelopp: Mapping[int, int] = field(default_factory=dict)
    since: str | None = None
    contract_notice_days: int = 90
    # [register] board (a code or a name): the board of delegation orders stored under none.
    default_board: str = ""

    @property
    def chain_kinds(self) -> frozenset[str]:
        """The kinds the procurement rules read."""
        return self.award_kinds | self.contract_kinds | self.initiation_kinds

    def standstill_days(self, notified_by: str | None, stated: int | None) -> int:
        """LOU 20 kap. 1 §: 10 days electronically, 15 otherwise; a longer stated spärr wins."""
        legal = (
            self.standstill_days_electronic
            if notified_by in (None, "electronic")
            else self.standstill_days_other
        )
        return max(legal, stated or 0)

    @classmethod
    def from_config(cls, config: Config, *, today: date, since: str | None = None) -> CheckSettings:
        checks = config.section("checks")
        roles = {name: _kind_list(checks, name, config) for name in DEFAULT_ROLES}
        opens_standstill = {slug for slug, spec in config.kinds.items() if spec.standstill}
        prisbasbelopp = {
            int(year): int(amount) for year, amount in config.section("prisbasbelopp").items()
        }
        return cls(
            today=today,
            award_without_contract_days=config.check_setting("award_without_contract_days", 90),
            unreported_days=config.check_setting("unreported_days", 45),
            standstill_days_electronic=config.check_setting("standstill_days_electronic", 10),
            standstill_days_other=config.check_setting("standstill_days_other", 15),
            # A kind that opens a spärr is an award whether or not [checks] lists it.
            award_kinds=frozenset(roles["award_kinds"]) | opens_standstill,
            standstill_kinds=frozenset(opens_standstill),
            contract_kinds=frozenset(roles["contract_kinds"]),
            initiation_kinds=frozenset(roles["initiation_kinds"]),
            processor_agreement_kinds=frozenset(roles["processor_agreement_kinds"]),
            prisbasbelopp=MappingProxyType(prisbasbelopp),
            since=since,
            contract_notice_days=config.check_setting("contract_notice_days", 90),
            default_board=config.board,
        )


def _kind_list(checks: Mapping[str, object], name: str, config: Config) -> tuple[str, ...]:
    value = checks.get(name, DEFAULT_ROLES[name])
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise InputError(
            f"checks.{name} must be a list of kind slugs", source=config.source, hint=None
        )
    return tuple(value)
