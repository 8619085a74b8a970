"""`stalking-remedies log check` run for real, as a subprocess (log_command.py)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
HEADER = "Date of incident,Time,Where,How,What happened,Crime ref,Mood,ID\r\n"
GOOD_ROW = '03/02/2026,9pm,Outside my home,"Text message; Following","He said ""<stay>"" & left \U0001F630 \u0175",EX/1,scared,abc-1\r\n'


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "docassemble.StalkingRemedies", "log", "check", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


def write_log(tmp_path: Path) -> Path:
    path = tmp_path / "log.csv"
    path.write_bytes(
        (HEADER + GOOD_ROW + ",,,,,,,\r\n" + "31/02/2026,,,,The narrative stays,,,\r\n"
         + "February 2026,,,,Month only,,,\r\n").encode("utf-8-sig")
    )
    return path


def test_text_mode_lists_incidents_and_every_problem(tmp_path: Path) -> None:
    completed = run_check(str(write_log(tmp_path)))
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout
    assert out.startswith(
        "3 incidents ready to import. 1 row needs attention: row 4 \u2014 the date 31/02/2026 is not a real date"
    )
    assert "1 blank row was skipped." in out
    assert '"Date of incident" -> date' in out and '"Mood" -> not recognised (kept in notes)' in out
    assert "row 2: 3 February 2026 | 21:00 | Outside my home | Text message, Following" in out
    assert 'He said "<stay>" & left \U0001F630 \u0175' in out
    assert "row 4: date unreadable (31/02/2026)" in out
    assert "row 5: February 2026" in out
    assert "row 4 (imported, check it): the date 31/02/2026 is not a real date" in out
    assert "Blank rows skipped: 3" in out
    assert completed.stderr == ""


def test_json_mode_has_exactly_incidents_and_problems(tmp_path: Path) -> None:
    completed = run_check(str(write_log(tmp_path)), "--json")
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert set(data) == {"incidents", "problems"}
    assert data["problems"] == [{"row": 4, "reason": "the date 31/02/2026 is not a real date, so the incident "
                                                    "was kept without a date for you to correct"}]
    first, bad, month = data["incidents"]
    assert first["row"] == 2 and first["id"] == "abc-1"
    assert first["date"] == "2026-02-03" and first["date_precision"] == "exact" and first["time"] == "21:00"
    assert first["how"] == ["text_message", "following"]
    assert first["what_happened"] == 'He said "<stay>" & left \U0001F630 \u0175'
    assert first["crime_reference"] == "EX/1" and first["notes"] == "Mood: scared"
    assert (bad["row"], bad["date"], bad["unparsed_date"], bad["what_happened"]) == (
        4, None, "31/02/2026", "The narrative stays")
    assert (month["date"], month["date_precision"]) == ("2026-02-01", "month")


def test_xlsx_file_checks_too(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Date", "What happened"])
    book.active.append([46056, "From a serial number"])
    path = tmp_path / "log.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    completed = run_check(str(path), "--json")
    assert completed.returncode == 0
    [incident] = json.loads(completed.stdout)["incidents"]
    assert (incident["date"], incident["what_happened"], incident["row"]) == ("2026-02-03", "From a serial number", 2)


def test_unreadable_files_exit_2_with_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(b"%PDF-1.7\n...")
    damaged = tmp_path / "broken.xlsx"
    damaged.write_bytes(b"PK\x03\x04 truncated")
    big = tmp_path / "huge.csv"
    big.write_bytes(b"Date,What happened\r\n" + b"03/02/2026," + b"x" * (5 * 1024 * 1024) + b"\r\n")
    cases = {
        str(tmp_path / "missing.csv"): "There is no such file.",
        str(pdf): "This is a PDF, not a spreadsheet.",
        str(damaged): "not a readable XLSX workbook",
        str(big): "the most we can read is 5.0 MB",
    }
    for path, message in cases.items():
        for extra in ((), ("--json",)):
            completed = run_check(path, *extra)
            assert completed.returncode == 2, path
            assert completed.stdout == ""
            lines = completed.stderr.splitlines()
            assert len(lines) == 1, completed.stderr
            assert lines[0].startswith(f"stalking-remedies: cannot read {path}: ")
            assert message in lines[0]
