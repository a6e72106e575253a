"""delreg.text: the one rule for characters (whatever shortcut it takes for plain text), a
document's text, and folding for comparison."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.errors import InvalidValue
from delreg.text import (
    CONTROL_CHARACTERS,
    CONTROLS,
    LAYOUT,
    LazyPattern,
    clean_text,
    fold_dashes,
    normalise_document,
    refuse_wrongly_decoded,
    without_diacritics,
)

# What the register refuses: a lone surrogate and Unicode's non-characters.
NOT_TEXT = {
    *map(chr, range(0xD800, 0xE000)),
    *map(chr, range(0xFDD0, 0xFDF0)),
    *(chr(plane << 16 | last) for plane in range(17) for last in (0xFFFE, 0xFFFF)),
}


def by_the_rule(text: str) -> str | None:
    """The rule itself, character by character: None where the text is refused."""
    if any(char in NOT_TEXT for char in text):
        return None
    return "".join(" " if ord(char) in CONTROLS else char for char in text)


# Swedish letters, the controls, the odd spaces and marks, and what is refused, mixed in.
_CHARACTERS = st.one_of(
    st.characters(),
    st.sampled_from("åäöÅÄÖé\u00a0\u00ad\u200b\u2013\ufffd\x00\x1b\x7f\x85\x9f\t\n"),
    st.sampled_from(sorted(NOT_TEXT)[:: len(NOT_TEXT) // 40]),
)


@settings(max_examples=400, deadline=None)
@given(st.text(_CHARACTERS, max_size=40))
def test_clean_text_follows_the_rule_for_any_text(text: str) -> None:
    expected = by_the_rule(text)
    if expected is None:
        with pytest.raises(InvalidValue, match=r"holds U\+"):
            clean_text(text)
    else:
        assert clean_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ultraljudsutrustning till Hjärtkliniken, Universitetssjukhuset Örebro",
        "avtal med Nordlyset Medicinteknik AB \u2013 förlängning",
    ],
)
def test_printable_text_with_swedish_letters_is_kept_as_it_is(text: str) -> None:
    assert clean_text(text) is text


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Hjärt\x00kliniken", "Hjärt kliniken"),
        ("Örebro\x1b[31m", "Örebro [31m"),
        ("läkemedel\x85Epclusa", "läkemedel Epclusa"),
    ],
)
def test_control_characters_in_swedish_text_become_spaces(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


@pytest.mark.parametrize("text", ["Örebro \udc80", "Hjärtkliniken\ufffe", "Kumla\U0010ffff"])
def test_swedish_text_with_a_non_character_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue, match=r"holds U\+"):
        clean_text(text)


# Text as it arrives: letters, Swedish ones, every control character, the line and bidi
# characters a paste brings, a non-character and a lone surrogate now and then.
_ARRIVING = st.text(
    alphabet=st.one_of(
        st.sampled_from("aöÅ 0-/;"),
        st.sampled_from(CONTROL_CHARACTERS),
        st.sampled_from("\u00a0\u2028\u200f\u202e\ufeff\uf0b7"),
        st.characters(codec="utf-8"),
        st.sampled_from("\ufffe\ufdd0\U0010ffff\ud800"),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_ARRIVING)
def test_the_cleaner_lets_no_control_character_through_and_is_idempotent(text: str) -> None:
    try:
        cleaned = clean_text(text)
    except InvalidValue as error:
        assert "not text" in error.message
        return
    assert not set(cleaned) & set(CONTROL_CHARACTERS)
    assert clean_text(cleaned) == cleaned
    # Each control character became one space; nothing else changed.
    assert len(cleaned) == len(text)
    assert [c for c in cleaned if c != " "] == [
        c for c in text if c != " " and c not in CONTROL_CHARACTERS
    ]


@settings(max_examples=300, deadline=None)
@given(_ARRIVING.filter(lambda text: not {"\ufffe", "\ufdd0", "\U0010ffff", "\ud800"} & set(text)))
def test_a_document_keeps_only_its_layout_of_the_control_characters(text: str) -> None:
    normalised = normalise_document(text)
    assert set(normalised) & set(CONTROL_CHARACTERS) <= set(LAYOUT) - {"\r"}
    assert normalise_document(normalised) == normalised


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Upphandling av\x07 rullstolar", "Upphandling av  rullstolar"),
        ("Avtal\x1b[31m", "Avtal [31m"),
        ("Region\u0085Örebro", "Region Örebro"),
        ("ramavtal\tfordon", "ramavtal fordon"),
    ],
)
def test_control_characters_become_spaces(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


def test_a_non_character_is_refused_naming_it() -> None:
    with pytest.raises(InvalidValue, match="U\\+FFFE at character 6"):
        clean_text("Avtal\ufffe")


@pytest.mark.parametrize("text", ["Vårdcentral \ufffd", "HÃ¶gskolan"])
def test_wrongly_decoded_text_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue, match="decoded"):
        refuse_wrongly_decoded(text)


def test_folding_for_comparison() -> None:
    assert fold_dashes("MT 2023\u20130043 \u2014 \u2212 \u2011") == "MT 2023-0043 - - -"
    assert without_diacritics(" Överprövning ") == "overprovning"
    assert without_diacritics("Förvaltningsbesvär") == "forvaltningsbesvar"


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Avtal, KS\u00a02024/12", "Avtal, KS 2024/12"),
        ("Bidrag 25\u202f000 kr", "Bidrag 25 000 kr"),
        ("RS\u20092022/1275", "RS 2022/1275"),
    ],
)
def test_a_space_that_does_not_break_is_a_space_in_a_document(text: str, normalised: str) -> None:
    assert normalise_document(text) == normalised


# Patterns of the kinds delreg compiles lazily: groups, alternatives, flags, classes of
# characters beyond Latin-1, anchors and look-ahead.
_LAZY_PATTERNS = (
    (r"^(\d{2})[A-ZÅÄÖ]+(\d+)|^[A-ZÅÄÖ]+[ -](\d{4})[/-](\d+)|(\d+)[/-](\d{4})$", 0),
    (r"^(?:dnr|diarienummer|diarienr)\b\.?\s*:?\s*", re.IGNORECASE),
    (r"(\d)([A-ZÅÄÖ])(?=$|-)", 0),
    ("^([ \\t]*)(?:[•▪]|[\uf020-\uf0ff](?=[ \\t]))", re.MULTILINE),
    (r"\\[\\;]|;|[^\\;]+|\\", 0),
    ("[\u0300-\u036f]", 0),
)
_PATTERN_CHARACTERS = "0123456789RSKÅÄÖåäö -/;\\\t\n•▪\uf0b7\u0301dnr:."
_PATTERN_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(_PATTERN_CHARACTERS), st.characters()),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_LAZY_PATTERNS), _PATTERN_TEXT, st.integers(0, 3))
def test_a_lazy_pattern_answers_as_the_compiled_pattern(
    chosen: tuple[str, int], text: str, count: int
) -> None:
    source, flags = chosen
    compiled = re.compile(source, flags)

    def spans(found: re.Match[str] | None) -> tuple[tuple[int, int], tuple[str | Any, ...]] | None:
        return None if found is None else (found.span(), found.groups())

    # Each method asked first of a pattern of its own (the first call compiles), then again.
    for method in ("search", "match", "fullmatch", "findall", "finditer", "split", "sub", "subn"):
        lazy = LazyPattern(source, flags)
        for _ in range(2):
            if method in ("search", "match", "fullmatch"):
                assert spans(getattr(lazy, method)(text, 1)) == spans(
                    getattr(compiled, method)(text, 1)
                )
                assert spans(getattr(lazy, method)(text)) == spans(getattr(compiled, method)(text))
            elif method == "finditer":
                assert [spans(found) for found in lazy.finditer(text)] == [
                    spans(found) for found in compiled.finditer(text)
                ]
            elif method == "findall":
                assert lazy.findall(text, 1, 30) == compiled.findall(text, 1, 30)
            elif method == "split":
                assert lazy.split(text, count) == compiled.split(text, count)
            elif method == "sub":
                assert lazy.sub("<\\g<0>>", text, count) == compiled.sub("<\\g<0>>", text, count)
                assert lazy.sub(lambda found: found.group().upper(), text) == compiled.sub(
                    lambda found: found.group().upper(), text
                )
            else:
                assert lazy.subn("", text, count) == compiled.subn("", text, count)


def test_a_lazy_pattern_compiles_when_first_used_then_is_the_compiled_patterns_own() -> None:
    source = "(?:lazy)+ pattern no. 7 of delreg's tests"
    re.purge()
    lazy = LazyPattern(source, re.IGNORECASE)
    assert lazy.pattern == source
    assert "search" not in vars(lazy)  # nothing compiled yet
    assert lazy.search("a LAZYLAZY Pattern No. 7 of delreg's tests") is not None
    compiled = re.compile(source, re.IGNORECASE)
    for method in LazyPattern._METHODS:
        # The compiled pattern's own bound method, with nothing of LazyPattern in between.
        taken = vars(lazy)[method]
        assert taken.__self__ is compiled and taken.__name__ == method
    # A pattern whose text is written on first use (a codec's import) is written then.
    written: list[str] = []

    def written_out() -> str:
        written.append("made")
        return "[åä]"

    later = LazyPattern(written_out)
    assert written == []
    assert later.findall("båda är") == ["å", "ä"]
    assert written == ["made"]


def test_the_modules_patterns_are_compiled_when_used_not_when_imported() -> None:
    """Start-up compiles no pattern of delreg's models, numbers, dates or documents: the one
    command that runs uses few of them (tests/cli/test_startup.py times it)."""
    import delreg.boards
    import delreg.dates
    import delreg.diary_numbers
    import delreg.model
    import delreg.text

    lazy = [
        value
        for module in (delreg.boards, delreg.dates, delreg.diary_numbers, delreg.model, delreg.text)
        for value in vars(module).values()
        if isinstance(value, LazyPattern | re.Pattern)
    ]
    assert len(lazy) >= 20
    assert all(isinstance(value, LazyPattern) for value in lazy)
