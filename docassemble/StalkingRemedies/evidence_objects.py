"""Interview glue for evidence: one `ExhibitEntry` per uploaded file, and the exhibit
list (marks such as "JS1") built from them with the pure `evidence` module.

Why it looks like this:

* **A file, then its details.** The person uploads several files at once; each becomes an
  entry whose details (kind, description, incidents, bundle) are asked one screen at a
  time, like an incident, with "done" flags so a screen can be re-opened filled in.
* **Marks follow the story.** Exhibits are numbered in the order of the earliest incident
  each relates to (evidence for no incident last, then upload order), so "JS1" is the
  first thing the court reads about. Numbering starts where the person's earlier
  statements stopped (`exhibit_start_number`), as CPR PD 32 asks.
* **Audio and video are listed, not embedded.** A PDF bundle cannot hold them; the pure
  module marks them so, and the bundle question is not asked for them.

Imports docassemble (a DAObject subclass must); tested through the engine.
"""

from __future__ import annotations

from typing import Any

from docassemble.base.util import DAObject

from docassemble.StalkingRemedies.evidence import (
    FAMILY_BUNDLE_RULE,
    EvidenceItem,
    EvidenceKind,
    Exhibit,
    assign_exhibit_marks,
    initials_from_name,
    kind_from_file_name,
    exhibit_mark,
    family_bundle_warning,
    marks_by_incident,
)
from docassemble.StalkingRemedies.incident_screens import incident_choice_label, md_cell, md_escape, md_table
from docassemble.StalkingRemedies.incidents import Incident, sort_key

__all__ = [
    "EVIDENCE_CHOICES",
    "EVIDENCE_SCREEN_FLAGS",
    "ExhibitEntry",
    "FAMILY_BUNDLE_RULE",
    "KIND_CHOICES",
    "add_uploaded_files",
    "clean_initials",
    "default_initials",
    "evidence_choice_list",
    "evidence_items",
    "exhibit_choices",
    "exhibit_list_markdown",
    "exhibit_mark_example",
    "exhibit_marks_by_incident",
    "exhibit_table_rows",
    "incident_checkbox_choices",
    "make_exhibits",
    "remove_exhibit",
    "removed_notice",
    "reopen_exhibit",
]

#: The evidence list's choices: key -> label.
EVIDENCE_CHOICES: dict[str, str] = {
    "add": "Upload more files",
    "edit": "Change the details of a file",
    "remove": "Remove a file",
    "done": "My evidence is complete for now",
}

#: The "done" flags of an exhibit's screens, in the order they are asked.
EVIDENCE_SCREEN_FLAGS: tuple[str, ...] = ("about_done", "incidents_done", "bundle_done")

#: Radio choices for "What kind of file is this?".
KIND_CHOICES: list[dict[str, str]] = [{kind.value: kind.label} for kind in EvidenceKind]


def _ticked(value: Any) -> list[str]:
    if value is None:
        return []
    if hasattr(value, "items"):
        return [str(key) for key, chosen in value.items() if chosen]
    if isinstance(value, str):
        return [value]
    return [str(key) for key in value]


class ExhibitEntry(DAObject):
    """One uploaded evidence file as the interview gathers it.

    Set here: `file` (the DAFile), `file_name`, `kind_guess`, `exhibit_id`.
    Set by the screens: `kind`, `description`, `incident_ids` (checkboxes of incident ids),
    `include_in_bundle` (asked only for files a bundle can hold).
    """

    def _get(self, name: str, default: Any = "") -> Any:
        return self.__dict__.get(name, default)

    def embeddable(self) -> bool:
        """False for audio and video (listed, not put in the bundle)."""
        return EvidenceKind(self._get("kind", None) or self._get("kind_guess", "other")).embeddable

    def to_item(self) -> EvidenceItem:
        """The pure evidence item (what marks and warnings are made from)."""
        kind = EvidenceKind(self._get("kind", None) or self._get("kind_guess", "other"))
        return EvidenceItem(
            file_name=self._get("file_name", "file"),
            kind=kind,
            description=self._get("description") or "",
            incident_ids=tuple(_ticked(self._get("incident_ids", None))),
            include_in_bundle=bool(self._get("include_in_bundle", False)) and kind.embeddable,
            id=self._get("exhibit_id", "") or self.instanceName,
        )


def add_uploaded_files(exhibits: Any, upload: Any) -> int:
    """Make an entry for each uploaded file; returns how many were added."""
    files = list(upload.elements) if hasattr(upload, "elements") else [upload]
    for the_file in files:
        entry = exhibits.appendObject()
        entry.file = the_file
        entry.file_name = str(getattr(the_file, "filename", "") or "file")
        entry.kind_guess = kind_from_file_name(entry.file_name).value
        entry.exhibit_id = f"exhibit-{getattr(the_file, 'number', len(exhibits.elements))}"
    return len(files)


def reopen_exhibit(exhibits: Any, index: int) -> None:
    """Ask an exhibit's screens again, filled in as before."""
    exhibits.elements[int(index)].delattr(*EVIDENCE_SCREEN_FLAGS, "complete")


def remove_exhibit(exhibits: Any, index: int) -> str:
    """Take a file off the exhibit list; returns its name (for the message)."""
    entry = exhibits.elements.pop(int(index))
    exhibits._reset_instance_names()
    return str(entry.__dict__.get("file_name", "the file"))


def evidence_items(exhibits: Any) -> list[EvidenceItem]:
    """The complete entries as pure evidence items, in upload order."""
    return [entry.to_item() for entry in exhibits.elements if entry.__dict__.get("complete")]


def make_exhibits(items: list[EvidenceItem], incidents: list[Incident], initials: str, start: int = 1) -> list[Exhibit]:
    """Exhibits with marks, numbered in the order of the earliest incident each relates to.

    Evidence for no incident (or only for deleted incidents) comes last, in upload order.
    """
    keys = {incident.id: sort_key(incident) for incident in incidents}

    def order(position_item: tuple[int, EvidenceItem]) -> tuple[Any, ...]:
        position, item = position_item
        linked = [keys[incident_id] for incident_id in item.incident_ids if incident_id in keys]
        return (0, min(linked), position) if linked else (1, (), position)

    ordered = [item for _, item in sorted(enumerate(items), key=order)]
    return assign_exhibit_marks(ordered, initials, max(1, int(start)))


def exhibit_marks_by_incident(exhibits: list[Exhibit]) -> dict[str, list[str]]:
    """Incident id -> marks (for the schedule's evidence column)."""
    return marks_by_incident(exhibits)


def incident_checkbox_choices(incidents: list[Incident]) -> list[dict[str, str]]:
    """Checkbox choices for "Which incidents does this relate to?": id -> short label."""
    return [{incident.id: incident_choice_label(number, incident)} for number, incident in enumerate(incidents, start=1)]


def clean_initials(typed: str) -> str:
    """The initials as marks use them: letters only, in capitals ("c.p.e " -> "CPE").
    Welsh and other accented letters are kept. "" when no letter was typed."""
    return "".join(char for char in str(typed or "") if char.isalpha()).upper()


def default_initials(first_name: str, last_name: str) -> str:
    """Initials for the marks from the name given; "" when there is nothing to use."""
    try:
        return initials_from_name(f"{first_name} {last_name}".strip())
    except ValueError:
        return ""


def exhibit_table_rows(exhibits: list[Exhibit], incidents: list[Incident]) -> list[list[str]]:
    """Rows for the exhibit list screen: mark, file, what it shows, incidents, bundle."""
    numbers = {incident.id: str(number) for number, incident in enumerate(incidents, start=1)}
    rows = []
    for exhibit in exhibits:
        item = exhibit.item
        linked = ", ".join(numbers[incident_id] for incident_id in item.incident_ids if incident_id in numbers)
        if not exhibit.embedded:
            bundle = "Listed, not embedded (audio or video)"
        else:
            bundle = "Yes" if item.include_in_bundle else "No"
        rows.append([
            md_cell(exhibit.mark),
            md_cell(item.file_name),
            md_cell(item.kind.label),
            md_cell(item.description),
            md_cell(linked or "None"),
            md_cell(bundle),
        ])
    return rows


def evidence_choice_list(count: int) -> list[dict[str, str]]:
    """The evidence list's choices; change and remove only when there is a file."""
    keys = ["add", "edit", "remove", "done"] if count else ["add", "done"]
    return [{key: EVIDENCE_CHOICES[key]} for key in keys]


def exhibit_choices(exhibits: Any) -> list[dict[int, str]]:
    """Radio choices naming each uploaded file: index -> "1. screenshot.png: what it shows"."""
    choices = []
    for index, entry in enumerate(exhibits.elements):
        description = str(entry.__dict__.get("description", "") or "")
        label = f"{index + 1}. {entry.__dict__.get('file_name', 'file')}"
        choices.append({index: f"{label}: {description}" if description else label})
    return choices


def removed_notice(file_name: str) -> str:
    """The sentence shown after a file is removed."""
    return f"{file_name} was removed from your evidence."


def exhibit_mark_example(initials: str) -> str:
    """"JS1" for the person's own initials, or "JS1" when we do not have them yet."""
    return exhibit_mark(initials or "JS", 1)


_HEADERS = ("Mark", "File", "Kind", "What it shows", "Incidents", "In the bundle?")


def exhibit_list_markdown(exhibits: list[Exhibit], incidents: list[Incident]) -> str:
    """The evidence list screen: the table, what happens to audio and video, and the
    family-court bundle warning when anything is chosen for the bundle."""
    if not exhibits:
        return "You have not uploaded any files yet."
    parts = [
        f"You have **{len(exhibits)} exhibit{'s' if len(exhibits) != 1 else ''}**, numbered in "
        "the order of the incidents they relate to. The Incidents column uses the numbers in "
        "your incident log.",
        md_table(_HEADERS, exhibit_table_rows(exhibits, incidents)),
    ]
    if any(not exhibit.embedded for exhibit in exhibits):
        parts.append(
            "Audio and video files keep their mark and are listed in your bundle's index, but "
            "the files themselves cannot go inside a PDF. Ask the court how it wants to "
            "receive them."
        )
    warning = family_bundle_warning([exhibit.item for exhibit in exhibits])
    if warning:
        parts.append(f"**If your case is in the family court:** {md_escape(warning)}")
    return "\n\n".join(parts)
