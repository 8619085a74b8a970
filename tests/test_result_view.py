"""The result screen's content and the summary's decision part (result_view.py,
situation_summary.py), from real assessments, without the engine."""

from __future__ import annotations

import datetime as dt

import pytest

from docassemble.StalkingRemedies.law import load_law
from docassemble.StalkingRemedies.result_view import (
    assess_facts,
    asks_without_notice,
    recommendation_markdown,
    result_signposts_markdown,
    result_view,
    route_markdown,
)
from docassemble.StalkingRemedies.situation_summary import situation_summary_data

AS_OF = "2026-11-24"


def decide(relationships, incidents=0, feared=False, **more):
    facts = {
        "as_of": AS_OF,
        "lives_in": "england",
        "relationships": relationships,
        "incidents": [{"date": f"2026-11-{20 + i:02d}"} for i in range(incidents)],
        "further_conduct_feared": feared,
        **more,
    }
    return assess_facts(facts)


def test_both_open_recommends_nmo_and_offers_both_suggested_first():
    view = result_view(decide([{"type": "cohabitant"}], incidents=2))
    assert view.recommended == "non_molestation_order"
    assert view.default_choice == "non_molestation_order"
    assert [c["value"] for c in view.choices] == ["non_molestation_order", "harassment_injunction"]
    assert "(we suggest this)" in view.choices[0]["label"]
    assert view.any_open


def test_only_open_routes_are_offered():
    view = result_view(decide([{"type": "neighbour"}], incidents=2))
    assert [c["value"] for c in view.choices] == ["harassment_injunction"]
    assert view.default_choice == "harassment_injunction"
    assert view.route("non_molestation_order").next_steps == ()


def test_maybe_route_is_offered_and_says_the_court_decides():
    view = result_view(decide([{"type": "stranger"}], incidents=1, feared=True))
    (choice,) = view.choices
    assert choice["value"] == "harassment_injunction"
    assert "court decides" in choice["label"]
    assert view.route("harassment_injunction").status == "Maybe open to you: the court decides"


def test_nothing_open_has_no_choice_but_signposts():
    view = result_view(decide([{"type": "household_member", "only_as": "lodger"}]))
    assert not view.any_open
    assert view.choices == [] and view.default_choice is None
    ids = [item.id for item in view.signposts]
    assert ids[:2] == ["police", "national_stalking_helpline"]
    text = result_signposts_markdown(view)
    assert "0808 802 0300" in text and "single point of contact" in text


def test_next_steps_come_from_the_law_table():
    law = load_law()
    view = result_view(decide([{"type": "spouse"}], incidents=2))
    nmo = " ".join(view.route("non_molestation_order").next_steps)
    assert "FL401" in nmo and law.forms["FL401"].title in nmo and "02.23" in nmo
    assert "witness statement" in nmo and "C8" in nmo
    assert law.fees["fl401"].summary in nmo
    pha = " ".join(view.route("harassment_injunction").next_steps)
    assert "N208" in pha and "N16A" in pha and "EX160" in pha
    assert f"£{law.fees['county_court_non_money_claim'].amount_gbp}" in pha
    assert f"£{law.fees['general_application_on_notice'].amount_gbp}" in pha
    assert "cross-undertaking" in pha and law.cite("cpr_25_9_3") in pha


def test_route_markdown_has_status_reasons_law_and_next_steps():
    view = result_view(decide([{"type": "cohabitant"}], incidents=1))
    text = route_markdown(view.route("non_molestation_order"))
    assert text.startswith("### Non-molestation order: Open to you")
    assert "**We suggest this one.**" in text
    assert "FLA 1996 s.62(3)(b)" in text
    assert "**What happens next**" in text
    closed = route_markdown(view.route("harassment_injunction"))
    assert "What happens next" not in closed and "Not open to you" in closed


def test_recommendation_markdown_opens_with_a_sentence_then_a_list():
    view = result_view(decide([{"type": "cohabitant"}], incidents=2))
    text = recommendation_markdown(view)
    first, rest = text.split("\n\n", 1)
    assert "We suggest a non-molestation order" in first
    assert rest.startswith("* ")


@pytest.mark.parametrize(
    ("relationships", "asked"),
    [
        ([{"type": "cohabitant"}], True),
        ([{"type": "intimate_relationship", "significant_duration": "unsure"}], True),
        ([{"type": "neighbour"}], False),
    ],
)
def test_without_notice_questions_only_when_nmo_is_yes_or_maybe(relationships, asked):
    assert asks_without_notice(decide(relationships)) is asked


def test_summary_states_each_route_with_reasons_citations_and_the_choice():
    assessment = decide([{"type": "cohabitant"}], incidents=2)
    summary = situation_summary_data(
        lives_in="england",
        in_danger_now=False,
        made_on=dt.date(2026, 11, 24),
        assessment=assessment,
        chosen_route="harassment_injunction",
    )
    titles = [(route.title, route.status) for route in summary.routes]
    assert titles == [
        ("Non-molestation order", "Open to you"),
        ("Harassment injunction", "Open to you"),
    ]
    assert "FLA 1996 s.62(3)(b)" in summary.routes[0].citations
    assert summary.decision_opening.startswith("Both orders are open to you")
    assert summary.decision_points[-1] == "You chose to prepare a harassment injunction instead."
    assert any("N208" in step for step in summary.next_steps)
    assert any("National Stalking Helpline" in step for step in summary.next_steps)


def test_summary_before_the_decision_is_unchanged():
    summary = situation_summary_data(lives_in="wales", in_danger_now=False)
    assert summary.routes == [] and summary.decision_opening == "" and summary.decision_points == []
    assert any("0808 802 0300" in step for step in summary.next_steps)


def test_summary_warns_when_the_chosen_route_has_closed_since():
    """A later answer (the incident log) can change the decision after the person chose."""
    assessment = decide([{"type": "neighbour"}], incidents=1)
    summary = situation_summary_data(
        lives_in="england", in_danger_now=False, assessment=assessment, chosen_route="harassment_injunction"
    )
    assert summary.decision_points[-2] == "You chose to prepare a harassment injunction."
    assert "is not open to you now" in summary.decision_points[-1]
