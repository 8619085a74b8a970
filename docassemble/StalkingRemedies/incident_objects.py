"""Interview glue for the incident log: the object the interview fills in, screen by screen,
and the few steps that change the log (add, change, delete, import), each of which must
happen exactly once.

Why it looks like this:

* **One log, one list.** Typed and imported incidents live in the same docassemble list,
  `incidents`, of `IncidentEntry` objects, so the review table, change and delete work the
  same for both. Everything downstream (the schedule, the pattern summary, the decision)
  reads pure `incidents.Incident` values made by `IncidentEntry.to_incident`.
* **Screens re-open, answers stay.** Each incident screen has a "done" flag (its
  `continue button field`). Changing part of an incident removes that flag only; the
  answers stay defined, so the screen comes back filled in.
* **Change happens once.** docassemble re-runs a code block from the top after every
  screen. The steps here either check before acting (`start_most_recent_entry`) or are
  called as the last thing before the interview forgets the choice that asked for them
  (see incidents_logic.yml), so a re-run never adds or deletes twice.
* **Nothing typed is lost on import.** `merge_import` only appends: existing entries are
  never rebuilt, so what the person typed (and which screens they finished) stays as it was.

Imports docassemble (a DAObject subclass must), so it is tested through the engine in
tests/test_engine_incidents.py; the wording lives in the pure `incident_screens`.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from importlib import resources
from typing import Any

from docassemble.base.util import DADict, DAObject

from docassemble.StalkingRemedies.incident_dates import DatePrecision, MONTH_NAMES
from docassemble.StalkingRemedies.incident_export import export_csv, export_xlsx
from docassemble.StalkingRemedies.incident_import import LIMITS, ImportResult, LogImportError, import_log_bytes
from docassemble.StalkingRemedies.incident_patterns import summarise_patterns
from docassemble.StalkingRemedies.interview_facts import ticked
from docassemble.StalkingRemedies.incident_screens import EDIT_PARTS, incident_choice_label, shorten, when_text
from docassemble.StalkingRemedies.incidents import (
    How,
    Incident,
    MergeResult,
    merge_logs,
    new_incident_id,
    sort_key,
)

__all__ = [
    "HOW_CHOICES",
    "IMPORT_STATE",
    "IncidentEntry",
    "MONTH_CHOICES",
    "SCREEN_FLAGS",
    "YES_NO_UNSURE",
    "add_entry",
    "complete_all",
    "delete_entry",
    "deleted_notice",
    "entry_choices",
    "entry_label",
    "facts_incidents",
    "has_most_recent_entry",
    "latest_entry_label",
    "log_incidents",
    "merge_import",
    "prepare_download",
    "prepare_log_copies",
    "preview_merge",
    "read_upload",
    "reopen_entry",
    "sort_entries",
    "start_most_recent_entry",
    "summarise_patterns",
    "template_path",
    "upload_name",
]

#: What one import remembers (the upload, what was read, the choices on the preview):
#: forgotten together when the person accepts, cancels or chooses another file.
IMPORT_STATE: tuple[str, ...] = (
    "incident_upload",
    "incident_upload_name",
    "incident_import_result",
    "incident_import_decision",
    "incident_import_preview_choice",
    "incident_import_unreadable_choice",
)

#: The "done" flags of an incident's screens, in the order they are asked.
SCREEN_FLAGS: tuple[str, ...] = EDIT_PARTS["all"][1]

#: Checkbox choices for "How did it happen?": value -> label, from the model's kinds.
HOW_CHOICES: list[dict[str, str]] = [{kind.value: kind.label} for kind in How]

#: Month names for the "I only know the month" answer.
MONTH_CHOICES: list[dict[int, str]] = [{number: MONTH_NAMES[number]} for number in range(1, 13)]

#: Radio choices for yes / no / not sure questions, and what each means in the model.
YES_NO_UNSURE: list[dict[str, str]] = [{"yes": "Yes"}, {"no": "No"}, {"unsure": "Not sure"}]
_YES_NO_VALUE = {"yes": True, "no": False, "unsure": None}


def _flag_from(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "unsure"}[value]


class IncidentEntry(DAObject):
    """One incident as the interview gathers it (attribute names match `Incident`).

    Set by the screens: `date_precision`, `date`, `month_number`, `month_year`, `time`,
    `place`, `how` (checkboxes), `how_other`, `what_happened`, `words_said`, `witnesses`,
    `children_present` / `reported_to_police` ("yes", "no", "unsure"), `police_force`,
    `police_officer`, `crime_reference`, `evidence`, `effect`, `notes`.
    Set here: `incident_id` (stable), `source` ("typed" or "import"), `source_note`
    (which file and row an imported incident came from, and any duplicate flag),
    `unparsed_date` (an imported date we could not read), `asked_as_most_recent`.
    """

    def init(self, *pargs: Any, **kwargs: Any) -> None:
        super().init(*pargs, **kwargs)
        if "incident_id" not in self.__dict__:
            self.incident_id = new_incident_id()
        if "source" not in self.__dict__:
            self.source = "typed"

    # Attributes are read from __dict__ so that a missing optional answer never sets off
    # docassemble's "ask for it" machinery from inside a conversion.
    def _get(self, name: str, default: Any = "") -> Any:
        return self.__dict__.get(name, default)

    def _date_values(self) -> dict[str, Any]:
        precision = self._get("date_precision", DatePrecision.UNKNOWN.value) or DatePrecision.UNKNOWN.value
        if precision == DatePrecision.MONTH.value:
            month, year = self._get("month_number", None), self._get("month_year", None)
            if month and year:
                return {"date": _dt.date(int(year), int(month), 1), "date_precision": DatePrecision.MONTH}
            return {"date": None, "date_precision": DatePrecision.UNKNOWN,
                    "unparsed_date": self._get("unparsed_date")}
        if precision in (DatePrecision.EXACT.value, DatePrecision.APPROXIMATE.value):
            day = self._get("date", None)
            if isinstance(day, _dt.datetime):
                day = day.date()
            if isinstance(day, _dt.date):
                return {"date": _dt.date(day.year, day.month, day.day), "date_precision": DatePrecision(precision)}
        return {"date": None, "date_precision": DatePrecision.UNKNOWN, "unparsed_date": self._get("unparsed_date")}

    def to_incident(self) -> Incident:
        """The pure model of this entry (what the schedule, patterns and decision read)."""
        how = [How(key) for key in ticked(self._get("how", None)) if key in How._value2member_map_]
        reported = _YES_NO_VALUE.get(self._get("reported_to_police", "unsure"), None)
        police = {name: self._get(name) for name in ("police_force", "police_officer", "crime_reference")}
        if reported is False:
            police = {name: "" for name in police}
        return Incident(
            id=self.incident_id,
            time=self._get("time") or "",
            place=self._get("place") or "",
            how=tuple(how),
            how_other=(self._get("how_other") or "") if How.OTHER in how else "",
            what_happened=self._get("what_happened") or "",
            words_said=self._get("words_said") or "",
            witnesses=self._get("witnesses") or "",
            reported_to_police=reported,
            evidence=self._get("evidence") or "",
            effect=self._get("effect") or "",
            children_present=_YES_NO_VALUE.get(self._get("children_present", "unsure"), None),
            notes=self._get("notes") or "",
            **police,
            **self._date_values(),
        )

    def fill_from(self, incident: Incident, source_note: str = "") -> None:
        """Copy an imported incident in, as answered and complete (no screens asked)."""
        self.incident_id = incident.id
        self.source = "import"
        self.source_note = source_note
        self.date_precision = incident.date_precision.value
        self.unparsed_date = incident.unparsed_date
        if incident.date is not None:
            self.date = incident.date
            self.month_number = incident.date.month
            self.month_year = incident.date.year
        self.time = incident.time
        self.place = incident.place
        # A DADict, as a checkboxes answer is, so the "how" screen re-opens ticked as before.
        self.initializeAttribute("how", DADict, auto_gather=False, gathered=True)
        for kind in How:
            self.how[kind.value] = kind in incident.how
        self.how_other = incident.how_other
        for name in ("what_happened", "words_said", "witnesses", "police_force", "police_officer",
                     "crime_reference", "evidence", "effect", "notes"):
            setattr(self, name, getattr(incident, name))
        self.reported_to_police = _flag_from(incident.reported_to_police)
        self.children_present = _flag_from(incident.children_present)
        self.asked_as_most_recent = False
        for flag in SCREEN_FLAGS:
            setattr(self, flag, True)
        self.complete = True

    def is_most_recent_prompt(self) -> bool:
        """True for the entry asked as "Tell us about the most recent time"."""
        return bool(self._get("asked_as_most_recent", False))

    def date_to_check(self) -> str:
        """An imported date we could not read, while the person has not replaced it."""
        if self._get("date_precision", "unknown") == DatePrecision.UNKNOWN.value:
            return str(self._get("unparsed_date") or "")
        return ""

    # -- what the review table shows -----------------------------------------------------
    def when_text(self) -> str:
        """"3 February 2026, 21:15", "February 2026", or "Date to check (you wrote: …)"."""
        return when_text(self.to_incident())

    def where_how_text(self) -> str:
        """"Outside my work (In person, Following)"."""
        incident = self.to_incident()
        how = ", ".join(incident.how_labels)
        if incident.place and how:
            return f"{incident.place} ({how})"
        return incident.place or how

    def short_text(self, length: int = 120) -> str:
        """The start of what happened, for the table."""
        incident = self.to_incident()
        return shorten(incident.what_happened or incident.words_said, length)


def complete_all(entries: Any) -> None:
    """Make sure every entry is complete: asks the next unanswered screen, if any."""
    for entry in list(entries.elements):
        entry.complete  # noqa: B018 - asking for it is the point: docassemble fills it in


def sort_entries(entries: Any) -> None:
    """Put the log in date order (undated last; ties keep their order). Call only when
    every entry is complete: a re-numbered list must not move a half-asked incident."""
    keyed = [(sort_key(entry.to_incident()), position) for position, entry in enumerate(entries.elements)]
    order = sorted(range(len(keyed)), key=lambda index: keyed[index])
    if order != list(range(len(order))):
        entries.elements = [entries.elements[index] for index in order]
        entries._reset_instance_names()


def log_incidents(entries: Any) -> list[Incident]:
    """The log as pure incidents, in the list's order (complete entries only)."""
    return [entry.to_incident() for entry in entries.elements if entry.__dict__.get("complete")]


def facts_incidents(entries: Any, as_of: Any = None) -> list[dict[str, str]]:
    """The log in the decision contract's shape: `{"date": "YYYY-MM-DD"}` for each incident.

    An incident without a date still happened, so it still counts as an occasion: it is
    given today's date (month-only dates are already the 1st of their month). A date after
    today, which the contract refuses, is also given today's date. The decision reads
    dates only to count occasions and to check the six-year limit, for which "today" is
    the cautious answer.
    """
    today = _as_date(as_of) if as_of is not None else _dt.date.today()
    return [
        {"date": min(incident.date or today, today).isoformat()}
        for incident in log_incidents(entries)
    ]


def _as_date(value: Any) -> _dt.date:
    """A date from a date, a datetime or an ISO string (docassemble dates are datetimes)."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])


def entry_choices(entries: Any) -> list[dict[int, str]]:
    """Radio choices naming each incident: index -> "2. 3 February 2026: He waited…"."""
    return [
        {index: incident_choice_label(index + 1, entry.to_incident())}
        for index, entry in enumerate(entries.elements)
    ]


def has_most_recent_entry(entries: Any) -> bool:
    """True when the log already has the entry asked as "the most recent time"."""
    return any(entry.__dict__.get("asked_as_most_recent") for entry in entries.elements)


def latest_entry_label(entries: Any) -> str:
    """The latest dated incident in the log: "12 January 2026: Flowers on the doorstep…"."""
    dated = [incident for incident in (entry.to_incident() for entry in entries.elements) if incident.date]
    if not dated:
        return ""
    latest = max(dated, key=sort_key)
    return f"{when_text(latest)}: {shorten(latest.what_happened or latest.words_said, 200)}"


def entry_label(entries: Any, index: int) -> str:
    """One incident named as in a list of choices ("2. 3 February 2026: He waited…")."""
    return incident_choice_label(int(index) + 1, entries.elements[int(index)].to_incident())


def start_most_recent_entry(entries: Any) -> Any:
    """Add the entry for "the most recent time", unless there already is one. Safe to call
    on every re-run of the block that asks about it."""
    for entry in entries.elements:
        if entry.__dict__.get("asked_as_most_recent"):
            return entry
    entry = entries.appendObject()
    entry.asked_as_most_recent = True
    return entry


def add_entry(entries: Any) -> Any:
    """Add an empty entry to be asked about (the review screen's "Add another")."""
    entry = entries.appendObject()
    entry.asked_as_most_recent = False
    return entry


def reopen_entry(entries: Any, index: int, part: str) -> None:
    """Re-open part of an incident: its screens are asked again, filled in as before."""
    entry = entries.elements[int(index)]
    flags = EDIT_PARTS.get(part, EDIT_PARTS["all"])[1]
    entry.delattr(*flags, "complete")


def deleted_notice(number: int, removed: Incident) -> str:
    """The sentence shown after a deletion."""
    return f"Incident {number} ({removed.date_for_court}) was deleted from your log."


def delete_entry(entries: Any, index: int) -> Incident:
    """Remove one incident from the log; returns what was removed (for the message)."""
    entry = entries.elements[int(index)]
    removed = entry.to_incident()
    entries.elements.pop(int(index))
    entries._reset_instance_names()
    return removed


# -- importing ------------------------------------------------------------------------------


def upload_name(upload: Any) -> str:
    """The name of an uploaded file, as the person's device called it."""
    the_file = upload.elements[0] if hasattr(upload, "elements") else upload
    return str(getattr(the_file, "filename", "") or "your file")


def read_upload(upload: Any) -> ImportResult | str:
    """Run the importer on an uploaded file; a plain-English sentence if it cannot be read.

    Args:
        upload: the `datatype: file` answer (a DAFileList) or one DAFile.
    """
    the_file = upload.elements[0] if hasattr(upload, "elements") else upload
    filename = str(getattr(the_file, "filename", "") or "log.csv")
    try:
        path = the_file.path()
        size = os.path.getsize(path)
    except Exception:  # noqa: BLE001 - any failure to reach the file is "could not read it"
        return "We could not open that file. Please try again, or choose a different file."
    if size > LIMITS.max_file_bytes:
        # Checked before reading, so a huge upload is never loaded into memory. Rounded up,
        # so a file just over the limit never reads as "5.0 MB; the most is 5.0 MB".
        size_mb = math.ceil(size / (1024 * 1024) * 10) / 10
        limit_mb = LIMITS.max_file_bytes / (1024 * 1024)
        return (
            f"The file is too big to read: it is {size_mb:.1f} MB and the most we can read is "
            f"{limit_mb:g} MB. Split the log into smaller files and import them one by one."
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        return import_log_bytes(data, filename)
    except LogImportError as error:
        return str(error)
    except Exception:  # noqa: BLE001 - a damaged file must never show a stack trace
        return "We could not read that file. It may be damaged. Save it again as CSV or XLSX and try again."


def preview_merge(entries: Any, result: ImportResult) -> MergeResult:
    """What accepting the import would do, worked out without changing the log."""
    return merge_logs(log_incidents(entries), result.incidents)


def merge_import(entries: Any, result: ImportResult, filename: str = "") -> MergeResult:
    """Add an accepted import to the log. Existing entries are not touched; likely
    duplicates are added and flagged, never dropped."""
    existing = log_incidents(entries)
    merged = merge_logs(existing, result.incidents)
    flags = {flag.imported_id: flag.reason for flag in merged.duplicates}
    existing_by_id = {incident.id: incident for incident in existing}
    # `merge_logs` appends the added incidents in file order, skipping exact copies of
    # ones already in the log; an edited copy may get a new id. Walk the file in step with
    # the added incidents so each keeps its spreadsheet row number.
    added = iter(merged.incidents[len(existing):])
    where = f"From {filename}" if filename else "From a spreadsheet"
    for incident, row in zip(result.incidents, result.incident_rows):
        if existing_by_id.get(incident.id) == incident:
            continue
        added_incident = next(added)
        note = f"{where}, row {row}."
        if added_incident.id in flags:
            note += f" May be a duplicate: {flags[added_incident.id]}."
        entry = entries.appendObject()
        entry.fill_from(added_incident, source_note=note)
    return merged


def prepare_download(target: Any, template_name: str, download_name: str) -> bool:
    """Copy one of the package's spreadsheet templates into a DAFile the person can
    download; False (and no link shown) if the template is missing."""
    source = template_path(template_name)
    if source is None:
        return False
    target.initialize(filename=download_name)
    target.copy_into(source)
    target.commit()
    return True


def prepare_log_copies(xlsx_file: Any, csv_file: Any, incidents: list[Incident]) -> bool:
    """Write the log into two DAFiles (XLSX and CSV) the person can download and keep.

    The files use the published template's columns and carry each incident's id, so
    uploading one later imports the same log (tests/test_incident_export.py round-trips it).
    False, and no links shown, while the log is empty.
    """
    if not incidents:
        return False
    for target, data, name in (
        (xlsx_file, export_xlsx(incidents), "my-incident-log.xlsx"),
        (csv_file, export_csv(incidents), "my-incident-log.csv"),
    ):
        target.initialize(filename=name)
        target.write(data, binary=True)
        target.commit()
    return True


def template_path(filename: str) -> str | None:
    """Where a file in the package's templates folder is, or None if it is not there."""
    try:
        path = resources.files("docassemble.StalkingRemedies").joinpath("data", "templates", filename)
        return str(path) if path.is_file() else None
    except (ModuleNotFoundError, FileNotFoundError):
        return None

