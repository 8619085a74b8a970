"""Harassment injunction route (PHA 1997): course of conduct, apprehended breach, costs, ages."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from docassemble.StalkingRemedies.facts import parse_facts
from docassemble.StalkingRemedies.law import load_law
from docassemble.StalkingRemedies.remedies import assess

AS_OF = "2026-11-24"


def run(law=None, **facts: Any) -> dict[str, Any]:
    data = {"as_of": AS_OF, "lives_in": "wales", **facts}
    return assess(parse_facts(data), law).to_dict()


def pha(**facts: Any) -> dict[str, Any]:
    return run(**facts)["routes"]["harassment_injunction"]


def incidents(*dates: str) -> list[dict[str, str]]:
    return [{"date": d} for d in dates]


COURSE_CASES = [
    # (label, incident dates, further conduct feared, expected, first citation)
    ("no incidents", (), False, "no", "PHA 1997 s.7(3)"),
    ("no incidents, fear", (), True, "no", "PHA 1997 s.7(3)"),
    ("one incident, no fear", ("2026-10-01",), False, "no", "PHA 1997 s.7(3)"),
    ("one incident, fear of more", ("2026-10-01",), True, "maybe", "PHA 1997 s.3(1)"),
    ("two incidents", ("2026-10-01", "2026-10-03"), False, "yes", "PHA 1997 s.7(3)"),
    ("two incidents, fear", ("2026-10-01", "2026-10-03"), True, "yes", "PHA 1997 s.7(3)"),
    ("two incidents the same day", ("2026-10-01", "2026-10-01"), False, "yes", "PHA 1997 s.7(3)"),
    ("five incidents", ("2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"), False, "yes",
     "PHA 1997 s.7(3)"),
]


@pytest.mark.parametrize(("label", "dates", "feared", "expected", "citation"), COURSE_CASES,
                         ids=[c[0] for c in COURSE_CASES])
def test_course_of_conduct(label, dates, feared, expected, citation):
    route = pha(incidents=incidents(*dates), further_conduct_feared=feared)
    assert route["available"] == expected, label
    assert route["citations"][0] == citation
    assert "PHA 1997 s.7(3)" in route["citations"]


def test_apprehended_breach_reason_explains_the_court_decides():
    route = pha(incidents=incidents("2026-10-01"), further_conduct_feared=True)
    text = " ".join(route["reasons"])
    assert "1 incident." in text
    assert "about to happen" in text
    assert "court will decide" in text


def test_no_route_yet_tells_the_person_to_keep_a_record():
    route = pha(incidents=incidents("2026-10-01"))
    assert any("write it down and check again" in r for r in route["reasons"])
    assert any("do not fear" in r for r in route["reasons"])


def test_same_day_incidents_count_as_separate_occasions_and_say_so():
    route = pha(incidents=incidents("2026-10-01", "2026-10-01"))
    assert route["available"] == "yes"
    assert any("same day" in r and "Kelly v DPP" in r for r in route["reasons"])


def test_different_days_get_no_same_day_note():
    route = pha(incidents=incidents("2026-10-01", "2026-10-02"))
    assert not any("same day" in r for r in route["reasons"])


@pytest.mark.parametrize("kind", ["stranger", "neighbour", "colleague", "online_contact", "acquaintance", "other"])
def test_anyone_can_apply_no_connection_needed(kind):
    route = pha(relationships=[{"type": kind}], incidents=incidents("2026-10-01", "2026-10-09"))
    assert route["available"] == "yes"
    assert any("Anyone can apply" in r for r in route["reasons"])


def test_fees_come_from_the_table():
    route = pha(incidents=incidents("2026-10-01", "2026-10-09"))
    text = " ".join(route["reasons"])
    assert "about £377" in text and "£313" in text and "£123" in text and "EX160" in text
    law = load_law()
    fee = dataclasses.replace(law.fees["general_application_on_notice"], amount_gbp=999)
    changed = dataclasses.replace(law, fees={**law.fees, "general_application_on_notice": fee})
    text = " ".join(run(law=changed, incidents=incidents("2026-10-01", "2026-10-09"))
                    ["routes"]["harassment_injunction"]["reasons"])
    assert "£999" in text and "£313" not in text


def test_minimum_occasions_comes_from_the_table():
    law = load_law()
    changed = dataclasses.replace(law, course_of_conduct=dataclasses.replace(law.course_of_conduct, min_occasions=3))
    route = run(law=changed, incidents=incidents("2026-10-01", "2026-10-09"))["routes"]["harassment_injunction"]
    assert route["available"] == "no"


def test_cross_undertaking_is_explained_when_open():
    route = pha(incidents=incidents("2026-10-01", "2026-10-09"))
    assert "CPR 25.9(3)" in route["citations"]
    assert any("cross-undertaking in damages" in r for r in route["reasons"])
    assert "PHA 1997 s.3(2)" in route["citations"]  # damages


def test_costs_are_not_listed_when_closed():
    route = pha(incidents=incidents("2026-10-01"))
    assert "CPR 25.9(3)" not in route["citations"]
    assert not any("£" in r for r in route["reasons"])


def test_without_notice_brings_the_return_date():
    route = pha(
        incidents=incidents("2026-10-01", "2026-10-09"),
        without_notice={"risk_of_significant_harm": True},
    )
    assert any("return date" in r for r in route["reasons"])
    assert not any("return date" in r for r in pha(incidents=incidents("2026-10-01", "2026-10-09"))["reasons"])


@pytest.mark.parametrize(("age", "friend"), [(11, True), (15, True), (17, True), (18, False), (70, False)])
def test_under_18_needs_a_litigation_friend(age, friend):
    route = pha(incidents=incidents("2026-10-01", "2026-10-09"), applicant_age=age)
    assert route["available"] == "yes"
    assert ("CPR Part 21" in route["citations"]) is friend
    assert any("litigation friend" in r for r in route["reasons"]) is friend


def test_old_incidents_warn_about_the_six_year_limit_but_do_not_close_the_route():
    route = pha(incidents=incidents("2019-01-01", "2019-02-01"))
    assert route["available"] == "yes"
    assert "Limitation Act 1980 s.2" in route["citations"]
    assert any("more than 6 years old" in r for r in route["reasons"])


def test_a_recent_incident_removes_the_limitation_warning():
    route = pha(incidents=incidents("2019-01-01", "2026-11-01"))
    assert "Limitation Act 1980 s.2" not in route["citations"]


def test_stranger_with_two_incidents_gets_the_injunction_recommended():
    result = run(relationships=[{"type": "stranger"}], incidents=incidents("2026-10-01", "2026-10-09"))
    assert result["routes"]["non_molestation_order"]["available"] == "no"
    assert result["recommended"] == "harassment_injunction"
