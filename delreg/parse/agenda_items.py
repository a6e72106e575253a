"""Reading one item of an agenda's list: what was decided, by whom, under which numbers.

An item is one sentence of the board's list, e.g. "Hälso- och sjukvårdsdirektören har tecknat
upphandlingskontrakt för ultraljudsutrustning MT 2023-0053a, 23RS1851". Its parts are found
as spans of that sentence; the subject is what is left of the sentence after the delegate, the
kind phrase, the party clause and the numbers are taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from delreg.config import FALLBACK_KIND, Config
from delreg.dates import parse_date
from delreg.errors import InvalidValue
from delreg.model import Decision, Notice, normalise_diary_number
from delreg.parse.agenda_numbers import (
    Span,
    missing_number_problem,
    own_diary_number,
    procurement_numbers,
    with_parentheses,
)
from delreg.parse.agenda_rules import AgendaRules

# An anchored match never needs to look further than this into an item (dates, lead-ins).
_LOOKAHEAD = 200
_NUMBER_SEPARATORS = " \t,;:–—-"
_SUBJECT_EDGES = " ,.;:–—-"
_WORDING_TAIL = " ,;:–—-"
_LETTER = re.compile(r"[^\W\d_]")
_SPACED_CLOSINGS = ((" ,", ","), (" .", "."), (" ;", ";"), (" :", ":"), (" )", ")"))
_DELEGATE_LAST_SEPARATORS = (" – ", " — ", " - ", ", ")
_DELEGATE_LAST_MAX = 60


@dataclass(frozen=True, slots=True)
class ItemReading:
    """What an item turned out to be; the reader decides from it what to yield."""

    decision: Decision | None = None
    # Why no decision could be made of it (for a Rejected), when it looked like one.
    problem: str | None = None
    # It reads like a reported decision (a delegate, a kind phrase or "Beslut om …" up front).
    decision_like: bool = False
    # It has more text than its diary number.
    has_text: bool = False
    # It says that nothing is reported ("Inga delegationsbeslut har anmälts …").
    empty_report: bool = False
    # It names who decided.
    delegate_named: bool = False


def normalise_item_text(text: str, rules: AgendaRules) -> str:
    """One line of text with single spaces and the configured typos corrected."""
    value = " ".join(text.replace("\u00ad", "").split())
    return correct_typos(value, rules)


def correct_typos(text: str, rules: AgendaRules) -> str:
    if rules.corrections is None:
        return text
    # Most items hold no typo: one search of the lower-cased text is cheaper than substituting.
    if rules.correction_finder.search(text.lower()) is None:
        return text

    def replace(found: re.Match[str]) -> str:
        written = found.group()
        right = rules.replacements.get(" ".join(written.split()).casefold(), written)
        return right[:1].upper() + right[1:] if written[:1].isupper() else right

    return rules.corrections.sub(replace, text)


def as_wording(text: str) -> str:
    """The board's sentence: the item's text ending with a full stop."""
    value = text.rstrip(_WORDING_TAIL)
    return value if value.endswith((".", "!", "?")) else value + "."


def read_decision_item(
    text: str,
    *,
    source: str,
    rules: AgendaRules,
    config: Config,
    meeting_year: int | None,
) -> ItemReading:
    """Read an item of the decision list; ``text`` is already normalised."""
    if not text:
        return ItemReading(problem="the item has no text")
    return _Item(text, rules, config, meeting_year).read(source)


class _Item:
    """One item being read: the spans found so far and the parts made of them."""

    def __init__(
        self, text: str, rules: AgendaRules, config: Config, meeting_year: int | None
    ) -> None:
        self.text = text
        self.rules = rules
        self.config = config
        self.meeting_year = meeting_year
        lowered = text.lower()
        # Gates look in the lower-cased text by position; rare letters change length in it.
        self.lowered = lowered if len(lowered) == len(text) else None
        self.procurement = procurement_numbers(text, self.lowered, rules, config)
        self.diary, self.number_first = own_diary_number(
            text, self.lowered, rules, self.procurement
        )
        self.removed: list[Span] = [(found.start, found.end) for found in self.procurement]
        if self.diary is not None:
            self.removed.append(with_parentheses(text, self.diary.start, self.diary.end))
        self.body_start = self._after_leading_number()
        self.decided_on = self._leading_date()
        self.delegate = self._delegate_first()
        self.kind_found = self._kind_phrase()
        self.lead_end = self._lead_in_end()

    def read(self, source: str) -> ItemReading:
        if self._empty_report():
            return ItemReading(empty_report=True)
        has_text = self._has_text()
        kind_up_front = self.kind_found is not None and self.kind_found.start() <= self.lead_end
        parties = self._parties()
        self._delegate_last()
        decision_like = bool(
            self.delegate
            or kind_up_front
            or self.rules.decision_start.match(self.text, self.body_start, self._limit())
        )
        problem = None
        diary_number = None
        if self.diary is None:
            problem = missing_number_problem(self.text, self.lowered, self.rules)
        else:
            try:
                diary_number = normalise_diary_number(self.diary.value, self.config)
            except InvalidValue:
                problem = f"malformed diary number {self.diary.value!r}"
        decision = None
        if diary_number is not None:
            self._labelled_date()
            decision = Decision(
                diary_number=diary_number,
                kind=self._kind(),
                subject=self._subject(kind_up_front),
                procurement_number=self.procurement[0].value if self.procurement else None,
                parties=parties,
                delegate=self.delegate,
                decided_on=self.decided_on,
                delegation_point=self._delegation_point(),
                wording=as_wording(self.text),
                source=source,
            )
        return ItemReading(
            decision=decision,
            problem=problem,
            decision_like=decision_like,
            has_text=has_text,
            delegate_named=self.delegate is not None,
        )

    # --- numbers ---------------------------------------------------------------------------

    def _has_text(self) -> bool:
        """Whether there are words besides the diary number ("1. RS 2024/3" has none)."""
        if self.diary is None:
            return _LETTER.search(self.text) is not None
        start, end = with_parentheses(self.text, self.diary.start, self.diary.end)
        text = self.text
        return _LETTER.search(text, 0, start) is not None or _LETTER.search(text, end) is not None

    def _after_leading_number(self) -> int:
        if self.diary is None or not self.number_first:
            return 0
        end = with_parentheses(self.text, self.diary.start, self.diary.end)[1]
        return _skip(self.text, end, _NUMBER_SEPARATORS)

    # --- dates -----------------------------------------------------------------------------

    def _limit(self) -> int:
        return min(len(self.text), self.body_start + _LOOKAHEAD)

    def _leading_date(self) -> str | None:
        found = self.rules.date.match(self.text, self.body_start, self._limit())
        if found is None:
            return None
        self.body_start = _skip(self.text, found.end(), _NUMBER_SEPARATORS)
        return self._date(found.group())

    def _labelled_date(self) -> None:
        rules = self.rules
        found = rules.decision_date_gate.match(
            rules.decision_date, self.text, self.lowered, self.body_start
        )
        if found is None:
            return
        self.removed.append(found.span())
        self.decided_on = self.decided_on or self._date(found.group("date"))

    def _date(self, written: str) -> str | None:
        try:
            return parse_date(written, default_year=self.meeting_year)
        except InvalidValue:
            return None

    # --- who decided, and what kind of decision ----------------------------------------------

    def _delegate_first(self) -> str | None:
        found = self.rules.delegate_first(self.text, self.body_start, self.lowered)
        if found is None:
            return None
        delegate, self.body_start = found
        return delegate

    def _delegate_last(self) -> None:
        """ "… – Regional utvecklingsdirektör, RS2022/2478": a title just before the number."""
        if self.delegate is not None:
            return
        end = self._text_end()
        labelled = self.rules.delegate_label_gate.match(
            self.rules.delegate_label, self.text, self.lowered, self.body_start, end
        )
        if labelled is not None:
            self.delegate = labelled.group("delegate").strip()
            self.removed.append(labelled.span())
            return
        region = self.text[self.body_start : end].rstrip(_NUMBER_SEPARATORS + "(")
        found = _last_segment(region)
        if found is not None and self._is_title(found[1]):
            self.delegate = found[1]
            self.removed.append((self.body_start + found[0], end))

    def _is_title(self, text: str) -> bool:
        words = text.lower().split()
        return (
            len(text) <= _DELEGATE_LAST_MAX
            and 0 < len(words) <= 4
            and all(word.replace("-", "").isalpha() for word in words)
            and words[-1].endswith(self.rules.delegate_endings)
        )

    def _kind_phrase(self) -> re.Match[str] | None:
        rules = self.rules
        return rules.kind_gate.match(rules.kind, self.text, self.lowered, self.body_start)

    def _kind(self) -> str:
        found = self.kind_found
        if found is None:
            return FALLBACK_KIND
        slugs = self.rules.kind_slugs
        name = found.lastgroup
        if name is not None and name[1:].isdigit() and int(name[1:]) < len(slugs):
            return slugs[int(name[1:])]
        for index, slug in enumerate(slugs):
            if found.group(f"k{index}") is not None:
                return slug
        return FALLBACK_KIND

    def _lead_in_end(self) -> int:
        found = self.rules.subject_lead_in.match(self.text, self.body_start, self._limit())
        return found.end() if found is not None else self.body_start

    def _empty_report(self) -> bool:
        rules = self.rules
        return (
            rules.empty_report_gate.match(rules.empty_report, self.text, self.lowered) is not None
        )

    def _delegation_point(self) -> str | None:
        gate = self.rules.delegation_point_gate
        if gate.first(self.lowered) < 0:
            return None
        for pattern in self.rules.delegation_points:
            found = gate.match(pattern, self.text, self.lowered)
            if found is not None and "point" in pattern.groupindex:
                return found.group("point")
        return None

    # --- parties and subject -----------------------------------------------------------------

    def _text_end(self) -> int:
        # Where the sentence proper ends: at a diary number that follows it.
        if self.diary is not None and not self.number_first:
            return with_parentheses(self.text, self.diary.start, self.diary.end)[0]
        return len(self.text)

    def _parties(self) -> tuple[str, ...]:
        text, rules = self.text, self.rules
        end = self._text_end()
        intro = rules.party_intro_gate.match(
            rules.party_intro, text, self.lowered, self.body_start, end
        )
        if intro is None:
            return ()
        names_start = intro.end()
        clause_end = self._party_clause_end(names_start)
        # The comma that closes the clause goes with it: "med A, om B" leaves "om B".
        removed_end = clause_end + (text[clause_end : clause_end + 1] == ",")
        self.removed.append((intro.start("intro"), removed_end))
        clause = text[names_start:clause_end].strip(_SUBJECT_EDGES)
        if intro.group("intro").casefold() in rules.party_pair_intros:
            joiner = rules.party_joiner.search(clause)
            if joiner is not None:
                names = (clause[: joiner.start()], clause[joiner.end() :])
                return tuple(name.strip(_SUBJECT_EDGES) for name in names if name.strip())
        return (clause,) if clause else ()

    def _party_clause_end(self, start: int) -> int:
        end = self._text_end()
        for number_start, _ in self.removed:
            if start <= number_start < end:
                end = number_start
        found = self.rules.party_clause_end.search(self.text, start, end)
        if found is None:
            found = self.rules.party_clause_break.search(self.text, start, end)
        return found.start() if found is not None else end

    def _subject(self, kind_up_front: bool) -> str:
        text = self.text
        cut = self.lead_end
        if kind_up_front and self.kind_found is not None:
            cut = max(cut, self.kind_found.end())
        subject = _cut(text, cut, self.removed)
        connector = self.rules.subject_connector.match(subject)
        subject = _tidy(subject[connector.end() :] if connector else subject)
        if subject:
            return subject
        # "Avtal med X, RS 2024/3": all of it was kind and party; keep the sentence's words.
        return _tidy(_cut(text, self.body_start, self.removed)) or as_wording(text)[:-1]


def _last_segment(region: str) -> tuple[int, str] | None:
    """Where the last part of "subject – Title" starts, and that part.

    A spaced dash or a comma separates it; failing those, a hyphen before a capital
    ("färdtjänst-Trafikdirektör", but not the "-chef" of "HR-chef").
    """
    at, separator = max((region.rfind(mark), mark) for mark in _DELEGATE_LAST_SEPARATORS)
    if at >= 0:
        return at, region[at + len(separator) :].strip()
    at = region.rfind("-")
    while at > 0:
        if region[at + 1 : at + 2].isupper():
            return at, region[at + 1 :].strip()
        at = region.rfind("-", 0, at)
    return None


def _skip(text: str, position: int, characters: str) -> int:
    while position < len(text) and text[position] in characters:
        position += 1
    return position


def _cut(text: str, start: int, removed: list[Span]) -> str:
    """``text`` from ``start`` with the removed spans taken out."""
    pieces = []
    position = start
    for span_start, span_end in sorted(removed):
        if span_end <= position:
            continue
        if span_start > position:
            pieces.append(text[position:span_start])
        position = max(position, span_end)
    pieces.append(text[position:])
    return " ".join(pieces)


def _tidy(text: str) -> str:
    """Single spaces, no space before a comma or after "(", no empty "()", no edge commas.

    Plain replacements: the text has single spaces already, and this runs for every item.
    """
    value = " ".join(text.split())
    if "(" in value:
        value = value.replace("( ", "(").replace("()", "")
    for spaced, closing in _SPACED_CLOSINGS:
        if spaced in value:
            value = value.replace(spaced, closing)
    while ",," in value:
        value = value.replace(",,", ",")
    if "  " in value:
        value = " ".join(value.split())
    return value.strip(_SUBJECT_EDGES)


def read_notice_item(
    text: str,
    *,
    source: str,
    position: int,
    rules: AgendaRules,
    meeting_year: int | None,
) -> Notice:
    """A meddelandeärende: its text, and its date where it names one."""
    found = rules.date.search(text)
    date = None
    if found is not None:
        try:
            date = parse_date(found.group(), default_year=meeting_year)
        except InvalidValue:
            date = None
    return Notice(text=text, date=date, position=position, source=source)
