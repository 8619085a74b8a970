"""The law table (data/sources/law.yml): complete, consistent, traceable, and loaded as typed data."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from importlib import resources

import pytest
import yaml

from docassemble.StalkingRemedies.facts import Relation, RelationshipType, Through
from docassemble.StalkingRemedies.law import (
    LawTableError,
    add_years,
    load_law,
    parse_law,
    signpost,
)


@pytest.fixture(scope="module")
def raw() -> dict:
    text = resources.files("docassemble.StalkingRemedies").joinpath("data").joinpath("sources") \
        .joinpath("law.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


TRACED_SECTIONS = ["provisions", "cases", "time_limits", "ages", "fees", "forms", "signposts"]
TRACED_SINGLE = ["relatives", "course_of_conduct", "personally_connected"]


@pytest.mark.parametrize("section", TRACED_SECTIONS)
def test_every_entry_has_source_as_of_and_verify(raw, section):
    for key, entry in raw[section].items():
        assert isinstance(entry["source"], str) and entry["source"].strip(), f"{section}.{key}"
        assert isinstance(entry["as_of"], dt.date), f"{section}.{key}"
        assert isinstance(entry["verify"], bool), f"{section}.{key}"


@pytest.mark.parametrize("section", TRACED_SINGLE)
def test_single_sections_are_traced_too(raw, section):
    entry = raw[section]
    assert entry["source"] and isinstance(entry["as_of"], dt.date) and isinstance(entry["verify"], bool)


def test_the_table_is_cached_and_typed():
    law = load_law()
    assert load_law() is law
    assert isinstance(law.as_of, dt.date)


def test_every_relationship_type_is_either_a_s62_connection_or_listed_as_not_one():
    law = load_law()
    qualifying = set(law.associations)
    not_qualifying = set(law.not_associated)
    assert not qualifying & not_qualifying
    assert qualifying | not_qualifying == {t.value for t in RelationshipType}


def test_all_ten_s62_3_categories_are_in_the_table():
    cited = sorted(a.provision.citation for a in load_law().associations.values())
    expected = sorted(f"FLA 1996 s.62(3)({p})" for p in ["a", "aa", "b", "c", "d", "e", "eza", "ea", "f", "g"])
    assert cited == expected


def test_household_exclusions_are_the_four_in_s62_3_c():
    assert set(load_law().associations["household_member"].not_if_only_as) == {"employee", "tenant", "lodger", "boarder"}


def test_relatives_list_matches_the_input_vocabulary():
    relatives = load_law().relatives
    assert set(relatives.counted) == {r.value for r in Relation} - {"other_relative"}
    assert set(relatives.through) == {t.value for t in Through}
    assert "first_cousin" in relatives.counted
    for template in relatives.through.values():
        assert "{label}" in template


def test_relatives_not_counted_follow_m_v_d():
    relatives = load_law().relatives
    assert set(relatives.not_counted) == {
        "great-grandparents", "great-aunts and great-uncles", "second cousins", "step-nieces and step-nephews"
    }
    assert relatives.case.citation == "M v D [2021] EWHC 1351 (Fam)"


def test_time_limits():
    law = load_law()
    assert law.time_limits["engagement"].years == 3
    assert law.time_limits["engagement"].provision.citation == "FLA 1996 s.42(4)"
    assert law.time_limits["civil_partnership_agreement"].years == 3
    assert law.time_limits["civil_partnership_agreement"].provision.citation == "FLA 1996 s.42(4ZA)"
    assert law.associations["engaged"].time_limit == "engagement"
    assert law.associations["civil_partnership_agreement"].time_limit == "civil_partnership_agreement"


@pytest.mark.parametrize(
    ("ended", "rule", "last"),
    [
        (dt.date(2023, 6, 1), "day_before_anniversary", dt.date(2026, 5, 31)),
        (dt.date(2023, 6, 1), "anniversary", dt.date(2026, 6, 1)),
        (dt.date(2024, 2, 29), "day_before_anniversary", dt.date(2027, 2, 28)),
    ],
)
def test_last_day_in_time(ended, rule, last):
    limit = dataclasses.replace(load_law().time_limits["engagement"], last_day_in_time=rule)
    assert limit.last_day(ended) == last


def test_add_years_handles_29_february():
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 3, 1)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_course_of_conduct_and_ages():
    law = load_law()
    assert law.course_of_conduct.min_occasions == 2
    assert law.course_of_conduct.provision.citation == "PHA 1997 s.7(3)"
    assert law.course_of_conduct.apprehended_provision.citation == "PHA 1997 s.3(1)"
    assert law.ages["nmo_leave_below"].years == 16
    assert law.ages["nmo_leave_below"].provision.citation == "FLA 1996 s.43"
    assert law.ages["adult"].years == 18


def test_fees():
    fees = load_law().fees
    assert fees["fl401"].amount_gbp == 0
    assert fees["general_application_on_notice"].amount_gbp == 313
    assert fees["general_application_without_notice"].amount_gbp == 123
    assert fees["general_application_on_notice"].since == dt.date(2025, 4, 8)
    assert fees["county_court_non_money_claim"].amount_gbp == 377
    assert fees["county_court_non_money_claim"].verify is True


def test_forms():
    forms = load_law().forms
    assert forms["FL401"].edition == "02.23"
    for form_id in ["C8", "FL402", "FL403", "FL404a", "FL415", "FL435", "N208", "N16A", "EX160"]:
        assert forms[form_id].title


def test_points_marked_verify_in_the_fact_sheet_are_flagged():
    law = load_law()
    assert law.provisions["fla_s63_1"].verify
    assert law.provisions["fla_s44"].verify
    assert law.provisions["fla_s42_4za"].verify
    assert law.signposts["dapo_pilot"].verify
    assert law.signposts["legal_aid"].verify
    assert law.relatives.verify


EMITTED_SIGNPOSTS = [
    "emergency_999", "police", "national_stalking_helpline", "paladin", "legal_aid", "help_with_fees",
    "stalking_protection_order", "restraining_order", "dapo_pilot", "keep_log",
    "scotland", "northern_ireland", "outside_uk",
]


@pytest.mark.parametrize("signpost_id", EMITTED_SIGNPOSTS)
def test_every_signpost_the_engine_can_emit_has_details(signpost_id):
    details = signpost(signpost_id)
    assert details.id == signpost_id
    assert details.title and details.description
    assert set(details.to_dict()) == {"id", "title", "phone", "description", "url"}


def test_helpline_numbers():
    assert signpost("national_stalking_helpline").phone == "0808 802 0300"
    assert signpost("paladin").phone == "020 3866 4107"
    assert signpost("police").phone == "101"
    assert signpost("emergency_999").phone == "999"


def test_unknown_signpost_names_the_known_ones():
    with pytest.raises(KeyError, match="unknown signpost 'nope'; known: .*police"):
        signpost("nope")


def test_citations_are_unique_and_written_consistently():
    citations = [p.citation for p in load_law().provisions.values()]
    assert len(citations) == len(set(citations))
    pattern = re.compile(r"^(FLA 1996|PHA 1997|DA Act 2021|Limitation Act 1980) s\.\w+(\(\w+\))*$|^(FPR|CPR) ")
    for citation in citations:
        assert pattern.match(citation), citation


def test_routes_advantages_are_listed():
    routes = load_law().routes
    assert routes["non_molestation_order"].provision.citation == "FLA 1996 s.42(2)(a)"
    assert len(routes["non_molestation_order"].advantages) >= 5


def test_missing_source_is_reported_with_its_path(raw):
    broken = copy.deepcopy(raw)
    del broken["fees"]["fl401"]["source"]
    with pytest.raises(LawTableError, match=r"^fees\.fl401\.source: required$"):
        parse_law(broken)


def test_dangling_reference_is_reported(raw):
    broken = copy.deepcopy(raw)
    broken["associations"]["spouse"]["provision"] = "no_such_provision"
    with pytest.raises(LawTableError, match=r"associations\.spouse\.provision: unknown reference"):
        parse_law(broken)


def test_wrong_kind_is_reported(raw):
    broken = copy.deepcopy(raw)
    broken["time_limits"]["engagement"]["years"] = "three"
    with pytest.raises(LawTableError, match=r"time_limits\.engagement\.years: expected"):
        parse_law(broken)


def test_unknown_counting_rule_is_reported(raw):
    broken = copy.deepcopy(raw)
    broken["time_limits"]["engagement"]["last_day_in_time"] = "whenever"
    with pytest.raises(LawTableError, match="last_day_in_time"):
        parse_law(broken)


def test_the_table_is_read_only():
    law = load_law()
    with pytest.raises(TypeError):
        law.fees["fl401"] = None  # type: ignore[index]
