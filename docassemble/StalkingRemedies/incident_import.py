"""Import an incident log from a CSV or XLSX file, accounting for every row.

Why it works this way:

* **Every row is accounted for.** Each row other than the header is exactly one of:
  imported (possibly with a problem to check), rejected with a reason, or blank.
  `ImportResult.rows_read == len(incidents) + len(rejected_rows) + len(blank_rows)`.
  Trailing empty rows (Excel often stores thousands) are not counted as rows at all.
* **Nothing typed is lost.** A row whose date cannot be read is still imported, with the
  date kept verbatim in `Incident.unparsed_date` and a problem saying so: deleting a
  narrative because of a typo in its date would lose evidence. Columns we do not recognise
  are kept, as "Heading: value" lines in each incident's notes, and listed in
  `unmatched_columns`; yes/no cells that say more than yes or no are kept in notes too.
  Only three kinds of row are rejected, each reported with its row number: the
  template's example row, a repeat of the header row, and rows above the header.
* **Forgiving about shape.** Headings are matched ignoring case, spacing, punctuation,
  bracketed hints and common synonyms; the header may sit below a title row; CSVs may be
  UTF-8 (with or without BOM), UTF-16 or Windows-1252, and comma, semicolon, tab or pipe
  separated. Row numbers are spreadsheet row numbers (header = row 1 in the template).
* **Bounded.** Size, row and column limits live in one place, `LIMITS`, and exceeding one
  is a clear `LogImportError`, as is a file that is not a readable CSV or XLSX.

No cell contents are ever logged. Pure Python apart from openpyxl (imported only for XLSX).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from docassemble.StalkingRemedies.incident_dates import (
    EXCEL_EPOCH_1900,
    format_date_for_court,
    read_date_value,
    read_time_value,
)
from docassemble.StalkingRemedies.incidents import Incident, parse_how, parse_yes_no

__all__ = [
    "FIELD_LABELS",
    "ImportLimits",
    "ImportProblem",
    "ImportResult",
    "LIMITS",
    "LogImportError",
    "ProblemKind",
    "import_log_bytes",
    "import_log_file",
    "match_header",
]


@dataclass(frozen=True)
class ImportLimits:
    """Every limit on what we read, in one place.

    Attributes:
        max_file_bytes: largest file accepted (a 10,000-row log is well under 5 MB).
        max_rows: most rows after the header.
        max_columns: most columns read per row.
        max_unzipped_bytes: most an XLSX may expand to (guards against zip bombs).
        header_search_rows: how far down the header row may be (below title rows).
        max_id_length: longest incident id kept from the ID column.
    """

    max_file_bytes: int = 5 * 1024 * 1024
    max_rows: int = 10_000
    max_columns: int = 200
    max_unzipped_bytes: int = 100 * 1024 * 1024
    header_search_rows: int = 10
    max_id_length: int = 64


LIMITS = ImportLimits()


class LogImportError(Exception):
    """The file as a whole could not be read; the message is a plain-English sentence."""


class ProblemKind(str, Enum):
    """Why a row needs attention. Rows with the first group are still imported."""

    DATE_UNREADABLE = "date_unreadable"
    DATE_IN_FUTURE = "date_in_future"
    DATE_CHECK = "date_check"
    NO_DESCRIPTION = "no_description"
    DUPLICATE_ID = "duplicate_id"
    ID_REPLACED = "id_replaced"
    EXAMPLE_ROW = "example_row"
    REPEATED_HEADER = "repeated_header"
    ABOVE_HEADER = "above_header"


_REJECTING = {ProblemKind.EXAMPLE_ROW, ProblemKind.REPEATED_HEADER, ProblemKind.ABOVE_HEADER}


@dataclass(frozen=True)
class ImportProblem:
    """One row needing attention.

    Attributes:
        row: spreadsheet row number.
        reason: plain English, fit to follow "row 5 — ".
        kind: machine-readable reason.
        imported: True when the row was imported anyway (a problem to check), False when
            it was not imported.
    """

    row: int
    reason: str
    kind: ProblemKind
    imported: bool


# The model's field names, as the person sees them (used in messages and the preview).
FIELD_LABELS: dict[str, str] = {
    "date": "Date",
    "time": "Time",
    "place": "Place",
    "how": "How it happened",
    "what_happened": "What happened",
    "words_said": "Words said",
    "witnesses": "Witnesses",
    "reported_to_police": "Reported to police",
    "police_force": "Police force",
    "police_officer": "Officer",
    "crime_reference": "Crime reference",
    "evidence": "Evidence",
    "effect": "Effect on me",
    "children_present": "Children present",
    "notes": "Notes",
    "id": "ID",
}

_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "incident id", "log id", "uuid", "entry id"),
    "date": ("date", "date of incident", "incident date", "day", "when", "date occurred",
             "date happened", "date and time", "date time", "date of event", "event date",
             "date of occurrence", "date incident occurred", "dyddiad"),
    "time": ("time", "time of incident", "approx time", "approximate time", "incident time",
             "what time", "times", "time of day", "time occurred", "amser"),
    "place": ("place", "location", "where", "address", "where it happened", "where did it happen",
              "venue", "place of incident", "incident location", "location of incident", "lleoliad",
              "lle"),
    "how": ("how", "how it happened", "type", "type of contact", "contact type", "method",
            "method of contact", "contact method", "how contact was made", "kind", "category",
            "means", "incident type", "type of incident", "how did they contact you",
            "type of behaviour", "behaviour", "sut"),
    "what_happened": ("what happened", "description", "details", "incident", "incident details",
                      "narrative", "summary", "account", "what they did", "event", "events",
                      "description of incident", "incident description", "details of incident",
                      "incident summary", "full details", "beth ddigwyddodd"),
    "words_said": ("words said", "what was said", "exact words", "exact words said", "words used",
                   "said", "quotes", "what did they say", "what they said", "geiriau"),
    "witnesses": ("witnesses", "witness", "who was there", "present", "people present",
                  "who else was there", "witness names", "witness details", "who was present",
                  "others present", "tystion"),
    "reported_to_police": ("reported to police", "reported", "police reported", "police",
                           "did you report it", "police informed", "told police", "police involved",
                           "police involvement", "police called", "reported to the police"),
    "police_force": ("police force", "force", "which force", "police station", "station"),
    "police_officer": ("officer", "police officer", "officer name", "officer's name",
                       "officer name and number", "collar number", "badge number",
                       "officer collar number", "officer details", "officer in case", "oic", "pc"),
    "crime_reference": ("crime reference", "crime ref", "crime reference number", "crime number",
                        "crime no", "crn", "reference", "ref", "police reference", "police ref",
                        "police reference number", "reference number", "ref no", "incident number",
                        "log number", "cad number", "cad", "cad ref", "occurrence number", "urn",
                        "crime ref no"),
    "evidence": ("evidence", "evidence kept", "evidence held", "proof", "attachments", "photos",
                 "screenshots", "evidence reference", "exhibits", "evidence available",
                 "evidence collected", "tystiolaeth"),
    "effect": ("effect on me", "effect", "how it affected me", "impact", "impact on me", "how i felt",
               "feelings", "how did it make you feel", "how it made me feel", "effect on you",
               "effaith"),
    "children_present": ("children present", "children", "kids present", "kids", "children there",
                         "child present", "were children present", "children involved", "plant"),
    "notes": ("notes", "other notes", "comments", "comment", "other", "additional information",
              "additional notes", "further notes", "other information", "extra information",
              "remarks", "nodiadau"),
}

_STOP_WORDS = {"the", "a", "an", "of", "to", "my", "me", "i", "you", "your", "it", "did", "was",
               "were", "is", "any", "they"}


def _header_key(text: str) -> str:
    """Normalise a heading: no case, accents, bracketed hints, punctuation or filler words."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text).replace("&", " and ")
    words = re.sub(r"[^\w]+", " ", text.replace("'", "")).split()
    return " ".join(word for word in words if word not in _STOP_WORDS)


# heading key -> (field, rank); a lower rank is a more certain match, so "Date" beats
# "Day" and "Description" beats "Details" when a file has both.
_HEADER_INDEX: dict[str, tuple[str, int]] = {}
for _field, _words in _HEADER_WORDS.items():
    for _rank, _word in enumerate((FIELD_LABELS[_field], _field.replace("_", " "), *_words)):
        _key = _header_key(_word)
        if _HEADER_INDEX.setdefault(_key, (_field, _rank))[0] != _field:
            raise RuntimeError(f"heading synonym {_word!r} is listed for two fields")


def _header_match(text: str) -> tuple[str, int] | None:
    key = _header_key(text) if len(text) <= 80 else ""
    return _HEADER_INDEX.get(key) if key else None


def match_header(text: str) -> str | None:
    """The model field a column heading means, or None if we do not recognise it."""
    found = _header_match(text)
    return found[0] if found else None


@dataclass
class ImportResult:
    """What an import would bring in, for the interview's preview screen.

    Attributes:
        incidents: incidents ready to import, in file order.
        problems: every row needing attention (imported with a flag, or rejected).
        column_mapping: model field -> the heading as typed in the file.
        unmatched_columns: headings we did not recognise (their contents are in notes).
        rows_read: rows after the header, up to the last non-blank row (plus any non-blank
            rows above the header).
        blank_rows: row numbers of blank rows, skipped.
        incident_rows: the spreadsheet row of each incident, parallel to `incidents`.
        notices: file-level remarks (encoding used, other sheets not read).
        file_format: "csv" or "xlsx".
    """

    incidents: list[Incident]
    problems: list[ImportProblem]
    column_mapping: dict[str, str]
    unmatched_columns: list[str]
    rows_read: int
    blank_rows: list[int] = field(default_factory=list)
    incident_rows: list[int] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    file_format: str = ""

    @property
    def rejected_rows(self) -> list[int]:
        """Rows not imported, each with at least one problem saying why."""
        return sorted({problem.row for problem in self.problems if not problem.imported})

    def row_of(self, incident_id: str) -> int:
        """The spreadsheet row an incident came from."""
        for incident, row in zip(self.incidents, self.incident_rows):
            if incident.id == incident_id:
                return row
        raise KeyError(incident_id)

    def summary(self) -> str:
        """Plain English for the preview: what is ready, and every row needing attention."""
        count = len(self.incidents)
        if count:
            text = f"{count} incident{'s' if count != 1 else ''} ready to import."
        else:
            text = "No incidents ready to import."
        if self.problems:
            rows = sorted({problem.row for problem in self.problems})
            details = "; ".join(f"row {problem.row} \u2014 {problem.reason}" for problem in self.problems)
            text += f" {len(rows)} row{'s need' if len(rows) != 1 else ' needs'} attention: {details}."
        if self.blank_rows:
            blanks = len(self.blank_rows)
            text += f" {blanks} blank row{'s were' if blanks != 1 else ' was'} skipped."
        if self.unmatched_columns:
            names = ", ".join(f'"{name}"' for name in self.unmatched_columns)
            text += (
                f" We did not recognise the column{'s' if len(self.unmatched_columns) != 1 else ''} "
                f"{names}, so {'their' if len(self.unmatched_columns) != 1 else 'its'} contents "
                "were added to each incident's notes."
            )
        for notice in self.notices:
            text += f" {notice}"
        return text


@dataclass
class _Table:
    """Rows as read, before interpretation: (spreadsheet row number, cell values)."""

    rows: list[tuple[int, list[Any]]]
    file_format: str
    epoch: datetime = EXCEL_EPOCH_1900
    notices: list[str] = field(default_factory=list)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _row_is_blank(cells: Sequence[Any]) -> bool:
    return all(_is_blank(value) for value in cells)


def _column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names the column."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _header_score(cells: Sequence[Any]) -> int:
    """How many different model fields a row's cells name."""
    found = {match_header(value) for value in cells if isinstance(value, str)}
    found.discard(None)
    return len(found)


def _check_width(number: int, cells: Sequence[Any], limits: ImportLimits) -> None:
    """Refuse, rather than silently cut, a row with content beyond the column limit."""
    if len(cells) > limits.max_columns and not _row_is_blank(cells[limits.max_columns :]):
        raise LogImportError(
            f"Row {number} has more than {limits.max_columns} columns; the most we can read is "
            f"{limits.max_columns}. Remove the extra columns and try again."
        )


def _too_many_rows(limits: ImportLimits) -> LogImportError:
    return LogImportError(
        f"The file has more than {limits.max_rows:,} rows; the most we can import at once is "
        f"{limits.max_rows:,}. Split the log into smaller files and import them one by one."
    )


# ---------------------------------------------------------------- reading CSV files

_CSV_EXTENSIONS = {".csv", ".tsv", ".txt", ""}
_XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
_FORMULA_ESCAPE = re.compile(r"^'+[=+\-@]")


def _decode(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes; returns (text, name of the encoding used)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise LogImportError("The file says it is UTF-16 text but could not be decoded; it may be damaged.") from None
    if b"\x00" in data[:8192]:
        raise LogImportError("The file is not a CSV or XLSX spreadsheet (it contains binary data).")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _csv_records(text: str, delimiter: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error:
        raise LogImportError("The CSV file is malformed and could not be read; it may be damaged.") from None


def _read_csv(data: bytes, limits: ImportLimits) -> _Table:
    text, encoding = _decode(data)
    notices = []
    if encoding not in ("UTF-8", "UTF-16"):
        notices.append(f"The file was read as {encoding} text (as older versions of Excel save it).")
    if "\x00" in text:
        raise LogImportError("The file is not a CSV or XLSX spreadsheet (it contains binary data).")
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_file_bytes + 1))
    forced = re.match(r'^"?sep=(.)"?\r?\n', text)
    if forced:  # Excel's "sep=;" hint line: Excel hides it, so rows are counted without it
        text = text[forced.end() :]
    best: tuple[int, int] = (-1, -1)
    delimiter = ","
    for candidate in ([forced.group(1)] if forced else [",", ";", "\t", "|"]):
        sample = _csv_records(text[:65536], candidate)[: limits.header_search_rows]
        score = max((_header_score(row) for row in sample), default=0)
        width = max((len(row) for row in sample), default=0)
        if (score, width) > best:
            best, delimiter = (score, width), candidate
    rows: list[tuple[int, list[Any]]] = []
    non_blank = 0
    ceiling = limits.max_rows + limits.header_search_rows + 1
    for number, record in enumerate(_csv_records(text, delimiter), start=1):
        _check_width(number, record, limits)
        cells: list[Any] = [
            value[1:] if value.startswith("'") and _FORMULA_ESCAPE.match(value) else value
            for value in record[: limits.max_columns]
        ]
        rows.append((number, cells))
        if not _row_is_blank(cells):
            non_blank += 1
            if non_blank > ceiling:
                raise _too_many_rows(limits)
    return _Table(rows, "csv", notices=notices)


# ---------------------------------------------------------------- reading XLSX files


def _has_formula(sheet_xml: bytes) -> bool:
    return b"<f>" in sheet_xml or b"<f " in sheet_xml


def _read_xlsx(data: bytes, limits: ImportLimits) -> _Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            expanded = sum(info.file_size for info in archive.infolist())
            has_formulas = expanded <= limits.max_unzipped_bytes and any(
                _has_formula(archive.read(name))
                for name in names
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            )
    except (zipfile.BadZipFile, OSError, ValueError):
        raise LogImportError("The file is not a readable XLSX workbook; it may be damaged.") from None
    if "xl/workbook.xml" not in names:
        raise LogImportError(
            "The file is not an Excel workbook (.xlsx). Save it from your spreadsheet program "
            "as .xlsx or CSV and try again."
        )
    if expanded > limits.max_unzipped_bytes:
        raise LogImportError(
            "The workbook is too large to read once unpacked. Save the log sheet on its own as CSV and try again."
        )
    import openpyxl  # deferred: CSV imports should not pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for damaged files; all mean the same here
        raise LogImportError("The XLSX workbook could not be opened; it may be damaged.") from None
    formulas = None
    try:
        if has_formulas:
            # A formula cell saved without its result (by a program other than Excel)
            # reads as empty; the formula text is read as well so it is not lost.
            formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        return _read_best_sheet(book, limits, formulas)
    except LogImportError:
        raise
    except Exception:  # a damaged sheet part surfaces only while rows are read
        raise LogImportError("The XLSX workbook could not be read; it may be damaged.") from None
    finally:
        book.close()
        if formulas is not None:
            formulas.close()


def _read_best_sheet(book: Any, limits: ImportLimits, formulas: Any = None) -> _Table:
    sheets = list(book.worksheets)
    if not sheets:
        raise LogImportError("The workbook has no sheets to read.")
    best_sheet, best_score = sheets[0], -1
    for sheet in sheets:
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # some programs write a wrong size; read what is there
        sample = []
        for values in sheet.iter_rows(max_row=limits.header_search_rows, values_only=True):
            sample.append(values)
        score = max((_header_score(row) for row in sample), default=0)
        if score > best_score:
            best_sheet, best_score = sheet, score
    notices = []
    others = [sheet.title for sheet in sheets if sheet is not best_sheet]
    if others:
        listed = ", ".join(f'"{title}"' for title in others)
        notices.append(f'Only the sheet "{best_sheet.title}" was read; the workbook\'s other sheets ({listed}) were not.')
    rows: list[tuple[int, list[Any]]] = []
    non_blank = 0
    ceiling = limits.max_rows + limits.header_search_rows + 1
    formula_rows = iter(())
    if formulas is not None:
        formula_sheet = formulas[best_sheet.title]
        formula_sheet.reset_dimensions()
        formula_rows = formula_sheet.iter_rows(values_only=True)
    for number, values in enumerate(best_sheet.iter_rows(values_only=True), start=1):
        _check_width(number, values, limits)
        cells = list(values[: limits.max_columns])
        written = next(formula_rows, ())
        for index, value in enumerate(written[: len(cells)]):
            if cells[index] is None and isinstance(value, str) and value.startswith("="):
                cells[index] = value
        rows.append((number, cells))
        if not _row_is_blank(cells):
            non_blank += 1
            if non_blank > ceiling:
                raise _too_many_rows(limits)
    return _Table(rows, "xlsx", epoch=getattr(book, "epoch", EXCEL_EPOCH_1900), notices=notices)


# ---------------------------------------------------------------- interpreting rows


def _cell_text(value: Any) -> str:
    """Any cell as the text the person would see (numbers without a stray ".0")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time(0, 0) else value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()[:5] if isinstance(value, time) else value.isoformat()
    if isinstance(value, timedelta):
        return read_time_value(value)
    return str(value)


@dataclass
class _Column:
    index: int
    label: str
    field: str | None


def _plan_columns(header: Sequence[Any], table: _Table) -> tuple[list[_Column], dict[str, str]]:
    """Map each header cell to a field. When two columns name the same field, the more
    certain heading wins (then the leftmost); the other is kept as an unmatched column."""
    labels = [" ".join(_cell_text(value).split()) for value in header]
    chosen: dict[str, tuple[int, int]] = {}
    for index, label in enumerate(labels):
        found = _header_match(label) if label else None
        if found is not None and (found[0] not in chosen or (found[1], index) < chosen[found[0]]):
            chosen[found[0]] = (found[1], index)
    owner = {index: name for name, (_, index) in chosen.items()}
    columns = [
        _Column(index, label or f"Column {_column_letter(index)}", owner.get(index))
        for index, label in enumerate(labels)
    ]
    mapping = {name: labels[index] for name, (_, index) in sorted(chosen.items(), key=lambda item: item[1][1])}
    return columns, mapping


def _find_header(table: _Table, limits: ImportLimits) -> int:
    """Index in `table.rows` of the header: the first row, among the first few non-blank
    ones, naming the most fields."""
    best_index, best_score, seen = -1, 0, 0
    for index, (_, cells) in enumerate(table.rows):
        if _row_is_blank(cells):
            continue
        seen += 1
        if seen > limits.header_search_rows:
            break
        score = _header_score(cells)
        if score > best_score:
            best_index, best_score = index, score
    if best_index < 0:
        raise LogImportError(
            "We could not find the column headings. The first row should name the columns, "
            'for example "Date", "Time", "Place" and "What happened" (see the template).'
        )
    return best_index


def _echo(cells: Sequence[Any]) -> str:
    text = " | ".join(" ".join(_cell_text(value).split()) for value in cells if not _is_blank(value))
    return text if len(text) <= 80 else text[:77] + "..."


class _RowReader:
    """Turns one data row into an incident plus any problems; holds per-file state."""

    def __init__(self, columns: list[_Column], mapping: dict[str, str], header: Sequence[Any],
                 table: _Table, limits: ImportLimits, today: date) -> None:
        self.columns = columns
        self.mapping = mapping
        self.by_field = {column.field: column.index for column in columns if column.field}
        self.header_keys = [
            _header_key(_cell_text(value)) for value in header
        ]
        self.table = table
        self.limits = limits
        self.today = today
        self.ids_seen: dict[str, int] = {}
        self.unmatched_used: dict[str, None] = {}

    def cell(self, cells: Sequence[Any], name: str) -> Any:
        index = self.by_field.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def text(self, cells: Sequence[Any], name: str) -> str:
        return _cell_text(self.cell(cells, name))

    def is_repeated_header(self, cells: Sequence[Any]) -> bool:
        first = self.columns[min(self.by_field.values())]
        value = cells[first.index] if first.index < len(cells) else None
        if not isinstance(value, str) or len(value) > 80 or _header_key(value) != self.header_keys[first.index]:
            return False  # fast path: a repeated header repeats its first recognised heading
        matches = sum(
            1
            for column in self.columns
            if column.field
            and column.index < len(cells)
            and isinstance(cells[column.index], str)
            and len(cells[column.index]) <= 80
            and _header_key(cells[column.index]) == self.header_keys[column.index]
        )
        return matches >= max(2, (len(self.by_field) + 1) // 2)

    def read(self, number: int, cells: list[Any]) -> tuple[Incident | None, list[ImportProblem]]:
        problems: list[ImportProblem] = []

        def flag(kind: ProblemKind, reason: str) -> None:
            problems.append(ImportProblem(number, reason, kind, kind not in _REJECTING))

        id_text = " ".join(self.text(cells, "id").split())
        if id_text.casefold().startswith("example"):
            flag(ProblemKind.EXAMPLE_ROW,
                 "this row's ID marks it as the template's example, so it was not imported; if it is a "
                 f"real incident, clear its ID and import it again (it reads: {_echo(cells)})")
            return None, problems
        if self.is_repeated_header(cells):
            flag(ProblemKind.REPEATED_HEADER, "this row repeats the column headings, so it was not imported")
            return None, problems

        notes = [self.text(cells, "notes")] if "notes" in self.by_field else []
        values: dict[str, Any] = {}

        raw_date = self.cell(cells, "date")
        reading = read_date_value(raw_date, self.table.epoch)
        if reading.error:
            values["unparsed_date"] = _cell_text(raw_date)
            flag(ProblemKind.DATE_UNREADABLE,
                 f"{reading.error}, so the incident was kept without a date for you to correct")
        elif reading.ok:
            values["date"], values["date_precision"] = reading.value, reading.precision
            if reading.warning:
                flag(ProblemKind.DATE_CHECK, f"{reading.warning}; please check it")
            if reading.value is not None and reading.value > self.today:
                shown = format_date_for_court(reading.value, reading.precision)
                flag(ProblemKind.DATE_IN_FUTURE, f"the date {shown} is in the future; please check it")

        values["time"] = read_time_value(self.cell(cells, "time")) or reading.time
        values["how"], values["how_other"] = parse_how(self.text(cells, "how"))
        for name in ("place", "what_happened", "words_said", "witnesses", "police_force",
                     "police_officer", "crime_reference", "evidence", "effect"):
            values[name] = self.text(cells, name)
        for name in ("reported_to_police", "children_present"):
            raw = self.cell(cells, name)
            if isinstance(raw, bool):
                values[name] = raw
                continue
            said = _cell_text(raw)
            values[name], understood = parse_yes_no(said)
            if not understood:
                notes.append(f"{self.mapping[name]}: {said}")

        if id_text:
            if len(id_text) > self.limits.max_id_length:
                notes.append(f"{self.mapping['id']}: {id_text}")
                flag(ProblemKind.ID_REPLACED, "the ID in this row is too long, so it was given a new one")
            elif id_text in self.ids_seen:
                flag(ProblemKind.DUPLICATE_ID,
                     f"this row has the same ID as row {self.ids_seen[id_text]}, so it was given a new one")
            else:
                self.ids_seen[id_text] = number
                values["id"] = id_text

        for column in self.columns:
            if column.field is None and column.index < len(cells) and not _is_blank(cells[column.index]):
                notes.append(f"{column.label}: {_cell_text(cells[column.index])}")
                self.unmatched_used.setdefault(column.label)
        for index in range(len(self.columns), len(cells)):
            if not _is_blank(cells[index]):
                label = f"Column {_column_letter(index)}"
                notes.append(f"{label}: {_cell_text(cells[index])}")
                self.unmatched_used.setdefault(label)
        values["notes"] = "\n".join(part for part in (note.strip() for note in notes) if part)

        incident = Incident(**values)
        if "what_happened" in self.by_field and not incident.what_happened:
            flag(ProblemKind.NO_DESCRIPTION, "nothing is written under What happened")
        return incident, problems


def _interpret(table: _Table, limits: ImportLimits, today: date) -> ImportResult:
    header_index = _find_header(table, limits)
    header_number, header = table.rows[header_index]
    columns, mapping = _plan_columns(header, table)
    reader = _RowReader(columns, mapping, header, table, limits, today)

    last = len(table.rows)
    while last > header_index + 1 and _row_is_blank(table.rows[last - 1][1]):
        last -= 1
    data_rows = table.rows[header_index + 1 : last]
    if len(data_rows) > limits.max_rows:
        raise _too_many_rows(limits)

    incidents: list[Incident] = []
    incident_rows: list[int] = []
    problems: list[ImportProblem] = []
    blank_rows: list[int] = []
    for number, cells in table.rows[:header_index]:
        if _row_is_blank(cells):
            blank_rows.append(number)
        else:
            problems.append(ImportProblem(
                number,
                f"this row is above the column headings, so it was not imported (it reads: {_echo(cells)})",
                ProblemKind.ABOVE_HEADER,
                False,
            ))
    for number, cells in data_rows:
        if _row_is_blank(cells):
            blank_rows.append(number)
            continue
        incident, row_problems = reader.read(number, cells)
        problems.extend(row_problems)
        if incident is not None:
            incidents.append(incident)
            incident_rows.append(number)

    unmatched = [column.label for column in columns if column.field is None and column.label in reader.unmatched_used]
    unmatched += [label for label in reader.unmatched_used if label not in unmatched]
    problems.sort(key=lambda problem: problem.row)
    return ImportResult(
        incidents=incidents,
        problems=problems,
        column_mapping=mapping,
        unmatched_columns=unmatched,
        rows_read=header_index + len(data_rows),
        blank_rows=sorted(blank_rows),
        incident_rows=incident_rows,
        notices=list(table.notices),
        file_format=table.file_format,
    )


# ---------------------------------------------------------------- entry points


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def import_log_bytes(data: bytes, filename: str = "log.csv", *, limits: ImportLimits = LIMITS,
                     today: date | None = None) -> ImportResult:
    """Read an uploaded incident log (what the interview calls with an upload's bytes).

    Args:
        data: the file's contents.
        filename: its name; only the extension is used, to tell CSV from XLSX when the
            contents alone do not.
        limits: size limits (tests pass smaller ones).
        today: the date after which a date is "in the future" (defaults to today).

    Raises:
        LogImportError: the file is not a CSV or XLSX we can read, or is over a limit.
    """
    if len(data) > limits.max_file_bytes:
        raise LogImportError(
            f"The file is {_size_text(len(data))}; the most we can read is "
            f"{_size_text(limits.max_file_bytes)}. Split the log into smaller files."
        )
    if not data.strip():
        raise LogImportError("The file is empty.")
    extension = Path(filename).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(data, limits)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LogImportError(
            "This is an old-style Excel file (.xls). Save it as .xlsx or CSV and try again."
        )
    elif data.startswith(b"%PDF"):
        raise LogImportError("This is a PDF, not a spreadsheet. Use a CSV or XLSX file.")
    elif extension in _XLSX_EXTENSIONS:
        raise LogImportError("The file is named as an XLSX workbook but is not one; it may be damaged.")
    elif extension in _CSV_EXTENSIONS:
        table = _read_csv(data, limits)
    else:
        raise LogImportError(f"The file is not a CSV or XLSX spreadsheet (it ends in {extension}).")
    return _interpret(table, limits, today or date.today())


def import_log_file(path: str | Path, *, limits: ImportLimits = LIMITS, today: date | None = None) -> ImportResult:
    """Read an incident log from disk; see `import_log_bytes`.

    Raises:
        LogImportError: also when the path is missing, a folder, or unreadable.
    """
    file = Path(path)
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise LogImportError("That is a folder, not a file.")
        if size > limits.max_file_bytes:
            raise LogImportError(
                f"The file is {_size_text(size)}; the most we can read is "
                f"{_size_text(limits.max_file_bytes)}. Split the log into smaller files."
            )
        data = file.read_bytes()
    except FileNotFoundError:
        raise LogImportError("There is no such file.") from None
    except PermissionError:
        raise LogImportError("The file could not be opened (permission denied).") from None
    except OSError:
        raise LogImportError("The file could not be read.") from None
    return import_log_bytes(data, file.name, limits=limits, today=today)
