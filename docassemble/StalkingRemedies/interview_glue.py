"""Small helpers the interview YAML calls, so that no paragraph is built in YAML.

Pure Python: no docassemble import, so every function here is tested without the engine.
The interview loads this module with a `modules:` block.
"""

from __future__ import annotations

import datetime as _dt

__all__ = ["COUNTRY_NAMES", "country_name", "format_uk_date", "out_of_scope_help_markdown"]

#: How each `lives_in` value is written for a person reading a screen or a document.
COUNTRY_NAMES: dict[str, str] = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern_ireland": "Northern Ireland",
    "outside_uk": "outside the UK",
}


def country_name(lives_in: str) -> str:
    """Return the readable name of a `lives_in` value (the value itself if unknown)."""
    return COUNTRY_NAMES.get(lives_in, lives_in)


def format_uk_date(day: _dt.date) -> str:
    """Write a date the way courts in England and Wales do: `3 February 2026`."""
    return f"{day.day} {day:%B %Y}"


def out_of_scope_help_markdown(lives_in: str) -> str:
    """Markdown for the screen shown to someone outside England and Wales.

    The text comes from the law table's signposts, so phone numbers are kept in one place.
    """
    from docassemble.StalkingRemedies.signpost_text import signposts_markdown_for_scope

    return signposts_markdown_for_scope(lives_in)
