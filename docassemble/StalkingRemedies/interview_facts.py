"""Turns the interview's plain answers into the facts dict of the decision contract.

Why a module of its own: the questions are worded for a frightened person ("Have you ever
lived together as a couple?"), the contract is worded for the law (`cohabitant`,
`household_member` with `only_as`). Mapping one onto the other is logic, so it lives here, as
a pure function tested without the engine (tests/test_interview_facts.py), and the YAML only
asks questions and passes the answers in. The dict it returns is exactly what
`facts.parse_facts` checks (docs/assess-contract.md), so the interview, the command line and
the tests all meet the decision engine through the same door.

No docassemble import: values that come from docassemble (a `DADict` from a checkboxes
field, a `DADateTime` from a date field) are accepted because they behave like a mapping and
a `datetime`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "HOW_KNOWN",
    "PARTNER_KINDS",
    "RELATIONS",
    "RELATIVE_THROUGH",
    "SHARED_HOME_ONLY_AS",
    "INCIDENT_COUNTS",
    "SIGNIFICANT_DURATION",
    "HOW_KNOWN_HELP",
    "choice_list",
    "ticked",
    "asks_about_duration",
    "incidents_from_count",
    "without_notice_answers",
    "build_facts",
    "add_without_notice",
]

#: First screen, "How do you know this person?": answer key -> what the person reads.
#: Several can be ticked. The first five can make the non-molestation route open.
HOW_KNOWN: dict[str, str] = {
    "partner": "They are my partner or ex-partner (including someone I dated)",
    "relative": "They are family: my relative, or a relative of my partner or ex-partner",
    "shared_home": "We live in the same home, or we used to",
    "child": "We both have a child together, or are both responsible for the same child",
    "family_case": "We are both part of the same family court case",
    "neighbour": "They are a neighbour",
    "colleague": "We work together, or used to",
    "acquaintance": "I know them a little (for example, a friend of a friend)",
    "online_contact": "I only know them online",
    "stranger": "I do not know who they are",
    "other": "Another way",
}

#: Short help for the choices that use a legal idea, shown beside the choice.
HOW_KNOWN_HELP: dict[str, str] = {
    "partner": (
        "This includes a husband, wife or civil partner, someone you were engaged to, someone "
        "you lived with as a couple, and someone you went out with. A civil partnership is a "
        "legal relationship, registered like a marriage."
    ),
    "relative": (
        "For example a parent, child, brother, sister, grandparent, aunt, uncle, cousin, or a "
        "step-relative. It also includes your partner's or ex-partner's family."
    ),
    "shared_home": (
        "Sharing a home (the law says \"household\") means living under the same roof and "
        "sharing everyday life. It does not have to be as a couple: family or friends who "
        "share a home count too."
    ),
    "child": (
        "This means you are both the child's parents, or you both have parental "
        "responsibility for the child. Parental responsibility is the legal rights and duties "
        "of a parent. Mothers have it, most fathers have it, and others, such as step-parents, "
        "can get it from a court."
    ),
    "family_case": (
        "A family court case is, for example, about arrangements for children, a divorce, or "
        "money after a separation. A criminal case does not count."
    ),
    "online_contact": "For example, through social media, a game, or a dating app.",
    "stranger": "For example, someone you have never met, or someone who hides who they are.",
}

#: Follow-up for a partner or ex-partner: what the relationship is or was. Several can apply.
PARTNER_KINDS: dict[str, str] = {
    "married": "We are married, or used to be",
    "civil_partners": "We are civil partners, or used to be",
    "lived_together": "We live together as a couple, or used to",
    "engaged": "We agreed to get married (we were engaged), even if that ended",
    "civil_partnership_agreement": "We agreed to become civil partners, even if that ended",
    "dated": "We went out together or had a sexual relationship, but none of the above",
}

#: "How are they related to you?" answer -> contract `relation`.
RELATIONS: dict[str, str] = {
    "parent": "Mother or father",
    "step_parent": "Stepmother or stepfather",
    "child": "Son or daughter",
    "stepchild": "Stepson or stepdaughter",
    "grandparent": "Grandmother or grandfather",
    "grandchild": "Grandchild",
    "sibling": "Brother or sister (including half-brother or half-sister)",
    "aunt_or_uncle": "Aunt or uncle",
    "niece_or_nephew": "Niece or nephew",
    "first_cousin": "First cousin (the child of an aunt or uncle)",
    "other_relative": "Another family member",
}

#: "Whose family are they?" Only the first three are relatives in law (FLA 1996 s.63(1)).
RELATIVE_THROUGH: dict[str, str] = {
    "self": "My family",
    "spouse_or_civil_partner": "The family of my husband, wife or civil partner (now or in the past)",
    "cohabitant": "The family of a partner I live with, or used to live with, as a couple",
    "other_partner": "The family of a partner I never married or lived with",
}

#: "Was that only because one of you was the other's landlord, lodger, tenant or employee?"
SHARED_HOME_ONLY_AS: dict[str, str] = {
    "no": "No. We shared the home in another way (for example, as family or friends)",
    "lodger": "Yes. One of us rented a room in the other's home (a lodger)",
    "tenant": "Yes. One of us was the other's tenant",
    "boarder": "Yes. One of us paid the other for a room and meals (a boarder)",
    "employee": "Yes. One of us worked for the other (for example, a live-in carer or nanny)",
}

#: "How many times has this person done something that frightened or upset you?"
INCIDENT_COUNTS: dict[str, str] = {
    "once": "Once",
    "two_or_more": "Twice or more",
    "none": "None yet",
}

#: "Did the relationship last a significant time?" - the person's view; the court decides.
SIGNIFICANT_DURATION: dict[str, str] = {
    "yes": "Yes",
    "no": "No, it was short",
    "unsure": "I'm not sure",
}

#: Partner kinds that make the two people associated with no further question.
_SETTLED_KINDS = ("married", "civil_partners", "lived_together")


def choice_list(options: Mapping[str, str], helps: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """Choices for a docassemble field (`code:`), each with its help text where there is one."""
    choices = []
    for value, label in options.items():
        item = {"value": value, "label": label}
        if helps and value in helps:
            item["help"] = helps[value]
        choices.append(item)
    return choices


def ticked(value: Any) -> list[str]:
    """The keys ticked in a checkboxes answer, in the order given.

    Accepts a mapping of key -> bool (docassemble's `DADict`, or a plain dict), an iterable
    of keys, or None (nothing ticked).
    """
    if value is None:
        return []
    if isinstance(value, Mapping) or hasattr(value, "items"):
        return [str(key) for key, chosen in value.items() if chosen]
    if isinstance(value, str):
        return [value]
    return [str(key) for key in value]


def asks_about_duration(
    partner_kinds: Iterable[str], engagement_ended: bool = False, agreement_ended: bool = False
) -> bool:
    """Whether to ask if the relationship lasted a significant time (FLA 1996 s.62(3)(ea)).

    Not asked when marriage, civil partnership or living together as a couple already
    settles the connection, or when an engagement or civil partnership agreement is still
    running. Asked for an ended agreement, because the three-year limit may have run out and
    the relationship itself may still count.
    """
    kinds = set(partner_kinds)
    if kinds & set(_SETTLED_KINDS):
        return False
    if "engaged" in kinds and not engagement_ended:
        return False
    if "civil_partnership_agreement" in kinds and not agreement_ended:
        return False
    return bool(kinds)


def _iso(day: Any) -> str:
    """A date (or datetime, or ISO string) as `YYYY-MM-DD`."""
    if isinstance(day, _dt.datetime):
        return day.date().isoformat()
    if isinstance(day, _dt.date):
        return day.isoformat()
    if isinstance(day, str):
        return _dt.date.fromisoformat(day[:10]).isoformat()
    raise TypeError(f"expected a date, got {type(day).__name__}")


def incidents_from_count(count: str, as_of: Any) -> list[dict[str, str]]:
    """Stand-in incidents for the simple "how many times?" answer.

    Until the incident log exists, the decision only needs how many there were. The dates
    are placeholders: the most recent is `as_of` and each earlier one a day before, so no
    remark that depends on dates (two on the same day, all older than six years) is made on
    dates the person never gave. Each carries `"date_known": False` to say so. The
    interview's `eligibility_incidents` block calls this; the incident log replaces that block.
    """
    if count not in INCIDENT_COUNTS:
        raise ValueError(f"incident count: expected one of {', '.join(INCIDENT_COUNTS)} (got {count!r})")
    number = {"none": 0, "once": 1, "two_or_more": 2}[count]
    last = _dt.date.fromisoformat(_iso(as_of))
    return [
        {"date": (last - _dt.timedelta(days=back)).isoformat(), "date_known": False}
        for back in reversed(range(number))
    ]


def without_notice_answers(
    risk_of_significant_harm: bool | None = None,
    deterred_or_prevented: bool | None = None,
    evading_service: bool | None = None,
) -> dict[str, bool] | None:
    """The contract's `without_notice` object from the three FLA 1996 s.45(2) answers.

    Questions not asked (None) are left out; None when none was asked.
    """
    answers = {
        "risk_of_significant_harm": risk_of_significant_harm,
        "deterred_or_prevented": deterred_or_prevented,
        "evading_service": evading_service,
    }
    given = {key: bool(value) for key, value in answers.items() if value is not None}
    return given or None


def _partner_relationships(
    kinds: list[str],
    engagement_ended_on: Any,
    agreement_ended_on: Any,
    significant_duration: str | None,
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    simple = {"married": "spouse", "civil_partners": "civil_partner", "lived_together": "cohabitant"}
    for kind in kinds:
        if kind in simple:
            found.append({"type": simple[kind]})
        elif kind == "engaged":
            item: dict[str, Any] = {"type": "engaged"}
            if engagement_ended_on is not None:
                item["ended_on"] = _iso(engagement_ended_on)
            found.append(item)
        elif kind == "civil_partnership_agreement":
            item = {"type": "civil_partnership_agreement"}
            if agreement_ended_on is not None:
                item["ended_on"] = _iso(agreement_ended_on)
            found.append(item)
        elif kind != "dated":
            raise ValueError(f"partner kind: expected one of {', '.join(PARTNER_KINDS)} (got {kind!r})")
    if significant_duration is not None:
        if significant_duration not in SIGNIFICANT_DURATION:
            raise ValueError(f"significant duration: expected yes, no or unsure (got {significant_duration!r})")
        found.append({"type": "intimate_relationship", "significant_duration": significant_duration})
    elif "dated" in kinds:
        # Dated, but the duration question was not answered: the court must judge it.
        found.append({"type": "intimate_relationship", "significant_duration": "unsure"})
    return found


def _relative(relation: str | None, through: str | None) -> dict[str, Any]:
    if through == "other_partner":
        # The family of a partner one never married or lived with are not relatives in law
        # (FLA 1996 s.63(1)); the decision engine explains that "other" connections do not count.
        return {"type": "other"}
    if relation not in RELATIONS:
        raise ValueError(f"relation: expected one of {', '.join(RELATIONS)} (got {relation!r})")
    item: dict[str, Any] = {"type": "relative", "relation": relation}
    if through and through != "self":
        if through not in RELATIVE_THROUGH:
            raise ValueError(f"relative through: expected one of {', '.join(RELATIVE_THROUGH)} (got {through!r})")
        item["through"] = through
    return item


def build_facts(
    *,
    lives_in: str,
    in_danger_now: bool = False,
    applicant_age: int | None = None,
    how_known: Any = None,
    partner_kinds: Any = None,
    engagement_ended_on: Any = None,
    agreement_ended_on: Any = None,
    significant_duration: str | None = None,
    relative_relation: str | None = None,
    relative_through: str | None = None,
    shared_home_only_as: str | None = None,
    incidents: list[dict[str, Any]] | None = None,
    further_conduct_feared: bool = False,
    without_notice: Mapping[str, bool] | None = None,
    as_of: Any = None,
) -> dict[str, Any]:
    """Return the facts dict of docs/assess-contract.md from the interview's answers.

    Args:
        lives_in: the `lives_in` answer (`england`, `wales`, ...).
        in_danger_now: the first safety answer; becomes `immediate_danger`.
        applicant_age: age in whole years, if asked.
        how_known: keys of `HOW_KNOWN` that were ticked (a checkboxes answer or a list).
        partner_kinds: keys of `PARTNER_KINDS` ticked, when `partner` was ticked.
        engagement_ended_on: when an engagement ended; None if it has not ended.
        agreement_ended_on: the same for a civil partnership agreement.
        significant_duration: `yes` | `no` | `unsure`, when the duration question was asked.
        relative_relation: a key of `RELATIONS`, when `relative` was ticked.
        relative_through: a key of `RELATIVE_THROUGH` (default `self`).
        shared_home_only_as: a key of `SHARED_HOME_ONLY_AS`, when `shared_home` was ticked.
        incidents: the incidents, each at least `{"date": "YYYY-MM-DD"}`.
        further_conduct_feared: "Are you afraid they will do it again?"
        without_notice: the s.45(2) answers (see `without_notice_answers`), if asked.
        as_of: the date of the decision; left out (today) when None.

    Raises:
        ValueError: an answer key the interview never offers (a bug, not a user error).
    """
    known = ticked(how_known)
    unknown = [key for key in known if key not in HOW_KNOWN]
    if unknown:
        raise ValueError(f"how known: expected keys of {', '.join(HOW_KNOWN)} (got {unknown[0]!r})")
    relationships: list[dict[str, Any]] = []
    for key in known:
        if key == "partner":
            relationships += _partner_relationships(
                ticked(partner_kinds), engagement_ended_on, agreement_ended_on, significant_duration
            )
        elif key == "relative":
            relationships.append(_relative(relative_relation, relative_through))
        elif key == "shared_home":
            item: dict[str, Any] = {"type": "household_member"}
            if shared_home_only_as not in (None, "no"):
                if shared_home_only_as not in SHARED_HOME_ONLY_AS:
                    raise ValueError(f"shared home: expected one of {', '.join(SHARED_HOME_ONLY_AS)}")
                item["only_as"] = shared_home_only_as
            relationships.append(item)
        elif key == "child":
            relationships.append({"type": "co_parent"})
        elif key == "family_case":
            relationships.append({"type": "family_proceedings"})
        else:
            relationships.append({"type": key})
    facts: dict[str, Any] = {
        "lives_in": lives_in,
        "immediate_danger": bool(in_danger_now),
        "relationships": relationships,
        "incidents": [dict(item) for item in (incidents or [])],
        "further_conduct_feared": bool(further_conduct_feared),
    }
    if as_of is not None:
        facts["as_of"] = _iso(as_of)
    if applicant_age is not None:
        facts["applicant_age"] = int(applicant_age)
    if without_notice:
        facts["without_notice"] = dict(without_notice)
    return facts


def add_without_notice(facts: Mapping[str, Any], without_notice: Mapping[str, bool] | None) -> dict[str, Any]:
    """A copy of `facts` with the s.45(2) answers added (unchanged when there are none)."""
    result = dict(facts)
    if without_notice:
        result["without_notice"] = dict(without_notice)
    return result
