"""What the incident-log screens say: the import preview, the review table's cells, the
choices built from the log, and the pattern summary, as Markdown or plain strings.

Why a module of its own: the interview YAML should ask questions, not assemble paragraphs.
Everything here is a pure function of the pure model (`incidents.Incident`,
`incident_import.ImportResult`, `incidents.MergeResult`, `incident_patterns.PatternSummary`),
so the wording is tested without the engine.

It also shapes the data of the schedule of incidents (`schedule_document`), which
templates/incident_schedule.docx prints.

The person's own words are shown back to them on screen. docassemble renders screen text as
Markdown, so anything they typed goes through `md_escape` first: a narrative containing
`*`, `_`, `<script>` or `[link](...)` is shown as typed, never interpreted.

Pure Python: no docassemble import.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from docassemble.StalkingRemedies.incident_export import schedule_rows
from docassemble.StalkingRemedies.incident_import import FIELD_LABELS, ImportResult
from docassemble.StalkingRemedies.incident_patterns import PatternSummary, summarise_patterns
from docassemble.StalkingRemedies.incidents import Incident, MergeResult

__all__ = [
    "EDIT_PARTS",
    "IMPORT_DECISIONS",
    "REVIEW_CHOICES",
    "ScheduleDocument",
    "ScheduleLine",
    "edit_part_choices",
    "import_decision_choices",
    "import_limits_text",
    "import_preview_markdown",
    "incident_choice_label",
    "md_cell",
    "md_escape",
    "md_table",
    "pattern_markdown",
    "review_choice_list",
    "review_intro_markdown",
    "schedule_document",
    "shorten",
    "when_text",
]

#: The parts of an incident the person can change, in the order the screens ask them.
#: key -> (what the person reads, the "done" flags of the screens that ask it).
EDIT_PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "all": ("All of it, screen by screen", ("when_done", "where_done", "what_done", "who_done",
                                            "police_done", "evidence_done")),
    "when": ("When it happened", ("when_done",)),
    "where": ("Where and how it happened", ("where_done",)),
    "what": ("What happened and what was said", ("what_done",)),
    "who": ("Who saw it, and children", ("who_done",)),
    "police": ("The police", ("police_done",)),
    "evidence": ("Evidence, the effect on you, and notes", ("evidence_done",)),
}

#: The review screen's choices: key -> label. Change and delete only appear when the log
#: has something in it (see `review_choices`).
REVIEW_CHOICES: dict[str, str] = {
    "add": "Add another incident",
    "edit": "Change an incident",
    "delete": "Delete an incident",
    "import": "Add incidents from a spreadsheet",
    "done": "My log is complete for now",
}

#: The import preview's choices.
IMPORT_DECISIONS: dict[str, str] = {
    "accept": "Add these incidents to my log",
    "another": "Choose a different file",
    "cancel": "Cancel: do not import anything",
}

def review_choice_list(count: int) -> list[dict[str, str]]:
    """The review screen's choices; change and delete only when there is something."""
    keys = ["add", "edit", "delete", "import", "done"] if count else ["add", "import", "done"]
    return [{key: REVIEW_CHOICES[key]} for key in keys]


def edit_part_choices() -> list[dict[str, str]]:
    """The choices for "What do you want to change?"."""
    return [{key: label} for key, (label, _flags) in EDIT_PARTS.items()]


def import_decision_choices(result: ImportResult, merge_preview: MergeResult) -> list[dict[str, str]]:
    """The preview's choices: "Add these" only when there is something to add."""
    keys = ["accept", "another", "cancel"] if merge_preview.added_ids else ["another", "cancel"]
    return [{key: IMPORT_DECISIONS[key]} for key in keys]


def import_limits_text() -> str:
    """The importer's limits in words, e.g. "a file of 5 MB, with up to 10,000 rows"."""
    from docassemble.StalkingRemedies.incident_import import LIMITS

    size = LIMITS.max_file_bytes / (1024 * 1024)
    shown = f"{size:.0f}" if size.is_integer() else f"{size:.1f}"
    return f"a file of {shown} MB, with up to {LIMITS.max_rows:,} rows"


_INLINE_SPECIAL = re.compile(r"([\\`*_|~#])")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def md_escape(text: object) -> str:
    """Show a person's text on a Markdown screen exactly as typed.

    HTML is escaped (so `<b>` is shown, not obeyed); square brackets become HTML entities,
    so neither a Markdown link nor one of docassemble's own `[FILE ...]` tags can form;
    other Markdown punctuation is backslashed, including a list marker at the start of a
    line; new lines become Markdown line breaks, so a narrative keeps its shape.
    """
    if text is None:
        return ""
    value = _INLINE_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))
    value = value.replace("[", "&#91;").replace("]", "&#93;")
    lines = []
    for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        line = _LINE_START.sub(lambda found: (found.group(1) + "\\" + found.group(2)) if found.group(1) else "\\" + found.group(3), line)
        lines.append(line)
    return "  \n".join(lines)


def md_cell(text: object) -> str:
    """A person's text as one Markdown table cell: one line, no column breaks, escaped."""
    flat = " ".join(str(text if text is not None else "").split()).replace("|", "/")
    return md_escape(flat)


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table from cells already made safe with `md_cell`."""
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def shorten(text: str, length: int = 120) -> str:
    """One line of at most `length` characters, cut at a word, ending "…" when cut."""
    flat = " ".join(str(text or "").split())
    if len(flat) <= length:
        return flat
    cut = flat[:length]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "\u2026"


def when_text(incident: Incident) -> str:
    """The date as a court would write it, with the time after a comma when there is one."""
    if incident.has_date_problem:
        text = f"Date to check (you wrote: {incident.unparsed_date})"
    else:
        text = incident.date_for_court
    return f"{text}, {incident.time}" if incident.time else text


def incident_choice_label(number: int, incident: Incident, length: int = 70) -> str:
    """How an incident is named in a list of choices: "2. 3 February 2026: He waited…"."""
    words = shorten(incident.what_happened or incident.words_said or "(nothing written yet)", length)
    return f"{number}. {when_text(incident)}: {words}"


def review_intro_markdown(incidents: Sequence[Incident]) -> str:
    """The sentences above the review table: how many, and which dates need correcting."""
    count = len(incidents)
    if count == 0:
        return (
            "Your log is empty. You can add an incident, or bring in incidents from a "
            "spreadsheet."
        )
    lines = [f"Your log has **{count} incident{'s' if count != 1 else ''}**, oldest first."]
    problems = [number for number, incident in enumerate(incidents, start=1) if incident.has_date_problem]
    if problems:
        listed = ", ".join(str(number) for number in problems)
        lines.append(
            f"We could not read the date of incident{'s' if len(problems) != 1 else ''} {listed}. "
            "Change the date when you can: choose **Change an incident**."
        )
    return "\n\n".join(lines)


def _mapping_rows(result: ImportResult) -> list[str]:
    rows = ["| Your column | What we used it for |", "| --- | --- |"]
    for field_name, heading in result.column_mapping.items():
        rows.append(f"| {md_escape(heading)} | {md_escape(FIELD_LABELS.get(field_name, field_name))} |")
    for heading in result.unmatched_columns:
        rows.append(f"| {md_escape(heading)} | Not recognised: kept in each incident's notes |")
    return rows


def import_preview_markdown(result: ImportResult, merge_preview: MergeResult, filename: str = "") -> str:
    """The preview shown before anything is added: what will come in, every row that needs
    attention with its row number and reason, possible duplicates, and the column mapping.

    Args:
        result: what the importer read.
        merge_preview: `merge_logs(existing, result.incidents)` worked out in advance, so
            the person sees duplicates before they accept.
        filename: the uploaded file's name, shown so they know which file this is.
    """
    ready = len(merge_preview.added_ids)
    parts: list[str] = []
    if filename:
        parts.append(f"File: **{md_escape(filename)}**")
    if ready:
        parts.append(
            f"**{ready} incident{'s' if ready != 1 else ''} will be added to your log.** "
            "Nothing already in your log will be changed or removed."
        )
    else:
        parts.append("**There are no new incidents to add from this file.**")
    if merge_preview.already_present_ids:
        same = len(merge_preview.already_present_ids)
        parts.append(
            f"{same} incident{'s are' if same != 1 else ' is'} already in your log word for word, "
            "so we will not add "
            f"{'them' if same != 1 else 'it'} twice."
        )
    if merge_preview.duplicates:
        rows_by_id = dict(zip((incident.id for incident in result.incidents), result.incident_rows))
        lines = []
        for flag in merge_preview.duplicates:
            row = rows_by_id.get(flag.imported_id)
            where = f"Row {row}" if row is not None else "One row"
            lines.append(f"* {where}: {md_escape(flag.reason)}.")
        parts.append(
            "**These may be duplicates.** We will keep both copies so you can check them and "
            "delete one if you need to:\n\n" + "\n".join(lines)
        )
    if result.problems:
        lines = [f"* Row {problem.row}: {md_escape(problem.reason)}." for problem in result.problems]
        rows = sorted({problem.row for problem in result.problems})
        parts.append(
            f"**{len(rows)} row{'s need' if len(rows) != 1 else ' needs'} your attention:**\n\n"
            + "\n".join(lines)
        )
    if result.blank_rows:
        blanks = len(result.blank_rows)
        parts.append(f"{blanks} empty row{'s were' if blanks != 1 else ' was'} skipped.")
    for notice in result.notices:
        parts.append(md_escape(notice))
    parts.append("**How we read your columns**\n\n" + "\n".join(_mapping_rows(result)))
    return "\n\n".join(parts)


def pattern_markdown(summary: PatternSummary) -> str:
    """The pattern summary screen's body: one short paragraph per finding."""
    parts = [md_escape(summary.period_sentence)]
    if summary.by_kind:
        rows = ["| How it happened | Incidents |", "| --- | --- |"]
        rows += [f"| {md_escape(label)} | {count} |" for label, count in summary.by_kind.items()]
        parts.append("\n".join(rows))
    parts.append(md_escape(summary.escalation.sentence))
    if summary.behaviours:
        parts.append(
            "**Stalking behaviours the law gives as examples** (Protection from Harassment "
            "Act 1997, section 2A(3)):\n\n"
            + "\n".join(f"* {md_escape(finding.sentence)}" for finding in summary.behaviours)
        )
    parts.append(md_escape(summary.course_of_conduct_sentence))
    parts.append(f"*{md_escape(summary.caveat)}*")
    return "\n\n".join(parts)


# ---- The schedule of incidents (templates/incident_schedule.docx) -------------------------------


@dataclass(frozen=True)
class ScheduleLine:
    """One row of the schedule document. An object, not a dict: docassemble's Jinja reads
    attributes. Every text here is the person's own (the template escapes it)."""

    number: int
    date: str
    time: str
    place: str
    how: str
    what_happened: str
    words_said: str
    evidence_marks: str


@dataclass(frozen=True)
class ScheduleDocument:
    """Everything the schedule template prints: who prepared it, when, and the lines."""

    prepared_by: str
    made_on: str
    period_sentence: str
    count_sentence: str
    lines: list[ScheduleLine]


def schedule_document(
    incidents: Sequence[Incident],
    marks_by_incident: Mapping[str, Sequence[str]] | None = None,
    prepared_by: str = "",
    made_on: _dt.date | None = None,
) -> ScheduleDocument:
    """The schedule's data: the log in date order (see `incident_export.schedule_rows`)
    with the exact words said and the exhibit marks of each incident.

    Args:
        incidents: the log, in any order.
        marks_by_incident: incident id -> exhibit marks (`evidence.marks_by_incident`).
        prepared_by: the applicant's name. Never an address.
        made_on: the date printed; today when not given.
    """
    words = {incident.id: incident.words_said for incident in incidents}
    rows = schedule_rows(incidents, marks_by_incident or {})
    lines = [
        ScheduleLine(
            number=row.number,
            date=row.date,
            time=row.time,
            place=row.place,
            how=row.how,
            what_happened=row.what_happened,
            words_said=words.get(row.incident_id, ""),
            evidence_marks=row.evidence_marks,
        )
        for row in rows
    ]
    day = made_on or _dt.date.today()
    count = len(lines)
    return ScheduleDocument(
        prepared_by=prepared_by.strip() or "the applicant",
        made_on=f"{day.day} {day:%B %Y}",
        period_sentence=summarise_patterns(incidents).period_sentence,
        count_sentence=f"End of schedule: {count} incident{'s' if count != 1 else ''}.",
        lines=lines,
    )
