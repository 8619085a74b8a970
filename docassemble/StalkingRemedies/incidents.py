"""The incident log: one `Incident` per thing that happened, and the log-level operations
(chronological order, merging an imported log into the one already typed in).

Why it looks like this:

* **Stable ids.** Each incident gets a random UUID (`new_incident_id`) when it is first
  created, typed in or imported without one. The id is carried in every export (the "ID"
  column) and read back on import, so it survives edits of every other field and any
  number of export/import round trips. Exhibit links and statement paragraphs point at
  incidents by this id. A content hash was rejected: it changes when the person corrects
  a typo, which would silently break those links.
* **Nothing the person typed is lost.** A date that cannot be read is kept verbatim in
  `unparsed_date`; "how" wording we do not recognise is kept in `how_other`; text is kept
  exactly apart from the tidying in `clean_text` (documented there).
* **Frozen values.** An `Incident` is immutable; edits make a new one with the same id
  (`Incident.with_changes`), so equality means "the same log entry, word for word", which
  is what the round-trip guarantee needs.

Pure Python: no docassemble import.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from docassemble.StalkingRemedies.incident_dates import (
    DatePrecision,
    format_date_for_court,
    normalise_time,
    parse_date_text,
)

__all__ = [
    "DuplicateFlag",
    "How",
    "Incident",
    "MergeResult",
    "chronological",
    "clean_text",
    "how_text",
    "merge_logs",
    "new_incident_id",
    "parse_how",
    "parse_yes_no",
    "sort_key",
    "TEXT_FIELDS",
]


class How(str, Enum):
    """How an incident happened. One incident may involve several (a text, then following)."""

    IN_PERSON = "in_person"
    PHONE_CALL = "phone_call"
    TEXT_MESSAGE = "text_message"
    EMAIL = "email"
    SOCIAL_MEDIA = "social_media"
    VIA_SOMEONE_ELSE = "via_someone_else"
    FOLLOWING = "following"
    WAITING_OUTSIDE = "waiting_outside"
    ITEMS_LEFT_OR_SENT = "items_left_or_sent"
    DAMAGE_TO_PROPERTY = "damage_to_property"
    MONITORING_ONLINE = "monitoring_online"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The wording shown to people and written into spreadsheets and documents."""
        return HOW_LABELS[self]


HOW_LABELS: dict[How, str] = {
    How.IN_PERSON: "In person",
    How.PHONE_CALL: "Phone call",
    How.TEXT_MESSAGE: "Text message",
    How.EMAIL: "Email",
    How.SOCIAL_MEDIA: "Social media",
    How.VIA_SOMEONE_ELSE: "Via someone else",
    How.FOLLOWING: "Following",
    How.WAITING_OUTSIDE: "Waiting outside home or work",
    How.ITEMS_LEFT_OR_SENT: "Items left or sent",
    How.DAMAGE_TO_PROPERTY: "Damage to property",
    How.MONITORING_ONLINE: "Monitoring online",
    How.OTHER: "Other",
}

# Words people actually write in the "how" column, by kind. Matched whole (after
# lower-casing and dropping punctuation), never as fragments: "didn't follow" must not
# become "following".
_HOW_WORDS: dict[How, tuple[str, ...]] = {
    How.IN_PERSON: ("in person", "face to face", "f2f", "approached me", "approached", "confronted me",
                    "confrontation", "visit", "visited", "came to the door", "at the door"),
    How.PHONE_CALL: ("phone", "phone call", "phone calls", "call", "calls", "called", "telephone",
                     "telephone call", "rang", "rang me", "voicemail", "voice mail", "voicemails",
                     "missed call", "missed calls", "silent call", "silent calls", "withheld number",
                     "landline", "mobile"),
    How.TEXT_MESSAGE: ("text", "texts", "texted", "text message", "text messages", "sms", "message",
                       "messages", "whatsapp", "imessage", "mms", "signal", "telegram"),
    How.EMAIL: ("e mail", "emails", "emailed", "e mails"),
    How.SOCIAL_MEDIA: ("social", "facebook", "instagram", "twitter", "x twitter", "tiktok", "snapchat",
                       "linkedin", "messenger", "facebook messenger", "dm", "dms", "direct message",
                       "youtube", "reddit", "threads"),
    How.VIA_SOMEONE_ELSE: ("someone else", "third party", "through a third party", "via a third party",
                           "third parties", "via a friend", "via friends", "through friends",
                           "through a friend", "via family", "through family", "through someone else",
                           "via others", "through others", "via someone"),
    How.FOLLOWING: ("followed", "followed me", "follow", "follows"),
    How.WAITING_OUTSIDE: ("waiting outside", "waiting", "waited outside", "loitering", "loitered",
                          "outside home", "outside my home", "outside my house", "outside work",
                          "outside my work", "waiting outside home", "waiting outside work",
                          "turned up", "turning up", "turned up at home", "turned up at work",
                          "turned up at my home", "turned up at my work", "hanging around"),
    How.ITEMS_LEFT_OR_SENT: ("items left", "items sent", "item left", "item sent", "gifts", "gift",
                             "letter", "letters", "parcel", "parcels", "post", "flowers", "card",
                             "cards", "package", "packages", "delivery", "deliveries", "items",
                             "left items", "sent items", "notes left", "note left"),
    How.DAMAGE_TO_PROPERTY: ("damage", "property damage", "criminal damage", "vandalism",
                             "damaged property", "damaged", "interfering with property",
                             "interference with property", "tampering", "tampered"),
    How.MONITORING_ONLINE: ("monitoring", "online monitoring", "monitored", "tracking", "tracked",
                            "tracker", "gps", "hacking", "hacked", "hacked accounts", "spyware",
                            "stalkerware", "location tracking", "cyberstalking", "cyber stalking",
                            "accessed my accounts", "accessing my accounts"),
    How.OTHER: (),
}


def _plain_words(text: str) -> str:
    """Lower-case, punctuation to spaces, single spaces: the form synonyms are matched in."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


_HOW_SYNONYMS: dict[str, How] = {}
for _kind, _words in _HOW_WORDS.items():
    for _word in (*_words, HOW_LABELS[_kind], _kind.value):
        if _HOW_SYNONYMS.setdefault(_plain_words(_word), _kind) != _kind:
            raise RuntimeError(f"'how' synonym {_word!r} is listed for two kinds")

_OTHER_MARKER = re.compile(r"(?:^|[;,/|\n+&])\s*other\s*[:\-\u2013\u2014]\s*", re.IGNORECASE)
_HOW_SPLIT = re.compile(r"[;,/|\n+&]|\band\b", re.IGNORECASE)
_HOW_ORDER = {kind: position for position, kind in enumerate(How)}


def parse_how(text: str) -> tuple[tuple[How, ...], str]:
    """Read a "how it happened" cell into kinds, keeping any wording we do not recognise.

    Parts are separated by `;`, `,`, `/`, `+`, `&`, "and" or new lines. Everything after
    "Other:" is kept verbatim as the `how_other` text (so commas inside it survive an
    export and re-import); any other part we do not recognise is kept there too, and the
    incident is marked `OTHER`.

    Returns:
        (kinds in canonical order, the unrecognised wording joined by "; ").
    """
    cleaned = clean_text(text)
    if not cleaned:
        return (), ""
    kinds: set[How] = set()
    leftovers: list[str] = []
    marker = _OTHER_MARKER.search(cleaned)
    other_text = ""
    if marker:
        other_text = cleaned[marker.end() :].strip()
        cleaned = cleaned[: marker.start()]
        kinds.add(How.OTHER)
    whole = _HOW_SYNONYMS.get(_plain_words(cleaned))
    if whole is not None:
        kinds.add(whole)
    else:
        for part in _HOW_SPLIT.split(cleaned):
            part = part.strip()
            if not part:
                continue
            kind = _HOW_SYNONYMS.get(_plain_words(part))
            if kind is None:
                leftovers.append(part)
                kinds.add(How.OTHER)
            else:
                kinds.add(kind)
    if other_text:
        leftovers.append(other_text)
    ordered = tuple(sorted(kinds, key=_HOW_ORDER.__getitem__))
    return ordered, "; ".join(leftovers)


def how_text(how: Sequence[How], how_other: str = "") -> str:
    """Write kinds back as the spreadsheet cell that `parse_how` reads as the same thing."""
    parts = [kind.label for kind in how if kind != How.OTHER]
    if how_other:
        parts.append(f"Other: {how_other}")
    elif How.OTHER in how:
        parts.append("Other")
    return "; ".join(parts)


_YES = {"yes", "y", "true", "1", "x", "reported", "ticked", "present", "ie", "do", "\u2713", "\u2714"}
_NO = {"no", "n", "false", "0", "not reported", "none", "no children", "nope", "na", "nac oes", "naddo"}
_UNKNOWN = {"", "n a", "unknown", "not sure", "don t know", "dont know", "unsure", "not known"}


def parse_yes_no(text: str) -> tuple[bool | None, bool]:
    """Read a yes/no cell.

    Returns:
        (value, fully_understood). `fully_understood` is False when the cell said more
        than yes or no ("yes, by phone on 5 Feb") or something else entirely; the caller
        then keeps the full wording elsewhere so it is not lost.
    """
    words = _plain_words(text) if text.strip() not in ("\u2713", "\u2714") else text.strip()
    if words in _YES:
        return True, True
    if words in _NO:
        return False, True
    if words in _UNKNOWN or text.strip() == "?":
        return None, True
    first = words.split(" ", 1)[0] if words else ""
    if first in ("yes", "y"):
        return True, False
    if first == "no":
        return False, False
    return None, False


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(value: object) -> str:
    """The one tidy-up applied to every text field, on entry and on import.

    Windows and old-Mac line endings become "\\n"; invisible control characters (which no
    keyboard types and XLSX files cannot hold) are removed; spaces at the very start and
    end are trimmed. Everything else, including `<`, `&`, quotes, emoji, Welsh letters and
    the new lines inside a narrative, is kept exactly.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def new_incident_id() -> str:
    """A new random incident id (a UUID4 string). See the module docstring for why."""
    return str(uuid.uuid4())


TEXT_FIELDS: tuple[str, ...] = (
    "unparsed_date",
    "time",
    "place",
    "how_other",
    "what_happened",
    "words_said",
    "witnesses",
    "police_force",
    "police_officer",
    "crime_reference",
    "evidence",
    "effect",
    "notes",
)


@dataclass(frozen=True)
class Incident:
    """One entry in the incident log.

    Attributes:
        id: stable identifier (see module docstring); a new UUID when not given.
        date: the date, or None if unknown or unreadable. Month-precision dates are the
            first of the month.
        date_precision: exact, month, approximate, or unknown (no date).
        unparsed_date: the date exactly as typed when it could not be read; "" otherwise.
            Kept so nothing is lost and so the person can correct it.
        time: "HH:MM" when clearly a time, else the wording as typed ("about 9pm").
        place: where it happened.
        how: the ways it happened, in canonical order.
        how_other: wording for "other" ways, or "how" wording we did not recognise.
        what_happened: the account, any length.
        words_said: the exact words used.
        witnesses: who was there.
        reported_to_police: True, False, or None (not said).
        police_force, police_officer, crime_reference: police details.
        evidence: what evidence the person kept, in their words (files themselves are
            `evidence.EvidenceItem`s linked by incident id).
        effect: the effect on the person.
        children_present: True, False, or None (not said).
        notes: anything else, including the contents of spreadsheet columns we did not
            recognise ("Mood: scared").
    """

    id: str = field(default_factory=new_incident_id)
    date: date | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    unparsed_date: str = ""
    time: str = ""
    place: str = ""
    how: tuple[How, ...] = ()
    how_other: str = ""
    what_happened: str = ""
    words_said: str = ""
    witnesses: str = ""
    reported_to_police: bool | None = None
    police_force: str = ""
    police_officer: str = ""
    crime_reference: str = ""
    evidence: str = ""
    effect: str = ""
    children_present: bool | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        """Normalise once, here, so every way of making an incident agrees on equality."""
        put = object.__setattr__
        for name in TEXT_FIELDS:
            put(self, name, clean_text(getattr(self, name)))
        put(self, "id", clean_text(self.id) or new_incident_id())
        put(self, "time", normalise_time(self.time))
        value = self.date
        if isinstance(value, datetime):
            value = value.date()
        if value is not None and not isinstance(value, date):
            raise TypeError("Incident.date must be a datetime.date or None")
        precision = DatePrecision(self.date_precision)
        if value is None:
            precision = DatePrecision.UNKNOWN
        else:
            put(self, "unparsed_date", "")
            if precision == DatePrecision.UNKNOWN:
                precision = DatePrecision.EXACT
            if precision == DatePrecision.MONTH:
                value = value.replace(day=1)
        put(self, "date", value)
        put(self, "date_precision", precision)
        kinds = {How(kind) for kind in self.how}
        if self.how_other:
            kinds.add(How.OTHER)
        put(self, "how", tuple(sorted(kinds, key=_HOW_ORDER.__getitem__)))
        for name in ("reported_to_police", "children_present"):
            flag = getattr(self, name)
            if flag is not None and not isinstance(flag, bool):
                raise TypeError(f"Incident.{name} must be True, False or None")

    @property
    def has_date_problem(self) -> bool:
        """True when a date was typed but could not be read (it needs correcting)."""
        return self.date is None and bool(self.unparsed_date)

    @property
    def date_for_court(self) -> str:
        """"3 February 2026", "February 2026", "About 3 February 2026" or "Date not known"."""
        return format_date_for_court(self.date, self.date_precision)

    @property
    def how_labels(self) -> list[str]:
        """Human labels for `how`, with the "other" wording in brackets."""
        labels = [kind.label for kind in self.how if kind != How.OTHER]
        if How.OTHER in self.how:
            labels.append(f"Other ({self.how_other})" if self.how_other else "Other")
        return labels

    def with_changes(self, **changes: Any) -> Incident:
        """A copy with some fields changed and the same id (ids never change on edit)."""
        if "id" in changes and changes["id"] != self.id:
            raise ValueError("an incident's id cannot be changed")
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: ISO date, enum values as strings, `how` as a list."""
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision.value,
            "unparsed_date": self.unparsed_date,
            "time": self.time,
            "place": self.place,
            "how": [kind.value for kind in self.how],
            "how_other": self.how_other,
            "what_happened": self.what_happened,
            "words_said": self.words_said,
            "witnesses": self.witnesses,
            "reported_to_police": self.reported_to_police,
            "police_force": self.police_force,
            "police_officer": self.police_officer,
            "crime_reference": self.crime_reference,
            "evidence": self.evidence,
            "effect": self.effect,
            "children_present": self.children_present,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Incident:
        """Build an incident from plain data, as the interview or `to_dict` gives it.

        Forgiving about value shapes, strict about names: `date` may be a date, datetime,
        ISO string or any UK form `parse_date_text` reads (an unreadable one is kept in
        `unparsed_date`); `date_precision`, when given with a date, overrides the
        precision read from the text; `how` may be a string ("Text message; Email"), a
        list of values or labels, or a checkbox mapping {value: bool}; yes/no fields take
        bools, None or "yes"/"no" words.

        Raises:
            ValueError: an unknown key, or a yes/no or "how" value that cannot be read.
        """
        known = {item.name for item in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown incident fields: {', '.join(unknown)}")
        values: dict[str, Any] = {name: data[name] for name in known if name in data}
        values.update(_date_values(data))
        if "how" in data:
            values["how"], found_other = _how_value(data["how"])
            if found_other:
                existing = clean_text(data.get("how_other"))
                values["how_other"] = "; ".join(part for part in (existing, found_other) if part)
        for name in ("reported_to_police", "children_present"):
            if name in data:
                values[name] = _yes_no_value(name, data[name])
        for name in TEXT_FIELDS:
            if name in values:
                values[name] = clean_text(values[name])
        if "id" in values:
            values["id"] = clean_text(values["id"])
        return cls(**values)


def _date_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """Turn the `date` / `date_precision` / `unparsed_date` entries into model values."""
    if "date" not in data and "date_precision" not in data:
        return {}
    raw = data.get("date")
    explicit = data.get("date_precision")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return {"date": None, "date_precision": DatePrecision.UNKNOWN}
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        value, precision = raw, DatePrecision.EXACT
    else:
        reading = parse_date_text(str(raw))
        if not reading.ok:
            return {"date": None, "date_precision": DatePrecision.UNKNOWN, "unparsed_date": str(raw)}
        value, precision = reading.value, reading.precision
    if explicit:
        precision = DatePrecision(explicit)
        if precision == DatePrecision.UNKNOWN:
            precision = DatePrecision.EXACT
    return {"date": value, "date_precision": precision}


def _how_value(raw: Any) -> tuple[tuple[How, ...], str]:
    """Read `how` from a string, a list of values/labels, or a checkbox mapping."""
    if raw is None:
        return (), ""
    if isinstance(raw, str):
        return parse_how(raw)
    if isinstance(raw, Mapping):
        raw = [key for key, ticked in raw.items() if ticked]
    kinds: list[How] = []
    for item in raw:
        if isinstance(item, How):
            kinds.append(item)
            continue
        try:
            kinds.append(How(str(item)))
        except ValueError:
            found, other = parse_how(str(item))
            if other:
                raise ValueError(f"unknown kind of incident: {item!r}") from None
            kinds.extend(found)
    return tuple(kinds), ""


def _yes_no_value(name: str, raw: Any) -> bool | None:
    if raw is None or isinstance(raw, bool):
        return raw
    value, understood = parse_yes_no(str(raw))
    if not understood:
        raise ValueError(f"{name} must be yes, no or blank, not {raw!r}")
    return value


def sort_key(incident: Incident) -> tuple[int, date, int, int, str]:
    """Chronological order: dated incidents by date; within a day, a month-only entry
    first (it is stored as the 1st), then untimed, then by clock time; undated last.

    Approximate dates sort as the day given: "about 3 February" is still best placed
    on 3 February. Python's sort is stable, so ties keep the log's own order.
    """
    if incident.date is None:
        return (1, date.max, 0, 0, "")
    month_first = 0 if incident.date_precision == DatePrecision.MONTH else 1
    clock = incident.time if re.fullmatch(r"\d\d:\d\d", incident.time) else ""
    return (0, incident.date, month_first, 1 if clock else 0, clock)


def chronological(incidents: Iterable[Incident]) -> list[Incident]:
    """The incidents in date order (see `sort_key`); the input is not changed."""
    return sorted(incidents, key=sort_key)


@dataclass(frozen=True)
class DuplicateFlag:
    """An imported incident that looks like one already in the log. Both are kept."""

    imported_id: str
    existing_id: str
    reason: str


@dataclass
class MergeResult:
    """The merged log and what happened to each imported incident.

    Attributes:
        incidents: the existing log unchanged, followed by the imported incidents added.
        added_ids: ids of imported incidents added (after any re-numbering of ids).
        duplicates: added incidents that look like ones already there, to show the person.
        already_present_ids: imported incidents identical in every field, id included, to
            one already in the log (a re-import of the same export); not added twice.
    """

    incidents: list[Incident]
    added_ids: list[str]
    duplicates: list[DuplicateFlag]
    already_present_ids: list[str]

    def summary(self) -> str:
        """A plain-English sentence or two for the review screen."""
        added = len(self.added_ids)
        text = f"{added} incident{'s' if added != 1 else ''} added to your log."
        if self.duplicates:
            count = len(self.duplicates)
            text += (
                f" {count} of them may be {'duplicates' if count != 1 else 'a duplicate'} of "
                "entries already in your log; both copies have been kept so you can decide."
            )
        if self.already_present_ids:
            count = len(self.already_present_ids)
            text += (
                f" {count} {'were' if count != 1 else 'was'} already in your log, word for word, "
                "so not added again."
            )
        return text


def _duplicate_key(incident: Incident) -> tuple[Any, ...] | None:
    """Same date and the same words (ignoring case, spacing and punctuation)."""
    words = _plain_words(incident.what_happened) or _plain_words(incident.words_said)
    if not words:
        return None
    return (incident.date, incident.unparsed_date, words)


def merge_logs(existing: Sequence[Incident], imported: Sequence[Incident]) -> MergeResult:
    """Append an imported log to the existing one without losing anything.

    Existing incidents are never changed or removed. Each imported incident is added at
    the end, except an exact copy (same id and every field equal) of one already there.
    An imported incident whose id is already used but whose details differ (an edited
    copy) is added with a new id. Likely duplicates, by the same date and the same
    description, are added and flagged, never dropped: only the person can tell two
    similar incidents apart.
    """
    merged = list(existing)
    by_id = {incident.id: incident for incident in merged}
    by_key: dict[tuple[Any, ...], str] = {}
    for incident in merged:
        key = _duplicate_key(incident)
        if key is not None:
            by_key.setdefault(key, incident.id)
    added: list[str] = []
    duplicates: list[DuplicateFlag] = []
    present: list[str] = []
    for incident in imported:
        same_id = by_id.get(incident.id)
        if same_id is not None and same_id == incident:
            present.append(incident.id)
            continue
        if same_id is not None:
            original_id = incident.id
            incident = dataclasses.replace(incident, id=new_incident_id())
            duplicates.append(
                DuplicateFlag(
                    incident.id,
                    original_id,
                    "it has the same ID as an incident already in your log but different details, "
                    "so it may be an edited copy of it",
                )
            )
        else:
            key = _duplicate_key(incident)
            if key is not None and key in by_key:
                duplicates.append(
                    DuplicateFlag(
                        incident.id,
                        by_key[key],
                        "it has the same date and the same description as an incident already in your log",
                    )
                )
        merged.append(incident)
        by_id[incident.id] = incident
        key = _duplicate_key(incident)
        if key is not None:
            by_key.setdefault(key, incident.id)
        added.append(incident.id)
    return MergeResult(merged, added, duplicates, present)
