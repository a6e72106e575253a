"""The diary-number grammar: every shape registries write is read, and nothing else is.

Generated valid shapes (a series or none, a year of two or four digits before or after the
serial, sub-numbers, a classification code, the separators with and without spaces) must be
found in an item's text and normalise to a fixed point; generated dates, periods, amounts, phone
numbers, § numbers and procurement numbers must never be taken for one.
"""

from __future__ import annotations

import os
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import Config, load_config
from delreg.errors import InvalidValue
from delreg.model import diary_number_order, diary_number_year, normalise_diary_number
from delreg.parse.agenda_numbers import diary_numbers
from delreg.parse.agenda_rules import agenda_rules
from tests.helpers import FIXTURES


def _built_in_config() -> Config:
    missing = FIXTURES / "no-such-config.toml"
    with mock.patch.dict(os.environ, {"DELREG_CONFIG": str(missing)}):
        return load_config()


CONFIG = _built_in_config()
RULES = agenda_rules(CONFIG)

# The shapes seen in the lists of about thirty organisations (issue 13), and their stored form.
REAL_SHAPES = [
    ("KA12/471", "KA12/471"),
    ("RS 912-2025", "RS 912-2025"),
    ("2021/6", "2021/6"),
    ("SN 18/0098", "SN 18/0098"),
    ("BUN/2017:52-002", "BUN/2017:52-002"),
    ("SON2018.0097", "SON 2018.0097"),
    ("KS.2024.101", "KS.2024.101"),
    ("LD11/02896", "LD11/02896"),
    ("4468-2017", "4468-2017"),
    ("2024/KS 0107", "2024/KS 0107"),
    ("MR 406/12", "MR 406/12"),
    ("106-156/2013", "106-156/2013"),
    ("002 – 443 / 05", "002-443/05"),
    ("NST15-5", "NST15-5"),
    ("KS/2018:60", "KS/2018:60"),
    ("1.6-216/2013", "1.6-216/2013"),
    ("Son: 2019/45", "SON:2019/45"),
    ("23RS9593-4", "23RS9593-4"),
    ("RS 2022/713-1", "RS 2022/713-1"),
    ("KSN-2017-3447", "KSN-2017-3447"),
    ("RS 2018–06226", "RS 2018-06226"),
    ("RS/333/2023", "RS/333/2023"),
    ("LS 0806-0619", "LS 0806-0619"),
    ("2.2.2/171-2013", "2.2.2/171-2013"),
    ("2024-000102", "2024-000102"),
    ("2023–00456", "2023-00456"),
    ("KS 2024:123", "KS 2024:123"),
    ("Ks 2024/45-003", "KS 2024/45-003"),
    ("2024/123-1.2.3", "2024/123-1.2.3"),
    ("2024.123 KS", "2024.123 KS"),
    ("2024-567 MHN", "2024-567 MHN"),
    ("2024–567 MHN", "2024-567 MHN"),
    ("123/2024", "123/2024"),
    ("SN-2024-0045", "SN-2024-0045"),
    ("MK 2024.1234", "MK 2024.1234"),
    ("ÖFN 2024/7", "ÖFN 2024/7"),
]


def found_in(text: str) -> list[str]:
    return [number.value for number in diary_numbers(text, RULES, CONFIG)]


@pytest.mark.parametrize(("written", "stored"), REAL_SHAPES)
def test_every_real_shape_is_read_in_an_item_and_normalised(written: str, stored: str) -> None:
    for text in (
        f"Beslut om bidrag till Föreningen Gläntan, {written}",
        f"{written} Yttrande över detaljplan",
        f"Anställning av enhetschef (Dnr {written})",
    ):
        assert found_in(text) == [written], text
    assert normalise_diary_number(written, CONFIG) == stored
    assert normalise_diary_number(stored, CONFIG) == stored


NOT_NUMBERS = [
    "Sammanträdet den 2023-12-08 i Stora salen",
    "Planen gäller 2019-2020 och ska följas upp",
    "Skolans arbete under läsåret 2021/22",
    "Läsåret 2021/2022 avslutas",
    "Bidrag med 500-2000 kr per deltagare",
    "Ring växeln 0771-2011 22 eller 019-602 10 00",
    "Enligt § 2024/45 i protokollet",
    "Protokoll §2023/12",
    "Enligt kommunallagen (2017:725) 6 kap.",
    "Förordningen SFS 2017:725",
    "Enligt Boverkets byggregler BFS 2011:6",
    "Beslut fattade under 3/2024",
    "Under läsåret År 2024/25",
    "Mötet börjar kl. 13:30",
    "Ultraljud MT 2023-0043 har upphandlats",
    "Upphandlingen MTH 2021-0115 pågår",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_dates_periods_amounts_phones_paragraphs_laws_and_procurements_are_no_numbers(
    text: str,
) -> None:
    assert found_in(text) == []


# --- generated shapes ---------------------------------------------------------------------------

LETTERS = "ABCDEFGHIJKLMNOPRSTUVÅÄÖ"
# A series is never a procurement number's prefix: "MT 1990/1" is a procurement number. Nor is
# it the label "Dnr" in capitals: "DNR 1990/1" is the label and the number 1990/1.
PROCUREMENT_PREFIXES = {"MT", "MTH", "UH", "UPH", "UPP"}
LABELS = {"DNR"}
prefix = st.text(LETTERS, min_size=2, max_size=5).filter(
    lambda p: p not in PROCUREMENT_PREFIXES | LABELS
)


def test_the_label_in_capitals_is_a_label_and_not_a_series() -> None:
    assert found_in("Beslut om bidrag till Föreningen Norrbacka, DNR 1990/1") == ["1990/1"]
    assert found_in("Beslut om bidrag till Föreningen Norrbacka, DN 1990/1") == ["DN 1990/1"]


year4 = st.integers(1990, 2035).map(str)
year2 = st.integers(0, 99).map(lambda year: f"{year:02d}")
serial = st.integers(1, 99_999).map(str)
padded = st.integers(1, 9_999).map(lambda number: f"{number:04d}")
spaced = st.sampled_from(["", " "])
dash = st.sampled_from(["-", "–"])


@st.composite
def separator(draw: st.DrawFn, chars: str) -> str:
    space = draw(spaced)
    return space + draw(st.sampled_from(chars)) + space


# A sub-number of one digit or three: "KS 2023-12-08" with two is read as a date.
sub_numbers = st.lists(
    st.one_of(st.integers(1, 9), st.integers(100, 999)).map(str), max_size=2
).map(lambda subs: "".join("-" + sub for sub in subs))

valid_shapes = st.one_of(
    # 23RS1851-4
    st.builds(lambda y, p, s, sub: f"{y}{p}{s}{sub}", year2, prefix, serial, sub_numbers),
    # RS 2022/1275, KSN-2017-3447, SON2018.0097, KS.2024.101
    st.builds(
        lambda p, gap, y, sep, s, sub: f"{p}{gap}{y}{sep}{s}{sub}",
        prefix,
        st.sampled_from(["", " ", "-", "."]),
        year4,
        separator("/-–."),
        serial,
        sub_numbers,
    ),
    # BUN/2017:52-002
    st.builds(lambda p, y, s, sub: f"{p}/{y}:{s}{sub}", prefix, year4, serial, sub_numbers),
    # KA12/471, SN 18/0098, NST15-5
    st.builds(lambda p, gap, y, s: f"{p}{gap}{y}/{s}", prefix, spaced, year2, padded),
    st.builds(lambda p, y, d, s: f"{p}{y}{d}{s}", prefix, year2, dash, serial),
    # MR 406/12, RS 912-2025, RS/333/2023
    st.builds(lambda p, s, y: f"{p} {s}/{y}", prefix, serial, year2),
    st.builds(
        lambda p, gap, s, y: f"{p}{gap}{s}-{y}", prefix, st.sampled_from([" ", "/"]), serial, year4
    ),
    # 2024/KS 0107
    st.builds(lambda y, p, s: f"{y}/{p} {s}", year4, prefix, padded),
    # 2021/6 (a serial that does not make it a period: 2021/22 and 2021/2022 are school years)
    st.builds(lambda y, s: f"{y}/{s}", year4, st.integers(100, 999).map(str)),
    # 4468-2017, 123/2024 (a serial that is no month: 3/2024 is March)
    st.builds(lambda s, d, y: f"{s}{d}{y}", st.integers(1, 1899).map(str), dash, year4),
    st.builds(lambda s, y: f"{s}/{y}", st.integers(13, 1899).map(str), year4),
    # KS 2024:123 (no collection of statutes: SFS 2017:725 is a law)
    st.builds(
        lambda p, y, s: f"{p} {y}:{s}", prefix.filter(lambda p: "FS" not in p), year4, serial
    ),
    # Ks 2024/45-003: the series with a capital only
    st.builds(
        lambda p, y, s, sub: f"{p} {y}/{s}{sub}",
        st.sampled_from(["Ks", "Sn", "Bun", "Kfn", "Mbn", "Tn", "Ön", "Äns"]),
        year4,
        serial,
        sub_numbers,
    ),
    # 2024/123-1.2.3: a classification code after the serial
    st.builds(
        lambda y, s, code: f"{y}/{s}-{code}",
        year4,
        st.integers(100, 999).map(str),
        st.lists(st.integers(1, 99).map(str), min_size=2, max_size=4).map(".".join),
    ),
    # 2024.123 KS: the series last
    st.builds(lambda y, s, p: f"{y}.{s} {p}", year4, serial, prefix),
    # 2024-567 MHN: the same with a hyphen, as an environment board's case system writes it
    st.builds(lambda y, s, p: f"{y}-{s} {p}", year4, serial, prefix),
    # 2024-000102, 2023-00456: a serial of five to seven digits, zeros in front
    st.builds(
        lambda y, d, s, width: f"{y}{d}{s:0{width}d}",
        year4,
        dash,
        st.integers(1, 99_999),
        st.integers(5, 7),
    ),
    # 106-156/2013, 002 – 443 / 05, 1.6-216/2013
    st.builds(
        lambda c, sep, s, sep2, y: f"{c}{sep}{s}{sep2}{y}",
        st.one_of(
            st.integers(0, 999).map(lambda code: f"{code:03d}"),
            st.lists(st.integers(1, 9).map(str), min_size=2, max_size=3).map(".".join),
        ),
        separator("-–"),
        serial,
        separator("/"),
        st.one_of(year4, year2),
    ),
)


@settings(max_examples=300)
@given(
    number=valid_shapes,
    lead=st.sampled_from(["", "Dnr ", "dnr: "]),
    end=st.sampled_from(["", ".", ","]),
)
def test_a_generated_shape_is_read_whole_and_normalises_to_a_fixed_point(
    number: str, lead: str, end: str
) -> None:
    text = f"Beslut om bidrag till Föreningen Norrbacka, {lead}{number}{end}"
    assert found_in(text) == [number]
    stored = normalise_diary_number(number, CONFIG)
    assert normalise_diary_number(stored, CONFIG) == stored
    assert normalise_diary_number(lead + number, CONFIG) == stored


dates = st.dates().map(lambda day: day.isoformat())
periods = st.integers(1990, 2035).flatmap(
    lambda first: st.sampled_from(
        [f"{first}-{first + 1}", f"{first}/{(first + 1) % 100:02d}", f"{first}/{first + 1}"]
    )
)
amounts = st.one_of(
    st.builds(lambda low, high: f"{low}-{high} kr", st.integers(1, 999), st.integers(1000, 9999)),
    st.builds(lambda a, b: f"{a} {b:03d} kr", st.integers(1, 999), st.integers(0, 999)),
    st.builds(
        lambda low, high: f"{low}-{high} kronor", st.integers(1, 9999), st.integers(1900, 2099)
    ),
)
phones = st.builds(
    lambda area, first, rest: f"{area}-{first} {rest[:2]} {rest[2:]}",
    st.sampled_from(["08", "019", "0771", "070", "031", "090"]),
    st.integers(100, 9999).map(str),
    st.integers(0, 9999).map(lambda number: f"{number:04d}"),
)
paragraphs = st.one_of(
    st.builds(lambda n: f"§ {n}", st.integers(1, 999)),
    st.builds(lambda y, n: f"§ {y}/{n}", year4, st.integers(1, 999)),
    st.builds(lambda y, n: f"§{y}/{n}", year4, st.integers(1, 999)),
)
# "3/2024": a month; "SFS 2017:725", "BFS 2011:6": a statute in its collection.
months = st.builds(lambda m, y: f"{m}/{y}", st.integers(1, 12), year4)
statutes = st.builds(
    lambda p, y, n: f"{p} {y}:{n}",
    st.sampled_from(["SFS", "BFS", "AFS", "MSBFS", "SKVFS", "HSLF-FS"]),
    year4,
    st.integers(1, 2000),
)
procurements = st.builds(
    lambda p, y, s, tail: f"{p} {y}-{s:04d}{tail}",
    st.sampled_from(["MT", "MTH", "UH"]),
    year4,
    st.integers(1, 9999),
    st.sampled_from(["", "a", "-1"]),
)


@settings(max_examples=300)
@given(
    value=st.one_of(dates, periods, amounts, phones, paragraphs, procurements, months, statutes),
    before=st.sampled_from(["Enligt ", "Beslut om bidrag ", "", "Ring "]),
    after=st.sampled_from(["", ".", " i Stora salen", ", vid sammanträdet"]),
)
def test_dates_periods_amounts_phones_paragraphs_and_procurements_are_never_diary_numbers(
    value: str, before: str, after: str
) -> None:
    assert found_in(before + value + after) == []


@given(text=st.text(max_size=30))
def test_normalising_any_text_either_gives_a_fixed_point_or_refuses(text: str) -> None:
    try:
        stored = normalise_diary_number(text, CONFIG)
    except InvalidValue:
        return
    assert normalise_diary_number(stored, CONFIG) == stored


# --- a shape taken only after its label ----------------------------------------------------------


@settings(max_examples=200)
@given(
    year=year4,
    serial=serial,
    label=st.sampled_from(["Dnr ", "Dnr: ", "dnr. ", "Diarienummer "]),
    end=st.sampled_from(["", ".", ","]),
)
def test_a_labelled_year_and_serial_after_a_dot_is_the_number_and_tells_its_year(
    year: str, serial: str, label: str, end: str
) -> None:
    number = f"{year}.{serial}"
    assert found_in(f"Beslut om tillfällig lokalhyra, {label}{number}{end}") == [number]
    assert normalise_diary_number(number, CONFIG) == number
    assert diary_number_order(number) == (int(year), int(serial))
    # Standing alone in a sentence it is as likely a version or an amount: no number.
    assert found_in(f"Beslut om avtal enligt version {number}{end}") == []


@pytest.mark.parametrize(
    ("number", "year"),
    [("2024.123", 2024), ("2024.123 KS", 2024), ("2024/123-1.2.3", 2024), ("2021/6", 2021),
     ("2024/KS 0107", 2024), ("2024-000102", 2024), ("2023-145", None), ("4468-2017", 2017)],
)  # fmt: skip
def test_a_number_that_starts_with_its_year_tells_it(number: str, year: int | None) -> None:
    assert diary_number_year(number) == year
