"""The rules on the numbers a decision holds. Pure.

diary-number: a diary number registered in a later year than the decision is dated. A case gets
its number when it is registered, so a decision dated before its case's year is usually a typo
in the date or in the number. It can be right (a December decision registered in January keeps
the new year's number), hence a warning.

personal-number: a decision not marked secret whose subject or parties name a person by
personal identity number. Public outputs show it masked all the same (delreg.public); the
register should say why, or not hold the number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from delreg.checks.facts import CheckSource, DatedDiaryNumber, PublicText
from delreg.checks.findings import Finding, argument, finding
from delreg.checks.settings import CheckSettings
from delreg.model import diary_number_year
from delreg.personal_numbers import personal_number


def diary_number_after_decision(rows: Iterable[DatedDiaryNumber]) -> Iterator[Finding]:
    for row in rows:
        registered = diary_number_year(row.diary_number)
        decided = int(row.decided_on[:4])
        if registered is None or registered <= decided:
            continue
        yield finding(
            "diary-number",
            row.diary_number,
            f"{row.diary_number} is a diary number of {registered}, but the decision is dated "
            f"{row.decided_on}",
            f"check the date (`delreg edit {argument(row.diary_number)} --decided-on DATE`) and "
            "the number; "
            "if a decision was registered after the turn of the year, acknowledge it: "
            f"`delreg check --ack diary-number {argument(row.diary_number)} --reason …`",
            decided_on=row.decided_on,
        )


def personal_number_in_public_text(rows: Iterable[PublicText]) -> Iterator[Finding]:
    for row in rows:
        if personal_number(row.subject) is None and personal_number(row.parties or "") is None:
            continue
        yield finding(
            "personal-number",
            row.diary_number,
            f"{row.diary_number} names a person by personal identity number but is not marked "
            "secret (public outputs show it masked)",
            f"give the reason it is secret (`delreg edit {argument(row.diary_number)} "
            "--secret-reason 'OSL 26 kap. 1 §'`), or take the number out of its subject and "
            "parties",
            decided_on=row.decided_on,
        )


def find(source: CheckSource, settings: CheckSettings) -> Iterator[Finding]:
    """The family's findings over the register (delreg.checks.families)."""
    yield from diary_number_after_decision(source.diary_numbers_to_check(settings.since))
    yield from personal_number_in_public_text(source.public_texts_with_numbers(settings.since))
