"""The typed shape of the law table (data/sources/law.yml): read-only dataclasses.

Why apart from the loader (law.py): the rules modules and tests need these types, and the
types are easier to review on their own than mixed with the YAML checking. Each object keeps
its `source`, `as_of` date and `verify` flag, so anything shown to a user can be traced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "LawTableError",
    "Provision",
    "Case",
    "Association",
    "Relatives",
    "TimeLimit",
    "CourseOfConduct",
    "AgeRule",
    "RouteInfo",
    "Fee",
    "Form",
    "Signpost",
    "LawTable",
    "add_years",
]


class LawTableError(ValueError):
    """The law table is missing something or has a value of the wrong kind.

    Raised at load time, naming the key path, so a bad edit to law.yml fails loudly in the
    tests rather than quietly changing a decision.
    """


@dataclass(frozen=True)
class Provision:
    """One statutory provision or rule, as cited in an assessment."""

    id: str
    citation: str
    summary: str
    source: str
    as_of: dt.date
    verify: bool


@dataclass(frozen=True)
class Case:
    """A reported case a rule rests on (named in reasons, not in `citations`)."""

    id: str
    citation: str
    point: str
    source: str
    as_of: dt.date
    verify: bool


@dataclass(frozen=True)
class Association:
    """How one relationship type can make two people associated under FLA 1996 s.62(3)."""

    relationship_type: str
    provision: Provision
    reason: str
    not_if_only_as: Mapping[str, str]
    time_limit: str | None
    evidence: Provision | None


@dataclass(frozen=True)
class Relatives:
    """The closed list of relatives in FLA 1996 s.63(1), with plain labels for each."""

    provision: Provision
    counted: Mapping[str, str]
    through: Mapping[str, str]
    not_counted: tuple[str, ...]
    case: Case
    source: str
    as_of: dt.date
    verify: bool


def add_years(day: dt.date, years: int) -> dt.date:
    """Return the anniversary `years` after `day`; 29 February falls on 1 March if need be.

    Why 1 March: it keeps "the day before the anniversary" equal to 28 February, the last day
    of a period of whole years that begins on 29 February.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that is not a leap year
        return dt.date(day.year + years, 3, 1)


@dataclass(frozen=True)
class TimeLimit:
    """A period in whole years that starts on a given day, and how its last day is counted."""

    id: str
    provision: Provision
    years: int
    last_day_in_time: str
    source: str
    as_of: dt.date
    verify: bool

    def last_day(self, start: dt.date) -> dt.date:
        """Return the last day on which an application is still in time.

        `day_before_anniversary` is the statutory reading of "a period of N years beginning
        with the day" something ended: that day is the first day of the period, so the
        period's last day is the day before the anniversary.
        """
        anniversary = add_years(start, self.years)
        if self.last_day_in_time == "anniversary":
            return anniversary
        return anniversary - dt.timedelta(days=1)


@dataclass(frozen=True)
class CourseOfConduct:
    """The PHA 1997 course-of-conduct rule and the cases behind our counting of occasions."""

    provision: Provision
    min_occasions: int
    apprehended_provision: Provision
    same_day_case: Case
    link_case: Case


@dataclass(frozen=True)
class AgeRule:
    """An age below which the applicant must do something extra."""

    id: str
    years: int
    provision: Provision


@dataclass(frozen=True)
class RouteInfo:
    """What the product says about one route: its plain name, provision and advantages."""

    id: str
    title: str
    provision: Provision
    advantages: tuple[str, ...]


@dataclass(frozen=True)
class Fee:
    """One court fee in whole pounds, with the date it took effect."""

    id: str
    amount_gbp: int
    summary: str
    since: dt.date | None
    source: str
    as_of: dt.date
    verify: bool


@dataclass(frozen=True)
class Form:
    """One court form the product names or drafts."""

    id: str
    title: str
    edition: str | None
    purpose: str
    source: str
    as_of: dt.date
    verify: bool


@dataclass(frozen=True)
class Signpost:
    """Help outside this product, shown to the user by id."""

    id: str
    title: str
    phone: str | None
    description: str
    url: str | None
    source: str
    as_of: dt.date
    verify: bool

    def to_dict(self) -> dict[str, Any]:
        """Return the fields an interview screen shows, as plain data."""
        return {
            "id": self.id,
            "title": self.title,
            "phone": self.phone,
            "description": self.description,
            "url": self.url,
        }


@dataclass(frozen=True)
class LawTable:
    """The whole table, read-only. Build it with `load_law()` (or `parse_law()` in tests)."""

    as_of: dt.date
    provisions: Mapping[str, Provision]
    cases: Mapping[str, Case]
    associations: Mapping[str, Association]
    not_associated: Mapping[str, str]
    relatives: Relatives
    time_limits: Mapping[str, TimeLimit]
    course_of_conduct: CourseOfConduct
    ages: Mapping[str, AgeRule]
    personally_connected: frozenset[str]
    routes: Mapping[str, RouteInfo]
    fees: Mapping[str, Fee]
    forms: Mapping[str, Form]
    signposts: Mapping[str, Signpost]

    def cite(self, provision_id: str) -> str:
        """Return the citation text of a provision, e.g. `FLA 1996 s.62(3)(ea)`."""
        return self.provisions[provision_id].citation
