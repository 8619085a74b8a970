"""The incident model, date reading and log merging (incidents.py, incident_dates.py)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from docassemble.StalkingRemedies.incident_dates import (
    DatePrecision,
    date_from_excel_serial,
    format_date_for_court,
    normalise_time,
    parse_date_text,
    read_date_value,
    read_time_value,
)
from docassemble.StalkingRemedies.incidents import (
    How,
    Incident,
    chronological,
    clean_text,
    how_text,
    merge_logs,
    new_incident_id,
    parse_how,
    parse_yes_no,
)

FEB3 = date(2026, 2, 3)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("03/02/2026", FEB3, DatePrecision.EXACT),
        ("3/2/26", FEB3, DatePrecision.EXACT),
        ("03-02-2026", FEB3, DatePrecision.EXACT),
        ("03.02.2026", FEB3, DatePrecision.EXACT),
        ("3 Feb 2026", FEB3, DatePrecision.EXACT),
        ("3rd February 2026", FEB3, DatePrecision.EXACT),
        ("3rd of February 2026", FEB3, DatePrecision.EXACT),
        ("Tuesday 3 February 2026", FEB3, DatePrecision.EXACT),
        ("Tue, 3 Feb 2026", FEB3, DatePrecision.EXACT),
        ("February 3, 2026", FEB3, DatePrecision.EXACT),
        ("03-Feb-26", FEB3, DatePrecision.EXACT),
        ("2026-02-03", FEB3, DatePrecision.EXACT),
        ("2026/02/03", FEB3, DatePrecision.EXACT),
        ("46056", FEB3, DatePrecision.EXACT),
        ("3 Chwefror 2026", FEB3, DatePrecision.EXACT),
        ("February 2026", date(2026, 2, 1), DatePrecision.MONTH),
        ("Feb 2026", date(2026, 2, 1), DatePrecision.MONTH),
        ("Feb-26", date(2026, 2, 1), DatePrecision.MONTH),
        ("2026-02", date(2026, 2, 1), DatePrecision.MONTH),
        ("02/2026", date(2026, 2, 1), DatePrecision.MONTH),
        ("about February 2026", date(2026, 2, 1), DatePrecision.MONTH),
        ("c. 3 Feb 2026", FEB3, DatePrecision.APPROXIMATE),
        ("c 3 Feb 2026", FEB3, DatePrecision.APPROXIMATE),
        ("circa 3/2/2026", FEB3, DatePrecision.APPROXIMATE),
        ("about 3 Feb 2026", FEB3, DatePrecision.APPROXIMATE),
        ("About 3 February 2026", FEB3, DatePrecision.APPROXIMATE),
        ("approx 03/02/2026", FEB3, DatePrecision.APPROXIMATE),
        ("approx. 3 Feb 2026", FEB3, DatePrecision.APPROXIMATE),
        ("around 3 Feb 2026", FEB3, DatePrecision.APPROXIMATE),
        ("~3 Feb 2026", FEB3, DatePrecision.APPROXIMATE),
        ("3/2/2026?", FEB3, DatePrecision.APPROXIMATE),
        ("3 Feb 2026 (approx)", FEB3, DatePrecision.APPROXIMATE),
    ],
)
def test_parse_date_text_reads_uk_forms(text: str, expected: date, precision: DatePrecision) -> None:
    reading = parse_date_text(text)
    assert (reading.value, reading.precision, reading.error) == (expected, precision, "")


def test_numeric_dates_are_day_first() -> None:
    assert parse_date_text("03/02/2026").value == date(2026, 2, 3)
    assert parse_date_text("12/01/2026").value == date(2026, 1, 12)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("31/02/2026", "the date 31/02/2026 is not a real date"),
        ("02/13/2026", "there is no month 13"),
        ("30 February 2026", 'the date "30 February 2026" is not a real date'),
        ("next Tuesday", 'we could not read the date "next Tuesday"'),
        ("3 Feb", 'the date "3 Feb" has no year'),
        ("03/02", "the date 03/02 has no year"),
        ("1 Jan 1850", "looks wrong"),
        ("12", "we could not read the date 12"),
    ],
)
def test_bad_dates_give_plain_reasons(text: str, phrase: str) -> None:
    reading = parse_date_text(text)
    assert reading.value is None
    assert phrase in reading.error


def test_time_in_date_cell_is_kept_but_midnight_is_not() -> None:
    assert parse_date_text("03/02/2026 21:15").time == "21:15"
    assert parse_date_text("2026-02-03T09:05:00").time == "09:05"
    assert parse_date_text("03/02/2026 00:00").time == ""


def test_wrong_weekday_is_a_warning_not_an_error() -> None:
    reading = parse_date_text("Monday 3 February 2026")
    assert reading.value == FEB3
    assert "was a Tuesday" in reading.warning


def test_excel_serials() -> None:
    assert date_from_excel_serial(46056).value == FEB3
    evening = date_from_excel_serial(46056.875)
    assert (evening.value, evening.time) == (FEB3, "21:00")
    assert date_from_excel_serial(3).error  # not a date anyone meant
    assert read_date_value(46056.0).value == FEB3


def test_read_date_value_cell_types() -> None:
    assert read_date_value(datetime(2026, 2, 3, 21, 15)).time == "21:15"
    assert read_date_value(datetime(2026, 2, 3)).time == ""
    assert read_date_value(FEB3).precision == DatePrecision.EXACT
    assert read_date_value(None).error == ""
    assert read_date_value(True).error
    assert read_date_value(time(9, 0)).error == "the date cell holds only a time"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("21:15", "21:15"), ("9pm", "21:00"), ("9.30 pm", "21:30"), ("2130", "21:30"), ("12am", "00:00"),
     ("noon", "12:00"), ("9:05 p.m.", "21:05"), ("about 9pm", "about 9pm"), ("evening", "evening"),
     ("25:00", "25:00")],
)
def test_normalise_time(text: str, expected: str) -> None:
    assert normalise_time(text) == expected


def test_read_time_value_cell_types() -> None:
    assert read_time_value(time(21, 15)) == "21:15"
    assert read_time_value(0.875) == "21:00"
    assert read_time_value(datetime(2026, 2, 3, 7, 5)) == "07:05"
    assert read_time_value(None) == ""


def test_court_date_wording() -> None:
    assert format_date_for_court(FEB3, DatePrecision.EXACT) == "3 February 2026"
    assert format_date_for_court(date(2026, 2, 1), DatePrecision.MONTH) == "February 2026"
    assert format_date_for_court(FEB3, DatePrecision.APPROXIMATE) == "About 3 February 2026"
    assert format_date_for_court(None, DatePrecision.UNKNOWN) == "Date not known"


def test_parse_how_keeps_unrecognised_words() -> None:
    assert parse_how("Text message; Following") == ((How.TEXT_MESSAGE, How.FOLLOWING), "")
    assert parse_how("Waiting outside home or work") == ((How.WAITING_OUTSIDE,), "")
    assert parse_how("whatsapp, rang me") == ((How.PHONE_CALL, How.TEXT_MESSAGE), "")
    assert parse_how("email and carrier pigeon") == ((How.EMAIL, How.OTHER), "carrier pigeon")
    assert parse_how("Following; Other: at the gym, twice") == ((How.FOLLOWING, How.OTHER), "at the gym, twice")
    assert parse_how("") == ((), "")


def test_how_text_reads_back_the_same() -> None:
    kinds, other = (How.SOCIAL_MEDIA, How.ITEMS_LEFT_OR_SENT, How.OTHER), "drone; over the garden"
    assert parse_how(how_text(kinds, other)) == (kinds, other)
    assert parse_how(how_text((How.OTHER,), "")) == ((How.OTHER,), "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Yes", (True, True)), ("y", (True, True)), ("NO", (False, True)), ("", (None, True)),
     ("n/a", (None, True)), ("yes, by phone on 5 Feb", (True, False)), ("no - too scared", (False, False)),
     ("pending", (None, False)), ("Ie", (True, True))],
)
def test_parse_yes_no(text: str, expected: tuple[bool | None, bool]) -> None:
    assert parse_yes_no(text) == expected


def test_clean_text_keeps_content_exactly() -> None:
    text = 'He said "<stop> & go" \U0001F620 \u0175\u0177\u00e2\nline two'
    assert clean_text(text) == text
    assert clean_text("  a\r\nb\rc\x00\x1f  ") == "a\nb\nc"


def test_incident_normalises_on_construction() -> None:
    incident = Incident(
        id="inc-1",
        date=datetime(2026, 2, 17, 10, 0),
        date_precision=DatePrecision.MONTH,
        time="9pm",
        how=("following", How.EMAIL, How.EMAIL),
        how_other="drone",
        what_happened="  text\r\n",
    )
    assert incident.date == date(2026, 2, 1)
    assert incident.time == "21:00"
    assert incident.how == (How.EMAIL, How.FOLLOWING, How.OTHER)
    assert incident.what_happened == "text"
    assert Incident(date=None, date_precision=DatePrecision.EXACT).date_precision == DatePrecision.UNKNOWN
    assert Incident(date=FEB3).date_precision == DatePrecision.EXACT


def test_incident_rejects_wrong_types() -> None:
    with pytest.raises(TypeError):
        Incident(date="2026-02-03")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Incident(reported_to_police="yes")  # type: ignore[arg-type]


def test_ids_are_unique_and_survive_edits() -> None:
    ids = {new_incident_id() for _ in range(1000)}
    assert len(ids) == 1000
    incident = Incident(what_happened="first version")
    edited = incident.with_changes(what_happened="corrected", date=FEB3, place="Bus stop")
    assert edited.id == incident.id
    assert edited.what_happened == "corrected"
    with pytest.raises(ValueError):
        incident.with_changes(id="something-else")


def test_from_dict_accepts_interview_shapes() -> None:
    incident = Incident.from_dict(
        {
            "id": "a1",
            "date": "c. 3 Feb 2026",
            "time": "21:15",
            "how": {"text_message": True, "email": False, "following": True},
            "what_happened": "He followed me",
            "reported_to_police": "yes",
            "children_present": False,
        }
    )
    assert incident.date == FEB3
    assert incident.date_precision == DatePrecision.APPROXIMATE
    assert incident.how == (How.TEXT_MESSAGE, How.FOLLOWING)
    assert incident.reported_to_police is True
    assert incident.children_present is False
    assert Incident.from_dict({"how": ["Text message", "phone_call"]}).how == (How.PHONE_CALL, How.TEXT_MESSAGE)
    assert Incident.from_dict({"how": "text, kite"}).how_other == "kite"
    assert Incident.from_dict({"date": date(2026, 2, 1), "date_precision": "month"}).date_for_court == "February 2026"


def test_from_dict_keeps_an_unreadable_date() -> None:
    incident = Incident.from_dict({"date": "the week after Easter", "what_happened": "x"})
    assert incident.date is None
    assert incident.unparsed_date == "the week after Easter"
    assert incident.has_date_problem


def test_from_dict_is_strict_about_names_and_values() -> None:
    with pytest.raises(ValueError, match="unknown incident fields: colour"):
        Incident.from_dict({"colour": "red"})
    with pytest.raises(ValueError):
        Incident.from_dict({"reported_to_police": "perhaps"})
    with pytest.raises(ValueError):
        Incident.from_dict({"how": ["teleport"]})


def test_to_dict_round_trips() -> None:
    incident = Incident(
        date=FEB3, date_precision=DatePrecision.APPROXIMATE, time="about 9pm", how=(How.OTHER,), how_other="x",
        what_happened="w", reported_to_police=False, notes="n\nm",
    )
    data = incident.to_dict()
    assert data["date"] == "2026-02-03"
    assert data["date_precision"] == "approximate"
    assert data["how"] == ["other"]
    assert Incident.from_dict(data) == incident
    undated = Incident(unparsed_date="31/02/2026", what_happened="kept")
    assert Incident.from_dict(undated.to_dict()) == undated


def test_chronological_order() -> None:
    undated = Incident(id="undated", what_happened="no date")
    month = Incident(id="month", date=date(2026, 2, 1), date_precision=DatePrecision.MONTH)
    late = Incident(id="late", date=FEB3, time="21:00")
    early = Incident(id="early", date=FEB3, time="08:30")
    untimed = Incident(id="untimed", date=FEB3)
    approx = Incident(id="approx", date=date(2026, 2, 2), date_precision=DatePrecision.APPROXIMATE)
    first_feb = Incident(id="feb1", date=date(2026, 2, 1))
    january = Incident(id="jan", date=date(2026, 1, 31))
    ordered = chronological([undated, late, month, early, untimed, approx, first_feb, january])
    assert [incident.id for incident in ordered] == ["jan", "month", "feb1", "approx", "untimed", "early", "late", "undated"]


def test_merge_appends_and_keeps_existing_untouched() -> None:
    existing = [Incident(id="e1", date=FEB3, what_happened="He waited outside."),
                Incident(id="e2", date=date(2026, 2, 5), what_happened="Texts all night")]
    imported = [
        Incident(id="i1", date=FEB3, what_happened="he waited  outside"),  # same date, same words
        Incident(id="e2", date=date(2026, 2, 5), what_happened="Texts all night"),  # exact copy
        Incident(id="e1", date=FEB3, what_happened="He waited outside for an hour."),  # edited copy
        Incident(id="i2", date=date(2026, 2, 9), what_happened="New"),
    ]
    result = merge_logs(existing, imported)
    assert result.incidents[:2] == existing
    assert len(result.incidents) == 5
    assert result.already_present_ids == ["e2"]
    ids = [incident.id for incident in result.incidents]
    assert len(set(ids)) == len(ids)
    assert [flag.existing_id for flag in result.duplicates] == ["e1", "e1"]
    edited = result.incidents[3]
    assert edited.what_happened == "He waited outside for an hour." and edited.id != "e1"
    assert "may be an edited copy" in result.duplicates[1].reason
    assert result.summary().startswith("3 incidents added to your log. 2 of them may be duplicates")


def test_merge_flags_duplicates_within_the_import_too() -> None:
    imported = [Incident(id="a", date=FEB3, what_happened="Same"), Incident(id="b", date=FEB3, what_happened="same!")]
    result = merge_logs([], imported)
    assert result.added_ids == ["a", "b"]
    assert [(flag.imported_id, flag.existing_id) for flag in result.duplicates] == [("b", "a")]
