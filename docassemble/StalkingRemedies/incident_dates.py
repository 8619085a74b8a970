"""Reading and writing the dates and times people put in an incident log.

Why a module of its own: dates are where spreadsheets go wrong. People type `03/02/2026`
meaning 3 February (never 2 March: this product is for England and Wales), write "about
3 Feb", remember only "February 2026", or hand us whatever Excel stored (a real date cell,
or a bare serial number in a CSV). A log entry is still evidence when its date is vague, so
a date here always travels with its *precision*, and the court wording ("About 3 February
2026") is derived from the pair, never typed twice.

Pure Python: no docassemble import, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

__all__ = [
    "DatePrecision",
    "DateReading",
    "EXCEL_EPOCH_1900",
    "MONTH_NAMES",
    "date_from_excel_serial",
    "format_date_for_court",
    "format_date_for_log",
    "normalise_time",
    "parse_date_text",
    "read_date_value",
    "read_time_value",
]


class DatePrecision(str, Enum):
    """How precisely the person knows the date of an incident.

    `MONTH` dates are stored as the first day of the month; `UNKNOWN` means there is no
    date at all (the incident is still kept: an undated entry is better than a lost one).
    """

    EXACT = "exact"
    MONTH = "month"
    APPROXIMATE = "approximate"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class DateReading:
    """The outcome of reading one date cell.

    Attributes:
        value: the date, or None when there is none or it could not be read.
        precision: how precise `value` is (`UNKNOWN` when `value` is None).
        time: a time found in the same cell ("14:30"), or "".
        error: why the text is not a usable date, as a phrase that fits after "row 5 —"
            ("the date 31/02/2026 is not a real date"), or "" when all is well or blank.
        warning: something worth checking although the date was read (a weekday that
            does not match the date), or "".
    """

    value: date | None
    precision: DatePrecision
    time: str = ""
    error: str = ""
    warning: str = ""

    @property
    def ok(self) -> bool:
        """True when a date was read."""
        return self.value is not None


BLANK_READING = DateReading(None, DatePrecision.UNKNOWN)

EXCEL_EPOCH_1900 = datetime(1899, 12, 30)
"""Day 0 of Excel's (Windows, 1900) date system, allowing for its fictitious 29/02/1900."""

# Serial numbers outside this range are almost certainly not dates (a "3" typed in the date
# column is not 3 January 1900). 1 January 1950 .. 31 December 2100.
_SERIAL_MIN = 18264
_SERIAL_MAX = 73415

MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES[1:], start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name.lower()[:3]] = _number
_MONTHS["sept"] = 9
# Welsh month names: the product serves Wales, and people keep logs in Welsh.
for _number, _name in enumerate(
    (
        "ionawr",
        "chwefror",
        "mawrth",
        "ebrill",
        "mai",
        "mehefin",
        "gorffennaf",
        "awst",
        "medi",
        "hydref",
        "tachwedd",
        "rhagfyr",
    ),
    start=1,
):
    _MONTHS[_name] = _number

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("mon", "monday"),
        ("tue", "tues", "tuesday"),
        ("wed", "weds", "wednesday"),
        ("thu", "thur", "thurs", "thursday"),
        ("fri", "friday"),
        ("sat", "saturday"),
        ("sun", "sunday"),
    )
):
    for _name in _names:
        _WEEKDAYS[_name] = _number

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_APPROX_PREFIX = re.compile(
    r"^(?:circa|approximately|approx\.?|about|around|roughly|abt\.?|est\.?|estimated|"
    r"ca\.?|c\.|c(?=\s)|~)\s*",
    re.IGNORECASE,
)
_APPROX_SUFFIX = re.compile(
    r"\s*(?:\(\s*(?:approx\.?|approximately|about|roughly|est\.?|estimated|\?)\s*\)"
    r"|approx\.?|approximately|roughly|\?+)$",
    re.IGNORECASE,
)
_WEEKDAY_PREFIX = re.compile(r"^([a-z]+)\.?,?\s+(?=\d|[a-z]+\s+\d)")
_TIME_PART = r"(?:[ ,t]+(?:at\s+)?(?P<time>\d{1,2}(?:[:.]\d{2}){0,2}\s*(?:[ap]\.?m\.?)?))?"
_ISO = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})" + _TIME_PART + "$")
_ISO_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$")
_NUMERIC_DMY = re.compile(
    r"^(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4}|\d{2})" + _TIME_PART + "$"
)
_NUMERIC_DM = re.compile(r"^(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})$")
_NUMERIC_MY = re.compile(r"^(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})$")
_DAY_MONTH_YEAR = re.compile(
    r"^(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s\-/.]*(?P<mon>[a-z]+)\.?[\s\-/.,]*"
    r"(?P<y>\d{4}|\d{2})" + _TIME_PART + "$"
)
_MONTH_DAY_YEAR = re.compile(
    r"^(?P<mon>[a-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME_PART + "$"
)
_MONTH_YEAR = re.compile(r"^(?P<mon>[a-z]+)\.?(?:[\s,/.]*(?P<y4>\d{4})|\s*[-']\s*(?P<y2>\d{2}))$")
_DAY_MONTH = re.compile(r"^(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s\-/.]*(?P<mon>[a-z]+)\.?$")
_MONTH_DAY = re.compile(r"^(?P<mon>[a-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?$")
_SERIAL = re.compile(r"^\d{4,6}(?:\.\d+)?$")

_TIME_HM = re.compile(
    r"^(?P<h>\d{1,2})\s*[:.]\s*(?P<m>\d{2})(?:\s*[:.]\s*\d{2})?\s*(?:(?P<ampm>[ap])\.?\s*m\.?)?"
    r"(?:\s*(?:hrs|hours|h))?$",
    re.IGNORECASE,
)
_TIME_H_AMPM = re.compile(r"^(?P<h>\d{1,2})\s*(?P<ampm>[ap])\.?\s*m\.?$", re.IGNORECASE)
_TIME_HHMM = re.compile(r"^(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:hrs|hours|h)?$", re.IGNORECASE)
_TIME_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}


def _two_digit_year(year: int) -> int:
    """Expand a two-digit year: 00-69 are 2000s, 70-99 are 1900s (as Excel does)."""
    return 2000 + year if year < 70 else 1900 + year


def _year(text: str) -> int:
    number = int(text)
    return _two_digit_year(number) if len(text) == 2 else number


def _quoted(text: str) -> str:
    """Echo a value inside a sentence: numeric dates plain (31/02/2026), words in quotes,
    anything long cut short."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    return shown if re.fullmatch(r"[\d/.\-, ]+", shown) else f'"{shown}"'


def _make_date(year: int, month: int, day: int, original: str) -> date | str:
    """Build a date, or return the error phrase when it is not a real one."""
    if not 1900 <= year <= 2100:
        return f"the year in {_quoted(original)} looks wrong"
    if not 1 <= month <= 12:
        return f"the date {_quoted(original)} is not a real date (there is no month {month})"
    try:
        return date(year, month, day)
    except ValueError:
        return f"the date {_quoted(original)} is not a real date"


def normalise_time(text: str) -> str:
    """Return `text` as "HH:MM" when it is clearly a time of day, else `text` unchanged.

    Free wording ("about 9pm", "evening") is kept exactly: the person's own words are
    evidence, and a guessed clock time would not be.
    """
    stripped = text.strip()
    lowered = stripped.lower()
    if lowered in _TIME_WORDS:
        return _TIME_WORDS[lowered]
    match = _TIME_HM.match(stripped) or _TIME_H_AMPM.match(stripped) or _TIME_HHMM.match(stripped)
    if not match:
        return stripped
    hour = int(match.group("h"))
    minute = int(match.groupdict().get("m") or 0)
    ampm = (match.groupdict().get("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return stripped
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59:
        return stripped
    return f"{hour:02d}:{minute:02d}"


def _with_time(result: date | str, precision: DatePrecision, time_text: str | None) -> DateReading:
    if isinstance(result, str):
        return DateReading(None, DatePrecision.UNKNOWN, error=result)
    clock = normalise_time(time_text) if time_text else ""
    # "03/02/2026 00:00" is how spreadsheets print a date with no time, not a claim that
    # something happened at midnight.
    return DateReading(result, precision, time="" if clock == "00:00" else clock)


def date_from_excel_serial(serial: float, epoch: datetime = EXCEL_EPOCH_1900) -> DateReading:
    """Read an Excel serial day number (what a date cell holds underneath).

    A fractional part is the time of day; it is returned in `time` so a "date and time"
    cell fills both. Numbers outside 1950-2100 are refused: they are not dates someone
    meant (a stray "3" in the date column is not 3 January 1900).
    """
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX + 1:
        shown = str(int(serial)) if float(serial).is_integer() else str(serial)
        return DateReading(None, DatePrecision.UNKNOWN, error=f"we could not read the date {shown}")
    moment = epoch + timedelta(days=float(serial))
    # Round to the minute: Excel stores times as binary fractions of a day.
    moment = (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)
    clock = f"{moment.hour:02d}:{moment.minute:02d}" if float(serial) % 1 else ""
    return DateReading(moment.date(), DatePrecision.EXACT, time=clock)


def _weekday_check(text: str) -> tuple[str, int | None]:
    """Remove a leading weekday ("Tue, 3 Feb 2026"); return the rest and its number."""
    match = _WEEKDAY_PREFIX.match(text)
    if match and match.group(1) in _WEEKDAYS:
        return text[match.end() :], _WEEKDAYS[match.group(1)]
    return text, None


def parse_date_text(text: str) -> DateReading:
    """Read a date written the way people in England and Wales write it.

    Day comes before month in numeric dates (03/02/2026 is 3 February). Accepted: 3/2/26,
    03-02-2026, 03.02.2026, 3 Feb 2026, 3rd of February 2026, Tuesday 3 February 2026,
    February 3, 2026, 2026-02-03, February 2026 / 2026-02 / 02/2026 (month precision),
    Excel serial numbers, and any of these after "c.", "about", "approx", "around" or
    followed by "?" (approximate). "About February 2026" stays month precision: a month
    is already approximate. A time after the date ("03/02/2026 21:15") is returned too.

    Args:
        text: the cell as typed.

    Returns:
        A `DateReading`; blank text gives an empty reading with no error.
    """
    original = " ".join(text.split())
    if not original:
        return BLANK_READING
    work = original.lower()
    approximate = False
    stripped = _APPROX_PREFIX.sub("", work, count=1)
    if stripped != work:
        approximate, work = True, stripped
    stripped = _APPROX_SUFFIX.sub("", work, count=1)
    if stripped != work:
        approximate, work = True, stripped
    work = work.strip(" ,;")
    if not work:
        return DateReading(None, DatePrecision.UNKNOWN, error=f"we could not read the date {_quoted(original)}")
    work, weekday = _weekday_check(work)
    day_precision = DatePrecision.APPROXIMATE if approximate else DatePrecision.EXACT

    reading = _read_core(work, original, day_precision)
    if reading is None:
        return DateReading(None, DatePrecision.UNKNOWN, error=f"we could not read the date {_quoted(original)}")
    if weekday is not None and reading.value is not None and reading.precision != DatePrecision.MONTH:
        if reading.value.weekday() != weekday:
            actual = _WEEKDAY_NAMES[reading.value.weekday()]
            return DateReading(
                reading.value,
                reading.precision,
                time=reading.time,
                warning=(
                    f"the date {_quoted(original)} names the wrong day of the week "
                    f"({format_date_for_court(reading.value, DatePrecision.EXACT)} was a {actual})"
                ),
            )
    return reading


def _read_core(work: str, original: str, day_precision: DatePrecision) -> DateReading | None:
    """Try each accepted shape in turn; None when nothing fits."""
    match = _ISO.match(work)
    if match:
        built = _make_date(int(match["y"]), int(match["m"]), int(match["d"]), original)
        return _with_time(built, day_precision, match["time"])
    match = _NUMERIC_DMY.match(work)
    if match:
        built = _make_date(_year(match["y"]), int(match["m"]), int(match["d"]), original)
        return _with_time(built, day_precision, match["time"])
    match = _DAY_MONTH_YEAR.match(work)
    if match and match["mon"] in _MONTHS:
        built = _make_date(_year(match["y"]), _MONTHS[match["mon"]], int(match["d"]), original)
        return _with_time(built, day_precision, match["time"])
    match = _MONTH_DAY_YEAR.match(work)
    if match and match["mon"] in _MONTHS:
        built = _make_date(int(match["y"]), _MONTHS[match["mon"]], int(match["d"]), original)
        return _with_time(built, day_precision, match["time"])
    match = _MONTH_YEAR.match(work)
    if match and match["mon"] in _MONTHS:
        year = int(match["y4"]) if match["y4"] else _two_digit_year(int(match["y2"]))
        return _with_time(_make_date(year, _MONTHS[match["mon"]], 1, original), DatePrecision.MONTH, None)
    match = _ISO_MONTH.match(work) or _NUMERIC_MY.match(work)
    if match:
        return _with_time(_make_date(int(match["y"]), int(match["m"]), 1, original), DatePrecision.MONTH, None)
    day_month = _DAY_MONTH.match(work) or _MONTH_DAY.match(work)
    if (day_month and day_month["mon"] in _MONTHS) or _NUMERIC_DM.match(work):
        return DateReading(None, DatePrecision.UNKNOWN, error=f"the date {_quoted(original)} has no year")
    if _SERIAL.match(work):
        reading = date_from_excel_serial(float(work))
        if reading.ok and day_precision == DatePrecision.APPROXIMATE:
            return DateReading(reading.value, day_precision, time=reading.time)
        return reading
    return None


def read_date_value(value: object, epoch: datetime = EXCEL_EPOCH_1900) -> DateReading:
    """Read a date from any spreadsheet cell: text, number, real date or datetime.

    Args:
        value: the cell value as openpyxl or the CSV reader gives it.
        epoch: the workbook's day 0 (Excel for Mac once used 1904).
    """
    if value is None:
        return BLANK_READING
    if isinstance(value, datetime):
        clock = f"{value.hour:02d}:{value.minute:02d}" if value.time() != time(0, 0) else ""
        return DateReading(value.date(), DatePrecision.EXACT, time=clock)
    if isinstance(value, date):
        return DateReading(value, DatePrecision.EXACT)
    if isinstance(value, bool):
        return DateReading(None, DatePrecision.UNKNOWN, error=f"we could not read the date {value}")
    if isinstance(value, (int, float)):
        return date_from_excel_serial(float(value), epoch)
    if isinstance(value, time):
        return DateReading(None, DatePrecision.UNKNOWN, error="the date cell holds only a time")
    return parse_date_text(str(value))


def read_time_value(value: object) -> str:
    """Read a time from any spreadsheet cell; free wording is kept as typed.

    A number between 0 and 1 is Excel's fraction of a day (0.875 is 21:00).
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60) % (24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(float(value) * 24 * 60) % (24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        return normalise_time(str(int(value)))
    return normalise_time(str(value))


def format_date_for_court(value: date | None, precision: DatePrecision) -> str:
    """The date as a court document states it: "3 February 2026", "February 2026",
    "About 3 February 2026", or "Date not known"."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return "Date not known"
    if precision == DatePrecision.MONTH:
        return f"{MONTH_NAMES[value.month]} {value.year}"
    exact = f"{value.day} {MONTH_NAMES[value.month]} {value.year}"
    return f"About {exact}" if precision == DatePrecision.APPROXIMATE else exact


def format_date_for_log(value: date | None, precision: DatePrecision) -> str:
    """The date as written back into an exported log: court wording that re-imports as
    the same date and precision; "" when there is no date."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return ""
    return format_date_for_court(value, precision)
