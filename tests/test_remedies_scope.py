"""Scope (England and Wales only) and immediate danger: what comes first, and what is said."""

from __future__ import annotations

from typing import Any

import pytest

from docassemble.StalkingRemedies.facts import parse_facts
from docassemble.StalkingRemedies.law import signpost
from docassemble.StalkingRemedies.remedies import assess

AS_OF = "2026-11-24"
STRONG_CASE = {
    "relationships": [{"type": "spouse"}],
    "incidents": [{"date": "2026-10-01"}, {"date": "2026-10-03"}],
    "without_notice": {"risk_of_significant_harm": True},
}


def run(**facts: Any) -> dict[str, Any]:
    return assess(parse_facts({"as_of": AS_OF, **facts})).to_dict()


@pytest.mark.parametrize("place", ["england", "wales"])
def test_england_and_wales_are_in_scope(place):
    result = run(lives_in=place, **STRONG_CASE)
    assert result["in_scope"] is True
    assert result["routes"]["non_molestation_order"]["available"] == "yes"
    assert result["recommended"] == "non_molestation_order"


@pytest.mark.parametrize(
    ("place", "region_signpost", "named"),
    [
        ("scotland", "scotland", "in Scotland"),
        ("northern_ireland", "northern_ireland", "in Northern Ireland"),
        ("outside_uk", "outside_uk", "outside the UK"),
    ],
)
def test_outside_england_and_wales_closes_both_routes_and_signposts(place, region_signpost, named):
    result = run(lives_in=place, **STRONG_CASE)
    assert result["in_scope"] is False
    assert result["recommended"] is None
    for route in result["routes"].values():
        assert route["available"] == "no"
        assert any(named in r for r in route["reasons"])
    assert result["signposts"][0] == region_signpost
    assert {"police", "national_stalking_helpline"} <= set(result["signposts"])
    assert "legal_aid" not in result["signposts"]  # no route here to fund
    assert result["without_notice"]["reasons"] == []


def test_scotland_signpost_names_its_own_law_and_police():
    details = signpost("scotland")
    assert "Police Scotland" in details.description and "non-harassment orders" in details.description


def test_northern_ireland_signpost_names_its_own_law_and_police():
    details = signpost("northern_ireland")
    assert "Police Service of Northern Ireland" in details.description


@pytest.mark.parametrize("place", ["england", "wales", "scotland", "northern_ireland", "outside_uk"])
def test_immediate_danger_puts_999_first_everywhere(place):
    result = run(lives_in=place, immediate_danger=True)
    assert result["emergency"] is True
    assert result["signposts"][0] == "emergency_999"
    assert result["emergency_advice"]


@pytest.mark.parametrize("place", ["england", "wales", "scotland", "northern_ireland"])
def test_emergency_advice_explains_the_silent_solution(place):
    text = " ".join(run(lives_in=place, immediate_danger=True)["emergency_advice"])
    assert "999" in text and "55" in text and "Silent Solution" in text


def test_emergency_signpost_details_mention_the_silent_solution():
    details = signpost("emergency_999")
    assert details.phone == "999"
    assert "press 55" in details.description and "Silent Solution" in details.description


def test_outside_the_uk_emergency_advice_gives_the_local_number():
    text = " ".join(run(lives_in="outside_uk", immediate_danger=True)["emergency_advice"])
    assert "112" in text


def test_out_of_scope_with_danger_lists_999_then_the_region():
    assert run(lives_in="scotland", immediate_danger=True)["signposts"][:2] == ["emergency_999", "scotland"]


@pytest.mark.parametrize("place", ["england", "scotland"])
def test_no_danger_means_no_999_signpost(place):
    result = run(lives_in=place, immediate_danger=False, **STRONG_CASE)
    assert result["emergency"] is False
    assert "emergency_999" not in result["signposts"]
    assert result["emergency_advice"] == []


def test_emergency_does_not_change_the_routes():
    calm = run(lives_in="england", **STRONG_CASE)
    danger = run(lives_in="england", immediate_danger=True, **STRONG_CASE)
    assert calm["routes"] == danger["routes"]
    assert calm["recommended"] == danger["recommended"]
