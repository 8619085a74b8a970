"""The law table: `data/sources/law.yml`, loaded once into typed, read-only objects.

Why a table: the law changes (fees each April, pilots end, forms get new editions), and every
figure, list, time limit and citation the decision engine uses must be checkable and changeable
in one place by someone who does not read Python. This module only loads and type-checks the
table (the types are in law_model.py); it decides nothing. `remedies` reads the rules from it,
and the interview reads signpost details through `signpost()`.

The file is read with `importlib.resources` from the installed package, so it works from a
source tree, an editable install and a wheel alike. Loading is cached: the table is parsed once
per process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from docassemble.StalkingRemedies.law_model import (
    AgeRule,
    Association,
    Case,
    CourseOfConduct,
    Fee,
    Form,
    LawTable,
    LawTableError,
    Provision,
    Relatives,
    RouteInfo,
    Signpost,
    TimeLimit,
    add_years,
)

__all__ = [
    "load_law",
    "parse_law",
    "signpost",
    "LawTable",
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
    "add_years",
]

_PACKAGE = "docassemble.StalkingRemedies"
_TABLE_PATH = ("data", "sources", "law.yml")  # joined one part at a time (Python 3.10)


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
                f"time_limits.{tid}.last_day_in_time: "
                "expected day_before_anniversary or anniversary"
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
