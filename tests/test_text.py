"""delreg.text: the one rule for characters at the door, and folding for comparison."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.errors import InvalidValue
from delreg.text import (
    CONTROL_CHARACTERS,
    LAYOUT,
    clean_text,
    fold_dashes,
    normalise_document,
    refuse_wrongly_decoded,
    without_diacritics,
)

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
