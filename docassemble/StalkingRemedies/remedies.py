"""The decision engine: from the facts to which protective orders are open, and why.

`assess(facts)` is a pure function: plain typed data in (`facts.Facts`), plain data out
(`Assessment`), no docassemble import, no I/O beyond reading the cached law table. That is
what lets the same decision serve the interview, the `stalking-remedies assess` command and the
tests, and lets the tests check it against cases written from the statutes.

The two routes are decided in their own modules (remedies_nmo, remedies_pha); this module adds
what needs both: scope, the recommendation, the signposts and the emergency advice.

Typical use (the interview does the same with a dict built from answers):

    from docassemble.StalkingRemedies.facts import parse_facts
    from docassemble.StalkingRemedies.remedies import assess
    result = assess(parse_facts({"lives_in": "wales", "incidents": []})).to_dict()

Decisions taken here (see docs/assess-contract.md, "Decisions"):
- When both routes are equally open we suggest the non-molestation order and say why, and that
  the person may choose the other; a "yes" route is preferred to a "maybe" one.
- When nothing is "yes", a "maybe" route is still suggested, with the caveat, because the point
  it turns on is one only the court can decide; the "no route is yes" signposts still appear.
- Police and the National Stalking Helpline are signposted to everyone, because stalking is a
  crime whatever the civil route.
"""

from __future__ import annotations

from docassemble.StalkingRemedies.facts import Facts, LivesIn, RelationshipType
from docassemble.StalkingRemedies.law import LawTable, Signpost, load_law, signpost
from docassemble.StalkingRemedies.remedies_model import (
    HARASSMENT_INJUNCTION,
    NON_MOLESTATION_ORDER,
    Assessment,
    Availability,
    Route,
    WithoutNotice,
)
from docassemble.StalkingRemedies.remedies_nmo import assess_non_molestation
from docassemble.StalkingRemedies.remedies_notice import assess_without_notice
from docassemble.StalkingRemedies.remedies_pha import assess_harassment

__all__ = [
    "assess",
    "Assessment",
    "Availability",
    "Route",
    "WithoutNotice",
    "NON_MOLESTATION_ORDER",
    "HARASSMENT_INJUNCTION",
    "signpost",
    "Signpost",
]

_IN_SCOPE = frozenset({LivesIn.ENGLAND, LivesIn.WALES})
_PLACE_NAMES = {
    LivesIn.SCOTLAND: "in Scotland",
    LivesIn.NORTHERN_IRELAND: "in Northern Ireland",
    LivesIn.OUTSIDE_UK: "outside the UK",
}


def _out_of_scope(facts: Facts, title: str) -> Route:
    return Route(
        Availability.NO,
        (
            f"This tool covers England and Wales only. You told us you live "
            f"{_PLACE_NAMES[facts.lives_in]}, where the law is different.",
            f"The {title} this tool prepares is made by the courts of England and Wales.",
            "If the stalking happens in England or Wales, or the person lives there, a court "
            "there may still be able to help. Get legal advice.",
        ),
        (),
    )


def _recommend(nmo: Route, pha: Route, law: LawTable) -> tuple[str | None, tuple[str, ...]]:
    """Pick the route to draft by default, and say why in plain English."""
    titles = {rid: info.title for rid, info in law.routes.items()}
    if nmo.available is Availability.NO and pha.available is Availability.NO:
        return None, (
            "Neither court order is open to you on what you told us.",
            "You still have options: the police, support services, and other orders listed "
            "below. If things change, come back and check again.",
        )
    # Ties go to the non-molestation order: it is free, needs no cross-undertaking, and
    # breaking it is a crime (the advantages listed in the law table).
    if nmo.available.rank >= pha.available.rank:
        choice, other, chosen, alternative = NON_MOLESTATION_ORDER, HARASSMENT_INJUNCTION, nmo, pha
    else:
        choice, other, chosen, alternative = HARASSMENT_INJUNCTION, NON_MOLESTATION_ORDER, pha, nmo
    reasons: list[str] = []
    if chosen.available is Availability.MAYBE:
        reasons.append(
            f"Neither order is certain, but a {titles[choice]} may be possible. We suggest "
            "preparing it, because the point it depends on is one only the court can decide. "
            "Get advice if you can."
        )
    elif alternative.available is Availability.YES:
        reasons.append(f"Both orders are open to you. We suggest a {titles[choice]}, because:")
        reasons += law.routes[choice].advantages
    else:
        reasons.append(
            f"We suggest a {titles[choice]}, because it is open to you on what you told us."
        )
    if alternative.available is not Availability.NO:
        reasons.append(
            f"You can choose a {titles[other]} instead if you prefer."
            if alternative.available is Availability.YES
            else f"A {titles[other]} may also be possible, but that is less certain."
        )
    if choice == HARASSMENT_INJUNCTION and nmo.available is Availability.MAYBE:
        free = law.fees["fl401"].amount_gbp == 0
        reasons.append(
            f"A {titles[NON_MOLESTATION_ORDER]} "
            + ("has no court fee, so ask" if free else "may still suit you better, so ask")
            + " an adviser whether to try it first."
        )
    return choice, tuple(reasons)


def _personally_connected(facts: Facts, law: LawTable) -> bool:
    """DA Act 2021 s.2: relatives must be on the s.63 list; other listed types always count."""
    for rel in facts.relationships:
        if rel.type.value not in law.personally_connected:
            continue
        if rel.type is not RelationshipType.RELATIVE:
            return True
        if rel.relation is not None and rel.relation.value in law.relatives.counted:
            return True
    return False


def _signposts(
    facts: Facts, in_scope: bool, nmo: Route, pha: Route, law: LawTable
) -> tuple[str, ...]:
    """Help outside this product, most urgent first."""
    ids: list[str] = []
    if facts.immediate_danger:
        ids.append("emergency_999")
    if not in_scope:
        ids.append(facts.lives_in.value)  # scotland, northern_ireland, outside_uk
    ids += ["police", "national_stalking_helpline"]
    if not in_scope:
        return tuple(ids)
    no_route_yes = Availability.YES not in (nmo.available, pha.available)
    if nmo.available is not Availability.NO:
        ids.append("legal_aid")
    if pha.available is not Availability.NO:
        ids.append("help_with_fees")
    if nmo.available is not Availability.YES and _personally_connected(facts, law):
        ids.append("dapo_pilot")
    if no_route_yes:
        ids += ["stalking_protection_order", "restraining_order"]
    ids += ["paladin", "keep_log"]
    return tuple(ids)


def _emergency_advice(facts: Facts, law: LawTable) -> tuple[str, ...]:
    if not facts.immediate_danger:
        return ()
    if facts.lives_in is LivesIn.OUTSIDE_UK:
        call = "Call the local emergency number now (112 works across Europe; 999 works in the UK)."
    else:
        call = law.signposts["emergency_999"].description
    return (
        "You told us you are in danger now. Your safety comes first.",
        call,
        "When you are safe, you can come back and carry on.",
    )


def assess(facts: Facts, law: LawTable | None = None) -> Assessment:
    """Decide which protective orders are open, which to draft, and where else to get help.

    Args:
        facts: checked facts, usually from `facts.parse_facts`.
        law: the law table; the package's own table when omitted (tests pass a changed one to
            show that a rule really comes from the table).

    Returns:
        The assessment. `Assessment.to_dict()` gives the JSON of docs/assess-contract.md.
    """
    law = load_law() if law is None else law
    in_scope = facts.lives_in in _IN_SCOPE
    if in_scope:
        nmo = assess_non_molestation(facts, law)
        pha = assess_harassment(facts, law)
        recommended, why = _recommend(nmo, pha, law)
    else:
        nmo = _out_of_scope(facts, law.routes[NON_MOLESTATION_ORDER].title)
        pha = _out_of_scope(facts, law.routes[HARASSMENT_INJUNCTION].title)
        recommended, why = None, (
            "This tool cannot prepare an application outside England and Wales. The help "
            "listed below can point you to the right place.",
        )
    return Assessment(
        as_of=facts.as_of,
        in_scope=in_scope,
        emergency=facts.immediate_danger,
        non_molestation_order=nmo,
        harassment_injunction=pha,
        recommended=recommended,
        recommendation_reasons=why,
        signposts=_signposts(facts, in_scope, nmo, pha, law),
        emergency_advice=_emergency_advice(facts, law),
        without_notice=(
            assess_without_notice(facts, law, recommended)
            if in_scope
            else WithoutNotice(requested=facts.without_notice.requested)
        ),
    )
