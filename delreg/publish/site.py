"""The static site (``site/``) for hosts that serve only files.

Swedish pages (``lang="sv"``) that need no script and load nothing from elsewhere: a start
page (boards, meetings by year, the latest decisions), a page per meeting (its list as the
board adopted it, the appeal deadline, the list as CSV, JSON and Word made by delreg's report
renderers), a page per procurement (its chain as a timeline), an index of decisions per year and
a page per decision. Every link is relative, so the folder works wherever it is put, and every
page's path comes from delreg.publish.paths, so links stay the same between runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from delreg.config import Config
from delreg.dates import MONTHS
from delreg.model import diary_number_sort_key
from delreg.publish import paths
from delreg.publish.settings import PublishSettings
from delreg.publish.snapshot import PublicDecision, PublicMeeting, PublicRegister

if TYPE_CHECKING:
    import jinja2

INDEX = paths.SITE + "index.html"
STYLESHEET = paths.SITE + "stil.css"
DECISIONS_INDEX = paths.SITE + "beslut/index.html"
PROCUREMENTS_INDEX = paths.SITE + "upphandlingar/index.html"
UNDATED = "utan-datum"
# The report formats each meeting's list is offered in, with the link's text.
DOWNLOADS = ((".csv", "csv", "CSV"), (".json", "json", "JSON"), (".docx", "docx", "Word"))
# The public fields a history line names, in Swedish.
FIELD_NAMES = {
    "kind": "typ",
    "procurement_number": "upphandlingsnummer",
    "subject": "vad beslutet gäller",
    "parties": "motparter",
    "delegate": "beslutsfattare",
    "decided_on": "beslutsdatum",
    "notified_on": "meddelat",
    "secret": "sekretess",
    "amount": "belopp",
    "delegation_point": "delegationsordningens punkt",
}


def files(
    register: PublicRegister, settings: PublishSettings, config: Config
) -> Iterator[tuple[str, bytes]]:
    site = Site(register, settings, config)
    yield "index.html", site.page("redirect.html", "index.html")
    # One stylesheet for every page rather than a copy in each: a tenth of the site's size.
    yield STYLESHEET, _templates().get_template("stil.css").render().encode()
    yield INDEX, site.page("index.html", INDEX)
    for shown in register.meetings:
        yield from site.meeting(shown)
    yield PROCUREMENTS_INDEX, site.page("procurements.html", PROCUREMENTS_INDEX)
    for procurement in register.procurements:
        path = paths.procurement_page(procurement.number)
        yield path, site.page("procurement.html", path, procurement=procurement)
    yield DECISIONS_INDEX, site.page("decisions.html", DECISIONS_INDEX)
    for year, decisions in site.years.items():
        path = paths.year_page(year)
        yield path, site.page("year.html", path, year=year, decisions=decisions)
    for shown_decision in register.decisions:
        path = paths.decision_page(shown_decision.diary_number)
        yield path, site.page("decision.html", path, shown=shown_decision)


class Site:
    def __init__(self, register: PublicRegister, settings: PublishSettings, config: Config):
        self.register = register
        self.settings = settings
        self.config = config
        self.years: dict[str, list[PublicDecision]] = {}
        for shown in sorted(register.decisions, key=_newest_first, reverse=True):
            year = (shown.decision.decided_on or UNDATED)[:4]
            self.years.setdefault(UNDATED if year == UNDATED[:4] else year, []).append(shown)
        self.history: dict[str, list[Any]] = {}
        for change in register.history:
            self.history.setdefault(change.diary_number, []).append(change)
        # A decision knows the date of the meeting it was reported at; the meeting's page
        # also needs its board (two boards may meet on one day: the first one is taken).
        self.meeting_on: dict[str, PublicMeeting] = {}
        for held in register.meetings:
            self.meeting_on.setdefault(held.meeting.date, held)

    def page(self, template: str, path: str, **context: Any) -> bytes:
        up = paths.UP * path.count("/")

        def link(target: str) -> str:
            # Every page is in site/ or a folder of it, so the way back is counted, not
            # computed: posixpath.relpath took a fifth of a large publication's time.
            if target.startswith(paths.SITE) and path.startswith(paths.SITE):
                return up[3:] + target[len(paths.SITE) :]
            return up + target

        return (
            _templates()
            .get_template(template)
            .render(
                register=self.register,
                settings=self.settings,
                site=self,
                paths=paths,
                link=link,
                path=path,
                **context,
            )
            .encode()
        )

    def meeting(self, shown: PublicMeeting) -> Iterator[tuple[str, bytes]]:
        from delreg.report.formats import render

        meeting = shown.meeting
        downloads = []
        if shown.report is not None:
            for suffix, name, label in DOWNLOADS:
                path = paths.meeting_page(meeting, suffix)
                yield path, render(shown.report, name, self.config)
                downloads.append((path, label))
        page = paths.meeting_page(meeting)
        yield page, self.page("meeting.html", page, shown=shown, downloads=downloads)

    def kind_label(self, kind: str) -> str:
        return self.register.kinds.get(kind, kind)

    def meeting_page(self, date: str | None) -> str | None:
        """The page of the meeting a decision was reported at (None when not reported)."""
        shown = self.meeting_on.get(date) if date else None
        return paths.meeting_page(shown.meeting) if shown else None

    def meetings_by_year(self) -> list[tuple[str, list[PublicMeeting]]]:
        years: dict[str, list[PublicMeeting]] = {}
        for shown in sorted(self.register.meetings, key=lambda m: m.meeting.date, reverse=True):
            years.setdefault(shown.meeting.date[:4], []).append(shown)
        return list(years.items())

    def latest(self) -> list[PublicDecision]:
        dated = [shown for shown in self.register.decisions if shown.decision.decided_on]
        return sorted(dated, key=_newest_first, reverse=True)[: self.settings.latest_decisions]


def _newest_first(shown: PublicDecision) -> tuple[str, tuple[int, int, str]]:
    # Used with reverse=True: newest date first, then the later diary number.
    return (shown.decision.decided_on or "", diary_number_sort_key(shown.diary_number))


def swedish_date(day: str | None) -> str:
    """2024-02-15 → 15 februari 2024, kept on one line (no-break spaces)."""
    if not day:
        return ""
    year, month, date = day.split("-")
    return f"{int(date)}\u00a0{MONTHS[int(month) - 1]}\u00a0{year}"


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("delreg.publish", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["datum"] = swedish_date
    env.filters["field"] = lambda name: FIELD_NAMES.get(name, name)
    return env
