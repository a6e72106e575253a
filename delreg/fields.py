"""Normalising one field of a decision from what a person typed. Pure.

The command line (add, edit) and the importers share these rules, so a value means the same
whether it came from an option, a CSV cell or an Excel sheet.
"""

from __future__ import annotations

import re
from typing import Any

from delreg.config import Config
from delreg.dates import optional_date
from delreg.errors import InvalidValue
from delreg.model import (
    classify_kind,
    normalise_diary_number,
    normalise_procurement_number,
    require_kind,
    split_parties,
)

NOTIFIED_BY = ("electronic", "post")
CONTRACT_DATE_FIELDS = ("valid_from", "valid_to", "extension_until", "notice_by")
DATE_FIELDS = ("decided_on", "notified_on", "meeting", *CONTRACT_DATE_FIELDS)
_TRUE = {"1", "true", "yes", "ja", "j", "y", "x", "sekretess", "sant"}
_FALSE = {"", "0", "false", "no", "nej", "n", "falskt"}
# "1 250 000", "1250000 kr", "1 250 000,00 SEK": whole kronor with optional zero öre.
_AMOUNT = re.compile(
    r"(\d{1,3}(?:[ \u00a0.]?\d{3})*|\d+)(?:[,.]00?)?\s*(?:kr|kronor|sek|:-)?", re.I
)


def parse_bool(text: str) -> bool:
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidValue(f"{text!r} is not yes or no", hint="write true/false, ja/nej or 1/0")


def parse_amount(text: str) -> int | None:
    """Whole kronor from the ways Swedish documents write amounts; never a float."""
    value = text.strip()
    if not value:
        return None
    found = _AMOUNT.fullmatch(value)
    if not found:
        raise InvalidValue(
            f"{text!r} is not an amount in whole kronor", hint="write it as 1250000 or 1 250 000 kr"
        )
    return int(re.sub(r"[^\d]", "", found.group(1)))


def text_or_none(value: str | None) -> str | None:
    if value is None:
        return None
    folded = " ".join(value.split())
    return folded or None


def normalise_field(
    name: str,
    value: Any,
    config: Config,
    *,
    strict_kind: bool = True,
    default_year: int | None = None,
) -> Any:
    """The stored form of field ``name``; raises InvalidValue naming the field."""
    try:
        return _normalise(name, value, config, strict_kind, default_year)
    except InvalidValue as error:
        raise InvalidValue(f"{name}: {error.message}", hint=error.hint) from None


def _normalise(
    name: str, value: Any, config: Config, strict_kind: bool, default_year: int | None
) -> Any:
    if name == "parties":
        return split_parties(value)
    if isinstance(value, bool | int) and name in ("secret", "amount", "standstill_days", "item"):
        return value
    text = "" if value is None else str(value)
    if name == "diary_number":
        return normalise_diary_number(text, config)
    if name == "procurement_number":
        return normalise_procurement_number(text, config) if text.strip() else None
    if name == "kind":
        return require_kind(text, config) if strict_kind else classify_kind(text, config)
    if name in DATE_FIELDS:
        return optional_date(text, default_year=default_year)
    if name == "contract_period":
        return contract_period(text)
    if name == "secret":
        return parse_bool(text)
    if name == "amount":
        return parse_amount(text)
    if name in ("standstill_days", "item"):
        return _whole_number(text, minimum=1)
    if name == "notified_by":
        return _notified_by(text)
    return text_or_none(text)


# "2024-01-01 – 2025-12-31", "2024-01-01--2025-12-31", "1 januari 2024 till 31 december 2025":
# two dates with a dash (hyphen, en or em dash) or a word between them.
_PERIOD = re.compile(
    r"(?P<start>.*?)\s*"
    r"(?:\s[-\u2013\u2014]\s|[\u2013\u2014]|--|\s(?:till|tom|t\.o\.m\.?)\s)"
    r"\s*(?P<end>.*)",
    re.IGNORECASE,
)
_ISO_PAIR = re.compile(r"(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})")


def contract_period(text: str) -> tuple[str | None, str | None] | None:
    """A contract period (avtalsperiod) as (valid_from, valid_to); either end may be open."""
    value = " ".join(text.split())
    if not value:
        return None
    found = _ISO_PAIR.fullmatch(value) or _PERIOD.fullmatch(value)
    if not found:
        raise InvalidValue(
            f"{text!r} is not a period",
            hint="write it as 2024-01-01 – 2025-12-31 (either end may be left empty)",
        )
    start, end = (part.strip() for part in found.groups())
    valid_from, valid_to = optional_date(start), optional_date(end)
    if valid_from and valid_to and valid_to < valid_from:
        raise InvalidValue(f"{text!r} ends before it starts", hint="check the order of the dates")
    return valid_from, valid_to


def _whole_number(text: str, *, minimum: int) -> int | None:
    if not text.strip():
        return None
    # Only ASCII digits: str.isdigit() also accepts "²", which int() then refuses.
    if not re.fullmatch(r"[0-9]+", text.strip()) or int(text) < minimum:
        raise InvalidValue(f"{text!r} is not a whole number of at least {minimum}")
    return int(text)


def _notified_by(text: str) -> str | None:
    value = text.strip().casefold()
    if not value:
        return None
    aliases = {"e-post": "electronic", "elektroniskt": "electronic", "brev": "post"}
    value = aliases.get(value, value)
    if value not in NOTIFIED_BY:
        raise InvalidValue(f"{text!r} is not a way of notifying", hint="use electronic or post")
    return value
