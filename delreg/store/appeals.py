"""Appeals against decisions: lodged, then decided; every change in the decision's history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from delreg.config import Config
from delreg.errors import Conflict, NotFound
from delreg.legal_status import StatusBook
from delreg.model import Appeal
from delreg.store.decisions import DecisionRoom

if TYPE_CHECKING:
    from delreg.store.register import Store

_SELECT = (
    "SELECT d.diary_number, a.lodged_on, a.court, a.reference, a.decided_on, a.outcome "
    "FROM appeals a JOIN decisions d ON d.id = a.decision_id"
)


def _numbered(rows: Iterable[tuple[Any, ...]]) -> dict[str, list[Appeal]]:
    # Numbered per decision in the order lodged (rows come in id order within a decision).
    found: dict[str, list[Appeal]] = {}
    for number, lodged_on, court, reference, decided_on, outcome in rows:
        appeals = found.setdefault(number, [])
        appeals.append(
            Appeal(number, lodged_on, len(appeals) + 1, court, reference, decided_on, outcome)
        )
    return found


def status_book(store: Store, config: Config, today: date | None = None) -> StatusBook:
    """Each decision's legal status on ``today``, from the register's meetings and appeals."""
    return StatusBook(store.meetings(), store.all_appeals(), config, today or date.today())


class AppealRoom(DecisionRoom):
    """The register's appeals; a decision's number in them is its diary number."""

    def appeals(self, diary_number: str) -> list[Appeal]:
        rows = self._query(_SELECT + " WHERE d.diary_number = ? ORDER BY a.id", [diary_number])
        return _numbered(rows).get(diary_number, [])

    def all_appeals(self) -> dict[str, list[Appeal]]:
        """Every decision's appeals (a register has few: read whole, then looked up)."""
        return _numbered(self._query(_SELECT + " ORDER BY d.diary_number, a.id"))

    def lodge_appeal(
        self, diary_number: str, lodged_on: str, court: str | None, reference: str | None
    ) -> Appeal:
        with self._write():
            self.require(diary_number)
            earlier = self.appeals(diary_number)
            if any(a.lodged_on == lodged_on and a.court == court for a in earlier):
                raise Conflict(
                    f"an appeal of {diary_number} lodged on {lodged_on} is already recorded",
                    hint=f"`delreg appeal {diary_number}` shows it",
                )
            stamp = self._now()
            self._query(
                "INSERT INTO appeals (decision_id, lodged_on, court, reference, created_at, "
                "updated_at) SELECT id, ?, ?, ?, ?, ? FROM decisions WHERE diary_number = ?",
                [lodged_on, court, reference, stamp, stamp, diary_number],
            )
            appeal = Appeal(diary_number, lodged_on, len(earlier) + 1, court, reference)
            self._record([("appeal", diary_number, None, appeal.to_json())], stamp)
        return appeal

    def decide_appeal(
        self,
        diary_number: str,
        number: int | None,
        decided_on: str,
        outcome: str,
        reference: str | None = None,
    ) -> Appeal:
        """Record the court's outcome of appeal ``number`` (the one pending when None)."""
        with self._write():
            self.require(diary_number)
            appeals = self.appeals(diary_number)
            old = _chosen(diary_number, appeals, number)
            if decided_on < old.lodged_on:
                raise Conflict(
                    f"the court cannot decide ({decided_on}) before the appeal was lodged "
                    f"({old.lodged_on})",
                    hint="check --decided-on",
                )
            new = Appeal(
                diary_number,
                old.lodged_on,
                old.number,
                old.court,
                reference or old.reference,
                decided_on,
                outcome,
            )
            stamp = self._now()
            self._query(
                "UPDATE appeals SET decided_on = ?, outcome = ?, reference = ?, updated_at = ? "
                "WHERE id = (SELECT a.id FROM appeals a JOIN decisions d ON d.id = a.decision_id "
                "WHERE d.diary_number = ? ORDER BY a.id LIMIT 1 OFFSET ?)",
                [decided_on, outcome, new.reference, stamp, diary_number, old.number - 1],
            )
            self._record([("appeal-decided", diary_number, old.to_json(), new.to_json())], stamp)
        return new


def _chosen(diary_number: str, appeals: list[Appeal], number: int | None) -> Appeal:
    if not appeals:
        raise NotFound(
            f"no appeal of {diary_number} is recorded",
            hint=f"record it first: `delreg appeal {diary_number} --lodged-on DATE`",
        )
    if number is not None:
        if not 1 <= number <= len(appeals):
            raise NotFound(
                f"{diary_number} has no appeal {number}",
                hint=f"it has {len(appeals)}; `delreg appeal {diary_number}` lists them",
            )
        return appeals[number - 1]
    pending = [appeal for appeal in appeals if appeal.pending]
    if len(pending) != 1:
        raise Conflict(
            f"{diary_number} has {len(pending)} pending appeals",
            hint="name the one decided with --number N (`delreg appeal "
            f"{diary_number}` lists them)",
        )
    return pending[0]
