"""Not a test: the facts example from the decision contract (shared/design/assess-contract.md),
written once for every test that starts from it."""

CONTRACT_EXAMPLE = {
    "as_of": "2026-11-24",
    "lives_in": "england",
    "immediate_danger": False,
    "applicant_age": 34,
    "relationships": [
        {"type": "engaged", "ended_on": "2024-06-01"},
        {"type": "intimate_relationship", "significant_duration": "yes"},
    ],
    "incidents": [{"date": "2026-10-01"}, {"date": "2026-10-03"}],
    "further_conduct_feared": True,
}
