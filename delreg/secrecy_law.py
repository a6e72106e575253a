"""A decision's text that marks it secret: it cites the secrecy law ("…, 26 kap. 1 § OSL",
"OSL 31:16") or says so ("(sekretess)", "Sekretessbelagt beslut om …").

A subject so marked tells that what it says is secret: the agenda's reader registers such an
item secret (delreg.parse.agenda_items), and so do the registry exports' readers, `delreg add`
and `delreg edit`, with the citation as the reason where one is cited and none is given. Every
public output masks such a decision however it came in (delreg.public), a register written
before this rule too. The law's name alone ("begäran enligt offentlighets- och
sekretesslagen") is no mark: a decision to hand out a document cites it, and is public. Pure.
"""

from __future__ import annotations

import re

from delreg.text import LazyPattern

# "26 kap. 1 § OSL", "OSL 31:16", "25 kap. 1 § offentlighets- och sekretesslagen": the provision,
# as the agenda's reader takes it for the reason of an item it finds marked. The chapter and
# section alone only right after the word for secrecy ("sekretess enligt 26 kap. 1 §"):
# elsewhere they may be another law's ("bistånd enligt 4 kap. 1 § SoL").
SECRECY_LAW_TEXT = (
    r"\d{1,2} kap\.? \d{1,2} ?[a-z]? ?§ (?:OSL|offentlighets- och sekretesslagen)"
    r"|(?<=sekretess enligt )\d{1,2} kap\.? \d{1,2} ?[a-z]? ?§(?! ?(?-i:[A-ZÅÄÖ]))"
    r"|OSL \d{1,2}(?::\d{1,2}| kap\.? \d{1,2} ?§)|\d{1,2}:\d{1,2} OSL"
)
# A citation that names the law itself: a text with no other mark of secrecy cites it so. "4 kap.
# 1 § SoL" and "9 kap. 2 § PBL" are other laws.
_CITED_LAW = LazyPattern(
    r"(?<![\w:])(?:\d{1,2} kap\.? \d{1,2} ?[a-z]? ?§ (?:OSL|offentlighets- och sekretesslagen)"
    r"|OSL \d{1,2}(?::\d{1,2}| kap\.? \d{1,2} ?§)|\d{1,2}:\d{1,2} OSL)(?!\w)",
    re.I,
)
# "sekretess", "Sekretessbelagt", "sekretessbelagd": a word that says it, not the law's name.
_MARK = LazyPattern(r"(?<!\w)sekretess(?!lag)\w*", re.I)
# What every citation and mark holds: most texts hold neither, and one search of many texts
# joined tells.
_NAME_OF_LAW = LazyPattern(r"osl|sekretess", re.I)


def cited_secrecy_law(text: str | None) -> str | None:
    """The citation of the secrecy law in ``text`` ("26 kap. 1 § OSL"), or None."""
    if not text or _NAME_OF_LAW.search(text) is None:
        return None
    found = _CITED_LAW.search(text)
    return None if found is None else found.group()


def marked_secret(text: str | None) -> bool:
    """Whether ``text`` cites the secrecy law or says that it is secret."""
    if not text or _NAME_OF_LAW.search(text) is None:
        return False
    return _MARK.search(text) is not None or _CITED_LAW.search(text) is not None


def may_be_marked_secret(texts: list[str]) -> bool:
    """Whether any of ``texts`` may be marked secret: False says none is, in one search."""
    return _NAME_OF_LAW.search("\n".join(texts)) is not None
