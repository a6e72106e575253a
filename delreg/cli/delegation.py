"""`delreg delegation`: each board's delegationsordning over time, which the `delegation` check
holds decisions to, and the powers passed on under it (vidaredelegering)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from delreg.cli.app import DelregGroup, app, environment
from delreg.cli.boards import BoardOption, board_to_read
from delreg.cli.options import ListFormatOption
from delreg.cli.output import ListFormat, write_records
from delreg.errors import DelregError

if TYPE_CHECKING:
    from delreg.cli.environment import Environment
    from delreg.delegation_book import DelegationBook, LoadPlan, Pass
    from delreg.delegation_order import DelegationOrder

delegation_app = typer.Typer(
    cls=DelregGroup,
    help="Each board's delegationsordning over time, which the `delegation` check holds "
    "decisions to, and the points passed on under it (vidaredelegering).",
    no_args_is_help=True,
)
app.add_typer(delegation_app, name="delegation")

On = Annotated[str | None, typer.Option(metavar="DATE", help="What was in force on this day.")]
ORDER_COLUMNS = ("id", "board", "valid_from", "valid_to", "points", "adopted", "source",
                 "loaded_at")  # fmt: skip
POINT_COLUMNS = ("point", "matter", "kinds", "delegate", "substitutes", "limit", "valid_from",
                 "valid_to", "pass_on")  # fmt: skip
PASS_COLUMNS = ("id", "board", "point", "by", "to", "valid_from", "valid_to", "limit",
                "rests_on", "withdrawn_at")  # fmt: skip


def _day(text: str | None) -> str | None:
    from delreg.dates import optional_date

    return optional_date(text)


def _book(env: Environment, board: str | None) -> tuple[DelegationBook, str | None]:
    """The register's delegation book, and the code of the board ``--board`` asks for (None:
    every board)."""
    from delreg.store import OpenMode
    from delreg.store.delegation import DelegationStore

    with env.open_store(OpenMode.EXISTING) as store:
        book = DelegationStore(store, env.config.board).book()
        code = board_to_read(env, store, board)
    return book, code


def _one_board(book: DelegationBook, code: str | None) -> str:
    """The board whose order to show: the one asked for, else the only one with orders."""
    if code is not None:
        return code
    if len(book.boards) > 1:
        raise DelregError(
            "the register holds the delegation orders of several boards",
            hint="name one with --board CODE (`delreg delegation orders` lists them all)",
        )
    return book.boards[0] if book.boards else ""


@delegation_app.command(
    "load",
    epilog="Examples:\n\n  delreg delegation load data/delegationsordning.toml\n\n"
    "  delreg delegation load data/delegationsordning.toml --dry-run\n\n"
    "  delreg delegation load data/delegationsordning.toml --board HSN",
)
def load_order(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A TOML or CSV file.", dir_okay=False)],
    fmt: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="auto, toml or csv.")
    ] = "auto",
    board: BoardOption = None,
    valid_from: Annotated[
        str | None,
        typer.Option(
            "--valid-from",
            metavar="DATE",
            help="The day the order comes into force, where the file does not say it.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only read and check the file; store nothing.")
    ] = False,
) -> None:
    """Load a board's delegation order. Earlier orders are kept: the board's previous order
    ends the day before this one comes into force ([order] valid_from), unless its own file
    ended it earlier, and decisions are checked against the order in force on their date. An
    order with the same start as a stored one replaces it; one without a start replaces the
    board's newest."""
    from dataclasses import replace

    from delreg.delegation_order import FORMATS, load_delegation_order

    env = environment(ctx)
    if fmt not in FORMATS:
        raise DelregError(f"unknown format {fmt!r}", hint="use one of " + ", ".join(FORMATS))
    order = load_delegation_order(path, known_kinds=env.config.kinds.keys(), fmt=fmt)
    start = _day(valid_from) or order.valid_from
    if order.valid_from and valid_from and _day(valid_from) != order.valid_from:
        raise DelregError(
            f"the file says the order comes into force {order.valid_from}, not {start}",
            hint="leave out --valid-from, or correct [order] valid_from in the file",
        )
    order = replace(order, valid_from=start)
    from delreg.store import OpenMode
    from delreg.store.delegation import DelegationStore

    if dry_run:
        # Planned against the register as it is (an empty one where there is none yet), so a
        # dry run tells which earlier order the load would end.
        with env.trial_store() as store:
            plan = DelegationStore(store, env.config.board).plan_load(order, board)
        _tell_load(env, plan, path, dry_run=True)
        return
    with env.open_store(OpenMode.CREATE) as store:
        loaded = DelegationStore(store, env.config.board).load(order, board)
    _tell_load(env, loaded.plan, path, dry_run=False)


def _tell_load(env: Environment, plan: LoadPlan, path: Path, *, dry_run: bool) -> None:
    replaced = sum(len(old.points) for old in plan.replaced)
    stored = plan.order
    whose = f" for {stored.board}" if stored.board else ""
    since = f", in force {stored.period()}" if stored.valid_from or stored.valid_to else ""
    if dry_run:
        done, replacing, ends = "would load", "would replace", "would end"
    else:
        done, replacing, ends = "loaded", "replacing", "now ends"
    env.say(
        f"{done} {len(stored.points)} points from {path}{whose}{since}"
        + (f", {replacing} {replaced}" if plan.replaced else "")
        + ("; nothing stored (dry run)" if dry_run else "")
    )
    for change in plan.ended:
        env.say(
            f"the order of {change.order.valid_from or '…'} ({change.order.source}) {ends} "
            f"{change.ends_on}"
        )


@delegation_app.command(
    "show",
    epilog="Examples:\n\n  delreg delegation show\n\n"
    "  delreg delegation show --on 2023-06-01 --format json",
)
def show_order(
    ctx: typer.Context,
    fmt: ListFormatOption = ListFormat.table,
    board: BoardOption = None,
    on: On = None,
) -> None:
    """Show the points of a board's delegation order: the newest, or the one in force on a
    day."""
    env = environment(ctx)
    book, asked = _book(env, board)
    code = _one_board(book, asked)
    day = _day(on)
    order = book.order_on(code, day)
    if order is None:
        if book.board_orders(code):
            env.say(f"no delegation order of {code or 'the board'} was in force on {day}")
        else:
            env.say("no delegation order is loaded (`delreg delegation load FILE`)")
    points = order.points if order else ()
    write_records(
        env,
        (point.to_json() for point in points),
        fmt,
        columns=POINT_COLUMNS,
        table=(_title(order), [(name, name.replace("_", " ")) for name in POINT_COLUMNS]),
    )


def _title(order: DelegationOrder | None) -> str:
    if order is None:
        return ""
    return f"Delegationsordning {order.board} {order.period()} ({order.source})".replace("  ", " ")


@delegation_app.command(
    "orders",
    epilog="Examples:\n\n  delreg delegation orders\n\n  delreg delegation orders --format json",
)
def list_orders(
    ctx: typer.Context, fmt: ListFormatOption = ListFormat.table, board: BoardOption = None
) -> None:
    """List the delegation orders kept, each with the period it is (or was) in force."""
    env = environment(ctx)
    book, code = _book(env, board)
    boards = list(book.boards) if code is None else [code]
    orders = [order for each in boards for order in book.board_orders(each)]
    write_records(
        env,
        (order.header_json() for order in orders),
        fmt,
        columns=ORDER_COLUMNS,
        table=("Delegationsordningar", [(name, name.replace("_", " ")) for name in ORDER_COLUMNS]),
    )


@delegation_app.command(
    "pass",
    epilog="Examples:\n\n"
    '  delreg delegation pass 4.1 --to "Verksamhetschef Ortopedi" --from 2024-02-01\n\n'
    '  delreg delegation pass 2.1 --to "Upphandlingschef" --from 2024-03-01 '
    '--to-date 2024-12-31 --limit "50 pbb"',
)
def pass_on(
    ctx: typer.Context,
    point: Annotated[str, typer.Argument(help="The point of the order, e.g. 4.1.")],
    to: Annotated[
        str, typer.Option("--to", metavar="TITLE", help="Who the point is passed on to.")
    ],
    valid_from: Annotated[
        str, typer.Option("--from", metavar="DATE", help="The first day the pass is in force.")
    ],
    valid_to: Annotated[
        str | None,
        typer.Option("--to-date", metavar="DATE", help="The last day; default: until ended."),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            metavar="TITLE",
            help="Who passes it on: the point's delegate (default), or who holds it by a pass.",
        ),
    ] = None,
    limit: Annotated[
        str | None,
        typer.Option(
            metavar="AMOUNT", help='A lower limit than the point\'s: "5 pbb", "200 000 kr".'
        ),
    ] = None,
    board: BoardOption = None,
) -> None:
    """Record that the delegate of a point passed it on (vidaredelegering, kommunallagen 7 kap.
    6 §), where the order in force allows it. Decisions by that person are then checked against
    the chain: the point in the order in force on their date, every pass in force that day, and
    the point's and every pass's limit."""
    from delreg.dates import parse_date
    from delreg.delegation_book import Pass
    from delreg.delegation_order import Limit
    from delreg.errors import InvalidValue
    from delreg.store import OpenMode
    from delreg.store.delegation import DelegationStore

    env = environment(ctx)
    holder = " ".join(to.split())
    if not holder:
        raise DelregError("--to names nobody", hint='e.g. --to "Verksamhetschef Ortopedi"')
    parsed_limit = None
    if limit is not None:
        try:
            parsed_limit = Limit.parse(limit)
        except InvalidValue as error:
            raise DelregError(f"--limit: {error.message}", hint=error.hint) from None
    request = Pass(
        board="",  # the register settles it from --board
        point=point.strip(),
        by=" ".join((by or "").split()),
        to=holder,
        valid_from=parse_date(valid_from),
        valid_to=_day(valid_to),
        limit=parsed_limit,
    )
    with env.open_store(OpenMode.EXISTING) as store:
        made = DelegationStore(store, env.config.board).add_pass(request, board)
    env.say(
        f"{made.label}: point {made.point} passed on by {made.by!r} to {made.to!r} from "
        f"{made.valid_from}"
        + (f" to {made.valid_to}" if made.valid_to else "")
        + (f", resting on pass #{made.rests_on}" if made.rests_on else "")
    )


@delegation_app.command(
    "passes",
    epilog="Examples:\n\n  delreg delegation passes\n\n"
    "  delreg delegation passes --on 2024-03-01 --format json",
)
def list_passes(
    ctx: typer.Context,
    fmt: ListFormatOption = ListFormat.table,
    board: BoardOption = None,
    on: On = None,
    include_withdrawn: Annotated[
        bool, typer.Option("--include-withdrawn", help="Also the passes withdrawn.")
    ] = False,
) -> None:
    """List the points passed on (vidaredelegering), each with the pass it rests on."""
    env = environment(ctx)
    book, code = _book(env, board)
    day = _day(on)
    shown: list[Pass] = [
        passed
        for passed in book.passes
        if (code is None or passed.board == code)
        and (include_withdrawn or passed.withdrawn_at is None)
        and (day is None or passed.valid_on(day))
    ]
    write_records(
        env,
        (passed.to_json() for passed in shown),
        fmt,
        columns=PASS_COLUMNS,
        table=("Vidaredelegeringar", [(name, name.replace("_", " ")) for name in PASS_COLUMNS]),
    )


PassNumber = Annotated[int, typer.Argument(metavar="ID", help="The pass's number (`passes`).")]


@delegation_app.command("end", epilog="Example: delreg delegation end 1 --on 2024-06-30")
def end_pass(
    ctx: typer.Context,
    number: PassNumber,
    on: Annotated[str, typer.Option(metavar="DATE", help="The pass's last day in force.")],
) -> None:
    """End a pass: it is in force through the given day, and stays in the register."""
    from delreg.dates import parse_date
    from delreg.store import OpenMode
    from delreg.store.delegation import DelegationStore

    env = environment(ctx)
    with env.open_store(OpenMode.EXISTING) as store:
        ended = DelegationStore(store, env.config.board).end_pass(number, parse_date(on))
    env.say(f"{ended.label} to {ended.to!r} now ends {ended.valid_to}")


@delegation_app.command("withdraw", epilog="Example: delreg delegation withdraw 1")
def withdraw_pass(ctx: typer.Context, number: PassNumber) -> None:
    """Withdraw a pass recorded in error: it never counted. The register and its history keep
    it (`passes --include-withdrawn`); a pass that did count is ended with `end` instead."""
    from delreg.store import OpenMode
    from delreg.store.delegation import DelegationStore

    env = environment(ctx)
    with env.open_store(OpenMode.EXISTING) as store:
        withdrawn = DelegationStore(store, env.config.board).withdraw_pass(number)
    env.say(f"withdrew {withdrawn.label} to {withdrawn.to!r}")


@delegation_app.command(
    "history",
    epilog="Examples:\n\n  delreg delegation history\n\n  delreg delegation history --format json",
)
def history(ctx: typer.Context, fmt: ListFormatOption = ListFormat.table) -> None:
    """Every load of an order, every order ended or replaced, every pass made, ended or
    withdrawn: when, by whom, old and new values."""
    from delreg.store import OpenMode
    from delreg.store.delegation import DelegationStore

    env = environment(ctx)
    with env.open_store(OpenMode.EXISTING) as store:
        events = DelegationStore(store, env.config.board).history()
    columns = ("at", "user", "action", "summary")
    write_records(
        env,
        (
            {**event.to_json(), "summary": _summary(event.new or event.old or {})}
            for event in events
        ),
        fmt,
        columns=columns,
        table=("Delegationsordningens historik", [(name, name) for name in columns]),
    )


def _summary(values: dict[str, Any]) -> str:
    """One line for a person: the pass or order the event is about."""
    if "to" in values:
        period = f"{values.get('valid_from')} – {values.get('valid_to') or '…'}"
        return f"#{values.get('id')} point {values.get('point')} to {values.get('to')!r} {period}"
    if "replaced_by" in values:
        return f"replaced by order #{values['replaced_by']}"
    period = f"{values.get('valid_from') or '…'} – {values.get('valid_to') or '…'}"
    return (
        f"order #{values.get('id')} {values.get('board') or ''} {period} ({values.get('source')})"
    )
