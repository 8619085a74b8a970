"""parse_facts: typed facts from JSON, and one clear message naming the key path when wrong."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from contract_example import CONTRACT_EXAMPLE

from docassemble.StalkingRemedies.facts import (
    Facts,
    FactsError,
    LivesIn,
    OnlyAs,
    Relation,
    RelationshipType,
    SignificantDuration,
    Through,
    WithoutNoticeFacts,
    parse_facts,
)

TODAY = dt.date(2026, 11, 24)


def parse(data: Any) -> Facts:
    return parse_facts(data, today=TODAY)


def error(data: Any) -> FactsError:
    with pytest.raises(FactsError) as caught:
        parse(data)
    return caught.value


# --- good input -------------------------------------------------------------------------------

def test_the_contract_example_parses():
    facts = parse(CONTRACT_EXAMPLE)
    assert facts.lives_in is LivesIn.ENGLAND
    assert facts.applicant_age == 34
    assert facts.relationships[0].type is RelationshipType.ENGAGED
    assert facts.relationships[0].ended_on == dt.date(2024, 6, 1)
    assert facts.relationships[1].significant_duration is SignificantDuration.YES
    assert [i.date for i in facts.incidents] == [dt.date(2026, 10, 1), dt.date(2026, 10, 3)]
    assert facts.further_conduct_feared is True


def test_defaults():
    facts = parse({"lives_in": "wales"})
    assert facts == Facts(as_of=TODAY, lives_in=LivesIn.WALES)
    assert facts.immediate_danger is False
    assert facts.applicant_age is None
    assert facts.relationships == () and facts.incidents == ()
    assert facts.without_notice == WithoutNoticeFacts()


def test_as_of_defaults_to_the_real_today_when_not_injected():
    assert parse_facts({"lives_in": "england"}).as_of == dt.date.today()


def test_null_means_not_given():
    facts = parse({"lives_in": "england", "applicant_age": None, "immediate_danger": None, "relationships": None})
    assert facts.applicant_age is None and facts.immediate_danger is False and facts.relationships == ()


def test_unknown_keys_are_ignored_everywhere():
    facts = parse({
        "lives_in": "england",
        "postcode_area": "XX",
        "relationships": [{"type": "spouse", "wedding_venue": "somewhere"}],
        "without_notice": {"risk_of_significant_harm": True, "added_later": 1},
    })
    assert facts.relationships[0].type is RelationshipType.SPOUSE
    assert facts.without_notice.requested is True


def test_incident_extra_keys_are_kept():
    facts = parse({"lives_in": "england", "incidents": [{"date": "2026-10-01", "what": "followed", "time": "08:10"}]})
    assert facts.incidents[0].extra == {"what": "followed", "time": "08:10"}


def test_relative_fields():
    rel = parse({"lives_in": "england", "relationships": [
        {"type": "relative", "relation": "first_cousin", "through": "cohabitant"}]}).relationships[0]
    assert rel.relation is Relation.FIRST_COUSIN and rel.through is Through.COHABITANT
    plain = parse({"lives_in": "england", "relationships": [{"type": "relative", "relation": "sibling"}]})
    assert plain.relationships[0].through is Through.SELF


def test_household_only_as():
    rel = parse({"lives_in": "england", "relationships": [{"type": "household_member", "only_as": "boarder"}]})
    assert rel.relationships[0].only_as is OnlyAs.BOARDER


def test_without_notice_answers():
    facts = parse({"lives_in": "england", "without_notice": {"evading_service": True}})
    assert facts.without_notice == WithoutNoticeFacts(evading_service=True)
    assert facts.without_notice.requested


def test_dates_on_as_of_are_allowed():
    facts = parse({"as_of": "2026-01-31", "lives_in": "england", "incidents": [{"date": "2026-01-31"}],
                   "relationships": [{"type": "engaged", "ended_on": "2026-01-31"}]})
    assert facts.incidents[0].date == dt.date(2026, 1, 31)


# --- bad input: one message, naming the key path and what was expected --------------------------

BAD = [
    # (label, facts, exact message)
    ("not an object", ["england"], 'facts: expected a JSON object (got ["england"])'),
    ("missing lives_in", {}, "lives_in: required; one of england, wales, scotland, northern_ireland, outside_uk"),
    ("unknown lives_in", {"lives_in": "france"},
     'lives_in: expected one of england, wales, scotland, northern_ireland, outside_uk (got "france")'),
    ("bool as string", {"lives_in": "england", "immediate_danger": "true"},
     'immediate_danger: expected true or false (got "true")'),
    ("bool as number", {"lives_in": "england", "further_conduct_feared": 1},
     "further_conduct_feared: expected true or false (got 1)"),
    ("age as string", {"lives_in": "england", "applicant_age": "34"},
     'applicant_age: expected a whole number of years (got "34")'),
    ("age as float", {"lives_in": "england", "applicant_age": 16.5},
     "applicant_age: expected a whole number of years (got 16.5)"),
    ("age as bool", {"lives_in": "england", "applicant_age": True},
     "applicant_age: expected a whole number of years (got true)"),
    ("negative age", {"lives_in": "england", "applicant_age": -1},
     "applicant_age: expected an age from 0 to 130 (got -1)"),
    ("as_of not a date", {"lives_in": "england", "as_of": "24/11/2026"},
     'as_of: expected a date as YYYY-MM-DD (got "24/11/2026")'),
    ("relationships not a list", {"lives_in": "england", "relationships": {"type": "spouse"}},
     'relationships: expected a list (got {"type": "spouse"})'),
    ("relationship not an object", {"lives_in": "england", "relationships": ["spouse"]},
     'relationships[0]: expected a JSON object (got "spouse")'),
    ("relationship type missing", {"lives_in": "england", "relationships": [{}]},
     "relationships[0].type: required; one of spouse, civil_partner, cohabitant, household_member, relative, "
     "engaged, civil_partnership_agreement, intimate_relationship, co_parent, family_proceedings, neighbour, "
     "colleague, acquaintance, online_contact, stranger, other"),
    ("relationship type unknown", {"lives_in": "england", "relationships": [{"type": "spouse"}, {"type": "boyfriend"}]},
     "relationships[1].type: expected one of spouse, civil_partner, cohabitant, household_member, relative, "
     "engaged, civil_partnership_agreement, intimate_relationship, co_parent, family_proceedings, neighbour, "
     'colleague, acquaintance, online_contact, stranger, other (got "boyfriend")'),
    ("relative without relation", {"lives_in": "england", "relationships": [{"type": "relative"}]},
     "relationships[0].relation: required when type is relative; one of parent, step_parent, child, stepchild, "
     "grandparent, grandchild, sibling, aunt_or_uncle, niece_or_nephew, first_cousin, other_relative"),
    ("unknown relation", {"lives_in": "england", "relationships": [{"type": "relative", "relation": "great_uncle"}]},
     "relationships[0].relation: expected one of parent, step_parent, child, stepchild, grandparent, grandchild, "
     'sibling, aunt_or_uncle, niece_or_nephew, first_cousin, other_relative (got "great_uncle")'),
    ("unknown through", {"lives_in": "england",
                         "relationships": [{"type": "relative", "relation": "parent", "through": "friend"}]},
     'relationships[0].through: expected one of self, spouse_or_civil_partner, cohabitant (got "friend")'),
    ("unknown only_as", {"lives_in": "england", "relationships": [{"type": "household_member", "only_as": "guest"}]},
     'relationships[0].only_as: expected one of employee, tenant, lodger, boarder (got "guest")'),
    ("intimate without duration", {"lives_in": "england", "relationships": [{"type": "intimate_relationship"}]},
     "relationships[0].significant_duration: required when type is intimate_relationship; one of yes, no, unsure"),
    ("duration as bool", {"lives_in": "england",
                          "relationships": [{"type": "intimate_relationship", "significant_duration": True}]},
     "relationships[0].significant_duration: expected one of yes, no, unsure (got true)"),
    ("ended_on bad", {"lives_in": "england", "relationships": [{"type": "engaged", "ended_on": "June 2024"}]},
     'relationships[0].ended_on: expected a date as YYYY-MM-DD (got "June 2024")'),
    ("ended_on after as_of", {"as_of": "2026-11-24", "lives_in": "england",
                              "relationships": [{"type": "engaged", "ended_on": "2027-01-01"}]},
     'relationships[0].ended_on: expected a date on or before as_of 2026-11-24 (got "2027-01-01")'),
    ("incidents not a list", {"lives_in": "england", "incidents": "2026-10-01"},
     'incidents: expected a list (got "2026-10-01")'),
    ("incident without date", {"lives_in": "england", "incidents": [{"date": "2026-10-01"}, {"what": "x"}]},
     "incidents[1].date: required, as YYYY-MM-DD"),
    ("incident date wrong format", {"lives_in": "england", "incidents": [{"date": "01/10/2026"}]},
     'incidents[0].date: expected a date as YYYY-MM-DD (got "01/10/2026")'),
    ("incident date not real", {"lives_in": "england", "incidents": [{"date": "2026-02-30"}]},
     'incidents[0].date: expected a real date as YYYY-MM-DD (got "2026-02-30")'),
    ("incident date as number", {"lives_in": "england", "incidents": [{"date": 20261001}]},
     "incidents[0].date: expected a date as YYYY-MM-DD (got 20261001)"),
    ("incident date compact", {"lives_in": "england", "incidents": [{"date": "20261001"}]},
     'incidents[0].date: expected a date as YYYY-MM-DD (got "20261001")'),
    ("incident in the future", {"as_of": "2026-11-24", "lives_in": "england", "incidents": [{"date": "2026-11-25"}]},
     'incidents[0].date: expected a date on or before as_of 2026-11-24 (got "2026-11-25")'),
    ("without_notice not an object", {"lives_in": "england", "without_notice": True},
     "without_notice: expected a JSON object (got true)"),
    ("without_notice answer as string", {"lives_in": "england", "without_notice": {"evading_service": "yes"}},
     'without_notice.evading_service: expected true or false (got "yes")'),
]


@pytest.mark.parametrize(("label", "data", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_one_clear_message(label, data, message):
    caught = error(data)
    assert str(caught) == message
    assert "\n" not in str(caught)
    assert str(caught).startswith(caught.path + ": ")


def test_long_bad_values_are_shortened_and_kept_on_one_line():
    caught = error({"lives_in": "x" * 200 + "\nmore"})
    assert len(str(caught)) < 200
    assert "\n" not in str(caught)


def test_facts_error_is_a_value_error():
    assert issubclass(FactsError, ValueError)


def test_enums_match_the_contract_values():
    assert [p.value for p in LivesIn] == ["england", "wales", "scotland", "northern_ireland", "outside_uk"]
    assert [s.value for s in SignificantDuration] == ["yes", "no", "unsure"]
    assert [o.value for o in OnlyAs] == ["employee", "tenant", "lodger", "boarder"]
