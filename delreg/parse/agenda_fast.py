"""The board's own sentence, recognised in one match: "<Delegate> har …, <diary number>."

Nearly every item of a list is written the way the board writes it (and the way the report
composes it): the delegate, a verb, what was decided, a procurement number perhaps, then a comma
and the item's diary number at the end. For such an item the general reader (agenda_items) runs
a dozen searches to find what one anchored pattern sees at once: where the delegate ends, which
diary number is the item's own, which procurement number it names.

``board_sentence`` answers only where it can show that the general reader would find the same,
and otherwise says nothing, so that the general reader takes the item. What it leaves to the
general reader either way (the kind, the parties, the subject) is read by the same code. The
pattern is compiled with the general reader's own (``AgendaRules.sentence``), from the same
pieces, and the limits it keeps to are the general reader's constants, imported from there.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from delreg.diary_numbers import is_not_a_number
from delreg.parse.agenda_numbers import TAIL, Number
from delreg.parse.agenda_rules import DELEGATE_WINDOW, AgendaRules


class Sentence(NamedTuple):
    """What the pattern found, as the general reader would have found it."""

    delegate: str
    # Where what was decided starts, after the verb.
    body_start: int
    diary: Number
    procurement: list[Number]


def board_sentence(text: str, lowered: str, rules: AgendaRules) -> Sentence | None:
    """The delegate, diary number and procurement number of a sentence of the board's shape,
    or None where the general reader must look.

    ``lowered`` is ``text.lower()`` of the same length, and holds none of the words that label
    a diary number (the caller has looked): the general reader would find no labelled one.
    """
    pattern = rules.sentence
    if pattern is None:
        return None
    found = pattern.fullmatch(text)
    if found is None:
        return None
    delegate_end = found.end("delegate")
    body_start = found.end("verb") + 1
    # The general reader takes the earliest verb in the item's first 120 characters whose words
    # before it could be a title: here that must be the verb after the delegate's words.
    last_word = lowered.rfind(" ", 0, delegate_end) + 1
    if body_start > DELEGATE_WINDOW or not lowered.endswith(
        rules.delegate_endings, last_word, delegate_end
    ):
        return None
    verb = rules.delegate_verb_finder.search(lowered, 1, DELEGATE_WINDOW)
    if verb is None or verb.start() != delegate_end or verb.end() != body_start:
        return None
    diary = _own_diary_number(text, found, rules.diary_number_bare)
    if diary is None:
        return None
    procurement = _procurement(text, lowered, body_start, diary.start, rules)
    if procurement is None:
        return None
    return Sentence(found.group("delegate"), body_start, diary, procurement)


def _own_diary_number(
    text: str, found: re.Match[str], diary_number_bare: re.Pattern[str]
) -> Number | None:
    start, end = found.span("diary")
    value = found.group("diary")
    # The general reader searches the last TAIL characters and takes the last number it finds
    # there. Nothing reaches over the comma before this one (no shape takes in a comma), so it
    # is found if it lies in that stretch and nothing starts at the space before it; nothing
    # starts after it if it ends in a letter or digit (the pattern wants none of those before).
    if start < len(text) - TAIL or not text[end - 1].isalnum():
        return None
    if diary_number_bare.match(text, start - 1) is not None or is_not_a_number(value):
        return None
    return Number(start, end, value)


def _procurement(
    text: str, lowered: str, body_start: int, diary_start: int, rules: AgendaRules
) -> list[Number] | None:
    """The procurement numbers between the verb and the ", " before the diary number ("… MT
    2023-0043 (ärende 4), 23RS1"), each written canonically, standing as a word of its own and
    without a label: what the general reader finds in such an item, in the same order.

    The general reader finds every number of the prefixed pattern in the whole item, skipping
    one inside a word and normalising the rest; here every one must already be as it would keep
    it, where the sentence has words of its own (not the delegate's, not the diary number's).
    """
    gate = rules.procurement_label_gate
    if gate.match(rules.procurement_labelled, text, lowered) is not None:
        return None
    canonical = rules.canonical_procurement_number
    numbers: list[Number] = []
    for found in rules.procurement_prefixed.finditer(text):
        start, end = found.span()
        # The delegate's words and the verbs (the configuration's) hold no digits, so a number
        # before the body cannot be; it would be the general reader's to read.
        if (
            start < body_start
            or end > diary_start - 2
            or text[start - 1] != " "
            or canonical.fullmatch(found.group()) is None
        ):
            return None
        numbers.append(Number(start, end, found.group()))
    return numbers
