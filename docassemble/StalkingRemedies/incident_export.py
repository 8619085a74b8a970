"""Export the incident log to CSV and XLSX, and shape it for the chronology document.

Why: the person must be able to take their log away (to the police, a solicitor, or a
later session) and bring it back unchanged. The export therefore uses exactly the
published template's columns, writes every field in a form `incident_import` reads back
as the same value, and carries each incident's id, so export -> import gives an equal
log (ids included). The CSV is UTF-8 with a BOM so Excel shows Welsh letters and emoji
correctly; cells that Excel would run as a formula are prefixed with an apostrophe
(which the importer removes again). In the XLSX, exact dates are real date cells and
every text stays text, even one starting with "=".

`schedule_rows` gives the chronological schedule's rows as plain data for a DOCX
template (written elsewhere) to loop over.

Pure Python apart from openpyxl (imported only for XLSX).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from docassemble.StalkingRemedies.incident_dates import DatePrecision, format_date_for_log
from docassemble.StalkingRemedies.incident_import import FIELD_LABELS
from docassemble.StalkingRemedies.incidents import Incident, chronological, how_text

__all__ = [
    "EXPORT_FIELDS",
    "EXPORT_HEADERS",
    "ScheduleRow",
    "export_csv",
    "export_rows",
    "export_xlsx",
    "schedule_rows",
    "write_log_file",
]

EXPORT_FIELDS: tuple[str, ...] = (
    "date",
    "time",
    "place",
    "how",
    "what_happened",
    "words_said",
    "witnesses",
    "reported_to_police",
    "police_force",
    "police_officer",
    "crime_reference",
    "evidence",
    "effect",
    "children_present",
    "notes",
    "id",
)
"""Column order of the export and of the published template."""

EXPORT_HEADERS: tuple[str, ...] = tuple(FIELD_LABELS[name] for name in EXPORT_FIELDS)

_WIDTHS = {"date": 18, "time": 9, "place": 24, "how": 24, "what_happened": 60, "words_said": 40,
           "witnesses": 24, "reported_to_police": 11, "police_force": 18, "police_officer": 18,
           "crime_reference": 18, "evidence": 30, "effect": 36, "children_present": 11,
           "notes": 36, "id": 38}
_WRAPPED = {"what_happened", "words_said", "witnesses", "evidence", "effect", "notes", "how", "place"}
_FORMULA_START = re.compile(r"^'*[=+\-@]")


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def _cell(incident: Incident, name: str) -> str:
    """One field as spreadsheet text that re-imports as the same value."""
    if name == "date":
        return format_date_for_log(incident.date, incident.date_precision) or incident.unparsed_date
    if name == "how":
        return how_text(incident.how, incident.how_other)
    if name in ("reported_to_police", "children_present"):
        return _yes_no(getattr(incident, name))
    return str(getattr(incident, name))


def export_rows(incidents: Iterable[Incident]) -> list[list[str]]:
    """The log as text rows, header first, in the order given."""
    rows = [list(EXPORT_HEADERS)]
    rows.extend([_cell(incident, name) for name in EXPORT_FIELDS] for incident in incidents)
    return rows


def export_csv(incidents: Iterable[Incident]) -> bytes:
    """The log as a CSV file (UTF-8 with BOM, comma separated, CRLF rows)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in export_rows(incidents):
        writer.writerow(["'" + value if _FORMULA_START.match(value) else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(incidents: Iterable[Incident], sheet_title: str = "Incident log") -> bytes:
    """The log as an XLSX workbook: one sheet, header row frozen, long text wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    book.properties.creator = "docassemble.StalkingRemedies"
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    bold = Font(bold=True)
    for column, header in enumerate(EXPORT_HEADERS, start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = bold
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[EXPORT_FIELDS[column - 1]]
    sheet.freeze_panes = "A2"
    for row, incident in enumerate(incidents, start=2):
        for column, name in enumerate(EXPORT_FIELDS, start=1):
            if name == "date" and incident.date is not None and incident.date_precision == DatePrecision.EXACT:
                cell = sheet.cell(row=row, column=column, value=incident.date)
                cell.number_format = "DD/MM/YYYY"
            else:
                cell = sheet.cell(row=row, column=column, value=_cell(incident, name) or None)
                if cell.value is not None:
                    cell.data_type = "s"  # text stays text, even "=..." (never a formula)
            cell.alignment = wrap if name in _WRAPPED else top
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_log_file(incidents: Iterable[Incident], path: str | Path) -> Path:
    """Write the log to `path`, as XLSX when it ends in .xlsx, otherwise CSV."""
    target = Path(path)
    data = export_xlsx(incidents) if target.suffix.lower() == ".xlsx" else export_csv(incidents)
    target.write_bytes(data)
    return target


@dataclass(frozen=True)
class ScheduleRow:
    """One row of the chronological schedule of incidents (for the DOCX template).

    Attributes:
        number: 1, 2, 3 ... in date order.
        date: as the court expects: "3 February 2026", "February 2026",
            "About 3 February 2026", or "Date not known".
        time: "21:15", the person's wording, or "".
        place: where.
        how: the ways it happened, e.g. "Text message, Following".
        summary: what happened, shortened at a word boundary to `summary_length`.
        what_happened: the full account, for templates that want it all.
        evidence_marks: exhibit marks for this incident, e.g. "JS1, JS3".
        incident_id: the incident's stable id.
        date_needs_checking: True when the typed date could not be read.
    """

    number: int
    date: str
    time: str
    place: str
    how: str
    summary: str
    what_happened: str
    evidence_marks: str
    incident_id: str
    date_needs_checking: bool

    def as_dict(self) -> dict[str, Any]:
        """Plain dict, for templates or JSON."""
        return asdict(self)


def _shorten(text: str, length: int) -> str:
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0] if " " in flat[:length] else flat[:length]
    return cut.rstrip(" ,;:.") + "\u2026"


def schedule_rows(
    incidents: Iterable[Incident],
    marks_by_incident: Mapping[str, Sequence[str]] | None = None,
    summary_length: int = 300,
) -> list[ScheduleRow]:
    """Rows for the chronology, oldest first, undated last.

    Args:
        incidents: the log, in any order.
        marks_by_incident: incident id -> exhibit marks (see `evidence.marks_by_incident`).
        summary_length: longest summary, in characters, before it is shortened with "…".
    """
    marks = marks_by_incident or {}
    return [
        ScheduleRow(
            number=number,
            date=incident.date_for_court,
            time=incident.time,
            place=incident.place,
            how=", ".join(incident.how_labels),
            summary=_shorten(incident.what_happened, summary_length),
            what_happened=incident.what_happened,
            evidence_marks=", ".join(marks.get(incident.id, ())),
            incident_id=incident.id,
            date_needs_checking=incident.has_date_problem,
        )
        for number, incident in enumerate(chronological(incidents), start=1)
    ]
