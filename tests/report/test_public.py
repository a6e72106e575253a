"""`--public` (OSL 5 kap. 2 §): no public report, in any format, shows a secret decision's
subject or parties, whether they come from its fields or from the board's own wording."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.model import Decision, Meeting, Notice
from delreg.report.build import Report, assemble_meeting_report, assemble_period_report
from delreg.report.formats import FORMATS, render
from tests.helpers import Invoke, as_json
from tests.helpers.reports import MEETING, build_example

CONFIG = load_config()

# Secret words are made of letters no fixed text of a report contains together ("ZQ…"), so
# finding one in the output can only mean a leak.
SECRET_WORDS = st.text(alphabet="QXZJW", min_size=4, max_size=8).map(lambda tail: "ZQ" + tail)
PUBLIC_WORDS = st.sampled_from(["ultraljud", "städning", "tolkning", "Acme AB", "Region Örebro"])
KINDS = st.sampled_from(sorted(CONFIG.kinds))
DAYS = st.sampled_from([None, "2024-01-10", "2024-02-01", "2024-02-15"])


@st.composite
def decisions(draw: st.DrawFn) -> list[Decision]:
    count = draw(st.integers(1, 6))
    made = []
    for serial in range(1, count + 1):
        secret = draw(st.booleans())
        words = SECRET_WORDS if secret else PUBLIC_WORDS
        subject = draw(words)
        parties = tuple(draw(st.lists(words, max_size=2, unique=True)))
        # An imported secret decision carries the board's sentence, which names everything.
        wording = (
            f"Direktören har beslutat om {subject} med {' och '.join(parties)}, 24RS{serial}"
            if draw(st.booleans())
            else None
        )
        made.append(
            Decision(
                diary_number=f"24RS{serial}",
                kind=draw(KINDS),
                subject=subject,
                parties=parties,
                procurement_number=draw(st.sampled_from([None, "MT 2024-0001"])),
                decided_on=draw(DAYS),
                secret=secret,
                secret_reason=draw(st.sampled_from([None, "OSL 31:16", "OSL 19:3"])),
                wording=wording,
                meeting=draw(st.sampled_from([None, MEETING])),
                item=serial,
            )
        )
    return made


def every_format(report: Report) -> dict[str, str]:
    rendered = {fmt: render(report, fmt, CONFIG) for fmt in FORMATS}
    shown = {name: data.decode() for name, data in rendered.items() if name != "docx"}
    # Every part of the Word file: the text, the properties, the footer.
    with zipfile.ZipFile(io.BytesIO(rendered["docx"])) as archive:
        for name in archive.namelist():
            shown[f"docx:{name}"] = archive.read(name).decode("utf-8", "replace")
    return shown


def secrets_of(register: list[Decision]) -> set[str]:
    return {
        word
        for decision in register
        if decision.secret
        for word in (decision.subject, *decision.parties)
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register=decisions())
def test_no_public_report_shows_a_secret(register: list[Decision]) -> None:
    meeting = Meeting(MEETING, "Hälso- och sjukvårdsnämnden", 16, "2024-02-20", "2024-02-21")
    fixed = [decision for decision in register if decision.meeting]
    waiting = [decision for decision in register if not decision.meeting]
    reports: list[Report] = [
        assemble_meeting_report(
            meeting,
            fixed=fixed,
            waiting=waiting,
            notices=[Notice("Protokoll beredning 2024-01-19.", meeting=MEETING, position=1)],
            config=CONFIG,
            public=True,
        ),
        assemble_period_report(
            register, since="2024-01-01", until="2024-02-29", config=CONFIG, public=True
        ),
    ]
    for report in reports:
        for name, text in every_format(report).items():
            leaked = {word for word in secrets_of(register) if word in text}
            assert not leaked, (name, leaked)


def test_the_internal_report_still_shows_them() -> None:
    secret = Decision("24RS1", "avtal", "ZQXXJ", parties=("ZQWWJ",), secret=True)
    report = assemble_meeting_report(
        Meeting(MEETING), fixed=[], waiting=[secret], notices=[], config=CONFIG
    )
    for fmt in ("txt", "json", "html"):
        text = render(report, fmt, CONFIG).decode()
        assert "ZQXXJ" in text and "ZQWWJ" in text


def test_public_reports_through_the_command_line(delreg: Invoke) -> None:
    example = build_example(delreg)
    for fmt in ("txt", "md", "html", "json", "csv", "docx"):
        result = example("report", "--meeting", MEETING, "--public", "--format", fmt)
        data = result.stdout_bytes
        if fmt == "docx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        for secret in ("Epclusa", "Gilead", "1250000"):
            assert secret.encode() not in data, (fmt, secret)
    made = as_json(example("report", "--meeting", MEETING, "--public", "--format", "json"))
    secret = next(item for item in made["items"] if item["secret"])
    assert secret["diary_number"] == "24RS278" and secret["kind"] == "avtal"
    assert secret["decided_on"] == "2024-01-25"
    assert secret["subject"] == "Uppgift omfattas av sekretess" and secret["parties"] == []
