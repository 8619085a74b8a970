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
    elif screen.kind == "settrue":  # a screen with only a continue button
        session.press(screen.fields[0].variable)
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


def docx_all_text(path) -> str:
    """Every paragraph of a DOCX, in the body and in table cells."""
    from docx import Document

    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(paragraph.text for paragraph in cell.paragraphs)
    return "\n".join(parts)


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


def test_the_review_screen_offers_a_copy_of_the_log_that_imports_back_the_same(new_session):
    from docassemble.StalkingRemedies.incident_import import import_log_file

    session, screen = type_two_incidents(new_session)
    assert "Keep a copy of your log" in screen.subquestion
    log = session.value("incident_log")
    for variable in ("incident_log_copy_xlsx", "incident_log_copy_csv"):
        path = session.value(f"{variable}.path()")
        result = import_log_file(path)
        assert result.problems == [] or all(problem.imported for problem in result.problems)
        assert list(result.incidents) == list(log), f"{variable} does not round-trip"


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


def test_without_evidence_the_schedule_and_summary_follow_and_the_decision_counts_the_log(new_session):
    session, screen = type_two_incidents(new_session)
    answer(session, REVIEW, incident_review_choice="add")
    type_incident(session, date=dt.date(2025, 12, 24), what="He left a parcel at my door.", how=("items_left_or_sent",))
    answer(session, REVIEW, incident_review_choice="done")
    screen = answer(session, "the pattern in your log")
    assert screen.id == "do you have evidence"
    screen = answer(session, "do you have evidence", has_evidence_files=False)
    assert screen.id == "your name", "the schedule names who prepared it"
    screen = answer(session, "your name", applicant_first_name="Carys", applicant_last_name="Prydderch-Evans")
    assert screen.id == "your schedule of incidents"
    (document,) = screen.attachments
    assert document.name == "Schedule of incidents"
    text = docx_all_text(document.path("docx"))
    assert "Prepared by Carys Prydderch-Evans" in text
    screen = answer(session, "your schedule of incidents")
    assert screen.id == "your situation so far"
    # The decision is made again from the real log: three incidents, the earliest dated.
    incidents = session.value("eligibility_facts")["incidents"]
    assert len(incidents) == 3
    assert {"date": "2025-12-24"} in incidents
    assert session.value("summary") is not None


# ---- Importing a spreadsheet ----------------------------------------------------------------

#: Column headings as people really type them: any case, extra spaces, hints in brackets.
MESSY_HEADER = ["  DATE (dd/mm/yyyy) ", "time", "Location", "Type of contact", "Description",
                "What was said", "Police ref", "Mood"]


def write_csv(path: Path) -> Path:
    """A CSV log: messy headings, UK dates, a repeated heading row and an impossible date."""
    rows = [
        MESSY_HEADER,
        ["03/02/2026", "9pm", "Outside my flat", "text; followed", HOSTILE, "See you soon", "GW/1", "scared"],
        ["4 Feb 2026", "", "Tesco car park", "in person", "He waited by my car.", "", "", ""],
        MESSY_HEADER,  # row 4: the headings again, as happens when two logs are pasted together
        ["31/02/2026", "", "Bus stop", "waiting outside", "He was at the bus stop again.", "", "", ""],
        ["", "", "", "", "", "", "", ""],
        ["about 10/01/2026", "", "Online", "facebook", "He posted my address on Facebook.", "", "", ""],
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path) -> Path:
    """An XLSX log: a title row above the headings, real date cells and a text date."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Log kept by C. Prydderch-Evans"])
    sheet.append(["Date", "Place", "How", "What happened", "Reported?", "Crime number"])
    sheet.append([dt.datetime(2026, 1, 5, 18, 30), "Work", "phone calls", "He rang 20 times.", "yes", "GW/7"])
    sheet.append(["12/01/2026", "Home", "items left", "Flowers on the doorstep & a card.", "no", ""])
    sheet.append(["next Tuesday", "Gym", "followed", "He followed me from the gym.", "", ""])
    book.save(path)
    return path


def go_to_upload(session):
    """From the review screen, choose to import; return the upload screen."""
    screen = answer(session, REVIEW, incident_review_choice="import")
    assert screen.id == "upload your spreadsheet"
    return screen


def test_upload_screen_offers_our_templates_and_states_the_limits(new_session, tmp_path):
    session = start_log(new_session, "import")
    screen = session.screen()
    assert screen.id == "upload your spreadsheet"
    assert screen.fields[0].datatype == "file"
    assert "spreadsheet template for Excel (.xlsx)" in screen.subquestion
    assert "CSV template" in screen.subquestion
    assert "5 MB, with up to 10,000 rows" in screen.subquestion
    assert "Nothing is added to your log until you have seen what we found" in screen.subquestion
    from docassemble.StalkingRemedies.incident_objects import template_path

    for variable, name in (("incident_template_xlsx", "incident_log_template.xlsx"),
                           ("incident_template_csv", "incident_log_template.csv")):
        offered = Path(session.value(f"{variable}.path()"))
        assert offered.read_bytes() == Path(template_path(name)).read_bytes()
        assert session.value(f"{variable}.filename").startswith("incident-log-template.")


def test_csv_import_preview_accounts_for_every_row_and_merge_keeps_typed_incidents(new_session, tmp_path):
    session = start_log(new_session, "both")
    screen = type_incident(session, date=dt.date(2026, 2, 4), place="Tesco car park", how=("in_person",),
                           what="He waited by my car.", words="", effect="I shook all the way home")
    assert screen.id == "upload your spreadsheet", "'both': the spreadsheet comes after the most recent time"
    session.upload("incident_upload", write_csv(tmp_path / "my log.csv"))
    screen = session.screen()
    assert screen.id == "check your import"
    text = screen.subquestion
    assert "File: **my log.csv**" in text
    assert "**4 incidents will be added to your log.** Nothing already in your log will be changed or removed." in text
    assert "Row 3: it has the same date and the same description as an incident already in your log." in text
    assert "Row 4: this row repeats the column headings, so it was not imported." in text
    assert ("Row 5: the date 31/02/2026 is not a real date, so the incident was kept without a date "
            "for you to correct.") in text
    assert "1 empty row was skipped." in text
    assert "| DATE (dd/mm/yyyy) | Date |" in text
    assert "| Police ref | Crime reference |" in text
    assert "| Mood | Not recognised: kept in each incident's notes |" in text
    assert screen.fields[0].choices == ("accept", "another", "cancel")
    assert len(session.value("incidents.elements")) == 1, "nothing changes before the person accepts"

    screen = answer(session, "check your import", incident_import_preview_choice="accept")
    assert screen.id == REVIEW
    assert "4 incidents added to your log. 1 of them may be a duplicate" in screen.subquestion
    rows = review_rows(screen)
    assert len(rows) == 5
    log = session.value("incident_log")
    typed = [incident for incident in log if incident.effect == "I shook all the way home"]
    assert len(typed) == 1, "what was typed earlier is still there, unchanged"
    assert [incident.date_for_court for incident in log] == [
        "About 10 January 2026", "3 February 2026", "4 February 2026", "4 February 2026", "Date not known",
    ]
    imported = next(incident for incident in log if incident.crime_reference == "GW/1")
    assert imported.what_happened == HOSTILE.strip()
    assert imported.time == "21:00"
    assert "Mood: scared" in imported.notes
    undated = log[-1]
    assert undated.unparsed_date == "31/02/2026" and undated.has_date_problem
    assert "We could not read the date of incident 5." in screen.subquestion
    assert "From my log.csv, row 3. May be a duplicate" in rows[2] + rows[3]


def test_an_unreadable_date_can_be_corrected_later(new_session, tmp_path):
    session = start_log(new_session, "import")
    session.upload("incident_upload", write_csv(tmp_path / "log.csv"))
    answer(session, "check your import", incident_import_preview_choice="accept")
    screen = answer(session, "is this the most recent time", latest_incident_is_most_recent=True)
    assert screen.id == REVIEW
    answer(session, REVIEW, incident_review_choice="edit")
    answer(session, "which incident", incident_review_target=3)
    screen = answer(session, "which part", incident_edit_part="when")
    assert screen.id == "incident when"
    assert "Your spreadsheet said **31/02/2026** here" in screen.subquestion
    screen = answer(session, "incident when", **{"x.date_precision": "exact", "x.date": dt.date(2026, 2, 28), "x.time": ""})
    assert "We could not read the date" not in screen.subquestion
    assert [incident.date_for_court for incident in session.value("incident_log")][-1] == "28 February 2026"


def test_xlsx_import_only_then_asks_about_the_most_recent_time(new_session, tmp_path):
    session = start_log(new_session, "import")
    session.upload("incident_upload", write_xlsx(tmp_path / "log.xlsx"))
    screen = session.screen()
    assert screen.id == "check your import"
    assert "**3 incidents will be added to your log.**" in screen.subquestion
    assert "Row 1: this row is above the column headings, so it was not imported" in screen.subquestion
    assert 'Row 5: we could not read the date "next Tuesday"' in screen.subquestion
    screen = answer(session, "check your import", incident_import_preview_choice="accept")
    assert screen.id == "is this the most recent time"
    assert "12 January 2026: Flowers on the doorstep &amp; a card" in screen.subquestion
    screen = answer(session, "is this the most recent time", latest_incident_is_most_recent=False)
    assert screen.id == "incident when"
    assert screen.question == "Tell us about the most recent time"
    screen = type_incident(session, date=dt.date(2026, 2, 1), what="He was outside my window at night.", how=("waiting_outside",))
    assert screen.id == REVIEW
    log = session.value("incident_log")
    assert [incident.date_for_court for incident in log] == [
        "5 January 2026", "12 January 2026", "1 February 2026", "Date not known",
    ]
    assert log[0].time == "18:30" and log[0].reported_to_police is True and log[0].crime_reference == "GW/7"


def test_the_same_export_imported_twice_is_not_added_twice(new_session, tmp_path):
    from docassemble.StalkingRemedies.incident_export import write_log_file

    session, _screen = type_two_incidents(new_session)
    exported = write_log_file(session.value("incident_log"), tmp_path / "export.xlsx")
    go_to_upload(session)
    session.upload("incident_upload", exported)
    screen = session.screen()
    assert screen.id == "check your import"
    assert "There are no new incidents to add from this file." in screen.subquestion
    assert "2 incidents are already in your log word for word" in screen.subquestion
    assert screen.fields[0].choices == ("another", "cancel"), "nothing to accept"
    screen = answer(session, "check your import", incident_import_preview_choice="cancel")
    assert screen.id == REVIEW and "Nothing was imported." in screen.subquestion
    assert len(review_rows(screen)) == 2


def test_unreadable_file_gets_one_clear_message_and_another_try(new_session, tmp_path):
    session, _screen = type_two_incidents(new_session)
    go_to_upload(session)
    not_a_log = tmp_path / "statement.pdf"
    not_a_log.write_bytes(b"%PDF-1.4\n% not a spreadsheet\n")
    session.upload("incident_upload", not_a_log)
    screen = session.screen()
    assert screen.id == "we could not read your file"
    assert screen.subquestion.startswith("This is a PDF, not a spreadsheet. Use a CSV or XLSX file.")
    assert "Your log has not changed." in screen.subquestion
    screen = answer(session, "we could not read your file", incident_import_unreadable_choice="another")
    assert screen.id == "upload your spreadsheet"
    session.upload("incident_upload", write_csv(tmp_path / "log.csv"))
    screen = session.screen()
    assert screen.id == "check your import"
    screen = answer(session, "check your import", incident_import_preview_choice="accept")
    assert screen.id == REVIEW
    assert len(review_rows(screen)) == 6, "2 typed + 4 imported"


def test_a_file_over_the_size_limit_is_refused_in_one_sentence(new_session, tmp_path):
    from docassemble.StalkingRemedies.incident_import import LIMITS

    session, _screen = type_two_incidents(new_session)
    go_to_upload(session)
    big = tmp_path / "huge.csv"
    with big.open("wb") as handle:
        handle.write(b"Date,What happened\n")
        handle.write(b"03/02/2026," + b"x" * (LIMITS.max_file_bytes + 10) + b"\n")
    session.upload("incident_upload", big)
    screen = session.screen()
    assert screen.id == "we could not read your file"
    assert screen.subquestion.startswith(
        "The file is too big to read: it is 5.1 MB and the most we can read is 5 MB."
    )
    screen = answer(session, "we could not read your file", incident_import_unreadable_choice="cancel")
    assert screen.id == REVIEW and len(review_rows(screen)) == 2


def test_choosing_another_file_at_the_preview_imports_nothing_from_the_first(new_session, tmp_path):
    session, _screen = type_two_incidents(new_session)
    go_to_upload(session)
    session.upload("incident_upload", write_csv(tmp_path / "wrong.csv"))
    screen = answer(session, "check your import", incident_import_preview_choice="another")
    assert screen.id == "upload your spreadsheet"
    session.upload("incident_upload", write_xlsx(tmp_path / "right.xlsx"))
    screen = session.screen()
    assert "File: **right.xlsx**" in screen.subquestion
    screen = answer(session, "check your import", incident_import_preview_choice="accept")
    assert len(review_rows(screen)) == 5, "2 typed + 3 from the second file only"


# ---- Evidence and the schedule of incidents --------------------------------------------------


def evidence_files(folder: Path) -> list[Path]:
    """A screenshot, a photo, a PDF, an audio and a video file, as a phone would name them."""
    from PIL import Image
    from pypdf import PdfWriter

    screenshot = folder / "Screenshot_20260203-211500.png"
    Image.new("RGB", (8, 8), "white").save(screenshot)
    photo = folder / "IMG_0042.jpg"
    Image.new("RGB", (8, 8), "grey").save(photo)
    letter = folder / "letter from him.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with letter.open("wb") as handle:
        writer.write(handle)
    voicemail = folder / "voicemail.mp3"
    voicemail.write_bytes(b"ID3" + b"\x00" * 64)
    video = folder / "doorbell.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    return [screenshot, photo, letter, voicemail, video]


def finish_log(session):
    """From the review screen: finish the log and pass the pattern summary."""
    answer(session, REVIEW, incident_review_choice="done")
    return answer(session, "the pattern in your log")


def describe_file(session, *, kind=None, description, incident_ids=(), bundle=None):
    """Answer the screens about one uploaded file."""
    screen = session.screen()
    assert screen.id == "about this file"
    values = {"x.description": description}
    values["x.kind"] = kind or session.value("x.kind_guess")
    screen = answer(session, "about this file", **values)
    if screen.id == "which incidents does it relate to":
        screen = answer(session, "which incidents does it relate to", **{"x.incident_ids": {key: True for key in incident_ids}})
    if bundle is not None:
        screen = answer(session, "put it in the bundle", **{"x.include_in_bundle": bundle})
    return screen


def session_with_evidence(new_session, tmp_path):
    """Two typed incidents, then five files described and linked; returns (session, screen)."""
    session, _screen = type_two_incidents(new_session)
    screen = finish_log(session)
    assert screen.id == "do you have evidence"
    assert "film or photograph the person" in screen.subquestion
    screen = answer(session, "do you have evidence", has_evidence_files=True)
    assert screen.id == "upload evidence"
    assert screen.fields[0].datatype == "files"
    session.upload("evidence_upload", *evidence_files(tmp_path))
    january, february = session.value("[entry.incident_id for entry in incidents.elements]")
    screen = session.screen()
    assert screen.question == "About Screenshot\\_20260203-211500.png", "file names are shown as typed"
    assert session.value("x.kind_guess") == "screenshot"
    describe_file(session, description="His texts on 3 February", incident_ids=[february], bundle=True)
    screen = session.screen()
    assert "family court" in screen.subquestion.lower() or screen.id == "about this file"
    describe_file(session, description="His car outside my work", incident_ids=[january], bundle=False)
    describe_file(session, description="A letter he put through my door", incident_ids=[january, february], bundle=True)
    describe_file(session, description="His voicemail: <threat> & more", incident_ids=[february])
    screen = describe_file(session, description="Doorbell video", incident_ids=[])
    assert screen.id == "your name"
    screen = answer(session, "your name", applicant_first_name="Carys", applicant_last_name="Prydderch-Evans")
    assert screen.id == "numbering your evidence"
    assert "**CPE1**" in screen.subquestion
    return session, screen


def test_bundle_question_warns_about_family_court_bundles(new_session, tmp_path):
    session, _screen = type_two_incidents(new_session)
    finish_log(session)
    answer(session, "do you have evidence", has_evidence_files=True)
    session.upload("evidence_upload", *evidence_files(tmp_path)[:1])
    screen = answer(session, "about this file", **{"x.kind": "screenshot", "x.description": "texts"})
    screen = answer(session, "which incidents does it relate to", **{"x.incident_ids": {}})
    assert screen.id == "put it in the bundle"
    assert "screenshots or photographs unless the court has directed" in screen.subquestion


def test_exhibit_marks_use_initials_continue_numbering_and_follow_the_incidents(new_session, tmp_path):
    session, _screen = session_with_evidence(new_session, tmp_path)
    screen = answer(session, "numbering your evidence", exhibit_initials=" c.p.e ", exhibit_start_number=5)
    assert screen.id == "your evidence"
    table = [line for line in screen.subquestion.splitlines() if line.startswith("| CPE")]
    # Numbered from 5 (an earlier statement used CPE1-CPE4), in the order of the incidents.
    assert [line.split(" | ")[0] for line in table] == ["| CPE5", "| CPE6", "| CPE7", "| CPE8", "| CPE9"]
    assert "| CPE5 | IMG\\_0042.jpg | Photo | His car outside my work | 1 | No |" in table
    assert "| CPE6 | letter from him.pdf | PDF document | A letter he put through my door | 1, 2 | Yes |" in table
    assert table[2].startswith("| CPE7 | Screenshot\\_20260203-211500.png | Screenshot |")
    assert "| CPE8 | voicemail.mp3 | Audio recording | His voicemail: &lt;threat&gt; &amp; more | 2 | Listed, not embedded (audio or video) |" in table
    assert "| CPE9 | doorbell.mp4 | Video | Doorbell video | None | Listed, not embedded (audio or video) |" in table
    assert "cannot go inside a PDF" in screen.subquestion
    assert "You have chosen to include: Screenshot\\_20260203-211500.png." in screen.subquestion
    marks = session.value("exhibit_marks_by_incident(exhibit_list)")
    january, february = session.value("[entry.incident_id for entry in incidents.elements]")
    assert marks == {january: ["CPE5", "CPE6"], february: ["CPE6", "CPE7", "CPE8"]}


def test_removing_a_file_renumbers_and_more_files_can_be_added(new_session, tmp_path):
    session, _screen = session_with_evidence(new_session, tmp_path)
    answer(session, "numbering your evidence", exhibit_initials="CPE", exhibit_start_number=1)
    answer(session, "your evidence", evidence_review_choice="remove")
    screen = answer(session, "which file", evidence_review_target=1)
    assert screen.id == "confirm remove" and "IMG\\_0042.jpg" in screen.subquestion
    screen = answer(session, "confirm remove", evidence_remove_answer="remove")
    assert screen.id == "your evidence"
    assert "IMG\\_0042.jpg was removed from your evidence." in screen.subquestion
    assert "| CPE1 | letter from him.pdf |" in screen.subquestion
    assert "IMG\\_0042.jpg" not in screen.subquestion.split("removed")[1]
    screen = answer(session, "your evidence", evidence_review_choice="add")
    assert screen.id == "upload evidence"
    extra = tmp_path / "more" / "Screenshot_2.png"
    extra.parent.mkdir()
    extra.write_bytes((tmp_path / "Screenshot_20260203-211500.png").read_bytes())
    session.upload("evidence_upload", extra)
    screen = describe_file(session, description="More texts", incident_ids=[], bundle=False)
    assert screen.id == "your evidence"
    assert "| CPE5 | Screenshot\\_2.png |" in screen.subquestion


def test_schedule_of_incidents_is_a_real_docx_and_pdf_with_marks_and_hostile_text(new_session, tmp_path):
    session, _screen = session_with_evidence(new_session, tmp_path)
    answer(session, "numbering your evidence", exhibit_initials="CPE", exhibit_start_number=1)
    screen = answer(session, "your evidence", evidence_review_choice="done")
    assert screen.id == "your schedule of incidents"
    (document,) = screen.attachments
    docx_path, pdf_path = document.path("docx"), document.path("pdf")
    assert zipfile.is_zipfile(docx_path)

    from docx import Document

    word = Document(str(docx_path))
    assert word.sections[0].page_width > word.sections[0].page_height, "landscape A4"
    assert round(word.sections[0].page_width.cm, 1) == 29.7
    (table,) = word.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["No.", "Date", "Time", "Place", "How", "What happened", "Evidence"]
    assert len(rows) == 3, "a heading row and one row per incident"
    assert rows[1][:5] == ["1", "January 2026", "", "Outside my work", "Text message"]
    assert rows[1][6] == "CPE1, CPE2"
    assert rows[2][:5] == ["2", "3 February 2026", "21:15", HOSTILE_PLACE, "In person, Following"]
    assert rows[2][6] == "CPE2, CPE3, CPE4"
    # The person's own words, hostile characters and all, arrive intact (line break kept).
    assert HOSTILE.replace("\n", "") in rows[2][5].replace("\n", "")
    assert f"Words said: {HOSTILE_WORDS}" in rows[2][5]
    text = docx_all_text(docx_path)
    assert "Schedule of incidents" in text
    assert "Prepared by Carys Prydderch-Evans on" in text
    assert "The log covers January 2026 to 3 February 2026: 2 incidents." in text
    assert "End of schedule: 2 incidents." in text
    with zipfile.ZipFile(docx_path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        footer = "".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.startswith("word/footer"))
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "R&amp;D;" in xml and "&lt;/w:t&gt;" in xml and "<b>" not in xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "<dc:creator></dc:creator>" in core or "<dc:creator/>" in core or "dc:creator" not in core

    pdf = PdfReader(str(pdf_path))
    assert len(pdf.pages) >= 1
    pdf_words = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Schedule of incidents" in pdf_words
    assert "He sent 14 texts in one evening." in pdf_words
    assert "R&D;" in pdf_words and "</w:t>" in pdf_words
    assert "CPE2, CPE3, CPE4" in pdf_words
    assert "Page 1 of" in pdf_words
    screen = answer(session, "your schedule of incidents")
    assert screen.id == "your situation so far"


def test_what_the_log_and_evidence_keep_can_be_saved_by_a_server(new_session, tmp_path):
    """A real server pickles the answers between screens: the log, the import result and the
    exhibits must survive it."""
    session, _screen = session_with_evidence(new_session, tmp_path)
    go_back = answer(session, "numbering your evidence", exhibit_initials="CPE", exhibit_start_number=1)
    assert go_back.id == "your evidence"
    for name in ("incidents", "exhibits", "exhibit_list", "incident_log"):
        value = session.value(name)
        restored = pickle.loads(pickle.dumps(value))
        assert type(restored) is type(value)
    restored_log = pickle.loads(pickle.dumps(session.value("incident_log")))
    assert restored_log == session.value("incident_log")


def test_import_only_with_nothing_imported_still_asks_about_the_most_recent_time(new_session, tmp_path):
    session = start_log(new_session, "import")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    session.upload("incident_upload", empty)
    screen = session.screen()
    assert screen.id == "we could not read your file"
    assert "The file is empty." in screen.subquestion
    screen = answer(session, "we could not read your file", incident_import_unreadable_choice="cancel")
    assert screen.id == "incident when"
    assert screen.question == "Tell us about the most recent time"


def test_an_imported_incident_reopens_with_its_answers_ticked(new_session, tmp_path):
    session = start_log(new_session, "import")
    session.upload("incident_upload", write_xlsx(tmp_path / "log.xlsx"))
    answer(session, "check your import", incident_import_preview_choice="accept")
    answer(session, "is this the most recent time", latest_incident_is_most_recent=True)
    answer(session, REVIEW, incident_review_choice="edit")
    answer(session, "which incident", incident_review_target=0)
    screen = answer(session, "which part", incident_edit_part="where")
    assert screen.id == "incident where and how"
    assert session.value("x.place") == "Work"
    assert session.value("type(x.how).__name__") == "DADict"
    assert session.value("[key for key, ticked in x.how.elements.items() if ticked]") == ["phone_call"]
    screen = answer(session, "incident where and how", **{"x.place": "Work, 5th floor"})
    assert screen.id == REVIEW
    assert session.value("incident_log")[0].place == "Work, 5th floor"
    assert session.value("incident_log")[0].crime_reference == "GW/7", "the other answers are kept"


# ---- The wording helpers (pure: no engine) ----------------------------------------------------


def test_screen_text_shows_peoples_words_without_obeying_them():
    from docassemble.StalkingRemedies.incident_screens import md_cell, md_escape

    assert md_escape("<script>x</script> [FILE secret.pdf] *a* #1") == (
        "&lt;script&gt;x&lt;/script&gt; &#91;FILE secret.pdf&#93; \\*a\\* \\#1"
    )
    assert md_escape("- not a list\n1. nor this") == "\\- not a list  \n1\\. nor this"
    assert md_cell("a | b\nc") == "a / b c"


def test_schedule_data_orders_the_log_and_carries_words_and_marks():
    from docassemble.StalkingRemedies.incident_screens import schedule_document
    from docassemble.StalkingRemedies.incidents import Incident

    later = Incident(date=dt.date(2026, 2, 3), what_happened="Later", words_said="Go away")
    earlier = Incident(date=dt.date(2026, 1, 3), what_happened="Earlier")
    schedule = schedule_document([later, earlier], {later.id: ["AB2"]}, "  Ann Bee ", dt.date(2026, 3, 1))
    assert [line.what_happened for line in schedule.lines] == ["Earlier", "Later"]
    assert schedule.lines[1].words_said == "Go away" and schedule.lines[1].evidence_marks == "AB2"
    assert schedule.prepared_by == "Ann Bee" and schedule.made_on == "1 March 2026"
    assert schedule_document([]).prepared_by == "the applicant"
