"""The board's own sentence, recognised in one match: "<Delegate> har …, <diary number>."

Nearly every item of a list is written the way the board writes it (and the way the report
composes it): the delegate, a verb, what was decided, a procurement number perhaps, then a comma
and the item's diary number at the end. For such an item the general reader (agenda_items) runs
a dozen searches to find what one anchored pattern sees at once: where the delegate ends, which
diary number is the item's own, which procurement number it names.

``board_sentence`` answers only where it can show that the general reader would find the same,
and otherwise says nothing, so that the general reader takes the item. What it leaves to the
general reader either way (the kind, the parties, the subject) is read by the same code.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from delreg.diary_numbers import is_not_a_number
from delreg.parse.agenda_gates import trie_pattern
from delreg.parse.agenda_numbers import Number

if TYPE_CHECKING:  # the rules hold this module's patterns
    from delreg.parse.agenda_rules import AgendaRules

# Letters that are letters to str.isalpha() and keep their length in str.lower(), as the general
# reader requires of a delegate's words.
_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"
_WORD = rf"[{_LETTERS}][{_LETTERS}-]*"
# The general reader looks for the delegate's verb within this window, for this many words.
_DELEGATE_WINDOW = 120
_DELEGATE_WORDS = 6
# The general reader looks for the item's diary number this far from its end.
_TAIL = 40


class SentenceRules(NamedTuple):
    """The one pattern and what it needs, compiled from the configuration with the rest."""

    # None when the configuration allows no such shortcut (see ``sentence_rules``).
    pattern: re.Pattern[str] | None
    # Every delegate verb in one pattern: the earliest one in an item is found in one search.
    verb_finder: re.Pattern[str]


class Sentence(NamedTuple):
    """What the pattern found, as the general reader would have found it."""

    delegate: str
    # Where what was decided starts, after the verb.
    body_start: int
    diary: Number
    procurement: list[Number]


def sentence_rules(*, verbs: tuple[str, ...], diary_shapes: list[str]) -> SentenceRules:
    """Compile the pattern for the configured verbs (" har ") and diary-number shapes.

    The shortcut rests on three facts about the configuration, checked here: no verb starts
    with another (so the earliest verb found is the only one there), no diary-number shape can
    take in a comma (so a number found before the ", " at an item's end cannot reach over it to
    the item's own number), and none matches nothing.
    """
    spaced = [verb for verb in verbs if verb.startswith(" ") and verb.endswith(" ")]
    finder = re.compile(trie_pattern(sorted(set(verbs))) if verbs else "(?!)")
    prefix_free = not any(a != b and b.startswith(a) for a in verbs for b in verbs)
    safe = diary_shapes and all(_comma_free(shape) for shape in diary_shapes)
    if not (spaced and prefix_free and safe):
        return SentenceRules(None, finder)
    shapes = "|".join(f"(?:{shape})" for shape in diary_shapes)
    number = rf"(?<![\w/.])(?:{shapes})(?![\w/])"
    verb = "|".join(re.escape(verb.strip()) for verb in spaced)
    try:
        if any(re.fullmatch(shape, "") for shape in diary_shapes):
            return SentenceRules(None, finder)
        pattern = re.compile(
            # Not a diary number first: the general reader would take the item from there.
            rf"(?!{number})"
            # The fewest words before a verb: the general reader takes the earliest verb.
            rf"(?P<delegate>{_WORD}(?: {_WORD}){{0,{_DELEGATE_WORDS - 1}}}?) (?P<verb>{verb}) "
            # The greedy run backs off from the end to the last ", <number>"; the number is
            # matched as the general reader's own pattern would match it there, no other way.
            rf"(?=\S).*, (?P<diary>(?>{number}))\.?"
        )
    except re.error:
        return SentenceRules(None, finder)
    return SentenceRules(pattern, finder)


def board_sentence(text: str, lowered: str, rules: AgendaRules) -> Sentence | None:
    """The delegate, diary number and procurement number of a sentence of the board's shape,
    or None where the general reader must look.

    ``lowered`` is ``text.lower()`` of the same length, and holds none of the words that label
    a diary number (the caller has looked): the general reader would find no labelled one.
    """
    sentence = rules.sentence
    pattern = sentence.pattern
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
    if body_start > _DELEGATE_WINDOW or not lowered.endswith(
        rules.delegate_endings, last_word, delegate_end
    ):
        return None
    verb = sentence.verb_finder.search(lowered, 1, _DELEGATE_WINDOW)
    if verb is None or verb.start() != delegate_end or verb.end() != body_start:
        return None
    diary = _own_diary_number(text, found, rules.diary_number_bare)
    if diary is None:
        return None
    procurement = _procurement(text, lowered, diary.start, rules)
    if procurement is None:
        return None
    return Sentence(found.group("delegate"), body_start, diary, procurement)


def _own_diary_number(
    text: str, found: re.Match[str], diary_number_bare: re.Pattern[str]
) -> Number | None:
    start, end = found.span("diary")
    value = found.group("diary")
    # The general reader searches the last 40 characters and takes the last number it finds
    # there. Nothing reaches over the comma before this one (no shape takes in a comma), so it
    # is found if it lies in that stretch and nothing starts at the space before it; nothing
    # starts after it if it ends in a letter or digit (the pattern wants none of those before).
    if start < len(text) - _TAIL or not text[end - 1].isalnum():
        return None
    if diary_number_bare.match(text, start - 1) is not None or is_not_a_number(value):
        return None
    return Number(start, end, value)


def _procurement(
    text: str, lowered: str, diary_start: int, rules: AgendaRules
) -> list[Number] | None:
    """No procurement number, or one just before the diary number ("… MT 2023-0043, 23RS1"),
    written canonically and without a label: what the general reader finds in such an item."""
    gate = rules.procurement_label_gate
    if gate.match(rules.procurement_labelled, text, lowered) is not None:
        return None
    prefixed = rules.procurement_prefixed
    first = prefixed.search(text)
    if first is None:
        return []
    start, end = first.span()
    if (
        end != diary_start - 2
        or text[start - 1 : start] != " "
        or prefixed.search(text, end) is not None
        or rules.canonical_procurement_number.fullmatch(first.group()) is None
    ):
        return None
    return [Number(start, end, first.group())]


def _comma_free(shape: str) -> bool:
    """Whether no match of the regular expression ``shape`` can hold a comma.

    Read from the pattern's text, erring on the side of no: a wildcard, a negated class, an
    escape that takes in punctuation or a class that may hold a comma all say no.
    """
    position = 0
    while position < len(shape):
        char = shape[position]
        if char == "\\":
            escaped = shape[position + 1 : position + 2]
            if not (escaped in "dwsbBAZ" and escaped) and (escaped.isalnum() or escaped == ","):
                return False
            position += 2
        elif char == "[":
            end = _class_end(shape, position)
            if end < 0 or not _class_comma_free(shape[position + 1 : end]):
                return False
            position = end + 1
        elif char == "{":
            end = shape.find("}", position)
            if end < 0 or not re.fullmatch(r"\d*,?\d*", shape[position + 1 : end]):
                return False
            position = end + 1
        elif char in ".,":
            return False
        else:
            position += 1
    return True


def _class_end(shape: str, start: int) -> int:
    position = start + 1
    if shape[position : position + 1] == "^":
        position += 1
    if shape[position : position + 1] == "]":
        position += 1
    while position < len(shape):
        if shape[position] == "\\":
            position += 2
            continue
        if shape[position] == "]":
            return position
        position += 1
    return -1


def _class_comma_free(body: str) -> bool:
    if body.startswith("^"):
        return False
    members: list[str] = []
    position = 0
    while position < len(body):
        if body[position] == "\\":
            escaped = body[position + 1 : position + 2]
            if escaped not in ("d", "w", "s") and (escaped.isalnum() or escaped == ","):
                return False
            members.append("" if escaped in ("d", "w", "s") else escaped)
            position += 2
        else:
            members.append(body[position])
            position += 1
    for index, member in enumerate(members):
        if member == ",":
            return False
        # A range "a-b" around the comma ("+-/" holds it).
        if member == "-" and 0 < index < len(members) - 1:
            low, high = members[index - 1], members[index + 1]
            if low and high and low <= "," <= high:
                return False
    return True
