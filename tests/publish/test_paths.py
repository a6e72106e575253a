"""The bundle's file names and the calendar's line folding, for any input."""

from __future__ import annotations

import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.ical import escape_text as escape
from delreg.ical import fold
from delreg.publish.paths import name_slug, number_slug

NUMBERS = st.text(alphabet=st.sampled_from("0123456789RSKTMÅÄÖ /-.:_~+aé"), min_size=1, max_size=20)


@settings(max_examples=200, deadline=None)
@given(first=NUMBERS, second=NUMBERS)
def test_each_number_has_its_own_safe_file_name(first: str, second: str) -> None:
    slug = number_slug(first)
    assert re.fullmatch(r"[A-Za-z0-9._+~-]+", slug), slug
    # A page is f"{slug}.html": one file in its folder, whatever the number.
    assert "/" not in slug and f"{slug}.html" not in (os.curdir, os.pardir)
    assert (number_slug(first) == number_slug(second)) == (first == second)


def test_file_names_read_as_the_numbers_they_name() -> None:
    assert number_slug("23RS710") == "23RS710"
    assert number_slug("RS 2022/1275") == "RS_2022+1275"
    assert number_slug("MT 2023-0053a") == "MT_2023-0053a"
    assert name_slug("Hälso- och sjukvårdsnämnden") == "halso-och-sjukvardsnamnden"


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=0, max_size=300))
def test_calendar_lines_fold_at_75_octets_and_unfold_to_the_same_text(text: str) -> None:
    line = "DESCRIPTION:" + escape(text)
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line
    assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", line)
