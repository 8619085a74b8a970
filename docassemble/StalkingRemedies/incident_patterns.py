"""A plain-English picture of the pattern in an incident log.

Why: a court, an adviser and the police all ask the same questions of a log: over what
period, how often, what kinds of conduct, is it getting worse, does it show stalking
behaviours, and is there a course of conduct (at least two occasions, Protection from
Harassment Act 1997 s.7(3))? Answering them from the data saves the person doing sums
while frightened, and gives their statement accurate figures.

Every answer comes with the sentence that explains it. The rules are deliberately simple
so they can be explained in one line each (see `ESCALATION_WINDOW_DAYS` and
`summarise_patterns`); they describe the log, they are not a risk assessment, and the
summary says so.

The s.2A(3) examples of stalking behaviour are data (`STALKING_BEHAVIOURS`), matched by
the "how" kinds the person ticked and, more tentatively, by words in their descriptions.

Pure Python: no docassemble import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from docassemble.StalkingRemedies.incident_dates import MONTH_NAMES, DatePrecision, format_date_for_court
from docassemble.StalkingRemedies.incidents import How, Incident, chronological

__all__ = [
    "BehaviourFinding",
    "ESCALATION_WINDOW_DAYS",
    "Escalation",
    "PatternSummary",
    "SEVERE_KINDS",
    "STALKING_BEHAVIOURS",
    "StalkingBehaviour",
    "summarise_patterns",
]

ESCALATION_WINDOW_DAYS = 28
"""The "recent period" for the frequency rule: the 4 weeks up to the latest incident."""

SEVERE_KINDS: tuple[How, ...] = (How.IN_PERSON, How.FOLLOWING, How.WAITING_OUTSIDE, How.DAMAGE_TO_PROPERTY)
"""Kinds of conduct that, appearing for the first time later in a log, suggest escalation
(moving from remote contact to physical presence or damage)."""

_THREAT_WORDS = re.compile(
    r"\b(kill|killed|hurt|stab|knife|burn|beat you|dead|die|watch your back|threat\w*|"
    r"get you|make you pay|you'll regret)\b",
    re.IGNORECASE,
)
_THREATS = "threats"


@dataclass(frozen=True)
class StalkingBehaviour:
    """One example of stalking behaviour from PHA 1997 s.2A(3), and how we spot it."""

    letter: str
    description: str
    kinds: frozenset[How]
    words: re.Pattern[str] | None


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


STALKING_BEHAVIOURS: tuple[StalkingBehaviour, ...] = (
    StalkingBehaviour("a", "following you", frozenset({How.FOLLOWING}), _words(r"\bfollow(ed|ing|s)?\b")),
    StalkingBehaviour(
        "b",
        "contacting you, or trying to, by any means",
        frozenset({How.IN_PERSON, How.PHONE_CALL, How.TEXT_MESSAGE, How.EMAIL, How.SOCIAL_MEDIA,
                   How.VIA_SOMEONE_ELSE, How.ITEMS_LEFT_OR_SENT}),
        _words(r"\b(called|rang|texted|messaged|emailed|contacted)\b"),
    ),
    StalkingBehaviour(
        "c",
        "publishing material about you, or pretending to be you",
        frozenset(),
        _words(r"\b(posted about|published|fake (profile|account)|pretend(ed|ing)? to be me|"
               r"impersonat\w*|shared (my|photos|pictures)|wrote about me)\b"),
    ),
    StalkingBehaviour(
        "d",
        "monitoring your use of the internet, email or other electronic communication",
        frozenset({How.MONITORING_ONLINE}),
        _words(r"\b(hack\w*|spyware|stalkerware|tracker|tracking|gps|logged into|"
               r"read my (messages|emails)|my password)\b"),
    ),
    StalkingBehaviour(
        "e",
        "loitering in any place, public or private",
        frozenset({How.WAITING_OUTSIDE}),
        _words(r"\b(loiter\w*|hanging around|waiting outside|waited outside|sat outside|parked outside)\b"),
    ),
    StalkingBehaviour(
        "f",
        "interfering with your property",
        frozenset({How.DAMAGE_TO_PROPERTY}),
        _words(r"\b(damag\w*|smashed|slashed|scratched|keyed|tamper\w*|broke into|stole)\b"),
    ),
    StalkingBehaviour(
        "g",
        "watching or spying on you",
        frozenset(),
        _words(r"\b(watch(ed|ing)|spy\w*|spied|staring|binoculars|filmed me|photographed me)\b"),
    ),
)
"""PHA 1997 s.2A(3)(a)-(g), in plain words. The examples are not a closed list: other
conduct can be stalking too."""


@dataclass(frozen=True)
class BehaviourFinding:
    """Which incidents show one s.2A(3) behaviour.

    Attributes:
        letter: the paragraph of s.2A(3), "a" to "g".
        description: the behaviour in plain words.
        by_kind: ids of incidents marked with a matching "how" kind.
        by_words: ids of other incidents whose words suggest it (to be checked).
        sentence: the finding for display.
    """

    letter: str
    description: str
    by_kind: tuple[str, ...]
    by_words: tuple[str, ...]
    sentence: str


@dataclass(frozen=True)
class Escalation:
    """Whether the log looks like it is getting worse, and why.

    Attributes:
        escalating: True when either simple rule fires.
        reasons: one sentence per rule that fired.
        sentence: the answer for display (the reasons, or why we cannot say).
    """

    escalating: bool
    reasons: tuple[str, ...]
    sentence: str


@dataclass(frozen=True)
class PatternSummary:
    """The pattern in a log, as plain data with sentences for display."""

    total: int
    dated: int
    undated: int
    first_date: date | None
    last_date: date | None
    period_sentence: str
    by_kind: dict[str, int]
    by_month: dict[str, int]
    escalation: Escalation
    behaviours: tuple[BehaviourFinding, ...]
    course_of_conduct: bool
    course_of_conduct_sentence: str
    caveat: str
    month_labels: dict[str, str] = field(default_factory=dict)

    def sentences(self) -> list[str]:
        """Everything worth showing, in reading order."""
        lines = [self.period_sentence]
        if self.by_kind:
            kinds = ", ".join(f"{label.lower()} {count}" for label, count in self.by_kind.items())
            lines.append(f"Incidents by kind: {kinds}.")
        lines.append(self.escalation.sentence)
        lines.extend(finding.sentence for finding in self.behaviours)
        lines.append(self.course_of_conduct_sentence)
        lines.append(self.caveat)
        return lines

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (dates as ISO strings)."""
        data = asdict(self)
        data["first_date"] = self.first_date.isoformat() if self.first_date else None
        data["last_date"] = self.last_date.isoformat() if self.last_date else None
        return data


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _date_phrase(incident: Incident) -> str:
    """A date for the middle of a sentence ("about 3 February 2026")."""
    text = format_date_for_court(incident.date, incident.date_precision)
    return "about" + text[5:] if text.startswith("About ") else text


def _incident_text(incident: Incident) -> str:
    return "\n".join((incident.what_happened, incident.words_said, incident.how_other))


def _months_between(first: date, last: date) -> list[tuple[int, int]]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _severity_marks(incident: Incident) -> set[str]:
    marks = {kind.label for kind in incident.how if kind in SEVERE_KINDS}
    if _THREAT_WORDS.search(incident.what_happened) or _THREAT_WORDS.search(incident.words_said):
        marks.add(_THREATS)
    return marks


def _escalation(dated: list[Incident]) -> Escalation:
    """Two rules, each one sentence long.

    1. Frequency: in the 4 weeks up to the latest incident there were at least 3
       incidents and at least twice the average 4-weekly number before that (needs at
       least 4 weeks of earlier log to compare with).
    2. New kinds of conduct: in person contact, following, waiting outside, damage to
       property, or threatening words appear for the first time in the later half of
       the log, after at least 2 incidents without them.
    """
    if len(dated) < 3:
        return Escalation(
            False, (), "There are too few dated incidents to say whether things are getting worse."
        )
    reasons: list[str] = []
    last = dated[-1].date
    first = dated[0].date
    assert last is not None and first is not None
    window_start = last - timedelta(days=ESCALATION_WINDOW_DAYS - 1)
    recent = sum(1 for incident in dated if incident.date and incident.date >= window_start)
    earlier = len(dated) - recent
    earlier_days = (window_start - first).days
    if earlier_days >= ESCALATION_WINDOW_DAYS and earlier:
        average = earlier / earlier_days * ESCALATION_WINDOW_DAYS
        if recent >= 3 and recent >= 2 * average:
            reasons.append(
                f"In the 4 weeks up to {format_date_for_court(last, DatePrecision.EXACT)} there were "
                f"{recent} incidents, against an average of {average:.1f} every 4 weeks before that."
            )
    seen: set[str] = set()
    half = len(dated) // 2
    for position, incident in enumerate(dated):
        for mark in sorted(_severity_marks(incident) - seen):
            if position >= max(2, half):
                when = _date_phrase(incident)
                what = "Threatening words" if mark == _THREATS else mark
                reasons.append(
                    f"{what} first appear{'s' if mark != _THREATS else ''} on {when}, "
                    f"after {_plural(position, 'earlier incident')} without {'them' if mark == _THREATS else 'it'}."
                )
            seen.add(mark)
    if reasons:
        return Escalation(True, tuple(reasons), "The log suggests things are getting worse. " + " ".join(reasons))
    return Escalation(
        False,
        (),
        "The log does not show a clear increase by two simple measures: more incidents in the "
        "latest 4 weeks than before, or new kinds of conduct (such as following, damage or "
        "threats) appearing later.",
    )


def _behaviours(incidents: list[Incident]) -> tuple[BehaviourFinding, ...]:
    findings = []
    for behaviour in STALKING_BEHAVIOURS:
        by_kind = tuple(incident.id for incident in incidents if behaviour.kinds & set(incident.how))
        by_words = tuple(
            incident.id
            for incident in incidents
            if incident.id not in by_kind and behaviour.words and behaviour.words.search(_incident_text(incident))
        )
        if not by_kind and not by_words:
            continue
        parts = []
        if by_kind:
            parts.append(f"{_plural(len(by_kind), 'incident')} marked that way")
        if by_words:
            parts.append(f"{_plural(len(by_words), 'incident')} whose words suggest it (please check)")
        findings.append(
            BehaviourFinding(
                behaviour.letter,
                behaviour.description,
                by_kind,
                by_words,
                f"Stalking behaviour ({behaviour.letter}), {behaviour.description}: " + " and ".join(parts) + ".",
            )
        )
    return tuple(findings)


def _course_of_conduct(total: int) -> tuple[bool, str]:
    rule = "the Protection from Harassment Act 1997 needs conduct on at least two occasions (section 7(3))"
    if total == 0:
        return False, "The log has no incidents yet."
    if total == 1:
        return False, (
            f"The log records one incident. For a harassment injunction {rule}; a non-molestation "
            "order does not need more than one."
        )
    return True, (
        f"The log records {total} incidents. For a harassment injunction {rule}, so the log can show "
        "a course of conduct if they happened on separate occasions."
    )


def summarise_patterns(incidents: Iterable[Incident]) -> PatternSummary:
    """Summarise a log: period, counts by kind and month, escalation, s.2A(3) behaviours,
    course of conduct. Undated incidents count in the totals, kinds, behaviours and
    course of conduct, but not in dates, months or the escalation rules."""
    ordered = chronological(incidents)
    dated = [incident for incident in ordered if incident.date is not None]
    undated = len(ordered) - len(dated)
    first = dated[0] if dated else None
    last = dated[-1] if dated else None
    if first and last:
        span = _date_phrase(first)
        if last is not first:
            span = f"{span} to {_date_phrase(last)}"
        else:
            span = f"only {span}"
        period = f"The log covers {span}: {_plural(len(ordered), 'incident')}"
        period += f", {undated} without a date." if undated else "."
    elif ordered:
        period = f"The log has {_plural(len(ordered), 'incident')}, none with a date yet."
    else:
        period = "The log has no incidents yet."

    counts: Counter[How] = Counter(kind for incident in ordered for kind in incident.how)
    by_kind = {kind.label: counts[kind] for kind in How if counts[kind]}
    not_recorded = sum(1 for incident in ordered if not incident.how)
    if not_recorded:
        by_kind["Not recorded"] = not_recorded

    by_month: dict[str, int] = {}
    month_labels: dict[str, str] = {}
    if first and last and first.date and last.date:
        month_counts = Counter((incident.date.year, incident.date.month) for incident in dated if incident.date)
        for year, month in _months_between(first.date, last.date):
            key = f"{year:04d}-{month:02d}"
            by_month[key] = month_counts[(year, month)]
            month_labels[key] = f"{MONTH_NAMES[month]} {year}"

    course, course_sentence = _course_of_conduct(len(ordered))
    return PatternSummary(
        total=len(ordered),
        dated=len(dated),
        undated=undated,
        first_date=first.date if first else None,
        last_date=last.date if last else None,
        period_sentence=period,
        by_kind=by_kind,
        by_month=by_month,
        escalation=_escalation(dated),
        behaviours=_behaviours(ordered),
        course_of_conduct=course,
        course_of_conduct_sentence=course_sentence,
        caveat=(
            "These figures describe your log; they are not a risk assessment. If you feel in "
            "danger call 999, or talk to the police or the National Stalking Helpline (0808 802 0300)."
        ),
        month_labels=month_labels,
    )
