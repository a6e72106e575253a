"""Agenda text in one form, whichever reader it came through: the one normalising step.

Agenda text reaches the agenda parser from a text file, from standard input (often a web page
copied or saved as text) and from a PDF's text layer, and each brings its own ways of writing
the same thing. ``normalise_text`` is the one place where they are made alike, so the parser
meets one form:

- line breaks are ``\\n`` (Windows' ``\\r\\n`` and old Mac's ``\\r`` too), and no line is added or
  taken away, so a line number still points into the source;
- every bullet a word processor or a web page writes is ``•``. Word's bullets come out of a PDF
  as the private-use code points of the Symbol and Wingdings fonts (U+F0B7, U+F0A7, U+F076 …),
  which are invisible in a subject and would join an item to the one before it;
- control characters (an ESC sequence, a BEL from a scraped page) are spaces: noise, not data,
  that would reach the subject, the board's sentence and a terminal. Tab, line and page breaks
  stay, they carry the layout;
- zero-width characters are dropped, ligatures (``ﬁ``) are letters and letters with a separate
  accent (``a`` + ring) are one letter, as PDFs and some editors write them: otherwise
  "Anmälningsärenden" and ``23RS1851`` would not be found.

Each kind of work is done only where a search finds something to do, so text that is
already plain (most text files) costs one scan in C.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BULLET", "normalise_text"]

BULLET = "•"

# The bullets of Word's bullet library and the symbol fonts' other round, square, diamond, arrow
# and check glyphs, as the Symbol (S) and Wingdings (W) fonts place them in the private-use area
# (U+F000 + the font's own code): they are bullets wherever they stand.
_SYMBOL_FONT_BULLETS = (
    "\uf0b7"  # S •, Word's default bullet
    "\uf0a8"  # S ♦
    "\uf0ae"  # S →
    "\uf0de"  # S ⇒
    "\uf0a7"  # W ▪
    "\uf076"  # W ❖
    "\uf0d8"  # W ➢
    "\uf0fc"  # W ✓
    "\uf0fb"  # W ✗
    "\uf06c"  # W ●
    "\uf06e"  # W ■
    "\uf06f"  # W □
    "\uf071"  # W ❑
    "\uf075"  # W ◆
    "\uf077"  # W ⬥
    "\uf09f"  # W •
    "\uf0a1"  # W ○
    "\uf0a4"  # W ◉
    "\uf0e0"  # W →
    "\uf0e8"  # W ➔
    "\uf0f0"  # W ⇨
)
# Bullets written as Unicode characters: by word processors that map the symbol fonts, by web
# pages and their list styles. At the start of a line (after its indentation) they open an item;
# elsewhere they may be text ("Sida 1 · Kallelse", an arrow in a sentence) and are left alone.
_UNICODE_BULLETS = "‣\u2043∙◦·・▪▫◾◽■□●○◆◇❖➢➣➤►▶▸▹✓✔✗➔→⇒⇨⦁⚫⬤◉◘❑❒⬥⬧⧫"
# A glyph of a symbol font (U+F020 … U+F0FF) at the start of a line, followed by a space, is a
# bullet even where its shape is none of the above.
_SYMBOL_FONT_RANGE = "\uf020-\uf0ff"

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_CONTROLS = "".join(
    chr(code) for code in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(code) not in "\t\n\r\f"
)

_TRANSLATION: dict[int, str | None] = {
    **{ord(character): " " for character in _CONTROLS},
    **{ord(character): None for character in _ZERO_WIDTH},
    **{ord(character): letters for character, letters in _LIGATURES.items()},
    **{ord(character): BULLET for character in _SYMBOL_FONT_BULLETS},
}
_NEEDS_TRANSLATION = re.compile("[" + "".join(re.escape(chr(code)) for code in _TRANSLATION) + "]")
# An accent written apart from its letter; NFC is only needed where one stands.
_COMBINING = re.compile("[\u0300-\u036f]")
_ANY_BULLET = re.compile(f"[{re.escape(_UNICODE_BULLETS)}{_SYMBOL_FONT_RANGE}]")
# Any of the above: text that is already plain (most text files) costs this one scan.
_ANY_WORK = re.compile(
    f"[\r{_NEEDS_TRANSLATION.pattern[1:-1]}{_ANY_BULLET.pattern[1:-1]}{_COMBINING.pattern[1:-1]}]"
)
_LINE_BULLET = re.compile(
    f"^([ \\t]*)(?:[{re.escape(_UNICODE_BULLETS)}]|[{_SYMBOL_FONT_RANGE}](?=[ \\t]))",
    re.MULTILINE,
)


def normalise_text(text: str) -> str:
    """``text`` in the one form the agenda parser reads (see the module's docstring).

    Idempotent, and keeps the number of lines (``\\r\\n`` counts as one break).
    """
    if _ANY_WORK.search(text) is None:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NEEDS_TRANSLATION.search(text) is not None:
        # A substitution per character found: str.translate would visit every character in
        # Python (seconds for megabytes of PDF text with a Word bullet on each line).
        text = _NEEDS_TRANSLATION.sub(_translated, text)
    if _ANY_BULLET.search(text) is not None:
        text = _LINE_BULLET.sub(rf"\1{BULLET}", text)
    if _COMBINING.search(text) is not None:
        text = unicodedata.normalize("NFC", text)
    return text


def _translated(found: re.Match[str]) -> str:
    return _TRANSLATION[ord(found.group())] or ""
