"""`delreg due` with a frozen today, in each format, and the calendar file read back."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.ical import MAX_OCTETS, escape_text, fold
from tests.helpers import DATA, Invoke, as_json


@pytest.fixture
def register(delreg: Invoke) -> Invoke:
    """The example register, with what a secretary has on her desk in March 2024."""
    steps: list[list[str]] = [
        ["meetings", "add", "2024-02-15", "--board", "HSN", "--adjusted-on", "2024-02-20",
         "--posted-on", "2024-02-21"],
        ["import", str(DATA / "example-agenda.txt"), "--meeting", "2024-02-15"],
        ["import", str(DATA / "example-diarium.csv")],
        # Held, not yet approved.
        ["meetings", "add", "2024-03-14", "--board", "HSN"],
        # Approved on Maundy Thursday: day two is Easter Saturday, then Easter Sunday and
        # annandag påsk, so the posting may wait until Tuesday 2 April.
        ["boards", "add", "RS", "--name", "Regionstyrelsen"],
        ["meetings", "add", "2024-03-21", "--board", "RS", "--adjusted-on", "2024-03-28"],
        ["meetings", "add", "2024-04-18", "--board", "HSN"],
        # Notified on Maundy Thursday: day ten is Sunday 7 April, the spärr ends on Monday.
        ["add", "--kind", "tilldelningsbeslut", "--diary-number", "24RS1400", "--subject",
         "dialysmaskiner", "--procurement-number", "MT 2024-0031", "--decided-on",
         "2024-03-27", "--notified-on", "2024-03-28", "--board", "HSN"],
        ["edit", "23RS764", "--notice-by", "2024-04-30", "--valid-to", "2024-10-31",
         "--extension-until", "2025-10-31"],
    ]  # fmt: skip
    for step in steps:
        result = delreg(*step)
        assert result.exit_code == 0, (step, result.stderr)
    return delreg


def due(delreg: Invoke, *arguments: str) -> list[dict[str, Any]]:
    result = delreg("due", *arguments, "--format", "json")
    assert result.exit_code == 0, result.stderr
    items = as_json(result)
    assert isinstance(items, list)
    return items


def by_kind(items: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [item for item in items if item["kind"] == kind]


def test_each_deadline_on_its_day(register: Invoke) -> None:
    items = due(register, "--as-of", "2024-03-01", "--within", "60")
    dates = [item["date"] for item in items]
    assert dates[0] >= "2024-03-01" and dates[-1] <= "2024-04-30"
    assert dates == sorted(dates)

    (appeal,) = by_kind(items, "appeal-ends")
    # Posted Wednesday 2024-02-21: three weeks later is Wednesday 2024-03-13, a working day.
    assert appeal["date"] == "2024-03-13" and appeal["meeting"] == "2024-02-15"
    assert "24RS841" in appeal["diary_numbers"]
    # Procurement decisions are not appealed by laglighetsprövning.
    assert "23RS710" not in appeal["diary_numbers"]

    standstills = {item["diary_numbers"][0]: item for item in by_kind(items, "standstill-ends")}
    standstill = standstills["24RS1400"]
    assert standstill["date"] == "2024-04-08"
    # The export's award of 2024-02-26 (a Monday): day ten is Thursday 2024-03-07.
    assert standstills["24RS1203"]["date"] == "2024-03-07"
    assert "2024-04-09" in standstill["title"]

    adjust = {item["meeting"]: item for item in by_kind(items, "minutes-adjust")}
    # 2024-03-14 + 14 days = Thursday 2024-03-28.
    assert adjust["2024-03-14"]["date"] == "2024-03-28"
    assert adjust["2024-03-14"]["overdue"] is False
    (posting,) = by_kind(items, "minutes-post")
    assert (posting["date"], posting["meeting"]) == ("2024-04-02", "2024-03-21")

    (unreported,) = by_kind(items, "report-unreported")
    assert unreported["date"] == "2024-03-14" and unreported["meeting"] == "2024-03-14"
    assert "24RS1400" in unreported["diary_numbers"]
    assert "24RS841" not in unreported["diary_numbers"]

    (notice,) = by_kind(items, "contract-notice")
    assert (notice["date"], notice["diary_numbers"]) == ("2024-04-30", ["23RS764"])
    assert by_kind(items, "contract-ends") == []  # 2024-10-31 is beyond the window
    # The meeting of 2024-04-18 is held inside the window, its minutes are due after it.
    assert "2024-04-18" not in adjust


def test_the_window_and_overdue_minutes(register: Invoke) -> None:
    later = due(register, "--as-of", "2024-04-03", "--within", "0")
    overdue = {item["meeting"]: item for item in later if item["overdue"]}
    # Not approved by 2024-03-28, not posted by 2024-04-02: both are overdue on 2024-04-03.
    assert overdue["2024-03-14"]["kind"] == "minutes-adjust"
    assert overdue["2024-03-21"]["kind"] == "minutes-post"
    assert by_kind(later, "appeal-ends") == [] and by_kind(later, "standstill-ends") == []
    year = due(register, "--as-of", "2024-04-03", "--within", "600")
    kinds = {item["kind"] for item in year}
    assert {"contract-ends", "contract-extension-ends", "contract-notice"} <= kinds


def test_the_table_is_for_people(register: Invoke) -> None:
    result = register("due", "--as-of", "2024-03-01", "--within", "45")
    assert result.exit_code == 0
    assert "2024-03-13" in result.stdout and "laglighetsprövning" in result.stdout
    # Decisions never reported stay due: on the next meeting, or today when none is planned.
    later = register("due", "--as-of", "2031-01-01", "--format", "json")
    (item,) = as_json(later)
    assert (item["kind"], item["date"], item["meeting"]) == (
        "report-unreported",
        "2031-01-01",
        None,
    )


def test_a_register_with_nothing_near_has_nothing_due(delreg: Invoke) -> None:
    assert delreg("meetings", "add", "2030-01-15").exit_code == 0
    empty = delreg("due", "--as-of", "2024-03-01")
    assert empty.exit_code == 0 and empty.stdout == ""
    assert "nothing falls due" in empty.stderr


def unfold(text: str) -> list[str]:
    """RFC 5545 3.1 read back: a CRLF followed by a space continues the line before."""
    return text.replace("\r\n ", "").split("\r\n")


def parse_calendar(raw: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    text = raw.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= MAX_OCTETS, physical
    lines = unfold(text)[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    header: dict[str, str] = {}
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines[1:-1]:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
        else:
            header[name] = value
    return header, events


def test_ics_reads_back_with_stable_uids_and_a_derived_stamp(register: Invoke) -> None:
    arguments = ("due", "--as-of", "2024-03-01", "--within", "45", "--format", "ics")
    first = register(*arguments).stdout_bytes
    assert register(*arguments).stdout_bytes == first  # the same day gives the same bytes
    header, events = parse_calendar(first)
    assert header["VERSION"] == "2.0" and header["PRODID"].startswith("-//delreg//")
    items = due(register, "--as-of", "2024-03-01", "--within", "45")
    assert len(events) == len(items)
    uids = [event["UID"] for event in events]
    assert len(set(uids)) == len(uids) == len({item["uid"] for item in items})
    for event, item in zip(events, items, strict=True):
        assert event["UID"] == item["uid"]
        assert event["DTSTAMP"] == "20240301T000000Z"
        assert event["DTSTART;VALUE=DATE"] == item["date"].replace("-", "")
        assert event["CATEGORIES"] == item["kind"]
        assert event["SUMMARY"] == escape_text(item["title"])
    # A day later the same deadlines keep their UIDs, and only the stamp moves.
    _, next_day = parse_calendar(
        register("due", "--as-of", "2024-03-02", "--within", "44", "--format", "ics").stdout_bytes
    )
    assert {e["UID"] for e in next_day} <= set(uids)
    assert {e["DTSTAMP"] for e in next_day} == {"20240302T000000Z"}


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_folding_keeps_75_octets_and_unfolds_to_the_line(text: str) -> None:
    line = "SUMMARY:" + escape_text(text)
    folded = fold(line)
    assert all(len(piece.encode("utf-8")) <= MAX_OCTETS for piece in folded.split("\r\n"))
    assert unfold(folded) == [line]


def test_as_of_must_be_a_date(register: Invoke) -> None:
    result = register("due", "--as-of", "2024-02-30")
    assert result.exit_code == 2
    assert result.stderr.startswith("delreg: error:") and "hint:" in result.stderr
