"""Evidence items, their exhibit marks, and the warnings that go with putting them in a bundle.

Why: a witness statement refers to each piece of evidence by an exhibit mark made of the
witness's initials and a number ("JS1", "JS2"), and the numbering continues across the
person's statements (CPR PD 32 paras 18.3-18.6; the family court follows the same
practice). Getting initials right for real names (hyphenated, several forenames, Welsh
"ap"/"ferch", a single name) and keeping numbering continuous is fiddly, so it lives here,
tested, rather than in interview code. Audio and video cannot go inside a PDF bundle, so
they are listed as exhibits but not embedded. The new family bundle practice direction is
reported to exclude correspondence, screenshots and photographs unless the court directs;
that rule is not yet verified, so it is one data record (`FAMILY_BUNDLE_RULE`) with its
source, easy to change.

Pure Python: no docassemble import.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePath
from typing import Any

__all__ = [
    "EvidenceItem",
    "EvidenceKind",
    "Exhibit",
    "FAMILY_BUNDLE_RULE",
    "BundleRule",
    "NOT_EMBEDDED_NOTE",
    "assign_exhibit_marks",
    "exhibit_mark",
    "family_bundle_warning",
    "initials_from_name",
    "kind_from_file_name",
    "marks_by_incident",
    "next_exhibit_number",
]


class EvidenceKind(str, Enum):
    """What sort of file a piece of evidence is."""

    SCREENSHOT = "screenshot"
    PHOTO = "photo"
    PDF_DOCUMENT = "pdf_document"
    AUDIO = "audio"
    VIDEO = "video"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Plain wording for screens and documents."""
        return _KIND_LABELS[self]

    @property
    def embeddable(self) -> bool:
        """False for audio and video: a PDF bundle cannot hold them."""
        return self not in (EvidenceKind.AUDIO, EvidenceKind.VIDEO)


_KIND_LABELS = {
    EvidenceKind.SCREENSHOT: "Screenshot",
    EvidenceKind.PHOTO: "Photo",
    EvidenceKind.PDF_DOCUMENT: "PDF document",
    EvidenceKind.AUDIO: "Audio recording",
    EvidenceKind.VIDEO: "Video",
    EvidenceKind.OTHER: "Other",
}

_EXTENSIONS = {
    EvidenceKind.PHOTO: {".jpg", ".jpeg", ".heic", ".heif", ".webp", ".gif", ".bmp", ".tif", ".tiff"},
    EvidenceKind.SCREENSHOT: {".png"},
    EvidenceKind.PDF_DOCUMENT: {".pdf"},
    EvidenceKind.AUDIO: {".mp3", ".m4a", ".wav", ".aac", ".ogg", ".oga", ".opus", ".amr", ".flac", ".wma"},
    EvidenceKind.VIDEO: {".mp4", ".mov", ".avi", ".3gp", ".webm", ".mkv", ".wmv", ".m4v"},
}


def kind_from_file_name(file_name: str) -> EvidenceKind:
    """Guess the kind from a file name, for the interview to offer as a default.

    Phones save screenshots as PNG and name them "Screenshot..."; camera photos are JPEG
    or HEIC. The person can always correct the guess.
    """
    path = PurePath(file_name)
    suffix = path.suffix.lower()
    if "screenshot" in path.stem.lower().replace(" ", "").replace("_", "").replace("-", ""):
        if suffix in _EXTENSIONS[EvidenceKind.PHOTO] | _EXTENSIONS[EvidenceKind.SCREENSHOT]:
            return EvidenceKind.SCREENSHOT
    for kind, suffixes in _EXTENSIONS.items():
        if suffix in suffixes:
            return kind
    return EvidenceKind.OTHER


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence the person has.

    Attributes:
        file_name: the uploaded file's name.
        kind: screenshot, photo, PDF document, audio, video or other.
        description: what it shows, in the person's words.
        incident_ids: the incidents it relates to (`Incident.id`).
        include_in_bundle: whether the person wants it in the court bundle.
        id: stable id, like incident ids, so links survive edits.
    """

    file_name: str
    kind: EvidenceKind = EvidenceKind.OTHER
    description: str = ""
    incident_ids: tuple[str, ...] = ()
    include_in_bundle: bool = True
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", EvidenceKind(self.kind))
        object.__setattr__(self, "incident_ids", tuple(dict.fromkeys(self.incident_ids)))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "id": self.id,
            "file_name": self.file_name,
            "kind": self.kind.value,
            "description": self.description,
            "incident_ids": list(self.incident_ids),
            "include_in_bundle": self.include_in_bundle,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EvidenceItem:
        """Build from plain data; `kind` defaults to a guess from the file name."""
        values = dict(data)
        if not values.get("kind"):
            values["kind"] = kind_from_file_name(str(values.get("file_name", "")))
        values["incident_ids"] = tuple(values.get("incident_ids") or ())
        if not values.get("id"):
            values.pop("id", None)
        return cls(**values)


NOT_EMBEDDED_NOTE = "Listed as an exhibit, not embedded"


@dataclass(frozen=True)
class Exhibit:
    """An evidence item with its exhibit mark.

    Attributes:
        mark: e.g. "JS1".
        number: the number in the mark.
        item: the evidence.
        embedded: False for audio and video, which are listed but not put in the bundle.
        handling_note: `NOT_EMBEDDED_NOTE` with advice for audio/video, else "".
    """

    mark: str
    number: int
    item: EvidenceItem
    embedded: bool
    handling_note: str


_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
           "rev", "revd", "reverend", "master"}
_SUFFIXES = {"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv", "kc", "qc", "obe", "mbe",
             "cbe", "phd"}
_PARTICLES = {"ap", "ab", "ferch", "verch", "van", "von", "de", "der", "den", "du", "da", "di", "la",
              "le", "del", "della", "bin", "bint", "ibn", "dos", "das", "ten", "ter"}


def initials_from_name(full_name: str) -> str:
    """The initials for exhibit marks: one capital per forename and surname part.

    "Jane Smith" -> "JS"; "Mary-Jane Smith-Jones" -> "MJSJ" (each hyphenated part
    counts); "Siân ap Dafydd" -> "SD" and "Lowri ferch Ifan" -> "LI" (Welsh "ap"/"ab"/
    "ferch", and particles such as "van" and "de", are skipped when a name follows them);
    "Dr Jane O'Brien" -> "JO" (titles dropped, apostrophes skipped); "Madonna" -> "M".
    Welsh letters are kept as written ("Ŵyn Jones" -> "ŴJ"); Welsh digraphs such as Ll
    are not treated specially, as courts use single letters.

    Raises:
        ValueError: the name has no letters.
    """
    text = unicodedata.normalize("NFC", full_name)
    tokens = [token.strip(".,") for token in text.split()]
    tokens = [token for token in tokens if token]
    while len(tokens) > 1 and tokens[0].lower().rstrip(".") in _TITLES:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].lower().rstrip(".") in _SUFFIXES:
        tokens.pop()
    letters = []
    for position, token in enumerate(tokens):
        if position < len(tokens) - 1 and position > 0 and token.lower() in _PARTICLES:
            continue
        for part in re.split(r"[-\u2010\u2011\u2013]", token):
            initial = next((char for char in part if char.isalpha()), "")
            if initial:
                upper = initial.upper()
                letters.append(upper if len(upper) == 1 else initial)
    if not letters:
        raise ValueError("a name with at least one letter is needed to make exhibit marks")
    return "".join(letters)


def exhibit_mark(initials: str, number: int) -> str:
    """"JS" and 3 -> "JS3"."""
    if number < 1:
        raise ValueError("exhibit numbers start at 1")
    return f"{initials}{number}"


def next_exhibit_number(existing_marks: Iterable[str], initials: str) -> int:
    """The number to continue from, given the marks used in earlier statements.

    Numbering continues across a witness's statements, so a second statement after
    "JS1"-"JS4" starts at 5. Marks with other initials are ignored.
    """
    pattern = re.compile(rf"^{re.escape(initials)}\s*(\d+)$", re.IGNORECASE)
    numbers = [int(found.group(1)) for mark in existing_marks if (found := pattern.match(mark.strip()))]
    return max(numbers, default=0) + 1


def assign_exhibit_marks(items: Sequence[EvidenceItem], initials: str, start: int = 1) -> list[Exhibit]:
    """Mark the items in the order given: `initials` + start, start+1, ...

    Args:
        items: the evidence to exhibit, in the order the statement refers to it.
        initials: from `initials_from_name`.
        start: the first number (see `next_exhibit_number`).
    """
    exhibits = []
    for offset, item in enumerate(items):
        number = start + offset
        embedded = item.kind.embeddable
        note = "" if embedded else (
            f"{NOT_EMBEDDED_NOTE}: the bundle lists this {item.kind.label.lower()} but cannot contain it. "
            "Ask the court how it wants to receive the file."
        )
        exhibits.append(Exhibit(exhibit_mark(initials, number), number, item, embedded, note))
    return exhibits


def marks_by_incident(exhibits: Iterable[Exhibit]) -> dict[str, list[str]]:
    """Incident id -> the marks of the exhibits linked to it, in mark order."""
    marks: dict[str, list[str]] = {}
    for exhibit in sorted(exhibits, key=lambda each: each.number):
        for incident_id in exhibit.item.incident_ids:
            marks.setdefault(incident_id, []).append(exhibit.mark)
    return marks


@dataclass(frozen=True)
class BundleRule:
    """A rule about what may go in a court bundle, with where it comes from.

    Attributes:
        text: the warning shown to the person.
        source: the provision.
        as_of: when the rule was recorded.
        verified: False until checked against the primary text.
        excluded_kinds: the kinds of evidence the rule catches.
    """

    text: str
    source: str
    as_of: str
    verified: bool
    excluded_kinds: frozenset[EvidenceKind]


FAMILY_BUNDLE_RULE = BundleRule(
    text=(
        "Family court bundles should not include correspondence (letters, emails, text "
        "messages), screenshots or photographs unless the court has directed that they be "
        "included. You can still list them as exhibits to your statement and bring them to "
        "the hearing; ask the court whether it wants them in the bundle."
    ),
    source="Family Procedure Rules, Practice Direction 27A (in force 2 March 2026)",
    as_of="2026-03-02",
    verified=False,  # [verify] against the text of the new PD 27A
    excluded_kinds=frozenset({EvidenceKind.SCREENSHOT, EvidenceKind.PHOTO}),
)


def family_bundle_warning(items: Iterable[EvidenceItem], rule: BundleRule = FAMILY_BUNDLE_RULE) -> str | None:
    """The warning to show when the person has chosen evidence for a family court bundle.

    Returns None when nothing is chosen for the bundle. Screenshots and photographs chosen
    are named; correspondence cannot be told from the file type, so the warning always
    mentions it.
    """
    chosen = [item for item in items if item.include_in_bundle]
    if not chosen:
        return None
    caught = [item.file_name for item in chosen if item.kind in rule.excluded_kinds]
    text = rule.text
    if caught:
        text += " You have chosen to include: " + ", ".join(caught) + "."
    return f"{text} (Source: {rule.source}.)"
