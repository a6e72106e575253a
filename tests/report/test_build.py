"""Collecting a report (pure): the order of a fresh list, a fixed list kept as it was, the
period's groups, and the appeal deadline for any posting date against the rules of domain.md."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from dateutil.easter import easter
from hypothesis import given
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.model import Decision, Meeting, Notice
from delreg.report.build import assemble_meeting_report, assemble_period_report
from delreg.report.render_data import render_json, report_json

CONFIG = load_config()


def decision(number: str, kind: str = "beslut", **fields: Any) -> Decision:
    return Decision(number, kind, f"ärende {number}", **fields)


def test_a_fresh_list_is_numbered_by_diary_year_and_serial() -> None:
    waiting = [decision(n) for n in ("24RS2", "23RS10", "RS 2022/5", "23RS9", "23RS9-2")]
    report = assemble_meeting_report(
        Meeting("2024-02-15"), fixed=[], waiting=waiting, notices=[], config=CONFIG
    )
    assert [(i.number, i.decision.diary_number) for i in report.items] == [
        (1, "RS 2022/5"),
        (2, "23RS9"),
        (3, "23RS9-2"),
        (4, "23RS10"),
        (5, "24RS2"),
    ]
    assert report.unreported == ["RS 2022/5", "23RS9", "23RS9-2", "23RS10", "24RS2"]
    assert not report.fixed and report.left_for_next_meeting == 0


def test_a_fixed_list_keeps_its_numbers_and_leaves_the_rest_for_later() -> None:
    fixed = [
        decision("24RS2", meeting="2024-02-15", item=1),
        decision("23RS10", meeting="2024-02-15", item=3),
    ]
    report = assemble_meeting_report(
        Meeting("2024-02-15"), fixed=fixed, waiting=[decision("22RS1")], notices=[], config=CONFIG
    )
    assert [(i.number, i.decision.diary_number) for i in report.items] == [
        (1, "24RS2"),
        (3, "23RS10"),
    ]
    assert report.fixed and report.unreported == [] and report.left_for_next_meeting == 1


def test_the_board_falls_back_to_the_configuration() -> None:
    report = assemble_meeting_report(
        Meeting("2024-02-15", board="Regionstyrelsen"), fixed=[], waiting=[], notices=[],
        config=CONFIG,
    )  # fmt: skip
    assert report.board == "Regionstyrelsen" and report.items == ()


def test_a_period_groups_by_the_configured_order_of_kinds_then_by_date() -> None:
    register = [
        decision("24RS3", "beslut", decided_on="2024-01-03"),
        decision("24RS2", "kontrakt", decided_on="2024-01-20"),
        decision("24RS1", "kontrakt", decided_on="2024-01-05", meeting="2024-02-15", item=4),
        decision("24RS4", "okänd-typ", decided_on="2024-01-09"),
    ]
    report = assemble_period_report(register, since="2024-01-01", until="2024-01-31", config=CONFIG)
    assert [(g.kind, [i.decision.diary_number for i in g.items]) for g in report.groups] == [
        ("kontrakt", ["24RS1", "24RS2"]),
        ("beslut", ["24RS3"]),
        ("okänd-typ", ["24RS4"]),
    ]
    assert report.groups[0].label == "Upphandlingskontrakt"
    assert report.reported == 1 and report.items[0].number == 4


_SUBJECTS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)


@given(subjects=st.lists(_SUBJECTS, max_size=4), with_notice=st.booleans())
def test_the_json_report_is_the_report_whatever_the_text(
    subjects: list[str], with_notice: bool
) -> None:
    # render_json lays the document out by hand (for the C encoder's speed); whatever it does
    # with quotes, newlines or an empty list, reading it back must give the report itself.
    waiting = [
        Decision(f"24RS{n}", "beslut", subject, decided_on="2024-01-03")
        for n, subject in enumerate(subjects, start=1)
    ]
    notices = [Notice('Protokoll "AU" \n', "2024-01-10", position=1)] if with_notice else []
    meeting = assemble_meeting_report(
        Meeting("2024-02-15"), fixed=[], waiting=waiting, notices=notices, config=CONFIG
    )
    period = assemble_period_report(waiting, since="2024-01-01", until="2024-01-31", config=CONFIG)
    for report in (meeting, period):
        text = render_json(report)
        assert json.loads(text) == report_json(report)
        assert text.endswith("}\n")


# --- the appeal deadline, against the rules written out independently -------------------------


def non_working(day: date) -> bool:
    """Lag 1930:173 2 § with lag 1989:253, as domain.md states them (from 2005 on)."""
    paskdagen = easter(day.year)
    midsommarafton = next(
        date(day.year, 6, d) for d in range(19, 26) if date(day.year, 6, d).weekday() == 4
    )
    fixed = {(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)}
    movable = {
        paskdagen - timedelta(days=2),
        paskdagen + timedelta(days=1),
        paskdagen + timedelta(days=39),
        midsommarafton,
    }
    return day.weekday() >= 5 or (day.month, day.day) in fixed or day in movable


@given(posted=st.dates(min_value=date(2022, 1, 1), max_value=date(2027, 12, 31)))
def test_the_appeal_deadline_follows_the_rules_for_any_posting_date(posted: date) -> None:
    meeting = Meeting(
        (posted - timedelta(days=7)).isoformat(),
        adjusted_on=(posted - timedelta(days=1)).isoformat(),
        posted_on=posted.isoformat(),
    )
    report = assemble_meeting_report(meeting, fixed=[], waiting=[], notices=[], config=CONFIG)
    expected = posted + timedelta(days=21)
    while non_working(expected):
        expected += timedelta(days=1)
    assert report.appeal_ends_on == expected.isoformat()


def test_no_deadline_before_the_minutes_are_posted() -> None:
    report = assemble_meeting_report(
        Meeting("2024-02-15", adjusted_on="2024-02-20"), fixed=[], waiting=[], notices=[],
        config=CONFIG,
    )  # fmt: skip
    assert report.appeal_ends_on is None
