"""The facts an assessment starts from: typed values, and `parse_facts` to build them from JSON.

Why a separate module: the same facts arrive from the command line (a JSON file), from the
interview (a dict built from answers) and from tests. Checking them once, here, means the
decision engine never has to guess, and a person scripting the command gets ONE clear message
naming the key path and what was expected, e.g.
`relationships[1].type: expected one of spouse, civil_partner, ... (got "boyfriend")`.

The input is an additive contract (docs/assess-contract.md): unknown keys are ignored so that
newer callers work with older engines, but an unknown *value* for a known key is an error,
because guessing what it meant could change a decision.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any, Callable, TypeVar

__all__ = [
    "FactsError",
    "LivesIn",
    "RelationshipType",
    "Relation",
    "Through",
    "OnlyAs",
    "SignificantDuration",
    "Relationship",
    "Incident",
    "WithoutNoticeFacts",
    "Facts",
    "parse_facts",
]


class FactsError(ValueError):
    """The facts do not fit the contract. `str(error)` is one line: `key.path: what was wrong`."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class LivesIn(str, Enum):
    """Where the applicant lives. Only England and Wales are in scope."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"
    OUTSIDE_UK = "outside_uk"


class RelationshipType(str, Enum):
    """One way the applicant is connected to the respondent (the first ten mirror s.62(3))."""

    SPOUSE = "spouse"
    CIVIL_PARTNER = "civil_partner"
    COHABITANT = "cohabitant"
    HOUSEHOLD_MEMBER = "household_member"
    RELATIVE = "relative"
    ENGAGED = "engaged"
    CIVIL_PARTNERSHIP_AGREEMENT = "civil_partnership_agreement"
    INTIMATE_RELATIONSHIP = "intimate_relationship"
    CO_PARENT = "co_parent"
    FAMILY_PROCEEDINGS = "family_proceedings"
    NEIGHBOUR = "neighbour"
    COLLEAGUE = "colleague"
    ACQUAINTANCE = "acquaintance"
    ONLINE_CONTACT = "online_contact"
    STRANGER = "stranger"
    OTHER = "other"


class Relation(str, Enum):
    """Which relative the respondent is (s.63); `other_relative` is anyone not on the list."""

    PARENT = "parent"
    STEP_PARENT = "step_parent"
    CHILD = "child"
    STEPCHILD = "stepchild"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    AUNT_OR_UNCLE = "aunt_or_uncle"
    NIECE_OR_NEPHEW = "niece_or_nephew"
    FIRST_COUSIN = "first_cousin"
    OTHER_RELATIVE = "other_relative"


class Through(str, Enum):
    """Whose relative the respondent is: the applicant's, or their (ex-)partner's."""

    SELF = "self"
    SPOUSE_OR_CIVIL_PARTNER = "spouse_or_civil_partner"
    COHABITANT = "cohabitant"


class OnlyAs(str, Enum):
    """The only reason two people shared a household, when that alone does not count."""

    EMPLOYEE = "employee"
    TENANT = "tenant"
    LODGER = "lodger"
    BOARDER = "boarder"


class SignificantDuration(str, Enum):
    """The applicant's answer on whether an intimate relationship lasted a significant time."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Relationship:
    """One connection to the respondent. Fields other than `type` apply to some types only."""

    type: RelationshipType
    relation: Relation | None = None
    through: Through = Through.SELF
    only_as: OnlyAs | None = None
    ended_on: dt.date | None = None
    significant_duration: SignificantDuration | None = None


@dataclass(frozen=True)
class Incident:
    """One incident. Only `date` matters to the decision; other keys are kept as given."""

    date: dt.date
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class WithoutNoticeFacts:
    """Answers to the three FLA 1996 s.45(2) questions (all default to false)."""

    risk_of_significant_harm: bool = False
    deterred_or_prevented: bool = False
    evading_service: bool = False

    @property
    def requested(self) -> bool:
        """True when any reason to go without notice was given."""
        return self.risk_of_significant_harm or self.deterred_or_prevented or self.evading_service


@dataclass(frozen=True)
class Facts:
    """Everything `remedies.assess` needs. Build it with `parse_facts`, or directly in code."""

    as_of: dt.date
    lives_in: LivesIn
    immediate_danger: bool = False
    applicant_age: int | None = None
    relationships: tuple[Relationship, ...] = ()
    incidents: tuple[Incident, ...] = ()
    further_conduct_feared: bool = False
    without_notice: WithoutNoticeFacts = WithoutNoticeFacts()


# --- parsing ----------------------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_E = TypeVar("_E", bound=Enum)
_T = TypeVar("_T")


def _show(value: Any) -> str:
    """Render a bad value as JSON, short, on one line (never more than 60 characters)."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    text = text.replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def _enum(value: Any, kind: type[_E], path: str) -> _E:
    allowed = [member.value for member in kind]
    if isinstance(value, str) and value in allowed:
        return kind(value)
    raise FactsError(path, f"expected one of {', '.join(allowed)} (got {_show(value)})")


def _bool(value: Any, path: str) -> bool:
    if isinstance(value, bool):
        return value
    raise FactsError(path, f"expected true or false (got {_show(value)})")


def _date(value: Any, path: str) -> dt.date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            message = f"expected a real date as YYYY-MM-DD (got {_show(value)})"
            raise FactsError(path, message) from None
    raise FactsError(path, f"expected a date as YYYY-MM-DD (got {_show(value)})")


def _object(value: Any, path: str) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    raise FactsError(path, f"expected a JSON object (got {_show(value)})")


def _list(value: Any, path: str) -> list[Any]:
    if isinstance(value, list):
        return value
    raise FactsError(path, f"expected a list (got {_show(value)})")


def _age(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FactsError(path, f"expected a whole number of years (got {_show(value)})")
    if not 0 <= value <= 130:
        raise FactsError(path, f"expected an age from 0 to 130 (got {_show(value)})")
    return value


def _not_after(day: dt.date, as_of: dt.date, path: str) -> dt.date:
    if day > as_of:
        raise FactsError(path, f'expected a date on or before as_of {as_of} (got "{day}")')
    return day


def _relationship(node: Any, path: str, as_of: dt.date) -> Relationship:
    data = _object(node, path)
    if data.get("type") is None:
        choices = ", ".join(t.value for t in RelationshipType)
        raise FactsError(f"{path}.type", f"required; one of {choices}")
    kind = _enum(data["type"], RelationshipType, f"{path}.type")

    def optional_enum(key: str, choices: type[_E], required: bool = False) -> _E | None:
        if data.get(key) is not None:
            return _enum(data[key], choices, f"{path}.{key}")
        if required:
            allowed = ", ".join(member.value for member in choices)
            message = f"required when type is {kind.value}; one of {allowed}"
            raise FactsError(f"{path}.{key}", message)
        return None

    ended_on = None
    if data.get("ended_on") is not None:
        where = f"{path}.ended_on"
        ended_on = _not_after(_date(data["ended_on"], where), as_of, where)
    return Relationship(
        type=kind,
        relation=optional_enum("relation", Relation, kind is RelationshipType.RELATIVE),
        through=optional_enum("through", Through) or Through.SELF,
        only_as=optional_enum("only_as", OnlyAs),
        ended_on=ended_on,
        significant_duration=optional_enum(
            "significant_duration",
            SignificantDuration,
            kind is RelationshipType.INTIMATE_RELATIONSHIP,
        ),
    )


def _incident(node: Any, path: str, as_of: dt.date) -> Incident:
    data = _object(node, path)
    if data.get("date") is None:
        raise FactsError(f"{path}.date", "required, as YYYY-MM-DD")
    day = _not_after(_date(data["date"], f"{path}.date"), as_of, f"{path}.date")
    return Incident(date=day, extra=MappingProxyType({k: v for k, v in data.items() if k != "date"}))


def _without_notice(node: Any, path: str) -> WithoutNoticeFacts:
    data = _object(node, path)
    values = {
        key: _bool(data[key], f"{path}.{key}")
        for key in ("risk_of_significant_harm", "deterred_or_prevented", "evading_service")
        if data.get(key) is not None
    }
    return WithoutNoticeFacts(**values)


def parse_facts(data: Any, *, today: dt.date | None = None) -> Facts:
    """Check a facts object (parsed JSON) and return typed `Facts`.

    Args:
        data: the facts, as in docs/assess-contract.md. Unknown keys are ignored.
        today: the date `as_of` defaults to; the real date when omitted. Passed in by tests
            so that they do not depend on the day they run.

    Raises:
        FactsError: the first problem found, as one line naming the key path.
    """
    root = _object(data, "facts")

    def optional(key: str, parse: Callable[[Any, str], _T], default: _T) -> _T:
        # JSON null means "not given", the same as leaving the key out.
        return default if root.get(key) is None else parse(root[key], key)

    as_of = optional("as_of", _date, today or dt.date.today())
    if root.get("lives_in") is None:
        raise FactsError("lives_in", "required; one of " + ", ".join(p.value for p in LivesIn))
    relationships = optional("relationships", _list, [])
    incidents = optional("incidents", _list, [])
    return Facts(
        as_of=as_of,
        lives_in=_enum(root["lives_in"], LivesIn, "lives_in"),
        immediate_danger=optional("immediate_danger", _bool, False),
        applicant_age=optional("applicant_age", _age, None),
        relationships=tuple(
            _relationship(item, f"relationships[{i}]", as_of)
            for i, item in enumerate(relationships)
        ),
        incidents=tuple(
            _incident(item, f"incidents[{i}]", as_of) for i, item in enumerate(incidents)
        ),
        further_conduct_feared=optional("further_conduct_feared", _bool, False),
        without_notice=optional("without_notice", _without_notice, WithoutNoticeFacts()),
    )
