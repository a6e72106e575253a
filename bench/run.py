"""The benchmark behind `make bench`: delreg against plain SQLite, at 10 000 to 1 000 000 rows.

Every figure is the median of several runs of a fresh process, with its baseline measured in the
same run, interleaved with delreg's runs so both see the same machine. It prints one table with
the issue's rows and targets (figures at the largest size), then how each figure grows with the
register. Not a test: nothing here fails a build.

    python bench/run.py                    # 10 000, 100 000 and 1 000 000 rows (about 20 min)
    python bench/run.py --quick            # 10 000 and 100 000 rows (about 2 min)
    BENCH_SIZES=10000,50000 python bench/run.py
    python bench/run.py --parts versus,pdf --versus-sizes 20000   # only issue 18's table

Then issue 18's table, "the tool a user would pick instead": delreg's import of an export
with a subject of its own per decision (200 000 and 1 000 000 rows; --quick: 20 000) against
the sqlite-utils command line (`insert --csv`, then `enable-fts --create-triggers` on the same
columns) and a plain executemany into a table of the same columns without an index, measured
in the same run, in wall and in CPU time (user + system, which a shared machine's load
changes least), and that import's CPU split between reading the export and writing the
register; the same file imported again; `report --month` on that register; a 200-page
agenda PDF against PDFium's bare text extraction (--quick: 20 pages).

Generated exports and registers go to bench/out/ (or --work DIR); exports are kept and reused.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

PYTHON = sys.executable
DELREG = str(Path(sys.executable).with_name("delreg"))
SQLITE_UTILS = str(Path(sys.executable).with_name("sqlite-utils"))
FULL_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)
VERSUS_SIZES = (200_000, 1_000_000)
VERSUS_QUICK_SIZES = (20_000,)
PDF_PAGES = 200
PDF_QUICK_PAGES = 20
# "classic": start-up, the agenda text and the growth with size (the table above issue 18's).
PARTS = ("classic", "versus", "pdf")
AGENDA_BYTES = 5_000_000
SEARCH_WORD = "ultraljud"
REPORT_MONTH = "2024-01"

# The decisions table's columns the export fills, in the export's names.
STORED = (
    "diary_number", "kind", "procurement_number", "subject", "parties", "delegate", "decided_on",
    "notified_on", "notified_by", "standstill_days", "secret", "secret_reason",
    "delegation_point", "amount", "wording", "source",
)  # fmt: skip

# The baseline: the same CSV read with csv.reader, empty cells as NULL (but parties, NOT NULL in
# the table, as the cell's text), nothing validated or normalised, no history, no reportings;
# one transaction and one executemany into the decisions table of a register delreg created (its
# schema, indexes and FTS5 triggers), on a connection set up as delreg's (WAL, foreign keys on).
# The kinds the rows name are inserted first, so the foreign key holds.
BASELINE = """
import csv, sqlite3, sys
source, database, columns, kinds = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]
connection = sqlite3.connect(database, isolation_level=None)
connection.execute("PRAGMA foreign_keys = ON")
connection.execute("PRAGMA journal_mode = WAL")
if sys.argv[5:] == ["--no-fts"]:
    for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        connection.execute(f"DROP TRIGGER {name}")
with open(source, newline="", encoding="utf-8") as stream:
    rows = csv.reader(stream)
    header = next(rows)
    positions = [header.index(name) for name in columns]
    empty = [None if name != "parties" else "" for name in columns]
    stamp = "2024-12-31T00:00:00Z"
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT OR IGNORE INTO kinds (name, label) VALUES (?, ?)",
        [(kind, kind) for kind in kinds.split(",")],
    )
    connection.executemany(
        f"INSERT INTO decisions ({', '.join(columns)}, created_at, updated_at) "
        f"VALUES ({', '.join('?' * (len(columns) + 2))})",
        (
            (*[row[i] or empty[n] for n, i in enumerate(positions)], stamp, stamp)
            for row in rows
        ),
    )
    connection.execute("COMMIT")
"""

# sqlite-utils' insert_all of the same rows (as dicts) into the same table, as its docs show it.
INSERT_ALL = """
import csv, sys
import sqlite_utils
source, database, columns, kinds = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]
db = sqlite_utils.Database(database)
db["kinds"].insert_all(({"name": k, "label": k} for k in kinds.split(",")), ignore=True)
stamp = "2024-12-31T00:00:00Z"
with open(source, newline="", encoding="utf-8") as stream:
    db["decisions"].insert_all(
        {
            **{name: row[name] or (None if name != "parties" else "") for name in columns},
            "created_at": stamp,
            "updated_at": stamp,
        }
        for row in csv.DictReader(stream)
    )
"""

# The floor a user would write by hand: the export's columns as they stand, every cell as the
# text it is, one executemany in one transaction into a table with no index, key or trigger.
PLAIN = """
import csv, sqlite3, sys
source, database = sys.argv[1], sys.argv[2]
connection = sqlite3.connect(database, isolation_level=None)
with open(source, newline="", encoding="utf-8") as stream:
    rows = csv.reader(stream)
    header = next(rows)
    connection.execute("BEGIN")
    connection.execute(f"CREATE TABLE decisions ({', '.join(header)})")
    connection.executemany(f"INSERT INTO decisions VALUES ({', '.join('?' * len(header))})", rows)
    connection.execute("COMMIT")
"""

# delreg's import of the export in its two halves, in one process, as `delreg import` does
# them: reading the export into decisions (a spool, all read before the register is opened),
# then writing them into a new register (its schema, rows, history, reportings, search index,
# commit).
# Prints the CPU seconds of each (time.process_time) and the decisions written: where issue
# 18's time goes, between the readers and the store.
SPLIT = """
import sys, time
from pathlib import Path
from delreg.config import load_config
from delreg.importer import import_records, read_inputs
from delreg.spool import RecordSpool
from delreg.store import Store
config = load_config()
labels = {slug: spec.label for slug, spec in config.kinds.items()}
started = time.process_time()
with RecordSpool(read_inputs([sys.argv[1]], fmt="csv", config=config)) as spool:
    read = time.process_time()
    path = Path(sys.argv[2])
    # As `delreg import` writes: a new register is made aside and put in place whole.
    write = lambda store: import_records(store, spool)
    summary = Store.writing(path, write, command="import", kind_labels=labels)
    written = time.process_time()
print(read - started, written - read, summary.inserted)
"""

# The columns and tokenizer of delreg's full-text index (delreg/store/schema.py), for the
# sqlite-utils baseline to index the same text the same way.
FTS_COLUMNS = ("diary_number", "procurement_number", "subject", "parties")
FTS_TOKENIZER = "unicode61 remove_diacritics 2"

# PDFium's bare text extraction, page by page, as delreg's PDF reader calls it.
PDF_TEXT = """
import sys
import pypdfium2 as pdfium
document = pdfium.PdfDocument(sys.argv[1])
pages = [page.get_textpage().get_text_bounded() for page in document]
print(len(pages), sum(len(text) for text in pages))
"""

# delreg's reading of the agenda PDF alone: the PDF to checked records, no command line, no
# register (what is left of the import when start-up and the store's writes are taken out).
PDF_READ = """
import sys
from delreg.config import load_config
from delreg.importer import read_inputs
print(sum(1 for _ in read_inputs([sys.argv[1]], fmt="auto", config=load_config())))
"""

# `delreg import AGENDA.pdf` with the agenda reader reading nothing: the command's start-up,
# every page's text (read-ahead and helper as in the import), a new register, no decision. What
# is left of the import's time above this is reading and storing the decisions: the floor the
# 1.3x target is measured against (bench/RESULTS.md, issue 18).
PDF_UNREAD = """
import sys
import delreg.parse.pdf as pdf


def read_pdf(stream, *, source, config, meeting_year=None, account=None):
    if not pdf.pdf_lines(stream, source=source):
        raise SystemExit("no text")
    return iter(())


pdf.read_pdf = read_pdf
from delreg.__main__ import main

sys.argv[0] = "delreg"
main()
"""

AGENDA = """
import sys, time
from delreg.config import load_config
from delreg.model import Decision
from delreg.parse.agenda import read_agenda
text = open(sys.argv[1], encoding="utf-8").read()
config = load_config()
started = time.perf_counter()
found = sum(isinstance(record, Decision) for record in read_agenda(text, source="a", config=config))
print(found, time.perf_counter() - started)
"""

# The kind cells the generator writes: the slugs, and a label ("Övriga beslut") now and then.
KINDS = "tilldelningsbeslut,kontrakt,pub-avtal,avtal,initiering,tillaggsbeslut,beslut,Övriga beslut"


@dataclass
class Run:
    seconds: float
    peak_kb: int
    stdout: bytes = b""
    returncode: int = 0
    # User + system CPU seconds of the process: what a shared machine's load changes least.
    cpu: float = 0.0


def run_processes(*commands: Sequence[str], env: dict[str, str]) -> Run:
    """Commands run one after the other as one step a user takes: the sum of their times (and
    CPU times), the highest of their peaks; stops at the first that fails."""
    total = Run(0.0, 0)
    for command in commands:
        run = run_process(command, env=env)
        total = Run(
            total.seconds + run.seconds,
            max(total.peak_kb, run.peak_kb),
            run.stdout,
            cpu=total.cpu + run.cpu,
        )
        total.returncode = run.returncode
        if run.returncode != 0:
            break
    return total


def run_process(command: Sequence[str], *, env: dict[str, str], stdin: Path | None = None) -> Run:
    """Run a command to the end; its wall time and its own peak RSS (wait4, not the maximum over
    every child so far, which RUSAGE_CHILDREN would give)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.DEVNULL, env=env, stdin=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, int(usage.ru_maxrss), out.read(), process.returncode, cpu)


@dataclass
class Figure:
    """The runs of one measured thing, and of its baseline when it has one."""

    runs: list[Run] = field(default_factory=list)
    baseline: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def base(self) -> float:
        return statistics.median(run.seconds for run in self.baseline)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def base_cpu(self) -> float:
        return statistics.median(run.cpu for run in self.baseline)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_kb for run in self.runs) / 1024


def interleaved(
    times: int, measured: Callable[[], Run], baseline: Callable[[], Run] | None = None
) -> Figure:
    figure = Figure()
    for _ in range(times):
        if baseline is not None:
            figure.baseline.append(baseline())
        figure.runs.append(measured())
    return figure


def fresh_register(path: Path, env: dict[str, str]) -> Path:
    """An empty register as delreg makes it (schema, indexes, triggers), made outside the timing."""
    remove_register(path)
    # Only a writing command starts a register: an import of an export with no rows.
    empty = path.with_name(f"{path.name}-header.csv")
    empty.write_text(",".join(generate.COLUMNS) + "\n", encoding="utf-8")
    try:
        subprocess.run(
            [DELREG, "--db", str(path), "import", str(empty), "--format", "csv"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    finally:
        empty.unlink()
    return path


def remove_register(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@dataclass
class SizeResult:
    rows: int
    figures: dict[str, Figure]
    counts: dict[str, int]


def measure_size(rows: int, work: Path, env: dict[str, str], runs: int) -> SizeResult:
    export = work / f"export-{rows}.csv"
    if not export.exists():
        say(f"  generating {rows} decisions")
        generate.write_export(export, rows)
    database = work / f"register-{rows}.db"
    other = work / f"other-{rows}.db"
    columns = ",".join(STORED)
    figures: dict[str, Figure] = {}

    def delreg_import() -> Run:
        fresh_register(database, env)
        return run_process(
            [DELREG, "--db", str(database), "import", str(export), "--format", "csv"], env=env
        )

    def plain(script: str, *options: str) -> Callable[[], Run]:
        def measured() -> Run:
            fresh_register(other, env)
            return run_process(
                [PYTHON, "-c", script, str(export), str(other), columns, KINDS, *options], env=env
            )

        return measured

    say(f"  import ({runs} runs each)")
    figures["import"] = interleaved(runs, delreg_import, plain(BASELINE))
    figures["insert_all"] = interleaved(runs, plain(INSERT_ALL))
    # For the record: the same executemany with the FTS triggers dropped, i.e. no search index
    # at all; what is left is the floor of writing these rows with their B-tree indexes.
    figures["no_fts"] = interleaved(runs, plain(BASELINE, "--no-fts"))
    remove_register(other)
    for name, runs_of in (
        ("delreg import", figures["import"].runs),
        ("the executemany baseline", figures["import"].baseline),
        ("sqlite-utils insert_all", figures["insert_all"].runs),
        ("the executemany without FTS", figures["no_fts"].runs),
    ):
        if any(run.returncode != 0 for run in runs_of):
            raise SystemExit(f"{name} failed at {rows} rows")

    query_env = {**env, "DELREG_DB": str(database)}
    quick = 3 if rows >= 1_000_000 else 5

    def command(*args: str) -> Callable[[], Run]:
        return lambda: run_process([DELREG, *args], env=query_env)

    cold = command_baseline(env)
    say("  queries")
    figures["list"] = interleaved(7, command("list", "--limit", "20", "--format", "json"), cold)
    figures["search"] = interleaved(
        7, command("list", "--search", SEARCH_WORD, "--format", "json"), cold
    )
    figures["report"] = interleaved(
        7, command("report", "--month", REPORT_MONTH, "--format", "json"), cold
    )
    figures["check"] = interleaved(quick, command("check", "--format", "json"))
    counts = {
        "search": len(json.loads(figures["search"].runs[-1].stdout)),
        "report": len(json.loads(figures["report"].runs[-1].stdout)["items"]),
        "check": len(json.loads(figures["check"].runs[-1].stdout)),
    }
    with sqlite3.connect(database) as connection:
        counts["events"] = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    connection.close()
    return SizeResult(rows, figures, counts)


def command_baseline(env: dict[str, str]) -> Callable[[], Run]:
    return lambda: run_process([PYTHON, "-c", "import sqlite3"], env=env)


def measure_startup(env: dict[str, str]) -> dict[str, Figure]:
    cold = command_baseline(env)
    return {
        "version": interleaved(15, lambda: run_process([DELREG, "--version"], env=env), cold),
        "help": interleaved(15, lambda: run_process([DELREG, "--help"], env=env), cold),
    }


def measure_agenda(work: Path, env: dict[str, str]) -> tuple[Figure, int, int]:
    agenda = work / "agenda-5mb.txt"
    written = generate.write_agenda(agenda, AGENDA_BYTES)
    figure = Figure()
    found = 0
    for _ in range(3):
        run = run_process([PYTHON, "-c", AGENDA, str(agenda)], env=env)
        if run.returncode != 0:
            figure.note = "the agenda parser failed"
            return figure, written, 0
        count, seconds = run.stdout.split()
        found = int(count)
        # The parse alone, as the script timed it: not the interpreter's start.
        figure.runs.append(Run(float(seconds), run.peak_kb))
    return figure, written, found


# --- issue 18: against the tool a user would pick instead ------------------------------------


@dataclass
class VersusResult:
    rows: int
    imported: Figure  # delreg import of a fresh register; baseline: the plain executemany
    sqlite_utils: Figure  # insert --csv, then enable-fts --create-triggers
    again: Figure  # delreg import of the same file into the register it just filled
    report: Figure | None = None  # report --month; baseline: python -c "import sqlite3"
    report_items: int = 0
    # CPU seconds of reading and of writing, each run of SPLIT.
    split: list[tuple[float, float]] = field(default_factory=list)


def measure_versus(
    rows: int, work: Path, env: dict[str, str], runs: int, *, report: bool
) -> VersusResult:
    export = work / f"export-distinct-{rows}.csv"
    if not export.exists():
        say(f"  generating {rows} decisions, each its own subject")
        generate.write_export(export, rows, distinct_subjects=True)
    database = work / f"versus-{rows}.db"
    other = work / f"versus-other-{rows}.db"
    delreg = [DELREG, "--db", str(database), "import", str(export), "--format", "csv"]
    fts = [SQLITE_UTILS, "enable-fts", str(other), "decisions", *FTS_COLUMNS]
    fts += ["--fts5", "--create-triggers", "--tokenize", FTS_TOKENIZER]

    def first() -> Run:
        # All the work a user waits for, creating the register included.
        remove_register(database)
        return run_process(delreg, env=env)

    def sqlite_utils() -> Run:
        remove_register(other)
        insert = [SQLITE_UTILS, "insert", str(other), "decisions", str(export), "--csv"]
        return run_processes(insert, fts, env=env)

    def plain() -> Run:
        remove_register(other)
        return run_process([PYTHON, "-c", PLAIN, str(export), str(other)], env=env)

    def split() -> tuple[float, float]:
        remove_register(other)
        run = run_process([PYTHON, "-c", SPLIT, str(export), str(other)], env=env)
        if run.returncode != 0:
            raise SystemExit(f"reading and writing apart failed at {rows} rows")
        read, written, count = run.stdout.split()
        if int(count) != rows:
            raise SystemExit(f"reading and writing apart wrote {int(count)} of {rows} rows")
        return float(read), float(written)

    result = VersusResult(rows, Figure(), Figure(), Figure())
    say(f"  import against sqlite-utils and executemany ({runs} runs each)")
    for _ in range(runs):
        result.imported.baseline.append(plain())
        result.sqlite_utils.runs.append(sqlite_utils())
        result.imported.runs.append(first())
        # Nothing changed since: what a nightly re-import of the same export costs.
        result.again.runs.append(run_process(delreg, env=env))
        result.split.append(split())
    remove_register(other)
    for name, runs_of in (
        ("delreg import", result.imported.runs),
        ("delreg import again", result.again.runs),
        ("sqlite-utils", result.sqlite_utils.runs),
        ("the plain executemany", result.imported.baseline),
    ):
        if any(run.returncode != 0 for run in runs_of):
            raise SystemExit(f"{name} failed at {rows} rows")
    if report:
        say("  report --month")
        query_env = {**env, "DELREG_DB": str(database)}
        result.report = interleaved(
            7,
            lambda: run_process(
                [DELREG, "report", "--month", REPORT_MONTH, "--format", "json"], env=query_env
            ),
            command_baseline(env),
        )
        result.report_items = len(json.loads(result.report.runs[-1].stdout)["items"])
    remove_register(database)
    return result


@dataclass
class PdfResult:
    pages: int
    items: int
    figure: Figure  # delreg import of the agenda; baseline: PDFium's text of every page
    # The same import into a register that exists (empty, made outside the timing): the new
    # register's schema left out.
    existing: Figure = field(default_factory=Figure)
    # The PDF read to checked records in one process (PDF_READ): no start-up, no store.
    reading: Figure = field(default_factory=Figure)
    # The import with no item read (PDF_UNREAD): start-up, the pages' text, a new register.
    unread: Figure = field(default_factory=Figure)
    note: str = ""
    # The machine's load (1 minute) before each import: delreg shares a long PDF's pages and
    # items with a forked helper only where a core is to spare (delreg/parse/forked.py).
    loads: list[float] = field(default_factory=list)


def measure_pdf(work: Path, env: dict[str, str], pages: int, runs: int) -> PdfResult:
    """delreg's import of an agenda PDF of ``pages`` pages (fpdf2, Symbol bullets, running head
    and foot: tests/helpers/documents.py) into a fresh register, against a process that only
    asks PDFium for the text of every page; the same into a register that exists, and the
    reading alone, to tell where the time goes. Each round runs the four in turn."""
    sys.path.insert(0, str(HERE.parent))
    import pypdfium2 as pdfium

    from tests.helpers.documents import fpdf_agenda, many_items

    agenda = work / f"agenda-{pages}p.pdf"
    if not agenda.exists():
        say(f"  writing a {pages}-page agenda PDF")
        fonts = work / "fonts"
        fonts.mkdir(exist_ok=True)
        items = pages * 17  # about a page's items in this layout; made exact below
        for _ in range(3):
            data = fpdf_agenda(many_items(items), layout="bullets", font_folder=fonts)
            made = len(pdfium.PdfDocument(data))
            if made == pages:
                break
            items = items * pages // made + (1 if made < pages else -1)
        agenda.write_bytes(data)
    database = work / "agenda-pdf.db"
    command = [DELREG, "--db", str(database), "import", str(agenda), "--json"]

    existing = work / "agenda-pdf-existing.db"
    figure, into_existing, reading, unread = Figure(), Figure(), Figure(), Figure()
    loads: list[float] = []
    for _ in range(runs):
        figure.baseline.append(run_process([PYTHON, "-c", PDF_TEXT, str(agenda)], env=env))
        remove_register(database)
        loads.append(os.getloadavg()[0])
        figure.runs.append(run_process(command, env=env))
        fresh_register(existing, env)
        into_existing.runs.append(run_process([*command[:2], str(existing), *command[3:]], env=env))
        reading.runs.append(run_process([PYTHON, "-c", PDF_READ, str(agenda)], env=env))
        remove_register(database)
        unread.runs.append(run_process([PYTHON, "-c", PDF_UNREAD, *command[1:]], env=env))
    into_existing.baseline = reading.baseline = unread.baseline = figure.baseline
    pages_read = int(figure.baseline[-1].stdout.split()[0])
    result = PdfResult(pages_read, 0, figure, into_existing, reading, unread, loads=loads)
    # The import that reads no item ends as one that finds no list does: with 1.
    failed = [run for run in [*figure.runs, *into_existing.runs, *reading.runs] if run.returncode]
    failed += [run for run in unread.runs if run.returncode not in (0, 1)]
    if failed:
        result.note = f"delreg exited {failed[-1].returncode}"
    else:
        summary = json.loads(figure.runs[-1].stdout)
        result.items = int(summary["inserted"])
    remove_register(database)
    remove_register(existing)
    return result


def versus_table(results: list[VersusResult], pdf: PdfResult | None) -> list[str]:
    """Issue 18's table: each target as a ratio to its baseline measured in the same run."""
    lines = [
        "| what | baseline (same run) | delreg | ratio | target | |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        n = f"{r.rows:,}".replace(",", " ")
        ratio = r.imported.median / r.sqlite_utils.median
        floor = r.imported.median / r.imported.base
        again = r.again.median / r.imported.median
        lines += [
            f"| import {n} decisions from CSV, distinct subjects | sqlite-utils insert --csv + "
            f"enable-fts {secs(r.sqlite_utils.median)} | {secs(r.imported.median)} | "
            f"{ratio:.2f}x | ≤ 0.5x | {verdict(ratio <= 0.5)} |",
            f"| the same | plain executemany, no index {secs(r.imported.base)} | "
            f"{secs(r.imported.median)} | {floor:.2f}x | report; aim ≤ 4x | "
            f"{verdict(floor <= 4)} |",
            f"| import the same {n} again, nothing changed | the first import "
            f"{secs(r.imported.median)} | {secs(r.again.median)} | {again:.2f}x | ≤ 0.3x | "
            f"{verdict(again <= 0.3)} |",
            *cpu_lines(r),
        ]
    largest = results[-1] if results else None
    if largest is not None and largest.report is not None:
        above = largest.report.median - largest.report.base
        lines.append(
            f"| `report --month {REPORT_MONTH} --format json` at "
            f"{largest.rows:,} rows ({largest.report_items} items) | ".replace(",", " ")
            + f'`python -c "import sqlite3"` {ms(largest.report.base)} | '
            f"{ms(largest.report.median)} | +{ms(above)} | ≤ +200 ms | {verdict(above <= 0.2)} |"
        )
    if pdf is not None:
        if pdf.note:
            lines.append(f"| import a {pdf.pages}-page agenda PDF | — | {pdf.note} | | | |")
        else:
            ratio = pdf.figure.median / pdf.figure.base
            lines.append(
                f"| import a {pdf.pages}-page agenda PDF ({pdf.items} decisions) | PDFium's text "
                f"of every page {secs(pdf.figure.base)} | {secs(pdf.figure.median)} | "
                f"{ratio:.2f}x | ≤ 1.3x and ≤ 1 s | "
                f"{verdict(ratio <= 1.3 and pdf.figure.median <= 1)} |"
            )
            for label, part in (
                ("the same into a register that exists (empty)", pdf.existing),
                (
                    "the PDF read to checked records alone (no command line, no register)",
                    pdf.reading,
                ),
                (
                    "the import reading no item: start-up, the pages' text, a new register",
                    pdf.unread,
                ),
            ):
                lines.append(
                    f"| {label} | the same {secs(part.base)} | {secs(part.median)} | "
                    f"{part.median / part.base:.2f}x | report | |"
                )
    for r in results:
        peak = r.imported.peak_mb
        lines.append(
            f"| peak memory (RSS) of the {r.rows:,}-row import | — | ".replace(",", " ")
            + f"{peak:.0f} MB | | ≤ 150 MB, flat | {verdict(peak <= 150)} |"
        )
    if len(results) > 1:
        lines.append(
            "| peak memory, growth | — | "
            + " → ".join(f"{r.imported.peak_mb:.0f} MB" for r in results)
            + " | | flat | |"
        )
    lines += ["", "Each run, in seconds:", ""]
    for r in results:
        n = f"{r.rows:,}".replace(",", " ")
        for label, runs_of in (
            ("delreg import", r.imported.runs),
            ("delreg import again", r.again.runs),
            ("sqlite-utils insert + enable-fts", r.sqlite_utils.runs),
            ("plain executemany", r.imported.baseline),
        ):
            lines.append(
                f"- {n}, {label}: "
                + ", ".join(f"{secs(x.seconds)} ({secs(x.cpu)} CPU)" for x in runs_of)
            )
        if r.split:
            lines.append(
                f"- {n}, delreg reading / writing, CPU: "
                + ", ".join(f"{secs(read)} / {secs(written)}" for read, written in r.split)
            )
    if pdf is not None and not pdf.note:
        lines.append(
            "- agenda PDF, delreg import / bare text: "
            + ", ".join(secs(x.seconds) for x in pdf.figure.runs)
            + " / "
            + ", ".join(secs(x.seconds) for x in pdf.figure.baseline)
        )

        def cpu(runs: list[Run]) -> str:
            return secs(statistics.median(run.cpu for run in runs))

        lines.append(
            f"- agenda PDF, CPU (user + system), medians: bare text {cpu(pdf.figure.baseline)}; "
            f"delreg import {cpu(pdf.figure.runs)}; into a register that exists "
            f"{cpu(pdf.existing.runs)}; the reading alone {cpu(pdf.reading.runs)}; the import "
            f"reading no item {cpu(pdf.unread.runs)} (delreg's "
            "CPU includes its helper process's)"
        )
        cores = min(len(os.sched_getaffinity(0)), os.cpu_count() or 1)
        lines.append(
            "- agenda PDF, load average (1 min) before each import: "
            + ", ".join(f"{load:.2f}" for load in pdf.loads)
            + f"; delreg forks a helper only below {cores - 0.5:g} (cores less half a core)"
        )
    return lines


def cpu_lines(r: VersusResult) -> list[str]:
    """The import in CPU time (user + system, the process's own work whatever the machine's
    load), and split between reading the export and writing the register."""
    n = f"{r.rows:,}".replace(",", " ")
    ratio = r.imported.cpu / r.sqlite_utils.cpu
    lines = [
        f"| import {n}, CPU time (user+sys) | sqlite-utils {secs(r.sqlite_utils.cpu)} | "
        f"{secs(r.imported.cpu)} | {ratio:.2f}x | ≤ 0.5x | {verdict(ratio <= 0.5)} |",
        f"| the same, CPU time | plain executemany {secs(r.imported.base_cpu)} | "
        f"{secs(r.imported.cpu)} | {r.imported.cpu / r.imported.base_cpu:.2f}x | | |",
    ]
    if r.split:
        read = statistics.median(each[0] for each in r.split)
        written = statistics.median(each[1] for each in r.split)
        lines.append(
            f"| the same, CPU time of its halves | reading the export into decisions "
            f"{secs(read)} | writing them (rows, history, index, commit) {secs(written)} | | | |"
        )
    return lines


# --- the table -----------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 10 else f"{seconds:.2f} s"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main_table(
    largest: SizeResult,
    startup: dict[str, Figure],
    agenda: tuple[Figure, int, int],
) -> list[str]:
    rows = largest.rows
    f = largest.figures
    imp = f["import"]
    ratio = imp.median / imp.base
    lines = [
        f"| what ({rows:,} rows) | baseline | delreg | target | |".replace(",", " "),
        "|---|---|---|---|---|",
        f"| import from CSV (validation, normalisation, FTS, history) | executemany "
        f"{secs(imp.base)} | {secs(imp.median)} = {ratio:.2f}x | ≤ 1.5x | "
        f"{verdict(ratio <= 1.5)} |",
    ]
    insert_all = f["insert_all"]
    lines.append(
        f"| the same with sqlite-utils `insert_all` | {secs(insert_all.median)} | "
        f"{secs(imp.median)} | delreg faster | {verdict(imp.median < insert_all.median)} |"
    )
    figure, written, found = agenda
    if figure.runs:
        rate = found / figure.median
        lines.append(
            f"| parse a 5 MB agenda text ({found} of {written} items) | — | "
            f"{rate:,.0f} items/s ({secs(figure.median)}) | ≥ 100 000 items/s | "
            f"{verdict(rate >= 100_000)} |".replace(",", " ")
        )
    else:
        lines.append(f"| parse a 5 MB agenda text | — | {figure.note} | ≥ 100 000 items/s | |")
    for name, label, limit in (
        ("version", "`delreg --version` cold", 0.060),
        ("help", "`delreg --help` cold", 0.060),
    ):
        fig = startup[name]
        lines.append(_above(label, fig, limit))
    for name, label, limit in (
        ("list", "`delreg list --limit 20 --format json`", 0.100),
        ("search", f"`delreg list --search {SEARCH_WORD} --format json` "
         f"({largest.counts['search']} rows)", 0.150),
        ("report", f"`delreg report --month {REPORT_MONTH} --format json` "
         f"({largest.counts['report']} items)", 0.200),
    ):  # fmt: skip
        lines.append(_above(label, f[name], limit))
    check = f["check"]
    lines.append(
        f"| `delreg check` ({largest.counts['check']} findings) | — | {secs(check.median)} | "
        f"≤ 10 s | {verdict(check.median <= 10)} |"
    )
    lines.append(
        f"| peak memory of the import | — | {imp.peak_mb:.0f} MB | ≤ 150 MB, flat | "
        f"{verdict(imp.peak_mb <= 150)} |"
    )
    return lines


def _above(label: str, figure: Figure, limit: float) -> str:
    above = figure.median - figure.base
    return (
        f'| {label} | `python -c "import sqlite3"` {ms(figure.base)} | {ms(figure.median)} '
        f"= +{ms(above)} | ≤ +{ms(limit)} | {verdict(above <= limit)} |"
    )


def growth_table(results: list[SizeResult]) -> list[str]:
    header = "| rows | " + " | ".join(f"{r.rows:,}".replace(",", " ") for r in results) + " |"
    lines = [header, "|---|" + "---|" * len(results)]

    def row(label: str, cell: Callable[[SizeResult], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")

    row("import, delreg", lambda r: secs(r.figures["import"].median))
    row("import, executemany baseline", lambda r: secs(r.figures["import"].base))
    row(
        "import, each run: delreg / baseline",
        lambda r: (
            ", ".join(secs(run.seconds) for run in r.figures["import"].runs)
            + " / "
            + ", ".join(secs(run.seconds) for run in r.figures["import"].baseline)
        ),
    )
    row("import, ratio", lambda r: f"{r.figures['import'].median / r.figures['import'].base:.2f}x")
    row("import, sqlite-utils insert_all", lambda r: secs(r.figures["insert_all"].median))
    row("import, executemany without FTS", lambda r: secs(r.figures["no_fts"].median))
    row(
        "import, delreg rows/s",
        lambda r: f"{r.rows / r.figures['import'].median:,.0f}".replace(",", " "),
    )
    row("import, peak memory", lambda r: f"{r.figures['import'].peak_mb:.0f} MB")
    row("history events written", lambda r: f"{r.counts['events']:,}".replace(",", " "))
    for name, label in (
        ("list", "list --limit 20"),
        ("search", "list --search"),
        ("report", "report --month"),
    ):
        row(f"{label}, above baseline", above_baseline(name))
    row("list --search, rows out", lambda r: str(r.counts["search"]))
    row("report --month, items", lambda r: str(r.counts["report"]))
    row("check", lambda r: secs(r.figures["check"].median))
    return lines


def above_baseline(name: str) -> Callable[[SizeResult], str]:
    def cell(result: SizeResult) -> str:
        figure = result.figures[name]
        return "+" + ms(figure.median - figure.base)

    return cell


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores (nproc), {memory:.0f} GB RAM",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.system()} {platform.release()}",
    ]


def commit() -> str:
    """The commit measured, and whether the working tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(HERE.parent), "status", "--porcelain", "delreg"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"
    return f"`{head}`" + (" with local changes to delreg/" if dirty else "")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def sizes_from(arguments: argparse.Namespace) -> tuple[int, ...]:
    if arguments.sizes:
        return tuple(sorted(int(size) for size in arguments.sizes.split(",")))
    if os.environ.get("BENCH_SIZES"):
        return tuple(sorted(int(size) for size in os.environ["BENCH_SIZES"].split(",")))
    return QUICK_SIZES if arguments.quick else FULL_SIZES


def versus_sizes_from(arguments: argparse.Namespace) -> tuple[int, ...]:
    if arguments.versus_sizes:
        return tuple(sorted(int(size) for size in arguments.versus_sizes.split(",")))
    return VERSUS_QUICK_SIZES if arguments.quick else VERSUS_SIZES


def main() -> None:
    parser = argparse.ArgumentParser(description="delreg's benchmark")
    parser.add_argument(
        "--quick", action="store_true", help="10 000 and 100 000 rows (issue 18: 20 000) only"
    )
    parser.add_argument("--sizes", help="comma-separated row counts (or BENCH_SIZES)")
    parser.add_argument(
        "--versus-sizes", help="row counts of issue 18's comparison (default 200000,1000000)"
    )
    parser.add_argument("--pdf-pages", type=int, help="pages of the agenda PDF (default 200)")
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"which measurements, comma-separated (default all: {','.join(PARTS)})",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each import (default 3)")
    parser.add_argument("--work", type=Path, default=HERE / "out", help="folder for the data")
    parser.add_argument(
        "--output", type=Path, default=HERE / "out" / "last-run.md", help="also write it here"
    )
    arguments = parser.parse_args()
    sizes = sizes_from(arguments)
    parts = set(arguments.parts.split(","))
    if parts - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(parts - set(PARTS)))}")
    pages = arguments.pdf_pages or (PDF_QUICK_PAGES if arguments.quick else PDF_PAGES)
    work: Path = arguments.work
    work.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="delreg-bench-"))
    # No user configuration, no user register: only what the benchmark gives.
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "NO_COLOR": "1",
    }
    env.pop("DELREG_CONFIG", None)
    env.pop("DELREG_DB", None)
    # Timed as installed: pip compiles a package's bytecode when it installs it, and Python
    # writes it on first import; an environment with PYTHONDONTWRITEBYTECODE would otherwise
    # charge every start-up for compiling delreg from source (20 ms here).
    compileall.compile_dir(str(HERE.parent / "delreg"), quiet=1)
    started = time.perf_counter()
    classic = "classic" in parts
    versus: list[VersusResult] = []
    pdf = None
    try:
        if classic:
            say("start-up")
            startup = measure_startup(env)
            say("agenda")
            agenda = measure_agenda(work, env)
            results = []
            for rows in sizes:
                say(f"{rows} rows")
                results.append(measure_size(rows, work, env, arguments.runs))
        if "versus" in parts:
            chosen = versus_sizes_from(arguments)
            for rows in chosen:
                say(f"issue 18: {rows} rows, each its own subject")
                versus.append(
                    measure_versus(rows, work, env, arguments.runs, report=rows == chosen[-1])
                )
        if "pdf" in parts:
            say(f"issue 18: a {pages}-page agenda PDF")
            pdf = measure_pdf(work, env, pages, max(arguments.runs, 5))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    lines = [
        f"delreg benchmark, {time.strftime('%Y-%m-%d')}, at {commit()}, "
        f"{(time.perf_counter() - started) / 60:.0f} min",
        "",
        *machine(),
        "",
    ]
    if classic:
        lines += [
            *main_table(results[-1], startup, agenda),
            "",
            "Growth with the register's size (medians):",
            "",
            *growth_table(results),
            "",
            f'Start-up baseline `python -c "import sqlite3"`: {ms(startup["version"].base)}; '
            f"`delreg --version` {ms(startup['version'].median)}, "
            f"`delreg --help` {ms(startup['help'].median)}.",
            "",
        ]
    if versus or pdf is not None:
        lines += [
            "Issue 18: against the tool a user would pick instead (medians):",
            "",
            *versus_table(versus, pdf),
        ]
    text = "\n".join(lines)
    print(text)
    if arguments.output:
        # With --work elsewhere, bench/out/ may never have been made.
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
