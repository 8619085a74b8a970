"""The non-molestation order route (FLA 1996 Part IV): is the applicant "associated"?

Why its own module: the whole eligibility test for this order is s.62(3) (with s.63 for
relatives and s.42(4)/(4ZA) for ended agreements), and it is the part of the law with the most
edges. Each connection the person describes is judged on its own; any one that qualifies is
enough, and the citation names it. Every list, limit and citation comes from the law table.

Decisions taken here (see docs/assess-contract.md, "Decisions"):
- `other_relative` is "no" under (d): the enum already names every relative on the closed s.63
  list, so anything else is off it. The reason says who does not count and suggests the
  connections that might (a listed relation, or a shared household).
- An intimate relationship the person is `unsure` about is "maybe": the court judges
  "significant duration", and we never suggest a number of months.
- Under 16 keeps the route open but says the court's leave is needed (s.43).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docassemble.StalkingRemedies.facts import (
    Facts,
    Relation,
    Relationship,
    RelationshipType,
    SignificantDuration,
)
from docassemble.StalkingRemedies.law import LawTable, LawTableError
from docassemble.StalkingRemedies.remedies_model import Availability, Route, uk_date, unique

__all__ = ["assess_non_molestation", "connection_finding", "Finding"]

_AGREEMENT_NAMES = {
    RelationshipType.ENGAGED: "engagement",
    RelationshipType.CIVIL_PARTNERSHIP_AGREEMENT: "civil partnership agreement",
}


@dataclass(frozen=True)
class Finding:
    """What one described connection means for this route."""

    outcome: Availability
    reasons: tuple[str, ...]
    citations: tuple[str, ...]


def _household(rel: Relationship, law: LawTable) -> Finding:
    rule = law.associations[rel.type.value]
    cite = (rule.provision.citation,)
    if rel.only_as is not None:
        label = rule.not_if_only_as[rel.only_as.value]
        return Finding(
            Availability.NO,
            (
                f"Living in the same household only because one of you is, or was, the other's "
                f"{label} does not count.",
                "It would count if you also shared the home in another way, for example as "
                "family or as friends.",
            ),
            cite,
        )
    return Finding(Availability.YES, (rule.reason,), cite)


def _relative(rel: Relationship, law: LawTable) -> Finding:
    rule = law.associations[rel.type.value]
    table = law.relatives
    cites = (rule.provision.citation, table.provision.citation)
    if rel.relation is None or rel.relation is Relation.OTHER_RELATIVE:
        examples = ", ".join(table.not_counted[:-1]) + " and " + table.not_counted[-1]
        listed = ", ".join(table.counted.values())
        return Finding(
            Availability.NO,
            (
                "The law has a fixed list of relatives who count, and the relative you "
                "described is not on it.",
                f"For example, {examples} do not count. A court confirmed this for a "
                f"step-nephew ({table.case.citation}).",
                f"The list is: {listed}. Each counts whether they are your own relative, or the "
                "relative of your husband, wife or civil partner, or of a partner you live or "
                "lived with. If one of them fits, choose it instead.",
                "If you live, or lived, in the same household as them, that may count instead.",
            ),
            cites,
        )
    label = table.counted[rel.relation.value]
    return Finding(Availability.YES, (table.through[rel.through.value].format(label=label),), cites)


def _agreement(rel: Relationship, as_of: dt.date, law: LawTable) -> Finding:
    rule = law.associations[rel.type.value]
    name = _AGREEMENT_NAMES[rel.type]
    evidence: tuple[str, ...] = ()
    evidence_cite: tuple[str, ...] = ()
    if rule.evidence is not None:
        evidence = (
            f"The court may ask for proof of the {name}, such as something in writing, a ring "
            "given as a sign of it, or a ceremony in front of witnesses.",
        )
        evidence_cite = (rule.evidence.citation,)
    if rel.ended_on is None:
        return Finding(
            Availability.YES,
            (f"{rule.reason} The {name} has not ended.", *evidence),
            (rule.provision.citation, *evidence_cite),
        )
    if rule.time_limit is None:
        raise LawTableError(f"associations.{rel.type.value}.time_limit: required")
    limit = law.time_limits[rule.time_limit]
    last = limit.last_day(rel.ended_on)
    cites = (rule.provision.citation, limit.provision.citation)
    ended = f"The {name} ended on {uk_date(rel.ended_on)}."
    if as_of <= last:
        return Finding(
            Availability.YES,
            (
                rule.reason,
                f"{ended} The law lets you rely on it for {limit.years} years after it ends, "
                f"so you must apply by {uk_date(last)}.",
                *evidence,
            ),
            (*cites, *evidence_cite),
        )
    return Finding(
        Availability.NO,
        (
            f"{ended} The law only lets you rely on an ended {name} for {limit.years} years, "
            f"and that time ran out on {uk_date(last)}.",
        ),
        cites,
    )


def _intimate(rel: Relationship, law: LawTable) -> Finding:
    rule = law.associations[rel.type.value]
    cite = (rule.provision.citation,)
    no_minimum = (
        "The law does not set a minimum length. The court looks at the whole relationship and "
        "decides whether it lasted a significant time."
    )
    if rel.significant_duration is SignificantDuration.YES:
        return Finding(Availability.YES, (rule.reason,), cite)
    if rel.significant_duration is SignificantDuration.UNSURE:
        return Finding(
            Availability.MAYBE,
            (
                "You had a close intimate relationship, but you are not sure it lasted long "
                "enough to count.",
                no_minimum,
            ),
            cite,
        )
    return Finding(
        Availability.NO,
        (
            "You told us the intimate relationship did not last a significant time, so it does "
            "not count on its own.",
            f"{no_minimum} If you are not sure, answer \"unsure\".",
        ),
        cite,
    )


def connection_finding(rel: Relationship, as_of: dt.date, law: LawTable) -> Finding:
    """Judge one connection against s.62(3): yes, maybe or no, with reasons and citations."""
    if rel.type.value in law.not_associated:
        return Finding(Availability.NO, (law.not_associated[rel.type.value],), ())
    if rel.type is RelationshipType.HOUSEHOLD_MEMBER:
        return _household(rel, law)
    if rel.type is RelationshipType.RELATIVE:
        return _relative(rel, law)
    if rel.type in _AGREEMENT_NAMES:
        return _agreement(rel, as_of, law)
    if rel.type is RelationshipType.INTIMATE_RELATIONSHIP:
        return _intimate(rel, law)
    rule = law.associations[rel.type.value]
    return Finding(Availability.YES, (rule.reason,), (rule.provision.citation,))


_HEADLINES = {
    Availability.YES: (
        "You can apply for a non-molestation order. You are connected to them in one of the "
        "ways the law lists (the law calls this being \"associated\")."
    ),
    Availability.MAYBE: (
        "You may be able to apply for a non-molestation order. It depends on a point the court "
        "decides."
    ),
    Availability.NO: (
        "You cannot apply for a non-molestation order on what you told us. It is only open "
        "against someone you are connected to in one of the ways the law lists (the law calls "
        "this being \"associated\")."
    ),
}


def _extras(facts: Facts, law: LawTable) -> tuple[list[str], list[str]]:
    """Reasons and citations that apply whenever the route is open (yes or maybe)."""
    reasons = ["One incident can be enough for this order. You do not need to show a pattern."]
    cites: list[str] = []
    if not facts.incidents:
        reasons.append(
            "You have not recorded any incidents yet. The court will want to know what they "
            "have done and why you need protection."
        )
    fee = law.fees["fl401"].amount_gbp
    reasons.append("There is no court fee." if fee == 0 else f"The court fee is £{fee}.")
    age = facts.applicant_age
    leave = law.ages["nmo_leave_below"]
    if age is not None and age < leave.years:
        reasons.append(
            f"Because you are under {leave.years}, you need the court's permission (called "
            "\"leave\") to apply. The court gives it if it thinks you understand enough about "
            "what you are asking for."
        )
        cites.append(leave.provision.citation)
    if age is not None and age < law.ages["adult"].years:
        reasons.append(
            f"Because you are under {law.ages['adult'].years}, an adult will usually need to act "
            "for you in court. This person is called a \"litigation friend\"."
        )
        cites.append(law.cite("fpr_part_16"))
    return reasons, cites


def assess_non_molestation(facts: Facts, law: LawTable) -> Route:
    """Decide the non-molestation route for someone in England or Wales."""
    # The same connection given twice (two "neighbour" entries, say) is reported once.
    findings = list(
        dict.fromkeys(connection_finding(r, facts.as_of, law) for r in facts.relationships)
    )
    best = max((f.outcome for f in findings), key=lambda a: a.rank, default=Availability.NO)
    ordered = sorted(findings, key=lambda f: -f.outcome.rank)
    reasons = [_HEADLINES[best]]
    if not findings:
        reasons.append("You did not tell us about any connection to them.")
    reasons += [reason for finding in ordered for reason in finding.reasons]
    if best is Availability.NO:
        cites = [law.cite("fla_s62_3")] + [c for f in ordered for c in f.citations]
        return Route(best, unique(reasons), unique(cites))
    cites = [c for f in ordered if f.outcome is best for c in f.citations]
    extra_reasons, extra_cites = _extras(facts, law)
    return Route(best, unique(reasons + extra_reasons), unique(cites + extra_cites))
