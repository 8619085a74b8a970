"""The incident log, evidence and the schedule of incidents, driven through docassemble's engine.

One person's way through the log, screen by screen, with the headless runner: typing
incidents (hostile text included), the review table, changing and deleting an incident,
importing CSV and XLSX files through the real upload field (the preview, its row numbers
and reasons, and a merge that keeps what was typed), the pattern summary, uploading
evidence with exhibit marks, and the schedule of incidents as real DOCX and PDF files.
The pure modules behind these screens are tested on their own (tests/test_incident_*.py,
tests/test_evidence.py); these tests check that the interview wires them up.
"""

from __future__ import annotations

import csv
import datetime as dt
import pickle
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

#: Safety, scope and eligibility for a neighbour who has done it more than once.
START = {
    "in_danger_now": False,
    "lives_in": "wales",
    "eligibility_intro_seen": True,
    "applicant_age": 41,
    "how_known": {"neighbour": True},
    "incident_count_answer": "two_or_more",
    "further_conduct_feared": True,
    "chosen_route": "harassment_injunction",
}

#: Text that has broken document generators before: XML, entities, quotes, emoji, Welsh.
HOSTILE = 'He shouted "R&D; <b>now</b>" & left </w:t> a note: it\'s 😀 ŵ ŷ\nSecond line'
HOSTILE_WORDS = "You'll be sorry <script>alert(1)</script> & that's a promise"
HOSTILE_PLACE = "Caffi Ŵy & <Dŵr>"

REVIEW = "your incident log"


def start_log(new_session, method: str = "type"):
    """A session standing on the first screen of the incident log, `method` chosen."""
    session = new_session()
    screen = session.walk(START)
    assert screen.id == "keeping a record"
    assert "as soon as you can" in screen.subquestion
    session.press("incident_guidance_seen")
    screen = session.screen()
    assert screen.id == "how to add incidents"
    session.set(incident_entry_method=method)
    return session


def answer(session, expected_id: str, **values):
    """Check the current screen is `expected_id`, answer it (generic `x.` names allowed),
    press its continue button if it has one, and return the next screen."""
    screen = session.screen()
    assert screen.id == expected_id, f"expected {expected_id!r}, got {screen.id!r}: {screen.question}"
    for name, value in values.items():
        session.set_variable(name, value)
    if screen.continue_field:
        session.press(screen.continue_field)
    return session.screen()


def type_incident(session, *, date=None, precision="exact", month=None, year=None, time="",
                  place="", how=(), what="", words="", witnesses="", children="no",
                  police="no", force="", officer="", reference="", evidence="", effect="",
                  notes=""):
    """Answer the six screens of one incident; return the screen after them."""
    when = {"x.date_precision": precision, "x.time": time}
    if date is not None:
        when["x.date"] = date
    if month is not None:
        when.update({"x.month_number": month, "x.month_year": year})
    answer(session, "incident when", **when)
    answer(session, "incident where and how", **{
        "x.place": place, "x.how": {kind: True for kind in how}, "x.how_other": "",
    })
    answer(session, "incident what happened", **{"x.what_happened": what, "x.words_said": words})
    answer(session, "incident who saw it", **{"x.witnesses": witnesses, "x.children_present": children})
    police_answers = {"x.reported_to_police": police}
    if police == "yes":
        police_answers.update({"x.police_force": force, "x.police_officer": officer, "x.crime_reference": reference})
    answer(session, "incident police", **police_answers)
    return answer(session, "incident evidence and effect", **{
        "x.evidence": evidence, "x.effect": effect, "x.notes": notes,
    })


def type_two_incidents(new_session):
    """Type the most recent incident (hostile text), then add an earlier one."""
    session = start_log(new_session, "type")
    screen = session.screen()
    assert screen.id == "incident when"
    assert screen.question == "Tell us about the most recent time"
    screen = type_incident(
        session,
        date=dt.date(2026, 2, 3), time="21:15", place=HOSTILE_PLACE,
        how=("in_person", "following"), what=HOSTILE, words=HOSTILE_WORDS,
        police="yes", force="Heddlu Gwent Police", officer="PC 1234 Jones", reference="GW/2026/0042",
        evidence="Screenshots of 3 texts", effect="I could not sleep & I moved my car",
    )
    assert screen.id == REVIEW
    screen = answer(session, REVIEW, incident_review_choice="add")
    assert screen.id == "incident when"
    assert screen.question == "When did it happen?", "only the first is 'the most recent time'"
    screen = type_incident(
        session, precision="month", month=1, year=2026, place="Outside my work",
        how=("text_message",), what="He sent 14 texts in one evening.", words="",
    )
    assert screen.id == REVIEW
    return session, screen


def review_rows(screen) -> list[str]:
    """The data rows of the review table (Markdown), header and rule removed."""
    lines = [line for line in screen.subquestion.splitlines() if line.startswith("|")]
    return lines[2:]


# ---- Typed capture --------------------------------------------------------------------------


def test_guidance_gives_the_leaflets_advice_in_our_own_words(new_session):
    session = new_session()
    screen = session.walk(START)
    assert screen.id == "keeping a record"
    text = screen.subquestion
    for point in ("as soon as you can", "date, the time", "exact words", "who else saw",
                  "crime reference number", "evidence you kept", "how it affected you",
                  "cannot get to them"):
        assert point in text, point
    assert "film or photograph the person" in text
    assert "complaining that their victim was harassing them" in text
    assert "ask the\n  police first" in text or "ask the police first" in " ".join(text.split())


def test_typed_incidents_appear_in_the_review_table_oldest_first(new_session):
    session, screen = type_two_incidents(new_session)
    rows = review_rows(screen)
    assert len(rows) == 2
    assert rows[0].startswith("|1|January 2026|Outside my work (Text message)|He sent 14 texts")
    assert rows[1].startswith("|2|3 February 2026, 21:15|")
    # The person's words are shown as typed, never obeyed as HTML or Markdown.
    assert "Caffi Ŵy &amp; &lt;Dŵr&gt; (In person, Following)" in rows[1]
    assert "&lt;b&gt;now&lt;/b&gt;" in rows[1] and "<b>" not in rows[1]
    assert "Your log has **2 incidents**" in screen.subquestion
    assert screen.fields[0].choices == ("add", "edit", "delete", "import", "done")


def test_typed_words_reach_the_model_exactly(new_session):
    session, _screen = type_two_incidents(new_session)
    log = session.value("incident_log")
    assert [incident.date_for_court for incident in log] == ["January 2026", "3 February 2026"]
    latest = log[1]
    assert latest.what_happened == HOSTILE.strip()
    assert latest.words_said == HOSTILE_WORDS
    assert latest.place == HOSTILE_PLACE
    assert latest.time == "21:15"
    assert latest.reported_to_police is True
    assert latest.crime_reference == "GW/2026/0042"
    assert latest.children_present is False
    assert [kind.value for kind in latest.how] == ["in_person", "following"]
    assert log[0].reported_to_police is False and log[0].crime_reference == ""


def test_changing_one_part_reopens_only_that_screen_filled_in(new_session):
    session, _screen = type_two_incidents(new_session)
    screen = answer(session, REVIEW, incident_review_choice="edit")
    assert screen.id == "which incident"
    assert screen.fields[0].choices == ("0", "1")
    screen = answer(session, "which incident", incident_review_target=1)
    assert screen.id == "which part"
    assert "3 February 2026" in screen.subquestion
    screen = answer(session, "which part", incident_edit_part="what")
    assert screen.id == "incident what happened"
    # The screen comes back with the answers still there.
    assert session.value("x.what_happened") == HOSTILE.strip()
    screen = answer(session, "incident what happened", **{"x.what_happened": "He followed me home again.", "x.words_said": ""})
    assert screen.id == REVIEW, "only the chosen part is asked again"
    assert "Your changes have been saved." in screen.subquestion
    rows = review_rows(screen)
    assert len(rows) == 2 and "He followed me home again." in rows[1]
    latest = session.value("incident_log")[1]
    assert latest.place == HOSTILE_PLACE and latest.crime_reference == "GW/2026/0042"


def test_changing_the_date_re_sorts_the_log(new_session):
    session, _screen = type_two_incidents(new_session)
    answer(session, REVIEW, incident_review_choice="edit")
    answer(session, "which incident", incident_review_target=0)
    answer(session, "which part", incident_edit_part="when")
    screen = answer(session, "incident when", **{"x.date_precision": "approximate", "x.date": dt.date(2026, 3, 1), "x.time": ""})
    assert screen.id == REVIEW
    rows = review_rows(screen)
    assert rows[0].startswith("|1|3 February 2026, 21:15|")
    assert rows[1].startswith("|2|About 1 March 2026|")


def test_deleting_asks_first_and_removes_only_that_incident(new_session):
    session, _screen = type_two_incidents(new_session)
    answer(session, REVIEW, incident_review_choice="delete")
    screen = session.screen()
    assert screen.question == "Which incident do you want to delete?"
    screen = answer(session, "which incident", incident_review_target=0)
    assert screen.id == "confirm delete"
    assert "cannot be brought back" in screen.subquestion
    screen = answer(session, "confirm delete", incident_delete_answer="keep")
    assert screen.id == REVIEW and len(review_rows(screen)) == 2
    assert "Nothing was deleted." in screen.subquestion
    answer(session, REVIEW, incident_review_choice="delete")
    answer(session, "which incident", incident_review_target=0)
    screen = answer(session, "confirm delete", incident_delete_answer="delete")
    assert screen.id == REVIEW
    assert "Incident 1 (January 2026) was deleted from your log." in screen.subquestion
    rows = review_rows(screen)
    assert len(rows) == 1 and rows[0].startswith("|1|3 February 2026, 21:15|")
    assert len(session.value("incident_log")) == 1


def test_finishing_the_log_shows_the_pattern_summary(new_session):
    session, _screen = type_two_incidents(new_session)
    screen = answer(session, REVIEW, incident_review_choice="done")
    assert screen.id == "the pattern in your log"
    text = screen.subquestion
    assert "The log covers January 2026 to 3 February 2026: 2 incidents." in text
    assert "following you" in text
    assert "not a risk assessment" in text
    summary = session.value("incident_pattern_summary")
    assert summary.total == 2 and summary.course_of_conduct is True


def test_the_decision_counts_the_real_log_once_it_exists(new_session):
    session, _screen = type_two_incidents(new_session)
    # Before the log is finished, the "How many times?" answer is used.
    assert len(session.value("eligibility_incidents")) == 2
    answer(session, REVIEW, incident_review_choice="add")
    type_incident(session, date=dt.date(2025, 12, 24), what="He left a parcel at my door.", how=("items_left_or_sent",))
    answer(session, REVIEW, incident_review_choice="done")
    session.press("incident_patterns_seen")
    assert session.value("incident_log_done") is True
    incidents = session.value("eligibility_incidents")
    assert len(incidents) == 3
    assert {"date": "2025-12-24"} in incidents
    assert session.value("incident_log_for_facts")[0] == {"date": "2025-12-24"}
    assert len(session.value("eligibility_facts")["incidents"]) == 3
