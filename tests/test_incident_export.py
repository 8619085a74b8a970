"""Export round trips, the chronology rows and the published templates (incident_export.py)."""

from __future__ import annotations

import csv
import importlib.util
import io
import uuid
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docassemble.StalkingRemedies.incident_dates import DatePrecision, parse_date_text
from docassemble.StalkingRemedies.incident_export import (
    EXPORT_FIELDS,
    EXPORT_HEADERS,
    export_csv,
    export_rows,
    export_xlsx,
    schedule_rows,
    write_log_file,
)
from docassemble.StalkingRemedies.incident_import import ProblemKind, import_log_bytes, import_log_file, match_header
from docassemble.StalkingRemedies.incidents import How, Incident, clean_text

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 6, 1)

LOG = [
    Incident(
        id="11111111-1111-4111-8111-111111111111",
        date=date(2026, 2, 3),
        time="21:15",
        place="Outside my home",
        how=(How.WAITING_OUTSIDE, How.TEXT_MESSAGE),
        what_happened='Alex Example said "<go>" & left \U0001F631\nSecond line: \u0175\u0177\u00e2',
        words_said="=I'll be back",
        witnesses="Sam Sample",
        reported_to_police=True,
        police_force="Example Police",
        police_officer="PC 0000 Testperson",
        crime_reference="00123",
        evidence="Screenshot",
        effect="Scared",
        children_present=False,
        notes="Mood: awful\nline",
    ),
    Incident(id="22222222-2222-4222-8222-222222222222", date=date(2026, 1, 1), date_precision=DatePrecision.MONTH,
             how=(How.OTHER,), how_other="drone, over the garden", what_happened="-- he flew it again"),
    Incident(id="33333333-3333-4333-8333-333333333333", date=date(2026, 2, 10),
             date_precision=DatePrecision.APPROXIMATE, time="about 9pm", what_happened="'=quoted already"),
    Incident(id="44444444-4444-4444-8444-444444444444", unparsed_date="31/02/2026", what_happened="bad date kept"),
    Incident(id="55555555-5555-4555-8555-555555555555"),
]


@pytest.mark.parametrize(("export", "name"), [(export_csv, "log.csv"), (export_xlsx, "log.xlsx")])
def test_export_then_import_gives_an_identical_log(export, name: str) -> None:
    result = import_log_bytes(export(LOG), name, today=TODAY)
    assert result.incidents == LOG
    # only the unreadable date is reported (and the empty incident has no description)
    assert [(p.row, p.kind) for p in result.problems] == [
        (5, ProblemKind.DATE_UNREADABLE), (6, ProblemKind.NO_DESCRIPTION)]


def test_csv_export_is_excel_friendly_and_formula_safe() -> None:
    data = export_csv(LOG)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(EXPORT_HEADERS)
    first = dict(zip(EXPORT_FIELDS, rows[1]))
    assert first["date"] == "3 February 2026"
    assert first["how"] == "Text message; Waiting outside home or work"
    assert first["words_said"] == "'=I'll be back"
    assert first["reported_to_police"] == "Yes" and first["children_present"] == "No"
    assert first["crime_reference"] == "00123"
    assert dict(zip(EXPORT_FIELDS, rows[2]))["how"] == "Other: drone, over the garden"
    assert dict(zip(EXPORT_FIELDS, rows[2]))["what_happened"] == "'-- he flew it again"
    assert dict(zip(EXPORT_FIELDS, rows[3]))["date"] == "About 10 February 2026"
    assert dict(zip(EXPORT_FIELDS, rows[4]))["date"] == "31/02/2026"
    assert b"\r\n" in data


def test_xlsx_export_has_real_dates_and_text_that_stays_text() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export_xlsx(LOG))).active
    assert [cell.value for cell in sheet[1]] == list(EXPORT_HEADERS)
    assert sheet["A2"].is_date and sheet["A2"].value.date() == date(2026, 2, 3)
    assert sheet["A3"].value == "January 2026"
    assert sheet["F2"].data_type == "s" and sheet["F2"].value == "=I'll be back"
    assert sheet["K2"].value == "00123"
    assert sheet.freeze_panes == "A2"


def test_export_rows_and_write_log_file(tmp_path: Path) -> None:
    rows = export_rows(LOG[:1])
    assert rows[0][-1] == "ID" and rows[1][-1] == LOG[0].id
    for suffix in ("csv", "xlsx"):
        path = write_log_file(LOG, tmp_path / f"out.{suffix}")
        assert import_log_file(path, today=TODAY).incidents == LOG


_TEXT = st.text(max_size=40)
# An unparsed date is, by definition, text the importer cannot read as a date.
_UNREADABLE = st.text(max_size=15).filter(lambda text: parse_date_text(clean_text(text)).error != "")


@st.composite
def incidents(draw) -> Incident:
    precision = draw(st.sampled_from(list(DatePrecision)))
    when = draw(st.dates(date(1950, 1, 1), date(2100, 12, 31))) if precision != DatePrecision.UNKNOWN else None
    return Incident(
        id=str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4)),
        date=when,
        date_precision=precision,
        unparsed_date=draw(_UNREADABLE) if when is None else "",
        time=draw(_TEXT),
        place=draw(_TEXT),
        how=tuple(draw(st.sets(st.sampled_from(list(How))))),
        how_other=draw(_TEXT),
        what_happened=draw(st.text(max_size=300)),
        words_said=draw(_TEXT),
        witnesses=draw(_TEXT),
        reported_to_police=draw(st.sampled_from([None, True, False])),
        police_force=draw(_TEXT),
        police_officer=draw(_TEXT),
        crime_reference=draw(_TEXT),
        evidence=draw(_TEXT),
        effect=draw(_TEXT),
        children_present=draw(st.sampled_from([None, True, False])),
        notes=draw(_TEXT),
    )


def _unique(log: list[Incident]) -> list[Incident]:
    return list({incident.id: incident for incident in log}.values())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(incidents(), max_size=6))
def test_csv_round_trip_property(log: list[Incident]) -> None:
    log = _unique(log)
    assert import_log_bytes(export_csv(log), "log.csv", today=TODAY).incidents == log


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(incidents(), max_size=4))
def test_xlsx_round_trip_property(log: list[Incident]) -> None:
    log = _unique(log)
    assert import_log_bytes(export_xlsx(log), "log.xlsx", today=TODAY).incidents == log


# ------------------------------------------------------------------ chronology rows


def test_schedule_rows_are_chronological_with_court_dates_and_marks() -> None:
    rows = schedule_rows(LOG, {LOG[0].id: ["JS1", "JS3"]}, summary_length=20)
    assert [row.date for row in rows] == [
        "January 2026", "3 February 2026", "About 10 February 2026", "Date not known", "Date not known"]
    assert [row.number for row in rows] == [1, 2, 3, 4, 5]
    second = rows[1]
    assert second.evidence_marks == "JS1, JS3"
    assert second.how == "Text message, Waiting outside home or work"
    assert second.time == "21:15" and second.place == "Outside my home"
    assert second.summary == "Alex Example said\u2026"
    assert second.what_happened == LOG[0].what_happened
    assert rows[0].how == "Other (drone, over the garden)"
    assert rows[3].date_needs_checking and not rows[0].date_needs_checking
    assert rows[0].as_dict()["incident_id"] == LOG[1].id


def test_schedule_summary_not_shortened_when_short() -> None:
    [row] = schedule_rows([Incident(what_happened="He  waited\noutside.")])
    assert row.summary == "He waited outside."
    assert row.evidence_marks == ""


# ------------------------------------------------------------------ published templates


def _template_script():
    spec = importlib.util.spec_from_file_location("make_log_templates", ROOT / "scripts" / "make_log_templates.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_every_export_heading_is_recognised_as_its_field() -> None:
    assert [match_header(header) for header in EXPORT_HEADERS] == list(EXPORT_FIELDS)


@pytest.mark.parametrize("name", ["incident_log_template.csv", "incident_log_template.xlsx"])
def test_templates_import_with_only_the_example_row_rejected(name: str) -> None:
    result = import_log_file(ROOT / "templates" / name, today=TODAY)
    assert result.incidents == []
    assert [(p.row, p.kind, p.imported) for p in result.problems] == [(2, ProblemKind.EXAMPLE_ROW, False)]
    assert result.column_mapping == dict(zip(EXPORT_FIELDS, EXPORT_HEADERS))


def test_committed_templates_match_the_script() -> None:
    script = _template_script()
    assert (ROOT / "templates" / "incident_log_template.csv").read_bytes() == script.csv_bytes()
    committed = openpyxl.load_workbook(ROOT / "templates" / "incident_log_template.xlsx")
    fresh = openpyxl.load_workbook(io.BytesIO(script.xlsx_bytes()))
    assert committed.sheetnames == fresh.sheetnames == ["Incident log", "How to fill this in"]
    for title in fresh.sheetnames:
        assert [[c.value for c in row] for row in committed[title].iter_rows()] == [
            [c.value for c in row] for row in fresh[title].iter_rows()]
    assert committed.properties.creator in (None, "")


def test_template_example_row_imports_cleanly_once_its_id_is_cleared() -> None:
    script = _template_script()
    row = dict(script.EXAMPLE_ROW, id="")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADERS)
    writer.writerow([row[name] for name in EXPORT_FIELDS])
    result = import_log_bytes(buffer.getvalue().encode(), "t.csv", today=TODAY)
    [incident] = result.incidents
    assert result.problems == []
    assert incident.date == date(2026, 2, 3)
    assert incident.how == (How.TEXT_MESSAGE, How.WAITING_OUTSIDE)
    assert incident.reported_to_police is True and incident.children_present is False
