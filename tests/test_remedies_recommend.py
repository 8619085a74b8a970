"""The recommendation and the signposts: both open, one open, only "maybe", neither open."""

from __future__ import annotations

from typing import Any

import pytest

from docassemble.StalkingRemedies.facts import parse_facts
from docassemble.StalkingRemedies.law import signpost
from docassemble.StalkingRemedies.remedies import assess

AS_OF = "2026-11-24"
TWO = [{"date": "2026-10-01"}, {"date": "2026-10-03"}]
ONE = [{"date": "2026-10-01"}]


def run(**facts: Any) -> dict[str, Any]:
    return assess(parse_facts({"as_of": AS_OF, "lives_in": "england", **facts})).to_dict()


def availability(result: dict[str, Any]) -> tuple[str, str]:
    routes = result["routes"]
    return routes["non_molestation_order"]["available"], routes["harassment_injunction"]["available"]


CASES = [
    # (label, facts, (nmo, pha), recommended)
    ("both yes", {"relationships": [{"type": "spouse"}], "incidents": TWO}, ("yes", "yes"), "non_molestation_order"),
    ("nmo only", {"relationships": [{"type": "co_parent"}], "incidents": ONE}, ("yes", "no"), "non_molestation_order"),
    ("pha only", {"relationships": [{"type": "neighbour"}], "incidents": TWO}, ("no", "yes"), "harassment_injunction"),
    ("neither", {"relationships": [{"type": "stranger"}], "incidents": ONE}, ("no", "no"), None),
    ("nmo maybe only",
     {"relationships": [{"type": "intimate_relationship", "significant_duration": "unsure"}], "incidents": ONE},
     ("maybe", "no"), "non_molestation_order"),
    ("pha maybe only", {"relationships": [{"type": "colleague"}], "incidents": ONE, "further_conduct_feared": True},
     ("no", "maybe"), "harassment_injunction"),
    ("both maybe",
     {"relationships": [{"type": "intimate_relationship", "significant_duration": "unsure"}], "incidents": ONE,
      "further_conduct_feared": True},
     ("maybe", "maybe"), "non_molestation_order"),
    ("nmo maybe, pha yes",
     {"relationships": [{"type": "intimate_relationship", "significant_duration": "unsure"}], "incidents": TWO},
     ("maybe", "yes"), "harassment_injunction"),
    ("nmo yes, pha maybe",
     {"relationships": [{"type": "cohabitant"}], "incidents": ONE, "further_conduct_feared": True},
     ("yes", "maybe"), "non_molestation_order"),
]


@pytest.mark.parametrize(("label", "facts", "routes", "recommended"), CASES, ids=[c[0] for c in CASES])
def test_recommendation(label, facts, routes, recommended):
    result = run(**facts)
    assert availability(result) == routes, label
    assert result["recommended"] == recommended
    assert result["recommendation_reasons"]


def test_both_open_prefers_the_order_and_says_why_and_that_the_person_may_choose():
    reasons = run(relationships=[{"type": "spouse"}], incidents=TWO)["recommendation_reasons"]
    text = " ".join(reasons)
    assert "Both orders are open to you" in text
    assert "no court fee" in text
    assert "crime" in text
    assert "cross-undertaking" in text
    assert "One incident can be enough" in text
    assert "family court" in text
    assert "Legal aid" in text
    assert "You can choose a harassment injunction instead if you prefer." in reasons


def test_maybe_recommendation_says_it_is_uncertain():
    result = run(relationships=[{"type": "intimate_relationship", "significant_duration": "unsure"}])
    assert result["recommended"] == "non_molestation_order"
    assert "only the court can decide" in " ".join(result["recommendation_reasons"])


def test_pha_yes_over_nmo_maybe_points_to_the_free_order():
    result = run(relationships=[{"type": "intimate_relationship", "significant_duration": "unsure"}], incidents=TWO)
    assert "no court fee" in " ".join(result["recommendation_reasons"])


def test_neither_open_is_not_a_dead_end():
    result = run(relationships=[{"type": "stranger"}], incidents=ONE)
    assert result["recommended"] is None
    assert "still have options" in " ".join(result["recommendation_reasons"])
    for needed in ("police", "national_stalking_helpline", "stalking_protection_order", "restraining_order",
                   "paladin", "keep_log"):
        assert needed in result["signposts"]
    assert "legal_aid" not in result["signposts"]
    assert "help_with_fees" not in result["signposts"]


@pytest.mark.parametrize(("label", "facts", "routes", "recommended"), CASES, ids=[c[0] for c in CASES])
def test_police_and_helpline_whenever_no_route_is_yes(label, facts, routes, recommended):
    signposts = run(**facts)["signposts"]
    if "yes" not in routes:
        assert {"police", "national_stalking_helpline", "stalking_protection_order"} <= set(signposts)
    else:
        assert "stalking_protection_order" not in signposts
    assert signposts[:2] == ["police", "national_stalking_helpline"]  # always, and first without danger
    assert len(signposts) == len(set(signposts))


def test_police_signpost_asks_for_the_spoc():
    details = signpost("police")
    assert details.phone == "101"
    assert "single point of contact (SPOC)" in details.description


def test_legal_aid_when_the_order_is_open_or_maybe():
    assert "legal_aid" in run(relationships=[{"type": "spouse"}])["signposts"]
    assert "legal_aid" in run(
        relationships=[{"type": "intimate_relationship", "significant_duration": "unsure"}]
    )["signposts"]
    assert "legal_aid" not in run(relationships=[{"type": "neighbour"}], incidents=TWO)["signposts"]


def test_help_with_fees_when_the_injunction_is_open():
    assert "help_with_fees" in run(relationships=[{"type": "neighbour"}], incidents=TWO)["signposts"]


DAPO_CASES = [
    ("engagement out of time", [{"type": "engaged", "ended_on": "2020-01-01"}], True),
    ("short intimate relationship", [{"type": "intimate_relationship", "significant_duration": "no"}], True),
    ("unsure intimate relationship", [{"type": "intimate_relationship", "significant_duration": "unsure"}], True),
    ("spouse: the order is open anyway", [{"type": "spouse"}], False),
    ("lodger only: not personally connected", [{"type": "household_member", "only_as": "lodger"}], False),
    ("other relative: not on the s.63 list", [{"type": "relative", "relation": "other_relative"}], False),
    ("neighbour", [{"type": "neighbour"}], False),
]


@pytest.mark.parametrize(("label", "relationships", "expected"), DAPO_CASES, ids=[c[0] for c in DAPO_CASES])
def test_dapo_pilot_where_personally_connected_but_the_order_is_not_certain(label, relationships, expected):
    assert ("dapo_pilot" in run(relationships=relationships)["signposts"]) is expected, label


def test_every_signpost_id_has_details_in_the_table():
    for facts in [c[1] for c in CASES]:
        for signpost_id in run(**facts, immediate_danger=True)["signposts"]:
            assert signpost(signpost_id).title
