"""Build templates/incident_schedule.docx, the chronological schedule of incidents, from code.

Run `.venv/bin/python scripts/make_schedule_template.py` after editing; commit the DOCX it
writes. Kept apart from make_templates.py (which builds the other templates) so the two can
change independently; it reuses that script's A4 page set-up, so every document this
product makes looks the same: Arial 12, numbered pages, no author in the metadata.

The schedule is a table a judge can read down: number, date, time, place, how, what
happened (the person's own words, with the exact words said), and the exhibit marks.
Landscape, because seven columns do not fit a portrait page. No address appears anywhere:
the heading names only the person who prepared it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_templates import TEMPLATES, new_a4_document  # noqa: E402  (after the path is set)

#: Column headings and widths (cm) of the schedule; widths add up to the landscape text width.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("No.", 1.2),
    ("Date", 3.2),
    ("Time", 1.8),
    ("Place", 3.2),
    ("How", 3.0),
    ("What happened", 10.0),
    ("Evidence", 3.0),
)

#: The cell contents of the repeated row. Every value a person typed goes through
#: `docx_text` (docx_text.py explains why); numbers and our own fixed words do not need it.
CELLS: tuple[str, ...] = (
    "{{ line.number }}",
    "{{ line.date | docx_text }}",
    "{{ line.time | docx_text }}",
    "{{ line.place | docx_text }}",
    "{{ line.how | docx_text }}",
    "{{ line.what_happened | docx_text }}",
    "{{ line.evidence_marks | docx_text }}",
)


def _landscape(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)


def _repeat_as_header(row) -> None:
    """Mark a table row to repeat at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _set_width(cell, width_cm: float) -> None:
    cell.width = Cm(width_cm)


def _write(cell, text: str, bold: bool = False, size: int = 10) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def build_incident_schedule():
    """`incident_schedule.docx`: the schedule of incidents for the court bundle (issue 4)."""
    document = new_a4_document(margin_cm=2.0)
    _landscape(document)
    document.add_heading("Schedule of incidents", level=1)
    document.add_paragraph("Prepared by {{ incident_schedule.prepared_by | docx_text }} on {{ incident_schedule.made_on }}.")
    document.add_paragraph("{{ incident_schedule.period_sentence | docx_text }}")
    document.add_paragraph(
        "The incidents are listed oldest first. Where a date is given as \"About\", it is the "
        "best estimate of the person who prepared this schedule. The Evidence column gives the "
        "marks of the exhibits that relate to each incident."
    )

    table = document.add_table(rows=4, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header, loop_start, body, loop_end = table.rows
    _repeat_as_header(header)
    for index, (heading, width) in enumerate(COLUMNS):
        # Word reads each cell's width; LibreOffice (which makes the PDF) reads the grid.
        table.columns[index].width = Cm(width)
        for row in table.rows:
            _set_width(row.cells[index], width)
        _write(header.cells[index], heading, bold=True)
        _write(body.cells[index], CELLS[index])
    # docxtpl repeats the rows between the `{%tr %}` rows once per line of the schedule.
    _write(loop_start.cells[0], "{%tr for line in incident_schedule.lines %}")
    _write(loop_end.cells[0], "{%tr endfor %}")
    said = body.cells[5].add_paragraph()
    run = said.add_run("{% if line.words_said %}Words said: {{ line.words_said | docx_text }}{% endif %}")
    run.font.size = Pt(10)
    run.italic = True

    document.add_paragraph("")
    document.add_paragraph("{{ incident_schedule.count_sentence }}")
    return document


def main() -> None:
    """Write templates/incident_schedule.docx."""
    TEMPLATES.mkdir(exist_ok=True)
    build_incident_schedule().save(TEMPLATES / "incident_schedule.docx")
    print("wrote templates/incident_schedule.docx")


if __name__ == "__main__":
    main()
