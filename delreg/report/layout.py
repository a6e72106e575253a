"""A report as a document: headings, numbered lists, notes, in the board's language. Pure.

The text, Markdown, HTML and Word renderers all lay out a ``Layout``, so the words and their
order are decided once, here. The Swedish wording can be changed under ``[report.labels]`` in
the configuration (keys as in ``LABELS``; ``{…}`` are filled in).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from delreg.config import Config
from delreg.report.build import DelegateGroup, MeetingReport, PeriodReport, Report, ReportItem

LABELS = {
    "decisions": "Anmälningsärenden",
    "notices": "Meddelandeärenden",
    "no_decisions": "Inga delegationsbeslut har anmälts.",
    "meeting": "Sammanträde {date}",
    "paragraph": "§ {paragraph}",
    "document": "Anmälningsärenden",
    "appeal": "Sista dag för överklagande genom laglighetsprövning "
    "(kommunallagen 13 kap. 5 §): {date}.",
    "public": "Offentlig version. Uppgifter som omfattas av sekretess har utelämnats "
    "(offentlighets- och sekretesslagen 5 kap. 2 §).",
    "period": "Delegationsbeslut {since} – {until}",
    "period_since": "Delegationsbeslut från och med {since}",
    "period_until": "Delegationsbeslut till och med {until}",
    "group": "{label} ({count})",
    "delegate_group": "{delegate} ({count})",
    "passed_on_by": "{group}, vidaredelegering från {by}",
    "no_delegate": "Delegat ej angiven",
    "undated": "utan datum",
    "reported_at": "anmält {date}, punkt {item}",
    "not_reported": "ej anmält",
    # {reported_word} and {unreported_word} agree with their counts: "1 anmält", "2 anmälda".
    "summary": "Totalt {total} beslut, varav {reported} {reported_word} till nämnden och "
    "{unreported} ännu inte {unreported_word}.",
    "reported_one": "anmält",
    "reported_many": "anmälda",
    "no_period_decisions": "Inga delegationsbeslut fattades under perioden.",
}


@dataclass(frozen=True)
class Entry:
    """One line of a list; numbered lists keep their numbers (they are the protocol's)."""

    number: int | None
    text: str


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]
    numbered: bool = True
    # What to say instead of an empty list; an empty section without it is left out.
    empty_text: str | None = None


@dataclass(frozen=True)
class Layout:
    # For a window title and a Word document's properties.
    document_title: str
    # The board; empty when neither the meeting nor the configuration names one.
    heading: str
    subtitle: str
    note: str | None
    sections: tuple[Section, ...]
    summary: str | None
    # The appeal deadline: a page footer in HTML and Word, under the title in text.
    appeal: str | None
    # The ISO day the document is about: the meeting, or the end of the period.
    dated_on: str | None
    language: str = "sv"


def labels(config: Config) -> dict[str, str]:
    configured = config.section("report").get("labels", {})
    return {**LABELS, **{str(key): str(value) for key, value in configured.items()}}


def layout(report: Report, config: Config) -> Layout:
    if isinstance(report, MeetingReport):
        return meeting_layout(report, labels(config))
    return period_layout(report, labels(config))


def meeting_layout(report: MeetingReport, words: dict[str, str]) -> Layout:
    meeting = report.meeting
    subtitle = words["meeting"].format(date=meeting.date)
    if meeting.paragraph is not None:
        subtitle += ", " + words["paragraph"].format(paragraph=meeting.paragraph)
    decisions = Section(
        title=words["decisions"],
        entries=tuple(Entry(item.number, item.sentence) for item in report.items),
        empty_text=words["no_decisions"],
    )
    lists: tuple[Section, ...] = (decisions,)
    if report.delegate_groups:
        lists = tuple(
            _delegate_section(group, words, lambda item: Entry(item.number, item.sentence))
            for group in report.delegate_groups
        )
    notices = Section(
        title=words["notices"],
        entries=tuple(
            Entry(notice.position or index, " ".join(notice.text.split()))
            for index, notice in enumerate(report.notices, start=1)
        ),
    )
    return Layout(
        document_title=" – ".join(
            part for part in (words["document"], report.board, meeting.date) if part
        ),
        heading=report.board,
        subtitle=subtitle,
        note=words["public"] if report.public else None,
        sections=tuple(section for section in (*lists, notices) if _shown(section)),
        summary=None,
        appeal=words["appeal"].format(date=report.appeal_ends_on)
        if report.appeal_ends_on
        else None,
        dated_on=meeting.date,
    )


def period_layout(report: PeriodReport, words: dict[str, str]) -> Layout:
    if report.since and report.until:
        subtitle = words["period"].format(since=report.since, until=report.until)
    elif report.since:
        subtitle = words["period_since"].format(since=report.since)
    else:
        subtitle = words["period_until"].format(until=report.until)
    sections = tuple(
        Section(
            title=words["group"].format(label=group.label, count=len(group.items)),
            entries=tuple(Entry(None, _dated_line(item, words)) for item in group.items),
            numbered=False,
        )
        for group in report.groups
    )
    if report.delegate_groups:
        sections = tuple(
            _delegate_section(
                group, words, lambda item: Entry(None, _dated_line(item, words)), numbered=False
            )
            for group in report.delegate_groups
        )
    total = len(report.items)
    summary = (
        words["summary"].format(
            total=total,
            reported=report.reported,
            unreported=total - report.reported,
            reported_word=agreeing(report.reported, words),
            unreported_word=agreeing(total - report.reported, words),
        )
        if total
        else words["no_period_decisions"]
    )
    return Layout(
        document_title=" – ".join(part for part in (subtitle, report.board) if part),
        heading=report.board,
        subtitle=subtitle,
        note=words["public"] if report.public else None,
        sections=sections,
        summary=summary,
        appeal=None,
        dated_on=report.until or report.since,
    )


def agreeing(count: int, words: dict[str, str]) -> str:
    """The participle that agrees with ``count`` neuter nouns: "1 anmält", "0/2 anmälda"."""
    return words["reported_one"] if count == 1 else words["reported_many"]


def _dated_line(item: ReportItem, words: dict[str, str]) -> str:
    decision = item.decision
    status = (
        words["reported_at"].format(date=decision.meeting, item=decision.item)
        if decision.meeting
        else words["not_reported"]
    )
    return f"{decision.decided_on or words['undated']} ({status}): {item.sentence}"


def _delegate_section(
    group: DelegateGroup,
    words: dict[str, str],
    entry: Callable[[ReportItem], Entry],
    *,
    numbered: bool = True,
) -> Section:
    delegate = group.delegate or words["no_delegate"]
    title = words["delegate_group"].format(delegate=delegate, count=len(group.items))
    if group.passed_on_by:
        title = words["passed_on_by"].format(group=title, by=" och ".join(group.passed_on_by))
    return Section(
        title=title,
        entries=tuple(entry(item) for item in group.items),
        numbered=numbered,
    )


def _shown(section: Section) -> bool:
    return bool(section.entries) or section.empty_text is not None
