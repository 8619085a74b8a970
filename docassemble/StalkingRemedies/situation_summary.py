"""Builds the data behind the "your situation so far" document and screen.

Pure: takes plain answers, returns plain data the DOCX template loops over, so the wording
is tested without the engine and no paragraph is assembled in YAML.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from docassemble.StalkingRemedies.interview_glue import country_name, format_uk_date

__all__ = ["RouteSummary", "SituationSummary", "situation_summary_data"]


@dataclass(frozen=True)
class RouteSummary:
    """One route in the summary: its name, whether it is open, why, and the law relied on."""

    title: str
    status: str
    reasons: list[str]
    citations: str


@dataclass(frozen=True)
class SituationSummary:
    """What the summary document prints. An object, not a dict: docassemble's Jinja reads
    attributes (`summary.made_on`) and does not fall back to dictionary keys."""

    made_on: str
    safety_sentence: str
    where_sentence: str
    next_steps: list[str]
    #: The decision per route (empty until the eligibility questions are answered).
    routes: list[RouteSummary] = field(default_factory=list)
    #: Which route we suggested and why, then which one the person chose, in words.
    decision_sentences: list[str] = field(default_factory=list)

    @property
    def decision_opening(self) -> str:
        """The first decision sentence, printed as a paragraph ("" before the decision)."""
        return self.decision_sentences[0] if self.decision_sentences else ""

    @property
    def decision_points(self) -> list[str]:
        """The other decision sentences, printed as a list."""
        return self.decision_sentences[1:]


def situation_summary_data(
    lives_in: str,
    in_danger_now: bool,
    made_on: _dt.date | None = None,
    next_steps: list[str] | None = None,
    assessment: Mapping[str, Any] | None = None,
    chosen_route: str | None = None,
) -> SituationSummary:
    """Return the summary: date made, a safety sentence, where the person lives, next steps.

    Args:
        lives_in: a `lives_in` value from the facts contract (`england`, `wales`, ...).
        in_danger_now: the answer to the first safety question.
        made_on: the date to print; today when not given.
        next_steps: sentences from the decision, when it has been made. When not given and
            an assessment is, they are the chosen route's next steps and the help listed.
        assessment: the decision (`Assessment.to_dict()`), once it has been made.
        chosen_route: the route the person chose on the result screen, if any.
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
    routes: list[RouteSummary] = []
    decision: list[str] = []
    steps = list(next_steps or [])
    if assessment is not None and in_scope:
        routes, decision, decided_steps = _decision_parts(assessment, chosen_route)
        steps = steps or decided_steps
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
        routes=routes,
        decision_sentences=decision,
    )


def _decision_parts(
    assessment: Mapping[str, Any], chosen_route: str | None
) -> tuple[list[RouteSummary], list[str], list[str]]:
    """The routes, the suggestion and choice in words, and the next steps that follow."""
    from docassemble.StalkingRemedies.result_view import result_view

    view = result_view(assessment)
    routes = [
        RouteSummary(
            title=route.title[0].upper() + route.title[1:],
            status=route.status,
            reasons=list(route.reasons),
            citations=route.citations_text,
        )
        for route in view.routes
    ]
    titles = {route.id: route.title for route in view.routes}
    # The engine's own words say what we suggested and why ("We suggest a ... because").
    decision = list(view.recommendation_reasons)
    steps: list[str] = []
    if chosen_route in titles:
        chosen = view.route(chosen_route)
        instead = " instead" if view.recommended and chosen_route != view.recommended else ""
        decision.append(f"You chose to prepare a {titles[chosen_route]}{instead}.")
        if not chosen.open:
            # Possible when later answers (such as the incident log) changed the decision.
            decision.append(
                f"On everything you have told us since, a {titles[chosen_route]} is not open to "
                "you now. Look at the reasons below, and get advice before you apply."
            )
        steps += list(chosen.next_steps)
    for item in view.signposts:
        steps.append(f"{item.title}: {item.phone}." if item.phone else f"{item.title}.")
    return routes, decision, steps
