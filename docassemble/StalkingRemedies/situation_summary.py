"""Builds the data behind the "your situation so far" document and screen.

Pure: takes plain answers, returns plain data the DOCX template loops over, so the wording
is tested without the engine and no paragraph is assembled in YAML.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from docassemble.StalkingRemedies.interview_glue import country_name, format_uk_date

__all__ = ["SituationSummary", "situation_summary_data"]


@dataclass(frozen=True)
class SituationSummary:
    """What the summary document prints. An object, not a dict: docassemble's Jinja reads
    attributes (`summary.made_on`) and does not fall back to dictionary keys."""

    made_on: str
    safety_sentence: str
    where_sentence: str
    next_steps: list[str]


def situation_summary_data(
    lives_in: str,
    in_danger_now: bool,
    made_on: _dt.date | None = None,
    next_steps: list[str] | None = None,
) -> SituationSummary:
    """Return the summary: date made, a safety sentence, where the person lives, next steps.

    Args:
        lives_in: a `lives_in` value from the facts contract (`england`, `wales`, ...).
        in_danger_now: the answer to the first safety question.
        made_on: the date to print; today when not given.
        next_steps: sentences from the decision, when it has been made.
    """
    day = made_on or _dt.date.today()
    if in_danger_now:
        safety = "When you started, you told us you were in danger. We showed you how to call 999."
    else:
        safety = "When you started, you told us you were not in danger at that moment."
    in_scope = lives_in in ("england", "wales")
    where = f"You live in {country_name(lives_in)}."
    if not in_scope:
        where += " The court orders this tool prepares are for England and Wales only."
    steps = list(next_steps or [])
    if not steps:
        steps = [
            "Keep a log of every incident: the date, time, place, what happened and who saw it.",
            "You can report stalking to the police on 101, or 999 in an emergency.",
            "The National Stalking Helpline can help: 0808 802 0300.",
        ]
    return SituationSummary(
        made_on=format_uk_date(day),
        safety_sentence=safety,
        where_sentence=where,
        next_steps=steps,
    )
