"""The rule for naming a person (delreg.person_naming): initials and personal identity numbers
are found wherever a subject or a party writes them, and the public view masks the decision;
the abbreviations of Swedish prose and companies' names are no person's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.model import Decision
from delreg.person_naming import initials, names_a_person
from delreg.public import kept_from_public, published_json, shown_publicly
from tests.helpers import built_in_config

CAPITALS = "ABCDEFGHIJKLMNOPRSTUVWXYZÅÄÖ"
HIDDEN = "Kvarngatan"


@st.composite
def person_initials(draw: st.DrawFn) -> str:
    """ "A.B.", "K.L.M.", "A. B.": two or three capitals with their full stops."""
    letters = draw(st.lists(st.sampled_from(CAPITALS), min_size=2, max_size=3))
    space = draw(st.sampled_from(["", " "]))
    return space.join(f"{letter}." for letter in letters)


# A subject with the initials first, among its words or last, as social boards write them.
PLACES = st.sampled_from([
    "{}, insats enligt LSS, boende Kvarngatan",
    "{} – hemtjänst, Kvarngatan",
    "Beslut om bistånd för {}, Kvarngatan",
    "Kvarngatan: kontaktperson för {} enligt 9 § 4 LSS",
    "Kvarngatan, ledsagarservice ({})",
    "Beslut om boendestöd Kvarngatan för {}",
])  # fmt: skip


def _decision(subject: str, parties: tuple[str, ...] = ()) -> Decision:
    return Decision(diary_number="SN 2024/12", kind="beslut", subject=subject, parties=parties)


@settings(max_examples=300, deadline=None)
@given(person=person_initials(), place=PLACES, in_parties=st.booleans())
def test_initials_anywhere_in_a_subject_or_a_party_are_masked(
    person: str, place: str, in_parties: bool
) -> None:
    text = place.format(person)
    assert initials(text) == person
    decision = _decision("Kvarngatan", (text,)) if in_parties else _decision(text, ("Vård AB",))
    config = built_in_config()
    assert kept_from_public(decision)
    shown = shown_publicly(decision, config)
    assert shown.secret and shown.subject == config.secret_text and not shown.parties
    published = str(published_json(decision, config))
    assert person not in published and HIDDEN not in published


@pytest.mark.parametrize(
    "text",
    [
        "Avtal med H&M om arbetskläder",
        "Inköp från ICA Maxi AB",
        "Tilldelning till AB Volvo, SEK 250 000",
        "Städning av lokaler, t.ex. kontor, m.m.",
        "Möbler, bl.a. stolar och bord o.s.v.",
        "Ersättning enl. avtal fr.o.m. 2024-01-01",
        "Yttrande enligt 9 kap. 2 § PBL",
        "Utredning enligt 11 kap. 1 § SoL",
        "Bilaga A. till avtalet",
        "Fastighet Granen 1:23, hus B.",
        "Ramavtal LSS-boende, ÅF AB",
        "Avtal A.B.C.D.E. Konsult",
        "Inventarier nrA.B.",
    ],
)
def test_what_only_looks_like_initials_stays_public(text: str) -> None:
    assert initials(text) is None
    assert not names_a_person([text, None])
    assert not kept_from_public(_decision(text, (text,)))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # The doubt goes to secrecy: capitals with stops are taken for a person's.
        ("Växling av S.E.K. till euro", "S.E.K."),
        ("Beslut om hemtjänst för A.B.C.D., Kvarngatan", "A.B.C.D."),
        ("É.L. – färdtjänst", "É.L."),
        ("A. B. C., insats enligt LSS", "A. B. C."),
    ],
)
def test_capitals_with_stops_are_taken_for_initials(text: str, found: str) -> None:
    assert initials(text) == found
    assert kept_from_public(_decision(text))
