"""From the interview's plain answers to the contract's facts (interview_facts.py), no engine.

Every facts dict built here is also put through `parse_facts`, so a mapping that the decision
engine would reject fails here first, naming the key.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from docassemble.StalkingRemedies.facts import parse_facts
from docassemble.StalkingRemedies.interview_facts import (
    HOW_KNOWN,
    HOW_KNOWN_HELP,
    INCIDENT_COUNTS,
    PARTNER_KINDS,
    RELATIONS,
    RELATIVE_THROUGH,
    SHARED_HOME_ONLY_AS,
    SIGNIFICANT_DURATION,
    add_without_notice,
    asks_about_duration,
    build_facts,
    choice_list,
    incidents_from_count,
    ticked,
    without_notice_answers,
)

TODAY = dt.date(2026, 11, 24)
INTERVIEWS = Path(__file__).resolve().parent.parent / "interviews"


def facts(**answers):
    """build_facts with England and a fixed date, checked by the real parser."""
    answers.setdefault("lives_in", "england")
    answers.setdefault("as_of", TODAY)
    built = build_facts(**answers)
    parse_facts(built)  # raises FactsError if the contract is broken
    return built


def types(built):
    return [item["type"] for item in built["relationships"]]


# --- checkboxes and choices ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, []),
        ({"partner": True, "relative": False, "stranger": True}, ["partner", "stranger"]),
        (["neighbour", "colleague"], ["neighbour", "colleague"]),
        ("stranger", ["stranger"]),
    ],
)
def test_ticked_reads_a_checkboxes_answer_in_any_shape(value, expected):
    assert ticked(value) == expected


def test_choice_list_is_docassemble_value_label_help():
    choices = choice_list(HOW_KNOWN, HOW_KNOWN_HELP)
    assert [item["value"] for item in choices] == list(HOW_KNOWN)
    child = next(item for item in choices if item["value"] == "child")
    assert "parental responsibility" in child["help"].lower()
    neighbour = next(item for item in choices if item["value"] == "neighbour")
    assert "help" not in neighbour


def test_help_explains_the_legal_words():
    text = " ".join(HOW_KNOWN_HELP.values()).lower()
    for word in ("civil partnership", "household", "parental responsibility", "family court case"):
        assert word in text


def test_every_answer_key_the_yaml_offers_is_one_the_mapping_knows():
    """The YAML takes its choices from these tables by name; check it names real tables."""
    source = (INTERVIEWS / "eligibility.yml").read_text(encoding="utf-8")
    for table in ("HOW_KNOWN", "PARTNER_KINDS", "RELATIONS", "RELATIVE_THROUGH",
                  "SHARED_HOME_ONLY_AS", "INCIDENT_COUNTS", "SIGNIFICANT_DURATION"):
        assert f"choice_list({table}" in source
    list(yaml.safe_load_all(source))  # the file is valid YAML


def test_no_question_asks_for_a_number_of_months():
    source = (INTERVIEWS / "eligibility.yml").read_text(encoding="utf-8").lower()
    assert "months" not in source
    assert SIGNIFICANT_DURATION["unsure"] == "I'm not sure"


# --- each s.62(3) connection ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("married", "spouse"), ("civil_partners", "civil_partner"), ("lived_together", "cohabitant")],
)
def test_partner_kinds_that_settle_the_connection(kind, expected):
    built = facts(how_known=["partner"], partner_kinds=[kind])
    assert built["relationships"] == [{"type": expected}]


def test_engagement_not_ended_has_no_end_date():
    built = facts(how_known=["partner"], partner_kinds=["engaged"])
    assert built["relationships"] == [{"type": "engaged"}]


def test_ended_engagement_carries_its_date_and_the_duration_answer():
    built = facts(
        how_known=["partner"],
        partner_kinds=["engaged"],
        engagement_ended_on=dt.date(2022, 6, 1),
        significant_duration="no",
    )
    assert built["relationships"] == [
        {"type": "engaged", "ended_on": "2022-06-01"},
        {"type": "intimate_relationship", "significant_duration": "no"},
    ]


def test_civil_partnership_agreement_end_date_accepts_a_datetime():
    built = facts(
        how_known=["partner"],
        partner_kinds=["civil_partnership_agreement"],
        agreement_ended_on=dt.datetime(2025, 1, 2, 0, 0),
        significant_duration="yes",
    )
    assert built["relationships"][0] == {"type": "civil_partnership_agreement", "ended_on": "2025-01-02"}


@pytest.mark.parametrize("answer", ["yes", "no", "unsure"])
def test_dated_becomes_an_intimate_relationship_with_the_persons_own_answer(answer):
    built = facts(how_known=["partner"], partner_kinds=["dated"], significant_duration=answer)
    assert built["relationships"] == [{"type": "intimate_relationship", "significant_duration": answer}]


def test_dated_without_an_answer_is_unsure_never_guessed():
    built = facts(how_known=["partner"], partner_kinds=["dated"])
    assert built["relationships"] == [{"type": "intimate_relationship", "significant_duration": "unsure"}]


@pytest.mark.parametrize(
    ("kinds", "engagement_ended", "agreement_ended", "asked"),
    [
        (["married"], False, False, False),
        (["married", "dated"], False, False, False),
        (["lived_together"], False, False, False),
        (["engaged"], False, False, False),
        (["engaged"], True, False, True),
        (["civil_partnership_agreement"], False, True, True),
        (["civil_partnership_agreement"], False, False, False),
        (["dated"], False, False, True),
        ([], False, False, False),
    ],
)
def test_duration_is_asked_only_when_it_can_matter(kinds, engagement_ended, agreement_ended, asked):
    assert asks_about_duration(kinds, engagement_ended, agreement_ended) is asked


@pytest.mark.parametrize("relation", sorted(RELATIONS))
def test_each_relation_maps_to_the_contract(relation):
    built = facts(how_known=["relative"], relative_relation=relation, relative_through="self")
    assert built["relationships"] == [{"type": "relative", "relation": relation}]


@pytest.mark.parametrize("through", ["spouse_or_civil_partner", "cohabitant"])
def test_a_partners_relative_says_through_whom(through):
    built = facts(how_known=["relative"], relative_relation="sibling", relative_through=through)
    assert built["relationships"] == [{"type": "relative", "relation": "sibling", "through": through}]


def test_family_of_a_partner_never_married_or_lived_with_is_not_a_relative():
    built = facts(how_known=["relative"], relative_relation="parent", relative_through="other_partner")
    assert built["relationships"] == [{"type": "other"}]
    assert set(RELATIVE_THROUGH) == {"self", "spouse_or_civil_partner", "cohabitant", "other_partner"}


def test_shared_home_in_another_way_counts_as_household():
    built = facts(how_known=["shared_home"], shared_home_only_as="no")
    assert built["relationships"] == [{"type": "household_member"}]


@pytest.mark.parametrize("only_as", ["lodger", "tenant", "boarder", "employee"])
def test_shared_home_only_as_lodger_tenant_boarder_or_employee(only_as):
    built = facts(how_known=["shared_home"], shared_home_only_as=only_as)
    assert built["relationships"] == [{"type": "household_member", "only_as": only_as}]
    assert only_as in SHARED_HOME_ONLY_AS


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("child", "co_parent"),
        ("family_case", "family_proceedings"),
        ("neighbour", "neighbour"),
        ("colleague", "colleague"),
        ("acquaintance", "acquaintance"),
        ("online_contact", "online_contact"),
        ("stranger", "stranger"),
        ("other", "other"),
    ],
)
def test_connections_without_follow_ups(key, expected):
    assert types(facts(how_known=[key])) == [expected]


def test_several_ticks_give_several_connections_in_order():
    built = facts(
        how_known={"partner": True, "shared_home": True, "child": True, "stranger": False},
        partner_kinds={"lived_together": True, "engaged": True},
        shared_home_only_as="no",
    )
    assert types(built) == ["cohabitant", "engaged", "household_member", "co_parent"]


def test_follow_up_answers_for_unticked_boxes_are_ignored():
    built = facts(how_known=["neighbour"], partner_kinds=["married"], relative_relation="parent")
    assert types(built) == ["neighbour"]


def test_every_first_screen_choice_is_mapped():
    for key in HOW_KNOWN:
        answers = {"how_known": [key]}
        if key == "partner":
            answers["partner_kinds"] = list(PARTNER_KINDS)
        if key == "relative":
            answers.update(relative_relation="sibling", relative_through="self")
        facts(**answers)


def test_unknown_answer_keys_are_a_bug_not_a_silent_guess():
    with pytest.raises(ValueError, match="how known"):
        build_facts(lives_in="england", how_known=["boyfriend"])
    with pytest.raises(ValueError, match="partner kind"):
        build_facts(lives_in="england", how_known=["partner"], partner_kinds=["fling"])
    with pytest.raises(ValueError, match="relation"):
        build_facts(lives_in="england", how_known=["relative"], relative_relation="great_uncle")


# --- the rest of the facts ----------------------------------------------------------------------


def test_top_level_keys():
    built = facts(in_danger_now=True, applicant_age=15, how_known=["stranger"], further_conduct_feared=True)
    assert built["lives_in"] == "england"
    assert built["as_of"] == "2026-11-24"
    assert built["immediate_danger"] is True
    assert built["applicant_age"] == 15
    assert built["further_conduct_feared"] is True
    assert built["incidents"] == []
    assert "without_notice" not in built


def test_age_is_left_out_when_not_asked():
    assert "applicant_age" not in facts(how_known=["stranger"])


@pytest.mark.parametrize(("count", "number"), [("none", 0), ("once", 1), ("two_or_more", 2)])
def test_incidents_from_the_simple_count(count, number):
    incidents = incidents_from_count(count, TODAY)
    assert len(incidents) == number
    assert count in INCIDENT_COUNTS
    # Distinct placeholder dates, none after the decision date, marked as not given.
    assert len({item["date"] for item in incidents}) == number
    assert all(item["date"] <= "2026-11-24" and item["date_known"] is False for item in incidents)
    parse_facts({"lives_in": "wales", "as_of": "2026-11-24", "incidents": incidents})


def test_incidents_from_count_accepts_an_iso_string_date():
    assert incidents_from_count("once", "2026-11-24") == [{"date": "2026-11-24", "date_known": False}]


def test_incident_count_must_be_an_offered_answer():
    with pytest.raises(ValueError, match="incident count"):
        incidents_from_count("lots", TODAY)


def test_without_notice_answers_use_the_fact_key_names():
    answers = without_notice_answers(True, False, None)
    assert answers == {"risk_of_significant_harm": True, "deterred_or_prevented": False}
    assert without_notice_answers() is None
    built = add_without_notice(facts(how_known=["stranger"]), answers)
    parsed = parse_facts(built)
    assert parsed.without_notice.risk_of_significant_harm is True
    assert parsed.without_notice.requested is True


def test_add_without_notice_leaves_the_original_alone():
    base = facts(how_known=["stranger"])
    assert add_without_notice(base, None) == base
    added = add_without_notice(base, {"evading_service": True})
    assert "without_notice" not in base and added["without_notice"] == {"evading_service": True}
