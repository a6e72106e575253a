"""Commands on single decisions and listings: add, list, show, edit, delete, undelete, history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Annotated, Any

import typer

from delreg.cli.app import app, environment
from delreg.cli.boards import BoardOption, board_to_read, board_to_write
from delreg.cli.options import DiaryNumber, ListFormatOption, Yes
from delreg.cli.output import ListFormat, table_safe, write_decisions, write_records
from delreg.errors import DelregError

if TYPE_CHECKING:
    from delreg.cli.environment import Environment
    from delreg.config import Config
    from delreg.legal_status import LegalStatus, StatusBook
    from delreg.store import Event, Store

# A decision's fields as options of `add` and `edit` (the option is the field's name in
# kebab-case; `--party` gives one of the parties).
_FIELD_HELP = {
    "kind": "Kind slug, e.g. tilldelningsbeslut.",
    "diary_number": "Diarienummer, e.g. 23RS710.",
    "subject": "What was decided.",
    "procurement_number": "Upphandlingsnummer, e.g. MT 2023-0043.",
    "party": "A counterparty; repeat for several.",
    "decided_on": "Decision date: 2024-01-19 or 19 januari 2024.",
    "notified_on": "Day the award was notified (starts the avtalsspärr).",
    "notified_by": "electronic (10-day spärr, default) or post (15 days).",
    "standstill_days": "A longer spärr stated in the notice.",
    "delegate": "Who decided.",
    "secret": "Covered by sekretess (OSL).",
    "secret_reason": "The OSL paragraph, e.g. OSL 31:16.",
    "delegation_point": "The delegationsordning's point.",
    "amount": "Amount in whole kronor.",
    "valid_from": "A contract's first day (avtalsperiod).",
    "valid_to": "A contract's last day without its options.",
    "extension_until": "The last day an option (förlängning) may extend to.",
    "notice_by": "The last day to give notice or use the option (uppsägning).",
}


def _field(name: str, *flags: str) -> Any:
    return typer.Option(*(flags or ["--" + name.replace("_", "-")]), help=_FIELD_HELP[name])


Kind = Annotated[str | None, _field("kind")]
ProcurementNumber = Annotated[str | None, _field("procurement_number")]
Subject = Annotated[str | None, _field("subject")]
Party = Annotated[list[str] | None, _field("party")]
DecidedOn = Annotated[str | None, _field("decided_on")]
NotifiedOn = Annotated[str | None, _field("notified_on")]
NotifiedBy = Annotated[str | None, _field("notified_by")]
StandstillDays = Annotated[int | None, _field("standstill_days")]
Delegate = Annotated[str | None, _field("delegate")]
Secret = Annotated[bool | None, _field("secret", "--secret/--no-secret")]
SecretReason = Annotated[str | None, _field("secret_reason")]
DelegationPoint = Annotated[str | None, _field("delegation_point")]
Amount = Annotated[str | None, _field("amount")]
ValidFrom = Annotated[str | None, _field("valid_from")]
ValidTo = Annotated[str | None, _field("valid_to")]
ExtensionUntil = Annotated[str | None, _field("extension_until")]
NoticeBy = Annotated[str | None, _field("notice_by")]
Public = Annotated[
    bool,
    typer.Option(
        "--public",
        help="The public version (OSL): a secret decision shows only its case, kind, dates "
        "and delegate.",
    ),
]


def _field_values(config: Config, given: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise the fields the user gave (None means not given)."""
    from delreg.errors import InvalidValue
    from delreg.fields import normalise_field
    from delreg.model import secret_by_reason
    from delreg.secrecy_law import cited_secrecy_law, marked_secret

    values: dict[str, Any] = {}
    for name, value in given.items():
        if value is None:
            continue
        # Control characters become spaces there, as in a cell of an import (delreg.text).
        values[name] = normalise_field(name, value, config)
    subject = values.get("subject")
    if marked_secret(subject):
        # A subject that cites the secrecy law or says it is secret is secret, a citation its
        # reason where none is given; `--no-secret` beside it is a contradiction.
        cited = cited_secrecy_law(subject)
        if cited is not None:
            values.setdefault("secret_reason", cited)
        if values.get("secret") is False:
            raise InvalidValue(
                f"secret: false, but the subject {subject!r} is marked secret",
                hint="a subject that cites the secrecy law or says 'sekretess' is secret: "
                "leave out --no-secret, or take the mark out of the subject",
            )
        values["secret"] = True
    secret = secret_by_reason(values.get("secret"), values.get("secret_reason"))
    if secret is not None:
        values["secret"] = secret
    return values


@app.command(
    epilog="Example: delreg add --kind tilldelningsbeslut --diary-number 24RS1102 "
    '--procurement-number "MT 2024-0007" --subject "sängar till akutmottagningen" '
    "--decided-on 2024-02-26"
)
def add(
    ctx: typer.Context,
    kind: Annotated[str, _field("kind")],
    diary_number: Annotated[str, _field("diary_number")],
    subject: Annotated[str, _field("subject")],
    procurement_number: ProcurementNumber = None,
    party: Party = None,
    decided_on: DecidedOn = None,
    notified_on: NotifiedOn = None,
    notified_by: NotifiedBy = None,
    standstill_days: StandstillDays = None,
    delegate: Delegate = None,
    secret: Secret = None,
    secret_reason: SecretReason = None,
    delegation_point: DelegationPoint = None,
    amount: Amount = None,
    valid_from: ValidFrom = None,
    valid_to: ValidTo = None,
    extension_until: ExtensionUntil = None,
    notice_by: NoticeBy = None,
    board: BoardOption = None,
) -> None:
    """Register one decision."""
    from delreg.model import decision_from_mapping

    env = environment(ctx)
    values = _field_values(env.config, {
        "kind": kind, "diary_number": diary_number, "subject": subject,
        "procurement_number": procurement_number, "parties": party, "decided_on": decided_on,
        "notified_on": notified_on, "notified_by": notified_by, "standstill_days":
        standstill_days, "delegate": delegate, "secret": secret, "secret_reason": secret_reason,
        "delegation_point": delegation_point, "amount": amount, "valid_from": valid_from,
        "valid_to": valid_to, "extension_until": extension_until, "notice_by": notice_by,
    })  # fmt: skip
    if not values.get("subject"):
        raise DelregError("the subject is empty", hint="say what was decided with --subject")
    from delreg.store import OpenMode

    with env.open_store(OpenMode.CREATE) as store:
        chosen = board_to_write(env, store, board)
        values["board"] = chosen.code if chosen is not None else None
        decision = store.add(decision_from_mapping(values))
    env.say(f"added {decision.diary_number} ({decision.kind})")


@app.command(
    name="list",
    epilog="Examples:\n\n"
    "  delreg list --month last --format csv > januari.csv\n\n"
    "  delreg list --board all --since 2024-01-01 --format json",
)
def list_decisions(
    ctx: typer.Context,
    kind: Kind = None,
    since: Annotated[str | None, typer.Option(help="Decided on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Decided on or before this date.")] = None,
    month: Annotated[
        str | None, typer.Option(help="Decided in this month: 2024-01, or 'last'.")
    ] = None,
    procurement: Annotated[str | None, typer.Option(help="Only this procurement number.")] = None,
    party: Annotated[str | None, typer.Option(help="A party's name contains this text.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Full-text search in subject, parties and numbers.")
    ] = None,
    unreported: Annotated[
        bool, typer.Option(help="Only decisions not yet reported to a meeting.")
    ] = False,
    meeting: Annotated[
        str | None, typer.Option(help="Only decisions reported at this meeting.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many rows.")] = None,
    fmt: ListFormatOption = ListFormat.table,
    public: Public = False,
    board: BoardOption = None,
) -> None:
    """List decisions, newest first."""
    from dataclasses import replace

    from delreg.dates import optional_date, parse_month
    from delreg.errors import InvalidValue
    from delreg.model import normalise_procurement_number, require_kind
    from delreg.store import DecisionQuery

    env = environment(ctx)
    config = env.config
    if limit is not None:
        # More than SQLite's largest integer means no limit, as any number above the rows does.
        limit = min(limit, 2**63 - 1)
    first, last = optional_date(since), optional_date(until)
    if month:
        if since or until:
            raise DelregError("--month cannot be combined with --since/--until")
        first, last = parse_month(month, today=date.today())
    unknown_kind = None
    try:
        slug = require_kind(kind, config) if kind else None
    except InvalidValue as error:
        # A kind word an import kept ("markanvisningsbeslut") is a kind of this register.
        unknown_kind, slug = error, (kind or "").strip()
    query = DecisionQuery(
        kind=slug,
        since=first,
        until=last,
        procurement_number=normalise_procurement_number(procurement, config)
        if procurement
        else None,
        party=party,
        search=search,
        unreported=unreported,
        meeting=optional_date(meeting),
        limit=limit,
    )
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        query = replace(query, board=board_to_read(env, store, board))
        if (
            unknown_kind is not None
            and next(store.decisions(replace(query, limit=1)), None) is None
        ):
            raise unknown_kind
        book = status_book(env, store) if fmt in (ListFormat.json, ListFormat.ndjson) else None
        as_json = book.with_status if book else None
        if not public:
            write_decisions(env, store.decisions(query), fmt, as_json=as_json)
            return
        # A filter on what the public list hides must not find a secret decision by it: that
        # it matches `--search Epclusa` tells what it is about. Such a listing leaves secret
        # decisions out (and those masked for naming a person), so the limit is applied after.
        from delreg.public import kept_from_public, public_list

        hidden_filter = bool(search or party or procurement)
        found = store.decisions(replace(query, limit=None) if hidden_filter else query)
        if hidden_filter:
            found = islice((d for d in found if not kept_from_public(d)), limit)
        write_decisions(env, public_list(found, config), fmt, as_json=as_json)


def status_book(env: Environment, store: Store, today: date | None = None) -> StatusBook:
    """Each decision's legal status on ``today``, from the register's meetings and appeals."""
    from delreg.store.appeals import status_book as book_of

    return book_of(store, env.config, today)


def _diary_number(ctx: typer.Context, text: str) -> str:
    from delreg.model import normalise_diary_number

    return normalise_diary_number(text, environment(ctx).config)


@app.command(epilog="Example: delreg show 23RS710 --format json")
def show(
    ctx: typer.Context,
    diary_number: DiaryNumber,
    fmt: ListFormatOption = ListFormat.table,
    public: Public = False,
) -> None:
    """Show one decision with all its fields."""
    env = environment(ctx)
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        decision = store.require(_diary_number(ctx, diary_number))
        book = status_book(env, store)
    if public:
        from delreg.public import shown_publicly

        decision = shown_publicly(decision, env.config)
    if fmt is ListFormat.json:
        import json

        env.out(json.dumps(book.with_status(decision), ensure_ascii=False, indent=2))
        return
    if fmt is not ListFormat.table:
        write_decisions(env, [decision], fmt, as_json=book.with_status)
        return
    for name, value in decision.to_json().items():
        shown = "; ".join(value) if isinstance(value, list) else value
        env.out(f"{name:<20} {'' if shown is None else table_safe(str(shown))}")
    for line in status_lines(book.status(decision)):
        env.out(line)


def status_lines(status: LegalStatus) -> list[str]:
    """The legal status as `show` prints it under the decision's fields."""
    lines = [f"{'status':<20} {status.state} ({status.route})"]
    for name, value in status.to_json().items():
        if name in ("route", "state", "final", "meeting", "appeals") or value is None:
            continue
        lines.append(f"{name:<20} {value}")
    for appeal in status.appeals:
        outcome = f", {appeal.outcome} {appeal.decided_on}" if appeal.outcome else ", pending"
        court = f" at {table_safe(appeal.court)}" if appeal.court else ""
        lines.append(
            f"{'appeal ' + str(appeal.number):<20} lodged {appeal.lodged_on}{court}{outcome}"
        )
    return lines


@app.command(
    epilog="Examples:\n\n"
    '  delreg edit 23RS710 --subject "ultraljudsutrustning, 3 st"\n\n'
    "  delreg edit 23RS710 --board HSN"
)
def edit(
    ctx: typer.Context,
    diary_number: DiaryNumber,
    kind: Kind = None,
    subject: Subject = None,
    procurement_number: ProcurementNumber = None,
    party: Party = None,
    decided_on: DecidedOn = None,
    notified_on: NotifiedOn = None,
    notified_by: NotifiedBy = None,
    standstill_days: StandstillDays = None,
    delegate: Delegate = None,
    secret: Secret = None,
    secret_reason: SecretReason = None,
    delegation_point: DelegationPoint = None,
    amount: Amount = None,
    valid_from: ValidFrom = None,
    valid_to: ValidTo = None,
    extension_until: ExtensionUntil = None,
    notice_by: NoticeBy = None,
    board: Annotated[
        str | None,
        typer.Option("--board", help="Move the decision to this board (its code or name)."),
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option("--clear", help="Erase a field, e.g. --clear procurement_number."),
    ] = None,
) -> None:
    """Change fields of a decision; the old values stay in its history."""
    from delreg.model import CLEARABLE_FIELDS

    env = environment(ctx)
    changes = _field_values(env.config, {
        "kind": kind, "subject": subject, "procurement_number": procurement_number,
        "parties": party, "decided_on": decided_on, "notified_on": notified_on,
        "notified_by": notified_by, "standstill_days": standstill_days, "delegate": delegate,
        "secret": secret, "secret_reason": secret_reason, "delegation_point": delegation_point,
        "amount": amount, "valid_from": valid_from, "valid_to": valid_to,
        "extension_until": extension_until, "notice_by": notice_by,
    })  # fmt: skip
    for name in clear or []:
        field_name = name.replace("-", "_")
        if field_name not in CLEARABLE_FIELDS:
            raise DelregError(
                f"cannot clear {name!r}", hint="clearable: " + ", ".join(CLEARABLE_FIELDS)
            )
        changes[field_name] = () if field_name == "parties" else None
    if not changes and board is None:
        raise DelregError("nothing to change", hint="give at least one option, see --help")
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        if board is not None:
            changes["board"] = store.boards().named(board).code
        store.edit(_diary_number(ctx, diary_number), changes)
    env.say(f"changed {', '.join(sorted(changes))} of {_diary_number(ctx, diary_number)}")


@app.command(epilog="Example: delreg delete 23RS710 --yes")
def delete(
    ctx: typer.Context,
    diary_number: DiaryNumber,
    yes: Yes = False,
) -> None:
    """Delete a decision: it is hidden from lists and reports but kept, with its history."""
    env = environment(ctx)
    number = _diary_number(ctx, diary_number)
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        decision = store.require(number)
        if not yes:
            if not env.stdin_is_terminal:
                raise DelregError(
                    f"refusing to delete {number} without confirmation",
                    hint="add --yes when running from a script",
                )
            typer.confirm(f"Delete {number} ({decision.subject})?", abort=True, err=True)
        store.delete(number)
    env.say(f"deleted {number} (undo with `delreg undelete {number}`)")


@app.command(epilog="Example: delreg undelete 23RS710")
def undelete(
    ctx: typer.Context,
    diary_number: DiaryNumber,
) -> None:
    """Bring back a deleted decision."""
    env = environment(ctx)
    number = _diary_number(ctx, diary_number)
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        store.undelete(number)
    env.say(f"restored {number}")


@app.command(epilog="Example: delreg history 23RS710")
def history(
    ctx: typer.Context,
    diary_number: DiaryNumber,
    fmt: ListFormatOption = ListFormat.table,
) -> None:
    """Every change made to a decision: when, by whom, old and new values."""
    env = environment(ctx)
    number = _diary_number(ctx, diary_number)
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        events = store.history(number)
    if not events:
        raise DelregError(f"no history for {number}", hint="is the diary number right?")

    def describe(event: Event) -> str:
        # Inserts and deletes carry the whole decision; show what a person needs to read:
        # the changed fields of an update, the meeting of a report, the reason of an ack.
        if event.action in ("insert", "delete", "undelete"):
            return ""
        return "; ".join(
            f"{name}: {old!r} → {new!r}" if old is not None else f"{name}: {new!r}"
            for name, (old, new) in event.changes().items()
        )

    rows = ({**event.to_json(), "changes": describe(event)} for event in events)
    write_records(
        env,
        rows,
        fmt,
        columns=("at", "user", "action", "diary_number", "old", "new", "command"),
        table=(
            f"History of {number}",
            (("at", "at"), ("user", "user"), ("action", "action"), ("changes", "changes")),
        ),
    )
