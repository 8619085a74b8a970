"""Importing incident logs from CSV and XLSX (incident_import.py). Fictional people only."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docassemble.StalkingRemedies.incident_dates import DatePrecision
from docassemble.StalkingRemedies.incident_import import (
    ImportLimits,
    LogImportError,
    ProblemKind,
    import_log_bytes,
    import_log_file,
    match_header,
)
from docassemble.StalkingRemedies.incidents import How

TODAY = date(2026, 6, 1)
HEADER = ["Date", "Time", "Place", "How it happened", "What happened", "Words said", "Witnesses",
          "Reported to police", "Police force", "Officer", "Crime reference", "Evidence", "Effect on me",
          "Children present", "Notes", "ID"]
NARRATIVE = (
    'Alex Example stood at the gate & shouted "<open up>" \u2014 it\'s the 3rd time \U0001F630.\n'
    "Dywedodd: \u0175\u0177\u00e2 \u2014 then he left.\nLine three, with a comma, and 'quotes'."
)


def csv_bytes(rows: list[list[Any]], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return codecs.BOM_UTF8 + data if bom else data


def xlsx_bytes(rows: list[list[Any]], *, sheets: dict[str, list[list[Any]]] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Log"
    for row in rows:
        sheet.append(row)
    for title, extra in (sheets or {}).items():
        other = book.create_sheet(title)
        for row in extra:
            other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_csv(rows: list[list[Any]], **options: Any):
    return import_log_bytes(csv_bytes(rows, **options), "log.csv", today=TODAY)


def accounted(result) -> bool:
    return len(result.incidents) + len(result.rejected_rows) + len(result.blank_rows) == result.rows_read


# ------------------------------------------------------------------ good files


def test_good_csv_imports_every_field(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(csv_bytes([
        HEADER,
        ["03/02/2026", "21:15", "Outside my home", "Waiting outside home or work; Text message", NARRATIVE,
         '"I know where you are"', "Sam Sample", "Yes", "Example Police", "PC 0000 Testperson", "EX/1/26",
         "Screenshot", "Frightened", "No", "Note one", "id-001"],
    ]))
    result = import_log_file(path, today=TODAY)
    assert result.problems == []
    assert result.file_format == "csv"
    assert result.incident_rows == [2]
    [incident] = result.incidents
    assert incident.id == "id-001"
    assert (incident.date, incident.date_precision, incident.time) == (date(2026, 2, 3), DatePrecision.EXACT, "21:15")
    assert incident.how == (How.TEXT_MESSAGE, How.WAITING_OUTSIDE)
    assert incident.what_happened == NARRATIVE
    assert incident.words_said == '"I know where you are"'
    assert (incident.reported_to_police, incident.children_present) == (True, False)
    assert (incident.police_force, incident.police_officer, incident.crime_reference) == (
        "Example Police", "PC 0000 Testperson", "EX/1/26")
    assert (incident.witnesses, incident.evidence, incident.effect, incident.notes) == (
        "Sam Sample", "Screenshot", "Frightened", "Note one")
    assert result.summary() == "1 incident ready to import."


def test_good_xlsx_with_real_date_cells_serials_and_time_cells() -> None:
    rows = [
        ["Date of incident", "Time", "Location", "Type", "Description"],
        [datetime(2026, 2, 3), time(21, 15), "Park", "Following", "one"],
        [date(2026, 2, 4), None, "Shop", "In person", "two"],
        [46058, 0.5, "Bus", "phone", "three"],
        [datetime(2026, 2, 6, 7, 45), None, "Work", "email", "four"],
        ["February 2026", "evening", "Online", "Facebook", "five"],
        [46061.75, None, "Gym", "", "six"],
    ]
    result = import_log_bytes(xlsx_bytes(rows), "log.xlsx", today=TODAY)
    assert result.file_format == "xlsx"
    assert result.problems == []
    got = [(incident.date, incident.date_precision, incident.time) for incident in result.incidents]
    assert got == [
        (date(2026, 2, 3), DatePrecision.EXACT, "21:15"),
        (date(2026, 2, 4), DatePrecision.EXACT, ""),
        (date(2026, 2, 5), DatePrecision.EXACT, "12:00"),
        (date(2026, 2, 6), DatePrecision.EXACT, "07:45"),
        (date(2026, 2, 1), DatePrecision.MONTH, "evening"),
        (date(2026, 2, 8), DatePrecision.EXACT, "18:00"),
    ]
    assert result.column_mapping == {"date": "Date of incident", "time": "Time", "place": "Location",
                                     "how": "Type", "what_happened": "Description"}


def test_xlsx_numbers_in_text_columns_read_as_typed() -> None:
    rows = [["Date", "What happened", "Crime ref", "Reported to police"],
            ["03/02/2026", 42, 12345678, True], ["04/02/2026", 1.5, 7.0, False]]
    result = import_log_bytes(xlsx_bytes(rows), "log.xlsx", today=TODAY)
    assert [(i.what_happened, i.crime_reference, i.reported_to_police) for i in result.incidents] == [
        ("42", "12345678", True), ("1.5", "7", False)]


def test_xlsx_picks_the_sheet_with_the_headings_and_says_so() -> None:
    data = xlsx_bytes([["Instructions"], ["Fill in the other sheet"]],
                      sheets={"Incidents": [["Date", "What happened"], ["03/02/2026", "x"]]})
    result = import_log_bytes(data, "log.xlsx", today=TODAY)
    assert [incident.what_happened for incident in result.incidents] == ["x"]
    assert result.notices == ['Only the sheet "Incidents" was read; the workbook\'s other sheets ("Log") were not.']


def test_xlsx_1904_workbook_serials() -> None:
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(["Date", "What happened"])
    sheet.append([46056 - 1462, "mac"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_log_bytes(buffer.getvalue(), "log.xlsx", today=TODAY)
    assert result.incidents[0].date == date(2026, 2, 3)


@pytest.mark.parametrize(
    ("cell", "expected", "precision"),
    [
        ("03/02/2026", date(2026, 2, 3), DatePrecision.EXACT),
        ("3/2/26", date(2026, 2, 3), DatePrecision.EXACT),
        ("03-02-2026", date(2026, 2, 3), DatePrecision.EXACT),
        ("03.02.2026", date(2026, 2, 3), DatePrecision.EXACT),
        ("3 Feb 2026", date(2026, 2, 3), DatePrecision.EXACT),
        ("3rd February 2026", date(2026, 2, 3), DatePrecision.EXACT),
        ("February 2026", date(2026, 2, 1), DatePrecision.MONTH),
        ("c. 3 Feb 2026", date(2026, 2, 3), DatePrecision.APPROXIMATE),
        ("about 3 Feb 2026", date(2026, 2, 3), DatePrecision.APPROXIMATE),
        ("approx 3 Feb 2026", date(2026, 2, 3), DatePrecision.APPROXIMATE),
        ("2026-02-03", date(2026, 2, 3), DatePrecision.EXACT),
        ("46056", date(2026, 2, 3), DatePrecision.EXACT),
    ],
)
def test_every_date_form_in_csv(cell: str, expected: date, precision: DatePrecision) -> None:
    result = import_csv([["Date", "What happened"], [cell, "x"]])
    assert result.problems == []
    assert (result.incidents[0].date, result.incidents[0].date_precision) == (expected, precision)


# ------------------------------------------------------------------ headings


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Date of incident", "date"), ("DATE", "date"), (" date (dd/mm/yyyy) ", "date"), ("When?", "date"),
        ("Location", "place"), ("Where", "place"), ("where it happened", "place"),
        ("Description", "what_happened"), ("Details", "what_happened"), ("What happened?", "what_happened"),
        ("Crime ref", "crime_reference"), ("Crime Ref.", "crime_reference"), ("CAD number", "crime_reference"),
        ("Crime reference number", "crime_reference"), ("Officer's name", "police_officer"),
        ("Reported to police (Y/N)", "reported_to_police"), ("Were children present?", "children_present"),
        ("How did it make you feel?", "effect"), ("Effect on me", "effect"), ("What was said", "words_said"),
        ("Who was there", "witnesses"), ("Type of contact", "how"), ("How it happened", "how"),
        ("Time", "time"), ("Police force", "police_force"), ("Evidence kept", "evidence"),
        ("Notes", "notes"), ("ID", "id"), ("Dyddiad", "date"), ("Beth ddigwyddodd", "what_happened"),
        ("Mood", None), ("", None),
    ],
)
def test_header_matching_forgives_case_spacing_punctuation_and_synonyms(heading: str, field: str | None) -> None:
    assert match_header(heading) == field


def test_better_heading_wins_and_the_other_is_kept_in_notes() -> None:
    result = import_csv([["Day", "Date", "Details", "Description"], ["Tuesday", "03/02/2026", "extra", "main"]])
    assert result.column_mapping == {"date": "Date", "what_happened": "Description"}
    [incident] = result.incidents
    assert incident.date == date(2026, 2, 3)
    assert incident.what_happened == "main"
    assert incident.notes == "Day: Tuesday\nDetails: extra"
    assert result.unmatched_columns == ["Day", "Details"]


def test_title_rows_above_the_header_are_reported_not_lost() -> None:
    result = import_csv([["My incident log"], [], HEADER[:5], ["03/02/2026", "", "", "", "x"]])
    assert [incident.what_happened for incident in result.incidents] == ["x"]
    assert result.incident_rows == [4]
    assert result.blank_rows == [2]
    [problem] = result.problems
    assert (problem.row, problem.kind, problem.imported) == (1, ProblemKind.ABOVE_HEADER, False)
    assert "My incident log" in problem.reason
    assert accounted(result)


def test_no_headings_is_an_error() -> None:
    with pytest.raises(LogImportError, match="could not find the column headings"):
        import_csv([["foo", "bar"], ["1", "2"]])


# ------------------------------------------------------------------ encodings and delimiters


def test_utf8_with_bom() -> None:
    result = import_csv([["Date", "What happened"], ["03/02/2026", NARRATIVE]], bom=True)
    assert result.column_mapping["date"] == "Date"
    assert result.incidents[0].what_happened == NARRATIVE


def test_windows_1252_from_excel() -> None:
    text = "He said \u201cgo away\u201d \u2013 caf\u00e9 \u00a35"
    result = import_csv([["Date", "What happened"], ["03/02/2026", text]], encoding="cp1252")
    assert result.incidents[0].what_happened == text
    assert "Windows-1252" in result.summary()


def test_utf16_unicode_text_from_excel() -> None:
    data = "Date\tWhat happened\r\n03/02/2026\t\u0175\u0177 \U0001F600\r\n".encode("utf-16")
    result = import_log_bytes(data, "log.txt", today=TODAY)
    assert result.incidents[0].what_happened == "\u0175\u0177 \U0001F600"


@pytest.mark.parametrize("delimiter", [";", "\t", "|", ","])
def test_delimiter_sniffing(delimiter: str) -> None:
    result = import_csv([["Date", "Place", "What happened"], ["03/02/2026", "Park, north gate", "a; b, c"]],
                        delimiter=delimiter)
    assert [(i.place, i.what_happened) for i in result.incidents] == [("Park, north gate", "a; b, c")]


def test_excel_sep_hint_line_is_obeyed_and_not_counted() -> None:
    data = b"sep=;\r\nDate;What happened\r\n03/02/2026;x, y\r\n"
    result = import_log_bytes(data, "log.csv", today=TODAY)
    assert result.incidents[0].what_happened == "x, y"
    assert result.incident_rows == [2]


def test_crlf_inside_quoted_cell_becomes_newline() -> None:
    data = b'Date,What happened\r\n03/02/2026,"one\r\ntwo"\r\n'
    assert import_log_bytes(data, "log.csv", today=TODAY).incidents[0].what_happened == "one\ntwo"


# ------------------------------------------------------------------ bad and messy rows


def test_bad_date_keeps_the_narrative_and_reports_the_row() -> None:
    long_story = (NARRATIVE + "\n") * 400
    result = import_csv([["Date", "What happened"], ["31/02/2026", long_story], ["03/02/2026", "fine"]])
    assert len(result.incidents) == 2
    kept = result.incidents[0]
    assert kept.date is None and kept.unparsed_date == "31/02/2026"
    assert kept.what_happened == long_story.strip()
    [problem] = result.problems
    assert (problem.row, problem.kind, problem.imported) == (2, ProblemKind.DATE_UNREADABLE, True)
    assert result.summary().startswith(
        "2 incidents ready to import. 1 row needs attention: row 2 \u2014 the date 31/02/2026 is not a real date"
    )


def test_messy_file_accounts_for_every_row() -> None:
    rows = [
        HEADER,
        ["03/02/2026", "9pm", "Home", "text", "first", "", "", "yes, by phone", "", "", "", "", "", "", "", ""],
        [""] * 16,
        ["next Tuesday", "", "", "", "bad date", "", "", "", "", "", "", "", "", "", "", ""],
        HEADER,
        ["03/02/2026", "", "", "", "template row", "", "", "", "", "", "", "", "", "", "", "EXAMPLE"],
        ["1 July 2026", "", "", "", "future", "", "", "", "", "", "", "", "", "", "", ""],
        ["4 Feb 2026", "", "Bus", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["5 Feb 2026", "", "", "", "dup id", "", "", "", "", "", "", "", "", "", "", "X1"],
        ["6 Feb 2026", "", "", "", "dup id again", "", "", "maybe", "", "", "", "", "", "", "", "X1"],
        ["   ", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        [""] * 16,
    ]
    result = import_csv(rows)
    assert result.rows_read == 9  # rows 2-10; blank rows after the last entry are not rows of the log
    assert result.blank_rows == [3]
    assert result.incident_rows == [2, 4, 7, 8, 9, 10]
    assert result.rejected_rows == [5, 6]
    assert accounted(result)
    kinds = {(problem.row, problem.kind) for problem in result.problems}
    assert kinds == {
        (4, ProblemKind.DATE_UNREADABLE), (5, ProblemKind.REPEATED_HEADER), (6, ProblemKind.EXAMPLE_ROW),
        (7, ProblemKind.DATE_IN_FUTURE), (8, ProblemKind.NO_DESCRIPTION), (10, ProblemKind.DUPLICATE_ID),
    }
    by_row = dict(zip(result.incident_rows, result.incidents))
    assert by_row[2].reported_to_police is True
    assert by_row[2].notes == "Reported to police: yes, by phone"
    assert by_row[9].id == "X1" and by_row[10].id != "X1"
    assert by_row[10].notes == "Reported to police: maybe"
    assert "template row" in next(p.reason for p in result.problems if p.row == 6)


def test_unknown_and_unnamed_columns_are_kept_in_notes() -> None:
    result = import_csv([["Date", "What happened", "Mood", "Notes"], ["03/02/2026", "x", "scared", "n", "stray"]])
    [incident] = result.incidents
    assert incident.notes == "n\nMood: scared\nColumn E: stray"
    assert result.unmatched_columns == ["Mood", "Column E"]
    assert 'We did not recognise the columns "Mood", "Column E"' in result.summary()


def test_text_cells_are_kept_exactly_in_xlsx() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "What happened", "Words said"])
    sheet.append([date(2026, 2, 3), NARRATIVE, "=text, not a formula & <b>"])
    sheet["C2"].data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    incident = import_log_bytes(buffer.getvalue(), "log.xlsx", today=TODAY).incidents[0]
    assert incident.what_happened == NARRATIVE
    assert incident.words_said == "=text, not a formula & <b>"


def test_formula_without_a_saved_result_is_kept_as_its_formula() -> None:
    rows = [["Date", "What happened", "Words said"], [date(2026, 2, 3), "x", '=CONCAT("go ", "away")']]
    incident = import_log_bytes(xlsx_bytes(rows), "log.xlsx", today=TODAY).incidents[0]
    assert incident.words_said == '=CONCAT("go ", "away")'


def test_xlsx_bad_rows_and_gaps_keep_real_row_numbers() -> None:
    rows = [["Date", "What happened"], ["31/02/2026", "bad"], [None, None], [None, None], [46056, "good"],
            ["", "   "]]
    result = import_log_bytes(xlsx_bytes(rows), "log.xlsx", today=TODAY)
    assert result.incident_rows == [2, 5]
    assert result.blank_rows == [3, 4]
    assert [problem.row for problem in result.problems] == [2]
    assert accounted(result)


# ------------------------------------------------------------------ unreadable files and limits


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "log.csv", "The file is empty."),
        (b"%PDF-1.7 rest", "log.pdf", "This is a PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "log.xls", "old-style Excel file"),
        (b"\x00\x01\x02binary", "log.csv", "binary data"),
        (b"PK\x03\x04 not really a zip", "log.xlsx", "not a readable XLSX"),
        (b"Date,What happened\n", "log.xlsx", "named as an XLSX workbook but is not one"),
        (b'{"a": 1}', "log.json", "ends in .json"),
    ],
)
def test_unreadable_files_raise_plain_errors(data: bytes, name: str, message: str) -> None:
    with pytest.raises(LogImportError, match=message.replace(".", r"\.")):
        import_log_bytes(data, name, today=TODAY)


def test_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(LogImportError, match=r"not an Excel workbook \(\.xlsx\)"):
        import_log_bytes(buffer.getvalue(), "statement.docx", today=TODAY)


def test_damaged_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<this is not xml")
    with pytest.raises(LogImportError, match="could not be opened"):
        import_log_bytes(buffer.getvalue(), "log.xlsx", today=TODAY)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(LogImportError, match="no such file"):
        import_log_file(tmp_path / "missing.csv")
    with pytest.raises(LogImportError, match="folder"):
        import_log_file(tmp_path)


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes([["Date", "What happened"], ["03/02/2026", "x" * 2000]]))
    with pytest.raises(LogImportError, match="the most we can read is 0.0 MB"):
        import_log_file(path, limits=ImportLimits(max_file_bytes=1000))
    with pytest.raises(LogImportError, match="Split the log"):
        import_log_bytes(path.read_bytes(), "big.csv", limits=ImportLimits(max_file_bytes=1000))


def test_row_limit_counts_rows_not_trailing_blanks() -> None:
    rows = [["Date", "What happened"]] + [["03/02/2026", f"n{i}"] for i in range(5)] + [[""]] * 50
    assert len(import_csv(rows).incidents) == 5
    limited = ImportLimits(max_rows=5)
    assert len(import_log_bytes(csv_bytes(rows), "l.csv", limits=limited, today=TODAY).incidents) == 5
    with pytest.raises(LogImportError, match="more than 4 rows"):
        import_log_bytes(csv_bytes(rows), "l.csv", limits=ImportLimits(max_rows=4), today=TODAY)
    with pytest.raises(LogImportError, match="more than 4 rows"):
        import_log_bytes(xlsx_bytes(rows), "l.xlsx", limits=ImportLimits(max_rows=4), today=TODAY)


def test_column_limit_refuses_rather_than_cuts() -> None:
    rows = [["Date", "What happened"], ["03/02/2026", "x", "", "", "far away"]]
    with pytest.raises(LogImportError, match="Row 2 has more than 4 columns"):
        import_log_bytes(csv_bytes(rows), "l.csv", limits=ImportLimits(max_columns=4), today=TODAY)


# ------------------------------------------------------------------ properties


_CELL = st.one_of(st.text(max_size=30), st.sampled_from(["", " ", "31/02/2026", "3 Feb 2026", "yes", "EXAMPLE",
                                                         "Date", "=1+1", "'=x", "sep=;", '"', "\r\n"]))
_SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


def _expected_rows(data_rows: list[list[str]]) -> int:
    last = 0
    for position, row in enumerate(data_rows, start=1):
        if any(cell.strip() for cell in row):
            last = position
    return last


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(_SAFE_TEXT, _CELL.filter(lambda c: "\x00" not in c)), min_size=0, max_size=18),
                max_size=25))
def test_csv_property_every_row_accounted_for(data_rows: list[list[str]]) -> None:
    result = import_log_bytes(csv_bytes([HEADER, *data_rows]), "log.csv", today=TODAY)
    assert result.rows_read == _expected_rows(data_rows)
    assert accounted(result)
    seen = result.incident_rows + result.rejected_rows + result.blank_rows
    assert sorted(seen) == list(range(2, 2 + result.rows_read))
    assert len(set(incident.id for incident in result.incidents)) == len(result.incidents)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), max_size=8), max_size=12),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_csv_property_no_unexpected_exception(rows: list[list[str]], delimiter: str, encoding: str) -> None:
    try:
        data = csv_bytes(rows, delimiter=delimiter, encoding=encoding)
    except UnicodeEncodeError:
        data = csv_bytes(rows, delimiter=delimiter)
    try:
        result = import_log_bytes(data, "log.csv", today=TODAY)
    except LogImportError as error:
        assert str(error)
    else:
        assert accounted(result)


_XLSX_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(
        chr(code) for code in (*range(0, 9), 11, 12, *range(14, 32)))),
    max_size=25,
)
_XLSX_CELL = st.one_of(
    st.none(), _XLSX_TEXT, st.integers(-10**6, 10**7), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)), st.times(),
)


def _blank_cell(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_XLSX_CELL, max_size=18), max_size=15))
def test_xlsx_property_every_row_accounted_for(data_rows: list[list[Any]]) -> None:
    result = import_log_bytes(xlsx_bytes([HEADER, *data_rows]), "log.xlsx", today=TODAY)
    last = max((n for n, row in enumerate(data_rows, start=1) if not all(map(_blank_cell, row))), default=0)
    assert result.rows_read == last
    assert accounted(result)
    seen = result.incident_rows + result.rejected_rows + result.blank_rows
    assert sorted(seen) == list(range(2, 2 + result.rows_read))
