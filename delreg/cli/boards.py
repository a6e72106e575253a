"""`delreg boards`: the boards (nämnder) of one register, and the `--board` every command takes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from delreg.cli.app import DelregGroup, app, environment
from delreg.cli.output import ListFormat, write_records

if TYPE_CHECKING:
    from delreg.boards import Board
    from delreg.cli.environment import Environment
    from delreg.store import Store

# The one `--board` of every command: a code or a name, `all` for every board.
BoardOption = Annotated[
    str | None,
    typer.Option(
        "--board",
        help="The board: its code (HSN) or name; `all` for every board. "
        "Default: [register] board, else the register's only board.",
    ),
]


def board_to_read(env: Environment, store: Store, option: str | None) -> str | None:
    """The code of the board a command shows, or None for every board."""
    return store.boards().for_reading(option, env.config.board)


def board_to_write(env: Environment, store: Store, option: str | None) -> Board | None:
    """The board a new decision or meeting goes to (None: a register that names none)."""
    from delreg.fields import board_name

    # Held to the rule for any text: a board named here may become the register's first.
    named = board_name(option, env.config) if option is not None else None
    return store.boards().for_writing(named, env.config.board)


boards_app = typer.Typer(
    cls=DelregGroup,
    help="The boards (nämnder) of the register: every decision and meeting belongs to one.",
    no_args_is_help=True,
)
app.add_typer(boards_app, name="boards")


@boards_app.command(
    "add",
    epilog="Examples:\n\n"
    '  delreg boards add HSN --name "Hälso- och sjukvårdsnämnden" '
    '--delegate "Hälso- och sjukvårdsdirektören"\n\n'
    '  delreg boards add RS --name "Regionstyrelsen" --delegate "Regiondirektören"',
)
def add_board(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The board's short code: HSN, RS, RUN …")],
    name: Annotated[str, typer.Option(help="The board's name: Hälso- och sjukvårdsnämnden.")],
    delegate: Annotated[
        str | None,
        typer.Option(help="Who the board delegates to: Hälso- och sjukvårdsdirektören."),
    ] = None,
) -> None:
    """Add a board. The first board of a register takes every decision and meeting it holds;
    a board an upgrade named by its name alone gets this short code."""
    from delreg.boards import Board, board_code
    from delreg.fields import board_name
    from delreg.store import OpenMode

    env = environment(ctx)
    board = Board(
        code=board_code(code),
        name=board_name(name, env.config),
        delegate=board_name(delegate, env.config) if delegate else None,
    )
    with env.open_store(OpenMode.CREATE) as store:
        added = store.add_board(board)
    if added.recoded_from is not None:
        env.say(f"board {added.recoded_from!r} is now {board.code}")
    else:
        env.say(f"added board {board.code} ({board.name})")
    if added.decisions or added.meetings:
        env.say(f"{added.decisions} decisions and {added.meetings} meetings belong to {board.code}")


def _board_json(board: Board, sizes: dict[str | None, tuple[int, int]]) -> dict[str, Any]:
    decisions, meetings = sizes.get(board.code, (0, 0))
    return {**board.to_json(), "decisions": decisions, "meetings": meetings}


@boards_app.command(
    "list", epilog="Examples:\n\n  delreg boards list\n\n  delreg boards list --format json"
)
def list_boards(
    ctx: typer.Context,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.table
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """List the boards, with how many decisions and meetings each holds."""
    from delreg.store import OpenMode

    env = environment(ctx)
    with env.open_store(OpenMode.EXISTING) as store:
        boards = store.boards()
        sizes = store.board_sizes()
    write_records(
        env,
        (_board_json(board, sizes) for board in boards.boards),
        ListFormat.json if as_json else fmt,
        columns=("code", "name", "delegate", "decisions", "meetings"),
        table=(
            "Boards",
            (
                ("code", "code"),
                ("name", "name"),
                ("delegate", "delegate"),
                ("decisions", "decisions"),
                ("meetings", "meetings"),
            ),
        ),
    )
    unnamed = sizes.get(None)
    if unnamed is not None and any(unnamed):
        env.say(
            f"{unnamed[0]} decisions and {unnamed[1]} meetings belong to no named board; "
            "the first board added takes them"
            if not boards.boards
            else f"{unnamed[0]} decisions and {unnamed[1]} meetings belong to no board"
        )
