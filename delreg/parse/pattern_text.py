"""What a regular expression written by an organisation can match, read from its text.

The agenda reader may take a shortcut only where the configuration's own patterns cannot upset
it; some of that is decided from a pattern's text before it is compiled.
"""

from __future__ import annotations

import re


def comma_free(shape: str) -> bool:
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
