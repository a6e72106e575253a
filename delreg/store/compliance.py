"""What the checks read from the register, and what they write: acknowledgements. (The
delegation orders and passes are kept by delreg.store.delegation.)

Each query narrows in SQL to the rows a rule could flag (a superset; the rule decides again in
Python), so checking a register of a million decisions never walks it row by row in Python more
than the delegation rule needs. Rows stream from the cursor as plain tuples.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any

from delreg.errors import NotFound
from delreg.store.decisions import DecisionRoom

if TYPE_CHECKING:
    # Only `delreg check` reads the book (through delreg.store.delegation) and the facts:
    # every other command's start-up would pay for delegation_book, delegation_order and
    # the facts' classes. Each method imports the facts it makes.
    from delreg import facts
    from delreg.delegation_book import DelegationBook

_LIVE = "d.deleted_at IS NULL"
# Undated decisions always pass a --since filter: nobody can say they are older.
_SINCE = " AND (d.decided_on IS NULL OR d.decided_on >= ?)"
# What a subject or parties that name a person by personal identity number hold, to narrow the
# decisions `check --rule personal-number` reads; the rule itself (a date, the check digit) is
# Python's (delreg.personal_numbers). Each pattern's first character after its ``*`` is a
# literal, which SQLite skips ahead to (strcspn): a pattern that starts with a class
# (``*[0-9]…``) is tried at every character, and ten digits in a row tried so cost a check of
# 200 000 decisions a second. A dash or plus and four digits, no fifth ("850312-1234"); a number
# without its dash ("198503121234", "8503121234") has none, but its month does: a 0 or a 1
# (months 01-12) and the seven digits after it.
_FOUR = "[0-9]" * 4
_SIX = "[0-9]" * 6
PERSONAL_NUMBER_GLOBS: tuple[str, ...] = (
    *(f"*{mark}{_FOUR}{tail}" for mark in "-+" for tail in ("", "[^0-9]*")),
    *(f"*{month}{_SIX}*" for month in ("0[1-9]", "1[0-2]")),
)


class ComplianceRoom(DecisionRoom):
    """The facts the checks read (the store implements delreg.checks.CheckSource), the
    findings someone accepted, and the delegation order."""

    def _rows(self, sql: str, parameters: list[Any]) -> Iterator[tuple[Any, ...]]:
        # The cursor itself, not a generator around it: a million rows pay for no extra frame.
        rows: Iterator[tuple[Any, ...]] = self._query(sql, parameters)
        return rows

    def _since(self, sql: str, parameters: list[Any], since: str | None) -> str:
        if since is None:
            return sql
        parameters.append(since)
        return sql + _SINCE

    # --- facts for the checks -----------------------------------------------------------------

    def chain_decisions(
        self, kinds: Collection[str], procurement_number: str | None = None
    ) -> Iterator[facts.ChainDecision]:
        from delreg.facts import ChainDecision

        parameters: list[Any] = sorted(kinds)
        marks = ", ".join("?" * len(parameters))
        # For the whole register a scan and one sort beat walking the procurement_number index
        # and fetching each row by it (0.7 s against 1.3 s for 560 000 of a million rows).
        table = "decisions d" if procurement_number else "decisions d NOT INDEXED"
        sql = (
            "SELECT d.diary_number, d.kind, d.procurement_number, d.decided_on, d.notified_on, "
            f"d.notified_by, d.standstill_days FROM {table} "
            f"WHERE {_LIVE} AND d.procurement_number IS NOT NULL AND d.kind IN ({marks})"
        )
        if procurement_number is not None:
            sql += " AND d.procurement_number = ?"
            parameters.append(procurement_number)
        # Grouped by number is all the checks need.
        sql += " ORDER BY d.procurement_number"
        return map(ChainDecision._make, self._rows(sql, parameters))

    def repeated_reportings(self, since: str | None) -> Iterator[facts.RepeatedReporting]:
        from delreg.facts import RepeatedReporting

        parameters: list[Any] = []
        sql = self._since(
            "SELECT d.diary_number, d.decided_on, "
            "json_group_array(json_array(m.date, r.item)) "
            "FROM reportings r JOIN decisions d ON d.id = r.decision_id "
            "JOIN meetings m ON m.id = r.meeting_id "
            "WHERE r.decision_id IN (SELECT decision_id FROM reportings GROUP BY decision_id "
            f"HAVING count(*) > 1) AND {_LIVE}",
            parameters,
            since,
        )
        for number, decided_on, reportings in self._rows(sql + " GROUP BY d.id", parameters):
            pairs = tuple((str(day), int(item)) for day, item in json.loads(reportings))
            yield RepeatedReporting(number, decided_on, pairs)

    def reported_before_decided(self, since: str | None) -> Iterator[facts.MeetingReporting]:
        from delreg.facts import MeetingReporting

        parameters: list[Any] = []
        sql = self._since(
            "SELECT d.diary_number, d.decided_on, m.date, r.item FROM reportings r "
            "JOIN meetings m ON m.id = r.meeting_id JOIN decisions d ON d.id = r.decision_id "
            f"WHERE {_LIVE} AND d.decided_on > m.date",
            parameters,
            since,
        )
        return map(MeetingReporting._make, self._rows(sql, parameters))

    def unreported_decisions(
        self, decided_before: str, since: str | None
    ) -> Iterator[facts.UnreportedDecision]:
        from delreg.facts import UnreportedDecision

        parameters: list[Any] = [decided_before]
        # EXCEPT merges two sorted id lists; NOT EXISTS would probe reportings once per
        # decision (0.4 s against 2.4 s on a million).
        sql = self._since(
            "SELECT d.diary_number, d.decided_on FROM decisions d "
            "WHERE d.id IN (SELECT id FROM decisions EXCEPT SELECT decision_id FROM reportings) "
            f"AND {_LIVE} AND (d.decided_on IS NULL OR d.decided_on < ?)",
            parameters,
            since,
        )
        return map(UnreportedDecision._make, self._rows(sql, parameters))

    def diary_numbers_to_check(self, since: str | None) -> Iterator[facts.DatedDiaryNumber]:
        from delreg.facts import DatedDiaryNumber

        parameters: list[Any] = []
        # The compact shape (23RS1851) carries its year in its first two digits: SQL settles
        # those whose year is not after the decision's; every other shape goes to Python.
        sql = self._since(
            "SELECT d.diary_number, d.decided_on FROM decisions d "
            f"WHERE {_LIVE} AND d.decided_on IS NOT NULL AND NOT ("
            "d.diary_number GLOB '[0-9][0-9][A-Z]*' "
            "AND '20' || substr(d.diary_number, 1, 2) <= substr(d.decided_on, 1, 4))",
            parameters,
            since,
        )
        return map(DatedDiaryNumber._make, self._rows(sql, parameters))

    def public_texts_with_numbers(self, since: str | None) -> Iterator[facts.PublicText]:
        from delreg.facts import PublicText

        parameters: list[Any] = []
        shape = " OR ".join(
            f"d.{column} GLOB '{pattern}'"
            for column in ("subject", "parties")
            for pattern in PERSONAL_NUMBER_GLOBS
        )
        sql = self._since(
            "SELECT d.diary_number, d.decided_on, d.subject, d.parties FROM decisions d "
            f"WHERE {_LIVE} AND NOT d.secret AND d.secret_reason IS NULL AND ({shape})",
            parameters,
            since,
        )
        return map(PublicText._make, self._rows(sql, parameters))

    def delegation_facts(self, since: str | None) -> Iterator[facts.DelegationFact]:
        from delreg.facts import DelegationFact

        parameters: list[Any] = []
        sql = self._since(
            # NULL: the unnamed board of a register that names none.
            "SELECT d.diary_number, d.kind, d.decided_on, d.delegate, d.delegation_point, "
            f"d.amount, coalesce(d.board, '') FROM decisions d WHERE {_LIVE}",
            parameters,
            since,
        )
        return map(DelegationFact._make, self._rows(sql, parameters))

    def contract_notices(self, first: str, last: str) -> Iterator[facts.ContractNotice]:
        from delreg.facts import ContractNotice

        sql = (
            "SELECT d.diary_number, d.subject, d.decided_on, d.notice_by, d.valid_to, "
            f"d.extension_until FROM decisions d WHERE {_LIVE} AND d.notice_by BETWEEN ? AND ?"
        )
        return map(ContractNotice._make, self._rows(sql, [first, last]))

    def contract_uses_after_end(self, since: str | None) -> Iterator[facts.ContractUse]:
        from delreg.facts import ContractUse

        parameters: list[Any] = []
        ended = "coalesce(d.extension_until, d.valid_to)"
        sql = self._since(
            f"SELECT d.diary_number, d.procurement_number, d.decided_on, {ended}, "
            "u.diary_number, u.kind, u.decided_on FROM decisions d "
            "JOIN decisions u ON u.procurement_number = d.procurement_number AND u.id != d.id "
            f"WHERE {_LIVE} AND u.deleted_at IS NULL AND {ended} IS NOT NULL "
            f"AND u.decided_on > {ended}",
            parameters,
            since,
        )
        return map(ContractUse._make, self._rows(sql + " ORDER BY d.diary_number", parameters))

    # --- acknowledgements ---------------------------------------------------------------------

    def acknowledgements(self) -> dict[tuple[str, str], facts.Acknowledgement]:
        from delreg.facts import Acknowledgement

        rows = self._rows(
            "SELECT rule, diary_number, reason, at, user FROM acknowledgements ORDER BY id", []
        )
        return {(row[0], row[1]): Acknowledgement(*row) for row in rows}

    def acknowledge(self, rule: str, diary_number: str, reason: str) -> facts.Acknowledgement:
        """Accept a finding; recorded in the decision's history as action "ack"."""
        from delreg.facts import Acknowledgement

        stamp = self._now()
        with self._write():
            self.require(diary_number)
            old = self._acknowledgement(rule, diary_number)
            self._query(
                "INSERT INTO acknowledgements (rule, diary_number, reason, at, user) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (rule, diary_number) DO UPDATE SET "
                "reason = excluded.reason, at = excluded.at, user = excluded.user",
                [rule, diary_number, reason, stamp, self.user],
            )
            new = {"rule": rule, "reason": reason}
            before = {"rule": rule, "reason": old.reason} if old else None
            self._record([("ack", diary_number, before, new)], stamp)
        return Acknowledgement(rule, diary_number, reason, stamp, self.user)

    def withdraw(self, rule: str, diary_number: str) -> facts.Acknowledgement:
        """Take an acknowledgement back; recorded in the history as action "unack"."""
        stamp = self._now()
        with self._write():
            old = self._acknowledgement(rule, diary_number)
            if old is None:
                raise NotFound(
                    f"{diary_number} has no acknowledged {rule} finding",
                    hint="`delreg check --include-acknowledged` lists the acknowledged ones",
                )
            self._query(
                "DELETE FROM acknowledgements WHERE rule = ? AND diary_number = ?",
                [rule, diary_number],
            )
            self._record(
                [("unack", diary_number, {"rule": rule, "reason": old.reason}, None)], stamp
            )
        return old

    def _acknowledgement(self, rule: str, diary_number: str) -> facts.Acknowledgement | None:
        from delreg.facts import Acknowledgement

        row = self._query(
            "SELECT rule, diary_number, reason, at, user FROM acknowledgements "
            "WHERE rule = ? AND diary_number = ?",
            [rule, diary_number],
        ).fetchone()
        return Acknowledgement(*row) if row else None

    # --- the delegation orders ---------------------------------------------------------------

    def delegation_book(self, default_board: str = "") -> DelegationBook:
        """Every board's delegation orders over time and the passes made under them;
        ``default_board`` is ``[register] board`` (see delreg.store.delegation)."""
        from delreg.store.delegation import DelegationStore

        return DelegationStore(self, default_board).book()
