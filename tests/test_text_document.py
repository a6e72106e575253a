"""The one normalising step of a document's text (delreg.text) and the readers that use it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.model import Decision
from delreg.parse.agenda import read_agenda
from delreg.text import BULLET, normalise_document
from tests.helpers.documents import ITEMS, SYMBOL_BULLET, WINGDINGS_BULLETS, agenda_text

CONFIG = load_config()

WORD_BULLETS = (
    SYMBOL_BULLET,
    *WINGDINGS_BULLETS,
    "\uf0fc",  # Wingdings' check mark
    "\uf06e",  # Wingdings' black square
    "\uf0a8",  # Symbol's diamond
)
WEB_BULLETS = ("•", "◦", "▪", "●", "■", "‣", "\u2043", "➢", "►", "✓", "·")


@pytest.mark.parametrize("bullet", WORD_BULLETS + WEB_BULLETS)
def test_every_bullet_becomes_the_bullet(bullet: str) -> None:
    text = f"Anmälningsärenden\n{bullet} Beslut om a, 23RS1\n  {bullet}\tBeslut om b, 23RS2\n"
    assert normalise_document(text) == (
        "Anmälningsärenden\n• Beslut om a, 23RS1\n  •\tBeslut om b, 23RS2\n"
    )


def test_a_symbol_font_glyph_opening_a_line_is_a_bullet_whatever_its_shape() -> None:
    assert normalise_document("\uf0e5 Beslut om a, 23RS1") == "• Beslut om a, 23RS1"
    # … but not a private-use character inside a word, nor one without a space after it.
    assert normalise_document("\uf0e5Beslut") == "\uf0e5Beslut"


def test_word_bullets_are_bullets_inside_a_line_too() -> None:
    # A PDF whose list was flattened into one line keeps its items apart.
    assert normalise_document(f"a {SYMBOL_BULLET} b \uf0a7 c") == "a • b • c"


def test_unicode_bullets_inside_a_line_are_text() -> None:
    text = "Sida 1 · Kallelse → se bilaga ■ slut"
    assert normalise_document(text) == text


def test_line_breaks_controls_ligatures_and_accents() -> None:
    text = "Anma\u0308lan\r\n\x1b[31mﬁl\u200bter\x07\r§ 12\f\tslut\r\n"
    assert normalise_document(text) == "Anmälan\n [31mfilter \n§ 12\f\tslut\n"


def test_plain_text_is_left_as_it_is() -> None:
    text = agenda_text(ITEMS)
    assert normalise_document(text) is text  # not even copied


# Text with the characters the step changes, often at line starts.
_ALPHABET = st.sampled_from(
    [
        *("a", "Ö", " ", "\t", "\n", "\r", "\r\n", "\f", "\x07", "\u200b", "ﬁ", "a\u030a"),
        *("•", "·", *WORD_BULLETS, *WEB_BULLETS),
        *("|", " | ", "-", ":", "|---|"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_normalising_is_idempotent_and_keeps_the_lines(text: str) -> None:
    once = normalise_document(text)
    assert normalise_document(once) == once
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert len(once.split("\n")) == len(lines)
    assert "\r" not in once and not set(once) & set(WORD_BULLETS)


def read(text: str) -> list[tuple[object, ...]]:
    return [
        (record.diary_number, record.kind, record.parties, record.subject, record.delegate)
        for record in read_agenda(text, source="agenda.txt", config=CONFIG)
        if isinstance(record, Decision)
    ]


@pytest.mark.parametrize("bullet", WORD_BULLETS)
def test_word_bullets_split_items_as_the_bullet_does(bullet: str) -> None:
    expected = read(agenda_text(ITEMS))
    assert [found[0] for found in expected] == [diary for diary, _ in ITEMS]
    text = agenda_text(ITEMS).replace(f"{BULLET} ", f"{bullet} ")
    assert read(text) == expected


def test_a_table_written_with_pipes_reads_as_the_same_table_in_columns() -> None:
    rows = [f"| {diary} | {text} |" for diary, text in ITEMS]
    piped = "\n".join(["Anmälningsärenden", "", "| Dnr | Ärende |", "|:----|-------|", *rows])
    columns = "\n".join(
        ["Anmälningsärenden", "", "Dnr\tÄrende", "", *(f"{d}\t{t}" for d, t in ITEMS)]
    )
    assert normalise_document(piped).split("\n")[2:4] == ["Dnr   Ärende", ""]
    assert read(piped) == read(columns)
    assert [found[0] for found in read(piped)] == [diary for diary, _ in ITEMS]
    # Windows line ends, and a pipe inside a line that is no row, change nothing else.
    assert read(piped.replace("\n", "\r\n")) == read(piped)
    assert normalise_document("Sida 1 | Kallelse") == "Sida 1 | Kallelse"
