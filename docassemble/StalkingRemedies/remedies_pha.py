"""The harassment injunction route (Protection from Harassment Act 1997 s.3).

Why its own module: this route needs no connection at all; its test is the course of conduct
(s.7(3): conduct on at least two occasions), or a feared one (s.3(1): an "apprehended" breach).
The minimum number of occasions, the fees, the ages and the citations all come from the table.

Decisions taken here (see docs/assess-contract.md, "Decisions"):
- Occasions are counted by incident: every incident recorded is one occasion, even when two
  fall on the same day. Courts have treated calls minutes apart as separate occasions (Kelly v
  DPP); whether incidents are linked enough is left to the court (Lau v DPP), and the reason
  says so.
- One incident with further conduct feared is "maybe" (an apprehended breach, s.3(1)); one
  incident without that fear, or none at all, is "no" - with a pointer to keep a log.
- The six-year limitation period only adds a warning; it never closes the route, because an
  injunction against feared harassment does not depend on how old the past incidents are.
"""

from __future__ import annotations

from collections import Counter

from docassemble.StalkingRemedies.facts import Facts
from docassemble.StalkingRemedies.law import LawTable
from docassemble.StalkingRemedies.remedies_model import Availability, Route, unique

__all__ = ["assess_harassment"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _decision(facts: Facts, law: LawTable) -> tuple[Availability, list[str], list[str]]:
    """The course-of-conduct test alone: availability, reasons and citations."""
    rule = law.course_of_conduct
    need = rule.min_occasions
    count = len(facts.incidents)
    told = (
        f"You told us about {_plural(count, 'incident')}."
        if count
        else "You have not told us about anything that has happened yet."
    )
    needs = (
        f"The law needs the behaviour to have happened on at least {need} occasions. "
        "It calls this a \"course of conduct\"."
    )
    if count >= need:
        reasons = [
            "You can apply for a harassment injunction.",
            "Anyone can apply. You do not need to be related or connected to them.",
            f"{told} {needs} So this test is met.",
        ]
        if any(n > 1 for n in Counter(i.date for i in facts.incidents).values()):
            reasons.append(
                "Some of your incidents happened on the same day. We count each separate "
                "incident as its own occasion: courts have treated phone calls made minutes "
                f"apart as separate occasions ({rule.same_day_case.citation})."
            )
        reasons.append(
            "The court will still decide whether the incidents are linked, and whether a "
            "reasonable person would see them as harassment (for example, behaviour that "
            "alarms you or causes you distress)."
        )
        cites = [rule.provision.citation, law.cite("pha_s1"), rule.apprehended_provision.citation]
        return Availability.YES, reasons, cites
    if count == 1 and facts.further_conduct_feared:
        reasons = [
            "You may be able to apply for a harassment injunction.",
            "Anyone can apply. You do not need to be related or connected to them.",
            f"{told} {needs}",
            "But the court can also step in to stop harassment it thinks is about to happen. "
            "You said you fear it will happen again, so the court will decide whether to act now.",
        ]
        cites = [rule.apprehended_provision.citation, rule.provision.citation]
        return Availability.MAYBE, reasons, cites
    reasons = ["You cannot apply for a harassment injunction yet.", f"{told} {needs}"]
    if count == 1:
        reasons.append("You also told us you do not fear it will happen again.")
    reasons.append(
        "If it happens again, write it down and check again: another incident may open this route."
    )
    return Availability.NO, reasons, [rule.provision.citation]


def _costs_and_duties(facts: Facts, law: LawTable) -> tuple[list[str], list[str]]:
    """What applying involves: fees, the cross-undertaking, without-notice duties, age, time."""
    fees = law.fees
    claim = fees["county_court_non_money_claim"]
    about = "about " if claim.verify else ""
    on_notice = fees["general_application_on_notice"].amount_gbp
    without = fees["general_application_without_notice"].amount_gbp
    reasons = [
        f"There are court fees. Starting the claim costs {about}£{claim.amount_gbp}. Applying "
        f"for the injunction costs £{on_notice}, or £{without} if you apply without telling "
        "them first. If your income is low, ask for Help with Fees (form EX160).",
        "You can also ask for money (damages) for the anxiety and any money you lost because "
        "of the harassment.",
        "If the court makes a temporary order before the full hearing (an \"interim "
        "injunction\"), you will usually have to promise to pay them for any loss it causes, "
        "if it later turns out it should not have been made. This promise is called a "
        "\"cross-undertaking in damages\".",
    ]
    cites = [law.cite("pha_s3_2"), law.cite("cpr_25_9_3")]
    if facts.without_notice.requested:
        reasons.append(
            "You want the order made without telling them first. If the court agrees, you must "
            "then send them the papers and a note of the hearing, and the court will set a "
            "date for another hearing (the \"return date\") where they can answer."
        )
    adult = law.ages["adult"]
    if facts.applicant_age is not None and facts.applicant_age < adult.years:
        reasons.append(
            f"Because you are under {adult.years}, an adult must bring the claim for you. This "
            "person is called a \"litigation friend\"."
        )
        cites.append(adult.provision.citation)
    limit = law.time_limits["harassment_claim"]
    if facts.incidents and limit.last_day(max(i.date for i in facts.incidents)) < facts.as_of:
        reasons.append(
            f"All the incidents you recorded are more than {limit.years} years old. A claim for "
            f"harassment must usually start within {limit.years} years, so get advice before "
            "you apply."
        )
        cites.append(limit.provision.citation)
    return reasons, cites


def assess_harassment(facts: Facts, law: LawTable) -> Route:
    """Decide the harassment-injunction route for someone in England or Wales."""
    available, reasons, cites = _decision(facts, law)
    if available is not Availability.NO:
        more_reasons, more_cites = _costs_and_duties(facts, law)
        reasons += more_reasons
        cites += more_cites
    return Route(available, unique(reasons), unique(cites))
