"""Whether a decision's text names a person: by personal identity number or by initials.

One rule for every way a decision comes in and every way it goes out: the agenda's reader
registers an item that names a person secret (delreg.parse.agenda_items), and every public
output masks a decision whose subject or parties name one however it came in (delreg.public):
a registry's CSV, TSV or Excel export, JSON, `delreg add` or an edit. What a decision about
one person says is secret (OSL 26 kap. 1 §) however the person is named. Pure.

Initials are what a social board's list writes instead of the name ("A.B., insats enligt LSS",
"Beslut om bistånd för K.L.M.", "A. B."): two to four capitals, each with its full stop, a
word of their own. What is chosen, and why:

- Small letters are no initials: the abbreviations of Swedish prose ("t.ex.", "m.m.", "bl.a.",
  "o.s.v.", "fr.o.m.", "enl.", "kap.") are written in small letters and stay public.
- Capitals without full stops are no initials: a company's form or name ("AB", "ICA", "H&M",
  "SEK") and an acronym ("LSS", "OSL") stay public.
- One capital and its stop is no initials ("Bilaga A.", "Fastighet B."): too common.
- Two to four ("A.B.C.D.": two given names), a word of their own: "AB.C.", "A.B.C.D.E." and
  initials glued to a word ("nrA.B.") are no initials.
- Capitals with stops are initials however else they could be read: "S.E.K." or "U.S.A." in a
  subject is masked. A decision taken for one that names a person is only kept out of the
  public lists, while a person named and missed is shown to everyone, so the doubt goes to
  secrecy (as with a ten-digit number that may be a telephone's, delreg.personal_numbers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from delreg.personal_numbers import personal_number

# Two to four capitals (any Latin one: "Å.Ö.", "É.L."), each with its full stop, at most one
# space between them.
_INITIALS = re.compile(r"(?<![\w.])[A-ZÀ-ÖØ-Þ]\.(?: ?[A-ZÀ-ÖØ-Þ]\.){1,3}(?![\w.])")


def initials(text: str) -> str | None:
    """The first initials that name a person in ``text`` ("A.B.", "K. L. M."), or None."""
    # Most text has no full stop after a capital: a search for the stop is cheaper than the
    # pattern's try at every capital.
    if "." not in text:
        return None
    found = _INITIALS.search(text)
    return None if found is None else found.group()


def names_a_person(texts: Iterable[str | None]) -> bool:
    """Whether any of ``texts`` names a person by personal identity number or by initials."""
    return any(
        text and (personal_number(text) is not None or initials(text) is not None) for text in texts
    )
