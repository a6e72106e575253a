"""`delreg publish` against a plain SQLite copy of the same tables, and the bundle's size.

Publishing reads the whole register and writes the public SQLite file, the site, the feed, the
calendar and the open data. The floor it is compared with is the least any publisher must do:
copy the tables it publishes into a new SQLite file with `sqlite3`, in one process, nothing
masked, rendered or indexed. Both run as fresh processes, interleaved, and the medians are
compared; the second publish (nothing changed) shows what an unchanged nightly run costs.

    python bench/publish.py                 # 100 000 decisions
    python bench/publish.py --rows 10000

Not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

DELREG = str(Path(sys.executable).with_name("delreg"))
PUBLISHED_TABLES = ("decisions", "meetings", "reportings", "notices", "events")

# The floor: the published tables copied into a fresh file, as `sqlite3` would.
COPY = """
import sqlite3, sys
source, target, tables = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
connection = sqlite3.connect(target)
connection.execute("ATTACH DATABASE ? AS register", (source,))
with connection:
    for table in tables:
        connection.execute(f"CREATE TABLE {table} AS SELECT * FROM register.{table}")
connection.close()
"""


def seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def bundle_bytes(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="delreg-bench-publish-") as work_name:
        work = Path(work_name)
        export = generate.write_export(work / "export.csv", arguments.rows)
        register = work / "register.db"
        environment = {**os.environ, "DELREG_DB": str(register)}
        subprocess.run(
            [DELREG, "-q", "import", str(export), "--skip-invalid"],
            check=False,
            env=environment,
            stdout=subprocess.DEVNULL,
        )
        publish_args = [
            "--base-url",
            "https://region.example/beslut/",
            "--contact",
            "registrator@region.example",
        ]
        published, copied, again = [], [], []
        for run in range(arguments.runs):
            bundle = work / f"bundle-{run}"
            copy = work / f"copy-{run}.db"
            published.append(
                seconds([DELREG, "--db", str(register), "publish", str(bundle), *publish_args])
            )
            copied.append(
                seconds(
                    [
                        sys.executable,
                        "-c",
                        COPY,
                        str(register),
                        str(copy),
                        ",".join(PUBLISHED_TABLES),
                    ]
                )
            )
            again.append(
                seconds([DELREG, "--db", str(register), "publish", str(bundle), *publish_args])
            )
        files, size = bundle_bytes(work / "bundle-0")
        publish_s, copy_s = statistics.median(published), statistics.median(copied)
        print(f"decisions                         {arguments.rows:>12,}")
        print(f"publish (median of {arguments.runs})              {publish_s:>10.2f} s")
        print(f"sqlite3 copy of the same tables   {copy_s:>10.2f} s")
        print(f"ratio publish / copy              {publish_s / copy_s:>10.1f} x")
        print(f"publish again, nothing changed    {statistics.median(again):>10.2f} s")
        print(f"bundle                            {files:>10,} files, {size / 1e6:,.1f} MB")
        print(f"register                          {register.stat().st_size / 1e6:>10,.1f} MB")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
