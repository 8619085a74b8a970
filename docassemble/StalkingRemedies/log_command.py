"""`stalking-remedies log check FILE [--json]`: what an import would bring in, and why not.

Why a command: clinics and solicitors receive logs as spreadsheets and want to know,
before a session, whether a file will import and which rows need fixing. It runs the very
importer the interview uses, so the answer is the same.

Exit status: 0 when the file could be read (whether or not some rows have problems);
2 when it could not (missing, not CSV/XLSX, damaged, over a limit), with one line on
stderr starting "stalking-remedies: ".
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from docassemble.StalkingRemedies.incident_import import ImportResult, LogImportError, import_log_file

__all__ = ["run_log_check", "result_as_json", "result_as_text"]


def result_as_json(result: ImportResult) -> dict[str, Any]:
    """`{"incidents": [...], "problems": [{"row": N, "reason": "..."}]}`; each incident
    carries the model's fields (`Incident.to_dict`) plus its spreadsheet `row`."""
    return {
        "incidents": [
            {**incident.to_dict(), "row": row} for incident, row in zip(result.incidents, result.incident_rows)
        ],
        "problems": [{"row": problem.row, "reason": problem.reason} for problem in result.problems],
    }


def _one_line(text: str, length: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "\u2026"


def result_as_text(result: ImportResult) -> str:
    """A readable report: the summary, the columns, each incident, each problem."""
    lines = [result.summary(), "", "Columns:"]
    for name, heading in result.column_mapping.items():
        lines.append(f'  "{heading}" -> {name}')
    for heading in result.unmatched_columns:
        lines.append(f'  "{heading}" -> not recognised (kept in notes)')
    lines.append("")
    lines.append(f"Incidents to import ({len(result.incidents)}):")
    for incident, row in zip(result.incidents, result.incident_rows):
        when = incident.date_for_court if not incident.has_date_problem else f"date unreadable ({incident.unparsed_date})"
        details = [when]
        if incident.time:
            details.append(incident.time)
        if incident.place:
            details.append(_one_line(incident.place, 30))
        if incident.how:
            details.append(", ".join(incident.how_labels))
        lines.append(f"  row {row}: {' | '.join(details)}")
        if incident.what_happened:
            lines.append(f"    {_one_line(incident.what_happened)}")
    lines.append("")
    lines.append(f"Problems ({len(result.problems)}):")
    for problem in result.problems:
        state = "imported, check it" if problem.imported else "not imported"
        lines.append(f"  row {problem.row} ({state}): {problem.reason}")
    if result.blank_rows:
        lines.append("")
        lines.append("Blank rows skipped: " + ", ".join(str(row) for row in result.blank_rows))
    return "\n".join(lines) + "\n"


def _write(stream: TextIO, text: str) -> None:
    """Write even where the terminal cannot show emoji or Welsh letters."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def run_log_check(path: str, as_json: bool) -> int:
    """Check one log file and print the outcome; return the exit status (0 or 2)."""
    try:
        result = import_log_file(path)
    except LogImportError as error:
        shown = " ".join(str(path).split())
        _write(sys.stderr, f"stalking-remedies: cannot read {shown}: {error}\n")
        return 2
    if as_json:
        _write(sys.stdout, json.dumps(result_as_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        _write(sys.stdout, result_as_text(result))
    return 0
