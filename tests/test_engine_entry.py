"""The entry interview, walked through docassemble's real engine: safety, scope, summary."""

from __future__ import annotations

import zipfile

import pytest
from pypdf import PdfReader


def docx_text(path) -> str:
    """All the text of a DOCX body, paragraph by paragraph."""
    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)


def test_first_screen_asks_about_danger(new_session):
    screen = new_session().screen()
    assert screen.id == "danger now"
    assert "danger right now" in screen.question
    assert screen.field_variables() == ["in_danger_now"]


def test_danger_leads_to_999_and_silent_solution(new_session):
    session = new_session()
    session.set(in_danger_now=True)
    screen = session.screen()
    assert screen.id == "call 999"
    assert "999" in screen.text and "55" in screen.text


def test_no_danger_goes_straight_to_where_you_live(new_session):
    session = new_session()
    session.set(in_danger_now=False)
    screen = session.screen()
    assert screen.id == "where you live"
    assert screen.fields[0].choices == ("england", "wales", "scotland", "northern_ireland", "outside_uk")


@pytest.mark.parametrize(
    ("lives_in", "heading", "must_mention"),
    [
        ("scotland", "Help in Scotland", "Scotland"),
        ("northern_ireland", "Help in Northern Ireland", "Northern Ireland"),
        ("outside_uk", "outside the UK", "999"),
    ],
)
def test_outside_england_and_wales_gets_signposts_not_an_error(new_session, lives_in, heading, must_mention):
    session = new_session()
    screen = session.walk({"in_danger_now": False, "lives_in": lives_in})
    assert screen.id == "outside england and wales"
    assert heading in screen.question
    assert must_mention in screen.subquestion
    assert "England and Wales only" in screen.subquestion


def test_summary_document_is_assembled_as_docx_and_pdf(new_session):
    session = new_session()
    # The incident log and evidence steps are walked in tests/test_engine_incidents.py.
    session.set(incident_log_done=True, evidence_done=True, incident_schedule_shown=True)
    screen = session.walk(
        {
            "in_danger_now": True,
            "danger_advice_seen": True,
            "lives_in": "wales",
            # The eligibility questions (tests/test_engine_eligibility.py walks them in depth).
            "eligibility_intro_seen": True,
            "applicant_age": 30,
            "how_known": {"stranger": True},
            "incident_count_answer": "none",
            "further_conduct_feared": False,
            "nothing_open_seen": True,
        },
        stop_at="your situation so far",
    )
    assert screen.id == "your situation so far"
    (document,) = screen.attachments
    docx_path, pdf_path = document.path("docx"), document.path("pdf")
    assert zipfile.is_zipfile(docx_path)
    text = docx_text(docx_path)
    assert "Your situation so far" in text
    assert "You live in Wales." in text
    assert "you were in danger" in text
    pdf = PdfReader(str(pdf_path))
    assert len(pdf.pages) >= 1
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "You live in Wales." in pdf_text
    assert "Page 1 of" in pdf_text
