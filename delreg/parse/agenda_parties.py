"""The parties and the subject of an item of an agenda's list.

The parties are named in a clause after the agreement ("tecknat avtal mellan A och B om …"). The
subject is what is left of the sentence after the delegate, the kind phrase, the party clause and
the numbers are taken out ("… om försäljning av läkemedel Epclusa, 24RS278" → "försäljning av
läkemedel Epclusa").
"""

from __future__ import annotations

import functools
import re
from collections import deque

from delreg.parse.agenda_rules import AgendaRules

Span = tuple[int, int]

SUBJECT_EDGES = " ,.;:–—-"
_WORDING_TAIL = " ,;:–—-"
_SPACED_CLOSINGS = ((" ,", ","), (" .", "."), (" ;", ";"), (" :", ":"), (" )", ")"))
# How many distinct subjects are remembered, and how long (see ``subject_words``).
_SUBJECTS_KEPT = 4096
_SUBJECT_LONGEST_KEPT = 300


def read_parties(
    text: str,
    lowered: str | None,
    rules: AgendaRules,
    *,
    start: int,
    end: int,
    removed: list[Span],
    kind: str,
    kind_end: int | None,
) -> tuple[str, ...]:
    """The parties named in ``text[start:end]``; the clause naming them joins ``removed``.

    ``end`` is where the sentence proper ends (at a diary number after it); ``removed`` holds
    the numbers found in the item, and a party clause ends at the first of them. ``kind`` is the
    item's kind, ``kind_end`` where its phrase ends if the sentence starts with it.
    """
    intro = rules.party_intro_gate.match(rules.party_intro, text, lowered, start, end)
    if kind_end is not None:
        # "fattat tilldelningsbeslut med A för …": the parties right after the kind's phrase,
        # unless a number follows ("bidrag med 500-2000 kr per deltagare" names no one).
        after = rules.party_after_kind.match(text, kind_end, end)
        if (
            after is not None
            and not text[after.end() : after.end() + 1].isdigit()
            and (intro is None or after.start("intro") < intro.start("intro"))
        ):
            intro = after
    clause_ends = rules.party_clause_end_by_kind.get(kind, rules.party_clause_end)
    if intro is not None:
        names_start = intro.end()
        clause_end = _clause_end(text, rules, clause_ends, names_start, end, removed)
        return _take(text, rules, intro, names_start, clause_end, removed)
    recipient = _recipient(text, lowered, rules, start, end, removed)
    if recipient:
        return recipient
    if kind in rules.parties_last_kinds:
        return _parties_last(text, lowered, rules, clause_ends, start, end, removed)
    if (
        rules.party_last_gate.first(lowered, start, end) >= 0
        and rules.party_intro_gate.match(rules.agreement_word, text, lowered, start, end)
        is not None
    ):
        # "Förlängning av avtal om skyddat boende med Stiftelsen Kvinnohuset Vallby": the
        # agreement's subject between its word and the party; a party's name (agenda.
        # party_names) last, whole, names it, not a capital alone ("med Region …" in a
        # subject's phrase would).
        return _parties_last(text, lowered, rules, clause_ends, start, end, removed, named=True)
    return ()


def _recipient(
    text: str, lowered: str | None, rules: AgendaRules, start: int, end: int, removed: list[Span]
) -> tuple[str, ...]:
    """ "bidrag till Föreningen Solrosen för sommarläger": who receives a grant, where the name
    after "till" is all a party's name (agenda.recipient_after); "till" alone names too much
    else to be an intro word."""
    # Most items have no " till " at all: one look for it, before the grant's words.
    if text.find(" till ", start, end) < 0:
        return ()
    found = rules.recipient_gate.match(rules.recipient, text, lowered, start, end)
    if found is None:
        return ()
    names_start = found.end()
    for number_start, _ in removed:
        if names_start <= number_start < end:
            end = number_start
    stop = rules.recipient_end.search(text, names_start, end)
    clause_end = stop.start() if stop is not None else end
    name = text[names_start:clause_end].strip(SUBJECT_EDGES)
    if not rules.party_name.fullmatch(name):
        return ()
    removed.append((found.start("intro"), clause_end))
    return (name,)


# Where the parts of an item after a leading kind word meet: a comma or a spaced dash.
_PART_BREAK = re.compile(r",\s|\s[–—-]\s")


def read_lead_parties(
    text: str,
    rules: AgendaRules,
    *,
    start: int,
    end: int,
    removed: list[Span],
    kind: str,
) -> tuple[str, ...]:
    """ "Företagsutvecklingsbidrag – Nordlyset Turism AB, …": after a leading kind word, the
    parts of ``text[start:end]`` that name who the decision concerns; each joins ``removed``.

    A part ends at a comma or a spaced dash, and at the word that ties the kind to its subject
    ("Bidrag – Föreningen Gläntan för sommarläger"); it is a party if a configured party name
    (agenda.party_names) matches all of it.
    """
    for number_start, _ in removed:
        if start <= number_start < end:
            end = number_start
    clause_ends = rules.party_clause_end_by_kind.get(kind, rules.party_clause_end)
    parties: list[str] = []
    position = start
    while position < end:
        found = _PART_BREAK.search(text, position, end)
        part_end = found.start() if found is not None else end
        cut = clause_ends.search(text, position, part_end)
        name_end = cut.start() if cut is not None else part_end
        name = text[position:name_end].strip(SUBJECT_EDGES)
        if name and rules.party_name.fullmatch(name):
            parties.append(name)
            removed.append((position, name_end))
        position = found.end() if found is not None else end
    return tuple(parties)


def _parties_last(
    text: str,
    lowered: str | None,
    rules: AgendaRules,
    clause_ends: re.Pattern[str],
    start: int,
    end: int,
    removed: list[Span],
    *,
    named: bool = False,
) -> tuple[str, ...]:
    """ "beslutat om X mellan A, B och C, 24RS1": the parties of a bare verb come last.

    The last intro word counts if its clause runs on to the numbers and names someone: "med"
    before a capital ("med Region Skåne", not "med förbehåll"), "mellan" before two names. Only
    the last is tried, so that a line of a thousand "med" is still read in linear time. Where
    ``named``, each name must be a party's name (agenda.party_names) as a whole.
    """
    intros = rules.party_last_gate.matches(rules.party_last, text, lowered, start, end)
    found = deque(intros, maxlen=1)
    if not found:
        return ()
    last = found[0]
    if text.rfind("(", start, last.start()) > text.rfind(")", start, last.start()):
        # "(begäran om e-post mellan förvaltningen och …)": what the subject says, inside it.
        return ()
    names_start = last.end()
    clause_end = _clause_end(text, rules, clause_ends, names_start, end, removed)
    if text[clause_end:end].strip(SUBJECT_EDGES):
        return ()
    clause = text[names_start:clause_end].strip(SUBJECT_EDGES)
    intro = last.group("intro").casefold()
    joiner = rules.party_joiner.search(clause)
    joined = joiner is not None
    if intro in rules.party_pair_intros:
        # "mellan Vallby kommun och Norrby kommun", not "mellan förvaltningen och en
        # entreprenör": names, each with its capital.
        names_someone = joiner is not None and all(
            _is_name(name) for name in (clause[: joiner.start()], clause[joiner.end() :])
        )
    elif intro in rules.party_list_intros:
        # "till förmån för A och B": one name or several, a capital or a list says so.
        names_someone = joined or clause[:1].isupper()
    else:
        names_someone = clause[:1].isupper()
    if not names_someone:
        return ()
    if named:
        taken: list[Span] = []
        names = _take(text, rules, last, names_start, clause_end, taken)
        if not names or not all(rules.party_name.fullmatch(name) for name in names):
            return ()
        removed.extend(taken)
        return names
    return _take(text, rules, last, names_start, clause_end, removed)


def _is_name(written: str) -> bool:
    """Whether a party clause's part is a name: a word of it has a capital or a digit
    ("regionerna i Sverige" is one), and it is no one not named ("en entreprenör", "ett bolag");
    "förvaltningen" is none."""
    words = written.split()
    return (
        bool(words)
        and words[0].lower() not in _NOT_NAMED
        and any(word[0].isupper() or word[0].isdigit() for word in words)
    )


# The first words of someone not named: "en entreprenör", "ett bolag".
_NOT_NAMED = frozenset({"en", "ett", "någon", "något"})


def _take(
    text: str,
    rules: AgendaRules,
    intro: re.Match[str],
    names_start: int,
    clause_end: int,
    removed: list[Span],
) -> tuple[str, ...]:
    # The comma that closes the clause goes with it: "med A, om B" leaves "om B".
    removed_end = clause_end + (text[clause_end : clause_end + 1] == ",")
    removed.append((intro.start("intro"), removed_end))
    clause = text[names_start:clause_end].strip(SUBJECT_EDGES)
    if intro.group("intro").casefold() in rules.party_pair_intros | rules.party_list_intros:
        joiner = rules.party_joiner.search(clause)
        if joiner is not None:
            # "A, B och C": the report joins the last name with "och", the others with commas.
            names = [*clause[: joiner.start()].split(", "), clause[joiner.end() :]]
            return tuple(name.strip(SUBJECT_EDGES) for name in names if name.strip())
    return (clause,) if clause else ()


def _clause_end(
    text: str,
    rules: AgendaRules,
    clause_ends: re.Pattern[str],
    start: int,
    end: int,
    removed: list[Span],
) -> int:
    for number_start, _ in removed:
        if start <= number_start < end:
            end = number_start
    found = clause_ends.search(text, start, end)
    if found is None:
        found = rules.party_clause_break.search(text, start, end)
    return found.start() if found is not None else end


def read_subject(
    text: str, rules: AgendaRules, *, cut: int, body_start: int, removed: list[Span]
) -> str:
    """What was decided: ``text`` from ``cut`` (after the kind phrase) without ``removed``."""
    subject = subject_words(cut_out(text, cut, removed), rules)
    if subject:
        return subject
    # "Avtal med X, RS 2024/3": all of it was kind and party; keep the sentence's words.
    words = tidy(cut_out(text, body_start, removed))
    for said in _DECIDED_ABOUT:
        if words[: len(said)].lower() == said:
            # "… har fattat beslut om yttrande": as "… har beslutat om yttrande" reads.
            return f"beslutat om {words[len(said) :]}"
    return words or as_wording(text)[:-1]


# The words of a sentence all kind that say "beslutat om" in two ("fattat beslut om yttrande").
_DECIDED_ABOUT = ("fattat beslut om ", "fattade beslut om ")


def subject_words(cut: str, rules: AgendaRules) -> str:
    """``cut`` (what is left of an item once its numbers and parts are cut out) without its
    leading connector ("för", "om"), tidied.

    A function of ``cut`` and the configured connectors alone, and the same few subjects come
    back item after item once the numbers are out: each distinct one is worked out once
    (``remembered_subject``), but for a long one, which hardly comes back.
    """
    if len(cut) > _SUBJECT_LONGEST_KEPT:
        return subject_from(cut, rules.subject_connector)
    return remembered_subject(cut, rules.subject_connector)


def subject_from(cut: str, connector: re.Pattern[str]) -> str:
    """``cut`` without the connector it starts with, tidied."""
    found = connector.match(cut)
    return tidy(cut[found.end() :] if found else cut)


# The memory of subjects: bounded, for a process that reads for long. A compiled pattern
# compares by its text and flags, so the subjects of two configurations never mix.
remembered_subject = functools.lru_cache(maxsize=_SUBJECTS_KEPT)(subject_from)


def as_wording(text: str) -> str:
    """The board's sentence: the item's text ending with a full stop."""
    value = text.rstrip(_WORDING_TAIL)
    return value if value.endswith((".", "!", "?")) else value + "."


def cut_out(text: str, start: int, removed: list[Span]) -> str:
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


# Two full stops where a labelled party was taken out between them, not an ellipsis ("...").
_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def tidy(text: str) -> str:
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
    if _DOUBLED_STOP.search(value) is not None:
        # "Avtal om städ. Motpart: Vallby Städ AB. Avtalet …": the labelled party taken out
        # between its two full stops.
        value = _DOUBLED_STOP.sub(".", value)
    if ",." in value:
        # "…, KS 2024/11. Avtalet gäller …": the comma before the number taken out with it.
        value = value.replace(",.", ".")
    while "– –" in value:
        # What stood between two fields' dashes was taken out ("… boenden – – Delegat: …").
        value = value.replace("– –", "–")
    if "  " in value:
        value = " ".join(value.split())
    return value.strip(SUBJECT_EDGES)
