"""Print how long importing an incident log takes, for 1,000 and 10,000 rows, CSV and XLSX.

Run: `PYTHONPATH=. python bench/bench_import.py` from the repository root. It prints
figures and the 10,000/1,000 ratio (about 10 means the import grows linearly); it asserts
nothing. The aim is 10,000 CSV rows in under 2 seconds on a 2-core machine. Rows are
fictional and realistic in shape: a UK date, a time, several "how" kinds, a narrative of
a few hundred characters with quotes, `&`, `<`, an emoji and Welsh letters.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docassemble.StalkingRemedies.incident_export import export_csv, export_xlsx  # noqa: E402
from docassemble.StalkingRemedies.incident_import import import_log_bytes  # noqa: E402
from docassemble.StalkingRemedies.incidents import How, Incident  # noqa: E402

SIZES = (1_000, 10_000)
REPEATS = 3
KINDS = list(How)
NARRATIVE = (
    'Alex Example was waiting by the gate again & said "<you can\'t hide>". I went back inside, '
    "locked the door and watched from the window until he left \U0001F61F. Cymraeg: \u0175\u0177\u00e2. "
)


def make_log(rows: int) -> list[Incident]:
    start = date(2020, 1, 1)
    return [
        Incident(
            date=start + timedelta(days=number % 2000),
            time=f"{number % 24:02d}:{number % 60:02d}",
            place=f"Outside place {number % 37}",
            how=(KINDS[number % len(KINDS)], KINDS[(number * 7) % len(KINDS)]),
            what_happened=NARRATIVE * (1 + number % 3),
            words_said='"Open the door"',
            witnesses="Sam Sample" if number % 2 else "",
            reported_to_police=bool(number % 3),
            crime_reference=f"EX/{number:05d}/26",
            evidence="Screenshot",
            effect="Frightened",
            children_present=number % 5 == 0,
        )
        for number in range(rows)
    ]


def best_time(data: bytes, name: str) -> tuple[float, int]:
    best = float("inf")
    imported = 0
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = import_log_bytes(data, name)
        best = min(best, time.perf_counter() - started)
        imported = len(result.incidents)
    return best, imported


def main() -> None:
    print(f"Incident log import, best of {REPEATS} runs")
    for label, export, name in (("CSV", export_csv, "log.csv"), ("XLSX", export_xlsx, "log.xlsx")):
        timings = {}
        for rows in SIZES:
            data = export(make_log(rows))
            seconds, imported = best_time(data, name)
            timings[rows] = seconds
            print(f"  {label:4} {rows:>6,} rows  {len(data) / 1024 / 1024:5.2f} MB  {seconds:7.3f} s  "
                  f"({imported:,} imported, {seconds / rows * 1e6:6.1f} \u00b5s/row)")
        ratio = timings[SIZES[1]] / timings[SIZES[0]]
        print(f"  {label:4} ratio {SIZES[1]:,}/{SIZES[0]:,} rows: {ratio:.1f} (10 would be linear)")


if __name__ == "__main__":
    main()
