"""The law table: `data/sources/law.yml`, loaded once into typed, read-only objects.

Why a table: the law changes (fees each April, pilots end, forms get new editions), and every
figure, list, time limit and citation the decision engine uses must be checkable and changeable
in one place by someone who does not read Python. This module only loads and type-checks the
table; it decides nothing. `remedies` reads the rules from it, and the interview reads signpost
details through `signpost()`.

The file is read with `importlib.resources` from the installed package, so it works from a
source tree, an editable install and a wheel alike. Loading is cached: the table is parsed once
per process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

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
    "load_law",
    "parse_law",
    "signpost",
    "add_years",
]

_PACKAGE = "docassemble.StalkingRemedies"
_TABLE_PATH = ("data", "sources", "law.yml")  # joined one part at a time (Python 3.10)


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


# --- parsing helpers: each names the key path it was looking at -------------------------------


def _get(node: Mapping[str, Any], key: str, path: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(node, Mapping) or key not in node:
        raise LawTableError(f"{path}.{key}: required")
    value = node[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise LawTableError(f"{path}.{key}: expected {kind}, got {type(value).__name__}")
    return value


def _opt(node: Mapping[str, Any], key: str, path: str, kind: type) -> Any:
    if node.get(key) is None:
        return None
    return _get(node, key, path, kind)


def _ref(table: Mapping[str, Any], key: str, path: str) -> Any:
    if key not in table:
        raise LawTableError(f"{path}: unknown reference {key!r}")
    return table[key]


def _meta(node: Mapping[str, Any], path: str) -> dict[str, Any]:
    return {
        "source": _get(node, "source", path, str),
        "as_of": _get(node, "as_of", path, dt.date),
        "verify": _get(node, "verify", path, bool),
    }


def _section(root: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    return _get(root, key, "law", dict)


def _frozen(items: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(items)


def parse_law(root: Mapping[str, Any]) -> LawTable:
    """Type-check a parsed law.yml and link its references; raise `LawTableError` if wrong."""
    provisions = {
        pid: Provision(
            id=pid,
            citation=_get(node, "citation", f"provisions.{pid}", str),
            summary=_get(node, "summary", f"provisions.{pid}", str),
            **_meta(node, f"provisions.{pid}"),
        )
        for pid, node in _section(root, "provisions").items()
    }
    cases = {
        cid: Case(
            id=cid,
            citation=_get(node, "citation", f"cases.{cid}", str),
            point=_get(node, "point", f"cases.{cid}", str),
            **_meta(node, f"cases.{cid}"),
        )
        for cid, node in _section(root, "cases").items()
    }

    def prov(node: Mapping[str, Any], key: str, path: str) -> Provision:
        return _ref(provisions, _get(node, key, path, str), f"{path}.{key}")

    def case(node: Mapping[str, Any], key: str, path: str) -> Case:
        return _ref(cases, _get(node, key, path, str), f"{path}.{key}")

    time_limits = {
        tid: TimeLimit(
            id=tid,
            provision=prov(node, "provision", f"time_limits.{tid}"),
            years=_get(node, "years", f"time_limits.{tid}", int),
            last_day_in_time=_get(node, "last_day_in_time", f"time_limits.{tid}", str),
            **_meta(node, f"time_limits.{tid}"),
        )
        for tid, node in _section(root, "time_limits").items()
    }
    for tid, limit in time_limits.items():
        if limit.last_day_in_time not in ("day_before_anniversary", "anniversary"):
            raise LawTableError(
                f"time_limits.{tid}.last_day_in_time: expected day_before_anniversary or anniversary"
            )

    associations = {}
    for rtype, node in _section(root, "associations").items():
        path = f"associations.{rtype}"
        limit = _opt(node, "time_limit", path, str)
        evidence = _opt(node, "evidence", path, str)
        associations[rtype] = Association(
            relationship_type=rtype,
            provision=prov(node, "provision", path),
            reason=_get(node, "reason", path, str),
            not_if_only_as=_frozen(dict(_opt(node, "not_if_only_as", path, dict) or {})),
            time_limit=_ref(time_limits, limit, f"{path}.time_limit").id if limit else None,
            evidence=_ref(provisions, evidence, f"{path}.evidence") if evidence else None,
        )

    rel = _section(root, "relatives")
    relatives = Relatives(
        provision=prov(rel, "provision", "relatives"),
        counted=_frozen(dict(_get(rel, "counted", "relatives", dict))),
        through=_frozen(dict(_get(rel, "through", "relatives", dict))),
        not_counted=tuple(_get(rel, "not_counted", "relatives", list)),
        case=case(rel, "case", "relatives"),
        **_meta(rel, "relatives"),
    )

    coc = _section(root, "course_of_conduct")
    course = CourseOfConduct(
        provision=prov(coc, "provision", "course_of_conduct"),
        min_occasions=_get(coc, "min_occasions", "course_of_conduct", int),
        apprehended_provision=prov(coc, "apprehended_provision", "course_of_conduct"),
        same_day_case=case(coc, "same_day_case", "course_of_conduct"),
        link_case=case(coc, "link_case", "course_of_conduct"),
    )

    ages = {
        aid: AgeRule(
            id=aid,
            years=_get(node, "years", f"ages.{aid}", int),
            provision=prov(node, "provision", f"ages.{aid}"),
        )
        for aid, node in _section(root, "ages").items()
    }

    routes = {
        rid: RouteInfo(
            id=rid,
            title=_get(node, "title", f"routes.{rid}", str),
            provision=prov(node, "provision", f"routes.{rid}"),
            advantages=tuple(_get(node, "advantages", f"routes.{rid}", list)),
        )
        for rid, node in _section(root, "routes").items()
    }

    fees = {
        fid: Fee(
            id=fid,
            amount_gbp=_get(node, "amount_gbp", f"fees.{fid}", int),
            summary=_get(node, "summary", f"fees.{fid}", str),
            since=_opt(node, "since", f"fees.{fid}", dt.date),
            **_meta(node, f"fees.{fid}"),
        )
        for fid, node in _section(root, "fees").items()
    }

    forms = {
        fid: Form(
            id=fid,
            title=_get(node, "title", f"forms.{fid}", str),
            edition=_opt(node, "edition", f"forms.{fid}", str),
            purpose=_get(node, "purpose", f"forms.{fid}", str),
            **_meta(node, f"forms.{fid}"),
        )
        for fid, node in _section(root, "forms").items()
    }

    signposts = {
        sid: Signpost(
            id=sid,
            title=_get(node, "title", f"signposts.{sid}", str),
            phone=_opt(node, "phone", f"signposts.{sid}", str),
            description=_get(node, "description", f"signposts.{sid}", str),
            url=_opt(node, "url", f"signposts.{sid}", str),
            **_meta(node, f"signposts.{sid}"),
        )
        for sid, node in _section(root, "signposts").items()
    }

    connected = _section(root, "personally_connected")
    return LawTable(
        as_of=_get(root, "as_of", "law", dt.date),
        provisions=_frozen(provisions),
        cases=_frozen(cases),
        associations=_frozen(associations),
        not_associated=_frozen(dict(_section(root, "not_associated"))),
        relatives=relatives,
        time_limits=_frozen(time_limits),
        course_of_conduct=course,
        ages=_frozen(ages),
        personally_connected=frozenset(_get(connected, "types", "personally_connected", list)),
        routes=_frozen(routes),
        fees=_frozen(fees),
        forms=_frozen(forms),
        signposts=_frozen(signposts),
    )


@cache
def load_law() -> LawTable:
    """Load the package's law table once per process.

    Why cached: the table is read on every assessment, and it never changes while running.
    """
    resource = resources.files(_PACKAGE)
    for part in _TABLE_PATH:
        resource = resource.joinpath(part)
    root = yaml.safe_load(resource.read_text(encoding="utf-8"))
    if not isinstance(root, dict):
        raise LawTableError("law: expected a mapping at the top of law.yml")
    return parse_law(root)


def signpost(signpost_id: str) -> Signpost:
    """Return the details of one signpost id from an assessment (title, phone, description, url).

    Raises:
        KeyError: the id is not in the table; the message lists the known ids.
    """
    table = load_law().signposts
    if signpost_id not in table:
        raise KeyError(f"unknown signpost {signpost_id!r}; known: {', '.join(sorted(table))}")
    return table[signpost_id]
