"""Properties that must hold for any facts at all (hypothesis), checked against simple oracles."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from docassemble.StalkingRemedies.facts import (
    Facts,
    Incident,
    LivesIn,
    OnlyAs,
    Relation,
    Relationship,
    RelationshipType,
    SignificantDuration,
    Through,
    WithoutNoticeFacts,
)
from docassemble.StalkingRemedies.law import signpost
from docassemble.StalkingRemedies.remedies import assess

AS_OF = dt.date(2026, 11, 24)
PAST = st.dates(min_value=dt.date(2015, 1, 1), max_value=AS_OF)

relationships = st.builds(
    Relationship,
    type=st.sampled_from(RelationshipType),
    relation=st.sampled_from(Relation),
    through=st.sampled_from(Through),
    only_as=st.none() | st.sampled_from(OnlyAs),
    ended_on=st.none() | PAST,
    significant_duration=st.sampled_from(SignificantDuration),
)
facts_strategy = st.builds(
    Facts,
    as_of=st.just(AS_OF),
    lives_in=st.sampled_from(LivesIn),
    immediate_danger=st.booleans(),
    applicant_age=st.none() | st.integers(min_value=0, max_value=100),
    relationships=st.lists(relationships, max_size=4).map(tuple),
    incidents=st.lists(st.builds(Incident, date=PAST), max_size=4).map(tuple),
    further_conduct_feared=st.booleans(),
    without_notice=st.builds(WithoutNoticeFacts, st.booleans(), st.booleans(), st.booleans()),
)


@settings(max_examples=300, deadline=None)
@given(facts_strategy)
def test_invariants(facts):
    out = assess(facts).to_dict()
    json.dumps(out)  # plain data only
    routes = out["routes"]
    assert set(routes) == {"non_molestation_order", "harassment_injunction"}
    availability = {name: route["available"] for name, route in routes.items()}
    for route in routes.values():
        assert route["available"] in {"yes", "no", "maybe"}
        assert route["reasons"] and all(isinstance(r, str) and r.strip() for r in route["reasons"])
        assert len(route["citations"]) == len(set(route["citations"]))

    in_scope = facts.lives_in in (LivesIn.ENGLAND, LivesIn.WALES)
    assert out["in_scope"] is in_scope
    assert out["emergency"] is facts.immediate_danger
    if not in_scope:
        assert set(availability.values()) == {"no"} and out["recommended"] is None

    # The recommendation is an open route, and only null when nothing is open.
    if out["recommended"] is None:
        assert set(availability.values()) == {"no"}
    else:
        assert availability[out["recommended"]] != "no"
        best = max(availability.values(), key=["no", "maybe", "yes"].index)
        assert availability[out["recommended"]] == best

    signposts = out["signposts"]
    assert len(signposts) == len(set(signposts))
    for signpost_id in signposts:
        signpost(signpost_id)  # every id has details
    if facts.immediate_danger:
        assert signposts[0] == "emergency_999"
        assert any("55" in line for line in out["emergency_advice"]) or facts.lives_in is LivesIn.OUTSIDE_UK
    if "yes" not in availability.values():
        assert "police" in signposts and "national_stalking_helpline" in signposts

    # Oracle for the harassment route: the count of incidents alone decides it.
    if in_scope:
        count = len(facts.incidents)
        expected = "yes" if count >= 2 else "maybe" if count == 1 and facts.further_conduct_feared else "no"
        assert availability["harassment_injunction"] == expected

    # A "yes" order always names the s.62(3) category it relies on.
    if availability["non_molestation_order"] == "yes":
        assert routes["non_molestation_order"]["citations"][0].startswith("FLA 1996 s.62(3)(")


@settings(max_examples=150, deadline=None)
@given(facts_strategy)
def test_adding_a_marriage_always_opens_the_order_in_england(facts):
    married = Facts(**{**facts.__dict__, "lives_in": LivesIn.ENGLAND,
                       "relationships": facts.relationships + (Relationship(RelationshipType.SPOUSE),)})
    route = assess(married).non_molestation_order
    assert route.available.value == "yes"
    assert "FLA 1996 s.62(3)(a)" in route.citations


@settings(max_examples=150, deadline=None)
@given(facts_strategy)
def test_order_of_relationships_does_not_change_the_decision(facts):
    reversed_facts = Facts(**{**facts.__dict__, "relationships": tuple(reversed(facts.relationships))})
    first, second = assess(facts), assess(reversed_facts)
    assert first.non_molestation_order.available == second.non_molestation_order.available
    assert set(first.non_molestation_order.citations) == set(second.non_molestation_order.citations)
    assert first.recommended == second.recommended
