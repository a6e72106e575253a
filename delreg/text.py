"""All normalising of text: the one rule for characters, folding for comparison, a document's
text. Pure.

**A value at the door** (``clean_text``). Every text value that enters a register (an option of
`add` or `edit`, a cell of an export, an item read from an agenda) passes here, so that whatever
reads the register later (a Word or HTML report, an XML parser, a terminal) can show it:

- control characters (C0, DEL, C1) become spaces: a bell, an escape sequence or a NUL hides in
  exported cells and pasted text, and is no data. Tab and line breaks are white space anyway;
- a code point that is no character is refused, naming it: a lone surrogate (half of a pair,
  what a broken UTF-16 conversion leaves) and the non-characters Unicode reserves for a program's
  own use (U+FFFE, U+FFFF, U+FDD0..U+FDEF and the last two of every plane). XML cannot carry
  them, and a Word report that held one could not be written. What the text should have said
  cannot be guessed, so it is not cleaned away in silence;
- text that was decoded wrongly (U+FFFD, ``Ã¶`` for ``ö``) is refused where a reader asks
  (``refuse_wrongly_decoded``): a cell of an export is one value, and a wrong one.

**Folding for comparison** (``fold_dashes``, ``without_diacritics``): the forms under which two
spellings of one number, title or name are the same; what is stored is not folded.

**A document's text** (``normalise_document``). Agenda text reaches the agenda parser from a
text file, from standard input (often a web page copied or saved as text) and from a PDF's text
layer, and each brings its own ways of writing the same thing. This is the one place where they
are made alike, so the parser meets one form:

- line breaks are ``\\n`` (Windows' ``\\r\\n`` and old Mac's ``\\r`` too), and no line is added or
  taken away, so a line number still points into the source;
- every bullet a word processor or a web page writes is ``•``. Word's bullets come out of a PDF
  as the private-use code points of the Symbol and Wingdings fonts (U+F0B7, U+F0A7, U+F076 …),
  which are invisible in a subject and would join an item to the one before it;
- control characters are spaces, by the rule for a value, except the ones a document's layout
  is made of (tab, line and page breaks);
- zero-width characters are dropped, ligatures (``ﬁ``) are letters and letters with a separate
  accent (``a`` + ring) are one letter, as PDFs and some editors write them: otherwise
  "Anmälningsärenden" and ``23RS1851`` would not be found.

Each kind of work is done only where a search finds something to do, so text that is already
plain (most values and most text files) costs one scan in C.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from delreg.errors import InvalidValue


class LazyPattern:
    """A regular expression compiled when it is first used, not when its module is imported:
    most of a module's patterns serve other commands than the one that runs (a report uses none
    of the agenda reader's), and compiling them all cost every command's start-up some 3 ms.

    It answers as ``re.compile(pattern, flags)`` would. Once compiled, the compiled pattern's
    own methods stand in this object's place (instance attributes before the class's methods),
    so a call costs what a call of the compiled pattern costs."""

    # The compiled pattern's methods, taken over on the first call of any of them.
    _METHODS = ("search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split")

    def __init__(self, pattern: str | Callable[[], str], flags: int = 0) -> None:
        # The pattern's text, or what writes it where writing it costs too (a codec's import).
        self._source = pattern
        self._flags = flags

    @property
    def pattern(self) -> str:
        return self._source if isinstance(self._source, str) else self._source()

    def compiled(self) -> re.Pattern[str]:
        """The pattern compiled (once: ``re`` keeps what it compiled)."""
        compiled = re.compile(self.pattern, self._flags)
        for name in self._METHODS:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)


# The control characters: C0, DEL and C1. No value a register keeps holds one.
CONTROL_CHARACTERS = "".join(chr(code) for code in (*range(0x00, 0x20), *range(0x7F, 0xA0)))
CONTROLS = dict.fromkeys(map(ord, CONTROL_CHARACTERS), " ")
# The controls a document's layout is made of.
LAYOUT = "\t\n\r\f"
_NON_CHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
_NOT_TEXT = LazyPattern(f"[{_NON_CHARACTERS}]")
# The longest value echoed in a message; a 10 000-character diary number is shown cut.
SHOWN_CHARS = 60


def clean_text(text: str) -> str:
    """``text`` with control characters as spaces; InvalidValue if it holds a non-character.

    Idempotent, and what it returns holds no control character.
    """
    # Nearly every value is printable, Swedish letters and all, with nothing to do: control
    # characters, surrogates and non-characters are none of them printable. (A subject with
    # "ö" took 20 µs a cell here before: str.translate with a table, and the search below.)
    if text.isprintable():
        return text
    refuse_non_characters(text)
    return text.translate(CONTROLS)


def refuse_non_characters(text: str) -> None:
    if found := _NOT_TEXT.search(text):
        code_point = ord(found.group())
        what = "half of a surrogate pair" if 0xD800 <= code_point <= 0xDFFF else "a non-character"
        raise InvalidValue(
            f"holds U+{code_point:04X} at character {found.start() + 1}, {what}, not text",
            hint="the file was damaged or converted wrongly: export it again as UTF-8, or "
            "delete that character",
        )


# UTF-8 read as Windows-1252 or Latin-1 turns "ö" into "Ã¶": "Ã" and then what a continuation
# byte (0x80-0xBF) decodes to in either of those.
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))
_MOJIBAKE = LazyPattern(
    lambda: (
        "Ã["
        + re.escape(_CONTINUATION_BYTES.decode("cp1252", errors="ignore"))
        + re.escape(_CONTINUATION_BYTES.decode("latin-1"))
        + "]"
    )
)


def refuse_wrongly_decoded(text: str) -> None:
    """InvalidValue if ``text`` bears the marks of a file decoded with the wrong encoding."""
    if "\ufffd" in text:
        raise InvalidValue(
            f"{text.strip()[:60]!r} holds '\ufffd', the mark of text that could not be decoded",
            hint="export the file again as UTF-8",
        )
    if _MOJIBAKE.search(text):
        raise InvalidValue(
            f"{text.strip()[:60]!r} looks wrongly decoded ('Ã¶' where 'ö' was meant)",
            hint="the file was converted to UTF-8 twice; export it again as UTF-8",
        )


def shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """``repr(text)`` for a message, cut to ``limit`` characters with its length told."""
    if len(text) <= limit:
        return repr(text)
    length = f"{len(text):,}".replace(",", " ")
    return f"{text[:limit]!r}… ({length} characters)"


# Dashes people type or paste for a hyphen: en dash, em dash, minus sign, non-breaking hyphen.
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2011": "-"})


def fold_dashes(text: str) -> str:
    """``text`` with every dash a person may write for a hyphen as ``-``."""
    return text.translate(_DASHES)


def without_diacritics(text: str) -> str:
    """``text`` trimmed, case-folded and without accents: "Överprövning " → "overprovning"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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
# Spaces that do not break ("KS 2024/12" typed with one, a web page's &nbsp;, "25 000 kr"):
# a space to the reader, or a diary number would not be one.
_HARD_SPACES = "\u00a0\u2007\u202f\u2009\u2002\u2003\u2005"
# A document's layout is made of tab, line and page breaks: they stay there, and only there.
_DOCUMENT_CONTROLS = "".join(sorted(set(CONTROL_CHARACTERS) - set(LAYOUT)))

_TRANSLATION: dict[int, str | None] = {
    **{ord(character): " " for character in _DOCUMENT_CONTROLS},
    **{ord(character): None for character in _ZERO_WIDTH},
    **{ord(character): " " for character in _HARD_SPACES},
    **{ord(character): letters for character, letters in _LIGATURES.items()},
    **{ord(character): BULLET for character in _SYMBOL_FONT_BULLETS},
}
_TRANSLATED = "".join(re.escape(chr(code)) for code in _TRANSLATION)
_NEEDS_TRANSLATION = LazyPattern(f"[{_TRANSLATED}]")
# An accent written apart from its letter; NFC is only needed where one stands.
_ACCENTS = "\u0300-\u036f"
_COMBINING = LazyPattern(f"[{_ACCENTS}]")
_BULLETS = f"{re.escape(_UNICODE_BULLETS)}{_SYMBOL_FONT_RANGE}"
_ANY_BULLET = LazyPattern(f"[{_BULLETS}]")
# Any of the above: text that is already plain (most text files) costs this one scan.
_ANY_WORK = LazyPattern(f"[\r{_TRANSLATED}{_BULLETS}{_ACCENTS}]")
_LINE_BULLET = LazyPattern(
    f"^([ \\t]*)(?:[{re.escape(_UNICODE_BULLETS)}]|[{_SYMBOL_FONT_RANGE}](?=[ \\t]))",
    re.MULTILINE,
)


def normalise_document(text: str) -> str:
    """A document's text in the one form the agenda parser reads (see the module's docstring).

    Idempotent, and keeps the number of lines (``\\r\\n`` counts as one break).
    """
    piped = "|" in text
    if not piped and _ANY_WORK.search(text) is None:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NEEDS_TRANSLATION.search(text) is not None:
        # A substitution per character found: str.translate would visit every character in
        # Python (seconds for megabytes of PDF text with a Word bullet on each line).
        text = _NEEDS_TRANSLATION.sub(_translated, text)
    if piped:
        # After the lines and characters are plain (a row's line may end "\r\n", a zero-width
        # space may stand before its pipe), before the bullets (a cell may start with one).
        text = _PIPE_ROW.sub(_table_row, text)
    if _ANY_BULLET.search(text) is not None:
        text = _LINE_BULLET.sub(rf"\1{BULLET}", text)
    if _COMBINING.search(text) is not None:
        text = unicodedata.normalize("NFC", text)
    return text


# A row of a table written with pipes ("| KS 2024/401 | Avtal med … | 2024-08-12 |", as wikis,
# Markdown and some registry systems export one): its cells a column gap apart, as a PDF's and a
# web page's are; the line under the head ("|-----|:---|") is blank.
_PIPE_ROW = LazyPattern(r"^[ \t]*\|([^\n]*)\|[ \t]*$", re.MULTILINE)
_RULE_CELL = LazyPattern(r"[ \t]*:?-+:?[ \t]*")
# The agenda reader counts an empty cell by this gap (the two around it run into one):
# delreg.parse.agenda_blocks ``_by_gaps``, by delreg.parse.table_columns.CELL_GAP.
_CELL_GAP = "   "


def _table_row(found: re.Match[str]) -> str:
    cells = found.group(1).split("|")
    if all(_RULE_CELL.fullmatch(cell) for cell in cells):
        return ""
    return _CELL_GAP.join(cell.strip() for cell in cells)


def _translated(found: re.Match[str]) -> str:
    return _TRANSLATION[ord(found.group())] or ""
