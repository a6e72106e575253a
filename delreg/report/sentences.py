"""A decision as the board writes it in its list: one sentence. Pure.

A decision imported from an agenda keeps the board's own sentence (its ``wording``), cleaned of
line breaks and a known typo. Any other decision gets a sentence composed from its kind's phrase
in the configuration, its delegate, parties, subject and numbers, in the shape the agenda parser
reads back:

    <Delegate> har <phrase core> [mellan A och B | med A] <word> <subject> [<procurement>], <dnr>.

When neither the decision nor the configuration (``[register] delegate``) names the delegate,
the sentence names no one rather than an invented "Delegaten": the phrase turns passive,
"Tilldelningsbeslut har fattats för …", "Avtal har tecknats mellan A och B om …".

An award is not made *with* its supplier, as a contract is signed with one: its parties follow
the subject as the ones it favours ("till förmån för A", per kind in ``[report.party_words]``).

The *phrase core* is the kind's phrase without a trailing preposition ("fattat
tilldelningsbeslut" of "fattat tilldelningsbeslut för"); *word* is that preposition, or the
kind's subject word (``[report.subject_words]`` in the configuration) when the phrase has none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from delreg.config import FALLBACK_KIND, Config
from delreg.model import Decision

# Words that tie a kind's phrase to its subject. A phrase ending in one of them ("beslutat om")
# takes the subject straight after; the parties are put before the word, where Swedish has them.
PREPOSITIONS = frozenset({"för", "om", "av", "över", "avseende", "angående", "gällande", "rörande"})

# Subject words for the built-in kinds whose phrase ends without one, as the Örebro board writes
# them: "tecknat avtal … om", "tecknat personuppgiftsbiträdesavtal … avseende".
DEFAULT_SUBJECT_WORDS = {"avtal": "om", "pub-avtal": "avseende", "initiering": "för"}
FALLBACK_SUBJECT_WORD = "avseende"

# Slips found in published lists that a report must not repeat (the seed's "har beslutar").
CORRECTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bhar beslutar\b"), "har beslutat"),
)

_TRAILING_PUNCTUATION = " .,;:"


def decision_sentence(decision: Decision, config: Config, *, public: bool = False) -> str:
    """The sentence for ``decision`` in the board's list; ``public`` hides what is secret."""
    if public and decision.secret:
        return secret_sentence(decision, config)
    return sentence_of(*_made_of(decision), decision.wording, config)


def sentence_of(
    kind: str,
    subject: str,
    procurement_number: str | None,
    parties: tuple[str, ...],
    delegate: str | None,
    diary_number: str,
    wording: str | None,
    config: Config,
) -> str:
    """The sentence of a decision that is not hidden, from the fields it is made of (the JSON
    report reads them from the register's rows without making a Decision of each)."""
    if wording and wording.strip():
        return board_wording(wording)
    # Composed here, not in a function of its own: a month's report phrases thousands.
    who, word, party_word, party_first = _frame(kind, delegate, config)
    subject = _clean(subject)
    if procurement_number and procurement_number not in subject:
        subject = f"{subject} {procurement_number}" if subject else procurement_number
    clause = party_clause(parties, party_word) if parties else ""
    # Written out rather than joined from a list of parts.
    if not subject:
        return f"{who} {clause}, {diary_number}." if clause else f"{who}, {diary_number}."
    if not clause:
        return f"{who} {word} {subject}, {diary_number}."
    if party_first:
        return f"{who} {clause} {word} {subject}, {diary_number}."
    return f"{who} {word} {subject} {clause}, {diary_number}."


def board_wording(wording: str) -> str:
    """The board's own sentence, on one line, corrected, ending with a full stop."""
    text = " ".join(wording.split())
    for pattern, replacement in CORRECTIONS:
        text = pattern.sub(replacement, text)
    return text if text.endswith(".") else text + "."


def composed_sentence(decision: Decision, config: Config) -> str:
    """The sentence composed of the decision's fields, whatever its wording."""
    return sentence_of(*_made_of(decision), None, config)


def _made_of(decision: Decision) -> tuple[str, str, str | None, tuple[str, ...], str | None, str]:
    """What a composed sentence is made of, in the order sentence_of takes it."""
    return (
        decision.kind,
        decision.subject,
        decision.procurement_number,
        decision.parties,
        decision.delegate,
        decision.diary_number,
    )


# Memoised: a month's report phrases thousands of decisions of a handful of kinds and delegates.
@lru_cache(maxsize=1024)
def _frame(kind: str, delegate: str | None, config: Config) -> tuple[str, str, str | None, bool]:
    """Who did it ("Ekonomidirektören har tecknat avtal"), the word before the subject, the one
    before the parties, and whether the parties come before the subject."""
    core, word = _phrase_parts(kind, config)
    party_word = _party_word(kind, config)
    # "tecknat avtal mellan A och B om X", but "beslutat om X med A": a bare verb takes no
    # counterparty before its object, and an award is made in favour of its supplier, after
    # what it is about.
    party_first = " " in core and party_word is None
    return _who_did(delegate, config, core), word, party_word, party_first


def secret_sentence(decision: Decision, config: Config) -> str:
    """The public sentence of a secret decision: who, what kind, which case; nothing more."""
    core, _ = _phrase_parts(decision.kind, config)
    return _finish(
        f"{_who_did(decision.delegate, config, core)} ({config.secret_text})",
        decision.diary_number,
    )


# Memoised: the same suppliers recur through a month's report.
@lru_cache(maxsize=4096)
def party_clause(parties: tuple[str, ...], word: str | None = None) -> str:
    """ "med A" for one counterparty, "mellan A och B" (or "A, B och C") for several; with a
    ``word`` ("till förmån för"), that word before "A" or "A och B"."""
    names = [name for name in map(_clean, parties) if name]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
    if word:
        return f"{word} {listed}"
    return f"med {listed}" if len(names) == 1 else f"mellan {listed}"


def passive(core: str) -> str:
    """The phrase with no one doing it: "fattat tilldelningsbeslut" → "Tilldelningsbeslut har
    fattats", "beslutat om initiering av upphandling" → "Beslut har fattats om initiering …"."""
    words = core.split()
    if not words or words[0] == "beslutat" or len(words) == 1:
        rest = words[1:] if words and words[0] == "beslutat" else []
        return " ".join(["Beslut har fattats", *rest])
    verb, thing, rest = words[0], words[1], words[2:]
    return " ".join([thing[:1].upper() + thing[1:], "har", verb + "s", *rest])


# Memoised as the phrase: a month's decisions are taken by a handful of delegates.
@lru_cache(maxsize=1024)
def _who_did(delegate: str | None, config: Config, core: str) -> str:
    name = _delegate_name(delegate or "", config.default_delegate)
    return f"{name} har {core}" if name else passive(core)


@lru_cache(maxsize=256)
def _party_word(kind: str, config: Config) -> str | None:
    # [report.party_words] (delreg/defaults/core.toml): "tilldelningsbeslut = 'till förmån för'".
    word = config.section("report").get("party_words", {}).get(kind)
    return str(word) if word else None


# Memoised: a month's report phrases thousands of decisions of a handful of kinds and delegates.
@lru_cache(maxsize=256)
def _phrase_parts(kind: str, config: Config) -> tuple[str, str]:
    spec = config.kinds.get(kind) or config.kinds[FALLBACK_KIND]
    words = spec.phrase.split()
    if len(words) > 1 and words[-1] in PREPOSITIONS:
        return " ".join(words[:-1]), words[-1]
    configured = config.section("report").get("subject_words", {})
    word = configured.get(kind) or DEFAULT_SUBJECT_WORDS.get(kind, FALLBACK_SUBJECT_WORD)
    return " ".join(words), str(word)


@lru_cache(maxsize=256)
def _delegate_name(delegate: str, default: str) -> str:
    name = _clean(delegate) or default
    return name[:1].upper() + name[1:]


def _clean(text: str) -> str:
    # A printable text has no white space but the plain space; without two in a row, folding
    # its white space changes nothing stripping does not (most subjects and names).
    if text.isprintable() and "  " not in text:
        return text.strip(_TRAILING_PUNCTUATION)
    return " ".join(text.split()).strip(_TRAILING_PUNCTUATION)


def _finish(text: str, diary_number: str) -> str:
    return f"{text}, {diary_number}."
