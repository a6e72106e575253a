"""`delreg report --group-by delegate`: a meeting's list and a period's decisions by who took
them, in every format, with the default list left as it was."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.helpers import DATA, Invoke, as_json
from tests.helpers.reports import MEETING, build_example

HEAD = "Verksamhetschef Ortopedi"


@pytest.fixture
def example(delreg: Invoke) -> Invoke:
    """The report's example register, plus a decision by a head of department, to whom the
    director passed point 4.1 on, and one by the director in the indefinite form of the title."""
    build_example(delreg)
    for step in (
        ("delegation", "load", str(DATA / "delegationsordning.toml")),
        ("delegation", "pass", "4.1", "--to", HEAD, "--from", "2024-02-01"),
    ):
        assert delreg(*step).exit_code == 0, step
    for number, delegate, day in (
        ("24RS650", HEAD, "2024-02-05"),
        ("24RS655", "Hälso- och sjukvårdsdirektör", "2024-02-06"),
    ):
        added = delreg(
            "add", "--kind", "beslut", "--diary-number", number, "--subject", "öppettider",
            "--decided-on", day, "--delegate", delegate,
        )  # fmt: skip
        assert added.exit_code == 0, added.stderr
    return delreg


def report(delreg: Invoke, *args: str) -> str:
    result = delreg("report", "--meeting", MEETING, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_meeting_list_by_delegate_keeps_its_numbers(example: Invoke) -> None:
    plain = as_json(example("report", "--meeting", MEETING, "--format", "json"))
    numbers = {item["diary_number"]: item["item"] for item in plain["items"]}
    grouped = json.loads(report(example, "--group-by", "delegate", "--format", "json"))
    assert grouped["group_by"] == "delegate"
    director, head, nobody = grouped["delegates"]
    assert director == {
        "delegate": "Hälso- och sjukvårdsdirektören",
        "count": 6,
        "diary_numbers": ["23RS710", "23RS764", "24RS278", "24RS655", "24RS700", "24RS841"],
        "passed_on_by": [],
    }
    assert head == {
        "delegate": HEAD,
        "count": 1,
        "diary_numbers": ["24RS650"],
        "passed_on_by": ["Hälso- och sjukvårdsdirektör"],
    }
    assert nobody == {
        "delegate": None, "count": 1, "diary_numbers": ["24RS611"], "passed_on_by": [],
    }  # fmt: skip
    # The same items with the same numbers, in the groups' order.
    assert [item["diary_number"] for item in grouped["items"]] == [
        *director["diary_numbers"], *head["diary_numbers"], *nobody["diary_numbers"],
    ]  # fmt: skip
    assert {item["diary_number"]: item["item"] for item in grouped["items"]} == numbers
    # The default document has none of the grouping's keys.
    assert "group_by" not in plain and "delegates" not in plain


def test_every_format_has_the_groups(example: Invoke) -> None:
    numbers = {
        item["diary_number"]: item["item"]
        for item in as_json(example("report", "--meeting", MEETING, "--format", "json"))["items"]
    }
    text = report(example, "--group-by", "delegate")
    headings = [
        "Hälso- och sjukvårdsdirektören (6)",
        f"{HEAD} (1), vidaredelegering från Hälso- och sjukvårdsdirektör",
        "Delegat ej angiven (1)",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Anmälningsärenden" not in text.split("\n\n", 3)[-1].split("Meddelandeärenden")[0]
    head_section = text[positions[1] : positions[2]]
    assert f"{numbers['24RS650']}. " in head_section and "24RS650" in head_section
    for fmt, marker in (("md", "## "), ("html", "<h2")):
        shown = report(example, "--group-by", "delegate", "--format", fmt)
        for heading in headings:
            assert f"{marker}{heading}" in shown or heading in shown.split(marker, 1)[1], fmt
    assert "Meddelandeärenden" in text  # the notices follow the groups
    rows = list(csv.DictReader(io.StringIO(report(example, "--group-by", "delegate", "-f", "csv"))))
    assert [row["delegate"] for row in rows][-2:] == [HEAD, ""]
    word = example("report", "--meeting", MEETING, "--group-by", "delegate", "-f", "docx")
    assert word.exit_code == 0, word.stderr
    import docx

    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.stdout_bytes)).paragraphs]
    assert headings[1] in paragraphs and "Delegat ej angiven (1)" in paragraphs


def test_a_period_by_delegate(example: Invoke) -> None:
    result = example("report", "--month", "2024-02", "--group-by", "delegate", "-f", "json")
    assert result.exit_code == 0, result.stderr
    made = as_json(result)
    # By date: the head of department's of 2024-02-05 comes first; the director's two
    # spellings are one group, named as the first of them (2024-02-06) spells it.
    assert [(group["delegate"], group["diary_numbers"]) for group in made["delegates"]] == [
        (HEAD, ["24RS650"]),
        ("Hälso- och sjukvårdsdirektör", ["24RS655", "24RS700", "24RS900"]),
        (None, ["24RS611"]),
    ]
    assert made["kinds"]  # the summary by kind stays
    text = example("report", "--month", "2024-02", "--group-by", "delegate").stdout
    assert f"{HEAD} (1)" in text and "2024-02-05" in text


def test_group_by_takes_only_known_groupings(delreg: Invoke) -> None:
    result = delreg("report", "--meeting", MEETING, "--group-by", "kommun")
    assert result.exit_code == 2
    assert "delegate" in result.stderr
