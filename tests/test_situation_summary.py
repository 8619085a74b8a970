"""The "your situation so far" data, without the engine."""

from __future__ import annotations

import datetime as dt

from docassemble.StalkingRemedies.interview_glue import country_name, format_uk_date


def test_dates_are_written_the_way_courts_write_them():
    assert format_uk_date(dt.date(2026, 2, 3)) == "3 February 2026"


def test_country_names():
    assert country_name("northern_ireland") == "Northern Ireland"
    assert country_name("outside_uk") == "outside the UK"
