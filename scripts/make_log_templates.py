"""Write the published incident-log templates: templates/incident_log_template.{csv,xlsx}.

Run `PYTHONPATH=. python scripts/make_log_templates.py` from the repository root after
changing the columns, and commit both files. The columns come from
`incident_export.EXPORT_HEADERS`, so a filled-in template, an exported log and the
importer always agree. The example row is fictional and its ID is "EXAMPLE", which the
importer recognises and never imports. Metadata is fixed and blank: the template must
not carry anyone's name, and a rebuild should only differ where the content does.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docassemble.StalkingRemedies.incident_export import EXPORT_FIELDS, EXPORT_HEADERS  # noqa: E402
from docassemble.StalkingRemedies.incidents import How  # noqa: E402

TEMPLATES = ROOT / "templates"
CSV_PATH = TEMPLATES / "incident_log_template.csv"
XLSX_PATH = TEMPLATES / "incident_log_template.xlsx"

EXAMPLE_ROW: dict[str, str] = {
    "date": "03/02/2026",
    "time": "21:15",
    "place": "Outside my home",
    "how": "Waiting outside home or work; Text message",
    "what_happened": (
        "When I got home from work, Alex Example was standing across the road from my front door. "
        "He stayed for about 20 minutes, then walked off towards the bus stop. He was wearing a "
        "dark green coat. At 21:40 he sent me a text."
    ),
    "words_said": 'The text said: "Glad you got home safe. I like your new curtains."',
    "witnesses": "My neighbour, Sam Sample, saw him from her window.",
    "reported_to_police": "Yes",
    "police_force": "Example Police",
    "police_officer": "PC 0000 Testperson",
    "crime_reference": "EX/00000/26",
    "evidence": "Screenshot of the text message",
    "effect": "I felt frightened and checked the locks several times. I did not sleep.",
    "children_present": "No",
    "notes": "This is an example. Replace this row with your own incidents; a row whose ID is EXAMPLE is never imported.",
    "id": "EXAMPLE",
}

INSTRUCTIONS: dict[str, str] = {
    "date": "The day it happened, day first: 03/02/2026 or 3 February 2026. If you only know the month, "
            "write February 2026. If you are not sure of the day, write about 3 February 2026.",
    "time": "24-hour clock (21:15) or your own words (about 9pm, evening).",
    "place": "Where it happened. If your address is confidential, write 'outside my home', not the address.",
    "how": "One or more of: " + "; ".join(kind.label for kind in How) + ". Separate them with ';'. "
           "For anything else write Other: and your own words.",
    "what_happened": "In your own words, as much as you want to write: what they did, what they looked like, "
                     "what they wore, any vehicle.",
    "words_said": "The exact words used, as far as you remember them.",
    "witnesses": "Anyone who saw or heard what happened.",
    "reported_to_police": "Yes or No.",
    "police_force": "The police force you reported it to.",
    "police_officer": "The officer's name and collar number, if you have them.",
    "crime_reference": "The crime reference number, or the incident (CAD) number.",
    "evidence": "What you kept: screenshots, photos, recordings, letters.",
    "effect": "How it made you feel, or what you had to change.",
    "children_present": "Yes or No.",
    "notes": "Anything else.",
    "id": "Leave blank. When you export your log the product fills this in, so it can recognise each "
          "entry if you import the file again.",
}

FIXED_TIME = datetime(2026, 1, 1)


def csv_bytes() -> bytes:
    """The CSV template: header and the example row, UTF-8 with BOM for Excel."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS)
    writer.writerow([EXAMPLE_ROW[name] for name in EXPORT_FIELDS])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes() -> bytes:
    """The XLSX template: a log sheet (header, example row, Yes/No lists) and instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    log = book.active
    log.title = "Incident log"
    log.append(list(EXPORT_HEADERS))
    log.append([EXAMPLE_ROW[name] for name in EXPORT_FIELDS])
    for cell in log[1]:
        cell.font = Font(bold=True)
    for cell in log[2]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.data_type = "s"
    log.freeze_panes = "A2"
    for column, name in enumerate(EXPORT_FIELDS, start=1):
        width = 60 if name == "what_happened" else 38 if name in ("id", "notes", "effect", "words_said") else 20
        log.column_dimensions[get_column_letter(column)].width = width
    yes_no = DataValidation(type="list", formula1='"Yes,No"', allow_blank=True)
    log.add_data_validation(yes_no)
    for name in ("reported_to_police", "children_present"):
        letter = get_column_letter(EXPORT_FIELDS.index(name) + 1)
        yes_no.add(f"{letter}2:{letter}10001")

    guide = book.create_sheet("How to fill this in")
    guide.append(["Column", "What to write"])
    guide.append(["", "Write one incident per row, starting in row 2. Replace the example row."])
    for name, header in zip(EXPORT_FIELDS, EXPORT_HEADERS):
        guide.append([header, INSTRUCTIONS[name]])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 100
    for row in guide.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")

    book.properties.creator = ""
    book.properties.lastModifiedBy = ""
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    """Write both templates."""
    TEMPLATES.mkdir(exist_ok=True)
    CSV_PATH.write_bytes(csv_bytes())
    XLSX_PATH.write_bytes(xlsx_bytes())
    print(f"wrote {CSV_PATH.relative_to(ROOT)} and {XLSX_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
