"""delreg.text: the one rule for characters, whatever shortcut it takes for plain text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.errors import InvalidValue
from delreg.text import CONTROLS, clean_text

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
