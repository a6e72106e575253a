"""A table's columns told by its head's names, and a row read by them.

A board's list as a table names its columns ("Dnr | Ärende | Datum | Beslutsfattare |
Lagrum"): what each holds is told by its name, not by where it stands, and a row is then written
as the agenda reader reads an item field by field: the diary number and the text first, in the
table's order, then the point of the delegation order, the day, who decided and the party, each
labelled ("Beslutsdatum: 2024-01-08"). So a date in the first column, or a column after who
decided ("Lagrum"), is no part of who decided or of the subject's end, whatever the order. The
PDF reader (delreg.parse.pdf) reads its tables' cells so, and the agenda reader
(delreg.parse.agenda_blocks) the rows of a table written as text under such a head.
"""

from __future__ import annotations

import re

# The name of the diary number's column.
NUMBER_COLUMN = re.compile(r"(?:diarie|ärende)\s?(?:nummer|nr\.?)|dnr\.?", re.IGNORECASE)
# The names of a column of the day of the decision, and of who decided (also for telling a
# header apart from a row: delreg.parse.pdf).
DATE_NAMES = r"(?:besluts)?(?:datum|dag)|beslutad|beslutat|datum för beslut"
DELEGATE_NAMES = r"beslutsfattare|delegat|beslutande|(?:beslutat|beslutad|fattat) av"
# What a table's column holds, by its header's name (its cells' words, single-spaced): the
# diary number, the day of the decision (or another day), who decided, the point of the
# delegation order, the party (a contract's, a supplier), or a serial number of the case's
# documents; any other column is the item's text.
_COLUMN_ROLES = (
    ("number", NUMBER_COLUMN),
    ("date", re.compile(DATE_NAMES, re.I)),
    # Another day than the decision's ("Anmälningsdatum", "Datum för anmälan"): left out, the
    # register keeps none, and it is no part of the subject.
    ("other date", re.compile(r"[^\W\d_]+datum|datum för [^\W\d_]+(?: [^\W\d_]+)?", re.I)),
    ("delegate", re.compile(DELEGATE_NAMES, re.I)),
    (
        "point",
        re.compile(
            # "Punkt i barn- och utbildningsnämndens delegationsordning", "Lagrum/punkt".
            r"(?:punkt i )?delegationsordning(?:en)?|delegationspunkt|p\.|pkt\.?"
            r"|.*\b(?:punkt|pkt)\b.*",
            re.I,
        ),
    ),
    ("party", re.compile(r"motpart(?:er)?|avtalspart(?:er)?|leverantör(?:er)?", re.I)),
    (
        "serial",
        re.compile(r"löp(?:nr\.?|nummer)|dok(?:ument)?\.? ?nr\.?|dokumentnummer|nr\.?|#", re.I),
    ),
    # Who handled the case, in a case system's table: who decided where no column says so
    # (``column_roles``), else left out, as a CSV export's column is.
    ("officer", re.compile(r"(?:ansvarig )?handläggare", re.I)),
)
# The columns whose cells are the item's own text, in the table's order.
TEXT_ROLES = ("number", "text")
# The fields given after the item's text, labelled as the agenda reader knows them.
_FIELD_LABELS = (
    ("point", "Delegationspunkt: "),
    ("date", "Beslutsdatum: "),
    ("delegate", "Beslutsfattare: "),
    ("party", "Motpart: "),
)
# What ends a labelled delegate in the agenda reader ("Beslutsfattare: X, …"); in a delegate's
# own cell it is part of the name ("Anna Berglund, enhetschef", "Enhetschef (tf.)").
_DELEGATE_STOPS = re.compile(r"[\s,;().–]+")
# Between the parties of one cell that names several (each labelled apart).
PARTIES_APART = "\x04"
# The columns of a building or environment board's case system: the property, the measure.
_CASE_SYSTEM_COLUMN = re.compile(r"fastighet(?:sbeteckning)?|åtgärd|anläggning", re.I)
# Between a row's cells, as a text table has them: the agenda reader reads each as a field.
CELL_GAP = "   "


def column_roles(header: list[str]) -> tuple[str, ...]:
    """What each column of a table holds, by its header's name (see ``_COLUMN_ROLES``)."""
    roles = tuple(
        next((role for role, name in _COLUMN_ROLES if name.fullmatch(cell)), "text")
        for cell in header
    )
    if (
        "officer" in roles
        and "delegate" not in roles
        and any(_CASE_SYSTEM_COLUMN.fullmatch(cell) for cell in header)
    ):
        # "Diarienummer | Fastighet | Åtgärd | Beslut | Datum | Handläggare": the official who
        # handled a building board's case decided it; a registry's officer did not.
        roles = tuple("delegate" if role == "officer" else role for role in roles)
    return roles


def row_text(cells: list[str], roles: tuple[str, ...] | None) -> str:
    """A row's cells a column gap apart, as text tables have them: the item is read field by
    field ("… – 2024-05-02 – Kommundirektör"), its sentence with single spaces.

    Where the header named the columns, the diary number and the text come first, in their
    order, and then the point of the delegation order, the date, who decided and the party,
    each labelled ("Beslutsdatum: 2024-01-08"): a date in the first column or a title after the
    date is then no part of the subject, and a name is known to be who decided or the party. A
    serial number ("Löpnr" of the case's documents, "Nr" of the list's rows) is left out: the
    register keeps none, and it is no part of the subject (a column so named that holds more
    than digits is text).
    """
    if roles is None:
        return CELL_GAP.join(cell for cell in cells if cell)
    parts = [
        cell
        for cell, role in zip(cells, roles, strict=True)
        if cell and (role in TEXT_ROLES or (role == "serial" and not cell.rstrip(".").isdigit()))
    ]
    for field, label in _FIELD_LABELS:
        parts += [
            f"{label}{_DELEGATE_STOPS.sub(' ', cell).strip() if field == 'delegate' else value}"
            for cell, role in zip(cells, roles, strict=True)
            if role == field and cell
            for value in cell.split(PARTIES_APART)
        ]
    return CELL_GAP.join(parts)
