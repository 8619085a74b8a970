"""Non-molestation order route: every FLA 1996 s.62(3) category and its edges, table-driven.

Each case states the facts (fictional), the decision expected and the citation that must name
the category relied on. `as_of` is fixed so the time-limit cases do not depend on today's date.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from docassemble.StalkingRemedies.facts import parse_facts
from docassemble.StalkingRemedies.law import load_law
from docassemble.StalkingRemedies.remedies import assess

AS_OF = "2026-11-24"


def nmo(*relationships: dict[str, Any], law=None, **facts: Any) -> dict[str, Any]:
    data = {"as_of": AS_OF, "lives_in": "england", "relationships": list(relationships), **facts}
    return assess(parse_facts(data), law).to_dict()["routes"]["non_molestation_order"]


# --- every category that qualifies on its own ---------------------------------------------------

CATEGORY_CASES = [
    ("married", {"type": "spouse"}, "FLA 1996 s.62(3)(a)"),
    ("civil partners", {"type": "civil_partner"}, "FLA 1996 s.62(3)(aa)"),
    ("cohabitants", {"type": "cohabitant"}, "FLA 1996 s.62(3)(b)"),
    ("same household", {"type": "household_member"}, "FLA 1996 s.62(3)(c)"),
    ("relative", {"type": "relative", "relation": "parent"}, "FLA 1996 s.62(3)(d)"),
    ("engaged, not ended", {"type": "engaged"}, "FLA 1996 s.62(3)(e)"),
    ("civil partnership agreement, not ended", {"type": "civil_partnership_agreement"}, "FLA 1996 s.62(3)(eza)"),
    ("intimate, significant", {"type": "intimate_relationship", "significant_duration": "yes"}, "FLA 1996 s.62(3)(ea)"),
    ("co-parents", {"type": "co_parent"}, "FLA 1996 s.62(3)(f)"),
    ("family proceedings", {"type": "family_proceedings"}, "FLA 1996 s.62(3)(g)"),
]


@pytest.mark.parametrize(("label", "relationship", "citation"), CATEGORY_CASES, ids=[c[0] for c in CATEGORY_CASES])
def test_each_category_qualifies_and_is_cited_first(label, relationship, citation):
    route = nmo(relationship)
    assert route["available"] == "yes", label
    assert route["citations"][0] == citation


# --- s.62(3)(c): the household, and "merely" as employee/tenant/lodger/boarder ----------------


@pytest.mark.parametrize("only_as", ["employee", "tenant", "lodger", "boarder"])
def test_household_only_as_employee_tenant_lodger_or_boarder_does_not_count(only_as):
    route = nmo({"type": "household_member", "only_as": only_as})
    assert route["available"] == "no"
    assert route["citations"] == ["FLA 1996 s.62(3)", "FLA 1996 s.62(3)(c)"]
    assert any(f"other's {only_as} does not count" in r for r in route["reasons"])


def test_lodger_who_is_also_a_co_parent_is_associated_through_the_child():
    route = nmo({"type": "household_member", "only_as": "lodger"}, {"type": "co_parent"})
    assert route["available"] == "yes"
    assert route["citations"][0] == "FLA 1996 s.62(3)(f)"
    assert "FLA 1996 s.62(3)(c)" not in route["citations"]


def test_household_member_plus_neighbour_still_qualifies_under_c():
    route = nmo({"type": "neighbour"}, {"type": "household_member"})
    assert route["available"] == "yes"
    assert route["citations"][0] == "FLA 1996 s.62(3)(c)"


# --- s.62(3)(d) with s.63: relatives --------------------------------------------------------

RELATIONS = ["parent", "step_parent", "child", "stepchild", "grandparent", "grandchild",
             "sibling", "aunt_or_uncle", "niece_or_nephew", "first_cousin"]
THROUGH = ["self", "spouse_or_civil_partner", "cohabitant"]


@pytest.mark.parametrize("through", THROUGH)
@pytest.mark.parametrize("relation", RELATIONS)
def test_every_listed_relative_counts_directly_and_through_a_partner(relation, through):
    route = nmo({"type": "relative", "relation": relation, "through": through})
    assert route["available"] == "yes"
    assert route["citations"][:2] == ["FLA 1996 s.62(3)(d)", "FLA 1996 s.63(1)"]
    label = load_law().relatives.counted[relation]
    assert any(label in r for r in route["reasons"])


@pytest.mark.parametrize(
    ("through", "phrase"),
    [
        ("self", "They are your first cousin."),
        ("spouse_or_civil_partner", "your husband, wife or civil partner"),
        ("cohabitant", "as if you two had married"),
    ],
)
def test_relative_reason_says_whose_relative_they_are(through, phrase):
    route = nmo({"type": "relative", "relation": "first_cousin", "through": through})
    assert any(phrase in r for r in route["reasons"])


def test_through_defaults_to_self():
    route = nmo({"type": "relative", "relation": "sibling"})
    assert "They are your brother or sister." in route["reasons"]


@pytest.mark.parametrize("through", THROUGH)
def test_other_relative_is_not_associated_and_says_who_is_excluded(through):
    route = nmo({"type": "relative", "relation": "other_relative", "through": through})
    assert route["available"] == "no"
    assert route["citations"] == ["FLA 1996 s.62(3)", "FLA 1996 s.62(3)(d)", "FLA 1996 s.63(1)"]
    text = " ".join(route["reasons"])
    for excluded in ("great-grandparents", "great-aunts and great-uncles", "second cousins",
                     "step-nieces and step-nephews"):
        assert excluded in text
    assert "M v D [2021] EWHC 1351 (Fam)" in text
    assert "same household" in text  # points to a connection that may count instead


def test_other_relative_sharing_a_household_qualifies_under_c():
    route = nmo({"type": "relative", "relation": "other_relative"}, {"type": "household_member"})
    assert route["available"] == "yes"
    assert route["citations"][0] == "FLA 1996 s.62(3)(c)"


# --- s.62(3)(e) and (eza) with the s.42(4)/(4ZA) three-year limit -----------------------------
# as_of is 24 November 2026. The period "of three years beginning with the day" the agreement
# ended: ended 25 Nov 2023 -> last day 24 Nov 2026 (in); ended 24 Nov 2023 -> the third
# anniversary is today, one day after the period's last day (out); ended 23 Nov 2023 (out).

AGREEMENTS = [
    ("engaged", "FLA 1996 s.62(3)(e)", "FLA 1996 s.42(4)", "engagement"),
    ("civil_partnership_agreement", "FLA 1996 s.62(3)(eza)", "FLA 1996 s.42(4ZA)", "civil partnership agreement"),
]
LIMIT_CASES = [
    ("ended yesterday", "2026-11-23", "yes"),
    ("last day in time: 3 years less a day", "2023-11-25", "yes"),
    ("third anniversary: out", "2023-11-24", "no"),
    ("3 years and a day: out", "2023-11-23", "no"),
    ("long ago", "2010-01-01", "no"),
]


@pytest.mark.parametrize(("kind", "category", "limit", "name"), AGREEMENTS, ids=[a[0] for a in AGREEMENTS])
@pytest.mark.parametrize(("label", "ended_on", "expected"), LIMIT_CASES, ids=[c[0] for c in LIMIT_CASES])
def test_ended_agreement_three_year_limit(kind, category, limit, name, label, ended_on, expected):
    route = nmo({"type": kind, "ended_on": ended_on})
    assert route["available"] == expected, label
    assert route["citations"][:2] == ([category, limit] if expected == "yes" else ["FLA 1996 s.62(3)", category])
    assert limit in route["citations"]
    assert any(name in r for r in route["reasons"])


@pytest.mark.parametrize(("kind", "category", "limit", "name"), AGREEMENTS, ids=[a[0] for a in AGREEMENTS])
def test_ongoing_agreement_has_no_time_limit(kind, category, limit, name):
    route = nmo({"type": kind})
    assert route["available"] == "yes"
    assert route["citations"][0] == category
    assert limit not in route["citations"]
    assert "FLA 1996 s.44" in route["citations"]  # evidence of the agreement


def test_in_time_reason_gives_the_last_day_to_apply():
    route = nmo({"type": "engaged", "ended_on": "2024-06-01"})
    assert any("apply by 31 May 2027" in r for r in route["reasons"])


def test_out_of_time_reason_gives_the_day_time_ran_out():
    route = nmo({"type": "engaged", "ended_on": "2023-11-24"})
    assert any("ran out on 23 November 2026" in r for r in route["reasons"])


def test_engagement_ended_on_29_february_runs_to_28_february():
    assert nmo({"type": "engaged", "ended_on": "2024-02-29"}, as_of="2027-02-28")["available"] == "yes"
    assert nmo({"type": "engaged", "ended_on": "2024-02-29"}, as_of="2027-03-01")["available"] == "no"


def test_the_counting_rule_comes_from_the_law_table():
    """Switch the table to 'the anniversary is still in time' and the boundary day flips."""
    law = load_law()
    engagement = dataclasses.replace(law.time_limits["engagement"], last_day_in_time="anniversary")
    changed = dataclasses.replace(law, time_limits={**law.time_limits, "engagement": engagement})
    assert nmo({"type": "engaged", "ended_on": "2023-11-24"}, law=changed)["available"] == "yes"
    assert nmo({"type": "engaged", "ended_on": "2023-11-23"}, law=changed)["available"] == "no"


def test_expired_engagement_with_significant_intimate_relationship_qualifies_under_ea():
    route = nmo({"type": "engaged", "ended_on": "2019-05-01"},
                {"type": "intimate_relationship", "significant_duration": "yes"})
    assert route["available"] == "yes"
    assert route["citations"][0] == "FLA 1996 s.62(3)(ea)"
    assert any("ran out" in r for r in route["reasons"])  # the expired one is still explained


# --- s.62(3)(ea): significant duration is the court's judgement ------------------------------


@pytest.mark.parametrize(("answer", "expected"), [("yes", "yes"), ("unsure", "maybe"), ("no", "no")])
def test_intimate_relationship_duration(answer, expected):
    route = nmo({"type": "intimate_relationship", "significant_duration": answer})
    assert route["available"] == expected
    assert "FLA 1996 s.62(3)(ea)" in route["citations"]


@pytest.mark.parametrize("answer", ["unsure", "no"])
def test_duration_reasons_say_the_court_judges_it_and_never_give_a_number(answer):
    route = nmo({"type": "intimate_relationship", "significant_duration": answer})
    text = " ".join(route["reasons"])
    assert "does not set a minimum length" in text
    assert "court" in text
    assert not any(ch.isdigit() for ch in text)  # no number of months or years
    assert "month" not in text


def test_maybe_beats_no_and_cites_the_maybe_category():
    route = nmo({"type": "neighbour"}, {"type": "intimate_relationship", "significant_duration": "unsure"})
    assert route["available"] == "maybe"
    assert route["citations"] == ["FLA 1996 s.62(3)(ea)"]


# --- not associated ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["neighbour", "colleague", "acquaintance", "online_contact", "stranger", "other"])
def test_no_listed_connection_means_no(kind):
    route = nmo({"type": kind}, incidents=[{"date": "2026-10-01"}, {"date": "2026-10-05"}])
    assert route["available"] == "no"
    assert route["citations"] == ["FLA 1996 s.62(3)"]
    assert "associated" in route["reasons"][0]


def test_no_relationships_at_all_means_no():
    route = nmo()
    assert route["available"] == "no"
    assert "You did not tell us about any connection to them." in route["reasons"]


# --- what is true whenever the route is open --------------------------------------------------

def test_single_incident_is_enough_for_this_order():
    route = nmo({"type": "cohabitant"}, incidents=[{"date": "2026-11-01"}])
    assert route["available"] == "yes"
    assert any("One incident can be enough" in r for r in route["reasons"])
    assert "There is no court fee." in route["reasons"]


def test_no_incidents_yet_is_explained_but_does_not_close_the_route():
    route = nmo({"type": "spouse"})
    assert route["available"] == "yes"
    assert any("not recorded any incidents" in r for r in route["reasons"])


@pytest.mark.parametrize(
    ("age", "leave", "friend"),
    [(12, True, True), (15, True, True), (16, False, True), (17, False, True), (18, False, False), (40, False, False)],
)
def test_age_rules(age, leave, friend):
    route = nmo({"type": "relative", "relation": "parent"}, applicant_age=age)
    assert route["available"] == "yes"  # still open: leave is a step, not a bar
    assert ("FLA 1996 s.43" in route["citations"]) is leave
    assert any("permission" in r and "leave" in r for r in route["reasons"]) is leave
    assert ("FPR Part 16" in route["citations"]) is friend
    assert any("litigation friend" in r for r in route["reasons"]) is friend


def test_age_notes_are_not_added_when_the_route_is_closed():
    route = nmo({"type": "stranger"}, applicant_age=14)
    assert route["available"] == "no"
    assert "FLA 1996 s.43" not in route["citations"]


def test_same_connection_twice_is_reported_once():
    route = nmo({"type": "neighbour"}, {"type": "neighbour"})
    assert len(route["reasons"]) == len(set(route["reasons"]))


def test_when_both_reasons_exist_qualifying_ones_come_first():
    route = nmo({"type": "household_member", "only_as": "tenant"}, {"type": "spouse"})
    reasons = route["reasons"]
    assert reasons.index("You are, or were, married to each other.") < next(
        i for i, r in enumerate(reasons) if "tenant" in r
    )


def test_as_of_is_used_not_today():
    # Ended 2020-01-01: in time on 2022-12-31 (as_of), whatever the real date is.
    assert nmo({"type": "engaged", "ended_on": "2020-01-01"}, as_of="2022-12-31")["available"] == "yes"
