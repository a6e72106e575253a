"""`delreg audit`: the sample is reproducible by seed whatever the row order, the statistics are
those computed by hand for a small invented register, the anomalies are found, and the HTML,
Word and JSON files say what they should and escape what they hold."""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from delreg.audit.anomalies import DirectAwardRules, direct_awards_over_threshold
from delreg.audit.pack import build_pack
from delreg.audit.sample import draw_sample
from delreg.cli import whole_app
from delreg.config import load_config
from delreg.model import Decision, Meeting
from delreg.store import OpenMode, Store
from tests.helpers import DATA, Invoke

AS_OF = date(2024, 6, 30)
HSD = "Hälso- och sjukvårdsdirektören"
CHEF = "Upphandlingschefen"
# (dnr, delegate, kind, decided, reported at): days to report and lateness by hand below.
DECISIONS = [
    ("24RS1", HSD, "avtal", "2024-01-10", "2024-02-15"),  # 36 days
    ("24RS2", HSD, "avtal", "2024-01-02", "2024-02-15"),  # 44 days
    ("24RS3", CHEF, "tilldelningsbeslut", "2024-02-01", "2024-04-18"),  # 77 days: late
    ("24RS4", CHEF, "tilldelningsbeslut", "2024-03-01", "2024-04-18"),  # 48 days: late
    ("24RS5", HSD, "avtal", "2024-03-20", None),  # unreported, 102 days at AS_OF: late
    ("24RS6", HSD, "avtal", "2024-06-20", None),  # unreported, 10 days: not late yet
    ("23RS9", HSD, "avtal", "2023-12-01", "2024-02-15"),  # another year
]


def small_register(path: Path) -> None:
    with Store.open(path, mode=OpenMode.CREATE) as store:
        for day in ("2024-02-15", "2024-04-18"):
            store.add_meeting(Meeting(day))
        for number, delegate, kind, decided, _ in DECISIONS:
            store.add(Decision(number, kind, f"beslut {number}", delegate=delegate,
                               decided_on=decided))  # fmt: skip
        for day in ("2024-02-15", "2024-04-18"):
            numbers = [number for number, *_, meeting in DECISIONS if meeting == day]
            store.mark_reported(numbers, store.meeting(day))


def test_statistics_are_those_computed_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "liten.db"
    small_register(path)
    with Store.open(path, mode=OpenMode.CREATE) as store:
        pack = build_pack(store, load_config(), year=2024, size=3, seed=1, as_of=AS_OF)
    statistics = pack.to_json()["statistics"]
    assert statistics["total"] == {
        "group": "2024", "decisions": 6, "reported": 4, "median_days": 46.0,
        "max_days": 77, "late": 3, "late_share": 0.5,
    }  # fmt: skip
    delegates = {row["group"]: row for row in statistics["per_delegate"]}
    assert delegates[HSD] == {
        "group": HSD, "decisions": 4, "reported": 2, "median_days": 40.0, "max_days": 44,
        "late": 1, "late_share": 0.25,
    }  # fmt: skip
    assert delegates[CHEF] == {
        "group": CHEF, "decisions": 2, "reported": 2, "median_days": 62.5, "max_days": 77,
        "late": 2, "late_share": 1.0,
    }  # fmt: skip
    months = {row["group"]: (row["decisions"], row["median_days"], row["late"])
              for row in statistics["per_month"]}  # fmt: skip
    assert months == {
        "2024-01": (2, 40.0, 0),
        "2024-02": (1, 77.0, 1),
        "2024-03": (2, 48.0, 2),
        "2024-06": (1, None, 0),
    }
    kinds = {row["group"]: row["decisions"] for row in statistics["per_kind"]}
    assert kinds == {"avtal": 4, "tilldelningsbeslut": 2}


def register_in_order(path: Path, numbers: list[str]) -> None:
    with Store.open(path, mode=OpenMode.CREATE) as store:
        for number in numbers:
            store.add(Decision(number, "avtal", f"avtal {number}", decided_on="2024-05-05"))


def sample_of(path: Path, seed: int, size: int = 7) -> list[str]:
    with Store.open(path, mode=OpenMode.CREATE) as store:
        pack = build_pack(store, load_config(), year=2024, size=size, seed=seed, as_of=AS_OF)
    return [item.decision.diary_number for item in pack.sample]


def test_the_sample_is_reproducible_by_seed_whatever_the_row_order(tmp_path: Path) -> None:
    numbers = [f"24RS{serial}" for serial in range(100, 140)]
    shuffled = numbers[:]
    random.Random(3).shuffle(shuffled)
    register_in_order(tmp_path / "a.db", numbers)
    register_in_order(tmp_path / "b.db", shuffled)  # the same decisions under other ids
    first = sample_of(tmp_path / "a.db", seed=2024)
    assert first == sample_of(tmp_path / "b.db", seed=2024)
    assert first == sample_of(tmp_path / "a.db", seed=2024)
    assert len(first) == 7 and len(set(first)) == 7 and first == sorted(first)
    # The documented recipe draws it again, without delreg.
    assert first == sorted(random.Random(2024).sample(sorted(numbers), 7))
    assert first != sample_of(tmp_path / "a.db", seed=2025)
    assert len(sample_of(tmp_path / "a.db", seed=1, size=100)) == 40


def award(number: str, supplier: str, day: str, amount: int, subject: str) -> Decision:
    return Decision(number, "avtal", subject, parties=(supplier,), decided_on=day, amount=amount)


def test_direct_awards_to_one_supplier_over_the_years_threshold() -> None:
    rules = DirectAwardRules.from_config(load_config())
    found = direct_awards_over_threshold(
        [
            award("24RS1", "Kaffekompaniet AB", "2024-03-01", 400_000, "Direktupphandling kaffe"),
            award("24RS2", "kaffekompaniet  ab", "2024-09-01", 350_000, "direktupphandlat te"),
            # Two to one supplier under the threshold together; one alone above it.
            award("24RS3", "Pennor AB", "2024-02-01", 300_000, "Direktupphandling pennor"),
            award("24RS4", "Pennor AB", "2024-03-01", 300_000, "Direktupphandling papper"),
            award("24RS5", "Stora AB", "2024-03-01", 800_000, "Direktupphandling bord"),
            # Not a direct award: a procured contract to the same supplier.
            award("24RS6", "Pennor AB", "2024-04-01", 900_000, "Upphandlat ramavtal"),
            # January 2022: the threshold was still 615 312 kr.
            award("22RS1", "Städ AB", "2022-01-10", 320_000, "Direktupphandling städ"),
            award("22RS2", "Städ AB", "2022-01-20", 320_000, "Direktupphandling städ"),
        ],
        rules,
    )
    assert [(a.supplier, a.year, a.total, a.threshold) for a in found] == [
        ("Kaffekompaniet AB", 2024, 750_000, 700_000),
        ("Städ AB", 2022, 640_000, 615_312),
    ]
    assert [d.diary_number for d in found[0].decisions] == ["24RS1", "24RS2"]
    assert found[1].threshold_from == "2020-01-01"


@pytest.fixture(scope="module")
def pack_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One pack, made once for the tests that read it (drawing charts takes seconds)."""
    folder = tmp_path_factory.mktemp("pack")
    runner = CliRunner()

    def delreg(*args: str) -> Result:
        return runner.invoke(whole_app(), list(args), catch_exceptions=False)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DELREG_DB", str(folder / "register.db"))
        patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        patch.delenv("DELREG_CONFIG", raising=False)
        delreg("meetings", "add", "2024-02-15")
        assert delreg("delegation", "load", str(DATA / "delegationsordning.toml")).exit_code == 0
        rows = [
            ("24RS1", "Hälso- och sjukvårdsdirektören", "Avtal om <script>alert(1)</script>", ""),
            ("24RS2", "Vaktmästaren", "Avtal om nycklar & lås", ""),
            ("24RS3", "Upphandlingschef", "Direktupphandling av kaffe", "400000"),
            ("24RS4", "Upphandlingschef", "Direktupphandling av te", "350000"),
        ]
        for number, delegate, subject, amount in rows:
            added = delreg(
                "add", "--kind", "avtal", "--diary-number", number, "--subject", subject,
                "--delegate", delegate, "--decided-on", "2024-01-20", "--party", "Dryck AB",
                *(["--amount", amount] if amount else []),
            )  # fmt: skip
            assert added.exit_code == 0, added.stderr
        made = delreg("audit", "--year", "2024", "--sample", "10", "--seed", "11",
                      "--as-of", "2024-03-01", "-o", str(folder / "revision"))  # fmt: skip
    assert made.exit_code == 0, made.stderr
    assert "--seed 11" in made.stderr
    yield folder / "revision"


def test_the_pack_holds_html_word_json_and_charts(pack_folder: Path) -> None:
    names = sorted(path.name for path in pack_folder.iterdir())
    assert names == [
        "beslut-per-delegat.png", "beslut-per-manad.png", "dagar-till-anmalan.png",
        "revisionsunderlag-2024.docx", "revisionsunderlag-2024.html",
        "revisionsunderlag-2024.json",
    ]  # fmt: skip
    for chart in ("beslut-per-delegat.png", "beslut-per-manad.png", "dagar-till-anmalan.png"):
        assert (pack_folder / chart).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    found = json.loads((pack_folder / "revisionsunderlag-2024.json").read_text())
    assert found["internal"] is True and found["sample"]["seed"] == 11
    assert len(found["sample"]["decisions"]) == 4  # all there are
    anomalies = found["anomalies"]
    assert [a["supplier"] for a in anomalies["direct_awards_over_threshold"]] == ["Dryck AB"]
    assert anomalies["direct_awards_over_threshold"][0]["total"] == 750_000
    # "Upphandlingschef" is a substitute in the order; "Vaktmästaren" is named nowhere.
    assert [d["diary_number"] for d in anomalies["delegates_not_in_order"]] == ["24RS2"]
    history = found["sample"]["decisions"][0]["history"]
    assert history[0]["action"] == "insert"


def test_the_html_is_swedish_internal_self_contained_and_escaped(pack_folder: Path) -> None:
    html = (pack_folder / "revisionsunderlag-2024.html").read_text()
    assert '<html lang="sv">' in html
    assert "INTERN HANDLING" in html.split("<h1>")[0]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "nycklar &amp; lås" in html
    # The charts are inside the page; it links to nothing.
    assert html.count('src="data:image/png;base64,') == 3
    assert "http://" not in html and "https://" not in html


def test_the_word_file_is_marked_internal_on_every_page(pack_folder: Path) -> None:
    import docx

    data = (pack_folder / "revisionsunderlag-2024.docx").read_bytes()
    document = docx.Document(io.BytesIO(data))
    assert document.sections[0].header.paragraphs[0].text.startswith("INTERN HANDLING")
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Revisionsunderlag: delegationsbeslut 2024" in text
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Avtal om <script>alert(1)</script>" in cells
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) > 5
    assert len(document.inline_shapes) == 3


@pytest.mark.usefixtures("empty_register")
def test_a_year_with_no_decisions_and_a_bad_year(delreg: Invoke, tmp_path: Path) -> None:
    empty = delreg("audit", "--year", "2019", "-o", str(tmp_path / "tom"), "--seed", "1")
    assert empty.exit_code == 0, empty.stderr
    found = json.loads((tmp_path / "tom" / "revisionsunderlag-2019.json").read_text())
    assert found["sample"]["decisions"] == [] and found["statistics"]["total"]["decisions"] == 0
    bad = delreg("audit", "--year", "24", "-o", str(tmp_path / "x"))
    assert bad.exit_code == 2 and bad.stderr.startswith("delreg: error: ")


@settings(max_examples=60, deadline=None)
@given(
    serials=st.sets(st.integers(min_value=1, max_value=99_999), min_size=1, max_size=40),
    seed=st.integers(min_value=0, max_value=2**32),
    size=st.integers(min_value=0, max_value=45),
    order=st.randoms(use_true_random=False),
)
def test_the_sample_depends_on_the_seed_and_the_decisions_only(
    serials: set[int], seed: int, size: int, order: random.Random
) -> None:
    decisions = [Decision(f"24RS{serial}", "avtal", "ett avtal") for serial in serials]
    shuffled = decisions[:]
    order.shuffle(shuffled)
    drawn = draw_sample(decisions, size, seed)
    assert drawn == draw_sample(shuffled, size, seed)
    assert len(drawn) == min(size, len(decisions)) and len(set(drawn)) == len(drawn)
    assert [d.diary_number for d in drawn] == sorted(d.diary_number for d in drawn)
