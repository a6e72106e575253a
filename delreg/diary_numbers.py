"""The grammar of Swedish diary numbers (diarienummer), built in.

Every registry numbers its cases its own way, but the ways are few: an optional series or board
prefix (KS, SN, BUN, Son:), a year in two or four digits before or after the serial, the serial,
optional sub-numbers, a classification code in front in some registries (1.6-216/2013), the
parts joined by / - – . : or spaces. Seen in real lists: 23RS1851, RS 2022/1275, KSN-2017-3447,
KA12/471, RS 912-2025, 2021/6, 2024-000102, SN 18/0098, BUN/2017:52-002, SON2018.0097,
KS.2024.101, 4468-2017, KS 2024:123, Ks 2024/45-003, 2024/123-1.2.3, 2024.123 KS,
2024-567 MHN, 123/2024, 2024/KS 0107, MR 406/12, 106-156/2013, 002 – 443 / 05, NST15-5,
KS/2018:60.

The grammar is written once as templates and rendered twice: as written in running text
(spaces around a separator, an en dash for a hyphen) and as the canonical form the register
keeps (``model.normalise_diary_number`` folds the first into the second). An organisation's own
shapes stay configuration ([numbers] and [agenda] diary_number_search) and are added to these.

What the grammar must never take for a diary number is as much part of it as what it takes: a
date (2023-12-08), a period (2019-2020, läsåret 2021/22), an amount (500-2000 kr), a phone
number (0771-2011 22), a § number (§ 2024/45) and a procurement number (the reader finds those
first). A number without a prefix is the risky kind, so only those shapes carry the guards.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from delreg.text import LazyPattern

# The parts. A four-digit year is a plausible one (so 0771 and 5020 are not years).
_PARTS = {
    "P": "[A-ZÅÄÖ]{1,8}",
    "P2": "[A-ZÅÄÖ]{2,8}",
    "Y": "(?:19|20)\\d{2}",
    "YY": "\\d{2}",
    "N": "\\d{1,7}",
    "C": "(?:\\d{3}|\\d{1,3}(?:\\.\\d{1,3})+)",
}
# Before a number with no prefix: not a § number, not the tail of a date, phone number or amount
# ("§ 2024/45", "2023-12-08", "019-4468-2017", "4 500-2019").
_BARE_BEFORE = "(?<!§)(?<!§ )(?<![\\d§] )(?<!\\d[-–])(?<!\\d[-–] )"
# After it: no more digits (a phone number's groups) and no currency (an amount).
_BARE_AFTER = "(?! ?\\d)(?! ?(?:kr|kronor|tkr|mkr|mnkr|SEK|:-)(?!\\w))"

# A series in capitals, or of two or three letters written with a capital only ("Ks", "Bun"),
# but none of the words written so before a year and a serial ("Nr 2024/12", "År 2024/25",
# "Mål 2024/123", "Jan 2024/25"). The letters first and the words after (a look-behind for each
# width): tried at every position of an item, a look-ahead of the words would cost more.
_SERIES_WRITTEN = (
    "[A-ZÅÄÖ](?:[A-ZÅÄÖ]{0,7}|[a-zåäö]{1,2}(?<!Nr|Se|År|Ca|Vt|Ht|Lå|Fr)"
    "(?<!Dnr|Mål|Bil|Sid|Kap|Art|Den|Och|Per|Tom|Jan|Feb|Mar|Apr|Maj|Jun|Jul|Aug|Sep|Okt|Nov|Dec))"
)

# The shapes, in the order they are tried. "<chars>" is a separator: in running text it may
# have a space on either side and an en dash for a hyphen. "{SUB}" are sub-numbers (9593-4).
_TEMPLATES: tuple[tuple[str, bool], ...] = (
    # 23RS1851, 23RS9593-4: year, series, serial.
    ("\\d{2}[A-ZÅÄÖ]{1,6}{N}{SUB}", False),
    # RS 2022/1275, RS2022/1000, KSN-2017-3447, RS 2018–06226, SON2018.0097, HSN 2021/395-5,
    # KS.2024.101; KS 2024:123 with a colon, but not a statute's number in a collection of
    # statutes (SFS 2017:725, BFS 2011:6, MSBFS 2020:1); Ks 2024/45-003, the series with a
    # capital only (see _SERIES_WRITTEN). One shape, tried once at each position of an item.
    ("{PC}{GAP}{Y}(?:</-.>|:(?<!FS\\d{4}:)(?<!FS \\d{4}:)){N}{SUB}", False),
    # BUN/2017:52-002, KS/2018:60.
    ("{P}/{Y}<:/-.>{N}{SUB}", False),
    # Son: 2019/45, Son:19/45: a series with a colon.
    ("{SERIES}(?:{Y}|{YY})</-.>{N}{SUB}", False),
    # KA12/471, SN 18/0098, LD11/02896, NST15-5: a two-digit year first.
    ("{P2} ?{YY}(?:/\\d{2,7}|<->{N}){SUB}", False),
    # MR 406/12, RS 912-2025, RS/333/2023: the year last.
    ("{P2}(?: |/){N}(?:<-/>{Y}|/{YY})", False),
    # 2024/KS 0107: the year, then the series and serial.
    ("{Y}/{P} ?{N}", False),
    # 106-156/2013, 002 – 443 / 05, 1.6-216/2013, 2.2.2/171-2013: a classification code first
    # (tried before the shapes below, which would take only its start).
    ("{C}<-/>{N}</->(?:{Y}|{YY})", True),
    # 2021/6, 2021/6-2: the year and the serial, no series; 2024/123-1.2.3 with the
    # classification code after it; 2024.123 KS and 2024-567 MHN (an environment board's
    # case system) with the series after them. (One shape: each
    # shape without a series looks behind it at every position of an item.)
    (
        "{Y}(?:/{N}(?:{DASH}\\d{1,3}(?:\\.\\d{1,3})+|{SUB})"
        "|(?:\\.|{DASH}){N} {P2}(?![\\w/]|\\.\\w))",
        True,
    ),
    # 2024-000102, 2023-00456: the year, a hyphen and a serial of five digits or more, no
    # series (registries that number every case in the year so, zeros in front). Written
    # close: "2024 - 150" in a sentence is no number. Fewer digits would take a procurement
    # number's tail ("MT 2023-0043") or a month; a registry that writes them adds its shape.
    ("{Y}{DASH}\\d{5,7}{SUB}", True),
    # 4468-2017: the serial and the year, no series; 123/2024 with a slash (not a month:
    # see ``is_not_a_number``).
    ("{N}(?:<->|/){Y}", True),
)


def _render(template: str, *, written: bool) -> str:
    def separator(found: re.Match[str]) -> str:
        chars = found.group(1)
        members = re.escape(chars) + ("–" if written and "-" in chars else "")
        return f" ?[{members}] ?" if written else f"[{members}]"

    text = re.sub(r"<([^>]+)>", separator, template)
    # The canonical form has a space (or the hyphen written) between letters and a year.
    text = text.replace("{GAP}", "[ .–-]?" if written else "[ .-]")
    text = text.replace(
        "{SERIES}", "[A-ZÅÄÖ][a-zåäöA-ZÅÄÖ]{1,3}: ?" if written else "[A-ZÅÄÖ]{2,4}:"
    )
    text = text.replace("{DASH}", "[-–]" if written else "-")
    text = text.replace("{PC}", _SERIES_WRITTEN if written else "[A-ZÅÄÖ]{1,8}")
    text = text.replace("{SUB}", "(?:[-–]\\d{1,4}){0,2}" if written else "(?:-\\d{1,4}){0,2}")
    for name in sorted(_PARTS, key=len, reverse=True):
        text = text.replace("{" + name + "}", _PARTS[name])
    return text


def _written(template: str, bare: bool) -> str:
    shape = _render(template, written=True)
    return f"{_BARE_BEFORE}(?:{shape}){_BARE_AFTER}" if bare else shape


@functools.cache
def search_shapes() -> tuple[str, ...]:
    """The shapes as written in running text (case-sensitive regular expressions, no groups of
    their own): the agenda reader puts them before the configuration's own."""
    return tuple(_written(template, bare) for template, bare in _TEMPLATES)


# Shapes a number is taken in only after its label: "Dnr 2024.123", the year and the serial
# after a dot. Standing alone in a sentence the shape is as likely a version or an amount.
_LABELLED_TEMPLATES: tuple[str, ...] = ("{Y}\\.{N}{SUB}",)


@functools.cache
def labelled_shapes() -> tuple[str, ...]:
    """The shapes a diary number is taken in only after its label ("Dnr"), as written."""
    return tuple(_render(template, written=True) for template in _LABELLED_TEMPLATES)


@functools.cache
def canonical_shapes() -> tuple[str, ...]:
    """The shapes of a normalised diary number, for ``fullmatch``."""
    return tuple(
        _render(template, written=False)
        for template in (*(template for template, _ in _TEMPLATES), *_LABELLED_TEMPLATES)
    )


@functools.cache
def _canonical() -> re.Pattern[str]:
    # Compiled on first use: start-up imports this module and need not pay for it.
    return re.compile("|".join(f"(?:{shape})" for shape in canonical_shapes()))


_DATE = LazyPattern(
    r"(?:^|\s)(?:19|20)\d{2}\s?[-–]\s?(?:0[1-9]|1[0-2])\s?[-–]\s?(?:0[1-9]|[12]\d|3[01])$"
)
# 2019-2020, 2021/22, 2021/2022: a period of years, not a serial in a year; and two years
# (2015-1900), which no registry writes as a serial and its year.
_PERIOD = LazyPattern(r"((?:19|20)\d{2})\s?[-–/]\s?((?:19|20)?\d{2})")


# "3/2024", "03/2024": a month and its year, as "{N}/{Y}" would take it.
_MONTH = LazyPattern(r"(\d{1,2})\s?/\s?(?:19|20)\d{2}")


def is_canonical(number: str) -> bool:
    """Whether ``number`` is a diary number in the grammar's canonical form."""
    return _canonical().fullmatch(number) is not None


def canonical_match() -> Callable[[str], re.Match[str] | None]:
    """``is_canonical`` as the pattern's own ``fullmatch`` (a match or None), for a caller
    that asks once a row."""
    return _canonical().fullmatch


def is_not_a_number(written: str, *, labelled: bool = False) -> bool:
    """Whether a match of the grammar is a date or a period of years rather than a number.

    A period ("läsåret 2021/22") has the shape of a serial in a year; labelled ("Dnr 2021/22")
    it is taken at its word.
    """
    # Every date has two dashes: most numbers have fewer, and need no search.
    if (written.count("-") + written.count("–")) >= 2 and _DATE.search(written) is not None:
        return True
    if labelled or not written[:1].isdigit():
        return False
    month = _MONTH.fullmatch(written)
    if month is not None and 1 <= int(month.group(1)) <= 12:
        return True  # "3/2024": March 2024
    period = _PERIOD.fullmatch(written)
    if period is None:
        return False
    first, second = period.group(1), period.group(2)
    return len(second) == 4 or int(second) == (int(first) + 1) % 100
