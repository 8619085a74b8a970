"""Without notice (FLA 1996 s.45): statement sentences, notes and citations per factor."""

from __future__ import annotations

from typing import Any

import pytest

from docassemble.StalkingRemedies.facts import parse_facts
from docassemble.StalkingRemedies.remedies import assess

AS_OF = "2026-11-24"
TWO = [{"date": "2026-10-01"}, {"date": "2026-10-03"}]


def without_notice(relationships=({"type": "spouse"},), **facts: Any) -> dict[str, Any]:
    data = {"as_of": AS_OF, "lives_in": "england", "relationships": list(relationships), "incidents": TWO, **facts}
    return assess(parse_facts(data)).to_dict()["without_notice"]


FACTORS = [
    ("risk_of_significant_harm", "FLA 1996 s.45(2)(a)", "significant harm"),
    ("deterred_or_prevented", "FLA 1996 s.45(2)(b)", "scared off or stopped"),
    ("evading_service", "FLA 1996 s.45(2)(c)", "deliberately avoiding"),
]


def test_not_requested_means_nothing_to_say():
    assert without_notice() == {"requested": False, "reasons": [], "notes": [], "citations": []}


def test_all_false_is_not_a_request():
    answers = {"risk_of_significant_harm": False, "deterred_or_prevented": False, "evading_service": False}
    assert without_notice(without_notice=answers)["requested"] is False


@pytest.mark.parametrize(("key", "citation", "phrase"), FACTORS, ids=[f[0] for f in FACTORS])
def test_each_factor_gives_its_own_sentence_and_citation(key, citation, phrase):
    result = without_notice(without_notice={key: True})
    assert result["requested"] is True
    assert result["reasons"][0].startswith("I ask the court to make this order now")
    assert len(result["reasons"]) == 2
    assert phrase in result["reasons"][1]
    assert citation in result["citations"]
    others = {c for _, c, _ in FACTORS} - {citation}
    assert not others & set(result["citations"])
    assert {"FLA 1996 s.45(1)", "FPR 10.2(4)"} <= set(result["citations"])


def test_all_three_factors_in_statutory_order():
    result = without_notice(
        without_notice={"evading_service": True, "risk_of_significant_harm": True, "deterred_or_prevented": True}
    )
    assert len(result["reasons"]) == 4
    s45_2 = [c for c in result["citations"] if c.startswith("FLA 1996 s.45(2)")]
    assert s45_2 == ["FLA 1996 s.45(2)(a)", "FLA 1996 s.45(2)(b)", "FLA 1996 s.45(2)(c)"]


def test_notes_explain_the_full_hearing_and_when_breach_becomes_a_crime():
    result = without_notice(without_notice={"risk_of_significant_harm": True})
    text = " ".join(result["notes"])
    assert "full hearing" in text
    assert "only a crime once they know" in text
    assert "FLA 1996 s.45(3)" in result["citations"]
    assert "FLA 1996 s.42A(2)" in result["citations"]


def test_for_a_harassment_injunction_the_notes_follow_cpr_25():
    result = without_notice(relationships=[{"type": "neighbour"}], without_notice={"deterred_or_prevented": True})
    assert result["citations"] == ["CPR 25.9(3)"]
    assert "return date" in " ".join(result["notes"])
    assert len(result["reasons"]) == 2  # the same statement sentences serve either route


def test_danger_without_a_request_suggests_asking():
    result = without_notice(immediate_danger=True)
    assert result["requested"] is False
    assert "without notice" in " ".join(result["notes"])


def test_request_with_no_open_route_has_no_statement_sentences():
    result = without_notice(relationships=[{"type": "stranger"}], incidents=[], without_notice={"evading_service": True})
    assert result["requested"] is True
    assert result["reasons"] == []
    assert result["notes"]
