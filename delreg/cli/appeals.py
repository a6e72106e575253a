"""`delreg appeal`: record an appeal against a decision and later the court's outcome."""

from __future__ import annotations

from typing import Annotated

import typer

from delreg.cli.app import app, environment
from delreg.cli.options import AsOf, DiaryNumber, ViewFormat, ViewFormatOption, as_of_day
from delreg.errors import DelregError

_EXAMPLES = """Examples:

  delreg appeal 24RS841 --lodged-on 2024-03-05 --court "Förvaltningsrätten i Karlstad"

  delreg appeal 24RS841 --decided-on 2024-05-20 --outcome upheld --reference "Mål nr 1234-24"

  delreg appeal 24RS841 --format json
"""


@app.command(epilog=_EXAMPLES)
def appeal(
    ctx: typer.Context,
    diary_number: DiaryNumber,
    lodged_on: Annotated[
        str | None,
        typer.Option(help="Record an appeal lodged (received by the court) on this day."),
    ] = None,
    court: Annotated[
        str | None, typer.Option(help="The court, e.g. Förvaltningsrätten i Karlstad.")
    ] = None,
    reference: Annotated[
        str | None, typer.Option(help="The court's case number (målnummer).")
    ] = None,
    decided_on: Annotated[
        str | None, typer.Option(help="Record the court's outcome, given on this day.")
    ] = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            help="upheld (the appeal failed), dismissed, withdrawn, or annulled (the court "
            "set the decision aside)."
        ),
    ] = None,
    number: Annotated[
        int | None,
        typer.Option(min=1, help="Which appeal the outcome is for, when several are pending."),
    ] = None,
    as_of: AsOf = None,
    fmt: ViewFormatOption = ViewFormat.table,
) -> None:
    """Record an appeal of a decision, or its outcome; without either, show its legal status.

    A decision with an appeal pending is not final (laga kraft). Every change is in the
    decision's history.
    """
    from delreg.cli.decisions import status_book, status_lines
    from delreg.dates import optional_date, parse_date
    from delreg.model import APPEAL_OUTCOMES, normalise_diary_number
    from delreg.store import OpenMode

    env = environment(ctx)
    number_text = normalise_diary_number(diary_number, env.config)
    if lodged_on and (decided_on or outcome):
        raise DelregError(
            "record the appeal and its outcome in two steps",
            hint=f"first --lodged-on, later `delreg appeal {number_text} --decided-on … "
            "--outcome …`",
        )
    if (decided_on is None) != (outcome is None):
        raise DelregError(
            "an outcome needs both --decided-on and --outcome",
            hint="e.g. --decided-on 2024-05-20 --outcome upheld",
        )
    if outcome is not None and outcome not in APPEAL_OUTCOMES:
        raise DelregError(
            f"unknown outcome {outcome!r}", hint="use one of: " + ", ".join(APPEAL_OUTCOMES)
        )
    if (court or reference or number) and not (lodged_on or decided_on):
        raise DelregError(
            "--court, --reference and --number go with --lodged-on or --decided-on",
            hint="see `delreg appeal --help`",
        )
    today = as_of_day(as_of)
    with env.open_store(OpenMode.EXISTING) as store:
        if lodged_on:
            recorded = store.lodge_appeal(
                number_text, parse_date(lodged_on), _text(court), _text(reference)
            )
            env.say(f"recorded appeal {recorded.number} of {number_text}, lodged {lodged_on}")
        elif decided_on and outcome:
            decided = store.decide_appeal(
                number_text, number, str(optional_date(decided_on)), outcome, _text(reference)
            )
            env.say(f"recorded the outcome of appeal {decided.number} of {number_text}: {outcome}")
        decision = store.require(number_text)
        status = status_book(env, store, today).status(decision)
    if fmt is ViewFormat.json:
        import json

        env.out(json.dumps({"diary_number": number_text, **status.to_json()}, ensure_ascii=False))
        return
    if not (lodged_on or decided_on):
        for line in status_lines(status):
            env.out(line)


def _text(value: str | None) -> str | None:
    from delreg.fields import text_or_none

    return text_or_none(value)
