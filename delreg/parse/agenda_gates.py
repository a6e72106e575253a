"""Gates: the plain words a list of patterns starts with, found before any pattern runs.

Python's regular-expression engine cannot skip ahead when a pattern is case-insensitive: it
tries every position of the text. Most patterns of the agenda configuration start with a plain
word ("beslutsdatum", "upphandling", "tecknat avtal"), so the reader looks for those words in
the lower-cased item with one case-sensitive search, which the engine can skip through to their
first letters, and tries the pattern only where one stands. A pattern without such a word opens
its gate: it is searched for everywhere, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# A gate's word must be this long to be worth looking for.
_SHORTEST_GATE_WORD = 3
_QUANTIFIERS = "?*{"


@dataclass(frozen=True, slots=True)
class Gate:
    """The words some patterns must start with; ``None`` when one of them has no such word."""

    words: tuple[str, ...] | None
    # All the words in one pattern, to step from one place where a word stands to the next.
    finder: re.Pattern[str] | None = None

    def first(self, lowered: str | None, start: int = 0, end: int | None = None) -> int:
        """Where in ``lowered`` the earliest match could start, or -1 if none can."""
        if self.words is None or lowered is None or self.finder is None:
            return start
        found = self.finder.search(lowered, start, len(lowered) if end is None else end)
        return found.start() if found is not None else -1

    def match(
        self,
        pattern: re.Pattern[str],
        text: str,
        lowered: str | None,
        start: int = 0,
        end: int | None = None,
    ) -> re.Match[str] | None:
        """The earliest match of ``pattern`` in ``text[start:end]``."""
        stop = len(text) if end is None else end
        if self.words is None or lowered is None or self.finder is None:
            return pattern.search(text, start, stop)
        # The loop of ``matches``, without a generator: this runs several times for every item.
        finder = self.finder.search
        word = finder(lowered, start, stop)
        while word is not None:
            at = word.start()
            found = pattern.match(text, at, stop)
            if found is not None:
                return found
            word = finder(lowered, at + 1, stop)
        return None

    def matches(
        self,
        pattern: re.Pattern[str],
        text: str,
        lowered: str | None,
        start: int = 0,
        end: int | None = None,
    ) -> Iterator[re.Match[str]]:
        """The matches of ``pattern`` in ``text[start:end]`` by where they start, tried only
        where one of the words stands (a case-insensitive search tries every position)."""
        stop = len(text) if end is None else end
        if self.words is None or lowered is None or self.finder is None:
            position = start
            while (found := pattern.search(text, position, stop)) is not None:
                yield found
                position = found.start() + 1
            return
        at = self.first(lowered, start, stop)
        while at >= 0:
            found = pattern.match(text, at, stop)
            if found is not None:
                yield found
            following = self.finder.search(lowered, at + 1, stop)
            at = following.start() if following is not None else -1


def literal_prefix(pattern: str) -> str | None:
    """The plain text (lower case) every match of ``pattern`` starts with, if plain to see."""
    if _has_top_level_alternative(pattern):
        return None
    position = 2 if pattern.startswith(r"\b") else 0
    prefix: list[str] = []
    while position < len(pattern):
        char, step = pattern[position], 1
        if char == "\\":
            char, step = pattern[position + 1 : position + 2], 2
            if not char or char.isalnum():
                break
        elif not (char.isalnum() or char in " -:,'"):
            break
        following = pattern[position + step : position + step + 1]
        if following and following in _QUANTIFIERS:
            break
        prefix.append(char)
        if following == "+":
            break
        position += step
    text = "".join(prefix).lower()
    return text if len(text.strip()) >= _SHORTEST_GATE_WORD else None


def _has_top_level_alternative(pattern: str) -> bool:
    depth, position, in_class = 0, 0, False
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        position += 1
    return False


def gate(patterns: list[str] | tuple[str, ...]) -> Gate:
    prefixes = [literal_prefix(pattern) for pattern in patterns]
    if any(prefix is None for prefix in prefixes):
        return Gate(None)
    return _gate_of_words({prefix for prefix in prefixes if prefix is not None})


def union(*gates: Gate) -> Gate:
    """A gate that opens where any of ``gates`` would: closed, it says none of them can match."""
    words: set[str] = set()
    for one in gates:
        if one.words is None:
            return Gate(None)
        words.update(one.words)
    return _gate_of_words(words)


def _gate_of_words(found: set[str]) -> Gate:
    # A word that starts with another word is found where that one is.
    words = sorted(
        word
        for word in found
        if not any(word != other and word.startswith(other) for other in found)
    )
    return Gate(tuple(words), re.compile(trie_pattern(words) if words else "(?!)"))


def trie_pattern(words: list[str]) -> str:
    """One pattern for ``words`` that branches letter by letter ("d(?:nr|atum)").

    The regular-expression engine tries the alternatives of a plain list one after the other at
    every position; branching on the first letter lets it skip most positions at once and try
    only the words that can still match.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    ends_here = "" in node
    alternatives = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if ends_here:
        return f"(?:{body})?" if len(alternatives) > 1 or len(body) > 1 else body + "?"
    return body
