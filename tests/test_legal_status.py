"""Each decision's legal status against the rules in the law, and `delreg appeal`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.easter import easter
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import Config, load_config, merge
from delreg.errors import InputError
from delreg.legal_status import Route, State, legal_status, route_for
from delreg.model import Appeal, Decision, Meeting
from tests.helpers import DATA, Invoke, as_json

YEARS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
CONFIG = load_config()


def closed_by_law(day: date) -> bool:
    """The oracle, written from the rules (lag 1989:253, lag 1930:173 2 §), not from delreg:
    a period may not end on a Saturday, a Sunday, a public holiday or one of the three eves."""
    if day.weekday() >= 5:
        return True
    fixed = {(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)}
    if (day.month, day.day) in fixed:
        return True
    paskdagen = easter(day.year)
    if day in (paskdagen - timedelta(days=2), paskdagen + timedelta(days=1)):
        return True
    if day == paskdagen + timedelta(days=39):  # Kristi himmelsfärdsdag, a Thursday
        return True
    # Midsommarafton: the Friday between 19 and 25 June (its Saturday is a holiday anyway).
    return day.month == 6 and 19 <= day.day <= 25 and day.weekday() == 4


def assert_rolled_minimally(start: date, last_day: date) -> None:
    """``last_day`` is ``start`` or the first day after it on which a period may end."""
    assert last_day >= start
    assert not closed_by_law(last_day)
    day = start
    while day < last_day:
        assert closed_by_law(day), f"{last_day} rolled past {day}, an open day"
        day += timedelta(days=1)


def decision(kind: str = "beslut", **values: object) -> Decision:
    return Decision(diary_number="24RS100", kind=kind, subject="något", **values)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(posted=YEARS, offset=st.integers(min_value=-40, max_value=60))
def test_laglighetsprovning_ends_three_weeks_after_posting_rolled_forward(
    posted: date, offset: int
) -> None:
    meeting = Meeting(date=(posted - timedelta(days=5)).isoformat(), posted_on=posted.isoformat())
    today = posted + timedelta(days=offset)
    status = legal_status(
        decision(meeting=meeting.date), meeting=meeting, appeals=(), config=CONFIG, today=today
    )
    assert status.route is Route.laglighetsprovning
    assert status.appeal_ends_on is not None and status.final_on is not None
    last = date.fromisoformat(status.appeal_ends_on)
    assert (last - posted).days >= 21
    assert_rolled_minimally(posted + timedelta(days=21), last)
    assert date.fromisoformat(status.final_on) == last + timedelta(days=1)
    assert status.state is (State.final if today > last else State.appealable)
    assert status.is_final == (today > last)


def test_the_law_texts_example_and_the_steps_before_posting() -> None:
    # Kommunallagen's example in domain terms: posted 2023-12-05, day 21 is annandag jul.
    meeting = Meeting(date="2023-11-21", posted_on="2023-12-05")
    status = legal_status(
        decision(meeting="2023-11-21"),
        meeting=meeting,
        appeals=(),
        config=CONFIG,
        today=date(2023, 12, 27),
    )
    assert (status.appeal_ends_on, status.final_on) == ("2023-12-27", "2023-12-28")
    assert status.state is State.appealable and not status.is_final
    unreported = legal_status(
        decision(), meeting=None, appeals=(), config=CONFIG, today=date.today()
    )
    assert unreported.state is State.unreported and unreported.final_on is None
    unposted = legal_status(
        decision(meeting="2023-11-21"),
        meeting=Meeting(date="2023-11-21"),
        appeals=(),
        config=CONFIG,
        today=date(2023, 12, 1),
    )
    assert unposted.state is State.awaiting_posting and unposted.appeal_ends_on is None


@settings(max_examples=150, deadline=None)
@given(notified=YEARS, by=st.sampled_from([None, "electronic", "post"]))
def test_an_awards_standstill_is_its_own_route(notified: date, by: str | None) -> None:
    award = decision("tilldelningsbeslut", notified_on=notified.isoformat(), notified_by=by)
    status = legal_status(award, meeting=None, appeals=(), config=CONFIG, today=notified)
    assert status.route is Route.overprovning
    assert status.appeal_ends_on is None and status.final_on is None
    days = 15 if by == "post" else 10
    assert status.standstill_ends_on is not None and status.contract_allowed_from is not None
    end = date.fromisoformat(status.standstill_ends_on)
    assert_rolled_minimally(notified + timedelta(days=days), end)
    assert date.fromisoformat(status.contract_allowed_from) == end + timedelta(days=1)
    assert status.state is State.standstill


def test_upphandlingsmyndighetens_examples() -> None:
    for notified, until, allowed in (
        ("2019-04-01", "2019-04-11", "2019-04-12"),
        ("2019-04-18", "2019-04-29", "2019-04-30"),
    ):
        status = legal_status(
            decision("tilldelningsbeslut", notified_on=notified),
            meeting=None,
            appeals=(),
            config=CONFIG,
            today=date(2019, 5, 1),
        )
        assert (status.standstill_ends_on, status.contract_allowed_from) == (until, allowed)
        assert status.state is State.standstill_ended and not status.is_final


def test_a_pending_appeal_stops_legal_force_and_its_outcome_decides() -> None:
    meeting = Meeting(date="2024-02-15", posted_on="2024-02-21")
    reported = decision(meeting="2024-02-15")
    late = date(2024, 12, 1)
    pending = Appeal("24RS100", "2024-03-05", court="Förvaltningsrätten i Karlstad")
    status = legal_status(reported, meeting=meeting, appeals=[pending], config=CONFIG, today=late)
    assert status.state is State.appealed and status.final_on is None and not status.is_final
    upheld = Appeal("24RS100", "2024-03-05", decided_on="2024-05-20", outcome="upheld")
    status = legal_status(reported, meeting=meeting, appeals=[upheld], config=CONFIG, today=late)
    assert status.state is State.final and status.final_on == "2024-05-21"
    annulled = Appeal("24RS100", "2024-03-05", decided_on="2024-05-20", outcome="annulled")
    status = legal_status(reported, meeting=meeting, appeals=[annulled], config=CONFIG, today=late)
    assert status.state is State.annulled and not status.is_final
    # Decided before the period ran out: final only after the period.
    early = Appeal("24RS100", "2024-02-22", decided_on="2024-03-01", outcome="dismissed")
    status = legal_status(reported, meeting=meeting, appeals=[early], config=CONFIG, today=late)
    assert status.final_on == "2024-03-14"  # 2024-02-21 + 21 days = Wednesday 2024-03-13


def _config(routes: dict[str, str]) -> Config:
    return Config(merge(CONFIG.raw, {"appeal_routes": routes}))


@settings(max_examples=60, deadline=None)
@given(notified=YEARS)
def test_forvaltningsbesvar_counts_from_the_partys_notification(notified: date) -> None:
    config = _config({"beslut": "förvaltningsbesvär"})
    status = legal_status(
        decision(notified_on=notified.isoformat()),
        meeting=None,
        appeals=(),
        config=config,
        today=notified,
    )
    assert status.route is Route.forvaltningsbesvar and status.appeal_ends_on is not None
    assert_rolled_minimally(
        notified + timedelta(days=21), date.fromisoformat(status.appeal_ends_on)
    )


def test_routes_come_from_configuration() -> None:
    assert route_for("beslut", CONFIG) is Route.laglighetsprovning
    assert route_for("tilldelningsbeslut", CONFIG) is Route.overprovning
    assert route_for("okänd-art", CONFIG) is Route.laglighetsprovning
    assert route_for("avtal", _config({"avtal": "forvaltningsbesvar"})) is Route.forvaltningsbesvar
    assert route_for("beslut", _config({"beslut": "ingen"})) is Route.none
    with pytest.raises(InputError, match="unknown route"):
        route_for("beslut", _config({"beslut": "kammarrätt"}))


def _example_register(delreg: Invoke) -> None:
    data = DATA
    assert delreg(
        "meetings", "add", "2024-02-15", "--board", "HSN",
        "--adjusted-on", "2024-02-20", "--posted-on", "2024-02-21",
    ).exit_code == 0  # fmt: skip
    assert (
        delreg("import", str(data / "example-agenda.txt"), "--meeting", "2024-02-15").exit_code == 0
    )


def test_appeals_are_recorded_and_shown_in_show_list_and_history(delreg: Invoke) -> None:
    _example_register(delreg)
    shown = as_json(delreg("show", "24RS841", "--format", "json"))
    assert shown["status"]["state"] == "final"
    assert shown["status"]["appeal_ends_on"] == "2024-03-13"
    assert shown["status"]["minutes_posted_on"] == "2024-02-21"

    lodged = delreg(
        "appeal", "24RS841", "--lodged-on", "2024-03-05", "--court", "Förvaltningsrätten i Karlstad"
    )
    assert lodged.exit_code == 0, lodged.stderr
    shown = as_json(delreg("show", "24RS841", "--format", "json"))
    assert shown["status"]["state"] == "appealed" and shown["status"]["final"] is False
    assert shown["status"]["appeals"][0]["court"] == "Förvaltningsrätten i Karlstad"
    table = delreg("show", "24RS841").stdout
    assert "appealed (laglighetsprövning)" in table and "lodged 2024-03-05" in table

    # The report is a document to fix: its status carries dates and appeals, never the state
    # of the day it was printed, so the same list prints the same bytes on any day.
    report = as_json(delreg("report", "--meeting", "2024-02-15", "--format", "json"))
    (item,) = [item for item in report["items"] if item["diary_number"] == "24RS841"]
    assert item["status"]["appeal_ends_on"] == "2024-03-13" and "state" not in item["status"]
    assert item["status"]["appeals"][0]["lodged_on"] == "2024-03-05"

    listed = {row["diary_number"]: row for row in as_json(delreg("list", "--format", "json"))}
    assert listed["24RS841"]["status"]["state"] == "appealed"
    assert listed["23RS710"]["status"]["route"] == "överprövning"
    assert "status" not in delreg("list", "--format", "csv").stdout.splitlines()[0]

    decided = delreg(
        "appeal", "24RS841", "--decided-on", "2024-05-20", "--outcome", "upheld",
        "--reference", "Mål nr 1234-24",
    )  # fmt: skip
    assert decided.exit_code == 0, decided.stderr
    status = as_json(delreg("appeal", "24RS841", "--format", "json"))
    assert (status["state"], status["final_on"]) == ("final", "2024-05-21")
    assert status["appeals"][0]["reference"] == "Mål nr 1234-24"

    history = as_json(delreg("history", "24RS841", "--format", "json"))
    actions = [event["action"] for event in history]
    assert actions[-2:] == ["appeal", "appeal-decided"]
    assert history[-1]["old"]["outcome"] is None and history[-1]["new"]["outcome"] == "upheld"
    assert delreg("verify").exit_code == 0


def test_appeal_mistakes_are_one_line_and_change_nothing(delreg: Invoke) -> None:
    _example_register(delreg)
    history_before = as_json(delreg("history", "24RS841", "--format", "json"))
    for arguments, expected in (
        (["--decided-on", "2024-05-20", "--outcome", "upheld"], "no appeal of 24RS841"),
        (["--decided-on", "2024-05-20"], "needs both"),
        (["--lodged-on", "2024-03-05", "--outcome", "upheld"], "two steps"),
        (["--lodged-on", "2024-02-30"], "not a real date"),
        # Refused before anything is recorded: only a table or JSON can show the status.
        (["--lodged-on", "2024-03-05", "--format", "csv"], "'csv' is not one of 'table', 'json'"),
    ):
        result = delreg("appeal", "24RS841", *arguments)
        assert result.exit_code != 0
        lines = result.stderr.splitlines()
        assert lines[0].startswith("delreg: error:") and expected in lines[0], lines
        assert lines[1].startswith("hint:")
    assert as_json(delreg("history", "24RS841", "--format", "json")) == history_before
    assert as_json(delreg("appeal", "24RS841", "--format", "json"))["appeals"] == []
    assert delreg("appeal", "24RS841", "--lodged-on", "2024-03-05").exit_code == 0
    result = delreg("appeal", "24RS841", "--decided-on", "2024-03-01", "--outcome", "upheld")
    assert result.exit_code != 0 and "before the appeal was lodged" in result.stderr
    result = delreg("appeal", "24RS841", "--decided-on", "2024-06-01", "--outcome", "lost")
    assert result.exit_code == 2 and "unknown outcome" in result.stderr
    assert len(as_json(delreg("appeal", "24RS841", "--format", "json"))["appeals"]) == 1
