"""One diary number listed twice in one export (delreg.parse.duplicates)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.model import Decision
from delreg.parse import Rejected
from delreg.parse.duplicates import SeenDiaryNumbers


def decision(number: str, subject: str = "x", kind: str = "beslut") -> Decision:
    return Decision(number, kind, subject, source="export.csv:2")


def test_a_diary_number_listed_twice_with_other_values_is_caught() -> None:
    seen = SeenDiaryNumbers("line")
    first = decision("23RS1")
    assert seen.conflict(first, 3) is None
    # The same decision again, read from another line: the register upserts.
    assert seen.conflict(replace(first, source="export.csv:5"), 5) is None
    assert seen.conflict(decision("23RS1", "y"), 9) == (
        "diary_number: 23RS1 is listed twice with different values (line 3 and line 9)"
    )
    rejected = seen.check(decision("23RS1", "y"), 9, "export.csv:9")
    assert rejected == Rejected(
        "export.csv:9",
        "diary_number: 23RS1 is listed twice with different values (line 3 and line 9)",
    )
    already = Rejected("export.csv:10", "subject: missing")
    assert seen.check(already, 10, "export.csv:10") is already


def test_seen_diary_numbers_grow_past_their_first_size() -> None:
    seen = SeenDiaryNumbers("row")
    decisions = [decision(f"24RS{n}") for n in range(1, 5001)]
    assert all(seen.conflict(d, n) is None for n, d in enumerate(decisions, 1))
    assert seen.conflict(decision("24RS17", "changed"), 6000) == (
        "diary_number: 24RS17 is listed twice with different values (row 17 and row 6000)"
    )
    assert seen.conflict(decision("24RS5000", kind="avtal"), 6001) == (
        "diary_number: 24RS5000 is listed twice with different values (row 5000 and row 6001)"
    )


rows = st.lists(
    st.tuples(
        st.integers(0, 60), st.sampled_from(["a", "b"]), st.sampled_from(["beslut", "avtal"])
    ),
    max_size=300,
)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_the_table_answers_as_a_dict_of_every_number_would(
    listed: list[tuple[int, str, str]],
) -> None:
    seen = SeenDiaryNumbers("line")
    first: dict[str, tuple[Decision, int]] = {}
    for line, (number, subject, kind) in enumerate(listed, start=2):
        read = decision(f"RS 2024/{number}", subject, kind)
        expected = None
        if read.diary_number not in first:
            first[read.diary_number] = (read, line)
        elif first[read.diary_number][0] != read:
            expected = (
                f"diary_number: {read.diary_number} is listed twice with different values "
                f"(line {first[read.diary_number][1]} and line {line})"
            )
        assert seen.conflict(read, line) == expected
