"""The boards (nämnder) of one register, and which board a decision or meeting belongs to. Pure.

A region has a dozen boards and one registry: every decision and meeting belongs to one board,
known by its short code (``HSN``, ``RS``). A register that never named a board holds its rows
under no code (a decision's board is None, a meeting's ""); the first board it names, by
`delreg boards add`, by ``[register] board`` or by ``--board`` on a write, takes them all.

Choosing a board:
- ``--board CODE`` (or the board's name) on any command; ``--board all`` lists every board;
- else ``[register] board`` in the configuration (a code or a name);
- else the register's only board; a register of several boards and no default shows all of
  them, and a write must say which.

Routing the rows of a region-wide export: a row's own board column (``board``, ``Nämnd``,
``Beslutsinstans`` …) names its board; else ``import --board``; else the series of its diary
number (``[routing.series]``: ``RS = "RS"``); else the default board. A row none of these
places, or one that names a board the register does not hold, is rejected with its line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from delreg.errors import InvalidValue
from delreg.json_shapes import board_json
from delreg.model import Decision
from delreg.text import LazyPattern, shown

# `--board all`: every board at once. No board may take it as its code.
ALL_BOARDS = "all"
# A short code as registrars write them: HSN, RS, RUN, KFN-2, SN1.
_CODE = LazyPattern(r"[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9_-]{0,19}")
# The series of a diary number: its first run of letters (23RS1851, RS 2022/1275, KSN-2017-1).
_SERIES = LazyPattern(r"[A-ZÅÄÖ]+")


@dataclass(frozen=True, slots=True)
class Board:
    """A board of the register: its short code, its name, and who it delegates to."""

    code: str
    name: str
    delegate: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return board_json(self)


def board_code(text: str) -> str:
    """A new board's code, upper-cased: ``hsn`` → ``HSN``; raises InvalidValue for others."""
    code = text.strip().upper()
    if code.casefold() == ALL_BOARDS:
        raise InvalidValue(
            f"{ALL_BOARDS!r} cannot be a board's code",
            hint=f"`--board {ALL_BOARDS}` means every board; choose another code",
        )
    if not _CODE.fullmatch(code):
        raise InvalidValue(
            f"{shown(text)} is not a board code",
            hint="a short code of letters and digits (HSN, RS, RUN), at most 20; "
            "the full name goes in --name",
        )
    return code


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Boards:
    """The boards a register holds, found by code or name, as the user writes either."""

    boards: tuple[Board, ...] = ()

    def __len__(self) -> int:
        return len(self.boards)

    def find(self, text: str) -> Board | None:
        """The board whose code or name is ``text`` (case and spacing aside)."""
        wanted = _key(text)
        for board in self.boards:
            if _key(board.code) == wanted:
                return board
        for board in self.boards:
            if _key(board.name) == wanted:
                return board
        return None

    def get(self, code: str | None) -> Board | None:
        return next((board for board in self.boards if board.code == code), None)

    def named(self, text: str) -> Board:
        """The board ``text`` names; raises InvalidValue naming the boards there are."""
        found = self.find(text)
        if found is None:
            raise InvalidValue(f"no board {shown(text)} in the register", hint=self.hint())
        return found

    def hint(self) -> str:
        if not self.boards:
            return "the register has no boards yet: add one with `delreg boards add CODE --name …`"
        codes = ", ".join(board.code for board in self.boards)
        return f"the boards are {codes} (`delreg boards list`); add one with `delreg boards add`"

    def for_reading(self, option: str | None, configured: str) -> str | None:
        """The code of the board a listing shows, or None for every board.

        ``option`` is ``--board`` (None when not given), ``configured`` ``[register] board``.
        """
        if option is not None:
            if option.strip().casefold() == ALL_BOARDS:
                return None
            return self.named(option).code
        if not self.boards:
            return None  # nothing is named yet: the one unnamed board is all there is
        if configured.strip():
            found = self.find(configured)
            if found is None:
                raise InvalidValue(
                    f"the configured board {shown(configured)} is not in the register",
                    hint="fix [register] board in the configuration, or " + self.hint(),
                )
            return found.code
        return self.boards[0].code if len(self.boards) == 1 else None

    def for_writing(self, option: str | None, configured: str) -> Board | None:
        """The board a new decision or meeting goes to; None for the unnamed board of a
        register that names none.

        A board named where the register holds none yet becomes its first board, its code
        and name as written (``delreg boards add CODE --name NAME`` gives it a short code
        later). Where boards exist, a board must be one of them.
        """
        wanted = option if option is not None else (configured.strip() or None)
        if wanted is not None:
            if wanted.strip().casefold() == ALL_BOARDS:
                raise InvalidValue(
                    f"`--board {ALL_BOARDS}` lists every board, but a change goes to one",
                    hint="name the board: --board CODE",
                )
            found = self.find(wanted)
            if found is not None:
                return found
            if self.boards:
                source = "--board" if option is not None else "[register] board"
                raise InvalidValue(
                    f"{source}: no board {shown(wanted)} in the register", hint=self.hint()
                )
            name = " ".join(wanted.split())
            return Board(code=name, name=name)
        if len(self.boards) == 1:
            return self.boards[0]
        if self.boards:
            raise InvalidValue(
                "the register has several boards and no default",
                hint="name one with --board CODE, or set [register] board in the configuration",
            )
        return None


def diary_series(diary_number: str) -> str | None:
    """The series letters of a normalised diary number: ``23RS1851`` → ``RS``."""
    found = _SERIES.search(diary_number)
    return found.group(0) if found else None


@dataclass(frozen=True)
class Routing:
    """Where the rows of one import go: each row's own board, ``--board``, its diary
    number's series, or the default board, in that order."""

    boards: Boards
    # `import --board`: the board every row without a board of its own goes to.
    chosen: Board | None
    # The default board (None: the unnamed board of a register that names none).
    default: Board | None
    # Whether a row that nothing else places may go to the default board; not so in a
    # register of several boards with no default, where that would be a guess.
    default_is_certain: bool
    # [routing.series]: diary-number series → board code.
    series: Mapping[str, str]
    # In a register that names no board yet, the first board a row names becomes its board
    # (kept here once seen); a row naming a second one is rejected.
    first: list[Board] = field(default_factory=list)

    def for_meeting(self) -> Routing:
        """The routing of an import into one meeting's list: every row to the meeting's
        board (``--board``, else the default), a row naming another board rejected."""
        if self.chosen is not None:
            return self
        if not self.default_is_certain:
            raise InvalidValue(
                "which board's meeting? the register has several boards and no default",
                hint="name it with --board CODE",
            )
        return replace(self, chosen=self.default)

    def _first_named(self, text: str) -> Board | None:
        """In a register that names no board yet: the board about to be its first (by
        ``--board`` or configuration), else the first one a row names."""
        if self.boards:
            return None
        first = self.chosen or self.default
        if first is None:
            if not self.first:
                name = " ".join(text.split())
                self.first.append(Board(name, name))
            first = self.first[0]
        return first if _key(text) in (_key(first.code), _key(first.name)) else None

    @property
    def board(self) -> Board | None:
        """The board of a row that names none and that no series places: ``--board``, else
        the default (None: the unnamed board of a register that names none)."""
        return self.chosen if self.chosen is not None else self.default

    def route(self, decision: Decision) -> Decision:
        """The decision with its board's code; raises InvalidValue when it has no board.

        A decision that names no board, where no series is configured and ``board`` is
        certain, is returned as it is: the import hands ``board`` to the store, which puts
        such decisions on it (a new Decision for every row of a large export would cost more
        than the rest of its import's reading).
        """
        if (
            not decision.board
            and not self.series
            and (self.chosen is not None or self.default_is_certain)
        ):
            return decision
        board = self._board_of(decision)
        code = board.code if board is not None else None
        return decision if decision.board == code else replace(decision, board=code)

    def _board_of(self, decision: Decision) -> Board | None:
        if decision.board:
            found = self.boards.find(decision.board) or self._first_named(decision.board)
            if found is None:
                raise InvalidValue(
                    f"board: no board {shown(decision.board)} in the register",
                    hint=self.boards.hint(),
                )
            if self.chosen is not None and found.code != self.chosen.code:
                raise InvalidValue(
                    f"board: the row is {found.code}'s, the import {self.chosen.code}'s",
                    hint="import each board's rows with its own --board (and --meeting), "
                    "or leave both out to route each row to its own board",
                )
            return found
        if self.chosen is not None:
            return self.chosen
        series = diary_series(decision.diary_number)
        if series is not None and series in self.series:
            return self.boards.named(self.series[series])
        if self.default_is_certain:
            return self.default
        raise InvalidValue(
            "no board: the row names none, and "
            + (f"its series {series} is not" if series else "its diary number has no series")
            + " in [routing.series]",
            hint="give the file a board column (Nämnd), pass --board CODE, or map the series "
            "to a board under [routing.series] in the configuration",
        )


def routing(
    boards: Boards, *, option: str | None, configured: str, series: Mapping[str, str]
) -> Routing:
    """The routing of an import into a register holding ``boards``."""
    chosen = boards.for_writing(option, configured) if option is not None else None
    try:
        default = boards.for_writing(None, configured)
        certain = True
    except InvalidValue:
        default, certain = None, False
    for code in series.values():
        boards.named(code)  # a series mapped to a board the register lacks is a mistake
    return Routing(boards, chosen, default, certain, dict(series))


def boards_in(rows: Iterable[tuple[str, str, str | None]]) -> Boards:
    return Boards(tuple(Board(code, name, delegate) for code, name, delegate in rows))
