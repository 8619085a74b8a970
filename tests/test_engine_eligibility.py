"""The eligibility questions and the result screen, walked through docassemble's real engine.

Each test is one person's situation, answered screen by screen with the headless runner, up to
the screen they would end on: the result screen ("which orders are open") with the suggested
route pre-selected, or "what you can do now" when no route is open. The decision itself is
tested on its own (tests/test_remedies_*.py); these tests check that the questions fill the
facts correctly and that the screen shows what the decision said.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest
from pypdf import PdfReader

RESULT = "which orders are open"
NOTHING_OPEN = "what you can do now"
SUMMARY = "your situation so far"

#: Safety, scope, the introduction and age: the same for most people.
START = {
    "in_danger_now": False,
    "lives_in": "england",
    "eligibility_intro_seen": True,
    "applicant_age": 34,
}

#: The three without-notice (FLA 1996 s.45) questions, all answered "no".
NO_WITHOUT_NOTICE = {
    "without_notice_risk": False,
    "without_notice_deterred": False,
    "without_notice_evading": False,
}

WITHOUT_NOTICE_IDS = {"without notice risk of harm", "without notice deterred", "without notice evading"}

#: The steps after the result that belong to other files (the incident log, evidence and the
#: schedule: tests/test_engine_incidents*.py and friends). Marked done, so that a walk past the
#: result reaches the summary; the decision then still uses the "how many times?" answer.
LATER_STEPS_DONE = {"incident_log_done": True, "evidence_done": True, "incident_schedule_shown": True}


def walk(new_session, answers, stop_at=None, preset=None):
    """Answer from START + answers; return (session, final screen, ids of every screen seen).

    `preset` variables are set before the first screen (steps this file does not test).
    """
    session = new_session()
    if preset:
        session.set(**preset)
    merged = {**START, **answers}
    seen = []
    for _ in range(60):
        screen = session.screen()
        seen.append(screen.id)
        if stop_at is not None and screen.id == stop_at:
            break
        wanted = screen.field_variables() + ([screen.continue_field] if screen.continue_field else [])
        if not wanted or not all(name in merged for name in wanted):
            break
        for name in wanted:
            session.set_variable(name, merged[name])
    return session, screen, seen


def default_of(session, variable):
    """The value a field of the current screen starts with (docassemble's `defaults`)."""
    screen = session.screen()
    for field in screen.fields:
        if field.variable == variable:
            return field.default
    raise AssertionError(f"{variable} is not on screen {screen.id}")


def section(text, heading):
    """The Markdown of one route's section on the result screen (up to the next heading)."""
    match = re.search(rf"^### {heading}:.*?(?=^##|\Z)", text, flags=re.S | re.M)
    assert match, f"no section {heading!r}"
    return match.group(0)


def docx_text(path) -> str:
    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


# --- the six-plus situations ------------------------------------------------------------------


def test_ex_partner_who_lived_together_gets_a_non_molestation_order_suggested(new_session):
    session, screen, seen = walk(
        new_session,
        {
            "how_known": {"partner": True},
            "partner_kinds": {"lived_together": True},
            "incident_count_answer": "once",
            "further_conduct_feared": True,
            "without_notice_risk": True,
            "without_notice_deterred": False,
            "without_notice_evading": False,
        },
    )
    assert screen.id == RESULT
    assert seen[seen.index("how you know them") + 1] == "what kind of relationship"
    assert WITHOUT_NOTICE_IDS <= set(seen)
    nmo = section(screen.subquestion, "Non-molestation order")
    assert "Non-molestation order: Open to you" in nmo
    assert "We suggest this one" in nmo
    assert "FLA 1996 s.62(3)(b)" in nmo
    assert "FL401" in nmo and "witness statement" in nmo and "No court fee" in nmo
    pha = section(screen.subquestion, "Harassment injunction")
    assert "Maybe open to you" in pha
    assert "PHA 1997 s.3(1)" in pha
    (field,) = screen.fields
    assert field.variable == "chosen_route"
    assert field.choices == ("non_molestation_order", "harassment_injunction")
    assert default_of(session, "chosen_route") == "non_molestation_order"
    assert "Asking the court to act before they are told" in screen.subquestion
    assert session.value("eligibility_facts['without_notice']") == {
        "risk_of_significant_harm": True,
        "deterred_or_prevented": False,
        "evading_service": False,
    }
    assert "National Stalking Helpline" in screen.subquestion


def test_neighbour_with_two_incidents_gets_a_harassment_injunction(new_session):
    session, screen, seen = walk(
        new_session,
        {"how_known": {"neighbour": True}, "incident_count_answer": "two_or_more", "further_conduct_feared": True},
    )
    assert screen.id == RESULT
    assert not WITHOUT_NOTICE_IDS & set(seen), "s.45 questions are for the non-molestation route only"
    assert "Non-molestation order: Not open to you" in screen.subquestion
    assert "Being neighbours is not one of the connections" in screen.subquestion
    pha = section(screen.subquestion, "Harassment injunction")
    assert "Harassment injunction: Open to you" in pha
    assert "PHA 1997 s.7(3)" in pha
    assert "N208" in pha and "N16A" in pha and "EX160" in pha and "cross-undertaking" in pha
    assert screen.fields[0].choices == ("harassment_injunction",)
    assert default_of(session, "chosen_route") == "harassment_injunction"
    assert session.value("len(eligibility_facts['incidents'])") == 2


def test_stranger_once_and_afraid_gets_a_maybe_and_a_short_path(new_session):
    session, screen, seen = walk(
        new_session,
        {"how_known": {"stranger": True}, "incident_count_answer": "once", "further_conduct_feared": True},
    )
    assert screen.id == RESULT
    # A stranger case asks nothing about relationships after the first screen.
    after = seen[seen.index("how you know them") + 1 :]
    assert after == ["how many times", "afraid it will happen again", RESULT]
    pha = section(screen.subquestion, "Harassment injunction")
    assert "Maybe open to you: the court decides" in pha
    assert "PHA 1997 s.3(1)" in pha
    assert "Non-molestation order: Not open to you" in screen.subquestion
    assert screen.fields[0].choices == ("harassment_injunction",)
    assert default_of(session, "chosen_route") == "harassment_injunction"


def test_engagement_ended_four_years_ago_is_out_of_time_but_harassment_is_open(new_session):
    today = dt.date.today()
    ended = today.replace(year=today.year - 4) if not (today.month == 2 and today.day == 29) else dt.date(today.year - 4, 2, 28)
    session, screen, seen = walk(
        new_session,
        {
            "how_known": {"partner": True},
            "partner_kinds": {"engaged": True},
            "engagement_ended": True,
            "engagement_ended_on": ended,
            "relationship_significant": "no",
            "incident_count_answer": "two_or_more",
            "further_conduct_feared": False,
        },
    )
    assert screen.id == RESULT
    assert {"has the engagement ended", "when did the engagement end", "did the relationship last a significant time"} <= set(seen)
    nmo = section(screen.subquestion, "Non-molestation order")
    assert "Not open to you" in nmo
    assert "FLA 1996 s.42(4)" in nmo
    assert "ran out" in nmo
    assert "Harassment injunction: Open to you" in screen.subquestion
    assert default_of(session, "chosen_route") == "harassment_injunction"
    assert session.value("eligibility_facts['relationships'][0]") == {"type": "engaged", "ended_on": ended.isoformat()}


def test_brother_in_law_is_a_relative_through_a_spouse(new_session):
    session, screen, seen = walk(
        new_session,
        {
            "how_known": {"relative": True},
            "relative_relation": "sibling",
            "relative_through": "spouse_or_civil_partner",
            "incident_count_answer": "once",
            "further_conduct_feared": False,
            **NO_WITHOUT_NOTICE,
        },
    )
    assert screen.id == RESULT
    assert "whose family" in seen
    nmo = section(screen.subquestion, "Non-molestation order")
    assert "Open to you" in nmo
    assert "brother or sister of your husband, wife or civil partner" in nmo
    assert "FLA 1996 s.62(3)(d)" in nmo and "FLA 1996 s.63(1)" in nmo
    assert "One incident can be enough" in nmo
    assert "Harassment injunction: Not open to you" in screen.subquestion
    assert screen.fields[0].choices == ("non_molestation_order",)
    assert default_of(session, "chosen_route") == "non_molestation_order"


def test_lodger_only_with_nothing_yet_gets_what_you_can_do_now_not_a_dead_end(new_session):
    session, screen, seen = walk(
        new_session,
        {
            "how_known": {"shared_home": True},
            "shared_home_only_as": "lodger",
            "incident_count_answer": "none",
            "further_conduct_feared": False,
        },
    )
    assert screen.id == NOTHING_OPEN
    assert not WITHOUT_NOTICE_IDS & set(seen)
    text = screen.subquestion
    assert "Neither court order is open to you" in text
    assert "Report it to the police" in text and "single point of contact (SPOC)" in text
    assert "National Stalking Helpline" in text and "0808 802 0300" in text
    assert "Keep a log" in text
    assert "only because one of you is, or was, the other's lodger" in text
    assert screen.field_variables() == ["nothing_open_seen"]
    # The way on is the rest of the interview (the log, then a summary to keep), not an end.
    session.press("nothing_open_seen")
    assert session.screen().id not in (NOTHING_OPEN, RESULT)
    assert session.value("eligibility_result_done") is True
    assert session.value("eligibility_chosen_route") is None
    session.set(**LATER_STEPS_DONE)
    assert session.screen().id == SUMMARY


def test_intimate_relationship_unsure_is_a_maybe_for_the_court(new_session):
    session, screen, seen = walk(
        new_session,
        {
            "how_known": {"partner": True},
            "partner_kinds": {"dated": True},
            "relationship_significant": "unsure",
            "incident_count_answer": "once",
            "further_conduct_feared": False,
            **NO_WITHOUT_NOTICE,
        },
    )
    assert screen.id == RESULT
    assert WITHOUT_NOTICE_IDS <= set(seen), "a maybe still asks the s.45 questions"
    nmo = section(screen.subquestion, "Non-molestation order")
    assert "Maybe open to you: the court decides" in nmo
    assert "does not set a minimum length" in nmo
    assert "FLA 1996 s.62(3)(ea)" in nmo
    assert screen.fields[0].choices == ("non_molestation_order",)
    assert default_of(session, "chosen_route") == "non_molestation_order"
    assert session.value("eligibility_facts['relationships']") == [
        {"type": "intimate_relationship", "significant_duration": "unsure"}
    ]


def test_under_16_needs_the_courts_leave_and_a_litigation_friend(new_session):
    session, screen, _seen = walk(
        new_session,
        {
            "applicant_age": 15,
            "how_known": {"relative": True},
            "relative_relation": "parent",
            "relative_through": "self",
            "incident_count_answer": "two_or_more",
            "further_conduct_feared": True,
            **NO_WITHOUT_NOTICE,
        },
    )
    assert screen.id == RESULT
    nmo = section(screen.subquestion, "Non-molestation order")
    assert "Open to you" in nmo and "They are your parent." in nmo
    assert "under 16" in nmo and "leave" in nmo and "FLA 1996 s.43" in nmo
    pha = section(screen.subquestion, "Harassment injunction")
    assert "litigation friend" in pha and "CPR Part 21" in pha
    assert default_of(session, "chosen_route") == "non_molestation_order"
    assert session.value("eligibility_facts['applicant_age']") == 15


# --- more paths ---------------------------------------------------------------------------------


def test_family_of_a_partner_never_married_or_lived_with_does_not_count(new_session):
    _session, screen, _seen = walk(
        new_session,
        {
            "how_known": {"relative": True},
            "relative_relation": "sibling",
            "relative_through": "other_partner",
            "incident_count_answer": "two_or_more",
            "further_conduct_feared": True,
        },
    )
    assert screen.id == RESULT
    assert "Non-molestation order: Not open to you" in screen.subquestion
    assert screen.fields[0].choices == ("harassment_injunction",)


def test_other_relative_skips_the_whose_family_question(new_session):
    _session, screen, seen = walk(
        new_session,
        {
            "how_known": {"relative": True},
            "relative_relation": "other_relative",
            "incident_count_answer": "none",
            "further_conduct_feared": True,
        },
    )
    assert "whose family" not in seen
    assert screen.id == NOTHING_OPEN
    assert "fixed list of relatives" in screen.subquestion


def test_someone_in_danger_sees_the_emergency_advice_first_on_the_result(new_session):
    _session, screen, _seen = walk(
        new_session,
        {
            "in_danger_now": True,
            "danger_advice_seen": True,
            "how_known": {"partner": True},
            "partner_kinds": {"married": True},
            "incident_count_answer": "two_or_more",
            "further_conduct_feared": True,
            **NO_WITHOUT_NOTICE,
        },
    )
    assert screen.id == RESULT
    first_line = screen.subquestion.strip().splitlines()[0]
    assert "You told us you are in danger now" in first_line
    assert "In danger now? Call 999" in screen.subquestion


def test_choosing_the_other_route_is_kept(new_session):
    session, screen, _seen = walk(
        new_session,
        {
            "how_known": {"partner": True},
            "partner_kinds": {"married": True},
            "incident_count_answer": "two_or_more",
            "further_conduct_feared": True,
            **NO_WITHOUT_NOTICE,
            "chosen_route": "harassment_injunction",
        },
        preset=LATER_STEPS_DONE,
    )
    assert screen.id == SUMMARY
    assert session.value("eligibility_chosen_route") == "harassment_injunction"


def test_changing_an_answer_later_changes_the_decision(new_session):
    """The facts and decision blocks are `reconsider`: an edited answer is never stale."""
    session, screen, _seen = walk(
        new_session,
        {"how_known": {"neighbour": True}, "incident_count_answer": "two_or_more", "further_conduct_feared": True},
    )
    assert screen.id == RESULT and screen.fields[0].choices == ("harassment_injunction",)
    session.set(how_known={"partner": True}, partner_kinds={"married": True})
    assert session.screen().id == "without notice risk of harm"
    session.set(**NO_WITHOUT_NOTICE)
    screen = session.screen()
    assert screen.id == RESULT
    assert screen.fields[0].choices == ("non_molestation_order", "harassment_injunction")
    assert default_of(session, "chosen_route") == "non_molestation_order"


def test_how_you_know_them_explains_legal_words_and_needs_a_tick(new_session):
    _session, screen, _seen = walk(new_session, {})
    assert screen.id == "how you know them"
    (field,) = screen.fields
    assert field.datatype == "checkboxes"
    assert "stranger" in field.choices and "partner" in field.choices
    assert "Tick everything that is true" in screen.subquestion


# --- the summary states the decision -----------------------------------------------------------


def test_summary_document_states_the_decision_per_route_and_the_choice(new_session):
    session, screen, _seen = walk(
        new_session,
        {
            "how_known": {"partner": True},
            "partner_kinds": {"lived_together": True},
            "incident_count_answer": "once",
            "further_conduct_feared": True,
            **NO_WITHOUT_NOTICE,
            "chosen_route": "non_molestation_order",
        },
        preset=LATER_STEPS_DONE,
    )
    assert screen.id == SUMMARY
    (document,) = screen.attachments
    assert zipfile.is_zipfile(document.path("docx"))
    text = docx_text(document.path("docx"))
    assert "Which court orders are open to you" in text
    assert "Non-molestation order: Open to you" in text
    assert "Harassment injunction: Maybe open to you: the court decides" in text
    assert "The law: FLA 1996 s.62(3)(b)" in text
    assert "We suggest a non-molestation order" in text
    assert "You chose to prepare a non-molestation order." in text
    assert "Fill in form FL401" in text
    pdf = pdf_text(document.path("pdf"))
    assert "Non-molestation order: Open to you" in pdf
    assert "FLA 1996 s.62(3)(b)" in pdf
    assert "You chose to prepare a non-molestation order." in pdf


def test_summary_when_nothing_is_open_says_so_and_lists_help(new_session):
    session, screen, _seen = walk(
        new_session,
        {
            "how_known": {"stranger": True},
            "incident_count_answer": "none",
            "further_conduct_feared": False,
            "nothing_open_seen": True,
        },
        preset=LATER_STEPS_DONE,
    )
    assert screen.id == SUMMARY
    text = docx_text(screen.attachments[0].path("docx"))
    assert "Neither court order is open to you" in text
    assert "Harassment injunction: Not open to you on what you told us" in text
    assert "The law: PHA 1997 s.7(3)" in text
    assert "National Stalking Helpline: 0808 802 0300." in text
    assert "You chose" not in text


@pytest.mark.parametrize("lives_in", ["scotland", "northern_ireland", "outside_uk"])
def test_outside_england_and_wales_never_reaches_the_eligibility_questions(new_session, lives_in):
    _session, screen, seen = walk(new_session, {"lives_in": lives_in})
    assert screen.id == "outside england and wales"
    assert "how you know them" not in seen


def test_what_the_session_keeps_can_be_saved_by_a_server(new_session):
    """A real server pickles the answers between screens; the decision's values must survive."""
    import pickle

    session, screen, _seen = walk(
        new_session,
        {
            "how_known": {"partner": True, "shared_home": True},
            "partner_kinds": {"engaged": True},
            "engagement_ended": False,
            "shared_home_only_as": "no",
            "incident_count_answer": "once",
            "further_conduct_feared": True,
            **NO_WITHOUT_NOTICE,
        },
    )
    assert screen.id == RESULT
    for name in ("eligibility_facts", "eligibility_assessment", "eligibility_view", "eligibility_incidents"):
        value = session.value(name)
        assert pickle.loads(pickle.dumps(value)) == value
